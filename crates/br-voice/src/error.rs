//! What can go wrong when the interviewer speaks.

/// Why a prompt could not be spoken.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum VoiceError {
    /// The system has no speech service the app can reach.
    #[error(
        "no speech service is available ({0}); the questions are shown as text. \
         On Linux install speech-dispatcher (sudo apt install speech-dispatcher), \
         or mute the interviewer in Settings"
    )]
    Unavailable(String),
    /// The service is there but refused this request.
    #[error("the speech service failed: {0}; the question is shown as text")]
    Failed(String),
    /// The chosen voice is gone (uninstalled, or another machine's setting).
    #[error("the voice {0} is not installed; choose another in Settings")]
    NoSuchVoice(String),
}
