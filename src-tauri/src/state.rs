//! The state Tauri manages for the commands: one `AppState`, built once in
//! `lib.rs`, reached as `State<'_, AppState>` or, from a worker thread,
//! through the `AppHandle` (see [`blocking`]).

use crate::answer::AnswerSlot;
use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::paths::DataPaths;
use std::sync::Mutex;
use tauri::{AppHandle, Manager};

pub struct AppState {
    pub paths: DataPaths,
    pub bank: br_core::QuestionBank,
    /// The database and the round in play, behind one lock
    /// (`br_app::Practice`): the only way the app reaches either.
    pub practice: br_app::Practice,
    pub models: br_models::Catalogue,
    /// `BARRAISER_MODEL`, read once at start: a model path or name that
    /// overrides the chosen-model setting.
    pub model_override: Option<std::ffi::OsString>,
    /// The answer being recorded and the loaded speech model.
    pub answer: AnswerSlot,
    /// Cancels the model download in progress, if any.
    pub download: Mutex<Option<br_models::CancelToken>>,
    /// The interviewer's voice.
    pub speaker: crate::interviewer::Speaker,
}

/// Runs `work` on Tauri's blocking pool with the app state, so disk,
/// database and model work never runs on the UI thread or stalls the async
/// runtime.
pub async fn blocking<T, F>(app: &AppHandle, work: F) -> CommandResult<T>
where
    T: Send + 'static,
    F: FnOnce(&AppState) -> CommandResult<T> + Send + 'static,
{
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || match app.try_state::<AppState>() {
        Some(state) => work(&state),
        None => Err(startup_failure(&app)),
    })
    .await
    .map_err(|e| CommandError::new(ErrorKind::InvalidState, format!("the task failed: {e}")))?
}

/// Why the app state could not be built (the data folder or database could
/// not be opened). The window still opens and every command answers with
/// this, so the user reads what went wrong instead of seeing nothing.
pub struct StartupFailure(pub String);

fn startup_failure(app: &AppHandle) -> CommandError {
    let reason = app
        .try_state::<StartupFailure>()
        .map(|f| f.0.clone())
        .unwrap_or_else(|| "the app did not finish starting".into());
    CommandError::new(ErrorKind::Storage, reason)
}
