//! Recording an answer: the prompt read aloud, start (with a stream of
//! levels and live transcript), stop (transcribe the tail, analyse, ask the
//! next question), cancel.

use crate::answer::{self, AnswerEvent};
use crate::dto::round::RoundView;
use crate::error::CommandResult;
use crate::state::blocking;
use tauri::ipc::Channel;
use tauri::AppHandle;

/// Reads the current prompt aloud (unless the interviewer is muted) and
/// returns once it has been said; a message the first time the voice fails.
#[tauri::command]
#[specta::specta]
pub async fn ask_prompt(app: AppHandle) -> CommandResult<Option<String>> {
    blocking(&app, answer::ask).await
}

/// Starts recording the answer to the current prompt; with `ask_aloud`, only
/// after the interviewer has read it. `on_event` receives the level every
/// 50 ms and the transcript as it grows.
#[tauri::command]
#[specta::specta]
pub async fn start_answer(
    app: AppHandle,
    ask_aloud: bool,
    on_event: Channel<AnswerEvent>,
) -> CommandResult<()> {
    blocking(&app, move |state| {
        answer::start(state, ask_aloud, move |event| {
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
