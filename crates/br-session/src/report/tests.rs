//! The report shows every filler as one mark and every STAR part found,
//! escapes what the candidate said, and renders dates and durations plainly.

use super::*;
use crate::config::{Mode, PrincipleChoice, RoundConfig};
use crate::round::{Answer, RoundQuestion};
use br_core::{analyze, AnswerInput, Principle, Role};

const FILLERS: &str =
    "Um, so basically I, uh, owned the <checkout> service & like, you know, I cut \
latency by 40 percent. Um, the result was that conversion rose 3 percent.";

fn record(texts: &[&str]) -> RoundRecord {
    let turns = texts
        .iter()
        .enumerate()
        .map(|(idx, text)| Turn {
            question_idx: 0,
            depth: idx,
            attempt: 1,
            prompt: if idx == 0 {
                "Tell me about a time.".into()
            } else {
                format!("Why {idx}?")
            },
            followup: None,
            answer: Some(Answer {
                text: text.to_string(),
                words: Vec::new(),
                timeline: None,
                recording: None,
                analysis: analyze(&AnswerInput::text(text)),
            }),
            self_rating: (idx == 0).then_some(2),
            at_ms: 0,
        })
        .collect();
    RoundRecord {
        id: 42,
        started_at_ms: 1_764_079_380_000,
        ended_at_ms: None,
        status: RoundStatus::Completed,
        config: RoundConfig {
            role: Role::Tpm,
            principles: PrincipleChoice::Chosen(vec![Principle::Ownership]),
            n_questions: 1,
            mode: Mode::Practice,
            allow_repeats: false,
        },
        questions: vec![RoundQuestion {
            id: "own-1".into(),
            text: "Tell me about a time you took ownership.".into(),
            principle: Principle::Ownership,
            story_id: Some(9),
        }],
        turns,
    }
}

#[test]
fn html_marks_every_filler_once_and_escapes_the_transcript() {
    let rec = record(&[FILLERS, "Uh, I chose it because, um, the data said so."]);
    let n_fillers: usize = rec
        .turns
        .iter()
        .filter_map(|t| t.analysis())
        .map(|a| a.fillers.total)
        .sum();
    assert!(
        n_fillers >= 6,
        "the fixture is full of fillers, found {n_fillers}"
    );
    let page = html(
        &rec,
        &[Story {
            id: 9,
            name: "Checkout latency".into(),
            notes: String::new(),
        }],
    );
    // The legend holds one more mark than the transcripts.
    assert_eq!(
        page.matches("<mark class=\"filler\"").count(),
        n_fillers + 1
    );
    for turn in &rec.turns {
        let answer = turn.answer.as_ref().unwrap();
        for mark in &answer.analysis.fillers.spans {
            let word: String = answer
                .text
                .chars()
                .skip(mark.start)
                .take(mark.end - mark.start)
                .collect();
            assert!(
                page.contains(&format!("title=\"filler\">{}</mark>", esc(&word))),
                "{word:?} is not marked"
            );
        }
    }
    assert!(page.contains("&lt;checkout&gt;") && !page.contains("<checkout>"));
    assert!(page.contains("Checkout latency") && page.contains("you rated it 2/4"));
    assert!(
        !page.contains("<script") && !page.contains("<link"),
        "the page is self-contained"
    );
}

#[test]
fn star_parts_found_by_the_analysis_are_highlighted() {
    let rec = record(&[FILLERS]);
    let analysis = rec.turns[0].analysis().unwrap();
    let page = html(&rec, &[]);
    for kind in StarPartKind::ALL {
        let highlighted =
            page.contains(&format!("<span class=\"star {}\" title=", star_class(kind)));
        assert_eq!(
            highlighted,
            analysis.star.part(kind).span.is_some(),
            "{}",
            kind.name()
        );
    }
}

#[test]
fn markdown_marks_fillers_and_quotes_star_parts() {
    let rec = record(&[FILLERS]);
    let analysis = rec.turns[0].analysis().unwrap();
    let md = markdown(&rec, &[]);
    assert_eq!(md.matches("**[").count(), analysis.fillers.total);
    assert!(md.contains("\\<checkout\\>"));
    let missing = StarPartKind::ALL
        .iter()
        .filter(|k| !analysis.star.part(**k).present)
        .count();
    assert_eq!(md.matches(": *missing*").count(), missing);
    assert!(md.contains("# Bar Raiser round 42") && md.contains("| Ownership |"));
}

#[test]
fn segments_cover_the_text_exactly() {
    let analysis = analyze(&AnswerInput::text(FILLERS));
    let joined: String = segments(FILLERS, &analysis)
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(joined, FILLERS);
    assert!(
        segments("", &analysis).is_empty(),
        "spans past the end of the text are ignored"
    );
}

#[test]
fn the_appendix_names_the_rule_behind_every_filler_mark() {
    let rec = record(&[FILLERS]);
    let analysis = rec.turns[0].analysis().unwrap();
    let md = markdown(&rec, &[]);
    let appendix = md
        .split("## Appendix: the rules behind the marks")
        .nth(1)
        .expect("an appendix");
    for mark in &analysis.fillers.spans {
        assert!(
            appendix.contains(&format!("| `{}` |", mark.rule.name())),
            "{}",
            mark.rule.name()
        );
    }
    let um_marks = analysis
        .fillers
        .spans
        .iter()
        .filter(|m| m.rule == analysis.fillers.spans[0].rule)
        .count();
    assert!(appendix.contains(&format!(
        "| `{}` | {um_marks} |",
        analysis.fillers.spans[0].rule.name()
    )));
    let page = html(&rec, &[]);
    assert!(page.contains(&format!(
        "<code>{}</code>",
        analysis.fillers.spans[0].rule.name()
    )));
}

#[test]
fn times_and_durations_read_plainly() {
    assert_eq!(format_time_ms(0), "1970-01-01 00:00 UTC");
    assert_eq!(format_time_ms(1_764_079_380_000), "2025-11-25 14:03 UTC");
    assert_eq!(format_time_ms(951_782_400_000), "2000-02-29 00:00 UTC");
    assert_eq!(format_duration(42.4), "42 s");
    assert_eq!(format_duration(125.0), "2 min 05 s");
}
