//! What the history commands share: the `--data-dir` flag, opening the
//! store, the clock, and short human forms of scores and rates.

use anyhow::Context;
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

/// Now, in Unix milliseconds: the CLI is where the clock is read.
pub fn now_ms() -> i64 {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

/// "2.5", or "-" when there is no value.
pub fn fmt_opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.decimals$}"))
}

/// "75%", or "-".
pub fn fmt_share(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{:.0}%", v * 100.0))
}
