//! The speech model: status, download with progress, choose, add a file.

use crate::dto::models::{DownloadProgress, ModelsView};
use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::models;
use crate::state::blocking;
use tauri::ipc::Channel;
use tauri::AppHandle;

/// Installed models, downloadable ones and the one in use.
#[tauri::command]
#[specta::specta]
pub async fn list_models(app: AppHandle) -> CommandResult<ModelsView> {
    blocking(&app, models::view).await
}

/// Downloads a published model, streaming progress over `on_progress`;
/// resumes an interrupted download. The new model becomes the chosen one.
#[tauri::command]
#[specta::specta]
pub async fn download_model(
    app: AppHandle,
    name: String,
    on_progress: Channel<DownloadProgress>,
) -> CommandResult<ModelsView> {
    blocking(&app, move |state| {
        let cancel = br_models::CancelToken::new();
        {
            let mut slot = state.download.lock().unwrap_or_else(|p| p.into_inner());
            if slot.is_some() {
                return Err(CommandError::new(
                    ErrorKind::InvalidState,
                    "a model is already downloading; wait for it or cancel it",
                ));
            }
            *slot = Some(cancel.clone());
        }
        let result = br_models::DownloadConfig::from_env().and_then(|config| {
            state.models.download(&name, &config, &cancel, |event| {
                if let Some(progress) = DownloadProgress::from_event(event) {
                    // A closed window just stops listening; the download goes on.
                    let _ = on_progress.send(progress);
                }
            })
        });
        *state.download.lock().unwrap_or_else(|p| p.into_inner()) = None;
        result?;
        state.models.choose(&name)?;
        models::view(state)
    })
    .await
}

/// Cancels the download in progress; its bytes are kept for a resume.
#[tauri::command]
#[specta::specta]
pub async fn cancel_download(app: AppHandle) -> CommandResult<()> {
    blocking(&app, |state| {
        if let Some(cancel) = state
            .download
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            cancel.cancel();
        }
        Ok(())
    })
    .await
}

/// Makes an installed model the one transcription uses.
#[tauri::command]
#[specta::specta]
pub async fn choose_model(app: AppHandle, name: String) -> CommandResult<ModelsView> {
    blocking(&app, move |state| {
        state.models.choose(&name)?;
        models::view(state)
    })
    .await
}

/// Adds a model file the user already has (any ggml Whisper file).
#[tauri::command]
#[specta::specta]
pub async fn add_model(app: AppHandle, path: String) -> CommandResult<ModelsView> {
    blocking(&app, move |state| models::add(state, path.trim())).await
}
