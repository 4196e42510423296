//! The round report a candidate prints or sends to a coach, as Markdown or
//! as one self-contained HTML page (inline CSS, no scripts, no external
//! files): the summary, then every question and follow-up with its
//! transcript (fillers marked, STAR parts highlighted), score and reasons.
//!
//! Rendering is pure so the CLI's `export` and the desktop app share it.

use crate::round::{RoundRecord, RoundStatus, Turn};
use crate::stories::Story;
use crate::summary::{summarize, RoundSummary};
use br_core::{Analysis, CheckStatus, RuleId, StarPartKind};
use std::fmt::Write;

/// The report as Markdown. Fillers appear as `**[um]**`; STAR parts are
/// quoted under each transcript, since Markdown has no highlighting.
pub fn markdown(record: &RoundRecord, stories: &[Story]) -> String {
    let summary = summarize(&record.questions, &record.turns);
    let mut out = String::new();
    let _ = writeln!(out, "# Bar Raiser round {}\n", record.id);
    for (label, value) in header_facts(record) {
        let _ = writeln!(out, "- **{label}:** {}", md_escape(&value));
    }

    let _ = writeln!(out, "\n## Summary\n");
    let _ = writeln!(
        out,
        "| Principle | Score (1-4) | Your rating | Reasons |\n|---|---|---|---|"
    );
    for p in &summary.principles {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md_escape(p.principle.name()),
            fmt_opt(p.score),
            fmt_opt(p.self_rating),
            md_escape(&p.reasons.join("; ")),
        );
    }
    let _ = writeln!(out);
    for (label, value) in delivery_facts(&summary) {
        let _ = writeln!(out, "- **{label}:** {value}");
    }
    if !summary.fixes.is_empty() {
        let _ = writeln!(out, "\n### Fix next time\n");
        for (idx, fix) in summary.fixes.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", idx + 1, md_escape(&fix_line(fix)));
        }
    }
    for warning in story_warning_lines(&summary, stories) {
        let _ = writeln!(out, "\n> **Story reused:** {}", md_escape(&warning));
    }

    for (question_idx, question) in record.questions.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n## Question {} — {}\n\n> {}\n",
            question_idx + 1,
            question.principle.name(),
            md_escape(&question.text)
        );
        if let Some(name) = story_name(question.story_id, stories) {
            let _ = writeln!(out, "Story: *{}*\n", md_escape(name));
        }
        for turn in record
            .turns
            .iter()
            .filter(|t| t.question_idx == question_idx)
        {
            let _ = writeln!(out, "### {}\n", turn_title(turn));
            if turn.depth > 0 {
                let _ = writeln!(out, "> {}\n", md_escape(&turn.prompt));
            }
            let Some(answer) = &turn.answer else {
                let _ = writeln!(out, "*Skipped.*\n");
                continue;
            };
            let mut transcript = String::new();
            for segment in segments(&answer.text, &answer.analysis) {
                if segment.filler {
                    let _ = write!(transcript, "**[{}]**", md_escape(&segment.text));
                } else {
                    transcript.push_str(&md_escape(&segment.text));
                }
            }
            let _ = writeln!(out, "{}\n", transcript.trim());
            for (part, quote) in star_quotes(&answer.text, &answer.analysis) {
                let shown = quote.map_or_else(
                    || "*missing*".to_string(),
                    |q| format!("“{}”", md_escape(&q)),
                );
                let _ = writeln!(out, "- {}: {shown}", part.name());
            }
            let _ = writeln!(out);
            for line in answer_facts(turn, &answer.analysis) {
                let _ = writeln!(out, "- {}", md_escape(&line));
            }
            let _ = writeln!(out);
        }
    }
    let rules = rules_behind_marks(record);
    if !rules.is_empty() {
        let _ = writeln!(
            out,
            "## Appendix: the rules behind the marks

| Rule | Marks | What it checks |
|---|---|---|"
        );
        for (rule, marks) in rules {
            let _ = writeln!(
                out,
                "| `{}` | {marks} | {} |",
                rule.name(),
                md_escape(rule.description())
            );
        }
    }
    out
}

/// The report as one HTML page with inline CSS. Every filler is a
/// `<mark class="filler">`; STAR parts are `<span class="star star-s">` and
/// so on, with a legend.
pub fn html(record: &RoundRecord, stories: &[Story]) -> String {
    let summary = summarize(&record.questions, &record.turns);
    let mut out = String::new();
    let title = format!("Bar Raiser round {}", record.id);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<ul class=\"facts\">\n",
        esc(&title),
        esc(&title)
    );
    for (label, value) in header_facts(record) {
        let _ = writeln!(out, "<li><b>{}:</b> {}</li>", esc(label), esc(&value));
    }
    let _ = writeln!(out, "</ul>\n<h2>Summary</h2>");
    let _ = writeln!(
        out,
        "<table><thead><tr><th>Principle</th><th>Score (1-4)</th><th>Your rating</th><th>Reasons</th></tr></thead><tbody>"
    );
    for p in &summary.principles {
        let reasons: String = p
            .reasons
            .iter()
            .map(|r| format!("<li>{}</li>", esc(r)))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td><ul>{reasons}</ul></td></tr>",
            esc(p.principle.name()),
            fmt_opt(p.score),
            fmt_opt(p.self_rating),
        );
    }
    let _ = writeln!(out, "</tbody></table>\n<ul class=\"facts\">");
    for (label, value) in delivery_facts(&summary) {
        let _ = writeln!(out, "<li><b>{}:</b> {}</li>", esc(label), esc(&value));
    }
    let _ = writeln!(out, "</ul>");
    if !summary.fixes.is_empty() {
        let _ = writeln!(out, "<h3>Fix next time</h3>\n<ol>");
        for fix in &summary.fixes {
            let _ = writeln!(out, "<li>{}</li>", esc(&fix_line(fix)));
        }
        let _ = writeln!(out, "</ol>");
    }
    for warning in story_warning_lines(&summary, stories) {
        let _ = writeln!(
            out,
            "<p class=\"warning\"><b>Story reused:</b> {}</p>",
            esc(&warning)
        );
    }
    let _ = writeln!(
        out,
        "<p class=\"legend\">Legend: <mark class=\"filler\">filler</mark> \
         <span class=\"star star-s\">Situation</span> <span class=\"star star-t\">Task</span> \
         <span class=\"star star-a\">Action</span> <span class=\"star star-r\">Result</span></p>"
    );

    for (question_idx, question) in record.questions.iter().enumerate() {
        let _ = writeln!(
            out,
            "<section class=\"question\">\n<h2>Question {} <small>{}</small></h2>\n<blockquote>{}</blockquote>",
            question_idx + 1,
            esc(question.principle.name()),
            esc(&question.text)
        );
        if let Some(name) = story_name(question.story_id, stories) {
            let _ = writeln!(out, "<p>Story: <i>{}</i></p>", esc(name));
        }
        for turn in record
            .turns
            .iter()
            .filter(|t| t.question_idx == question_idx)
        {
            let class = if turn.depth == 0 {
                "turn main"
            } else {
                "turn followup"
            };
            let _ = writeln!(
                out,
                "<div class=\"{class}\">\n<h3>{}</h3>",
                esc(&turn_title(turn))
            );
            if turn.depth > 0 {
                let _ = writeln!(out, "<blockquote>{}</blockquote>", esc(&turn.prompt));
            }
            let Some(answer) = &turn.answer else {
                let _ = writeln!(out, "<p class=\"skipped\">Skipped.</p>\n</div>");
                continue;
            };
            let _ = writeln!(
                out,
                "<p class=\"transcript\">{}</p>",
                transcript_html(&answer.text, &answer.analysis)
            );
            let _ = writeln!(out, "<ul class=\"star-parts\">");
            for (part, quote) in star_quotes(&answer.text, &answer.analysis) {
                let shown = match quote {
                    Some(_) => "present".to_string(),
                    None => "<b>missing</b>".to_string(),
                };
                let _ = writeln!(
                    out,
                    "<li><span class=\"star {}\">{}</span> {shown}</li>",
                    star_class(part),
                    part.name()
                );
            }
            let _ = writeln!(out, "</ul>\n<ul class=\"facts\">");
            for line in answer_facts(turn, &answer.analysis) {
                let _ = writeln!(out, "<li>{}</li>", esc(&line));
            }
            let _ = writeln!(out, "</ul>\n</div>");
        }
        let _ = writeln!(out, "</section>");
    }
    let rules = rules_behind_marks(record);
    if !rules.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"appendix\">\n<h2>Appendix: the rules behind the marks</h2>\n\
             <table><thead><tr><th>Rule</th><th>Marks</th><th>What it checks</th></tr></thead><tbody>"
        );
        for (rule, marks) in rules {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td class=\"num\">{marks}</td><td>{}</td></tr>",
                esc(&rule.name()),
                esc(rule.description())
            );
        }
        let _ = writeln!(out, "</tbody></table>\n</section>");
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

const CSS: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.5}\
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}h2 small{color:#666;font-weight:normal;font-size:.9rem}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}\
td.num{text-align:center}td ul{margin:0;padding-left:1.1rem}\
blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid #888;background:#f5f5f7}\
.transcript{white-space:pre-wrap}\
mark.filler{background:#ffd54f;border-bottom:2px solid #e65100;padding:0 .1em}\
.star{border-radius:3px;padding:0 .1em}.star-s{background:#e3f2fd}.star-t{background:#ede7f6}\
.star-a{background:#e8f5e9}.star-r{background:#fff3e0}\
.turn.followup{margin-left:1.5rem}.skipped{color:#777;font-style:italic}\
.warning{background:#ffebee;padding:.4rem .6rem;border-radius:4px}\
@media print{body{margin:0}section{break-inside:avoid-page}}";

/// The rules that marked the round's answers (fillers, STAR parts, score
/// findings, checks that failed), each with how many marks it made, in the
/// order they first appear: the appendix that lets a coach trace a mark.
fn rules_behind_marks(record: &RoundRecord) -> Vec<(RuleId, usize)> {
    let mut tally: Vec<(RuleId, usize)> = Vec::new();
    let analyses = record.turns.iter().filter_map(|t| t.answer.as_ref());
    for analysis in analyses.map(|a| &a.analysis) {
        let star = StarPartKind::ALL
            .into_iter()
            .map(|kind| analysis.star.part(kind))
            .filter(|part| part.present)
            .filter_map(|part| part.rule);
        let fillers = analysis.fillers.spans.iter().map(|m| m.rule);
        let findings = analysis.score.findings.iter().map(|f| f.rule);
        let failed = analysis
            .checklist
            .items
            .iter()
            .filter(|i| i.status == CheckStatus::Missing)
            .map(|i| i.rule);
        for rule in fillers.chain(star).chain(findings).chain(failed) {
            if rule == RuleId::Unrecorded {
                continue;
            }
            match tally.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, marks)) => *marks += 1,
                None => tally.push((rule, 1)),
            }
        }
    }
    tally
}

/// The CSS class of a STAR part's highlight.
fn star_class(kind: StarPartKind) -> &'static str {
    match kind {
        StarPartKind::Situation => "star-s",
        StarPartKind::Task => "star-t",
        StarPartKind::Action => "star-a",
        StarPartKind::Result => "star-r",
    }
}

/// A run of transcript characters with one STAR part (or none) and one
/// filler (or none).
#[derive(Debug, PartialEq)]
struct Segment {
    text: String,
    star: Option<StarPartKind>,
    filler: bool,
}

/// The whole transcript as runs of equal marking: the core's marked runs
/// (`Analysis::marked_runs`) with the unmarked text between them.
fn segments(text: &str, analysis: &Analysis) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize| -> String {
        chars[start.min(chars.len())..end.min(chars.len())]
            .iter()
            .collect()
    };
    let mut out = Vec::new();
    let mut at = 0;
    for run in analysis.marked_runs() {
        if run.start >= chars.len() {
            break;
        }
        if at < run.start {
            out.push(Segment {
                text: slice(at, run.start),
                star: None,
                filler: false,
            });
        }
        out.push(Segment {
            text: slice(run.start, run.end),
            star: run.star,
            filler: run.filler.is_some(),
        });
        at = run.end.min(chars.len());
    }
    if at < chars.len() {
        out.push(Segment {
            text: slice(at, chars.len()),
            star: None,
            filler: false,
        });
    }
    out
}

fn transcript_html(text: &str, analysis: &Analysis) -> String {
    let mut out = String::new();
    let mut open_star: Option<StarPartKind> = None;
    for segment in segments(text, analysis) {
        if segment.star != open_star {
            if open_star.is_some() {
                out.push_str("</span>");
            }
            if let Some(kind) = segment.star {
                let _ = write!(
                    out,
                    "<span class=\"star {}\" title=\"{}\">",
                    star_class(kind),
                    kind.name()
                );
            }
            open_star = segment.star;
        }
        if segment.filler {
            let _ = write!(
                out,
                "<mark class=\"filler\" title=\"filler\">{}</mark>",
                esc(&segment.text)
            );
        } else {
            out.push_str(&esc(&segment.text));
        }
    }
    if open_star.is_some() {
        out.push_str("</span>");
    }
    out
}

fn star_quotes(text: &str, analysis: &Analysis) -> Vec<(StarPartKind, Option<String>)> {
    StarPartKind::ALL
        .into_iter()
        .map(|kind| {
            let part = analysis.star.part(kind);
            let quote = part.span.filter(|_| part.present).map(|span| {
                text.chars()
                    .skip(span.start)
                    .take(span.end.saturating_sub(span.start))
                    .collect()
            });
            (kind, quote)
        })
        .collect()
}

fn header_facts(record: &RoundRecord) -> Vec<(&'static str, String)> {
    let status = match record.status {
        RoundStatus::Open => "open (can be resumed)",
        RoundStatus::Completed => "completed",
        RoundStatus::EndedEarly => "ended early",
        RoundStatus::Abandoned => "closed unfinished",
    };
    vec![
        ("Started", format_time_ms(record.started_at_ms)),
        ("Role", record.config.role.name().to_string()),
        ("Mode", record.config.mode.slug().to_string()),
        ("Status", status.to_string()),
    ]
}

fn delivery_facts(summary: &RoundSummary) -> Vec<(&'static str, String)> {
    let star = &summary.star;
    let mut facts = vec![
        ("Speaking time", format_duration(summary.speaking_time_s)),
        (
            "Fillers",
            match summary.fillers_per_minute {
                Some(rate) => format!("{} ({rate:.1} per minute)", summary.fillers),
                None => summary.fillers.to_string(),
            },
        ),
        (
            "STAR complete",
            format!(
                "{} of {} main answers (Situation {}, Task {}, Action {}, Result {}; quantified Result {})",
                star.complete, star.answers, star.situation, star.task, star.action, star.result, star.result_quantified
            ),
        ),
        (
            "\"I\" vs \"we\"",
            match summary.first_person.i_share {
                Some(share) => format!(
                    "I {} / we {} ({:.0}% I)",
                    summary.first_person.i,
                    summary.first_person.we,
                    share * 100.0
                ),
                None => "neither said".to_string(),
            },
        ),
    ];
    facts.push((
        "Follow-ups",
        format!(
            "{} answered, {} skipped",
            summary.followups_answered, summary.followups_skipped
        ),
    ));
    facts
}

fn answer_facts(turn: &Turn, analysis: &Analysis) -> Vec<String> {
    let mut lines = Vec::new();
    let mut score = format!("Score {}/4", analysis.score.value);
    if let Some(rating) = turn.self_rating {
        let _ = write!(score, " (you rated it {rating}/4)");
    }
    lines.push(score);
    lines.extend(
        analysis
            .score
            .reasons
            .iter()
            .map(|r| format!("Reason: {r}")),
    );
    let mut fillers = format!("Fillers: {}", analysis.fillers.total);
    if let Some(rate) = analysis.fillers.per_minute {
        let _ = write!(fillers, " ({rate:.1} per minute)");
    }
    lines.push(fillers);
    lines.push(format!(
        "I {} / we {}",
        analysis.first_person.i, analysis.first_person.we
    ));
    if let Some(duration) = analysis.specificity.duration_s {
        lines.push(format!("Length: {}", format_duration(duration)));
    }
    lines
}

fn turn_title(turn: &Turn) -> String {
    let mut title = if turn.depth == 0 {
        "Main answer".to_string()
    } else {
        format!("Follow-up {}", turn.depth)
    };
    if turn.attempt > 1 {
        let _ = write!(title, " (attempt {})", turn.attempt);
    }
    title
}

fn fix_line(fix: &crate::summary::Fix) -> String {
    let mut line = fix.text.clone();
    if fix.answers > 1 {
        let _ = write!(line, " (in {} answers)", fix.answers);
    }
    if let Some(example) = &fix.example {
        let _ = write!(line, " — e.g. “{example}”");
    }
    line
}

fn story_warning_lines(summary: &RoundSummary, stories: &[Story]) -> Vec<String> {
    summary
        .story_warnings
        .iter()
        .map(|w| {
            let name = story_name(Some(w.story_id), stories).unwrap_or("a story");
            let principles: Vec<&str> = w.principles.iter().map(|p| p.name()).collect();
            format!("\"{name}\" was told for {}; in a Loop each interviewer should hear a different story", principles.join(" and "))
        })
        .collect()
}

fn story_name(story_id: Option<i64>, stories: &[Story]) -> Option<&str> {
    let id = story_id?;
    stories.iter().find(|s| s.id == id).map(|s| s.name.as_str())
}

fn fmt_opt(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// "2 min 05 s", or "42 s" under a minute.
pub fn format_duration(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    if total < 60 {
        format!("{total} s")
    } else {
        format!("{} min {:02} s", total / 60, total % 60)
    }
}

/// A Unix time in milliseconds as "2026-11-25 14:03 UTC".
pub fn format_time_ms(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, secs_of_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil-from-days algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        secs_of_day / 3600,
        secs_of_day % 3600 / 60
    )
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Escapes the characters Markdown would read as formatting.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests;
