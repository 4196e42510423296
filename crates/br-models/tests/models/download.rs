//! Downloads of the shared test model from a local server: the happy path,
//! interruptions that must resume without re-fetching, corruption, 404,
//! stalls, cancellation, no network, and the mirror.

use crate::support::{
    model_bytes, model_sha256, test_manifest, Behaviour, Logged, TestServer, MODEL_FILE,
};
use br_models::{
    CancelToken, Catalogue, CheckKind, CheckOutcome, DownloadConfig, DownloadEvent,
    DownloadOutcome, Error, Manifest, Progress,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

const NAME: &str = "tiny.en-test";
const MB: usize = 1 << 20;

/// Events as the test saw them, owned.
#[derive(Default)]
struct Seen {
    kinds: Vec<&'static str>,
    progress: Vec<Progress>,
}

fn config(stall: Duration, max_resumes: u32) -> DownloadConfig {
    DownloadConfig {
        mirror_base_url: None,
        connect_timeout: Duration::from_secs(5),
        stall_timeout: stall,
        max_resumes,
    }
}

fn catalogue_for(base_url: &str, dir: &Path) -> Catalogue {
    let bytes = model_bytes();
    let text = test_manifest(base_url, bytes.len() as u64, &model_sha256());
    let manifest = Manifest::from_toml_str(&text, "test manifest").unwrap();
    Catalogue::new(dir.to_path_buf(), manifest)
}

fn download(
    catalogue: &Catalogue,
    config: &DownloadConfig,
    cancel: &CancelToken,
) -> (Result<DownloadOutcome, Error>, Seen) {
    let mut seen = Seen::default();
    let res = catalogue.download(NAME, config, cancel, |event| {
        seen.kinds.push(match event {
            DownloadEvent::Connecting { .. } => "connecting",
            DownloadEvent::Started { .. } => "started",
            DownloadEvent::Progress(progress) => {
                seen.progress.push(*progress);
                "progress"
            }
            DownloadEvent::Resuming { .. } => "resuming",
            DownloadEvent::SourceFailed { .. } => "source-failed",
            DownloadEvent::Verifying => "verifying",
        });
    });
    (res, seen)
}

fn final_path(dir: &Path) -> PathBuf {
    dir.join(MODEL_FILE)
}

fn part_path(dir: &Path) -> PathBuf {
    dir.join(format!("{MODEL_FILE}.part"))
}

fn total_sent(log: &[Logged]) -> u64 {
    log.iter().map(|l| l.body_bytes_sent).sum()
}

/// The file in place is byte-for-byte the served model.
fn assert_installed_intact(dir: &Path) {
    let installed = std::fs::read(final_path(dir)).unwrap();
    assert!(
        installed == *model_bytes(),
        "installed bytes differ from the served model"
    );
    assert!(!part_path(dir).exists(), "the .part file must be gone");
}

#[test]
fn full_download_is_verified_and_moved_into_place() {
    let server = TestServer::start(model_bytes(), &[]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let (res, seen) = download(
        &catalogue,
        &config(Duration::from_secs(5), 0),
        &CancelToken::new(),
    );

    let DownloadOutcome::Installed { path, url, report } = res.unwrap() else {
        panic!("expected a fresh install");
    };
    assert_eq!(path, final_path(dir.path()));
    assert_eq!(url, format!("{}{MODEL_FILE}", server.base_url()));
    assert_installed_intact(dir.path());
    // The test manifest has no SHA-1: verification must say so, not pass it.
    let outcomes: Vec<(CheckKind, &CheckOutcome)> =
        report.checks.iter().map(|c| (c.kind, &c.outcome)).collect();
    assert_eq!(outcomes[0], (CheckKind::Size, &CheckOutcome::Passed));
    assert_eq!(outcomes[1], (CheckKind::Sha256, &CheckOutcome::Passed));
    assert!(matches!(
        outcomes[2],
        (CheckKind::Sha1, CheckOutcome::Skipped { .. })
    ));

    assert_eq!(seen.kinds.first(), Some(&"connecting"));
    assert_eq!(seen.kinds.last(), Some(&"verifying"));
    let last = seen.progress.last().unwrap();
    assert_eq!(
        (last.downloaded, last.total),
        (model_bytes().len() as u64, model_bytes().len() as u64)
    );
    assert_eq!(last.eta, Some(Duration::ZERO));
    assert!(seen
        .progress
        .windows(2)
        .all(|w| w[0].downloaded <= w[1].downloaded));

    let log = server.log();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].status, log[0].range.as_deref()), (200, None));
}

#[test]
fn a_cut_connection_is_resumed_with_range_without_refetching() {
    let cut_at = 10 * MB;
    let server = TestServer::start(model_bytes(), &[Behaviour::Cut { after: cut_at }]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let (res, seen) = download(
        &catalogue,
        &config(Duration::from_secs(5), 3),
        &CancelToken::new(),
    );

    assert!(matches!(res.unwrap(), DownloadOutcome::Installed { .. }));
    assert_installed_intact(dir.path());
    assert!(seen.kinds.contains(&"resuming"));
    let log = server.log();
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0].body_bytes_sent, cut_at as u64);
    assert_eq!(
        log[1].range.as_deref(),
        Some(format!("bytes={cut_at}-").as_str())
    );
    assert_eq!(log[1].status, 206);
    assert_eq!(
        total_sent(&log),
        model_bytes().len() as u64,
        "no byte was fetched twice"
    );
}

#[test]
fn a_cut_connection_without_retries_keeps_the_part_for_the_next_run() {
    let cut_at = 5 * MB;
    let server = TestServer::start(model_bytes(), &[Behaviour::Cut { after: cut_at }]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 0),
        &CancelToken::new(),
    );

    let err = res.unwrap_err();
    assert!(
        matches!(err, Error::Interrupted { received, .. } if received == cut_at as u64),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("run the same command again to resume"),
        "{err}"
    );
    assert!(
        !final_path(dir.path()).exists(),
        "a half file must never get the final name"
    );
    assert_eq!(
        std::fs::metadata(part_path(dir.path())).unwrap().len(),
        cut_at as u64
    );
    assert_eq!(catalogue.partial_download(NAME), Some(cut_at as u64));

    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 0),
        &CancelToken::new(),
    );
    assert!(matches!(res.unwrap(), DownloadOutcome::Installed { .. }));
    assert_installed_intact(dir.path());
    let log = server.log();
    assert_eq!(
        log[1].range.as_deref(),
        Some(format!("bytes={cut_at}-").as_str())
    );
    assert_eq!(total_sent(&log), model_bytes().len() as u64);
}

#[test]
fn a_server_that_ignores_range_is_downloaded_again_from_the_start() {
    let server = TestServer::start(model_bytes(), &[Behaviour::IgnoreRange]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(part_path(dir.path()), &model_bytes()[..MB]).unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 0),
        &CancelToken::new(),
    );

    assert!(matches!(res.unwrap(), DownloadOutcome::Installed { .. }));
    assert_installed_intact(dir.path());
    let log = server.log();
    assert_eq!(
        log[0].range.as_deref(),
        Some(format!("bytes={MB}-").as_str())
    );
    assert_eq!(
        (log[0].status, log[0].body_bytes_sent),
        (200, model_bytes().len() as u64)
    );
}

#[test]
fn a_range_answer_from_the_wrong_offset_discards_the_part() {
    let server = TestServer::start(model_bytes(), &[Behaviour::WrongRange]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(part_path(dir.path()), &model_bytes()[..MB]).unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 3),
        &CancelToken::new(),
    );

    let err = res.unwrap_err();
    assert!(matches!(err, Error::BadRange { .. }), "{err:?}");
    assert!(!part_path(dir.path()).exists());
    assert!(!final_path(dir.path()).exists());
}

#[test]
fn a_corrupted_byte_is_caught_by_the_checksum_and_nothing_is_left() {
    let mut corrupted = model_bytes().as_ref().clone();
    let middle = corrupted.len() / 2;
    corrupted[middle] ^= 0x01;
    let server = TestServer::start(Arc::new(corrupted), &[]);
    let dir = tempfile::tempdir().unwrap();
    // The manifest pins the real model's checksum; the server sends one flipped bit.
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 0),
        &CancelToken::new(),
    );

    let err = res.unwrap_err();
    match &err {
        Error::ChecksumMismatch {
            algorithm,
            expected,
            actual,
            ..
        } => {
            assert_eq!(*algorithm, "SHA-256");
            assert_eq!(*expected, model_sha256());
            assert_ne!(expected, actual);
        }
        other => panic!("expected a checksum mismatch, got {other:?}"),
    }
    assert!(err.to_string().contains("checksum"), "{err}");
    assert!(!final_path(dir.path()).exists());
    assert!(
        !part_path(dir.path()).exists(),
        "untrusted bytes must not be resumed from"
    );
}

#[test]
fn a_missing_file_is_a_404_error() {
    let server = TestServer::start(model_bytes(), &[Behaviour::NotFound]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 3),
        &CancelToken::new(),
    );

    let err = res.unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { url } if url.ends_with(MODEL_FILE)),
        "{err:?}"
    );
    assert!(err.to_string().contains("404"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = TestServer::start(model_bytes(), &[Behaviour::StallBeforeHeaders]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let started = Instant::now();
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_millis(300), 3),
        &CancelToken::new(),
    );

    let err = res.unwrap_err();
    assert!(matches!(err, Error::Stalled { .. }), "{err:?}");
    assert!(err.to_string().contains("stalled"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert!(!final_path(dir.path()).exists());
}

#[test]
fn a_body_that_stalls_midway_is_resumed() {
    let stall_at = 3 * MB;
    let server = TestServer::start(model_bytes(), &[Behaviour::StallAfter { after: stall_at }]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let (res, seen) = download(
        &catalogue,
        &config(Duration::from_secs(1), 2),
        &CancelToken::new(),
    );

    assert!(matches!(res.unwrap(), DownloadOutcome::Installed { .. }));
    assert_installed_intact(dir.path());
    assert!(seen.kinds.contains(&"resuming"));
    let log = server.log();
    assert_eq!(
        log[1].range.as_deref(),
        Some(format!("bytes={stall_at}-").as_str())
    );
    assert_eq!(total_sent(&log), model_bytes().len() as u64);
}

#[test]
fn cancelling_mid_stream_stops_and_keeps_the_part_for_resume() {
    let server = TestServer::start(model_bytes(), &[Behaviour::Trickle]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let cancel = CancelToken::new();
    let mut seen_progress = false;
    let res = catalogue.download(NAME, &config(Duration::from_secs(5), 3), &cancel, |event| {
        if let DownloadEvent::Progress(_) = event {
            seen_progress = true;
            cancel.cancel();
        }
    });

    assert!(seen_progress);
    let err = res.unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    assert!(!final_path(dir.path()).exists());
    let kept = std::fs::metadata(part_path(dir.path())).unwrap().len();
    assert!(
        kept > 0 && kept < model_bytes().len() as u64,
        "kept {kept} bytes"
    );

    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 0),
        &CancelToken::new(),
    );
    assert!(matches!(res.unwrap(), DownloadOutcome::Installed { .. }));
    assert_installed_intact(dir.path());
    let log = server.log();
    assert_eq!(
        log.last().unwrap().range.as_deref(),
        Some(format!("bytes={kept}-").as_str())
    );
}

#[test]
fn cancelling_while_waiting_on_a_silent_server_returns_promptly() {
    let server = TestServer::start(model_bytes(), &[Behaviour::StallBeforeHeaders]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let cancel = CancelToken::new();
    let canceller = {
        let cancel = cancel.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(200));
            cancel.cancel();
        })
    };
    let started = Instant::now();
    let (res, _) = download(&catalogue, &config(Duration::from_secs(30), 0), &cancel);
    canceller.join().unwrap();

    assert!(matches!(res.unwrap_err(), Error::Cancelled));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn no_listening_server_is_a_network_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&format!("http://127.0.0.1:{port}/models/"), dir.path());
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 3),
        &CancelToken::new(),
    );

    let err = res.unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert!(err.to_string().contains("HTTPS_PROXY"), "{err}");
}

#[test]
fn the_mirror_is_used_when_the_primary_source_fails() {
    let primary = TestServer::start(model_bytes(), &[Behaviour::NotFound]);
    let mirror = TestServer::start(model_bytes(), &[]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&primary.base_url(), dir.path());
    let mut config = config(Duration::from_secs(5), 0);
    config.mirror_base_url = Some(mirror.base_url().trim_end_matches('/').to_string());
    let (res, seen) = download(&catalogue, &config, &CancelToken::new());

    let DownloadOutcome::Installed { url, .. } = res.unwrap() else {
        panic!("expected a fresh install");
    };
    assert!(url.starts_with(&mirror.base_url()), "{url}");
    assert!(seen.kinds.contains(&"source-failed"));
    assert_installed_intact(dir.path());
    assert_eq!(primary.log().len(), 1);
}

#[test]
fn a_server_file_of_another_size_is_refused_before_downloading() {
    let server = TestServer::start(Arc::new(vec![0u8; 1000]), &[]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 0),
        &CancelToken::new(),
    );

    let err = res.unwrap_err();
    assert!(
        matches!(err, Error::UnexpectedLength { actual: 1000, .. }),
        "{err:?}"
    );
    assert!(!final_path(dir.path()).exists());
}

#[test]
fn an_installed_model_is_not_fetched_again() {
    let server = TestServer::start(model_bytes(), &[]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    let cfg = config(Duration::from_secs(5), 0);
    assert!(matches!(
        download(&catalogue, &cfg, &CancelToken::new()).0.unwrap(),
        DownloadOutcome::Installed { .. }
    ));
    let again = download(&catalogue, &cfg, &CancelToken::new()).0.unwrap();
    assert_eq!(
        again,
        DownloadOutcome::AlreadyInstalled {
            path: final_path(dir.path())
        }
    );
    assert_eq!(server.log().len(), 1);
}

#[test]
fn unknown_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for("http://127.0.0.1:9/", dir.path());
    let res = catalogue.download(
        "huge.en",
        &config(Duration::from_secs(1), 0),
        &CancelToken::new(),
        |_| {},
    );
    assert!(matches!(res.unwrap_err(), Error::UnknownModel { name } if name == "huge.en"));
}

#[test]
fn a_second_download_of_the_same_model_is_refused_while_one_runs() {
    let server = TestServer::start(model_bytes(), &[]);
    let dir = tempfile::tempdir().unwrap();
    let catalogue = catalogue_for(&server.base_url(), dir.path());
    // Another process (the app, or a second `barraiser`) holds the lock.
    let held = std::fs::File::create(dir.path().join(format!("{MODEL_FILE}.lock"))).unwrap();
    held.lock().unwrap();
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 0),
        &CancelToken::new(),
    );
    let err = res.unwrap_err();
    assert!(matches!(err, Error::DownloadInProgress { .. }), "{err:?}");
    assert!(
        err.to_string().contains("already being downloaded"),
        "{err}"
    );
    assert!(server.log().is_empty(), "nothing was fetched");
    assert!(!part_path(dir.path()).exists());

    drop(held);
    let (res, _) = download(
        &catalogue,
        &config(Duration::from_secs(5), 0),
        &CancelToken::new(),
    );
    assert!(matches!(res.unwrap(), DownloadOutcome::Installed { .. }));
    assert_installed_intact(dir.path());
}
