//! A transcribed answer as the engine takes it.

use br_session::{Recording, Response};
use br_stt::SpokenAnswer;

/// The engine's [`Response`] to a prompt from what the transcriber made of
/// the recording at `recording_path` (relative to the data folder).
///
/// The recording's length is the timeline's: the voice-activity detector saw
/// every sample the transcriber saw (live, the recorder feeds both; from a
/// file, `transcribe_file` reads it whole), so the speaking time, the pauses
/// and the stored duration of an answer come from one measurement, whether
/// the answer was spoken into the app, the CLI or replayed from a file.
pub fn response(spoken: SpokenAnswer, recording_path: String, at_ms: i64) -> Response {
    Response {
        text: spoken.transcript.text,
        words: spoken.transcript.words,
        recording: Some(Recording {
            path: recording_path,
            duration_s: spoken.timeline.duration_s,
            sample_rate: br_audio::SAMPLE_RATE,
        }),
        timeline: Some(spoken.timeline),
        at_ms,
    }
}
