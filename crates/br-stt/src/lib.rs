//! Local speech-to-text with whisper.cpp (whisper-rs): model loading,
//! verbatim decoding, word timings and live chunked transcription.
//!
//! The engine takes mono 16 kHz audio from `br-audio` and returns timed
//! transcripts; [`SpokenAnswer`] adds the voice-activity timeline and the
//! hesitation marks and is what the analysis (`br_core::analyze`) is fed.
//!
//! API boundary: whisper-rs types never leave this crate, and no model file
//! reaches whisper.cpp before `model::check_model` has walked it.

mod answer;
mod engine;
mod error;
mod live;
mod model;

pub use answer::{hesitations, snap_to_pauses, transcribe_file, Hesitation, SpokenAnswer};
pub use engine::{Decoder, EngineConfig, Segment, SttEngine, Transcript, VERBATIM_PROMPT};
pub use error::{ErrorKind, SttError};
pub use live::{transcribe_chunked, ChunkConfig, FinishedAnswer, LiveProgress, LiveTranscriber};
pub use model::{check_model, ModelInfo};
