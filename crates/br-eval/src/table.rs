//! The scorecard as text: the per-field table, the follow-up confusion
//! matrix and the misses, and the filler table of labelled recordings. One
//! rendering for the CLI and the tests.

use crate::audio::AudioScorecard;
use crate::score::{Miss, Scorecard, Tally, YesNo};
use br_core::FollowUpKind;
use std::fmt::Write;

/// The per-field table followed by the follow-up confusion matrix.
pub fn render_table(card: &Scorecard) -> String {
    let mut out = format!("answers: {}\n\n", card.answers);
    out.push_str(&format!(
        "{:<20} {:>9} {:>9} {:>9} {:>9} {:>12}\n",
        "field", "accuracy", "precision", "recall", "F1", "span IoU"
    ));
    tally_row(&mut out, "fillers", &card.fillers.overall);
    for (word, tally) in &card.fillers.by_word {
        tally_row(&mut out, &format!("  {word}"), tally);
    }
    for (name, part) in card.star.parts() {
        let iou = match part.span_iou.value() {
            Some(mean) => format!("{mean:.3} ({})", part.span_iou.n),
            None => "-".to_string(),
        };
        yes_no_row(&mut out, name, &part.presence, &iou);
    }
    yes_no_row(&mut out, "quantified Result", &card.result_quantified, "");
    yes_no_row(&mut out, "hypothetical", &card.hypothetical, "");
    let exact = &card.i_we_exact;
    out.push_str(&format!(
        "{:<20} {:>9.3}   ({} of {} answers)\n",
        "I/we exact",
        exact.rate(),
        exact.hits,
        exact.total
    ));
    let followup = &card.first_followup;
    out.push_str(&format!(
        "{:<20} {:>9.3}\n\n",
        "first follow-up",
        followup.accuracy()
    ));

    out.push_str("first follow-up: expected (rows) x got (columns)\n");
    out.push_str(&format!("{:<20}", ""));
    for kind in FollowUpKind::ALL {
        out.push_str(&format!(" {:>8}", short_name(kind)));
    }
    out.push('\n');
    for want in FollowUpKind::ALL {
        out.push_str(&format!("{:<20}", want.slug()));
        for got in FollowUpKind::ALL {
            out.push_str(&format!(" {:>8}", followup.count(want, got)));
        }
        out.push('\n');
    }
    out
}

/// Every miss, grouped by field, one line each ("id: expected X, got Y").
pub fn render_misses(card: &Scorecard) -> String {
    let mut out = String::new();
    let mut section = |name: &str, misses: &[Miss]| miss_section(&mut out, name, misses);
    section("fillers", &card.fillers.misses);
    for (name, part) in card.star.parts() {
        section(name, &part.presence.misses);
    }
    section("quantified Result", &card.result_quantified.misses);
    section("hypothetical", &card.hypothetical.misses);
    section("I/we", &card.i_we_exact.misses);
    section("first follow-up", &card.first_followup.misses);
    out
}

fn tally_row(out: &mut String, name: &str, tally: &Tally) {
    out.push_str(&format!(
        "{name:<20} {:>9} {:>9.3} {:>9.3} {:>9.3}\n",
        "-",
        tally.precision(),
        tally.recall(),
        tally.f1()
    ));
}

fn yes_no_row(out: &mut String, name: &str, field: &YesNo, iou: &str) {
    let row = format!(
        "{name:<20} {:>9.3} {:>9.3} {:>9.3} {:>9} {iou:>12}",
        field.accuracy(),
        field.yes.precision(),
        field.yes.recall(),
        "-"
    );
    out.push_str(row.trim_end());
    out.push('\n');
}

/// A column heading narrow enough for the matrix.
fn short_name(kind: FollowUpKind) -> &'static str {
    match kind {
        FollowUpKind::AskSituation => "situat.",
        FollowUpKind::AskPersonalAction => "pers.act",
        FollowUpKind::AskResult => "result",
        FollowUpKind::AskMetric => "metric",
        FollowUpKind::AskWhyDecision => "why",
        FollowUpKind::AskLesson => "lesson",
        FollowUpKind::None => "none",
    }
}

/// Every recording whose count of a filler type is wrong ("audio: expected
/// um x2, got um x1").
pub fn render_audio_misses(card: &AudioScorecard) -> String {
    let mut out = String::new();
    miss_section(&mut out, "fillers", &card.fillers.misses);
    out
}

/// One field's misses under a heading; nothing when there are none.
fn miss_section(out: &mut String, name: &str, misses: &[Miss]) {
    if misses.is_empty() {
        return;
    }
    let _ = writeln!(out, "misses, {name}:");
    for miss in misses {
        let _ = writeln!(
            out,
            "  {}: expected {}, got {}",
            miss.id, miss.expected, miss.got
        );
    }
}

/// The filler table of labelled recordings: by type, by voice, and where
/// each scripted hesitation went.
pub fn render_audio_table(card: &AudioScorecard) -> String {
    let wer = card
        .wer
        .value()
        .map_or("-".to_string(), |w| format!("{:.1} %", w * 100.0));
    let mut out = format!(
        "recordings: {}   word error rate against the scripts: {wer}\n\n",
        card.recordings
    );
    count_header(&mut out, "filler");
    count_row(&mut out, "all", &card.fillers.overall);
    for (word, tally) in &card.fillers.by_word {
        count_row(&mut out, &format!("  {word}"), tally);
    }
    out.push('\n');
    count_header(&mut out, "voice");
    for (voice, tally) in &card.by_voice {
        count_row(&mut out, voice, tally);
    }
    out.push_str("\nwhere each scripted hesitation went (word heard in its place)\n");
    for (said, heard) in &card.hesitations {
        let mut heard: Vec<(&String, &usize)> = heard.iter().collect();
        heard.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let list: Vec<String> = heard.iter().map(|(w, n)| format!("{w} {n}")).collect();
        out.push_str(&format!("  {said:<6} {}\n", list.join(", ")));
    }
    out
}

fn count_header(out: &mut String, first: &str) {
    out.push_str(&format!(
        "{first:<32} {:>9} {:>9} {:>9} {:>5} {:>5} {:>5}\n",
        "recall", "precision", "F1", "tp", "fp", "fn"
    ));
}

fn count_row(out: &mut String, name: &str, tally: &Tally) {
    out.push_str(&format!(
        "{name:<32} {:>9.3} {:>9.3} {:>9.3} {:>5} {:>5} {:>5}\n",
        tally.recall(),
        tally.precision(),
        tally.f1(),
        tally.tp,
        tally.fp,
        tally.fn_
    ));
}
