//! The story's logic beyond its STAR shape: whose actions they are, the
//! central decision and whether a reason backs it, and whether a setback
//! story draws a lesson. These decide the deeper follow-ups (ask for "I",
//! ask "why", ask for the lesson) and part of the score.
//!
//! - Ownership counts the subjects of the past-tense actions in the Action
//!   clauses: "I" against "we".
//! - The central decision is the speaker's first action framed against an
//!   alternative ("instead of", "without waiting"), else the first with a
//!   verb of choosing ("decided", "proposed", "ordered"). It is
//!   reasoned when the story gives a cause ("because", "so that", "so I"), or
//!   when it follows a problem or finding stated before it. A decision
//!   framed against an alternative needs its own cause in its sentence or
//!   the next: a prior problem explains acting, not choosing this way.
//! - A setback story (failure, mistake, conflict) is recognised from the
//!   answer's own words or from the question.

use super::clauses::Clause;
use super::cues::Cue;
use super::lexicon::{lex, Person};
use super::parsed::Parsed;
use super::star::{has_cue, Part};
use crate::facts::Ownership;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reasoning {
    pub ownership: Ownership,
    /// Clause of the central decision.
    pub decision: Option<usize>,
    pub decision_reasoned: bool,
    /// Clause whose words mark the story as a setback, or `Some(None)` when
    /// only the question does.
    pub setback: Option<Option<usize>>,
    /// First clause stating a lesson.
    pub lesson: Option<usize>,
}

pub(crate) fn analyse(p: &Parsed<'_>, question: Option<&str>) -> Reasoning {
    let labels = &p.star.labels;
    let clauses = &p.clauses;
    let tokens = &p.doc.tokens;
    let ownership = ownership(p);
    let verb_of = |c: &Clause| {
        c.preds
            .iter()
            .find(|pr| !pr.subordinate && pr.is_speaker_action())
            .and_then(|pr| pr.verb)
            .map(|v| tokens[v].norm.as_str())
    };
    let actions: Vec<usize> = (0..clauses.len())
        .filter(|&i| labels[i] == Part::Action)
        .collect();
    let speaker_acts = |i: &&usize| verb_of(&clauses[**i]).is_some();
    let contrast = actions
        .iter()
        .filter(speaker_acts)
        .find(|&&i| has_cue(&clauses[i], &p.cues, Cue::Contrast, false))
        .copied();
    let chosen = actions
        .iter()
        .filter(speaker_acts)
        .find(|&&i| has_cue(&clauses[i], &p.cues, Cue::Decision, true))
        .copied();
    // Only a framed choice or a verb of choosing makes a decision worth a
    // "why"; plain doing ("I rewrote the articles") is not questioned.
    let decision = contrast.or(chosen);

    let decision_reasoned = decision.is_some_and(|d| {
        let sentence = clauses[d].sentence;
        let in_reach = |c: &Clause| c.sentence == sentence || c.sentence == sentence + 1;
        let cause_near = clauses
            .iter()
            .any(|c| in_reach(c) && has_cue(c, &p.cues, Cue::Reason, false));
        if contrast == Some(d) {
            return cause_near;
        }
        let story_so_far =
            |i: usize| matches!(labels[i], Part::Situation | Part::Task | Part::Action);
        let cause = (0..clauses.len())
            .any(|i| story_so_far(i) && has_cue(&clauses[i], &p.cues, Cue::Reason, false));
        let problem_before =
            (0..=d).any(|i| story_so_far(i) && has_cue(&clauses[i], &p.cues, Cue::Problem, false));
        cause_near || cause || problem_before
    });

    let lesson = (0..clauses.len()).find(|&i| p.lesson[i]);
    let setback_clause = (0..clauses.len())
        .find(|&i| !p.lesson[i] && has_cue(&clauses[i], &p.cues, Cue::Setback, false));
    let question_asks = question.is_some_and(|q| {
        let lower = q.to_lowercase();
        lex()
            .setback_question_phrases
            .iter()
            .any(|phrase| lower.contains(phrase))
            || lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| lex().setback_question_words.contains(w))
    });

    let setback = match (setback_clause, question_asks) {
        (Some(c), _) => Some(Some(c)),
        (None, true) => Some(None),
        (None, false) => None,
    };
    Reasoning {
        ownership,
        decision,
        decision_reasoned,
        setback,
        lesson,
    }
}

fn ownership(p: &Parsed<'_>) -> Ownership {
    let mut own = Ownership::default();
    for (i, c) in p.clauses.iter().enumerate() {
        if p.star.labels[i] != Part::Action {
            continue;
        }
        for pred in c
            .preds
            .iter()
            .filter(|pr| !pr.subordinate && pr.is_speaker_action())
        {
            match pred.person {
                Person::I => own.i_actions += 1,
                Person::We => {
                    own.we_actions += 1;
                    own.first_we.get_or_insert(i);
                }
                Person::Other => {}
            }
        }
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasoning(text: &str, question: Option<&str>) -> Reasoning {
        analyse(&Parsed::new(text), question)
    }

    const STORY_START: &str = "At my last company the nightly billing job was failing every week. ";

    #[test]
    fn actions_all_led_by_we_hide_ownership() {
        let r = reasoning(
            &format!("{STORY_START}We put together an estimate, we showed him the map, and we negotiated two quarters. We finished in five months."),
            None,
        );
        assert!(r.ownership.all_we());
        assert_eq!(r.ownership.we_actions, 3);
    }

    #[test]
    fn a_decision_after_a_stated_problem_is_reasoned() {
        let text = format!("{STORY_START}I decided to rewrite the job. Failures stopped.");
        let r = reasoning(&text, None);
        assert!(r.decision.is_some());
        assert!(r.decision_reasoned);
    }

    #[test]
    fn plain_doing_is_not_a_decision_to_question() {
        let text = format!("{STORY_START}I rewrote the job. Failures stopped.");
        assert_eq!(reasoning(&text, None).decision, None);
    }

    #[test]
    fn a_choice_against_an_alternative_needs_its_own_reason() {
        let text = format!("{STORY_START}I rolled back the deploy without waiting for the root cause, and that fixed it in six minutes.");
        assert!(!reasoning(&text, None).decision_reasoned);
        let text = format!("{STORY_START}I rolled back the deploy without waiting for the root cause, because every minute cost sales.");
        assert!(reasoning(&text, None).decision_reasoned);
    }

    #[test]
    fn setbacks_come_from_the_answer_or_the_question() {
        let text = "Last year I underestimated the certification. I went to the lead with a plan. We shipped three weeks late.";
        assert!(reasoning(text, None).setback.is_some());
        let calm = "Last year our team shipped a new tool. I wrote the plan. We shipped on time.";
        assert!(reasoning(calm, None).setback.is_none());
        assert_eq!(
            reasoning(
                calm,
                Some("Tell me about a time you disagreed with your manager.")
            )
            .setback,
            Some(None)
        );
    }

    #[test]
    fn a_stance_that_worked_is_not_a_setback() {
        let stances = [
            "Last year a client asked for a custom export. I said no and offered the API instead. They renewed for three years.",
            "In March the vendor wanted to skip the load test. I pushed back and we ran it. We found two leaks before launch.",
            "The migration stalled for a month. I escalated to the CFO with one page. He decided in two days.",
        ];
        for text in stances {
            let asked = Some("Tell me about a time you pushed back on a stakeholder.");
            assert!(reasoning(text, asked).setback.is_none(), "{text}");
        }
        // A stance that ended in an argument is a conflict.
        let argued = "Last year the manager wanted to fly the plane. I refused and we argued on the phone. The flight left late.";
        assert!(reasoning(argued, None).setback.is_some());
    }

    #[test]
    fn lessons_are_found() {
        let text = "Last year the job failed. I fixed it. It stopped failing. I learned to ask for docs up front.";
        assert!(reasoning(text, None).lesson.is_some());
    }
}
