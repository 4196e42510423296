//! `barraiser eval`: score the analysis against a file of labelled answers.

use crate::output::print_json;
use anyhow::{bail, Context};
use br_eval::table::{render_misses, render_table};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Labelled answers, one JSON object per line, in the format of the dev
    /// set (the rules are in tests/corpus/LABELING.md).
    #[arg(value_name = "FILE.jsonl")]
    file: PathBuf,
    /// Also list every answer each field got wrong.
    #[arg(long)]
    misses: bool,
    /// Print exactly one JSON object (every figure, the confusion matrix and
    /// the misses) instead of the table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let path = args.file.display();
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {path}; give a labelled JSONL file"))?;
    let items = br_eval::parse_jsonl(&text).map_err(|e| {
        anyhow::anyhow!(
            "{path}:{}: {}; each line must be one labelled answer (see tests/corpus/LABELING.md)",
            e.line,
            e.message
        )
    })?;
    if items.is_empty() {
        bail!("{path} holds no labelled answers; give a file with one JSON object per line");
    }
    let card = br_eval::score(&items);
    if args.json {
        return print_json(&card);
    }
    print!("{}", render_table(&card));
    if args.misses {
        print!("\n{}", render_misses(&card));
    }
    Ok(())
}
