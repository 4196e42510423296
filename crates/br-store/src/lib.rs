//! SQLite storage of Bar Raiser: rounds, their questions and turns, each
//! answer's recording, transcript and analysis, the story bank and settings.
//!
//! One database file (`barraiser.sqlite3`) lives in the data directory, with
//! the WAV recordings in `recordings/` beside it; recordings are referenced
//! by paths relative to the data directory, so the folder can be moved.
//!
//! Guarantees the app and CLI rely on:
//! - the schema is versioned ([`migrations`]); an older database is upgraded
//!   on open, one from a newer build is refused with [`StoreError::SchemaTooNew`];
//! - the domain types kept as JSON (analysis, follow-up, timeline, round
//!   settings) are written as versioned records the store owns, so a round
//!   stored by an earlier build reads back after those types change;
//! - WAL journal, `foreign_keys` on and a busy timeout, so a reader (the CLI)
//!   and a writer (the app) can use the database at the same time;
//! - every change of more than one row is one transaction, and each turn is
//!   written the moment it is answered, so a crash loses at most the answer
//!   being recorded and leaves the round `open` (resumable or closeable);
//! - deleting a round removes its recordings and nothing else.

mod error;
pub mod migrations;
mod paths;
mod records;
mod rounds;
mod stats;
mod store;
mod stories;

pub use error::StoreError;
pub use paths::{resolve_data_dir, DATA_DIR_ENV};
pub use rounds::{
    DeletedRound, RoundListing, AVOID_RECENT_ROUNDS_SETTING, DEFAULT_AVOID_RECENT_ROUNDS,
};
pub use store::{Store, DB_FILE, RECORDINGS_DIR};
