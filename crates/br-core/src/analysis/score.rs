//! The 1-4 bar-raiser evidence score and the findings behind it.
//!
//! The scale is the rubric's: 1 no evidence, 2 partial, 3 full with minor
//! gaps, 4 exemplar. The value rests on evidence only (is there a real
//! event, the candidate's own action, a result, a measure, a reason, a
//! lesson where one is due); delivery findings (fillers, length, pauses) are
//! reported beside it. Every finding names an observable behaviour and
//! points at the words it comes from, never at the speaker's character.

use super::reasoning::Reasoning;
use super::star::Part;
use super::tokens::Doc;
use super::{FillerReport, Finding, LengthVerdict, Parsed, Score, Specificity};
use crate::text::Span;

/// Fillers per 100 words above which they are worth a finding.
const FILLERS_PER_100_WORDS: f64 = 4.0;
/// Numbers and named systems together that make an answer specific.
const SPECIFIC_ITEMS: usize = 3;
/// Words of a quote shown in a finding.
const QUOTE_WORDS: usize = 12;

struct Findings<'a, 'd> {
    doc: &'a Doc<'d>,
    list: Vec<Finding>,
}

impl Findings<'_, '_> {
    fn add(&mut self, code: &str, positive: bool, span: Option<Span>, text: String) {
        let quote = span.map(|s| quote(self.doc, s));
        self.list.push(Finding {
            code: code.to_string(),
            text,
            positive,
            span,
            quote,
        });
    }
}

/// The words of `span`, cut to a few words with an ellipsis.
fn quote(doc: &Doc<'_>, span: Span) -> String {
    let text = doc.slice(span);
    let mut words = text.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(QUOTE_WORDS).collect();
    let mut out = head.join(" ");
    if words.next().is_some() {
        out.push('\u{2026}');
    }
    out
}

pub(crate) fn score(
    p: &Parsed<'_>,
    r: &Reasoning,
    spec: &Specificity,
    fillers: &FillerReport,
) -> Score {
    let doc = &p.doc;
    let mut f = Findings {
        doc,
        list: Vec::new(),
    };
    let clause = |i: usize| p.clause_span(i..i + 1);
    let run = |part: Part| p.star.main_of(part).map(|r| p.clause_span(r));
    let first_sentence = doc.sentences.first().map(|s| doc.span_of(s.clone()));

    let value = if spec.word_count == 0 {
        f.add(
            "empty_answer",
            false,
            None,
            "No words in the answer".to_string(),
        );
        1
    } else if !p.narrative.story {
        if p.narrative.hypothetical {
            let plan = p.clauses.iter().position(|c| {
                c.preds.iter().any(|pr| {
                    matches!(
                        pr.tense,
                        super::clauses::Tense::Conditional | super::clauses::Tense::Future
                    )
                })
            });
            let text = "Describes what you would do, not a specific past event".to_string();
            f.add(
                "hypothetical",
                false,
                plan.map(clause).or(first_sentence),
                text,
            );
        } else {
            let text = "No specific past event: the answer describes habits or traits in the present tense";
            f.add("no_specific_event", false, first_sentence, text.to_string());
        }
        1
    } else {
        structure(p, r, &mut f, clause, run)
    };
    delivery(p, spec, fillers, &mut f);
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
    p: &Parsed<'_>,
    r: &Reasoning,
    f: &mut Findings<'_, '_>,
    clause: impl Fn(usize) -> Span,
    run: impl Fn(Part) -> Option<Span>,
) -> u8 {
    let labels = &p.star.labels;
    let first_of = |part: Part| labels.iter().position(|&l| l == part);
    let last_of = |part: Part| labels.iter().rposition(|&l| l == part);
    let opening = first_of(Part::Action)
        .or(first_of(Part::Result))
        .map(&clause);
    let mut minor_gaps = 0;

    match run(Part::Situation) {
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
                opening.or_else(|| (!p.clauses.is_empty()).then(|| p.clause_span(0..1))),
                text.to_string(),
            );
        }
    }
    match run(Part::Task) {
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
    let action = run(Part::Action);
    let own = &r.ownership;
    let total = own.i_actions + own.we_actions;
    match action {
        None => {
            let text = "No Action: nothing in the answer says what you did";
            f.add(
                "action_missing",
                false,
                run(Part::Situation),
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
        Some(span) if own.we_actions > own.i_actions => {
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
    let result = run(Part::Result);
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
            let span = p.doc.span_of(q.first..q.last + 1);
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
    if let Some(d) = r.decision {
        if r.decision_reasoned {
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
    match (&r.setback, r.lesson) {
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
fn delivery(p: &Parsed<'_>, spec: &Specificity, fillers: &FillerReport, f: &mut Findings<'_, '_>) {
    let doc = &p.doc;
    let items = spec.numbers.len() + spec.named_entities.len();
    if items >= SPECIFIC_ITEMS {
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
        let span = p.star.main_of(Part::Action).map(|r| p.clause_span(r));
        f.add(
            "vague",
            false,
            span,
            "No numbers or named systems anywhere in the answer".to_string(),
        );
    }
    let words = spec.word_count.max(1) as f64;
    let rate = fillers.total as f64 * 100.0 / words;
    let most_often = fillers
        .by_word
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
    if let Some((word, count)) =
        most_often.filter(|_| fillers.total >= 3 && rate >= FILLERS_PER_100_WORDS)
    {
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
        f.add("fillers", false, first, text);
    }
    let whole = Some(Span {
        start: 0,
        end: doc.char_len(),
    });
    let minutes = spec
        .duration_s
        .map_or(spec.word_count as f64 / 150.0, |d| d / 60.0);
    let measured = if spec.duration_s.is_some() {
        ""
    } else {
        " at 150 words per minute"
    };
    match spec.length {
        LengthVerdict::TooLong => {
            let text = format!("About {minutes:.1} minutes{measured}, over the 3-minute norm");
            f.add("too_long", false, whole, text);
        }
        LengthVerdict::TooShort => {
            let text = format!("About {minutes:.1} minutes{measured}, under the 1.5-minute norm");
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
            "{} pauses over 2 s; the longest is {:.1} s at {:.0} s",
            spec.long_pauses.len(),
            longest.end - longest.start,
            longest.start
        );
        f.list.push(Finding {
            code: "long_pauses".to_string(),
            text,
            positive: false,
            span: None,
            quote: Some(format!("silence {:.1}-{:.1} s", longest.start, longest.end)),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{analyze, AnswerInput, Score};

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
