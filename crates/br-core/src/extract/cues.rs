//! Cue phrases: the fixed expressions by which speakers signal the parts of
//! a story ("my job was", "in the end", "the lesson for me"), a reason
//! ("because", "so that"), a problem or finding ("it turned out"), a setback
//! ("I underestimated"), or a choice against an alternative ("instead of").
//!
//! They are discourse and grammar markers, independent of any story's
//! topic, and listed in the lexicon (`data/lexicon.toml`, `[cues]`). The
//! whole table is matched in one pass per sentence, indexed by
//! first word, so adding phrases costs nothing per answer.
//!
//! Pattern syntax: words separated by spaces; `*` matches any one word, `…`
//! up to four words. Hesitations are skipped while matching, so "my, um,
//! job was" matches "my job was".

use super::lexicon::lex;
use super::tokens::Doc;
pub(crate) use crate::facts::Cue;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One match: cue and its tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub cue: Cue,
    pub first: usize,
    pub last: usize,
}

type Index = HashMap<&'static str, Vec<(Cue, Vec<&'static str>)>>;

/// The cue phrases indexed by their first word.
static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut map: Index = HashMap::new();
    for (&cue, phrases) in &lex().cues {
        for p in phrases.iter() {
            let words: Vec<&'static str> = p.split(' ').collect();
            map.entry(words[0]).or_default().push((cue, words));
        }
    }
    map
});

fn index() -> &'static Index {
    &INDEX
}

/// Every cue in the text, ordered by first token. `skip[i]` marks tokens
/// (hesitations) to step over while matching.
pub(crate) fn find(doc: &Doc<'_>, skip: &[bool]) -> Vec<Hit> {
    let index = index();
    let mut hits = Vec::new();
    for range in &doc.sentences {
        let words: Vec<usize> = range
            .clone()
            .filter(|&i| doc.tokens[i].is_word() && !skip.get(i).copied().unwrap_or(false))
            .collect();
        for (pos, &tok) in words.iter().enumerate() {
            let Some(candidates) = index.get(doc.tokens[tok].norm.as_str()) else {
                continue;
            };
            for (cue, pattern) in candidates {
                if let Some(end) = match_at(doc, &words, pos, pattern) {
                    hits.push(Hit {
                        cue: *cue,
                        first: tok,
                        last: words[end],
                    });
                }
            }
        }
    }
    hits
}

/// Position in `words` of the last word matched by `pattern` starting at
/// `pos`, if it matches.
fn match_at(doc: &Doc<'_>, words: &[usize], pos: usize, pattern: &[&str]) -> Option<usize> {
    let (head, rest) = pattern.split_first()?;
    let tok = &doc.tokens[*words.get(pos)?];
    if *head != "*" && tok.norm != *head {
        return None;
    }
    if rest.is_empty() {
        return Some(pos);
    }
    if rest[0] == "…" {
        return (1..=5).find_map(|gap| match_at(doc, words, pos + gap, &rest[1..]));
    }
    match_at(doc, words, pos + 1, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(text: &str) -> Vec<Cue> {
        let doc = Doc::new(text);
        find(&doc, &vec![false; doc.tokens.len()])
            .into_iter()
            .map(|h| h.cue)
            .collect()
    }

    #[test]
    fn multiword_cues_match_across_case() {
        assert_eq!(
            cues("In the end we won."),
            [Cue::Outcome, Cue::Conclusion, Cue::Completion, Cue::Change]
        );
        assert_eq!(cues("My job was simple."), [Cue::Task]);
    }

    #[test]
    fn gaps_match_a_few_words() {
        assert_eq!(
            cues("The board gave me three thousand dollars to fix it"),
            [Cue::Task]
        );
        assert!(cues("gave me the list of all the people who wanted to go").is_empty());
    }

    #[test]
    fn an_adverb_may_sit_inside_an_obligation_task_cue() {
        assert_eq!(cues("I still had to get the lines down."), [Cue::Task]);
        assert_eq!(cues("i also needed to ship it"), [Cue::Task]);
        assert_eq!(cues("I had to pick one."), [Cue::Task]);
        assert!(!cues("I never had to pick one.").contains(&Cue::Task));
    }

    #[test]
    fn worked_out_is_an_outcome_only_without_the_speaker_devising_something() {
        // Devising: a change cue, which is an action with the speaker.
        assert_eq!(cues("I worked out a recovery plan."), [Cue::Change]);
        assert_eq!(cues("It worked out."), [Cue::Change]);
        assert!(cues("Everything worked out well.").contains(&Cue::Outcome));
    }

    #[test]
    fn taking_something_from_the_experience_is_a_lesson() {
        for text in [
            "What I took from it is that leaders need a real voice.",
            "My big learning was to ask early.",
            "It taught us to test on old devices.",
            "What I learned from it was simple.",
        ] {
            assert!(cues(text).contains(&Cue::Lesson), "{text}");
        }
        // Taking from a place or a budget, or a learning tool, is not.
        for text in [
            "I took from the reserve budget.",
            "We built a learning module.",
            "She taught us the new tool on Monday.",
        ] {
            assert!(!cues(text).contains(&Cue::Lesson), "{text}");
        }
    }

    #[test]
    fn cues_do_not_cross_sentences() {
        assert!(cues("That was my. Job was done").is_empty());
    }
}
