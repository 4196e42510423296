//! The interviewer's voice: prompts read aloud with the operating system's
//! own voices, so the candidate hears the question as in a real interview.
//!
//! [`Voice`] is the port; [`SystemVoice`] speaks through the `tts` crate
//! (speech-dispatcher on Linux, AVSpeechSynthesizer on macOS, WinRT on
//! Windows); tests use fakes. [`ask_then_listen`] is the one rule the
//! callers share: the microphone opens only once the interviewer has
//! finished speaking, so a recording never holds the question.
//!
//! Where no speech service exists, [`SystemVoice::new`] fails with
//! [`VoiceError::Unavailable`] and the caller shows the text instead.

mod error;
mod system;

pub use error::VoiceError;
pub use system::SystemVoice;

/// How the interviewer speaks.
#[derive(Debug, Clone, PartialEq)]
pub struct Speech {
    /// The system voice's id; `None` for the system's default voice.
    pub voice_id: Option<String>,
    /// Speed relative to the voice's normal rate, within
    /// `MIN_RATE..=MAX_RATE`; 1.0 is normal.
    pub rate: f32,
}

impl Speech {
    pub const MIN_RATE: f32 = 0.5;
    pub const MAX_RATE: f32 = 2.0;
    pub const NORMAL_RATE: f32 = 1.0;
}

/// A voice the system offers.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceInfo {
    pub id: String,
    pub name: String,
    /// A BCP 47 tag such as "en-US".
    pub language: String,
}

/// Something that reads text aloud.
pub trait Voice: Send + Sync {
    /// Speaks `text` and returns once it has been spoken or stopped.
    fn speak(&self, text: &str, speech: &Speech) -> Result<(), VoiceError>;
    /// Stops speaking now; a `speak` in progress returns.
    fn stop(&self);
    /// The voices to choose from.
    fn voices(&self) -> Result<Vec<VoiceInfo>, VoiceError>;
}

/// Asks `question` aloud, then calls `listen`. The microphone must not hear
/// the interviewer, so listening starts only after the question has been
/// spoken. A voice that fails does not stop the interview: the question is
/// on screen, `listen` runs all the same, and the error comes back beside
/// its result for the caller to mention.
pub fn ask_then_listen<T>(
    voice: &dyn Voice,
    question: &str,
    speech: &Speech,
    listen: impl FnOnce() -> T,
) -> (Result<(), VoiceError>, T) {
    let spoken = voice.speak(question, speech);
    (spoken, listen())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    /// A voice that takes a while to speak and notes when it finished.
    struct FakeVoice {
        speaking_for: Duration,
        fails: bool,
        log: Mutex<Vec<(String, Instant)>>,
    }

    impl Voice for FakeVoice {
        fn speak(&self, text: &str, _speech: &Speech) -> Result<(), VoiceError> {
            if self.fails {
                return Err(VoiceError::Unavailable("no speech service".into()));
            }
            std::thread::sleep(self.speaking_for);
            self.log
                .lock()
                .unwrap()
                .push((format!("spoke: {text}"), Instant::now()));
            Ok(())
        }
        fn stop(&self) {}
        fn voices(&self) -> Result<Vec<VoiceInfo>, VoiceError> {
            Ok(Vec::new())
        }
    }

    fn check(fails: bool) -> (Vec<String>, Result<(), VoiceError>) {
        let voice = FakeVoice {
            speaking_for: Duration::from_millis(200),
            fails,
            log: Mutex::new(Vec::new()),
        };
        let speech = Speech {
            voice_id: None,
            rate: Speech::NORMAL_RATE,
        };
        let (spoken, ()) = ask_then_listen(&voice, "Tell me about a time.", &speech, || {
            voice
                .log
                .lock()
                .unwrap()
                .push(("listening".into(), Instant::now()));
        });
        let log = voice.log.into_inner().unwrap();
        assert!(log.windows(2).all(|pair| pair[0].1 <= pair[1].1));
        (log.into_iter().map(|(event, _)| event).collect(), spoken)
    }

    #[test]
    fn the_question_is_spoken_before_listening_starts() {
        let (log, spoken) = check(false);
        assert_eq!(log, ["spoke: Tell me about a time.", "listening"]);
        assert_eq!(spoken, Ok(()));
    }

    #[test]
    fn without_a_voice_the_interview_still_listens() {
        let (log, spoken) = check(true);
        assert_eq!(log, ["listening"]);
        assert!(matches!(spoken, Err(VoiceError::Unavailable(_))));
    }
}
