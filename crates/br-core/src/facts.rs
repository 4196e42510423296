//! Facts: everything the rules read off one answer, computed once
//! ([`crate::facts`]) and typed. The score, the checklist, the follow-up
//! policy and the drill-down read only these; none of them looks at the
//! text again.
//!
//! Clause, cue and quantity positions are indices into these vectors and
//! character spans into the answer, never tokens: the tokenizer stays inside
//! the extraction.

use crate::analysis::{FillerReport, FirstPerson, Quote, Specificity};
use crate::rules::RuleId;
use crate::text::Span;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Who a subject pronoun refers to: the speaker, the speaker's group, or
/// someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Person {
    I,
    We,
    Other,
}

/// The tense of a verb phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tense {
    Past,
    /// "had used": background before the story's main line.
    Pluperfect,
    Present,
    /// "have built": experience, not an event.
    Perfect,
    /// "would", "could", "'d" + base verb.
    Conditional,
    /// "will", "'ll", "going to".
    Future,
}

/// What a verb phrase does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerbClass {
    /// "I was the lead", "we were short-staffed".
    Copula,
    /// Possession, wanting, knowing, obligation, ongoing activity.
    State,
    /// Something done.
    Action,
}

/// The STAR label of a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StarLabel {
    Situation,
    Task,
    Action,
    Result,
    Lesson,
    /// An aside or tangent outside the four parts.
    Other,
}

/// The kind of a number phrase, by its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Money,
    /// "three times", "10x", "doubled".
    Multiplier,
    /// "half", "a third", "a quarter".
    Fraction,
    /// Seconds to years.
    Duration,
    /// A year, a day of a month, an ordinal.
    Date,
    /// A number of things ("forty robots", "ninety thousand people").
    Count,
    /// A number with no unit after it.
    Bare,
}

/// How strongly a quantity reads as a measured outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A date, a duration that measures nothing, "one".
    None,
    /// A plain count ("forty robots"): an outcome inside a Result, but
    /// actions count things too ("I sat with nurses on three units").
    Count,
    /// A change or comparison: a percentage, money, a fraction, from/to,
    /// "instead of", a value reached after a verb of change.
    Change,
}

/// The kinds of cue phrases (listed in the lexicon, `[cues]`), in the order
/// their phrases are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// Where or when the story happens ("at my last company", "last year").
    Setting,
    /// The speaker's responsibility or goal ("my job was", "I was asked to").
    Task,
    /// An outcome, whoever its subject ("in the end", "went from",
    /// "renewed", "we made it").
    Outcome,
    /// Wording that concludes a story, whoever its subject ("ended up", "in
    /// the end", "as a result"): the outcome cues that can open an answer
    /// told result first.
    Conclusion,
    /// Getting something done ("we launched", "I finished the analysis"):
    /// an outcome at the end of a story, a step along the way before more
    /// actions.
    Completion,
    /// A verb of change or a sequel marker that is an outcome when someone
    /// other than the speaker is its subject ("costs dropped", "after that
    /// she ..."); with the speaker as subject it is an action ("I dropped
    /// two forms", "after that I joined ...").
    Change,
    /// A lesson or a changed practice ("I learned", "next time").
    Lesson,
    /// The speaker's own failure or a conflict ("I underestimated", "I
    /// disagreed").
    Setback,
    /// A problem or a finding that can motivate a decision ("it turned out",
    /// "was failing", "too risky").
    Problem,
    /// An explicit reason ("because", "so that", "in order to").
    Reason,
    /// A verb of choosing ("decided", "proposed", "went with").
    Decision,
    /// A choice framed against its alternative ("instead of", "without
    /// waiting").
    Contrast,
}

/// Everything the rules know about one answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facts {
    /// Length of the answer in characters.
    pub char_len: usize,
    /// The sentences, in order.
    pub sentences: Vec<Span>,
    pub clauses: Vec<ClauseFacts>,
    pub cues: Vec<CueHit>,
    pub quantities: Vec<QuantityFacts>,
    pub fillers: FillerReport,
    pub first_person: FirstPerson,
    pub narrative: Narrative,
    pub star: StarFacts,
    pub ownership: Ownership,
    /// The central decision, when the story has one.
    pub decision: Option<Decision>,
    /// Present when the story is a setback (failure, mistake, conflict).
    pub setback: Option<Setback>,
    /// The first clause stating a lesson.
    pub lesson: Option<usize>,
    pub specificity: Specificity,
    pub quotes: Quotes,
    /// The answer's text, to quote from.
    #[serde(skip)]
    pub(crate) text: String,
    /// Byte offset of every character of `text`, plus its length.
    #[serde(skip)]
    pub(crate) byte_of: Vec<usize>,
}

impl Facts {
    /// The words of the answer at `span` (clamped to the text).
    pub fn slice(&self, span: Span) -> &str {
        let end = span.end.min(self.char_len);
        let start = span.start.min(end);
        &self.text[self.byte_of[start]..self.byte_of[end]]
    }

    /// The character span of clauses `run` (non-empty).
    pub fn run_span(&self, run: Range<usize>) -> Span {
        Span {
            start: self.clauses[run.start].span.start,
            end: self.clauses[run.end - 1].span.end,
        }
    }

    /// Whether any cue of kind `cue` occurs.
    pub fn has_cue(&self, cue: Cue) -> bool {
        self.cues.iter().any(|h| h.cue == cue)
    }

    /// The strongest measure of any quantity in the answer.
    pub fn strongest_measure(&self) -> Measure {
        self.quantities
            .iter()
            .map(|q| q.measure)
            .max()
            .unwrap_or(Measure::None)
    }

    /// The clauses labelled `label`, in order.
    pub fn labelled(&self, label: StarLabel) -> impl Iterator<Item = usize> + '_ {
        (0..self.clauses.len()).filter(move |&i| self.clauses[i].label == label)
    }
}

/// One clause: its predicates and its STAR label with the rule behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClauseFacts {
    pub span: Span,
    /// Index of its sentence.
    pub sentence: usize,
    /// Every pronoun subject with its verb phrase, in order.
    pub preds: Vec<PredFacts>,
    pub label: StarLabel,
    pub rule: RuleId,
    /// The clause states a lesson.
    pub lesson: bool,
}

impl ClauseFacts {
    /// The first predicate of the main (non-subordinate) clause.
    pub fn main(&self) -> Option<&PredFacts> {
        self.preds.iter().find(|p| !p.subordinate)
    }
}

/// A pronoun subject with its verb phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PredFacts {
    pub person: Person,
    pub tense: Tense,
    pub class: VerbClass,
    /// Inside a subordinate or reported clause.
    pub subordinate: bool,
}

impl PredFacts {
    /// A past action of the speaker (I or we).
    pub fn is_speaker_action(&self) -> bool {
        self.person != Person::Other && self.tense == Tense::Past && self.class == VerbClass::Action
    }
}

/// One cue phrase in the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CueHit {
    pub cue: Cue,
    pub span: Span,
}

/// One number phrase and what it measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QuantityFacts {
    pub span: Span,
    pub unit: Unit,
    pub value: Option<f64>,
    pub measure: Measure,
}

/// What kind of answer it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Narrative {
    /// The body says what the candidate would or will do.
    pub hypothetical: bool,
    /// The answer recounts at least one specific past event.
    pub story: bool,
}

/// The main run of clauses of each STAR part, and the Result's measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StarFacts {
    pub situation: Option<StarRun>,
    pub task: Option<StarRun>,
    pub action: Option<StarRun>,
    pub result: Option<StarRun>,
    /// Index in `Facts::quantities` of the measure in the main Result.
    pub quantified: Option<usize>,
}

/// The main run of one STAR part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StarRun {
    /// Clause indices.
    pub clauses: Range<usize>,
    pub span: Span,
    /// The rule that labelled the run's first clause.
    pub rule: RuleId,
}

/// Who did the actions of the Action part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ownership {
    /// Past-tense action verbs with "I" as subject.
    pub i_actions: usize,
    pub we_actions: usize,
    /// The first clause with a "we" action, as evidence.
    pub first_we: Option<usize>,
}

impl Ownership {
    /// Every action is "we": the candidate's own part is hidden.
    pub fn all_we(&self) -> bool {
        self.i_actions == 0 && self.we_actions > 0
    }

    /// The share of action verbs that follow "we"; `None` without any.
    pub fn we_share(&self) -> Option<f64> {
        let total = self.i_actions + self.we_actions;
        (total > 0).then(|| self.we_actions as f64 / total as f64)
    }
}

/// The central decision: the speaker's first action framed against an
/// alternative, else the first with a verb of choosing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub clause: usize,
    /// A reason backs it (a cause, or a problem stated before it).
    pub reasoned: bool,
}

/// A setback story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Setback {
    /// The clause whose words mark the setback; `None` when only the
    /// question asks for one.
    pub clause: Option<usize>,
}

/// The phrases a follow-up may quote, each from the clause its question is
/// about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Quotes {
    /// The first Action or Result clause (asked for the situation before
    /// it).
    pub opening: Option<Quote>,
    /// The first "we" action, verbatim (the word "we" is the point).
    pub first_we: Option<Quote>,
    /// The last Action clause (asked for its result).
    pub last_action: Option<Quote>,
    /// The first clause of the main Result (asked for its measure).
    pub result: Option<Quote>,
    /// The central decision.
    pub decision: Option<Quote>,
    /// The setback, when its clause starts at a subject.
    pub setback: Option<Quote>,
    /// The cause after the first "because"/"since"/"due to" that gives one.
    pub cause: Option<Quote>,
}
