//! Trains the learned clause labeller (`br-core`'s `labeller` module) from
//! labelled answers and measures it against the rules.
//!
//! Each clause of an answer, as the rules alone read it
//! ([`br_core::clause_rows`]), is one example; its class is the labelled
//! main STAR span that covers most of it, or "other". The model is a
//! multinomial logistic regression (linfa-logistic) over the clause's named
//! features; it is written out as JSON, feature by feature, for br-core to
//! compile in.
//!
//! Cross-validation splits by answer, never by clause, so that no answer is
//! both trained on and scored.

use anyhow::{ensure, Context, Result};
use br_core::facts::StarLabel;
use br_core::ClauseModel;
use br_eval::EvalItem;
use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The classes, in the model's column order.
pub const CLASSES: [StarLabel; 5] = [
    StarLabel::Situation,
    StarLabel::Task,
    StarLabel::Action,
    StarLabel::Result,
    StarLabel::Other,
];

/// One clause to learn from.
#[derive(Debug, Clone)]
pub struct Example {
    /// Index of its answer, for splitting by answer.
    pub answer: usize,
    pub features: Vec<String>,
    /// The labelled main span covering most of the clause, else Other.
    pub gold: StarLabel,
    /// The rules' own label of the clause (what the margin is measured
    /// against).
    pub rules_label: StarLabel,
    /// The main span the rules put it in, else Other.
    pub rules: StarLabel,
}

/// The clauses of every answer, with their labelled class.
pub fn examples(items: &[EvalItem]) -> Vec<Example> {
    let mut out = Vec::new();
    for (answer, item) in items.iter().enumerate() {
        let spans = &item.labels.star_spans;
        let parts = [
            (StarLabel::Situation, spans.situation),
            (StarLabel::Task, spans.task),
            (StarLabel::Action, spans.action),
            (StarLabel::Result, spans.result),
        ];
        for row in br_core::clause_rows(&item.transcript) {
            out.push(Example {
                answer,
                gold: covering_part(row.span.start, row.span.end, &parts),
                rules_label: row.rules_label,
                rules: row.rules_part.unwrap_or(StarLabel::Other),
                features: row.features,
            });
        }
    }
    out
}

/// The part whose span covers at least half of `[start, end)` the most,
/// else Other.
fn covering_part(start: usize, end: usize, parts: &[(StarLabel, Option<[usize; 2]>)]) -> StarLabel {
    let overlap = |s: [usize; 2]| end.min(s[1]).saturating_sub(start.max(s[0]));
    parts
        .iter()
        .filter_map(|&(part, span)| span.map(|s| (part, overlap(s))))
        .filter(|&(_, o)| 2 * o >= end - start && o > 0)
        .max_by_key(|&(_, o)| o)
        .map_or(StarLabel::Other, |(part, _)| part)
}

/// Which features the model may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureSet {
    /// Every feature, the rules' labels included: what ships.
    All,
    /// Without the features derived from the rules' labels.
    WithoutRules,
}

impl FeatureSet {
    fn admits(self, feature: &str) -> bool {
        self == FeatureSet::All || !feature.starts_with(br_core::RULE_FEATURE)
    }
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub features: FeatureSet,
    /// L2 regularisation weight.
    pub alpha: f64,
    /// The log-odds lead over the rules' label the model needs.
    pub margin: f64,
}

impl Settings {
    /// The settings of the committed model, chosen by cross-validation on
    /// train (alpha) and on the dev split (margin).
    pub const SHIPPED: Settings = Settings {
        features: FeatureSet::All,
        alpha: 3.0,
        margin: 1.0,
    };
}

/// Trains on `examples`.
pub fn train(examples: &[&Example], settings: Settings, trained: &str) -> Result<ClauseModel> {
    let set = settings.features;
    let vocabulary: Vec<&str> = examples
        .iter()
        .flat_map(|e| e.features.iter().map(String::as_str))
        .filter(|f| set.admits(f))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    ensure!(!vocabulary.is_empty(), "no features to train on");
    let column: BTreeMap<&str, usize> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, &f)| (f, i))
        .collect();
    let mut x = Array2::<f64>::zeros((examples.len(), vocabulary.len()));
    for (row, e) in examples.iter().enumerate() {
        for f in &e.features {
            if let Some(&col) = column.get(f.as_str()) {
                x[[row, col]] = 1.0;
            }
        }
    }
    let class_of = |l: StarLabel| {
        CLASSES
            .iter()
            .position(|&c| c == l)
            .unwrap_or(CLASSES.len() - 1)
    };
    let y: Array1<usize> = examples.iter().map(|e| class_of(e.gold)).collect();
    let fitted = MultiLogisticRegression::default()
        .alpha(settings.alpha)
        .max_iterations(500)
        .fit(&Dataset::new(x, y))
        .context("fitting the clause labeller")?;
    // linfa orders the classes it saw; map its columns back to labels.
    let classes: Vec<StarLabel> = fitted.classes().iter().map(|&c| CLASSES[c]).collect();
    let params = fitted.params();
    let weights = vocabulary
        .iter()
        .enumerate()
        .map(|(row, f)| {
            (
                f.to_string(),
                params.row(row).iter().map(|&w| round(w)).collect(),
            )
        })
        .collect();
    Ok(ClauseModel {
        trained: trained.to_string(),
        classes,
        intercept: fitted.intercept().iter().map(|&w| round(w)).collect(),
        weights,
        margin: settings.margin,
    })
}

/// Six decimals keep the file readable and diffable; the argmax does not
/// move.
fn round(w: f64) -> f64 {
    (w * 1e6).round() / 1e6
}

/// Accuracy of one reader of the clauses: per clause, and of each part's
/// presence per answer.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Accuracy {
    pub clauses: f64,
    /// Situation, Task, Action, Result: whether the answer has the part.
    pub presence: [f64; 4],
}

/// Scores the labels `got` (one per example) against the gold labels.
pub fn accuracy(examples: &[Example], got: &[StarLabel]) -> Accuracy {
    let hits = examples
        .iter()
        .zip(got)
        .filter(|(e, g)| e.gold == **g)
        .count();
    let answers: BTreeSet<usize> = examples.iter().map(|e| e.answer).collect();
    let mut presence = [0.0; 4];
    for (k, part) in CLASSES[..4].iter().enumerate() {
        let agree = answers
            .iter()
            .filter(|&&a| {
                let of = |label: &dyn Fn(usize) -> StarLabel| {
                    (0..examples.len()).any(|i| examples[i].answer == a && label(i) == *part)
                };
                of(&|i| examples[i].gold) == of(&|i| got[i])
            })
            .count();
        presence[k] = agree as f64 / answers.len().max(1) as f64;
    }
    Accuracy {
        clauses: hits as f64 / examples.len().max(1) as f64,
        presence,
    }
}

/// The model's labels for every example, each predicted by a model trained
/// on the other folds (answers dealt round-robin into `k` folds).
///
/// The model relabels each clause as br-core does: against the rules' label
/// with the margin, or freely when it may not read the rules' labels.
pub fn cross_validate(
    examples: &[Example],
    settings: Settings,
    k: usize,
) -> Result<Vec<StarLabel>> {
    let mut got = vec![StarLabel::Other; examples.len()];
    for fold in 0..k {
        let train: Vec<&Example> = examples.iter().filter(|e| e.answer % k != fold).collect();
        let model = self::train(&train, settings, "cross-validation fold")?;
        for (i, e) in examples
            .iter()
            .enumerate()
            .filter(|(_, e)| e.answer % k == fold)
        {
            got[i] = match settings.features {
                FeatureSet::All => model.relabel(&e.features, e.rules_label),
                // Matched against no label of the rules' (Lesson never is a
                // class), the model's own best label wins.
                FeatureSet::WithoutRules => model.relabel(&e.features, StarLabel::Lesson),
            };
        }
    }
    Ok(got)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_takes_the_part_covering_at_least_half_of_it() {
        let parts = [
            (StarLabel::Situation, Some([0, 10])),
            (StarLabel::Task, None),
            (StarLabel::Action, Some([10, 30])),
            (StarLabel::Result, Some([40, 50])),
        ];
        assert_eq!(covering_part(0, 10, &parts), StarLabel::Situation);
        assert_eq!(covering_part(6, 20, &parts), StarLabel::Action);
        assert_eq!(covering_part(25, 45, &parts), StarLabel::Other);
        assert_eq!(covering_part(30, 40, &parts), StarLabel::Other);
    }

    fn example(answer: usize, features: &[&str], gold: StarLabel) -> Example {
        Example {
            answer,
            features: features.iter().map(|f| f.to_string()).collect(),
            gold,
            rules_label: StarLabel::Other,
            rules: StarLabel::Other,
        }
    }

    #[test]
    fn a_model_learns_separable_features_and_skips_the_rules_when_told() {
        let rules_feature = format!("{}label=Result", br_core::RULE_FEATURE);
        let examples: Vec<Example> = (0..40)
            .map(|i| match i % 3 {
                0 => example(i, &["cue=Setting_main"], StarLabel::Situation),
                1 => example(i, &["speaker_action"], StarLabel::Action),
                _ => example(i, &["outcome", &rules_feature], StarLabel::Result),
            })
            .collect();
        let refs: Vec<&Example> = examples.iter().collect();
        let settings = Settings {
            features: FeatureSet::All,
            alpha: 0.1,
            margin: 0.0,
        };
        let model = train(&refs, settings, "test").unwrap();
        for e in &examples {
            assert_eq!(
                model.relabel(&e.features, StarLabel::Other),
                e.gold,
                "{:?}",
                e.features
            );
        }
        assert!(model.weights.contains_key(&rules_feature));
        // With a margin it cannot reach, the rules' label stays.
        let unsure = ClauseModel {
            margin: 1e9,
            ..model
        };
        assert_eq!(
            unsure.relabel(&examples[0].features, StarLabel::Action),
            StarLabel::Action
        );
        let without = Settings {
            features: FeatureSet::WithoutRules,
            ..settings
        };
        let model = train(&refs, without, "test").unwrap();
        assert!(!model.weights.contains_key(&rules_feature));
        let cv = cross_validate(&examples, settings, 5).unwrap();
        assert_eq!(accuracy(&examples, &cv).clauses, 1.0);
        let rules: Vec<StarLabel> = examples.iter().map(|e| e.rules).collect();
        assert!(accuracy(&examples, &rules).clauses < 0.5);
    }
}
