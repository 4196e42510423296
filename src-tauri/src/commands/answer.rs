//! Recording an answer: start (with a stream of levels and live
//! transcript), stop (transcribe the tail, analyse, ask the next question),
//! cancel.

use crate::answer::{self, AnswerEvent};
use crate::dto::round::RoundView;
use crate::error::CommandResult;
use crate::state::blocking;
use tauri::ipc::Channel;
use tauri::AppHandle;

/// Starts recording the answer to the current prompt. `on_event` receives
/// the level every 50 ms and the transcript as it grows.
#[tauri::command]
#[specta::specta]
pub async fn start_answer(app: AppHandle, on_event: Channel<AnswerEvent>) -> CommandResult<()> {
    blocking(&app, move |state| {
        answer::start(state, move |event| {
            // The window may be gone; the recording still stops cleanly.
            let _ = on_event.send(event);
        })
    })
    .await
}

/// Stops recording; returns the round with the analysed answer and the
/// next prompt (a follow-up, the self-rating, or the next question).
#[tauri::command]
#[specta::specta]
pub async fn stop_answer(app: AppHandle) -> CommandResult<RoundView> {
    blocking(&app, answer::stop).await
}

/// Discards the answer being recorded.
#[tauri::command]
#[specta::specta]
pub async fn cancel_answer(app: AppHandle) -> CommandResult<()> {
    blocking(&app, answer::cancel).await
}
