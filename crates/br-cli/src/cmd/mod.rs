//! One module per command; each has an `Args` (clap) and a `run`.

pub mod analyze;
pub mod common;
pub mod export;
pub mod history;
pub mod models;
pub mod progress;
pub mod questions;
pub mod rounds;
pub mod stories;
