//! `barraiser bench live`: measures the live pipeline on a WAV file.
//!
//! The file is replayed through the recorder as if a microphone delivered it
//! (at `--speed` times real time) with the live transcriber listening, as in
//! a real answer. Then the same file is transcribed as a file (cut at the
//! same pauses, as `barraiser transcribe` does) and in one whisper.cpp pass,
//! for comparison. Numbers are printed, never asserted: timing depends on
//! the machine.
//!
//! `--pause-before-stop` adds the silence a candidate leaves between their
//! last word and pressing stop; the live transcriber uses such a pause to
//! decode the tail, so the default of 0 measures the worst case.

use crate::cmd::speech::{load_engine, ModelArgs};
use crate::output::print_json;
use br_audio::{Recorder, Source};
use br_stt::{transcribe_file, word_error_rate, ChunkConfig, LiveTranscriber};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    bench: Bench,
}

#[derive(Debug, clap::Subcommand)]
enum Bench {
    /// Replay a WAV through the live pipeline and time the transcript.
    Live(LiveArgs),
}

#[derive(Debug, clap::Args)]
struct LiveArgs {
    #[command(flatten)]
    model: ModelArgs,
    /// The answer to replay.
    #[arg(long, value_name = "FILE.wav")]
    wav: PathBuf,
    /// Replay speed, in multiples of real time.
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Seconds of silence between the last word and stop.
    #[arg(long, value_name = "SECONDS", default_value_t = 0.0)]
    pause_before_stop: f64,
    /// Print exactly one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Serialize)]
struct LiveReport {
    audio_s: f64,
    /// From the end of the audio to the complete transcript.
    stop_to_transcript_ms: f64,
    /// From the end of the audio to the analysis of the transcript.
    stop_to_feedback_ms: f64,
    /// Seconds of audio still to decode at stop.
    decoded_at_stop_s: f64,
    /// CPU time of the whole live run (capture and transcription).
    cpu_s: Option<f64>,
    /// Peak resident memory of the process during the live run.
    peak_rss_mb: Option<f64>,
    /// Word error rate of the live transcript against transcribing the file.
    wer_vs_offline: f64,
    /// Transcribing the same file after the recording (`transcribe`).
    offline_ms: f64,
    offline_rtf: f64,
    /// One whisper.cpp pass over the whole file, whose 30-second windows
    /// carry earlier text forward (long answers lose sentences that way).
    one_pass_ms: f64,
    wer_live_vs_one_pass: f64,
    /// CPU seconds per second of audio in the live run.
    live_cpu_rtf: Option<f64>,
    chunks: usize,
    speed: f64,
    pause_before_stop_s: f64,
    threads: usize,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let Bench::Live(args) = args.bench;
    let engine = Arc::new(load_engine(&args.model, None)?);
    let scratch = std::env::temp_dir().join(format!("barraiser-bench-{}.wav", std::process::id()));

    let replayed =
        std::env::temp_dir().join(format!("barraiser-bench-replay-{}.wav", std::process::id()));
    let wav = if args.pause_before_stop > 0.0 {
        let mut samples = br_audio::read_wav(&args.wav)?;
        let n_silent = (args.pause_before_stop * f64::from(br_audio::SAMPLE_RATE)) as usize;
        samples.resize(samples.len() + n_silent, 0.0);
        br_audio::write_wav(&replayed, &samples)?;
        replayed.clone()
    } else {
        args.wav.clone()
    };

    let cpu_before = cpu_seconds();
    let live = LiveTranscriber::start(engine.clone(), ChunkConfig::DEFAULT)?;
    let source = Source::Replay {
        wav,
        speed: args.speed,
    };
    let recorder = Recorder::start(&source, &scratch, Some(live.listener()))?;
    let recording = recorder.wait()?;
    let chunks = live.progress().chunks;
    let finished = live.finish()?;
    let transcript_at = Instant::now();
    let answer = finished.spoken;
    let analysis = br_core::analyze(&answer.analysis_input(None, None));
    let feedback_at = Instant::now();
    let cpu_s = cpu_before
        .zip(cpu_seconds())
        .map(|(before, after)| after - before);
    let peak_rss_mb = peak_rss_mb();
    std::hint::black_box(&analysis);
    let _ = std::fs::remove_file(&scratch);
    let _ = std::fs::remove_file(&replayed);

    let offline_start = Instant::now();
    let offline = transcribe_file(&engine, &args.wav)?;
    let offline_s = offline_start.elapsed().as_secs_f64();
    let one_pass_start = Instant::now();
    let one_pass = engine.transcribe(&br_audio::read_wav(&args.wav)?)?;
    let one_pass_s = one_pass_start.elapsed().as_secs_f64();

    let audio_s = recording.duration_s;
    let report = LiveReport {
        audio_s,
        stop_to_transcript_ms: (transcript_at - recording.stopped_at).as_secs_f64() * 1000.0,
        stop_to_feedback_ms: (feedback_at - recording.stopped_at).as_secs_f64() * 1000.0,
        decoded_at_stop_s: finished.decoded_at_stop_s,
        cpu_s,
        peak_rss_mb,
        wer_vs_offline: word_error_rate(&offline.transcript.text, &answer.transcript.text),
        offline_ms: offline_s * 1000.0,
        offline_rtf: offline_s / audio_s,
        one_pass_ms: one_pass_s * 1000.0,
        wer_live_vs_one_pass: word_error_rate(&one_pass.text, &answer.transcript.text),
        live_cpu_rtf: cpu_s.map(|cpu| cpu / audio_s),
        chunks: chunks + 1,
        speed: args.speed,
        pause_before_stop_s: args.pause_before_stop,
        threads: engine.threads(),
    };
    if args.json {
        return print_json(&report);
    }
    println!(
        "audio                 {:>8.1} s (replayed at {}x)",
        report.audio_s, report.speed
    );
    println!(
        "pause before stop     {:>8.1} s",
        report.pause_before_stop_s
    );
    println!(
        "stop -> transcript    {:>8.0} ms",
        report.stop_to_transcript_ms
    );
    println!(
        "stop -> feedback      {:>8.0} ms",
        report.stop_to_feedback_ms
    );
    println!(
        "decoded at stop       {:>8.1} s of audio",
        report.decoded_at_stop_s
    );
    println!(
        "live CPU              {:>8.1} s",
        report.cpu_s.unwrap_or(f64::NAN)
    );
    println!(
        "peak RSS (live)       {:>8.1} MB",
        report.peak_rss_mb.unwrap_or(f64::NAN)
    );
    println!("chunks                {:>8}", report.chunks);
    println!(
        "WER live vs file      {:>8.2} %",
        report.wer_vs_offline * 100.0
    );
    println!(
        "file transcription    {:>8.0} ms (RTF {:.3})",
        report.offline_ms, report.offline_rtf
    );
    println!(
        "one whisper.cpp pass  {:>8.0} ms (WER vs live {:.2} %)",
        report.one_pass_ms,
        report.wer_live_vs_one_pass * 100.0
    );
    Ok(())
}

/// User plus system CPU time of this process so far.
fn cpu_seconds() -> Option<f64> {
    #[cfg(unix)]
    {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage only writes into the struct we pass.
        let usage = unsafe {
            if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
                return None;
            }
            usage.assume_init()
        };
        let seconds = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
        Some(seconds(usage.ru_utime) + seconds(usage.ru_stime))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Peak resident set size of this process so far, in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
