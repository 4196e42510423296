//! Trends over rounds, from the numeric columns storage keeps for every
//! answer: score and self-rating, fillers per minute, STAR completeness,
//! "I" share and pace, per round and per principle.

use crate::round::TurnKind;
use br_core::Principle;
use serde::{Deserialize, Serialize};

/// The numbers of one answer that trends need (the latest attempt at a
/// prompt; skipped follow-ups have none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerStats {
    pub round_id: i64,
    pub round_started_at_ms: i64,
    /// The principle of the main question the answer belongs to.
    pub principle: Principle,
    pub kind: TurnKind,
    pub score: u8,
    pub self_rating: Option<u8>,
    pub filler_total: usize,
    pub duration_s: Option<f64>,
    pub star_complete: bool,
    pub result_quantified: bool,
    pub i_count: usize,
    pub we_count: usize,
    pub words_per_minute: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The principle the trends are limited to, if any.
    pub principle: Option<Principle>,
    /// Oldest round first.
    pub rounds: Vec<RoundPoint>,
    /// Principles in `Principle::ALL` order, only those answered.
    pub principles: Vec<PrincipleTrend>,
}

/// One round's averages. Scores and STAR come from main answers; delivery
/// (fillers, "I" share, pace) from every answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundPoint {
    pub round_id: i64,
    pub started_at_ms: i64,
    pub main_answers: usize,
    pub score: Option<f64>,
    pub self_rating: Option<f64>,
    pub fillers_per_minute: Option<f64>,
    pub star_complete_share: Option<f64>,
    pub result_quantified_share: Option<f64>,
    pub i_share: Option<f64>,
    pub words_per_minute: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrincipleTrend {
    pub principle: Principle,
    pub main_answers: usize,
    pub first_score: u8,
    pub latest_score: u8,
    pub mean_score: f64,
    pub mean_self_rating: Option<f64>,
    /// Mean of (self-rating - app score) over rated answers: positive when
    /// the candidate rates themselves higher than the evidence supports.
    pub self_rating_gap: Option<f64>,
}

/// Trends over `answers`, optionally limited to one principle. The order of
/// `answers` does not matter.
pub fn progress(answers: &[AnswerStats], principle: Option<Principle>) -> Progress {
    let mut rows: Vec<&AnswerStats> = answers
        .iter()
        .filter(|a| principle.is_none_or(|p| a.principle == p))
        .collect();
    rows.sort_by_key(|a| (a.round_started_at_ms, a.round_id));

    let mut round_ids: Vec<(i64, i64)> = rows
        .iter()
        .map(|a| (a.round_id, a.round_started_at_ms))
        .collect();
    round_ids.dedup();
    let rounds = round_ids
        .into_iter()
        .map(|(round_id, started_at_ms)| {
            let all: Vec<&AnswerStats> = rows
                .iter()
                .copied()
                .filter(|a| a.round_id == round_id)
                .collect();
            round_point(round_id, started_at_ms, &all)
        })
        .collect();

    let principles = Principle::ALL
        .into_iter()
        .filter_map(|p| {
            let mains: Vec<&AnswerStats> = rows
                .iter()
                .copied()
                .filter(|a| a.principle == p && a.kind == TurnKind::Main)
                .collect();
            let (first, last) = (mains.first()?, mains.last()?);
            let rated: Vec<(u8, u8)> = mains
                .iter()
                .filter_map(|a| a.self_rating.map(|r| (r, a.score)))
                .collect();
            Some(PrincipleTrend {
                principle: p,
                main_answers: mains.len(),
                first_score: first.score,
                latest_score: last.score,
                mean_score: mean(mains.iter().map(|a| f64::from(a.score)))
                    .expect("at least one answer"),
                mean_self_rating: mean(rated.iter().map(|(r, _)| f64::from(*r))),
                self_rating_gap: mean(rated.iter().map(|(r, s)| f64::from(*r) - f64::from(*s))),
            })
        })
        .collect();
    Progress {
        principle,
        rounds,
        principles,
    }
}

fn round_point(round_id: i64, started_at_ms: i64, all: &[&AnswerStats]) -> RoundPoint {
    let mains: Vec<&AnswerStats> = all
        .iter()
        .copied()
        .filter(|a| a.kind == TurnKind::Main)
        .collect();
    let share = |pred: fn(&AnswerStats) -> bool| {
        (!mains.is_empty())
            .then(|| mains.iter().filter(|a| pred(a)).count() as f64 / mains.len() as f64)
    };
    let (timed_fillers, timed_s) = all
        .iter()
        .filter_map(|a| a.duration_s.map(|d| (a.filler_total, d)))
        .fold((0usize, 0.0f64), |(n, s), (f, d)| (n + f, s + d));
    let (i, we) = all
        .iter()
        .fold((0, 0), |(i, we), a| (i + a.i_count, we + a.we_count));
    RoundPoint {
        round_id,
        started_at_ms,
        main_answers: mains.len(),
        score: mean(mains.iter().map(|a| f64::from(a.score))),
        self_rating: mean(mains.iter().filter_map(|a| a.self_rating).map(f64::from)),
        fillers_per_minute: (timed_s > 0.0).then(|| timed_fillers as f64 / (timed_s / 60.0)),
        star_complete_share: share(|a| a.star_complete),
        result_quantified_share: share(|a| a.result_quantified),
        i_share: (i + we > 0).then(|| i as f64 / (i + we) as f64),
        words_per_minute: mean(all.iter().filter_map(|a| a.words_per_minute)),
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(
        round_id: i64,
        principle: Principle,
        kind: TurnKind,
        score: u8,
        self_rating: Option<u8>,
    ) -> AnswerStats {
        AnswerStats {
            round_id,
            round_started_at_ms: round_id * 1000,
            principle,
            kind,
            score,
            self_rating,
            filler_total: 6,
            duration_s: Some(60.0),
            star_complete: score >= 3,
            result_quantified: score == 4,
            i_count: 3,
            we_count: 1,
            words_per_minute: Some(150.0),
        }
    }

    #[test]
    fn trends_follow_rounds_in_time_order_and_filter_by_principle() {
        let answers = [
            stats(2, Principle::DiveDeep, TurnKind::Main, 3, Some(4)),
            stats(1, Principle::DiveDeep, TurnKind::Main, 1, Some(3)),
            stats(1, Principle::DiveDeep, TurnKind::FollowUp, 2, None),
            stats(1, Principle::Ownership, TurnKind::Main, 4, None),
        ];
        let all = progress(&answers, None);
        assert_eq!(
            all.rounds.iter().map(|r| r.round_id).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(all.rounds[0].score, Some(2.5));
        assert_eq!(all.rounds[0].fillers_per_minute, Some(6.0));
        assert_eq!(all.rounds[0].star_complete_share, Some(0.5));
        assert_eq!(all.rounds[0].i_share, Some(0.75));

        let dive = progress(&answers, Some(Principle::DiveDeep));
        assert_eq!(dive.rounds[0].score, Some(1.0));
        assert_eq!(dive.principles.len(), 1);
        let trend = &dive.principles[0];
        assert_eq!(
            (trend.first_score, trend.latest_score, trend.mean_score),
            (1, 3, 2.0)
        );
        assert_eq!(trend.self_rating_gap, Some(1.5));
    }
}
