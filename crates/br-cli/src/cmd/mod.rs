//! One module per command; each has an `Args` (clap) and a `run`.

pub mod analyze;
pub mod common;
pub mod models;
pub mod questions;
