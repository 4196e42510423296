//! The 1-4 bar-raiser evidence score and the findings behind it.
//!
//! The scale is the rubric's: 1 no evidence, 2 partial, 3 full with minor
//! gaps, 4 exemplar. The value rests on evidence only (is there a real
//! event, the candidate's own action, a result, a measure, a reason, a
//! lesson where one is due); delivery findings (fillers, length, pauses) are
//! reported beside it. Every finding names an observable behaviour and
//! points at the words it comes from, never at the speaker's character.

use crate::analysis::{Finding, LengthVerdict, Score, THRESHOLDS};
use crate::facts::{Facts, StarLabel as Part, StarRun, Tense};
use crate::rules::RuleId;
use crate::text::Span;

/// Words of a quote shown in a finding.
const QUOTE_WORDS: usize = 12;

struct Findings<'a> {
    facts: &'a Facts,
    /// The rule whose findings are being added.
    rule: RuleId,
    list: Vec<Finding>,
}

impl Findings<'_> {
    fn add(&mut self, code: &str, positive: bool, span: Option<Span>, text: String) {
        let quote = span.map(|s| quote(self.facts, s));
        self.list.push(Finding {
            code: code.to_string(),
            text,
            positive,
            span,
            quote,
            rule: self.rule,
        });
    }

    /// Findings from here on come from `rule`.
    fn rule(&mut self, rule: RuleId) -> &mut Self {
        self.rule = rule;
        self
    }
}

/// The words of `span`, cut to a few words with an ellipsis.
fn quote(facts: &Facts, span: Span) -> String {
    let text = facts.slice(span);
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(QUOTE_WORDS).collect();
    let mut out = head.join(" ");
    if words.next().is_some() {
        out.push('\u{2026}');
    }
    out
}

/// The 1-4 score of the answer, from its facts.
pub(crate) fn score(p: &Facts) -> Score {
    let mut f = Findings {
        facts: p,
        rule: RuleId::ScoreEmpty,
        list: Vec::new(),
    };
    let clause = |i: usize| p.clauses[i].span;
    let run = |part: Option<&StarRun>| part.map(|r| r.span);
    let first_sentence = p.sentences.first().copied();

    let value = if p.specificity.word_count == 0 {
        f.rule(RuleId::ScoreEmpty).add(
            "empty_answer",
            false,
            None,
            "No words in the answer".to_string(),
        );
        1
    } else if !p.narrative.story {
        if p.narrative.hypothetical {
            let plan = p.clauses.iter().position(|c| {
                c.preds
                    .iter()
                    .any(|pr| matches!(pr.tense, Tense::Conditional | Tense::Future))
            });
            let text = "Describes what you would do, not a specific past event".to_string();
            f.rule(RuleId::ScoreHypothetical).add(
                "hypothetical",
                false,
                plan.map(clause).or(first_sentence),
                text,
            );
        } else {
            let text = "No specific past event: the answer describes habits or traits in the present tense";
            f.rule(RuleId::ScoreNoEvent).add(
                "no_specific_event",
                false,
                first_sentence,
                text.to_string(),
            );
        }
        1
    } else {
        structure(p, &mut f, clause, run)
    };
    delivery(p, &mut f);
    // A reason reads on its own: the finding and the words it points at.
    let reasons = f
        .list
        .iter()
        .map(|x| match &x.quote {
            Some(q) => format!("{}: \u{201c}{q}\u{201d}", x.text),
            None => x.text.clone(),
        })
        .collect();
    Score {
        value,
        reasons,
        findings: f.list,
    }
}

/// Findings about the story's evidence; returns the score value.
fn structure(
    p: &Facts,
    f: &mut Findings<'_>,
    clause: impl Fn(usize) -> Span,
    run: impl Fn(Option<&StarRun>) -> Option<Span>,
) -> u8 {
    let first_of = |part: Part| p.labelled(part).next();
    let last_of = |part: Part| p.labelled(part).last();
    let opening = first_of(Part::Action)
        .or(first_of(Part::Result))
        .map(&clause);
    let mut minor_gaps = 0;

    f.rule(RuleId::ScoreSituation);
    match run(p.star.situation.as_ref()) {
        Some(span) => f.add(
            "situation",
            true,
            Some(span),
            "States the situation".to_string(),
        ),
        None => {
            minor_gaps += 1;
            let text =
                "No Situation: the story starts without saying where, when or what problem existed";
            f.add(
                "situation_missing",
                false,
                opening.or_else(|| p.clauses.first().map(|c| c.span)),
                text.to_string(),
            );
        }
    }
    f.rule(RuleId::ScoreTask);
    match run(p.star.task.as_ref()) {
        Some(span) => f.add(
            "task",
            true,
            Some(span),
            "States the goal or responsibility".to_string(),
        ),
        None => {
            let text = "No Task: no stated goal or responsibility before the actions";
            f.add("task_missing", false, opening, text.to_string());
        }
    }
    let action = run(p.star.action.as_ref());
    let own = &p.ownership;
    let total = own.i_actions + own.we_actions;
    let we_heavy = own
        .we_share()
        .is_some_and(|share| share > THRESHOLDS.max_we_action_share);
    f.rule(RuleId::ScoreOwnership);
    match action {
        None => {
            let text = "No Action: nothing in the answer says what you did";
            f.add(
                "action_missing",
                false,
                run(p.star.situation.as_ref()),
                text.to_string(),
            );
        }
        Some(span) if own.all_we() => {
            let text = format!(
                "All {} action verbs follow \u{201c}we\u{201d}; none says what you did",
                own.we_actions
            );
            f.add(
                "we_only",
                false,
                own.first_we.map(&clause).or(Some(span)),
                text,
            );
        }
        Some(span) if we_heavy => {
            let text = format!(
                "{} of {total} action verbs follow \u{201c}we\u{201d}",
                own.we_actions
            );
            f.add(
                "we_heavy",
                false,
                own.first_we.map(&clause).or(Some(span)),
                text,
            );
        }
        Some(span) => {
            let text = format!(
                "{} of {total} action verbs follow \u{201c}I\u{201d}",
                own.i_actions
            );
            f.add("ownership", true, Some(span), text);
        }
    }
    let result = run(p.star.result.as_ref());
    f.rule(RuleId::ScoreResult);
    match (result, p.star.quantified) {
        (None, _) => {
            let last_action = last_of(Part::Action).map(&clause);
            f.add(
                "result_missing",
                false,
                last_action,
                "No Result: the story ends on an action".to_string(),
            );
        }
        (Some(_), Some(q)) => {
            let span = p.quantities[q].span;
            f.add(
                "result_quantified",
                true,
                Some(span),
                "The Result is measured".to_string(),
            );
        }
        (Some(span), None) => {
            minor_gaps += 1;
            f.add(
                "result_not_quantified",
                false,
                Some(span),
                "No number in the Result".to_string(),
            );
        }
    }
    f.rule(RuleId::ScoreDecision);
    if let Some(d) = p.decision {
        let d = d.clause;
        if p.decision.is_some_and(|d| d.reasoned) {
            f.add(
                "decision_reasoned",
                true,
                Some(clause(d)),
                "Gives the reason for the central decision".into(),
            );
        } else {
            minor_gaps += 1;
            f.add(
                "decision_without_reason",
                false,
                Some(clause(d)),
                "No reason given for the central decision".into(),
            );
        }
    }
    f.rule(RuleId::ScoreLesson);
    match (p.setback.map(|s| s.clause), p.lesson) {
        (_, Some(l)) => f.add(
            "lesson",
            true,
            Some(clause(l)),
            "States a lesson".to_string(),
        ),
        (Some(setback), None) => {
            minor_gaps += 1;
            // The setback itself, else the end of the answer, where a lesson
            // would have gone.
            let span = setback
                .map(&clause)
                .or_else(|| p.clauses.len().checked_sub(1).map(&clause));
            f.add(
                "lesson_missing",
                false,
                span,
                "A setback story with no lesson learned".to_string(),
            );
        }
        (None, None) => {}
    }
    if action.is_none() && result.is_none() {
        1
    } else if action.is_none() || result.is_none() || own.all_we() {
        2
    } else if minor_gaps > 0 {
        3
    } else {
        4
    }
}

/// Findings about specificity and delivery; they do not change the value.
fn delivery(p: &Facts, f: &mut Findings<'_>) {
    let spec = &p.specificity;
    let fillers = &p.fillers;
    let items = spec.numbers.len() + spec.named_entities.len();
    f.rule(RuleId::ScoreSpecificity);
    if items >= THRESHOLDS.specific_items {
        let first = spec
            .numbers
            .first()
            .or(spec.named_entities.first())
            .map(|e| e.span);
        let text = format!(
            "{} numbers and {} named systems or tools",
            spec.numbers.len(),
            spec.named_entities.len()
        );
        f.add("specific", true, first, text);
    } else if p.narrative.story && items == 0 {
        let span = p.star.action.as_ref().map(|r| r.span);
        f.add(
            "vague",
            false,
            span,
            "No numbers or named systems anywhere in the answer".to_string(),
        );
    }
    let rate = filler_rate(p);
    let most_often = fillers
        .by_word
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
    if let Some((word, count)) = most_often.filter(|_| too_many_fillers(p)) {
        let first = fillers
            .spans
            .iter()
            .find(|m| &m.word == word)
            .map(|m| Span {
                start: m.start,
                end: m.end,
            });
        let text = format!(
            "{} fillers ({rate:.1} per 100 words), most often \u{201c}{word}\u{201d} ({count})",
            fillers.total
        );
        f.rule(RuleId::ScoreFillerRate)
            .add("fillers", false, first, text);
    }
    let whole = Some(Span {
        start: 0,
        end: p.char_len,
    });
    let wpm = THRESHOLDS.typical_words_per_minute;
    let minutes = spec
        .duration_s
        .map_or(spec.word_count as f64 / wpm, |d| d / 60.0);
    let measured = if spec.duration_s.is_some() {
        String::new()
    } else {
        format!(" at {wpm:.0} words per minute")
    };
    f.rule(RuleId::ScoreLength);
    match spec.length {
        LengthVerdict::TooLong => {
            let text = format!(
                "About {minutes:.1} minutes{measured}, over the {}-minute norm",
                THRESHOLDS.max_length_s / 60.0
            );
            f.add("too_long", false, whole, text);
        }
        LengthVerdict::TooShort => {
            let text = format!(
                "About {minutes:.1} minutes{measured}, under the {}-minute norm",
                THRESHOLDS.min_length_s / 60.0
            );
            f.add("too_short", false, whole, text);
        }
        LengthVerdict::WithinNorm => {}
    }
    if let Some(longest) = spec
        .long_pauses
        .iter()
        .max_by(|a, b| (a.end - a.start).total_cmp(&(b.end - b.start)))
    {
        let text = format!(
            "{} pauses over {} s; the longest is {:.1} s at {:.0} s",
            spec.long_pauses.len(),
            THRESHOLDS.long_pause_s,
            longest.end - longest.start,
            longest.start
        );
        f.list.push(Finding {
            code: "long_pauses".to_string(),
            text,
            positive: false,
            span: None,
            quote: Some(format!("silence {:.1}-{:.1} s", longest.start, longest.end)),
            rule: RuleId::ScorePauses,
        });
    }
}

/// Fillers per 100 words.
pub(crate) fn filler_rate(p: &Facts) -> f64 {
    let words = p.specificity.word_count.max(1) as f64;
    p.fillers.total as f64 * 100.0 / words
}

/// Whether the fillers are worth a finding: enough of them, often enough.
pub(crate) fn too_many_fillers(p: &Facts) -> bool {
    p.fillers.total >= THRESHOLDS.min_fillers && filler_rate(p) >= THRESHOLDS.fillers_per_100_words
}

#[cfg(test)]
mod tests {
    use crate::{analysis::Score, analyze, AnswerInput};

    fn score(text: &str) -> Score {
        analyze(&AnswerInput::text(text)).score
    }

    fn codes(s: &Score) -> Vec<&str> {
        s.findings.iter().map(|f| f.code.as_str()).collect()
    }

    const COMPLETE: &str = "Last year our billing job kept failing at night because it loaded five years of \
        invoices. My job was to fix it. I decided to load one month at a time so that memory stayed flat, \
        and failures dropped from twelve a month to zero.";

    #[test]
    fn a_plan_instead_of_a_past_event_scores_one() {
        let s = score(
            "I would first talk to the customers. Then I'd set up metrics and I would decide.",
        );
        assert_eq!(s.value, 1);
        assert!(codes(&s).contains(&"hypothetical"));
    }

    #[test]
    fn a_story_without_a_result_scores_two() {
        let s = score("Last year our billing job kept failing. My job was to fix it. I read the logs, and I rewrote the job.");
        assert_eq!(s.value, 2);
        assert!(codes(&s).contains(&"result_missing"));
    }

    #[test]
    fn actions_that_all_follow_we_score_two() {
        let s = score("Our migration was late. We wrote a plan, we moved services in waves, and we finished with zero downtime.");
        assert_eq!(s.value, 2);
        assert!(
            s.reasons
                .iter()
                .any(|r| r.starts_with("All 2 action verbs follow \u{201c}we\u{201d}")),
            "{:?}",
            s.reasons
        );
    }

    #[test]
    fn an_unmeasured_result_scores_three() {
        let s = score("Last year our billing job kept failing. My job was to fix it. I rewrote it. The team was happy.");
        assert_eq!(s.value, 3);
        assert!(s
            .reasons
            .iter()
            .any(|r| r.starts_with("No number in the Result")));
    }

    #[test]
    fn a_complete_measured_story_scores_four() {
        let s = score(COMPLETE);
        assert_eq!(s.value, 4, "{:?}", s.reasons);
    }

    #[test]
    fn every_finding_points_at_words_of_the_answer() {
        let s = score(COMPLETE);
        let chars = COMPLETE.chars().count();
        for f in &s.findings {
            let span = f.span.expect("a span");
            assert!(span.end <= chars);
            let quote = f.quote.as_deref().expect("a quote");
            let text: String = COMPLETE
                .chars()
                .skip(span.start)
                .take(span.end - span.start)
                .collect();
            assert!(
                text.starts_with(quote.trim_end_matches('\u{2026}')),
                "{quote} vs {text}"
            );
        }
    }

    #[test]
    fn reasons_describe_behaviour_not_character() {
        let s = score("So, um, like, we basically, um, did stuff, you know, and it was, um, fine.");
        for reason in &s.reasons {
            let lower = reason.to_lowercase();
            for judgement in [
                "confident",
                "nervous",
                "lazy",
                "smart",
                "weak",
                "personality",
            ] {
                assert!(!lower.contains(judgement), "{reason}");
            }
        }
        assert!(codes(&s).contains(&"fillers"));
    }
}
