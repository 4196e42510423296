//! Progress over rounds and the story bank.

use crate::dto::summary::ProgressView;
use crate::dto::Id;
use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::state::{blocking, AppState};
use br_app::now_ms;
use tauri::AppHandle;

fn progress_view(state: &AppState) -> CommandResult<ProgressView> {
    state.practice.with_store(|store| {
        let progress = br_session::progress(&store.answer_stats()?, None);
        let bank = br_session::story_bank(&store.stories()?, &store.story_uses()?);
        Ok(ProgressView::new(&progress, &bank))
    })
}

/// Trends per round and per principle, and the story bank's coverage.
#[tauri::command]
#[specta::specta]
pub async fn get_progress(app: AppHandle) -> CommandResult<ProgressView> {
    blocking(&app, progress_view).await
}

/// Adds a story to the bank.
#[tauri::command]
#[specta::specta]
pub async fn add_story(app: AppHandle, name: String, notes: String) -> CommandResult<ProgressView> {
    blocking(&app, move |state| {
        if name.trim().is_empty() {
            return Err(CommandError::new(
                ErrorKind::InvalidInput,
                "give the story a short name, e.g. \"checkout latency\"",
            ));
        }
        state
            .practice
            .with_store(|store| store.add_story(name.trim(), notes.trim(), now_ms()))?;
        progress_view(state)
    })
    .await
}

/// Removes a story from the bank (answers tagged with it lose the tag).
#[tauri::command]
#[specta::specta]
pub async fn delete_story(app: AppHandle, story_id: Id) -> CommandResult<ProgressView> {
    blocking(&app, move |state| {
        state
            .practice
            .with_store(|store| store.delete_story(story_id.0))?;
        progress_view(state)
    })
    .await
}
