//! Fillers heard end to end in voices the pipeline was never tuned on:
//! `scripts/make-filler-audio.py` speaks `tests/audio-fillers/scripts.jsonl`
//! (28 answers, 223 labelled fillers) in sixteen synthetic voices, and
//! `barraiser eval-audio --json` transcribes and analyses each recording as
//! `barraiser answer` would. Run with `--nocapture` to see the figures.
//!
//! The assertions are floors a little under what this pipeline measured
//! (recall 0.807, precision 0.971; "uh" 0.40, every other type >= 0.79), a
//! guard against regressions; issue 14's goals (recall and precision >= 0.95,
//! every type >= 0.85) are not met yet: Whisper tiny.en drops or mishears
//! most "uh" in these voices.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn model() -> PathBuf {
    std::env::var_os("BARRAISER_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/models/ggml-tiny.en.bin"))
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn tally(v: &Value) -> (f64, f64, u64) {
    let tp = v["tp"].as_u64().unwrap();
    (
        v["recall"].as_f64().unwrap(),
        v["precision"].as_f64().unwrap(),
        tp,
    )
}

#[test]
fn fillers_are_heard_in_voices_the_pipeline_was_not_tuned_on() {
    let out = tempfile::tempdir().unwrap();
    run(Command::new("python3")
        .arg(root().join("scripts/make-filler-audio.py"))
        .arg("--out")
        .arg(out.path()));
    let json = run(Command::new(env!("CARGO_BIN_EXE_barraiser"))
        .args(["eval-audio", "--json", "--model"])
        .arg(model())
        .arg(out.path().join("new")));
    let card: Value = serde_json::from_str(&json).unwrap();

    let (recall, precision, _) = tally(&card["fillers"]["overall"]);
    println!(
        "{} recordings: filler recall {recall:.3}, precision {precision:.3}",
        card["recordings"]
    );
    let by_word = card["fillers"]["by_word"].as_object().unwrap();
    for (word, t) in by_word {
        let (r, p, tp) = tally(t);
        println!("  {word:<10} recall {r:.3} precision {p:.3} ({tp} found)");
    }
    for (voice, t) in card["by_voice"].as_object().unwrap() {
        let (r, p, _) = tally(t);
        println!("  {voice:<30} recall {r:.3} precision {p:.3}");
    }
    println!("hesitations heard as: {}", card["hesitations"]);

    assert_eq!(card["recordings"], 84, "three voices per script");
    assert!(recall >= 0.78, "filler recall {recall:.3} < 0.78");
    assert!(precision >= 0.95, "filler precision {precision:.3} < 0.95");
    for (word, floor) in [
        ("um", 0.7),
        ("uh", 0.35),
        ("hmm", 0.75),
        ("like", 0.85),
        ("you know", 0.9),
        ("so", 0.75),
        ("kind of", 0.9),
        ("i mean", 0.9),
        ("basically", 0.95),
        ("right", 0.7),
    ] {
        let (r, _, _) = tally(&by_word[word]);
        assert!(r >= floor, "{word}: recall {r:.3} < {floor}");
    }
}
