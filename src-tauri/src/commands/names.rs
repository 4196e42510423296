// The name of every command the UI may invoke. `build.rs` includes this file
// to generate one `allow-<name>` permission per command (Tauri denies any app
// command without one), and a test checks it against the registered commands
// and the capability file, so a command cannot be added without granting it
// on purpose.
pub const COMMANDS: &[&str] = &[
    "get_catalog",
    "start_round",
    "current_round",
    "skip_followup",
    "retry_answer",
    "rate_answer",
    "end_round",
    "tag_story",
    "resume_round",
    "close_round",
    "start_answer",
    "stop_answer",
    "cancel_answer",
    "list_rounds",
    "get_round",
    "delete_round",
    "export_round",
    "get_progress",
    "add_story",
    "delete_story",
    "list_models",
    "download_model",
    "cancel_download",
    "choose_model",
    "add_model",
    "get_settings",
    "list_microphones",
    "set_microphone",
    "set_interviewer",
    "test_microphone",
    "delete_all_data",
];
