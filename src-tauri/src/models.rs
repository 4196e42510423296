//! Which Whisper model the app transcribes with, as a view for the UI.
//!
//! Resolution order is `br_models`' own (`BARRAISER_MODEL` > the chosen
//! setting > the best installed model); this module only turns its answer,
//! or its error, into a `ModelStatus` the Start and Settings screens show.

use crate::dto::models::{InstalledModelView, ModelOffer, ModelStatus, ModelsView};
use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use std::path::PathBuf;

/// The model transcription would load now.
pub fn resolve(state: &AppState) -> Result<br_models::ResolvedModel, CommandError> {
    Ok(state
        .models
        .resolve(None, state.model_override.as_deref())?)
}

pub fn status(state: &AppState) -> ModelStatus {
    match resolve(state) {
        Ok(model) => ModelStatus {
            ready: true,
            name: model.name.clone().or_else(|| file_name(&model.path)),
            path: Some(model.path.display().to_string()),
            source: Some(
                match model.source {
                    br_models::ModelSource::Explicit => "explicit",
                    br_models::ModelSource::Environment => "environment",
                    br_models::ModelSource::Setting => "setting",
                    br_models::ModelSource::BestInstalled => "best_installed",
                }
                .to_string(),
            ),
            problem: None,
        },
        Err(err) => ModelStatus {
            ready: false,
            name: None,
            path: None,
            source: None,
            problem: Some(err.message),
        },
    }
}

fn file_name(path: &std::path::Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

pub fn view(state: &AppState) -> CommandResult<ModelsView> {
    let catalogue = &state.models;
    let installed = catalogue.installed()?;
    let offers = catalogue
        .manifest()
        .models()
        .iter()
        .map(|entry| ModelOffer {
            name: entry.name.clone(),
            size: entry.size,
            note: entry.note.clone(),
            installed: installed.iter().any(|m| m.name == entry.name),
            partial_bytes: catalogue.partial_download(&entry.name),
            recommended: entry.name == br_models::RECOMMENDED_MODEL,
        })
        .collect();
    Ok(ModelsView {
        status: status(state),
        installed: installed
            .iter()
            .map(|m| InstalledModelView {
                name: m.name.clone(),
                path: m.path.display().to_string(),
                size: m.size,
                problem: m.header.as_ref().err().map(|e| e.to_string()),
                own_file: m.is_user_file(),
                origin_note: m.origin_note(),
            })
            .collect(),
        offers,
        chosen: catalogue.chosen()?,
        models_dir: catalogue.models_dir().display().to_string(),
    })
}

/// Copies a user's model file into the models folder (after its header
/// check) and makes it the chosen model.
pub fn add(state: &AppState, path: &str) -> CommandResult<ModelsView> {
    let added = state.models.add(&PathBuf::from(path), None)?;
    state.models.choose(&added.name)?;
    view(state)
}
