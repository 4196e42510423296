//! The Whisper model manager: manifest, resumable verified downloads,
//! user-supplied models and the installed-model catalogue.
//!
//! Bar Raiser cannot transcribe without a whisper.cpp model, and a new user
//! should get one in their first minute without a terminal. This crate owns
//! everything about those files and nothing about running them:
//!
//! - `manifest`: the published models (`models/manifest.toml`, compiled in),
//!   with sizes and checksums.
//! - `download`: resumable (`.part` + HTTP `Range`), verified, cancellable
//!   downloads with progress events, honouring system proxies and trust
//!   stores, with an optional mirror.
//! - `header`: the ggml header check that guards user-supplied files.
//! - `verify`: size and checksum checks that say which check was skipped.
//! - `catalogue`: the models folder, best-installed ranking, add/remove, and
//!   model resolution (`--model` > `BARRAISER_MODEL` > setting > best).
//! - `settings`: the chosen-model setting behind two functions.
//!
//! Invariant: a file under a model's final name is complete and verified;
//! partial bytes only ever live in `<file>.part`.
//!
//! Other crates need two calls: `resolve_model(explicit)` for the path to
//! load, and `no_model_hint()` for what to tell a user who has no model.

mod catalogue;
mod download;
mod error;
mod header;
mod manifest;
mod settings;
mod verify;

pub use catalogue::{
    data_dir, models_dir_in, resolve_model, Catalogue, InstalledModel, ModelSource, Origin,
    ResolvedModel, DATA_DIR_ENV, MODEL_ENV,
};
pub use download::{
    CancelToken, DownloadConfig, DownloadEvent, DownloadOutcome, Progress, MIRROR_ENV,
};
pub use error::{BoxError, Error};
pub use header::{parse_header, read_header, GgmlHeader, HeaderError, WeightType, GGML_MAGIC};
pub use manifest::{Manifest, ModelEntry};
pub use settings::{chosen_model, set_chosen_model};
pub use verify::{verify_file, Check, CheckKind, CheckOutcome, VerifyReport};

/// The model offered to someone who has none: accurate enough for coaching
/// and quick on any recent laptop.
pub const RECOMMENDED_MODEL: &str = "base.en";

/// What to tell a user who has no model: the exact command that gets one.
pub fn no_model_hint() -> &'static str {
    "no Whisper model is installed; download one with `barraiser models download base.en` \
     (148 MB), or add your own ggml file with `barraiser models add PATH`"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_names_the_recommended_model_and_its_size() {
        let entry = Manifest::builtin().get(RECOMMENDED_MODEL).cloned().unwrap();
        let hint = no_model_hint();
        assert!(hint.contains(&format!("barraiser models download {RECOMMENDED_MODEL}")));
        let megabytes = entry.size.div_ceil(1_000_000);
        assert!(hint.contains(&format!("({megabytes} MB)")), "{hint}");
    }
}
