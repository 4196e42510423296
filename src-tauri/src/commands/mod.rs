//! The commands the UI invokes, one file per domain. Each is thin: it takes
//! the managed state, makes one call into a core crate or the app's
//! services, and returns a DTO or a `CommandError`.

pub mod catalog;
#[cfg(test)]
pub mod names;
