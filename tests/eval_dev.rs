//! The acceptance metrics of the analysis engine on the labeled development
//! set (`shared/eval/answers-dev.jsonl`): filler F1 on per-word counts, STAR
//! presence accuracy per component, quantified-Result accuracy, first
//! follow-up accuracy, and exact I/we counts. Prints every metric and every
//! miss, then asserts the thresholds of the acceptance criteria.

use br_core::analysis::Analysis;
use br_core::{analyze, AnswerInput, FollowUpKind, Principle};
use br_tests::{load_eval, EvalItem};
use std::collections::{BTreeMap, BTreeSet};

const FILLER_F1_MIN: f64 = 0.95;
const STAR_ACCURACY_MIN: f64 = 0.85;
const QUANTIFIED_ACCURACY_MIN: f64 = 0.90;
const FOLLOWUP_ACCURACY_MIN: f64 = 0.80;

fn kind_name(kind: FollowUpKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Per-word filler counts: true positives, false positives, false negatives.
#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn f1(&self) -> f64 {
        let denom = 2 * self.tp + self.fp + self.fn_;
        if denom == 0 {
            1.0
        } else {
            2.0 * self.tp as f64 / denom as f64
        }
    }
}

struct Accuracy {
    hits: usize,
    total: usize,
    misses: Vec<String>,
}

impl Accuracy {
    fn new() -> Self {
        Accuracy {
            hits: 0,
            total: 0,
            misses: Vec::new(),
        }
    }

    fn add<T: std::fmt::Debug + PartialEq>(&mut self, id: &str, expected: T, got: T) {
        self.total += 1;
        if expected == got {
            self.hits += 1;
        } else {
            self.misses
                .push(format!("{id}: expected {expected:?}, got {got:?}"));
        }
    }

    fn value(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.hits as f64 / self.total as f64
        }
    }
}

fn analyse(item: &EvalItem) -> Analysis {
    let input = AnswerInput {
        question: Some(&item.question),
        principle: Principle::parse(&item.principle),
        ..AnswerInput::text(&item.transcript)
    };
    analyze(&input)
}

#[test]
fn dev_set_meets_the_acceptance_thresholds() {
    let items = load_eval("answers-dev.jsonl");
    assert!(!items.is_empty(), "the dev set is empty");

    let mut fillers = Counts::default();
    let mut per_word: BTreeMap<String, Counts> = BTreeMap::new();
    let mut filler_misses = Vec::new();
    let mut star = [
        Accuracy::new(),
        Accuracy::new(),
        Accuracy::new(),
        Accuracy::new(),
    ];
    let mut quantified = Accuracy::new();
    let mut hypothetical = Accuracy::new();
    let mut followup = Accuracy::new();
    let mut pronoun_misses = Vec::new();
    // Character overlap (intersection over union) of the main spans, where
    // both the label and the analysis have the part: informational only.
    let mut overlap = [(0.0, 0usize); 4];

    for item in &items {
        let a = analyse(item);
        let labels = &item.labels;

        let expected: BTreeMap<&str, usize> = labels
            .fillers
            .iter()
            .map(|f| (f.word.as_str(), f.count))
            .collect();
        let words: BTreeSet<&str> = expected
            .keys()
            .copied()
            .chain(a.fillers.by_word.keys().map(String::as_str))
            .collect();
        for word in words {
            let want = expected.get(word).copied().unwrap_or(0);
            let got = a.fillers.by_word.get(word).copied().unwrap_or(0);
            let (tp, fp, fn_) = (
                want.min(got),
                got.saturating_sub(want),
                want.saturating_sub(got),
            );
            for c in [&mut fillers, per_word.entry(word.to_string()).or_default()] {
                c.tp += tp;
                c.fp += fp;
                c.fn_ += fn_;
            }
            if want != got {
                filler_misses.push(format!("{}: {word:?} expected {want}, got {got}", item.id));
            }
        }

        let parts = [
            &a.star.situation,
            &a.star.task,
            &a.star.action,
            &a.star.result,
        ];
        let want = [labels.situation, labels.task, labels.action, labels.result];
        for ((acc, part), want) in star.iter_mut().zip(parts).zip(want) {
            acc.add(&item.id, want, part.present);
        }
        let gold = [
            labels.star_spans.situation,
            labels.star_spans.task,
            labels.star_spans.action,
            labels.star_spans.result,
        ];
        for ((sum, part), gold) in overlap.iter_mut().zip(parts).zip(gold) {
            if let (Some(got), Some([s, e])) = (part.span, gold) {
                let inter = got.end.min(e).saturating_sub(got.start.max(s));
                let union = got.end.max(e) - got.start.min(s);
                sum.0 += inter as f64 / union.max(1) as f64;
                sum.1 += 1;
            }
        }
        quantified.add(&item.id, labels.result_quantified, a.result_quantified);
        hypothetical.add(&item.id, labels.hypothetical, a.hypothetical);
        let first = a
            .followups
            .first()
            .map(|f| kind_name(f.kind))
            .unwrap_or_else(|| "none".to_string());
        followup.add(&item.id, item.expected_followup.clone(), first);

        if (a.first_person.i, a.first_person.we) != (labels.i_count, labels.we_count) {
            pronoun_misses.push(format!(
                "{}: expected I {} / we {}, got I {} / we {}",
                item.id, labels.i_count, labels.we_count, a.first_person.i, a.first_person.we
            ));
        }
    }

    println!("dev set: {} answers", items.len());
    println!("filler F1 (per-word counts): {:.3}", fillers.f1());
    for (word, c) in &per_word {
        println!(
            "  {word:<10} F1 {:.3} (tp {}, fp {}, fn {})",
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    for miss in &filler_misses {
        println!("  miss {miss}");
    }
    for ((name, acc), (sum, n)) in ["situation", "task", "action", "result"]
        .iter()
        .zip(&star)
        .zip(overlap)
    {
        let mean = if n == 0 { 1.0 } else { sum / n as f64 };
        println!(
            "STAR {name:<9} presence accuracy: {:.3} (span overlap {mean:.2} over {n})",
            acc.value()
        );
        for miss in &acc.misses {
            println!("  miss {miss}");
        }
    }
    for (name, acc) in [
        ("quantified Result", &quantified),
        ("hypothetical", &hypothetical),
        ("first follow-up", &followup),
    ] {
        println!("{name} accuracy: {:.3}", acc.value());
        for miss in &acc.misses {
            println!("  miss {miss}");
        }
    }
    println!(
        "I/we counts exact on {} of {} answers",
        items.len() - pronoun_misses.len(),
        items.len()
    );
    for miss in &pronoun_misses {
        println!("  miss {miss}");
    }

    assert!(
        fillers.f1() >= FILLER_F1_MIN,
        "filler F1 {:.3} < {FILLER_F1_MIN}",
        fillers.f1()
    );
    for (name, acc) in ["situation", "task", "action", "result"].iter().zip(&star) {
        assert!(
            acc.value() >= STAR_ACCURACY_MIN,
            "STAR {name} accuracy {:.3} < {STAR_ACCURACY_MIN}",
            acc.value()
        );
    }
    assert!(
        quantified.value() >= QUANTIFIED_ACCURACY_MIN,
        "quantified-Result accuracy {:.3} < {QUANTIFIED_ACCURACY_MIN}",
        quantified.value()
    );
    assert!(
        followup.value() >= FOLLOWUP_ACCURACY_MIN,
        "first follow-up accuracy {:.3} < {FOLLOWUP_ACCURACY_MIN}",
        followup.value()
    );
    assert!(
        pronoun_misses.is_empty(),
        "I/we counts differ: {pronoun_misses:?}"
    );
}
