//! Word error rate and word alignment, to compare two transcripts of the same
//! speech (live chunked against whole-file, or a transcript against the
//! script that was spoken).
//!
//! Words are compared case-insensitively without punctuation, so "Um," and
//! "um" are the same word: the comparison is about what was recognised, not
//! how Whisper punctuated it.

/// Lowercase words stripped of punctuation (apostrophes kept: "I'm").
pub fn normalized_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|word| {
            word.chars()
                .filter(|c| c.is_alphanumeric() || *c == '\'')
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// One step of a minimal edit script from reference to hypothesis words:
/// both present is a match or a substitution, one missing is a deletion
/// (`heard` is `None`) or an insertion (`said` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedWord {
    pub said: Option<String>,
    pub heard: Option<String>,
}

impl AlignedWord {
    fn is_error(&self) -> bool {
        self.said != self.heard
    }
}

/// Aligns the normalized words of `reference` and `hypothesis` with the
/// fewest edits (Levenshtein over words). Where two scripts cost the same,
/// the one that pairs words nearer the end wins.
pub fn align(reference: &str, hypothesis: &str) -> Vec<AlignedWord> {
    let said = normalized_words(reference);
    let heard = normalized_words(hypothesis);
    let (n, m) = (said.len(), heard.len());
    // cost[i][j]: edits to turn said[..i] into heard[..j].
    let mut cost = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in cost.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, first) in cost[0].iter_mut().enumerate() {
        *first = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let substitution = cost[i - 1][j - 1] + usize::from(said[i - 1] != heard[j - 1]);
            cost[i][j] = substitution.min(cost[i - 1][j] + 1).min(cost[i][j - 1] + 1);
        }
    }
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let diagonal = i > 0
            && j > 0
            && cost[i][j] == cost[i - 1][j - 1] + usize::from(said[i - 1] != heard[j - 1]);
        if diagonal {
            steps.push(AlignedWord {
                said: Some(said[i - 1].clone()),
                heard: Some(heard[j - 1].clone()),
            });
            (i, j) = (i - 1, j - 1);
        } else if i > 0 && cost[i][j] == cost[i - 1][j] + 1 {
            steps.push(AlignedWord {
                said: Some(said[i - 1].clone()),
                heard: None,
            });
            i -= 1;
        } else {
            steps.push(AlignedWord {
                said: None,
                heard: Some(heard[j - 1].clone()),
            });
            j -= 1;
        }
    }
    steps.reverse();
    steps
}

/// Word-level edit distance between `reference` and `hypothesis` divided by
/// the number of reference words (0 when both are empty).
pub fn word_error_rate(reference: &str, hypothesis: &str) -> f64 {
    let steps = align(reference, hypothesis);
    let said = steps.iter().filter(|s| s.said.is_some()).count();
    let errors = steps.iter().filter(|s| s.is_error()).count();
    match said {
        0 if errors == 0 => 0.0,
        0 => 1.0,
        said => errors as f64 / said as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_case_do_not_count() {
        assert_eq!(word_error_rate("Um, so I led it.", "um so i LED it"), 0.0);
    }

    #[test]
    fn edits_are_counted_against_the_reference_length() {
        // One substitution, one deletion, one insertion over four words.
        assert_eq!(
            word_error_rate("ask not what your", "ask what you country"),
            0.75
        );
        assert_eq!(word_error_rate("a b c d", "a b x c d"), 0.25);
        assert_eq!(word_error_rate("", ""), 0.0);
        assert_eq!(word_error_rate("", "hello"), 1.0);
    }

    fn pairs(steps: &[AlignedWord]) -> Vec<(Option<&str>, Option<&str>)> {
        steps
            .iter()
            .map(|s| (s.said.as_deref(), s.heard.as_deref()))
            .collect()
    }

    #[test]
    fn a_misheard_filler_lines_up_with_what_was_heard_in_its_place() {
        let steps = align("and uh result, um, was good", "and a result was good");
        assert_eq!(
            pairs(&steps),
            [
                (Some("and"), Some("and")),
                (Some("uh"), Some("a")),
                (Some("result"), Some("result")),
                (Some("um"), None),
                (Some("was"), Some("was")),
                (Some("good"), Some("good")),
            ]
        );
    }

    #[test]
    fn inserted_words_have_no_reference_word() {
        let steps = align("we shipped", "um we shipped");
        assert_eq!(
            pairs(&steps),
            [
                (None, Some("um")),
                (Some("we"), Some("we")),
                (Some("shipped"), Some("shipped"))
            ]
        );
    }
}
