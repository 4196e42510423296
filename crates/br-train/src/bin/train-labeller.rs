//! `train-labeller`: cross-validates the learned clause labeller against the
//! rules on labelled answers, and writes the model trained on all of them.
//!
//!     cargo run -p br-train --release --bin train-labeller -- \
//!         tests/corpus/train.jsonl --out crates/br-core/data/clause_labeller.json

use anyhow::{Context, Result};
use br_core::facts::StarLabel;
use br_train::{accuracy, cross_validate, examples, train, Accuracy, FeatureSet, Settings};
use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    about = "Train the clause labeller and compare it with the rules by k-fold cross-validation"
)]
struct Args {
    /// Labelled answers (JSONL in the dev set's format), one file or more.
    #[arg(required = true)]
    labelled: Vec<PathBuf>,
    /// Where to write the model trained on every answer.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Folds for cross-validation (by answer).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// L2 regularisation weight.
    #[arg(long, default_value_t = Settings::SHIPPED.alpha)]
    alpha: f64,
    /// The log-odds lead the model needs over the rules' label to replace it.
    #[arg(long, default_value_t = Settings::SHIPPED.margin)]
    margin: f64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let mut items = Vec::new();
    for path in &args.labelled {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        items.extend(
            br_eval::parse_jsonl(&text).with_context(|| format!("parsing {}", path.display()))?,
        );
    }
    let examples = examples(&items);
    println!(
        "{} answers, {} clauses; {}-fold cross-validation by answer, alpha {}",
        items.len(),
        examples.len(),
        args.folds,
        args.alpha
    );
    println!(
        "{:<14} {:>8} {:>10} {:>6} {:>7} {:>7}",
        "reader", "clauses", "situation", "task", "action", "result"
    );
    let rules: Vec<StarLabel> = examples.iter().map(|e| e.rules).collect();
    row("rules alone", &accuracy(&examples, &rules));
    let settings = Settings {
        alpha: args.alpha,
        margin: args.margin,
        ..Settings::SHIPPED
    };
    let without = Settings {
        features: FeatureSet::WithoutRules,
        ..settings
    };
    let alone = cross_validate(&examples, without, args.folds)?;
    row("model alone", &accuracy(&examples, &alone));
    let both = cross_validate(&examples, settings, args.folds)?;
    row("rules + model", &accuracy(&examples, &both));
    if let Some(out) = &args.out {
        let all: Vec<_> = examples.iter().collect();
        let name = args
            .labelled
            .iter()
            .map(|p| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ");
        let trained = format!(
            "train-labeller {name} --alpha {} --margin {}: {} answers, {} clauses",
            args.alpha,
            args.margin,
            items.len(),
            examples.len()
        );
        let model = train(&all, settings, &trained)?;
        let json = serde_json::to_string_pretty(&model)? + "\n";
        std::fs::write(out, json).with_context(|| format!("writing {}", out.display()))?;
        println!("wrote {} ({} features)", out.display(), model.weights.len());
    }
    Ok(())
}

fn row(reader: &str, a: &Accuracy) {
    let [s, t, act, r] = a.presence;
    println!(
        "{reader:<14} {:>8.3} {s:>10.3} {t:>6.3} {act:>7.3} {r:>7.3}",
        a.clauses
    );
}
