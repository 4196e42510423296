//! The application layer of Bar Raiser: the use cases the CLI (`barraiser
//! practice`) and the desktop app (`src-tauri`) share, so both drive a round
//! the same way.
//!
//! [`Practice`] owns the database ([`br_store::Store`]) and the round in play
//! ([`ActiveRound`]) behind one lock: starting, answering, stepping, saving,
//! resuming, closing and deleting a round each take that lock once and store
//! the engine's new state before they let go, so there is no second lock to
//! take in the wrong order and a stored round never lags the one in play.
//! [`response`] is the one place a transcribed answer
//! ([`br_stt::SpokenAnswer`]) becomes the engine's [`br_session::Response`].
//!
//! Architecture boundary: this crate knows no Tauri and no terminal. It reads
//! the clock only in [`now_ms`]; every use case takes its time as an argument.

mod error;
mod practice;
mod response;

pub use error::AppError;
pub use practice::{ActiveRound, PendingAnswer, Practice};
pub use response::response;

/// Now, in Unix milliseconds: the one place the CLI and the app read the
/// clock for the engine and the store.
pub fn now_ms() -> i64 {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}
