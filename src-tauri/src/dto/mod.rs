//! The types that cross the IPC boundary, as the UI's bindings see them.
//!
//! Architecture boundary: this module (and the commands) derive
//! `specta::Type`, and each DTO is built from its core type through a `From`
//! impl that turns counts into `u32`. The one exception: br-core's opt-in
//! `specta` feature derives the type of the rule ids (`RuleId`, sixty
//! variants), the STAR part names and the checklist items, which cross as
//! they are, so the union the UI sees can never drift from the core's enum.

pub mod analysis;
pub mod catalog;
#[cfg(test)]
mod checklist;
pub mod models;
pub mod round;
pub mod settings;
pub mod summary;

use serde::{Deserialize, Serialize};

/// A database id (round, story). SQLite ids are `i64`, which specta refuses
/// to export as a TypeScript `number` in general; ids stay far below 2^53,
/// so this one type opts them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
#[specta(transparent)]
pub struct Id(#[specta(type = specta_typescript::Number)] pub i64);
