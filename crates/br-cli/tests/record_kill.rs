//! The kill -9 test: a `barraiser record` process killed mid-answer leaves a
//! WAV that the next run recovers with all but the last second.
//!
//! The recording is a WAV replayed in real time through the same pipeline a
//! microphone feeds (`record --replay`), so the test needs no audio hardware.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn shared() -> PathBuf {
    std::env::var_os("BARRAISER_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn wav_seconds(path: &Path) -> f64 {
    br_audio::read_wav(path).unwrap().len() as f64 / br_audio::SAMPLE_RATE as f64
}

#[test]
fn a_recording_killed_mid_answer_is_recovered_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let answer = dir.path().join("answer.wav");
    // A 60 s meeting excerpt, so the kill surely lands mid-answer.
    let speech = shared().join("audio/real/ami_ES2004_excerpt_mixture.wav");
    let mut child = Command::new(env!("CARGO_BIN_EXE_barraiser"))
        .args(["record", "--replay"])
        .arg(&speech)
        .arg("--out")
        .arg(&answer)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let waiting = Instant::now();
    while !answer.exists() {
        assert!(
            waiting.elapsed() < Duration::from_secs(10),
            "record never created its file"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(6));
    let spoken_s = started.elapsed().as_secs_f64();
    child.kill().unwrap(); // SIGKILL: no chance to finish the file
    child.wait().unwrap();
    assert!(
        br_audio::marker_path(&answer).exists(),
        "a killed recording leaves its marker"
    );

    let next = Command::new(env!("CARGO_BIN_EXE_barraiser"))
        .args(["record", "--replay"])
        .arg(shared().join("audio/real/jfk.wav"))
        .args(["--seconds", "1", "--out"])
        .arg(dir.path().join("next.wav"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&next.stderr);
    assert!(next.status.success(), "{stderr}");
    assert!(stderr.contains("recovered"), "{stderr}");
    assert!(!br_audio::marker_path(&answer).exists());
    let kept_s = wav_seconds(&answer);
    println!("killed after {spoken_s:.2} s of speech; recovered {kept_s:.2} s");
    assert!(
        kept_s >= spoken_s - 1.0 && kept_s <= spoken_s + 0.5,
        "kept {kept_s} of {spoken_s} s"
    );
}
