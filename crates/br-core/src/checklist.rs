//! The checklist of one answer: what passes and what is missing, each item
//! decided by the rule named beside it, with the thresholds and limits of
//! the rules ([`THRESHOLDS`], [`LIMITS`]) attached, so a caller shows the
//! core's verdicts and numbers instead of computing its own.

use crate::analysis::{
    Check, CheckItem, CheckStatus, Checklist, LengthVerdict, LIMITS, THRESHOLDS,
};
use crate::facts::Facts;
use crate::rules::RuleId;
use crate::score::{filler_rate, too_many_fillers};

/// The checklist of an answer, from its facts.
pub(crate) fn checklist(f: &Facts) -> Checklist {
    let story = f.narrative.story;
    let star = &f.star;
    let mut items = Vec::new();
    let mut add = |check: Check, rule: RuleId, status: CheckStatus, label: &str, detail: String| {
        items.push(CheckItem {
            check,
            status,
            rule,
            label: label.to_string(),
            detail,
        });
    };
    let pass = |ok: bool| {
        if ok {
            CheckStatus::Pass
        } else {
            CheckStatus::Missing
        }
    };
    let event_detail = if story {
        "Recounts a specific past event."
    } else if f.narrative.hypothetical {
        "Says what you would do; tell what you did, one real time."
    } else {
        "Describes habits or traits; tell one specific time."
    };
    add(
        Check::SpecificEvent,
        RuleId::FollowupNotAStory,
        pass(story),
        "A specific past event",
        event_detail.into(),
    );
    add(
        Check::Situation,
        RuleId::FollowupNoSituation,
        pass(star.situation.is_some()),
        "Situation",
        "Set the scene: where, when, and what problem existed.".into(),
    );
    add(
        Check::Task,
        RuleId::ScoreTask,
        pass(star.task.is_some()),
        "Task",
        "Say what you were responsible for.".into(),
    );
    add(
        Check::Action,
        RuleId::FollowupNoAction,
        pass(star.action.is_some()),
        "Action",
        "Say what you did, step by step.".into(),
    );
    let own = &f.ownership;
    let we_heavy = own
        .we_share()
        .is_some_and(|share| share > THRESHOLDS.max_we_action_share);
    let own_detail = format!(
        "{} action verbs follow \u{201c}I\u{201d}, {} follow \u{201c}we\u{201d}.",
        own.i_actions, own.we_actions
    );
    add(
        Check::OwnAction,
        RuleId::ScoreOwnership,
        pass(star.action.is_some() && !we_heavy),
        "\u{201c}I\u{201d}, not \u{201c}we\u{201d}",
        own_detail,
    );
    add(
        Check::Result,
        RuleId::FollowupNoResult,
        pass(star.result.is_some()),
        "Result",
        "Say how it ended.".into(),
    );
    let measured = star.result.is_some() && star.quantified.is_some();
    add(
        Check::ResultMeasured,
        RuleId::FollowupUnmeasuredResult,
        pass(measured),
        "A number in the Result",
        if measured {
            "The Result is measured.".into()
        } else {
            "Name the metric, before and after.".into()
        },
    );
    let (status, detail) = match f.decision {
        None => (
            CheckStatus::NotApplicable,
            "No central decision to explain.",
        ),
        Some(d) if d.reasoned => (CheckStatus::Pass, "The central decision has its reason."),
        Some(_) => (CheckStatus::Missing, "Say why you chose what you did."),
    };
    add(
        Check::DecisionReason,
        RuleId::FollowupUnreasonedDecision,
        status,
        "The reason for the decision",
        detail.into(),
    );
    let (status, detail) = match (f.setback, f.lesson) {
        (_, Some(_)) => (CheckStatus::Pass, "States what you learned."),
        (Some(_), None) => (
            CheckStatus::Missing,
            "Say what you learned and do differently now.",
        ),
        (None, None) => (
            CheckStatus::NotApplicable,
            "No setback that calls for a lesson.",
        ),
    };
    add(
        Check::Lesson,
        RuleId::FollowupSetbackWithoutLesson,
        status,
        "A lesson from the setback",
        detail.into(),
    );
    add(
        Check::FewFillers,
        RuleId::ScoreFillerRate,
        pass(!too_many_fillers(f)),
        "Few fillers",
        format!(
            "{} fillers, {:.1} per 100 words (a finding from {} and {} per 100 words).",
            f.fillers.total,
            filler_rate(f),
            THRESHOLDS.min_fillers,
            THRESHOLDS.fillers_per_100_words
        ),
    );
    let length = f.specificity.length;
    add(
        Check::Length,
        RuleId::ScoreLength,
        pass(length == LengthVerdict::WithinNorm),
        "1.5\u{2013}3 minutes long",
        match length {
            LengthVerdict::TooShort => "Too short to carry a full story.",
            LengthVerdict::TooLong => "Too long; interviewers cut in after three minutes.",
            LengthVerdict::WithinNorm => "A good length.",
        }
        .into(),
    );
    Checklist {
        items,
        thresholds: THRESHOLDS,
        limits: LIMITS,
    }
}

impl Checklist {
    /// Judges the checklist as that of an answer to a follow-up: such an
    /// answer is short by design, so only a main answer is held to the
    /// length norm. Idempotent, so a caller may apply it to stored analyses.
    pub fn for_followup_answer(&mut self) {
        for item in self.items.iter_mut().filter(|i| i.check == Check::Length) {
            item.status = CheckStatus::NotApplicable;
            item.detail = "A follow-up answer may be short; only the main answer is held to the \
                           length norm."
                .into();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::{Check, CheckStatus};
    use crate::{analyze, AnswerInput};

    fn status(text: &str, check: Check) -> CheckStatus {
        let a = analyze(&AnswerInput::text(text));
        a.checklist
            .items
            .iter()
            .find(|i| i.check == check)
            .map(|i| i.status)
            .expect("every check is listed")
    }

    const VAGUE: &str = "Last year our billing job kept failing at night. My job was to fix it. \
        I rewrote the job to load one month at a time. The billing team was really happy.";

    #[test]
    fn the_checklist_agrees_with_the_followups() {
        let a = analyze(&AnswerInput::text(VAGUE));
        assert_eq!(a.followups[0].kind, crate::FollowUpKind::AskMetric);
        assert_eq!(status(VAGUE, Check::ResultMeasured), CheckStatus::Missing);
        assert_eq!(status(VAGUE, Check::Result), CheckStatus::Pass);
        assert_eq!(status(VAGUE, Check::Situation), CheckStatus::Pass);
        assert_eq!(status(VAGUE, Check::Lesson), CheckStatus::NotApplicable);
    }

    #[test]
    fn we_only_actions_fail_the_ownership_check() {
        let text = "Our migration was late. We wrote a plan, we moved services in waves, and we \
            finished with zero downtime.";
        assert_eq!(status(text, Check::OwnAction), CheckStatus::Missing);
        assert_eq!(status(VAGUE, Check::OwnAction), CheckStatus::Pass);
    }

    #[test]
    fn many_fillers_fail_the_filler_check_at_the_scores_threshold() {
        let text = "So, um, like, we basically, um, did stuff, you know, and it was, um, fine.";
        let a = analyze(&AnswerInput::text(text));
        let finding = a.score.findings.iter().any(|f| f.code == "fillers");
        assert!(finding);
        assert_eq!(status(text, Check::FewFillers), CheckStatus::Missing);
        assert_eq!(status(VAGUE, Check::FewFillers), CheckStatus::Pass);
    }

    #[test]
    fn a_followup_answer_is_not_held_to_the_length_norm() {
        let mut a = analyze(&AnswerInput::text(
            "I chose Postgres because we needed joins.",
        ));
        let length = |a: &crate::Analysis| {
            let item = a.checklist.items.iter().find(|i| i.check == Check::Length);
            item.map(|i| i.status).expect("a length check")
        };
        assert_eq!(length(&a), CheckStatus::Missing);
        a.checklist.for_followup_answer();
        a.checklist.for_followup_answer();
        assert_eq!(length(&a), CheckStatus::NotApplicable);
    }

    #[test]
    fn the_thresholds_and_limits_travel_with_the_checklist() {
        let a = analyze(&AnswerInput::text(VAGUE));
        let v = serde_json::to_value(&a.checklist).expect("serialisable");
        assert_eq!(v["limits"]["max_followup_depth"], 5);
        assert_eq!(v["limits"]["max_questions"], 8);
        assert_eq!(v["thresholds"]["fillers_per_100_words"], 4.0);
        assert_eq!(v["items"][0]["check"], "specific_event");
        assert_eq!(v["items"][0]["rule"], "followup_not_a_story");
    }
}
