//! A database written by an earlier build opens, upgrades and renders.
//!
//! `fixtures/rounds-schema-v2.sqlite3` was written by `barraiser practice
//! --answers` (Whisper tiny.en over the shared TTS answers) before records
//! were versioned: schema 2, the analysis, follow-ups, timelines and round
//! settings stored as the domain types' own JSON. Two rounds: a completed
//! TPM round (Dive Deep, Deliver Results) with answered and skipped
//! follow-ups, and a Loop round ended early. Never rewrite the file: it
//! stands for every database a user already has. When the domain types
//! change, this test says whether the records still convert.

use br_session::{report, Round, RoundStatus};
use br_store::{Store, DB_FILE};
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/rounds-schema-v2.sqlite3";

/// The fixture copied into a fresh data folder (opening upgrades it).
fn fixture_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE),
        dir.path().join(DB_FILE),
    )
    .unwrap();
    let store = Store::open(dir.path()).expect("the old database opens and upgrades");
    (dir, store)
}

#[test]
fn rounds_stored_by_an_earlier_build_load_and_render() {
    let (_dir, store) = fixture_store();
    let listed = store.list_rounds().unwrap();
    assert_eq!(listed.len(), 2);

    let completed = store.load_round(1).expect("round 1 is not damaged");
    assert_eq!(completed.status, RoundStatus::Completed);
    assert_eq!(completed.config.n_questions, 2);
    assert_eq!(completed.turns.len(), 8);
    let answered: Vec<_> = completed
        .turns
        .iter()
        .filter_map(|t| t.answer.as_ref())
        .collect();
    assert_eq!(answered.len(), 3);
    let first = answered[0];
    assert!(first.text.starts_with("Um, so basically"), "{}", first.text);
    assert_eq!(first.analysis.fillers.total, 7);
    assert_eq!(first.analysis.score.value, 1);
    assert!(first.timeline.as_ref().unwrap().duration_s > 10.0);
    assert!(
        completed.turns[1].followup.is_some(),
        "a follow-up was asked"
    );

    let markdown = report::markdown(&completed, &store.stories().unwrap());
    assert!(markdown.contains("# Bar Raiser round 1"), "{markdown}");
    assert!(markdown.contains("**[Um]**, **[so]** **[basically]**"));
    assert!(markdown.contains("Score 1/4"));
    assert!(markdown.contains("Follow-ups:** 1 answered, 5 skipped"));
    assert!(!markdown.contains("damaged"));
    let html = report::html(&completed, &[]);
    assert!(html.contains("Dive Deep"));

    let ended = store.load_round(2).expect("round 2 is not damaged");
    assert_eq!(ended.status, RoundStatus::EndedEarly);
    let summary = Round::resume(ended.clone()).unwrap().summary();
    assert_eq!(summary.fillers, 5);
    assert!(report::markdown(&ended, &[]).contains("Have Backbone"));
    assert_eq!(store.answer_stats().unwrap().len(), 4);
}
