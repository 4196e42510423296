//! [`Practice`]: the store and the round in play, behind one lock.
//!
//! Lock order: there is one lock, so there is no order to keep. A method takes
//! it once, calls only the pure engine and the store while it holds it (both
//! quick: one transaction per step), and never calls back into `Practice` or
//! out to a caller's code that could. Slow work (recording, transcribing)
//! happens before a method is called, with the lock free; [`PendingAnswer`]
//! carries what the answer belongs to across that gap.

use crate::error::AppError;
use crate::response::response;
use br_core::QuestionBank;
use br_session::{plan_round, Prompt, Round, RoundConfig, RoundStatus, SessionError, Stage, Turn};
use br_store::{DeletedRound, Store};
use br_stt::SpokenAnswer;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

/// A round in play: the engine with its stored id.
#[derive(Debug, Clone)]
pub struct ActiveRound {
    pub id: i64,
    pub started_at_ms: i64,
    pub round: Round,
}

/// The prompt an answer is being recorded for, and where its audio goes;
/// handed back to [`Practice::answer`] once the answer is transcribed.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingAnswer {
    pub round_id: i64,
    pub prompt: Prompt,
    /// The recording's path relative to the data folder, as stored.
    pub recording_path: String,
    /// The file to record into.
    pub file: PathBuf,
}

/// The one owner of the round in play and of the database it is saved in.
/// Share it between threads by reference (or in an `Arc`); every method
/// takes `&self`.
#[derive(Debug)]
pub struct Practice {
    desk: Mutex<Desk>,
}

#[derive(Debug)]
struct Desk {
    store: Store,
    active: Option<ActiveRound>,
}

impl Practice {
    pub fn new(store: Store) -> Practice {
        Practice {
            desk: Mutex::new(Desk {
                store,
                active: None,
            }),
        }
    }

    /// Runs `work` on the store, for what is not about the round in play
    /// (history, stories, settings). `work` must not call back into this
    /// `Practice`: the lock is held while it runs.
    pub fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> T) -> T {
        work(&mut self.desk().store)
    }

    /// Plans a round (avoiding recently answered questions unless the
    /// configuration allows repeats), stores it and makes it the round in
    /// play. A round already in play stays stored as it is: open, so it can
    /// be resumed.
    pub fn start_round(
        &self,
        bank: &QuestionBank,
        config: RoundConfig,
        seed: u64,
        started_at_ms: i64,
    ) -> Result<ActiveRound, AppError> {
        let mut desk = self.desk();
        let recent = desk.store.questions_to_avoid()?;
        let questions = plan_round(bank, &config, &recent, seed)?;
        let round = Round::new(config.clone(), questions.clone())?;
        let id = desk
            .store
            .create_round(&config, &questions, started_at_ms)?;
        Ok(desk
            .active
            .insert(ActiveRound {
                id,
                started_at_ms,
                round,
            })
            .clone())
    }

    /// Makes a stored round left open (by a crash, or by starting another)
    /// the round in play again.
    pub fn resume_round(&self, round_id: i64) -> Result<ActiveRound, AppError> {
        let mut desk = self.desk();
        let record = desk.store.load_round(round_id)?;
        if record.status != RoundStatus::Open {
            return Err(AppError::NotOpen {
                round_id,
                status: record.status.slug(),
            });
        }
        let started_at_ms = record.started_at_ms;
        let round = Round::resume(record)?;
        Ok(desk
            .active
            .insert(ActiveRound {
                id: round_id,
                started_at_ms,
                round,
            })
            .clone())
    }

    /// The round in play, if any.
    pub fn current(&self) -> Option<ActiveRound> {
        self.desk().active.clone()
    }

    /// Applies one engine move (skip, retry, rate, end, tag a story) to the
    /// round in play and stores the result before returning it.
    pub fn step(
        &self,
        at_ms: i64,
        apply: impl FnOnce(&mut Round) -> Result<(), SessionError>,
    ) -> Result<ActiveRound, AppError> {
        let mut desk = self.desk();
        let Desk { store, active } = &mut *desk;
        let active = active.as_mut().ok_or(AppError::NoRound)?;
        apply(&mut active.round)?;
        store.sync_round(active.id, &active.round, at_ms)?;
        Ok(active.clone())
    }

    /// The round in play's id and the prompt it waits an answer to.
    pub fn prompt(&self) -> Result<(i64, Prompt), AppError> {
        asked(&self.desk())
    }

    /// The prompt the round in play waits an answer to, and the file to
    /// record it into (the round's recordings folder is created).
    pub fn begin_answer(&self) -> Result<PendingAnswer, AppError> {
        let desk = self.desk();
        let (round_id, prompt) = asked(&desk)?;
        let (recording_path, file) = desk.store.recording_path(
            round_id,
            prompt.question_idx,
            prompt.depth,
            prompt.attempt,
        )?;
        Ok(PendingAnswer {
            round_id,
            prompt,
            recording_path,
            file,
        })
    }

    /// Hands the transcribed answer to `pending`'s prompt to the engine,
    /// which analyses it and picks what comes next, and stores the round.
    /// Returns the new turn and the round. Refuses an answer whose prompt is
    /// no longer the one asked (the round was changed while it was recorded).
    pub fn answer(
        &self,
        pending: &PendingAnswer,
        spoken: SpokenAnswer,
        at_ms: i64,
    ) -> Result<(Turn, ActiveRound), AppError> {
        let mut desk = self.desk();
        let Desk { store, active } = &mut *desk;
        let active = active.as_mut().ok_or(AppError::NoRound)?;
        let still_asked = matches!(
            active.round.stage(),
            Stage::Answer { prompt } if active.id == pending.round_id && *prompt == pending.prompt
        );
        if !still_asked {
            return Err(AppError::RoundMovedOn);
        }
        let response = response(spoken, pending.recording_path.clone(), at_ms);
        let turn = active.round.answer(response)?.clone();
        store.sync_round(active.id, &active.round, at_ms)?;
        Ok((turn, active.clone()))
    }

    /// Closes a stored round without finishing it (its answers are kept)
    /// and, if it is the round in play, puts it down.
    pub fn close_round(&self, round_id: i64, at_ms: i64) -> Result<RoundStatus, AppError> {
        let mut desk = self.desk();
        let status = desk.store.close_round(round_id, at_ms)?;
        desk.active.take_if(|active| active.id == round_id);
        Ok(status)
    }

    /// Deletes a stored round with its recordings and, if it is the round in
    /// play, puts it down.
    pub fn delete_round(&self, round_id: i64) -> Result<DeletedRound, AppError> {
        let mut desk = self.desk();
        let deleted = desk.store.delete_round(round_id)?;
        desk.active.take_if(|active| active.id == round_id);
        Ok(deleted)
    }

    /// Tags the story told for main question `question_idx` of a stored
    /// round (`None` removes the tag) and stores it, whether the round is
    /// the one in play (which then carries the tag too) or one from the
    /// history. Returns the round as tagged.
    pub fn tag_story(
        &self,
        round_id: i64,
        question_idx: usize,
        story_id: Option<i64>,
        at_ms: i64,
    ) -> Result<Round, AppError> {
        let mut desk = self.desk();
        let Desk { store, active } = &mut *desk;
        if let Some(id) = story_id {
            store.story(id)?;
        }
        let mut stored;
        let round = match active.as_mut().filter(|a| a.id == round_id) {
            Some(active) => &mut active.round,
            None => {
                stored = Round::resume(store.load_round(round_id)?)?;
                &mut stored
            }
        };
        round.tag_story(question_idx, story_id)?;
        store.sync_round(round_id, round, at_ms)?;
        Ok(round.clone())
    }

    fn desk(&self) -> MutexGuard<'_, Desk> {
        // A panic while the lock was held cannot leave the database half
        // written (every change is one transaction) and the round in play is
        // replaced only whole, so a poisoned lock is safe to keep using.
        self.desk
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The round in play's id and the prompt it waits an answer to, or why it
/// waits for none.
fn asked(desk: &Desk) -> Result<(i64, Prompt), AppError> {
    let active = desk.active.as_ref().ok_or(AppError::NoRound)?;
    match active.round.stage() {
        Stage::Answer { prompt } => Ok((active.id, prompt.clone())),
        Stage::SelfRating { .. } => Err(AppError::AwaitingRating),
        Stage::Finished { .. } => Err(SessionError::Finished.into()),
    }
}
