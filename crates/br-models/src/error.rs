//! The one error type of the model manager.
//!
//! Every variant's message is written for the person at the keyboard: it says
//! what went wrong and what to do next, because the CLI and the app show it
//! as is. Callers that need to react (offer a retry, offer another model)
//! match on the variant instead of parsing the text.

use crate::header::HeaderError;
use std::path::PathBuf;

/// A boxed error from a lower layer (HTTP client, TOML parser), kept as the
/// `source` so the chain is not lost.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("the model manifest {origin} is invalid: {message}")]
    Manifest { origin: String, message: String },

    #[error(
        "unknown model \"{name}\"; `barraiser models list` shows the models that can be \
         downloaded"
    )]
    UnknownModel { name: String },

    #[error("BARRAISER_MODEL_MIRROR is not usable: {message}")]
    BadMirror { message: String },

    #[error(
        "cannot reach {url}; check the network connection, set HTTPS_PROXY if you are behind \
         a proxy, or set BARRAISER_MODEL_MIRROR to a mirror that serves the same files"
    )]
    Network {
        url: String,
        #[source]
        source: BoxError,
    },

    #[error(
        "{url} does not exist (HTTP 404); the file may have moved: check the manifest or \
         BARRAISER_MODEL_MIRROR"
    )]
    NotFound { url: String },

    #[error("{url} answered HTTP {status}; try again later or set BARRAISER_MODEL_MIRROR")]
    HttpStatus { url: String, status: u16 },

    #[error(
        "{url} serves {actual} bytes but the manifest expects {expected}; the published file \
         changed: update Bar Raiser, or set BARRAISER_MODEL_MIRROR to a source with the \
         expected file"
    )]
    UnexpectedLength {
        url: String,
        expected: u64,
        actual: u64,
    },

    #[error(
        "{url} answered with another byte range than the one asked for; the unfinished \
         download was deleted, run the same command again to start over"
    )]
    BadRange { url: String },

    #[error(
        "the download from {url} stalled: no data for {seconds} s; run the same command again \
         to resume where it stopped"
    )]
    Stalled { url: String, seconds: u64 },

    #[error(
        "the connection to {url} closed after {received} of {expected} bytes; run the same \
         command again to resume where it stopped"
    )]
    Interrupted {
        url: String,
        received: u64,
        expected: u64,
    },

    #[error(
        "the disk holding {} is full; free at least {} MB and run the same command again \
         to resume",
        path.display(),
        needed_bytes.div_ceil(1_000_000)
    )]
    DiskFull { path: PathBuf, needed_bytes: u64 },

    #[error("cannot {action} {}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "{} is {actual} bytes but the manifest says {expected}; it was deleted, download it \
         again",
        path.display()
    )]
    SizeMismatch {
        path: PathBuf,
        expected: u64,
        actual: u64,
    },

    #[error(
        "{algorithm} checksum mismatch for {}: expected {expected}, got {actual}; the file was \
         corrupted on the way and was deleted, download it again",
        path.display()
    )]
    ChecksumMismatch {
        path: PathBuf,
        algorithm: &'static str,
        expected: String,
        actual: String,
    },

    #[error("the download was cancelled; run it again to resume where it stopped")]
    Cancelled,

    #[error(
        "{name} is already being downloaded by another Bar Raiser (the app or `barraiser`); \
         wait for it to finish, or stop it and try again"
    )]
    DownloadInProgress { name: String },

    // The reason is part of the message (not a `source`), so printing the
    // error chain does not say it twice.
    #[error("{} is not a Whisper model in ggml format: {reason}", path.display())]
    NotAModel { path: PathBuf, reason: HeaderError },

    #[error(
        "invalid model name \"{name}\"; use letters, digits, '.', '-' and '_' (at most 64), \
         e.g. --name my-small.en"
    )]
    InvalidName { name: String },

    #[error(
        "a model named \"{name}\" already exists; remove it first (`barraiser models remove \
         {name}`) or pick another with --name"
    )]
    NameTaken { name: String },

    #[error(
        "your own model file is installed as \"{name}\"; remove it first (`barraiser models \
         remove {name}`) to download the published {name}"
    )]
    OwnFileUnderName { name: String },

    #[error("no model named \"{name}\" is installed; `barraiser models list` shows what is")]
    NotInstalled { name: String },

    #[error("{}", crate::no_model_hint())]
    NoModelInstalled,

    #[error(
        "the chosen model \"{name}\" is not installed; download it (`barraiser models download \
         {name}`) or choose another (`barraiser models use NAME`)"
    )]
    ChosenModelMissing { name: String },

    #[error(
        "BARRAISER_MODEL is \"{value}\", which is neither a model file nor an installed model; \
         set it to a file path or a name from `barraiser models list`"
    )]
    BadModelEnv { value: String },

    #[error("the settings file {} is damaged ({message}); delete it to start over", path.display())]
    Settings { path: PathBuf, message: String },

    #[error("cannot find a home directory to keep models in; set BARRAISER_DATA_DIR to a folder")]
    NoDataDir,
}

impl Error {
    /// Whether another download source might succeed where this one failed:
    /// the network, the server or its copy of the file was the problem, not
    /// the local disk or the user.
    pub fn is_source_failure(&self) -> bool {
        matches!(
            self,
            Error::Network { .. }
                | Error::NotFound { .. }
                | Error::HttpStatus { .. }
                | Error::Stalled { .. }
                | Error::Interrupted { .. }
                | Error::UnexpectedLength { .. }
                | Error::BadRange { .. }
                | Error::SizeMismatch { .. }
                | Error::ChecksumMismatch { .. }
        )
    }
}
