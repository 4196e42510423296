//! The installed-model catalogue: the models folder, what is in it, and
//! which model a command should use.
//!
//! The folder is the single source of truth: a model is installed when its
//! `.bin` file is there, so there is no index to drift out of sync with the
//! disk. Published models keep their manifest file names; a model the user
//! adds is copied in as `ggml-<name>.bin`, or as `user-<name>.bin` when the
//! name is a published model's but the bytes are not (a separately converted
//! tiny.en, say), so the file name alone tells where a model came from and
//! listing never has to hash anything. Every file's ggml header is read (a
//! few dozen bytes) to rank models by what they are, not by their names.

use crate::download::{
    self, is_disk_full, part_path, CancelToken, DownloadConfig, DownloadEvent, DownloadOutcome,
};
use crate::header::{read_header, GgmlHeader, HeaderError};
use crate::manifest::{is_valid_name, Manifest, ModelEntry};
use crate::settings::{chosen_model, set_chosen_model};
use crate::verify::{verify_file, Check, CheckKind, CheckOutcome, VerifyReport};
use crate::Error;
use std::cmp::Reverse;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

pub use br_paths::DATA_DIR_ENV;
/// The environment variable naming the model to use: a file path or the
/// name of an installed model.
pub const MODEL_ENV: &str = "BARRAISER_MODEL";

/// Bar Raiser's data folder: `explicit` (`--data-dir`), else the default
/// (see [`br_paths::data_dir`]). Models live in its `models/` folder, beside
/// the recordings.
pub fn data_dir(explicit: Option<&Path>) -> Result<PathBuf, Error> {
    br_paths::data_dir(explicit).ok_or(Error::NoDataDir)
}

/// The models folder inside a data folder.
pub fn models_dir_in(data_dir: &Path) -> PathBuf {
    data_dir.join("models")
}

/// A model file in the models folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledModel {
    pub name: String,
    pub path: PathBuf,
    pub size: u64,
    /// The parsed header, or why the file is not a usable model.
    pub header: Result<GgmlHeader, HeaderError>,
    pub origin: Origin,
}

/// Where an installed model's file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A published model: downloaded, or added with the published bytes.
    Published(ModelEntry),
    /// A file the user added under a name no published model has.
    User,
    /// A file the user added under a published model's name whose checksum
    /// differs from the published one (e.g. the same weights converted
    /// separately). There is nothing to verify it against.
    UserUnderPublishedName(ModelEntry),
}

impl InstalledModel {
    /// The manifest entry to verify against: only a published model has one.
    pub fn published_entry(&self) -> Option<&ModelEntry> {
        match &self.origin {
            Origin::Published(entry) => Some(entry),
            Origin::User | Origin::UserUnderPublishedName(_) => None,
        }
    }

    /// True for a file the user added (under any name).
    pub fn is_user_file(&self) -> bool {
        self.published_entry().is_none()
    }

    /// One line on where the file came from, as listings show it.
    pub fn origin_note(&self) -> String {
        match &self.origin {
            Origin::Published(_) => "published model".to_string(),
            Origin::User => "your own file".to_string(),
            Origin::UserUnderPublishedName(entry) => format!(
                "your own file; its checksum differs from the published {}",
                entry.name
            ),
        }
    }
}

/// Where a resolved model came from, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelSource {
    /// `--model PATH` on the command line.
    Explicit,
    /// The `BARRAISER_MODEL` environment variable.
    Environment,
    /// The chosen-model setting.
    Setting,
    /// No choice anywhere: the best installed model.
    BestInstalled,
}

/// The model a command will load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedModel {
    pub path: PathBuf,
    /// The installed model's name; `None` for a path given directly.
    pub name: Option<String>,
    pub source: ModelSource,
}

/// A models folder together with the manifest of downloadable models.
#[derive(Debug, Clone)]
pub struct Catalogue {
    models_dir: PathBuf,
    manifest: Manifest,
}

impl Catalogue {
    pub fn new(models_dir: PathBuf, manifest: Manifest) -> Catalogue {
        Catalogue {
            models_dir,
            manifest,
        }
    }

    /// The models folder of the data folder (`explicit`, else the default;
    /// see [`data_dir`]) with the built-in manifest.
    pub fn open_in(explicit_data_dir: Option<&Path>) -> Result<Catalogue, Error> {
        Ok(Catalogue::new(
            models_dir_in(&data_dir(explicit_data_dir)?),
            Manifest::builtin(),
        ))
    }

    pub fn models_dir(&self) -> &Path {
        &self.models_dir
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The installed models, sorted by name. A missing folder means none.
    pub fn installed(&self) -> Result<Vec<InstalledModel>, Error> {
        let entries = match std::fs::read_dir(&self.models_dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(Error::Io {
                    action: "list",
                    path: self.models_dir.clone(),
                    source,
                })
            }
        };
        let mut models = Vec::new();
        for dir_entry in entries.flatten() {
            let path = dir_entry.path();
            let Some(file) = path.file_name().and_then(OsStr::to_str) else {
                continue;
            };
            let Ok(meta) = dir_entry.metadata() else {
                continue;
            };
            if !meta.is_file() || !file.ends_with(".bin") {
                continue;
            }
            let (name, origin) = self.name_and_origin(file);
            models.push(InstalledModel {
                name,
                header: read_header(&path),
                path,
                size: meta.len(),
                origin,
            });
        }
        models.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(models)
    }

    /// What a `.bin` file in the models folder is called and where it came
    /// from, from its name alone (see the module docs).
    fn name_and_origin(&self, file: &str) -> (String, Origin) {
        if let Some(entry) = self.manifest.by_file(file) {
            return (entry.name.clone(), Origin::Published(entry.clone()));
        }
        let name = user_model_name(file);
        let origin = match file.strip_prefix(USER_PREFIX).and(self.manifest.get(&name)) {
            Some(entry) => Origin::UserUnderPublishedName(entry.clone()),
            None => Origin::User,
        };
        (name, origin)
    }

    /// The file name a user's model called `name` is stored under: the
    /// published file names stay reserved for the published bytes.
    fn user_file_name(&self, name: &str) -> String {
        let plain = format!("ggml-{name}.bin");
        if self.manifest.get(name).is_some() || self.manifest.by_file(&plain).is_some() {
            format!("{USER_PREFIX}{name}.bin")
        } else {
            plain
        }
    }

    /// The installed model called `name`.
    pub fn find_installed(&self, name: &str) -> Result<Option<InstalledModel>, Error> {
        Ok(self.installed()?.into_iter().find(|m| m.name == name))
    }

    /// Bytes already fetched of an unfinished download of `name`.
    pub fn partial_download(&self, name: &str) -> Option<u64> {
        let entry = self.manifest.get(name)?;
        let part = part_path(&self.models_dir.join(&entry.file));
        std::fs::metadata(part).ok().map(|m| m.len())
    }

    /// The best installed model that has a valid header.
    ///
    /// The order, most preferred first:
    /// 1. the bigger encoder (`n_audio_state × n_audio_layer`), i.e.
    ///    large > medium > small > base > tiny: bigger is more accurate;
    /// 2. the more precise weights: f32 > f16 > q8_0 > q5_1 > q5_0 > q4_1 >
    ///    q4_0 > other ggml types, so unquantized beats quantized at the
    ///    same size;
    /// 3. English-only over multilingual (interviews are in English);
    /// 4. the name, alphabetically, so the choice is stable.
    ///
    /// With the published models: small.en > small.en-q8_0 > small.en-q5_1 >
    /// base.en > base.en-q8_0 > base.en-q5_1 > tiny.en > tiny.en-q8_0 >
    /// tiny.en-q5_1.
    pub fn best_installed(&self) -> Result<Option<InstalledModel>, Error> {
        let mut usable: Vec<(GgmlHeader, InstalledModel)> = self
            .installed()?
            .into_iter()
            .filter_map(|m| m.header.clone().ok().map(|h| (h, m)))
            .collect();
        usable.sort_by_key(|(h, m)| {
            (
                Reverse(i64::from(h.n_audio_state) * i64::from(h.n_audio_layer)),
                Reverse(h.weight_type().precision_rank()),
                Reverse(h.is_english_only()),
                m.name.clone(),
            )
        });
        Ok(usable.into_iter().next().map(|(_, m)| m))
    }

    /// Downloads the manifest model `name` (see `download` module docs),
    /// reporting progress through `on_event`.
    pub fn download(
        &self,
        name: &str,
        config: &DownloadConfig,
        cancel: &CancelToken,
        mut on_event: impl FnMut(&DownloadEvent),
    ) -> Result<DownloadOutcome, Error> {
        let entry = self.manifest.get(name).ok_or_else(|| Error::UnknownModel {
            name: name.to_string(),
        })?;
        if self.find_installed(name)?.is_some_and(|m| m.is_user_file()) {
            // Two files answering to one name would make every later command
            // ambiguous about which of them it loads.
            return Err(Error::OwnFileUnderName {
                name: name.to_string(),
            });
        }
        download::download(
            entry,
            self.manifest.base_url(),
            &self.models_dir,
            config,
            cancel,
            &mut on_event,
        )
    }

    /// Adds a user-supplied model file, after checking its ggml header. The
    /// file is copied into the models folder (via a temporary name, so a
    /// failed copy leaves nothing behind). `name` defaults to the file name
    /// without `ggml-` and `.bin`, so a hand-downloaded `ggml-tiny.en.bin`
    /// is added as "tiny.en". Under a published model's name, a file with the
    /// published checksum becomes that model (verified); any other file is
    /// kept as the user's own, and listings say its checksum differs. A name
    /// already installed is refused.
    pub fn add(&self, source: &Path, name: Option<&str>) -> Result<InstalledModel, Error> {
        let header = read_header(source).map_err(|e| Error::NotAModel {
            path: source.to_path_buf(),
            reason: e,
        })?;
        let name = match name {
            Some(name) => name.to_string(),
            None => user_model_name(
                &source
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ),
        };
        if !is_valid_name(&name) {
            return Err(Error::InvalidName { name });
        }
        if self.find_installed(&name)?.is_some() {
            return Err(Error::NameTaken { name });
        }
        let file = match self.manifest.get(&name) {
            Some(entry) if has_published_bytes(source, entry)? => entry.file.clone(),
            _ => self.user_file_name(&name),
        };
        let (_, origin) = self.name_and_origin(&file);
        let dest = self.models_dir.join(&file);
        if dest.exists() {
            return Err(Error::NameTaken { name });
        }
        std::fs::create_dir_all(&self.models_dir).map_err(|source| Error::Io {
            action: "create the models folder",
            path: self.models_dir.clone(),
            source,
        })?;
        let tmp = self.models_dir.join(format!("{file}.adding"));
        let copied = std::fs::copy(source, &tmp)
            .map_err(|e| copy_error(source, &tmp, e))
            .and_then(|size| {
                std::fs::rename(&tmp, &dest)
                    .map(|()| size)
                    .map_err(|source| Error::Io {
                        action: "move the copied model into place at",
                        path: dest.clone(),
                        source,
                    })
            });
        let size = match copied {
            Ok(size) => size,
            Err(error) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(error);
            }
        };
        Ok(InstalledModel {
            name,
            path: dest,
            size,
            header: Ok(header),
            origin,
        })
    }

    /// Deletes an installed model and any unfinished download of it, and
    /// clears the chosen-model setting if it named this model.
    pub fn remove(&self, name: &str) -> Result<(), Error> {
        let installed = self.find_installed(name)?;
        let part = self
            .manifest
            .get(name)
            .map(|entry| part_path(&self.models_dir.join(&entry.file)))
            .filter(|part| part.exists());
        if installed.is_none() && part.is_none() {
            return Err(Error::NotInstalled {
                name: name.to_string(),
            });
        }
        for path in installed.map(|m| m.path).into_iter().chain(part) {
            std::fs::remove_file(&path).map_err(|source| Error::Io {
                action: "delete",
                path,
                source,
            })?;
        }
        if chosen_model(&self.models_dir)?.as_deref() == Some(name) {
            set_chosen_model(&self.models_dir, None)?;
        }
        Ok(())
    }

    /// Checks an installed model against the manifest. A model the user
    /// added has nothing to compare with: every check is reported skipped.
    pub fn verify(&self, model: &InstalledModel) -> Result<VerifyReport, Error> {
        let reason = match &model.origin {
            Origin::Published(entry) => return verify_file(&model.path, entry),
            Origin::User => "added by the user, not in the manifest",
            Origin::UserUnderPublishedName(_) => {
                "added by the user; its checksum differs from the published model of that name"
            }
        };
        Ok(VerifyReport {
            checks: [CheckKind::Size, CheckKind::Sha256, CheckKind::Sha1]
                .into_iter()
                .map(|kind| Check {
                    kind,
                    outcome: CheckOutcome::Skipped { reason },
                })
                .collect(),
        })
    }

    /// The chosen-model setting.
    pub fn chosen(&self) -> Result<Option<String>, Error> {
        chosen_model(&self.models_dir)
    }

    /// Makes the installed model `name` the one commands use by default.
    pub fn choose(&self, name: &str) -> Result<(), Error> {
        if self.find_installed(name)?.is_none() {
            return Err(Error::NotInstalled {
                name: name.to_string(),
            });
        }
        set_chosen_model(&self.models_dir, Some(name))
    }

    /// Picks the model to load: `explicit` (`--model PATH`) > `env_model`
    /// (`BARRAISER_MODEL`: a path or an installed model's name) > the chosen
    /// setting > the best installed model. A path is accepted only with a
    /// valid ggml header. With nothing installed the error is
    /// `Error::NoModelInstalled`, whose message names the download command.
    pub fn resolve(
        &self,
        explicit: Option<&Path>,
        env_model: Option<&OsStr>,
    ) -> Result<ResolvedModel, Error> {
        if let Some(path) = explicit {
            return checked_path(path, ModelSource::Explicit);
        }
        if let Some(value) = env_model.filter(|v| !v.is_empty()) {
            let path = Path::new(value);
            if path.is_file() {
                return checked_path(path, ModelSource::Environment);
            }
            let name = value.to_string_lossy();
            return match self.find_installed(&name)? {
                Some(model) => resolved(model, ModelSource::Environment),
                None => Err(Error::BadModelEnv {
                    value: name.into_owned(),
                }),
            };
        }
        if let Some(name) = self.chosen()? {
            return match self.find_installed(&name)? {
                Some(model) => resolved(model, ModelSource::Setting),
                None => Err(Error::ChosenModelMissing { name }),
            };
        }
        match self.best_installed()? {
            Some(model) => resolved(model, ModelSource::BestInstalled),
            None => Err(Error::NoModelInstalled),
        }
    }
}

/// An installed model as the resolution result, if its header is valid.
fn resolved(model: InstalledModel, source: ModelSource) -> Result<ResolvedModel, Error> {
    if let Err(reason) = model.header {
        return Err(Error::NotAModel {
            path: model.path,
            reason,
        });
    }
    Ok(ResolvedModel {
        path: model.path,
        name: Some(model.name),
        source,
    })
}

/// The model path other crates should load: `explicit` (`--model PATH`) >
/// `BARRAISER_MODEL` > the chosen setting > the best installed model, in
/// the models folder of the data folder (`data_dir`, else the default). See
/// `Catalogue::resolve`.
pub fn resolve_model(
    explicit: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<ResolvedModel, Error> {
    if let Some(path) = explicit {
        // A direct path needs no data folder, even on a machine without one.
        return checked_path(path, ModelSource::Explicit);
    }
    let env_model = std::env::var_os(MODEL_ENV);
    if let Some(path) = env_model.as_deref().map(Path::new).filter(|p| p.is_file()) {
        return checked_path(path, ModelSource::Environment);
    }
    Catalogue::open_in(data_dir)?.resolve(None, env_model.as_deref())
}

fn checked_path(path: &Path, source: ModelSource) -> Result<ResolvedModel, Error> {
    read_header(path).map_err(|e| Error::NotAModel {
        path: path.to_path_buf(),
        reason: e,
    })?;
    Ok(ResolvedModel {
        path: path.to_path_buf(),
        name: None,
        source,
    })
}

/// The file-name prefix of a user's model stored under a published name.
const USER_PREFIX: &str = "user-";

/// "ggml-medium.en-q5_0.bin" -> "medium.en-q5_0"; "user-tiny.en.bin" ->
/// "tiny.en"; "my model.bin" -> "my model" (rejected later by the name
/// check, with a hint to pass --name).
fn user_model_name(file: &str) -> String {
    let stem = file.strip_suffix(".bin").unwrap_or(file);
    stem.strip_prefix("ggml-")
        .or_else(|| stem.strip_prefix(USER_PREFIX))
        .unwrap_or(stem)
        .to_string()
}

/// True when `source` has the published bytes of `entry`: every check
/// passes and at least one of them is a checksum, not just the size.
fn has_published_bytes(source: &Path, entry: &ModelEntry) -> Result<bool, Error> {
    let report = verify_file(source, entry)?;
    let hash_passed = report
        .checks
        .iter()
        .any(|c| c.kind != CheckKind::Size && c.outcome == CheckOutcome::Passed);
    Ok(report.is_ok() && hash_passed)
}

fn copy_error(source: &Path, dest: &Path, error: std::io::Error) -> Error {
    if is_disk_full(&error) {
        Error::DiskFull {
            path: dest.to_path_buf(),
            needed_bytes: std::fs::metadata(source).map(|m| m.len()).unwrap_or(0),
        }
    } else {
        Error::Io {
            action: "copy the model to",
            path: dest.to_path_buf(),
            source: error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_model_names_drop_the_ggml_prefix_and_extension() {
        assert_eq!(user_model_name("ggml-medium.en-q5_0.bin"), "medium.en-q5_0");
        assert_eq!(user_model_name("whisper-nl.bin"), "whisper-nl");
        assert_eq!(user_model_name("user-tiny.en.bin"), "tiny.en");
    }
}
