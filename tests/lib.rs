//! Shared helpers for the cross-crate tests: where the shared fixtures live
//! and how the labeled evaluation sets (the shared dev set, the committed
//! corpus) are read; the record format and the scorer are `br_eval`'s.

use br_eval::EvalItem;
use std::path::{Path, PathBuf};

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

/// Reads a JSON-lines evaluation file under `shared_dir()/eval`, panicking
/// with the path on any error (a test fixture is missing or malformed).
pub fn load_eval(file_name: &str) -> Vec<EvalItem> {
    load_labelled(
        &shared_dir().join("eval").join(file_name),
        "set BARRAISER_SHARED",
    )
}

/// Reads one split of the committed corpus (`tests/corpus/<split>.jsonl`:
/// train, dev or test).
pub fn load_corpus(split: &str) -> Vec<EvalItem> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("corpus/{split}.jsonl"));
    load_labelled(&path, "the splits are committed under tests/corpus")
}

fn load_labelled(path: &Path, hint: &str) -> Vec<EvalItem> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {} ({hint}): {e}", path.display()));
    br_eval::parse_jsonl(&text)
        .unwrap_or_else(|e| panic!("{}:{}: {}", path.display(), e.line, e.message))
}
