//! A spoken answer as the analysis needs it: the timed transcript, the
//! voice-activity timeline of the unfiltered audio, and hesitation marks.
//!
//! Hesitation marks are the acoustic half of filler detection. Whisper tends
//! to leave out "um" and "uh" even with a verbatim prompt; the voice is still
//! in the audio. Stretches where voice activity was detected but no
//! transcribed word lies are marked "possible filler / hesitation" with their
//! times. For that, word edges that Whisper's alignment put inside a pause
//! are first moved out of it, so words cover the voice they were spoken in.

use crate::engine::{SttEngine, Transcript};
use crate::error::SttError;
use br_audio::{SpeechRegion, Vad};
use br_core::text::{Pause, SpeechTimeline, TimedWord};
use br_core::{AnswerInput, Principle};
use std::path::Path;

/// Voice not covered by words must last this long to be marked: shorter
/// gaps are within the error of the word alignment.
const MIN_HESITATION_S: f64 = 0.25;

/// Voiced audio that no transcribed word covers, in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hesitation {
    pub start: f64,
    pub end: f64,
}

/// A transcribed answer with its timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct SpokenAnswer {
    pub transcript: Transcript,
    pub timeline: SpeechTimeline,
    pub hesitations: Vec<Hesitation>,
}

impl SpokenAnswer {
    /// Combines a transcript with the voice activity of the same audio.
    pub fn new(mut transcript: Transcript, vad: &Vad) -> SpokenAnswer {
        let timeline = vad.timeline();
        let regions = vad.regions();
        // Silence before the first and after the last voice counts as pause
        // for word edges, though the timeline does not list it.
        let mut silences = timeline.pauses.clone();
        if let (Some(first), Some(last)) = (regions.first(), regions.last()) {
            silences.insert(
                0,
                Pause {
                    start: 0.0,
                    end: first.start,
                },
            );
            silences.push(Pause {
                start: last.end,
                end: timeline.duration_s.max(last.end),
            });
        }
        snap_to_pauses(&mut transcript.words, &silences);
        let hesitations = hesitations(&transcript.words, &regions);
        SpokenAnswer {
            transcript,
            timeline,
            hesitations,
        }
    }

    /// The input of `br_core::analyze` for this answer.
    pub fn analysis_input<'a>(
        &'a self,
        question: Option<&'a str>,
        principle: Option<Principle>,
    ) -> AnswerInput<'a> {
        AnswerInput {
            text: &self.transcript.text,
            words: &self.transcript.words,
            timeline: Some(&self.timeline),
            question,
            principle,
        }
    }
}

/// Transcribes a WAV file of any format, cut into chunks at pauses as a live
/// recording would be (see `live::transcribe_chunked`), with its timeline.
pub fn transcribe_file(engine: &SttEngine, path: &Path) -> Result<SpokenAnswer, SttError> {
    let samples = br_audio::read_wav(path)?;
    crate::live::transcribe_chunked(engine, &samples, crate::live::ChunkConfig::DEFAULT)
}

/// Moves word edges out of pauses. Words come in tiling the speech, so the
/// first word after a pause starts before it: it is moved to start where the
/// pause ends, or later if its own length says so (a typical spoken letter
/// takes 80 ms), which leaves uncovered the voice of a filler Whisper left
/// out before it. A word that ends in a pause ends where the pause starts.
pub fn snap_to_pauses(words: &mut [TimedWord], pauses: &[Pause]) {
    let overlaps =
        |word: &TimedWord, pause: &Pause| pause.start < word.end && pause.end > word.start;
    for word in words {
        for pause in pauses {
            if overlaps(word, pause) && pause.end >= word.end {
                word.end = pause.start.max(word.start);
            }
        }
        let length = spoken_length_s(&word.word);
        for pause in pauses {
            if overlaps(word, pause) {
                word.start = pause.end.max(word.end - length);
                word.end = word.end.max(word.start);
            }
        }
    }
}

fn spoken_length_s(word: &str) -> f64 {
    let n_letters = word.chars().filter(|c| c.is_alphanumeric()).count();
    (n_letters as f64 * 0.08).clamp(0.15, 0.8)
}

/// Voice that no word covers: whole speech regions without words, and the
/// voice before a region's first word or between two words. The voice after
/// a region's last word is left out: word ends are least certain there, and
/// marking it flagged most phrase endings.
pub fn hesitations(words: &[TimedWord], speech: &[SpeechRegion]) -> Vec<Hesitation> {
    let mut marks = Vec::new();
    for region in speech {
        let mut cursor = region.start;
        let inside = words
            .iter()
            .filter(|word| word.end > region.start && word.start < region.end);
        let mut any_word = false;
        for word in inside {
            any_word = true;
            if word.start - cursor >= MIN_HESITATION_S {
                marks.push(Hesitation {
                    start: cursor,
                    end: word.start,
                });
            }
            cursor = cursor.max(word.end);
        }
        if !any_word && region.end - region.start >= MIN_HESITATION_S {
            marks.push(Hesitation {
                start: region.start,
                end: region.end,
            });
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(word: &str, start: f64, end: f64) -> TimedWord {
        TimedWord {
            word: word.into(),
            start,
            end,
        }
    }

    #[test]
    fn word_edges_move_out_of_pauses() {
        // Words as whisper gives them for "Americans [pause] ask [pause] not
        // [pause] what": tiling the speech, ends late.
        let pauses = [
            Pause {
                start: 2.1,
                end: 3.3,
            },
            Pause {
                start: 3.7,
                end: 4.0,
            },
            Pause {
                start: 4.3,
                end: 5.4,
            },
        ];
        let mut words = vec![
            word("Americans", 1.6, 2.3),
            word("ask", 2.3, 3.9),
            word("not", 3.9, 4.6),
            word("what", 4.6, 5.6),
        ];
        snap_to_pauses(&mut words, &pauses);
        let spans: Vec<(f64, f64)> = words
            .iter()
            .map(|w| (w.start, (w.end * 100.0).round() / 100.0))
            .collect();
        assert_eq!(spans, [(1.6, 2.1), (3.46, 3.7), (4.06, 4.3), (5.4, 5.6)]);
    }

    #[test]
    fn a_filler_left_out_before_a_phrase_is_marked() {
        // "database. [pause] (um, dropped) so we ..." with the um at 2.9-3.3.
        let pauses = [Pause {
            start: 2.5,
            end: 2.9,
        }];
        let mut words = vec![
            word("database.", 1.9, 2.7),
            word("so", 2.7, 3.5),
            word("we", 3.5, 3.8),
        ];
        snap_to_pauses(&mut words, &pauses);
        assert_eq!(words[0].end, 2.5);
        assert!((words[1].start - 3.34).abs() < 1e-9, "{words:?}");
        let speech = [
            SpeechRegion {
                start: 1.9,
                end: 2.5,
            },
            SpeechRegion {
                start: 2.9,
                end: 3.8,
            },
        ];
        let marks = hesitations(&words, &speech);
        assert_eq!(marks.len(), 1, "{marks:?}");
        assert!((marks[0].start - 2.9).abs() < 1e-9 && (marks[0].end - 3.34).abs() < 1e-9);
    }

    #[test]
    fn a_voiced_stretch_without_words_is_marked_whole() {
        let words = [word("I", 1.0, 1.2), word("led", 1.2, 1.6)];
        let speech = [
            SpeechRegion {
                start: 1.0,
                end: 1.6,
            },
            SpeechRegion {
                start: 2.0,
                end: 2.4,
            },
        ];
        assert_eq!(
            hesitations(&words, &speech),
            [Hesitation {
                start: 2.0,
                end: 2.4
            }]
        );
    }

    #[test]
    fn covered_voice_and_phrase_endings_are_not_marked() {
        let words = [word("I", 1.0, 1.2), word("led", 1.2, 1.5)];
        let speech = [SpeechRegion {
            start: 0.95,
            end: 1.9,
        }];
        assert!(hesitations(&words, &speech).is_empty());
    }
}
