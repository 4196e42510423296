//! Analyses stored before rule ids, the checklist and the drill facts were
//! added still read back, and today's analysis of the same answer keeps
//! every field of the old one (fields may only be added). The values that
//! no STAR reading touches (fillers, I/we counts) are kept too; the STAR
//! spans and what follows from them may improve.

use br_core::{analyze, Analysis, AnswerInput, RuleId};
use serde_json::Value;

const FIXTURE: &str = include_str!("data/analysis-before-rule-ids.json");

/// Asserts that every field of `old` is in `new` with the same value.
fn assert_keeps(old: &Value, new: &Value, path: &str) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (key, value) in o {
                let field = n.get(key).unwrap_or_else(|| panic!("{path}.{key} is gone"));
                assert_keeps(value, field, &format!("{path}.{key}"));
            }
        }
        (Value::Array(o), Value::Array(n)) => {
            assert_eq!(o.len(), n.len(), "{path} changed length");
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                assert_keeps(a, b, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(1.0));
            assert!((a - b).abs() < 1e-9, "{path}: {a} became {b}");
        }
        _ => assert_eq!(old, new, "{path} changed"),
    }
}

/// Asserts that every field of `old` is in `new`, with a value of the same
/// JSON type (arrays: each old element against any new one).
fn assert_keeps_fields(old: &Value, new: &Value, path: &str) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (key, value) in o {
                let field = n.get(key).unwrap_or_else(|| panic!("{path}.{key} is gone"));
                assert_keeps_fields(value, field, &format!("{path}.{key}"));
            }
        }
        (Value::Array(o), Value::Array(n)) => {
            if let Some(first) = n.first() {
                for (i, a) in o.iter().enumerate() {
                    assert_keeps_fields(a, first, &format!("{path}[{i}]"));
                }
            }
        }
        (Value::Null, _) | (_, Value::Null) => {}
        _ => assert_eq!(
            std::mem::discriminant(old),
            std::mem::discriminant(new),
            "{path}: {old} became {new}"
        ),
    }
}

#[test]
fn an_analysis_stored_before_rule_ids_reads_back() {
    let fixture: Value = serde_json::from_str(FIXTURE).expect("fixture");
    let old: Analysis =
        serde_json::from_value(fixture["analysis"].clone()).expect("an old analysis reads back");
    assert!(old
        .fillers
        .spans
        .iter()
        .all(|m| m.rule == RuleId::Unrecorded));
    assert!(old.followups.iter().all(|f| f.rule == RuleId::Unrecorded));
    assert!(old.checklist.items.is_empty());
    assert_eq!(old.checklist.limits, br_core::LIMITS);
}

#[test]
fn todays_analysis_keeps_every_field_of_the_old_one() {
    let fixture: Value = serde_json::from_str(FIXTURE).expect("fixture");
    let text = fixture["transcript"].as_str().expect("transcript");
    let question = fixture["question"].as_str();
    let new = analyze(&AnswerInput {
        question,
        ..AnswerInput::text(text)
    });
    let new = serde_json::to_value(&new).expect("serialisable");
    let old = &fixture["analysis"];
    assert_keeps_fields(old, &new, "analysis");
    for field in ["fillers", "first_person", "hypothetical"] {
        assert_keeps(&old[field], &new[field], field);
    }
    // And it names the rule behind every mark.
    for mark in new["fillers"]["spans"].as_array().into_iter().flatten() {
        assert_ne!(mark["rule"], "unrecorded", "{mark}");
    }
    for f in new["followups"].as_array().into_iter().flatten() {
        assert!(
            f["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("followup_")),
            "{f}"
        );
    }
}
