//! The question bank's principles and roles, for the Start screen.

use crate::dto::catalog::Catalog;
use crate::error::CommandResult;
use crate::state::blocking;
use tauri::AppHandle;

/// The principles (with how many questions each has) and roles to choose from.
#[tauri::command]
#[specta::specta]
pub async fn get_catalog(app: AppHandle) -> CommandResult<Catalog> {
    blocking(&app, |state| Ok(Catalog::from_bank(&state.bank))).await
}
