//! History and Replay: list, open, delete and export stored rounds.

use crate::dto::round::{RoundListItem, RoundView};
use crate::dto::Id;
use crate::error::{io_error, CommandError, CommandResult, ErrorKind};
use crate::state::blocking;
use serde::Deserialize;
use specta::Type;
use tauri::AppHandle;

/// Every stored round, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_rounds(app: AppHandle) -> CommandResult<Vec<RoundListItem>> {
    blocking(&app, |state| {
        Ok(state
            .practice
            .with_store(|store| store.list_rounds())?
            .iter()
            .map(RoundListItem::from)
            .collect())
    })
    .await
}

/// One stored round with every turn, transcript, analysis and its summary.
#[tauri::command]
#[specta::specta]
pub async fn get_round(app: AppHandle, round_id: Id) -> CommandResult<RoundView> {
    blocking(&app, move |state| {
        let record = state
            .practice
            .with_store(|store| store.load_round(round_id.0))?;
        Ok(RoundView::stored(&record))
    })
    .await
}

/// Deletes a round and its recordings; nothing else is touched.
#[tauri::command]
#[specta::specta]
pub async fn delete_round(app: AppHandle, round_id: Id) -> CommandResult<()> {
    blocking(&app, move |state| {
        state.practice.delete_round(round_id.0)?;
        Ok(())
    })
    .await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Markdown,
    Html,
}

/// Writes the round's report (questions, transcripts with fillers marked,
/// STAR parts, follow-ups, scores and reasons) to the exports folder and
/// returns the file's path.
#[tauri::command]
#[specta::specta]
pub async fn export_round(
    app: AppHandle,
    round_id: Id,
    format: ReportFormat,
) -> CommandResult<String> {
    blocking(&app, move |state| {
        let (record, stories) = state.practice.with_store(|store| {
            Ok::<_, br_store::StoreError>((store.load_round(round_id.0)?, store.stories()?))
        })?;
        let (text, ext) = match format {
            ReportFormat::Markdown => (br_session::report::markdown(&record, &stories), "md"),
            ReportFormat::Html => (br_session::report::html(&record, &stories), "html"),
        };
        let path = state
            .paths
            .exports_dir
            .join(format!("bar-raiser-round-{}.{ext}", round_id.0));
        std::fs::create_dir_all(&state.paths.exports_dir)
            .and_then(|_| std::fs::write(&path, text))
            .map_err(|e| io_error("could not write the report", &e))?;
        path.to_str().map(str::to_string).ok_or_else(|| {
            CommandError::new(
                ErrorKind::Disk,
                "the exports folder's path is not valid text",
            )
        })
    })
    .await
}
