//! The `bar-raiser` binary: everything lives in the library so tests can
//! reach it; this only hides the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    bar_raiser_app::run();
}
