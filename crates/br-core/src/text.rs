//! Text primitives shared by every analysis: character spans and timings.
//!
//! Spans count Unicode scalar values (Rust `char`s), not bytes, because the
//! JSON contract and the UI both index the transcript by character.

use serde::{Deserialize, Serialize};

/// A half-open `[start, end)` range of characters in the answer text.
/// Serialized as a two-element array, `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl From<[usize; 2]> for Span {
    fn from([start, end]: [usize; 2]) -> Self {
        Span { start, end }
    }
}

impl From<Span> for [usize; 2] {
    fn from(span: Span) -> Self {
        [span.start, span.end]
    }
}

/// One transcribed word with its time in the recording, in seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimedWord {
    pub word: String,
    pub start: f64,
    pub end: f64,
}

/// A stretch of silence in the recording, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Pause {
    pub start: f64,
    pub end: f64,
}

/// What voice-activity detection has heard of an answer still being
/// recorded: enough to tell how long the candidate has been silent, which is
/// what ends a hands-free answer (`br_session::AutoStop`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Heard {
    /// Seconds of audio received.
    pub duration_s: f64,
    /// Seconds of it that are speech.
    pub speech_s: f64,
    /// Where the last stretch of speech ended, in seconds from the start;
    /// `None` before any speech.
    pub last_speech_end_s: Option<f64>,
}

/// What voice-activity detection over the unfiltered audio found. Pauses and
/// speaking rate come from here, not from Whisper's word times, which absorb
/// silence into words.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SpeechTimeline {
    /// Length of the whole recording.
    pub duration_s: f64,
    /// Seconds in which voice was detected.
    pub speech_s: f64,
    /// Every silence between the first and the last voiced frame.
    pub pauses: Vec<Pause>,
}
