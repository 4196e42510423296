//! `barraiser record`: record an answer from a microphone to a WAV file.
//!
//! The file is written while recording and survives a crash: the next
//! `record` into the same folder repairs any recording an earlier run left
//! unfinished. Ctrl-C stops the recording and keeps the file.

use crate::output::print_json;
use anyhow::bail;
use br_audio::{Recorder, Recording, Source};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input device name (see `barraiser devices`); default: the system's.
    #[arg(long)]
    device: Option<String>,
    /// Stop after this many seconds (default: at Ctrl-C).
    #[arg(long)]
    seconds: Option<f64>,
    /// Where to write the recording (16 kHz mono 16-bit WAV).
    #[arg(long, value_name = "FILE.wav")]
    out: PathBuf,
    /// Play this WAV file into the recorder in real time instead of using a
    /// microphone (for tests on machines without audio hardware).
    #[arg(long, value_name = "FILE.wav", conflicts_with = "device")]
    replay: Option<PathBuf>,
    /// Print exactly one JSON object when done.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct RecordingJson<'a> {
    path: &'a Path,
    device: &'a str,
    duration_s: f64,
    speech_s: f64,
    pauses: &'a [br_core::text::Pause],
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let folder = args
        .out
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    for recovered in br_audio::recover_interrupted(folder)? {
        eprintln!(
            "barraiser: recovered {:.1} s of an interrupted recording in {}",
            recovered.duration_s,
            recovered.path.display()
        );
        if recovered.path == args.out {
            bail!(
                "{} holds a recovered recording; record into another file (--out) to keep it",
                args.out.display()
            );
        }
    }
    let source = match &args.replay {
        Some(wav) => Source::Replay {
            wav: wav.clone(),
            speed: 1.0,
        },
        None => Source::Microphone {
            device: args.device.clone(),
        },
    };
    let recording = record_until_stopped(&source, &args.out, args.seconds, None)?;
    if args.json {
        print_json(&RecordingJson {
            path: &recording.path,
            device: &recording.device,
            duration_s: recording.duration_s,
            speech_s: recording.timeline.speech_s,
            pauses: &recording.timeline.pauses,
        })?;
    } else {
        println!(
            "recorded {:.1} s from {} to {}",
            recording.duration_s,
            recording.device,
            recording.path.display()
        );
    }
    match recording.device_error {
        Some(err) => Err(err.into()),
        None => Ok(()),
    }
}

/// Records until Ctrl-C, `seconds`, the end of a replayed file or the loss
/// of the device, showing a level meter on a terminal.
pub fn record_until_stopped(
    source: &Source,
    out: &Path,
    seconds: Option<f64>,
    listener: Option<br_audio::AudioListener>,
) -> anyhow::Result<Recording> {
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))?;
    let recorder = Recorder::start(source, out, listener)?;
    let meter = std::io::stderr().is_terminal();
    if meter {
        eprintln!(
            "recording from {} - press Ctrl-C to stop",
            recorder.device()
        );
    }
    loop {
        let level = recorder.level();
        let due = seconds.is_some_and(|limit| level.elapsed_s >= limit);
        if level.finished || due || interrupted.load(Ordering::SeqCst) {
            break;
        }
        if meter {
            let bars = ((level.rms * 200.0).min(40.0)) as usize;
            eprint!("\r{:>6.1} s  [{:<40}]", level.elapsed_s, "#".repeat(bars));
            let _ = std::io::stderr().flush();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    if meter {
        eprintln!();
    }
    Ok(recorder.stop()?)
}
