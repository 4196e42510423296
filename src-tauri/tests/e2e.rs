//! End-to-end test of the real desktop app, driven through tauri-driver and
//! WebKitWebDriver: start a round, answer it by playing a WAV into the
//! virtual microphone, see the transcript with fillers marked and a
//! follow-up, answer that, end the round, open it in History and replay it
//! with seeking (by click and by keyboard); then, hands-free, answer a
//! question and its follow-up with no key press or click: the interviewer
//! reads each prompt aloud before the microphone opens, the app notices
//! each answer's end in the silence after it, asks the follow-up and starts
//! listening again by itself. Every screen is saved as a screenshot under
//! `target/e2e-screenshots/`, and the start time and the UI's frame gaps
//! during transcription are measured (reported, not asserted) in
//! `metrics.json` there.
//!
//! Run by `scripts/e2e.sh`, which builds the UI, starts the virtual
//! microphone and an X server; it needs `tauri-driver` on the PATH and
//! `BARRAISER_MODEL`. The app gets a fresh data folder through
//! `BARRAISER_DATA_DIR`; `BARRAISER_E2E_APP` points the test at another
//! build of the app, e.g. `target/release/bar-raiser`.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Ports away from tauri-driver's defaults, so a driver someone left
/// running does not answer instead of ours.
const DRIVER_PORT: u16 = 4544;
const NATIVE_PORT: u16 = 4545;
const SHORT: Duration = Duration::from_secs(20);
/// Transcription and analysis of an answer; generous for a busy 2-core CI.
const LONG: Duration = Duration::from_secs(180);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn shared_dir() -> PathBuf {
    std::env::var_os("BARRAISER_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"))
}

fn screenshots_dir() -> PathBuf {
    let dir = repo_root().join("target/e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// tauri-driver, stopped with SIGTERM (it then stops WebKitWebDriver and
/// the app; SIGKILL would leave them running).
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let pid = self.0.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        eprintln!("e2e: tauri-driver did not exit within 10 s of SIGTERM");
    }
}

fn start_driver(data_dir: &Path) -> Driver {
    let child = Command::new("tauri-driver")
        .args([
            "--port",
            &DRIVER_PORT.to_string(),
            "--native-port",
            &NATIVE_PORT.to_string(),
            "--native-driver",
            "/usr/bin/WebKitWebDriver",
        ])
        .env("BARRAISER_DATA_DIR", data_dir)
        .stdout(Stdio::inherit())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tauri-driver runs (cargo install tauri-driver --locked)");
    let driver = Driver(child);
    let deadline = Instant::now() + SHORT;
    while std::net::TcpStream::connect(("127.0.0.1", DRIVER_PORT)).is_err() {
        assert!(
            Instant::now() < deadline,
            "tauri-driver did not listen on {DRIVER_PORT}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    driver
}

async fn connect(app: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert(
        "tauri:options".into(),
        json!({ "application": app.to_str().unwrap() }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{DRIVER_PORT}"))
        .await
        .expect("a WebDriver session with the app")
}

async fn wait_css(client: &Client, css: &str, timeout: Duration) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(timeout)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css} within {timeout:?}: {e}"))
}

async fn click(client: &Client, css: &str) {
    wait_css(client, css, SHORT)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn js(client: &Client, script: &str) -> Value {
    client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Polls `script` (which must return a boolean) until it is true. On a
/// timeout the failure shows the player's state and any error on screen,
/// which is what such a wait usually hinges on.
async fn wait_js(client: &Client, script: &str, timeout: Duration, what: &str) {
    let deadline = Instant::now() + timeout;
    loop {
        if js(client, script).await == json!(true) {
            return;
        }
        if Instant::now() >= deadline {
            let state = js(client, DIAGNOSTICS).await;
            panic!("timed out waiting for {what}; page state: {state:#}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

const DIAGNOSTICS: &str = "const a = document.querySelector('[data-testid=player]'); \
    const e = document.querySelector('[data-testid=error]'); \
    return { screen: document.querySelector('main')?.dataset.screen, \
    error: e ? e.innerText : null, \
    player: a ? { src: a.currentSrc, readyState: a.readyState, networkState: a.networkState, \
    duration: a.duration, currentTime: a.currentTime, error: a.error ? a.error.code + ' ' + a.error.message : null } : null };";

async fn screenshot(client: &Client, name: &str) {
    // WebKitWebDriver captures the last painted frame; wait for two frames
    // so a screen that just changed is on it.
    client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await
        .expect("two animation frames");
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(screenshots_dir().join(name), png).unwrap();
}

/// Presses Space with nothing focused, as a candidate who does not touch
/// the mouse would.
async fn press_space(client: &Client) {
    js(
        client,
        "document.activeElement && document.activeElement.blur(); return true;",
    )
    .await;
    client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys(" ")
        .await
        .expect("Space reaches the window");
}

/// Plays a WAV into the virtual microphone, in the background.
fn play(wav: &Path) -> std::thread::JoinHandle<()> {
    let script = shared_dir().join("scripts/virtual-mic.sh");
    let wav = wav.to_path_buf();
    std::thread::spawn(move || {
        let status = Command::new(script).arg("play").arg(&wav).status().unwrap();
        assert!(status.success(), "virtual-mic.sh play {}", wav.display());
    })
}

/// Starts counting the gaps between animation frames, to see whether the UI
/// stays responsive while the answer is transcribed.
const FRAME_PROBE_START: &str = "window.__gaps = []; window.__probe = true; let last = performance.now(); \
    const f = (t) => { window.__gaps.push(t - last); last = t; if (window.__probe) requestAnimationFrame(f); }; \
    requestAnimationFrame(f); return true;";
const LIVE_CHARS: &str = "const p = document.querySelector('[data-testid=live-transcript]'); \
    return p ? Number(p.dataset.chars) : 0;";
const FRAME_PROBE_READ: &str = "window.__probe = false; const g = window.__gaps || []; \
    return { frames: g.length, max_gap_ms: g.length ? Math.max(...g) : null, \
    over_100ms: g.filter((x) => x > 100).length };";

/// Answers the prompt on screen by playing `wav`; returns what was
/// measured: when the live transcript first showed words, the time from
/// stop to feedback, and the gaps between animation frames from the start
/// of recording to the feedback.
async fn answer_with(
    client: &Client,
    wav: &Path,
    n_turns_before: usize,
    shot: &str,
    keyboard: bool,
) -> Value {
    wait_css(client, "[data-testid=record][data-phase=idle]", SHORT).await;
    if keyboard {
        press_space(client).await;
    } else {
        click(client, "[data-testid=record][data-phase=idle]").await;
    }
    // The first audio callback lights the meter; play only then, or the
    // start of the answer is lost.
    wait_css(client, "[data-testid=level-meter][data-live=true]", SHORT).await;
    js(client, FRAME_PROBE_START).await;
    let speaking = Instant::now();
    let player = play(wav);
    // While the candidate speaks, chunks cut at pauses are transcribed: note
    // when the first live words show, and capture the screen then.
    let mut first_live_text_s = None;
    while !player.is_finished() {
        if first_live_text_s.is_none() && js(client, LIVE_CHARS).await.as_u64().unwrap_or(0) > 0 {
            first_live_text_s = Some(speaking.elapsed().as_secs_f64());
            screenshot(client, shot).await;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    if first_live_text_s.is_none() {
        screenshot(client, shot).await;
    }
    tokio::task::spawn_blocking(move || player.join().unwrap())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let stop = Instant::now();
    if keyboard {
        press_space(client).await;
    } else {
        click(client, "[data-testid=record][data-phase=recording]").await;
    }
    wait_js(
        client,
        &format!(
            "const h = document.querySelector('[data-turns]'); \
             return !!h && h.dataset.turns === '{}' && !!document.querySelector('[data-testid=last-answer]');",
            n_turns_before + 1
        ),
        LONG,
        "the feedback after stop",
    )
    .await;
    let stop_to_feedback_ms = stop.elapsed().as_secs_f64() * 1000.0;
    json!({
        "stop_to_feedback_ms": stop_to_feedback_ms,
        "first_live_text_after_s": first_live_text_s,
        "frames_recording_to_feedback": js(client, FRAME_PROBE_READ).await,
    })
}

/// Waits until the app listens by itself (the meter is live), noting
/// whether the interviewer read the prompt aloud before (the button says so
/// while it speaks), plays `wav` into the microphone, and waits, touching
/// nothing, until the app has noticed the silence after it and has
/// `n_turns_after` turns. Returns what was measured, including the seconds
/// from the end of the audio to the answer being stored.
async fn answer_hands_free(client: &Client, wav: &Path, n_turns_after: usize, shot: &str) -> Value {
    let waiting = Instant::now();
    let mut asking_s = None;
    loop {
        let phase = js(
            client,
            "const live = document.querySelector('[data-testid=level-meter][data-live=true]'); \
             const b = document.querySelector('[data-testid=record]'); \
             return live ? 'listening' : (b ? b.dataset.phase : null);",
        )
        .await;
        if phase == json!("asking") && asking_s.is_none() {
            asking_s = Some(waiting.elapsed().as_secs_f64());
            screenshot(client, &format!("asking-{shot}")).await;
        }
        if phase == json!("listening") {
            break;
        }
        assert!(
            waiting.elapsed() < LONG,
            "the app did not start listening by itself"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let listening_after_s = waiting.elapsed().as_secs_f64();
    // With a speech service (scripts/test.sh installs speech-dispatcher and
    // sets BARRAISER_SPEECH), the prompt must be heard before the microphone
    // opens.
    if std::env::var_os("BARRAISER_SPEECH").is_some() {
        assert!(
            asking_s.is_some(),
            "the interviewer read the prompt before listening"
        );
    }
    screenshot(client, shot).await;
    let player = play(wav);
    tokio::task::spawn_blocking(move || player.join().unwrap())
        .await
        .unwrap();
    let spoken = Instant::now();
    wait_js(
        client,
        &format!(
            "const h = document.querySelector('[data-turns]'); return !!h && h.dataset.turns === '{n_turns_after}';"
        ),
        LONG,
        "the answer to end by itself after the silence",
    )
    .await;
    json!({
        "asked_aloud_first": asking_s.is_some(),
        "listening_after_s": listening_after_s,
        "audio_end_to_stored_s": spoken.elapsed().as_secs_f64(),
    })
}

/// Hands-free: turned on in Settings, then a one-question round whose
/// question and follow-up are answered without a key press or a click.
async fn hands_free_round(client: &Client, fillers: &Path) -> Value {
    click(client, "[data-nav=settings]").await;
    click(client, "[data-testid=hands-free-toggle]").await;
    wait_js(
        client,
        "return document.querySelector('[data-testid=hands-free-toggle]').checked \
         && !document.querySelector('[data-testid=silence-seconds]').disabled;",
        SHORT,
        "hands-free saved",
    )
    .await;
    screenshot(client, "15-settings-hands-free.png").await;
    click(client, "[data-nav=start]").await;
    wait_css(client, "#n", SHORT)
        .await
        .select_by_value("1")
        .await
        .unwrap();
    click(client, "[data-testid=start-round]").await;
    wait_css(client, "[data-testid=hands-free]", SHORT).await;

    // From here on, nothing is pressed or clicked.
    let main = answer_hands_free(
        client,
        &fillers.join("a1_project_en-us.wav"),
        1,
        "16-hands-free-question-listening.png",
    )
    .await;
    // The self-rating is declined by itself, the follow-up asked, and the
    // app listens again.
    wait_css(client, "[data-testid=prompt][data-depth='1']", SHORT).await;
    let followup = answer_hands_free(
        client,
        &fillers.join("a6_star_en-us.wav"),
        2,
        "17-hands-free-followup-listening.png",
    )
    .await;
    wait_css(
        client,
        "[data-testid=last-answer] [data-testid=transcript] [data-word]",
        SHORT,
    )
    .await;
    screenshot(client, "18-hands-free-followup-answered.png").await;
    let n_words = js(
        client,
        "return document.querySelectorAll('[data-testid=last-answer] [data-word]').length;",
    )
    .await;
    assert!(
        n_words.as_u64().unwrap_or(0) > 10,
        "the hands-free follow-up answer was transcribed ({n_words} words)"
    );
    json!({ "main": main, "followup": followup })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_is_answered_aloud_reviewed_and_replayed() {
    assert!(
        std::env::var_os("BARRAISER_MODEL").is_some(),
        "set BARRAISER_MODEL to a ggml Whisper model"
    );
    let fillers = shared_dir().join("audio/tts-fillers");
    let data_dir = tempfile::tempdir().unwrap();
    let _driver = start_driver(data_dir.path());
    // BARRAISER_E2E_APP runs the test against another build (the release
    // binary, to measure what users get); by default, this test's own build.
    let app = std::env::var_os("BARRAISER_E2E_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_bar-raiser")));

    // Start: the window appears and the UI reports ready.
    let launched = Instant::now();
    let client = connect(&app).await;
    wait_css(&client, "body[data-ready=true]", SHORT).await;
    let session_to_ready_ms = launched.elapsed().as_secs_f64() * 1000.0;
    let page_ready_ms = js(&client, "return performance.now();").await;
    assert_eq!(client.title().await.unwrap(), "Bar Raiser");
    // The strict CSP must not block anything the app itself does.
    js(
        &client,
        "window.__csp = []; document.addEventListener('securitypolicyviolation', \
         (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); return true;",
    )
    .await;
    wait_css(&client, "[data-testid=model-ready]", SHORT).await;
    screenshot(&client, "01-start.png").await;

    // A one-question Practice round on Ownership (the default choice).
    wait_css(&client, "#n", SHORT)
        .await
        .select_by_value("1")
        .await
        .unwrap();
    click(&client, "[data-testid=start-round]").await;
    wait_css(&client, "[data-testid=prompt][data-depth='0']", SHORT).await;
    screenshot(&client, "02-interview-question.png").await;

    // The main answer, full of fillers and without a result.
    let main_answer = answer_with(
        &client,
        &fillers.join("a1_project_en-us.wav"),
        0,
        "03-interview-recording.png",
        true,
    )
    .await;

    // Practice mode asks for a self-rating before revealing the score.
    wait_css(&client, "[data-testid=self-rating]", SHORT).await;
    let n_fillers = js(
        &client,
        "return document.querySelectorAll('[data-testid=last-answer] [data-filler]').length;",
    )
    .await;
    assert!(
        n_fillers.as_u64().unwrap_or(0) >= 3,
        "fillers are marked in the transcript (found {n_fillers})"
    );
    screenshot(&client, "04-interview-self-rating.png").await;
    click(&client, "[data-rating='2']").await;

    // The drill-down: a "why" follow-up, with the scored feedback below it.
    let followup = wait_css(&client, "[data-testid=prompt][data-depth='1']", SHORT).await;
    let followup_text = followup.text().await.unwrap();
    assert!(
        !followup_text.trim().is_empty(),
        "the follow-up has a question"
    );
    wait_css(
        &client,
        "[data-testid=last-answer] [data-testid=score]",
        SHORT,
    )
    .await;
    wait_css(&client, "[data-testid=checklist]", SHORT).await;
    screenshot(&client, "05-interview-feedback-followup.png").await;

    // Answer the follow-up with a quantified STAR answer.
    let followup_answer = answer_with(
        &client,
        &fillers.join("a6_star_en-us.wav"),
        1,
        "06-interview-followup-recording.png",
        false,
    )
    .await;
    wait_css(
        &client,
        "[data-testid=last-answer] [data-testid=transcript] [data-word]",
        SHORT,
    )
    .await;
    screenshot(&client, "07-interview-followup-feedback.png").await;

    // End the round: the summary lists what to fix.
    click(&client, "[data-testid=end-round]").await;
    wait_css(
        &client,
        "main[data-screen=summary] [data-testid=fixes]",
        SHORT,
    )
    .await;
    screenshot(&client, "08-summary.png").await;

    // History lists the round; open it in Replay.
    click(&client, "[data-nav=history]").await;
    wait_css(&client, "[data-testid=history] tbody tr", SHORT).await;
    screenshot(&client, "09-history.png").await;
    click(&client, "[data-testid=history] [data-testid=open-round]").await;
    wait_css(
        &client,
        "main[data-screen=replay] [data-testid=player]",
        SHORT,
    )
    .await;

    // The recording loads through the recording:// scheme...
    wait_js(
        &client,
        "const a = document.querySelector('[data-testid=player]'); return a.readyState >= 1 && a.duration > 5;",
        SHORT,
        "the recording's metadata",
    )
    .await;
    screenshot(&client, "10-replay.png").await;
    // ...and seeks: clicking a word jumps there and highlights it.
    let n_words = js(
        &client,
        "return document.querySelector('[data-testid=replay-turn] [data-testid=transcript]').querySelectorAll('[data-word]').length;",
    )
    .await
    .as_u64()
    .unwrap();
    assert!(
        n_words > 10,
        "the replayed transcript has words ({n_words})"
    );
    let target_word = n_words * 2 / 3;
    click(
        &client,
        &format!(
            "[data-testid=replay-turn] [data-testid=transcript] button[data-word='{target_word}']"
        ),
    )
    .await;
    wait_js(
        &client,
        "return document.querySelector('[data-testid=player]').currentTime > 3;",
        SHORT,
        "the seek to a later word",
    )
    .await;
    let seeked_to = js(
        &client,
        "return document.querySelector('[data-testid=player]').currentTime;",
    )
    .await;
    let highlighted = js(
        &client,
        "const w = document.querySelector('[data-testid=replay-turn] .current-word'); return w ? Number(w.dataset.word) : -1;",
    )
    .await;
    assert_eq!(
        highlighted,
        json!(target_word),
        "the clicked word is highlighted"
    );
    // Playing from there keeps going forward from the seek point.
    js(
        &client,
        "document.querySelector('[data-testid=player]').play(); return true;",
    )
    .await;
    wait_js(
        &client,
        &format!(
            "return document.querySelector('[data-testid=player]').currentTime > {} + 0.5;",
            seeked_to.as_f64().unwrap()
        ),
        SHORT,
        "playback after the seek",
    )
    .await;
    screenshot(&client, "11-replay-seeked.png").await;
    js(
        &client,
        "document.querySelector('[data-testid=player]').pause(); return true;",
    )
    .await;
    // The keyboard reaches the words too: from the focused word, the right
    // arrow moves to the next one and Enter plays from there.
    let word_css = |idx: u64| {
        format!("[data-testid=replay-turn] [data-testid=transcript] button[data-word='{idx}']")
    };
    wait_css(&client, &word_css(target_word), SHORT)
        .await
        .send_keys("\u{E014}")
        .await
        .expect("the right arrow reaches the word");
    let focused = js(
        &client,
        "return Number(document.activeElement?.dataset?.word ?? -1);",
    )
    .await;
    assert_eq!(focused, json!(target_word + 1), "the arrow moved the focus");
    client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{E007}")
        .await
        .expect("Enter reaches the focused word");
    wait_js(
        &client,
        &format!(
            "const w = document.querySelector('[data-testid=replay-turn] .current-word'); \
             return !!w && w.dataset.word === '{}';",
            target_word + 1
        ),
        SHORT,
        "the seek by keyboard",
    )
    .await;

    // The remaining screens render with the round's data.
    click(&client, "[data-nav=progress]").await;
    wait_css(&client, "[data-testid=chart-score] svg", SHORT).await;
    screenshot(&client, "12-progress.png").await;
    click(&client, "[data-nav=settings]").await;
    wait_css(&client, "[data-testid=data-folder]", SHORT).await;
    screenshot(&client, "13-settings.png").await;

    // A failure is explained, not a blank screen: adding a file that is not
    // a Whisper model says so and what to do.
    let not_a_model = data_dir.path().join("notes.bin");
    std::fs::write(&not_a_model, b"these are not model weights").unwrap();
    wait_css(&client, "input[aria-label='Path of a model file']", SHORT)
        .await
        .send_keys(not_a_model.to_str().unwrap())
        .await
        .unwrap();
    click(&client, "[data-testid=add-model]").await;
    let note = wait_css(
        &client,
        "[data-testid=error][data-kind=model_missing]",
        SHORT,
    )
    .await;
    let note_text = note.text().await.unwrap();
    assert!(
        note_text.contains("notes.bin"),
        "the error names the file: {note_text}"
    );
    screenshot(&client, "14-error-explained.png").await;

    let hands_free = hands_free_round(&client, &fillers).await;

    let violations = js(&client, "return window.__csp;").await;
    assert_eq!(violations, json!([]), "CSP violations");

    let metrics = json!({
        "session_request_to_ui_ready_ms": session_to_ready_ms,
        "page_navigation_to_ui_ready_ms": page_ready_ms,
        "main_answer": main_answer,
        "followup_answer": followup_answer,
        "replay_seeked_to_s": seeked_to,
        "hands_free": hands_free,
    });
    println!("e2e metrics: {metrics:#}");
    std::fs::write(
        screenshots_dir().join("metrics.json"),
        serde_json::to_string_pretty(&metrics).unwrap(),
    )
    .unwrap();
    client.close().await.unwrap();
}
