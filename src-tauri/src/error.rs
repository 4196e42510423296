//! The one error type every command returns, serialized as `{kind, message}`.
//!
//! `kind` is for the UI to decide what to offer (a download button for a
//! missing model, the microphone picker for a lost device); `message` is the
//! adapter crate's own text, which already says what happened and what to do.
//! Keeping the kinds few and user-facing, rather than mirroring every
//! adapter's variants, is deliberate: the UI reacts to situations, not to
//! crate internals.

use serde::Serialize;
use specta::Type;

/// What kind of trouble a command ran into, as the UI reacts to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No input device, or the chosen one is gone or refuses to record.
    Microphone,
    /// No Whisper model installed or chosen, or the file is not a model.
    ModelMissing,
    /// The model loaded but transcription failed.
    Transcription,
    /// A model download failed (network, checksum, cancelled).
    Download,
    /// The disk is full or not writable.
    Disk,
    /// The database could not be read or written.
    Storage,
    /// The thing asked for does not exist (a deleted round, say).
    NotFound,
    /// The request does not fit the current state (answering a finished
    /// round, starting a second recording).
    InvalidState,
    /// The request itself is malformed (an unknown principle, a bad rating).
    InvalidInput,
    /// The interviewer's voice: no speech service, or the chosen voice is gone.
    Voice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
}

impl CommandError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CommandError {
        CommandError {
            kind,
            message: message.into(),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;

/// An I/O failure in the user's terms: a full disk is its own kind because
/// the fix (free space) differs from every other.
pub fn io_error(context: &str, err: &std::io::Error) -> CommandError {
    let disk_full = err.raw_os_error() == Some(28) || err.kind() == std::io::ErrorKind::StorageFull;
    if disk_full {
        CommandError::new(
            ErrorKind::Disk,
            format!("{context}: the disk is full; free some space and try again"),
        )
    } else {
        CommandError::new(ErrorKind::Disk, format!("{context}: {err}"))
    }
}

impl From<br_session::SessionError> for CommandError {
    fn from(err: br_session::SessionError) -> Self {
        let kind = match err {
            br_session::SessionError::InvalidRating(_)
            | br_session::SessionError::NoSuchQuestion(_)
            | br_session::SessionError::NothingHeard => ErrorKind::InvalidInput,
            _ => ErrorKind::InvalidState,
        };
        CommandError::new(kind, err.to_string())
    }
}

impl From<br_app::AppError> for CommandError {
    fn from(err: br_app::AppError) -> Self {
        use br_app::AppError as E;
        match err {
            E::Store(err) => err.into(),
            E::Session(err) => err.into(),
            E::Plan(err) => err.into(),
            _ => CommandError::new(ErrorKind::InvalidState, err.to_string()),
        }
    }
}

impl From<br_session::PlanError> for CommandError {
    fn from(err: br_session::PlanError) -> Self {
        CommandError::new(ErrorKind::InvalidInput, err.to_string())
    }
}

impl From<br_store::StoreError> for CommandError {
    fn from(err: br_store::StoreError) -> Self {
        use br_store::StoreError as E;
        match &err {
            E::RoundNotFound(_) | E::StoryNotFound(_) => {
                CommandError::new(ErrorKind::NotFound, err.to_string())
            }
            E::DuplicateStory(_) => CommandError::new(ErrorKind::InvalidInput, err.to_string()),
            E::CreateDir { source, .. } | E::RemoveRecording { source, .. } => {
                io_error(&err.to_string(), source)
            }
            _ => CommandError::new(ErrorKind::Storage, err.to_string()),
        }
    }
}

impl From<br_models::Error> for CommandError {
    fn from(err: br_models::Error) -> Self {
        use br_models::Error as E;
        let kind = match &err {
            E::NoModelInstalled => {
                return CommandError::new(
                    ErrorKind::ModelMissing,
                    "no Whisper speech model is installed yet",
                )
            }
            E::ChosenModelMissing { .. } | E::BadModelEnv { .. } | E::NotAModel { .. } => {
                ErrorKind::ModelMissing
            }
            E::DiskFull { .. } => ErrorKind::Disk,
            E::UnknownModel { .. }
            | E::InvalidName { .. }
            | E::NameTaken { .. }
            | E::OwnFileUnderName { .. } => ErrorKind::InvalidInput,
            E::NotInstalled { .. } => ErrorKind::NotFound,
            E::Io { .. } | E::Settings { .. } | E::NoDataDir => ErrorKind::Disk,
            _ => ErrorKind::Download,
        };
        CommandError::new(kind, err.to_string())
    }
}

impl From<br_audio::AudioError> for CommandError {
    fn from(err: br_audio::AudioError) -> Self {
        use br_audio::ErrorKind as K;
        let kind = match err.kind() {
            K::Io => ErrorKind::Disk,
            K::NotWav | K::UnsupportedWav => ErrorKind::InvalidInput,
            _ => ErrorKind::Microphone,
        };
        CommandError::new(kind, err.to_string())
    }
}

impl From<br_voice::VoiceError> for CommandError {
    fn from(err: br_voice::VoiceError) -> Self {
        CommandError::new(ErrorKind::Voice, err.to_string())
    }
}
