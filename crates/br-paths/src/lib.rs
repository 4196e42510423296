//! Where Bar Raiser keeps its data.
//!
//! The database, the recordings and the Whisper models live in one folder so
//! that the app and the CLI share one history and a candidate can back up,
//! move or delete everything at once. Every crate that touches disk asks this
//! crate for that folder, so the rule exists once.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "BARRAISER_DATA_DIR";

/// The data folder: `explicit` (a `--data-dir` flag) when given, else
/// `BARRAISER_DATA_DIR` when set and not empty, else the platform's
/// application-data folder (`~/.local/share/barraiser` on Linux, Application
/// Support on macOS, AppData on Windows). `None` only when the platform has
/// no home folder to put one in.
pub fn data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("app", "barraiser", "Bar Raiser")
        .map(|dirs| dirs.data_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_folder_wins_over_everything() {
        let dir = Path::new("/somewhere/else");
        assert_eq!(data_dir(Some(dir)), Some(dir.to_path_buf()));
    }

    #[test]
    fn the_default_folder_is_named_after_the_app() {
        // The environment may point elsewhere (the test script sets it), so
        // only check the platform default when it is not overridden.
        if std::env::var_os(DATA_DIR_ENV).is_none() {
            if let Some(dir) = data_dir(None) {
                assert!(
                    dir.to_string_lossy().to_lowercase().contains("barraiser"),
                    "{dir:?}"
                );
            }
        }
    }
}
