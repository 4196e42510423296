//! `barraiser stories ...`: the story bank. Name your stories, tag answers
//! with the story you told, and see which principles each story covers.

use crate::cmd::history::DataDirArgs;
use crate::output::print_json;
use anyhow::bail;
use br_app::{now_ms, Practice};
use br_session::story_bank;
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
    /// Every story with the principles it has been told for.
    List,
    /// Add a story.
    Add {
        name: String,
        /// A line to remind you of the story.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Rename a story or change its notes.
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Delete a story; answers tagged with it become untagged.
    Delete { id: i64 },
    /// Tag question QUESTION (1, 2, ...) of round ROUND with story STORY.
    Tag {
        round: i64,
        question: usize,
        story: i64,
    },
    /// Remove the story tag of a question.
    Untag { round: i64, question: usize },
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut store = args.data.open()?;
    match args.action {
        Action::List => {
            let bank = story_bank(&store.stories()?, &store.story_uses()?);
            if args.json {
                return print_json(&bank);
            }
            if bank.stories.is_empty() {
                println!("No stories yet; add one with `barraiser stories add NAME`.");
            }
            for coverage in &bank.stories {
                let told: Vec<String> = coverage
                    .principles
                    .iter()
                    .map(|p| match p.best_score {
                        Some(score) => {
                            format!("{} x{} (best {score})", p.principle.name(), p.times)
                        }
                        None => format!("{} x{}", p.principle.name(), p.times),
                    })
                    .collect();
                println!("{:>4}  {}", coverage.story.id, coverage.story.name);
                if !coverage.story.notes.is_empty() {
                    println!("      {}", coverage.story.notes);
                }
                println!(
                    "      {}",
                    if told.is_empty() {
                        "not told yet".to_string()
                    } else {
                        told.join("; ")
                    }
                );
            }
            let uncovered: Vec<&str> = bank.uncovered.iter().map(|p| p.name()).collect();
            if !uncovered.is_empty() {
                println!("\nNo story yet for: {}", uncovered.join(", "));
            }
            if let Some(advice) = &bank.advice {
                println!("{advice}");
            }
            Ok(())
        }
        Action::Add { name, notes } => {
            if name.trim().is_empty() {
                bail!("a story needs a name, e.g. `barraiser stories add \"Checkout latency\"`");
            }
            let story = store.add_story(name.trim(), &notes, now_ms())?;
            if args.json {
                return print_json(&story);
            }
            println!("Added story {}: {}", story.id, story.name);
            Ok(())
        }
        Action::Edit { id, name, notes } => {
            let current = store.story(id)?;
            let story = store.update_story(
                id,
                name.as_deref().map(str::trim).unwrap_or(&current.name),
                notes.as_deref().unwrap_or(&current.notes),
            )?;
            if args.json {
                return print_json(&story);
            }
            println!("Story {}: {}", story.id, story.name);
            Ok(())
        }
        Action::Delete { id } => {
            store.delete_story(id)?;
            if args.json {
                return print_json(&serde_json::json!({ "deleted": id }));
            }
            println!("Deleted story {id}.");
            Ok(())
        }
        Action::Tag {
            round,
            question,
            story,
        } => tag(store, round, question, Some(story), args.json),
        Action::Untag { round, question } => tag(store, round, question, None, args.json),
    }
}

fn tag(
    store: br_store::Store,
    round_id: i64,
    question: usize,
    story: Option<i64>,
    json: bool,
) -> anyhow::Result<()> {
    let Some(question_idx) = question.checked_sub(1) else {
        bail!("questions are numbered from 1");
    };
    let round = Practice::new(store).tag_story(round_id, question_idx, story, now_ms())?;
    let warnings = round.summary().story_warnings;
    if json {
        return print_json(
            &serde_json::json!({ "round": round_id, "question": question, "story": story, "warnings": warnings }),
        );
    }
    match story {
        Some(id) => println!("Question {question} of round {round_id} is tagged with story {id}."),
        None => println!("Question {question} of round {round_id} is untagged."),
    }
    for w in &warnings {
        let principles: Vec<&str> = w.principles.iter().map(|p| p.name()).collect();
        println!(
            "Warning: story {} is used for {} in this round; in a Loop each interviewer should hear a different story.",
            w.story_id,
            principles.join(" and ")
        );
    }
    Ok(())
}
