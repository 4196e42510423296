//! What a use case can run into; each message says what to do.

use thiserror::Error;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] br_store::StoreError),
    #[error(transparent)]
    Session(#[from] br_session::SessionError),
    #[error(transparent)]
    Plan(#[from] br_session::PlanError),
    #[error("no round is in progress; start a round first")]
    NoRound,
    #[error("round {round_id} is {status}; only open rounds can be resumed")]
    NotOpen { round_id: i64, status: &'static str },
    #[error("rate your last answer (or skip rating) before answering the next question")]
    AwaitingRating,
    #[error(
        "the round moved on while the answer was being recorded (another window or command \
         changed it); the recording is kept but not counted, answer the question shown now"
    )]
    RoundMovedOn,
}
