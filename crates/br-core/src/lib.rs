//! The pure domain core of Bar Raiser.
//!
//! Everything a bar raiser "hears" in an answer is computed here from text
//! (and, when known, word timings and a voice-activity timeline): fillers,
//! first-person ownership, STAR structure, quantified results, specificity,
//! the 1-4 evidence score and the scripted "5 Whys" follow-ups. The question
//! bank lives here too.
//!
//! Architecture invariant: this crate does no I/O, reads no clock and no
//! randomness, and depends on no adapter crate (audio, Whisper, SQLite, Tauri).
//! Analysis never fails: any text, however odd, yields an `Analysis`.

pub mod analysis;
pub mod followup;
pub mod principle;
pub mod questions;
pub mod text;

pub use analysis::{analyze, Analysis, AnswerInput};
pub use followup::{FollowUp, FollowUpKind};
pub use principle::{Principle, Role};
pub use questions::{Question, QuestionBank};
pub use text::{Span, SpeechTimeline, TimedWord};
