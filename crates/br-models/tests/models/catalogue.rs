//! The models folder: adding user files (header-checked), ranking what is
//! installed, removing, and resolving which model a command loads.

use crate::support::{model_bytes, model_sha256, shared_dir, synthetic_model, MODEL_FILE};
use br_models::{
    no_model_hint, CancelToken, Catalogue, CheckOutcome, DownloadConfig, Error, HeaderError,
    Manifest, ModelSource, Origin, WeightType,
};
use std::ffi::OsStr;
use std::path::Path;

const EN_VOCAB: i32 = 51864;
const MULTI_VOCAB: i32 = 51865;
const F16: i32 = 1;
const Q8_0: i32 = 2007;
const Q5_1: i32 = 2009;

fn builtin_in(dir: &Path) -> Catalogue {
    Catalogue::new(dir.to_path_buf(), Manifest::builtin())
}

fn put(dir: &Path, file: &str, bytes: &[u8]) {
    std::fs::write(dir.join(file), bytes).unwrap();
}

fn shared_model() -> std::path::PathBuf {
    shared_dir().join("models").join(MODEL_FILE)
}

#[test]
fn adding_a_file_that_is_not_a_model_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = builtin_in(dir.path());
    let wav = dir.path().join("answer.wav");
    let mut bytes = b"RIFF\x24\x00\x00\x00WAVEfmt ".to_vec();
    bytes.resize(4096, 0);
    std::fs::write(&wav, bytes).unwrap();

    let err = catalogue.add(&wav, Some("answer")).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::NotAModel {
                reason: HeaderError::BadMagic { .. },
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("not a Whisper model"), "{err}");
    assert!(catalogue.installed().unwrap().is_empty());
    assert!(!dir.path().join("ggml-answer.bin").exists());
}

#[test]
fn adding_a_truncated_model_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = builtin_in(dir.path());
    let source = dir.path().join("cut.bin");
    std::fs::write(&source, &model_bytes()[..100]).unwrap();
    let err = catalogue.add(&source, None).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::NotAModel {
                reason: HeaderError::Truncated { .. },
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn the_shared_model_is_added_under_its_own_name_and_verified_as_user_model() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = builtin_in(dir.path());
    let added = catalogue.add(&shared_model(), Some("tiny-local")).unwrap();

    assert_eq!(added.path, dir.path().join("ggml-tiny-local.bin"));
    assert_eq!(added.size, model_bytes().len() as u64);
    let header = added.header.clone().unwrap();
    assert_eq!(header.size_class(), "tiny");
    assert_eq!(header.weight_type(), WeightType::F16);
    assert!(header.is_english_only());
    assert_eq!(added.origin, Origin::User);
    assert_eq!(catalogue.installed().unwrap(), vec![added.clone()]);
    // A user model has nothing to be compared with: every check is skipped.
    let report = catalogue.verify(&added).unwrap();
    assert!(report.is_ok());
    assert_eq!(report.skipped().count(), 3);

    let err = catalogue
        .add(&shared_model(), Some("tiny-local"))
        .unwrap_err();
    assert!(matches!(err, Error::NameTaken { .. }), "{err:?}");
}

/// A catalogue whose only entry is a published "tiny.en" with `sha256`,
/// the shared model's size, and a server nobody listens on.
fn tiny_en_published_as(dir: &Path, sha256: &str) -> Catalogue {
    let text = format!(
        "base_url = \"http://127.0.0.1:9/\"\n\n[[model]]\nname = \"tiny.en\"\n\
         file = \"{MODEL_FILE}\"\nsize = {}\nsha256 = \"{sha256}\"\n",
        model_bytes().len()
    );
    Catalogue::new(
        dir.to_path_buf(),
        Manifest::from_toml_str(&text, "test manifest").unwrap(),
    )
}

/// The shared model under its published file name, as a user would have it
/// after downloading ggml-tiny.en.bin by hand.
fn hand_downloaded(dir: &Path) -> std::path::PathBuf {
    let downloads = dir.join("Downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let path = downloads.join(MODEL_FILE);
    std::fs::copy(shared_model(), &path).unwrap();
    path
}

#[test]
fn a_hand_downloaded_file_with_other_bytes_is_added_as_the_users_own() {
    // The shared tiny.en is a separate conversion of the published weights:
    // it is added under its name, but never passes as the published file.
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    let catalogue = builtin_in(&models);
    let published = Manifest::builtin().get("tiny.en").unwrap().clone();
    let added = catalogue.add(&hand_downloaded(dir.path()), None).unwrap();

    assert_eq!(added.name, "tiny.en");
    assert_eq!(added.origin, Origin::UserUnderPublishedName(published));
    assert_eq!(added.path, models.join("user-tiny.en.bin"));
    assert!(added.is_user_file());
    assert!(
        added
            .origin_note()
            .contains("checksum differs from the published tiny.en"),
        "{}",
        added.origin_note()
    );
    assert_eq!(catalogue.installed().unwrap(), vec![added.clone()]);
    let report = catalogue.verify(&added).unwrap();
    assert!(report.is_ok(), "nothing to compare an own file with");
    assert_eq!(report.skipped().count(), 3);
    let resolved = catalogue.resolve(None, None).unwrap();
    assert_eq!(resolved.name.as_deref(), Some("tiny.en"));
    assert_eq!(resolved.path, added.path);

    // The published tiny.en cannot be downloaded beside it under one name.
    let config = DownloadConfig::from_env().unwrap();
    let err = catalogue
        .download("tiny.en", &config, &CancelToken::new(), |_| {})
        .unwrap_err();
    assert!(matches!(err, Error::OwnFileUnderName { .. }), "{err:?}");
    assert!(err.to_string().contains("barraiser models remove tiny.en"));
}

#[test]
fn a_hand_downloaded_file_with_the_published_checksum_is_that_model() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    let catalogue = tiny_en_published_as(&models, &model_sha256());
    let added = catalogue.add(&hand_downloaded(dir.path()), None).unwrap();

    assert_eq!(added.name, "tiny.en");
    assert!(matches!(&added.origin, Origin::Published(e) if e.name == "tiny.en"));
    assert_eq!(added.path, models.join(MODEL_FILE));
    assert_eq!(added.origin_note(), "published model");
    assert_eq!(catalogue.installed().unwrap(), vec![added.clone()]);
    let report = catalogue.verify(&added).unwrap();
    assert!(report.is_ok());
    assert!(report
        .checks
        .iter()
        .any(|c| c.outcome == CheckOutcome::Passed && c.kind.label() == "SHA-256"));
}

#[test]
fn adding_a_name_that_is_installed_is_refused_and_the_hint_works() {
    for published_bytes in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let models = dir.path().join("models");
        let sha = if published_bytes {
            model_sha256()
        } else {
            "0".repeat(64)
        };
        let catalogue = tiny_en_published_as(&models, &sha);
        let file = hand_downloaded(dir.path());
        let first = catalogue.add(&file, None).unwrap();

        let err = catalogue.add(&file, None).unwrap_err();
        assert!(matches!(err, Error::NameTaken { .. }), "{err:?}");
        assert!(err.to_string().contains("barraiser models remove tiny.en"));
        assert_eq!(catalogue.installed().unwrap(), vec![first.clone()]);
        // What the message suggests works: remove, then add again.
        catalogue.remove("tiny.en").unwrap();
        assert!(catalogue.installed().unwrap().is_empty());
        assert_eq!(catalogue.add(&file, None).unwrap(), first);
    }
}

#[test]
fn names_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = builtin_in(dir.path());
    let err = catalogue
        .add(&shared_model(), Some("../escape"))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidName { .. }), "{err:?}");
}

#[test]
fn best_installed_prefers_bigger_then_unquantized_then_english() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = builtin_in(dir.path());
    assert_eq!(catalogue.best_installed().unwrap(), None);

    put(
        dir.path(),
        "ggml-tiny.en.bin",
        &synthetic_model(EN_VOCAB, 384, 4, F16),
    );
    put(
        dir.path(),
        "ggml-base.en-q5_1.bin",
        &synthetic_model(EN_VOCAB, 512, 6, Q5_1),
    );
    let best = |c: &Catalogue| c.best_installed().unwrap().unwrap().name;
    assert_eq!(best(&catalogue), "base.en-q5_1", "bigger beats unquantized");

    put(
        dir.path(),
        "ggml-base.en-q8_0.bin",
        &synthetic_model(EN_VOCAB, 512, 6, Q8_0),
    );
    assert_eq!(best(&catalogue), "base.en-q8_0");
    put(
        dir.path(),
        "ggml-base.bin",
        &synthetic_model(MULTI_VOCAB, 512, 6, F16),
    );
    assert_eq!(
        best(&catalogue),
        "base",
        "user file: f16 multilingual beats q8_0"
    );
    put(
        dir.path(),
        "ggml-base.en.bin",
        &synthetic_model(EN_VOCAB, 512, 6, F16),
    );
    assert_eq!(best(&catalogue), "base.en", "English-only wins a tie");
    put(
        dir.path(),
        "ggml-small.en-q5_1.bin",
        &synthetic_model(EN_VOCAB, 768, 12, Q5_1),
    );
    assert_eq!(best(&catalogue), "small.en-q5_1");
    // A damaged file is listed but never chosen.
    put(dir.path(), "ggml-small.en.bin", b"not a model at all");
    assert_eq!(best(&catalogue), "small.en-q5_1");
    let damaged = catalogue.find_installed("small.en").unwrap().unwrap();
    assert!(damaged.header.is_err());
    assert!(
        matches!(damaged.origin, Origin::Published(_)),
        "its file name is the published small.en"
    );
}

#[test]
fn resolution_order_is_explicit_env_setting_best() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = builtin_in(dir.path());

    let err = catalogue.resolve(None, None).unwrap_err();
    assert!(matches!(err, Error::NoModelInstalled));
    assert_eq!(err.to_string(), no_model_hint());
    assert!(err
        .to_string()
        .contains("barraiser models download base.en"));

    put(
        dir.path(),
        "ggml-tiny.en.bin",
        &synthetic_model(EN_VOCAB, 384, 4, F16),
    );
    put(
        dir.path(),
        "ggml-base.en.bin",
        &synthetic_model(EN_VOCAB, 512, 6, F16),
    );
    let best = catalogue.resolve(None, None).unwrap();
    assert_eq!(
        (best.name.as_deref(), best.source),
        (Some("base.en"), ModelSource::BestInstalled)
    );

    catalogue.choose("tiny.en").unwrap();
    let chosen = catalogue.resolve(None, None).unwrap();
    assert_eq!(
        (chosen.name.as_deref(), chosen.source),
        (Some("tiny.en"), ModelSource::Setting)
    );

    let by_name = catalogue
        .resolve(None, Some(OsStr::new("base.en")))
        .unwrap();
    assert_eq!(
        (by_name.name.as_deref(), by_name.source),
        (Some("base.en"), ModelSource::Environment)
    );
    let by_path = catalogue
        .resolve(None, Some(shared_model().as_os_str()))
        .unwrap();
    assert_eq!(
        (by_path.path.clone(), by_path.source),
        (shared_model(), ModelSource::Environment)
    );
    let err = catalogue
        .resolve(None, Some(OsStr::new("medium.en")))
        .unwrap_err();
    assert!(matches!(err, Error::BadModelEnv { .. }), "{err:?}");
    put(
        dir.path(),
        "ggml-broken.bin",
        b"GGUF and then nothing useful",
    );
    let err = catalogue
        .resolve(None, Some(OsStr::new("broken")))
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotAModel {
                reason: HeaderError::Gguf,
                ..
            }
        ),
        "{err:?}"
    );

    let explicit = catalogue
        .resolve(Some(&shared_model()), Some(OsStr::new("base.en")))
        .unwrap();
    assert_eq!(
        (explicit.path, explicit.source),
        (shared_model(), ModelSource::Explicit)
    );
    let not_a_model = dir.path().join("settings.toml");
    let err = catalogue.resolve(Some(&not_a_model), None).unwrap_err();
    assert!(matches!(err, Error::NotAModel { .. }), "{err:?}");
}

#[test]
fn choosing_needs_an_installed_model_and_a_vanished_choice_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = builtin_in(dir.path());
    let err = catalogue.choose("small.en").unwrap_err();
    assert!(matches!(err, Error::NotInstalled { .. }), "{err:?}");

    put(
        dir.path(),
        "ggml-small.en.bin",
        &synthetic_model(EN_VOCAB, 768, 12, F16),
    );
    catalogue.choose("small.en").unwrap();
    std::fs::remove_file(dir.path().join("ggml-small.en.bin")).unwrap();
    put(
        dir.path(),
        "ggml-tiny.en.bin",
        &synthetic_model(EN_VOCAB, 384, 4, F16),
    );
    let err = catalogue.resolve(None, None).unwrap_err();
    assert!(
        matches!(&err, Error::ChosenModelMissing { name } if name == "small.en"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("barraiser models download small.en"),
        "{err}"
    );
}

#[test]
fn removing_deletes_the_file_its_part_and_the_choice() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = builtin_in(dir.path());
    put(
        dir.path(),
        "ggml-base.en.bin",
        &synthetic_model(EN_VOCAB, 512, 6, F16),
    );
    put(dir.path(), "ggml-base.en.bin.part", b"partial");
    catalogue.choose("base.en").unwrap();

    catalogue.remove("base.en").unwrap();
    assert!(!dir.path().join("ggml-base.en.bin").exists());
    assert!(!dir.path().join("ggml-base.en.bin.part").exists());
    assert_eq!(catalogue.chosen().unwrap(), None);
    let err = catalogue.remove("base.en").unwrap_err();
    assert!(matches!(err, Error::NotInstalled { .. }), "{err:?}");
}

#[test]
fn verify_flags_a_published_model_whose_bytes_differ() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = builtin_in(dir.path());
    // Right name, wrong bytes: exactly what a corrupted install looks like.
    put(
        dir.path(),
        "ggml-tiny.en.bin",
        &synthetic_model(EN_VOCAB, 384, 4, F16),
    );
    let model = catalogue.find_installed("tiny.en").unwrap().unwrap();
    let report = catalogue.verify(&model).unwrap();
    assert!(!report.is_ok());
    assert!(matches!(
        report.checks[0].outcome,
        CheckOutcome::Failed { .. }
    ));
    assert!(report.to_string().contains("size MISMATCH"), "{report}");
}

#[test]
fn a_data_folder_given_on_the_command_line_has_its_own_models() {
    // The only test that reads the environment's model choice: clear it so
    // the folder decides (CI sets BARRAISER_MODEL for the speech tests).
    std::env::remove_var(br_models::MODEL_ENV);
    let data_dir = tempfile::tempdir().unwrap();
    let err = br_models::resolve_model(None, Some(data_dir.path())).unwrap_err();
    assert!(matches!(err, Error::NoModelInstalled), "{err:?}");

    let models_dir = br_models::models_dir_in(data_dir.path());
    std::fs::create_dir_all(&models_dir).unwrap();
    put(
        &models_dir,
        "ggml-small.en.bin",
        &synthetic_model(EN_VOCAB, 768, 12, F16),
    );
    let found = br_models::resolve_model(None, Some(data_dir.path())).unwrap();
    assert_eq!(found.path, models_dir.join("ggml-small.en.bin"));
    assert_eq!(found.source, ModelSource::BestInstalled);
}
