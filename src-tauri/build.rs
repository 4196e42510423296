//! Generates Tauri's context and the per-command permissions listed in
//! `src/commands/names.rs`.

include!("src/commands/names.rs");

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("the Tauri build step");
}
