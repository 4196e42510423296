//! The "what is there, what is missing" checklist shown after an answer is
//! the engine's own (`br_core::Analysis::checklist`), carried as it is: the
//! core's `CheckItem` derives `specta::Type` (br-core's `specta` feature), so
//! there is no mirror to drift. Each item's status, label and detail are
//! decided and worded in `br_core::checklist`; the UI decides nothing. These
//! tests hold the app's view to that.

use crate::dto::analysis::Analysis;
use br_core::analysis::{Check, CheckStatus};

fn status(a: &Analysis, check: Check) -> CheckStatus {
    a.checklist
        .iter()
        .find(|c| c.check == check)
        .map(|c| c.status)
        .expect("every check is listed")
}

/// The UI once passed fillers at up to 4 per minute and "I" at a share
/// of one half; the engine flags fillers per 100 words and judges "we"
/// by the action verbs. The checklist the UI receives is the engine's.
#[test]
fn the_checklist_follows_the_engine_not_ratios() {
    // Few fillers per minute (a long answer) but many per 100 words.
    let text = "Um, I, uh, led the, um, migration, uh, and, um, I cut costs.";
    let timeline = br_core::SpeechTimeline {
        duration_s: 600.0,
        speech_s: 600.0,
        pauses: Vec::new(),
    };
    let core = br_core::analyze(&br_core::AnswerInput {
        timeline: Some(&timeline),
        ..br_core::AnswerInput::text(text)
    });
    assert!(core.fillers.per_minute.unwrap() < 4.0);
    let a = Analysis::from(&core);
    assert_eq!(status(&a, Check::FewFillers), CheckStatus::Missing);

    // More "I" than "we", yet every action verb follows "we".
    let text = "I joined in March and I was the newest engineer on my team. We analyzed \
                the outage, we rebuilt the pipeline and we shipped the fix.";
    let core = br_core::analyze(&br_core::AnswerInput::text(text));
    assert!(core.first_person.i_share.unwrap() >= 0.5);
    let a = Analysis::from(&core);
    assert_eq!(status(&a, Check::OwnAction), CheckStatus::Missing);
}

#[test]
fn every_core_item_reaches_the_ui_in_order_with_its_rule() {
    let text = "In 2023 checkout latency rose to 900 milliseconds. I owned the service \
                and my goal was 300 milliseconds. I profiled it and I batched the query. \
                As a result latency fell to 220 milliseconds and conversion rose 4 percent.";
    let core = br_core::analyze(&br_core::AnswerInput::text(text));
    let a = Analysis::from(&core);
    let sent: Vec<_> = a
        .checklist
        .iter()
        .map(|c| (c.check, c.status, c.rule))
        .collect();
    let decided: Vec<_> = core
        .checklist
        .items
        .iter()
        .map(|c| (c.check, c.status, c.rule))
        .collect();
    assert_eq!(sent, decided);
    assert_eq!(status(&a, Check::ResultMeasured), CheckStatus::Pass);
    assert!(a
        .checklist
        .iter()
        .all(|c| !c.label.is_empty() && !c.detail.is_empty()));
}
