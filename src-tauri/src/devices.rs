//! The microphone: which device to record from, and the "say something"
//! test of the Start and Settings screens.

use crate::error::CommandResult;
use crate::state::AppState;
use std::time::{Duration, Instant};

/// The store setting that names the chosen input device.
pub const MICROPHONE_SETTING: &str = "microphone";

/// How long the test listens.
const TEST_LENGTH: Duration = Duration::from_secs(3);
/// How often levels are sent to a meter: smooth enough for the eye,
/// cheap for the IPC.
pub const METER_INTERVAL: Duration = Duration::from_millis(50);
/// A peak above this (about -26 dBFS) is a voice, not room noise.
const VOICE_PEAK: f32 = 0.05;

/// Where answers are recorded from: the chosen device, else the default.
pub fn source(state: &AppState) -> CommandResult<br_audio::Source> {
    let device = state
        .practice
        .with_store(|store| store.setting(MICROPHONE_SETTING))?;
    Ok(br_audio::Source::Microphone { device })
}

/// Records `TEST_LENGTH` into a scratch file that is deleted afterwards,
/// calling `on_level` as the audio comes in.
pub fn test_microphone(
    state: &AppState,
    on_level: &mut dyn FnMut(br_audio::Level),
) -> CommandResult<crate::dto::settings::MicTest> {
    let source = source(state)?;
    let scratch = state.paths.data_dir.join("microphone-test.wav");
    let recorder = br_audio::Recorder::start(&source, &scratch, None)?;
    let device = recorder.device().to_string();
    let started = Instant::now();
    let mut peak: f32 = 0.0;
    while started.elapsed() < TEST_LENGTH {
        std::thread::sleep(METER_INTERVAL);
        let level = recorder.level();
        peak = peak.max(level.peak);
        on_level(level);
        if level.finished {
            break;
        }
    }
    let result = recorder.stop();
    let _ = std::fs::remove_file(&scratch);
    let _ = std::fs::remove_file(br_audio::marker_path(&scratch));
    result?;
    Ok(crate::dto::settings::MicTest {
        device,
        peak,
        heard_voice: peak > VOICE_PEAK,
    })
}
