//! The "what is missing" checklist shown after an answer: each item and
//! whether the answer passes it, as the engine decided. STAR parts and the
//! measured Result are the analysis's own verdicts; "I", fillers and length
//! pass unless the score holds a finding against them, so the thresholds
//! (fillers per 100 words, action verbs after "we", the 1.5-3 minute norm)
//! stay in `br_core` and the UI shows the outcome and decides nothing. When
//! `br_core` carries its own checklist, this module mirrors it instead.

use br_core::analysis::LengthVerdict;
use serde::Serialize;
use specta::Type;

/// One thing a strong answer has: the four STAR parts, a measured Result,
/// actions that are the candidate's own ("I", not "we"), few fillers, and
/// (main answers only) the 1.5-3 minute length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CheckItem {
    Situation,
    Task,
    Action,
    Result,
    ResultMeasured,
    OwnAction,
    FewFillers,
    Length,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Check {
    pub item: CheckItem,
    pub ok: bool,
    /// The engine's reason when the item fails, in its words; null when it
    /// passes or when the part is simply absent.
    pub reason: Option<String>,
}

/// The checklist of one answer, in the order the UI lists it.
pub fn checklist(a: &br_core::Analysis) -> Vec<Check> {
    let against = |codes: &[&str]| {
        a.score
            .findings
            .iter()
            .find(|f| !f.positive && codes.contains(&f.code.as_str()))
            .map(|f| f.text.clone())
    };
    let verdict = |item, ok: bool, codes: &[&str]| Check {
        item,
        ok,
        reason: if ok { None } else { against(codes) },
    };
    let unless_found = |item, codes: &[&str]| {
        let reason = against(codes);
        Check {
            item,
            ok: reason.is_none(),
            reason,
        }
    };
    vec![
        verdict(
            CheckItem::Situation,
            a.star.situation.present,
            &["situation_missing"],
        ),
        verdict(CheckItem::Task, a.star.task.present, &["task_missing"]),
        verdict(
            CheckItem::Action,
            a.star.action.present,
            &["action_missing"],
        ),
        verdict(
            CheckItem::Result,
            a.star.result.present,
            &["result_missing"],
        ),
        verdict(
            CheckItem::ResultMeasured,
            a.result_quantified,
            &["result_not_quantified"],
        ),
        unless_found(CheckItem::OwnAction, &["we_only", "we_heavy"]),
        unless_found(CheckItem::FewFillers, &["fillers"]),
        verdict(
            CheckItem::Length,
            a.specificity.length == LengthVerdict::WithinNorm,
            &["too_short", "too_long"],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &br_core::Analysis, item: CheckItem) -> Check {
        checklist(a).into_iter().find(|c| c.item == item).unwrap()
    }

    /// The UI once passed fillers at up to 4 per minute and "I" at a share
    /// of one half; the engine flags fillers per 100 words and judges "we"
    /// by the action verbs. The checklist follows the engine.
    #[test]
    fn the_checklist_follows_the_engine_not_ratios() {
        // Few fillers per minute (a long answer) but many per 100 words.
        let text = "Um, I, uh, led the, um, migration, uh, and, um, I cut costs.";
        let timeline = br_core::SpeechTimeline {
            duration_s: 600.0,
            speech_s: 600.0,
            pauses: Vec::new(),
        };
        let a = br_core::analyze(&br_core::AnswerInput {
            timeline: Some(&timeline),
            ..br_core::AnswerInput::text(text)
        });
        assert!(a.fillers.per_minute.unwrap() < 4.0);
        let fillers = check(&a, CheckItem::FewFillers);
        assert!(!fillers.ok);
        assert!(fillers.reason.unwrap().contains("per 100 words"));

        // More "I" than "we", yet every action verb follows "we".
        let text = "I joined in March and I was the newest engineer on my team. We analyzed \
                    the outage, we rebuilt the pipeline and we shipped the fix.";
        let a = br_core::analyze(&br_core::AnswerInput::text(text));
        assert!(a.first_person.i_share.unwrap() >= 0.5);
        assert!(!check(&a, CheckItem::OwnAction).ok);
    }

    #[test]
    fn a_complete_answer_passes_its_star_items() {
        let text = "In 2023 checkout latency rose to 900 milliseconds. I owned the service \
                    and my goal was 300 milliseconds. I profiled it and I batched the query. \
                    As a result latency fell to 220 milliseconds and conversion rose 4 percent.";
        let a = br_core::analyze(&br_core::AnswerInput::text(text));
        for item in [
            CheckItem::Situation,
            CheckItem::Task,
            CheckItem::Action,
            CheckItem::Result,
            CheckItem::ResultMeasured,
            CheckItem::OwnAction,
        ] {
            let c = check(&a, item);
            assert!(c.ok && c.reason.is_none(), "{item:?}: {c:?}");
        }
    }
}
