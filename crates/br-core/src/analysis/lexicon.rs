//! Closed word classes and verb morphology shared by the rules: pronouns,
//! determiners, auxiliaries, number words, and past-tense forms.
//!
//! These lists are English grammar, not vocabulary of any story: they decide
//! who did something and when (past event, habit, plan), which is what STAR,
//! ownership and the hypothetical check rest on.

/// See [`is_determiner`].
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "our", "your", "their", "his", "her",
    "its", "some", "any", "every", "each", "one", "same", "other", "another", "whatever",
];

/// Words that start a noun phrase and make a following "kind of" mean
/// "type of" or a following "like" a hedge.
pub(crate) fn is_determiner(w: &str) -> bool {
    DETERMINERS.contains(&w)
}

/// Who a subject pronoun refers to: the speaker, the speaker's group, or
/// someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Person {
    I,
    We,
    Other,
}

/// The person of a subject pronoun and its contracted auxiliary, if any.
pub(crate) fn subject_of(w: &str) -> Option<(Person, Option<&'static str>)> {
    let (head, clitic) = match w.split_once('\'') {
        Some((h, c)) => (h, Some(c)),
        None => (w, None),
    };
    let person = match head {
        "i" => Person::I,
        "we" => Person::We,
        "he" | "she" | "they" => Person::Other,
        _ => return None,
    };
    let aux = match clitic {
        None => None,
        Some("m") => Some("am"),
        Some("re") => Some("are"),
        Some("s") => Some("is"),
        Some("ve") => Some("have"),
        Some("ll") => Some("will"),
        // "'d" is "had" or "would"; the verb after it decides.
        Some("d") => Some("'d"),
        Some(_) => return None,
    };
    Some((person, aux))
}

/// See [`is_aux`].
#[rustfmt::skip]
const AUXILIARIES: &[&str] = &[
    "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do", "does",
    "did", "would", "could", "should", "will", "can", "might", "may", "must", "shall",
];

/// Auxiliary and modal verbs, including negated contractions.
pub(crate) fn is_aux(w: &str) -> bool {
    AUXILIARIES.contains(&w) || (w.ends_with("n't") && w != "n't")
}

/// Number words that start or continue a spelled-out number.
pub(crate) fn number_word_value(w: &str) -> Option<f64> {
    let v = match w {
        "zero" | "none" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "dozen" => 12.0,
        _ => return None,
    };
    Some(v)
}

pub(crate) fn is_number_word(w: &str) -> bool {
    w != "none" && number_word_value(w).is_some()
}

/// Simple-past forms of irregular verbs (their participles, where they
/// differ, are in [`IRREGULAR_PARTICIPLES`]).
#[rustfmt::skip]
const IRREGULAR_PAST: &[&str] = &[
    "was", "were", "had", "did", "went", "made", "took", "got", "told", "said", "found", "built",
    "ran", "wrote", "saw", "thought", "knew", "came", "gave", "left", "felt", "brought", "bought",
    "kept", "led", "met", "paid", "sent", "spent", "sold", "stood", "taught", "understood", "won",
    "began", "chose", "drove", "flew", "grew", "drew", "threw", "fell", "held", "heard", "lost",
    "meant", "became", "caught", "fought", "sought", "dealt", "sat", "slept", "spoke", "broke",
    "woke", "wore", "tore", "rode", "rose", "shook", "stole", "struck", "swam", "sang", "rang",
    "drank", "ate", "forgot", "forgave", "hid", "bit", "lit", "slid", "stuck", "hung", "dug",
    "swung", "spun", "wound", "bent", "lent", "burnt", "learnt", "leapt", "overtook", "undertook",
    "oversaw", "withdrew", "froze", "shot", "fed", "fled", "sped", "laid", "sank", "swore", "wept",
    "upheld", "rebuilt", "rewrote", "reran", "redid", "mistook", "misunderstood", "outgrew",
    "overcame", "underwent", "foresaw", "overheard", "bore", "beat", "forbade", "wrung", "misled",
    "sprang",
];

/// Past participles that differ from the simple past.
#[rustfmt::skip]
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "been", "done", "gone", "taken", "given", "written", "seen", "known", "grown", "chosen",
    "driven", "flown", "drawn", "thrown", "fallen", "begun", "broken", "spoken", "woken", "worn",
    "torn", "ridden", "risen", "shaken", "stolen", "eaten", "forgotten", "forgiven", "hidden",
    "bitten", "frozen", "gotten", "proven", "shown", "sworn", "overtaken", "undertaken", "overseen",
    "withdrawn", "rewritten", "mistaken", "beaten",
];

/// Verbs whose past form equals the base form ("I read", "we cut"); their
/// tense comes from the rest of the answer.
#[rustfmt::skip]
const SAME_PAST_AND_BASE: &[&str] = &[
    "read", "put", "cut", "set", "hit", "let", "spread", "quit", "cost", "hurt", "shut", "split",
    "bet", "cast", "broadcast", "forecast", "upset", "reset", "input", "output", "shed", "thrust",
    "burst", "fit",
];

/// Words ending in "-ed" that are not past forms.
const ED_NOT_PAST: &[&str] = &[
    "need", "speed", "feed", "seed", "bed", "red", "shed", "bleed", "breed", "proceed", "exceed",
    "succeed", "indeed", "embed", "hundred", "weed", "heed", "deed", "greed", "shred", "naked",
    "wicked", "sacred", "kindred", "rugged", "ragged", "jagged", "crooked", "beloved", "wed",
    "sled",
];

/// Whether `w` is an unambiguous simple-past form ("went", "proposed").
pub(crate) fn is_past(w: &str) -> bool {
    IRREGULAR_PAST.contains(&w) || is_regular_past(w)
}

fn is_regular_past(w: &str) -> bool {
    w.len() > 3 && w.ends_with("ed") && w.is_ascii() && !ED_NOT_PAST.contains(&w)
}

/// Whether `w` can be a past participle ("taken", "worked", "built").
pub(crate) fn is_participle(w: &str) -> bool {
    IRREGULAR_PARTICIPLES.contains(&w) || is_past(w) || SAME_PAST_AND_BASE.contains(&w)
}

/// Whether `w` is past or base form alike ("read", "cut").
pub(crate) fn is_same_past_and_base(w: &str) -> bool {
    SAME_PAST_AND_BASE.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

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
