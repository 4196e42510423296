//! The lexicon: every word list and cue phrase of the rules, read from
//! `data/lexicon.toml` (compiled in) once, on first use. The lists are
//! documented in that file; this module gives them types and the few
//! lookups built on them (subject pronouns, number values, past forms).
//!
//! These lists are English grammar, not vocabulary of any story: they decide
//! who did something and when (past event, habit, plan), which is what STAR,
//! ownership and the hypothetical check rest on.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

pub(crate) use crate::facts::{Cue, Person};

/// The lexicon file, compiled in.
pub(crate) const SOURCE: &str = include_str!("../../data/lexicon.toml");

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The file is part of the build and a test parses it, so this cannot
    // fail in a shipped binary.
    let mut lexicon: Lexicon =
        toml::from_str(SOURCE).expect("data/lexicon.toml is a valid lexicon");
    lexicon.hesitation_of = lexicon
        .hesitations
        .iter()
        .flat_map(|(canonical, spellings)| {
            spellings
                .iter()
                .map(move |s| (s.to_string(), canonical.clone()))
        })
        .collect();
    lexicon
});

/// The lexicon, parsed on first use.
pub(crate) fn lex() -> &'static Lexicon {
    &LEXICON
}

/// A list of lowercase words or phrases, in the file's order, with a hash
/// set for lookups: the rules ask several lists about every token, so a
/// lookup must not scan a list.
#[derive(Debug, Deserialize)]
#[serde(from = "Vec<String>")]
pub(crate) struct Words {
    list: Vec<String>,
    set: HashSet<String, BuildHasherDefault<Fnv>>,
}

impl From<Vec<String>> for Words {
    fn from(list: Vec<String>) -> Words {
        let set = list.iter().cloned().collect();
        Words { list, set }
    }
}

impl Words {
    pub fn contains(&self, word: &str) -> bool {
        self.set.contains(word)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(String::as_str)
    }
}

/// FNV-1a: a hash that is fast on short keys like words (std's default
/// SipHash is built to resist adversarial keys, which a lexicon does not
/// face).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let start = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        self.0 = bytes.iter().fold(start, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    }
}

/// Every list of `data/lexicon.toml`, one field per list (see the file for
/// what each is for). Unknown names are an error, and a list no rule reads
/// is dead code the compiler reports.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lexicon {
    pub determiners: Words,
    pub auxiliaries: Words,
    pub subject_i: Words,
    pub subject_we: Words,
    pub subject_other: Words,
    pub first_person_i: Words,
    pub first_person_we: Words,
    pub aux_present_be: Words,
    pub aux_past_be: Words,
    pub aux_pluperfect: Words,
    pub aux_perfect: Words,
    pub aux_past_do: Words,
    pub aux_present: Words,
    pub aux_future: Words,
    pub have_forms: Words,
    pub irregular_past: Words,
    pub irregular_participles: Words,
    pub same_past_and_base: Words,
    pub ed_not_past: Words,
    pub time_units: Words,
    pub time_phrase_nouns: Words,
    pub months: Words,
    pub weekdays: Words,
    pub possession_forms: Words,
    pub fraction_articles: Words,
    pub article_magnitudes: Words,
    pub discourse_openers: Words,
    pub wrap_up_markers: Words,
    pub wrap_up_openers: Words,
    pub wrap_up_closers: Words,
    pub you_know_as_verb_after: Words,
    pub i_mean_as_verb_after: Words,
    pub i_mean_objects: Words,
    pub term_conjunctions: Words,
    pub term_say_openers: Words,
    pub term_say_subjects: Words,
    pub literally_phrase_enders: Words,
    pub interpreting_verbs: Words,
    pub hedge_nouns: Words,
    pub type_of_openers: Words,
    pub choosing_adjectives: Words,
    pub intensifiers: Words,
    pub like_as_verb_or_simile_after: Words,
    pub like_as_hedge_after: Words,
    pub like_verb_objects: Words,
    pub like_modals: Words,
    pub like_quantifiers: Words,
    pub like_past_verb_objects: Words,
    pub indefinite_articles: Words,
    pub article_quantities: Words,
    pub subordinators: Words,
    pub reporting_verbs: Words,
    pub reported_objects: Words,
    pub state_verbs: Words,
    pub adverbs: Words,
    pub clause_conjunctions: Words,
    pub clause_linkers: Words,
    pub intro_prepositions: Words,
    pub subject_determiners: Words,
    pub not_subject_nouns: Words,
    pub not_content_words: Words,
    pub adjective_past_after: Words,
    pub not_relative_nouns: Words,
    pub stranded_particles: Words,
    pub time_prepositions: Words,
    pub adverbial_prepositions: Words,
    pub subordinate_linkers: Words,
    pub adverbial_followers: Words,
    pub purpose_modals: Words,
    pub time_subordinators: Words,
    pub finding_verbs: Words,
    pub subjunctive_openers: Words,
    pub scenario_openers: Words,
    pub scenario_subject_openers: Words,
    pub fraction_words: Words,
    pub fraction_units: Words,
    pub multiplier_words: Words,
    pub magnitudes: Words,
    pub number_joiners: Words,
    pub currency_signs: Words,
    pub glued_duration_suffixes: Words,
    pub glued_multiplier_suffixes: Words,
    pub glued_ordinal_suffixes: Words,
    pub percent_units: Words,
    pub money_units: Words,
    pub multiplier_units: Words,
    pub quarter_units: Words,
    pub partitive_determiners: Words,
    pub comparatives: Words,
    pub result_comparatives: Words,
    pub unit_modifiers: Words,
    pub not_counted: Words,
    pub change_verbs: Words,
    pub change_glue: Words,
    pub change_blockers: Words,
    pub referential_determiners: Words,
    pub scope_prepositions: Words,
    pub scope_hedges: Words,
    pub retention_verbs: Words,
    pub phrase_boundaries: Words,
    pub partition_joiners: Words,
    pub not_participles: Words,
    pub not_attributive_followers: Words,
    pub approximators: Words,
    pub approximating_nouns: Words,
    pub comparison_markers: Words,
    pub directions: Words,
    pub reference_values: Words,
    pub of_total_words: Words,
    pub of_total_openers: Words,
    pub lone_numbers: Words,
    pub cause_openers: Words,
    pub setback_question_words: Words,
    pub setback_question_phrases: Words,
    pub lowercase_tools: Words,
    pub not_names: Words,
    pub sentence_openers: Words,
    pub i_forms: Words,
    pub quote_stoppers: Words,
    pub quote_breaks: Words,
    pub to_verbs: Words,
    pub dangling_words: Words,
    pub quote_openers: Words,
    pub quote_end_marks: Words,
    pub hesitations: BTreeMap<String, Words>,
    /// `hesitations` the other way round: spelling -> canonical filler.
    #[serde(skip)]
    hesitation_of: HashMap<String, String, BuildHasherDefault<Fnv>>,
    pub number_words: BTreeMap<String, f64>,
    pub clitics: BTreeMap<String, String>,
    pub second_person: BTreeMap<String, String>,
    pub second_person_after_i: BTreeMap<String, String>,
    /// The phrases of each kind of cue, matched in the order of the kinds.
    pub cues: BTreeMap<Cue, Words>,
}

impl Lexicon {
    /// The canonical hesitation ("um") a spelling ("umm") stands for:
    /// letters doubled for length are squeezed before the lookup. A single
    /// letter ("m", "I got an M") is never a hesitation.
    pub fn hesitation(&self, word: &str) -> Option<&str> {
        if word.chars().count() < 2 {
            return None;
        }
        let mut squeezed = String::with_capacity(word.len());
        for c in word.chars() {
            if !squeezed.ends_with(c) {
                squeezed.push(c);
            }
        }
        self.hesitation_of.get(&squeezed).map(String::as_str)
    }
}

/// Words that start a noun phrase and make a following "kind of" mean
/// "type of" or a following "like" a hedge.
pub(crate) fn is_determiner(w: &str) -> bool {
    lex().determiners.contains(w)
}

/// The person of a subject pronoun and its contracted auxiliary, if any.
pub(crate) fn subject_of(w: &str) -> Option<(Person, Option<&'static str>)> {
    let lex = lex();
    let (head, clitic) = match w.split_once('\'') {
        Some((h, c)) => (h, Some(c)),
        None => (w, None),
    };
    let persons = [
        (&lex.subject_i, Person::I),
        (&lex.subject_we, Person::We),
        (&lex.subject_other, Person::Other),
    ];
    let (_, person) = persons.into_iter().find(|(list, _)| list.contains(head))?;
    let aux = match clitic {
        None => None,
        Some(c) => Some(lex.clitics.get(c)?.as_str()),
    };
    Some((person, aux))
}

/// Auxiliary and modal verbs, including negated contractions.
pub(crate) fn is_aux(w: &str) -> bool {
    lex().auxiliaries.contains(w) || (w.ends_with("n't") && w != "n't")
}

/// The value of a number word that starts or continues a spelled-out number.
pub(crate) fn number_word_value(w: &str) -> Option<f64> {
    lex().number_words.get(w).copied()
}

pub(crate) fn is_number_word(w: &str) -> bool {
    w != "none" && number_word_value(w).is_some()
}

/// Whether `w` is an unambiguous simple-past form ("went", "proposed").
pub(crate) fn is_past(w: &str) -> bool {
    lex().irregular_past.contains(w) || is_regular_past(w)
}

fn is_regular_past(w: &str) -> bool {
    w.len() > 3 && w.ends_with("ed") && w.is_ascii() && !lex().ed_not_past.contains(w)
}

/// Whether `w` can be a past participle ("taken", "worked", "built").
pub(crate) fn is_participle(w: &str) -> bool {
    lex().irregular_participles.contains(w) || is_past(w) || is_same_past_and_base(w)
}

/// Whether `w` is past or base form alike ("read", "cut").
pub(crate) fn is_same_past_and_base(w: &str) -> bool {
    lex().same_past_and_base.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code of every module that reads the lexicon.
    const RULE_CODE: &[&str] = &[
        include_str!("lexicon.rs"),
        include_str!("tokens.rs"),
        include_str!("fillers.rs"),
        include_str!("pronouns.rs"),
        include_str!("clauses.rs"),
        include_str!("cues.rs"),
        include_str!("quantity.rs"),
        include_str!("star.rs"),
        include_str!("hypothetical.rs"),
        include_str!("reasoning.rs"),
        include_str!("specificity.rs"),
        include_str!("../followup.rs"),
        include_str!("phrases.rs"),
    ];

    /// Every list of the file with its name: the top-level lists and
    /// tables, and the cue lists.
    fn lists() -> Vec<(String, toml::Value)> {
        let table: toml::Table = toml::from_str(SOURCE).expect("the lexicon parses");
        let mut out = Vec::new();
        for (name, value) in table {
            if name == "cues" {
                let cues = value.as_table().expect("[cues] is a table").clone();
                out.extend(cues.into_iter().map(|(k, v)| (format!("cues.{k}"), v)));
            } else {
                out.push((name, value));
            }
        }
        out
    }

    #[test]
    fn every_kind_of_cue_has_its_phrases() {
        let kinds = [
            Cue::Setting,
            Cue::Task,
            Cue::Outcome,
            Cue::Conclusion,
            Cue::Completion,
            Cue::Change,
            Cue::Lesson,
            Cue::Setback,
            Cue::Problem,
            Cue::Reason,
            Cue::Decision,
            Cue::Contrast,
        ];
        assert_eq!(lex().cues.len(), kinds.len());
        for cue in kinds {
            assert!(lex().cues.contains_key(&cue), "{cue:?}");
        }
    }

    #[test]
    fn the_lexicon_parses_into_its_types() {
        assert!(lex().determiners.contains("the"));
        assert_eq!(lex().hesitation("umm"), Some("um"));
    }

    #[test]
    fn every_list_is_non_empty_and_read_by_a_rule() {
        let code = RULE_CODE.concat();
        let lists = lists();
        assert!(lists.len() > 100, "{} lists", lists.len());
        for (name, value) in lists {
            let len = match &value {
                toml::Value::Array(a) => a.len(),
                toml::Value::Table(t) => t.len(),
                other => panic!("{name} is neither a list nor a table: {other:?}"),
            };
            assert!(len > 0, "{name} is empty");
            // A cue list is read as the phrases of its kind of cue.
            let read = match name.strip_prefix("cues.") {
                Some(cue) => serde_json::from_value::<Cue>(cue.into()).is_ok(),
                None => code.contains(&format!(".{name}")),
            };
            assert!(read, "no rule reads the list {name}");
        }
    }

    #[test]
    fn every_list_has_a_comment_saying_what_it_is_for() {
        let lines: Vec<&str> = SOURCE.lines().collect();
        for (name, _) in lists() {
            let key = name.trim_start_matches("cues.");
            let at = lines
                .iter()
                .position(|l| l.starts_with(&format!("{key} = ")) || *l == format!("[{key}]"))
                .unwrap_or_else(|| panic!("{name} is not at the start of a line"));
            let above = lines[..at].iter().rev().find(|l| !l.trim().is_empty());
            assert!(
                above.is_some_and(|l| l.starts_with('#')),
                "{name} has no comment above it"
            );
        }
    }

    #[test]
    fn rule_code_holds_no_inline_word_lists() {
        for (idx, code) in RULE_CODE.iter().enumerate().skip(1) {
            let code = code.split("#[cfg(test)]").next().unwrap_or(code);
            for pattern in [": &[&str] = &[", "&[&[&str]]", "is_any("] {
                assert!(
                    !code.contains(pattern),
                    "rule module {idx} holds an inline list ({pattern})"
                );
            }
        }
    }

    #[test]
    fn no_word_is_listed_twice_in_one_list() {
        for (name, value) in lists() {
            if let toml::Value::Array(words) = value {
                for (i, w) in words.iter().enumerate() {
                    assert!(!words[..i].contains(w), "{name} lists {w:?} twice");
                }
            }
        }
    }

    #[test]
    fn past_forms_are_recognised_with_their_exceptions() {
        assert!(is_past("proposed") && is_past("went") && is_past("was"));
        assert!(!is_past("need") && !is_past("hundred") && !is_past("red"));
        assert!(is_same_past_and_base("cut") && !is_past("cut"));
    }

    #[test]
    fn contracted_subjects_carry_their_auxiliary() {
        assert_eq!(subject_of("i'm"), Some((Person::I, Some("am"))));
        assert_eq!(subject_of("we'd"), Some((Person::We, Some("'d"))));
        assert_eq!(subject_of("they"), Some((Person::Other, None)));
        assert_eq!(subject_of("it"), None);
    }
}
