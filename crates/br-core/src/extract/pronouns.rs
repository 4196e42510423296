//! First-person counts: how often the candidate says "I" and how often
//! "we". Interviewers listen for the candidate's own contribution, so the
//! ratio is a headline number.
//!
//! The counts are defined as the regexes `\b(i|me|my)\b` and
//! `\b(we|our|us)\b`, case-insensitive: every maximal run of word
//! characters is one candidate, so the "I" of "I'm" and "I'd" counts and
//! "myself" does not. Tokens keep internal apostrophes, so each token is
//! split at them to get those runs back.

use super::lexicon::lex;
use super::tokens::Doc;
use crate::analysis::FirstPerson;

pub(crate) fn count(doc: &Doc<'_>) -> FirstPerson {
    let (mut i, mut we) = (0, 0);
    let lex = lex();
    for part in doc.words().flat_map(|t| t.norm.split('\'')) {
        if lex.first_person_i.contains(part) {
            i += 1;
        } else if lex.first_person_we.contains(part) {
            we += 1;
        }
    }
    let i_share = (i + we > 0).then(|| i as f64 / (i + we) as f64);
    FirstPerson { i, we, i_share }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> (usize, usize) {
        let fp = count(&Doc::new(text));
        (fp.i, fp.we)
    }

    #[test]
    fn contractions_count_as_their_pronoun() {
        assert_eq!(
            counts("I'm sure I've said I'd go, and we're here, we'll stay"),
            (3, 2)
        );
    }

    #[test]
    fn only_whole_words_count() {
        assert_eq!(
            counts("myself, mine, ours, us-based, me-first, my_var, i"),
            (2, 1)
        );
    }

    #[test]
    fn lowercase_raw_transcripts_count() {
        assert_eq!(
            counts("so um i work at a hotel and my manager told us"),
            (2, 1)
        );
    }

    #[test]
    fn share_is_none_without_pronouns() {
        assert_eq!(count(&Doc::new("It shipped.")).i_share, None);
    }
}
