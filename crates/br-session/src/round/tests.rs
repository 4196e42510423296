//! Behaviour of the round engine, played through its public methods with the
//! real analysis and follow-up tree (and, where the engine's own limit is the
//! point, a follow-up tree that never stops asking).

use super::*;
use crate::config::{Mode, PrincipleChoice};
use br_core::{FollowUpKind, Role};

const COMPLETE: &str =
    "In 2023 checkout latency on our mobile store rose to 900 milliseconds at peak \
and conversion fell. I owned the checkout service, and my goal was to get p99 latency under 300 \
milliseconds before Black Friday. I profiled the service myself, found an N+1 query in the pricing \
call, replaced it with one batched query and added a Redis cache with a five minute TTL, and I ran \
a load test at twice peak traffic before the release. As a result p99 latency fell from 900 to 220 \
milliseconds and conversion rose by 4 percent, about 2 million dollars a quarter. I learned to set \
a latency budget in every design review, and I have done that on every project since.";

const VAGUE: &str =
    "Um, so we kind of had some issues and, like, we worked on it as a team and it was fine.";

fn config(n_questions: usize) -> RoundConfig {
    RoundConfig {
        role: Role::Pm,
        principles: PrincipleChoice::Chosen(vec![Principle::DiveDeep, Principle::Ownership]),
        n_questions,
        mode: Mode::Practice,
        allow_repeats: false,
    }
}

fn questions(n: usize) -> Vec<RoundQuestion> {
    (0..n)
        .map(|idx| RoundQuestion {
            id: format!("q{idx}"),
            text: format!("Tell me about a time you went deep on a problem (question {idx})."),
            principle: if idx % 2 == 0 {
                Principle::DiveDeep
            } else {
                Principle::Ownership
            },
            story_id: None,
        })
        .collect()
}

fn response(text: &str, at_ms: i64) -> Response {
    Response {
        text: text.to_string(),
        words: Vec::new(),
        timeline: None,
        recording: None,
        at_ms,
    }
}

fn prompt(round: &Round) -> Prompt {
    match round.stage() {
        Stage::Answer { prompt } => prompt.clone(),
        other => panic!("expected a prompt, the round is at {other:?}"),
    }
}

fn always_ask(_: &[AnsweredTurn<'_>]) -> Option<FollowUp> {
    Some(FollowUp {
        kind: FollowUpKind::AskWhyDecision,
        text: "Why did you choose that?".to_string(),
        key_phrase: None,
        key_span: None,
        rule: br_core::RuleId::DrillDecision,
    })
}

/// Plays the drill-down of the current question: answers the main question
/// with `main`, declines to rate, then answers every follow-up with
/// `followup` (or skips it when `None`). Returns the depths asked.
fn drill(round: &mut Round, main: &str, followup: Option<&str>) -> Vec<usize> {
    let question_idx = prompt(round).question_idx;
    round.answer(response(main, 0)).unwrap();
    round.rate(None).unwrap();
    let mut depths = Vec::new();
    while let Stage::Answer { prompt } = round.stage() {
        if prompt.question_idx != question_idx {
            break;
        }
        depths.push(prompt.depth);
        match followup {
            Some(text) => round.answer(response(text, 0)).unwrap(),
            None => round.skip(0).unwrap(),
        };
    }
    depths
}

#[test]
fn followup_depth_stops_at_five_even_when_the_tree_keeps_asking() {
    let mut round = Round::with_policy(config(2), questions(2), always_ask).unwrap();
    assert_eq!(drill(&mut round, VAGUE, Some(VAGUE)), [1, 2, 3, 4, 5]);
    assert_eq!(
        prompt(&round).question_idx,
        1,
        "the sixth why is never asked; the next question is"
    );
    assert_eq!(drill(&mut round, VAGUE, None), [1, 2, 3, 4, 5]);
    assert_eq!(round.stage(), &Stage::Finished { ended_early: false });
    assert!(round.turns().iter().all(|t| t.depth <= MAX_DEPTH));
}

#[test]
fn followup_depth_never_exceeds_five_with_the_real_tree() {
    for (main, followup) in [
        (VAGUE, None),
        (VAGUE, Some(VAGUE)),
        (COMPLETE, Some(VAGUE)),
        ("Hmm.", None),
    ] {
        let mut round = Round::new(config(1), questions(1)).unwrap();
        let depths = drill(&mut round, main, followup);
        assert!(
            depths.len() <= MAX_DEPTH,
            "{main:?} then {followup:?} drilled {depths:?}"
        );
        assert_eq!(depths, (1..=depths.len()).collect::<Vec<_>>());
        assert_eq!(round.status(), RoundStatus::Completed);
    }
}

#[test]
fn vague_answer_is_drilled_down() {
    let mut round = Round::new(config(1), questions(1)).unwrap();
    assert!(!drill(&mut round, VAGUE, None).is_empty());
}

#[test]
fn complete_answer_ends_the_drill_down_early() {
    let mut round = Round::new(config(2), questions(2)).unwrap();
    let depths = drill(&mut round, COMPLETE, Some(COMPLETE));
    assert!(
        depths.len() < MAX_DEPTH,
        "a complete story was drilled {depths:?}"
    );
    assert_eq!(prompt(&round), main_prompt(round.questions(), 1));
}

#[test]
fn main_answer_waits_for_a_self_rating_before_follow_ups() {
    let mut round = Round::with_policy(config(1), questions(1), always_ask).unwrap();
    round.answer(response(VAGUE, 5)).unwrap();
    assert_eq!(round.stage(), &Stage::SelfRating { turn_idx: 0 });
    assert_eq!(
        round.answer(response(VAGUE, 6)).unwrap_err(),
        SessionError::WrongStage {
            waiting_for: "a self-rating",
            requested: "an answer"
        }
    );
    assert_eq!(round.rate(Some(5)), Err(SessionError::InvalidRating(5)));
    round.rate(Some(3)).unwrap();
    assert_eq!(round.turns()[0].self_rating, Some(3));
    assert_eq!(prompt(&round).depth, 1);
    assert!(
        round.rate(Some(2)).is_err(),
        "follow-ups are not self-rated"
    );
}

#[test]
fn skipping_a_follow_up_records_it_and_moves_on() {
    let mut round = Round::with_policy(config(1), questions(1), always_ask).unwrap();
    assert_eq!(round.skip(1), Err(SessionError::CannotSkipMainQuestion));
    round.answer(response(VAGUE, 1)).unwrap();
    round.rate(None).unwrap();
    let skipped = round.skip(2).unwrap();
    assert_eq!(
        (skipped.depth, skipped.answer.is_none(), skipped.at_ms),
        (1, true, 2)
    );
    assert_eq!(prompt(&round).depth, 2);
    assert_eq!(round.summary().followups_skipped, 1);
}

#[test]
fn retry_keeps_both_attempts_and_the_latest_counts() {
    let mut round = Round::with_policy(config(1), questions(1), always_ask).unwrap();
    assert_eq!(round.retry(), Err(SessionError::NothingToRetry));
    round.answer(response(VAGUE, 1)).unwrap();
    round.rate(Some(4)).unwrap();
    round.answer(response(VAGUE, 2)).unwrap();
    round.retry().unwrap();
    let again = prompt(&round);
    assert_eq!((again.depth, again.attempt), (1, 2));
    round.answer(response(COMPLETE, 3)).unwrap();

    let texts: Vec<(usize, u32, &str)> = round
        .turns()
        .iter()
        .map(|t| {
            (
                t.depth,
                t.attempt,
                t.answer.as_ref().map_or("", |a| a.text.as_str()),
            )
        })
        .collect();
    assert_eq!(texts, [(0, 1, VAGUE), (1, 1, VAGUE), (1, 2, COMPLETE)]);
    let effective: Vec<u32> = round.effective_turns().iter().map(|t| t.attempt).collect();
    assert_eq!(effective, [1, 2]);
    assert_eq!(
        prompt(&round).depth,
        2,
        "the drill-down continues after the new attempt"
    );
    assert_eq!(round.summary().retries, 1);
}

#[test]
fn retrying_a_main_answer_asks_for_a_new_rating() {
    let mut round = Round::with_policy(config(1), questions(1), always_ask).unwrap();
    round.answer(response(VAGUE, 1)).unwrap();
    round.retry().unwrap();
    assert_eq!(prompt(&round).attempt, 2);
    round.answer(response(COMPLETE, 2)).unwrap();
    assert_eq!(round.stage(), &Stage::SelfRating { turn_idx: 1 });
}

#[test]
fn ending_early_keeps_what_was_answered() {
    let mut round = Round::with_policy(config(3), questions(3), always_ask).unwrap();
    round.answer(response(VAGUE, 1)).unwrap();
    round.rate(Some(2)).unwrap();
    round.end();
    assert_eq!(round.stage(), &Stage::Finished { ended_early: true });
    assert_eq!(round.status(), RoundStatus::EndedEarly);
    assert_eq!(
        round.answer(response(VAGUE, 2)).unwrap_err(),
        SessionError::Finished
    );
    assert_eq!(round.retry(), Err(SessionError::Finished));
    assert_eq!(round.turns().len(), 1);
    assert_eq!(round.summary().main_answers, 1);
}

#[test]
fn a_resumed_round_continues_where_it_stopped() {
    let mut live = Round::with_policy(config(2), questions(2), always_ask).unwrap();
    live.answer(response(VAGUE, 1)).unwrap();
    live.rate(Some(2)).unwrap();
    live.skip(2).unwrap();
    live.answer(response(COMPLETE, 3)).unwrap();
    let record = |turns: &[Turn]| RoundRecord {
        id: 1,
        started_at_ms: 0,
        ended_at_ms: None,
        status: RoundStatus::Open,
        config: live.config().clone(),
        questions: live.questions().to_vec(),
        turns: turns.to_vec(),
    };
    for n_turns in 0..=live.turns().len() {
        let resumed =
            Round::resume_with_policy(record(&live.turns()[..n_turns]), always_ask).unwrap();
        assert_eq!(prompt(&resumed).depth, n_turns);
        assert_eq!(resumed.turns(), &live.turns()[..n_turns]);
    }
    let mut unrated = live.turns()[..1].to_vec();
    unrated[0].self_rating = None;
    let resumed = Round::resume_with_policy(record(&unrated), always_ask).unwrap();
    assert_eq!(
        resumed.stage(),
        &Stage::SelfRating { turn_idx: 0 },
        "an unrated main answer is rated first"
    );
}

#[test]
fn resuming_a_closed_round_finishes_it_and_bad_sequences_are_refused() {
    let mut live = Round::with_policy(config(2), questions(2), always_ask).unwrap();
    live.answer(response(VAGUE, 1)).unwrap();
    live.rate(None).unwrap();
    live.answer(response(VAGUE, 2)).unwrap();
    let mut record = RoundRecord {
        id: 7,
        started_at_ms: 0,
        ended_at_ms: Some(3),
        status: RoundStatus::Abandoned,
        config: live.config().clone(),
        questions: live.questions().to_vec(),
        turns: live.turns().to_vec(),
    };
    let closed = Round::resume_with_policy(record.clone(), always_ask).unwrap();
    assert_eq!(closed.stage(), &Stage::Finished { ended_early: true });

    record.status = RoundStatus::Open;
    record.turns[1].depth = 3;
    assert_eq!(
        Round::resume(record).unwrap_err(),
        SessionError::CorruptTurns {
            turn_idx: 1,
            reason: "its question, depth or attempt is out of sequence"
        }
    );
}

#[test]
fn a_silent_answer_is_refused_and_the_question_stays_open() {
    let mut round = Round::new(config(1), questions(1)).unwrap();
    for silent in ["", "   ", " ... "] {
        assert!(matches!(
            round.answer(response(silent, 1)),
            Err(SessionError::NothingHeard)
        ));
    }
    assert!(round.turns().is_empty());
    assert!(matches!(round.stage(), Stage::Answer { .. }));
    round.answer(response(VAGUE, 2)).unwrap();
    assert_eq!(round.turns().len(), 1);
}
