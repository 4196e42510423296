//! Wire types of a round: what the Start screen sends, and the view of a
//! round (questions, turns with their answers and analyses, the stage it
//! waits in, its summary) that the Interview, Summary and Replay screens
//! render. Every round command returns the whole `RoundView`, so the UI never
//! has to merge partial updates.

use crate::dto::analysis::{Analysis, FollowUpKind, TimedWord};
use crate::dto::catalog::{PrincipleSlug, RoleSlug, RoundLimits};
use br_session::{Mode, Round, RoundRecord, RoundStatus, Stage, Turn};
use serde::{Deserialize, Serialize};
use specta::Type;

/// A principle as shown: its slug (what commands take) and its name.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PrincipleRef {
    pub slug: PrincipleSlug,
    pub name: String,
}

impl From<br_core::Principle> for PrincipleRef {
    fn from(p: br_core::Principle) -> Self {
        PrincipleRef {
            slug: p.into(),
            name: p.name().to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ModeDto {
    /// Feedback after every answer.
    Practice,
    /// No feedback until the round ends, like the real Loop.
    Loop,
}

impl From<Mode> for ModeDto {
    fn from(mode: Mode) -> Self {
        match mode {
            Mode::Practice => ModeDto::Practice,
            Mode::Loop => ModeDto::Loop,
        }
    }
}

impl From<ModeDto> for Mode {
    fn from(mode: ModeDto) -> Self {
        match mode {
            ModeDto::Practice => Mode::Practice,
            ModeDto::Loop => Mode::Loop,
        }
    }
}

/// What the candidate chose on the Start screen.
#[derive(Debug, Clone, PartialEq, Deserialize, Type)]
pub struct RoundSetup {
    pub role: RoleSlug,
    /// Empty means "surprise me".
    pub principles: Vec<PrincipleSlug>,
    pub n_questions: u8,
    pub mode: ModeDto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatusDto {
    Open,
    Completed,
    EndedEarly,
    Abandoned,
}

impl From<RoundStatus> for RoundStatusDto {
    fn from(status: RoundStatus) -> Self {
        match status {
            RoundStatus::Open => RoundStatusDto::Open,
            RoundStatus::Completed => RoundStatusDto::Completed,
            RoundStatus::EndedEarly => RoundStatusDto::EndedEarly,
            RoundStatus::Abandoned => RoundStatusDto::Abandoned,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct QuestionView {
    pub text: String,
    pub principle: PrincipleRef,
    #[specta(type = Option<specta_typescript::Number>)]
    pub story_id: Option<i64>,
}

/// What the round waits for now.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum StageView {
    /// An answer to this prompt (a follow-up may also be skipped).
    Answer {
        question_idx: u32,
        /// 0 for the main question, 1..=5 for follow-ups.
        depth: u32,
        attempt: u32,
        text: String,
        /// Why the follow-up is asked; null for a main question.
        followup_kind: Option<FollowUpKind>,
    },
    /// The candidate's own 1-4 rating of the main answer in `turn_idx`,
    /// asked before the app's score is shown.
    SelfRating {
        turn_idx: u32,
    },
    Finished {
        ended_early: bool,
    },
}

impl From<&Stage> for StageView {
    fn from(stage: &Stage) -> Self {
        match stage {
            Stage::Answer { prompt } => StageView::Answer {
                question_idx: n(prompt.question_idx),
                depth: n(prompt.depth),
                attempt: prompt.attempt,
                text: prompt.text.clone(),
                followup_kind: prompt.followup.as_ref().map(|f| f.kind.into()),
            },
            Stage::SelfRating { turn_idx } => StageView::SelfRating {
                turn_idx: n(*turn_idx),
            },
            Stage::Finished { ended_early } => StageView::Finished {
                ended_early: *ended_early,
            },
        }
    }
}

/// One prompt and what the candidate did with it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct TurnView {
    pub question_idx: u32,
    pub depth: u32,
    pub attempt: u32,
    pub prompt: String,
    /// Null when the follow-up was skipped.
    pub answer: Option<AnswerView>,
    pub self_rating: Option<u8>,
    /// Whether a later attempt at the same prompt replaced this one.
    pub superseded: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AnswerView {
    pub text: String,
    pub words: Vec<TimedWord>,
    /// The recording's path inside the recordings folder, for the
    /// `recording://` scheme; null when the answer had no audio.
    pub recording: Option<String>,
    pub duration_s: Option<f64>,
    pub analysis: Analysis,
}

/// A whole round as the screens show it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RoundView {
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    #[specta(type = specta_typescript::Number)]
    pub started_at_ms: i64,
    pub status: RoundStatusDto,
    pub mode: ModeDto,
    pub role: RoleSlug,
    /// The most follow-ups below one main question (the engine's limit).
    pub max_followups: u32,
    pub questions: Vec<QuestionView>,
    pub turns: Vec<TurnView>,
    pub stage: StageView,
    /// Whether answers' feedback may be shown now: always in Practice, only
    /// once the round is over in Loop mode.
    pub show_feedback: bool,
    /// Present once the round is over.
    pub summary: Option<crate::dto::summary::SummaryView>,
}

fn n(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Recording paths are stored relative to the data folder
/// ("recordings/round-3/q1-d0-a1.wav"); the playback scheme serves the
/// recordings folder itself, so the UI gets the part below it.
fn recording_src(path: &str) -> String {
    let prefix = format!("{}/", br_store::RECORDINGS_DIR);
    path.strip_prefix(&prefix).unwrap_or(path).to_string()
}

fn turn_views(turns: &[Turn]) -> Vec<TurnView> {
    turns
        .iter()
        .enumerate()
        .map(|(idx, turn)| TurnView {
            question_idx: n(turn.question_idx),
            depth: n(turn.depth),
            attempt: turn.attempt,
            prompt: turn.prompt.clone(),
            answer: turn.answer.as_ref().map(|a| {
                // Rounds stored before the round judged follow-up answers
                // as such still hold the main answer's length check.
                let analysis = if turn.depth > 0 {
                    let mut core = a.analysis.clone();
                    core.checklist.for_followup_answer();
                    Analysis::from(&core)
                } else {
                    Analysis::from(&a.analysis)
                };
                AnswerView {
                    text: a.text.clone(),
                    words: a.words.iter().map(TimedWord::from).collect(),
                    recording: a.recording.as_ref().map(|r| recording_src(&r.path)),
                    duration_s: a.recording.as_ref().map(|r| r.duration_s),
                    analysis,
                }
            }),
            self_rating: turn.self_rating,
            superseded: turns[idx + 1..]
                .iter()
                .any(|later| later.question_idx == turn.question_idx && later.depth == turn.depth),
        })
        .collect()
}

impl RoundView {
    /// The view of a live round, `id` being its stored id.
    pub fn live(id: i64, started_at_ms: i64, round: &Round) -> RoundView {
        let finished = matches!(round.stage(), Stage::Finished { .. });
        let config = round.config();
        RoundView {
            id,
            started_at_ms,
            status: round.status().into(),
            mode: config.mode.into(),
            role: config.role.into(),
            max_followups: RoundLimits::engine().max_followups,
            questions: round
                .questions()
                .iter()
                .map(|q| QuestionView {
                    text: q.text.clone(),
                    principle: q.principle.into(),
                    story_id: q.story_id,
                })
                .collect(),
            turns: turn_views(round.turns()),
            stage: round.stage().into(),
            show_feedback: config.mode.feedback_after_each_answer() || finished,
            summary: finished.then(|| (&round.summary()).into()),
        }
    }

    /// The view of a stored round, for Replay and the round summary. A round
    /// left open by a crash is shown as it stands, with its summary so far.
    pub fn stored(record: &RoundRecord) -> RoundView {
        let summary = br_session::summarize(&record.questions, &record.turns);
        let stage = match record.status {
            RoundStatus::Open => match Round::resume(record.clone()) {
                Ok(round) => round.stage().into(),
                Err(_) => StageView::Finished { ended_early: true },
            },
            RoundStatus::Completed => StageView::Finished { ended_early: false },
            RoundStatus::EndedEarly | RoundStatus::Abandoned => {
                StageView::Finished { ended_early: true }
            }
        };
        RoundView {
            id: record.id,
            started_at_ms: record.started_at_ms,
            status: record.status.into(),
            mode: record.config.mode.into(),
            role: record.config.role.into(),
            max_followups: RoundLimits::engine().max_followups,
            questions: record
                .questions
                .iter()
                .map(|q| QuestionView {
                    text: q.text.clone(),
                    principle: q.principle.into(),
                    story_id: q.story_id,
                })
                .collect(),
            turns: turn_views(&record.turns),
            stage,
            show_feedback: true,
            summary: Some((&summary).into()),
        }
    }
}

/// One round in the History list.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RoundListItem {
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    #[specta(type = specta_typescript::Number)]
    pub started_at_ms: i64,
    pub status: RoundStatusDto,
    pub mode: ModeDto,
    pub role: RoleSlug,
    pub principles: Vec<PrincipleRef>,
    /// The main questions' text, in order.
    pub questions: Vec<String>,
    pub n_questions: u32,
    pub main_answers: u32,
    pub followups_answered: u32,
    pub mean_score: Option<f64>,
    pub mean_self_rating: Option<f64>,
}

impl From<&br_store::RoundListing> for RoundListItem {
    fn from(r: &br_store::RoundListing) -> Self {
        RoundListItem {
            id: r.id,
            started_at_ms: r.started_at_ms,
            status: r.status.into(),
            mode: r.mode.into(),
            role: r.role.into(),
            principles: r.principles.iter().map(|p| (*p).into()).collect(),
            questions: r.questions.clone(),
            n_questions: n(r.n_questions),
            main_answers: n(r.main_answers),
            followups_answered: n(r.followups_answered),
            mean_score: r.mean_score,
            mean_self_rating: r.mean_self_rating,
        }
    }
}
