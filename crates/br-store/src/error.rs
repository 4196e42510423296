//! The errors of the store; each message says what to do about it.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error(
        "no app-data directory could be determined (is HOME set?); pass --data-dir or set BARRAISER_DATA_DIR"
    )]
    NoDataDir,
    #[error("cannot create the data directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the database {path} has schema version {found}, but this build of Bar Raiser knows only up to \
         version {supported}; update Bar Raiser, or pass --data-dir to use another data directory"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: usize,
        supported: usize,
    },
    #[error("cannot upgrade the database {path} to schema version {target}: {source}")]
    Migrate {
        path: PathBuf,
        target: usize,
        source: rusqlite_migration::Error,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("no round {0}; `barraiser rounds list` shows the rounds there are")]
    RoundNotFound(i64),
    #[error("no story {0}; `barraiser stories list` shows the stories there are")]
    StoryNotFound(i64),
    #[error("a story named \"{0}\" already exists; pick another name")]
    DuplicateStory(String),
    #[error("stored data of round {round_id} is damaged ({detail}); delete the round or restore a backup")]
    Corrupt { round_id: i64, detail: String },
    #[error("setting {key} is {value:?}, not {expected}; change or remove it")]
    BadSetting {
        key: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("cannot remove the recording {path}: {source}")]
    RemoveRecording {
        path: PathBuf,
        source: std::io::Error,
    },
}
