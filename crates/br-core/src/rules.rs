//! Rule ids: the name of every rule that marks something in an answer (a
//! filler, a STAR label, a score finding, a follow-up), so that any mark
//! can be traced to the rule that made it (`barraiser analyze --explain`).
//!
//! The ids are serialised as stable snake_case strings ("like_interjection")
//! and are part of the JSON contract: rename a variant only with a
//! `#[serde(alias)]` for the old name.

use serde::{Deserialize, Serialize};

macro_rules! rules {
    ($($(#[$doc:meta])* $id:ident => $description:literal,)*) => {
        /// The rule that produced a mark. See [`RuleId::description`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum RuleId {
            /// Stored before rule ids were recorded (an analysis saved by an
            /// older version); never produced by the rules.
            #[default]
            Unrecorded,
            $($(#[$doc])* $id,)*
        }

        impl RuleId {
            /// Every rule, in the order of this list.
            pub const ALL: &'static [RuleId] = &[RuleId::Unrecorded, $(RuleId::$id,)*];

            /// The rule's stable name, as in JSON ("like_interjection").
            pub fn name(self) -> String {
                serde_json::to_value(self)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            }

            /// What the rule checks, in one line.
            pub fn description(self) -> &'static str {
                match self {
                    RuleId::Unrecorded => "recorded before rule ids were kept",
                    $(RuleId::$id => $description,)*
                }
            }
        }
    };
}

rules! {
    // Fillers (labelling README, "Filler rules").
    Hesitation => "um, uh, hmm, er (any spelling) are always fillers",
    YouKnow => "\"you know\" is a filler unless a verb or conjunction makes it a clause (\"do you know\", \"let you know\")",
    Basically => "\"basically\" is always a discourse or hedge filler",
    LiterallyIntensifier => "\"literally\" intensifying what follows, not the manner of reading or taking something",
    IMeanReformulation => "\"I mean\" reformulating, not defining a term (\"by usage I mean\") nor taking an object (\"I mean it\")",
    HedgeKindOf => "\"kind of\"/\"sort of\" hedging, not meaning \"type of\" after a determiner",
    LikeInterjection => "\"like\" set off by a comma (\", like,\")",
    LikeApproximation => "\"like\" approximating an amount (\"like twenty minutes\", \"like a week\", \"like most of\")",
    LikeAfterDeterminer => "\"like\" wedged after a determiner (\"this like nightly job\")",
    LikeAfterVerbOrPreposition => "\"like\" hedging after a verb or preposition (\"was like the only\", \"for like a week\")",
    LikeBeforePastVerb => "\"like\" between a subject and its past verb with an object (\"the app like dropped the call\")",
    LikeBeforeIntensifier => "\"like\" before an intensifier (\"late like all the time\")",
    DiscourseOpener => "\"so\"/\"actually\" in the answer's opening run of discourse markers",
    SoWrapUp => "a sentence-initial \"so\" that wraps the answer up (\"So yeah\", \"So that's it\")",
    RightTag => "the tag question \", right?\"",
    // STAR labels of clauses (labelling README, "STAR rules").
    StarNotAStory => "no specific past event (a plan or a self-description): no STAR parts",
    StarLesson => "a lesson cue (\"I learned\", \"next time\"): a lesson, never the Result",
    StarTask => "a stated responsibility or goal (\"my job was\", \"I had to\") or a role after the opening",
    StarTaskElaboration => "the rest of a sentence that states the task",
    StarTaskBeforeMainAction => "an explicit responsibility before the main stretch of action",
    StarContext => "context before the speaker's first action: the Situation",
    StarResultFirst => "an outcome stated before the story (result first)",
    StarOutcome => "an outcome cue, a completion or a measured change after the first action",
    StarSpeakerAction => "the speaker's own past action or finding",
    StarIntermediateOutcome => "an outcome the speaker acted on afterwards: part of the action line",
    StarActionLine => "a clause between actions, or the speaker's clause leading to the outcome",
    StarConsequence => "someone else's past-tense reaction after the last action: the Result",
    StarFragment => "a verbless fragment continuing the clause before it",
    StarAside => "outside the four parts (an aside or a tangent)",
    StarLearned => "the clause labeller trained on the labelled corpus read the clause's facts as this part, against the rules",
    // Score findings (the 1-4 scale and delivery).
    ScoreEmpty => "an answer with no words scores 1",
    ScoreHypothetical => "an answer about what one would do, not a past event, scores 1",
    ScoreNoEvent => "habits or traits in the present tense are no specific event and score 1",
    ScoreSituation => "a story needs a Situation: where, when, what problem",
    ScoreTask => "a story should state the goal or responsibility",
    ScoreOwnership => "the Action's past-tense action verbs should follow \"I\" more often than \"we\"",
    ScoreResult => "a story needs a Result, measured with a number",
    ScoreDecision => "the central decision needs its reason",
    ScoreLesson => "a setback story needs its lesson",
    ScoreSpecificity => "numbers and named systems make an answer specific",
    ScoreFillerRate => "fillers above the rate threshold per 100 words",
    ScoreLength => "a behavioral answer runs 1.5 to 3 minutes",
    ScorePauses => "pauses over 2 seconds",
    // Follow-ups (labelling README, "expected_followup", in order).
    FollowupNotAStory => "rule 1: the answer is hypothetical or tells no specific event",
    FollowupNoSituation => "rule 1: the story has no Situation",
    FollowupNoAction => "rule 2: the answer has no Action",
    FollowupAllWe => "rule 2: every action is \"we\"",
    FollowupNoResult => "rule 3: there is no Result",
    FollowupUnmeasuredResult => "rule 4: the Result is not quantified",
    FollowupNoResultMetric => "rule 4: with no Result there is no metric either",
    FollowupUnreasonedDecision => "rule 5: the central decision is given with no reason",
    FollowupSetbackWithoutLesson => "rule 6: a failure, conflict or setback story with no lesson",
    FollowupNone => "rule 7: none of the above applies",
    DrillCause => "drill-down: ask why of the cause the newest answer gave (\"because ...\")",
    DrillDecision => "drill-down: ask why of a decision the newest answer gave without a reason",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_unique_snake_case_name_and_a_description() {
        let mut names = Vec::new();
        for &rule in RuleId::ALL {
            let name = rule.name();
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
            assert!(!names.contains(&name), "{name} twice");
            assert!(!rule.description().is_empty());
            let back: RuleId = serde_json::from_value(name.clone().into()).expect("readable");
            assert_eq!(back, rule);
            names.push(name);
        }
        assert_eq!(
            serde_json::to_value(RuleId::LikeInterjection).unwrap(),
            "like_interjection"
        );
    }
}
