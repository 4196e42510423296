//! The follow-up policy as data: the labelling README's `expected_followup`
//! rules, in their priority order, each with the rule id, the condition in
//! words, the test over the answer's facts, the kind of follow-up and the
//! phrase it quotes. The first rule that applies is the first follow-up;
//! every rule that applies is asked in this order during the drill-down.
//!
//! Because the order is a table, one answer's choice can be explained: the
//! rules before the chosen one were checked and did not apply
//! ([`explain_first`]).

use crate::analysis::{FollowUpKind, Quote};
use crate::facts::{Facts, StarLabel};
use crate::rules::RuleId;
use std::fmt::Write;

/// One row of the policy.
#[derive(Debug, Clone, Copy)]
pub struct PolicyRule {
    pub rule: RuleId,
    /// The number of the rule in the labelling README (1-7).
    pub readme_rule: u8,
    pub kind: FollowUpKind,
    /// When the rule applies, in words.
    pub condition: &'static str,
    /// When it applies, no later rule is asked (the answer has no story to
    /// drill into).
    pub stops: bool,
    /// The phrase of the answer the question quotes.
    pub quote: QuoteOf,
    applies: fn(&Facts) -> bool,
}

impl PolicyRule {
    /// Whether the rule applies to an answer.
    pub fn applies(&self, facts: &Facts) -> bool {
        (self.applies)(facts)
    }

    /// The phrase the question quotes, when the answer has one.
    pub fn quote<'a>(&self, facts: &'a Facts) -> Option<&'a Quote> {
        let q = &facts.quotes;
        match self.quote {
            QuoteOf::Nothing => None,
            QuoteOf::Opening => q.opening.as_ref(),
            QuoteOf::FirstWe => q.first_we.as_ref(),
            QuoteOf::LastAction => q.last_action.as_ref(),
            QuoteOf::Result => q.result.as_ref(),
            QuoteOf::Decision => q.decision.as_ref(),
            QuoteOf::Setback => q.setback.as_ref(),
        }
    }
}

/// Which phrase of the answer a follow-up quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteOf {
    Nothing,
    Opening,
    FirstWe,
    LastAction,
    Result,
    Decision,
    Setback,
}

fn has_action(f: &Facts) -> bool {
    f.labelled(StarLabel::Action).next().is_some()
}

/// The policy, in priority order.
pub static POLICY: &[PolicyRule] = &[
    PolicyRule {
        rule: RuleId::FollowupNotAStory,
        readme_rule: 1,
        kind: FollowUpKind::AskSituation,
        condition: "the answer is hypothetical or tells no specific past event",
        stops: true,
        quote: QuoteOf::Nothing,
        applies: |f| !f.narrative.story,
    },
    PolicyRule {
        rule: RuleId::FollowupNoSituation,
        readme_rule: 1,
        kind: FollowUpKind::AskSituation,
        condition: "the story has no Situation",
        stops: false,
        quote: QuoteOf::Opening,
        applies: |f| f.star.situation.is_none(),
    },
    PolicyRule {
        rule: RuleId::FollowupNoAction,
        readme_rule: 2,
        kind: FollowUpKind::AskPersonalAction,
        condition: "the answer has no Action",
        stops: false,
        quote: QuoteOf::Nothing,
        applies: |f| !has_action(f),
    },
    PolicyRule {
        rule: RuleId::FollowupAllWe,
        readme_rule: 2,
        kind: FollowUpKind::AskPersonalAction,
        condition: "every action verb of the Action follows \"we\"",
        stops: false,
        quote: QuoteOf::FirstWe,
        applies: |f| has_action(f) && f.ownership.all_we(),
    },
    PolicyRule {
        rule: RuleId::FollowupNoResult,
        readme_rule: 3,
        kind: FollowUpKind::AskResult,
        condition: "there is no Result",
        stops: false,
        quote: QuoteOf::LastAction,
        applies: |f| f.star.result.is_none(),
    },
    PolicyRule {
        rule: RuleId::FollowupUnmeasuredResult,
        readme_rule: 4,
        kind: FollowUpKind::AskMetric,
        condition: "the Result has no number",
        stops: false,
        quote: QuoteOf::Result,
        applies: |f| f.star.result.is_some() && f.star.quantified.is_none(),
    },
    PolicyRule {
        rule: RuleId::FollowupNoResultMetric,
        readme_rule: 4,
        kind: FollowUpKind::AskMetric,
        condition: "there is no Result, so no number either",
        stops: false,
        quote: QuoteOf::Nothing,
        applies: |f| f.star.result.is_none(),
    },
    PolicyRule {
        rule: RuleId::FollowupUnreasonedDecision,
        readme_rule: 5,
        kind: FollowUpKind::AskWhyDecision,
        condition: "the central decision is given with no reason",
        stops: false,
        quote: QuoteOf::Decision,
        applies: |f| f.decision.is_some_and(|d| !d.reasoned),
    },
    PolicyRule {
        rule: RuleId::FollowupSetbackWithoutLesson,
        readme_rule: 6,
        kind: FollowUpKind::AskLesson,
        condition: "a failure, mistake, conflict or setback story states no lesson",
        stops: false,
        quote: QuoteOf::Setback,
        applies: |f| f.setback.is_some() && f.lesson.is_none(),
    },
    PolicyRule {
        rule: RuleId::FollowupNone,
        readme_rule: 7,
        kind: FollowUpKind::None,
        condition: "none of the rules above applies",
        stops: true,
        quote: QuoteOf::Nothing,
        applies: |_| true,
    },
];

/// The rules that apply to an answer, in the order they are asked: every
/// applying rule up to the first that stops the list; `none` only when
/// nothing else applies.
pub fn applying(facts: &Facts) -> Vec<&'static PolicyRule> {
    let mut out = Vec::new();
    for rule in POLICY {
        if rule.kind == FollowUpKind::None && !out.is_empty() {
            break;
        }
        if rule.applies(facts) {
            out.push(rule);
            if rule.stops {
                break;
            }
        }
    }
    out
}

/// Why the answer's first follow-up is what it is: the rule that chose it,
/// its condition, and the earlier rules that were checked and did not
/// apply.
pub fn explain_first(facts: &Facts) -> String {
    let chosen = applying(facts)[0];
    let mut out = format!(
        "{} ({}, README rule {}): {}",
        chosen.kind.slug(),
        chosen.rule.name(),
        chosen.readme_rule,
        chosen.condition
    );
    let earlier: Vec<&PolicyRule> = POLICY
        .iter()
        .take_while(|r| r.rule != chosen.rule)
        .collect();
    if !earlier.is_empty() {
        out.push_str("; checked first and not applying:");
        for r in earlier {
            let _ = write!(out, " rule {} ({}: no),", r.readme_rule, r.condition);
        }
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts;
    use crate::AnswerInput;

    fn facts_of(text: &str) -> Facts {
        facts(&AnswerInput::text(text))
    }

    #[test]
    fn the_table_follows_the_readme_order() {
        let numbers: Vec<u8> = POLICY.iter().map(|r| r.readme_rule).collect();
        assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "{numbers:?}");
        assert_eq!(numbers.first(), Some(&1));
        assert_eq!(POLICY.last().map(|r| r.kind), Some(FollowUpKind::None));
        // Every kind is asked by some rule, in the kinds' precedence order.
        let kinds: Vec<FollowUpKind> = POLICY.iter().map(|r| r.kind).collect();
        for kind in FollowUpKind::ALL {
            assert!(kinds.contains(&kind), "{kind:?}");
        }
        let order = |k: FollowUpKind| FollowUpKind::ALL.iter().position(|x| *x == k);
        assert!(kinds.windows(2).all(|w| order(w[0]) <= order(w[1])));
    }

    #[test]
    fn an_unmeasured_result_is_asked_for_its_metric_because_rules_1_to_3_do_not_apply() {
        let f = facts_of(
            "Last year our billing job kept failing at night. My job was to fix it. \
            I rewrote the job to load one month at a time. The billing team was really happy.",
        );
        let why = explain_first(&f);
        assert!(
            why.starts_with(
                "ask_metric (followup_unmeasured_result, README rule 4): the Result has no number"
            ),
            "{why}"
        );
        assert!(why.contains("rule 3 (there is no Result: no)"), "{why}");
        assert!(
            why.contains("rule 1 (the story has no Situation: no)"),
            "{why}"
        );
    }

    #[test]
    fn a_story_with_no_result_is_asked_for_it_before_its_metric() {
        let f = facts_of(
            "Last year our billing job kept failing at night. My job was to fix it. \
            I read the logs, and I rewrote the job to load one month at a time.",
        );
        let rules: Vec<RuleId> = applying(&f).iter().map(|r| r.rule).collect();
        assert_eq!(
            rules[..2],
            [RuleId::FollowupNoResult, RuleId::FollowupNoResultMetric]
        );
        assert!(explain_first(&f).starts_with("ask_result (followup_no_result, README rule 3)"));
    }

    #[test]
    fn a_plan_stops_the_list_at_rule_1() {
        let f = facts_of(
            "I would first talk to the customers. Then I'd set up metrics and I would decide.",
        );
        let rules: Vec<RuleId> = applying(&f).iter().map(|r| r.rule).collect();
        assert_eq!(rules, [RuleId::FollowupNotAStory]);
        assert!(!explain_first(&f).contains("checked first"));
    }
}
