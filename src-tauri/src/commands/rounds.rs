//! Playing a round: start, skip, retry, rate, end, resume, close, tag a
//! story. Recording an answer is in `answer.rs`.

use crate::dto::round::{RoundSetup, RoundView};
use crate::dto::Id;
use crate::error::CommandResult;
use crate::interview;
use crate::state::blocking;
use tauri::AppHandle;

/// Plans a new round from the Start screen's choices and asks its first question.
#[tauri::command]
#[specta::specta]
pub async fn start_round(app: AppHandle, setup: RoundSetup) -> CommandResult<RoundView> {
    blocking(&app, move |state| interview::start_round(state, &setup)).await
}

/// The round in play, if any (the Interview screen reloads from it).
#[tauri::command]
#[specta::specta]
pub async fn current_round(app: AppHandle) -> CommandResult<Option<RoundView>> {
    blocking(&app, |state| Ok(interview::current(state))).await
}

/// Skips the follow-up being asked.
#[tauri::command]
#[specta::specta]
pub async fn skip_followup(app: AppHandle) -> CommandResult<RoundView> {
    blocking(&app, |state| {
        interview::step(state, |round| round.skip(br_app::now_ms()).map(|_| ()))
    })
    .await
}

/// Asks the last prompt again; both attempts are kept, the new one counts.
#[tauri::command]
#[specta::specta]
pub async fn retry_answer(app: AppHandle) -> CommandResult<RoundView> {
    blocking(&app, |state| {
        interview::step(state, |round| round.retry().map(|_| ()))
    })
    .await
}

/// The candidate's own 1-4 rating of their main answer, or `null` to skip it.
#[tauri::command]
#[specta::specta]
pub async fn rate_answer(app: AppHandle, rating: Option<u8>) -> CommandResult<RoundView> {
    blocking(&app, move |state| {
        interview::step(state, |round| round.rate(rating))
    })
    .await
}

/// Ends the round now; what was answered is kept and summarised.
#[tauri::command]
#[specta::specta]
pub async fn end_round(app: AppHandle) -> CommandResult<RoundView> {
    blocking(&app, |state| {
        interview::step(state, |round| {
            round.end();
            Ok(())
        })
    })
    .await
}

/// Tags the story the candidate told for main question `question_idx`
/// (`null` removes the tag).
#[tauri::command]
#[specta::specta]
pub async fn tag_story(
    app: AppHandle,
    question_idx: u32,
    story_id: Option<Id>,
) -> CommandResult<RoundView> {
    blocking(&app, move |state| {
        interview::step(state, |round| {
            round.tag_story(question_idx as usize, story_id.map(|id| id.0))
        })
    })
    .await
}

/// Continues a round left open.
#[tauri::command]
#[specta::specta]
pub async fn resume_round(app: AppHandle, round_id: Id) -> CommandResult<RoundView> {
    blocking(&app, move |state| {
        interview::resume_round(state, round_id.0)
    })
    .await
}

/// Closes a round left open without finishing it.
#[tauri::command]
#[specta::specta]
pub async fn close_round(app: AppHandle, round_id: Id) -> CommandResult<()> {
    blocking(&app, move |state| interview::close_round(state, round_id.0)).await
}
