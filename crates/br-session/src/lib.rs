//! The interview round engine of Bar Raiser: main questions, 5-Whys
//! drill-downs, retries, skips, self-ratings, round summaries, progress
//! trends, the story bank and the printable round report.
//!
//! Architecture invariant: this crate is pure. It does no I/O, reads no clock
//! and draws no randomness: times (Unix milliseconds) and the seed that picks
//! questions come in as arguments, so the CLI and the desktop app drive the
//! same deterministic engine and tests replay it exactly. Storage lives in
//! `br-store`, audio and transcription in `br-audio` and `br-stt`.
//!
//! The usual flow:
//! 1. [`plan_round`] picks the questions for a [`RoundConfig`];
//! 2. [`Round::new`] starts the state machine; [`Round::stage`] says what the
//!    candidate is asked next; [`Round::answer`], [`Round::skip`],
//!    [`Round::rate`], [`Round::retry`] and [`Round::end`] move it on;
//! 3. every [`Turn`] is persisted as it is produced, and [`Round::resume`]
//!    rebuilds the engine from a stored [`RoundRecord`];
//! 4. [`summarize`] and [`report`] turn a round into feedback.
//!
//! [`AutoStop`] is the hands-free rule: when silence after speech ends an
//! answer.

pub mod config;
pub mod hands_free;
pub mod plan;
pub mod progress;
pub mod report;
pub mod round;
pub mod stories;
pub mod summary;

pub use config::{Mode, PrincipleChoice, RoundConfig};
pub use hands_free::AutoStop;
pub use plan::{plan_round, PlanError};
pub use progress::{progress, AnswerStats, Progress};
pub use round::{
    Answer, Prompt, Recording, Response, Round, RoundQuestion, RoundRecord, RoundStatus,
    SessionError, Stage, Turn, TurnKind,
};
pub use stories::{story_bank, story_reuse, Story, StoryBank, StoryUse, StoryWarning};
pub use summary::{summarize, RoundSummary};
