//! STAR structure: which clauses are Situation, Task, Action, Result (or a
//! lesson, or an aside), the main span of each part, and whether the Result
//! is quantified.
//!
//! The labeling follows how stories are told rather than their topic:
//! - The speaker's first past action (outside any cue for a task, outcome
//!   or setting) starts the action line. Everything said before it is
//!   context: a Situation, or a Task when it states a responsibility or
//!   goal ("my job was", "I was asked to", a role like "I was the tech lead"
//!   after the opening), or an up-front Result when the speaker states an
//!   outcome ("I cut onboarding from three weeks to four days").
//! - After that, clauses with an outcome cue, a completion ("we launched")
//!   or a measured change are the Result; the speaker's past actions are
//!   the Action; other clauses between actions belong to the action line,
//!   and past-tense clauses by someone else after the last action are
//!   consequences: the Result.
//! - An outcome without a measure that is followed by more of the
//!   speaker's own actions is an intermediate outcome, so it stays in the
//!   action line.
//! - Lessons are never the Result.
//! - The main span of a part is its longest run of clauses (the first one
//!   for the Situation, the last measured one for the Result).
//!
//! Plans ("I would...") and self-descriptions carry no STAR parts at all.

use super::clauses::{run_tokens, Clause, Tense, VerbClass};
use super::cues::{Cue, Hit};
use super::labeller;
use super::lexicon::{lex, Person};
use super::quantity::{self, Measure, Quantity};
use super::tokens::Doc;
pub(crate) use crate::facts::StarLabel as Part;
use crate::rules::RuleId;
use std::ops::Range;

/// The STAR reading of an answer.
#[derive(Debug, Clone)]
pub(crate) struct StarParse {
    /// One label per clause.
    pub labels: Vec<Part>,
    /// The rule behind each label.
    pub rules: Vec<RuleId>,
    /// Main run of clauses for situation, task, action, result.
    pub main: [Option<Range<usize>>; 4],
    /// The measured quantity in the main Result, if any.
    pub quantified: Option<Quantity>,
    /// Per clause, what the learned labeller reads (empty outside a story).
    pub features: Vec<Vec<String>>,
}

impl StarParse {
    pub fn main_of(&self, part: Part) -> Option<Range<usize>> {
        let idx = match part {
            Part::Situation => 0,
            Part::Task => 1,
            Part::Action => 2,
            Part::Result => 3,
            Part::Lesson | Part::Other => return None,
        };
        self.main[idx].clone()
    }
}

/// Everything the labeling looks at, per clause.
pub(crate) struct Inputs<'a, 'd> {
    pub doc: &'a Doc<'d>,
    pub clauses: &'a [Clause],
    pub cues: &'a [Hit],
    pub quantities: &'a [Quantity],
    pub lesson: &'a [bool],
    /// Whether the answer recounts a real past event.
    pub story: bool,
    /// Whether the learned labeller corrects the rules' labels (off only to
    /// read the rules alone, for training and for comparing).
    pub learned: bool,
}

/// Whether clause `c` has cue `cue` outside its subordinate stretches (when
/// `main_only`) or anywhere.
pub(crate) fn has_cue(clause: &Clause, cues: &[Hit], cue: Cue, main_only: bool) -> bool {
    cues.iter().any(|h| {
        h.cue == cue
            && clause.tokens.contains(&h.first)
            && !(main_only && clause.is_subordinate(h.first))
    })
}

/// What the rules read off one clause.
struct Features {
    speaker_action: bool,
    speaker_subject: bool,
    finding: bool,
    task: bool,
    /// An outcome by its wording or measure, not a mere completion.
    stated_outcome: bool,
    outcome: bool,
    strong_outcome: bool,
    setting_opening: bool,
    other_past: bool,
    /// Wording that concludes the story ("ended up", "in the end"), not a
    /// verb of change or a measure.
    conclusion: bool,
    /// A problem or setback in the clause ("went down", "we missed").
    trouble: bool,
}

fn features(inp: &Inputs<'_, '_>, idx: usize) -> Features {
    let c = &inp.clauses[idx];
    let tokens = &inp.doc.tokens;
    let main_preds = || c.preds.iter().filter(|p| !p.subordinate);
    let verb = |p: &super::clauses::Pred| p.verb.map(|v| tokens[v].norm.as_str()).unwrap_or("");
    let finding =
        main_preds().any(|p| p.person != Person::Other && lex().finding_verbs.contains(verb(p)));
    let speaker_action =
        main_preds().any(|p| p.is_speaker_action() && !lex().finding_verbs.contains(verb(p)));
    let speaker_subject = c.main().is_some_and(|p| p.person != Person::Other);
    // A role stated after the opening clause ("..., and I was the tech
    // lead") is the speaker's remit in this story.
    let role = idx > 0
        && c.main().is_some_and(|p| {
            p.person == Person::I
                && p.class == VerbClass::Copula
                && p.tense == Tense::Past
                && p.verb.is_some_and(|v| tokens[v].is("the"))
        });
    let task = role || has_cue(c, inp.cues, Cue::Task, false);
    let strong_outcome = (0..inp.quantities.len()).any(|i| {
        let q = &inp.quantities[i];
        c.tokens.contains(&q.first)
            && !c.is_subordinate(q.first)
            && quantity::measure(tokens, inp.quantities, i) == Measure::Change
    });
    let stated_outcome = strong_outcome
        || has_cue(c, inp.cues, Cue::Outcome, true)
        || (!speaker_subject && has_cue(c, inp.cues, Cue::Change, true));
    let outcome = stated_outcome || has_cue(c, inp.cues, Cue::Completion, true);
    let first_words = c
        .tokens
        .clone()
        .filter(|&k| tokens[k].is_word())
        .take(4)
        .collect::<Vec<_>>();
    let setting_opening = inp.cues.iter().any(|h| {
        h.cue == Cue::Setting
            && c.tokens.contains(&h.first)
            && (first_words.contains(&h.first) || tokens[h.first].is("when"))
    });
    // The answer opening on a time clause of the speaker's past ("When I
    // took over the team, I inherited ...") sets the scene.
    let time_opening = idx == 0
        && c.preds.first().is_some_and(|p| {
            p.subordinate
                && p.person != Person::Other
                && matches!(p.tense, Tense::Past | Tense::Pluperfect)
                && opens_time_clause(tokens, &first_words, p.subject)
        });
    // "I took over a rollout at a logistics company, and it was four
    // months behind": coming into a project, followed by its state rather
    // than by more of the speaker's actions ("I took over the escalation,
    // I set up a daily call, ..."), sets the scene.
    let take_over_opening = idx == 0
        && c.main().is_some_and(|p| {
            p.person == Person::I
                && p.verb.is_some_and(|v| {
                    tokens[v].is("inherited")
                        || (tokens[v].is("took") && tokens.get(v + 1).is_some_and(|t| t.is("over")))
                })
        })
        && inp.clauses.get(1).is_some_and(|next| {
            next.sentence == c.sentence
                && next.has_verb()
                && !next.main().is_some_and(|p| p.is_speaker_action())
        });
    Features {
        speaker_action,
        speaker_subject,
        finding,
        task,
        stated_outcome,
        outcome,
        strong_outcome,
        setting_opening: setting_opening || time_opening || take_over_opening,
        other_past: c.other_past && !speaker_subject,
        conclusion: has_cue(c, inp.cues, Cue::Conclusion, true),
        trouble: has_cue(c, inp.cues, Cue::Problem, false)
            || has_cue(c, inp.cues, Cue::Setback, false),
    }
}

/// Whether the subject at token `subject` follows a temporal subordinator
/// among the clause's opening words ("when", "after", "once", "as soon
/// as").
fn opens_time_clause(
    tokens: &[super::tokens::Token],
    first_words: &[usize],
    subject: usize,
) -> bool {
    let Some(&before) = first_words.iter().rev().find(|&&k| k < subject) else {
        return false;
    };
    tokens[before].is_in(&lex().time_subordinators)
        || (tokens[before].is("as")
            && before >= 2
            && tokens[before - 1].is("soon")
            && tokens[before - 2].is("as"))
}

pub(crate) fn parse(inp: &Inputs<'_, '_>) -> StarParse {
    let n = inp.clauses.len();
    if !inp.story {
        return StarParse {
            labels: vec![Part::Other; n],
            rules: vec![RuleId::StarNotAStory; n],
            main: [None, None, None, None],
            quantified: None,
            features: vec![Vec::new(); n],
        };
    }
    let feats: Vec<Features> = (0..n).map(|i| features(inp, i)).collect();
    // An answer that opens on its measured outcome ("We kept the rush alive
    // and got checkout working again in forty minutes") and then sets the
    // scene in the next sentence ("That was at ...") is told result-first:
    // the opening sentence is the Result, and the story starts after it.
    let opening = (0..n)
        .take_while(|&i| inp.clauses[i].sentence == inp.clauses[0].sentence)
        .count();
    let result_first_opening = opening < n
        && feats[opening].setting_opening
        && (0..opening).any(|i| feats[i].strong_outcome)
        && (0..opening).all(|i| {
            !feats[i].setting_opening && !feats[i].task && !feats[i].trouble && !inp.lesson[i]
        });
    let story_start = if result_first_opening { opening } else { 0 };
    let first_action = (story_start..n).find(|&i| {
        let f = &feats[i];
        f.speaker_action && !f.task && !inp.lesson[i] && !f.outcome && !f.setting_opening
    });
    let a0 = first_action.unwrap_or(n);
    let mut labels: Vec<Option<Part>> = Vec::with_capacity(n);
    let mut rules: Vec<RuleId> = Vec::with_capacity(n);
    for (i, f) in feats.iter().enumerate() {
        let after_result = labels.last() == Some(&Some(Part::Result));
        let (label, rule) = if inp.lesson[i] {
            (Some(Part::Lesson), RuleId::StarLesson)
        } else if i < a0 {
            // Up front, only a stated or measured outcome makes a Result,
            // and a completion ("we launched ...") can continue it.
            let result_first = f.speaker_subject
                && !f.finding
                && !f.setting_opening
                && (f.stated_outcome || (f.outcome && after_result));
            // An answer that opens on someone else's outcome in the past
            // ("The county ended up renewing our contract, worth ...") and
            // then goes back to the story.
            let others_result_first = i == 0
                && !f.speaker_subject
                && f.other_past
                && f.conclusion
                && !f.trouble
                && !f.setting_opening
                && !f.task;
            let (label, rule) = if f.task {
                (Part::Task, RuleId::StarTask)
            } else if result_first || others_result_first || i < story_start {
                (Part::Result, RuleId::StarResultFirst)
            } else {
                (Part::Situation, RuleId::StarContext)
            };
            (Some(label), rule)
        } else if f.outcome {
            (Some(Part::Result), RuleId::StarOutcome)
        } else if f.speaker_action || f.finding {
            (Some(Part::Action), RuleId::StarSpeakerAction)
        } else {
            (None, RuleId::StarAside)
        };
        labels.push(label);
        rules.push(rule);
    }
    let last_action = (0..n).rev().find(|&i| labels[i] == Some(Part::Action));
    // The speaker's own later actions make an earlier outcome intermediate;
    // "we" doing the next step ("They approved it, and we started the
    // rollout") belongs to the outcome.
    let last_own_action = (0..n).rev().find(|&i| {
        labels[i] == Some(Part::Action)
            && inp.clauses[i]
                .preds
                .iter()
                .any(|p| !p.subordinate && p.is_speaker_action() && p.person == Person::I)
    });
    let pre_labels = labels.clone();
    for i in a0..n {
        let followed_by_action = last_action.is_some_and(|l| l > i);
        let followed_by_own_action = last_own_action.is_some_and(|l| l > i);
        // The speaker's own clauses between the last action and the outcome
        // it led to ("I knew it was riskier, so I had the team watch ...
        // The freezes stopped") close the action line.
        let leads_to_result = feats[i].speaker_subject
            && last_action.is_some_and(|l| l < i)
            && pre_labels[i + 1..].iter().find_map(|l| *l) == Some(Part::Result);
        // "The pilot cut errors by seventy percent, so we rolled it out to
        // the other plants, and I trained ...": even a measured outcome is
        // intermediate when the speaker acts on it ("so we/I <action>") and
        // the story goes on after that action.
        let acted_on = pre_labels.get(i + 1) == Some(&Some(Part::Action))
            && inp.clauses[i + 1].sentence == inp.clauses[i].sentence
            && inp.doc.tokens[inp.clauses[i + 1].tokens.clone()]
                .iter()
                .find(|t| t.is_word())
                .is_some_and(|t| t.is("so"))
            && inp.clauses[i + 1]
                .main()
                .is_some_and(|p| p.is_speaker_action())
            && last_action.is_some_and(|l| l > i + 1);
        let (label, rule) = match labels[i] {
            // An unmeasured outcome followed by more actions only moved the
            // story along.
            Some(Part::Result)
                if followed_by_own_action && (!feats[i].strong_outcome || acted_on) =>
            {
                (Part::Action, RuleId::StarIntermediateOutcome)
            }
            Some(label) => (label, rules[i]),
            None if followed_by_action || leads_to_result => (Part::Action, RuleId::StarActionLine),
            // Someone else's past-tense reaction after the last action.
            None if feats[i].other_past && last_action.is_some() => {
                (Part::Result, RuleId::StarConsequence)
            }
            None => (Part::Other, RuleId::StarAside),
        };
        labels[i] = Some(label);
        rules[i] = rule;
    }
    let mut labels: Vec<Part> = labels
        .into_iter()
        .map(|l| l.unwrap_or(Part::Other))
        .collect();
    // A verbless fragment ("..., and the safety review.") continues the
    // clause before it.
    for i in 1..n {
        let same_sentence = inp.clauses[i].sentence == inp.clauses[i - 1].sentence;
        if same_sentence && !inp.clauses[i].has_verb() && !inp.lesson[i] {
            labels[i] = labels[i - 1];
            rules[i] = RuleId::StarFragment;
        }
    }
    // The rest of a sentence that states the task elaborates it ("My task
    // was to close the ticket, but I didn't want to stop there").
    for i in 1..n {
        let same_sentence = inp.clauses[i].sentence == inp.clauses[i - 1].sentence;
        if same_sentence && labels[i - 1] == Part::Task && labels[i] == Part::Situation {
            labels[i] = Part::Task;
            rules[i] = RuleId::StarTaskElaboration;
        }
    }
    // An explicit responsibility stated before the main stretch of action
    // is the Task even when a minor action came first ("I sat near
    // support... Eventually I asked the lead if I could take a look").
    if let Some(main_action) = longest_run(inp, &runs(&labels), Part::Action) {
        for i in 0..main_action.start {
            if feats[i].task && !inp.lesson[i] && labels[i] != Part::Result {
                if labels[i] != Part::Task {
                    rules[i] = RuleId::StarTaskBeforeMainAction;
                }
                labels[i] = Part::Task;
            }
        }
    }
    // The learned labeller reads the rules' labels and corrects them;
    // lessons stay lessons.
    let features: Vec<Vec<String>> = (0..n)
        .map(|i| learned_features(inp, &feats, &labels, &rules, i))
        .collect();
    if inp.learned {
        for i in (0..n).filter(|&i| !inp.lesson[i]) {
            let learned = labeller::model().relabel(&features[i], labels[i]);
            if learned != labels[i] {
                labels[i] = learned;
                rules[i] = RuleId::StarLearned;
            }
        }
    }
    let runs = runs(&labels);
    let first_run = |part: Part| {
        runs.iter()
            .find(|(p, _)| *p == part)
            .map(|(_, r)| r.clone())
    };
    let measured = |r: &Range<usize>, min: Measure| {
        let tokens = run_tokens(inp.clauses, r.clone());
        quantity::measured_in(&inp.doc.tokens, inp.quantities, tokens, min)
    };
    // The main Result is the last one with a measured change, else the
    // last one.
    let result_runs: Vec<Range<usize>> = runs
        .iter()
        .filter(|(p, _)| *p == Part::Result)
        .map(|(_, r)| r.clone())
        .collect();
    let result = result_runs
        .iter()
        .rev()
        .find(|r| measured(r, Measure::Change).is_some())
        .or(result_runs.last())
        .cloned();
    let quantified = result.as_ref().and_then(|r| measured(r, Measure::Count));
    // The action line is the one that led to the Result; actions told after
    // it are asides ("... so I started walking the conveyors every shift").
    let before_result: Vec<(Part, Range<usize>)> = match &result {
        Some(r) => runs
            .iter()
            .filter(|(_, run)| run.end <= r.start)
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let action = longest_run(inp, &before_result, Part::Action)
        .or_else(|| longest_run(inp, &runs, Part::Action));
    StarParse {
        features,
        main: [
            first_run(Part::Situation),
            longest_run(inp, &runs, Part::Task),
            action,
            result,
        ],
        labels,
        rules,
        quantified,
    }
}

/// The named features of clause `i` that the learned labeller reads, given
/// the rules' labels and rules.
fn learned_features(
    inp: &Inputs<'_, '_>,
    feats: &[Features],
    labels: &[Part],
    rules: &[RuleId],
    i: usize,
) -> Vec<String> {
    let n = labels.len();
    let c: &Clause = &inp.clauses[i];
    let tokens = &inp.doc.tokens;
    let r = labeller::RULE_FEATURE;
    let mut out = vec![
        format!("{r}rule={:?}", rules[i]),
        format!("{r}label={:?}", labels[i]),
        format!("pos={}", i * 5 / n.max(1)),
    ];
    for (tag, j) in [("prev", i.checked_sub(1)), ("next", Some(i + 1))] {
        match j.filter(|&j| j < n) {
            Some(j) => {
                out.push(format!("{r}{tag}_rule={:?}", rules[j]));
                out.push(format!("{r}{tag}_label={:?}", labels[j]));
            }
            None => out.push(format!("{tag}_edge")),
        }
    }
    let sentence_start = i == 0 || inp.clauses[i - 1].sentence != c.sentence;
    let first_action = labels.iter().position(|&l| l == Part::Action);
    let last_action = labels.iter().rposition(|&l| l == Part::Action);
    if first_action.is_none_or(|a| i < a) {
        out.push(format!("{r}before_actions"));
    }
    if last_action.is_none_or(|a| i > a) {
        out.push(format!("{r}after_actions"));
    }
    for (on, name) in [
        (sentence_start, "sentence_start"),
        (!c.has_verb(), "verbless"),
        (c.other_past, "other_past_verb"),
        (inp.lesson[i], "lesson"),
    ] {
        if on {
            out.push(name.to_string());
        }
    }
    match c.main() {
        Some(p) => {
            out.push(format!("main={:?}_{:?}_{:?}", p.person, p.tense, p.class));
            out.push(format!("main_person={:?}", p.person));
            out.push(format!("main_tense={:?}", p.tense));
            out.push(format!("main_class={:?}", p.class));
        }
        None => out.push("no_main".to_string()),
    }
    for p in &c.preds {
        let sub = if p.subordinate { "sub" } else { "main" };
        out.push(format!(
            "pred={:?}_{:?}_{:?}_{sub}",
            p.person, p.tense, p.class
        ));
    }
    let f = &feats[i];
    for (on, name) in [
        (f.speaker_action, "speaker_action"),
        (f.speaker_subject, "speaker_subject"),
        (f.finding, "finding"),
        (f.task, "task"),
        (f.stated_outcome, "stated_outcome"),
        (f.outcome, "outcome"),
        (f.strong_outcome, "strong_outcome"),
        (f.setting_opening, "setting_opening"),
        (f.other_past, "other_past"),
        (f.conclusion, "conclusion"),
        (f.trouble, "trouble"),
    ] {
        if on {
            out.push(name.to_string());
        }
    }
    for h in inp.cues.iter().filter(|h| c.tokens.contains(&h.first)) {
        let sub = if c.is_subordinate(h.first) {
            "sub"
        } else {
            "main"
        };
        out.push(format!("cue={:?}_{sub}", h.cue));
    }
    for (k, q) in inp.quantities.iter().enumerate() {
        if c.tokens.contains(&q.first) {
            let measure = quantity::measure(tokens, inp.quantities, k);
            out.push(format!("quantity={:?}_{measure:?}", q.unit));
        }
    }
    out
}

/// The longest run (in characters) labeled `part`.
fn longest_run(
    inp: &Inputs<'_, '_>,
    runs: &[(Part, Range<usize>)],
    part: Part,
) -> Option<Range<usize>> {
    runs.iter()
        .filter(|(p, _)| *p == part)
        .max_by_key(|(_, r)| {
            let span = inp.doc.span_of(run_tokens(inp.clauses, r.clone()));
            span.end - span.start
        })
        .map(|(_, r)| r.clone())
}

/// Maximal runs of equal labels, as clause index ranges.
fn runs(labels: &[Part]) -> Vec<(Part, Range<usize>)> {
    let mut out: Vec<(Part, Range<usize>)> = Vec::new();
    for (i, &label) in labels.iter().enumerate() {
        match out.last_mut() {
            Some((p, r)) if *p == label && r.end == i => r.end = i + 1,
            _ => out.push((label, i..i + 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::parsed::Parsed;

    /// The STAR labels of each clause, and whether the Result is measured.
    fn star(text: &str) -> (Vec<Part>, bool) {
        let p = Parsed::rules_only(text);
        (p.star.labels.clone(), p.star.quantified.is_some())
    }

    fn parts(text: &str) -> Vec<Part> {
        let p = Parsed::rules_only(text);
        [Part::Situation, Part::Task, Part::Action, Part::Result]
            .into_iter()
            .filter(|&part| p.star.main_of(part).is_some())
            .collect()
    }

    /// Checks, for each case, the STAR label of the clause at an index.
    #[track_caller]
    fn assert_labels_at(cases: &[(&str, usize, Part)]) {
        for &(text, i, want) in cases {
            let (labels, _) = star(text);
            assert_eq!(labels[i], want, "{text}: {labels:?}");
        }
    }

    #[test]
    fn a_measured_opening_followed_by_the_setting_is_told_result_first() {
        let text = "We kept the store open and got checkout working again in forty minutes. That was at an online florist, when our payment vendor had an outage. I had to decide whether to wait or switch. I switched processors.";
        assert_eq!(
            parts(text),
            [Part::Situation, Part::Task, Part::Action, Part::Result]
        );
        let (labels, quantified) = star(text);
        assert_eq!(labels[0], Part::Result, "{labels:?}");
        assert!(quantified);
        assert_labels_at(&[
            // Without a measure in the opening, or without a setting after
            // it, the opening is the first action.
            (
                "We kept the store open and got checkout working again. That was at an online florist, when our payment vendor had an outage. I switched processors.",
                0,
                Part::Action,
            ),
            (
                "We kept the store open and got checkout working again in forty minutes. I had to decide whether to wait or switch. I switched processors.",
                0,
                Part::Action,
            ),
        ]);
    }

    #[test]
    fn the_speakers_clauses_before_the_outcome_close_the_action_line() {
        let (labels, _) = star(
            "The checkout kept failing. I rolled back the release. I knew it was risky, so I had the team watch the dashboard. Errors dropped by half that day.",
        );
        assert_eq!(labels[2], Part::Action, "{labels:?}");
        assert_eq!(labels[3], Part::Action, "{labels:?}");
        // Someone else's state before the outcome, and the speaker's
        // clause after it, are not actions.
        let (labels, _) = star(
            "The checkout kept failing. I rolled back the release. The vendor was slow to answer. Errors dropped by half that day. I was relieved.",
        );
        assert_ne!(labels[2], Part::Action, "{labels:?}");
        assert_ne!(labels[4], Part::Action, "{labels:?}");
    }

    #[test]
    fn context_before_the_first_action_is_the_situation() {
        let (labels, _) = star(
            "At my last company the nightly job kept failing. I rewrote it. It stopped failing.",
        );
        assert_eq!(labels, [Part::Situation, Part::Action, Part::Result]);
    }

    #[test]
    fn taking_over_a_project_at_the_opening_sets_the_scene() {
        let text = "I took over a rollout at a logistics company, and it was four months behind. My job was to get it live. I cut the scope. We went live in October.";
        assert_labels_at(&[
            (text, 0, Part::Situation),
            (text, 2, Part::Task),
            // Negative: taking over followed by more of the speaker's
            // actions, or later in the story, is an action.
            (
                "I took over the vendor escalation, I set up a daily call, and I wrote the plan. The patch shipped in nine days.",
                0,
                Part::Action,
            ),
            (
                "Our build kept failing. I rewrote the script, and then I took over the release checks myself. The failures stopped.",
                2,
                Part::Action,
            ),
        ]);
    }

    #[test]
    fn an_opening_time_clause_of_the_speaker_sets_the_scene() {
        let (labels, _) = star(
            "When I took over the support team, I inherited a backlog of old tickets. \
            My goal was to clear it. I split the queue. The backlog went down.",
        );
        assert_eq!(
            labels,
            [Part::Situation, Part::Task, Part::Action, Part::Result]
        );
        assert_labels_at(&[
            (
                "Um, after I joined the clinic, we had no intake process. I wrote one. It worked out well.",
                0,
                Part::Situation,
            ),
            // Later in the story, or with someone else as the subject, it
            // is an action line.
            (
                "Our site went down. When I saw the alerts, I rolled back the deploy. It recovered.",
                1,
                Part::Action,
            ),
            (
                "When the alerts fired, I rolled back the deploy. The site recovered in six minutes.",
                0,
                Part::Action,
            ),
        ]);
    }

    #[test]
    fn a_stated_responsibility_is_the_task() {
        assert_labels_at(&[
            (
                "Our job kept failing. My job was to fix it. I rewrote it. It stopped failing.",
                1,
                Part::Task,
            ),
            (
                "We had six weeks to launch, and I was the tech lead. I cut scope. We launched on time.",
                1,
                Part::Task,
            ),
        ]);
    }

    #[test]
    fn an_outcome_the_speaker_states_first_is_the_result() {
        let (labels, measured) = star("I cut our onboarding from three weeks to four days. I replaced the wiki with a script.");
        assert_eq!(labels, [Part::Result, Part::Action]);
        assert!(measured);
    }

    #[test]
    fn someone_elses_outcome_opening_the_answer_is_the_result() {
        let (labels, measured) = star(
            "The county ended up renewing our contract, worth about four million dollars. \
            Six months earlier our system had gone down. I went to their office and I set up a review.",
        );
        assert_eq!(labels[0], Part::Result);
        assert_eq!(labels[1], Part::Situation);
        assert!(measured);
        assert_labels_at(&[
            // A problem, a setting, or a plain verb of arrival opens the
            // story.
            (
                "The project ended up late. I cut scope. We launched in May.",
                0,
                Part::Situation,
            ),
            (
                "At my last company the team ended up with three build systems. I merged them. Builds got faster.",
                0,
                Part::Situation,
            ),
            (
                "Our data came in three formats. I wrote a parser. The reports went out.",
                0,
                Part::Situation,
            ),
        ]);
    }

    #[test]
    fn devising_something_is_an_action_and_its_working_out_an_outcome() {
        let (labels, _) = star(
            "The submission date was at risk. I walked the lead through the defect. I worked out a recovery plan.",
        );
        assert_eq!(labels, [Part::Situation, Part::Action, Part::Action]);
        let (labels, _) =
            star("The submission date was at risk. I rewrote the plan. It all worked out.");
        assert_eq!(labels.last(), Some(&Part::Result));
    }

    #[test]
    fn an_action_after_a_finding_in_a_subordinate_opening_is_the_speakers() {
        let text = "Our chargebacks had crept up. When I broke them down by reason, most were customers who \
            didn't know our name, so I worked with the networks to change the descriptor. Chargebacks came down.";
        let (labels, _) = star(text);
        assert_eq!(labels[labels.len() - 2], Part::Action);
        assert_eq!(labels.last(), Some(&Part::Result));
    }

    #[test]
    fn a_contract_length_in_an_action_is_not_a_result() {
        let p = Parsed::rules_only(
            "Two vendors were bidding. I went with the more expensive vendor, signed a one year contract, \
            and had the engineers integrate it. At launch, ninety four percent of applicants passed.",
        );
        let action = p.star.main_of(Part::Action).expect("an action");
        let result = p.star.main_of(Part::Result).expect("a result");
        assert!(action.end <= result.start);
        assert_eq!(p.star.labels[action.start], Part::Action);
        assert!(p
            .star
            .quantified
            .is_some_and(|q| q.unit == quantity::Unit::Percent));
    }

    #[test]
    fn a_story_that_stops_after_its_actions_has_no_result() {
        let text =
            "Our client's data came in three formats. I wrote a new plan, I split the work so the \
            first report could go out on time, and I set up a weekly call.";
        assert!(!parts(text).contains(&Part::Result));
    }

    #[test]
    fn an_unmeasured_outcome_followed_by_more_action_is_not_the_result() {
        let text = "Our app kept crashing. I finished the analysis, and then I rewrote the cache and I trained the team.";
        assert!(!parts(text).contains(&Part::Result));
    }

    #[test]
    fn someone_elses_reaction_after_the_last_action_is_the_result() {
        let (labels, measured) = star(
            "Our reminders stopped sending. I called the office. They renewed their contract.",
        );
        assert_eq!(labels.last(), Some(&Part::Result));
        assert!(!measured);
    }

    #[test]
    fn a_measured_outcome_the_speaker_acts_on_is_intermediate() {
        let text = "Mislabels kept causing fines. I ran a pilot at one plant. The pilot showed errors dropping by seventy percent, so we rolled the step out to the other plants, and I trained the leads at both sites.";
        let (labels, quantified) = star(text);
        assert!(!labels.contains(&Part::Result), "{labels:?}");
        assert!(!quantified);
        // Negative: a measured outcome that ends the story, or one followed
        // by a consequence that is not the speaker acting, stays the Result.
        for text in [
            "Mislabels kept causing fines. I ran a pilot at one plant. Errors dropped by seventy percent, so the fines stopped.",
            "Mislabels kept causing fines. I ran a pilot at one plant. Errors dropped by seventy percent, and we kept the retailer.",
        ] {
            let (labels, quantified) = star(text);
            assert_eq!(labels[2], Part::Result, "{text}: {labels:?}");
            assert!(quantified, "{text}");
        }
    }

    #[test]
    fn a_lesson_is_never_the_result() {
        let (labels, _) = star(
            "Our job failed. I fixed it. Failures dropped by half. I learned to ask for docs.",
        );
        assert_eq!(labels.last(), Some(&Part::Lesson));
    }

    #[test]
    fn a_date_or_an_empty_duration_in_the_result_is_not_a_measure() {
        for text in [
            "Our team was behind. I reorganised the backlog. We launched by the end of March.",
            "She struggled with the code. I mentored her. By the end of the six months she was reviewing code.",
        ] {
            let (_, measured) = star(text);
            assert!(!measured, "{text}");
        }
    }

    #[test]
    fn numbers_only_in_the_situation_do_not_quantify_the_result() {
        let (_, measured) = star(
            "We had forty stores and twelve trucks. I redesigned the routes. The drivers liked it.",
        );
        assert!(!measured);
    }

    #[test]
    fn plans_and_self_descriptions_have_no_star_parts() {
        for text in [
            "I would start by talking to customers. Then I'd set a goal and I would track it.",
            "I'm a really curious person. I read a lot and I'm always taking courses.",
        ] {
            let found = parts(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn the_learned_labeller_changes_only_story_clauses_and_never_a_lesson() {
        let texts = [
            "The checkout kept failing. I rolled back the release. The vendor was slow to answer. Errors dropped by half that day. I was relieved.",
            "The county ended up renewing our contract, worth about four million dollars. Six months earlier our system had gone down. I went to their office and I set up a review.",
            "We had six weeks to launch, and I was the tech lead. I cut scope. We launched on time. I learned to cut scope early.",
            "Our job failed. I fixed it. Failures dropped by half. I learned to ask for docs. Next time I would ask sooner.",
        ];
        let mut changed = 0;
        for text in texts {
            let (rules, learned) = (Parsed::rules_only(text), Parsed::new(text));
            for i in 0..rules.clauses.len() {
                if rules.lesson[i] {
                    assert_eq!(learned.star.labels[i], Part::Lesson, "{text}");
                }
                if learned.star.labels[i] != rules.star.labels[i] {
                    assert_eq!(learned.star.rules[i], RuleId::StarLearned, "{text}");
                    changed += 1;
                }
            }
        }
        assert!(changed > 0, "the model changed nothing");
        for text in [
            "I would start by talking to customers. Then I'd set a goal and I would track it.",
            "I'm a really curious person. I read a lot and I'm always taking courses.",
        ] {
            let learned = Parsed::new(text);
            assert!(
                learned.star.labels.iter().all(|&l| l == Part::Other),
                "{text}"
            );
        }
    }

    #[test]
    fn the_committed_model_has_one_class_per_part_and_other() {
        let model = labeller::model();
        let mut classes = model.classes.clone();
        classes.sort_by_key(|c| format!("{c:?}"));
        assert_eq!(
            classes,
            [
                Part::Action,
                Part::Other,
                Part::Result,
                Part::Situation,
                Part::Task
            ]
        );
        assert!(model.margin >= 0.0);
    }

    #[test]
    fn actions_by_the_team_still_count_as_the_action() {
        assert!(parts("Our budget got cut by a third. We dropped two tools and we moved to free ones. Leads went up.")
            .contains(&Part::Action));
    }
}
