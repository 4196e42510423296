//! Cue phrases: the fixed expressions by which speakers signal the parts of
//! a story ("my job was", "in the end", "the lesson for me"), a reason
//! ("because", "so that"), a problem or finding ("it turned out"), a setback
//! ("I underestimated"), or a choice against an alternative ("instead of").
//!
//! They are discourse and grammar markers, independent of any story's
//! topic. The whole table is matched in one pass per sentence, indexed by
//! first word, so adding phrases costs nothing per answer.
//!
//! Pattern syntax: words separated by spaces; `*` matches any one word, `…`
//! up to four words. Hesitations are skipped while matching, so "my, um,
//! job was" matches "my job was".

use super::tokens::Doc;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cue {
    /// Where or when the story happens ("at my last company", "last year").
    Setting,
    /// The speaker's responsibility or goal ("my job was", "I was asked to").
    Task,
    /// An outcome, whoever its subject ("in the end", "went from",
    /// "renewed", "we made it").
    Outcome,
    /// Wording that concludes a story, whoever its subject ("ended up", "in
    /// the end", "as a result"): the outcome cues that can open an answer
    /// told result first.
    Conclusion,
    /// Getting something done ("we launched", "I finished the analysis"):
    /// an outcome at the end of a story, a step along the way before more
    /// actions.
    Completion,
    /// A verb of change or a sequel marker that is an outcome when someone
    /// other than the speaker is its subject ("costs dropped", "after that
    /// she ..."); with the speaker as subject it is an action ("I dropped
    /// two forms", "after that I joined ...").
    Change,
    /// A lesson or a changed practice ("I learned", "next time").
    Lesson,
    /// The speaker's own failure or a conflict ("I underestimated", "I
    /// disagreed").
    Setback,
    /// A problem or a finding that can motivate a decision ("it turned out",
    /// "was failing", "too risky").
    Problem,
    /// An explicit reason ("because", "so that", "in order to").
    Reason,
    /// A verb of choosing ("decided", "proposed", "went with").
    Decision,
    /// A choice framed against its alternative ("instead of", "without
    /// waiting").
    Contrast,
}

/// One match: cue and its tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub cue: Cue,
    pub first: usize,
    pub last: usize,
}

#[rustfmt::skip]
const PATTERNS: &[(Cue, &[&str])] = &[
    (Cue::Setting, &[
        "at my last", "at my previous", "at my current", "at my old", "at my first", "at my former",
        "in my last", "in my previous", "in my current", "in my first", "in my old", "on my last",
        "on my previous", "on my current", "on my old", "at a", "at an", "at the time", "when i was",
        "when i joined", "when i worked", "when i ran", "when i managed", "when i started", "when i led",
        "while i was", "back when", "this was when", "this was at", "this was during", "years ago",
        "months ago", "last year", "last spring", "last summer", "last fall", "last winter", "last quarter",
        "one night", "one day", "one morning", "one time", "one week", "a while ago", "i was working",
        "i worked at", "i worked as", "i worked for", "i work at", "i work in", "i work for", "i work as",
        "i was a", "i was an", "i manage", "there was", "there were", "we had this", "we had a",
    ]),
    (Cue::Task, &[
        "my job", "my task", "my goal", "my role", "my responsibility", "my mandate", "my assignment",
        "my mission", "my objective", "my charter", "it was my job", "it was on me", "it was up to me",
        "i was asked", "i was tasked", "i was responsible", "i was in charge", "i was accountable",
        "i was brought in", "i was hired to", "i was assigned", "asked me to", "asked me if", "wanted me to",
        "needed me to", "told me to", "tasked me", "assigned me", "gave me … to", "i had to", "i needed to",
        "i needed", "i wanted to", "i owned", "i had committed", "i volunteered to", "i offered to",
        // An adverb between the subject and the obligation: "I still had to".
        "i still had to", "i also had to", "i then had to", "i now had to", "i really had to",
        "i just had to", "i first had to", "i suddenly had to", "i still needed to", "i also needed to",
        "i really needed to", "i then needed to", "i now needed to", "i first needed to",
        "i took ownership", "i took on", "if i could", "i set out to", "i was on the hook",
        "my priority", "my first priority", "my top priority", "my focus was", "our goal", "the goal was",
        "our task", "our job was", "our mandate",
    ]),
    (Cue::Outcome, &[
        "in the end", "as a result", "ended up", "end result", "the result was", "the outcome", "made it",
        // "worked out" with its own subject and no object; "I worked out a
        // plan" (devised) is a Change cue, an action with the speaker.
        "worked out well", "worked out great", "worked out fine", "worked out okay", "paid off",
        "went well", "went really well", "went great", "turned out well",
        "turned out great", "how it turned out", "on time", "on budget", "under budget",
        "ahead of schedule", "was huge", "went from", "grew by", "grew to", "grew from", "fell by",
        "fell to", "fell from", "dropped by", "dropped to", "dropped from", "saved", "exceeded", "achieved",
        "renewed", "sold out", "brought in", "brought … back", "came in", "thanked", "praised", "promoted",
        "was happy", "were happy", "was really happy", "were really happy", "was proud", "were proud",
        "was really proud", "were thrilled", "got better", "a lot better", "much better", "was fine",
        "liked it", "loved it", "than expected", "than i expected", "than we expected", "than planned",
        "than before", "than the year before", "than last year", "compared to", "compared with",
        "where before", "up from", "down from", "didn't miss", "signed up", "signed off",
    ]),
    (Cue::Conclusion, &[
        "in the end", "as a result", "ended up", "end result", "the result was", "the outcome was",
        "at the end of the day", "paid off", "worked out well",
    ]),
    (Cue::Completion, &[
        "finished", "completed", "launched", "shipped", "delivered", "went live", "rolled out", "released",
        "passed", "won", "reached our", "reached the", "hit our", "hit the target", "hit the goal",
        "met the deadline", "met our", "made the deadline",
    ]),
    (Cue::Change, &[
        "dropped", "fell", "rose", "grew", "increased", "decreased", "reduced", "improved", "doubled",
        "tripled", "halved", "declined", "jumped", "climbed", "shrank", "went down", "went up", "came down",
        "stayed", "remained", "hit", "reached", "passed", "won", "sold", "adopted", "recovered", "resolved",
        "approved", "agreed", "stopped", "after that", "since then", "by the end", "later", "worked out",
    ]),
    (Cue::Lesson, &[
        "i learned", "i've learned", "i learnt", "the lesson", "lesson for me", "lessons learned",
        "lesson i learned", "lessons i learned", "lesson was", "lesson here", "taught me", "my takeaway",
        "the takeaway", "key takeaway", "i took away", "if i did it again", "if i were to do it again",
        "if i had to do it again", "if i could do it again", "next time i", "in hindsight", "looking back",
        "since then i", "ever since", "now i always", "so now i", "now i ask", "now i make", "going forward",
        "do differently", "done differently", "what i'd change", "it showed me", "from then on",
        "i've since", "i always now", "these days i", "i realized that i",
        // Taking something from the experience: "What I took from it is".
        "took from it", "took from that", "took from this", "took away from", "what i took from",
        "what i learned from", "learned from it", "learned from that", "the big learning",
        "my big learning", "my learning", "my main learning", "the main learning", "key learning",
        "the learning for me", "it taught us", "that taught us", "which taught us",
    ]),
    (Cue::Setback, &[
        "i disagreed", "we disagreed", "disagreed with", "i pushed back", "pushed back", "my mistake",
        "a mistake", "i made a mistake", "my fault", "i was wrong", "i failed", "we failed", "failed to",
        "i underestimated", "i overestimated", "i misjudged", "i overlooked", "we missed", "i missed",
        "missed the deadline", "missed the date", "miss the date", "would slip", "we slipped", "weeks late",
        "days late", "months late", "breach", "conflict", "argued", "argument", "bad relationship",
        "lost their trust", "lost trust", "lost the trust", "blamed", "didn't go well", "went wrong",
        "setback", "messed up", "dropped the ball", "i said no", "i refused", "escalated",
    ]),
    (Cue::Problem, &[
        "problem", "problems", "issue", "issues", "bug", "bugs", "error", "errors", "failing", "failed",
        "failure", "broke", "broken", "went down", "was down", "outage", "crashed", "crashing", "late",
        "delayed", "delays", "slow", "stalled", "stuck", "jammed", "breach", "risk", "risky", "too",
        "complained", "complaining", "complaints", "struggling", "struggled", "unfair", "mess",
        "unrealistic", "couldn't", "wasn't working", "churn", "losing", "behind schedule", "over budget",
        "wasted", "bottleneck", "backlog", "cut by", "budget got cut", "found that", "found out", "saw that",
        "noticed", "realized", "turned out", "showed that", "became clear", "discovered", "figured out",
        "the data showed", "learned that", "upset", "frustrated", "confused", "quit", "leaving", "lowest",
        "nobody", "no one",
    ]),
    (Cue::Reason, &[
        // "so I took a course": the decision follows from what came before;
        // "so … could": the purpose of a move.
        "so i", "so … could", "so … would", "so … can", "so … wouldn't", "so … didn't have to",
        "so … had to", "because", "since the", "since it", "since we", "since i", "since they", "so that",
        "in order to", "to avoid", "to make sure", "to prevent", "to ensure", "due to", "given that",
        "the reason", "that's why", "which is why", "that is why", "showed … that", "convinced",
        "based on the data",
    ]),
    (Cue::Decision, &[
        "decided", "chose", "proposed", "recommended", "suggested", "opted", "pitched", "insisted",
        "refused", "vetoed", "rejected", "prioritized", "prioritised", "pushed for", "went with", "switched",
        "said no", "didn't wait", "picked", "selected", "committed to", "made the call", "cut the scope",
        "rolled back", "ordered", "paused", "postponed", "delayed the", "cancelled", "canceled", "halted",
        "called off", "shut down", "bet on", "went ahead", "hired",
    ]),
    (Cue::Contrast, &["instead of", "rather than", "without waiting", "without asking", "without checking"]),
];

type Index = HashMap<&'static str, Vec<(Cue, Vec<&'static str>)>>;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: Index = HashMap::new();
        for &(cue, patterns) in PATTERNS {
            for p in patterns {
                let words: Vec<&'static str> = p.split(' ').collect();
                map.entry(words[0]).or_default().push((cue, words));
            }
        }
        map
    })
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
