//! The labelled-answer record: one JSON object per line, as in the dev set
//! and the corpus (`tests/corpus/LABELING.md` has the labelling rules).
//! Fields other than these (style tags, annotator notes) are ignored.

use br_core::FollowUpKind;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;

/// One labelled answer.
#[derive(Debug, Clone, Deserialize)]
pub struct EvalItem {
    pub id: String,
    pub question: String,
    pub principle: String,
    pub transcript: String,
    pub labels: EvalLabels,
    pub expected_followup: FollowUpKind,
}

/// The labels of one answer.
#[derive(Debug, Clone, Deserialize)]
pub struct EvalLabels {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
    pub result_quantified: bool,
    pub fillers: Vec<FillerCount>,
    pub filler_total: usize,
    pub i_count: usize,
    pub we_count: usize,
    pub hypothetical: bool,
    /// `[start, end)` character offsets of each part's main stretch.
    pub star_spans: StarSpans,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StarSpans {
    pub situation: Option<[usize; 2]>,
    pub task: Option<[usize; 2]>,
    pub action: Option<[usize; 2]>,
    pub result: Option<[usize; 2]>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FillerCount {
    pub word: String,
    pub count: usize,
}

/// A line that is not a labelled answer, with its 1-based line number.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses JSON lines of labelled answers; blank lines are skipped. Besides
/// the JSON shape it checks what the labelling rules promise and a wrong
/// label would silently skew a score: ids are unique, spans lie inside the
/// transcript, each part's boolean matches its span, `filler_total` is the
/// sum of the counts.
pub fn parse_jsonl(text: &str) -> Result<Vec<EvalItem>, ParseError> {
    let mut items = Vec::new();
    let mut first_line_of_id: HashMap<String, usize> = HashMap::new();
    for (line_idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_no = line_idx + 1;
        let fail = |message: String| ParseError {
            line: line_no,
            message,
        };
        let item: EvalItem = serde_json::from_str(line).map_err(|e| fail(json_message(&e)))?;
        check(&item).map_err(fail)?;
        if let Some(first) = first_line_of_id.insert(item.id.clone(), line_no) {
            return Err(fail(format!(
                "id \"{}\" is used again (first on line {first}); give every answer its own id",
                item.id
            )));
        }
        items.push(item);
    }
    Ok(items)
}

/// serde_json's message with the position given as a column: each record
/// is one line, so its "line 1" would only mislead.
fn json_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&position) {
        Some(message) => format!("{message} (column {})", err.column()),
        None => text,
    }
}

fn check(item: &EvalItem) -> Result<(), String> {
    let labels = &item.labels;
    let n_chars = item.transcript.chars().count();
    let spans = &labels.star_spans;
    for (name, present, span) in [
        ("situation", labels.situation, spans.situation),
        ("task", labels.task, spans.task),
        ("action", labels.action, spans.action),
        ("result", labels.result, spans.result),
    ] {
        if present != span.is_some() {
            return Err(format!(
                "{}: \"{name}\" is {present} but its span is {}; a part is present exactly when its span is not null",
                item.id,
                if span.is_some() { "set" } else { "null" }
            ));
        }
        if let Some([start, end]) = span {
            if start > end || end > n_chars {
                return Err(format!(
                    "{}: the {name} span [{start}, {end}] is not inside the transcript ({n_chars} characters); spans are [start, end) character offsets",
                    item.id
                ));
            }
        }
    }
    let sum: usize = labels.fillers.iter().map(|f| f.count).sum();
    if sum != labels.filler_total {
        return Err(format!(
            "{}: filler_total is {} but the filler counts add up to {sum}",
            item.id, labels.filler_total
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id": "x-1", "question": "Q?", "principle": "Ownership", "transcript": "Um, I fixed it.", "style": ["very_short"], "labels": {"situation": false, "task": false, "action": true, "result": false, "result_quantified": false, "fillers": [{"word": "um", "count": 1}], "filler_total": 1, "i_count": 1, "we_count": 0, "hypothetical": false, "star_spans": {"situation": null, "task": null, "action": [4, 15], "result": null}}, "expected_followup": "ask_situation"}"#;

    fn check_err(text: &str, line: usize, needle: &str) {
        let err = parse_jsonl(text).unwrap_err();
        assert_eq!(err.line, line, "{err}");
        assert!(err.message.contains(needle), "{err}");
    }

    #[test]
    fn reads_a_record_skipping_blank_lines_and_unknown_fields() {
        let items = parse_jsonl(&format!("\n{GOOD}\n\n")).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].id, "x-1");
        assert_eq!(items[0].expected_followup, FollowUpKind::AskSituation);
        assert_eq!(items[0].labels.star_spans.action, Some([4, 15]));
    }

    #[test]
    fn malformed_lines_are_named_by_their_line_number() {
        check_err(
            &format!("{GOOD}\n\n{{\"id\": \"x-2\""),
            3,
            "EOF while parsing an object (column 12)",
        );
        check_err(
            &GOOD.replace("\"ask_situation\"", "\"ask_more\""),
            1,
            "unknown variant `ask_more`",
        );
        check_err(&GOOD.replace("\"i_count\": 1, ", ""), 1, "i_count");
    }

    #[test]
    fn labels_that_contradict_the_rules_are_refused() {
        check_err(&format!("{GOOD}\n{GOOD}"), 2, "first on line 1");
        check_err(
            &GOOD.replace("\"action\": true", "\"action\": false"),
            1,
            "\"action\" is false but its span is set",
        );
        check_err(&GOOD.replace("[4, 15]", "[4, 16]"), 1, "not inside");
        check_err(
            &GOOD.replace("\"filler_total\": 1", "\"filler_total\": 2"),
            1,
            "add up to 1",
        );
    }
}
