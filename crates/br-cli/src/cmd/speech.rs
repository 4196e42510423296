//! What the speech commands (transcribe, answer, record, bench) share:
//! loading the Whisper model and the JSON shape of a transcript.
//!
//! The JSON types are written out here rather than derived on br-stt's
//! types, so the CLI's wire format is a deliberate contract.

use anyhow::Context;
use br_stt::{EngineConfig, SpokenAnswer, SttEngine};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// `--model` and `--threads`, shared by every command that transcribes.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// A ggml Whisper model file; default: $BARRAISER_MODEL, then the chosen
    /// or best installed model (see `barraiser models`).
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Decoding threads (default: one per CPU core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Whisper's initial prompt (default: a short disfluent one that keeps
    /// "um" and "uh" in the transcript; "" for none). For measuring prompts.
    #[arg(long, value_name = "TEXT")]
    pub prompt: Option<String>,
}

/// Resolves and loads the model the user asked for; installed models are
/// looked up in `data_dir` (`--data-dir`) when given.
pub fn load_engine(args: &ModelArgs, data_dir: Option<&Path>) -> anyhow::Result<SttEngine> {
    let path = match &args.model {
        // An explicit path goes straight to br-stt, whose checks say
        // precisely what is wrong with a bad file.
        Some(path) => path.clone(),
        None => {
            br_models::resolve_model(None, data_dir)
                .context("no Whisper model to transcribe with")?
                .path
        }
    };
    let config = EngineConfig {
        threads: args.threads,
        prompt: args.prompt.clone(),
        ..EngineConfig::new(&path)
    };
    Ok(SttEngine::load(&config)?)
}

/// Repairs `wav` if an interrupted recording left it unfinished, and says so.
pub fn recover_before_reading(wav: &Path) -> anyhow::Result<()> {
    if let Some(recovered) = br_audio::recover_if_interrupted(wav)? {
        eprintln!(
            "barraiser: recovered {:.1} s of an interrupted recording in {}",
            recovered.duration_s,
            recovered.path.display()
        );
    }
    Ok(())
}

/// The `transcript` JSON object.
#[derive(Debug, Serialize)]
pub struct TranscriptJson<'a> {
    pub text: &'a str,
    pub duration_s: f64,
    pub segments: Vec<SegmentJson<'a>>,
    pub words: &'a [br_core::TimedWord],
    /// Voiced stretches no word covers: possible fillers Whisper left out.
    pub hesitations: Vec<SpanJson>,
    pub speech_s: f64,
    pub pauses: &'a [br_core::text::Pause],
}

#[derive(Debug, Serialize)]
pub struct SegmentJson<'a> {
    pub start: f64,
    pub end: f64,
    pub text: &'a str,
}

#[derive(Debug, Serialize)]
pub struct SpanJson {
    pub start: f64,
    pub end: f64,
}

impl<'a> TranscriptJson<'a> {
    pub fn new(answer: &'a SpokenAnswer) -> TranscriptJson<'a> {
        let transcript = &answer.transcript;
        TranscriptJson {
            text: &transcript.text,
            duration_s: transcript.duration_s,
            segments: transcript
                .segments
                .iter()
                .map(|segment| SegmentJson {
                    start: segment.start,
                    end: segment.end,
                    text: &segment.text,
                })
                .collect(),
            words: &transcript.words,
            hesitations: answer
                .hesitations
                .iter()
                .map(|mark| SpanJson {
                    start: mark.start,
                    end: mark.end,
                })
                .collect(),
            speech_s: answer.timeline.speech_s,
            pauses: &answer.timeline.pauses,
        }
    }
}

/// Prints a transcript for people: segments with their times, then the
/// hesitation marks.
pub fn print_transcript(answer: &SpokenAnswer) {
    for segment in &answer.transcript.segments {
        println!(
            "[{:>6.1} - {:>6.1}] {}",
            segment.start, segment.end, segment.text
        );
    }
    if !answer.hesitations.is_empty() {
        let marks: Vec<String> = answer
            .hesitations
            .iter()
            .map(|mark| format!("{:.1}-{:.1} s", mark.start, mark.end))
            .collect();
        println!(
            "possible fillers / hesitations Whisper left out: {}",
            marks.join(", ")
        );
    }
}
