//! The round being played: the `br_session::Round` engine with its stored id,
//! kept in step with the database after every move.
//!
//! Each function is one use case the commands expose (start, skip, retry,
//! rate, end, resume, tag a story). The rules themselves live in
//! `br_session`; this module only turns UI input into engine calls, persists
//! the result with `Store::sync_round` (so a crash loses at most the answer
//! being recorded) and returns the new view. Recording and transcribing an
//! answer live in `answer.rs`.

use crate::dto::round::{RoundSetup, RoundView};
use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::state::{now_ms, AppState};
use br_core::{Principle, Role};
use br_session::{plan_round, PrincipleChoice, Round, RoundConfig};
use std::sync::{Mutex, MutexGuard};

/// The most main questions one round may have (each may bring five
/// follow-ups, so this is already a long sitting).
const MAX_QUESTIONS: u8 = 8;

/// A round in play.
pub struct ActiveRound {
    pub id: i64,
    pub started_at_ms: i64,
    pub round: Round,
}

impl ActiveRound {
    pub fn view(&self) -> RoundView {
        RoundView::live(self.id, self.started_at_ms, &self.round)
    }
}

/// The mutable part of the interview: the round in play and the answer
/// being recorded. One lock each, never held across a slow call.
#[derive(Default)]
pub struct Interview {
    active: Mutex<Option<ActiveRound>>,
    pub answer: crate::answer::AnswerSlot,
}

impl Interview {
    pub fn active(&self) -> MutexGuard<'_, Option<ActiveRound>> {
        self.active.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn no_round() -> CommandError {
    CommandError::new(
        ErrorKind::InvalidState,
        "no round is in progress; start a round first",
    )
}

/// Turns the Start screen's choices into a round configuration.
fn config_from(setup: &RoundSetup) -> CommandResult<RoundConfig> {
    let role = Role::parse(&setup.role).ok_or_else(|| {
        CommandError::new(
            ErrorKind::InvalidInput,
            format!("unknown role \"{}\"", setup.role),
        )
    })?;
    let principles = setup
        .principles
        .iter()
        .map(|slug| {
            Principle::parse(slug).ok_or_else(|| {
                CommandError::new(
                    ErrorKind::InvalidInput,
                    format!("unknown Leadership Principle \"{slug}\""),
                )
            })
        })
        .collect::<CommandResult<Vec<_>>>()?;
    if !(1..=MAX_QUESTIONS).contains(&setup.n_questions) {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            format!("a round has 1 to {MAX_QUESTIONS} main questions"),
        ));
    }
    Ok(RoundConfig {
        role,
        principles: if principles.is_empty() {
            PrincipleChoice::Surprise
        } else {
            PrincipleChoice::Chosen(principles)
        },
        n_questions: usize::from(setup.n_questions),
        mode: setup.mode.into(),
        allow_repeats: false,
    })
}

/// Plans and stores a new round and makes it the one in play. A round
/// already in play stays stored as it is (open, so it can be resumed).
pub fn start_round(state: &AppState, setup: &RoundSetup) -> CommandResult<RoundView> {
    let config = config_from(setup)?;
    let started_at_ms = now_ms();
    let mut store = state.store();
    let recent = store.questions_to_avoid()?;
    // The clock is random enough to vary the questions between rounds.
    let seed = started_at_ms.unsigned_abs();
    let questions = plan_round(&state.bank, &config, &recent, seed)?;
    let round = Round::new(config.clone(), questions.clone())?;
    let id = store.create_round(&config, &questions, started_at_ms)?;
    let active = ActiveRound {
        id,
        started_at_ms,
        round,
    };
    let view = active.view();
    *state.interview.active() = Some(active);
    Ok(view)
}

/// Applies one engine move to the round in play and stores the result.
pub fn step<T>(
    state: &AppState,
    apply: impl FnOnce(&mut Round) -> Result<T, br_session::SessionError>,
) -> CommandResult<RoundView> {
    let mut active = state.interview.active();
    let current = active.as_mut().ok_or_else(no_round)?;
    apply(&mut current.round)?;
    state
        .store()
        .sync_round(current.id, &current.round, now_ms())?;
    Ok(current.view())
}

/// The round in play, if any.
pub fn current(state: &AppState) -> Option<RoundView> {
    state.interview.active().as_ref().map(ActiveRound::view)
}

/// Continues a stored round left open (by a crash or by starting another).
pub fn resume_round(state: &AppState, round_id: i64) -> CommandResult<RoundView> {
    let record = state.store().load_round(round_id)?;
    let started_at_ms = record.started_at_ms;
    let round = Round::resume(record)?;
    let active = ActiveRound {
        id: round_id,
        started_at_ms,
        round,
    };
    let view = active.view();
    *state.interview.active() = Some(active);
    Ok(view)
}

/// Closes a stored round without finishing it; its answers are kept.
pub fn close_round(state: &AppState, round_id: i64) -> CommandResult<()> {
    let mut active = state.interview.active();
    if active.as_ref().is_some_and(|a| a.id == round_id) {
        *active = None;
    }
    state.store().close_round(round_id, now_ms())?;
    Ok(())
}

/// Forgets the round in play if it is `round_id` (it is being deleted).
pub fn forget(state: &AppState, round_id: i64) {
    let mut active = state.interview.active();
    if active.as_ref().is_some_and(|a| a.id == round_id) {
        *active = None;
    }
}
