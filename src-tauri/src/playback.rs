//! The `recording://` URI scheme: serves answer recordings to the UI, with
//! HTTP Range support, and only WAV files inside the recordings folder: a
//! path that leaves it (`..`, an absolute path, a symlink pointing out) is
//! refused.
//!
//! Why not Tauri's asset protocol: it is scoped by glob patterns rather than
//! one folder, and media elements need `206 Partial Content` answers to seek.
//! WebKitGTK (Linux) goes further: its GStreamer media backend loads nothing
//! from any custom scheme (MEDIA_ERR_SRC_NOT_SUPPORTED after the first
//! request; tauri-apps/tauri#3725, measured here with WebKitGTK 2.50). So on
//! Linux the UI fetches the file through this scheme and plays it from a
//! `blob:` URL, which seeks in memory; elsewhere the `<audio>` element
//! streams from the scheme and seeks with Range requests (see
//! `ui/src/lib/playback.ts`).
//!
//! The handler is a pure function of (folder, request) so it is unit tested
//! without a window; `lib.rs` registers it as an asynchronous protocol, so
//! file reads never run on the UI thread.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};
use tauri::http::{header, Method, Request, Response, StatusCode};

/// The scheme name; the UI builds URLs with `convertFileSrc(path, SCHEME)`.
pub const SCHEME: &str = "recording";

/// The most bytes one response carries. Media elements ask for `bytes=0-`
/// and then keep asking; answering in slices keeps memory flat for long
/// answers and is allowed by RFC 9110 (the server picks the last byte).
const MAX_SLICE: u64 = 2 * 1024 * 1024;

/// Answers one request for a file under `root`.
pub fn respond(root: &Path, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let path = match resolve(root, request.uri().path()) {
        Ok(path) => path,
        Err(code) => return status(code),
    };
    let mut file = match File::open(&path) {
        Ok(file) => file,
        Err(_) => return status(StatusCode::NOT_FOUND),
    };
    let len = match file.metadata() {
        Ok(meta) => meta.len(),
        Err(_) => return status(StatusCode::NOT_FOUND),
    };
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok());
    let (code, start, end) = match range {
        None => (StatusCode::OK, 0, len.saturating_sub(1)),
        Some(spec) => match parse_range(spec, len) {
            Some((start, end)) => (
                StatusCode::PARTIAL_CONTENT,
                start,
                end.min(start + MAX_SLICE - 1),
            ),
            None => {
                return Response::builder()
                    .status(StatusCode::RANGE_NOT_SATISFIABLE)
                    .header(header::CONTENT_RANGE, format!("bytes */{len}"))
                    .header(header::ACCEPT_RANGES, "bytes")
                    .body(Vec::new())
                    .expect("static headers are valid");
            }
        },
    };
    let n_bytes = if len == 0 { 0 } else { end - start + 1 };
    let mut body = Vec::new();
    if request.method() == Method::GET && n_bytes > 0 {
        let read = file
            .seek(SeekFrom::Start(start))
            .and_then(|_| (&mut file).take(n_bytes).read_to_end(&mut body));
        if read.is_err() {
            return status(StatusCode::INTERNAL_SERVER_ERROR);
        }
    }
    let mut builder = Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "audio/wav")
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CONTENT_LENGTH, n_bytes.to_string())
        .header(header::CACHE_CONTROL, "no-store")
        // The page (tauri://localhost) fetches from another origin
        // (recording://localhost); only this webview can reach the scheme,
        // so any origin may read the answer.
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    if code == StatusCode::PARTIAL_CONTENT {
        builder = builder.header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}"));
    }
    builder.body(body).expect("generated headers are valid")
}

/// The answer when the app has no data folder to serve from.
pub fn unavailable() -> Response<Vec<u8>> {
    status(StatusCode::SERVICE_UNAVAILABLE)
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    Response::builder()
        .status(code)
        .body(Vec::new())
        .expect("a bare status is a valid response")
}

/// Maps the URL path (percent-encoded, relative to the recordings folder) to
/// a file inside `root`, or the status that refuses it.
fn resolve(root: &Path, url_path: &str) -> Result<PathBuf, StatusCode> {
    let decoded = percent_encoding::percent_decode_str(url_path.trim_start_matches('/'))
        .decode_utf8()
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    let relative = Path::new(decoded.as_ref());
    let only_names = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if decoded.is_empty() || !only_names {
        return Err(StatusCode::FORBIDDEN);
    }
    if relative.extension().and_then(|e| e.to_str()) != Some("wav") {
        return Err(StatusCode::FORBIDDEN);
    }
    // Canonicalising both sides also catches a symlink that points outside.
    let root = root.canonicalize().map_err(|_| StatusCode::NOT_FOUND)?;
    let full = root
        .join(relative)
        .canonicalize()
        .map_err(|_| StatusCode::NOT_FOUND)?;
    if !full.starts_with(&root) {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(full)
}

/// Parses a single `bytes=` range against a file of `len` bytes into an
/// inclusive `(start, end)`, or `None` when it cannot be satisfied. Only the
/// first range of a multi-range request is served; media elements never send
/// more than one.
fn parse_range(spec: &str, len: u64) -> Option<(u64, u64)> {
    let first = spec
        .trim()
        .strip_prefix("bytes=")?
        .split(',')
        .next()?
        .trim();
    let (start, end) = first.split_once('-')?;
    if len == 0 {
        return None;
    }
    let last = len - 1;
    match (start.trim(), end.trim()) {
        ("", "") => None,
        ("", suffix) => {
            let n: u64 = suffix.parse().ok()?;
            (n > 0).then(|| (len.saturating_sub(n), last))
        }
        (start, "") => {
            let start: u64 = start.parse().ok()?;
            (start <= last).then_some((start, last))
        }
        (start, end) => {
            let (start, end): (u64, u64) = (start.parse().ok()?, end.parse().ok()?);
            (start <= end && start <= last).then_some((start, end.min(last)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, range: Option<&str>) -> Request<Vec<u8>> {
        let mut builder = Request::builder().uri(format!("recording://localhost/{path}"));
        if let Some(range) = range {
            builder = builder.header(header::RANGE, range);
        }
        builder.body(Vec::new()).unwrap()
    }

    fn folder_with_file(len: usize) -> (tempfile::TempDir, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("recordings/round-1")).unwrap();
        let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.path().join("recordings/round-1/a.wav"), &bytes).unwrap();
        (dir, bytes)
    }

    fn header_of(res: &Response<Vec<u8>>, name: header::HeaderName) -> &str {
        res.headers().get(name).unwrap().to_str().unwrap()
    }

    #[test]
    fn a_closed_range_is_answered_with_exactly_those_bytes() {
        let (dir, bytes) = folder_with_file(10_000);
        let root = dir.path().join("recordings");
        let res = respond(&root, &request("round-1%2Fa.wav", Some("bytes=100-199")));
        assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            header_of(&res, header::CONTENT_RANGE),
            "bytes 100-199/10000"
        );
        assert_eq!(header_of(&res, header::ACCEPT_RANGES), "bytes");
        assert_eq!(header_of(&res, header::CONTENT_LENGTH), "100");
        assert_eq!(header_of(&res, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
        assert_eq!(res.body().as_slice(), &bytes[100..200]);
    }

    #[test]
    fn open_and_suffix_ranges_reach_the_end_of_the_file() {
        let (dir, bytes) = folder_with_file(5_000);
        let root = dir.path().join("recordings");
        let res = respond(&root, &request("round-1/a.wav", Some("bytes=4990-")));
        assert_eq!(
            header_of(&res, header::CONTENT_RANGE),
            "bytes 4990-4999/5000"
        );
        assert_eq!(res.body().as_slice(), &bytes[4990..]);
        let res = respond(&root, &request("round-1/a.wav", Some("bytes=-16")));
        assert_eq!(
            header_of(&res, header::CONTENT_RANGE),
            "bytes 4984-4999/5000"
        );
        assert_eq!(res.body().as_slice(), &bytes[4984..]);
    }

    #[test]
    fn an_end_past_the_file_is_clamped() {
        let (dir, bytes) = folder_with_file(300);
        let root = dir.path().join("recordings");
        let res = respond(&root, &request("round-1/a.wav", Some("bytes=200-999999")));
        assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(header_of(&res, header::CONTENT_RANGE), "bytes 200-299/300");
        assert_eq!(res.body().as_slice(), &bytes[200..]);
    }

    #[test]
    fn a_long_open_range_is_served_in_slices() {
        let size = (MAX_SLICE + 1000) as usize;
        let (dir, bytes) = folder_with_file(size);
        let root = dir.path().join("recordings");
        let res = respond(&root, &request("round-1/a.wav", Some("bytes=0-")));
        let last = MAX_SLICE - 1;
        assert_eq!(
            header_of(&res, header::CONTENT_RANGE),
            format!("bytes 0-{last}/{size}")
        );
        assert_eq!(res.body().len() as u64, MAX_SLICE);
        let res = respond(&root, &request("round-1/a.wav", Some("bytes=2097152-")));
        assert_eq!(res.body().as_slice(), &bytes[MAX_SLICE as usize..]);
    }

    #[test]
    fn no_range_header_gets_the_whole_file_and_advertises_ranges() {
        let (dir, bytes) = folder_with_file(1234);
        let res = respond(
            &dir.path().join("recordings"),
            &request("round-1/a.wav", None),
        );
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(header_of(&res, header::ACCEPT_RANGES), "bytes");
        assert!(res.headers().get(header::CONTENT_RANGE).is_none());
        assert_eq!(res.body(), &bytes);
    }

    #[test]
    fn unsatisfiable_ranges_get_416_with_the_file_length() {
        let (dir, _) = folder_with_file(100);
        let root = dir.path().join("recordings");
        for range in [
            "bytes=100-",
            "bytes=50-10",
            "bytes=-0",
            "items=0-1",
            "bytes=x-y",
        ] {
            let res = respond(&root, &request("round-1/a.wav", Some(range)));
            assert_eq!(res.status(), StatusCode::RANGE_NOT_SATISFIABLE, "{range}");
            assert_eq!(header_of(&res, header::CONTENT_RANGE), "bytes */100");
        }
    }

    #[test]
    fn paths_outside_the_recordings_folder_are_refused() {
        let (dir, _) = folder_with_file(100);
        std::fs::write(dir.path().join("secret.wav"), b"private").unwrap();
        let root = dir.path().join("recordings");
        for path in [
            "..%2Fsecret.wav",
            "../secret.wav",
            "round-1/..%2F..%2Fsecret.wav",
            "%2Fetc%2Fpasswd.wav",
            "round-1/a.txt",
            "",
        ] {
            let res = respond(&root, &request(path, None));
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_leading_out_of_the_folder_is_refused() {
        let (dir, _) = folder_with_file(100);
        std::fs::write(dir.path().join("secret.wav"), b"private").unwrap();
        let root = dir.path().join("recordings");
        std::os::unix::fs::symlink(dir.path().join("secret.wav"), root.join("link.wav")).unwrap();
        let res = respond(&root, &request("link.wav", None));
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }

    #[test]
    fn a_missing_file_is_404_and_head_sends_no_body() {
        let (dir, _) = folder_with_file(100);
        let root = dir.path().join("recordings");
        assert_eq!(
            respond(&root, &request("round-1/missing.wav", None)).status(),
            StatusCode::NOT_FOUND
        );
        let head = Request::builder()
            .method(Method::HEAD)
            .uri("recording://localhost/round-1/a.wav")
            .body(Vec::new())
            .unwrap();
        let res = respond(&root, &head);
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(header_of(&res, header::CONTENT_LENGTH), "100");
        assert!(res.body().is_empty());
    }
}
