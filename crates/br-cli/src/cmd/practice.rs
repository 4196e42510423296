//! `barraiser practice`: a practice round in the terminal. The question is
//! printed; Enter starts and stops the recording; the answer is transcribed
//! locally, rated by the candidate, analysed, and drilled down with up to
//! five follow-ups. `--answers a.wav b.wav ...` plays a whole round from
//! files instead (main and follow-up answers in order; `skip` skips a
//! follow-up), for tests and demos.
//!
//! The round is stored after every step, so an interrupted round (Ctrl-C, a
//! crash, a closed terminal) stays open and `--resume ID` continues it.

use crate::cmd::common::{parse_principle, parse_role};
use crate::cmd::history::{now_ms, print_summary, DataDirArgs};
use crate::cmd::speech::{load_engine, ModelArgs};
use crate::output::print_json;
use crate::render;
use anyhow::{bail, Context};
use br_audio::{Recorder, Source};
use br_core::{Principle, QuestionBank, Role};
use br_session::{
    plan_round, Mode, PrincipleChoice, Prompt, Recording, Response, Round, RoundConfig,
    RoundStatus, SessionError, Stage,
};
use br_store::Store;
use br_stt::{transcribe_file, SttEngine};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// In `--answers`, this word in place of a file skips a follow-up.
const SKIP: &str = "skip";

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ModeArg {
    /// Feedback after every answer.
    Practice,
    /// Like a real Loop: feedback only in the summary.
    Loop,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The role you interview for: pm, pm-t, tpm or project-manager.
    #[arg(long, value_parser = parse_role, default_value = "pm")]
    role: Role,
    /// A Leadership Principle to practise; repeat for several. Without
    /// one, the round is a surprise.
    #[arg(long = "principle", value_parser = parse_principle)]
    principles: Vec<Principle>,
    /// Number of main questions.
    #[arg(long, default_value_t = RoundConfig::DEFAULT_QUESTIONS)]
    questions: usize,
    #[arg(long, value_enum, default_value = "practice")]
    mode: ModeArg,
    /// Allow questions answered in recent rounds.
    #[arg(long)]
    allow_repeats: bool,
    /// Play the round from WAV files in order (main and follow-up answers);
    /// `skip` skips a follow-up. The round ends when the files do.
    #[arg(long, num_args = 1.., value_name = "WAV|skip")]
    answers: Vec<PathBuf>,
    /// Continue an open round (see `barraiser rounds list`).
    #[arg(long, value_name = "ID", conflicts_with_all = ["principles", "questions", "mode", "allow_repeats", "seed"])]
    resume: Option<i64>,
    /// Seed for picking questions (default: the clock).
    #[arg(long)]
    seed: Option<u64>,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    data: DataDirArgs,
    /// Print only one JSON object at the end: the round id, status and summary.
    #[arg(long)]
    json: bool,
}

/// What the candidate does at a prompt.
enum Move {
    /// Answered; the recording is at this path (relative, absolute).
    Answered(String, PathBuf),
    Skip,
    Retry,
    End,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut store = args.data.open()?;
    let (round_id, mut round) = match args.resume {
        Some(id) => {
            let record = store.load_round(id)?;
            if record.status != RoundStatus::Open {
                bail!(
                    "round {id} is {}; only open rounds can be resumed",
                    record.status.slug()
                );
            }
            (id, Round::resume(record)?)
        }
        None => start_round(&mut store, &args)?,
    };
    let engine = load_engine(&args.model, args.data.data_dir.as_deref())?;
    let out = Out { quiet: args.json };
    let mut files = args.answers.iter();
    let interactive = args.answers.is_empty();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    out.say(&format!(
        "Round {round_id}: {} question(s) for a {} interview.",
        round.questions().len(),
        round.config().role.name()
    ));

    loop {
        match round.stage().clone() {
            Stage::Finished { .. } => break,
            Stage::SelfRating { turn_idx } => {
                let rating = if interactive {
                    ask_rating(&mut lines)?
                } else {
                    None
                };
                round.rate(rating)?;
                store.sync_round(round_id, &round, now_ms())?;
                if round.config().mode.feedback_after_each_answer() {
                    let answer = round.turns()[turn_idx]
                        .answer
                        .as_ref()
                        .expect("a rated answer exists");
                    out.feedback(&answer.text, &answer.analysis);
                }
            }
            Stage::Answer { prompt } => {
                out.say(&prompt_text(&round, &prompt));
                let step = if interactive {
                    interactive_move(&store, round_id, &prompt, &mut lines)?
                } else {
                    file_move(
                        &store,
                        round_id,
                        &prompt,
                        files.next().map(PathBuf::as_path),
                    )?
                };
                let at_ms = now_ms();
                match step {
                    Move::Answered(relative, file) => {
                        let response = transcribe(&engine, relative, &file, at_ms)?;
                        let feedback = round.config().mode.feedback_after_each_answer();
                        let turn = match round.answer(response) {
                            Err(SessionError::NothingHeard) => {
                                eprintln!("barraiser: {}", SessionError::NothingHeard);
                                continue;
                            }
                            res => res?,
                        };
                        if turn.depth > 0 && feedback {
                            let answer = turn.answer.as_ref().expect("just answered");
                            out.feedback(&answer.text, &answer.analysis);
                        }
                    }
                    Move::Skip => {
                        round.skip(at_ms)?;
                    }
                    Move::Retry => round.retry()?,
                    Move::End => round.end(),
                }
                store.sync_round(round_id, &round, at_ms)?;
            }
        }
    }

    let unused = files.count();
    if unused > 0 {
        eprintln!("barraiser: the round ended before the last {unused} answer file(s); they were not used");
    }
    let summary = round.summary();
    if args.json {
        return print_json(&serde_json::json!({
            "round_id": round_id,
            "status": round.status(),
            "summary": summary,
        }));
    }
    println!(
        "\n== Round {round_id} summary ({}) ==",
        round.status().slug()
    );
    print_summary(&summary);
    println!("Report: barraiser export {round_id} --format html --out round-{round_id}.html");
    Ok(())
}

fn start_round(store: &mut Store, args: &Args) -> anyhow::Result<(i64, Round)> {
    let config = RoundConfig {
        role: args.role,
        principles: if args.principles.is_empty() {
            PrincipleChoice::Surprise
        } else {
            PrincipleChoice::Chosen(args.principles.clone())
        },
        n_questions: args.questions,
        mode: match args.mode {
            ModeArg::Practice => Mode::Practice,
            ModeArg::Loop => Mode::Loop,
        },
        allow_repeats: args.allow_repeats,
    };
    let recent = store.questions_to_avoid()?;
    let seed = args.seed.unwrap_or_else(|| now_ms().unsigned_abs());
    let questions = plan_round(&QuestionBank::builtin(), &config, &recent, seed)
        .context("cannot start the round (--allow-repeats lifts the no-repeat rule)")?;
    let round_id = store.create_round(&config, &questions, now_ms())?;
    Ok((round_id, Round::new(config, questions)?))
}

fn prompt_text(round: &Round, prompt: &Prompt) -> String {
    let question = &round.questions()[prompt.question_idx];
    let retry = if prompt.attempt > 1 {
        format!(" (attempt {})", prompt.attempt)
    } else {
        String::new()
    };
    if prompt.depth == 0 {
        format!(
            "\nQuestion {} of {} [{}]{retry}\n  {}",
            prompt.question_idx + 1,
            round.questions().len(),
            question.principle.name(),
            prompt.text
        )
    } else {
        format!("\nFollow-up {}{retry}: {}", prompt.depth, prompt.text)
    }
}

fn interactive_move(
    store: &Store,
    round_id: i64,
    prompt: &Prompt,
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
) -> anyhow::Result<Move> {
    let skip = if prompt.depth > 0 { "  [s] skip" } else { "" };
    print!("[Enter] record{skip}  [r] retry the last answer  [q] end the round > ");
    std::io::stdout().flush()?;
    let Some(line) = lines.next().transpose()? else {
        return Ok(Move::End);
    };
    match line.trim() {
        "s" if prompt.depth > 0 => return Ok(Move::Skip),
        "r" => return Ok(Move::Retry),
        "q" => return Ok(Move::End),
        "" => {}
        other => {
            println!("Unknown choice {other:?}; recording.");
        }
    }
    let (relative, file) =
        store.recording_path(round_id, prompt.question_idx, prompt.depth, prompt.attempt)?;
    let recorder = Recorder::start(&Source::Microphone { device: None }, &file, None)?;
    println!(
        "Recording from {} - press Enter to stop.",
        recorder.device()
    );
    let _ = lines.next().transpose()?;
    let recording = recorder.stop()?;
    if let Some(err) = &recording.device_error {
        eprintln!("barraiser: the microphone failed mid-answer ({err}); keeping what was recorded");
    }
    Ok(Move::Answered(relative, file))
}

/// Copies the next answer file into the round's recordings as 16 kHz mono,
/// so the round keeps its own audio whatever happens to the original.
fn file_move(
    store: &Store,
    round_id: i64,
    prompt: &Prompt,
    next: Option<&Path>,
) -> anyhow::Result<Move> {
    let Some(source) = next else {
        return Ok(Move::End);
    };
    if source.as_os_str() == SKIP {
        if prompt.depth == 0 {
            bail!("`skip` in --answers stands for a main question; only follow-ups can be skipped");
        }
        return Ok(Move::Skip);
    }
    let samples = br_audio::read_wav(source)
        .with_context(|| format!("cannot read the answer {}", source.display()))?;
    let (relative, file) =
        store.recording_path(round_id, prompt.question_idx, prompt.depth, prompt.attempt)?;
    br_audio::write_wav(&file, &samples)?;
    Ok(Move::Answered(relative, file))
}

fn transcribe(
    engine: &SttEngine,
    relative: String,
    file: &Path,
    at_ms: i64,
) -> anyhow::Result<Response> {
    let spoken = transcribe_file(engine, file)
        .with_context(|| format!("cannot transcribe {}", file.display()))?;
    Ok(Response {
        text: spoken.transcript.text,
        words: spoken.transcript.words,
        recording: Some(Recording {
            path: relative,
            duration_s: spoken.timeline.duration_s,
            sample_rate: br_audio::SAMPLE_RATE,
        }),
        timeline: Some(spoken.timeline),
        at_ms,
    })
}

fn ask_rating(
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
) -> anyhow::Result<Option<u8>> {
    loop {
        print!("Before you see the score: rate that answer 1 (no evidence) to 4 (exemplar), Enter to skip > ");
        std::io::stdout().flush()?;
        let Some(line) = lines.next().transpose()? else {
            return Ok(None);
        };
        match line.trim() {
            "" => return Ok(None),
            digit @ ("1" | "2" | "3" | "4") => return Ok(digit.parse().ok()),
            other => println!("{other:?} is not 1, 2, 3 or 4."),
        }
    }
}

/// Human output, silenced by `--json`.
struct Out {
    quiet: bool,
}

impl Out {
    fn say(&self, text: &str) {
        if !self.quiet {
            println!("{text}");
        }
    }

    fn feedback(&self, text: &str, analysis: &br_core::Analysis) {
        if !self.quiet {
            render::print_feedback(text, analysis);
        }
    }
}
