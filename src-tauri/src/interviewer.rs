//! How the interviewer behaves, as the candidate set it in Settings:
//! hands-free answers (an answer ends after a silence, the next prompt is
//! asked and recording starts again by itself). Stored as store settings;
//! the rule that ends an answer and its default are `br_session::AutoStop`.

use crate::error::{CommandError, CommandResult, ErrorKind};
use br_session::AutoStop;

/// "on" when answers end by themselves after a silence.
const HANDS_FREE_SETTING: &str = "hands_free";
/// The silence, in seconds, that ends a hands-free answer.
const SILENCE_SETTING: &str = "hands_free_silence_s";

/// The interviewer's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interviewer {
    pub hands_free: bool,
    pub auto_stop: AutoStop,
}

impl Interviewer {
    /// The rule that ends answers, when hands-free is on.
    pub fn auto_stop(&self) -> Option<AutoStop> {
        self.hands_free.then_some(self.auto_stop)
    }
}

/// The stored settings; what was never set takes its default (hands-free
/// off, the core's default silence).
pub fn load(store: &br_store::Store) -> CommandResult<Interviewer> {
    let hands_free = store.setting(HANDS_FREE_SETTING)?.as_deref() == Some("on");
    let stored_silence = store.setting(SILENCE_SETTING)?;
    let auto_stop = match stored_silence.as_deref() {
        None => AutoStop::DEFAULT,
        // A value edited by hand into the database is not worth refusing to
        // record over: the default applies until the candidate sets it again.
        Some(value) => value
            .parse()
            .ok()
            .and_then(AutoStop::new)
            .unwrap_or_else(|| {
                tracing::warn!(value, "ignoring the stored hands-free silence");
                AutoStop::DEFAULT
            }),
    };
    Ok(Interviewer {
        hands_free,
        auto_stop,
    })
}

/// Stores the settings; `silence_s` must be within the core's range.
pub fn save(store: &mut br_store::Store, hands_free: bool, silence_s: f64) -> CommandResult<()> {
    let auto_stop = AutoStop::new(silence_s).ok_or_else(|| {
        CommandError::new(
            ErrorKind::InvalidInput,
            format!(
                "the silence that ends an answer must be between {} and {} seconds; \
                 choose a value in that range",
                AutoStop::MIN_SILENCE_S,
                AutoStop::MAX_SILENCE_S
            ),
        )
    })?;
    store.set_setting(
        HANDS_FREE_SETTING,
        Some(if hands_free { "on" } else { "off" }),
    )?;
    store.set_setting(SILENCE_SETTING, Some(&auto_stop.silence_s().to_string()))?;
    Ok(())
}
