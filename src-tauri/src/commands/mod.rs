//! The commands the UI invokes, one file per domain. Each is thin: it takes
//! the app handle, runs one call into a core crate or an app module on the
//! blocking pool (never the UI thread), and returns a DTO or a
//! `CommandError`.

pub mod answer;
pub mod catalog;
pub mod history;
pub mod models;
pub mod progress;
pub mod rounds;
pub mod settings;

#[cfg(test)]
pub mod names;
