//! The round being played, through `br_app::Practice`: the one owner of the
//! round in play and of the database (one lock, taken once per call, so two
//! commands at once cannot deadlock and the stored round never lags).
//!
//! Each function is one use case the commands expose (start, step, resume,
//! close) and only turns UI input into a `br_app` call and its result into
//! the round's view. The rules live in `br_session`; recording and
//! transcribing an answer live in `answer.rs`.

use crate::dto::round::{RoundSetup, RoundView};
use crate::error::CommandResult;
use crate::state::AppState;
use br_app::{now_ms, ActiveRound};
use br_session::{PrincipleChoice, Round, RoundConfig};

/// The view of the round in play.
pub fn view(active: &ActiveRound) -> RoundView {
    RoundView::live(active.id, active.started_at_ms, &active.round)
}

/// Turns the Start screen's choices into a round configuration (the number
/// of questions is checked by the planner).
fn config_from(setup: &RoundSetup) -> RoundConfig {
    RoundConfig {
        role: setup.role.into(),
        principles: if setup.principles.is_empty() {
            PrincipleChoice::Surprise
        } else {
            PrincipleChoice::Chosen(setup.principles.iter().map(|&p| p.into()).collect())
        },
        n_questions: usize::from(setup.n_questions),
        mode: setup.mode.into(),
        allow_repeats: false,
    }
}

/// Plans and stores a new round and makes it the one in play. A round
/// already in play stays stored as it is (open, so it can be resumed).
pub fn start_round(state: &AppState, setup: &RoundSetup) -> CommandResult<RoundView> {
    let started_at_ms = now_ms();
    // The clock is random enough to vary the questions between rounds.
    let seed = started_at_ms.unsigned_abs();
    let active =
        state
            .practice
            .start_round(&state.bank, config_from(setup), seed, started_at_ms)?;
    Ok(view(&active))
}

/// Applies one engine move to the round in play and stores the result.
pub fn step(
    state: &AppState,
    apply: impl FnOnce(&mut Round) -> Result<(), br_session::SessionError>,
) -> CommandResult<RoundView> {
    Ok(view(&state.practice.step(now_ms(), apply)?))
}

/// The round in play, if any.
pub fn current(state: &AppState) -> Option<RoundView> {
    state.practice.current().as_ref().map(view)
}

/// Continues a stored round left open (by a crash or by starting another).
pub fn resume_round(state: &AppState, round_id: i64) -> CommandResult<RoundView> {
    Ok(view(&state.practice.resume_round(round_id)?))
}

/// Closes a stored round without finishing it; its answers are kept.
pub fn close_round(state: &AppState, round_id: i64) -> CommandResult<()> {
    state.practice.close_round(round_id, now_ms())?;
    Ok(())
}
