//! The manifest: which Whisper models can be downloaded, from where, and
//! what their bytes must hash to.
//!
//! The list is data (`models/manifest.toml` at the workspace root), compiled
//! in so an installed binary needs no extra file, and loadable from a path or
//! a string so tests and packagers can point at their own server. Parsing
//! validates everything a download later relies on (names, file names,
//! checksum syntax) so a bad manifest fails at load time, not mid-download.

use crate::Error;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

const BUILTIN_MANIFEST: &str = include_str!("../../../models/manifest.toml");

/// The models that can be downloaded, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    base_url: String,
    models: Vec<ModelEntry>,
}

/// One downloadable model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelEntry {
    /// What users type, e.g. "base.en".
    pub name: String,
    /// The file name on the server and in the models folder.
    pub file: String,
    /// Exact size in bytes.
    pub size: u64,
    /// Lowercase hex SHA-256, when the publisher lists one.
    pub sha256: Option<String>,
    /// Lowercase hex SHA-1, when the publisher lists one.
    pub sha1: Option<String>,
    /// Speed/accuracy advice.
    pub note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    base_url: String,
    #[serde(rename = "model", default)]
    models: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    name: String,
    file: String,
    size: u64,
    sha256: Option<String>,
    sha1: Option<String>,
    #[serde(default)]
    note: String,
}

impl Manifest {
    /// The manifest shipped with Bar Raiser.
    pub fn builtin() -> Manifest {
        Manifest::from_toml_str(BUILTIN_MANIFEST, "models/manifest.toml")
            .expect("the built-in manifest is checked by a unit test")
    }

    /// Loads a manifest file, e.g. a test manifest or a packager's own list.
    pub fn from_path(path: &Path) -> Result<Manifest, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            action: "read the manifest",
            path: path.to_path_buf(),
            source,
        })?;
        Manifest::from_toml_str(&text, &path.display().to_string())
    }

    /// Parses manifest TOML; `origin` names it in error messages.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Manifest, Error> {
        let invalid = |message: String| Error::Manifest {
            origin: origin.to_string(),
            message,
        };
        let raw: RawManifest = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        let base_url = normalize_base_url(&raw.base_url).map_err(invalid)?;
        let mut names = HashSet::new();
        let mut files = HashSet::new();
        let mut models = Vec::with_capacity(raw.models.len());
        for entry in raw.models {
            let name = &entry.name;
            if !is_valid_name(name) {
                return Err(invalid(format!("model name \"{name}\" has characters other than letters, digits, '.', '-' and '_'")));
            }
            if !is_valid_file_name(&entry.file) {
                return Err(invalid(format!(
                    "model \"{name}\": file \"{}\" must be a plain file name ending in .bin",
                    entry.file
                )));
            }
            if !names.insert(entry.name.clone()) || !files.insert(entry.file.clone()) {
                return Err(invalid(format!(
                    "model \"{name}\" or its file is listed twice"
                )));
            }
            if entry.size == 0 {
                return Err(invalid(format!("model \"{name}\" has size 0")));
            }
            let sha256 = check_hex(name, "sha256", entry.sha256, 64).map_err(invalid)?;
            let sha1 = check_hex(name, "sha1", entry.sha1, 40).map_err(invalid)?;
            models.push(ModelEntry {
                name: entry.name,
                file: entry.file,
                size: entry.size,
                sha256,
                sha1,
                note: entry.note,
            });
        }
        Ok(Manifest { base_url, models })
    }

    /// Where the files are served, always ending in '/'.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn models(&self) -> &[ModelEntry] {
        &self.models
    }

    /// The entry called `name`.
    pub fn get(&self, name: &str) -> Option<&ModelEntry> {
        self.models.iter().find(|m| m.name == name)
    }

    /// The entry whose file is `file`.
    pub fn by_file(&self, file: &str) -> Option<&ModelEntry> {
        self.models.iter().find(|m| m.file == file)
    }
}

/// Makes sure a base URL is http(s) and ends in '/', so `base + file` works.
pub(crate) fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(format!(
            "base URL \"{url}\" must start with https:// or http://"
        ));
    }
    if url.ends_with('/') {
        Ok(url.to_string())
    } else {
        Ok(format!("{url}/"))
    }
}

/// Model names double as file-name parts and CLI arguments.
pub(crate) fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

fn is_valid_file_name(file: &str) -> bool {
    file.len() > 4 && file.ends_with(".bin") && is_valid_name(file)
}

fn check_hex(
    name: &str,
    field: &str,
    value: Option<String>,
    len: usize,
) -> Result<Option<String>, String> {
    let Some(value) = value else { return Ok(None) };
    let value = value.to_ascii_lowercase();
    if value.len() != len || !value.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!(
            "model \"{name}\": {field} must be {len} hex digits, got \"{value}\""
        ));
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_the_english_models_with_both_checksums() {
        let manifest = Manifest::builtin();
        let names: Vec<&str> = manifest.models().iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "tiny.en",
                "tiny.en-q5_1",
                "tiny.en-q8_0",
                "base.en",
                "base.en-q5_1",
                "base.en-q8_0",
                "small.en",
                "small.en-q5_1",
                "small.en-q8_0"
            ]
        );
        for model in manifest.models() {
            assert_eq!(model.file, format!("ggml-{}.bin", model.name));
            assert!(
                model.sha256.is_some() && model.sha1.is_some(),
                "{}",
                model.name
            );
            assert!(!model.note.is_empty(), "{}", model.name);
        }
        assert_eq!(
            manifest.base_url(),
            "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/"
        );
        assert!(manifest.get(crate::RECOMMENDED_MODEL).is_some());
    }

    #[test]
    fn builtin_does_not_pin_the_shared_test_model() {
        // ../shared/models/ggml-tiny.en.bin is a separate conversion of the
        // same weights; its checksum must never stand in for the published one.
        let tiny = Manifest::builtin().get("tiny.en").cloned().unwrap();
        assert_ne!(
            tiny.sha256.as_deref(),
            Some("fbbab8537ead90f1cfabef531f469c4b19e03402e2c3df6bd9c283191ad553f1")
        );
        assert_ne!(tiny.size, 77_704_698);
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let manifest =
            Manifest::from_toml_str("base_url = \"http://127.0.0.1:9/m\"\n", "test").unwrap();
        assert_eq!(manifest.base_url(), "http://127.0.0.1:9/m/");
        assert!(manifest.models().is_empty());
    }

    #[test]
    fn checksums_are_optional_and_lowercased() {
        let text = r#"
            base_url = "http://mirror.example/"
            [[model]]
            name = "x"
            file = "ggml-x.bin"
            size = 10
            sha256 = "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"
        "#;
        let model = Manifest::from_toml_str(text, "test").unwrap().models()[0].clone();
        assert_eq!(model.sha256.unwrap(), "abcdef0123456789".repeat(4));
        assert_eq!(model.sha1, None);
    }

    fn rejects(entry: &str, needle: &str) {
        let text = format!("base_url = \"https://h.example/\"\n[[model]]\n{entry}");
        let err = Manifest::from_toml_str(&text, "test")
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{err}");
    }

    #[test]
    fn invalid_entries_are_rejected_at_load_time() {
        rejects(
            "name = \"a/b\"\nfile = \"ggml-a.bin\"\nsize = 1",
            "model name",
        );
        rejects(
            "name = \"a\"\nfile = \"../a.bin\"\nsize = 1",
            "plain file name",
        );
        rejects("name = \"a\"\nfile = \"ggml-a.bin\"\nsize = 0", "size 0");
        rejects(
            "name = \"a\"\nfile = \"ggml-a.bin\"\nsize = 1\nsha1 = \"xyz\"",
            "40 hex",
        );
        rejects(
            "name = \"a\"\nfile = \"ggml-a.bin\"\nsize = 1\nurl = \"x\"",
            "unknown field",
        );
    }

    #[test]
    fn duplicate_names_are_rejected() {
        let entry = "[[model]]\nname = \"a\"\nfile = \"ggml-a.bin\"\nsize = 1\n";
        let text = format!("base_url = \"https://h.example/\"\n{entry}{entry}");
        let err = Manifest::from_toml_str(&text, "test").unwrap_err();
        assert!(err.to_string().contains("twice"), "{err}");
    }

    #[test]
    fn base_url_must_be_http() {
        let err = Manifest::from_toml_str("base_url = \"ftp://x/\"", "test").unwrap_err();
        assert!(err.to_string().contains("https://"), "{err}");
    }
}
