//! Bar Raiser's desktop shell: wires the core crates to the UI.
//!
//! Architecture boundary: this crate is the only one that knows Tauri or
//! specta. It holds no interview logic of its own; commands translate between
//! the UI's DTOs and the core crates' calls.
//!
//! Everything is wired in [`run`]: the state, the commands and events (through
//! [`specta_builder`], which the bindings test shares so the generated
//! TypeScript always describes exactly what is registered), and the
//! `recording://` playback scheme.

mod answer;
mod commands;
mod devices;
mod dto;
mod error;
mod interview;
mod interviewer;
mod models;
mod paths;
mod playback;
mod state;

use state::AppState;
use std::sync::Mutex;
use tauri::Manager;

/// The commands the UI may use, with their types.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .error_handling(tauri_specta::ErrorHandlingMode::Throw)
        .disable_serde_phases()
        .commands(tauri_specta::collect_commands![
            commands::catalog::get_catalog,
            commands::rounds::start_round,
            commands::rounds::current_round,
            commands::rounds::skip_followup,
            commands::rounds::retry_answer,
            commands::rounds::rate_answer,
            commands::rounds::end_round,
            commands::rounds::tag_story,
            commands::rounds::resume_round,
            commands::rounds::close_round,
            commands::answer::ask_prompt,
            commands::answer::start_answer,
            commands::answer::stop_answer,
            commands::answer::cancel_answer,
            commands::history::list_rounds,
            commands::history::get_round,
            commands::history::delete_round,
            commands::history::export_round,
            commands::progress::get_progress,
            commands::progress::add_story,
            commands::progress::delete_story,
            commands::models::list_models,
            commands::models::download_model,
            commands::models::cancel_download,
            commands::models::choose_model,
            commands::models::add_model,
            commands::settings::get_settings,
            commands::settings::list_microphones,
            commands::settings::set_microphone,
            commands::settings::set_interviewer,
            commands::settings::list_voices,
            commands::settings::test_microphone,
            commands::settings::delete_all_data,
        ])
}

/// Builds the app state: the data folder (`BARRAISER_DATA_DIR` or the
/// platform's, shared with the CLI), the database, the model catalogue in
/// that folder, and `BARRAISER_MODEL`.
fn init_state() -> Result<AppState, Box<dyn std::error::Error>> {
    let data_dir = br_store::resolve_data_dir(None)?;
    let paths = paths::DataPaths::new(&data_dir);
    paths
        .create()
        .map_err(|e| format!("cannot create {}: {e}", paths.data_dir.display()))?;
    // A recording cut short by a crash gets its header repaired now, so the
    // answer it belongs to can be replayed.
    for problem in paths::recover_recordings(&paths.recordings_dir) {
        tracing::warn!("{problem}");
    }
    let store = br_store::Store::open(&data_dir)?;
    Ok(AppState {
        models: br_models::Catalogue::new(
            br_models::models_dir_in(&data_dir),
            br_models::Manifest::builtin(),
        ),
        model_override: std::env::var_os(br_models::MODEL_ENV).filter(|v| !v.is_empty()),
        paths,
        bank: br_core::QuestionBank::builtin(),
        practice: br_app::Practice::new(store),
        answer: answer::AnswerSlot::default(),
        download: Mutex::new(None),
        speaker: interviewer::Speaker::default(),
    })
}

/// Logs to stderr: warnings and what each answer cost to finish, or what
/// `BARRAISER_LOG` asks for (an `EnvFilter`, e.g. `bar_raiser_app=debug`).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BARRAISER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// Starts the app; returns when the window is closed.
pub fn run() {
    init_logging();
    let builder = specta_builder();
    let app = tauri::Builder::default();
    // Without its data folder the app can do nothing, but it still opens:
    // every command then reports why, so the user is not left with a window
    // that never appears.
    let app = match init_state() {
        Ok(state) => app.manage(state),
        Err(err) => {
            let reason = format!(
                "Bar Raiser could not open its data folder or database: {err}. \
                 Check that the folder is writable, or set BARRAISER_DATA_DIR to another folder."
            );
            tracing::error!("{reason}");
            app.manage(state::StartupFailure(reason))
        }
    };
    app.invoke_handler(builder.invoke_handler())
        .register_asynchronous_uri_scheme_protocol(playback::SCHEME, |ctx, request, responder| {
            let Some(state) = ctx.app_handle().try_state::<AppState>() else {
                responder.respond(playback::unavailable());
                return;
            };
            let root = state.paths.recordings_dir.clone();
            // Reading a slice of a WAV is quick, but not on the UI thread.
            std::thread::spawn(move || responder.respond(playback::respond(&root, &request)));
        })
        .run(tauri::generate_context!())
        .expect("error while running Bar Raiser");
}

#[cfg(test)]
mod bindings_tests {
    //! The generated TypeScript bindings must match the Rust commands.

    use std::path::PathBuf;

    const BINDINGS: &str = "../ui/src/lib/bindings.ts";

    /// Fails when `ui/src/lib/bindings.ts` is stale. Regenerate with
    /// `BARRAISER_UPDATE_BINDINGS=1 cargo test -p bar-raiser-app bindings`.
    #[test]
    fn bindings_are_up_to_date() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BINDINGS);
        let scratch = tempfile::tempdir().unwrap();
        let fresh = scratch.path().join("bindings.ts");
        super::specta_builder()
            .export(specta_typescript::Typescript::default(), &fresh)
            .expect("the bindings export");
        let fresh_text = std::fs::read_to_string(&fresh).unwrap();
        if std::env::var_os("BARRAISER_UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed, &fresh_text).unwrap();
        }
        let committed_text = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            committed_text == fresh_text,
            "ui/src/lib/bindings.ts is stale; regenerate it with \
             BARRAISER_UPDATE_BINDINGS=1 cargo test -p bar-raiser-app bindings"
        );
    }

    /// Every registered command is in `names.rs` (which generates its
    /// permission) and granted by the capability file, and nothing else is.
    #[test]
    fn capabilities_grant_exactly_the_registered_commands() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let scratch = tempfile::tempdir().unwrap();
        let fresh = scratch.path().join("bindings.ts");
        super::specta_builder()
            .export(specta_typescript::Typescript::default(), &fresh)
            .unwrap();
        let bindings = std::fs::read_to_string(&fresh).unwrap();
        let mut registered: Vec<String> = bindings
            .split("__TAURI_INVOKE")
            .filter(|rest| rest.starts_with('<') || rest.starts_with('('))
            .map(|rest| rest.split('"').nth(1).unwrap().to_string())
            .collect();
        registered.sort();
        let mut listed: Vec<String> = crate::commands::names::COMMANDS
            .iter()
            .map(|s| s.to_string())
            .collect();
        listed.sort();
        assert_eq!(registered, listed, "src/commands/names.rs");

        let capability: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("capabilities/default.json")).unwrap(),
        )
        .unwrap();
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| !p.starts_with("core:"))
            .map(str::to_string)
            .collect();
        granted.sort();
        let mut wanted: Vec<String> = listed
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        wanted.sort();
        assert_eq!(granted, wanted, "capabilities/default.json");
    }
}
