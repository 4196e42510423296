//! `barraiser bench live`: measures the live pipeline on a WAV file.
//!
//! The file is replayed through the recorder as if a microphone delivered it
//! (at `--speed` times real time) with the live transcriber listening, as in
//! a real answer. Numbers are printed, never asserted: timing depends on the
//! machine.
//!
//! One run replays the whole file and stops at its end; it gives the CPU
//! time of live transcription (against transcribing the file once, cut at
//! the same pauses as `barraiser transcribe` does), the peak memory and the
//! word error rate of the live transcript against the file's.
//!
//! `--stops N` adds N stops at spread-out places in the file (the candidate
//! may press stop anywhere, mid-breath included): each is a replay of the
//! file up to that point, once stopped right there and once after
//! `--pause-before-stop` seconds of silence. The report gives the p50 and
//! p95 of the stop-to-transcript latency of each kind.

use crate::cmd::speech::{load_engine, ModelArgs};
use crate::output::print_json;
use br_audio::{Recorder, Source};
use br_eval::word_error_rate;
use br_stt::{transcribe_file, ChunkConfig, LiveTranscriber, SttEngine};
use serde::Serialize;
use std::path::{Path, PathBuf};
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
    /// Also stop at N places spread over the file, each with and without a
    /// pause before stop.
    #[arg(long, value_name = "N", default_value_t = 0)]
    stops: usize,
    /// Seconds of silence between the last word and stop, for the stops
    /// "with a pause".
    #[arg(long, value_name = "SECONDS", default_value_t = 1.5)]
    pause_before_stop: f64,
    /// Print exactly one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Serialize)]
struct LiveReport {
    audio_s: f64,
    speed: f64,
    threads: usize,
    /// The replay of the whole file, stopped at its end.
    full: FullRun,
    /// Stops spread over the file, right after speech.
    no_pause: Option<Latency>,
    /// The same stops after a pause of `pause_before_stop_s`.
    with_pause: Option<Latency>,
    pause_before_stop_s: f64,
}

#[derive(Debug, Serialize)]
struct FullRun {
    /// From the end of the audio to the complete transcript.
    stop_to_transcript_ms: f64,
    /// From the end of the audio to the analysis of the transcript.
    stop_to_feedback_ms: f64,
    /// Seconds of audio still to decode at stop.
    decoded_at_stop_s: f64,
    /// CPU time of the live run (capture and transcription).
    live_cpu_s: Option<f64>,
    /// CPU time of transcribing the same file once (`transcribe`).
    file_cpu_s: Option<f64>,
    /// `live_cpu_s / file_cpu_s`.
    cpu_ratio: Option<f64>,
    /// Peak resident memory of the process during the live run.
    peak_rss_mb: Option<f64>,
    /// Word error rate of the live transcript against the file's.
    wer_vs_file: f64,
    file_ms: f64,
    chunks: usize,
}

/// Stop-to-transcript latency over several stops.
#[derive(Debug, Serialize)]
struct Latency {
    p50_ms: f64,
    p95_ms: f64,
    max_ms: f64,
    /// Mean word error rate against transcribing the same audio as a file.
    mean_wer_vs_file: f64,
    stops: Vec<Stop>,
}

#[derive(Debug, Serialize)]
struct Stop {
    /// Where in the file the answer stopped.
    at_s: f64,
    stop_to_transcript_ms: f64,
    decoded_at_stop_s: f64,
    wer_vs_file: f64,
}

/// One live replay: what the candidate would have waited for, and what
/// they would have got.
struct Replayed {
    stop_to_transcript_ms: f64,
    stop_to_feedback_ms: f64,
    decoded_at_stop_s: f64,
    transcript: String,
    chunks: usize,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let Bench::Live(args) = args.bench;
    let engine = Arc::new(load_engine(&args.model, None)?);
    let samples = br_audio::read_wav(&args.wav)?;
    let audio_s = samples.len() as f64 / f64::from(br_audio::SAMPLE_RATE);
    let scratch = Scratch::new();

    let cpu_before = cpu_seconds();
    let live = replay(&engine, &args.wav, args.speed, &scratch)?;
    let live_cpu_s = cpu_before.zip(cpu_seconds()).map(|(b, a)| a - b);
    let peak_rss_mb = peak_rss_mb();
    let cpu_before = cpu_seconds();
    let file_start = Instant::now();
    let file = transcribe_file(&engine, &args.wav)?;
    let file_ms = file_start.elapsed().as_secs_f64() * 1000.0;
    let file_cpu_s = cpu_before.zip(cpu_seconds()).map(|(b, a)| a - b);
    let full = FullRun {
        stop_to_transcript_ms: live.stop_to_transcript_ms,
        stop_to_feedback_ms: live.stop_to_feedback_ms,
        decoded_at_stop_s: live.decoded_at_stop_s,
        live_cpu_s,
        file_cpu_s,
        cpu_ratio: live_cpu_s.zip(file_cpu_s).map(|(l, f)| l / f),
        peak_rss_mb,
        wer_vs_file: word_error_rate(&file.transcript.text, &live.transcript),
        file_ms,
        chunks: live.chunks,
    };

    let mut no_pause = Vec::new();
    let mut with_pause = Vec::new();
    for at_s in stop_points(audio_s, args.stops) {
        let n = (at_s * f64::from(br_audio::SAMPLE_RATE)) as usize;
        let prefix = &samples[..n];
        br_audio::write_wav(&scratch.prefix, prefix)?;
        let reference = transcribe_file(&engine, &scratch.prefix)?.transcript.text;
        let mut paused = prefix.to_vec();
        paused.resize(n + (args.pause_before_stop * 16_000.0) as usize, 0.0);
        for (stops, audio) in [(&mut no_pause, prefix), (&mut with_pause, &paused[..])] {
            br_audio::write_wav(&scratch.prefix, audio)?;
            let run = replay(&engine, &scratch.prefix, args.speed, &scratch)?;
            stops.push(Stop {
                at_s,
                stop_to_transcript_ms: run.stop_to_transcript_ms,
                decoded_at_stop_s: run.decoded_at_stop_s,
                wer_vs_file: word_error_rate(&reference, &run.transcript),
            });
        }
    }
    let report = LiveReport {
        audio_s,
        speed: args.speed,
        threads: engine.threads(),
        full,
        no_pause: Latency::over(no_pause),
        with_pause: Latency::over(with_pause),
        pause_before_stop_s: args.pause_before_stop,
    };
    if args.json {
        return print_json(&report);
    }
    print_report(&report);
    Ok(())
}

/// Replays `wav` through the recorder into a live transcriber and stops
/// at its end.
fn replay(
    engine: &Arc<SttEngine>,
    wav: &Path,
    speed: f64,
    scratch: &Scratch,
) -> anyhow::Result<Replayed> {
    let live = LiveTranscriber::start(engine.clone(), ChunkConfig::DEFAULT)?;
    let source = Source::Replay {
        wav: wav.to_path_buf(),
        speed,
    };
    let recorder = Recorder::start(&source, &scratch.recording, Some(live.listener()))?;
    let recording = recorder.wait()?;
    let chunks = live.progress().chunks;
    let finished = live.finish()?;
    let transcript_at = Instant::now();
    let analysis = br_core::analyze(&finished.spoken.analysis_input(None, None));
    let feedback_at = Instant::now();
    std::hint::black_box(&analysis);
    let ms = |at: Instant| (at - recording.stopped_at).as_secs_f64() * 1000.0;
    Ok(Replayed {
        stop_to_transcript_ms: ms(transcript_at),
        stop_to_feedback_ms: ms(feedback_at),
        decoded_at_stop_s: finished.decoded_at_stop_s,
        transcript: finished.spoken.transcript.text,
        chunks: chunks + 1,
    })
}

/// `n` stop points spread over the file: a low-discrepancy sequence (the
/// golden-ratio steps) between 15 s, so there is something to decode
/// before, and the end. Deterministic, so runs compare.
fn stop_points(audio_s: f64, n: usize) -> Vec<f64> {
    const GOLDEN: f64 = 0.618_033_988_749_895;
    let first = 15.0_f64.min(audio_s / 2.0);
    (0..n)
        .map(|k| first + ((0.5 + k as f64 * GOLDEN) % 1.0) * (audio_s - first))
        .collect()
}

impl Latency {
    fn over(stops: Vec<Stop>) -> Option<Latency> {
        if stops.is_empty() {
            return None;
        }
        let mut ms: Vec<f64> = stops.iter().map(|s| s.stop_to_transcript_ms).collect();
        ms.sort_by(f64::total_cmp);
        Some(Latency {
            p50_ms: percentile(&ms, 0.50),
            p95_ms: percentile(&ms, 0.95),
            max_ms: ms[ms.len() - 1],
            mean_wer_vs_file: stops.iter().map(|s| s.wer_vs_file).sum::<f64>() / stops.len() as f64,
            stops,
        })
    }
}

/// The nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Scratch files of one bench run, removed at the end.
struct Scratch {
    recording: PathBuf,
    prefix: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let name = |what: &str| {
            std::env::temp_dir().join(format!("barraiser-bench-{what}-{}.wav", std::process::id()))
        };
        Scratch {
            recording: name("recording"),
            prefix: name("prefix"),
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.recording);
        let _ = std::fs::remove_file(&self.prefix);
    }
}

fn print_report(report: &LiveReport) {
    let full = &report.full;
    let or_nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
    println!(
        "audio                 {:>8.1} s (replayed at {}x, {} threads)",
        report.audio_s, report.speed, report.threads
    );
    println!("whole file, stopped at its end:");
    println!(
        "  stop -> transcript  {:>8.0} ms",
        full.stop_to_transcript_ms
    );
    println!("  stop -> feedback    {:>8.0} ms", full.stop_to_feedback_ms);
    println!(
        "  decoded at stop     {:>8.1} s of audio",
        full.decoded_at_stop_s
    );
    println!(
        "  live CPU            {:>8.1} s ({:.2}x the file's {:.1} s)",
        or_nan(full.live_cpu_s),
        or_nan(full.cpu_ratio),
        or_nan(full.file_cpu_s)
    );
    println!("  peak RSS            {:>8.1} MB", or_nan(full.peak_rss_mb));
    println!("  chunks              {:>8}", full.chunks);
    println!("  WER live vs file    {:>8.2} %", full.wer_vs_file * 100.0);
    for (name, latency) in [
        ("stopped right after speech", &report.no_pause),
        ("stopped after a pause", &report.with_pause),
    ] {
        if let Some(latency) = latency {
            println!(
                "{name} ({} stops): p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms, WER vs file {:.2} %",
                latency.stops.len(),
                latency.p50_ms,
                latency.p95_ms,
                latency.max_ms,
                latency.mean_wer_vs_file * 100.0
            );
        }
    }
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
