//! Integration tests of br-models, one binary (one link of reqwest):
//!
//! - `download`: resumable verified downloads against a local HTTP server
//!   that cuts, stalls and 404s on request; the shared test model is the
//!   payload.
//! - `catalogue`: adding user models, ranking installed models, removing
//!   them, and resolving which model a command loads.
//! - `support`: the test server and file helpers.

mod catalogue;
mod download;
mod support;
