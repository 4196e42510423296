//! Shared fixtures of the store tests: a round played through the real
//! engine, with timed words, a voice timeline and a recording file per
//! answer, kept in step with the store after every step as the apps do.

#![allow(dead_code)] // Each test file uses its own subset.

use br_core::{Principle, QuestionBank, Role, SpeechTimeline, TimedWord};
use br_session::{
    plan_round, Mode, PrincipleChoice, Recording, Response, Round, RoundConfig, Stage,
};
use br_store::Store;

pub const ANSWERS: [&str; 4] = [
    "Um, in 2023 our checkout latency rose to 900 milliseconds and, uh, conversion fell. I owned the \
     checkout service. I profiled it, found an N+1 query and added a Redis cache, and p99 latency fell \
     to 220 milliseconds, so conversion rose by 4 percent.",
    "We kind of worked on it together and, like, it went fine in the end.",
    "I chose the cache because the pricing call was, you know, the slowest part at 600 milliseconds.",
    "I learned to set a latency budget in every design review, and I have done that since.",
];

pub fn config(n_questions: usize) -> RoundConfig {
    RoundConfig {
        role: Role::Pm,
        principles: PrincipleChoice::Chosen(vec![Principle::DiveDeep, Principle::Ownership]),
        n_questions,
        mode: Mode::Practice,
        allow_repeats: true,
    }
}

/// A new round in the store and its engine.
pub fn start_round(
    store: &mut Store,
    n_questions: usize,
    seed: u64,
    started_at_ms: i64,
) -> (i64, Round) {
    let config = config(n_questions);
    let questions = plan_round(&QuestionBank::builtin(), &config, &[], seed).unwrap();
    let round_id = store
        .create_round(&config, &questions, started_at_ms)
        .unwrap();
    (round_id, Round::new(config, questions).unwrap())
}

/// Words 0.3 s apart, as a transcriber would time them.
pub fn timed_words(text: &str) -> Vec<TimedWord> {
    text.split_whitespace()
        .enumerate()
        .map(|(idx, word)| TimedWord {
            word: word.to_string(),
            start: idx as f64 * 0.3,
            end: idx as f64 * 0.3 + 0.25,
        })
        .collect()
}

/// Takes one step of the round (answer, skip every third follow-up, or
/// rate 3) and syncs the store. Each answer gets a recording file. Returns
/// false once the round is finished.
pub fn step(store: &mut Store, round_id: i64, round: &mut Round, step_idx: usize) -> bool {
    let at_ms = 1_000 + step_idx as i64 * 1_000;
    match round.stage().clone() {
        Stage::Finished { .. } => return false,
        Stage::SelfRating { .. } => round.rate(Some(3)).unwrap(),
        Stage::Answer { prompt } if prompt.depth > 0 && step_idx % 3 == 2 => {
            round.skip(at_ms).unwrap();
        }
        Stage::Answer { prompt } => {
            let text = ANSWERS[step_idx % ANSWERS.len()];
            let (path, file) = store
                .recording_path(round_id, prompt.question_idx, prompt.depth, prompt.attempt)
                .unwrap();
            std::fs::write(&file, b"RIFF fake wave for the store tests").unwrap();
            let words = timed_words(text);
            let duration_s = words.last().map_or(0.0, |w| w.end + 0.5);
            round
                .answer(Response {
                    text: text.to_string(),
                    words,
                    timeline: Some(SpeechTimeline {
                        duration_s,
                        speech_s: duration_s * 0.8,
                        pauses: Vec::new(),
                    }),
                    recording: Some(Recording {
                        path,
                        duration_s,
                        sample_rate: 16_000,
                    }),
                    at_ms,
                })
                .unwrap();
        }
    }
    store.sync_round(round_id, round, at_ms).unwrap();
    true
}

/// Plays the whole round.
pub fn play(store: &mut Store, round_id: i64, round: &mut Round) {
    let mut step_idx = 0;
    while step(store, round_id, round, step_idx) {
        step_idx += 1;
    }
}
