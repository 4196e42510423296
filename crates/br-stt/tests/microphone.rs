//! The real-microphone test: records through cpal's default input while a
//! WAV is played into a PulseAudio virtual microphone
//! (`shared/scripts/virtual-mic.sh`), transcribing live, and checks the words.
//!
//! It needs PulseAudio, so it runs only with `BARRAISER_VMIC=1`; elsewhere
//! it returns at once. scripts/test.sh brings the virtual microphone up
//! before any test opens an audio device and sets the variable; the test
//! runs `virtual-mic.sh up` again, which only resynchronizes a running one,
//! and leaves stopping it to whoever started it.

use br_audio::{Recorder, Source};
use br_eval::word_error_rate;
use br_stt::{ChunkConfig, EngineConfig, LiveTranscriber, SttEngine};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn shared() -> PathBuf {
    std::env::var_os("BARRAISER_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn vmic(args: &[&str]) {
    let script = shared().join("scripts/virtual-mic.sh");
    let status = Command::new("bash")
        .arg(&script)
        .args(args)
        .status()
        .expect("run virtual-mic.sh");
    assert!(status.success(), "virtual-mic.sh {args:?} failed");
}

#[test]
fn records_a_virtual_microphone_and_transcribes_it_live() {
    if std::env::var_os("BARRAISER_VMIC").is_none_or(|v| v != "1") {
        eprintln!("skipped: set BARRAISER_VMIC=1 to record from a PulseAudio virtual microphone");
        return;
    }
    vmic(&["up"]);
    let model = std::env::var_os("BARRAISER_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| shared().join("models/ggml-tiny.en.bin"));
    let engine = Arc::new(SttEngine::load(&EngineConfig::new(&model)).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mic.wav");

    let live = LiveTranscriber::start(engine.clone(), ChunkConfig::DEFAULT).unwrap();
    let recorder = Recorder::start(
        &Source::Microphone { device: None },
        &out,
        Some(live.listener()),
    )
    .unwrap();
    // Play only once audio flows, or the first words are lost.
    let waiting = Instant::now();
    while recorder.level().elapsed_s == 0.0 {
        assert!(
            waiting.elapsed() < Duration::from_secs(5),
            "the microphone delivered no audio"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    vmic(&[
        "play",
        shared().join("audio/real/jfk.wav").to_str().unwrap(),
    ]);
    std::thread::sleep(Duration::from_millis(500));
    let recording = recorder.stop().unwrap();
    let answer = live.finish().unwrap().spoken;

    let jfk = "And so my fellow Americans, ask not what your country can do for you, \
               ask what you can do for your country.";
    let wer = word_error_rate(jfk, &answer.transcript.text);
    println!(
        "virtual microphone {} : {:.1} s recorded, transcript {:?} (WER {wer:.3})",
        recording.device, recording.duration_s, answer.transcript.text
    );
    assert!(recording.device_error.is_none());
    assert!(recording.duration_s >= 11.0, "{}", recording.duration_s);
    assert!(wer <= 0.1, "{}", answer.transcript.text);
    // The file on disk holds the same audio, unfiltered, as a valid WAV.
    let on_disk = br_audio::read_wav(&out).unwrap();
    assert_eq!(on_disk.len() as f64 / 16_000.0, recording.duration_s);
}
