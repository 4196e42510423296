//! Wire copies of `br_core`'s analysis types.
//!
//! The core types are `Serialize` for the CLI's JSON but know nothing of
//! specta; these mirrors are what the UI's generated bindings describe, and
//! the `From` impls are the only place the two meet. Counts and character
//! offsets become `u32` because TypeScript numbers cannot hold a `usize`
//! losslessly, and a transcript never has four billion characters.

use br_core::{RuleId, StarPartKind};
use serde::Serialize;
use specta::Type;

fn n(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// A half-open `[start, end)` range of characters (Unicode scalar values) in
/// an answer's text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Type)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl From<br_core::Span> for Span {
    fn from(span: br_core::Span) -> Self {
        Span {
            start: n(span.start),
            end: n(span.end),
        }
    }
}

/// One transcribed word and its time in the recording, in seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TimedWord {
    pub word: String,
    pub start: f64,
    pub end: f64,
}

impl From<&br_core::TimedWord> for TimedWord {
    fn from(word: &br_core::TimedWord) -> Self {
        TimedWord {
            word: word.word.clone(),
            start: word.start,
            end: word.end,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Type)]
pub struct Pause {
    pub start: f64,
    pub end: f64,
}

/// Everything the analysis found in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Analysis {
    pub fillers: FillerReport,
    pub first_person: FirstPerson,
    pub star: Star,
    pub result_quantified: bool,
    pub hypothetical: bool,
    pub specificity: Specificity,
    pub score: Score,
    pub followups: Vec<FollowUp>,
    /// What the answer has and lacks, as the engine decided it.
    pub checklist: Vec<br_core::CheckItem>,
    /// How fillers and STAR parts lie on the text, in order
    /// (`br_core::Analysis::marked_runs`): the transcript view draws these
    /// and decides no overlap itself.
    pub marks: Vec<MarkedRun>,
}

/// A stretch `[start, end)` of the text (in characters) with one marking;
/// text outside every run is unmarked.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct MarkedRun {
    pub start: u32,
    pub end: u32,
    pub star: Option<StarPartKind>,
    /// The canonical filler ("um", "you know") when the stretch is one.
    pub filler: Option<String>,
    /// The filler rule that matched, when the stretch is a filler.
    pub filler_rule: Option<RuleId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FillerReport {
    pub total: u32,
    /// Each filler and how often it was said, most frequent first.
    pub by_word: Vec<FillerCount>,
    pub per_minute: Option<f64>,
    pub spans: Vec<FillerMark>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FillerCount {
    pub word: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FillerMark {
    pub word: String,
    pub span: Span,
    /// The filler rule that matched.
    pub rule: RuleId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FirstPerson {
    pub i: u32,
    pub we: u32,
    pub i_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Star {
    pub situation: Option<StarSpan>,
    pub task: Option<StarSpan>,
    pub action: Option<StarSpan>,
    pub result: Option<StarSpan>,
}

/// The main stretch of one STAR part, `[start, end)` in characters, and the
/// rule that labelled its first clause.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Type)]
pub struct StarSpan {
    pub start: u32,
    pub end: u32,
    pub rule: RuleId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Specificity {
    pub word_count: u32,
    pub numbers: Vec<Evidence>,
    pub named_entities: Vec<Evidence>,
    pub duration_s: Option<f64>,
    pub words_per_minute: Option<f64>,
    pub long_pauses: Vec<Pause>,
    pub length: LengthVerdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LengthVerdict {
    TooShort,
    WithinNorm,
    TooLong,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Evidence {
    pub quote: String,
    pub span: Span,
}

/// The 1-4 evidence score with the findings behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Score {
    pub value: u8,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Finding {
    pub code: String,
    pub text: String,
    pub positive: bool,
    pub span: Option<Span>,
    pub quote: Option<String>,
    /// The scoring rule behind the finding.
    pub rule: RuleId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FollowUp {
    /// Why it is asked.
    pub kind: FollowUpKind,
    pub text: String,
    pub key_phrase: Option<String>,
    /// The follow-up policy rule (or drill-down rule) that asked it.
    pub rule: RuleId,
}

/// Why a follow-up is asked, spelled as `br_core::FollowUpKind::slug`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub enum FollowUpKind {
    #[serde(rename = "ask_situation")]
    AskSituation,
    #[serde(rename = "ask_personal_action")]
    AskPersonalAction,
    #[serde(rename = "ask_result")]
    AskResult,
    #[serde(rename = "ask_metric")]
    AskMetric,
    #[serde(rename = "ask_why_decision")]
    AskWhyDecision,
    #[serde(rename = "ask_lesson")]
    AskLesson,
    #[serde(rename = "none")]
    None,
}

impl From<br_core::FollowUpKind> for FollowUpKind {
    fn from(kind: br_core::FollowUpKind) -> Self {
        use br_core::FollowUpKind as K;
        match kind {
            K::AskSituation => FollowUpKind::AskSituation,
            K::AskPersonalAction => FollowUpKind::AskPersonalAction,
            K::AskResult => FollowUpKind::AskResult,
            K::AskMetric => FollowUpKind::AskMetric,
            K::AskWhyDecision => FollowUpKind::AskWhyDecision,
            K::AskLesson => FollowUpKind::AskLesson,
            K::None => FollowUpKind::None,
        }
    }
}

impl From<&br_core::FollowUp> for FollowUp {
    fn from(followup: &br_core::FollowUp) -> Self {
        FollowUp {
            kind: followup.kind.into(),
            text: followup.text.clone(),
            key_phrase: followup.key_phrase.clone(),
            rule: followup.rule,
        }
    }
}

fn evidence(items: &[br_core::analysis::Evidence]) -> Vec<Evidence> {
    items
        .iter()
        .map(|e| Evidence {
            quote: e.quote.clone(),
            span: e.span.into(),
        })
        .collect()
}

impl From<&br_core::Analysis> for Analysis {
    fn from(a: &br_core::Analysis) -> Self {
        let mut by_word: Vec<FillerCount> = a
            .fillers
            .by_word
            .iter()
            .map(|(word, count)| FillerCount {
                word: word.clone(),
                count: n(*count),
            })
            .collect();
        by_word.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.word.cmp(&y.word)));
        let part = |p: &br_core::analysis::StarPart| {
            p.span.filter(|_| p.present).map(|span| StarSpan {
                start: n(span.start),
                end: n(span.end),
                rule: p.rule.unwrap_or_default(),
            })
        };
        let spec = &a.specificity;
        Analysis {
            fillers: FillerReport {
                total: n(a.fillers.total),
                by_word,
                per_minute: a.fillers.per_minute,
                spans: a
                    .fillers
                    .spans
                    .iter()
                    .map(|m| FillerMark {
                        word: m.word.clone(),
                        span: Span {
                            start: n(m.start),
                            end: n(m.end),
                        },
                        rule: m.rule,
                    })
                    .collect(),
            },
            first_person: FirstPerson {
                i: n(a.first_person.i),
                we: n(a.first_person.we),
                i_share: a.first_person.i_share,
            },
            star: Star {
                situation: part(&a.star.situation),
                task: part(&a.star.task),
                action: part(&a.star.action),
                result: part(&a.star.result),
            },
            result_quantified: a.result_quantified,
            hypothetical: a.hypothetical,
            specificity: Specificity {
                word_count: n(spec.word_count),
                numbers: evidence(&spec.numbers),
                named_entities: evidence(&spec.named_entities),
                duration_s: spec.duration_s,
                words_per_minute: spec.words_per_minute,
                long_pauses: spec
                    .long_pauses
                    .iter()
                    .map(|p| Pause {
                        start: p.start,
                        end: p.end,
                    })
                    .collect(),
                length: match spec.length {
                    br_core::analysis::LengthVerdict::TooShort => LengthVerdict::TooShort,
                    br_core::analysis::LengthVerdict::WithinNorm => LengthVerdict::WithinNorm,
                    br_core::analysis::LengthVerdict::TooLong => LengthVerdict::TooLong,
                },
            },
            score: Score {
                value: a.score.value,
                findings: a
                    .score
                    .findings
                    .iter()
                    .map(|f| Finding {
                        code: f.code.clone(),
                        text: f.text.clone(),
                        positive: f.positive,
                        span: f.span.map(Span::from),
                        quote: f.quote.clone(),
                        rule: f.rule,
                    })
                    .collect(),
            },
            followups: a.followups.iter().map(FollowUp::from).collect(),
            checklist: a.checklist.items.clone(),
            marks: a
                .marked_runs()
                .into_iter()
                .map(|run| {
                    let filler = run.filler.and_then(|idx| a.fillers.spans.get(idx));
                    MarkedRun {
                        start: n(run.start),
                        end: n(run.end),
                        star: run.star,
                        filler: filler.map(|m| m.word.clone()),
                        filler_rule: filler.map(|m| m.rule),
                    }
                })
                .collect(),
        }
    }
}
