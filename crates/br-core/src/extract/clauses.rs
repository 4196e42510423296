//! Clauses and their predicates: who did what, and when.
//!
//! STAR parts change mid-sentence ("I rolled back the deploy, and that
//! brought the site back in six minutes"), so the unit of structure is the
//! clause: sentences split at ", and", ", but", a comma before a new
//! pronoun subject, "and" before a new pronoun subject, and semicolons.
//! Raw transcripts without punctuation are also split before a pronoun
//! subject that follows a content word.
//!
//! For each pronoun subject the verb phrase after it gives a tense (past
//! event, plan, habit, background) and a class (action, state, copula). That
//! is enough to tell "I rolled back the deploy" (the speaker acting) from
//! "I was the QA lead" (context) and "I would start by" (a plan).

use super::lexicon::{
    is_aux, is_determiner, is_participle, is_past, is_same_past_and_base, lex, subject_of,
};
use super::tokens::{Doc, Kind, Token};
use crate::facts::Person;
pub(crate) use crate::facts::{Tense, VerbClass};
use std::ops::Range;

/// A pronoun subject with its verb phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pred {
    pub person: Person,
    /// Token of the subject pronoun.
    pub subject: usize,
    /// Token of the main verb (or the auxiliary when there is none).
    pub verb: Option<usize>,
    pub tense: Tense,
    pub class: VerbClass,
    /// Inside a subordinate clause ("that we would slip", "so we could").
    pub subordinate: bool,
    /// The verb form is past or base alike ("I read", "we cut").
    pub ambiguous: bool,
}

impl Pred {
    /// A past action of the speaker (I or we).
    pub fn is_speaker_action(&self) -> bool {
        self.person != Person::Other && self.tense == Tense::Past && self.class == VerbClass::Action
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Clause {
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub preds: Vec<Pred>,
    /// Token ranges inside the clause that are subordinate ("that ...",
    /// "because ...", an introductory "When ..., ").
    pub subordinate: Vec<Range<usize>>,
    /// Whether an unambiguous past verb appears outside the speaker's
    /// predicates ("late deliveries went from ...", "Leadership agreed").
    pub other_past: bool,
}

impl Clause {
    /// The first predicate of the main (non-subordinate) clause.
    pub fn main(&self) -> Option<&Pred> {
        self.preds.iter().find(|p| !p.subordinate)
    }

    pub fn is_subordinate(&self, token: usize) -> bool {
        self.subordinate.iter().any(|r| r.contains(&token))
    }

    /// Whether the clause has any finite verb at all.
    pub fn has_verb(&self) -> bool {
        !self.preds.is_empty() || self.other_past
    }
}

/// The tokens covered by a run of clauses `run` (non-empty).
pub(crate) fn run_tokens(clauses: &[Clause], run: Range<usize>) -> Range<usize> {
    clauses[run.start].tokens.start..clauses[run.end - 1].tokens.end
}

/// Splits the text into clauses and reads their predicates. `filler[i]`
/// marks filler tokens, which the grammar steps over.
pub(crate) fn split(doc: &Doc<'_>, filler: &[bool]) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    for (sentence, range) in doc.sentences.iter().enumerate() {
        let ranges = split_sentence(&doc.tokens, range.clone(), filler);
        for (index_in_sentence, tokens) in ranges.into_iter().enumerate() {
            // A clause that starts with its verb shares the subject of the
            // clause before it in the sentence.
            let inherited = if index_in_sentence > 0 {
                clauses.last().and_then(Clause::main).map(|p| p.person)
            } else {
                None
            };
            clauses.push(read_clause(
                &doc.tokens,
                tokens,
                sentence,
                filler,
                inherited,
            ));
        }
    }
    clauses
}

fn skip(filler: &[bool], i: usize) -> bool {
    filler.get(i).copied().unwrap_or(false)
}

/// Next token at or after `i` (below `end`) that is neither a filler nor a
/// comma.
fn next_content(tokens: &[Token], filler: &[bool], mut i: usize, end: usize) -> Option<usize> {
    while i < end && (skip(filler, i) || tokens[i].is_punct(',')) {
        i += 1;
    }
    (i < end).then_some(i)
}

fn is_pronoun_subject(t: &Token) -> bool {
    subject_of(&t.norm).is_some()
}

/// How a clause opens, which decides what its first comma means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// "When it became clear ..., I went": the first comma ends the
    /// subordinate introduction, not the clause.
    Subordinate,
    /// "Before agreeing, I ran", "In the pilot, retention went": the first
    /// comma ends the introduction if no verb came before it.
    Preposition,
    Plain,
}

fn opener(tokens: &[Token], filler: &[bool], start: usize, end: usize) -> Opener {
    let first = (start..end).find(|&i| {
        !skip(filler, i) && tokens[i].kind != Kind::Punct && !tokens[i].is_in(&lex().clause_linkers)
    });
    match first.map(|i| &tokens[i]) {
        Some(t) if t.is_in(&lex().subordinators) && !t.is("that") => Opener::Subordinate,
        Some(t) if t.is_in(&lex().intro_prepositions) => Opener::Preposition,
        _ => Opener::Plain,
    }
}

fn split_sentence(tokens: &[Token], range: Range<usize>, filler: &[bool]) -> Vec<Range<usize>> {
    let (start, end) = (range.start, range.end);
    let words = tokens[range.clone()].iter().filter(|t| t.is_word()).count();
    let has_comma = tokens[range.clone()]
        .iter()
        .any(|t| t.is_punct(',') || t.is_punct(';'));
    let raw = words >= 30 && !has_comma;
    let mut out = Vec::new();
    let mut clause_start = start;
    let mut intro = opener(tokens, filler, start, end);
    let mut i = start;
    while i < end {
        let t = &tokens[i];
        // (end of current clause, start of the next)
        let mut cut: Option<(usize, usize)> = None;
        if t.is_punct(';') {
            cut = Some((i, i + 1));
        } else if t.is_punct(',') {
            let ends_intro = match intro {
                Opener::Subordinate => true,
                Opener::Preposition => !has_verb_between(tokens, clause_start, i),
                Opener::Plain => false,
            };
            intro = Opener::Plain;
            if ends_intro {
                // The comma closes the introduction; the clause goes on.
            } else if let Some(j) = next_content(tokens, filler, i + 1, end) {
                let n = &tokens[j];
                let after_so = next_content(tokens, filler, j + 1, end);
                // ", so I worked with ...": "so" meaning "therefore" before
                // the speaker starts a new main clause (it keeps its "so");
                // "so we could" is a purpose inside the clause, and "so she
                // had something of her own" a consequence of it.
                let so_therefore = n.is("so")
                    && after_so.is_some_and(|k| {
                        subject_of(&tokens[k].norm).is_some_and(|(p, _)| p != Person::Other)
                    })
                    && !purpose_so(tokens, j, end, filler);
                if n.is_in(&lex().clause_conjunctions) {
                    cut = Some((i, j + 1));
                } else if (is_pronoun_subject(n) || so_therefore)
                    && has_verb_between(tokens, clause_start, i)
                {
                    cut = Some((i, j));
                }
            }
        } else if t.is_in(&lex().clause_conjunctions) && !skip(filler, i) {
            // "... and we shipped": a new subject; "We worked hard and
            // shipped it": a second verb phrase of the same subject.
            if let Some(j) = next_content(tokens, filler, i + 1, end) {
                let n = &tokens[j];
                let new_predicate =
                    starts_subject(tokens, j, end) || (is_past(&n.norm) && !is_aux(&n.norm));
                let subject_before = tokens[clause_start..i].iter().any(is_pronoun_subject);
                if new_predicate && subject_before && has_verb_between(tokens, clause_start, i) {
                    cut = Some((i, i + 1));
                }
            }
        } else if raw
            && i > clause_start
            && !skip(filler, i)
            && starts_subject(tokens, i, end)
            && !contact_relative(tokens, i, end, filler)
        {
            // Without punctuation, a new subject right after a content
            // word ("... on tv ads my manager asked ...") or after "and"
            // ("... and the marketing team wanted ...") starts a clause.
            let prev = (clause_start..i).rev().find(|&p| !skip(filler, p));
            let after_and = prev.is_some_and(|p| tokens[p].is("and"));
            if prev.is_some_and(|p| is_content_word(&tokens[p]) || after_and)
                && has_verb_between(tokens, clause_start, i)
            {
                cut = Some((if after_and { prev.unwrap_or(i) } else { i }, i));
            }
        }
        if let Some((clause_end, next_start)) = cut {
            if clause_end > clause_start {
                out.push(clause_start..clause_end);
            }
            clause_start = next_start;
            intro = opener(tokens, filler, next_start, end);
            i = next_start.max(i + 1);
        } else {
            i += 1;
        }
    }
    if clause_start < end {
        out.push(clause_start..end);
    }
    // Leading punctuation left by a split belongs to no clause.
    out.into_iter()
        .map(|r| {
            let s = (r.start..r.end)
                .find(|&k| tokens[k].is_word())
                .unwrap_or(r.start);
            s..r.end
        })
        .filter(|r| tokens[r.clone()].iter().any(Token::is_word))
        .collect()
}

/// Whether a subject starts at token `i`: a subject pronoun, or a noun
/// phrase of up to three words followed by a past-tense verb ("my manager
/// asked", "the marketing team wanted", "customers liked").
fn starts_subject(tokens: &[Token], i: usize, end: usize) -> bool {
    let t = &tokens[i];
    if is_pronoun_subject(t) {
        return true;
    }
    let determiner = t.is_in(&lex().subject_determiners);
    let noun_start = if determiner { i + 1 } else { i };
    let noun_word = |k: usize| {
        tokens.get(k).is_some_and(|n| {
            n.kind == Kind::Word
                && !is_past(&n.norm)
                && !is_aux(&n.norm)
                && !n.is_in(&lex().subordinators)
                && !n.is_in(&lex().not_subject_nouns)
        })
    };
    (1..=if determiner { 3 } else { 2 }).any(|len| {
        let verb = noun_start + len;
        verb < end
            && (noun_start..verb).all(noun_word)
            && is_past(&tokens[verb].norm)
            && !is_aux(&tokens[verb].norm)
    })
}

/// Words after which a pronoun in an unpunctuated transcript starts a new
/// clause ("... the night before i called" does not split; "... for the
/// night she wrote" does).
fn is_content_word(t: &Token) -> bool {
    t.is_word()
        && !is_aux(&t.norm)
        && !t.is_in(&lex().subordinators)
        && !t.is_in(&lex().reporting_verbs)
        && !t.is_in(&lex().not_content_words)
}

/// Whether tokens `from..to` contain a verb form (so a comma after them can
/// end a clause, not an introductory phrase like "Spoiler,").
fn has_verb_between(tokens: &[Token], from: usize, to: usize) -> bool {
    tokens[from..to]
        .iter()
        .any(|t| is_past(&t.norm) || is_aux(&t.norm) || is_pronoun_subject(t))
}

fn read_clause(
    tokens: &[Token],
    range: Range<usize>,
    sentence: usize,
    filler: &[bool],
    inherited: Option<Person>,
) -> Clause {
    let subordinate = subordinate_ranges(tokens, range.clone(), filler);
    let mut preds = Vec::new();
    let mut claimed = Vec::new();
    let first = range
        .clone()
        .find(|&k| !skip(filler, k) && tokens[k].is_word());
    if let (Some(person), Some(first)) = (inherited, first) {
        if is_past(&tokens[first].norm) && !is_aux(&tokens[first].norm) {
            let class = if lex().state_verbs.contains(&tokens[first].norm) {
                VerbClass::State
            } else {
                VerbClass::Action
            };
            preds.push(Pred {
                person,
                subject: first,
                verb: Some(first),
                tense: Tense::Past,
                class,
                subordinate: false,
                ambiguous: false,
            });
            claimed.push(first);
        }
    }
    for k in range.clone() {
        if skip(filler, k) {
            continue;
        }
        let Some((person, clitic)) = subject_of(&tokens[k].norm) else {
            continue;
        };
        let pred = read_predicate(tokens, k, range.end, person, clitic, filler, &subordinate);
        if let Some(v) = pred.verb {
            claimed.push(v);
        }
        preds.push(pred);
    }
    let other_past = range.clone().any(|k| {
        let w = &tokens[k].norm;
        is_past(w)
            && !claimed.contains(&k)
            && !skip(filler, k)
            // "the failed payment rate", "a detailed estimate": adjectives.
            && !k
                .checked_sub(1)
                .is_some_and(|p| tokens[p].is_in(&lex().adjective_past_after))
    });
    Clause {
        tokens: range,
        sentence,
        preds,
        subordinate,
        other_past,
    }
}

/// Subordinate stretches of a clause: an introductory subordinate clause up
/// to its comma, and everything after a later subordinator.
fn subordinate_ranges(tokens: &[Token], range: Range<usize>, filler: &[bool]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let words: Vec<usize> = range
        .clone()
        .filter(|&k| tokens[k].is_word() && !skip(filler, k))
        .collect();
    let Some(&first) = words
        .iter()
        .find(|&&k| !tokens[k].is_in(&lex().subordinate_linkers))
    else {
        return out;
    };
    let mut from = first + 1;
    // "After nine months we shut it down": a preposition, not a clause.
    let prepositional = tokens[first].is_in(&lex().time_prepositions)
        && !tokens[first + 1..(first + 3).min(range.end)]
            .iter()
            .any(is_pronoun_subject);
    if tokens[first].is_in(&lex().subordinators) && !tokens[first].is("that") && !prepositional {
        let comma = (first..range.end).find(|&k| tokens[k].is_punct(','));
        let stop = comma.unwrap_or(range.end);
        out.push(first..stop);
        from = stop;
    }
    for k in from..range.end {
        let t = &tokens[k];
        if skip(filler, k) || !t.is_word() {
            continue;
        }
        let so_purpose = t.is("so") && purpose_so(tokens, k, range.end, filler);
        // "before," "after that", "since then": adverbs, not clause openers.
        let adverbial = t.is_in(&lex().adverbial_prepositions)
            && tokens
                .get(k + 1)
                .is_none_or(|n| !n.is_word() || n.is_in(&lex().adverbial_followers));
        if (t.is_in(&lex().subordinators) && !adverbial) || so_purpose {
            out.push(k..range.end);
            break;
        }
    }
    out
}

/// "so" introducing a purpose ("so we could watch it", "so that ...") as
/// opposed to "so I rolled back" (therefore).
fn purpose_so(tokens: &[Token], k: usize, end: usize, filler: &[bool]) -> bool {
    if tokens.get(k + 1).is_some_and(|t| t.is("that")) {
        return true;
    }
    (k + 1..end.min(k + 7)).any(|j| {
        !skip(filler, j)
            && (tokens[j].is_in(&lex().purpose_modals)
                || (tokens[j].is_in(&lex().have_forms)
                    && tokens.get(j + 1).is_some_and(|t| t.is("to")))
                || tokens[j].norm.ends_with("'d"))
    })
}

fn read_predicate(
    tokens: &[Token],
    subject: usize,
    end: usize,
    person: Person,
    clitic: Option<&'static str>,
    filler: &[bool],
    subordinate: &[Range<usize>],
) -> Pred {
    let reported = subject
        .checked_sub(1)
        .is_some_and(|p| tokens[p].is_in(&lex().reporting_verbs))
        || subject.checked_sub(2).is_some_and(|p| {
            tokens[p].is_in(&lex().reporting_verbs) && tokens[p + 1].is_in(&lex().reported_objects)
        });
    let in_subordinate = subordinate.iter().any(|r| r.contains(&subject))
        || contact_relative(tokens, subject, end, filler);
    let mut auxes: Vec<&str> = clitic.into_iter().collect();
    let mut j = subject + 1;
    let mut main = None;
    while j < end {
        let t = &tokens[j];
        if skip(filler, j)
            || t.is_punct(',')
            || t.is_in(&lex().adverbs)
            || (t.norm.ends_with("ly") && t.norm.len() > 4)
        {
            j += 1;
            continue;
        }
        if !t.is_word() {
            break;
        }
        let have = t.is_in(&lex().have_forms);
        // "had" is an auxiliary only before a participle ("had used"), not
        // in "had a problem" or "had to decide".
        if (is_aux(&t.norm) && !have) || (have && next_is_participle(tokens, j + 1, end, filler)) {
            auxes.push(t.norm.as_str());
            j += 1;
            continue;
        }
        main = Some(j);
        break;
    }
    // "I reverse engineered", "we hand delivered": a compound verb whose
    // second word carries the tense.
    if let Some(m) = main {
        let next = tokens.get(m + 1).filter(|n| m + 1 < end && n.is_word());
        if auxes.is_empty()
            && !is_past(&tokens[m].norm)
            && next.is_some_and(|n| is_past(&n.norm) && n.norm.ends_with("ed"))
        {
            main = Some(m + 1);
        }
    }
    let main_word = main.map(|m| tokens[m].norm.as_str()).unwrap_or("");
    let aux0 = auxes.first().copied();
    let verbish = |w: &str| is_participle(w) || w.ends_with("ing");
    let lex = lex();
    let (tense, mut class) = match aux0 {
        None => {
            let tense = if is_past(main_word) || is_same_past_and_base(main_word) {
                Tense::Past
            } else {
                Tense::Present
            };
            (tense, VerbClass::Action)
        }
        Some(aux) if lex.aux_present_be.contains(aux) => {
            let going = main_word == "going"
                && main.is_some_and(|m| tokens.get(m + 1).is_some_and(|t| t.is("to")));
            if going {
                (Tense::Future, VerbClass::Action)
            } else {
                (
                    Tense::Present,
                    if verbish(main_word) {
                        VerbClass::State
                    } else {
                        VerbClass::Copula
                    },
                )
            }
        }
        Some(aux) if lex.aux_past_be.contains(aux) => (
            Tense::Past,
            if verbish(main_word) {
                VerbClass::State
            } else {
                VerbClass::Copula
            },
        ),
        Some(aux) if lex.aux_pluperfect.contains(aux) => (Tense::Pluperfect, VerbClass::Action),
        Some("'d") if is_past(main_word) || is_participle(main_word) => {
            (Tense::Pluperfect, VerbClass::Action)
        }
        Some(aux) if lex.aux_perfect.contains(aux) => (Tense::Perfect, VerbClass::Action),
        Some(aux) if lex.aux_past_do.contains(aux) => (Tense::Past, VerbClass::Action),
        Some(aux) if lex.aux_present.contains(aux) => (Tense::Present, VerbClass::Action),
        Some(aux) if lex.aux_future.contains(aux) => (Tense::Future, VerbClass::Action),
        Some(_) => (Tense::Conditional, VerbClass::Action),
    };
    // "we kept getting complaints": an ongoing state, not an action.
    let kept_going = main_word == "kept"
        && main
            .and_then(|m| tokens.get(m + 1))
            .is_some_and(|n| n.norm.ends_with("ing"));
    if class == VerbClass::Action
        && (lex.state_verbs.contains(main_word) || main_word == "to" || kept_going)
    {
        class = VerbClass::State;
    }
    Pred {
        person,
        subject,
        verb: main,
        tense,
        class,
        subordinate: in_subordinate || reported,
        ambiguous: aux0.is_none() && is_same_past_and_base(main_word),
    }
}

/// Nouns of time: "the next day we shipped" is a time phrase and a main
/// clause, not a relative clause.
fn is_time_word(t: &Token) -> bool {
    t.is_in(&lex().time_units) || t.is_in(&lex().time_phrase_nouns)
}

/// Whether the pronoun subject at `subject` opens a relative clause without
/// "that" that modifies the noun before it ("the situation I walked into",
/// "the team I inherited had ...", "the mess we found was"): a determiner
/// and noun right before the pronoun, and a verb with its object missing
/// (followed by the end of the clause, a comma, or the main verb).
fn contact_relative(tokens: &[Token], subject: usize, end: usize, filler: &[bool]) -> bool {
    let Some(noun) = subject.checked_sub(1) else {
        return false;
    };
    let nominal = |t: &Token| {
        t.kind == Kind::Word
            && !is_pronoun_subject(t)
            && !is_aux(&t.norm)
            && !is_past(&t.norm)
            && !t.is_in(&lex().subordinators)
            && !is_determiner(&t.norm)
            && !t.is_in(&lex().intro_prepositions)
            && !t.is_in(&lex().not_relative_nouns)
    };
    if skip(filler, noun) || !nominal(&tokens[noun]) || is_time_word(&tokens[noun]) {
        return false;
    }
    // Up to two modifiers between the determiner and the noun.
    let Some(det) = (1..=3)
        .filter_map(|back| noun.checked_sub(back))
        .take_while(|&k| tokens[k].is_word())
        .find(|&k| is_determiner(&tokens[k].norm))
    else {
        return false;
    };
    if (det + 1..noun).any(|k| !nominal(&tokens[k]) || is_time_word(&tokens[k])) {
        return false;
    }
    // "In the end we launched": an introductory preposition phrase.
    if det
        .checked_sub(1)
        .is_some_and(|p| tokens[p].is_in(&lex().intro_prepositions))
    {
        return false;
    }
    // The verb, after any auxiliaries and adverbs.
    let mut j = subject + 1;
    while j < end && (skip(filler, j) || tokens[j].is_in(&lex().adverbs)) {
        j += 1;
    }
    while j + 1 < end
        && is_aux(&tokens[j].norm)
        && !is_aux(&tokens[j + 1].norm)
        && (is_past(&tokens[j + 1].norm) || is_participle(&tokens[j + 1].norm))
    {
        j += 1;
    }
    let possession = tokens[j.min(end.saturating_sub(1))].is_in(&lex().possession_forms);
    if j >= end
        || !tokens[j].is_word()
        || !is_past(&tokens[j].norm)
        || (is_aux(&tokens[j].norm) && !possession)
    {
        return false;
    }
    let mut k = j + 1;
    if k < end && tokens[k].is_in(&lex().stranded_particles) {
        k += 1;
    }
    k >= end
        || !tokens[k].is_word()
        || (is_aux(&tokens[k].norm) && !tokens[k].is("to"))
        || (is_past(&tokens[k].norm) && !tokens[k].norm.ends_with("ed"))
}

/// Whether the next verb-ish token after `j` is a participle ("had never
/// used"), making "had" an auxiliary rather than possession.
fn next_is_participle(tokens: &[Token], mut j: usize, end: usize, filler: &[bool]) -> bool {
    while j < end && (skip(filler, j) || tokens[j].is_in(&lex().adverbs)) {
        j += 1;
    }
    j < end && {
        let w = tokens[j].norm.as_str();
        (is_past(w) || is_participle(w)) && !matches!(w, "had")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        let filler = vec![false; doc.tokens.len()];
        split(&doc, &filler)
            .iter()
            .map(|c| doc.slice(doc.span_of(c.tokens.clone())).to_string())
            .collect()
    }

    fn main_pred(text: &str) -> (Tense, VerbClass) {
        let doc = Doc::new(text);
        let filler = vec![false; doc.tokens.len()];
        let c = &split(&doc, &filler)[0];
        let p = c.main().expect("a predicate");
        (p.tense, p.class)
    }

    #[test]
    fn sentences_split_at_and_before_a_new_subject() {
        assert_eq!(
            clauses("I rolled back the deploy, and that brought the site back. We worked hard and we shipped."),
            ["I rolled back the deploy", "that brought the site back.", "We worked hard", "we shipped."]
        );
    }

    #[test]
    fn a_second_verb_phrase_is_a_clause_with_the_same_subject() {
        let doc = Doc::new("We worked really hard and shipped it on time.");
        let filler = vec![false; doc.tokens.len()];
        let parts = split(&doc, &filler);
        assert_eq!(parts.len(), 2);
        assert_eq!(
            parts[1].main().map(|p| (p.person, p.tense)),
            Some((Person::We, Tense::Past))
        );
    }

    #[test]
    fn introductory_subordinate_clauses_stay_with_their_main_clause() {
        assert_eq!(
            clauses("When it became clear that we would slip, I went to the lead."),
            ["When it became clear that we would slip, I went to the lead."]
        );
    }

    #[test]
    fn so_meaning_therefore_before_the_speaker_starts_a_main_clause() {
        let text = "When I broke the numbers down, most were customers who didn't know us, so I worked with the networks.";
        assert_eq!(
            clauses(text),
            [
                "When I broke the numbers down, most were customers who didn't know us",
                "so I worked with the networks."
            ]
        );
        let doc = Doc::new(text);
        let filler = vec![false; doc.tokens.len()];
        let parts = split(&doc, &filler);
        assert_eq!(
            parts[1].main().map(|p| (p.person, p.tense, p.class)),
            Some((Person::I, Tense::Past, VerbClass::Action))
        );
        // A purpose, or a consequence for someone else, stays in the clause.
        assert_eq!(
            clauses("I shipped it behind a flag, so we could watch it.").len(),
            1
        );
        assert_eq!(
            clauses("I gave her one pipeline, so she had something of her own.").len(),
            1
        );
    }

    #[test]
    fn raw_transcripts_split_before_a_pronoun_after_a_content_word() {
        let text = "so i work at a hotel front desk and we had a guest who was flying in for her wedding and the airline lost her bag the night before i called every shop in town and i drove her there for the night she wrote a review";
        let parts = clauses(text);
        assert!(
            parts.iter().any(|c| c.starts_with("she wrote a review")),
            "{parts:?}"
        );
        assert!(
            !parts.iter().any(|c| c.starts_with("i called")),
            "{parts:?}"
        );
    }

    /// Whether every speaker predicate ("I"/"we") in the text is subordinate.
    fn speaker_preds_subordinate(text: &str) -> bool {
        let doc = Doc::new(text);
        let filler = vec![false; doc.tokens.len()];
        split(&doc, &filler)
            .iter()
            .flat_map(|c| c.preds.iter())
            .filter(|p| p.person != Person::Other)
            .all(|p| p.subordinate)
    }

    #[test]
    fn a_relative_clause_without_that_modifies_its_noun() {
        // (text, whether every speaker predicate is subordinate)
        const CASES: &[(&str, bool)] = &[
            (
                "That was the situation I walked into, about a year ago.",
                true,
            ),
            ("The team I inherited had three engineers.", true),
            ("The mess we found was worse.", true),
            // Time phrases, introductory prepositions and verbs with their
            // object are main clauses.
            ("The next day we launched.", false),
            ("In the end we launched.", false),
            (
                "After the outage we regrouped, and the vendor called.",
                false,
            ),
            ("So the vendor we called back.", false),
            ("I called the vendor, I told them the plan.", false),
        ];
        for &(text, want) in CASES {
            assert_eq!(speaker_preds_subordinate(text), want, "{text}");
        }
        // Raw transcripts keep the relative clause with its noun.
        let raw = "that was the situation i walked into and nobody in the office had a plan for the renewals or the spreadsheets or the clients who kept calling us";
        assert!(
            !clauses(raw).iter().any(|c| c.starts_with("i walked")),
            "{:?}",
            clauses(raw)
        );
    }

    #[test]
    fn verb_phrases_give_tense_and_class() {
        const CASES: &[(&str, (Tense, VerbClass))] = &[
            (
                "I pulled the error rates.",
                (Tense::Past, VerbClass::Action),
            ),
            ("I was the QA lead.", (Tense::Past, VerbClass::Copula)),
            ("I'd move quickly.", (Tense::Conditional, VerbClass::Action)),
            (
                "I'd never worked in Python.",
                (Tense::Pluperfect, VerbClass::Action),
            ),
            (
                "I've built dashboards.",
                (Tense::Perfect, VerbClass::Action),
            ),
            ("I basically didn't wait.", (Tense::Past, VerbClass::Action)),
            ("I had to decide.", (Tense::Past, VerbClass::State)),
            ("We had a bad quarter.", (Tense::Past, VerbClass::State)),
            ("I'm going to call.", (Tense::Future, VerbClass::Action)),
        ];
        for &(text, want) in CASES {
            assert_eq!(main_pred(text), want, "{text}");
        }
    }

    #[test]
    fn reported_and_purpose_clauses_are_subordinate() {
        let doc = Doc::new(
            "I shipped it behind a flag so we could watch it, and said I wasn't going to sign off.",
        );
        let filler = vec![false; doc.tokens.len()];
        let all: Vec<Pred> = split(&doc, &filler)
            .into_iter()
            .flat_map(|c| c.preds)
            .collect();
        let subordinate: Vec<bool> = all.iter().map(|p| p.subordinate).collect();
        // shipped, we could (purpose), said (same subject), I wasn't (reported).
        assert_eq!(subordinate, [false, true, false, true]);
    }
}
