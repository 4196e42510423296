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

/// One answered step of a drill-down: the main answer (asked `None`) or the
/// answer to a follow-up. A skipped follow-up is a turn with empty `text`.
#[derive(Debug, Clone, Copy)]
pub struct AnsweredTurn<'a> {
    pub asked: Option<&'a FollowUp>,
    pub text: &'a str,
    pub analysis: &'a crate::Analysis,
}

/// Picks the next follow-up after `turns` (the main answer first, then every
/// follow-up answered or skipped so far, in order), or `None` when the
/// drill-down should end: the story holds up, or `MAX_DEPTH` follow-ups have
/// been asked.
pub fn next_followup(turns: &[AnsweredTurn<'_>]) -> Option<FollowUp> {
    let _ = turns;
    unimplemented!("filled in by the follow-up engine")
}
