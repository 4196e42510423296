//! The pure domain core of Bar Raiser.
//!
//! Everything a bar raiser "hears" in an answer is computed here from text
//! (and, when known, word timings and a voice-activity timeline): fillers,
//! first-person ownership, STAR structure, quantified results, specificity,
//! the 1-4 evidence score, the checklist and the scripted "5 Whys"
//! follow-ups. The question bank lives here too.
//!
//! One answer flows one way: [`facts`] reads the text once (the rules in
//! `extract/`, their word lists in `data/lexicon.toml`) into typed
//! [`Facts`]; the score, the checklist, the follow-up policy and the
//! drill-down read only the facts ([`analyze_facts`]). Every mark carries the
//! [`RuleId`] of the rule that made it.
//!
//! Architecture invariant: this crate does no I/O, reads no clock and no
//! randomness, and depends on no adapter crate (audio, Whisper, SQLite, Tauri).
//! Analysis never fails: any text, however odd, yields an `Analysis`.

pub mod analysis;
mod checklist;
mod extract;
pub mod facts;
pub mod followup;
pub mod marks;
pub mod policy;
pub mod principle;
pub mod questions;
pub mod rules;
mod score;
pub mod text;

pub use analysis::{
    Analysis, AnswerInput, CheckItem, CheckStatus, Checklist, FollowUp, FollowUpKind, Limits,
    StarPartKind, Thresholds, LIMITS, THRESHOLDS,
};
pub use extract::{clause_rows, facts, ClauseModel, ClauseRow, RULE_FEATURE};
pub use facts::Facts;
pub use marks::MarkedRun;
pub use principle::{Principle, Role};
pub use questions::{Question, QuestionBank};
pub use rules::RuleId;
pub use text::{Span, SpeechTimeline, TimedWord};

/// Analyses one answer. Never fails and never panics, whatever the text.
pub fn analyze(input: &AnswerInput<'_>) -> Analysis {
    analyze_facts(&facts(input))
}

/// The analysis of an answer whose facts are known: the score, the
/// follow-ups, the checklist and the drill-down, all read off the facts.
pub fn analyze_facts(facts: &Facts) -> Analysis {
    let part = |run: Option<&facts::StarRun>| analysis::StarPart {
        present: run.is_some(),
        span: run.map(|r| r.span),
        rule: run.map(|r| r.rule),
    };
    Analysis {
        fillers: facts.fillers.clone(),
        first_person: facts.first_person.clone(),
        star: analysis::Star {
            situation: part(facts.star.situation.as_ref()),
            task: part(facts.star.task.as_ref()),
            action: part(facts.star.action.as_ref()),
            result: part(facts.star.result.as_ref()),
        },
        result_quantified: facts.star.quantified.is_some(),
        hypothetical: facts.narrative.hypothetical,
        specificity: facts.specificity.clone(),
        score: score::score(facts),
        followups: followup::plan(facts),
        checklist: checklist::checklist(facts),
        drill: followup::drill(facts),
    }
}

#[cfg(test)]
mod tests;
