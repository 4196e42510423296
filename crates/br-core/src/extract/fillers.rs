//! Filler words: which occurrences of um, like, so, you know, ... are
//! fillers, following the labeling rules of the evaluation corpus
//! (`shared/eval/README.md`).
//!
//! Most candidate words have a real meaning too ("customers like it", "so we
//! could watch it", "what kind of database"), so each word has a context
//! rule that looks at its neighbouring tokens and its position in the
//! answer. Hesitations (um, uh, hmm, er), "you know", "basically" and
//! "literally" are fillers by themselves.

use super::lexicon::{is_aux, is_determiner, is_number_word, is_past, lex, subject_of};
use super::tokens::{Doc, Kind, Token};
use crate::rules::RuleId;

/// One filler occurrence: its canonical lowercase form and its tokens
/// `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Filler {
    pub word: &'static str,
    pub first: usize,
    pub last: usize,
    pub rule: RuleId,
}

/// Every filler in the text, in order.
pub(crate) fn find(doc: &Doc<'_>) -> Vec<Filler> {
    let tokens = &doc.tokens;
    let opener_end = opener_end(tokens);
    let wrap_ups = wrap_up_starts(doc);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found = classify(doc, i, opener_end, &wrap_ups);
        if let Some((word, len, rule)) = found {
            out.push(Filler {
                word,
                first: i,
                last: i + len - 1,
                rule,
            });
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// The canonical hesitation sound a spelling stands for ("umm" -> "um").
fn hesitation(word: &str) -> Option<&'static str> {
    lex().hesitation(word)
}

/// The filler starting at token `i`, with its length in tokens and the
/// rule that matched it.
fn classify(
    doc: &Doc<'_>,
    i: usize,
    opener_end: usize,
    wrap_ups: &[usize],
) -> Option<(&'static str, usize, RuleId)> {
    let tokens = &doc.tokens;
    let t = &tokens[i];
    if t.kind != Kind::Word {
        return None;
    }
    let next_is = |w: &str| tokens.get(i + 1).is_some_and(|n| n.is(w));
    if let Some(h) = hesitation(&t.norm) {
        return Some((h, 1, RuleId::Hesitation));
    }
    match t.norm.as_str() {
        "basically" => Some(("basically", 1, RuleId::Basically)),
        "literally" if !literally_is_manner(tokens, i) => {
            Some(("literally", 1, RuleId::LiterallyIntensifier))
        }
        "you" if next_is("know") && you_know_is_filler(tokens, i) => {
            Some(("you know", 2, RuleId::YouKnow))
        }
        "i" if next_is("mean") && i_mean_is_filler(doc, i) => {
            Some(("i mean", 2, RuleId::IMeanReformulation))
        }
        "kind" if next_is("of") && hedge_of_is_filler(tokens, i) => {
            Some(("kind of", 2, RuleId::HedgeKindOf))
        }
        "sort" if next_is("of") && hedge_of_is_filler(tokens, i) => {
            Some(("sort of", 2, RuleId::HedgeKindOf))
        }
        "like" => like_filler(tokens, i).map(|rule| ("like", 1, rule)),
        // The discourse opener of the answer ("So, um, ...", "Actually, um,
        // the one that comes to mind"); elsewhere these words mean
        // "therefore" and "in fact".
        _ if i < opener_end && t.is_in(&lex().discourse_openers) => {
            Some((discourse_word(&t.norm), 1, RuleId::DiscourseOpener))
        }
        "so" if wrap_ups.contains(&i) => Some(("so", 1, RuleId::SoWrapUp)),
        // Only the tag question ", right?" is a filler; "right away", "the
        // right alternative" are not. Transcribers often end the tag with a
        // full stop (", right."), so any sentence end after the comma counts.
        "right" => {
            let tag = i > 0
                && tokens[i - 1].is_punct(',')
                && tokens
                    .get(i + 1)
                    .is_none_or(|n| n.is_punct('?') || n.is_punct('.') || n.is_punct('!'));
            tag.then_some(("right", 1, RuleId::RightTag))
        }
        _ => None,
    }
}

/// The lexicon's spelling of a discourse opener, which lives as long as the
/// lexicon.
fn discourse_word(word: &str) -> &'static str {
    lex()
        .discourse_openers
        .iter()
        .find(|w| *w == word)
        .unwrap_or("so")
}

/// Index of the first token after the answer's opening run of discourse
/// markers and hesitations ("Um, so, actually, ...").
fn opener_end(tokens: &[Token]) -> usize {
    tokens
        .iter()
        .position(|t| {
            t.kind != Kind::Punct
                && hesitation(&t.norm).is_none()
                && !t.is_in(&lex().discourse_openers)
        })
        .unwrap_or(tokens.len())
}

/// Token indices of a sentence-initial "so" that wraps the answer up: "So,
/// um, that's basically it.", "So yeah, ...". A "so" starting any other
/// sentence ("So that was good.") is read as "therefore".
fn wrap_up_starts(doc: &Doc<'_>) -> Vec<usize> {
    let last = doc.sentences.len().saturating_sub(1);
    doc.sentences
        .iter()
        .enumerate()
        .filter_map(|(n, range)| {
            let sentence = &doc.tokens[range.clone()];
            let first = sentence
                .iter()
                .position(|t| t.kind != Kind::Punct && hesitation(&t.norm).is_none())?;
            if !sentence[first].is("so") {
                return None;
            }
            // Fillers right after it ("So, basically, that's it") do not
            // change what it opens.
            let rest: Vec<&Token> = sentence[first + 1..]
                .iter()
                .filter(|t| t.is_word() && hesitation(&t.norm).is_none() && !t.is("basically"))
                .collect();
            let discourse = rest
                .first()
                .is_some_and(|t| t.is_in(&lex().wrap_up_markers));
            // "that's (basically) it / all / the story" closes the answer;
            // so does any short "so, that ..." sentence that ends it ("So,
            // that is what I am most proud of"), unless "that" opens a
            // clause of purpose ("so that we could ship").
            let purpose = rest.first().is_some_and(|t| t.is("that"))
                && rest.get(1).is_some_and(|t| subject_of(&t.norm).is_some());
            let summing_up = rest
                .first()
                .is_some_and(|t| t.is_in(&lex().wrap_up_openers))
                && !purpose
                && ((n == last && rest.len() <= 10)
                    || (rest.len() <= 7
                        && rest.last().is_some_and(|t| t.is_in(&lex().wrap_up_closers))));
            (discourse || summing_up).then_some(range.start + first)
        })
        .collect()
}

/// "you know" is a filler except when it is the verb phrase of a question
/// or an object clause ("do you know", "let you know", "if you know").
fn you_know_is_filler(tokens: &[Token], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| &tokens[p]);
    !prev.is_some_and(|p| p.is_in(&lex().you_know_as_verb_after) || p.norm.ends_with("n't"))
}

/// "I mean" is a reformulation filler unless it introduces what a word
/// means ("by usage, I mean at least one saved dashboard", "and by at risk I
/// mean we had no path", "when I say usage, I mean hours", "what I mean
/// is") or takes a pronoun object at the end of a sentence ("I mean it.").
fn i_mean_is_filler(doc: &Doc<'_>, i: usize) -> bool {
    let tokens = &doc.tokens;
    if let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) {
        if prev.is_in(&lex().i_mean_as_verb_after) {
            return false;
        }
    }
    // "By Friday, I mean, we were done": a comma after it marks the
    // reformulation whatever came before.
    let comma_after = tokens.get(i + 2).is_some_and(|t| t.is_punct(','));
    if !comma_after && defines_a_term(tokens, i) {
        return false;
    }
    let object_then_end = tokens
        .get(i + 2)
        .is_some_and(|t| t.is_in(&lex().i_mean_objects))
        && tokens
            .get(i + 3)
            .is_none_or(|t| t.kind == Kind::Punct && !t.is_punct(','));
    !object_then_end
}

/// Whether the "I mean" at token `i` follows a phrase that introduces a
/// term, comma or not: "by <term>" opening its phrase (after "and"/"but"
/// at most), as in "by usage, I mean" and "and by at risk I mean", or
/// "when/if I say <term>", as in "when I say usage, I mean".
fn defines_a_term(tokens: &[Token], i: usize) -> bool {
    let mut end = i;
    if end > 0 && tokens[end - 1].is_punct(',') {
        end -= 1;
    }
    let phrase_start = tokens[..end]
        .iter()
        .rposition(|t| t.kind == Kind::Punct)
        .map_or(0, |p| p + 1);
    let words: Vec<&Token> = tokens[phrase_start..end]
        .iter()
        .filter(|t| t.is_word())
        .collect();
    // The term itself is short: look back at most five words.
    let from = words.len().saturating_sub(5);
    (from..words.len()).any(|k| {
        // Words of the term between the opener and "I mean".
        let term = |opener_len: usize| words.len() - k - opener_len;
        let by_term = words[k].is("by")
            && (k == 0 || words[k - 1].is_in(&lex().term_conjunctions))
            && (1..=3).contains(&term(1));
        let say_term = words[k].is_in(&lex().term_say_openers)
            && words
                .get(k + 1)
                .is_some_and(|t| t.is_in(&lex().term_say_subjects))
            && words.get(k + 2).is_some_and(|t| t.is("say"))
            && (1..=3).contains(&term(3));
        by_term || say_term
    })
}

/// "literally" as a manner adverb ("the rule was being read literally, so
/// ...", "taken literally by the staff", "took the spec too literally")
/// says how something was understood: it follows a verb of reading or
/// interpreting (or that verb's short object, or "too"/"very") and ends its
/// phrase. The intensifier ("literally a mile away", "I read literally
/// every ticket") goes before what it intensifies.
fn literally_is_manner(tokens: &[Token], i: usize) -> bool {
    let ends_phrase = tokens
        .get(i + 1)
        .is_none_or(|n| n.kind == Kind::Punct || n.is_in(&lex().literally_phrase_enders));
    let interpreting = |t: &Token| t.is_in(&lex().interpreting_verbs);
    let before = tokens[i.saturating_sub(4)..i]
        .iter()
        .rev()
        .take_while(|t| t.is_word())
        .any(interpreting);
    ends_phrase && before
}

/// "kind of" / "sort of" is a hedge ("it was kind of a mess", "I sort of
/// made a mockup") unless a determiner makes it mean "type of" ("that kind
/// of software", "what kind of damage", "the right kind of tool").
fn hedge_of_is_filler(tokens: &[Token], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| &tokens[p]);
    let prev2 = i.checked_sub(2).map(|p| &tokens[p]);
    let is_det = |t: Option<&Token>| {
        t.is_some_and(|t| is_determiner(&t.norm) || t.is_in(&lex().type_of_openers))
    };
    if is_det(prev) {
        return false;
    }
    // "the right kind of", "a different sort of": a determiner and an
    // adjective of choice before it.
    let choosing_adjective = prev.is_some_and(|p| p.is_in(&lex().choosing_adjectives));
    !(is_det(prev2) && choosing_adjective)
}

/// "like" is a filler as an interjection (", like,"), as an approximation
/// before a number ("like twenty minutes"), or as a hedge wedged between a
/// determiner, verb or preposition and what follows ("this like nightly
/// job", "was like the only analyst", "for like a week", "late like all the
/// time"). As a verb ("customers like it") or a preposition/conjunction
/// ("tools like Redis", "felt like", "like everyone assumed") it is not.
fn like_filler(tokens: &[Token], i: usize) -> Option<RuleId> {
    // After the hedge "kind of" / "sort of", look at what precedes the hedge
    // ("kind of like last year" compares).
    let after_hedge = i >= 2 && tokens[i - 1].is("of") && tokens[i - 2].is_in(&lex().hedge_nouns);
    let prev = if after_hedge {
        i.checked_sub(3).map(|p| &tokens[p])
    } else {
        i.checked_sub(1).map(|p| &tokens[p])
    };
    let next = tokens.get(i + 1);
    // "dropped to like forty percent": after "to", a quantity shows the
    // approximating hedge, where "to like" would otherwise be the verb.
    if prev.is_some_and(|p| p.is("to")) && starts_a_quantity(tokens, i + 1) {
        return Some(RuleId::LikeApproximation);
    }
    if let Some(p) = prev.filter(|p| p.is_word()) {
        if p.is_in(&lex().like_as_verb_or_simile_after)
            || p.norm.ends_with("n't")
            || p.norm.ends_with("'d")
        {
            return None;
        }
    }
    let next = next?;
    if next.is_punct(',') {
        return Some(RuleId::LikeInterjection);
    }
    if !next.is_word() {
        return None;
    }
    if starts_a_quantity(tokens, i + 1) {
        return Some(RuleId::LikeApproximation);
    }
    // "spent like a week": approximating "a" + a unit of time; a simile
    // verb before it ("felt like a week") was ruled out above.
    if next.is_in(&lex().indefinite_articles)
        && tokens
            .get(i + 2)
            .is_some_and(|u| u.is_in(&lex().time_units))
        && !tokens.get(i + 3).is_some_and(|t| t.is("of"))
    {
        return Some(RuleId::LikeApproximation);
    }
    let p = prev.filter(|p| p.is_word())?;
    if is_determiner(&p.norm) {
        return Some(RuleId::LikeAfterDeterminer);
    }
    if p.is_in(&lex().like_as_hedge_after) {
        return (!next.is_in(&lex().like_verb_objects))
            .then_some(RuleId::LikeAfterVerbOrPreposition);
    }
    // "I could answer like most of my own questions": after a verb that
    // follows a modal or "to", "like" before a quantifier with "of" hedges
    // the amount ("tools like most of ours" compares).
    let after_modal_verb = i >= 2 && tokens[i - 2].is_in(&lex().like_modals);
    if after_modal_verb
        && next.is_in(&lex().like_quantifiers)
        && tokens.get(i + 2).is_some_and(|t| t.is("of"))
    {
        return Some(RuleId::LikeApproximation);
    }
    // "the app like dropped the call": a hedge between a subject and its
    // past-tense verb, shown by the verb's object after it ("tools like
    // dropped frames" has none: a preposition before a noun).
    let past_verb = is_past(&next.norm) && !is_aux(&next.norm);
    let object = tokens
        .get(i + 2)
        .is_some_and(|o| is_determiner(&o.norm) || o.is_in(&lex().like_past_verb_objects));
    if past_verb && object {
        return Some(RuleId::LikeBeforePastVerb);
    }
    next.is_in(&lex().intensifiers)
        .then_some(RuleId::LikeBeforeIntensifier)
}

/// Whether a quantity starts at token `i` ("twenty", "40", "half", "a
/// couple", "a dozen").
fn starts_a_quantity(tokens: &[Token], i: usize) -> bool {
    let Some(t) = tokens.get(i) else { return false };
    if t.kind == Kind::Number
        || t.norm.starts_with(|c: char| c.is_ascii_digit())
        || is_number_word(&t.norm)
    {
        return true;
    }
    t.is("half")
        || (t.is_in(&lex().indefinite_articles)
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.is_in(&lex().article_quantities)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fillers(text: &str) -> Vec<&'static str> {
        find(&Doc::new(text)).into_iter().map(|f| f.word).collect()
    }

    /// Checks the fillers found in each text, in order (`&[]`: none).
    #[track_caller]
    fn assert_fillers(cases: &[(&str, &[&str])]) {
        for &(text, want) in cases {
            assert_eq!(fillers(text), want, "{text}");
        }
    }

    #[test]
    fn hesitations_are_always_fillers() {
        assert_fillers(&[
            ("Um, I uh think hmm er yes", &["um", "uh", "hmm", "er"]),
            (
                "Ummm, uhh, I mean, mm, the plan. MMM, hmmm. I got an M.",
                &["um", "uh", "i mean", "hmm", "hmm", "hmm"],
            ),
        ]);
    }

    #[test]
    fn like_as_a_verb_is_not_a_filler() {
        assert_fillers(&[
            ("Customers like it, and they really like the product.", &[]),
            ("I didn't like using it.", &[]),
        ]);
    }

    #[test]
    fn like_as_a_preposition_or_conjunction_is_not_a_filler() {
        assert_fillers(&[
            ("We used tools like Redis and restaurants like us.", &[]),
            (
                "It felt like marketing, something like four million, like everyone assumed.",
                &[],
            ),
            (
                "They got stuck on prep steps, like chopping, that came late.",
                &[],
            ),
        ]);
    }

    #[test]
    fn like_as_a_hedge_or_approximation_is_a_filler() {
        assert_fillers(&[
            ("There was this like nightly job.", &["like"]),
            ("One customer, like, a small practice.", &["like"]),
            ("It took like twenty minutes.", &["like"]),
            ("Sign-ups dropped to like 41 percent.", &["like"]),
            ("I'd like to add that.", &[]),
            (
                "I was like the only analyst, late like all the time, for like a week.",
                &["like"; 3],
            ),
        ]);
    }

    #[test]
    fn like_before_a_unit_of_time_approximates() {
        assert_fillers(&[
            ("so i spent like a week shadowing staff", &["so", "like"]),
            ("It took like an hour.", &["like"]),
            // A simile or a verb before it, or "a day of", is not a filler.
            ("It felt like a week.", &[]),
            ("It looks like a month of work.", &[]),
            ("Customers like a week of notice.", &[]),
        ]);
    }

    #[test]
    fn so_opening_the_answer_is_a_filler() {
        assert_fillers(&[
            ("So I'm a mechanical engineer.", &["so"]),
            ("Um, so we had six weeks.", &["um", "so"]),
        ]);
    }

    #[test]
    fn so_meaning_therefore_or_so_that_is_not_a_filler() {
        assert_fillers(&[
            (
                "It failed, so I rolled back. I shipped a flag so we could watch it.",
                &[],
            ),
            ("We had one week. So I called the vendor.", &[]),
        ]);
    }

    #[test]
    fn so_wrapping_up_the_answer_is_a_filler() {
        assert_fillers(&[
            (
                "We shipped. So, um, that's basically it.",
                &["so", "um", "basically"],
            ),
            (
                "We shipped. So, basically, that's it.",
                &["so", "basically"],
            ),
            ("We shipped. So that is what I am most proud of.", &["so"]),
            ("We shipped early. So that we could rest, I left.", &[]),
        ]);
    }

    #[test]
    fn kind_of_meaning_type_of_is_not_a_filler() {
        assert_fillers(&[
            (
                "What kind of database? That kind of software, the right kind of tool.",
                &[],
            ),
            (
                "Small things on the floor sort of turn into big problems.",
                &["sort of"],
            ),
        ]);
    }

    #[test]
    fn kind_of_and_sort_of_as_hedges_are_fillers() {
        assert_eq!(
            fillers("It was kind of a mess and I sort of made a mockup."),
            ["kind of", "sort of"]
        );
    }

    #[test]
    fn actually_meaning_in_fact_is_not_a_filler() {
        assert!(fillers("The jam was actually caused by a torn belt.").is_empty());
    }

    #[test]
    fn actually_opening_the_answer_is_a_filler() {
        assert_eq!(
            fillers("Actually, um, the one that comes to mind"),
            ["actually", "um"]
        );
    }

    #[test]
    fn i_mean_reformulating_is_a_filler_but_defining_is_not() {
        assert_fillers(&[
            ("I mean, everybody knew about it.", &["i mean"]),
            ("By usage, I mean at least one saved dashboard.", &[]),
            ("That's what I mean. I mean it.", &[]),
        ]);
    }

    #[test]
    fn i_mean_defining_a_term_is_not_a_filler_with_or_without_a_comma() {
        assert_fillers(&[
            (
                "I said the date was at risk, and by at risk I mean we had no path.",
                &[],
            ),
            ("By unreadable I mean it was a forty page memo.", &[]),
            ("When I say usage, I mean hours with the key on.", &[]),
            ("If we say done I mean deployed.", &[]),
            // Reformulations stay fillers.
            (
                "It was caused by the vendor, I mean, the integration.",
                &["i mean"],
            ),
            ("By Friday, I mean, we were done.", &["i mean"]),
            ("We stood by it I mean everybody did.", &["i mean"]),
            ("When I saw it, I mean, it was bad.", &["i mean"]),
        ]);
    }

    #[test]
    fn literally_as_a_manner_adverb_is_not_a_filler() {
        assert_fillers(&[
            (
                "The medical rule was being read literally, so every clerk asked.",
                &[],
            ),
            ("The spec was taken literally by the vendor.", &[]),
            ("They interpreted it too literally.", &[]),
            ("He took the guideline literally and stopped.", &[]),
            // The intensifier is a filler, even after a verb of reading.
            ("It was literally a mile away.", &["literally"]),
            ("I read literally every ticket.", &["literally"]),
            ("People were literally yelling at them.", &["literally"]),
            ("I literally read it.", &["literally"]),
        ]);
    }

    #[test]
    fn like_before_a_quantifier_after_a_modal_verb_is_a_hedge() {
        assert_fillers(&[
            ("I could answer like most of my own questions.", &["like"]),
            // Negative: a comparison with a quantifier is a preposition.
            ("Like most of my peers, I assumed it.", &[]),
            ("We used tools like most of our rivals.", &[]),
            ("We did it like most of them.", &[]),
        ]);
    }

    #[test]
    fn like_between_a_subject_and_its_past_verb_is_a_filler() {
        assert_fillers(&[
            ("I noticed the app like dropped the call.", &["like"]),
            ("The client like ignored it for a week.", &["like"]),
            // Prepositions and verbs stay as they are.
            ("We saw issues like dropped frames.", &[]),
            ("We liked it, and teams like finished designs.", &[]),
            ("I like worked the same way.", &[]),
        ]);
    }

    #[test]
    fn right_is_a_filler_only_as_a_tag_question() {
        assert_fillers(&[
            ("That's a real problem, right?", &["right"]),
            ("That's a real problem, right. We fixed it.", &["right"]),
            (
                "I called right away, right before the launch, with the right alternative.",
                &[],
            ),
            ("Right now I'm learning.", &[]),
        ]);
    }

    #[test]
    fn you_know_is_a_filler_but_not_as_a_verb() {
        assert_fillers(&[
            ("It was, you know, late.", &["you know"]),
            ("I'll let you know. Do you know the owner?", &[]),
        ]);
    }
}
