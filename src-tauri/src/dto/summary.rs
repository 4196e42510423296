//! Wire copies of the round summary (`br_session::RoundSummary`), the
//! progress trends and the story bank.

use crate::dto::round::PrincipleRef;
use serde::Serialize;
use specta::Type;

fn n(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SummaryView {
    pub principles: Vec<PrincipleSummaryView>,
    pub main_answers: u32,
    pub followups_answered: u32,
    pub followups_skipped: u32,
    pub retries: u32,
    pub fillers: u32,
    pub fillers_per_minute: Option<f64>,
    pub star: StarCompletenessView,
    pub i_count: u32,
    pub we_count: u32,
    pub i_share: Option<f64>,
    pub speaking_time_s: f64,
    /// The (at most three) most useful things to fix, most useful first.
    pub fixes: Vec<FixView>,
    /// Stories told for more than one principle in this round.
    pub story_warnings: Vec<StoryWarningView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct StoryWarningView {
    #[specta(type = specta_typescript::Number)]
    pub story_id: i64,
    pub principles: Vec<PrincipleRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PrincipleSummaryView {
    pub principle: PrincipleRef,
    pub answers: u32,
    pub score: Option<f64>,
    pub self_rating: Option<f64>,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct StarCompletenessView {
    pub answers: u32,
    pub situation: u32,
    pub task: u32,
    pub action: u32,
    pub result: u32,
    pub complete: u32,
    pub result_quantified: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FixView {
    pub code: String,
    pub text: String,
    pub answers: u32,
    pub example: Option<String>,
    /// The scoring rule behind the finding.
    pub rule: br_core::RuleId,
}

impl From<&br_session::RoundSummary> for SummaryView {
    fn from(s: &br_session::RoundSummary) -> Self {
        SummaryView {
            principles: s
                .principles
                .iter()
                .map(|p| PrincipleSummaryView {
                    principle: p.principle.into(),
                    answers: n(p.answers),
                    score: p.score,
                    self_rating: p.self_rating,
                    reasons: p.reasons.clone(),
                })
                .collect(),
            main_answers: n(s.main_answers),
            followups_answered: n(s.followups_answered),
            followups_skipped: n(s.followups_skipped),
            retries: n(s.retries),
            fillers: n(s.fillers),
            fillers_per_minute: s.fillers_per_minute,
            star: StarCompletenessView {
                answers: n(s.star.answers),
                situation: n(s.star.situation),
                task: n(s.star.task),
                action: n(s.star.action),
                result: n(s.star.result),
                complete: n(s.star.complete),
                result_quantified: n(s.star.result_quantified),
            },
            i_count: n(s.first_person.i),
            we_count: n(s.first_person.we),
            i_share: s.first_person.i_share,
            speaking_time_s: s.speaking_time_s,
            fixes: s
                .fixes
                .iter()
                .map(|f| FixView {
                    code: f.code.clone(),
                    text: f.text.clone(),
                    answers: n(f.answers),
                    example: f.example.clone(),
                    rule: f.rule,
                })
                .collect(),
            story_warnings: s
                .story_warnings
                .iter()
                .map(|w| StoryWarningView {
                    story_id: w.story_id,
                    principles: w.principles.iter().map(|p| (*p).into()).collect(),
                })
                .collect(),
        }
    }
}

/// Trends over rounds, oldest first, and per principle.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ProgressView {
    pub rounds: Vec<RoundPointView>,
    pub principles: Vec<PrincipleTrendView>,
    pub stories: StoryBankView,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RoundPointView {
    #[specta(type = specta_typescript::Number)]
    pub round_id: i64,
    #[specta(type = specta_typescript::Number)]
    pub started_at_ms: i64,
    pub main_answers: u32,
    pub score: Option<f64>,
    pub self_rating: Option<f64>,
    pub fillers_per_minute: Option<f64>,
    pub star_complete_share: Option<f64>,
    pub result_quantified_share: Option<f64>,
    pub i_share: Option<f64>,
    pub words_per_minute: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PrincipleTrendView {
    pub principle: PrincipleRef,
    pub main_answers: u32,
    pub first_score: u8,
    pub latest_score: u8,
    pub mean_score: f64,
    pub mean_self_rating: Option<f64>,
    pub self_rating_gap: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct StoryBankView {
    pub stories: Vec<StoryView>,
    /// Principles no story has covered yet.
    pub uncovered: Vec<PrincipleRef>,
    pub advice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct StoryView {
    #[specta(type = specta_typescript::Number)]
    pub id: i64,
    pub name: String,
    pub notes: String,
    /// Principles this story was told for, with how often and its best score.
    pub coverage: Vec<StoryCoverageCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct StoryCoverageCell {
    pub principle: PrincipleRef,
    pub times: u32,
    pub best_score: Option<u8>,
}

impl ProgressView {
    pub fn new(progress: &br_session::Progress, bank: &br_session::StoryBank) -> ProgressView {
        ProgressView {
            rounds: progress
                .rounds
                .iter()
                .map(|r| RoundPointView {
                    round_id: r.round_id,
                    started_at_ms: r.started_at_ms,
                    main_answers: n(r.main_answers),
                    score: r.score,
                    self_rating: r.self_rating,
                    fillers_per_minute: r.fillers_per_minute,
                    star_complete_share: r.star_complete_share,
                    result_quantified_share: r.result_quantified_share,
                    i_share: r.i_share,
                    words_per_minute: r.words_per_minute,
                })
                .collect(),
            principles: progress
                .principles
                .iter()
                .map(|p| PrincipleTrendView {
                    principle: p.principle.into(),
                    main_answers: n(p.main_answers),
                    first_score: p.first_score,
                    latest_score: p.latest_score,
                    mean_score: p.mean_score,
                    mean_self_rating: p.mean_self_rating,
                    self_rating_gap: p.self_rating_gap,
                })
                .collect(),
            stories: StoryBankView {
                stories: bank
                    .stories
                    .iter()
                    .map(|s| StoryView {
                        id: s.story.id,
                        name: s.story.name.clone(),
                        notes: s.story.notes.clone(),
                        coverage: s
                            .principles
                            .iter()
                            .map(|c| StoryCoverageCell {
                                principle: c.principle.into(),
                                times: n(c.times),
                                best_score: c.best_score,
                            })
                            .collect(),
                    })
                    .collect(),
                uncovered: bank.uncovered.iter().map(|p| (*p).into()).collect(),
                advice: bank.advice.clone(),
            },
        }
    }
}
