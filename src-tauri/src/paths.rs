//! Where the app keeps its data.
//!
//! `BARRAISER_DATA_DIR` overrides the platform's app-data folder, so tests
//! and the end-to-end run never touch a real user's data.

use std::path::{Path, PathBuf};

/// The folders of one data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPaths {
    pub data_dir: PathBuf,
    /// WAV recordings; the only folder the `recording://` scheme serves.
    pub recordings_dir: PathBuf,
    /// Exported reports.
    pub exports_dir: PathBuf,
}

impl DataPaths {
    pub fn new(data_dir: &Path) -> DataPaths {
        DataPaths {
            data_dir: data_dir.to_path_buf(),
            recordings_dir: data_dir.join("recordings"),
            exports_dir: data_dir.join("exports"),
        }
    }

    /// Creates the folders that do not exist yet.
    pub fn create(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.recordings_dir)?;
        std::fs::create_dir_all(&self.exports_dir)
    }
}

/// The data folder: `BARRAISER_DATA_DIR` when set and non-empty, else the
/// platform default the caller resolved.
pub fn data_dir_from_env(platform_default: PathBuf) -> PathBuf {
    match std::env::var_os("BARRAISER_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => platform_default,
    }
}
