// The name of every command the UI may invoke. `build.rs` includes this file
// to generate one `allow-<name>` permission per command (Tauri denies any app
// command without one), and a test checks it against the registered commands
// and the capability file, so a command cannot be added without granting it
// on purpose.
pub const COMMANDS: &[&str] = &["get_catalog"];
