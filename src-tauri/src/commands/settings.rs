//! Settings: data folders, the microphone, the "say something" test, the
//! interviewer (voice, hands-free answers), and deleting all data.

use crate::dto::settings::{
    InterviewerChoice, Level, MicTest, Microphone, SettingsView, VoiceOption,
};
use crate::error::{io_error, CommandResult};
use crate::state::{blocking, AppState};
use crate::{devices, interviewer, models};
use tauri::ipc::Channel;
use tauri::AppHandle;

fn settings_view(state: &AppState) -> CommandResult<SettingsView> {
    let (open_round, microphone, interviewer) = state.practice.with_store(|store| {
        let open_round = store
            .list_rounds()?
            .iter()
            .find(|r| r.status == br_session::RoundStatus::Open)
            .map(crate::dto::round::RoundListItem::from);
        let microphone = store.setting(devices::MICROPHONE_SETTING)?;
        CommandResult::Ok((open_round, microphone, interviewer::load(store)?))
    })?;
    Ok(SettingsView {
        data_dir: state.paths.data_dir.display().to_string(),
        recordings_dir: state.paths.recordings_dir.display().to_string(),
        exports_dir: state.paths.exports_dir.display().to_string(),
        microphone,
        model: models::status(state),
        open_round,
        interviewer: interviewer.into(),
    })
}

/// Folders, chosen microphone, model status and any round left open.
#[tauri::command]
#[specta::specta]
pub async fn get_settings(app: AppHandle) -> CommandResult<SettingsView> {
    blocking(&app, settings_view).await
}

/// The input devices the system offers.
#[tauri::command]
#[specta::specta]
pub async fn list_microphones(app: AppHandle) -> CommandResult<Vec<Microphone>> {
    blocking(&app, |_| {
        Ok(br_audio::list_input_devices()?
            .iter()
            .map(Microphone::from)
            .collect())
    })
    .await
}

/// Chooses the input device to record from; `null` follows the system default.
#[tauri::command]
#[specta::specta]
pub async fn set_microphone(app: AppHandle, name: Option<String>) -> CommandResult<SettingsView> {
    blocking(&app, move |state| {
        state
            .practice
            .with_store(|store| store.set_setting(devices::MICROPHONE_SETTING, name.as_deref()))?;
        settings_view(state)
    })
    .await
}

/// Sets how the interviewer behaves: hands-free answers and the silence
/// that ends one, and whether it speaks, with which voice and how fast.
#[tauri::command]
#[specta::specta]
pub async fn set_interviewer(
    app: AppHandle,
    choice: InterviewerChoice,
) -> CommandResult<SettingsView> {
    blocking(&app, move |state| {
        state
            .practice
            .with_store(|store| interviewer::save(store, &choice.into()))?;
        settings_view(state)
    })
    .await
}

/// The system voices the interviewer can speak with.
#[tauri::command]
#[specta::specta]
pub async fn list_voices(app: AppHandle) -> CommandResult<Vec<VoiceOption>> {
    blocking(&app, |state| {
        Ok(state
            .speaker
            .voices()?
            .iter()
            .map(VoiceOption::from)
            .collect())
    })
    .await
}

/// Records a few seconds from the chosen microphone, streaming its level
/// over `on_level`, and says whether a voice was heard. Nothing is kept.
#[tauri::command]
#[specta::specta]
pub async fn test_microphone(app: AppHandle, on_level: Channel<Level>) -> CommandResult<MicTest> {
    blocking(&app, move |state| {
        devices::test_microphone(state, &mut |level| {
            let _ = on_level.send(level.into());
        })
    })
    .await
}

/// Deletes every round with its recordings, every story and every exported
/// report. Downloaded speech models are kept (they are large and hold no
/// personal data).
#[tauri::command]
#[specta::specta]
pub async fn delete_all_data(app: AppHandle) -> CommandResult<SettingsView> {
    blocking(&app, |state| {
        let rounds = state.practice.with_store(|store| store.list_rounds())?;
        for round in rounds {
            state.practice.delete_round(round.id)?;
        }
        state.practice.with_store(|store| {
            for story in store.stories()? {
                store.delete_story(story.id)?;
            }
            Ok::<_, br_store::StoreError>(())
        })?;
        if state.paths.exports_dir.exists() {
            std::fs::remove_dir_all(&state.paths.exports_dir)
                .and_then(|_| std::fs::create_dir_all(&state.paths.exports_dir))
                .map_err(|e| io_error("could not delete the exported reports", &e))?;
        }
        settings_view(state)
    })
    .await
}
