//! Record versions 1 and 2. Version 1 is the JSON the store wrote before
//! records were versioned (schema 1 and 2), frozen. Version 2 adds only
//! optional fields (the rule id of each mark, finding and follow-up, the
//! checklist and the drill-down facts), so these types read both: a
//! version-1 row reads with no rule ids ("unrecorded") and an empty
//! checklist. Fields are never renamed or removed once shipped; a change of
//! the domain types changes only the conversions at the bottom, or, when a
//! record cannot hold what the domain now says, adds `v3.rs`.
//!
//! Enums are the store's own, spelled as they were written; principles and
//! roles are their slugs, read back with the lenient `parse` that the
//! question bank and the CLI flags share ("dive_deep" and "dive-deep" are
//! the same principle).

use br_core::analysis::{self, LengthVerdict};
use br_core::text::Pause;
use br_core::{Analysis, FollowUp, FollowUpKind, Span, SpeechTimeline};
use br_session::{Mode, PrincipleChoice, RoundConfig};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

type SpanV1 = [usize; 2];

#[derive(Serialize, Deserialize)]
pub struct AnalysisV1 {
    fillers: FillersV1,
    first_person: FirstPersonV1,
    star: StarV1,
    result_quantified: bool,
    hypothetical: bool,
    specificity: SpecificityV1,
    score: ScoreV1,
    followups: Vec<FollowUpV1>,
    /// Version 2: the checklist and the drill-down facts, as the core
    /// serializes them. Both are derived data: a value this build cannot
    /// read back comes back empty rather than damaging the round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    checklist: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    drill: Option<serde_json::Value>,
}

#[derive(Serialize, Deserialize)]
struct FillersV1 {
    total: usize,
    by_word: BTreeMap<String, usize>,
    per_minute: Option<f64>,
    spans: Vec<FillerMarkV1>,
}

#[derive(Serialize, Deserialize)]
struct FillerMarkV1 {
    word: String,
    start: usize,
    end: usize,
    /// Version 2: the rule that made it (`RuleId`'s JSON name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct FirstPersonV1 {
    i: usize,
    we: usize,
    i_share: Option<f64>,
}

#[derive(Serialize, Deserialize)]
struct StarV1 {
    situation: StarPartV1,
    task: StarPartV1,
    action: StarPartV1,
    result: StarPartV1,
}

#[derive(Serialize, Deserialize)]
struct StarPartV1 {
    present: bool,
    span: Option<SpanV1>,
    /// Version 2: the rule that made it (`RuleId`'s JSON name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct SpecificityV1 {
    word_count: usize,
    numbers: Vec<EvidenceV1>,
    named_entities: Vec<EvidenceV1>,
    duration_s: Option<f64>,
    words_per_minute: Option<f64>,
    long_pauses: Vec<PauseV1>,
    length: LengthV1,
}

#[derive(Clone, Copy, PartialEq, Serialize, Deserialize)]
enum LengthV1 {
    #[serde(rename = "too_short")]
    TooShort,
    #[serde(rename = "within_norm")]
    WithinNorm,
    #[serde(rename = "too_long")]
    TooLong,
}

#[derive(Serialize, Deserialize)]
struct EvidenceV1 {
    quote: String,
    span: SpanV1,
}

#[derive(Serialize, Deserialize)]
struct ScoreV1 {
    value: u8,
    reasons: Vec<String>,
    findings: Vec<FindingV1>,
}

#[derive(Serialize, Deserialize)]
struct FindingV1 {
    code: String,
    text: String,
    positive: bool,
    span: Option<SpanV1>,
    quote: Option<String>,
    /// Version 2: the rule that made it (`RuleId`'s JSON name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct FollowUpV1 {
    kind: FollowUpKindV1,
    text: String,
    key_phrase: Option<String>,
    key_span: Option<SpanV1>,
    /// Version 2: the rule that made it (`RuleId`'s JSON name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rule: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Serialize, Deserialize)]
enum FollowUpKindV1 {
    #[serde(rename = "ask_situation")]
    Situation,
    #[serde(rename = "ask_personal_action")]
    PersonalAction,
    #[serde(rename = "ask_result")]
    Result,
    #[serde(rename = "ask_metric")]
    Metric,
    #[serde(rename = "ask_why_decision")]
    WhyDecision,
    #[serde(rename = "ask_lesson")]
    Lesson,
    #[serde(rename = "none")]
    Nothing,
}

#[derive(Serialize, Deserialize)]
pub struct TimelineV1 {
    duration_s: f64,
    speech_s: f64,
    pauses: Vec<PauseV1>,
}

#[derive(Serialize, Deserialize)]
struct PauseV1 {
    start: f64,
    end: f64,
}

#[derive(Serialize, Deserialize)]
pub struct RoundConfigV1 {
    /// A role slug.
    role: String,
    principles: PrincipleChoiceV1,
    n_questions: usize,
    mode: ModeV1,
    allow_repeats: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "principles")]
enum PrincipleChoiceV1 {
    /// Principle slugs.
    Chosen(Vec<String>),
    Surprise,
}

#[derive(Clone, Copy, PartialEq, Serialize, Deserialize)]
enum ModeV1 {
    #[serde(rename = "practice")]
    Practice,
    #[serde(rename = "loop")]
    Loop,
}

// The conversions: from the domain when writing, back to it when reading.
// Each enum has one exhaustive match, domain to record, so a new or renamed
// domain variant does not compile until its record spelling is decided; the
// way back searches the domain's variants for the one that writes the
// stored value. Reading fails only on what the domain can no longer name (an
// unknown principle or role slug), with that name in the message.

const LENGTHS: [LengthVerdict; 3] = [
    LengthVerdict::TooShort,
    LengthVerdict::WithinNorm,
    LengthVerdict::TooLong,
];
const MODES: [Mode; 2] = [Mode::Practice, Mode::Loop];

/// The domain variant among `all` that is written as `record`. Every record
/// variant is written by one (the matches below cover each), so a miss is
/// a bug in this file.
fn back<D: Copy, R: PartialEq + From<D>>(all: impl IntoIterator<Item = D>, record: R) -> D {
    all.into_iter()
        .find(|&domain| R::from(domain) == record)
        .expect("every record variant is written by a domain variant")
}

impl From<LengthVerdict> for LengthV1 {
    fn from(length: LengthVerdict) -> Self {
        match length {
            LengthVerdict::TooShort => LengthV1::TooShort,
            LengthVerdict::WithinNorm => LengthV1::WithinNorm,
            LengthVerdict::TooLong => LengthV1::TooLong,
        }
    }
}

impl From<FollowUpKind> for FollowUpKindV1 {
    fn from(kind: FollowUpKind) -> Self {
        match kind {
            FollowUpKind::AskSituation => FollowUpKindV1::Situation,
            FollowUpKind::AskPersonalAction => FollowUpKindV1::PersonalAction,
            FollowUpKind::AskResult => FollowUpKindV1::Result,
            FollowUpKind::AskMetric => FollowUpKindV1::Metric,
            FollowUpKind::AskWhyDecision => FollowUpKindV1::WhyDecision,
            FollowUpKind::AskLesson => FollowUpKindV1::Lesson,
            FollowUpKind::None => FollowUpKindV1::Nothing,
        }
    }
}

impl From<Mode> for ModeV1 {
    fn from(mode: Mode) -> Self {
        match mode {
            Mode::Practice => ModeV1::Practice,
            Mode::Loop => ModeV1::Loop,
        }
    }
}

impl From<&Analysis> for AnalysisV1 {
    fn from(a: &Analysis) -> Self {
        let part = |p: &analysis::StarPart| StarPartV1 {
            present: p.present,
            span: p.span.map(Into::into),
            rule: p.rule.map(br_core::RuleId::name),
        };
        let evidence = |list: &[analysis::Evidence]| {
            list.iter()
                .map(|e| EvidenceV1 {
                    quote: e.quote.clone(),
                    span: e.span.into(),
                })
                .collect()
        };
        AnalysisV1 {
            fillers: FillersV1 {
                total: a.fillers.total,
                by_word: a.fillers.by_word.clone(),
                per_minute: a.fillers.per_minute,
                spans: a
                    .fillers
                    .spans
                    .iter()
                    .map(|m| FillerMarkV1 {
                        word: m.word.clone(),
                        start: m.start,
                        end: m.end,
                        rule: Some(m.rule.name()),
                    })
                    .collect(),
            },
            star: StarV1 {
                situation: part(&a.star.situation),
                task: part(&a.star.task),
                action: part(&a.star.action),
                result: part(&a.star.result),
            },
            first_person: FirstPersonV1 {
                i: a.first_person.i,
                i_share: a.first_person.i_share,
                we: a.first_person.we,
            },
            result_quantified: a.result_quantified,
            hypothetical: a.hypothetical,
            specificity: SpecificityV1 {
                word_count: a.specificity.word_count,
                numbers: evidence(&a.specificity.numbers),
                named_entities: evidence(&a.specificity.named_entities),
                duration_s: a.specificity.duration_s,
                words_per_minute: a.specificity.words_per_minute,
                long_pauses: a
                    .specificity
                    .long_pauses
                    .iter()
                    .map(PauseV1::from)
                    .collect(),
                length: a.specificity.length.into(),
            },
            score: ScoreV1 {
                value: a.score.value,
                reasons: a.score.reasons.clone(),
                findings: a
                    .score
                    .findings
                    .iter()
                    .map(|f| FindingV1 {
                        code: f.code.clone(),
                        text: f.text.clone(),
                        positive: f.positive,
                        span: f.span.map(Into::into),
                        quote: f.quote.clone(),
                        rule: Some(f.rule.name()),
                    })
                    .collect(),
            },
            followups: a.followups.iter().map(FollowUpV1::from).collect(),
            checklist: serde_json::to_value(&a.checklist).ok(),
            drill: serde_json::to_value(&a.drill).ok(),
        }
    }
}

impl From<AnalysisV1> for Analysis {
    fn from(a: AnalysisV1) -> Self {
        let part = |p: StarPartV1| analysis::StarPart {
            present: p.present,
            span: p.span.map(Span::from),
            rule: p.rule.as_deref().map(rule_id),
        };
        let evidence = |list: Vec<EvidenceV1>| {
            list.into_iter()
                .map(|e| analysis::Evidence {
                    quote: e.quote,
                    span: e.span.into(),
                })
                .collect()
        };
        Analysis {
            fillers: analysis::FillerReport {
                total: a.fillers.total,
                by_word: a.fillers.by_word,
                per_minute: a.fillers.per_minute,
                spans: a
                    .fillers
                    .spans
                    .into_iter()
                    .map(|m| analysis::FillerMark {
                        rule: m.rule.as_deref().map(rule_id).unwrap_or_default(),
                        word: m.word,
                        start: m.start,
                        end: m.end,
                    })
                    .collect(),
            },
            first_person: analysis::FirstPerson {
                i: a.first_person.i,
                we: a.first_person.we,
                i_share: a.first_person.i_share,
            },
            star: analysis::Star {
                situation: part(a.star.situation),
                task: part(a.star.task),
                action: part(a.star.action),
                result: part(a.star.result),
            },
            result_quantified: a.result_quantified,
            hypothetical: a.hypothetical,
            specificity: analysis::Specificity {
                word_count: a.specificity.word_count,
                numbers: evidence(a.specificity.numbers),
                named_entities: evidence(a.specificity.named_entities),
                duration_s: a.specificity.duration_s,
                words_per_minute: a.specificity.words_per_minute,
                long_pauses: a
                    .specificity
                    .long_pauses
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                length: back(LENGTHS, a.specificity.length),
            },
            score: analysis::Score {
                value: a.score.value,
                reasons: a.score.reasons,
                findings: a
                    .score
                    .findings
                    .into_iter()
                    .map(|f| analysis::Finding {
                        rule: f.rule.as_deref().map(rule_id).unwrap_or_default(),
                        code: f.code,
                        text: f.text,
                        positive: f.positive,
                        span: f.span.map(Span::from),
                        quote: f.quote,
                    })
                    .collect(),
            },
            followups: a.followups.into_iter().map(FollowUp::from).collect(),
            checklist: derived(a.checklist),
            drill: derived(a.drill),
        }
    }
}

impl From<&FollowUp> for FollowUpV1 {
    fn from(f: &FollowUp) -> Self {
        FollowUpV1 {
            kind: f.kind.into(),
            text: f.text.clone(),
            key_phrase: f.key_phrase.clone(),
            key_span: f.key_span.map(Into::into),
            rule: Some(f.rule.name()),
        }
    }
}

impl From<FollowUpV1> for FollowUp {
    fn from(f: FollowUpV1) -> Self {
        FollowUp {
            kind: back(FollowUpKind::ALL, f.kind),
            text: f.text,
            key_phrase: f.key_phrase,
            key_span: f.key_span.map(Span::from),
            rule: f.rule.as_deref().map(rule_id).unwrap_or_default(),
        }
    }
}

impl From<&Pause> for PauseV1 {
    fn from(p: &Pause) -> Self {
        PauseV1 {
            start: p.start,
            end: p.end,
        }
    }
}

impl From<PauseV1> for Pause {
    fn from(p: PauseV1) -> Self {
        Pause {
            start: p.start,
            end: p.end,
        }
    }
}

impl From<&SpeechTimeline> for TimelineV1 {
    fn from(t: &SpeechTimeline) -> Self {
        TimelineV1 {
            duration_s: t.duration_s,
            speech_s: t.speech_s,
            pauses: t.pauses.iter().map(PauseV1::from).collect(),
        }
    }
}

impl From<TimelineV1> for SpeechTimeline {
    fn from(t: TimelineV1) -> Self {
        SpeechTimeline {
            duration_s: t.duration_s,
            speech_s: t.speech_s,
            pauses: t.pauses.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<&RoundConfig> for RoundConfigV1 {
    fn from(c: &RoundConfig) -> Self {
        RoundConfigV1 {
            role: c.role.slug().to_string(),
            principles: match &c.principles {
                PrincipleChoice::Chosen(list) => {
                    PrincipleChoiceV1::Chosen(list.iter().map(|p| p.slug().to_string()).collect())
                }
                PrincipleChoice::Surprise => PrincipleChoiceV1::Surprise,
            },
            n_questions: c.n_questions,
            mode: c.mode.into(),
            allow_repeats: c.allow_repeats,
        }
    }
}

impl TryFrom<RoundConfigV1> for RoundConfig {
    /// The slug the domain no longer knows.
    type Error = String;

    fn try_from(c: RoundConfigV1) -> Result<Self, String> {
        let role = br_core::Role::parse(&c.role).ok_or(format!("unknown role {:?}", c.role))?;
        let principles = match c.principles {
            PrincipleChoiceV1::Chosen(slugs) => PrincipleChoice::Chosen(
                slugs
                    .iter()
                    .map(|slug| {
                        br_core::Principle::parse(slug).ok_or(format!("unknown principle {slug:?}"))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            PrincipleChoiceV1::Surprise => PrincipleChoice::Surprise,
        };
        Ok(RoundConfig {
            role,
            principles,
            n_questions: c.n_questions,
            mode: back(MODES, c.mode),
            allow_repeats: c.allow_repeats,
        })
    }
}

/// A stored rule name as the domain's rule id; a name this build no longer
/// knows (or a version-1 record, which kept none) reads as unrecorded.
fn rule_id(name: &str) -> br_core::RuleId {
    serde_json::from_value(serde_json::Value::String(name.to_string())).unwrap_or_default()
}

/// Derived data as the core serialized it, or empty when this build cannot
/// read it.
fn derived<T: serde::de::DeserializeOwned + Default>(value: Option<serde_json::Value>) -> T {
    value
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}
