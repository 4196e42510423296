//! Word error rate, to compare two transcripts of the same speech (live
//! chunked against whole-file, or a transcript against a reference).
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

/// Word-level edit distance between `reference` and `hypothesis` divided by
/// the number of reference words (0 when both are empty).
pub fn word_error_rate(reference: &str, hypothesis: &str) -> f64 {
    let reference = normalized_words(reference);
    let hypothesis = normalized_words(hypothesis);
    if reference.is_empty() {
        return if hypothesis.is_empty() { 0.0 } else { 1.0 };
    }
    let mut previous: Vec<usize> = (0..=hypothesis.len()).collect();
    let mut current = vec![0; hypothesis.len() + 1];
    for (ref_idx, ref_word) in reference.iter().enumerate() {
        current[0] = ref_idx + 1;
        for (hyp_idx, hyp_word) in hypothesis.iter().enumerate() {
            let substitution = previous[hyp_idx] + usize::from(ref_word != hyp_word);
            current[hyp_idx + 1] = substitution
                .min(previous[hyp_idx + 1] + 1)
                .min(current[hyp_idx] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[hypothesis.len()] as f64 / reference.len() as f64
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
}
