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
use crate::cmd::history::{print_summary, DataDirArgs};
use crate::cmd::speech::{load_engine, ModelArgs};
use crate::output::print_json;
use crate::render;
use anyhow::{bail, Context};
use br_app::{now_ms, ActiveRound, AppError, PendingAnswer, Practice};
use br_audio::{Recorder, Source};
use br_core::{Principle, QuestionBank, Role};
use br_session::{
    Mode, PlanError, PrincipleChoice, Prompt, Round, RoundConfig, SessionError, Stage,
};
use br_stt::transcribe_file;
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
    /// Answered; the recording is in the pending answer's file.
    Answered,
    Skip,
    Retry,
    End,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let practice = Practice::new(args.data.open()?);
    let started = match args.resume {
        Some(id) => practice.resume_round(id)?,
        None => start_round(&practice, &args)?,
    };
    let round_id = started.id;
    let engine = load_engine(&args.model, args.data.data_dir.as_deref())?;
    let out = Out { quiet: args.json };
    let mut files = args.answers.iter();
    let interactive = args.answers.is_empty();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    out.say(&format!(
        "Round {round_id}: {} question(s) for a {} interview.",
        started.round.questions().len(),
        started.round.config().role.name()
    ));

    let mut round = started.round;
    loop {
        match round.stage().clone() {
            Stage::Finished { .. } => break,
            Stage::SelfRating { turn_idx } => {
                let rating = if interactive {
                    ask_rating(&mut lines)?
                } else {
                    None
                };
                round = practice.step(now_ms(), |round| round.rate(rating))?.round;
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
                let pending = practice.begin_answer()?;
                let step = if interactive {
                    interactive_move(&pending, &mut lines)?
                } else {
                    file_move(&pending, files.next().map(PathBuf::as_path))?
                };
                round = match step {
                    Move::Answered => {
                        let spoken =
                            transcribe_file(&engine, &pending.file).with_context(|| {
                                format!("cannot transcribe {}", pending.file.display())
                            })?;
                        let feedback = round.config().mode.feedback_after_each_answer();
                        let (turn, active) = match practice.answer(&pending, spoken, now_ms()) {
                            Err(AppError::Session(SessionError::NothingHeard)) => {
                                eprintln!("barraiser: {}", SessionError::NothingHeard);
                                continue;
                            }
                            res => res?,
                        };
                        if turn.depth > 0 && feedback {
                            let answer = turn.answer.as_ref().expect("just answered");
                            out.feedback(&answer.text, &answer.analysis);
                        }
                        active.round
                    }
                    Move::Skip => {
                        let at_ms = now_ms();
                        practice
                            .step(at_ms, |round| round.skip(at_ms).map(|_| ()))?
                            .round
                    }
                    Move::Retry => practice.step(now_ms(), Round::retry)?.round,
                    Move::End => {
                        practice
                            .step(now_ms(), |round| {
                                round.end();
                                Ok(())
                            })?
                            .round
                    }
                };
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

fn start_round(practice: &Practice, args: &Args) -> anyhow::Result<ActiveRound> {
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
    let started_at_ms = now_ms();
    let seed = args.seed.unwrap_or_else(|| started_at_ms.unsigned_abs());
    practice
        .start_round(&QuestionBank::builtin(), config, seed, started_at_ms)
        .map_err(|err| match err {
            AppError::Plan(PlanError::OnlyRecentQuestions { .. }) => anyhow::Error::new(err)
                .context("cannot start the round (--allow-repeats lifts the no-repeat rule)"),
            err => err.into(),
        })
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
    pending: &PendingAnswer,
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
) -> anyhow::Result<Move> {
    let skip = if pending.prompt.depth > 0 {
        "  [s] skip"
    } else {
        ""
    };
    print!("[Enter] record{skip}  [r] retry the last answer  [q] end the round > ");
    std::io::stdout().flush()?;
    let Some(line) = lines.next().transpose()? else {
        return Ok(Move::End);
    };
    match line.trim() {
        "s" if pending.prompt.depth > 0 => return Ok(Move::Skip),
        "r" => return Ok(Move::Retry),
        "q" => return Ok(Move::End),
        "" => {}
        other => {
            println!("Unknown choice {other:?}; recording.");
        }
    }
    let recorder = Recorder::start(&Source::Microphone { device: None }, &pending.file, None)?;
    println!(
        "Recording from {} - press Enter to stop.",
        recorder.device()
    );
    let _ = lines.next().transpose()?;
    let recording = recorder.stop()?;
    if let Some(err) = &recording.device_error {
        eprintln!("barraiser: the microphone failed mid-answer ({err}); keeping what was recorded");
    }
    Ok(Move::Answered)
}

/// Copies the next answer file into the round's recordings as 16 kHz mono,
/// so the round keeps its own audio whatever happens to the original.
fn file_move(pending: &PendingAnswer, next: Option<&Path>) -> anyhow::Result<Move> {
    let Some(source) = next else {
        return Ok(Move::End);
    };
    if source.as_os_str() == SKIP {
        if pending.prompt.depth == 0 {
            bail!("`skip` in --answers stands for a main question; only follow-ups can be skipped");
        }
        return Ok(Move::Skip);
    }
    let samples = br_audio::read_wav(source)
        .with_context(|| format!("cannot read the answer {}", source.display()))?;
    br_audio::write_wav(&pending.file, &samples)?;
    Ok(Move::Answered)
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
