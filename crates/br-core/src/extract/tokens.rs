//! Tokenization with character offsets: the one place that walks the raw
//! text. Every other rule works on these tokens, so every span it reports is
//! already in characters (Unicode scalar values), never bytes.
//!
//! A word is a maximal run of word characters (letters, digits, `_`, the
//! same class as regex `\w`), with internal apostrophes kept so that "didn't"
//! and "I'm" stay one token. Digit groups such as "0.4" and "1,000" are one
//! number token, so a decimal point never ends a sentence. Every other
//! visible character is a punctuation token of its own.

use super::lexicon::Words;
use crate::text::Span;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// Digits only, possibly with decimal point or thousands separators.
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Character offsets, `[start, end)`.
    pub start: usize,
    pub end: usize,
    /// Lowercase text; curly apostrophes become `'`; a number keeps digits
    /// and its decimal point only.
    pub norm: String,
    pub kind: Kind,
    /// Whether a blank line (paragraph break) precedes this token.
    pub after_blank_line: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind != Kind::Punct
    }

    pub fn is(&self, word: &str) -> bool {
        self.norm == word
    }

    /// Whether the token is one of the lexicon list `words`.
    pub fn is_in(&self, words: &Words) -> bool {
        words.contains(&self.norm)
    }

    pub fn is_punct(&self, ch: char) -> bool {
        self.kind == Kind::Punct && self.norm.starts_with(ch)
    }

    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }

    /// Whether the original text starts with an uppercase letter.
    pub fn capitalized(&self, doc: &Doc<'_>) -> bool {
        doc.slice(self.span())
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }
}

/// Characters regex `\w` matches.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The analysed text: tokens, sentences, and the char-to-byte map that turns
/// character spans back into string slices.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    /// Byte offset of every character, plus `text.len()` at the end.
    byte_of: Vec<usize>,
    pub tokens: Vec<Token>,
    /// Token index ranges of the sentences, in order, covering every token.
    pub sentences: Vec<Range<usize>>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut byte_of: Vec<usize> = chars.iter().map(|&(b, _)| b).collect();
        byte_of.push(text.len());
        let tokens = tokenize(&chars);
        let sentences = split_sentences(&tokens);
        Doc {
            text,
            byte_of,
            tokens,
            sentences,
        }
    }

    /// The byte offset of every character, plus the text's length.
    pub fn char_offsets(&self) -> Vec<usize> {
        self.byte_of.clone()
    }

    pub fn char_len(&self) -> usize {
        self.byte_of.len() - 1
    }

    /// The text of a character span, clamped to the text.
    pub fn slice(&self, span: Span) -> &'a str {
        let end = span.end.min(self.char_len());
        let start = span.start.min(end);
        &self.text[self.byte_of[start]..self.byte_of[end]]
    }

    /// The character span covering tokens `range` (empty at the text's end
    /// when the range is empty).
    pub fn span_of(&self, range: Range<usize>) -> Span {
        match (
            self.tokens.get(range.start),
            range.end.checked_sub(1).and_then(|i| self.tokens.get(i)),
        ) {
            (Some(first), Some(last)) if range.start < range.end => Span {
                start: first.start,
                end: last.end,
            },
            _ => Span {
                start: self.char_len(),
                end: self.char_len(),
            },
        }
    }

    /// The word tokens of the text, in order.
    pub fn words(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter().filter(|t| t.is_word())
    }
}

fn tokenize(chars: &[(usize, char)]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(chars.len() / 4);
    let mut i = 0;
    let mut newlines = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            newlines += usize::from(c == '\n');
            i += 1;
            continue;
        }
        let start = i;
        let kind = if is_word_char(c) {
            i = word_end(chars, i);
            if chars[start..i]
                .iter()
                .all(|&(_, c)| c.is_ascii_digit() || c == '.' || c == ',')
            {
                Kind::Number
            } else {
                Kind::Word
            }
        } else {
            i += 1;
            Kind::Punct
        };
        let norm = normalize(&chars[start..i], kind);
        tokens.push(Token {
            start,
            end: i,
            norm,
            kind,
            after_blank_line: newlines >= 2,
        });
        newlines = 0;
    }
    tokens
}

/// End of the word starting at `i`: word characters, apostrophes between
/// word characters, and `.`/`,` between digits of a digit-only run.
fn word_end(chars: &[(usize, char)], mut i: usize) -> usize {
    let start = i;
    let word_at = |j: usize| chars.get(j).is_some_and(|&(_, c)| is_word_char(c));
    while i < chars.len() {
        let c = chars[i].1;
        let inner_apostrophe = is_apostrophe(c) && word_at(i + 1);
        let digit_separator = (c == '.' || c == ',')
            && chars.get(i + 1).is_some_and(|&(_, d)| d.is_ascii_digit())
            && chars[start..i]
                .iter()
                .all(|&(_, d)| d.is_ascii_digit() || d == '.' || d == ',');
        if !(is_word_char(c) || inner_apostrophe || digit_separator) {
            break;
        }
        i += 1;
    }
    i
}

fn normalize(chars: &[(usize, char)], kind: Kind) -> String {
    match kind {
        Kind::Number => chars
            .iter()
            .map(|&(_, c)| c)
            .filter(|&c| c != ',')
            .collect(),
        _ => chars
            .iter()
            .flat_map(|&(_, c)| c.to_lowercase())
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .collect(),
    }
}

/// Sentences end after `.`, `!`, `?` (and any closing quotes or brackets
/// right after them) and before a paragraph break.
fn split_sentences(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        if i > start && tokens[i].after_blank_line {
            sentences.push(start..i);
            start = i;
        }
        let t = &tokens[i];
        i += 1;
        if t.kind == Kind::Punct && matches!(t.norm.as_str(), "." | "!" | "?" | "…") {
            while i < tokens.len()
                && tokens[i].kind == Kind::Punct
                && matches!(
                    tokens[i].norm.as_str(),
                    "." | "!" | "?" | "\"" | "'" | ")" | "”" | "’"
                )
            {
                i += 1;
            }
            sentences.push(start..i);
            start = i;
        }
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        Doc::new(text)
            .tokens
            .iter()
            .map(|t| t.norm.clone())
            .collect()
    }

    #[test]
    fn contractions_stay_one_token() {
        assert_eq!(norms("I'm sure we didn’t"), ["i'm", "sure", "we", "didn't"]);
    }

    #[test]
    fn decimals_and_thousands_are_one_number() {
        let doc = Doc::new("from 3.9 to 1,200.");
        assert_eq!(
            norms("from 3.9 to 1,200."),
            ["from", "3.9", "to", "1200", "."]
        );
        assert_eq!(doc.tokens[1].kind, Kind::Number);
        assert_eq!(doc.sentences.len(), 1);
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let doc = Doc::new("Café — über um");
        let um = doc.tokens.last().unwrap();
        assert_eq!((um.start, um.end), (12, 14));
        assert_eq!(doc.slice(um.span()), "um");
    }

    #[test]
    fn sentences_end_at_terminal_punctuation_and_blank_lines() {
        let doc = Doc::new("It broke. Why? Because\n\nwe left");
        assert_eq!(doc.sentences.len(), 4);
    }
}
