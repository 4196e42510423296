//! `barraiser analyze`: analyse the text of an answer.

use crate::cmd::common::{parse_principle, read_answer_text};
use crate::output::print_json;
use crate::render;
use br_core::{analyze_facts, facts, AnswerInput, Principle};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The question the answer responds to.
    #[arg(long)]
    question: Option<String>,
    /// The Leadership Principle the question probes (name or slug).
    #[arg(long, value_parser = parse_principle)]
    principle: Option<Principle>,
    /// Print exactly one JSON object instead of the report.
    #[arg(long, conflicts_with = "explain")]
    json: bool,
    /// Print every mark (filler, STAR label, finding, follow-up, check) with
    /// the id and description of the rule that made it, and why the first
    /// follow-up was chosen.
    #[arg(long)]
    explain: bool,
    /// A UTF-8 text file with the answer, or - for stdin.
    #[arg(value_name = "FILE|-")]
    file: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let text = read_answer_text(&args.file)?;
    let input = AnswerInput {
        question: args.question.as_deref(),
        principle: args.principle,
        ..AnswerInput::text(&text)
    };
    let facts = facts(&input);
    let analysis = analyze_facts(&facts);
    if args.json {
        print_json(&analysis)
    } else if args.explain {
        render::print_explanation(&text, &facts, &analysis);
        Ok(())
    } else {
        render::print_report(&text, &analysis);
        Ok(())
    }
}
