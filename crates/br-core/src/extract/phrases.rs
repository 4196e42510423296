//! Key phrases: which words of a clause a follow-up quotes, and how they
//! are turned to the second person ("I rolled back our deploy" -> "you
//! rolled back your deploy") so the interviewer can say them back.
//!
//! A phrase starts at the clause's subject (or first content word), skips
//! fillers, and stops at the first comma after a few words or after
//! fourteen words, so questions stay short enough to say aloud.

use super::cues::Cue;
use super::lexicon::{lex, Person};
use super::parsed::Parsed;
use crate::analysis::Quote;

const MAX_WORDS: usize = 14;

/// The phrase for clause `idx`, from token `from` if given (else the
/// clause's subject or first content word). `second_person` turns "I/we"
/// into "you"; otherwise the words are kept as said.
pub(crate) fn of_clause(
    p: &Parsed<'_>,
    idx: usize,
    from: Option<usize>,
    second_person: bool,
) -> Option<Quote> {
    let clause = p.clauses.get(idx)?;
    let tokens = &p.doc.tokens;
    let is_filler = |k: usize| p.fillers.iter().any(|f| (f.first..=f.last).contains(&k));
    let start = from
        .or_else(|| clause.main().map(|m| m.subject))
        .or_else(|| content_start(p, clause.tokens.clone()))?;
    let mut kept: Vec<usize> = Vec::new();
    // Where the phrase could end early if it runs too long: before a
    // preposition, a conjunction or an "-ing" verb.
    let mut last_break: Option<usize> = None;
    let mut words = 0;
    let mut seen_from = false;
    for (k, t) in tokens
        .iter()
        .enumerate()
        .take(clause.tokens.end)
        .skip(start)
    {
        if is_filler(k) {
            continue;
        }
        if !t.is_word() {
            // A comma after a few words ends the phrase; other punctuation
            // (hyphens, apostrophes) stays inside it.
            if t.is_punct(',') && words >= 3 || t.is_in(&lex().quote_end_marks) {
                break;
            }
            if t.is_punct(',') {
                continue;
            }
        } else {
            // A purpose or subordinate clause is detail the question does
            // not need ("... with the client to walk them through our
            // progress"); "to" after "used", "had" or in "from X to Y" is
            // not a purpose.
            let after_verb_to = kept
                .last()
                .is_some_and(|&p| tokens[p].is_in(&lex().to_verbs));
            let purpose = t.is("to") && words >= 8 && !after_verb_to && !seen_from;
            if (purpose && words >= 4) || (t.is_in(&lex().quote_stoppers) && words >= 2) {
                break;
            }
            seen_from |= t.is("from");
            if words >= 5 && (t.is_in(&lex().quote_breaks) || t.norm.ends_with("ing")) {
                last_break = Some(kept.len());
            }
            words += 1;
            if words > MAX_WORDS {
                if let Some(cut) = last_break {
                    kept.truncate(cut);
                }
                break;
            }
        }
        kept.push(k);
    }
    while kept
        .last()
        .is_some_and(|&k| !tokens[k].is_word() || tokens[k].is_in(&lex().dangling_words))
    {
        kept.pop();
    }
    let (&first, &last) = (kept.first()?, kept.last()?);
    let span = p.doc.span_of(first..last + 1);
    let mut spoken = String::new();
    // A clause that shares the subject of the one before ("... and shipped
    // it on time") gets its subject back when spoken.
    let inherited = clause
        .main()
        .filter(|m| Some(m.subject) == m.verb && m.subject == first);
    if let (Some(m), true) = (inherited, second_person) {
        spoken.push_str(if m.person == Person::Other {
            "they"
        } else {
            "you"
        });
    }
    let mut prev: Option<usize> = None;
    for &k in &kept {
        let t = &tokens[k];
        let glued = prev.is_some_and(|q| tokens[q].end == t.start);
        if !spoken.is_empty() && !glued {
            spoken.push(' ');
        }
        let original = p.doc.slice(t.span());
        let word = if second_person {
            second_person_of(&t.norm, prev.map(|q| tokens[q].norm.as_str()))
        } else {
            None
        };
        match word {
            Some(w) => spoken.push_str(w),
            // Sentence-initial capitals are not part of the quote.
            None if prev.is_none() && is_sentence_start(p, k) && !is_all_caps(original) => {
                spoken.push_str(&t.norm);
            }
            None => spoken.push_str(original),
        }
        prev = Some(k);
    }
    Some(Quote {
        span,
        verbatim: p.doc.slice(span).to_string(),
        spoken,
    })
}

/// The cause given after the first "because", "since", "due to" or "given"
/// that gives one, in the second person: what a "why" drills into next
/// (other reason cues, like "so that", state purposes, not causes).
pub(crate) fn cause(p: &Parsed<'_>) -> Option<Quote> {
    let tokens = &p.doc.tokens;
    p.cues
        .iter()
        .filter(|h| h.cue == Cue::Reason && tokens[h.first].is_in(&lex().cause_openers))
        .find_map(|h| {
            let idx = p.clauses.iter().position(|c| c.tokens.contains(&h.first))?;
            of_clause(p, idx, Some(h.last + 1), true)
        })
}

/// The first token of the clause `range` after fillers, punctuation and
/// discourse markers.
fn content_start(p: &Parsed<'_>, range: std::ops::Range<usize>) -> Option<usize> {
    let tokens = &p.doc.tokens;
    let mut k = range.start;
    'scan: while k < range.end {
        if !tokens[k].is_word() || p.fillers.iter().any(|f| (f.first..=f.last).contains(&k)) {
            k += 1;
            continue;
        }
        for opener in lex().quote_openers.iter() {
            let len = opener.split(' ').count();
            let fits = opener
                .split(' ')
                .enumerate()
                .all(|(n, w)| tokens.get(k + n).is_some_and(|t| t.is(w)));
            if fits && k + len < range.end {
                k += len;
                continue 'scan;
            }
        }
        return Some(k);
    }
    None
}

fn is_sentence_start(p: &Parsed<'_>, k: usize) -> bool {
    p.doc.sentences.iter().any(|s| {
        s.clone().find(|&i| {
            p.doc.tokens[i].is_word() && !p.fillers.iter().any(|f| (f.first..=f.last).contains(&i))
        }) == Some(k)
    })
}

fn is_all_caps(word: &str) -> bool {
    word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase())
}

/// The second-person form of a first-person word; `prev` is the word before
/// it (for "I was" -> "you were").
fn second_person_of(word: &str, prev: Option<&str>) -> Option<&'static str> {
    let lex = lex();
    let after_i = prev.is_some_and(|w| lex.subject_i.contains(w));
    let found = lex.second_person.get(word).or_else(|| {
        after_i
            .then(|| lex.second_person_after_i.get(word))
            .flatten()
    });
    found.map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str, idx: usize, second_person: bool) -> Quote {
        of_clause(&Parsed::new(text), idx, None, second_person).expect("a phrase")
    }

    #[test]
    fn first_person_turns_into_second_person() {
        let p = phrase(
            "I rolled back our deploy without waiting for the root cause.",
            0,
            true,
        );
        assert_eq!(
            p.spoken,
            "you rolled back your deploy without waiting for the root cause"
        );
        assert_eq!(
            p.verbatim,
            "I rolled back our deploy without waiting for the root cause"
        );
    }

    #[test]
    fn a_phrase_stops_at_a_comma_and_drops_fillers() {
        let p = phrase(
            "So, um, I ordered, like, four thousand pairs, which was about double our order.",
            0,
            true,
        );
        assert_eq!(p.spoken, "you ordered four thousand pairs");
    }

    #[test]
    fn verbatim_phrases_keep_the_we() {
        let p = phrase("Last year we put together a detailed estimate.", 0, false);
        assert_eq!(p.spoken, "we put together a detailed estimate");
    }

    #[test]
    fn spans_are_characters_of_the_answer() {
        let text = "Café first. I cut the queue in half.";
        let parsed = Parsed::new(text);
        let p = of_clause(&parsed, 1, None, true).unwrap();
        let quoted: String = text
            .chars()
            .skip(p.span.start)
            .take(p.span.end - p.span.start)
            .collect();
        assert_eq!(quoted, p.verbatim);
    }
}
