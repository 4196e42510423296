//! The chosen-model setting, kept in `settings.toml` in the models folder.
//!
//! Two plain functions are the whole interface, so the setting can move into
//! the app's SQLite settings later without touching any caller. The file is
//! written to a temporary name and renamed, so a crash never leaves half a
//! file behind.

use crate::Error;
use serde::Deserialize;
use std::path::{Path, PathBuf};

const SETTINGS_FILE: &str = "settings.toml";

#[derive(Deserialize)]
struct Settings {
    chosen_model: Option<String>,
}

fn settings_path(models_dir: &Path) -> PathBuf {
    models_dir.join(SETTINGS_FILE)
}

/// The model the user chose, if any.
pub fn chosen_model(models_dir: &Path) -> Result<Option<String>, Error> {
    let path = settings_path(models_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::Io {
                action: "read",
                path,
                source,
            })
        }
    };
    let settings: Settings = toml::from_str(&text).map_err(|e| Error::Settings {
        path: path.clone(),
        message: e.message().to_string(),
    })?;
    Ok(settings.chosen_model)
}

/// Records `name` as the chosen model, or clears the choice with `None`.
pub fn set_chosen_model(models_dir: &Path, name: Option<&str>) -> Result<(), Error> {
    let path = settings_path(models_dir);
    let io_error = |action, source| Error::Io {
        action,
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(models_dir).map_err(|e| io_error("create the folder of", e))?;
    let mut text = String::from("# Written by Bar Raiser (`barraiser models use NAME`).\n");
    if let Some(name) = name {
        let mut table = toml::Table::new();
        table.insert("chosen_model".into(), toml::Value::String(name.to_string()));
        text.push_str(&table.to_string());
    }
    let tmp = models_dir.join(format!("{SETTINGS_FILE}.tmp"));
    std::fs::write(&tmp, text).map_err(|e| io_error("write", e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io_error("replace", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_round_trips_and_clears() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(chosen_model(dir.path()).unwrap(), None);
        set_chosen_model(dir.path(), Some("small.en")).unwrap();
        assert_eq!(
            chosen_model(dir.path()).unwrap().as_deref(),
            Some("small.en")
        );
        set_chosen_model(dir.path(), None).unwrap();
        assert_eq!(chosen_model(dir.path()).unwrap(), None);
    }

    #[test]
    fn damaged_file_says_to_delete_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SETTINGS_FILE), "chosen_model = [").unwrap();
        let err = chosen_model(dir.path()).unwrap_err();
        assert!(matches!(err, Error::Settings { .. }));
        assert!(err.to_string().contains("delete it"), "{err}");
    }
}
