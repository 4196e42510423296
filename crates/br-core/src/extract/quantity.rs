//! Numbers and what they measure. Interviewers want a Result stated as a
//! measured outcome ("from 31 to 12 percent", "saved forty thousand
//! dollars", "two of the three got offers"), and a date or a duration that
//! measures nothing ("by the end of the six months") does not count.
//!
//! This module finds number phrases in digits or words ("two hundred and
//! ten thousand dollars", "0.4 percent", "$2M", "200ms", "a third"), types
//! each by its unit, and decides from its context whether it is a measured
//! outcome.

use super::lexicon::{is_aux, is_number_word, is_past, lex, number_word_value};
use super::tokens::{Doc, Kind, Token};
pub(crate) use crate::facts::{Measure, Unit};
use std::ops::Range;

/// One number phrase: tokens `first..=last` (unit included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Quantity {
    pub first: usize,
    pub last: usize,
    pub unit: Unit,
    pub value: Option<f64>,
}

/// Every number phrase in the text, in order.
pub(crate) fn find(doc: &Doc<'_>) -> Vec<Quantity> {
    let tokens = &doc.tokens;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match phrase_at(tokens, i) {
            Some(q) => {
                i = q.last + 1;
                out.push(q);
            }
            None => i += 1,
        }
    }
    out
}

/// Words that make a following or preceding fraction a quantity.
fn fraction_word(w: &str) -> bool {
    lex().fraction_words.contains(w)
}

fn multiplier_word(w: &str) -> bool {
    lex().multiplier_words.contains(w)
}

/// A digit-led word with a unit glued on ("200ms", "10x", "3k", "4th").
fn glued_unit(w: &str) -> Option<(f64, &str)> {
    let split = w.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    if split == 0 {
        return None;
    }
    let value = w[..split].parse().ok()?;
    Some((value, &w[split..]))
}

fn phrase_at(tokens: &[Token], i: usize) -> Option<Quantity> {
    let t = &tokens[i];
    let word = |j: usize| {
        tokens
            .get(j)
            .filter(|t| t.is_word())
            .map(|t| t.norm.as_str())
    };
    if t.kind == Kind::Punct {
        // "$2M", "£300": the currency sign belongs to the number.
        if t.is_in(&lex().currency_signs) && tokens.get(i + 1).is_some_and(starts_number) {
            let inner = phrase_at(tokens, i + 1)?;
            return Some(Quantity {
                first: i,
                unit: Unit::Money,
                ..inner
            });
        }
        return None;
    }
    // "none of them turned into a complaint": a zero count of outcomes.
    if t.is("none") && word(i + 1).is_some_and(|w| w == "of") {
        return Some(Quantity {
            first: i,
            last: i,
            unit: Unit::Count,
            value: Some(0.0),
        });
    }
    if multiplier_word(&t.norm) {
        return Some(Quantity {
            first: i,
            last: i,
            unit: Unit::Multiplier,
            value: None,
        });
    }
    if fraction_word(&t.norm) {
        // "third-party", "half-day", "quarter-end": the first half of a
        // hyphenated compound modifier counts nothing.
        if hyphen_glued(tokens, i) {
            return None;
        }
        // "half" alone, "a third", "about a quarter", "two thirds" (the
        // number case is handled below).
        let article = i > 0 && tokens[i - 1].is_in(&lex().fraction_articles);
        if t.is("half") || article {
            return Some(Quantity {
                first: if article { i - 1 } else { i },
                last: i,
                unit: Unit::Fraction,
                value: None,
            });
        }
        return None;
    }
    if t.is("a") && word(i + 1).is_some_and(|w| lex().article_magnitudes.contains(w)) {
        let inner = phrase_at(tokens, i + 1)?;
        return Some(Quantity { first: i, ..inner });
    }
    if !starts_number(t) {
        return None;
    }
    if let Some((value, suffix)) = glued_unit(&t.norm) {
        let lex = lex();
        let suffixes = [
            (&lex.glued_duration_suffixes, Unit::Duration),
            (&lex.glued_multiplier_suffixes, Unit::Multiplier),
            (&lex.glued_ordinal_suffixes, Unit::Date),
        ];
        // Any other suffix ("3k", "2m") counts things.
        let unit = suffixes
            .into_iter()
            .find(|(list, _)| list.contains(suffix))
            .map_or(Unit::Count, |(_, unit)| unit);
        return Some(Quantity {
            first: i,
            last: i,
            unit,
            value: Some(value),
        });
    }
    // Extend over the spelled-out number: "two hundred and ten thousand",
    // "four point seven", "twenty-two", "2 million".
    let mut last = i;
    let mut j = i + 1;
    while let Some(next) = tokens.get(j) {
        if tokens[last].kind == Kind::Number {
            if !is_magnitude(&next.norm) {
                break;
            }
        } else if !is_number_word(&next.norm) {
            let and_after_magnitude = next.is("and") && is_magnitude(&tokens[last].norm);
            let joins = next.is_in(&lex().number_joiners) || and_after_magnitude;
            if joins && tokens.get(j + 1).is_some_and(|n| is_number_word(&n.norm)) {
                j += 1;
                continue;
            }
            break;
        }
        last = j;
        j += 1;
    }
    let value = value_of(&tokens[i..=last]);
    // "one-third", "two-thirds": a hyphenated fraction.
    if hyphen_glued(tokens, last)
        && tokens
            .get(last + 2)
            .is_some_and(|f| f.is_in(&lex().fraction_words))
    {
        return Some(Quantity {
            first: i,
            last: last + 2,
            unit: Unit::Fraction,
            value,
        });
    }
    let (unit, unit_last) = unit_after(tokens, i, last, value);
    Some(Quantity {
        first: i,
        last: unit_last,
        unit,
        value,
    })
}

/// Whether token `i` is joined to the next word by a hyphen with no space
/// on either side ("third-party", "one-third").
fn hyphen_glued(tokens: &[Token], i: usize) -> bool {
    match (tokens.get(i + 1), tokens.get(i + 2)) {
        (Some(h), Some(n)) => {
            h.is("-") && h.start == tokens[i].end && n.start == h.end && n.is_word()
        }
        _ => false,
    }
}

fn is_magnitude(w: &str) -> bool {
    lex().magnitudes.contains(w)
}

fn starts_number(t: &Token) -> bool {
    t.kind == Kind::Number || (is_number_word(&t.norm)) || glued_unit(&t.norm).is_some()
}

/// The value of a spelled-out or digit number phrase.
fn value_of(tokens: &[Token]) -> Option<f64> {
    let (mut total, mut current, mut decimals): (f64, f64, Option<f64>) = (0.0, 0.0, None);
    for t in tokens.iter().filter(|t| t.is_word() && !t.is("and")) {
        if t.is("point") {
            decimals = Some(0.1);
            continue;
        }
        let v = if t.kind == Kind::Number {
            t.norm.parse().ok()?
        } else {
            number_word_value(&t.norm)?
        };
        if let Some(scale) = decimals {
            current += v * scale;
            decimals = Some(scale / 10.0);
        } else if v >= 1000.0 {
            total += current.max(1.0) * v;
            current = 0.0;
        } else if v == 100.0 {
            current = current.max(1.0) * 100.0;
        } else {
            current += v;
        }
    }
    Some(total + current)
}

/// The unit of the number in `first..=last` and the last token it covers.
fn unit_after(tokens: &[Token], first: usize, last: usize, value: Option<f64>) -> (Unit, usize) {
    let prev_word = first
        .checked_sub(1)
        .map(|p| tokens[p].norm.as_str())
        .unwrap_or("");
    if lex().months.contains(prev_word) {
        return (Unit::Date, last);
    }
    let next = tokens.get(last + 1);
    if next.is_some_and(|n| n.is_punct('%')) {
        return (Unit::Percent, last + 1);
    }
    let is_year = value.is_some_and(|v| (1950.0..=2100.0).contains(&v) && v.fract() == 0.0)
        && tokens[first].kind == Kind::Number;
    let mut j = last + 1;
    // "eleven thousand extra units", "forty scheduled procedures".
    while tokens.get(j).is_some_and(|t| {
        t.is_in(&lex().unit_modifiers)
            || (t.norm.ends_with("ed")
                && is_past(&t.norm)
                && tokens
                    .get(j + 1)
                    .is_some_and(|n| n.is_word() && is_count_noun(&n.norm)))
    }) {
        j += 1;
    }
    let Some(unit_tok) = tokens.get(j).filter(|t| t.is_word()) else {
        return (if is_year { Unit::Date } else { Unit::Bare }, last);
    };
    let w = unit_tok.norm.as_str();
    // "twenty-three of her reports", "three of the five vendors": a
    // partitive counts the things named after "of".
    let partitive = w == "of"
        && tokens
            .get(j + 1)
            .is_some_and(|t| t.is_in(&lex().partitive_determiners));
    if partitive {
        return (Unit::Count, last);
    }
    let lex = lex();
    let next_is = |word: &str| tokens.get(j + 1).is_some_and(|t| t.is(word));
    let unit = match w {
        _ if lex.percent_units.contains(w) => Unit::Percent,
        "per" if next_is("cent") => return (Unit::Percent, j + 1),
        _ if lex.money_units.contains(w) => Unit::Money,
        // "three times faster" multiplies; "called ten times" counts.
        "times"
            if tokens
                .get(j + 1)
                .is_some_and(|t| t.is_in(&lex.comparatives)) =>
        {
            Unit::Multiplier
        }
        _ if lex.multiplier_units.contains(w) => Unit::Multiplier,
        _ if lex.fraction_units.contains(w) && value.is_some_and(|v| v < 10.0) => Unit::Fraction,
        // "three quarters of the users" is a fraction; "two quarters" is time.
        _ if lex.quarter_units.contains(w) && next_is("of") => Unit::Fraction,
        _ if lex.months.contains(w) => Unit::Date,
        _ if lex.time_units.contains(w) => Unit::Duration,
        _ if is_year => return (Unit::Date, last),
        _ if is_count_noun(w) => Unit::Count,
        _ => return (Unit::Bare, last),
    };
    (unit, j)
}

/// Whether `w` can be the noun a number counts ("robots", "people"): not a
/// function word, verb form or adverb.
fn is_count_noun(w: &str) -> bool {
    !lex().not_counted.contains(w) && !w.ends_with("ly") && !is_past(w) && !is_aux(w)
}

/// Verbs of measurable change or attainment: a number right after them is
/// the value reached ("dropped by six degrees", "stayed at 4.7 stars", "got
/// twelve thousand sign ups").
fn is_change_verb(w: &str) -> bool {
    lex().change_verbs.contains(w)
}

/// How quantity `idx` measures, judged from its unit and context.
pub(crate) fn measure(tokens: &[Token], quantities: &[Quantity], idx: usize) -> Measure {
    let q = &quantities[idx];
    // "the three managers", "the bottom nine": a determiner just before the
    // number refers back to things already known; it measures nothing.
    // "all" quantifies rather than refers back: "closed all three hundred
    // tickets" counts the outcome ("all the three" still refers back).
    let referential = tokens[q.first.saturating_sub(2)..q.first]
        .iter()
        .any(|t| t.is_in(&lex().referential_determiners));
    let changed = || {
        (after_change_verb(tokens, q) && !referential)
            || from_to(tokens, quantities, idx)
            || compared(tokens, quantities, q)
    };
    let strong = match q.unit {
        // "a flag on five percent of traffic" sets the scope of an action,
        // and "half printing coupons and half offering a code" splits a
        // group; they measure an outcome only after a verb of change.
        Unit::Percent | Unit::Fraction if scope_share(tokens, q) || partition(tokens, q) => {
            changed() || after_retention_verb(tokens, q)
        }
        // "signed a one year contract", "a three month pilot": a length
        // that describes a noun measures nothing, even after a verb of
        // change; a comparison still does.
        Unit::Duration if attributive_duration(tokens, q) => {
            from_to(tokens, quantities, idx) || compared(tokens, quantities, q)
        }
        Unit::Percent | Unit::Money | Unit::Multiplier | Unit::Fraction => true,
        Unit::Date => false,
        // "back in six minutes": time recovered; "down to six hours": the
        // lower value reached.
        Unit::Duration => {
            changed()
                || down_to(tokens, q)
                || (q.first >= 2 && tokens[q.first - 1].is("in") && tokens[q.first - 2].is("back"))
        }
        // "two field crews instead of one": a count of means the speaker
        // chose over another measures no outcome, whatever verb led to it.
        Unit::Count | Unit::Bare => {
            (changed() || of_total(tokens, quantities, idx)) && !chosen_instead(tokens, q)
        }
    };
    if strong {
        Measure::Change
    } else if q.unit == Unit::Count && q.value != Some(1.0) && !referential {
        Measure::Count
    } else {
        Measure::None
    }
}

/// A share that sets the scope of an action: a preposition of extent before
/// it and "of" after it ("to five percent of traffic", "on half of the
/// stores").
fn scope_share(tokens: &[Token], q: &Quantity) -> bool {
    let followed_by_of = tokens.get(q.last + 1).is_some_and(|t| t.is("of"));
    let preposition = tokens[..q.first]
        .iter()
        .rev()
        .find(|t| !t.is_in(&lex().scope_hedges))
        .is_some_and(|t| t.is_in(&lex().scope_prepositions));
    followed_by_of && preposition
}

/// A share after a verb of keeping in the same phrase ("kept the feature
/// for 85 percent of restaurants", "retained service for half of the
/// stores") measures how much was kept, not where an action was tried.
fn after_retention_verb(tokens: &[Token], q: &Quantity) -> bool {
    tokens[q.first.saturating_sub(8)..q.first]
        .iter()
        .rev()
        .take_while(|t| t.is_word() && !t.is_in(&lex().phrase_boundaries))
        .any(|t| t.is_in(&lex().retention_verbs))
}

/// A fraction that opens a phrase and is followed by a present participle
/// divides a group ("ten stores, half printing coupons and half offering a
/// code") rather than measuring a change ("cut it by half, saving ...").
fn partition(tokens: &[Token], q: &Quantity) -> bool {
    let opens_phrase = q
        .first
        .checked_sub(1)
        .is_none_or(|p| !tokens[p].is_word() || tokens[p].is_in(&lex().partition_joiners));
    let participle = tokens.get(q.last + 1).is_some_and(|t| {
        t.is_word()
            && t.norm.len() > 4
            && t.norm.ends_with("ing")
            && !t.is_in(&lex().not_participles)
    });
    opens_phrase && participle
}

/// A duration used as a modifier of the noun after it: "a one year
/// contract", "a three month pilot", "two week sprints". The unit is
/// singular ("month", not "months") or follows an article, and a noun
/// follows it.
fn attributive_duration(tokens: &[Token], q: &Quantity) -> bool {
    let unit = &tokens[q.last];
    let after_article = q.first > 0 && tokens[q.first - 1].is_in(&lex().indefinite_articles);
    let singular = !unit.norm.ends_with('s') && q.value.is_some_and(|v| v != 1.0);
    let noun_after = tokens.get(q.last + 1).is_some_and(|t| {
        t.is_word()
            && is_count_noun(&t.norm)
            && !t.is_in(&lex().result_comparatives)
            && !t.is_in(&lex().not_attributive_followers)
    });
    unit.is_in(&lex().time_units) && (after_article || singular) && noun_after
}

/// "dropped by about six degrees", "stayed at 4.7", "saved our finance
/// team about twenty hours": a verb of change a few words before, with no
/// punctuation or other preposition ("got funding for a three month
/// pilot") in between.
fn after_change_verb(tokens: &[Token], q: &Quantity) -> bool {
    let mut j = q.first;
    for _ in 0..6 {
        let Some(p) = j.checked_sub(1) else {
            return false;
        };
        let t = &tokens[p];
        if is_change_verb(&t.norm) {
            return true;
        }
        if !t.is_word() || (t.is_in(&lex().change_blockers) && !t.is_in(&lex().change_glue)) {
            return false;
        }
        j = p;
    }
    false
}

/// "was down to six hours", "down to about forty minutes": the value a
/// measure fell to (a cap such as "up to six hours" is not a change).
fn down_to(tokens: &[Token], q: &Quantity) -> bool {
    let k = before_approximators(tokens, q.first);
    k >= 2 && tokens[k - 1].is("to") && tokens[k - 2].is("down")
}

/// One end of "from X to Y" ("from twelve a month to zero"), or of "X to
/// Y" after a verb of change.
fn from_to(tokens: &[Token], quantities: &[Quantity], idx: usize) -> bool {
    // "from about forty minutes to just over ten": approximators between
    // the preposition and the number.
    let word_before = |q: &Quantity| {
        before_approximators(tokens, q.first)
            .checked_sub(1)
            .map(|p| &tokens[p])
    };
    let starts =
        |a: &Quantity| word_before(a).is_some_and(|t| t.is("from")) || after_change_verb(tokens, a);
    let pair = |a: &Quantity, b: &Quantity| {
        let to = before_approximators(tokens, b.first);
        to > a.last + 1 && to - a.last <= 5 && tokens[to - 1].is("to") && starts(a)
    };
    let q = &quantities[idx];
    quantities.get(idx + 1).is_some_and(|n| pair(q, n))
        || idx.checked_sub(1).is_some_and(|p| pair(&quantities[p], q))
}

/// The first token of the run of approximators that ends right before
/// token `first` ("more than" in "from more than forty"), or `first`.
fn before_approximators(tokens: &[Token], first: usize) -> usize {
    let mut k = first;
    while k > 0 && tokens[k - 1].is_in(&lex().approximators) {
        k -= 1;
    }
    // "a little over", "a bit under".
    if k > 0 && k < first && tokens[k].is_in(&lex().approximating_nouns) && tokens[k - 1].is("a") {
        k -= 1;
    }
    k
}

/// "nine weeks instead of the twelve", "twenty percent lower than".
fn compared(tokens: &[Token], quantities: &[Quantity], q: &Quantity) -> bool {
    // "instead" compares only as "instead of"; a clause-final "instead"
    // ("negotiated two quarters instead") replaces a plan, not a value.
    let marker = |k: usize| {
        tokens[k].is_in(&lex().comparison_markers)
            || (tokens[k].is("instead") && instead_of_a_value(tokens, quantities, k))
            || against_a_reference(tokens, k)
    };
    let after = (q.last + 1..(q.last + 5).min(tokens.len())).any(marker);
    let before = (q.first.saturating_sub(3)..q.first).any(marker);
    // "forty minutes earlier", "two days faster".
    let comparative = tokens
        .get(q.last + 1)
        .is_some_and(|t| t.is_in(&lex().result_comparatives));
    // "down from four seconds", "up from 3.1".
    let from_previous = q.first >= 2
        && tokens[q.first - 1].is("from")
        && tokens[q.first - 2].is_in(&lex().directions);
    after || before || from_previous || comparative
}

/// Whether "instead" at token `k` opens "instead of" between two values
/// of a measure ("in forty minutes instead of the four hours"). A choice
/// against an action ("two libraries instead of renting classrooms")
/// compares no values, and a count of things set against another ("two
/// field crews instead of one") is a choice of means, not a measured
/// outcome.
fn instead_of_a_value(tokens: &[Token], quantities: &[Quantity], k: usize) -> bool {
    if !tokens.get(k + 1).is_some_and(|n| n.is("of")) {
        return false;
    }
    let chosen = quantities
        .iter()
        .rev()
        .find(|o| o.last < k && o.last + 5 >= k);
    // The replaced value follows "of", maybe after a determiner or an
    // approximator ("instead of the usual twelve").
    let replaced = quantities
        .iter()
        .any(|o| o.first > k + 1 && o.first <= k + 5);
    replaced && chosen.is_some_and(|c| !matches!(c.unit, Unit::Count | Unit::Bare))
}

/// A count followed closely by "instead of" or "rather than": things
/// chosen over an alternative ("two crews instead of one").
fn chosen_instead(tokens: &[Token], q: &Quantity) -> bool {
    (q.last + 1..(q.last + 4).min(tokens.len().saturating_sub(1))).any(|k| {
        (tokens[k].is("instead") && tokens[k + 1].is("of"))
            || (tokens[k].is("rather") && tokens[k + 1].is("than"))
    })
}

/// "against a target of thirty", "against our baseline": a measured value
/// held against a reference value is a comparison.
fn against_a_reference(tokens: &[Token], k: usize) -> bool {
    tokens[k].is("against")
        && tokens[k + 1..(k + 4).min(tokens.len())]
            .iter()
            .take_while(|t| t.is_word())
            .any(|t| t.is_in(&lex().reference_values))
}

/// "two of the three", "one out of two hundred".
fn of_total(tokens: &[Token], quantities: &[Quantity], idx: usize) -> bool {
    let q = &quantities[idx];
    let mut j = q.last + 1;
    if !tokens
        .get(j)
        .is_some_and(|t| t.is_in(&lex().of_total_openers))
    {
        return false;
    }
    while tokens
        .get(j)
        .is_some_and(|t| t.is_in(&lex().of_total_words))
    {
        j += 1;
    }
    quantities.get(idx + 1).is_some_and(|n| n.first == j)
}

/// The strongest quantity inside the token range that measures at least
/// `min`, if any.
pub(crate) fn measured_in(
    tokens: &[Token],
    quantities: &[Quantity],
    range: Range<usize>,
    min: Measure,
) -> Option<Quantity> {
    (0..quantities.len())
        .filter(|&i| quantities[i].first >= range.start && quantities[i].last < range.end)
        .map(|i| (measure(tokens, quantities, i), i))
        .filter(|&(m, _)| m >= min && m > Measure::None)
        .max_by_key(|&(m, i)| (m, std::cmp::Reverse(i)))
        .map(|(_, i)| quantities[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<(Unit, bool)> {
        let doc = Doc::new(text);
        let qs = find(&doc);
        (0..qs.len())
            .map(|i| (qs[i].unit, measure(&doc.tokens, &qs, i) != Measure::None))
            .collect()
    }

    /// A text and the unit of each of its quantities, with whether it is
    /// measured.
    type Case = (&'static str, &'static [(Unit, bool)]);

    #[track_caller]
    fn assert_units(cases: &[Case]) {
        for &(text, want) in cases {
            assert_eq!(units(text), want, "{text}");
        }
    }

    #[test]
    fn a_fraction_inside_a_hyphenated_compound_is_not_a_quantity() {
        assert_units(&[
            ("a third-party logistics company", &[]),
            ("we ran a half-day workshop", &[]),
            ("before the quarter-end close", &[]),
            // Negative cases: hyphenated and plain fractions still count.
            ("we cut it by one-third", &[(Unit::Fraction, true)]),
            ("two-thirds of them stayed", &[(Unit::Fraction, true)]),
            ("we cut it by a third", &[(Unit::Fraction, true)]),
            ("down by half - not more", &[(Unit::Fraction, true)]),
        ]);
    }

    #[test]
    fn spelled_out_numbers_are_one_phrase_with_a_value() {
        let doc = Doc::new("about two hundred and ten thousand dollars and four point seven stars");
        let qs = find(&doc);
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].value, Some(210_000.0));
        assert_eq!(qs[0].unit, Unit::Money);
        assert!((qs[1].value.unwrap() - 4.7).abs() < 1e-9);
    }

    #[test]
    fn percentages_money_and_fractions_are_measured() {
        assert_units(&[
            (
                "by 12% and $2M and by half",
                &[
                    (Unit::Percent, true),
                    (Unit::Money, true),
                    (Unit::Fraction, true),
                ],
            ),
            ("thirty one percent", &[(Unit::Percent, true)]),
        ]);
    }

    #[test]
    fn instead_of_compares_only_a_value_of_the_same_measure() {
        // A value against a value: measured.
        assert_eq!(
            units("got it working again in forty minutes, instead of the four hours"),
            [(Unit::Duration, true), (Unit::Duration, true)]
        );
        assert!(units("we sold out in nine weeks instead of the twelve")[0].1);
        // A choice against an action, or one count of means against
        // another: no measured outcome.
        let doc =
            Doc::new("I negotiated free space in two libraries instead of renting classrooms");
        let qs = find(&doc);
        assert_eq!(measure(&doc.tokens, &qs, 0), Measure::Count);
        let doc = Doc::new("I got the vendor to give us two field crews instead of one");
        let qs = find(&doc);
        let m: Vec<_> = (0..qs.len())
            .map(|i| (qs[i], measure(&doc.tokens, &qs, i)))
            .collect();
        assert!(m.iter().all(|x| x.1 < Measure::Change), "{m:?}");
    }

    #[test]
    fn a_bare_duration_or_date_measures_nothing() {
        assert_units(&[
            ("by the end of the six months", &[(Unit::Duration, false)]),
            (
                "we launched on March twentieth in 2021.",
                &[(Unit::Date, false)],
            ),
        ]);
    }

    #[test]
    fn before_and_after_values_are_measured() {
        assert_units(&[
            (
                "from three weeks to four days",
                &[(Unit::Duration, true), (Unit::Duration, true)],
            ),
            (
                "in nine weeks instead of the twelve",
                &[(Unit::Duration, true), (Unit::Bare, true)],
            ),
        ]);
    }

    #[test]
    fn a_share_of_what_was_kept_is_a_measure() {
        assert_units(&[
            (
                "we kept the menu feature for 85 percent of restaurants",
                &[(Unit::Percent, true)],
            ),
            (
                "we retained service for half of the stores",
                &[(Unit::Fraction, true)],
            ),
            // Without a verb of keeping, or across a clause boundary, the
            // share is still the scope of an action.
            (
                "we turned the flag on for 85 percent of restaurants",
                &[(Unit::Percent, false)],
            ),
            (
                "we kept the old flow, and tested it on ten percent of traffic",
                &[(Unit::Percent, false)],
            ),
        ]);
    }

    #[test]
    fn a_share_that_scopes_an_action_is_not_a_change() {
        assert_units(&[
            (
                "an A/B test on ten percent of traffic",
                &[(Unit::Percent, false)],
            ),
            (
                "adoption grew to forty percent of users",
                &[(Unit::Percent, true)],
            ),
        ]);
    }

    #[test]
    fn time_saved_or_recovered_is_measured() {
        assert_units(&[
            (
                "saved them about twenty hours a month",
                &[(Unit::Duration, true)],
            ),
            (
                "brought the site back in six minutes",
                &[(Unit::Duration, true)],
            ),
            (
                "the pass took four days and was down to about six hours",
                &[(Unit::Duration, false), (Unit::Duration, true)],
            ),
            // Negative: a cap or a plain length measures nothing.
            ("it can take up to six hours", &[(Unit::Duration, false)]),
        ]);
    }

    #[test]
    fn counts_of_outcomes_are_measured() {
        assert_units(&[
            (
                "two of the three got offers",
                &[(Unit::Count, true), (Unit::Bare, false)],
            ),
            ("ninety thousand people filed", &[(Unit::Count, true)]),
            ("I called them ten times", &[(Unit::Count, true)]),
        ]);
    }

    #[test]
    fn approximators_do_not_break_from_and_to() {
        assert_units(&[
            (
                "runs went from about forty minutes to ten",
                &[(Unit::Duration, true), (Unit::Bare, true)],
            ),
            (
                "from more than forty minutes to just over ten",
                &[(Unit::Duration, true), (Unit::Bare, true)],
            ),
            (
                "from roughly twelve a month to a little under three",
                &[(Unit::Bare, true), (Unit::Bare, true)],
            ),
            // Without "from" or a verb of change, "to" is no comparison.
            (
                "we talked about forty minutes to plan it",
                &[(Unit::Duration, false)],
            ),
        ]);
    }

    #[test]
    fn all_n_and_none_of_count_outcomes() {
        assert_units(&[
            (
                "support closed all three hundred and twelve related tickets",
                &[(Unit::Count, true)],
            ),
            // A partitive after "all" counts the outcome too.
            (
                "she agreed to move all twenty-three of her reports",
                &[(Unit::Count, true)],
            ),
            // Negative: "one of the", or a partitive after "the", measures nothing.
            ("one of the engineers", &[(Unit::Count, false)]),
            ("the two of us met", &[(Unit::Bare, false)]),
            // "none" alone is no quantity; "the three managers" still refers back.
            ("there were none left", &[]),
            ("I met the three managers", &[(Unit::Count, false)]),
        ]);
        let doc = Doc::new("and none of them turned into a complaint");
        let qs = find(&doc);
        assert_eq!(qs.len(), 1);
        assert_eq!((qs[0].unit, qs[0].value), (Unit::Count, Some(0.0)));
        assert_eq!(measure(&doc.tokens, &qs, 0), Measure::Count);
    }

    #[test]
    fn a_value_against_a_target_or_baseline_is_a_comparison() {
        assert_units(&[
            (
                "median time was eleven seconds, against a target of thirty",
                &[(Unit::Duration, true), (Unit::Bare, false)],
            ),
            (
                "we spent forty thousand dollars against our budget",
                &[(Unit::Money, true)],
            ),
            (
                "it took eleven seconds, against all odds",
                &[(Unit::Duration, false)],
            ),
        ]);
    }

    #[test]
    fn a_fraction_splitting_a_group_is_not_a_change() {
        assert_units(&[
            (
                "a test in ten stores, half printing coupons and half offering a code",
                &[
                    (Unit::Count, true),
                    (Unit::Fraction, false),
                    (Unit::Fraction, false),
                ],
            ),
            ("we cut it by half, saving money", &[(Unit::Fraction, true)]),
            ("half of them quit", &[(Unit::Fraction, true)]),
        ]);
    }

    #[test]
    fn a_duration_describing_a_noun_is_not_a_measure() {
        assert_units(&[
            ("I signed a one year contract", &[(Unit::Duration, false)]),
            ("we won a three month pilot", &[(Unit::Duration, false)]),
            // Time saved, and comparisons, still measure.
            ("it saved us three hours a week", &[(Unit::Duration, true)]),
            (
                "we shipped a two week release instead of the six",
                &[(Unit::Duration, true), (Unit::Bare, true)],
            ),
        ]);
    }

    #[test]
    fn glued_units_are_read() {
        assert_units(&[
            (
                "from 800ms to 200ms",
                &[(Unit::Duration, true), (Unit::Duration, true)],
            ),
            (
                "a 10x gain, three times faster",
                &[(Unit::Multiplier, true), (Unit::Multiplier, true)],
            ),
        ]);
    }
}
