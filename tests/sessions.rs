//! Interview sessions end to end, with the real Whisper model and the shared
//! recordings: a round played from WAV files through the engine and stored
//! reads back identically; `barraiser practice --answers` plays a round that
//! `rounds`, `export` and `delete` then see; a `barraiser` killed with
//! SIGKILL mid-round leaves a round that can be resumed or closed; the CLI
//! reads while another connection writes without an error; and the HTML
//! report marks every filler (and, where Chromium is installed, renders).
//!
//! Whisper (here or in a `barraiser` child) uses every core, and ggml's
//! threads spin-wait on each other, so two transcribing tests at once slow
//! each other down many times over (a CI machine took 15 minutes for what
//! takes 5 in turn). The tests that transcribe take turns through one lock.

use br_app::Practice;
use br_core::{Principle, QuestionBank, Role};
use br_session::{Mode, PrincipleChoice, Round, RoundConfig, RoundRecord, RoundStatus, Stage};
use br_store::Store;
use br_stt::{transcribe_file, EngineConfig, SpokenAnswer, SttEngine};
use br_tests::shared_dir;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// The Whisper model: `$BARRAISER_MODEL`, else the shared tiny.en.
fn model_path() -> PathBuf {
    match std::env::var_os("BARRAISER_MODEL") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => shared_dir().join("models/ggml-tiny.en.bin"),
    }
}

/// Held by a test for as long as it (or a child it started) transcribes.
fn whisper_turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn tts(name: &str) -> PathBuf {
    shared_dir().join("audio/tts-fillers").join(name)
}

/// Answers for a round: filler-heavy, then a clean STAR answer, then more.
fn answer_files() -> Vec<PathBuf> {
    [
        "a1_project_en-us.wav",
        "a6_star_en-us.wav",
        "a5_conflict_en-us.wav",
        "a7_control_en-us.wav",
    ]
    .iter()
    .map(|f| tts(f))
    .collect()
}

/// The `barraiser` binary of this workspace, built once per test run.
fn barraiser() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "-p", "br-cli", "--bin", "barraiser"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building barraiser failed");
        // target/<profile>/deps/<this test> -> target/<profile>/barraiser
        let exe = std::env::current_exe().unwrap();
        let bin = exe
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join(format!("barraiser{}", std::env::consts::EXE_SUFFIX));
        assert!(bin.exists(), "no binary at {}", bin.display());
        bin
    })
}

fn cli(data_dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(barraiser());
    cmd.args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env("BARRAISER_MODEL", model_path())
        .env("NO_COLOR", "1");
    cmd
}

fn run_ok(mut cmd: Command) -> Output {
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    out
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn practice_args<'a>(files: &'a [PathBuf], questions: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "practice",
        "--role",
        "pm",
        "--principle",
        "dive-deep",
        "--questions",
        questions,
        "--seed",
        "7",
    ];
    args.extend_from_slice(extra);
    args.push("--answers");
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    args
}

#[test]
fn a_round_played_from_wav_files_reads_back_identically() {
    let _turn = whisper_turn();
    let engine =
        SttEngine::load(&EngineConfig::new(&model_path())).expect("the Whisper model loads");
    let dir = tempfile::tempdir().unwrap();
    let practice = Practice::new(Store::open(dir.path()).unwrap());
    let config = RoundConfig {
        role: Role::Tpm,
        principles: PrincipleChoice::Chosen(vec![Principle::DeliverResults, Principle::DiveDeep]),
        n_questions: 2,
        mode: Mode::Practice,
        allow_repeats: false,
    };
    let started = practice
        .start_round(&QuestionBank::builtin(), config, 11, 1_000)
        .unwrap();
    let round_id = started.id;
    let mut round = started.round;

    let files = answer_files();
    let mut next_file = files.iter().cycle();
    let mut at_ms = 1_000;
    while !matches!(round.stage(), Stage::Finished { .. }) {
        at_ms += 1_000;
        round = match round.stage().clone() {
            Stage::Finished { .. } => unreachable!("checked by the loop"),
            Stage::SelfRating { .. } => practice.step(at_ms, |round| round.rate(Some(2))),
            Stage::Answer { prompt } if prompt.depth == 2 => {
                practice.step(at_ms, |round| round.skip(at_ms).map(|_| ()))
            }
            Stage::Answer { .. } => {
                let pending = practice.begin_answer().unwrap();
                let source = next_file.next().unwrap();
                br_audio::write_wav(&pending.file, &br_audio::read_wav(source).unwrap()).unwrap();
                let spoken = transcribe_file(&engine, &pending.file).unwrap();
                practice
                    .answer(&pending, spoken, at_ms)
                    .map(|(_, active)| active)
            }
        }
        .unwrap()
        .round;
    }
    drop(practice);

    let store = Store::open(dir.path()).unwrap();
    let record = store.load_round(round_id).unwrap();
    assert_eq!(record.status, RoundStatus::Completed);
    assert_eq!(
        record.turns,
        round.turns(),
        "transcripts, word times, timelines and analyses read back equal"
    );
    let first = record.turns[0].answer.as_ref().unwrap();
    assert!(!first.words.is_empty() && first.timeline.as_ref().unwrap().speech_s > 1.0);
    let recording = first.recording.as_ref().unwrap();
    assert!(store.recording_file(recording).exists());
    assert_eq!(
        Some(recording.duration_s),
        first.timeline.as_ref().map(|t| t.duration_s),
        "the stored length is the timeline's"
    );
    assert_eq!(Round::resume(record).unwrap().summary(), round.summary());
}

#[test]
fn practice_from_files_then_list_show_export_and_delete() {
    let _turn = whisper_turn();
    let dir = tempfile::tempdir().unwrap();
    let files = answer_files();
    let played = json(&run_ok(cli(
        dir.path(),
        &practice_args(&files, "2", &["--json"]),
    )));
    let round_id = played["round_id"].as_i64().unwrap();
    assert!(["completed", "ended_early"].contains(&played["status"].as_str().unwrap()));
    assert!(played["summary"]["main_answers"].as_u64().unwrap() >= 1);

    let listed = json(&run_ok(cli(dir.path(), &["rounds", "list", "--json"])));
    assert_eq!(listed["rounds"][0]["id"].as_i64(), Some(round_id));

    let shown = json(&run_ok(cli(
        dir.path(),
        &["rounds", "show", &round_id.to_string(), "--json"],
    )));
    let turns = shown["round"]["turns"].as_array().unwrap();
    let answered: Vec<&Value> = turns.iter().filter(|t| !t["answer"].is_null()).collect();
    assert_eq!(
        answered.len(),
        files.len().min(turns.len()),
        "every file answered one prompt, in order"
    );
    let fillers: u64 = answered
        .iter()
        .map(|t| {
            t["answer"]["analysis"]["fillers"]["total"]
                .as_u64()
                .unwrap()
        })
        .sum();
    assert!(fillers > 0, "the filler-heavy answers keep some fillers");

    // The HTML report marks every filler (the legend holds one more mark).
    let html_path = dir.path().join("report.html");
    let id = round_id.to_string();
    run_ok(cli(
        dir.path(),
        &[
            "export",
            &id,
            "--format",
            "html",
            "--out",
            html_path.to_str().unwrap(),
        ],
    ));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert_eq!(
        html.matches("<mark class=\"filler\"").count() as u64,
        fillers + 1
    );
    for turn in &answered {
        let question = turn["prompt"].as_str().unwrap();
        let escaped = question
            .replace('&', "&amp;")
            .replace('\'', "&#39;")
            .replace('"', "&quot;");
        assert!(
            html.contains(&escaped),
            "the report lacks the prompt {question:?}"
        );
    }
    screenshot_if_chromium(&html_path);

    let md_path = dir.path().join("report.md");
    run_ok(cli(
        dir.path(),
        &[
            "export",
            &id,
            "--format",
            "md",
            "--out",
            md_path.to_str().unwrap(),
        ],
    ));
    assert_eq!(
        std::fs::read_to_string(&md_path)
            .unwrap()
            .matches("**[")
            .count() as u64,
        fillers
    );

    let progress = json(&run_ok(cli(
        dir.path(),
        &["progress", "--principle", "dive-deep", "--json"],
    )));
    assert_eq!(progress["rounds"][0]["round_id"].as_i64(), Some(round_id));

    let recordings = dir
        .path()
        .join("recordings")
        .join(format!("round-{round_id}"));
    assert_eq!(
        std::fs::read_dir(&recordings).unwrap().count(),
        answered.len()
    );
    let deleted = json(&run_ok(cli(
        dir.path(),
        &["rounds", "delete", &id, "--json"],
    )));
    assert_eq!(
        deleted["recordings_removed"].as_u64(),
        Some(answered.len() as u64)
    );
    assert!(!recordings.exists());
    assert!(
        files.iter().all(|f| f.exists()),
        "the source files are never touched"
    );
    let listed = json(&run_ok(cli(dir.path(), &["rounds", "list", "--json"])));
    assert_eq!(listed["rounds"].as_array().unwrap().len(), 0);
}

/// Renders the report in headless Chromium when it is installed; CI
/// installs it (`scripts/setup.sh`), a bare machine skips with a notice.
fn screenshot_if_chromium(html: &Path) {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        println!("notice: /usr/bin/chromium is not installed; skipping the HTML screenshot check");
        return;
    }
    let png = html.with_extension("png");
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1000,1400",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&png).expect("chromium wrote the screenshot");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "a blank or tiny screenshot"
    );
}

/// Waits until the round in `data_dir` has at least `n_turns` stored turns.
fn wait_for_turns(data_dir: &Path, n_turns: usize, child: &mut std::process::Child) -> RoundRecord {
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "barraiser ended before it was killed"
        );
        if data_dir.join(br_store::DB_FILE).exists() {
            let store = Store::open(data_dir).unwrap();
            if let Some(listing) = store.list_rounds().unwrap().first() {
                let record = store.load_round(listing.id).unwrap();
                if record.turns.len() >= n_turns {
                    return record;
                }
            }
        }
        assert!(Instant::now() < deadline, "no progress from barraiser");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_practice_killed_mid_round_can_be_resumed_or_closed() {
    let _turn = whisper_turn();
    // One question: at most six prompts, so six files finish any round.
    let files: Vec<PathBuf> = answer_files().into_iter().cycle().take(6).collect();
    for resume in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let mut child = cli(dir.path(), &practice_args(&files, "1", &["--json"]))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let before = wait_for_turns(dir.path(), 2, &mut child);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let listed = json(&run_ok(cli(dir.path(), &["rounds", "list", "--json"])));
        let round = &listed["rounds"][0];
        assert_eq!(round["status"], "open", "a killed round is listed as open");
        let id = round["id"].as_i64().unwrap().to_string();
        let shown = json(&run_ok(cli(dir.path(), &["rounds", "show", &id, "--json"])));
        assert!(shown["round"]["turns"].as_array().unwrap().len() >= before.turns.len());

        if resume {
            let rest: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
            let mut args = vec!["practice", "--resume", &id, "--json", "--answers"];
            args.extend(rest);
            let finished = json(&run_ok(cli(dir.path(), &args)));
            assert_eq!(finished["round_id"].as_i64().unwrap().to_string(), id);
            assert_eq!(finished["status"], "completed");
        } else {
            let closed = json(&run_ok(cli(
                dir.path(),
                &["rounds", "close", &id, "--json"],
            )));
            assert_eq!(closed["status"], "abandoned");
            let out = cli(
                dir.path(),
                &[
                    "practice",
                    "--resume",
                    &id,
                    "--answers",
                    files[0].to_str().unwrap(),
                ],
            )
            .output()
            .unwrap();
            assert!(!out.status.success(), "a closed round is not resumed");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("only open rounds can be resumed")
            );
        }
        let store = Store::open(dir.path()).unwrap();
        let integrity: String = rusqlite::Connection::open(dir.path().join(br_store::DB_FILE))
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        assert_ne!(store.list_rounds().unwrap()[0].status, RoundStatus::Open);
    }
}

#[test]
fn the_cli_reads_while_the_app_writes() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_path_buf();
    Store::open(&data_dir).unwrap();
    let writer = std::thread::spawn(move || {
        let practice = Practice::new(Store::open(&data_dir).unwrap());
        let config = RoundConfig {
            role: Role::Pm,
            principles: PrincipleChoice::Surprise,
            n_questions: 3,
            mode: Mode::Loop,
            allow_repeats: true,
        };
        for seed in 0..6u64 {
            let mut round = practice
                .start_round(&QuestionBank::builtin(), config.clone(), seed, seed as i64)
                .unwrap()
                .round;
            let mut at_ms = 0;
            while !matches!(round.stage(), Stage::Finished { .. }) {
                at_ms += 1;
                round = match round.stage().clone() {
                    Stage::SelfRating { .. } => {
                        practice.step(at_ms, |round| round.rate(Some(3))).unwrap()
                    }
                    _ => {
                        let text = "Um, I led the migration and we cut costs by 20 percent in three months.";
                        let pending = practice.begin_answer().unwrap();
                        practice
                            .answer(&pending, spoken_text(text), at_ms)
                            .unwrap()
                            .1
                    }
                }
                .round;
            }
        }
    });
    let mut n_reads = 0;
    while !writer.is_finished() || n_reads < 3 {
        let listed = json(&run_ok(cli(dir.path(), &["rounds", "list", "--json"])));
        if let Some(latest) = listed["rounds"].as_array().unwrap().first() {
            let id = latest["id"].as_i64().unwrap().to_string();
            run_ok(cli(dir.path(), &["rounds", "show", &id, "--json"]));
        }
        run_ok(cli(dir.path(), &["progress", "--json"]));
        n_reads += 1;
    }
    writer.join().unwrap();
    let listed = json(&run_ok(cli(dir.path(), &["rounds", "list", "--json"])));
    assert_eq!(listed["rounds"].as_array().unwrap().len(), 6);
}

/// `text` as a transcriber would hear it, words half a second apart.
fn spoken_text(text: &str) -> SpokenAnswer {
    let words: Vec<br_core::TimedWord> = text
        .split_whitespace()
        .enumerate()
        .map(|(idx, w)| br_core::TimedWord {
            word: w.into(),
            start: idx as f64 * 0.5,
            end: idx as f64 * 0.5 + 0.4,
        })
        .collect();
    let duration_s = words.len() as f64 * 0.5;
    SpokenAnswer {
        transcript: br_stt::Transcript {
            text: text.into(),
            duration_s,
            segments: Vec::new(),
            words,
        },
        timeline: br_core::SpeechTimeline {
            duration_s,
            speech_s: duration_s,
            pauses: Vec::new(),
        },
        hesitations: Vec::new(),
    }
}
