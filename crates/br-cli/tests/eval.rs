//! `barraiser eval` on small labelled files: the table, the JSON object, and
//! the errors for a missing file and a malformed line.

use std::path::Path;
use std::process::{Command, Output};

const RECORD: &str = r#"{"id": "t-1", "question": "Tell me about a time you fixed something.", "principle": "Ownership", "transcript": "Um, I fixed it.", "labels": {"situation": false, "task": false, "action": true, "result": false, "result_quantified": false, "fillers": [{"word": "um", "count": 1}], "filler_total": 1, "i_count": 1, "we_count": 0, "hypothetical": false, "star_spans": {"situation": null, "task": null, "action": [4, 15], "result": null}}, "expected_followup": "ask_situation"}"#;

fn eval(file: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_barraiser"))
        .arg("eval")
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("answers.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn scores_a_labelled_file_as_a_table_and_as_one_json_object() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), &format!("{RECORD}\n"));

    let out = eval(&file, &[]);
    assert!(out.status.success(), "{out:?}");
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("answers: 1\n"), "{table}");
    for row in ["fillers", "situation", "quantified Result", "I/we exact"] {
        assert!(table.contains(row), "no {row} row in\n{table}");
    }
    assert!(table.contains("expected (rows) x got (columns)"), "{table}");

    let out = eval(&file, &["--json"]);
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["answers"], 1);
    assert_eq!(json["fillers"]["by_word"]["um"]["tp"], 1);
    assert_eq!(json["first_followup"]["kinds"][0], "ask_situation");
}

#[test]
fn a_malformed_line_is_named_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = RECORD.replace("\"ask_situation\"", "\"ask_more\"");
    let file = write(dir.path(), &format!("{RECORD}\n{bad}\n"));
    let out = eval(&file, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let want = format!(
        "barraiser: {}:2: unknown variant `ask_more`",
        file.display()
    );
    assert!(err.starts_with(&want), "{err}");
}

#[test]
fn a_missing_or_empty_file_says_what_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let out = eval(&dir.path().join("none.jsonl"), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("cannot read") && err.contains("give a labelled JSONL file"),
        "{err}"
    );

    let out = eval(&write(dir.path(), "\n"), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("holds no labelled answers"), "{err}");
}
