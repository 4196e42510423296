//! `barraiser rounds list|show|delete|close`: the history of practice
//! rounds. A round left open (by a crash or an interrupted session) is
//! listed as open, to be resumed with `practice --resume` or closed here.

use crate::cmd::history::{fmt_opt, print_summary, DataDirArgs};
use crate::output::print_json;
use br_app::{now_ms, Practice};
use br_session::report::format_time_ms;
use br_session::{Round, RoundStatus};
use clap::Subcommand;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
    #[command(flatten)]
    data: DataDirArgs,
    /// Print exactly one JSON object.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Every round, newest first.
    List,
    /// One round: summary, questions, answers and follow-ups.
    Show { id: i64 },
    /// Delete a round and its recordings.
    Delete { id: i64 },
    /// Close a round left open without finishing it (its answers are kept).
    Close { id: i64 },
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let store = args.data.open()?;
    match args.action {
        Action::List => {
            let rounds = store.list_rounds()?;
            if args.json {
                return print_json(&serde_json::json!({ "rounds": rounds }));
            }
            if rounds.is_empty() {
                println!("No rounds yet; start one with `barraiser practice`.");
            }
            for r in &rounds {
                let principles: Vec<&str> = r.principles.iter().map(|p| p.name()).collect();
                println!(
                    "{:>4}  {}  {:<11} {:<5} answers {}/{}  score {}  self {}  {}",
                    r.id,
                    format_time_ms(r.started_at_ms),
                    r.status.slug(),
                    r.role.slug(),
                    r.main_answers,
                    r.n_questions,
                    fmt_opt(r.mean_score, 1),
                    fmt_opt(r.mean_self_rating, 1),
                    principles.join(", "),
                );
                if r.status == RoundStatus::Open {
                    println!(
                        "      open: resume with `barraiser practice --resume {0}`, or close with `barraiser rounds close {0}`",
                        r.id
                    );
                }
            }
            Ok(())
        }
        Action::Show { id } => {
            let record = store.load_round(id)?;
            let summary = Round::resume(record.clone())?.summary();
            if args.json {
                return print_json(&serde_json::json!({ "round": record, "summary": summary }));
            }
            println!(
                "Round {id}: {} ({}), {}",
                format_time_ms(record.started_at_ms),
                record.config.role,
                record.status.slug()
            );
            print_summary(&summary);
            for (question_idx, q) in record.questions.iter().enumerate() {
                println!(
                    "\nQ{} [{}] {}",
                    question_idx + 1,
                    q.principle.name(),
                    q.text
                );
                for turn in record
                    .turns
                    .iter()
                    .filter(|t| t.question_idx == question_idx)
                {
                    let label = if turn.depth == 0 {
                        "Answer".to_string()
                    } else {
                        format!("Why {}", turn.depth)
                    };
                    let attempt = if turn.attempt > 1 {
                        format!(" (attempt {})", turn.attempt)
                    } else {
                        String::new()
                    };
                    if turn.depth > 0 {
                        println!("  {label}: {}", turn.prompt);
                    }
                    match &turn.answer {
                        None => println!("    skipped"),
                        Some(answer) => println!(
                            "    {}{attempt} [score {}/4, {} fillers]",
                            answer.text.trim(),
                            answer.analysis.score.value,
                            answer.analysis.fillers.total
                        ),
                    }
                }
            }
            Ok(())
        }
        Action::Delete { id } => {
            let deleted = Practice::new(store).delete_round(id)?;
            if args.json {
                return print_json(&deleted);
            }
            println!(
                "Deleted round {id}: {} turns and {} recordings.",
                deleted.turns, deleted.recordings_removed
            );
            Ok(())
        }
        Action::Close { id } => {
            let status = Practice::new(store).close_round(id, now_ms())?;
            if args.json {
                return print_json(&serde_json::json!({ "id": id, "status": status }));
            }
            println!("Round {id} is {}.", status.slug());
            Ok(())
        }
    }
}
