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

/// How many "why" questions may follow one another before the remaining
/// gaps get their turn.
pub const WHY_CHAIN: usize = 3;

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

impl FollowUpKind {
    /// Every kind, in precedence order (the order of the variants).
    pub const ALL: [FollowUpKind; 7] = [
        FollowUpKind::AskSituation,
        FollowUpKind::AskPersonalAction,
        FollowUpKind::AskResult,
        FollowUpKind::AskMetric,
        FollowUpKind::AskWhyDecision,
        FollowUpKind::AskLesson,
        FollowUpKind::None,
    ];

    /// The name used in JSON and in labelled answers ("ask_metric").
    pub fn slug(self) -> &'static str {
        match self {
            FollowUpKind::AskSituation => "ask_situation",
            FollowUpKind::AskPersonalAction => "ask_personal_action",
            FollowUpKind::AskResult => "ask_result",
            FollowUpKind::AskMetric => "ask_metric",
            FollowUpKind::AskWhyDecision => "ask_why_decision",
            FollowUpKind::AskLesson => "ask_lesson",
            FollowUpKind::None => "none",
        }
    }
}

/// One follow-up question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub kind: FollowUpKind,
    pub text: String,
    /// The phrase from the answer the question quotes, if any.
    pub key_phrase: Option<String>,
    /// Where `key_phrase` is, in characters of the answer it was quoted
    /// from: the main answer, or for a drilled "why" the follow-up answer
    /// that gave the cause.
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
        .find(|t| Parsed::new(t.text).narrative.story)
        .unwrap_or(main);
    let answers: Vec<Parsed<'_>> = followups.iter().map(|t| Parsed::new(t.text)).collect();
    let closed = |kind: FollowUpKind| {
        let answered = answers
            .iter()
            .zip(followups)
            .any(|(a, t)| closes(kind, a, t.asked.map(|f| f.kind)));
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
    let newest = followups
        .last()
        .zip(answers.last())
        .filter(|(t, _)| !t.text.trim().is_empty());
    let peel = newest
        .filter(|_| whys_in_a_row < WHY_CHAIN)
        .and_then(|(_, answer)| drill(answer, turns.len()))
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
    // The words after "because ..." are the cause to peel next (other
    // reason cues, like "so that", state purposes, not causes).
    let tokens = &answer.doc.tokens;
    let cause = answer
        .cues
        .iter()
        .filter(|h| {
            h.cue == Cue::Reason
                && tokens[h.first].is_in(&crate::analysis::lexicon::lex().cause_openers)
        })
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
        // The lesson templates embed the phrase as a clause ("after you
        // underestimated ..."), so it must start at a subject.
        let clause = setback.filter(|&c| p.clauses[c].main().is_some());
        ask(FollowUpKind::AskLesson, clause, true);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Analysis, AnswerInput};

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
                    text: &texts[i],
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
            text: NO_RESULT,
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
