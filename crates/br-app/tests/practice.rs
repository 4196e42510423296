//! The application layer as the CLI and the app use it: a round started,
//! answered, stepped and resumed stays equal to what is stored, an answer
//! recorded for a prompt the round has left is refused, and many commands at
//! once from many threads all finish (a deadlock fails the test instead of
//! hanging it).

use br_app::{AppError, Practice};
use br_core::{Principle, QuestionBank, Role, SpeechTimeline, TimedWord};
use br_session::{Mode, PrincipleChoice, RoundConfig, Stage};
use br_store::Store;
use br_stt::{SpokenAnswer, Transcript};
use std::sync::mpsc;
use std::time::Duration;

const ANSWER: &str = "In 2023 checkout latency rose to 900 milliseconds and conversion fell. \
I owned the checkout service and my goal was p99 under 300 milliseconds. I profiled it, \
found an N+1 query and replaced it with one batched query. As a result p99 fell to 220 \
milliseconds and conversion rose by 4 percent.";

fn config() -> RoundConfig {
    RoundConfig {
        role: Role::Pm,
        principles: PrincipleChoice::Chosen(vec![Principle::DiveDeep, Principle::Ownership]),
        n_questions: 2,
        mode: Mode::Practice,
        // Many rounds are started; the bank must not run dry.
        allow_repeats: true,
    }
}

/// What the transcriber would make of `text` spoken over `duration_s`.
fn spoken(text: &str, duration_s: f64) -> SpokenAnswer {
    let n_words = text.split_whitespace().count();
    let per_word = duration_s / n_words as f64;
    let words = text
        .split_whitespace()
        .enumerate()
        .map(|(idx, word)| TimedWord {
            word: word.to_string(),
            start: idx as f64 * per_word,
            end: (idx as f64 + 0.9) * per_word,
        })
        .collect();
    SpokenAnswer {
        transcript: Transcript {
            text: text.to_string(),
            duration_s,
            segments: Vec::new(),
            words,
        },
        timeline: SpeechTimeline {
            duration_s,
            speech_s: duration_s * 0.9,
            pauses: Vec::new(),
        },
        hesitations: Vec::new(),
    }
}

/// A practice over a new database in a temporary folder (kept as long as
/// the folder value lives).
fn new_practice() -> (tempfile::TempDir, Practice) {
    let dir = tempfile::tempdir().unwrap();
    let practice = Practice::new(Store::open(dir.path()).unwrap());
    (dir, practice)
}

#[test]
fn a_round_played_through_the_app_layer_is_stored_as_played() {
    let (_dir, practice) = new_practice();
    let bank = QuestionBank::builtin();
    let started = practice.start_round(&bank, config(), 7, 1_000).unwrap();

    let pending = practice.begin_answer().unwrap();
    assert_eq!(pending.round_id, started.id);
    assert_eq!(pending.prompt.depth, 0);
    assert!(pending.file.parent().unwrap().is_dir());
    let (turn, after) = practice
        .answer(&pending, spoken(ANSWER, 42.5), 2_000)
        .unwrap();
    let answer = turn.answer.as_ref().unwrap();
    let recording = answer.recording.as_ref().unwrap();
    // One source for the duration: the timeline of the same audio.
    assert_eq!(recording.duration_s, 42.5);
    assert_eq!(recording.path, pending.recording_path);
    assert_eq!(answer.analysis.specificity.duration_s, Some(42.5));
    assert!(matches!(after.round.stage(), Stage::SelfRating { .. }));

    let played = practice.step(3_000, |round| round.rate(Some(3))).unwrap();
    let stored = practice.with_store(|store| store.load_round(started.id).unwrap());
    assert_eq!(stored.turns, played.round.turns());

    // Put down by starting another round, then picked up again.
    let other = practice.start_round(&bank, config(), 8, 4_000).unwrap();
    assert_ne!(other.id, started.id);
    let resumed = practice.resume_round(started.id).unwrap();
    assert_eq!(resumed.round.turns(), stored.turns.as_slice());
    assert_eq!(resumed.round.stage(), played.round.stage());

    practice.close_round(started.id, 5_000).unwrap();
    assert!(practice.current().is_none());
    assert!(matches!(
        practice.resume_round(started.id),
        Err(AppError::NotOpen {
            status: "abandoned",
            ..
        })
    ));
}

#[test]
fn an_answer_to_a_prompt_the_round_has_left_is_refused() {
    let bank = QuestionBank::builtin();
    let (_dir, practice) = new_practice();
    let first = practice.start_round(&bank, config(), 7, 1_000).unwrap();
    let pending = practice.begin_answer().unwrap();
    // While the answer is recorded, another command starts a new round.
    practice.start_round(&bank, config(), 8, 2_000).unwrap();
    assert!(matches!(
        practice.answer(&pending, spoken(ANSWER, 30.0), 3_000),
        Err(AppError::RoundMovedOn)
    ));
    let stored = practice.with_store(|store| store.load_round(first.id).unwrap());
    assert!(stored.turns.is_empty(), "nothing was counted for round 1");
}

#[test]
fn an_answer_with_no_words_is_not_counted() {
    let (_dir, practice) = new_practice();
    let started = practice
        .start_round(&QuestionBank::builtin(), config(), 7, 1_000)
        .unwrap();
    let pending = practice.begin_answer().unwrap();
    let silent = spoken("", 5.0);
    assert!(matches!(
        practice.answer(&pending, silent, 2_000),
        Err(AppError::Session(br_session::SessionError::NothingHeard))
    ));
    assert_eq!(practice.begin_answer().unwrap(), pending, "still asked");
    let stored = practice.with_store(|store| store.load_round(started.id).unwrap());
    assert!(stored.turns.is_empty());
}

/// Many threads issue every kind of command at once, as the app's commands
/// do from Tauri's blocking pool. They must all finish: a deadlock between
/// the store and the round in play (the app once took those two locks in
/// opposite orders in `start_round` and `step`) fails here after the
/// timeout instead of hanging the test run. Afterwards the round in play is
/// exactly what is stored.
#[test]
fn a_story_tag_reaches_the_round_in_play_and_stored_rounds_alike() {
    let (_dir, practice) = new_practice();
    let bank = QuestionBank::builtin();
    let first = practice.start_round(&bank, config(), 1, 1_000).unwrap();
    let story = practice
        .with_store(|store| store.add_story("Checkout latency", "", 1_500))
        .unwrap();
    // A second round puts the first down; the first is tagged from storage.
    let second = practice.start_round(&bank, config(), 2, 2_000).unwrap();
    let tagged = practice
        .tag_story(first.id, 0, Some(story.id), 3_000)
        .unwrap();
    assert_eq!(tagged.questions()[0].story_id, Some(story.id));
    let stored = practice
        .with_store(|store| store.load_round(first.id))
        .unwrap();
    assert_eq!(stored.questions[0].story_id, Some(story.id));
    assert_eq!(practice.current().unwrap().id, second.id);

    // The round in play is tagged in place: the next step keeps the tag.
    practice
        .tag_story(second.id, 1, Some(story.id), 4_000)
        .unwrap();
    let current = practice.current().unwrap();
    assert_eq!(current.round.questions()[1].story_id, Some(story.id));
    let after = practice
        .step(5_000, |round| round.tag_story(0, None))
        .unwrap();
    assert_eq!(after.round.questions()[1].story_id, Some(story.id));

    // An unknown story or question changes nothing.
    assert!(practice.tag_story(first.id, 0, Some(999), 6_000).is_err());
    assert!(practice.tag_story(first.id, 99, None, 6_000).is_err());
    let stored = practice
        .with_store(|store| store.load_round(first.id))
        .unwrap();
    assert_eq!(stored.questions[0].story_id, Some(story.id));
}

#[test]
fn concurrent_commands_cannot_deadlock() {
    const THREADS: usize = 8;
    const ROUNDS_OF_COMMANDS: usize = 25;
    let (_dir, practice) = new_practice();
    let practice = std::sync::Arc::new(practice);
    let bank = std::sync::Arc::new(QuestionBank::builtin());
    let (done_tx, done_rx) = mpsc::channel();
    for thread_idx in 0..THREADS {
        let practice = practice.clone();
        let bank = bank.clone();
        let done_tx = done_tx.clone();
        std::thread::spawn(move || {
            for step_idx in 0..ROUNDS_OF_COMMANDS {
                let at_ms = (thread_idx * 1_000 + step_idx) as i64 + 1_000;
                // Whichever command fails because another thread moved the
                // round first is fine; only finishing matters here.
                match (thread_idx + step_idx) % 7 {
                    0 => {
                        let _ = practice.start_round(&bank, config(), at_ms as u64, at_ms);
                    }
                    1 => {
                        if let Ok(pending) = practice.begin_answer() {
                            let _ = practice.answer(&pending, spoken(ANSWER, 40.0), at_ms);
                        }
                    }
                    2 => {
                        let _ = practice.step(at_ms, |round| round.rate(Some(2)));
                    }
                    3 => {
                        let _ = practice.step(at_ms, |round| round.skip(at_ms).map(|_| ()));
                    }
                    4 => {
                        let listed = practice.with_store(|store| store.list_rounds());
                        if let Some(open) = listed
                            .unwrap()
                            .iter()
                            .find(|r| r.status == br_session::RoundStatus::Open)
                        {
                            let _ = practice.resume_round(open.id);
                        }
                    }
                    5 => {
                        if let Some(active) = practice.current() {
                            if step_idx % 3 == 0 {
                                let _ = practice.close_round(active.id, at_ms);
                            }
                        }
                    }
                    _ => {
                        let _ = practice.step(at_ms, |round| {
                            round.end();
                            Ok(())
                        });
                    }
                }
            }
            done_tx.send(thread_idx).unwrap();
        });
    }
    drop(done_tx);
    for _ in 0..THREADS {
        done_rx
            .recv_timeout(Duration::from_secs(120))
            .expect("every thread finishes its commands: none is stuck on a lock");
    }
    if let Some(active) = practice.current() {
        let stored = practice.with_store(|store| store.load_round(active.id).unwrap());
        assert_eq!(stored.turns, active.round.turns(), "in play == stored");
        assert_eq!(stored.status, active.round.status());
    }
    let n_rounds = practice.with_store(|store| store.list_rounds().unwrap().len());
    assert!(n_rounds >= 1);
}
