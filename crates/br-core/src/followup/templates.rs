//! The scripted question texts of the follow-up tree: several wordings per
//! kind, with and without a phrase quoted from the answer, picked by a
//! stable hash so the same answer always gets the same question while
//! different answers hear some variety.
//!
//! `{p}` stands for the phrase. It is the candidate's words turned into the
//! second person ("I rolled back the deploy" -> "you rolled back the
//! deploy"), except for ownership questions, which quote the "we" verbatim
//! because the word itself is the point.

use crate::analysis::FollowUpKind;

/// The wordings for one kind of follow-up.
struct Templates {
    kind: FollowUpKind,
    /// With a phrase from the answer.
    with_phrase: &'static [&'static str],
    /// When no phrase fits.
    plain: &'static [&'static str],
}

const TABLE: &[Templates] = &[
    Templates {
        kind: FollowUpKind::AskSituation,
        with_phrase: &[
            "You said {p}. Take me back to the start: where were you, and what problem were you facing?",
            "You mentioned that {p}. What was the situation before that? When was it, and what was going wrong?",
            "Let's set the scene first. Before {p}, what was happening, and why did it matter?",
        ],
        plain: &[
            "Can you walk me through one real example? Where were you working, and what was going on?",
            "Let's make it concrete: tell me about one specific situation you were in. When was it, and what was at stake?",
            "Tell me about one specific time this happened. Where were you, and what was the problem?",
        ],
    },
    Templates {
        kind: FollowUpKind::AskPersonalAction,
        with_phrase: &[
            "You said \u{201c}{p}\u{201d}. What did you personally do?",
            "When you say \u{201c}{p}\u{201d}, which part of that was yours?",
            "\u{201c}{p}\u{201d}: what was your own role in that, step by step?",
        ],
        plain: &[
            "What did you do about it? Walk me through your own actions.",
            "What was your part in this? What did you personally do next?",
            "Which steps did you take yourself, and in what order?",
        ],
    },
    Templates {
        kind: FollowUpKind::AskResult,
        with_phrase: &[
            "You said {p}. What happened in the end?",
            "After {p}, what was the outcome?",
            "So {p}. And then what was the result?",
        ],
        plain: &["What was the result in the end?", "How did it turn out?", "What happened as a result of what you did?"],
    },
    Templates {
        kind: FollowUpKind::AskMetric,
        with_phrase: &[
            "You said {p}. How did you measure that? What changed, in numbers?",
            "You mentioned {p}. Which number moved, and from what to what?",
            "How do you know {p}? What metric showed it, before and after?",
        ],
        plain: &[
            "How did you measure the result? What changed, in numbers?",
            "Which metric moved, and from what to what?",
            "What number would show me it worked?",
        ],
    },
    Templates {
        kind: FollowUpKind::AskWhyDecision,
        with_phrase: &[
            "You said {p}. Why that choice, and what else did you consider?",
            "You mentioned {p}. What made that the right call over the alternatives?",
            "Walk me through your reasoning: you said {p}. Why?",
        ],
        plain: &[
            "Why did you choose that approach over the alternatives?",
            "What made that the right call at the time?",
            "What was your reasoning behind that decision?",
        ],
    },
    Templates {
        kind: FollowUpKind::AskLesson,
        with_phrase: &[
            "Looking back at when {p}, what did you learn, and what do you do differently now?",
            "You said {p}. What would you do differently next time?",
            "What changed in how you work after {p}?",
        ],
        plain: &[
            "What did you learn from this, and what do you do differently now?",
            "If it happened again tomorrow, what would you do differently?",
            "What did this teach you about how you work?",
        ],
    },
    Templates {
        kind: FollowUpKind::None,
        with_phrase: &[],
        plain: &["No follow-up needed: the story has a situation, your own actions, a measured result and its reasons."],
    },
];

/// Asking for a real situation after an answer that said what the
/// candidate would do.
#[rustfmt::skip]
const HYPOTHETICAL: &[&str] = &[
    "That tells me what you would do. Can you tell me about a time it actually happened: where were you, and what was the problem?",
    "That's the plan in theory. When did you actually face this? Walk me through that specific situation.",
    "I'd like a real example rather than an approach. Which time comes to mind, and what was going on?",
];

/// Drill-down wordings: "why" asked of a cause or problem the candidate
/// just gave, peeling the next layer.
#[rustfmt::skip]
const DRILL: &[&str] = &[
    "You said {p}. Why was that?", "Why do you think {p}?",
    "You mentioned {p}. What was behind that?",
];

/// The question text for `kind`, quoting `phrase` when there is one. `salt`
/// varies the wording between positions in the drill-down.
pub(crate) fn render(kind: FollowUpKind, phrase: Option<&str>, salt: usize) -> String {
    let entry = TABLE
        .iter()
        .find(|t| t.kind == kind)
        .unwrap_or(&TABLE[TABLE.len() - 1]);
    fill(entry.with_phrase, entry.plain, kind, phrase, salt)
}

/// The request for a real situation after a hypothetical answer.
pub(crate) fn render_hypothetical(salt: usize) -> String {
    fill(
        HYPOTHETICAL,
        HYPOTHETICAL,
        FollowUpKind::AskSituation,
        None,
        salt,
    )
}

/// The question text for a "why" drilled into a cause the candidate gave.
pub(crate) fn render_drill(phrase: &str, salt: usize) -> String {
    fill(
        DRILL,
        DRILL,
        FollowUpKind::AskWhyDecision,
        Some(phrase),
        salt,
    )
}

fn fill(
    with_phrase: &[&str],
    plain: &[&str],
    kind: FollowUpKind,
    phrase: Option<&str>,
    salt: usize,
) -> String {
    let (choices, phrase) = match phrase {
        Some(p) if !with_phrase.is_empty() => (with_phrase, p),
        _ => (plain, ""),
    };
    let key = format!("{kind:?}|{phrase}|{salt}");
    let template = choices[(fnv1a(key.as_bytes()) % choices.len() as u64) as usize];
    template.replace("{p}", phrase)
}

/// FNV-1a: a stable hash (std's hasher is seeded per process).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_wordings() {
        for t in TABLE {
            assert!(!t.plain.is_empty(), "{:?}", t.kind);
            assert!(
                t.with_phrase.iter().all(|w| w.contains("{p}")),
                "{:?}",
                t.kind
            );
        }
    }

    #[test]
    fn the_phrase_is_quoted_and_the_choice_is_stable() {
        let a = render(FollowUpKind::AskResult, Some("you set up a weekly call"), 1);
        assert!(a.contains("you set up a weekly call"));
        assert_eq!(
            a,
            render(FollowUpKind::AskResult, Some("you set up a weekly call"), 1)
        );
    }

    #[test]
    fn without_a_phrase_a_plain_wording_is_used() {
        assert!(!render(FollowUpKind::AskMetric, None, 0).contains("{p}"));
    }
}
