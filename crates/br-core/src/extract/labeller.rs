//! The learned clause labeller: a multinomial logistic regression that
//! reads each clause's facts (the rules' own label and the rule behind it,
//! its neighbours' labels, its predicates' person, tense and verb class,
//! its cues and quantities, its position) and says which main STAR span
//! the clause belongs to, if any.
//!
//! The rules stay the first reader: their labels and flags are the model's
//! strongest features, lessons are never relabelled, and a plan or a
//! self-description never reaches the model. The model corrects where a
//! corpus of answers the rules were not written against says the rules
//! misjudge the mix of features ("a role and a deadline before the first
//! action are the Task", "an unmeasured outcome in mid-story is not the
//! main Result").
//!
//! The features are read in `star.rs` (`learned_features`), where the
//! rules' own readings are at hand; this module holds the model.
//!
//! The weights are data (`data/clause_labeller.json`), trained from
//! `tests/corpus/train.jsonl` by `cargo run -p br-eval --release --bin
//! train-labeller` and compiled in. Features are named strings, so the file
//! is readable and a feature the model never saw simply weighs nothing.

use crate::facts::StarLabel as Part;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The trained model, as committed.
pub(crate) const SOURCE: &str = include_str!("../../data/clause_labeller.json");

/// Features derived from the rules' labels carry this prefix, so that the
/// trainer can measure the model without them.
pub const RULE_FEATURE: &str = "rules:";

/// A trained clause labeller, as stored in `data/clause_labeller.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseModel {
    /// How the file was made (the command and what it read).
    pub trained: String,
    /// The class of each column of the weights.
    pub classes: Vec<Part>,
    pub intercept: Vec<f64>,
    /// One weight per class for each named feature.
    pub weights: BTreeMap<String, Vec<f64>>,
    /// How much more (in log-odds) the model must favour its label than the
    /// rules' label to replace it: where it is unsure, the rules keep the
    /// clause.
    pub margin: f64,
}

impl ClauseModel {
    /// The label of a clause with `features` that the rules labelled
    /// `rules`: the model's, where it leads the rules' label by the margin.
    pub fn relabel(&self, features: &[String], rules: Part) -> Part {
        let mut score = self.intercept.clone();
        for w in features.iter().filter_map(|f| self.weights.get(f)) {
            score.iter_mut().zip(w).for_each(|(s, w)| *s += w);
        }
        let Some(best) = (0..score.len()).max_by(|&a, &b| score[a].total_cmp(&score[b])) else {
            return rules;
        };
        match self.classes.iter().position(|&c| c == rules) {
            Some(r) if score[best] - score[r] < self.margin => rules,
            _ => self.classes[best],
        }
    }
}

static MODEL: LazyLock<ClauseModel> = LazyLock::new(|| {
    let model: ClauseModel =
        serde_json::from_str(SOURCE).expect("data/clause_labeller.json is valid");
    assert!(
        model.intercept.len() == model.classes.len()
            && model
                .weights
                .values()
                .all(|w| w.len() == model.classes.len()),
        "data/clause_labeller.json: one weight per class"
    );
    model
});

/// The committed model.
pub(super) fn model() -> &'static ClauseModel {
    &MODEL
}
