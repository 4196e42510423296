//! What the candidate chooses before a round starts: role, principles (or
//! "surprise me"), how many main questions, and the mode.

use br_core::{Principle, Role};
use serde::{Deserialize, Serialize};

/// The settings of one round, stored with it so a resumed round continues
/// exactly as it started. Deliberately without `Default`: every caller states
/// what it wants (the CLI's defaults live in its flags).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundConfig {
    pub role: Role,
    pub principles: PrincipleChoice,
    /// Number of main questions; each may be followed by up to five follow-ups.
    pub n_questions: usize,
    pub mode: Mode,
    /// Allow questions answered in recent rounds; off by default, because a
    /// rehearsed question teaches less than a fresh one.
    pub allow_repeats: bool,
}

impl RoundConfig {
    /// The number of main questions in a round unless the candidate asks for
    /// another: about one interviewer's share of a Loop.
    pub const DEFAULT_QUESTIONS: usize = br_core::LIMITS.default_questions;

    /// The most main questions one round may have: each may bring up to
    /// five follow-ups, so this is already a long sitting.
    pub const MAX_QUESTIONS: usize = br_core::LIMITS.max_questions;
}

/// Which Leadership Principles the round covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "principles")]
pub enum PrincipleChoice {
    /// These principles, taken in turn for the main questions.
    Chosen(Vec<Principle>),
    /// "Surprise me": principles drawn from the seed, like an unknown Loop.
    Surprise,
}

/// How feedback is paced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Feedback after every answer, for deliberate practice.
    Practice,
    /// Like a real Loop interview: no feedback until the round summary.
    Loop,
}

impl Mode {
    /// Whether each answer's analysis is shown as soon as it is given.
    pub fn feedback_after_each_answer(self) -> bool {
        matches!(self, Mode::Practice)
    }

    pub fn slug(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Loop => "loop",
        }
    }
}
