//! The Whisper engine: loading a model and turning 16 kHz audio into a timed
//! transcript (text, segments, words).
//!
//! Decoding is set up for verbatim transcripts. Whisper was trained on text
//! with "um" and "uh" mostly removed, so it drops them unless the initial
//! prompt shows disfluent text. The prompt is short and not in the first
//! person: long or first-person prompts were seen to drop sentences or start
//! "I'm sorry" loops on long answers.
//!
//! Word times come from whisper.cpp's DTW alignment (cross-attention heads
//! of the known model sizes): the raw per-token timestamps are often off by
//! a second or more. Measured against speech with known word boundaries
//! (tests/data/word-timing.*), a token's DTW time falls about 0.15 s after
//! the token ends, so a word runs from the previous token's time to its own
//! last token's, both less that lag. Callers with a voice-activity timeline
//! then move word edges that fall into pauses out of them
//! (`answer::snap_to_pauses`).

use crate::error::SttError;
use crate::model::{check_model, ModelInfo};
use br_audio::SAMPLE_RATE;
use br_core::text::TimedWord;
use std::path::{Path, PathBuf};
use whisper_rs::{
    DtwMode, DtwModelPreset, DtwParameters, FullParams, SamplingStrategy, WhisperContext,
    WhisperContextParameters, WhisperState,
};

/// A short, disfluent, third-person prompt: it keeps fillers without
/// steering the content.
pub const VERBATIM_PROMPT: &str = "Um, so, uh, the team, like, you know, shipped it. Hmm.";

/// How far a token's DTW time lies after the end of the token.
const DTW_LAG_S: f64 = 0.15;

/// How to load an [`SttEngine`].
#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub model: PathBuf,
    /// Decoding threads; `None` means one per CPU core.
    pub threads: Option<usize>,
    /// Initial prompt; `None` means [`VERBATIM_PROMPT`], `Some("")` none.
    pub prompt: Option<String>,
}

impl EngineConfig {
    pub fn new(model: &Path) -> EngineConfig {
        EngineConfig {
            model: model.to_path_buf(),
            threads: None,
            prompt: None,
        }
    }
}

/// One stretch of transcript as Whisper segmented it, in seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub start: f64,
    pub end: f64,
    pub text: String,
}

/// A timed transcript of some audio.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transcript {
    pub text: String,
    pub duration_s: f64,
    pub segments: Vec<Segment>,
    pub words: Vec<TimedWord>,
}

impl Transcript {
    /// Appends `other`, which follows this transcript in time.
    pub fn append(&mut self, other: Transcript) {
        if !other.text.is_empty() {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(&other.text);
        }
        self.duration_s = self.duration_s.max(other.duration_s);
        self.segments.extend(other.segments);
        self.words.extend(other.words);
    }
}

/// A loaded Whisper model. Cheap to share across threads behind an `Arc`:
/// each transcription uses its own decoder state.
pub struct SttEngine {
    ctx: WhisperContext,
    info: ModelInfo,
    threads: usize,
    prompt: String,
}

impl SttEngine {
    /// Checks and loads the model. Never hands whisper.cpp a file that is
    /// missing, truncated or not a model.
    pub fn load(config: &EngineConfig) -> Result<SttEngine, SttError> {
        check_cpu()?;
        let info = check_model(&config.model)?;
        whisper_rs::install_logging_hooks();
        let mut params = WhisperContextParameters::default();
        if let Some(model_preset) = dtw_preset(&info) {
            params.dtw_parameters(DtwParameters {
                mode: DtwMode::ModelPreset { model_preset },
                ..DtwParameters::default()
            });
        }
        let ctx = WhisperContext::new_with_params(&config.model, params).map_err(|e| {
            SttError::NotAModel {
                path: config.model.clone(),
                detail: format!("whisper.cpp refused it: {e}"),
            }
        })?;
        let threads = config
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        let prompt = config
            .prompt
            .clone()
            .unwrap_or_else(|| VERBATIM_PROMPT.to_string());
        Ok(SttEngine {
            ctx,
            info,
            threads,
            prompt,
        })
    }

    pub fn model_info(&self) -> &ModelInfo {
        &self.info
    }

    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Transcribes mono 16 kHz audio in one pass (whisper.cpp slides its own
    /// 30-second window over longer audio).
    pub fn transcribe(&self, samples: &[f32]) -> Result<Transcript, SttError> {
        let mut decoder = self.decoder()?;
        decoder.transcribe(samples, 0.0)
    }

    /// A decoder state for repeated transcriptions on one thread.
    pub fn decoder(&self) -> Result<Decoder<'_>, SttError> {
        Ok(Decoder {
            engine: self,
            state: self.ctx.create_state()?,
            threads: self.threads,
        })
    }
}

/// Reusable decoder state bound to an engine.
pub struct Decoder<'a> {
    engine: &'a SttEngine,
    state: WhisperState,
    threads: usize,
}

impl Decoder<'_> {
    /// Decodes with `threads` threads (at least one) from now on; the
    /// engine's count is the default. The result does not depend on it.
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = threads.max(1);
    }

    /// Transcribes `samples`, which start `offset_s` into the recording;
    /// all times in the result are relative to the recording.
    pub fn transcribe(&mut self, samples: &[f32], offset_s: f64) -> Result<Transcript, SttError> {
        let duration_s = offset_s + samples.len() as f64 / SAMPLE_RATE as f64;
        // whisper.cpp rejects clips under 100 ms; there is no speech in them.
        if samples.len() < SAMPLE_RATE as usize / 10 {
            return Ok(Transcript {
                duration_s,
                ..Transcript::default()
            });
        }
        let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 1 });
        params.set_n_threads(self.threads as i32);
        params.set_language(Some("en"));
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_special(false);
        params.set_print_timestamps(false);
        if !self.engine.prompt.is_empty() {
            params.set_initial_prompt(&self.engine.prompt);
        }
        self.state.full(params, samples)?;
        let eot = self.engine.ctx.token_eot();
        let mut transcript = Transcript {
            duration_s,
            ..Transcript::default()
        };
        let mut pieces: Vec<WordPiece> = Vec::new();
        for segment in self.state.as_iter() {
            let text = segment.to_str_lossy()?.trim().to_string();
            if text.is_empty() || is_annotation(&text) {
                continue;
            }
            let start = offset_s + segment.start_timestamp() as f64 / 100.0;
            let end = offset_s + segment.end_timestamp() as f64 / 100.0;
            for token_idx in 0..segment.n_tokens() {
                let Some(token) = segment.get_token(token_idx) else {
                    continue;
                };
                if token.token_id() >= eot {
                    continue;
                }
                let data = token.token_data();
                let time_s = if data.t_dtw >= 0 {
                    offset_s + data.t_dtw as f64 / 100.0 - DTW_LAG_S
                } else {
                    offset_s + data.t1 as f64 / 100.0
                };
                pieces.push(WordPiece {
                    bytes: token.to_bytes()?.to_vec(),
                    time_s: time_s.clamp(start, end),
                });
            }
            transcript.segments.push(Segment { start, end, text });
        }
        transcript.text = transcript
            .segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let first_start = transcript
            .segments
            .first()
            .map_or(offset_s, |segment| segment.start);
        transcript.words = words_from_pieces(&pieces, first_start);
        Ok(transcript)
    }
}

/// Whether a segment is one of Whisper's non-speech annotations
/// ("[BLANK_AUDIO]", "(keyboard clicking)", "*sighs*") rather than words the
/// candidate said; they would otherwise reach the transcript and the
/// analysis as if spoken.
fn is_annotation(text: &str) -> bool {
    let wrapped = |open: char, close: char| {
        text.len() >= 2 && text.starts_with(open) && text.ends_with(close)
    };
    wrapped('[', ']') || wrapped('(', ')') || wrapped('*', '*')
}

/// One token's bytes and the time it ends.
struct WordPiece {
    bytes: Vec<u8>,
    time_s: f64,
}

/// Joins tokens into words (a token starting with a space starts a word).
/// Words tile the speech: each ends with its last spoken token and the next
/// starts there (the first at `first_start`). Pauses are cut out later from
/// the voice-activity timeline.
fn words_from_pieces(pieces: &[WordPiece], first_start: f64) -> Vec<TimedWord> {
    let mut words: Vec<TimedWord> = Vec::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut start = first_start;
    let mut end = first_start;
    for piece in pieces {
        if piece.bytes.first() == Some(&b' ') && !bytes.is_empty() {
            push_word(&mut words, &bytes, start, end);
            bytes.clear();
            start = end;
        }
        bytes.extend_from_slice(&piece.bytes);
        // Punctuation is not spoken; its DTW time says nothing about the
        // word. Times stay monotonic even where DTW steps back a little.
        if !piece
            .bytes
            .iter()
            .all(|b| b.is_ascii_whitespace() || SILENT_PUNCTUATION.contains(b))
        {
            end = end.max(piece.time_s);
        }
    }
    push_word(&mut words, &bytes, start, end);
    words
}

const SILENT_PUNCTUATION: &[u8] = b".,!?;:\"'()-";

fn push_word(words: &mut Vec<TimedWord>, bytes: &[u8], start: f64, end: f64) {
    let word = String::from_utf8_lossy(bytes).trim().to_string();
    if !word.is_empty() {
        words.push(TimedWord {
            word,
            start,
            end: end.max(start),
        });
    }
}

fn dtw_preset(info: &ModelInfo) -> Option<DtwModelPreset> {
    Some(match (info.size_class()?, info.is_english_only()) {
        ("tiny", true) => DtwModelPreset::TinyEn,
        ("tiny", false) => DtwModelPreset::Tiny,
        ("base", true) => DtwModelPreset::BaseEn,
        ("base", false) => DtwModelPreset::Base,
        ("small", true) => DtwModelPreset::SmallEn,
        ("small", false) => DtwModelPreset::Small,
        ("medium", true) => DtwModelPreset::MediumEn,
        ("medium", false) => DtwModelPreset::Medium,
        ("large-v2", _) => DtwModelPreset::LargeV2,
        ("large-v3", _) => DtwModelPreset::LargeV3,
        _ => return None,
    })
}

/// whisper.cpp is built for the x86-64-v3 baseline (see .cargo/config.toml):
/// refuse cleanly on a CPU without it instead of dying on SIGILL.
fn check_cpu() -> Result<(), SttError> {
    #[cfg(target_arch = "x86_64")]
    {
        let features = [
            ("AVX", std::arch::is_x86_feature_detected!("avx")),
            ("AVX2", std::arch::is_x86_feature_detected!("avx2")),
            ("FMA", std::arch::is_x86_feature_detected!("fma")),
            ("F16C", std::arch::is_x86_feature_detected!("f16c")),
        ];
        let missing: Vec<&str> = features
            .iter()
            .filter(|(_, present)| !present)
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(SttError::UnsupportedCpu {
                missing: missing.join(", "),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_speech_annotations_are_not_words() {
        for text in ["[BLANK_AUDIO]", "(keyboard clicking)", "*sighs*", "[Music]"] {
            assert!(is_annotation(text), "{text}");
        }
        for text in ["Um, so (briefly) we shipped it.", "[", "I led the launch."] {
            assert!(!is_annotation(text), "{text}");
        }
    }

    fn piece(text: &str, time_s: f64) -> WordPiece {
        WordPiece {
            bytes: text.as_bytes().to_vec(),
            time_s,
        }
    }

    fn summary(words: &[TimedWord]) -> Vec<(&str, f64, f64)> {
        words
            .iter()
            .map(|w| (w.word.as_str(), w.start, w.end))
            .collect()
    }

    #[test]
    fn words_tile_the_speech_and_end_with_their_last_spoken_token() {
        let pieces = [
            piece(" And", 0.6),
            piece(" so", 0.9),
            piece(",", 1.2),
            piece(" Americ", 1.5),
            piece("ans", 1.9),
            piece(".", 2.0),
            piece(" 40", 2.4),
            piece("%.", 2.9),
        ];
        let words = words_from_pieces(&pieces, 0.2);
        assert_eq!(
            summary(&words),
            [
                ("And", 0.2, 0.6),
                ("so,", 0.6, 0.9),
                ("Americans.", 0.9, 1.9),
                ("40%.", 1.9, 2.9)
            ]
        );
    }

    #[test]
    fn word_times_stay_monotonic() {
        let pieces = [piece(" um", 2.0), piece(" so", 1.8), piece(" then", 9.0)];
        let words = words_from_pieces(&pieces, 1.0);
        assert_eq!(
            summary(&words),
            [("um", 1.0, 2.0), ("so", 2.0, 2.0), ("then", 2.0, 9.0)]
        );
    }
}
