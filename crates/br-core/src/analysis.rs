//! The result of analysing one spoken answer: the public types of the
//! `barraiser analyze --json` contract and of the stored analyses. Only
//! types live here; [`crate::analyze`] computes them from the
//! [`crate::facts::Facts`] of the answer.
//!
//! Stored analyses are read back with these types, so every field added
//! after the first release has a serde default.

use crate::principle::Principle;
use crate::rules::RuleId;
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
    /// What passes and what is missing, with the thresholds and limits the
    /// rules use.
    #[serde(default)]
    pub checklist: Checklist,
    /// What this answer gives a drill-down when it answers a follow-up.
    #[serde(default)]
    pub drill: Drill,
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
    /// The filler rule that matched.
    #[serde(default)]
    pub rule: RuleId,
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

impl Star {
    /// One part by name.
    pub fn part(&self, kind: StarPartKind) -> &StarPart {
        match kind {
            StarPartKind::Situation => &self.situation,
            StarPartKind::Task => &self.task,
            StarPartKind::Action => &self.action,
            StarPartKind::Result => &self.result,
        }
    }
}

/// The four STAR parts, in the order an answer tells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum StarPartKind {
    Situation,
    Task,
    Action,
    Result,
}

impl StarPartKind {
    pub const ALL: [StarPartKind; 4] = [
        StarPartKind::Situation,
        StarPartKind::Task,
        StarPartKind::Action,
        StarPartKind::Result,
    ];

    /// The part's name as a candidate reads it ("Situation").
    pub fn name(self) -> &'static str {
        match self {
            StarPartKind::Situation => "Situation",
            StarPartKind::Task => "Task",
            StarPartKind::Action => "Action",
            StarPartKind::Result => "Result",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StarPart {
    pub present: bool,
    /// The main contiguous stretch of this component; `None` when absent.
    pub span: Option<Span>,
    /// The rule that labelled the first clause of the span; `None` when
    /// absent.
    #[serde(default)]
    pub rule: Option<RuleId>,
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
    /// The scoring rule behind the finding.
    #[serde(default)]
    pub rule: RuleId,
}

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
    /// The follow-up policy rule (or drill-down rule) that asked it.
    #[serde(default)]
    pub rule: RuleId,
}

/// What an answer gives a drill-down when it answers a follow-up: which
/// gaps it closes and what a "why" could be asked about. Computed from the
/// answer's facts, so the drill-down never reads the text again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Drill {
    /// The answer recounts a specific past event.
    pub story: bool,
    /// Words in the answer.
    pub words: usize,
    /// The gaps (follow-up kinds) this answer fills whatever was asked.
    pub closes: Vec<FollowUpKind>,
    /// The cause it gives ("because the vendor kept slipping"), in the
    /// second person.
    pub cause: Option<Quote>,
    /// A decision it mentions without a reason.
    pub unreasoned_decision: Option<Quote>,
}

/// A phrase quoted from an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Characters of the quoted stretch in the answer.
    pub span: Span,
    /// The stretch as the candidate said it.
    pub verbatim: String,
    /// Fillers removed; turned to the second person where the question
    /// speaks to the candidate.
    pub spoken: String,
}

/// What passes and what is missing in one answer, with the thresholds and
/// limits the rules use, so that the CLI and the app show the core's own
/// numbers and compute no rule of their own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Checklist {
    /// One item per check, in the order a bar raiser weighs them.
    pub items: Vec<CheckItem>,
    pub thresholds: Thresholds,
    pub limits: Limits,
}

/// One check of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CheckItem {
    pub check: Check,
    pub status: CheckStatus,
    /// The rule that decides it.
    pub rule: RuleId,
    /// What is checked, in a few words ("A number in the Result").
    pub label: String,
    /// What the answer shows, or what to add.
    pub detail: String,
}

/// The checks, in the order of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Check {
    SpecificEvent,
    Situation,
    Task,
    Action,
    OwnAction,
    Result,
    ResultMeasured,
    DecisionReason,
    Lesson,
    FewFillers,
    Length,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum CheckStatus {
    Pass,
    Missing,
    /// The check does not apply to this answer (no decision to explain, no
    /// setback to learn from).
    NotApplicable,
}

/// The numbers the rules judge an answer by.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Fillers per 100 words at or above which they are a finding ...
    pub fillers_per_100_words: f64,
    /// ... once there are at least this many.
    pub min_fillers: usize,
    /// The Action is "we-heavy" when more than this share of its
    /// past-tense action verbs follow "we" (the rest follow "I").
    pub max_we_action_share: f64,
    /// Numbers and named systems together that make an answer specific.
    pub specific_items: usize,
    /// A pause longer than this is a long pause (seconds).
    pub long_pause_s: f64,
    /// The norm of a behavioral answer's length (seconds).
    pub min_length_s: f64,
    pub max_length_s: f64,
    /// Speaking rate used to estimate the length without timings.
    pub typical_words_per_minute: f64,
}

/// The limits of a round and its drill-downs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// The deepest a drill-down goes below a main question.
    pub max_followup_depth: usize,
    /// How many "why" questions may follow one another.
    pub why_chain: usize,
    /// Main questions per round.
    pub min_questions: usize,
    pub max_questions: usize,
    pub default_questions: usize,
}

/// The thresholds of the rules: the one definition of each, which the
/// score, the checklist and the callers read.
pub const THRESHOLDS: Thresholds = Thresholds {
    fillers_per_100_words: 4.0,
    min_fillers: 3,
    max_we_action_share: 0.5,
    specific_items: 3,
    long_pause_s: 2.0,
    min_length_s: 90.0,
    max_length_s: 180.0,
    typical_words_per_minute: 150.0,
};

/// The limits of a round: the one definition of each (br-session and the
/// app use these).
pub const LIMITS: Limits = Limits {
    max_followup_depth: 5,
    why_chain: 3,
    min_questions: 1,
    max_questions: 8,
    default_questions: 3,
};

impl Default for Thresholds {
    fn default() -> Self {
        THRESHOLDS
    }
}

impl Default for Limits {
    fn default() -> Self {
        LIMITS
    }
}
