//! Test helpers: a tiny HTTP/1.1 file server on 127.0.0.1 that misbehaves on
//! request, the shared test model, and synthetic ggml files.
//!
//! The server is written on std::net so each failure mode is exact: it
//! honours `Range: bytes=N-`, and for its first requests it can follow a
//! plan (cut the connection after N body bytes, stall before or during the
//! body, answer 404) before serving normally. Every request is logged with
//! its `Range` header and the body bytes actually sent, so tests can prove
//! a resume did not fetch bytes twice. Nothing here touches the internet.

use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The file every test serves.
pub const MODEL_FILE: &str = "ggml-tiny.en.bin";
/// A stalled connection gives up after this long even if nobody stops it.
const MAX_STALL: Duration = Duration::from_secs(20);

/// What the server does with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Answer 200, or 206 for a Range request, with the whole rest.
    Serve,
    /// Send the headers of a full answer, then `after` body bytes, then close.
    Cut { after: usize },
    /// Accept the connection and send nothing.
    StallBeforeHeaders,
    /// Send the headers and `after` body bytes, then nothing.
    StallAfter { after: usize },
    /// Serve, but slowly (64 KiB every 5 ms), so a test can act mid-stream.
    Trickle,
    /// Answer a Range request with the whole file and 200, as servers
    /// without Range support do.
    IgnoreRange,
    /// Answer a Range request with 206 but from byte 0.
    WrongRange,
    /// Answer 404 Not Found.
    NotFound,
}

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    pub path: String,
    pub range: Option<String>,
    pub status: u16,
    pub body_bytes_sent: u64,
}

pub struct TestServer {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Logged>>>,
    stop: Arc<AtomicBool>,
    accept_thread: Option<JoinHandle<()>>,
}

struct Shared {
    data: Arc<Vec<u8>>,
    plan: Mutex<VecDeque<Behaviour>>,
    log: Arc<Mutex<Vec<Logged>>>,
    stop: Arc<AtomicBool>,
}

impl TestServer {
    /// Serves `data` as `/models/ggml-tiny.en.bin`; the first requests follow
    /// `plan`, later ones `Behaviour::Serve`.
    pub fn start(data: Arc<Vec<u8>>, plan: &[Behaviour]) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let shared = Arc::new(Shared {
            data,
            plan: Mutex::new(plan.iter().copied().collect()),
            log: log.clone(),
            stop: stop.clone(),
        });
        let accept_thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if shared.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = shared.clone();
                std::thread::spawn(move || handle(stream, &shared));
            }
        });
        TestServer {
            addr,
            log,
            stop,
            accept_thread: Some(accept_thread),
        }
    }

    /// The base URL to put in a manifest.
    pub fn base_url(&self) -> String {
        format!("http://{}/models/", self.addr)
    }

    pub fn log(&self) -> Vec<Logged> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.accept_thread.take() {
            let _ = thread.join();
        }
    }
}

fn handle(stream: TcpStream, shared: &Shared) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_string();
    let mut range = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("range") {
                range = Some(value.trim().to_string());
            }
        }
    }
    let behaviour = shared
        .plan
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(Behaviour::Serve);
    let mut logged = Logged {
        path: path.clone(),
        range: range.clone(),
        status: 0,
        body_bytes_sent: 0,
    };
    let mut stream = stream;
    if behaviour == Behaviour::StallBeforeHeaders {
        record(shared, logged);
        stall(shared);
        return;
    }
    if behaviour == Behaviour::NotFound || path != format!("/models/{MODEL_FILE}") {
        logged.status = 404;
        let _ = stream.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
        );
        record(shared, logged);
        return;
    }
    let data = &shared.data;
    let len = data.len();
    let start = range
        .as_deref()
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.split('-').next())
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|_| behaviour != Behaviour::IgnoreRange)
        .map(|start| {
            if behaviour == Behaviour::WrongRange {
                0
            } else {
                start
            }
        });
    let head = match start {
        Some(start) if start >= len => {
            logged.status = 416;
            let _ = write!(
                stream,
                "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{len}\r\n\
                 Content-Length: 0\r\nConnection: close\r\n\r\n"
            );
            record(shared, logged);
            return;
        }
        Some(start) => {
            logged.status = 206;
            format!(
                "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {start}-{}/{len}\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n",
                len - 1,
                len - start
            )
        }
        None => {
            logged.status = 200;
            format!("HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n")
        }
    };
    let start = start.unwrap_or(0);
    if stream.write_all(head.as_bytes()).is_err() {
        record(shared, logged);
        return;
    }
    let end = match behaviour {
        Behaviour::Cut { after } | Behaviour::StallAfter { after } => (start + after).min(len),
        _ => len,
    };
    for chunk in data[start..end].chunks(64 * 1024) {
        if stream.write_all(chunk).is_err() || shared.stop.load(Ordering::SeqCst) {
            break;
        }
        logged.body_bytes_sent += chunk.len() as u64;
        if behaviour == Behaviour::Trickle {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let _ = stream.flush();
    record(shared, logged);
    if let Behaviour::StallAfter { .. } = behaviour {
        stall(shared);
    }
    // Dropping the stream closes the connection; for `Cut` that is the point.
}

fn record(shared: &Shared, logged: Logged) {
    shared.log.lock().unwrap().push(logged);
}

fn stall(shared: &Shared) {
    let started = Instant::now();
    while !shared.stop.load(Ordering::SeqCst) && started.elapsed() < MAX_STALL {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `BARRAISER_SHARED`, else `<workspace>/../shared`.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("BARRAISER_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

/// The bytes of the shared test model, read once per test binary.
pub fn model_bytes() -> Arc<Vec<u8>> {
    static BYTES: OnceLock<Arc<Vec<u8>>> = OnceLock::new();
    BYTES
        .get_or_init(|| {
            let path = shared_dir().join("models").join(MODEL_FILE);
            Arc::new(
                std::fs::read(&path).unwrap_or_else(|e| {
                    panic!("cannot read the test model {}: {e}", path.display())
                }),
            )
        })
        .clone()
}

/// Lowercase hex SHA-256, computed here rather than copied from anywhere.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// SHA-256 of the shared test model, computed once per test binary.
pub fn model_sha256() -> String {
    static SHA: OnceLock<String> = OnceLock::new();
    SHA.get_or_init(|| sha256_hex(&model_bytes())).clone()
}

/// A manifest with one entry, `tiny.en-test`, served from `base_url`.
pub fn test_manifest(base_url: &str, size: u64, sha256: &str) -> String {
    format!(
        "base_url = \"{base_url}\"\n\n[[model]]\nname = \"tiny.en-test\"\nfile = \"{MODEL_FILE}\"\n\
         size = {size}\nsha256 = \"{sha256}\"\nnote = \"the shared test model\"\n"
    )
}

/// The smallest file with a valid ggml Whisper header of the given shape:
/// header, then a zeroed mel filter bank.
pub fn synthetic_model(
    n_vocab: i32,
    n_audio_state: i32,
    n_audio_layer: i32,
    ftype: i32,
) -> Vec<u8> {
    let heads = n_audio_state / 64;
    let words = [
        0x6767_6d6c,
        n_vocab,
        1500,
        n_audio_state,
        heads,
        n_audio_layer,
        448,
        n_audio_state,
        heads,
        n_audio_layer,
        80,
        ftype,
        80,
        201,
    ];
    let mut bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    bytes.resize(bytes.len() + 4 * 80 * 201, 0);
    bytes
}
