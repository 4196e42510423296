//! Shared helpers for the cross-crate tests: where the shared fixtures live.
