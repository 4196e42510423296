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

mod commands;
mod dto;

mod paths;
mod playback;
mod state;

use state::AppState;
use tauri::Manager;

/// The commands and events the UI may use, with their types.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .error_handling(tauri_specta::ErrorHandlingMode::Throw)
        .commands(tauri_specta::collect_commands![
            commands::catalog::get_catalog,
        ])
}

/// Starts the app; returns when the window is closed.
pub fn run() {
    let builder = specta_builder();
    tauri::Builder::default()
        .invoke_handler(builder.invoke_handler())
        .register_asynchronous_uri_scheme_protocol(playback::SCHEME, |ctx, request, responder| {
            let root = ctx
                .app_handle()
                .state::<AppState>()
                .paths
                .recordings_dir
                .clone();
            // Reading a slice of a WAV is quick, but not on the UI thread.
            std::thread::spawn(move || responder.respond(playback::respond(&root, &request)));
        })
        .setup(move |app| {
            builder.mount_events(app);
            let platform_dir = app.path().app_data_dir()?;
            let paths = paths::DataPaths::new(&paths::data_dir_from_env(platform_dir));
            paths.create()?;
            app.manage(AppState {
                paths,
                bank: br_core::QuestionBank::builtin(),
            });
            Ok(())
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
        let fresh = tempfile::tempdir().unwrap().keep().join("bindings.ts");
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
        let fresh = tempfile::tempdir().unwrap().keep().join("bindings.ts");
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
