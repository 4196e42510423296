//! `barraiser models add` as a new user behind a firewall runs it: a
//! hand-downloaded `ggml-tiny.en.bin` into an empty data folder.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shared() -> PathBuf {
    std::env::var_os("BARRAISER_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn barraiser(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_barraiser"))
        .args(args)
        .env("BARRAISER_DATA_DIR", data_dir)
        .env_remove("BARRAISER_MODEL")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_hand_downloaded_tiny_en_is_added_on_a_fresh_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let file = downloads.path().join("ggml-tiny.en.bin");
    std::fs::copy(shared().join("models/ggml-tiny.en.bin"), &file).unwrap();
    let file = file.to_str().unwrap();

    let added = barraiser(data.path(), &["models", "add", file]);
    assert!(added.status.success(), "{}", text(&added.stderr));
    let said = text(&added.stdout);
    assert!(said.starts_with("Added tiny.en ("), "{said}");
    // This copy is a separate conversion: not the published bytes.
    assert!(
        said.contains("checksum differs from the published tiny.en"),
        "{said}"
    );

    let listed = barraiser(data.path(), &["models", "list", "--json"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(listed["default"]["name"], "tiny.en");
    let own: Vec<&Value> = listed["models"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["origin"] == "user")
        .collect();
    assert_eq!(own.len(), 1, "{listed}");
    assert_eq!(own[0]["name"], "tiny.en");
    assert_eq!(own[0]["differs_from_published"], true);

    let listed = text(&barraiser(data.path(), &["models", "list"]).stdout);
    assert!(listed.contains("own file"), "{listed}");

    // Adding it again names the real collision, and its hint works.
    let again = barraiser(data.path(), &["models", "add", file]);
    assert_eq!(again.status.code(), Some(1));
    let err = text(&again.stderr);
    assert!(err.contains("barraiser models remove tiny.en"), "{err}");
    let removed = barraiser(data.path(), &["models", "remove", "tiny.en"]);
    assert!(removed.status.success(), "{}", text(&removed.stderr));
    assert!(barraiser(data.path(), &["models", "add", file])
        .status
        .success());
}
