//! The question bank's principles and roles, for the Start screen.

use crate::dto::catalog::Catalog;
use crate::state::AppState;
use tauri::State;

/// The principles (with how many questions each has) and roles to choose from.
#[tauri::command]
#[specta::specta]
pub fn get_catalog(state: State<'_, AppState>) -> Catalog {
    Catalog::from_bank(&state.bank)
}
