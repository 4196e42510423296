//! The schema, as an append-only list of migrations. The database's
//! `user_version` is the number of migrations applied; never edit a step
//! that has shipped, add a new one.
//!
//! The numbers trends need (score, fillers, STAR flags, pace, ...) are
//! columns of `analyses`, so progress queries never parse the JSON blob,
//! which is kept whole for replay and reports.

use rusqlite_migration::{Migrations, M};

/// Version 1: rounds, their questions and turns, with each answer's
/// recording, transcript (words with times), analysis; and settings.
const V1_CORE: &str = r#"
CREATE TABLE rounds (
    -- AUTOINCREMENT: a deleted round's id (and recordings folder name) is
    -- never given to a new round.
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at_ms INTEGER NOT NULL,
    ended_at_ms INTEGER,
    status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'ended_early', 'abandoned')),
    role TEXT NOT NULL,
    mode TEXT NOT NULL,
    config_json TEXT NOT NULL
) STRICT;

CREATE TABLE round_questions (
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    text TEXT NOT NULL,
    principle TEXT NOT NULL,
    PRIMARY KEY (round_id, idx)
) STRICT;

CREATE TABLE turns (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    question_idx INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('main', 'follow_up')),
    depth INTEGER NOT NULL CHECK (depth BETWEEN 0 AND 5),
    parent_id INTEGER REFERENCES turns (id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    prompt TEXT NOT NULL,
    followup_json TEXT,
    skipped INTEGER NOT NULL CHECK (skipped IN (0, 1)),
    self_rating INTEGER CHECK (self_rating BETWEEN 1 AND 4),
    at_ms INTEGER NOT NULL,
    UNIQUE (round_id, seq),
    FOREIGN KEY (round_id, question_idx) REFERENCES round_questions (round_id, idx) ON DELETE CASCADE
) STRICT;

CREATE TABLE recordings (
    turn_id INTEGER PRIMARY KEY REFERENCES turns (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    duration_s REAL NOT NULL,
    sample_rate INTEGER NOT NULL
) STRICT;

CREATE TABLE transcripts (
    turn_id INTEGER PRIMARY KEY REFERENCES turns (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    timeline_json TEXT
) STRICT;

CREATE TABLE transcript_words (
    turn_id INTEGER NOT NULL REFERENCES transcripts (turn_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    word TEXT NOT NULL,
    start_s REAL NOT NULL,
    end_s REAL NOT NULL,
    PRIMARY KEY (turn_id, idx)
) STRICT;

CREATE TABLE analyses (
    turn_id INTEGER PRIMARY KEY REFERENCES turns (id) ON DELETE CASCADE,
    analysis_json TEXT NOT NULL,
    score INTEGER NOT NULL,
    filler_total INTEGER NOT NULL,
    fillers_per_min REAL,
    star_situation INTEGER NOT NULL,
    star_task INTEGER NOT NULL,
    star_action INTEGER NOT NULL,
    star_result INTEGER NOT NULL,
    result_quantified INTEGER NOT NULL,
    i_count INTEGER NOT NULL,
    we_count INTEGER NOT NULL,
    word_count INTEGER NOT NULL,
    words_per_min REAL,
    duration_s REAL
) STRICT;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
"#;

/// Version 2: the story bank, a story per asked question, the view of the
/// turns that count (the latest attempt at each prompt), and indexes for the
/// history and progress queries.
const V2_STORIES: &str = r#"
CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    notes TEXT NOT NULL DEFAULT '',
    created_at_ms INTEGER NOT NULL
) STRICT;

ALTER TABLE round_questions ADD COLUMN story_id INTEGER REFERENCES stories (id) ON DELETE SET NULL;

CREATE INDEX round_questions_story ON round_questions (story_id);
CREATE INDEX rounds_started ON rounds (started_at_ms);
CREATE INDEX turns_prompt ON turns (round_id, question_idx, depth, seq);
CREATE INDEX turns_parent ON turns (parent_id);

CREATE VIEW effective_turns AS
SELECT t.* FROM turns t
WHERE NOT EXISTS (
    SELECT 1 FROM turns later
    WHERE later.round_id = t.round_id
      AND later.question_idx = t.question_idx
      AND later.depth = t.depth
      AND later.seq > t.seq
);
"#;

/// Version 3: the record version of every JSON column (see `records.rs`).
/// Rows written before have version 1, whose JSON is the domain types' own
/// as they were then.
const V3_RECORD_VERSIONS: &str = r#"
ALTER TABLE rounds ADD COLUMN config_version INTEGER NOT NULL DEFAULT 1 CHECK (config_version >= 1);
ALTER TABLE turns ADD COLUMN followup_version INTEGER NOT NULL DEFAULT 1 CHECK (followup_version >= 1);
ALTER TABLE transcripts ADD COLUMN timeline_version INTEGER NOT NULL DEFAULT 1 CHECK (timeline_version >= 1);
ALTER TABLE analyses ADD COLUMN analysis_version INTEGER NOT NULL DEFAULT 1 CHECK (analysis_version >= 1);
"#;

/// Every migration, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1_CORE),
        M::up(V2_STORIES),
        M::up(V3_RECORD_VERSIONS),
    ])
}

/// The schema version this build writes: the number of migrations.
pub const SCHEMA_VERSION: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_counted() {
        assert!(migrations().validate().is_ok());
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version: usize = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }
}
