//! `barraiser`: the command line of Bar Raiser.
//!
//! A thin adapter: clap parses arguments into each command's `Args`, the
//! command calls the library crates, and the result is printed for people or,
//! with `--json`, as exactly one JSON object. Errors are printed once, after a
//! `barraiser:` prefix, with a hint where there is one.
//!
//! Exit codes: 0 success, 1 the command failed (bad input, missing model, I/O
//! error), 2 usage error (clap).

mod cmd;
mod output;
mod render;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Rehearse Amazon-style behavioral interviews out loud, locally.
#[derive(Debug, Parser)]
#[command(name = "barraiser", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse an answer's text: fillers, STAR, "I" vs "we", score, follow-ups.
    Analyze(cmd::analyze::Args),
    /// List questions from the bank, by Leadership Principle and role.
    Questions(cmd::questions::Args),
    /// Score the analysis against labelled answers: per-field table, follow-up confusion.
    Eval(cmd::eval::Args),
    /// Score the fillers heard in labelled recordings: per type, per voice, and where hesitations went.
    EvalAudio(cmd::eval_audio::Args),
    /// Download, add, choose, remove and verify Whisper models.
    Models(cmd::models::Args),
    /// List, show, delete or close practice rounds.
    Rounds(cmd::rounds::Args),
    /// Trends over rounds: scores, self-ratings, fillers, STAR, "I" vs "we".
    Progress(cmd::progress::Args),
    /// Write a round's report as Markdown or self-contained HTML.
    Export(cmd::export::Args),
    /// The story bank: your stories and the principles each covers.
    Stories(cmd::stories::Args),
    /// List the microphones a recording can use.
    Devices(cmd::devices::Args),
    /// Record an answer from a microphone to a WAV file.
    Record(cmd::record::Args),
    /// Transcribe a WAV file locally with Whisper.
    Transcribe(cmd::transcribe::Args),
    /// Transcribe and analyse a spoken answer (a WAV file or --record).
    Answer(cmd::answer::Args),
    /// Measure the speech pipeline (latency, CPU, memory, accuracy).
    Bench(cmd::bench::Args),
    /// Practise a round aloud: questions, answers, feedback and follow-ups.
    Practice(cmd::practice::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.command {
        Command::Analyze(args) => cmd::analyze::run(args),
        Command::Questions(args) => cmd::questions::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::EvalAudio(args) => cmd::eval_audio::run(args),
        Command::Models(args) => cmd::models::run(args),
        Command::Rounds(args) => cmd::rounds::run(args),
        Command::Progress(args) => cmd::progress::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Stories(args) => cmd::stories::run(args),
        Command::Devices(args) => cmd::devices::run(args),
        Command::Record(args) => cmd::record::run(args),
        Command::Transcribe(args) => cmd::transcribe::run(args),
        Command::Answer(args) => cmd::answer::run(args),
        Command::Bench(args) => cmd::bench::run(args),
        Command::Practice(args) => cmd::practice::run(args),
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => output::report_error(&err),
    }
}
