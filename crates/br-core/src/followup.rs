//! The scripted "5 Whys" follow-up tree: which question a bar raiser asks
//! next, given the answers so far. Deterministic; no network, no model.
//!
//! The tree has two kinds of branches:
//! - Gaps, in the precedence of the labeling rules: no real situation, no
//!   personal action, no result, no metric, an unexplained decision, a
//!   setback without a lesson. The main answer's gaps are its
//!   `Analysis::followups`; every later answer is re-checked, so a metric
//!   given in any follow-up answer closes the metric gap. Each gap is asked
//!   once.
//! - Drills: when the newest answer gives a cause ("because the vendor kept
//!   slipping") or a new decision, the next question asks why of it, up to
//!   [`WHY_CHAIN`] times in a row, peeling the onion.
//!
//! The drill-down ends when nothing is left to ask, when the candidate skips
//! a drill, or at [`MAX_DEPTH`].
//!
//! When no gap applies, `Analysis::followups` holds a single `none`
//! follow-up whose text says why, so the first entry always states the
//! interviewer's next move; `next_followup` then returns `None`.

mod phrases;
mod templates;

use crate::analysis::reasoning::{self, Reasoning};
use crate::analysis::star::Part;
use crate::analysis::{quantity, Parsed};
use crate::text::Span;
use phrases::Phrase;
use serde::{Deserialize, Serialize};

/// The deepest a drill-down goes below a main question.
pub const MAX_DEPTH: usize = 5;

/// How many "why" drills may follow one another before the remaining gaps
/// get their turn.
pub const WHY_CHAIN: usize = 2;

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
    let (main, followups) = turns.split_first()?;
    if followups.len() >= MAX_DEPTH {
        return None;
    }
    let asked: Vec<&FollowUp> = followups.iter().filter_map(|t| t.asked).collect();
    let was_asked = |kind: FollowUpKind, phrase: Option<&str>| {
        asked.iter().any(|a| {
            a.kind == kind
                && (a.key_phrase.as_deref() == phrase || kind != FollowUpKind::AskWhyDecision)
        })
    };
    // The story the gaps are about: the main answer, or the first follow-up
    // answer that told a real story when the main answer did not.
    let story = std::iter::once(main)
        .chain(followups)
        .find(|t| Parsed::new(t.text).narrative.story)
        .unwrap_or(main);
    let answers: Vec<Parsed<'_>> = followups.iter().map(|t| Parsed::new(t.text)).collect();
    let closed = |kind: FollowUpKind| {
        answers
            .iter()
            .zip(followups)
            .any(|(a, t)| closes(kind, a, t.asked.map(|f| f.kind)))
            || (kind == FollowUpKind::AskSituation && !std::ptr::eq(story, main))
    };

    let newest = followups.last();
    let newest_skipped = newest.is_some_and(|t| t.text.trim().is_empty());
    let whys_in_a_row = followups
        .iter()
        .rev()
        .take_while(|t| {
            t.asked
                .is_some_and(|f| f.kind == FollowUpKind::AskWhyDecision)
        })
        .count();
    if let (Some(turn), Some(answer)) = (newest, answers.last()) {
        if !newest_skipped && whys_in_a_row < WHY_CHAIN {
            if let Some(drill) =
                drill(answer, turns.len()).filter(|d| !was_asked(d.kind, d.key_phrase.as_deref()))
            {
                let answered_a_why = turn
                    .asked
                    .is_some_and(|f| f.kind == FollowUpKind::AskWhyDecision);
                if answered_a_why || drill.kind == FollowUpKind::AskWhyDecision {
                    return Some(drill);
                }
            }
        }
    }
    let gap = story
        .analysis
        .followups
        .iter()
        .filter(|f| f.kind != FollowUpKind::None)
        .find(|f| !was_asked(f.kind, f.key_phrase.as_deref()) && !closed(f.kind))
        .cloned();
    // A skipped drill means the candidate has nothing more on that thread.
    let skipped_drill = newest_skipped
        && newest
            .and_then(|t| t.asked)
            .is_some_and(|f| f.kind == FollowUpKind::AskWhyDecision);
    gap.filter(|_| !skipped_drill || whys_in_a_row == 0)
}

/// Whether `answer`, given to a follow-up of kind `asked`, fills gap `kind`.
fn closes(kind: FollowUpKind, answer: &Parsed<'_>, asked: Option<FollowUpKind>) -> bool {
    use crate::analysis::cues::Cue;
    let has = |cue: Cue| answer.cues.iter().any(|h| h.cue == cue);
    let spoke = answer.doc.words().count() >= 3;
    match kind {
        FollowUpKind::AskSituation => {
            answer.narrative.story || (has(Cue::Setting) && !answer.narrative.hypothetical)
        }
        FollowUpKind::AskPersonalAction => answer.clauses.iter().any(|c| {
            c.preds.iter().any(|p| {
                !p.subordinate
                    && p.is_speaker_action()
                    && p.person == crate::analysis::lexicon::Person::I
            })
        }),
        FollowUpKind::AskResult => has(Cue::Outcome) || measured(answer, quantity::Measure::Change),
        FollowUpKind::AskMetric => measured(answer, quantity::Measure::Count),
        FollowUpKind::AskWhyDecision => has(Cue::Reason) || has(Cue::Problem),
        FollowUpKind::AskLesson => {
            has(Cue::Lesson) || (asked == Some(FollowUpKind::AskLesson) && spoke)
        }
        FollowUpKind::None => true,
    }
}

fn measured(answer: &Parsed<'_>, min: quantity::Measure) -> bool {
    let tokens = &answer.doc.tokens;
    quantity::measured_in(tokens, &answer.quantities, 0..tokens.len(), min).is_some()
}

/// A "why" about the newest answer: the cause it gave, else a decision it
/// mentions without a reason.
fn drill(answer: &Parsed<'_>, depth: usize) -> Option<FollowUp> {
    use crate::analysis::cues::Cue;
    // The words after "because ..." are the cause to peel next.
    let cause = answer
        .cues
        .iter()
        .filter(|h| h.cue == Cue::Reason)
        .find_map(|h| {
            let idx = answer
                .clauses
                .iter()
                .position(|c| c.tokens.contains(&h.first))?;
            phrases::of_clause(answer, idx, Some(h.last + 1), true)
        });
    if let Some(phrase) = cause {
        let text = templates::render_drill(&phrase.spoken, depth);
        return Some(followup(FollowUpKind::AskWhyDecision, text, Some(phrase)));
    }
    let reasoning = reasoning::analyse(answer, None);
    let decision = reasoning
        .decision
        .filter(|_| !reasoning.decision_reasoned)?;
    let phrase = phrases::of_clause(answer, decision, None, true)?;
    let text = templates::render(FollowUpKind::AskWhyDecision, Some(&phrase.spoken), depth);
    Some(followup(FollowUpKind::AskWhyDecision, text, Some(phrase)))
}

fn followup(kind: FollowUpKind, text: String, phrase: Option<Phrase>) -> FollowUp {
    FollowUp {
        kind,
        text,
        key_span: phrase.as_ref().map(|p| p.span),
        key_phrase: phrase.map(|p| p.verbatim),
    }
}

/// The follow-ups the main answer calls for, in the order a bar raiser
/// asks them; a single `none` entry when the story holds up.
pub(crate) fn plan(p: &Parsed<'_>, r: &Reasoning) -> Vec<FollowUp> {
    let mut out = Vec::new();
    let mut ask = |kind: FollowUpKind, clause: Option<usize>, second_person: bool| {
        let phrase = clause.and_then(|c| phrases::of_clause(p, c, None, second_person));
        let text = templates::render(kind, phrase.as_ref().map(|ph| ph.spoken.as_str()), 0);
        out.push(followup(kind, text, phrase));
    };
    let main = |part: Part| p.star.main_of(part);
    let story = p.narrative.story;
    if !story {
        let text = if p.narrative.hypothetical {
            templates::render_hypothetical(0)
        } else {
            templates::render(FollowUpKind::AskSituation, None, 0)
        };
        out.push(followup(FollowUpKind::AskSituation, text, None));
        return out;
    }
    let actions: Vec<usize> = (0..p.clauses.len())
        .filter(|&i| p.star.labels[i] == Part::Action)
        .collect();
    if main(Part::Situation).is_none() {
        let opening =
            (0..p.clauses.len()).find(|&i| matches!(p.star.labels[i], Part::Action | Part::Result));
        ask(FollowUpKind::AskSituation, opening, true);
    }
    if actions.is_empty() {
        ask(FollowUpKind::AskPersonalAction, None, true);
    } else if r.ownership.all_we() {
        ask(FollowUpKind::AskPersonalAction, r.ownership.first_we, false);
    }
    match main(Part::Result) {
        None => ask(FollowUpKind::AskResult, actions.last().copied(), true),
        Some(run) if p.star.quantified.is_none() => {
            ask(FollowUpKind::AskMetric, Some(run.start), true)
        }
        Some(_) => {}
    }
    if main(Part::Result).is_none() {
        ask(FollowUpKind::AskMetric, None, true);
    }
    if let Some(decision) = r.decision.filter(|_| !r.decision_reasoned) {
        ask(FollowUpKind::AskWhyDecision, Some(decision), true);
    }
    if let (Some(setback), None) = (&r.setback, r.lesson) {
        ask(FollowUpKind::AskLesson, *setback, true);
    }
    if out.is_empty() {
        out.push(followup(
            FollowUpKind::None,
            templates::render(FollowUpKind::None, None, 0),
            None,
        ));
    }
    out
}
