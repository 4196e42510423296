//! The acceptance metrics of the analysis engine on the labeled development
//! set (`shared/eval/answers-dev.jsonl`): filler F1 on per-word counts, STAR
//! presence accuracy per component, quantified-Result accuracy, first
//! follow-up accuracy, and exact I/we counts. Prints the scorecard and every
//! miss, then asserts the thresholds of the acceptance criteria.

use br_eval::table::{render_misses, render_table};
use br_tests::load_eval;

const FILLER_F1_MIN: f64 = 0.95;
const STAR_ACCURACY_MIN: f64 = 0.85;
const QUANTIFIED_ACCURACY_MIN: f64 = 0.90;
const FOLLOWUP_ACCURACY_MIN: f64 = 0.80;

#[test]
fn dev_set_meets_the_acceptance_thresholds() {
    let items = load_eval("answers-dev.jsonl");
    assert!(!items.is_empty(), "the dev set is empty");
    let card = br_eval::score(&items);
    println!("dev set\n{}\n{}", render_table(&card), render_misses(&card));

    let filler_f1 = card.fillers.overall.f1();
    assert!(
        filler_f1 >= FILLER_F1_MIN,
        "filler F1 {filler_f1:.3} < {FILLER_F1_MIN}"
    );
    for (name, part) in card.star.parts() {
        let accuracy = part.presence.accuracy();
        assert!(
            accuracy >= STAR_ACCURACY_MIN,
            "STAR {name} accuracy {accuracy:.3} < {STAR_ACCURACY_MIN}"
        );
    }
    let quantified = card.result_quantified.accuracy();
    assert!(
        quantified >= QUANTIFIED_ACCURACY_MIN,
        "quantified-Result accuracy {quantified:.3} < {QUANTIFIED_ACCURACY_MIN}"
    );
    let followup = card.first_followup.accuracy();
    assert!(
        followup >= FOLLOWUP_ACCURACY_MIN,
        "first follow-up accuracy {followup:.3} < {FOLLOWUP_ACCURACY_MIN}"
    );
    assert!(
        card.i_we_exact.misses.is_empty(),
        "I/we counts differ: {:?}",
        card.i_we_exact.misses
    );
}
