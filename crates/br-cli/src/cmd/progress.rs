//! `barraiser progress [--principle P]`: how scores, self-ratings, fillers,
//! STAR completeness and "I" share move over rounds.

use crate::cmd::common::parse_principle;
use crate::cmd::history::{fmt_opt, fmt_share, DataDirArgs};
use crate::output::print_json;
use br_core::Principle;
use br_session::progress;
use br_session::report::format_time_ms;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only answers to questions for this Leadership Principle.
    #[arg(long, value_parser = parse_principle)]
    principle: Option<Principle>,
    #[command(flatten)]
    data: DataDirArgs,
    /// Print exactly one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let store = args.data.open()?;
    let trends = progress(&store.answer_stats()?, args.principle);
    if args.json {
        return print_json(&trends);
    }
    if trends.rounds.is_empty() {
        println!("No answers yet; practise with `barraiser practice`.");
        return Ok(());
    }
    println!("round  started               score  self  fillers/min  STAR  I-share  wpm");
    for r in &trends.rounds {
        println!(
            "{:>5}  {}  {:>5}  {:>4}  {:>11}  {:>4}  {:>7}  {:>3}",
            r.round_id,
            format_time_ms(r.started_at_ms),
            fmt_opt(r.score, 1),
            fmt_opt(r.self_rating, 1),
            fmt_opt(r.fillers_per_minute, 1),
            fmt_share(r.star_complete_share),
            fmt_share(r.i_share),
            fmt_opt(r.words_per_minute, 0),
        );
    }
    println!();
    for p in &trends.principles {
        let gap = match p.self_rating_gap {
            Some(gap) if gap > 0.25 => {
                format!(", you rate yourself {gap:.1} higher than the evidence")
            }
            Some(gap) if gap < -0.25 => {
                format!(", you rate yourself {:.1} lower than the evidence", -gap)
            }
            _ => String::new(),
        };
        println!(
            "{}: {} answers, score {} -> {} (mean {:.1}){gap}",
            p.principle.name(),
            p.main_answers,
            p.first_score,
            p.latest_score,
            p.mean_score
        );
    }
    Ok(())
}
