//! `barraiser analyze`: the JSON contract (every field of an analysis
//! written before rule ids is still there; the values no STAR reading
//! touches, fillers and I/we counts, are the same) and `--explain`, which
//! names the rule behind every mark.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../br-core/tests/data/analysis-before-rule-ids.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON")
}

fn answer_file(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("answer.txt");
    std::fs::write(&path, text).expect("written");
    path
}

fn analyze(args: &[&str], file: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_barraiser"))
        .arg("analyze")
        .args(args)
        .arg(file)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Every key of `old`, recursively, as a path.
fn paths(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                paths(x, format!("{path}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                paths(x, format!("{path}/{i}"), out);
            }
        }
        _ => out.push(path),
    }
}

#[test]
fn the_json_keeps_every_field_of_an_older_analysis() {
    let fixture = fixture();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = answer_file(dir.path(), fixture["transcript"].as_str().expect("text"));
    let question = fixture["question"].as_str().expect("question");
    let new: Value =
        serde_json::from_str(&analyze(&["--json", "--question", question], &file)).expect("JSON");
    let mut old_paths = Vec::new();
    paths(&fixture["analysis"], String::new(), &mut old_paths);
    assert!(old_paths.len() > 50, "{}", old_paths.len());
    for path in old_paths {
        let old = fixture["analysis"].pointer(&path);
        if ["/fillers/", "/first_person/", "/hypothetical"]
            .iter()
            .any(|p| path.starts_with(p))
        {
            assert_eq!(old, new.pointer(&path), "{path} changed");
        } else {
            // STAR spans and what follows from them may change; the field
            // may not go (checked on the first element of each list).
            let first = path
                .split('/')
                .map(|part| {
                    if part.parse::<usize>().is_ok() {
                        "0"
                    } else {
                        part
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            assert!(new.pointer(&first).is_some(), "{path} is gone");
        }
    }
    assert!(new["checklist"]["items"].is_array());
    assert_eq!(new["checklist"]["limits"]["max_followup_depth"], 5);
}

#[test]
fn explain_names_a_known_rule_for_every_mark() {
    let text = "So, um, last year our billing job kept failing at night. My job was to fix it. \
        I rewrote the job, like, to load one month at a time, you know, and the billing team was \
        really happy.";
    let dir = tempfile::tempdir().expect("temp dir");
    let file = answer_file(dir.path(), text);
    let explained = analyze(&["--explain"], &file);
    let json: Value = serde_json::from_str(&analyze(&["--json"], &file)).expect("JSON");
    let known: Vec<String> = br_core::RuleId::ALL
        .iter()
        .filter(|r| **r != br_core::RuleId::Unrecorded)
        .map(|r| r.name())
        .collect();
    let mut section = "";
    let mut marks = std::collections::BTreeMap::<&str, usize>::new();
    for line in explained.lines() {
        if !line.starts_with(' ') {
            section = line.split(' ').next().unwrap_or("");
            continue;
        }
        if line.trim_end().ends_with("missing") && section == "STAR" {
            continue;
        }
        let rule = line
            .split('[')
            .nth(1)
            .and_then(|r| r.split(']').next())
            .unwrap_or_else(|| panic!("no rule on {line:?}"));
        assert!(
            known.iter().any(|k| k == rule),
            "unknown rule {rule} on {line:?}"
        );
        *marks.entry(section).or_default() += 1;
    }
    let count = |key: &str| {
        json.pointer(key)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    };
    assert_eq!(marks.get("Fillers"), Some(&count("/fillers/spans")));
    assert_eq!(marks.get("Findings"), Some(&count("/score/findings")));
    assert_eq!(marks.get("Follow-ups"), Some(&count("/followups")));
    assert_eq!(marks.get("Checklist"), Some(&count("/checklist/items")));
    assert!(explained.contains("[like_interjection]"), "{explained}");
    assert!(
        explained.contains(
            "Why the first follow-up: ask_metric (followup_unmeasured_result, README rule 4): \
             the Result has no number"
        ),
        "{explained}"
    );
}
