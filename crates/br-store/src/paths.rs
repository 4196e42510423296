//! Where the data lives: `--data-dir`, else `BARRAISER_DATA_DIR`, else the
//! platform's app-data directory (`~/.local/share/barraiser` on Linux, the
//! Application Support or AppData equivalent on macOS and Windows).

use crate::error::StoreError;
use std::path::{Path, PathBuf};

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "BARRAISER_DATA_DIR";

/// The data directory to use: `explicit` (the `--data-dir` flag) when
/// given, else the environment variable when set and not empty, else the
/// platform's app-data directory.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("app", "barraiser", "Bar Raiser")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}
