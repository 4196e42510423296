//! One module per command; each has an `Args` (clap) and a `run`.

pub mod analyze;
pub mod answer;
pub mod bench;
pub mod common;
pub mod devices;
pub mod eval;
pub mod eval_audio;
pub mod export;
pub mod history;
pub mod models;
pub mod practice;
pub mod progress;
pub mod questions;
pub mod record;
pub mod rounds;
pub mod speech;
pub mod stories;
pub mod transcribe;
