//! Is the answer a real past event at all? Behavioral answers must recount
//! a specific event; "I would start by..." (a plan) and "I'm a curious
//! person" (self-description) get no STAR structure and no credit.
//!
//! The decision counts tenses: clauses with a past-tense verb against
//! first-person conditional or future main clauses. A retrospective "if I
//! did it again I would..." sits in a subordinate or lesson clause and a
//! reported "that we would slip" in a subordinate one, so neither makes a
//! real story hypothetical.

use super::clauses::{Clause, Tense};
use super::lexicon::Person;

/// What kind of answer the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Narrative {
    /// The body says what the candidate would or will do.
    pub hypothetical: bool,
    /// The answer recounts at least one specific past event.
    pub story: bool,
}

pub(crate) fn classify(clauses: &[Clause], lesson: &[bool]) -> Narrative {
    let past = clauses
        .iter()
        .filter(|c| {
            c.other_past
                || c.preds
                    .iter()
                    .any(|p| p.tense == Tense::Past && !p.ambiguous)
        })
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
    use crate::analysis::clauses::split;
    use crate::analysis::tokens::Doc;

    fn narrative(text: &str) -> Narrative {
        let doc = Doc::new(text);
        let clauses = split(&doc, &vec![false; doc.tokens.len()]);
        let lesson = vec![false; clauses.len()];
        classify(&clauses, &lesson)
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
