//! Is the answer a real past event at all? Behavioral answers must recount
//! a specific event; "I would start by..." (a plan) and "I'm a curious
//! person" (self-description) get no STAR structure and no credit.
//!
//! The decision counts tenses: clauses with a past-tense verb against
//! first-person conditional or future main clauses. A retrospective "if I
//! did it again I would..." sits in a subordinate or lesson clause and a
//! reported "that we would slip" in a subordinate one, so neither makes a
//! real story hypothetical.

use super::clauses::{Clause, Pred, Tense};
use super::lexicon::{lex, subject_of};
use super::tokens::Token;
use crate::facts::Person;

/// What kind of answer the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Narrative {
    /// The body says what the candidate would or will do.
    pub hypothetical: bool,
    /// The answer recounts at least one specific past event.
    pub story: bool,
}

/// Whether clause `c` opens (after at most one discourse word) on a
/// scenario opener followed by its subject.
fn imagined(tokens: &[Token], c: &Clause) -> bool {
    let words: Vec<&Token> = c
        .tokens
        .clone()
        .map(|k| &tokens[k])
        .filter(|t| t.is_word())
        .take(5)
        .collect();
    (0..2.min(words.len())).any(|start| {
        lex().scenario_openers.iter().any(|opener| {
            let len = opener.split(' ').count();
            words.len() > start + len
                && opener
                    .split(' ')
                    .enumerate()
                    .all(|(j, w)| words[start + j].is(w))
                && subject_start(words[start + len])
        })
    })
}

/// A word that can open the subject of an imagined clause.
fn subject_start(t: &Token) -> bool {
    subject_of(&t.norm).is_some() || t.is_in(&lex().scenario_subject_openers)
}

/// A past form that narrates a real event: not the subjunctive "if I were".
fn real_past(tokens: &[Token], p: &Pred) -> bool {
    let subjunctive = p.person == Person::I
        && p.verb.is_some_and(|v| tokens[v].is("were"))
        && p.subject > 0
        && tokens[p.subject - 1].is_in(&lex().subjunctive_openers);
    p.tense == Tense::Past && !p.ambiguous && !subjunctive
}

pub(crate) fn classify(tokens: &[Token], clauses: &[Clause], lesson: &[bool]) -> Narrative {
    let past = clauses
        .iter()
        .filter(|c| !imagined(tokens, c))
        .filter(|c| c.other_past || c.preds.iter().any(|p| real_past(tokens, p)))
        .count();
    let plans = clauses
        .iter()
        .zip(lesson)
        .filter(|(_, &is_lesson)| !is_lesson)
        .flat_map(|(c, _)| &c.preds)
        .filter(|p| {
            p.person != Person::Other
                && !p.subordinate
                && matches!(p.tense, Tense::Conditional | Tense::Future)
        })
        .count();
    let hypothetical = plans >= 2 && plans > past;
    let story = !hypothetical && (past >= 2 || (past == 1 && clauses.len() <= 2));
    Narrative {
        hypothetical,
        story,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::clauses::split;
    use crate::extract::tokens::Doc;

    fn narrative(text: &str) -> Narrative {
        let doc = Doc::new(text);
        let clauses = split(&doc, &vec![false; doc.tokens.len()]);
        let lesson = vec![false; clauses.len()];
        classify(&doc.tokens, &clauses, &lesson)
    }

    #[test]
    fn conditional_plans_are_hypothetical() {
        let n = narrative("I would start by finding the data. If it's reversible, I'd move quickly. I'd tell my manager.");
        assert_eq!(
            n,
            Narrative {
                hypothetical: true,
                story: false
            }
        );
    }

    #[test]
    fn an_imagined_example_or_a_subjunctive_is_no_past_event() {
        let n = narrative(
            "If I were in that spot, I would start by measuring it. Say we were choosing \
            between two regions; I'd ask for the numbers, and I would put them in the doc.",
        );
        assert!(n.hypothetical);
        let n =
            narrative("Let's say the vendor slipped. I'd call them, and I would tell my manager.");
        assert!(n.hypothetical);
        // A real past story with "say" as a verb, or "if we were" as a
        // real condition, stays a story.
        let n = narrative(
            "I had to say no to the VP. I asked if we were ready. I wrote the plan. We shipped it.",
        );
        assert_eq!(
            n,
            Narrative {
                hypothetical: false,
                story: true
            }
        );
    }

    #[test]
    fn reported_future_in_a_past_story_is_not_hypothetical() {
        let n = narrative("I promised that we would have forty robots. It became clear that we would slip. I went to the lead.");
        assert_eq!(
            n,
            Narrative {
                hypothetical: false,
                story: true
            }
        );
    }

    #[test]
    fn self_description_in_the_present_is_no_story() {
        let n = narrative(
            "I'm really comfortable with data. I use SQL every day, and I've built dashboards.",
        );
        assert_eq!(
            n,
            Narrative {
                hypothetical: false,
                story: false
            }
        );
    }
}
