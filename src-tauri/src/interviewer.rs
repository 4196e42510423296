//! How the interviewer behaves, as the candidate set it in Settings:
//! whether it reads prompts aloud (voice and speed), and hands-free answers
//! (an answer ends after a silence, the next prompt is asked and recording
//! starts again by itself). Stored as store settings; the rule that ends an
//! answer and its default are `br_session::AutoStop`, the voice is
//! `br_voice`.

use crate::error::{CommandError, CommandResult, ErrorKind};
use br_session::AutoStop;
use br_voice::{Speech, Voice, VoiceError};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

/// "on" when answers end by themselves after a silence.
const HANDS_FREE_SETTING: &str = "hands_free";
/// The silence, in seconds, that ends a hands-free answer.
const SILENCE_SETTING: &str = "hands_free_silence_s";
/// "off" when the interviewer is muted; it speaks unless told otherwise.
const VOICE_SETTING: &str = "voice";
/// The chosen system voice's id; unset for the system's default voice.
const VOICE_ID_SETTING: &str = "voice_id";
/// Speed relative to the voice's normal rate.
const VOICE_RATE_SETTING: &str = "voice_rate";

/// The interviewer's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Interviewer {
    pub hands_free: bool,
    pub auto_stop: AutoStop,
    /// Prompts are read aloud.
    pub speaks: bool,
    pub speech: Speech,
}

impl Interviewer {
    /// The rule that ends answers, when hands-free is on.
    pub fn auto_stop(&self) -> Option<AutoStop> {
        self.hands_free.then_some(self.auto_stop)
    }
}

/// The stored settings; what was never set takes its default (hands-free
/// off, the core's default silence, the system's voice at normal speed).
pub fn load(store: &br_store::Store) -> CommandResult<Interviewer> {
    let hands_free = store.setting(HANDS_FREE_SETTING)?.as_deref() == Some("on");
    // Values edited by hand into the database are not worth refusing to
    // record over: the default applies until the candidate sets them again.
    let auto_stop = match store.setting(SILENCE_SETTING)? {
        None => AutoStop::DEFAULT,
        Some(value) => value
            .parse()
            .ok()
            .and_then(AutoStop::new)
            .unwrap_or_else(|| {
                tracing::warn!(value, "ignoring the stored hands-free silence");
                AutoStop::DEFAULT
            }),
    };
    let rate = match store.setting(VOICE_RATE_SETTING)? {
        None => Speech::NORMAL_RATE,
        Some(value) => value
            .parse()
            .ok()
            .filter(|rate| (Speech::MIN_RATE..=Speech::MAX_RATE).contains(rate))
            .unwrap_or_else(|| {
                tracing::warn!(value, "ignoring the stored voice rate");
                Speech::NORMAL_RATE
            }),
    };
    Ok(Interviewer {
        hands_free,
        auto_stop,
        speaks: store.setting(VOICE_SETTING)?.as_deref() != Some("off"),
        speech: Speech {
            voice_id: store.setting(VOICE_ID_SETTING)?,
            rate,
        },
    })
}

/// What the candidate sets: hands-free with its silence, and the voice.
pub struct Choice {
    pub hands_free: bool,
    pub silence_s: f64,
    pub speaks: bool,
    pub voice_id: Option<String>,
    pub rate: f32,
}

/// Stores the settings; the silence and the rate must be within range.
pub fn save(store: &mut br_store::Store, choice: &Choice) -> CommandResult<()> {
    let auto_stop = AutoStop::new(choice.silence_s).ok_or_else(|| {
        CommandError::new(
            ErrorKind::InvalidInput,
            format!(
                "the silence that ends an answer must be between {} and {} seconds; \
                 choose a value in that range",
                AutoStop::MIN_SILENCE_S,
                AutoStop::MAX_SILENCE_S
            ),
        )
    })?;
    if !(Speech::MIN_RATE..=Speech::MAX_RATE).contains(&choice.rate) {
        return Err(CommandError::new(
            ErrorKind::InvalidInput,
            format!(
                "the interviewer's speed must be between {}x and {}x; choose a value in that range",
                Speech::MIN_RATE,
                Speech::MAX_RATE
            ),
        ));
    }
    let on_off = |on: bool| Some(if on { "on" } else { "off" });
    store.set_setting(HANDS_FREE_SETTING, on_off(choice.hands_free))?;
    store.set_setting(SILENCE_SETTING, Some(&auto_stop.silence_s().to_string()))?;
    store.set_setting(VOICE_SETTING, on_off(choice.speaks))?;
    store.set_setting(VOICE_ID_SETTING, choice.voice_id.as_deref())?;
    store.set_setting(VOICE_RATE_SETTING, Some(&choice.rate.to_string()))?;
    Ok(())
}

/// The interviewer's voice: the system's speech service, connected on first
/// use. When it cannot speak, the candidate is told once (the prompts are
/// on screen anyway), not at every question.
#[derive(Default)]
pub struct Speaker {
    voice: OnceLock<Result<Arc<dyn Voice>, VoiceError>>,
    told: AtomicBool,
}

impl Speaker {
    fn voice(&self) -> Result<Arc<dyn Voice>, VoiceError> {
        self.voice
            .get_or_init(|| {
                br_voice::SystemVoice::new().map(|voice| Arc::new(voice) as Arc<dyn Voice>)
            })
            .clone()
    }

    /// The voices to choose from.
    pub fn voices(&self) -> Result<Vec<br_voice::VoiceInfo>, VoiceError> {
        self.voice()?.voices()
    }

    /// Reads `question` aloud, then calls `listen` (see
    /// `br_voice::ask_then_listen`). Returns what to tell the candidate the
    /// first time the voice fails, beside `listen`'s result.
    pub fn ask_then_listen<T>(
        &self,
        question: &str,
        speech: &Speech,
        listen: impl FnOnce() -> T,
    ) -> (Option<String>, T) {
        let (spoken, listened) = match self.voice() {
            Ok(voice) => br_voice::ask_then_listen(voice.as_ref(), question, speech, listen),
            Err(err) => (Err(err), listen()),
        };
        (self.notice(spoken), listened)
    }

    /// Stops speaking, so the microphone can open.
    pub fn hush(&self) {
        if let Some(Ok(voice)) = self.voice.get() {
            voice.stop();
        }
    }

    fn notice(&self, spoken: Result<(), VoiceError>) -> Option<String> {
        let err = spoken.err()?;
        tracing::warn!("the interviewer could not speak: {err}");
        (!self.told.swap(true, Ordering::Relaxed)).then(|| err.to_string())
    }
}
