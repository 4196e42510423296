//! Tests of `analyze` as a whole: the JSON contract and the inputs.

use super::*;
use crate::text::{Pause, TimedWord};

#[test]
fn filler_spans_are_character_offsets() {
    let text = "Café — um, naïve plan";
    let a = analyze(&AnswerInput::text(text));
    let um = &a.fillers.spans[0];
    let quoted: String = text
        .chars()
        .skip(um.start)
        .take(um.end - um.start)
        .collect();
    assert_eq!((um.word.as_str(), quoted.as_str()), ("um", "um"));
    assert_eq!(um.start, 7);
}

#[test]
fn fillers_per_minute_use_the_recording_duration() {
    let timeline = SpeechTimeline {
        duration_s: 30.0,
        speech_s: 25.0,
        pauses: vec![],
    };
    let text = "Um, I mean, we uh shipped it.";
    let a = analyze(&AnswerInput {
        timeline: Some(&timeline),
        ..AnswerInput::text(text)
    });
    assert_eq!(a.fillers.total, 3);
    assert_eq!(a.fillers.per_minute, Some(6.0));
    assert_eq!(a.fillers.by_word.get("i mean"), Some(&1));
}

#[test]
fn without_a_timeline_the_last_word_gives_the_duration() {
    let words = vec![TimedWord {
        word: "um".into(),
        start: 0.0,
        end: 120.0,
    }];
    let a = analyze(&AnswerInput {
        words: &words,
        ..AnswerInput::text("um")
    });
    assert_eq!(a.fillers.per_minute, Some(0.5));
    assert_eq!(analyze(&AnswerInput::text("um")).fillers.per_minute, None);
}

#[test]
fn long_pauses_come_from_the_timeline() {
    let timeline = SpeechTimeline {
        duration_s: 100.0,
        speech_s: 90.0,
        pauses: vec![
            Pause {
                start: 5.0,
                end: 8.0,
            },
            Pause {
                start: 9.0,
                end: 10.0,
            },
        ],
    };
    let a = analyze(&AnswerInput {
        timeline: Some(&timeline),
        ..AnswerInput::text("We shipped.")
    });
    assert_eq!(
        a.specificity.long_pauses,
        vec![Pause {
            start: 5.0,
            end: 8.0
        }]
    );
    assert!(a.score.findings.iter().any(|f| f.code == "long_pauses"));
}

#[test]
fn empty_input_still_gets_an_analysis() {
    let a = analyze(&AnswerInput::text(""));
    assert_eq!(a.score.value, 1);
    assert_eq!(a.fillers.total, 0);
    assert!(!a.star.situation.present && !a.star.result.present);
    assert_eq!(a.followups.len(), 1);
}

#[test]
fn serializes_to_the_cli_json_contract() {
    let text =
        "So, um, last year our job failed. My job was to fix it. I rewrote it, and failures \
        dropped by 90 percent.";
    let v = serde_json::to_value(analyze(&AnswerInput::text(text))).expect("serializable");
    assert_eq!(v["fillers"]["by_word"]["um"], 1);
    assert_eq!(v["fillers"]["spans"][0]["word"], "so");
    assert!(v["fillers"]["per_minute"].is_null());
    assert!(v["first_person"]["i"].is_u64() && v["first_person"]["we"].is_u64());
    let span = &v["star"]["situation"]["span"];
    assert!(
        span.is_array() && span.as_array().map(Vec::len) == Some(2),
        "{span}"
    );
    assert_eq!(v["star"]["result"]["present"], true);
    assert_eq!(v["result_quantified"], true);
    assert_eq!(v["hypothetical"], false);
    assert!(v["score"]["value"].is_u64() && v["score"]["reasons"].is_array());
    assert_eq!(v["followups"][0]["kind"], "none");
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let graph = br_module_graph::ModuleGraph::of_crate(env!("CARGO_MANIFEST_DIR"));
    assert!(graph.contains("extract::clauses"));
    // The follow-ups read facts, not the extraction, and the output types
    // read nothing that computes them.
    let deps = |m: &str| graph.dependencies_of(m).expect("a module of br-core");
    assert!(!deps("followup").iter().any(|x| x.starts_with("extract")));
    assert!(deps("analysis")
        .iter()
        .all(|x| ["principle", "rules", "text"].contains(&x.as_str())));
    assert_eq!(graph.cycle(), None, "a module cycle in br-core");
}
