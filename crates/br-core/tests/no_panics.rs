//! Property tests: analysis never panics, whatever the text and timings,
//! and every span it reports lies on character boundaries inside the text.

use br_core::analysis::Analysis;
use br_core::followup::{next_followup, AnsweredTurn};
use br_core::text::{Pause, Span, SpeechTimeline, TimedWord};
use br_core::{analyze, AnswerInput};
use proptest::prelude::*;

/// Words that reach the deeper rules (fillers, STAR cues, numbers).
const VOCABULARY: &[&str] = &[
    "I",
    "we",
    "so",
    "um",
    "like",
    "you know",
    "I mean",
    "kind of",
    "right?",
    "actually",
    "because",
    "instead of",
    "My job was",
    "In the end",
    "went from",
    "percent",
    "$",
    "40%",
    "twenty",
    "thousand",
    "to",
    "from",
    "and",
    "but",
    ",",
    ".",
    "?",
    "!",
    ";",
    "I'd",
    "would",
    "we'll",
    "had",
    "the",
    "my manager",
    "decided",
    "failed",
    "I learned",
    "Redis",
    "Black Friday",
    "0.4",
    "1,000",
    "’",
    "'",
    "-",
    "\n\n",
    "é",
    "日本",
    "🙂",
    "\u{301}",
];

fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(VOCABULARY).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-zA-Z']{1,8}",
    ];
    prop::collection::vec(piece, 0..120).prop_map(|parts| parts.join(" "))
}

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        -10.0..400.0f64,
        Just(f64::NAN),
        Just(f64::INFINITY)
    ]
}

fn words() -> impl Strategy<Value = Vec<TimedWord>> {
    prop::collection::vec(("[a-z]{0,6}", any_f64(), any_f64()), 0..20).prop_map(|ws| {
        ws.into_iter()
            .map(|(word, start, end)| TimedWord { word, start, end })
            .collect()
    })
}

fn timeline() -> impl Strategy<Value = Option<SpeechTimeline>> {
    prop::option::of(
        (
            any_f64(),
            any_f64(),
            prop::collection::vec((any_f64(), any_f64()), 0..8),
        )
            .prop_map(|(duration_s, speech_s, pauses)| SpeechTimeline {
                duration_s,
                speech_s,
                pauses: pauses
                    .into_iter()
                    .map(|(start, end)| Pause { start, end })
                    .collect(),
            }),
    )
}

/// Every span the analysis reports, with what it labels.
fn spans(a: &Analysis) -> Vec<(String, Span)> {
    let mut out: Vec<(String, Span)> = Vec::new();
    out.extend(a.fillers.spans.iter().map(|m| {
        (
            "filler".to_string(),
            Span {
                start: m.start,
                end: m.end,
            },
        )
    }));
    for (name, part) in [
        ("situation", &a.star.situation),
        ("task", &a.star.task),
        ("action", &a.star.action),
        ("result", &a.star.result),
    ] {
        assert_eq!(
            part.present,
            part.span.is_some(),
            "{name}: present must match span"
        );
        out.extend(part.span.map(|s| (name.to_string(), s)));
    }
    out.extend(
        a.specificity
            .numbers
            .iter()
            .map(|e| ("number".to_string(), e.span)),
    );
    out.extend(
        a.specificity
            .named_entities
            .iter()
            .map(|e| ("name".to_string(), e.span)),
    );
    out.extend(
        a.score
            .findings
            .iter()
            .filter_map(|f| f.span.map(|s| (f.code.clone(), s))),
    );
    out.extend(
        a.followups
            .iter()
            .filter_map(|f| f.key_span.map(|s| ("followup".to_string(), s))),
    );
    out
}

fn check(text: &str, a: &Analysis) {
    let chars = text.chars().count();
    for (what, span) in spans(a) {
        assert!(
            span.start <= span.end && span.end <= chars,
            "{what} span {span:?} outside {chars} chars"
        );
    }
    assert!((1..=4).contains(&a.score.value));
    assert_eq!(a.score.reasons.len(), a.score.findings.len());
    assert!(!a.followups.is_empty());
    assert_eq!(a.fillers.total, a.fillers.spans.len());
    assert_eq!(a.fillers.total, a.fillers.by_word.values().sum::<usize>());
    for f in &a.followups {
        if let (Some(span), Some(phrase)) = (f.key_span, &f.key_phrase) {
            let quoted: String = text
                .chars()
                .skip(span.start)
                .take(span.end - span.start)
                .collect();
            assert_eq!(&quoted, phrase);
        }
    }
    for e in a
        .specificity
        .numbers
        .iter()
        .chain(&a.specificity.named_entities)
    {
        let quoted: String = text
            .chars()
            .skip(e.span.start)
            .take(e.span.end - e.span.start)
            .collect();
        assert_eq!(quoted, e.quote);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics_and_spans_stay_inside(text in any::<String>()) {
        let a = analyze(&AnswerInput::text(&text));
        check(&text, &a);
    }

    #[test]
    fn story_like_text_with_any_timings_never_panics(
        text in mixed_text(),
        words in words(),
        timeline in timeline(),
        question in prop::option::of(mixed_text()),
    ) {
        let input = AnswerInput {
            words: &words,
            timeline: timeline.as_ref(),
            question: question.as_deref(),
            ..AnswerInput::text(&text)
        };
        let a = analyze(&input);
        check(&text, &a);
        if let Some(rate) = a.fillers.per_minute {
            prop_assert!(rate.is_finite());
        }
    }

    #[test]
    fn the_drill_down_never_panics_and_stops(main in mixed_text(), answers in prop::collection::vec(mixed_text(), 0..8)) {
        let texts: Vec<String> = std::iter::once(main).chain(answers).collect();
        let analyses: Vec<Analysis> = texts.iter().map(|t| analyze(&AnswerInput::text(t))).collect();
        let mut asked = Vec::new();
        for n in 1..=texts.len() {
            let turns: Vec<AnsweredTurn<'_>> = (0..n)
                .map(|i| AnsweredTurn {
                    asked: if i == 0 { None } else { asked.get(i - 1) },
                    analysis: &analyses[i],
                })
                .collect();
            match next_followup(&turns) {
                Some(next) => {
                    prop_assert!(n - 1 < br_core::followup::MAX_DEPTH);
                    asked.push(next);
                }
                None => break,
            }
        }
    }
}
