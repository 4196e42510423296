//! Specificity and delivery: the numbers and named systems an answer
//! offers as evidence, and how it was spoken (length, pace, long pauses).
//!
//! Named systems and tools are found by form, not by a catalogue: a
//! capitalised word inside a sentence ("Metabase", "Power BI"), an acronym
//! or a mixed-case name anywhere ("SQL", "TypeScript"). A short list of
//! common lowercase tool names covers raw, uncapitalised transcripts.
//! Timings come from the voice-activity timeline when there is one, since
//! Whisper's word times absorb silence; otherwise from the words.

use super::lexicon::lex;
use super::quantity::Quantity;
use super::tokens::{Doc, Kind};
use crate::analysis::{AnswerInput, Evidence, LengthVerdict, Specificity, THRESHOLDS};
use crate::text::{Pause, Span};

pub(crate) fn analyse(
    doc: &Doc<'_>,
    quantities: &[Quantity],
    input: &AnswerInput<'_>,
) -> Specificity {
    let word_count = doc.words().count();
    let duration_s = duration_s(input);
    let words_per_minute = duration_s.map(|d| word_count as f64 / (d / 60.0));
    let estimated_s =
        duration_s.unwrap_or(word_count as f64 / THRESHOLDS.typical_words_per_minute * 60.0);
    let length = if estimated_s < THRESHOLDS.min_length_s {
        LengthVerdict::TooShort
    } else if estimated_s > THRESHOLDS.max_length_s {
        LengthVerdict::TooLong
    } else {
        LengthVerdict::WithinNorm
    };
    Specificity {
        word_count,
        numbers: numbers(doc, quantities),
        named_entities: named_entities(doc),
        duration_s,
        words_per_minute,
        long_pauses: long_pauses(input),
        length,
    }
}

/// Below this many seconds a recording has no meaningful rate.
const MIN_DURATION_S: f64 = 1.0;

/// Length of the answer in seconds: the recording's duration, else the end
/// of the last timed word; `None` when neither is a finite number of at
/// least a second.
fn duration_s(input: &AnswerInput<'_>) -> Option<f64> {
    let valid = |d: f64| (d.is_finite() && d >= MIN_DURATION_S).then_some(d);
    input
        .timeline
        .and_then(|t| valid(t.duration_s))
        .or_else(|| input.words.last().and_then(|w| valid(w.end)))
}

fn long_pauses(input: &AnswerInput<'_>) -> Vec<Pause> {
    let long = |p: &Pause| {
        p.start.is_finite() && p.end.is_finite() && p.end - p.start > THRESHOLDS.long_pause_s
    };
    match input.timeline {
        Some(timeline) => timeline.pauses.iter().copied().filter(long).collect(),
        None => input
            .words
            .windows(2)
            .map(|w| Pause {
                start: w[0].end,
                end: w[1].start,
            })
            .filter(long)
            .collect(),
    }
}

fn evidence(doc: &Doc<'_>, span: Span) -> Evidence {
    Evidence {
        quote: doc.slice(span).to_string(),
        span,
    }
}

/// Every number phrase except a lone "one" ("one of them", "one page"),
/// which is grammar rather than evidence.
fn numbers(doc: &Doc<'_>, quantities: &[Quantity]) -> Vec<Evidence> {
    quantities
        .iter()
        .filter(|q| !(q.first == q.last && doc.tokens[q.first].is_in(&lex().lone_numbers)))
        .map(|q| evidence(doc, doc.span_of(q.first..q.last + 1)))
        .collect()
}

fn named_entities(doc: &Doc<'_>) -> Vec<Evidence> {
    let tokens = &doc.tokens;
    let sentence_start: Vec<bool> = {
        let mut starts = vec![false; tokens.len()];
        for s in &doc.sentences {
            // The first word after any opening hesitations and punctuation.
            if let Some(first) = s
                .clone()
                .find(|&i| tokens[i].is_word() && !tokens[i].is_in(&lex().sentence_openers))
            {
                starts[first] = true;
            }
            if let Some(first) = s.clone().find(|&i| tokens[i].is_word()) {
                starts[first] = true;
            }
        }
        starts
    };
    let is_name = |i: usize| {
        let t = &tokens[i];
        let text = doc.slice(t.span());
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        if t.kind != Kind::Word || letters.is_empty() {
            return false;
        }
        let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        let mixed = letters.iter().skip(1).any(|c| c.is_uppercase())
            && letters.iter().any(|c| c.is_lowercase());
        let capitalised = letters[0].is_uppercase() && !sentence_start[i];
        let lex = lex();
        let listed = t.is_in(&lex.lowercase_tools);
        let not_a_name = t.is_in(&lex.not_names) || t.is_in(&lex.weekdays) || t.is_in(&lex.months);
        (acronym || mixed || capitalised || listed) && !not_a_name
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name(i) {
            i += 1;
            continue;
        }
        // "Power BI", "Black Friday", "Wi-Fi": consecutive or hyphenated.
        let mut last = i;
        loop {
            let next = last + 1;
            let hyphenated = tokens
                .get(next)
                .is_some_and(|h| h.is_punct('-') && h.start == tokens[last].end)
                && next + 1 < tokens.len()
                && is_word_cap(doc, next + 1);
            if next < tokens.len() && (is_name(next) || capital_continuation(doc, next)) {
                last = next;
            } else if hyphenated {
                last = next + 1;
            } else {
                break;
            }
        }
        let found = evidence(doc, doc.span_of(i..last + 1));
        // Each name once: a repeated "Black Friday" is one named thing.
        if !out
            .iter()
            .any(|e: &Evidence| e.quote.eq_ignore_ascii_case(&found.quote))
        {
            out.push(found);
        }
        i = last + 1;
    }
    out
}

/// A capitalised word continuing a name, even if it would not be a name on
/// its own ("Black Friday").
fn capital_continuation(doc: &Doc<'_>, i: usize) -> bool {
    is_word_cap(doc, i) && !doc.tokens[i].is_in(&lex().i_forms)
}

fn is_word_cap(doc: &Doc<'_>, i: usize) -> bool {
    doc.tokens[i].kind == Kind::Word && doc.tokens[i].capitalized(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{SpeechTimeline, TimedWord};

    fn names(text: &str) -> Vec<String> {
        named_entities(&Doc::new(text))
            .into_iter()
            .map(|e| e.quote)
            .collect()
    }

    #[test]
    fn names_are_capitalised_words_inside_sentences_acronyms_and_mixed_case() {
        assert_eq!(
            names("Our dashboards ran in Power BI and SQL. TypeScript was new."),
            ["Power BI", "SQL", "TypeScript"]
        );
        assert_eq!(
            names("Last spring I launched it before Black Friday on Wi-Fi."),
            ["Black Friday", "Wi-Fi"]
        );
    }

    #[test]
    fn sentence_starts_days_and_roles_are_not_names() {
        assert!(names("Leadership agreed on Monday. I told the VP.").is_empty());
    }

    #[test]
    fn raw_lowercase_tool_names_are_found() {
        assert_eq!(names("i moved it to redis"), ["redis"]);
    }

    #[test]
    fn timings_give_pace_and_long_pauses() {
        let timeline = SpeechTimeline {
            duration_s: 120.0,
            speech_s: 100.0,
            pauses: vec![
                Pause {
                    start: 10.0,
                    end: 13.5,
                },
                Pause {
                    start: 20.0,
                    end: 21.0,
                },
            ],
        };
        let text = "word ".repeat(300);
        let input = AnswerInput {
            timeline: Some(&timeline),
            ..AnswerInput::text(&text)
        };
        let s = analyse(&Doc::new(&text), &[], &input);
        assert_eq!(s.words_per_minute, Some(150.0));
        assert_eq!(s.long_pauses.len(), 1);
        assert_eq!(s.length, LengthVerdict::WithinNorm);
    }

    #[test]
    fn without_a_timeline_word_gaps_give_pauses_and_the_last_word_the_duration() {
        let words = vec![
            TimedWord {
                word: "We".into(),
                start: 0.0,
                end: 0.3,
            },
            TimedWord {
                word: "shipped".into(),
                start: 3.0,
                end: 3.4,
            },
        ];
        let input = AnswerInput {
            words: &words,
            ..AnswerInput::text("We shipped")
        };
        let s = analyse(&Doc::new("We shipped"), &[], &input);
        assert_eq!(s.duration_s, Some(3.4));
        assert_eq!(
            s.long_pauses,
            vec![Pause {
                start: 0.3,
                end: 3.0
            }]
        );
        assert_eq!(s.length, LengthVerdict::TooShort);
    }

    #[test]
    fn without_timings_length_is_estimated_from_words() {
        let text = "word ".repeat(500);
        let s = analyse(&Doc::new(&text), &[], &AnswerInput::text(&text));
        assert_eq!((s.duration_s, s.length), (None, LengthVerdict::TooLong));
    }
}
