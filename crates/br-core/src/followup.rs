//! The scripted "5 Whys" follow-up tree: which question a bar raiser asks
//! next, given the answers so far. Deterministic; no network, no model.

use crate::text::Span;
use serde::{Deserialize, Serialize};

/// The deepest a drill-down goes below a main question.
pub const MAX_DEPTH: usize = 5;

/// Why a follow-up is asked; precedence follows the order of the variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    AskSituation,
    AskPersonalAction,
    AskResult,
    AskMetric,
    AskWhyDecision,
    AskLesson,
    None,
}

/// One follow-up question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub kind: FollowUpKind,
    pub text: String,
    /// The phrase from the answer the question quotes, if any.
    pub key_phrase: Option<String>,
    pub key_span: Option<Span>,
}
