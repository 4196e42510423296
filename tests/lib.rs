//! Shared helpers for the cross-crate tests: where the shared fixtures live
//! and how the labeled evaluation set is read.

use serde::Deserialize;
use std::path::PathBuf;

/// The shared fixtures directory: `$BARRAISER_SHARED`, else `../shared`
/// next to the workspace root.
pub fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("BARRAISER_SHARED").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    // Cargo sets the variable when it runs a test; the compile-time value is
    // the fallback for a test binary started by hand.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
    manifest_dir.join("../../shared")
}

/// One labeled answer of `eval/answers-*.jsonl`.
#[derive(Debug, Clone, Deserialize)]
pub struct EvalItem {
    pub id: String,
    pub question: String,
    pub principle: String,
    pub transcript: String,
    pub labels: EvalLabels,
    pub expected_followup: String,
}

/// The labels of one answer (see `eval/README.md` for their rules).
#[derive(Debug, Clone, Deserialize)]
pub struct EvalLabels {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
    pub result_quantified: bool,
    pub fillers: Vec<FillerCount>,
    pub filler_total: usize,
    pub i_count: usize,
    pub we_count: usize,
    pub hypothetical: bool,
    /// `[start, end)` character offsets of each part's main stretch.
    pub star_spans: StarSpans,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StarSpans {
    pub situation: Option<[usize; 2]>,
    pub task: Option<[usize; 2]>,
    pub action: Option<[usize; 2]>,
    pub result: Option<[usize; 2]>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FillerCount {
    pub word: String,
    pub count: usize,
}

/// Reads a JSON-lines evaluation file under `shared_dir()/eval`, panicking
/// with the path on any error (a test fixture is missing or malformed).
pub fn load_eval(file_name: &str) -> Vec<EvalItem> {
    let path = shared_dir().join("eval").join(file_name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {} (set BARRAISER_SHARED): {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, line)| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1))
        })
        .collect()
}
