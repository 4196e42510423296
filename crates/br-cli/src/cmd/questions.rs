//! `barraiser questions`: browse the question bank.

use crate::cmd::common::{parse_principle, parse_role};
use crate::output::print_json;
use anyhow::Context;
use br_core::{Principle, QuestionBank, Role};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only questions for this Leadership Principle (name or slug, e.g. "dive-deep").
    #[arg(long, value_parser = parse_principle)]
    principle: Option<Principle>,
    /// Only questions for this role: pm, pm-t, tpm or project-manager.
    #[arg(long, value_parser = parse_role)]
    role: Option<Role>,
    /// Add the questions of a TOML question file (same format as the built-in bank).
    #[arg(long = "file", value_name = "FILE.toml")]
    files: Vec<PathBuf>,
    /// Print one JSON object instead of a list.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut bank = QuestionBank::builtin();
    for path in &args.files {
        let source = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read question file {}", path.display()))?;
        bank.add_toml(&source)
            .with_context(|| format!("question file {}", path.display()))?;
    }
    let principles: Vec<Principle> = args.principle.into_iter().collect();
    let picked = bank.filter(&principles, args.role);
    if args.json {
        return print_json(&serde_json::json!({ "count": picked.len(), "questions": picked }));
    }
    if picked.is_empty() {
        println!("No questions match; try without --role or --principle.");
    }
    for q in picked {
        let principles: Vec<&str> = q.principles.iter().map(|p| p.name()).collect();
        let roles: Vec<&str> = q.roles.iter().map(|r| r.slug()).collect();
        println!(
            "{:<6} {}\n       {} | {}",
            q.id,
            q.text,
            principles.join(", "),
            roles.join(", ")
        );
    }
    Ok(())
}
