//! The types that cross the IPC boundary, as the UI's bindings see them.
//!
//! Architecture boundary: only this module (and the commands) derive
//! `specta::Type`; the core crates stay free of specta, and each DTO is built
//! from its core type through a `From` impl.

pub mod catalog;
