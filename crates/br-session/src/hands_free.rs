//! Hands-free answers: when the candidate has finished speaking.
//!
//! With hands-free on, nobody presses stop: the answer ends once the
//! candidate has spoken and then stayed silent for `silence_s`. The rule
//! lives here, once, so the desktop app and any other front end end answers
//! alike; the voice-activity detector that measures speech and silence is
//! the recorder's (`br-audio`), and this crate only judges its numbers.

use br_core::text::Heard;

/// Ends an answer after a silence that follows speech.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AutoStop {
    silence_s: f64,
}

impl AutoStop {
    /// Three seconds: about the pause of someone who has finished and waits
    /// for the next question; the pauses inside an answer (thinking,
    /// breathing) are shorter, and a longer wait feels like the interviewer
    /// is not listening.
    pub const DEFAULT: AutoStop = AutoStop { silence_s: 3.0 };
    /// Shorter silences cut candidates off while they think.
    pub const MIN_SILENCE_S: f64 = 1.0;
    pub const MAX_SILENCE_S: f64 = 15.0;
    /// Less speech than this (a cough, a chair creaking) has not started the
    /// answer, so the silence after it does not end it.
    pub const MIN_SPEECH_S: f64 = 0.5;

    /// The rule for a silence of `silence_s` seconds, or `None` when that is
    /// outside `MIN_SILENCE_S..=MAX_SILENCE_S`.
    pub fn new(silence_s: f64) -> Option<AutoStop> {
        (Self::MIN_SILENCE_S..=Self::MAX_SILENCE_S)
            .contains(&silence_s)
            .then_some(AutoStop { silence_s })
    }

    pub fn silence_s(self) -> f64 {
        self.silence_s
    }

    /// Whether the answer has ended: the candidate has spoken, and the
    /// silence since the last speech has lasted `silence_s`.
    pub fn answer_ended(self, heard: &Heard) -> bool {
        match heard.last_speech_end_s {
            Some(end_s) => {
                heard.speech_s >= Self::MIN_SPEECH_S && heard.duration_s - end_s >= self.silence_s
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(heard: (f64, f64, Option<f64>), silence_s: f64) -> bool {
        let (duration_s, speech_s, last_speech_end_s) = heard;
        AutoStop::new(silence_s).unwrap().answer_ended(&Heard {
            duration_s,
            speech_s,
            last_speech_end_s,
        })
    }

    #[test]
    fn silence_before_any_speech_never_ends_the_answer() {
        assert!(!check((30.0, 0.0, None), 3.0));
    }

    #[test]
    fn the_default_silence_after_speech_ends_the_answer() {
        let heard = Heard {
            duration_s: 13.0,
            speech_s: 8.0,
            last_speech_end_s: Some(10.0),
        };
        assert!(AutoStop::DEFAULT.answer_ended(&heard));
    }

    #[test]
    fn a_pause_shorter_than_the_silence_does_not() {
        assert!(!check((12.9, 8.0, Some(10.0)), 3.0));
    }

    #[test]
    fn the_silence_is_configurable() {
        assert!(check((11.5, 8.0, Some(10.0)), 1.5));
        assert!(!check((14.0, 8.0, Some(10.0)), 5.0));
    }

    #[test]
    fn a_cough_is_not_an_answer() {
        assert!(!check((10.0, 0.2, Some(1.2)), 3.0));
    }

    #[test]
    fn silences_outside_the_range_are_refused() {
        assert_eq!(AutoStop::new(0.5), None);
        assert_eq!(AutoStop::new(20.0), None);
        assert_eq!(AutoStop::new(f64::NAN), None);
        assert_eq!(AutoStop::new(3.0), Some(AutoStop::DEFAULT));
    }
}
