//! The folders of the app's data directory.
//!
//! The directory itself comes from `br_store::resolve_data_dir`, so the app
//! and the CLI share one history, and `BARRAISER_DATA_DIR` keeps tests and
//! the end-to-end run away from a real user's data.

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
            recordings_dir: data_dir.join(br_store::RECORDINGS_DIR),
            exports_dir: data_dir.join("exports"),
        }
    }

    /// Creates the folders that do not exist yet.
    pub fn create(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.recordings_dir)?;
        std::fs::create_dir_all(&self.exports_dir)
    }
}

/// Repairs recordings cut short by a crash (their WAV headers still say
/// "empty"), in every round's folder, so their answers can be replayed.
/// Returns the files it could not repair, with why; a broken file must not
/// keep the app from starting.
pub fn recover_recordings(recordings_dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(recordings_dir) else {
        return problems;
    };
    for dir in entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
        if let Err(err) = br_audio::recover_interrupted(&dir) {
            problems.push(err.to_string());
        }
    }
    problems
}
