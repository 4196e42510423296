//! The operating system's voices, through the `tts` crate.
//!
//! `tts` speaks asynchronously and reports the end of an utterance through
//! a callback on the speech service's thread; [`SystemVoice::speak`] turns
//! that into a call that returns when the utterance is over, which is what
//! lets the caller open the microphone only afterwards.

use crate::{Speech, Voice, VoiceError, VoiceInfo};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tts::Tts;

/// The system's speech service.
pub struct SystemVoice {
    tts: Mutex<Tts>,
    /// One utterance at a time: an end reported on `finished` then belongs
    /// to the utterance being waited for.
    speaking: Mutex<()>,
    /// A message whenever an utterance ends or is stopped.
    finished: Mutex<Receiver<()>>,
    features: tts::Features,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

fn failed(err: tts::Error) -> VoiceError {
    VoiceError::Failed(err.to_string())
}

impl SystemVoice {
    /// Connects to the system's speech service (on Linux, speech-dispatcher,
    /// which is started on demand).
    pub fn new() -> Result<SystemVoice, VoiceError> {
        let tts = Tts::default().map_err(|e| VoiceError::Unavailable(e.to_string()))?;
        let features = tts.supported_features();
        let (tx, rx) = mpsc::channel();
        if features.utterance_callbacks {
            let on_end = tx.clone();
            tts.on_utterance_end(Some(Box::new(move |_| {
                let _ = on_end.send(());
            })))
            .map_err(failed)?;
            tts.on_utterance_stop(Some(Box::new(move |_| {
                let _ = tx.send(());
            })))
            .map_err(failed)?;
        }
        Ok(SystemVoice {
            tts: Mutex::new(tts),
            speaking: Mutex::new(()),
            finished: Mutex::new(rx),
            features,
        })
    }

    fn configure(&self, tts: &mut Tts, speech: &Speech) -> Result<(), VoiceError> {
        if self.features.rate {
            let rate = scale_rate(
                speech.rate,
                tts.min_rate(),
                tts.normal_rate(),
                tts.max_rate(),
            );
            tts.set_rate(rate).map_err(failed)?;
        }
        if let (Some(id), true) = (&speech.voice_id, self.features.voice) {
            let voices = tts.voices().map_err(failed)?;
            let voice = voices
                .iter()
                .find(|voice| &voice.id() == id)
                .ok_or_else(|| VoiceError::NoSuchVoice(id.clone()))?;
            tts.set_voice(voice).map_err(failed)?;
        }
        Ok(())
    }

    /// Waits for the end of the utterance just started. A service that never
    /// reports it must not hang the interview: after the longest the text
    /// can take, listening starts anyway.
    fn wait_for_end(&self, text: &str, speech: &Speech) {
        let deadline = Instant::now() + longest_utterance(text, speech.rate);
        if self.features.utterance_callbacks {
            let finished = lock(&self.finished);
            match finished.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(()) | Err(RecvTimeoutError::Disconnected) => {}
                Err(RecvTimeoutError::Timeout) => {
                    tracing::warn!("the speech service did not report the end of the question")
                }
            }
            return;
        }
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
            let speaking = lock(&self.tts).is_speaking().unwrap_or(false);
            if !speaking {
                return;
            }
        }
    }
}

impl Voice for SystemVoice {
    fn speak(&self, text: &str, speech: &Speech) -> Result<(), VoiceError> {
        let _one_at_a_time = lock(&self.speaking);
        {
            let mut tts = lock(&self.tts);
            self.configure(&mut tts, speech)?;
            // Ends reported for earlier, stopped utterances are not this one's.
            while lock(&self.finished).try_recv().is_ok() {}
            tts.speak(text, true).map_err(failed)?;
        }
        self.wait_for_end(text, speech);
        Ok(())
    }

    fn stop(&self) {
        if self.features.stop {
            let _ = lock(&self.tts).stop();
        }
    }

    fn voices(&self) -> Result<Vec<VoiceInfo>, VoiceError> {
        let voices = lock(&self.tts).voices().map_err(failed)?;
        Ok(voices
            .iter()
            .map(|voice| VoiceInfo {
                id: voice.id(),
                name: voice.name(),
                language: voice.language().to_string(),
            })
            .collect())
    }
}

/// The service's rate for a speed relative to normal: `Speech::MIN_RATE`
/// maps to the service's slowest, 1.0 to its normal and `Speech::MAX_RATE`
/// to its fastest. Services differ (speech-dispatcher counts -100..100
/// around 0, AVSpeech 0.1..2 around 0.5), so only the relative speed is
/// stored.
fn scale_rate(relative: f32, min: f32, normal: f32, max: f32) -> f32 {
    let relative = relative.clamp(Speech::MIN_RATE, Speech::MAX_RATE);
    if relative >= Speech::NORMAL_RATE {
        let share = (relative - Speech::NORMAL_RATE) / (Speech::MAX_RATE - Speech::NORMAL_RATE);
        normal + (max - normal) * share
    } else {
        let share = (Speech::NORMAL_RATE - relative) / (Speech::NORMAL_RATE - Speech::MIN_RATE);
        normal - (normal - min) * share
    }
}

/// An upper bound on how long `text` takes to speak: about 15 characters a
/// second at normal speed, halved at the slowest, plus start-up.
fn longest_utterance(text: &str, relative_rate: f32) -> Duration {
    let n_chars = text.chars().count() as f32;
    let rate = relative_rate.clamp(Speech::MIN_RATE, Speech::MAX_RATE);
    Duration::from_secs_f32(5.0 + n_chars / (7.5 * rate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_rates_map_onto_the_service_scale() {
        // speech-dispatcher: -100..100 around 0.
        assert_eq!(scale_rate(1.0, -100.0, 0.0, 100.0), 0.0);
        assert_eq!(scale_rate(2.0, -100.0, 0.0, 100.0), 100.0);
        assert_eq!(scale_rate(0.5, -100.0, 0.0, 100.0), -100.0);
        assert_eq!(scale_rate(1.5, -100.0, 0.0, 100.0), 50.0);
        // AVSpeech: 0.1..2.0 around 0.5; out-of-range speeds are clamped.
        assert_eq!(scale_rate(1.0, 0.1, 0.5, 2.0), 0.5);
        assert_eq!(scale_rate(9.0, 0.1, 0.5, 2.0), 2.0);
    }

    /// Speaks through the real service when one runs
    /// (`BARRAISER_SPEECH=1`, set by scripts/test.sh with speech-dispatcher
    /// installed): `speak` returns only once the question has been said.
    #[test]
    fn the_system_voice_returns_after_the_question_is_spoken() {
        if std::env::var_os("BARRAISER_SPEECH").is_none() {
            return;
        }
        let voice = SystemVoice::new().expect("speech-dispatcher answers");
        let speech = Speech {
            voice_id: None,
            rate: Speech::NORMAL_RATE,
        };
        let started = Instant::now();
        voice
            .speak(
                "Tell me about a time you disagreed with your manager.",
                &speech,
            )
            .unwrap();
        let took = started.elapsed();
        assert!(
            took > Duration::from_millis(1000),
            "speak returned before the question could have been said ({took:?})"
        );
        assert!(!voice.voices().unwrap().is_empty());
    }
}
