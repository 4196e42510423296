//! What the history commands share: the `--data-dir` flag, opening the
//! store, the clock, short human forms of scores and rates, and the printed
//! round summary.

use anyhow::Context;
use br_session::report::format_duration;
use br_store::Store;
use std::path::PathBuf;

#[derive(Debug, Clone, clap::Args)]
pub struct DataDirArgs {
    /// Folder of the database and recordings [default: $BARRAISER_DATA_DIR,
    /// else the platform's app-data folder].
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
}

impl DataDirArgs {
    pub fn open(&self) -> anyhow::Result<Store> {
        let dir = br_store::resolve_data_dir(self.data_dir.as_deref())?;
        Store::open(&dir).with_context(|| format!("cannot use the data folder {}", dir.display()))
    }
}

/// "2.5", or "-" when there is no value.
pub fn fmt_opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.decimals$}"))
}

/// "75%", or "-".
pub fn fmt_share(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// Prints a round summary: per principle the score beside the candidate's
/// own rating with the reasons, the delivery numbers, and the fixes.
pub fn print_summary(summary: &br_session::RoundSummary) {
    for p in &summary.principles {
        println!(
            "  {}: score {} (your rating {})",
            p.principle.name(),
            fmt_opt(p.score, 1),
            fmt_opt(p.self_rating, 1)
        );
        for reason in &p.reasons {
            println!("    - {reason}");
        }
    }
    println!(
        "  Speaking time {}, fillers {} ({} per minute), STAR complete in {} of {} answers, \"I\" share {}",
        format_duration(summary.speaking_time_s),
        summary.fillers,
        fmt_opt(summary.fillers_per_minute, 1),
        summary.star.complete,
        summary.star.answers,
        fmt_share(summary.first_person.i_share)
    );
    for (idx, fix) in summary.fixes.iter().enumerate() {
        println!("  Fix {}: {}", idx + 1, fix.text);
    }
}
