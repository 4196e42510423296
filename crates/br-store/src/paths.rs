//! Where the data lives: `--data-dir`, else `BARRAISER_DATA_DIR`, else the
//! platform's app-data directory (`~/.local/share/barraiser` on Linux, the
//! Application Support or AppData equivalent on macOS and Windows).

use crate::error::StoreError;
use std::path::{Path, PathBuf};

pub use br_paths::DATA_DIR_ENV;

/// The data directory to use (see [`br_paths::data_dir`]).
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, StoreError> {
    br_paths::data_dir(explicit).ok_or(StoreError::NoDataDir)
}
