//! The one error type of br-audio.
//!
//! Every message says what went wrong in the user's terms and what to do
//! about it, because the CLI and the app print it as is. `ErrorKind` lets a
//! caller match on the failure without parsing text.

use std::path::PathBuf;

/// What kind of failure an [`AudioError`] is, for callers that react to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    NoInputDevice,
    DeviceNotFound,
    UnsupportedDevice,
    DeviceLost,
    Stream,
    NotWav,
    UnsupportedWav,
    Io,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AudioError {
    #[error(
        "no microphone found: the audio system lists no input device; plug one in, \
         check that the sound server runs, or pass --device NAME (see `barraiser devices`)"
    )]
    NoInputDevice,
    #[error("no input device named {name:?}; available: {available}")]
    DeviceNotFound { name: String, available: String },
    #[error(
        "the input device {device:?} accepts none of the formats Bar Raiser can record \
         ({detail}); choose another device with --device"
    )]
    UnsupportedDevice { device: String, detail: String },
    #[error(
        "the input device {device:?} disappeared while recording ({detail}); the audio \
         captured until then was kept"
    )]
    DeviceLost { device: String, detail: String },
    #[error("could not start recording from {device:?}: {detail}")]
    Stream { device: String, detail: String },
    #[error("{}: not a WAV file ({detail}); record a new answer or convert the file to WAV", path.display())]
    NotWav { path: PathBuf, detail: String },
    #[error("{}: unsupported WAV ({detail}); convert it to 16-bit PCM, e.g. `sox IN -b 16 OUT.wav`", path.display())]
    UnsupportedWav { path: PathBuf, detail: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl AudioError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            AudioError::NoInputDevice => ErrorKind::NoInputDevice,
            AudioError::DeviceNotFound { .. } => ErrorKind::DeviceNotFound,
            AudioError::UnsupportedDevice { .. } => ErrorKind::UnsupportedDevice,
            AudioError::DeviceLost { .. } => ErrorKind::DeviceLost,
            AudioError::Stream { .. } => ErrorKind::Stream,
            AudioError::NotWav { .. } => ErrorKind::NotWav,
            AudioError::UnsupportedWav { .. } => ErrorKind::UnsupportedWav,
            AudioError::Io { .. } => ErrorKind::Io,
        }
    }

    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> AudioError {
        AudioError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
