//! Resumable, verified, cancellable downloads of one manifest entry.
//!
//! Bytes go to `<file>.part` next to the final name and are appended to on
//! the next attempt with an HTTP `Range` request, so an interrupted download
//! (closed lid, dropped Wi-Fi, Ctrl-C) costs only what was not yet fetched.
//! Only a `.part` whose size and checksums match the manifest is renamed to
//! the final name, so a file under the final name is always complete: the
//! speech engine never loads half a model. A `.part` that fails a checksum
//! is deleted, because its bytes cannot be trusted to resume from.
//!
//! The public function blocks; inside it the async reqwest client runs on a
//! private current-thread runtime so that every wait (connect, headers, each
//! chunk) can be raced against the cancel token and the stall timer. Call it
//! from a worker thread, not from inside an async runtime.

use crate::manifest::{normalize_base_url, ModelEntry};
use crate::verify::{verify_file, CheckKind, CheckOutcome, VerifyReport};
use crate::Error;
use std::fs::{File, OpenOptions};
use std::future::Future;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The environment variable naming a second download source: a base URL
/// under which the same file names are served.
pub const MIRROR_ENV: &str = "BARRAISER_MODEL_MIRROR";

/// How often a wait checks the cancel token.
const CANCEL_POLL: Duration = Duration::from_millis(50);
/// Progress events are sent at most this often (plus once at the end).
const PROGRESS_EVERY: Duration = Duration::from_millis(100);
/// Bytes buffered before they are written to the `.part` file.
const WRITE_BUFFER: usize = 1 << 20;

/// How downloads reach the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadConfig {
    /// A second source tried after the manifest's base URL fails; it must
    /// serve the same file names (e.g. an internal mirror of the
    /// Hugging Face repository).
    pub mirror_base_url: Option<String>,
    /// Longest wait for a TCP/TLS connection.
    pub connect_timeout: Duration,
    /// Longest wait for response headers or for the next chunk of the body
    /// before the download counts as stalled.
    pub stall_timeout: Duration,
    /// How many times a connection that closed or stalled after delivering
    /// data is resumed automatically before the error is returned.
    pub max_resumes: u32,
}

impl DownloadConfig {
    /// The defaults, with the mirror taken from `BARRAISER_MODEL_MIRROR`.
    pub fn from_env() -> Result<DownloadConfig, Error> {
        let mirror_base_url = match std::env::var(MIRROR_ENV) {
            Ok(value) if !value.trim().is_empty() => {
                Some(normalize_base_url(&value).map_err(|message| Error::BadMirror { message })?)
            }
            _ => None,
        };
        Ok(DownloadConfig {
            mirror_base_url,
            connect_timeout: Duration::from_secs(20),
            stall_timeout: Duration::from_secs(30),
            max_resumes: 3,
        })
    }
}

/// Cancels a running download from another thread. Clones share one flag.
#[derive(Debug, Clone, Default)]
pub struct CancelToken {
    flag: Arc<AtomicBool>,
}

impl CancelToken {
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Asks the download to stop; it returns `Error::Cancelled` within about
    /// 50 ms and keeps the `.part` file for a later resume.
    pub fn cancel(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }
}

/// Download progress, for a progress bar or an app event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Bytes in the `.part` file so far, including resumed ones.
    pub downloaded: u64,
    pub total: u64,
    /// Smoothed transfer rate of this attempt.
    pub bytes_per_second: f64,
    /// Time left at the current rate; `None` until a rate is known.
    pub eta: Option<Duration>,
}

/// What a download is doing, reported through the caller's callback.
#[derive(Debug)]
pub enum DownloadEvent<'a> {
    /// A request is about to be sent.
    Connecting {
        url: &'a str,
    },
    /// The server answered; `resumed_from` bytes were already on disk.
    Started {
        total: u64,
        resumed_from: u64,
    },
    Progress(Progress),
    /// The connection broke after delivering data; resuming with `Range`.
    Resuming {
        from: u64,
        error: &'a Error,
    },
    /// This source failed; the next one is tried.
    SourceFailed {
        url: &'a str,
        error: &'a Error,
    },
    /// All bytes are in; hashing before the file is moved into place.
    Verifying,
}

/// What `download` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DownloadOutcome {
    /// The model was fetched (or its complete `.part` found), verified and
    /// moved into place. The report shows any check that was skipped.
    Installed {
        path: PathBuf,
        url: String,
        report: VerifyReport,
    },
    /// A file of the right size was already in place; nothing was fetched.
    AlreadyInstalled { path: PathBuf },
}

/// Downloads `entry` into `models_dir` from `base_url`, then from the
/// configured mirror if that fails for a reason another source could fix.
pub(crate) fn download(
    entry: &ModelEntry,
    base_url: &str,
    models_dir: &Path,
    config: &DownloadConfig,
    cancel: &CancelToken,
    on_event: &mut dyn FnMut(&DownloadEvent),
) -> Result<DownloadOutcome, Error> {
    let final_path = models_dir.join(&entry.file);
    if std::fs::metadata(&final_path).is_ok_and(|m| m.len() == entry.size) {
        return Ok(DownloadOutcome::AlreadyInstalled { path: final_path });
    }
    std::fs::create_dir_all(models_dir).map_err(|source| Error::Io {
        action: "create the models folder",
        path: models_dir.to_path_buf(),
        source,
    })?;
    // Two downloads appending to one `.part` would corrupt it; the second
    // one is refused while the first holds the lock (released on return,
    // even if the process dies).
    let _lock = lock_download(entry, &final_path)?;
    let part_path = part_path(&final_path);
    let mut urls = vec![format!("{base_url}{}", entry.file)];
    if let Some(mirror) = &config.mirror_base_url {
        let mirror = normalize_base_url(mirror).map_err(|message| Error::BadMirror { message })?;
        urls.push(format!("{mirror}{}", entry.file));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Io {
            action: "start the download runtime for",
            path: final_path.clone(),
            source,
        })?;
    let client = reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .user_agent(concat!("barraiser/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::Network {
            url: urls[0].clone(),
            source: Box::new(e),
        })?;
    let fetch = Fetch {
        client: &client,
        entry,
        part_path: &part_path,
        config,
        cancel,
    };
    let mut last_error = None;
    for (idx, url) in urls.iter().enumerate() {
        let res = runtime
            .block_on(fetch.fetch_resuming(url, on_event))
            .and_then(|()| finish(entry, &part_path, &final_path, on_event));
        match res {
            Ok(report) => {
                return Ok(DownloadOutcome::Installed {
                    path: final_path,
                    url: url.clone(),
                    report,
                })
            }
            Err(error) if error.is_source_failure() && idx + 1 < urls.len() => {
                on_event(&DownloadEvent::SourceFailed { url, error: &error });
                last_error = Some(error);
            }
            Err(error) => return Err(error),
        }
    }
    Err(last_error.expect("at least one source was tried"))
}

/// An exclusive lock on `<file>.lock`, held for the duration of one
/// download; the file is removed when the download ends, so a failed one
/// leaves nothing behind.
struct DownloadLock {
    path: PathBuf,
    _file: File,
}

impl Drop for DownloadLock {
    fn drop(&mut self) {
        // Removed while still locked (the file closes after this), so a
        // process that opened it meanwhile sees it gone and starts over.
        let _ = std::fs::remove_file(&self.path);
    }
}

fn lock_download(entry: &ModelEntry, final_path: &Path) -> Result<DownloadLock, Error> {
    let path = beside(final_path, ".lock");
    let io_error = |source| Error::Io {
        action: "lock the download of",
        path: final_path.to_path_buf(),
        source,
    };
    loop {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::DownloadInProgress {
                    name: entry.name.clone(),
                })
            }
            Err(std::fs::TryLockError::Error(source)) => return Err(io_error(source)),
        }
        if is_still_at(&file, &path) {
            return Ok(DownloadLock { path, _file: file });
        }
    }
}

/// Whether `file` is still the file at `path` (the previous holder may have
/// removed it between our open and our lock).
#[cfg(unix)]
fn is_still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(ours), Ok(there)) => ours.dev() == there.dev() && ours.ino() == there.ino(),
        _ => false,
    }
}

/// Elsewhere an open file cannot be removed, so it is still there.
#[cfg(not(unix))]
fn is_still_at(_file: &File, _path: &Path) -> bool {
    true
}

/// The `.part` file a download of `final_path` writes to.
pub(crate) fn part_path(final_path: &Path) -> PathBuf {
    beside(final_path, ".part")
}

/// `final_path` with `suffix` appended to its file name.
fn beside(final_path: &Path, suffix: &str) -> PathBuf {
    let mut name = final_path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Verifies the complete `.part` and renames it into place, or deletes it.
fn finish(
    entry: &ModelEntry,
    part_path: &Path,
    final_path: &Path,
    on_event: &mut dyn FnMut(&DownloadEvent),
) -> Result<VerifyReport, Error> {
    on_event(&DownloadEvent::Verifying);
    let report = verify_file(part_path, entry)?;
    if let Some(failure) = report.first_failure() {
        // Bytes that hash wrong cannot be resumed from; start clean next time.
        let _ = std::fs::remove_file(part_path);
        let CheckOutcome::Failed { expected, actual } = &failure.outcome else {
            unreachable!("first_failure returns a failed check")
        };
        return Err(match failure.kind {
            CheckKind::Size => Error::SizeMismatch {
                path: final_path.to_path_buf(),
                expected: entry.size,
                actual: actual.parse().unwrap_or(0),
            },
            kind => Error::ChecksumMismatch {
                path: final_path.to_path_buf(),
                algorithm: kind.label(),
                expected: expected.clone(),
                actual: actual.clone(),
            },
        });
    }
    std::fs::rename(part_path, final_path).map_err(|source| Error::Io {
        action: "move the verified download into place at",
        path: final_path.to_path_buf(),
        source,
    })?;
    Ok(report)
}

/// Everything one source's attempts share.
struct Fetch<'a> {
    client: &'a reqwest::Client,
    entry: &'a ModelEntry,
    part_path: &'a Path,
    config: &'a DownloadConfig,
    cancel: &'a CancelToken,
}

impl Fetch<'_> {
    /// Fetches until the `.part` holds `entry.size` bytes, resuming after a
    /// break that delivered data (up to `max_resumes` times).
    async fn fetch_resuming(
        &self,
        url: &str,
        on_event: &mut dyn FnMut(&DownloadEvent),
    ) -> Result<(), Error> {
        let mut n_resumes = 0;
        loop {
            let before = file_len(self.part_path);
            match self.fetch_once(url, on_event).await {
                Err(error @ (Error::Interrupted { .. } | Error::Stalled { .. }))
                    if n_resumes < self.config.max_resumes && file_len(self.part_path) > before =>
                {
                    n_resumes += 1;
                    let from = file_len(self.part_path);
                    on_event(&DownloadEvent::Resuming {
                        from,
                        error: &error,
                    });
                }
                res => return res,
            }
        }
    }

    /// One HTTP request: continues the `.part` from its current length.
    async fn fetch_once(
        &self,
        url: &str,
        on_event: &mut dyn FnMut(&DownloadEvent),
    ) -> Result<(), Error> {
        let total = self.entry.size;
        let mut offset = file_len(self.part_path);
        if offset > total {
            remove_part(self.part_path)?;
            offset = 0;
        }
        if offset == total {
            return Ok(());
        }
        on_event(&DownloadEvent::Connecting { url });
        let mut request = self.client.get(url);
        if offset > 0 {
            request = request.header(reqwest::header::RANGE, format!("bytes={offset}-"));
        }
        let response = self
            .guarded(url, request.send())
            .await?
            .map_err(|e| request_error(url, e, self.config.stall_timeout))?;
        let status = response.status();
        let resume = match status.as_u16() {
            206 => match content_range(&response) {
                Some((_, len)) if len != total => {
                    return Err(Error::UnexpectedLength {
                        url: url.to_string(),
                        expected: total,
                        actual: len,
                    })
                }
                Some((start, _)) if start == offset => true,
                _ => {
                    // Bytes from somewhere else than asked cannot extend the
                    // `.part`; the next attempt starts from the beginning.
                    remove_part(self.part_path)?;
                    return Err(Error::BadRange {
                        url: url.to_string(),
                    });
                }
            },
            200 => {
                if let Some(len) = response.content_length().filter(|len| *len != total) {
                    return Err(Error::UnexpectedLength {
                        url: url.to_string(),
                        expected: total,
                        actual: len,
                    });
                }
                false
            }
            404 => {
                return Err(Error::NotFound {
                    url: url.to_string(),
                })
            }
            416 => {
                // The server has fewer bytes than the `.part`: it is not the
                // same file. Start over on the next attempt.
                remove_part(self.part_path)?;
                return Err(Error::HttpStatus {
                    url: url.to_string(),
                    status: 416,
                });
            }
            code => {
                return Err(Error::HttpStatus {
                    url: url.to_string(),
                    status: code,
                })
            }
        };
        if !resume {
            // A 200 answer to a Range request: the server ignored the Range
            // and sends the whole file from byte 0.
            offset = 0;
        }
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .append(resume)
            .truncate(!resume)
            .open(self.part_path)
            .map_err(|e| write_error(self.part_path, e, total - offset))?;
        on_event(&DownloadEvent::Started {
            total,
            resumed_from: offset,
        });
        let mut writer = BufWriter::with_capacity(WRITE_BUFFER, file);
        let mut downloaded = offset;
        let res = self
            .stream_body(url, response, &mut writer, &mut downloaded, on_event)
            .await;
        // Keep every received byte on disk, whatever stopped the stream: the
        // next attempt resumes from the `.part` length.
        let flushed = writer
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_data())
            .map_err(|e| write_error(self.part_path, e, total - downloaded));
        res.and(flushed)
    }

    async fn stream_body(
        &self,
        url: &str,
        mut response: reqwest::Response,
        writer: &mut BufWriter<File>,
        downloaded: &mut u64,
        on_event: &mut dyn FnMut(&DownloadEvent),
    ) -> Result<(), Error> {
        let total = self.entry.size;
        let mut meter = RateMeter::new(*downloaded);
        loop {
            // `guarded` sees the token only while waiting; a fast stream
            // never waits, so look here too.
            if self.cancel.is_cancelled() {
                return Err(Error::Cancelled);
            }
            let chunk = self
                .guarded(url, response.chunk())
                .await?
                .map_err(|e| body_error(url, e, *downloaded, total, self.config.stall_timeout))?;
            let Some(chunk) = chunk else { break };
            *downloaded += chunk.len() as u64;
            if *downloaded > total {
                return Err(Error::UnexpectedLength {
                    url: url.to_string(),
                    expected: total,
                    actual: *downloaded,
                });
            }
            writer
                .write_all(&chunk)
                .map_err(|e| write_error(self.part_path, e, total - *downloaded))?;
            if let Some(progress) = meter.sample(*downloaded, total, false) {
                on_event(&DownloadEvent::Progress(progress));
            }
        }
        if *downloaded < total {
            return Err(Error::Interrupted {
                url: url.to_string(),
                received: *downloaded,
                expected: total,
            });
        }
        if let Some(progress) = meter.sample(*downloaded, total, true) {
            on_event(&DownloadEvent::Progress(progress));
        }
        Ok(())
    }

    /// Awaits `fut` unless the token is cancelled or nothing happens for
    /// `stall_timeout`. The future is polled in place, never dropped and
    /// recreated, so no received data is lost between polls.
    async fn guarded<F: Future>(&self, url: &str, fut: F) -> Result<F::Output, Error> {
        let stall = self.config.stall_timeout;
        let deadline = tokio::time::Instant::now() + stall;
        let mut ticker = tokio::time::interval(CANCEL_POLL);
        tokio::pin!(fut);
        loop {
            tokio::select! {
                biased;
                out = &mut fut => return Ok(out),
                _ = tokio::time::sleep_until(deadline) => {
                    return Err(stalled(url, stall));
                }
                _ = ticker.tick() => {
                    if self.cancel.is_cancelled() {
                        return Err(Error::Cancelled);
                    }
                }
            }
        }
    }
}

/// Smooths the transfer rate so the ETA does not jump with every chunk.
struct RateMeter {
    last_at: Instant,
    last_bytes: u64,
    rate: f64,
}

impl RateMeter {
    fn new(start_bytes: u64) -> RateMeter {
        RateMeter {
            last_at: Instant::now(),
            last_bytes: start_bytes,
            rate: 0.0,
        }
    }

    /// A progress report if one is due (always when `last`).
    fn sample(&mut self, downloaded: u64, total: u64, last: bool) -> Option<Progress> {
        let now = Instant::now();
        let elapsed = now.duration_since(self.last_at);
        if elapsed < PROGRESS_EVERY && !last {
            return None;
        }
        let secs = elapsed.as_secs_f64();
        if secs > 0.0 {
            let instant_rate = (downloaded - self.last_bytes) as f64 / secs;
            self.rate = if self.rate == 0.0 {
                instant_rate
            } else {
                0.7 * self.rate + 0.3 * instant_rate
            };
        }
        self.last_at = now;
        self.last_bytes = downloaded;
        let remaining = total.saturating_sub(downloaded);
        let eta = if remaining == 0 {
            Some(Duration::ZERO)
        } else if self.rate > 0.0 {
            Some(Duration::from_secs_f64(remaining as f64 / self.rate))
        } else {
            None
        };
        Some(Progress {
            downloaded,
            total,
            bytes_per_second: self.rate,
            eta,
        })
    }
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn remove_part(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(Error::Io {
            action: "delete",
            path: path.to_path_buf(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Parses `Content-Range: bytes START-END/TOTAL` into `(START, TOTAL)`.
fn content_range(response: &reqwest::Response) -> Option<(u64, u64)> {
    let value = response
        .headers()
        .get(reqwest::header::CONTENT_RANGE)?
        .to_str()
        .ok()?;
    let (range, total) = value.strip_prefix("bytes ")?.split_once('/')?;
    let (start, _end) = range.split_once('-')?;
    Some((start.trim().parse().ok()?, total.trim().parse().ok()?))
}

fn stalled(url: &str, stall: Duration) -> Error {
    Error::Stalled {
        url: url.to_string(),
        seconds: stall.as_secs().max(1),
    }
}

/// Classifies a failure to get response headers.
fn request_error(url: &str, error: reqwest::Error, stall: Duration) -> Error {
    if error.is_timeout() {
        stalled(url, stall)
    } else {
        Error::Network {
            url: url.to_string(),
            source: Box::new(error),
        }
    }
}

/// Classifies a failure while reading the body: a connection that closed
/// early is an interruption to resume from, not a network outage.
fn body_error(
    url: &str,
    error: reqwest::Error,
    received: u64,
    expected: u64,
    stall: Duration,
) -> Error {
    if error.is_timeout() {
        stalled(url, stall)
    } else {
        Error::Interrupted {
            url: url.to_string(),
            received,
            expected,
        }
    }
}

/// Classifies a failure to write the `.part` file.
fn write_error(path: &Path, error: io::Error, needed_bytes: u64) -> Error {
    if is_disk_full(&error) {
        Error::DiskFull {
            path: path.to_path_buf(),
            needed_bytes,
        }
    } else {
        Error::Io {
            action: "write",
            path: path.to_path_buf(),
            source: error,
        }
    }
}

pub(crate) fn is_disk_full(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_space_left_is_disk_full() {
        #[cfg(unix)]
        let os_error = io::Error::from_raw_os_error(28); // ENOSPC
        #[cfg(windows)]
        let os_error = io::Error::from_raw_os_error(112); // ERROR_DISK_FULL
        let err = write_error(Path::new("/m/x.part"), os_error, 5_000_001);
        assert!(matches!(
            err,
            Error::DiskFull {
                needed_bytes: 5_000_001,
                ..
            }
        ));
        assert!(err.to_string().contains("free at least 6 MB"), "{err}");
        let other = write_error(
            Path::new("/m/x.part"),
            io::ErrorKind::PermissionDenied.into(),
            1,
        );
        assert!(matches!(other, Error::Io { .. }));
    }

    #[test]
    fn part_file_sits_next_to_the_final_name() {
        let part = part_path(Path::new("/data/models/ggml-base.en.bin"));
        assert_eq!(part, Path::new("/data/models/ggml-base.en.bin.part"));
    }

    #[test]
    fn rate_meter_reports_eta_from_the_rate() {
        let mut meter = RateMeter::new(0);
        meter.last_at -= Duration::from_secs(1);
        let progress = meter.sample(1_000, 3_000, false).unwrap();
        assert!(
            (progress.bytes_per_second - 1_000.0).abs() < 50.0,
            "{progress:?}"
        );
        let eta = progress.eta.unwrap().as_secs_f64();
        assert!((eta - 2.0).abs() < 0.1, "{eta}");
        assert_eq!(meter.sample(1_001, 3_000, false), None, "throttled");
        assert_eq!(
            meter.sample(3_000, 3_000, true).unwrap().eta,
            Some(Duration::ZERO)
        );
    }
}
