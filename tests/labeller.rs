//! The learned clause labeller (br-core's `data/clause_labeller.json`): the
//! committed weights are what `train-labeller` makes from the committed
//! corpus, and in cross-validation the rules with the model label clauses
//! better than the rules alone.

use br_core::ClauseModel;
use br_tests::load_corpus;
use br_train::{accuracy, cross_validate, examples, train, Example, Settings};

const COMMITTED: &str = include_str!("../crates/br-core/data/clause_labeller.json");

/// What the committed model was trained on: the corpus's train split and
/// the shared dev set.
fn training_examples() -> Vec<Example> {
    let mut items = load_corpus("train");
    items.extend(load_corpus("shared-dev"));
    examples(&items)
}

#[test]
fn the_committed_model_is_what_the_training_command_makes() {
    let examples = training_examples();
    let refs: Vec<&Example> = examples.iter().collect();
    let fresh = train(&refs, Settings::SHIPPED, "fresh").expect("training");
    let committed: ClauseModel = serde_json::from_str(COMMITTED).expect("the committed model");
    assert_eq!(fresh.classes, committed.classes);
    assert_eq!(fresh.margin, committed.margin);
    assert_eq!(
        fresh.weights.keys().collect::<Vec<_>>(),
        committed.weights.keys().collect::<Vec<_>>(),
        "the features differ: retrain with `cargo run -p br-train --release --bin train-labeller -- \
         tests/corpus/train.jsonl tests/corpus/shared-dev.jsonl --out crates/br-core/data/clause_labeller.json`"
    );
    // Floating point may differ in the last places between CPUs; the
    // labels may not.
    let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-3);
    assert!(close(&fresh.intercept, &committed.intercept));
    for (feature, w) in &fresh.weights {
        assert!(close(w, &committed.weights[feature]), "{feature}: {w:?}");
    }
    for e in &examples {
        assert_eq!(
            fresh.relabel(&e.features, e.rules_label),
            committed.relabel(&e.features, e.rules_label),
            "{:?}",
            e.features
        );
    }
}

#[test]
fn rules_with_the_model_beat_the_rules_alone_in_cross_validation() {
    let examples = training_examples();
    let rules: Vec<_> = examples.iter().map(|e| e.rules).collect();
    let rules = accuracy(&examples, &rules);
    let both = cross_validate(&examples, Settings::SHIPPED, 5).expect("cross-validation");
    let both = accuracy(&examples, &both);
    println!(
        "clause accuracy: rules {:.3}, rules + model {:.3}",
        rules.clauses, both.clauses
    );
    println!(
        "presence S/T/A/R: rules {:?}, rules + model {:?}",
        rules.presence, both.presence
    );
    assert!(both.clauses > rules.clauses + 0.05, "{both:?} vs {rules:?}");
    for k in 0..4 {
        assert!(
            both.presence[k] >= rules.presence[k] - 0.01,
            "part {k}: {both:?} vs {rules:?}"
        );
    }
}
