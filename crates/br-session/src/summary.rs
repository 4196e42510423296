//! The round summary: per principle the 1-4 score with reasons and the
//! candidate's own rating, delivery (fillers per minute, speaking time, "I"
//! vs "we"), STAR completeness, and the three most useful things to fix.
//!
//! Only the latest attempt at each prompt counts, except for speaking time,
//! which adds up everything the candidate said.

use crate::round::{effective_turns, Round, RoundQuestion, Turn};
use crate::stories::{story_reuse, StoryWarning};
use br_core::Principle;
use serde::{Deserialize, Serialize};

/// How many fixes a summary suggests.
pub const N_FIXES: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    /// One entry per principle asked, in the order first asked.
    pub principles: Vec<PrincipleSummary>,
    pub main_answers: usize,
    pub followups_answered: usize,
    pub followups_skipped: usize,
    /// Answers given again after a retry.
    pub retries: usize,
    pub fillers: usize,
    /// Fillers per minute over the answers whose length is known.
    pub fillers_per_minute: Option<f64>,
    pub star: StarCompleteness,
    pub first_person: FirstPersonTotals,
    /// Seconds of speech over every attempt (voice activity where known,
    /// else the answer's length).
    pub speaking_time_s: f64,
    /// At most [`N_FIXES`], most useful first.
    pub fixes: Vec<Fix>,
    pub story_warnings: Vec<StoryWarning>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipleSummary {
    pub principle: Principle,
    /// Main answers given for this principle.
    pub answers: usize,
    /// Mean app score (1-4) of those answers.
    pub score: Option<f64>,
    /// Mean self-rating of the answers the candidate rated.
    pub self_rating: Option<f64>,
    /// The score's reasons, without repeats.
    pub reasons: Vec<String>,
}

/// Counts over main answers: how many had each STAR part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarCompleteness {
    pub answers: usize,
    pub situation: usize,
    pub task: usize,
    pub action: usize,
    pub result: usize,
    /// Answers with all four parts.
    pub complete: usize,
    pub result_quantified: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstPersonTotals {
    pub i: usize,
    pub we: usize,
    /// i / (i + we); `None` when neither was said.
    pub i_share: Option<f64>,
}

/// One thing to work on next time, from the analyses' negative findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    /// The finding code ("result_missing", ...).
    pub code: String,
    pub text: String,
    /// Answers (main or follow-up) in which it was found.
    pub answers: usize,
    /// A quote from the first answer it was found in.
    pub example: Option<String>,
    /// The scoring rule behind the finding.
    #[serde(default)]
    pub rule: br_core::RuleId,
}

impl Round {
    /// The round's feedback so far. (Defined here, beside `summarize`, so
    /// the round engine does not depend on the summaries that read it.)
    pub fn summary(&self) -> RoundSummary {
        summarize(self.questions(), self.turns())
    }
}

/// Summarises a round from its questions and turns.
pub fn summarize(questions: &[RoundQuestion], turns: &[Turn]) -> RoundSummary {
    let effective = effective_turns(turns);
    let answered: Vec<&Turn> = effective
        .iter()
        .copied()
        .filter(|t| t.answer.is_some())
        .collect();
    let mains: Vec<&Turn> = answered.iter().copied().filter(|t| t.depth == 0).collect();

    let mut principles: Vec<PrincipleSummary> = Vec::new();
    for turn in &mains {
        let principle = questions[turn.question_idx].principle;
        let analysis = turn.analysis().expect("answered turns have an analysis");
        let idx = match principles.iter().position(|p| p.principle == principle) {
            Some(idx) => idx,
            None => {
                principles.push(PrincipleSummary {
                    principle,
                    answers: 0,
                    score: None,
                    self_rating: None,
                    reasons: Vec::new(),
                });
                principles.len() - 1
            }
        };
        let entry = &mut principles[idx];
        entry.answers += 1;
        for reason in &analysis.score.reasons {
            if !entry.reasons.contains(reason) {
                entry.reasons.push(reason.clone());
            }
        }
    }
    for entry in &mut principles {
        let of_principle: Vec<&&Turn> = mains
            .iter()
            .filter(|t| questions[t.question_idx].principle == entry.principle)
            .collect();
        entry.score = mean(
            of_principle
                .iter()
                .filter_map(|t| t.analysis())
                .map(|a| f64::from(a.score.value)),
        );
        entry.self_rating = mean(
            of_principle
                .iter()
                .filter_map(|t| t.self_rating)
                .map(f64::from),
        );
    }

    let fillers: usize = answered
        .iter()
        .filter_map(|t| t.analysis())
        .map(|a| a.fillers.total)
        .sum();
    let (timed_fillers, timed_s) = answered
        .iter()
        .filter_map(|t| t.analysis())
        .filter_map(|a| a.specificity.duration_s.map(|d| (a.fillers.total, d)))
        .fold((0usize, 0.0f64), |(n, s), (f, d)| (n + f, s + d));
    let fillers_per_minute = (timed_s > 0.0).then(|| timed_fillers as f64 / (timed_s / 60.0));

    let mut star = StarCompleteness {
        answers: mains.len(),
        situation: 0,
        task: 0,
        action: 0,
        result: 0,
        complete: 0,
        result_quantified: 0,
    };
    for analysis in mains.iter().filter_map(|t| t.analysis()) {
        let s = &analysis.star;
        star.situation += usize::from(s.situation.present);
        star.task += usize::from(s.task.present);
        star.action += usize::from(s.action.present);
        star.result += usize::from(s.result.present);
        star.complete += usize::from(
            s.situation.present && s.task.present && s.action.present && s.result.present,
        );
        star.result_quantified += usize::from(analysis.result_quantified);
    }

    let (i, we) = answered
        .iter()
        .filter_map(|t| t.analysis())
        .fold((0, 0), |(i, we), a| {
            (i + a.first_person.i, we + a.first_person.we)
        });
    let first_person = FirstPersonTotals {
        i,
        we,
        i_share: (i + we > 0).then(|| i as f64 / (i + we) as f64),
    };

    let speaking_time_s = turns
        .iter()
        .filter_map(|t| t.answer.as_ref())
        .map(speaking_time)
        .sum();

    RoundSummary {
        principles,
        main_answers: mains.len(),
        followups_answered: answered.len() - mains.len(),
        followups_skipped: effective.iter().filter(|t| t.answer.is_none()).count(),
        retries: turns.iter().filter(|t| t.attempt > 1).count(),
        fillers,
        fillers_per_minute,
        star,
        first_person,
        speaking_time_s,
        fixes: rank_fixes(&answered),
        story_warnings: story_reuse(questions),
    }
}

/// Seconds of speech in one answer: voice activity when known, else the
/// analysed length, else the recording's length.
fn speaking_time(answer: &crate::round::Answer) -> f64 {
    answer
        .timeline
        .as_ref()
        .map(|t| t.speech_s)
        .or(answer.analysis.specificity.duration_s)
        .or(answer.recording.as_ref().map(|r| r.duration_s))
        .unwrap_or(0.0)
}

/// Ranks the negative findings of the answered turns: a finding in a main
/// answer weighs twice one in a follow-up (the story itself matters most);
/// ties go to the finding seen in more answers, then to the one seen first
/// (the analysis lists its findings most important first).
fn rank_fixes(answered: &[&Turn]) -> Vec<Fix> {
    struct Tally {
        fix: Fix,
        weight: usize,
        first_seen: usize,
    }
    let mut tallies: Vec<Tally> = Vec::new();
    let mut order = 0;
    for turn in answered {
        let Some(analysis) = turn.analysis() else {
            continue;
        };
        let weight = if turn.depth == 0 { 2 } else { 1 };
        let mut codes_in_answer: Vec<&str> = Vec::new();
        for finding in analysis.score.findings.iter().filter(|f| !f.positive) {
            order += 1;
            if codes_in_answer.contains(&finding.code.as_str()) {
                continue;
            }
            codes_in_answer.push(&finding.code);
            match tallies.iter_mut().find(|t| t.fix.code == finding.code) {
                Some(tally) => {
                    tally.weight += weight;
                    tally.fix.answers += 1;
                    if tally.fix.example.is_none() {
                        tally.fix.example = finding.quote.clone();
                    }
                }
                None => tallies.push(Tally {
                    fix: Fix {
                        code: finding.code.clone(),
                        text: finding.text.clone(),
                        answers: 1,
                        example: finding.quote.clone(),
                        rule: finding.rule,
                    },
                    weight,
                    first_seen: order,
                }),
            }
        }
    }
    tallies.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then(b.fix.answers.cmp(&a.fix.answers))
            .then(a.first_seen.cmp(&b.first_seen))
    });
    tallies.into_iter().take(N_FIXES).map(|t| t.fix).collect()
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}
