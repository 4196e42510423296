//! The story bank: the candidate's named stories, which Leadership
//! Principles each has been told for, which principles no story covers yet,
//! and a warning when one round uses a story for two principles (in a real
//! Loop two interviewers would hear the same story).

use crate::round::RoundQuestion;
use br_core::Principle;
use serde::{Deserialize, Serialize};

/// The number of distinct stories candidates are advised to prepare.
pub const RECOMMENDED_STORIES: std::ops::RangeInclusive<usize> = 8..=10;

/// One story the candidate can tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    pub id: i64,
    pub name: String,
    /// A line or two to remind the candidate of the story.
    pub notes: String,
}

/// A story told for a principle in some round, with the app's score of the
/// main answer (the latest attempt), when it was answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryUse {
    pub story_id: i64,
    pub round_id: i64,
    pub principle: Principle,
    pub score: Option<u8>,
}

/// The story bank with what each story has covered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryBank {
    pub stories: Vec<StoryCoverage>,
    /// Principles no story has been told for yet.
    pub uncovered: Vec<Principle>,
    /// Advice on the size of the bank, when it is outside 8-10 stories.
    pub advice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryCoverage {
    pub story: Story,
    /// In the order of `Principle::ALL`.
    pub principles: Vec<PrincipleCoverage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipleCoverage {
    pub principle: Principle,
    /// How many times the story was told for it.
    pub times: usize,
    pub best_score: Option<u8>,
}

/// A story told for more than one principle in the same round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryWarning {
    pub story_id: i64,
    pub principles: Vec<Principle>,
    /// The round's question indexes that used it.
    pub question_idxs: Vec<usize>,
}

/// What each story has covered across all rounds.
pub fn story_bank(stories: &[Story], uses: &[StoryUse]) -> StoryBank {
    let coverage: Vec<StoryCoverage> = stories
        .iter()
        .map(|story| {
            let principles = Principle::ALL
                .into_iter()
                .filter_map(|principle| {
                    let told: Vec<&StoryUse> = uses
                        .iter()
                        .filter(|u| u.story_id == story.id && u.principle == principle)
                        .collect();
                    (!told.is_empty()).then(|| PrincipleCoverage {
                        principle,
                        times: told.len(),
                        best_score: told.iter().filter_map(|u| u.score).max(),
                    })
                })
                .collect();
            StoryCoverage {
                story: story.clone(),
                principles,
            }
        })
        .collect();
    let uncovered = Principle::ALL
        .into_iter()
        .filter(|p| {
            !coverage
                .iter()
                .any(|c| c.principles.iter().any(|pc| pc.principle == *p))
        })
        .collect();
    let n_stories = stories.len();
    let advice = if n_stories < *RECOMMENDED_STORIES.start() {
        Some(format!(
            "{n_stories} stories in the bank; prepare 8-10 distinct stories so no two interviewers hear the same one"
        ))
    } else if n_stories > *RECOMMENDED_STORIES.end() {
        Some(format!("{n_stories} stories in the bank; 8-10 well-rehearsed stories serve better than many thin ones"))
    } else {
        None
    };
    StoryBank {
        stories: coverage,
        uncovered,
        advice,
    }
}

/// Warns about each story that one round used for two or more principles.
pub fn story_reuse(questions: &[RoundQuestion]) -> Vec<StoryWarning> {
    let mut warnings: Vec<StoryWarning> = Vec::new();
    for (idx, question) in questions.iter().enumerate() {
        let Some(story_id) = question.story_id else {
            continue;
        };
        match warnings.iter_mut().find(|w| w.story_id == story_id) {
            Some(warning) => {
                warning.question_idxs.push(idx);
                if !warning.principles.contains(&question.principle) {
                    warning.principles.push(question.principle);
                }
            }
            None => warnings.push(StoryWarning {
                story_id,
                principles: vec![question.principle],
                question_idxs: vec![idx],
            }),
        }
    }
    warnings.retain(|w| w.principles.len() > 1);
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(idx: usize, principle: Principle, story_id: Option<i64>) -> RoundQuestion {
        RoundQuestion {
            id: format!("q{idx}"),
            text: format!("Question {idx}?"),
            principle,
            story_id,
        }
    }

    #[test]
    fn a_story_told_for_two_principles_in_one_round_is_warned_about() {
        let questions = [
            question(0, Principle::Ownership, Some(1)),
            question(1, Principle::DiveDeep, Some(2)),
            question(2, Principle::DeliverResults, Some(1)),
            question(3, Principle::DiveDeep, Some(2)),
            question(4, Principle::Frugality, None),
        ];
        assert_eq!(
            story_reuse(&questions),
            [StoryWarning {
                story_id: 1,
                principles: vec![Principle::Ownership, Principle::DeliverResults],
                question_idxs: vec![0, 2],
            }]
        );
    }

    #[test]
    fn coverage_counts_principles_per_story_and_lists_the_uncovered() {
        let stories = [
            Story {
                id: 1,
                name: "Checkout latency".into(),
                notes: String::new(),
            },
            Story {
                id: 2,
                name: "Vendor dispute".into(),
                notes: String::new(),
            },
        ];
        let told = |story_id, round_id, principle, score| StoryUse {
            story_id,
            round_id,
            principle,
            score,
        };
        let uses = [
            told(1, 10, Principle::DiveDeep, Some(2)),
            told(1, 11, Principle::DiveDeep, Some(3)),
            told(1, 11, Principle::Ownership, None),
            told(2, 12, Principle::HaveBackbone, Some(4)),
        ];
        let bank = story_bank(&stories, &uses);
        assert_eq!(
            bank.stories[0].principles,
            [
                PrincipleCoverage {
                    principle: Principle::Ownership,
                    times: 1,
                    best_score: None
                },
                PrincipleCoverage {
                    principle: Principle::DiveDeep,
                    times: 2,
                    best_score: Some(3)
                },
            ]
        );
        assert_eq!(bank.stories[1].principles.len(), 1);
        assert_eq!(bank.uncovered.len(), 13);
        assert!(!bank.uncovered.contains(&Principle::HaveBackbone));
        assert!(bank.advice.unwrap().starts_with("2 stories"));
    }
}
