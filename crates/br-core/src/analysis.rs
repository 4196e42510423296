//! Analysis of one spoken answer: the public types and the `analyze` entry
//! point. The rules live in the submodules (fillers, pronouns, STAR, ...);
//! this module runs them in order over one shared tokenization.

mod clauses;
pub(crate) mod cues;
mod fillers;
mod hypothetical;
pub(crate) mod lexicon;
mod pronouns;
pub(crate) mod quantity;
pub(crate) mod reasoning;
mod score;
mod specificity;
pub(crate) mod star;
mod tokens;

use crate::followup::FollowUp;
use crate::principle::Principle;
use crate::text::{Pause, Span, SpeechTimeline, TimedWord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the analysis may look at. Only `text` is required; timings make
/// per-minute rates and pauses available.
#[derive(Debug, Clone, Copy)]
pub struct AnswerInput<'a> {
    pub text: &'a str,
    /// Words with times from the transcriber; empty when unknown.
    pub words: &'a [TimedWord],
    /// Voice-activity timeline of the recording, when there is one.
    pub timeline: Option<&'a SpeechTimeline>,
    pub question: Option<&'a str>,
    pub principle: Option<Principle>,
}

impl<'a> AnswerInput<'a> {
    /// An input with text only (no timings, question or principle).
    pub fn text(text: &'a str) -> Self {
        AnswerInput {
            text,
            words: &[],
            timeline: None,
            question: None,
            principle: None,
        }
    }
}

/// The full result of analysing an answer. Serializes to the JSON contract of
/// `barraiser analyze --json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub fillers: FillerReport,
    pub first_person: FirstPerson,
    pub star: Star,
    pub result_quantified: bool,
    pub hypothetical: bool,
    pub specificity: Specificity,
    pub score: Score,
    /// The follow-ups the answer calls for, in the order a bar raiser asks
    /// them (the precedence of the labeling rules). When none applies this
    /// holds a single `none` follow-up, so the first entry always states
    /// the interviewer's next move.
    pub followups: Vec<FollowUp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FillerReport {
    pub total: usize,
    /// Lowercase filler -> count; multiword fillers with one space.
    pub by_word: BTreeMap<String, usize>,
    /// Fillers per minute of recording, when the duration is known.
    pub per_minute: Option<f64>,
    pub spans: Vec<FillerMark>,
}

/// One filler occurrence in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FillerMark {
    /// The canonical lowercase filler ("um", "you know", "right").
    pub word: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstPerson {
    /// I, me, my, I'm, I've, I'd, I'll.
    pub i: usize,
    /// we, our, us, we're, we've, we'd, we'll.
    pub we: usize,
    /// i / (i + we); `None` when neither occurs.
    pub i_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Star {
    pub situation: StarPart,
    pub task: StarPart,
    pub action: StarPart,
    pub result: StarPart,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StarPart {
    pub present: bool,
    /// The main contiguous stretch of this component; `None` when absent.
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Specificity {
    pub word_count: usize,
    /// Numbers and measured quantities mentioned ("40 percent", "two weeks").
    pub numbers: Vec<Evidence>,
    /// Named systems, tools, products and organisations.
    pub named_entities: Vec<Evidence>,
    /// Length of the answer in seconds, when timings are known.
    pub duration_s: Option<f64>,
    pub words_per_minute: Option<f64>,
    /// Pauses longer than two seconds.
    pub long_pauses: Vec<Pause>,
    pub length: LengthVerdict,
}

/// The answer's length against the 1.5-3 minute norm of a behavioral answer.
/// Without timings the word count is converted at a typical 150 words/minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LengthVerdict {
    TooShort,
    WithinNorm,
    TooLong,
}

/// A quote from the answer that supports a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub quote: String,
    pub span: Span,
}

/// The 1-4 bar-raiser evidence scale: 1 no evidence, 2 partial, 3 full with
/// minor gaps, 4 exemplar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub value: u8,
    /// Observable reasons, in plain words ("no number in the Result").
    pub reasons: Vec<String>,
    /// The same reasons with the evidence each points at, in the same order.
    pub findings: Vec<Finding>,
}

/// One scored observation and where in the answer it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable machine-readable code ("result_missing", "we_heavy", ...).
    pub code: String,
    pub text: String,
    /// Whether this finding counts for (true) or against (false) the answer.
    pub positive: bool,
    pub span: Option<Span>,
    pub quote: Option<String>,
}

/// Everything the rules derive from one text, computed once and shared by
/// the report, the score and the follow-up tree.
pub(crate) struct Parsed<'a> {
    pub doc: tokens::Doc<'a>,
    pub fillers: Vec<fillers::Filler>,
    pub cues: Vec<cues::Hit>,
    pub clauses: Vec<clauses::Clause>,
    pub quantities: Vec<quantity::Quantity>,
    /// Per clause: whether it states a lesson.
    pub lesson: Vec<bool>,
    pub narrative: hypothetical::Narrative,
    pub star: star::StarParse,
}

impl<'a> Parsed<'a> {
    pub fn new(text: &'a str) -> Parsed<'a> {
        let doc = tokens::Doc::new(text);
        let fillers = fillers::find(&doc);
        let mut filler_mask = vec![false; doc.tokens.len()];
        for f in &fillers {
            filler_mask[f.first..=f.last]
                .iter_mut()
                .for_each(|m| *m = true);
        }
        let cues = cues::find(&doc, &filler_mask);
        let clauses = clauses::split(&doc, &filler_mask);
        let quantities = quantity::find(&doc);
        let lesson: Vec<bool> = clauses
            .iter()
            .map(|c| star::has_cue(c, &cues, cues::Cue::Lesson, false))
            .collect();
        let narrative = hypothetical::classify(&doc.tokens, &clauses, &lesson);
        let star = star::parse(&star::Inputs {
            doc: &doc,
            clauses: &clauses,
            cues: &cues,
            quantities: &quantities,
            lesson: &lesson,
            story: narrative.story,
        });
        Parsed {
            doc,
            fillers,
            cues,
            clauses,
            quantities,
            lesson,
            narrative,
            star,
        }
    }

    /// The character span of a run of clauses.
    pub fn clause_span(&self, run: std::ops::Range<usize>) -> Span {
        self.doc.span_of(clauses::run_tokens(&self.clauses, run))
    }
}

/// Analyses one answer. Never fails and never panics, whatever the text.
pub fn analyze(input: &AnswerInput<'_>) -> Analysis {
    let parsed = Parsed::new(input.text);
    let reasoning = reasoning::analyse(&parsed, input.question);
    let part = |p: star::Part| {
        let span = parsed.star.main_of(p).map(|run| parsed.clause_span(run));
        StarPart {
            present: span.is_some(),
            span,
        }
    };
    let star = Star {
        situation: part(star::Part::Situation),
        task: part(star::Part::Task),
        action: part(star::Part::Action),
        result: part(star::Part::Result),
    };
    let specificity = specificity::analyse(&parsed.doc, &parsed.quantities, input);
    let fillers = filler_report(&parsed, specificity.duration_s);
    let score = score::score(&parsed, &reasoning, &specificity, &fillers);
    Analysis {
        first_person: pronouns::count(&parsed.doc),
        star,
        result_quantified: parsed.star.quantified.is_some(),
        hypothetical: parsed.narrative.hypothetical,
        followups: crate::followup::plan(&parsed, &reasoning),
        fillers,
        specificity,
        score,
    }
}

fn filler_report(parsed: &Parsed<'_>, duration_s: Option<f64>) -> FillerReport {
    let mut by_word = BTreeMap::new();
    let spans: Vec<FillerMark> = parsed
        .fillers
        .iter()
        .map(|f| {
            *by_word.entry(f.word.to_string()).or_insert(0) += 1;
            let span = parsed.doc.span_of(f.first..f.last + 1);
            FillerMark {
                word: f.word.to_string(),
                start: span.start,
                end: span.end,
            }
        })
        .collect();
    let per_minute = duration_s.map(|d| spans.len() as f64 / (d / 60.0));
    FillerReport {
        total: spans.len(),
        by_word,
        per_minute,
        spans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Pause, TimedWord};

    #[test]
    fn filler_spans_are_character_offsets() {
        let text = "Café — um, naïve plan";
        let a = analyze(&AnswerInput::text(text));
        let um = &a.fillers.spans[0];
        let quoted: String = text
            .chars()
            .skip(um.start)
            .take(um.end - um.start)
            .collect();
        assert_eq!((um.word.as_str(), quoted.as_str()), ("um", "um"));
        assert_eq!(um.start, 7);
    }

    #[test]
    fn fillers_per_minute_use_the_recording_duration() {
        let timeline = SpeechTimeline {
            duration_s: 30.0,
            speech_s: 25.0,
            pauses: vec![],
        };
        let text = "Um, I mean, we uh shipped it.";
        let a = analyze(&AnswerInput {
            timeline: Some(&timeline),
            ..AnswerInput::text(text)
        });
        assert_eq!(a.fillers.total, 3);
        assert_eq!(a.fillers.per_minute, Some(6.0));
        assert_eq!(a.fillers.by_word.get("i mean"), Some(&1));
    }

    #[test]
    fn without_a_timeline_the_last_word_gives_the_duration() {
        let words = vec![TimedWord {
            word: "um".into(),
            start: 0.0,
            end: 120.0,
        }];
        let a = analyze(&AnswerInput {
            words: &words,
            ..AnswerInput::text("um")
        });
        assert_eq!(a.fillers.per_minute, Some(0.5));
        assert_eq!(analyze(&AnswerInput::text("um")).fillers.per_minute, None);
    }

    #[test]
    fn long_pauses_come_from_the_timeline() {
        let timeline = SpeechTimeline {
            duration_s: 100.0,
            speech_s: 90.0,
            pauses: vec![
                Pause {
                    start: 5.0,
                    end: 8.0,
                },
                Pause {
                    start: 9.0,
                    end: 10.0,
                },
            ],
        };
        let a = analyze(&AnswerInput {
            timeline: Some(&timeline),
            ..AnswerInput::text("We shipped.")
        });
        assert_eq!(
            a.specificity.long_pauses,
            vec![Pause {
                start: 5.0,
                end: 8.0
            }]
        );
        assert!(a.score.findings.iter().any(|f| f.code == "long_pauses"));
    }

    #[test]
    fn empty_input_still_gets_an_analysis() {
        let a = analyze(&AnswerInput::text(""));
        assert_eq!(a.score.value, 1);
        assert_eq!(a.fillers.total, 0);
        assert!(!a.star.situation.present && !a.star.result.present);
        assert_eq!(a.followups.len(), 1);
    }

    #[test]
    fn serializes_to_the_cli_json_contract() {
        let text =
            "So, um, last year our job failed. My job was to fix it. I rewrote it, and failures \
            dropped by 90 percent.";
        let v = serde_json::to_value(analyze(&AnswerInput::text(text))).expect("serializable");
        assert_eq!(v["fillers"]["by_word"]["um"], 1);
        assert_eq!(v["fillers"]["spans"][0]["word"], "so");
        assert!(v["fillers"]["per_minute"].is_null());
        assert!(v["first_person"]["i"].is_u64() && v["first_person"]["we"].is_u64());
        let span = &v["star"]["situation"]["span"];
        assert!(
            span.is_array() && span.as_array().map(Vec::len) == Some(2),
            "{span}"
        );
        assert_eq!(v["star"]["result"]["present"], true);
        assert_eq!(v["result_quantified"], true);
        assert_eq!(v["hypothetical"], false);
        assert!(v["score"]["value"].is_u64() && v["score"]["reasons"].is_array());
        assert_eq!(v["followups"][0]["kind"], "none");
    }
}
