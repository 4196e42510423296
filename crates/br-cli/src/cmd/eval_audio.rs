//! `barraiser eval-audio`: transcribe and analyse every recording of a
//! labelled audio folder, and score the fillers heard end to end.

use crate::cmd::speech::{load_engine, ModelArgs};
use crate::output::print_json;
use anyhow::{bail, Context};
use br_core::analyze;
use br_eval::table::{render_audio_misses, render_audio_table};
use br_eval::AudioScorecard;
use br_stt::{transcribe_chunked, ChunkConfig};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    /// A folder of recordings with `labels.jsonl` (one line per recording:
    /// audio, voice, script, fillers); `scripts/make-filler-audio.py` makes
    /// one.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Also list every recording whose count of a filler type is wrong.
    #[arg(long)]
    misses: bool,
    /// Print exactly one JSON object (every figure and the misses) instead
    /// of the table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let labels = args.dir.join("labels.jsonl");
    let text = std::fs::read_to_string(&labels).with_context(|| {
        format!(
            "cannot read {}; give a folder made by scripts/make-filler-audio.py or with a labels.jsonl of your own",
            labels.display()
        )
    })?;
    let items = br_eval::parse_audio_jsonl(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}: {}; each line must be one labelled recording (see `barraiser eval-audio --help`)",
            labels.display(),
            e.line,
            e.message
        )
    })?;
    if items.is_empty() {
        bail!("{} lists no recordings", labels.display());
    }
    let engine = load_engine(&args.model, None)?;
    let mut card = AudioScorecard::default();
    for (n, item) in items.iter().enumerate() {
        let path = args.dir.join(&item.audio);
        let samples = br_audio::read_wav(&path)
            .with_context(|| format!("recording {} of {}", n + 1, labels.display()))?;
        let answer = transcribe_chunked(&engine, &samples, ChunkConfig::DEFAULT)
            .with_context(|| format!("transcribing {}", path.display()))?;
        let analysis = analyze(&answer.analysis_input(None, None));
        card.add(item, &answer.transcript.text, &analysis.fillers.by_word);
        let said: usize = item.fillers.iter().map(|f| f.count).sum();
        // The voiced stretches no word covers are where dropped hesitations
        // would be: printed so they can be weighed against the misses.
        eprintln!(
            "[{}/{}] {}: {} fillers said, {} found, {} voiced stretches without a word",
            n + 1,
            items.len(),
            item.audio,
            said,
            analysis.fillers.total,
            answer.hesitations.len()
        );
    }
    if args.json {
        return print_json(&card);
    }
    print!("{}", render_audio_table(&card));
    if args.misses {
        print!("\n{}", render_audio_misses(&card));
    }
    Ok(())
}
