//! Picking a round's main questions from the bank: one per slot, each slot
//! assigned a Leadership Principle, never a question answered in recent
//! rounds unless the candidate allows repeats.
//!
//! Randomness comes in as a seed, so the same seed, bank and history always
//! give the same round (tests rely on it; the CLI seeds from the clock).

use crate::config::{PrincipleChoice, RoundConfig};
use crate::round::RoundQuestion;
use br_core::{Principle, QuestionBank, Role};
use thiserror::Error;

/// Why no round could be planned; each message says what to change.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PlanError {
    #[error("a round needs at least one main question")]
    NoQuestionsRequested,
    #[error("a round has at most {max} main questions (each may bring five follow-ups)")]
    TooManyQuestions { max: usize },
    #[error("no Leadership Principle chosen; pick at least one or ask for a surprise round")]
    NoPrinciples,
    #[error(
        "no {} question for {} is left that was not answered in recent rounds; \
         allow repeats, pick another principle, or ask for fewer questions",
        role.name(), principle.name()
    )]
    OnlyRecentQuestions { principle: Principle, role: Role },
    #[error(
        "the question bank has no unused {} question for {}; \
         pick another principle or ask for fewer questions",
        role.name(), principle.name()
    )]
    NoQuestion { principle: Principle, role: Role },
}

/// Picks `config.n_questions` distinct main questions. `recent_ids` are the
/// ids of questions answered in the last rounds; they are avoided unless
/// `config.allow_repeats`.
pub fn plan_round(
    bank: &QuestionBank,
    config: &RoundConfig,
    recent_ids: &[String],
    seed: u64,
) -> Result<Vec<RoundQuestion>, PlanError> {
    if config.n_questions == 0 {
        return Err(PlanError::NoQuestionsRequested);
    }
    if config.n_questions > RoundConfig::MAX_QUESTIONS {
        return Err(PlanError::TooManyQuestions {
            max: RoundConfig::MAX_QUESTIONS,
        });
    }
    let mut rng = SplitMix64(seed);
    let is_fresh = |id: &str| config.allow_repeats || !recent_ids.iter().any(|r| r == id);
    let principles = match &config.principles {
        PrincipleChoice::Chosen(list) if list.is_empty() => return Err(PlanError::NoPrinciples),
        PrincipleChoice::Chosen(list) => list.clone(),
        PrincipleChoice::Surprise => {
            // Only principles that still have a fresh question for the role.
            let mut open: Vec<Principle> = Principle::ALL
                .into_iter()
                .filter(|p| {
                    bank.filter(&[*p], Some(config.role))
                        .iter()
                        .any(|q| is_fresh(&q.id))
                })
                .collect();
            shuffle(&mut open, &mut rng);
            if open.is_empty() {
                open = Principle::ALL.to_vec();
            }
            open
        }
    };

    let mut picked: Vec<RoundQuestion> = Vec::with_capacity(config.n_questions);
    for slot in 0..config.n_questions {
        let principle = principles[slot % principles.len()];
        let suitable: Vec<_> = bank
            .filter(&[principle], Some(config.role))
            .into_iter()
            .filter(|q| !picked.iter().any(|p| p.id == q.id))
            .collect();
        let fresh: Vec<_> = suitable.iter().filter(|q| is_fresh(&q.id)).collect();
        if fresh.is_empty() {
            let role = config.role;
            return Err(if suitable.is_empty() {
                PlanError::NoQuestion { principle, role }
            } else {
                PlanError::OnlyRecentQuestions { principle, role }
            });
        }
        let question = fresh[rng.below(fresh.len())];
        picked.push(RoundQuestion {
            id: question.id.clone(),
            text: question.text.clone(),
            principle,
            story_id: None,
        });
    }
    Ok(picked)
}

/// A tiny deterministic generator (SplitMix64); quality is ample for picking
/// questions and it keeps the crate free of a randomness dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn shuffle<T>(items: &mut [T], rng: &mut SplitMix64) {
    for idx in (1..items.len()).rev() {
        items.swap(idx, rng.below(idx + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Mode;

    fn config(principles: PrincipleChoice, n_questions: usize) -> RoundConfig {
        RoundConfig {
            role: Role::Pm,
            principles,
            n_questions,
            mode: Mode::Practice,
            allow_repeats: false,
        }
    }

    #[test]
    fn same_seed_same_round_and_questions_suit_the_slot() {
        let bank = QuestionBank::builtin();
        let cfg = config(
            PrincipleChoice::Chosen(vec![Principle::Ownership, Principle::DiveDeep]),
            3,
        );
        let first = plan_round(&bank, &cfg, &[], 7).unwrap();
        assert_eq!(first, plan_round(&bank, &cfg, &[], 7).unwrap());
        let principles: Vec<Principle> = first.iter().map(|q| q.principle).collect();
        assert_eq!(
            principles,
            [
                Principle::Ownership,
                Principle::DiveDeep,
                Principle::Ownership
            ]
        );
        for q in &first {
            let banked = bank.get(&q.id).unwrap();
            assert!(banked.principles.contains(&q.principle) && banked.roles.contains(&Role::Pm));
        }
        assert_ne!(
            first[0].id, first[2].id,
            "a round never asks the same question twice"
        );
    }

    #[test]
    fn recent_questions_are_avoided_unless_repeats_are_allowed() {
        let bank = QuestionBank::builtin();
        let ownership: Vec<String> = bank
            .filter(&[Principle::Ownership], Some(Role::Pm))
            .iter()
            .map(|q| q.id.clone())
            .collect();
        let (keep, recent) = ownership.split_last().unwrap();
        let mut cfg = config(PrincipleChoice::Chosen(vec![Principle::Ownership]), 1);
        for seed in 0..20 {
            let round = plan_round(&bank, &cfg, recent, seed).unwrap();
            assert_eq!(&round[0].id, keep);
        }
        cfg.n_questions = 2;
        assert_eq!(
            plan_round(&bank, &cfg, recent, 1),
            Err(PlanError::OnlyRecentQuestions {
                principle: Principle::Ownership,
                role: Role::Pm
            })
        );
        cfg.allow_repeats = true;
        assert_eq!(plan_round(&bank, &cfg, recent, 1).unwrap().len(), 2);
    }

    #[test]
    fn surprise_rounds_vary_principles_with_the_seed() {
        let bank = QuestionBank::builtin();
        let cfg = config(PrincipleChoice::Surprise, 3);
        let rounds: Vec<Vec<Principle>> = (0..10)
            .map(|seed| {
                plan_round(&bank, &cfg, &[], seed)
                    .unwrap()
                    .iter()
                    .map(|q| q.principle)
                    .collect()
            })
            .collect();
        assert!(rounds.iter().any(|r| r != &rounds[0]));
        for round in &rounds {
            assert!(
                round[0] != round[1] && round[1] != round[2],
                "one principle per question: {round:?}"
            );
        }
    }

    #[test]
    fn empty_requests_are_rejected() {
        let bank = QuestionBank::builtin();
        assert_eq!(
            plan_round(&bank, &config(PrincipleChoice::Chosen(vec![]), 3), &[], 0),
            Err(PlanError::NoPrinciples)
        );
        assert_eq!(
            plan_round(&bank, &config(PrincipleChoice::Surprise, 0), &[], 0),
            Err(PlanError::NoQuestionsRequested)
        );
        assert_eq!(
            plan_round(
                &bank,
                &config(PrincipleChoice::Surprise, RoundConfig::MAX_QUESTIONS + 1),
                &[],
                0
            ),
            Err(PlanError::TooManyQuestions {
                max: RoundConfig::MAX_QUESTIONS
            })
        );
        assert!(plan_round(
            &bank,
            &config(PrincipleChoice::Surprise, RoundConfig::MAX_QUESTIONS),
            &[],
            0
        )
        .is_ok());
    }
}
