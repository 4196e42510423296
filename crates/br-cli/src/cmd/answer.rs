//! `barraiser answer`: transcribe a spoken answer (a WAV file, or recorded
//! now with live transcription) and analyse it.

use crate::cmd::common::parse_principle;
use crate::cmd::record::record_until_stopped;
use crate::cmd::speech::{
    load_engine, print_transcript, recover_before_reading, ModelArgs, TranscriptJson,
};
use crate::output::print_json;
use crate::render;
use anyhow::bail;
use br_audio::Source;
use br_core::{analyze, Principle};
use br_stt::{ChunkConfig, LiveTranscriber, SpokenAnswer};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    /// The question the answer responds to.
    #[arg(long)]
    question: Option<String>,
    /// The Leadership Principle the question probes (name or slug).
    #[arg(long, value_parser = parse_principle)]
    principle: Option<Principle>,
    /// Print exactly one JSON object: {"transcript": ..., "analysis": ...}.
    #[arg(long)]
    json: bool,
    /// Record the answer from the microphone now (stop with Ctrl-C).
    #[arg(long, conflicts_with = "file")]
    record: bool,
    /// With --record: input device name (default: the system's).
    #[arg(long, requires = "record")]
    device: Option<String>,
    /// With --record: stop after this many seconds.
    #[arg(long, requires = "record")]
    seconds: Option<f64>,
    /// With --record: where to keep the recording (default:
    /// answer-<unix time>.wav in the current folder).
    #[arg(long, value_name = "FILE.wav", requires = "record")]
    out: Option<PathBuf>,
    /// A WAV file with the spoken answer.
    #[arg(value_name = "FILE.wav")]
    file: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let answer = match (&args.file, args.record) {
        (Some(file), false) => {
            recover_before_reading(file)?;
            let samples = br_audio::read_wav(file)?;
            let engine = load_engine(&args.model, None)?;
            br_stt::transcribe_chunked(&engine, &samples, ChunkConfig::DEFAULT)?
        }
        (None, true) => record_live(&args)?,
        _ => bail!("give a WAV file, or --record to record the answer now"),
    };
    let analysis = analyze(&answer.analysis_input(args.question.as_deref(), args.principle));
    if args.json {
        print_json(&serde_json::json!({
            "transcript": TranscriptJson::new(&answer),
            "analysis": analysis,
        }))
    } else {
        print_transcript(&answer);
        println!();
        render::print_report(&answer.transcript.text, &analysis);
        Ok(())
    }
}

/// Records from the microphone while transcribing chunk by chunk, so the
/// transcript is ready about a second after the candidate stops.
fn record_live(args: &Args) -> anyhow::Result<SpokenAnswer> {
    let engine = Arc::new(load_engine(&args.model, None)?);
    let out = match &args.out {
        Some(out) => out.clone(),
        None => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)?
                .as_secs();
            PathBuf::from(format!("answer-{now}.wav"))
        }
    };
    let live = LiveTranscriber::start(engine, ChunkConfig::DEFAULT)?;
    let source = Source::Microphone {
        device: args.device.clone(),
    };
    let recording = record_until_stopped(&source, &out, args.seconds, Some(live.listener()))?;
    let answer = live.finish()?.spoken;
    eprintln!("barraiser: recording kept in {}", recording.path.display());
    if let Some(err) = recording.device_error {
        eprintln!("barraiser: {err}");
    }
    Ok(answer)
}
