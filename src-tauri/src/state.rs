//! The state Tauri manages for the commands. One struct, built once in
//! `lib.rs`; commands reach it as `State<'_, AppState>`.

use crate::paths::DataPaths;

pub struct AppState {
    pub paths: DataPaths,
    pub bank: br_core::QuestionBank,
}
