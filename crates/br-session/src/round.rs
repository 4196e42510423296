//! The round state machine: ask a main question, take the answer, analyse it,
//! ask the candidate to rate it, drill down with up to five scripted
//! follow-ups, then move to the next question.
//!
//! The engine keeps every turn it produced, including superseded attempts
//! and skipped follow-ups, so storage can persist each one as it happens and
//! [`Round::resume`] can rebuild the state after a crash. What counts for
//! feedback is the latest attempt at each prompt (see [`Round::effective_turns`]).

use crate::config::RoundConfig;
use br_core::followup::{next_followup, AnsweredTurn, MAX_DEPTH};
use br_core::{analyze, Analysis, AnswerInput, FollowUp, Principle, SpeechTimeline, TimedWord};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One main question of a round, asked for one principle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundQuestion {
    /// The bank's question id; history avoids repeating it.
    pub id: String,
    pub text: String,
    /// The principle this question is asked for in this round.
    pub principle: Principle,
    /// The story-bank story the candidate told, when they tagged one.
    pub story_id: Option<i64>,
}

/// Where an answer's audio is kept. The engine never opens it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recording {
    /// Path of the WAV file relative to the data directory.
    pub path: String,
    pub duration_s: f64,
    pub sample_rate: u32,
}

/// What the candidate said in reply to a prompt, before analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub text: String,
    pub words: Vec<TimedWord>,
    pub timeline: Option<SpeechTimeline>,
    pub recording: Option<Recording>,
    /// When the answer ended, in Unix milliseconds.
    pub at_ms: i64,
}

/// An answer with its analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub text: String,
    pub words: Vec<TimedWord>,
    pub timeline: Option<SpeechTimeline>,
    pub recording: Option<Recording>,
    pub analysis: Analysis,
}

/// A main question or a follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnKind {
    Main,
    FollowUp,
}

impl TurnKind {
    pub fn slug(self) -> &'static str {
        match self {
            TurnKind::Main => "main",
            TurnKind::FollowUp => "follow_up",
        }
    }
}

/// One prompt and what the candidate did with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// Index into the round's questions.
    pub question_idx: usize,
    /// 0 for the main question, 1..=5 for follow-ups.
    pub depth: usize,
    /// 1 for the first answer to this prompt, 2 after a retry, ...
    pub attempt: u32,
    /// The question or follow-up as asked.
    pub prompt: String,
    /// The follow-up asked, for depth > 0.
    pub followup: Option<FollowUp>,
    /// `None` when the candidate skipped the follow-up.
    pub answer: Option<Answer>,
    /// The candidate's own 1-4 rating of a main answer, given before the
    /// app's score was shown.
    pub self_rating: Option<u8>,
    /// When the turn ended, in Unix milliseconds.
    pub at_ms: i64,
}

impl Turn {
    pub fn kind(&self) -> TurnKind {
        if self.depth == 0 {
            TurnKind::Main
        } else {
            TurnKind::FollowUp
        }
    }

    /// The analysis of the answer, `None` when skipped.
    pub fn analysis(&self) -> Option<&Analysis> {
        self.answer.as_ref().map(|a| &a.analysis)
    }
}

/// The question the candidate is asked now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prompt {
    pub question_idx: usize,
    pub depth: usize,
    pub attempt: u32,
    pub text: String,
    pub followup: Option<FollowUp>,
}

/// What the round waits for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "stage")]
pub enum Stage {
    /// An answer to `prompt` (or, for a follow-up, a skip).
    Answer { prompt: Prompt },
    /// The candidate's 1-4 rating of the main answer in turn `turn_idx`,
    /// before the app's score is revealed (or a refusal to rate).
    SelfRating { turn_idx: usize },
    /// Nothing more: every question done, or the candidate ended the round.
    Finished { ended_early: bool },
}

/// Where a stored round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    /// In progress, or left open by a crash: resumable or closeable.
    Open,
    /// Every question was answered.
    Completed,
    /// The candidate ended the round before the last question.
    EndedEarly,
    /// Closed without finishing after it was left open (e.g. by a crash).
    Abandoned,
}

impl RoundStatus {
    pub const ALL: [RoundStatus; 4] = [
        RoundStatus::Open,
        RoundStatus::Completed,
        RoundStatus::EndedEarly,
        RoundStatus::Abandoned,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            RoundStatus::Open => "open",
            RoundStatus::Completed => "completed",
            RoundStatus::EndedEarly => "ended_early",
            RoundStatus::Abandoned => "abandoned",
        }
    }

    pub fn from_slug(slug: &str) -> Option<RoundStatus> {
        RoundStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// A round as stored: everything needed to resume, summarise or report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundRecord {
    pub id: i64,
    pub started_at_ms: i64,
    pub ended_at_ms: Option<i64>,
    pub status: RoundStatus,
    pub config: RoundConfig,
    pub questions: Vec<RoundQuestion>,
    /// Every turn in the order it happened.
    pub turns: Vec<Turn>,
}

/// A request the round cannot take in its current stage.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SessionError {
    #[error("a round needs at least one question")]
    NoQuestions,
    #[error("the round is finished; start a new round")]
    Finished,
    #[error("the round is waiting for {waiting_for}, not for {requested}")]
    WrongStage {
        waiting_for: &'static str,
        requested: &'static str,
    },
    #[error("only follow-up questions can be skipped; answer the main question or end the round")]
    CannotSkipMainQuestion,
    #[error("no words were heard in this answer; check that the right microphone is chosen and its level meter moves, then answer again")]
    NothingHeard,
    #[error("nothing has been answered yet, so there is nothing to retry")]
    NothingToRetry,
    #[error("a self-rating is 1 (no evidence) to 4 (exemplar), not {0}")]
    InvalidRating(u8),
    #[error("the round has no question number {0}")]
    NoSuchQuestion(usize),
    #[error("stored turn {turn_idx} does not follow from the turns before it: {reason}")]
    CorruptTurns {
        turn_idx: usize,
        reason: &'static str,
    },
}

/// Picks the next follow-up from the drill-down so far.
type FollowupPolicy = fn(&[AnsweredTurn<'_>]) -> Option<FollowUp>;

/// The engine of one round.
#[derive(Debug, Clone)]
pub struct Round {
    config: RoundConfig,
    questions: Vec<RoundQuestion>,
    turns: Vec<Turn>,
    stage: Stage,
    policy: FollowupPolicy,
}

impl Round {
    /// Starts a round at its first main question.
    pub fn new(config: RoundConfig, questions: Vec<RoundQuestion>) -> Result<Round, SessionError> {
        Round::with_policy(config, questions, next_followup)
    }

    fn with_policy(
        config: RoundConfig,
        questions: Vec<RoundQuestion>,
        policy: FollowupPolicy,
    ) -> Result<Round, SessionError> {
        if questions.is_empty() {
            return Err(SessionError::NoQuestions);
        }
        let stage = Stage::Answer {
            prompt: main_prompt(&questions, 0),
        };
        Ok(Round {
            config,
            questions,
            turns: Vec::new(),
            stage,
            policy,
        })
    }

    /// Rebuilds a stored round. Stored follow-ups and analyses are kept as
    /// they were shown, even if a newer engine would choose differently; only
    /// what comes next is decided now. A closed round resumes as finished.
    pub fn resume(record: RoundRecord) -> Result<Round, SessionError> {
        Round::resume_with_policy(record, next_followup)
    }

    fn resume_with_policy(
        record: RoundRecord,
        policy: FollowupPolicy,
    ) -> Result<Round, SessionError> {
        let mut round = Round::with_policy(record.config, record.questions, policy)?;
        for (turn_idx, turn) in record.turns.iter().enumerate() {
            let corrupt = |reason| SessionError::CorruptTurns { turn_idx, reason };
            let follows = match round.turns.last() {
                None => turn.question_idx == 0 && turn.depth == 0 && turn.attempt == 1,
                Some(prev) => {
                    let retry = turn.question_idx == prev.question_idx
                        && turn.depth == prev.depth
                        && turn.attempt == prev.attempt + 1;
                    let deeper = turn.question_idx == prev.question_idx
                        && turn.depth == prev.depth + 1
                        && turn.attempt == 1;
                    let next_question = turn.question_idx == prev.question_idx + 1
                        && turn.depth == 0
                        && turn.attempt == 1;
                    retry || deeper || next_question
                }
            };
            if !follows {
                return Err(corrupt("its question, depth or attempt is out of sequence"));
            }
            if turn.question_idx >= round.questions.len() {
                return Err(corrupt("it refers to a question the round does not have"));
            }
            if turn.depth > MAX_DEPTH {
                return Err(corrupt("it is deeper than the follow-up limit"));
            }
            if (turn.depth == 0) != turn.followup.is_none() {
                return Err(corrupt("only follow-ups carry a follow-up question"));
            }
            if turn.depth == 0 && turn.answer.is_none() {
                return Err(corrupt("a main question cannot be skipped"));
            }
            round.turns.push(turn.clone());
        }
        round.stage = match record.status {
            RoundStatus::Open => match round.turns.last() {
                None => round.stage,
                Some(last) if last.depth == 0 && last.self_rating.is_none() => Stage::SelfRating {
                    turn_idx: round.turns.len() - 1,
                },
                Some(_) => round.stage_after_last_turn(),
            },
            RoundStatus::Completed => Stage::Finished { ended_early: false },
            RoundStatus::EndedEarly | RoundStatus::Abandoned => {
                Stage::Finished { ended_early: true }
            }
        };
        Ok(round)
    }

    pub fn config(&self) -> &RoundConfig {
        &self.config
    }

    pub fn questions(&self) -> &[RoundQuestion] {
        &self.questions
    }

    /// Every turn in order, superseded attempts and skips included.
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    /// The status to store for the round as it stands.
    pub fn status(&self) -> RoundStatus {
        match self.stage {
            Stage::Finished { ended_early: false } => RoundStatus::Completed,
            Stage::Finished { ended_early: true } => RoundStatus::EndedEarly,
            _ => RoundStatus::Open,
        }
    }

    /// The turns that count: the latest attempt at each prompt, in order.
    pub fn effective_turns(&self) -> Vec<&Turn> {
        effective_turns(&self.turns)
    }

    /// Takes the answer to the current prompt and analyses it. After a main
    /// answer the round waits for the candidate's self-rating; after a
    /// follow-up it asks the next follow-up or moves on.
    pub fn answer(&mut self, response: Response) -> Result<&Turn, SessionError> {
        let prompt = self.expect_answer_stage("an answer")?.clone();
        // A silent recording (muted or wrong microphone) is not an answer:
        // storing it would score the candidate on nothing and spend a
        // follow-up. The round keeps waiting for a real one.
        if !response.text.chars().any(char::is_alphanumeric) {
            return Err(SessionError::NothingHeard);
        }
        let question = &self.questions[prompt.question_idx];
        let mut analysis = analyze(&AnswerInput {
            text: &response.text,
            words: &response.words,
            timeline: response.timeline.as_ref(),
            question: Some(&prompt.text),
            principle: Some(question.principle),
        });
        if prompt.depth > 0 {
            analysis.checklist.for_followup_answer();
        }
        let answer = Answer {
            text: response.text,
            words: response.words,
            timeline: response.timeline,
            recording: response.recording,
            analysis,
        };
        Ok(self.push_turn(prompt, Some(answer), response.at_ms))
    }

    /// Skips the current follow-up; the drill-down goes on from what the
    /// candidate has said so far.
    pub fn skip(&mut self, at_ms: i64) -> Result<&Turn, SessionError> {
        let prompt = self.expect_answer_stage("a skip")?.clone();
        if prompt.depth == 0 {
            return Err(SessionError::CannotSkipMainQuestion);
        }
        Ok(self.push_turn(prompt, None, at_ms))
    }

    /// Records the candidate's 1-4 rating of the main answer just given, or
    /// `None` to decline; then the drill-down starts.
    pub fn rate(&mut self, rating: Option<u8>) -> Result<(), SessionError> {
        let turn_idx = match self.stage {
            Stage::SelfRating { turn_idx } => turn_idx,
            Stage::Finished { .. } => return Err(SessionError::Finished),
            Stage::Answer { .. } => {
                return Err(SessionError::WrongStage {
                    waiting_for: "an answer",
                    requested: "a self-rating",
                })
            }
        };
        if let Some(value) = rating {
            if !(1..=4).contains(&value) {
                return Err(SessionError::InvalidRating(value));
            }
        }
        self.turns[turn_idx].self_rating = rating;
        self.stage = self.stage_after_last_turn();
        Ok(())
    }

    /// Asks the last prompt again. Both attempts are kept; the new one is
    /// what counts from now on, and the drill-down continues from it.
    pub fn retry(&mut self) -> Result<(), SessionError> {
        if matches!(self.stage, Stage::Finished { ended_early: true }) {
            return Err(SessionError::Finished);
        }
        let last = self.turns.last().ok_or(SessionError::NothingToRetry)?;
        let prompt = Prompt {
            question_idx: last.question_idx,
            depth: last.depth,
            attempt: last.attempt + 1,
            text: last.prompt.clone(),
            followup: last.followup.clone(),
        };
        self.stage = Stage::Answer { prompt };
        Ok(())
    }

    /// Ends the round now; what was answered is kept.
    pub fn end(&mut self) {
        if !matches!(self.stage, Stage::Finished { .. }) {
            self.stage = Stage::Finished { ended_early: true };
        }
    }

    /// Tags main question `question_idx` with the story the candidate told.
    pub fn tag_story(
        &mut self,
        question_idx: usize,
        story_id: Option<i64>,
    ) -> Result<(), SessionError> {
        let question = self
            .questions
            .get_mut(question_idx)
            .ok_or(SessionError::NoSuchQuestion(question_idx))?;
        question.story_id = story_id;
        Ok(())
    }

    fn expect_answer_stage(&self, requested: &'static str) -> Result<&Prompt, SessionError> {
        match &self.stage {
            Stage::Answer { prompt } => Ok(prompt),
            Stage::SelfRating { .. } => Err(SessionError::WrongStage {
                waiting_for: "a self-rating",
                requested,
            }),
            Stage::Finished { .. } => Err(SessionError::Finished),
        }
    }

    fn push_turn(&mut self, prompt: Prompt, answer: Option<Answer>, at_ms: i64) -> &Turn {
        let is_main_answer = prompt.depth == 0;
        self.turns.push(Turn {
            question_idx: prompt.question_idx,
            depth: prompt.depth,
            attempt: prompt.attempt,
            prompt: prompt.text,
            followup: prompt.followup,
            answer,
            self_rating: None,
            at_ms,
        });
        let turn_idx = self.turns.len() - 1;
        self.stage = if is_main_answer {
            Stage::SelfRating { turn_idx }
        } else {
            self.stage_after_last_turn()
        };
        &self.turns[turn_idx]
    }

    /// The next follow-up of the current drill-down, else the next main
    /// question, else the end.
    fn stage_after_last_turn(&self) -> Stage {
        let Some(last) = self.turns.last() else {
            return Stage::Answer {
                prompt: main_prompt(&self.questions, 0),
            };
        };
        let question_idx = last.question_idx;
        let chain: Vec<&Turn> = effective_turns(&self.turns)
            .into_iter()
            .filter(|t| t.question_idx == question_idx)
            .collect();
        let n_followups = chain.len() - 1;
        if n_followups < MAX_DEPTH {
            if let Some(followup) = self.ask_policy(&chain) {
                let prompt = Prompt {
                    question_idx,
                    depth: n_followups + 1,
                    attempt: 1,
                    text: followup.text.clone(),
                    followup: Some(followup),
                };
                return Stage::Answer { prompt };
            }
        }
        if question_idx + 1 < self.questions.len() {
            Stage::Answer {
                prompt: main_prompt(&self.questions, question_idx + 1),
            }
        } else {
            Stage::Finished { ended_early: false }
        }
    }

    fn ask_policy(&self, chain: &[&Turn]) -> Option<FollowUp> {
        // A skipped follow-up reaches the follow-up tree as an empty answer.
        let skipped = chain
            .iter()
            .any(|t| t.answer.is_none())
            .then(|| analyze(&AnswerInput::text("")));
        let answered: Vec<AnsweredTurn<'_>> = chain
            .iter()
            .map(|turn| AnsweredTurn {
                asked: turn.followup.as_ref(),
                analysis: match &turn.answer {
                    Some(answer) => &answer.analysis,
                    None => skipped
                        .as_ref()
                        .expect("analysed above when a turn is skipped"),
                },
            })
            .collect();
        (self.policy)(&answered)
    }
}

/// The latest attempt at each prompt, in order. Retries only ever repeat the
/// last prompt, so a turn is superseded exactly when the next turn is a
/// retry of it.
pub(crate) fn effective_turns(turns: &[Turn]) -> Vec<&Turn> {
    let mut out: Vec<&Turn> = Vec::with_capacity(turns.len());
    for turn in turns {
        if let Some(prev) = out.last() {
            if prev.question_idx == turn.question_idx && prev.depth == turn.depth {
                out.pop();
            }
        }
        out.push(turn);
    }
    out
}

fn main_prompt(questions: &[RoundQuestion], question_idx: usize) -> Prompt {
    Prompt {
        question_idx,
        depth: 0,
        attempt: 1,
        text: questions[question_idx].text.clone(),
        followup: None,
    }
}

#[cfg(test)]
mod tests;
