//! Microphone capture (cpal), streaming crash-safe WAV files (hound),
//! resampling to 16 kHz and voice-activity detection.
//!
//! Everything downstream of this crate sees one audio format: mono `f32`
//! samples at 16 kHz ([`SAMPLE_RATE`]). Recordings go to disk as they are
//! captured, unfiltered, so pauses and speaking rate can be measured on the
//! real signal and a crash loses at most half a second.
//!
//! API boundary: this crate knows nothing of Whisper or of the analysis; it
//! shares only the timeline types of `br-core`.

mod capture;
mod error;
mod resample;
mod vad;
mod wav;

pub use capture::{
    list_input_devices, AudioListener, Cmd, InputDevice, Level, Recorder, Recording, Source,
};
pub use error::{AudioError, ErrorKind};
pub use resample::{to_mono_16k, MonoResampler, SAMPLE_RATE};
pub use vad::{SpeechRegion, Vad, FRAME_LEN, MIN_PAUSE_S};
pub use wav::{
    marker_path, read_wav, read_wav_raw, recover_if_interrupted, recover_interrupted,
    repair_header, write_wav, RawAudio, Recovered, WavSink,
};
