//! Wire types of the Settings screen and the microphone picker.

use crate::dto::models::ModelStatus;
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SettingsView {
    pub data_dir: String,
    pub recordings_dir: String,
    pub exports_dir: String,
    /// The chosen input device; null means the system default.
    pub microphone: Option<String>,
    pub model: ModelStatus,
    /// A round left open (by a crash or by starting another), to resume or close.
    pub open_round: Option<crate::dto::round::RoundListItem>,
    pub interviewer: InterviewerView,
}

/// How the interviewer behaves.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct InterviewerView {
    /// Answers end by themselves after `silence_s` of silence following
    /// speech; the next prompt is asked and recording starts again.
    pub hands_free: bool,
    pub silence_s: f64,
    /// The range the silence may be set to.
    pub min_silence_s: f64,
    pub max_silence_s: f64,
    /// Prompts are read aloud, with this voice (null: the system's default)
    /// at this speed relative to normal.
    pub speaks: bool,
    pub voice_id: Option<String>,
    pub rate: f32,
    pub min_rate: f32,
    pub max_rate: f32,
}

impl From<crate::interviewer::Interviewer> for InterviewerView {
    fn from(interviewer: crate::interviewer::Interviewer) -> Self {
        InterviewerView {
            hands_free: interviewer.hands_free,
            silence_s: interviewer.auto_stop.silence_s(),
            min_silence_s: br_session::AutoStop::MIN_SILENCE_S,
            max_silence_s: br_session::AutoStop::MAX_SILENCE_S,
            speaks: interviewer.speaks,
            voice_id: interviewer.speech.voice_id,
            rate: interviewer.speech.rate,
            min_rate: br_voice::Speech::MIN_RATE,
            max_rate: br_voice::Speech::MAX_RATE,
        }
    }
}

/// What the candidate sets about the interviewer.
#[derive(Debug, Clone, PartialEq, Deserialize, Type)]
pub struct InterviewerChoice {
    pub hands_free: bool,
    pub silence_s: f64,
    pub speaks: bool,
    pub voice_id: Option<String>,
    pub rate: f32,
}

impl From<InterviewerChoice> for crate::interviewer::Choice {
    fn from(choice: InterviewerChoice) -> Self {
        crate::interviewer::Choice {
            hands_free: choice.hands_free,
            silence_s: choice.silence_s,
            speaks: choice.speaks,
            voice_id: choice.voice_id,
            rate: choice.rate,
        }
    }
}

/// A system voice the interviewer can speak with.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct VoiceOption {
    pub id: String,
    pub name: String,
    pub language: String,
}

impl From<&br_voice::VoiceInfo> for VoiceOption {
    fn from(voice: &br_voice::VoiceInfo) -> Self {
        VoiceOption {
            id: voice.id.clone(),
            name: voice.name.clone(),
            language: voice.language.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Microphone {
    pub name: String,
    pub is_default: bool,
    /// "2 ch, 48000 Hz, F32", when the device reports a format.
    pub format: Option<String>,
}

impl From<&br_audio::InputDevice> for Microphone {
    fn from(d: &br_audio::InputDevice) -> Self {
        Microphone {
            name: d.name.clone(),
            is_default: d.is_default,
            format: d.default_format.clone(),
        }
    }
}

/// A live level for the meters, streamed while recording or testing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Type)]
pub struct Level {
    /// RMS of the latest audio, 0..1 linear.
    pub rms: f32,
    pub peak: f32,
    pub elapsed_s: f64,
}

impl From<br_audio::Level> for Level {
    fn from(l: br_audio::Level) -> Self {
        Level {
            rms: l.rms,
            peak: l.peak,
            elapsed_s: l.elapsed_s,
        }
    }
}

/// What the "say something" test heard.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct MicTest {
    pub device: String,
    /// Loudest peak during the test, 0..1.
    pub peak: f32,
    /// Whether anything louder than room noise was heard.
    pub heard_voice: bool,
}
