//! The human-readable feedback report printed by `analyze`, `answer` and
//! `practice`: the transcript with fillers marked inline, then structure,
//! ownership, score and the first follow-up.

use br_core::analysis::{Analysis, StarPartKind};
use br_core::{CheckStatus, Facts, RuleId};
use std::fmt::Write;

/// Prints the feedback for `text` and its `analysis` to stdout, followed by
/// the first follow-up a bar raiser would ask.
pub fn print_report(text: &str, analysis: &Analysis) {
    let mut out = feedback(text, analysis);
    if let Some(first) = analysis.followups.first() {
        let _ = writeln!(out, "\nFollow-up: {}", first.text);
    }
    print!("{out}");
}

/// Prints the feedback only; used where the caller drives the follow-ups
/// itself (a practice round asks the drill-down's next question).
pub fn print_feedback(text: &str, analysis: &Analysis) {
    print!("{}", feedback(text, analysis));
}

/// Builds the feedback; separate from printing so it can be tested.
fn feedback(text: &str, analysis: &Analysis) -> String {
    let mut out = String::new();
    let marks: Vec<(usize, usize)> = analysis
        .marked_runs()
        .into_iter()
        .filter(|run| run.filler.is_some())
        .map(|run| (run.start, run.end))
        .collect();
    let _ = writeln!(
        out,
        "Transcript (fillers in [brackets]):\n  {}\n",
        mark_spans(text, &marks)
    );

    let fillers = &analysis.fillers;
    let mut line = format!("Fillers: {}", fillers.total);
    if !fillers.by_word.is_empty() {
        let counts: Vec<String> = fillers
            .by_word
            .iter()
            .map(|(w, n)| format!("{w} {n}"))
            .collect();
        let _ = write!(line, " ({})", counts.join(", "));
    }
    if let Some(rate) = fillers.per_minute {
        let _ = write!(line, ", {rate:.1} per minute");
    }
    let _ = writeln!(out, "{line}");

    let fp = &analysis.first_person;
    let _ = writeln!(out, "First person: I {} / we {}", fp.i, fp.we);

    let _ = writeln!(out, "STAR:");
    for kind in StarPartKind::ALL {
        let detail = match analysis.star.part(kind).span {
            Some(span) => format!("\"{}\"", excerpt(text, span.start, span.end, 70)),
            None => "missing".to_string(),
        };
        let _ = writeln!(out, "  {:<10} {}", kind.name(), detail);
    }
    let quantified = if analysis.result_quantified {
        "yes"
    } else {
        "no"
    };
    let _ = writeln!(out, "  Result quantified: {quantified}");
    if analysis.hypothetical {
        let _ = writeln!(
            out,
            "  The answer describes what you would do, not a past event."
        );
    }

    let spec = &analysis.specificity;
    let mut delivery = format!("Length: {} words", spec.word_count);
    if let Some(wpm) = spec.words_per_minute {
        let _ = write!(delivery, ", {wpm:.0} words per minute");
    }
    if !spec.long_pauses.is_empty() {
        let _ = write!(
            delivery,
            ", {} pauses over {} s",
            spec.long_pauses.len(),
            br_core::THRESHOLDS.long_pause_s
        );
    }
    let _ = writeln!(out, "{delivery}");

    let _ = writeln!(out, "\nScore: {}/4", analysis.score.value);
    for reason in &analysis.score.reasons {
        let _ = writeln!(out, "  - {reason}");
    }
    out
}

/// Prints every mark of the analysis with the id of the rule that made it
/// and what that rule checks, then why the first follow-up was chosen.
pub fn print_explanation(text: &str, facts: &Facts, analysis: &Analysis) {
    print!("{}", explanation(text, facts, analysis));
}

fn explanation(text: &str, facts: &Facts, analysis: &Analysis) -> String {
    let mut out = String::new();
    let rule = |r: RuleId| format!("[{}] {}", r.name(), r.description());
    let _ = writeln!(out, "Fillers ({})", analysis.fillers.spans.len());
    for m in &analysis.fillers.spans {
        let _ = writeln!(
            out,
            "  {:<10} {:>5}-{:<5} {}",
            m.word,
            m.start,
            m.end,
            rule(m.rule)
        );
    }
    let _ = writeln!(out, "STAR labels, clause by clause");
    for c in &facts.clauses {
        let label = serde_json::to_value(c.label)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {:<10} \u{201c}{}\u{201d} {}",
            label,
            excerpt(text, c.span.start, c.span.end, 50),
            rule(c.rule)
        );
    }
    let _ = writeln!(out, "STAR parts");
    for kind in StarPartKind::ALL {
        let name = kind.name().to_lowercase();
        let part = analysis.star.part(kind);
        match (part.span, part.rule) {
            (Some(span), Some(r)) => {
                let _ = writeln!(
                    out,
                    "  {name:<10} {:>5}-{:<5} {}",
                    span.start,
                    span.end,
                    rule(r)
                );
            }
            _ => {
                let _ = writeln!(out, "  {name:<10} missing");
            }
        }
    }
    let _ = writeln!(out, "Findings");
    for f in &analysis.score.findings {
        let sign = if f.positive { '+' } else { '-' };
        let _ = writeln!(out, "  {sign} {:<24} {}", f.code, rule(f.rule));
    }
    let _ = writeln!(out, "Follow-ups");
    for f in &analysis.followups {
        let _ = writeln!(out, "  {:<20} {}", f.kind.slug(), rule(f.rule));
    }
    let _ = writeln!(out, "Checklist");
    for item in &analysis.checklist.items {
        let status = match item.status {
            CheckStatus::Pass => "pass",
            CheckStatus::Missing => "missing",
            CheckStatus::NotApplicable => "n/a",
        };
        let _ = writeln!(
            out,
            "  {:<8} {:<30} {}",
            status,
            item.label,
            rule(item.rule)
        );
    }
    let _ = writeln!(
        out,
        "Why the first follow-up: {}",
        br_core::policy::explain_first(facts)
    );
    out
}

/// Wraps each `[start, end)` character span of `text` in brackets.
fn mark_spans(text: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len() + spans.len() * 2);
    for (idx, ch) in text.chars().enumerate() {
        if spans.iter().any(|&(s, _)| s == idx) {
            out.push('[');
        }
        if spans.iter().any(|&(_, e)| e == idx) {
            out.push(']');
        }
        out.push(ch);
    }
    if spans.iter().any(|&(_, e)| e == text.chars().count()) {
        out.push(']');
    }
    out
}

/// The characters `[start, end)` of `text`, shortened to `max` characters.
fn excerpt(text: &str, start: usize, end: usize, max: usize) -> String {
    let piece: String = text
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    let piece = piece.trim();
    if piece.chars().count() <= max {
        piece.to_string()
    } else {
        let head: String = piece.chars().take(max).collect();
        format!("{}...", head.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_fillers_by_character_not_byte() {
        assert_eq!(mark_spans("Ça, um, va", &[(4, 6)]), "Ça, [um], va");
        assert_eq!(mark_spans("so um", &[(0, 2), (3, 5)]), "[so] [um]");
    }

    #[test]
    fn excerpt_shortens_long_spans() {
        assert_eq!(excerpt("abcdefgh", 1, 4, 10), "bcd");
        assert_eq!(excerpt("abcdefgh", 0, 8, 3), "abc...");
    }
}
