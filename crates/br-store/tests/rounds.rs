//! Rounds in a real database in a temporary directory: stored as played and
//! read back identically, listed, resumed, closed, tagged with stories, and
//! deleted with their recordings and nothing else.

mod common;

use br_session::{story_bank, Round, RoundStatus, Stage};
use br_store::{Store, StoreError, DB_FILE};
use common::{play, start_round, step};

#[test]
fn a_played_round_reads_back_identically() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (round_id, mut round) = start_round(&mut store, 2, 3, 500);
    round.retry().unwrap_err(); // Nothing answered yet.
    step(&mut store, round_id, &mut round, 1); // A vague main answer,
    round.retry().unwrap(); // retried,
    step(&mut store, round_id, &mut round, 1); // just as vaguely,
    step(&mut store, round_id, &mut round, 1); // and rated.
    assert!(
        matches!(round.stage(), Stage::Answer { prompt } if prompt.depth == 1),
        "a vague answer is drilled"
    );
    round.skip(3_000).unwrap();
    store.sync_round(round_id, &round, 3_000).unwrap();
    play(&mut store, round_id, &mut round);

    let record = store.load_round(round_id).unwrap();
    assert_eq!(record.status, RoundStatus::Completed);
    assert_eq!(record.config, *round.config());
    assert_eq!(record.questions, round.questions());
    assert_eq!(
        record.turns,
        round.turns(),
        "every turn, attempt, word and analysis reads back equal"
    );
    assert!(record.turns.iter().any(|t| t.attempt == 2));
    assert!(
        record.turns.iter().any(|t| t.answer.is_none()),
        "a skipped follow-up is kept"
    );
    assert!(record.ended_at_ms.is_some());

    // A fresh connection sees the same, and the summary is unchanged.
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    let again = store.load_round(round_id).unwrap();
    assert_eq!(again, record);
    let resumed = Round::resume(again).unwrap();
    assert_eq!(resumed.summary(), round.summary());

    let listed = store.list_rounds().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].main_answers, 2);
    assert_eq!(listed[0].mean_self_rating, Some(3.0));
    let asked: Vec<String> = round.questions().iter().map(|q| q.text.clone()).collect();
    assert_eq!(listed[0].questions, asked, "History searches these");
    assert_eq!(
        store.answer_stats().unwrap().len(),
        resumed
            .effective_turns()
            .iter()
            .filter(|t| t.answer.is_some())
            .count()
    );
}

#[test]
fn an_interrupted_round_is_listed_open_and_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (round_id, mut round) = start_round(&mut store, 2, 5, 0);
    for step_idx in 0..4 {
        step(&mut store, round_id, &mut round, step_idx);
    }
    let stage_before = round.stage().clone();
    drop(store);

    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.list_rounds().unwrap()[0].status, RoundStatus::Open);
    let mut resumed = Round::resume(store.load_round(round_id).unwrap()).unwrap();
    assert_eq!(resumed.stage(), &stage_before);
    play(&mut store, round_id, &mut resumed);
    assert_eq!(
        store.load_round(round_id).unwrap().status,
        RoundStatus::Completed
    );
}

#[test]
fn an_open_round_can_be_closed_and_keeps_its_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (round_id, mut round) = start_round(&mut store, 3, 1, 0);
    step(&mut store, round_id, &mut round, 0);
    assert_eq!(
        store.close_round(round_id, 99).unwrap(),
        RoundStatus::Abandoned
    );
    assert_eq!(
        store.close_round(round_id, 100).unwrap(),
        RoundStatus::Abandoned,
        "closing twice is harmless"
    );
    let record = store.load_round(round_id).unwrap();
    assert_eq!(
        (record.status, record.ended_at_ms, record.turns.len()),
        (RoundStatus::Abandoned, Some(99), 1)
    );
    let resumed = Round::resume(record).unwrap();
    assert_eq!(resumed.stage(), &Stage::Finished { ended_early: true });
    assert!(matches!(
        store.close_round(12345, 0),
        Err(StoreError::RoundNotFound(12345))
    ));
}

#[test]
fn deleting_a_round_removes_its_recordings_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (keep_id, mut keep) = start_round(&mut store, 1, 1, 0);
    play(&mut store, keep_id, &mut keep);
    let (gone_id, mut gone) = start_round(&mut store, 1, 2, 10);
    play(&mut store, gone_id, &mut gone);
    let story = store.add_story("Checkout latency", "", 0).unwrap();
    store
        .set_setting("practice.recent_rounds", Some("4"))
        .unwrap();

    let recordings = |round: &Round| -> Vec<std::path::PathBuf> {
        round
            .turns()
            .iter()
            .filter_map(|t| t.answer.as_ref()?.recording.as_ref())
            .map(|r| store.recording_file(r))
            .collect()
    };
    let (kept_files, gone_files) = (recordings(&keep), recordings(&gone));
    assert!(!gone_files.is_empty() && gone_files.iter().all(|f| f.exists()));
    // An answer interrupted by a crash leaves a partial file no turn points to.
    let (_, partial) = store.recording_path(gone_id, 0, 3, 1).unwrap();
    std::fs::write(&partial, b"RIFF partial").unwrap();

    let deleted = store.delete_round(gone_id).unwrap();
    assert_eq!(
        (deleted.turns, deleted.recordings_removed),
        (gone.turns().len(), gone_files.len())
    );
    assert!(gone_files.iter().all(|f| !f.exists()));
    assert!(
        !partial.exists() && !gone_files[0].parent().unwrap().exists(),
        "the round's folder goes too"
    );
    assert!(kept_files.iter().all(|f| f.exists()));
    assert_eq!(store.load_round(keep_id).unwrap().turns, keep.turns());
    assert!(matches!(
        store.load_round(gone_id),
        Err(StoreError::RoundNotFound(_))
    ));
    assert_eq!(store.stories().unwrap(), [story]);
    assert_eq!(
        store.setting("practice.recent_rounds").unwrap().as_deref(),
        Some("4")
    );
    assert!(dir.path().join(DB_FILE).exists());
    assert!(matches!(
        store.delete_round(gone_id),
        Err(StoreError::RoundNotFound(_))
    ));
    let (next_id, _) = start_round(&mut store, 1, 3, 20);
    assert!(next_id > gone_id, "a deleted round's id is never reused");
}

#[test]
fn stories_are_tagged_covered_and_survive_their_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let checkout = store
        .add_story("Checkout latency", "p99 from 900 to 220 ms", 0)
        .unwrap();
    assert!(matches!(
        store.add_story("checkout LATENCY", "", 1),
        Err(StoreError::DuplicateStory(_))
    ));
    let (round_id, mut round) = start_round(&mut store, 2, 4, 0);
    play(&mut store, round_id, &mut round);
    round.tag_story(0, Some(checkout.id)).unwrap();
    round.tag_story(1, Some(checkout.id)).unwrap();
    store.sync_round(round_id, &round, 5).unwrap();

    let record = store.load_round(round_id).unwrap();
    assert_eq!(
        record.status,
        RoundStatus::Completed,
        "tagging keeps the status"
    );
    let summary = Round::resume(record).unwrap().summary();
    assert_eq!(
        summary.story_warnings.len(),
        1,
        "one story told for two principles in one round"
    );

    let bank = story_bank(&store.stories().unwrap(), &store.story_uses().unwrap());
    assert_eq!(bank.stories[0].principles.len(), 2);

    let renamed = store
        .update_story(checkout.id, "Checkout p99", "notes")
        .unwrap();
    assert_eq!(store.story(checkout.id).unwrap(), renamed);
    store.delete_story(checkout.id).unwrap();
    let record = store.load_round(round_id).unwrap();
    assert!(
        record.questions.iter().all(|q| q.story_id.is_none()),
        "deleting a story untags its answers"
    );
    assert!(matches!(
        store.delete_story(checkout.id),
        Err(StoreError::StoryNotFound(_))
    ));
}

#[test]
fn recent_questions_come_from_the_latest_answered_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (old_id, mut old) = start_round(&mut store, 1, 11, 0);
    play(&mut store, old_id, &mut old);
    let (new_id, mut new) = start_round(&mut store, 1, 12, 10);
    play(&mut store, new_id, &mut new);
    let (_unanswered, _) = start_round(&mut store, 1, 13, 20);

    assert_eq!(
        store.recent_question_ids(1).unwrap(),
        [new.questions()[0].id.clone()]
    );
    let mut both = vec![old.questions()[0].id.clone(), new.questions()[0].id.clone()];
    both.sort();
    both.dedup();
    assert_eq!(store.recent_question_ids(5).unwrap(), both);

    assert_eq!(
        store.questions_to_avoid().unwrap(),
        both,
        "five rounds by default"
    );
    store
        .set_setting(br_store::AVOID_RECENT_ROUNDS_SETTING, Some("1"))
        .unwrap();
    assert_eq!(
        store.questions_to_avoid().unwrap(),
        [new.questions()[0].id.clone()]
    );
    store
        .set_setting(br_store::AVOID_RECENT_ROUNDS_SETTING, Some("many"))
        .unwrap();
    let err = store.questions_to_avoid().unwrap_err();
    assert!(
        err.to_string().contains("practice.avoid_recent_rounds"),
        "{err}"
    );
}
