//! Rounds: creating one with its questions, keeping it in step with the
//! engine (each new turn with its recording, transcript and analysis,
//! self-ratings, story tags and status, in one transaction per step),
//! closing, listing, loading and deleting.

use crate::error::StoreError;
use crate::records::{
    self, AnalysisRecord, ConfigRecord, FollowUpRecord, Stored, TimelineRecord, RECORD_VERSION,
};
use crate::store::{Store, RECORDINGS_DIR};
use br_core::{Analysis, FollowUp, Principle, Role, SpeechTimeline, TimedWord};
use br_session::{
    Answer, Mode, Recording, Round, RoundConfig, RoundQuestion, RoundRecord, RoundStatus, Turn,
};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;

/// Setting: how many recent rounds' questions a new round avoids.
pub const AVOID_RECENT_ROUNDS_SETTING: &str = "practice.avoid_recent_rounds";
/// Without the setting, questions of the last five answered rounds are
/// avoided: enough variety for a week of daily practice.
pub const DEFAULT_AVOID_RECENT_ROUNDS: usize = 5;

/// One round in the history list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundListing {
    pub id: i64,
    pub started_at_ms: i64,
    pub ended_at_ms: Option<i64>,
    /// `Open` means in progress or left open by a crash: resumable or
    /// closeable.
    pub status: RoundStatus,
    pub role: Role,
    pub mode: Mode,
    /// The principles asked, without repeats, in question order.
    pub principles: Vec<Principle>,
    /// The main questions' text, in order (what History searches).
    pub questions: Vec<String>,
    pub n_questions: usize,
    /// Main questions answered (latest attempts).
    pub main_answers: usize,
    /// Follow-ups answered (latest attempts).
    pub followups_answered: usize,
    /// Mean score of the main answers.
    pub mean_score: Option<f64>,
    pub mean_self_rating: Option<f64>,
}

/// What deleting a round removed from disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedRound {
    pub round_id: i64,
    pub turns: usize,
    pub recordings_removed: usize,
}

impl Store {
    /// Stores a new open round with its planned questions; returns its id.
    pub fn create_round(
        &mut self,
        config: &RoundConfig,
        questions: &[RoundQuestion],
        started_at_ms: i64,
    ) -> Result<i64, StoreError> {
        let tx = self.write_transaction()?;
        tx.execute(
            "INSERT INTO rounds (started_at_ms, status, role, mode, config_json, config_version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                started_at_ms,
                RoundStatus::Open.slug(),
                config.role.slug(),
                config.mode.slug(),
                records::write::<ConfigRecord, _>(config),
                RECORD_VERSION,
            ],
        )?;
        let round_id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare(
                "INSERT INTO round_questions (round_id, idx, question_id, text, principle, story_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (idx, q) in questions.iter().enumerate() {
                insert.execute(params![
                    round_id,
                    idx,
                    q.id,
                    q.text,
                    q.principle.slug(),
                    q.story_id
                ])?;
            }
        }
        tx.commit()?;
        Ok(round_id)
    }

    /// Brings the stored round up to date with the engine, in one
    /// transaction: writes the turns not stored yet (each with its
    /// recording, transcript, words and analysis), self-ratings, story tags,
    /// and the status (`now_ms` is the end time when the round has just
    /// finished). Call it after every step of the round; a crash then loses
    /// at most the answer being given.
    pub fn sync_round(
        &mut self,
        round_id: i64,
        round: &Round,
        now_ms: i64,
    ) -> Result<(), StoreError> {
        let tx = self.write_transaction()?;
        let stored_status = round_status(&tx, round_id)?;
        let n_stored: usize = tx.query_row(
            "SELECT COUNT(*) FROM turns WHERE round_id = ?1",
            [round_id],
            |r| r.get(0),
        )?;
        let turns = round.turns();
        if n_stored > turns.len() {
            return Err(corrupt(
                round_id,
                "more turns are stored than the round has",
            ));
        }
        for (seq, turn) in turns.iter().enumerate().skip(n_stored) {
            insert_turn(&tx, round_id, seq, turn)?;
        }
        for (seq, turn) in turns
            .iter()
            .enumerate()
            .take(n_stored)
            .filter(|(_, t)| t.depth == 0)
        {
            tx.execute(
                "UPDATE turns SET self_rating = ?3 WHERE round_id = ?1 AND seq = ?2 AND self_rating IS NOT ?3",
                params![round_id, seq, turn.self_rating],
            )?;
        }
        for (idx, question) in round.questions().iter().enumerate() {
            tx.execute(
                "UPDATE round_questions SET story_id = ?3 WHERE round_id = ?1 AND idx = ?2 AND story_id IS NOT ?3",
                params![round_id, idx, question.story_id],
            )?;
        }
        let status = match (stored_status, round.status()) {
            // Tagging a story on a closed round must not relabel how it ended.
            (RoundStatus::Abandoned, RoundStatus::EndedEarly) => RoundStatus::Abandoned,
            (_, status) => status,
        };
        if status != stored_status {
            let ended_at_ms = (status != RoundStatus::Open).then_some(now_ms);
            tx.execute(
                "UPDATE rounds SET status = ?2, ended_at_ms = ?3 WHERE id = ?1",
                params![round_id, status.slug(), ended_at_ms],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Closes a round left open (by a crash, or a candidate who walked
    /// away) without finishing it; its answers are kept. Closing a closed
    /// round changes nothing.
    pub fn close_round(&mut self, round_id: i64, now_ms: i64) -> Result<RoundStatus, StoreError> {
        let tx = self.write_transaction()?;
        let status = round_status(&tx, round_id)?;
        if status != RoundStatus::Open {
            return Ok(status);
        }
        tx.execute(
            "UPDATE rounds SET status = ?2, ended_at_ms = ?3 WHERE id = ?1",
            params![round_id, RoundStatus::Abandoned.slug(), now_ms],
        )?;
        tx.commit()?;
        Ok(RoundStatus::Abandoned)
    }

    /// Every round, newest first.
    pub fn list_rounds(&self) -> Result<Vec<RoundListing>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let mut principles: HashMap<i64, Vec<Principle>> = HashMap::new();
        let mut questions: HashMap<i64, Vec<String>> = HashMap::new();
        {
            let mut stmt = tx.prepare(
                "SELECT round_id, principle, text FROM round_questions ORDER BY round_id, idx",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let round_id: i64 = row.get(0)?;
                let principle = parse_principle(round_id, &row.get::<_, String>(1)?)?;
                let list = principles.entry(round_id).or_default();
                if !list.contains(&principle) {
                    list.push(principle);
                }
                questions.entry(round_id).or_default().push(row.get(2)?);
            }
        }
        let mut stmt = tx.prepare(
            "SELECT r.id, r.started_at_ms, r.ended_at_ms, r.status, r.role, r.mode,
                    (SELECT COUNT(*) FROM round_questions q WHERE q.round_id = r.id),
                    (SELECT COUNT(*) FROM effective_turns e WHERE e.round_id = r.id AND e.depth = 0),
                    (SELECT COUNT(*) FROM effective_turns e WHERE e.round_id = r.id AND e.depth > 0
                        AND e.skipped = 0),
                    (SELECT AVG(a.score) FROM effective_turns e JOIN analyses a ON a.turn_id = e.id
                        WHERE e.round_id = r.id AND e.depth = 0),
                    (SELECT AVG(e.self_rating) FROM effective_turns e WHERE e.round_id = r.id AND e.depth = 0)
             FROM rounds r ORDER BY r.started_at_ms DESC, r.id DESC",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            out.push(RoundListing {
                id,
                started_at_ms: row.get(1)?,
                ended_at_ms: row.get(2)?,
                status: parse_status(id, &row.get::<_, String>(3)?)?,
                role: Role::parse(&row.get::<_, String>(4)?)
                    .ok_or_else(|| corrupt(id, "unknown role"))?,
                mode: parse_mode(id, &row.get::<_, String>(5)?)?,
                principles: principles.remove(&id).unwrap_or_default(),
                questions: questions.remove(&id).unwrap_or_default(),
                n_questions: row.get(6)?,
                main_answers: row.get(7)?,
                followups_answered: row.get(8)?,
                mean_score: row.get(9)?,
                mean_self_rating: row.get(10)?,
            });
        }
        Ok(out)
    }

    /// Everything stored about a round, turns in the order they happened.
    pub fn load_round(&self, round_id: i64) -> Result<RoundRecord, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let (started_at_ms, ended_at_ms, status, config_json, config_version): (
            i64,
            Option<i64>,
            String,
            String,
            u32,
        ) = tx
            .query_row(
                "SELECT started_at_ms, ended_at_ms, status, config_json, config_version
                 FROM rounds WHERE id = ?1",
                [round_id],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                    ))
                },
            )
            .optional()?
            .ok_or(StoreError::RoundNotFound(round_id))?;
        let config: RoundConfig = records::read::<ConfigRecord, _>(
            Stored::new(round_id, config_version, &config_json),
            "round settings",
        )?;

        let mut questions = Vec::new();
        {
            let mut stmt = tx.prepare(
                "SELECT idx, question_id, text, principle, story_id FROM round_questions
                 WHERE round_id = ?1 ORDER BY idx",
            )?;
            let mut rows = stmt.query([round_id])?;
            while let Some(row) = rows.next()? {
                if row.get::<_, usize>(0)? != questions.len() {
                    return Err(corrupt(round_id, "question numbers have a gap"));
                }
                questions.push(RoundQuestion {
                    id: row.get(1)?,
                    text: row.get(2)?,
                    principle: parse_principle(round_id, &row.get::<_, String>(3)?)?,
                    story_id: row.get(4)?,
                });
            }
        }

        let mut words: HashMap<i64, Vec<TimedWord>> = HashMap::new();
        {
            let mut stmt = tx.prepare(
                "SELECT w.turn_id, w.word, w.start_s, w.end_s FROM transcript_words w
                 JOIN turns t ON t.id = w.turn_id WHERE t.round_id = ?1 ORDER BY w.turn_id, w.idx",
            )?;
            let mut rows = stmt.query([round_id])?;
            while let Some(row) = rows.next()? {
                words.entry(row.get(0)?).or_default().push(TimedWord {
                    word: row.get(1)?,
                    start: row.get(2)?,
                    end: row.get(3)?,
                });
            }
        }

        let mut turns = Vec::new();
        let mut stmt = tx.prepare(
            "SELECT t.id, t.seq, t.question_idx, t.depth, t.attempt, t.prompt, t.followup_json, t.skipped,
                    t.self_rating, t.at_ms, tr.text, tr.timeline_json, a.analysis_json,
                    r.path, r.duration_s, r.sample_rate,
                    t.followup_version, tr.timeline_version, a.analysis_version
             FROM turns t
             LEFT JOIN transcripts tr ON tr.turn_id = t.id
             LEFT JOIN analyses a ON a.turn_id = t.id
             LEFT JOIN recordings r ON r.turn_id = t.id
             WHERE t.round_id = ?1 ORDER BY t.seq",
        )?;
        let mut rows = stmt.query([round_id])?;
        while let Some(row) = rows.next()? {
            let turn_id: i64 = row.get(0)?;
            if row.get::<_, usize>(1)? != turns.len() {
                return Err(corrupt(round_id, "turn numbers have a gap"));
            }
            let followup_json: Option<String> = row.get(6)?;
            let followup: Option<FollowUp> = followup_json
                .map(|json| {
                    records::read::<FollowUpRecord, _>(
                        Stored::new(round_id, row.get(16)?, &json),
                        "follow-up",
                    )
                })
                .transpose()?;
            let skipped: bool = row.get(7)?;
            let answer = if skipped {
                None
            } else {
                let text: Option<String> = row.get(10)?;
                let analysis_json: Option<String> = row.get(12)?;
                let (Some(text), Some(analysis_json)) = (text, analysis_json) else {
                    return Err(corrupt(
                        round_id,
                        "an answer lacks its transcript or analysis",
                    ));
                };
                let timeline_json: Option<String> = row.get(11)?;
                let timeline: Option<SpeechTimeline> = timeline_json
                    .map(|json| {
                        records::read::<TimelineRecord, _>(
                            Stored::new(round_id, row.get(17)?, &json),
                            "timeline",
                        )
                    })
                    .transpose()?;
                let path: Option<String> = row.get(13)?;
                let recording = match path {
                    Some(path) => Some(Recording {
                        path,
                        duration_s: row.get(14)?,
                        sample_rate: row.get(15)?,
                    }),
                    None => None,
                };
                let analysis = records::read::<AnalysisRecord, Analysis>(
                    Stored::new(round_id, row.get(18)?, &analysis_json),
                    "analysis",
                )?;
                Some(Answer {
                    text,
                    words: words.remove(&turn_id).unwrap_or_default(),
                    timeline,
                    recording,
                    analysis,
                })
            };
            turns.push(Turn {
                question_idx: row.get(2)?,
                depth: row.get(3)?,
                attempt: row.get(4)?,
                prompt: row.get(5)?,
                followup,
                answer,
                self_rating: row.get(8)?,
                at_ms: row.get(9)?,
            });
        }
        Ok(RoundRecord {
            id: round_id,
            started_at_ms,
            ended_at_ms,
            status: parse_status(round_id, &status)?,
            config,
            questions,
            turns,
        })
    }

    /// Deletes a round with its turns, transcripts, analyses, recording
    /// files and recordings folder. Stories, settings and other rounds are
    /// untouched. The rows go first, in
    /// one transaction, so a failure part-way never leaves a round whose
    /// audio is gone.
    pub fn delete_round(&mut self, round_id: i64) -> Result<DeletedRound, StoreError> {
        let tx = self.write_transaction()?;
        round_status(&tx, round_id)?;
        let paths: Vec<String> = {
            let mut stmt = tx.prepare(
                "SELECT r.path FROM recordings r JOIN turns t ON t.id = r.turn_id WHERE t.round_id = ?1",
            )?;
            let rows = stmt.query_map([round_id], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let turns: usize = tx.query_row(
            "SELECT COUNT(*) FROM turns WHERE round_id = ?1",
            [round_id],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM rounds WHERE id = ?1", [round_id])?;
        tx.commit()?;

        let mut recordings_removed = 0;
        for path in paths.iter().filter(|p| is_inside_recordings(p)) {
            let file = self.data_dir().join(path);
            match std::fs::remove_file(&file) {
                Ok(()) => recordings_removed += 1,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(StoreError::RemoveRecording { path: file, source }),
            }
        }
        // The round's own folder goes too, with anything left in it by an
        // answer whose recording a crash interrupted before it was stored.
        let folder = self.round_recordings_dir(round_id);
        match std::fs::remove_dir_all(&folder) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(StoreError::RemoveRecording {
                    path: folder,
                    source,
                })
            }
        }
        Ok(DeletedRound {
            round_id,
            turns,
            recordings_removed,
        })
    }

    /// Where to write the recording of an answer: the path to store in
    /// [`Recording::path`] (relative to the data directory) and the file to
    /// write. Creates the round's folder.
    pub fn recording_path(
        &self,
        round_id: i64,
        question_idx: usize,
        depth: usize,
        attempt: u32,
    ) -> Result<(String, PathBuf), StoreError> {
        let dir = self.round_recordings_dir(round_id);
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::CreateDir {
            path: dir.clone(),
            source,
        })?;
        let name = format!("q{}-d{depth}-a{attempt}.wav", question_idx + 1);
        let relative = format!("{RECORDINGS_DIR}/round-{round_id}/{name}");
        Ok((relative, dir.join(name)))
    }

    /// The file of a stored recording.
    pub fn recording_file(&self, recording: &Recording) -> PathBuf {
        self.data_dir().join(&recording.path)
    }

    /// Ids of the questions answered in the `n_rounds` most recent rounds
    /// that have any answer, for planning a round without repeats.
    pub fn recent_question_ids(&self, n_rounds: usize) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT q.question_id FROM round_questions q
             WHERE q.round_id IN (
                 SELECT r.id FROM rounds r
                 WHERE EXISTS (SELECT 1 FROM turns t WHERE t.round_id = r.id)
                 ORDER BY r.started_at_ms DESC, r.id DESC LIMIT ?1)
               AND EXISTS (SELECT 1 FROM turns t
                           WHERE t.round_id = q.round_id AND t.question_idx = q.idx AND t.depth = 0)
             ORDER BY q.question_id",
        )?;
        let ids = stmt
            .query_map([n_rounds], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// The questions a new round should avoid: those answered in the last
    /// [`AVOID_RECENT_ROUNDS_SETTING`] rounds (default
    /// [`DEFAULT_AVOID_RECENT_ROUNDS`]).
    pub fn questions_to_avoid(&self) -> Result<Vec<String>, StoreError> {
        let n_rounds = match self.setting(AVOID_RECENT_ROUNDS_SETTING)? {
            Some(value) => value.trim().parse().map_err(|_| StoreError::BadSetting {
                key: AVOID_RECENT_ROUNDS_SETTING,
                value,
                expected: "a number of rounds",
            })?,
            None => DEFAULT_AVOID_RECENT_ROUNDS,
        };
        self.recent_question_ids(n_rounds)
    }

    fn round_recordings_dir(&self, round_id: i64) -> PathBuf {
        self.data_dir()
            .join(RECORDINGS_DIR)
            .join(format!("round-{round_id}"))
    }
}

/// Whether a stored recording path points into the recordings folder; the
/// store never deletes anything else, whatever a damaged row says.
fn is_inside_recordings(relative: &str) -> bool {
    let path = std::path::Path::new(relative);
    path.starts_with(RECORDINGS_DIR)
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

fn insert_turn(
    tx: &Transaction<'_>,
    round_id: i64,
    seq: usize,
    turn: &Turn,
) -> Result<(), StoreError> {
    let parent_id: Option<i64> = match turn.depth {
        0 => None,
        depth => tx
            .query_row(
                "SELECT id FROM turns WHERE round_id = ?1 AND question_idx = ?2 AND depth = ?3
                 ORDER BY seq DESC LIMIT 1",
                params![round_id, turn.question_idx, depth - 1],
                |row| row.get(0),
            )
            .optional()?,
    };
    tx.execute(
        "INSERT INTO turns (round_id, seq, question_idx, kind, depth, parent_id, attempt, prompt,
                            followup_json, followup_version, skipped, self_rating, at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            round_id,
            seq,
            turn.question_idx,
            turn.kind().slug(),
            turn.depth,
            parent_id,
            turn.attempt,
            turn.prompt,
            turn.followup
                .as_ref()
                .map(records::write::<FollowUpRecord, _>),
            RECORD_VERSION,
            turn.answer.is_none(),
            turn.self_rating,
            turn.at_ms,
        ],
    )?;
    if let Some(answer) = &turn.answer {
        insert_answer(tx, tx.last_insert_rowid(), answer)?;
    }
    Ok(())
}

fn insert_answer(tx: &Transaction<'_>, turn_id: i64, answer: &Answer) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO transcripts (turn_id, text, timeline_json, timeline_version) VALUES (?1, ?2, ?3, ?4)",
        params![
            turn_id,
            answer.text,
            answer.timeline.as_ref().map(records::write::<TimelineRecord, _>),
            RECORD_VERSION
        ],
    )?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO transcript_words (turn_id, idx, word, start_s, end_s) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (idx, word) in answer.words.iter().enumerate() {
            insert.execute(params![turn_id, idx, word.word, word.start, word.end])?;
        }
    }
    let a = &answer.analysis;
    tx.execute(
        "INSERT INTO analyses (turn_id, analysis_json, analysis_version, score, filler_total, fillers_per_min,
                               star_situation, star_task, star_action, star_result, result_quantified, i_count,
                               we_count, word_count, words_per_min, duration_s)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            turn_id,
            records::write::<AnalysisRecord, _>(a),
            RECORD_VERSION,
            a.score.value,
            a.fillers.total,
            a.fillers.per_minute,
            a.star.situation.present,
            a.star.task.present,
            a.star.action.present,
            a.star.result.present,
            a.result_quantified,
            a.first_person.i,
            a.first_person.we,
            a.specificity.word_count,
            a.specificity.words_per_minute,
            a.specificity.duration_s,
        ],
    )?;
    if let Some(rec) = &answer.recording {
        tx.execute(
            "INSERT INTO recordings (turn_id, path, duration_s, sample_rate) VALUES (?1, ?2, ?3, ?4)",
            params![turn_id, rec.path, rec.duration_s, rec.sample_rate],
        )?;
    }
    Ok(())
}

fn round_status(tx: &Transaction<'_>, round_id: i64) -> Result<RoundStatus, StoreError> {
    let slug: String = tx
        .query_row("SELECT status FROM rounds WHERE id = ?1", [round_id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(StoreError::RoundNotFound(round_id))?;
    parse_status(round_id, &slug)
}

pub(crate) fn corrupt(round_id: i64, detail: &str) -> StoreError {
    StoreError::Corrupt {
        round_id,
        detail: detail.to_string(),
    }
}

pub(crate) fn parse_principle(round_id: i64, slug: &str) -> Result<Principle, StoreError> {
    Principle::parse(slug).ok_or_else(|| corrupt(round_id, &format!("unknown principle {slug:?}")))
}

fn parse_status(round_id: i64, slug: &str) -> Result<RoundStatus, StoreError> {
    RoundStatus::from_slug(slug)
        .ok_or_else(|| corrupt(round_id, &format!("unknown status {slug:?}")))
}

fn parse_mode(round_id: i64, slug: &str) -> Result<Mode, StoreError> {
    [Mode::Practice, Mode::Loop]
        .into_iter()
        .find(|m| m.slug() == slug)
        .ok_or_else(|| corrupt(round_id, &format!("unknown mode {slug:?}")))
}
