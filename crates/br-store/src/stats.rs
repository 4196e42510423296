//! The numbers progress trends need, read from the analyses' columns (never
//! from the JSON blobs), for the latest attempt at each prompt.

use crate::error::StoreError;
use crate::rounds::parse_principle;
use crate::store::Store;
use br_session::{AnswerStats, TurnKind};

impl Store {
    /// One row per answered prompt (latest attempt) over all rounds, oldest
    /// round first.
    pub fn answer_stats(&self) -> Result<Vec<AnswerStats>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT e.round_id, r.started_at_ms, q.principle, e.depth, a.score, e.self_rating,
                    a.filler_total, a.duration_s,
                    a.star_situation AND a.star_task AND a.star_action AND a.star_result,
                    a.result_quantified, a.i_count, a.we_count, a.words_per_min
             FROM effective_turns e
             JOIN analyses a ON a.turn_id = e.id
             JOIN rounds r ON r.id = e.round_id
             JOIN round_questions q ON q.round_id = e.round_id AND q.idx = e.question_idx
             ORDER BY r.started_at_ms, r.id, e.seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let round_id: i64 = row.get(0)?;
            let depth: usize = row.get(3)?;
            out.push(AnswerStats {
                round_id,
                round_started_at_ms: row.get(1)?,
                principle: parse_principle(round_id, &row.get::<_, String>(2)?)?,
                kind: if depth == 0 {
                    TurnKind::Main
                } else {
                    TurnKind::FollowUp
                },
                score: row.get(4)?,
                self_rating: row.get(5)?,
                filler_total: row.get(6)?,
                duration_s: row.get(7)?,
                star_complete: row.get(8)?,
                result_quantified: row.get(9)?,
                i_count: row.get(10)?,
                we_count: row.get(11)?,
                words_per_minute: row.get(12)?,
            });
        }
        Ok(out)
    }
}
