//! The one error type of br-stt, with messages that say what to do.

use std::path::PathBuf;

/// What kind of failure an [`SttError`] is, for callers that react to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    ModelMissing,
    NotAModel,
    ModelTruncated,
    UnsupportedCpu,
    Whisper,
    Audio,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SttError {
    #[error(
        "model file {} not found; download one with `barraiser models download tiny.en` \
         or pass --model PATH to a ggml Whisper model", path.display()
    )]
    ModelMissing { path: PathBuf },
    #[error("could not read model file {}: {source}", path.display())]
    ModelUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{} is not a whisper.cpp model ({detail}); use a ggml-*.bin Whisper model such as \
         ggml-tiny.en.bin", path.display()
    )]
    NotAModel { path: PathBuf, detail: String },
    #[error(
        "model file {} is incomplete ({detail}); the download was probably interrupted: \
         delete it and download it again", path.display()
    )]
    ModelTruncated { path: PathBuf, detail: String },
    #[error(
        "this CPU lacks {missing}, which this build of whisper.cpp needs; use a build made \
         for older CPUs (GGML_NATIVE=OFF with GGML_AVX2=OFF GGML_FMA=OFF GGML_F16C=OFF)"
    )]
    UnsupportedCpu { missing: String },
    #[error("whisper.cpp failed: {0}")]
    Whisper(String),
    #[error(transparent)]
    Audio(#[from] br_audio::AudioError),
}

impl SttError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            SttError::ModelMissing { .. } => ErrorKind::ModelMissing,
            SttError::ModelUnreadable { .. } | SttError::NotAModel { .. } => ErrorKind::NotAModel,
            SttError::ModelTruncated { .. } => ErrorKind::ModelTruncated,
            SttError::UnsupportedCpu { .. } => ErrorKind::UnsupportedCpu,
            SttError::Whisper(_) => ErrorKind::Whisper,
            SttError::Audio(_) => ErrorKind::Audio,
        }
    }
}

impl From<whisper_rs::WhisperError> for SttError {
    fn from(err: whisper_rs::WhisperError) -> Self {
        SttError::Whisper(err.to_string())
    }
}
