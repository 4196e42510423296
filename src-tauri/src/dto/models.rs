//! Wire types of the speech-model manager: which model transcription will
//! use, what can be downloaded, and download progress.

use serde::Serialize;
use specta::Type;

/// The model transcription will load, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ModelStatus {
    pub ready: bool,
    /// The installed model's name ("tiny.en"), or the file name of a model
    /// given by path.
    pub name: Option<String>,
    pub path: Option<String>,
    /// Where the choice came from: "environment", "setting", "best_installed".
    pub source: Option<String>,
    /// Why no model is ready, when none is.
    pub problem: Option<String>,
}

/// One published model, as offered for download.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ModelOffer {
    pub name: String,
    #[specta(type = specta_typescript::Number)]
    pub size: u64,
    pub note: String,
    pub installed: bool,
    /// Bytes of an interrupted download waiting to be resumed.
    #[specta(type = Option<specta_typescript::Number>)]
    pub partial_bytes: Option<u64>,
    pub recommended: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct InstalledModelView {
    pub name: String,
    pub path: String,
    #[specta(type = specta_typescript::Number)]
    pub size: u64,
    /// Why the file cannot be used, when its header is not a Whisper model.
    pub problem: Option<String>,
    /// A file the user added rather than a published model.
    pub own_file: bool,
    /// Where the file came from, as the model manager words it ("your own
    /// file; its checksum differs from the published tiny.en").
    pub origin_note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ModelsView {
    pub status: ModelStatus,
    pub installed: Vec<InstalledModelView>,
    pub offers: Vec<ModelOffer>,
    pub chosen: Option<String>,
    pub models_dir: String,
}

/// Streamed while a model downloads.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum DownloadProgress {
    Connecting,
    Progress {
        #[specta(type = specta_typescript::Number)]
        downloaded: u64,
        #[specta(type = specta_typescript::Number)]
        total: u64,
        bytes_per_second: f64,
        eta_s: Option<f64>,
    },
    /// The connection broke; the download resumes where it stopped.
    Resuming,
    /// All bytes are in; checking the checksum.
    Verifying,
}

impl DownloadProgress {
    /// The UI-relevant part of a download event; `None` for events the
    /// progress bar does not show.
    pub fn from_event(event: &br_models::DownloadEvent<'_>) -> Option<DownloadProgress> {
        use br_models::DownloadEvent as E;
        match event {
            E::Connecting { .. } => Some(DownloadProgress::Connecting),
            E::Started {
                total,
                resumed_from,
            } => Some(DownloadProgress::Progress {
                downloaded: *resumed_from,
                total: *total,
                bytes_per_second: 0.0,
                eta_s: None,
            }),
            E::Progress(p) => Some(DownloadProgress::Progress {
                downloaded: p.downloaded,
                total: p.total,
                bytes_per_second: p.bytes_per_second,
                eta_s: p.eta.map(|d| d.as_secs_f64()),
            }),
            E::Resuming { .. } => Some(DownloadProgress::Resuming),
            E::Verifying => Some(DownloadProgress::Verifying),
            E::SourceFailed { .. } => None,
        }
    }
}
