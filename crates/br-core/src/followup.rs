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
//!   [`WHY_CHAIN`] "why" questions in a row, peeling the onion. A skipped
//!   question ends that thread.
//!
//! The drill-down ends when nothing is left to ask or at [`MAX_DEPTH`].
//!
//! When no gap applies, `Analysis::followups` holds a single `none`
//! follow-up whose text says why, so the first entry always states the
//! interviewer's next move; `next_followup` then returns `None`.
//!
//! The gaps and their order are the policy table ([`crate::policy`]); the
//! drill-down reads each answer's [`Drill`] (computed from its facts when it
//! was analysed), never its text.

mod templates;

use crate::analysis::{Analysis, Drill, Quote, LIMITS};
pub use crate::analysis::{FollowUp, FollowUpKind};
use crate::facts::{Cue, Facts, Measure, Person};
use crate::policy::{self, QuoteOf};
use crate::rules::RuleId;

/// The deepest a drill-down goes below a main question.
pub const MAX_DEPTH: usize = LIMITS.max_followup_depth;

/// How many "why" questions may follow one another before the remaining
/// gaps get their turn.
pub const WHY_CHAIN: usize = LIMITS.why_chain;

/// Words a follow-up answer needs to count as an answer to the lesson
/// question ("I'd test earlier").
const LESSON_ANSWER_WORDS: usize = 3;

/// One answered step of a drill-down: the main answer (asked `None`) or the
/// answer to a follow-up. A skipped follow-up is a turn whose analysis is
/// that of an empty answer.
#[derive(Debug, Clone, Copy)]
pub struct AnsweredTurn<'a> {
    pub asked: Option<&'a FollowUp>,
    pub analysis: &'a Analysis,
}

/// Picks the next follow-up after `turns` (the main answer first, then every
/// follow-up answered or skipped so far, in order), or `None` when the
/// drill-down should end: the story holds up, or `MAX_DEPTH` follow-ups have
/// been asked.
///
/// Order: the structural gaps still open (situation, own action, result,
/// metric); then a "why" about the cause or decision in the newest answer;
/// then the remaining gaps (the main decision's reason, the lesson).
pub fn next_followup(turns: &[AnsweredTurn<'_>]) -> Option<FollowUp> {
    let (main, followups) = turns.split_first()?;
    if followups.len() >= MAX_DEPTH {
        return None;
    }
    let asked: Vec<&FollowUp> = followups.iter().filter_map(|t| t.asked).collect();
    // Gaps are asked once; "why" may come back, about something new.
    let was_asked = |f: &FollowUp| {
        asked.iter().any(|a| {
            a.kind == f.kind
                && (f.kind != FollowUpKind::AskWhyDecision || a.key_phrase == f.key_phrase)
        })
    };
    // The story the gaps are about: the main answer, or the first follow-up
    // answer that tells a real story when the main answer did not.
    let story = std::iter::once(main)
        .chain(followups)
        .find(|t| t.analysis.drill.story)
        .unwrap_or(main);
    let closed = |kind: FollowUpKind| {
        let answered = followups
            .iter()
            .any(|t| closes(kind, &t.analysis.drill, t.asked.map(|f| f.kind)));
        answered || (kind == FollowUpKind::AskSituation && !std::ptr::eq(story, main))
    };
    let open_gap = |structural: bool| {
        story
            .analysis
            .followups
            .iter()
            .filter(|f| f.kind != FollowUpKind::None && is_structural(f.kind) == structural)
            .find(|f| !was_asked(f) && !closed(f.kind))
            .cloned()
    };
    if let Some(gap) = open_gap(true) {
        return Some(gap);
    }
    let whys_in_a_row = followups
        .iter()
        .rev()
        .take_while(|t| {
            t.asked
                .is_some_and(|f| f.kind == FollowUpKind::AskWhyDecision)
        })
        .count();
    let newest = followups.last().filter(|t| t.analysis.drill.words > 0);
    let peel = newest
        .filter(|_| whys_in_a_row < WHY_CHAIN)
        .and_then(|t| why(&t.analysis.drill, turns.len()))
        .filter(|d| !was_asked(d));
    peel.or_else(|| open_gap(false))
}

/// Gaps in the story's shape, asked before any "why".
fn is_structural(kind: FollowUpKind) -> bool {
    matches!(
        kind,
        FollowUpKind::AskSituation
            | FollowUpKind::AskPersonalAction
            | FollowUpKind::AskResult
            | FollowUpKind::AskMetric
    )
}

/// Whether an answer, given to a follow-up of kind `asked`, fills gap `kind`.
fn closes(kind: FollowUpKind, answer: &Drill, asked: Option<FollowUpKind>) -> bool {
    answer.closes.contains(&kind)
        || kind == FollowUpKind::None
        || (kind == FollowUpKind::AskLesson
            && asked == Some(FollowUpKind::AskLesson)
            && answer.words >= LESSON_ANSWER_WORDS)
}

/// A "why" about the newest answer: the cause it gave, else a decision it
/// mentions without a reason.
fn why(answer: &Drill, depth: usize) -> Option<FollowUp> {
    if let Some(cause) = &answer.cause {
        let text = templates::render_drill(&cause.spoken, depth);
        return Some(followup(
            FollowUpKind::AskWhyDecision,
            RuleId::DrillCause,
            text,
            Some(cause),
        ));
    }
    let decision = answer.unreasoned_decision.as_ref()?;
    let text = templates::render(FollowUpKind::AskWhyDecision, Some(&decision.spoken), depth);
    Some(followup(
        FollowUpKind::AskWhyDecision,
        RuleId::DrillDecision,
        text,
        Some(decision),
    ))
}

fn followup(kind: FollowUpKind, rule: RuleId, text: String, quote: Option<&Quote>) -> FollowUp {
    FollowUp {
        kind,
        text,
        key_phrase: quote.map(|q| q.verbatim.clone()),
        key_span: quote.map(|q| q.span),
        rule,
    }
}

/// The follow-ups the main answer calls for, in the order of the policy
/// table; a single `none` entry when the story holds up.
pub(crate) fn plan(facts: &Facts) -> Vec<FollowUp> {
    policy::applying(facts)
        .into_iter()
        .map(|rule| {
            let quote = rule.quote(facts);
            let text = if rule.rule == RuleId::FollowupNotAStory && facts.narrative.hypothetical {
                templates::render_hypothetical(0)
            } else {
                templates::render(rule.kind, quote.map(|q| q.spoken.as_str()), 0)
            };
            debug_assert!(quote.is_none() || rule.quote != QuoteOf::Nothing);
            followup(rule.kind, rule.rule, text, quote)
        })
        .collect()
}

/// What an answer gives a drill-down, from its facts.
pub(crate) fn drill(facts: &Facts) -> Drill {
    let own_action = facts.clauses.iter().any(|c| {
        c.preds
            .iter()
            .any(|p| !p.subordinate && p.is_speaker_action() && p.person == Person::I)
    });
    let measure = facts.strongest_measure();
    let closing = [
        (
            FollowUpKind::AskSituation,
            facts.narrative.story || (facts.has_cue(Cue::Setting) && !facts.narrative.hypothetical),
        ),
        (FollowUpKind::AskPersonalAction, own_action),
        (
            FollowUpKind::AskResult,
            facts.has_cue(Cue::Outcome) || measure >= Measure::Change,
        ),
        (FollowUpKind::AskMetric, measure >= Measure::Count),
        (
            FollowUpKind::AskWhyDecision,
            facts.has_cue(Cue::Reason) || facts.has_cue(Cue::Problem),
        ),
        (FollowUpKind::AskLesson, facts.has_cue(Cue::Lesson)),
    ];
    Drill {
        story: facts.narrative.story,
        words: facts.specificity.word_count,
        closes: closing
            .into_iter()
            .filter(|&(_, closed)| closed)
            .map(|(kind, _)| kind)
            .collect(),
        cause: facts.quotes.cause.clone(),
        unreasoned_decision: facts
            .decision
            .filter(|d| !d.reasoned)
            .and(facts.quotes.decision.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Analysis, AnswerInput};

    /// Runs a drill-down: the main answer, then `answers[i]` to the i-th
    /// follow-up ("" skips it). Returns the follow-ups asked.
    fn drill_down(main: &str, answers: &[&str]) -> Vec<FollowUp> {
        let mut texts = vec![main.to_string()];
        let mut asked: Vec<Option<FollowUp>> = vec![None];
        loop {
            let analyses: Vec<Analysis> = texts
                .iter()
                .map(|t| analyze(&AnswerInput::text(t)))
                .collect();
            let turns: Vec<AnsweredTurn<'_>> = (0..texts.len())
                .map(|i| AnsweredTurn {
                    asked: asked[i].as_ref(),
                    analysis: &analyses[i],
                })
                .collect();
            let Some(next) = next_followup(&turns) else {
                break;
            };
            assert!(asked.len() <= MAX_DEPTH, "asked past the maximum depth");
            texts.push(
                answers
                    .get(asked.len() - 1)
                    .copied()
                    .unwrap_or("")
                    .to_string(),
            );
            asked.push(Some(next));
        }
        asked.into_iter().flatten().collect()
    }

    #[test]
    fn every_kind_is_listed_once_under_its_json_name() {
        for (idx, kind) in FollowUpKind::ALL.into_iter().enumerate() {
            assert_eq!(FollowUpKind::ALL.iter().position(|k| *k == kind), Some(idx));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.slug());
        }
    }

    fn kinds(followups: &[FollowUp]) -> Vec<FollowUpKind> {
        followups.iter().map(|f| f.kind).collect()
    }

    const NO_RESULT: &str =
        "Last year our billing job kept failing at night. My job was to fix it. \
        I read the logs, and I rewrote the job to load one month at a time.";
    const VAGUE_RESULT: &str =
        "Last year our billing job kept failing at night. My job was to fix it. \
        I rewrote the job to load one month at a time. The billing team was really happy.";
    const COMPLETE: &str = "Last year our billing job kept failing at night because it loaded five years \
        of invoices. My job was to fix it. I rewrote the job to load one month at a time, and failures \
        dropped from twelve a month to zero.";
    const UNEXPLAINED_CHOICE: &str = "Last year our site went down during a sale. I rolled back the \
        last deploy without waiting for the root cause, and that brought the site back in six minutes.";

    #[test]
    fn the_first_followup_is_the_analysis_first_followup() {
        let analysis = analyze(&AnswerInput::text(NO_RESULT));
        let turns = [AnsweredTurn {
            asked: None,
            analysis: &analysis,
        }];
        assert_eq!(next_followup(&turns).as_ref(), analysis.followups.first());
        assert_eq!(analysis.followups[0].kind, FollowUpKind::AskResult);
    }

    #[test]
    fn a_story_that_holds_up_ends_the_drill_down_at_once() {
        let analysis = analyze(&AnswerInput::text(COMPLETE));
        assert_eq!(kinds(&analysis.followups), [FollowUpKind::None]);
        assert!(drill_down(COMPLETE, &[]).is_empty());
    }

    #[test]
    fn a_metric_given_in_a_followup_answer_closes_the_metric_gap() {
        let asked = drill_down(NO_RESULT, &["Failures went from twelve a month to zero."]);
        assert_eq!(kinds(&asked)[0], FollowUpKind::AskResult);
        assert!(
            !kinds(&asked).contains(&FollowUpKind::AskMetric),
            "{asked:?}"
        );
    }

    #[test]
    fn a_result_without_a_number_still_gets_asked_for_the_metric() {
        let asked = drill_down(NO_RESULT, &["It worked out and the team was happy."]);
        assert_eq!(
            kinds(&asked)[..2],
            [FollowUpKind::AskResult, FollowUpKind::AskMetric]
        );
    }

    #[test]
    fn each_gap_is_asked_once_even_when_left_unanswered() {
        let asked = drill_down(VAGUE_RESULT, &["They just liked it.", "I don't know."]);
        let metric = asked
            .iter()
            .filter(|f| f.kind == FollowUpKind::AskMetric)
            .count();
        assert_eq!(metric, 1, "{asked:?}");
    }

    #[test]
    fn a_cause_in_the_answer_is_drilled_with_its_own_words() {
        let asked = drill_down(
            UNEXPLAINED_CHOICE,
            &[
                "Because the last deploy had changed the payment code.",
                "Because the review skipped it.",
            ],
        );
        assert_eq!(
            kinds(&asked)[..2],
            [FollowUpKind::AskWhyDecision, FollowUpKind::AskWhyDecision]
        );
        assert!(
            asked[1]
                .text
                .contains("the last deploy had changed the payment code"),
            "{:?}",
            asked[1]
        );
        assert_eq!(
            asked[1].key_phrase.as_deref(),
            Some("the last deploy had changed the payment code")
        );
    }

    #[test]
    fn never_the_same_kind_and_phrase_twice_and_never_past_the_maximum_depth() {
        let because = ["Because we had no tests."; 8];
        let asked = drill_down(UNEXPLAINED_CHOICE, &because);
        assert!(asked.len() <= MAX_DEPTH);
        for (i, a) in asked.iter().enumerate() {
            for b in &asked[..i] {
                assert!(
                    !(a.kind == b.kind && a.key_phrase == b.key_phrase),
                    "{a:?} repeats {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_skipped_why_ends_that_thread() {
        let asked = drill_down(UNEXPLAINED_CHOICE, &[""]);
        assert_eq!(kinds(&asked), [FollowUpKind::AskWhyDecision]);
    }

    #[test]
    fn a_real_story_after_a_hypothetical_answer_is_drilled_for_its_own_gaps() {
        let plan = "I would first talk to the customers, and I'd set up a couple of metrics. Then I would decide.";
        let asked = drill_down(plan, &[VAGUE_RESULT]);
        assert_eq!(
            kinds(&asked)[..2],
            [FollowUpKind::AskSituation, FollowUpKind::AskMetric],
            "{asked:?}"
        );
    }

    #[test]
    fn we_answers_are_quoted_back_verbatim() {
        let text =
            "Our team had a migration to finish in one quarter. We wrote a plan, we moved the \
            services in waves, and we finished a month early with zero downtime.";
        let first = analyze(&AnswerInput::text(text)).followups.remove(0);
        assert_eq!(first.kind, FollowUpKind::AskPersonalAction);
        assert!(
            first.text.contains("\u{201c}We wrote a plan\u{201d}")
                || first.text.contains("\u{201c}we wrote a plan\u{201d}"),
            "{}",
            first.text
        );
        let span = first.key_span.expect("a span");
        let quoted: String = text
            .chars()
            .skip(span.start)
            .take(span.end - span.start)
            .collect();
        assert_eq!(Some(quoted), first.key_phrase);
    }

    #[test]
    fn the_same_answer_always_gets_the_same_questions() {
        assert_eq!(
            drill_down(NO_RESULT, &["It worked."]),
            drill_down(NO_RESULT, &["It worked."])
        );
    }
}
