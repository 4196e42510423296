//! `barraiser export ID --format md|html --out FILE`: a round's report for
//! printing or sending to a coach.

use crate::cmd::history::DataDirArgs;
use crate::output::print_json;
use anyhow::Context;
use br_session::report;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Md,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The round to export (see `barraiser rounds list`).
    id: i64,
    #[arg(long, value_enum)]
    format: Format,
    /// The file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[command(flatten)]
    data: DataDirArgs,
    /// Print the result as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let store = args.data.open()?;
    let record = store.load_round(args.id)?;
    let stories = store.stories()?;
    let text = match args.format {
        Format::Md => report::markdown(&record, &stories),
        Format::Html => report::html(&record, &stories),
    };
    std::fs::write(&args.out, text)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    if args.json {
        return print_json(&serde_json::json!({ "id": args.id, "out": args.out }));
    }
    println!("Wrote {}", args.out.display());
    Ok(())
}
