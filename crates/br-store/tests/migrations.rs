//! Schema migrations on real database files: from empty and from every
//! earlier version, with the data written at that version kept; and a
//! database from a newer build refused with a clear error.

mod common;

use br_core::{analyze, AnswerInput};
use br_store::migrations::{migrations, SCHEMA_VERSION};
use br_store::{Store, StoreError, DB_FILE};
use rusqlite::Connection;
use std::path::Path;

/// The schema as SQLite describes it, for comparing databases.
fn schema(path: &Path) -> Vec<(String, String, Option<String>)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Writes a round with one answered turn using version 1's tables.
fn seed_v1(conn: &Connection) {
    let config = serde_json::to_string(&common::config(1)).unwrap();
    let analysis =
        serde_json::to_string(&analyze(&AnswerInput::text("I cut costs by 12 percent."))).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO rounds VALUES (1, 1000, 2000, 'completed', 'pm', 'practice', '{config}');
         INSERT INTO round_questions VALUES (1, 0, 'v1-question', 'Tell me about a time you saved money.', 'frugality');
         INSERT INTO turns (id, round_id, seq, question_idx, kind, depth, parent_id, attempt, prompt,
                            followup_json, skipped, self_rating, at_ms)
             VALUES (1, 1, 0, 0, 'main', 0, NULL, 1, 'Tell me about a time you saved money.', NULL, 0, 3, 1500);
         INSERT INTO transcripts VALUES (1, 'I cut costs by 12 percent.', NULL);
         INSERT INTO transcript_words VALUES (1, 0, 'I', 0.0, 0.2), (1, 1, 'cut', 0.2, 0.5);
         INSERT INTO analyses VALUES (1, '{analysis}', 2, 0, NULL, 0, 0, 1, 1, 1, 1, 0, 6, NULL, NULL);
         INSERT INTO recordings VALUES (1, 'recordings/round-1/q1-d0-a1.wav', 1.5, 16000);
         INSERT INTO settings VALUES ('practice.recent_rounds', '7');"
    ))
    .unwrap();
}

/// Adds a story using version 2's tables.
fn seed_v2(conn: &Connection) {
    conn.execute_batch(
        "INSERT INTO stories (id, name, notes, created_at_ms) VALUES (1, 'Cost cuts', '', 1800);",
    )
    .unwrap();
}

#[test]
fn a_new_database_gets_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert!(store.list_rounds().unwrap().is_empty());
    drop(store);
    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
    let version: usize = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let journal: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn every_earlier_version_upgrades_to_the_latest_and_keeps_its_data() {
    let fresh = tempfile::tempdir().unwrap();
    Store::open(fresh.path()).unwrap();
    let latest_schema = schema(&fresh.path().join(DB_FILE));

    let seeds: [fn(&Connection); SCHEMA_VERSION - 1] = [seed_v1, seed_v2];
    for version in 0..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
            migrations().to_version(&mut conn, 0).unwrap();
            // Each version's data is written by that version's tables.
            for (idx, seed) in seeds[..version].iter().enumerate() {
                migrations().to_version(&mut conn, idx + 1).unwrap();
                seed(&conn);
            }
        }
        let store =
            Store::open(dir.path()).unwrap_or_else(|e| panic!("from version {version}: {e}"));
        assert_eq!(
            schema(&dir.path().join(DB_FILE)),
            latest_schema,
            "from version {version}"
        );
        if version >= 1 {
            let record = store.load_round(1).unwrap();
            assert_eq!(record.questions[0].id, "v1-question");
            assert_eq!(record.questions[0].story_id, None);
            let answer = record.turns[0].answer.as_ref().unwrap();
            assert_eq!(
                (
                    answer.words.len(),
                    answer.recording.as_ref().unwrap().sample_rate
                ),
                (2, 16_000)
            );
            assert_eq!(record.turns[0].self_rating, Some(3));
            assert_eq!(
                store.setting("practice.recent_rounds").unwrap().as_deref(),
                Some("7")
            );
            assert_eq!(store.answer_stats().unwrap().len(), 1);
            assert_eq!(store.stories().unwrap().len(), usize::from(version >= 2));
        }
    }
}

#[test]
fn a_database_from_a_newer_build_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap();
    let path = dir.path().join(DB_FILE);
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let before = schema(&path);

    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::SchemaTooNew { found, supported, .. } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION)
    );
    let message = err.to_string();
    assert!(
        message.contains("newer") || message.contains("update Bar Raiser"),
        "{message}"
    );
    assert!(message.contains("--data-dir"), "{message}");
    assert_eq!(schema(&path), before);
}
