//! `barraiser transcribe`: a WAV file to a timed transcript.

use crate::cmd::speech::{
    load_engine, print_transcript, recover_before_reading, ModelArgs, TranscriptJson,
};
use crate::output::print_json;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    /// Print exactly one JSON object instead of the transcript.
    #[arg(long)]
    json: bool,
    /// A WAV file: any rate, mono or multichannel, 8-32-bit PCM or float.
    #[arg(value_name = "FILE.wav")]
    file: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    recover_before_reading(&args.file)?;
    // Read the audio before loading the model, so a bad file fails fast.
    let samples = br_audio::read_wav(&args.file)?;
    let engine = load_engine(&args.model, None)?;
    let answer = br_stt::transcribe_chunked(&engine, &samples, br_stt::ChunkConfig::DEFAULT)?;
    if args.json {
        print_json(&TranscriptJson::new(&answer))
    } else {
        print_transcript(&answer);
        Ok(())
    }
}
