//! Recording and transcribing one spoken answer.
//!
//! Before: the interviewer reads the prompt aloud (hands-free) and the
//! microphone opens after it, or a reading still going is stopped first, so
//! the recording never holds the interviewer's voice. During: with
//! hands-free on, the meter thread also watches the silence after speech
//! and says when `br_session::AutoStop` ends the answer.
//! Start: the microphone (`br_audio::Recorder`) streams into the answer's
//! WAV file and, through its listener, into `br_stt::LiveTranscriber`, which
//! transcribes pause-cut chunks while the candidate speaks. A meter thread
//! streams the level and the transcript so far to the UI every 50 ms.
//! Stop: the recorder closes the file, the transcriber decodes only the tail,
//! and the engine (`Round::answer`) analyses the answer and picks the
//! follow-up; the round is stored before the view goes back.
//!
//! All of it runs on worker threads: the recorder's and transcriber's own,
//! the meter's, and Tauri's blocking pool for start and stop.

use crate::dto::round::RoundView;
use crate::error::{CommandError, CommandResult, ErrorKind};
use crate::state::AppState;
use crate::{devices, interview, interviewer, models};
use br_app::{now_ms, PendingAnswer};
use br_stt::{ChunkConfig, EngineConfig, LiveTranscriber, SttEngine};
use serde::Serialize;
use specta::Type;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// What the UI hears while an answer is recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum AnswerEvent {
    /// The microphone's level and the time recorded so far.
    Level { rms: f32, peak: f32, elapsed_s: f64 },
    /// The transcript of what has been transcribed so far.
    Transcript { text: String },
    /// The recording ended by itself (the microphone went away); stop the
    /// answer to keep what was captured.
    Ended { message: String },
    /// The interviewer is reading the prompt aloud; listening starts after.
    Asking,
    /// The interviewer cannot speak (said once): the prompt is on screen.
    VoiceNotice { message: String },
    /// Hands-free: the candidate spoke and has been silent long enough
    /// (`br_session::AutoStop`), so the answer is over; stop it as if the
    /// candidate had pressed stop.
    Silence,
}

struct LiveAnswer {
    recorder: br_audio::Recorder,
    transcriber: LiveTranscriber,
    /// The prompt answered and the file recorded into.
    pending: PendingAnswer,
}

struct LoadedEngine {
    model: PathBuf,
    engine: Arc<SttEngine>,
}

/// The answer being recorded, and the speech model kept loaded between
/// answers (loading it again for every answer would add a noticeable pause
/// at each start).
#[derive(Default)]
pub struct AnswerSlot {
    live: Arc<Mutex<Option<LiveAnswer>>>,
    engine: Mutex<Option<LoadedEngine>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl From<br_stt::SttError> for CommandError {
    fn from(err: br_stt::SttError) -> Self {
        use br_stt::ErrorKind as K;
        let kind = match err.kind() {
            K::ModelMissing | K::NotAModel | K::ModelTruncated => ErrorKind::ModelMissing,
            K::Audio => ErrorKind::Microphone,
            _ => ErrorKind::Transcription,
        };
        CommandError::new(kind, err.to_string())
    }
}

impl AnswerSlot {
    /// The engine for `model`, loading it when it is not the one loaded.
    fn engine(&self, model: &Path) -> CommandResult<Arc<SttEngine>> {
        let mut loaded = lock(&self.engine);
        if let Some(current) = loaded.as_ref().filter(|l| l.model == model) {
            return Ok(current.engine.clone());
        }
        // Every core: the live transcriber itself leaves one to capture and
        // the UI while the candidate speaks.
        let engine = Arc::new(SttEngine::load(&EngineConfig::new(model))?);
        *loaded = Some(LoadedEngine {
            model: model.to_path_buf(),
            engine: engine.clone(),
        });
        Ok(engine)
    }

    pub fn is_recording(&self) -> bool {
        lock(&self.live).is_some()
    }
}

/// Reads the current prompt aloud, unless the interviewer is muted; returns
/// what to tell the candidate the first time the voice fails.
pub fn ask(state: &AppState) -> CommandResult<Option<String>> {
    let (_, prompt) = state.practice.prompt()?;
    let interviewer = state
        .practice
        .with_store(|store| interviewer::load(store))?;
    if !interviewer.speaks {
        return Ok(None);
    }
    let (notice, ()) = state
        .speaker
        .ask_then_listen(&prompt.text, &interviewer.speech, || ());
    Ok(notice)
}

/// Starts recording the answer to the prompt the round waits on, sending
/// `on_event` the level and live transcript until the answer is stopped.
/// With `ask_aloud` (hands-free) the interviewer first reads the prompt and
/// the microphone opens once it has finished; otherwise any reading still
/// going is stopped first. Either way the recording never holds the voice.
pub fn start(
    state: &AppState,
    ask_aloud: bool,
    on_event: impl Fn(AnswerEvent) + Send + 'static,
) -> CommandResult<()> {
    let slot = &state.answer;
    if slot.is_recording() {
        return Err(CommandError::new(
            ErrorKind::InvalidState,
            "an answer is already being recorded; stop it first",
        ));
    }
    let pending = state.practice.begin_answer()?;
    let interviewer = state
        .practice
        .with_store(|store| interviewer::load(store))?;
    let model = models::resolve(state)?;
    let engine = slot.engine(&model.path)?;
    let source = devices::source(state)?;
    let transcriber = LiveTranscriber::start(engine, ChunkConfig::DEFAULT)?;
    let open_microphone =
        || br_audio::Recorder::start(&source, &pending.file, Some(transcriber.listener()));
    let recorder = if ask_aloud && interviewer.speaks {
        on_event(AnswerEvent::Asking);
        let (notice, recorder) = state.speaker.ask_then_listen(
            &pending.prompt.text,
            &interviewer.speech,
            open_microphone,
        );
        if let Some(message) = notice {
            on_event(AnswerEvent::VoiceNotice { message });
        }
        recorder?
    } else {
        state.speaker.hush();
        open_microphone()?
    };
    let auto_stop = interviewer.auto_stop();
    *lock(&slot.live) = Some(LiveAnswer {
        recorder,
        transcriber,
        pending,
    });
    let live = slot.live.clone();
    std::thread::Builder::new()
        .name("bar-raiser-meter".into())
        .spawn(move || meter(&live, auto_stop, &on_event))
        .map_err(|e| {
            CommandError::new(
                ErrorKind::InvalidState,
                format!("could not start the level meter: {e}"),
            )
        })?;
    Ok(())
}

/// Streams levels and the growing transcript until the answer is taken out
/// of the slot (stopped or cancelled); with `auto_stop`, says when the
/// silence after speech has ended the answer.
fn meter(
    live: &Mutex<Option<LiveAnswer>>,
    auto_stop: Option<br_session::AutoStop>,
    on_event: &dyn Fn(AnswerEvent),
) {
    let mut sent_text = String::new();
    let mut ended = false;
    let mut silence_sent = false;
    loop {
        std::thread::sleep(devices::METER_INTERVAL);
        let (level, progress, heard) = match lock(live).as_ref() {
            Some(answer) => (
                answer.recorder.level(),
                answer.transcriber.progress(),
                answer.transcriber.heard(),
            ),
            None => return,
        };
        on_event(AnswerEvent::Level {
            rms: level.rms,
            peak: level.peak,
            elapsed_s: level.elapsed_s,
        });
        if progress.text != sent_text {
            sent_text = progress.text.clone();
            on_event(AnswerEvent::Transcript {
                text: progress.text,
            });
        }
        if !silence_sent && auto_stop.is_some_and(|rule| rule.answer_ended(&heard)) {
            silence_sent = true;
            on_event(AnswerEvent::Silence);
        }
        if level.finished && !ended {
            ended = true;
            on_event(AnswerEvent::Ended {
                message: "the microphone stopped delivering audio; what you said so far is kept"
                    .into(),
            });
        }
    }
}

/// Stops the recording, finishes the transcript, and hands the answer to
/// the round, which analyses it and asks the next question.
pub fn stop(state: &AppState) -> CommandResult<RoundView> {
    let answer = lock(&state.answer.live)
        .take()
        .ok_or_else(|| CommandError::new(ErrorKind::InvalidState, "no answer is being recorded"))?;
    let stopped = Instant::now();
    // Stop the recorder first: the transcriber must have seen all audio.
    let recording = answer.recorder.stop();
    let recorder_ms = stopped.elapsed().as_millis();
    let finished = answer.transcriber.finish();
    let transcript_ms = stopped.elapsed().as_millis();
    let recording = recording?;
    let finished = finished?;
    let view = state
        .practice
        .answer(&answer.pending, finished.spoken, now_ms())
        .map(|(_, active)| interview::view(&active))
        .map_err(CommandError::from);
    // What the candidate waits for after stop, and where it goes.
    tracing::info!(
        recorded_s = format!("{:.1}", recording.duration_s),
        decoded_at_stop_s = format!("{:.1}", finished.decoded_at_stop_s),
        recorder_ms,
        transcript_ms,
        total_ms = stopped.elapsed().as_millis(),
        "answer stopped"
    );
    view
}

/// Stops and throws away the answer being recorded (the candidate left the
/// screen or wants to start over before stopping).
pub fn cancel(state: &AppState) -> CommandResult<()> {
    let Some(answer) = lock(&state.answer.live).take() else {
        return Ok(());
    };
    let _ = answer.recorder.stop();
    let _ = answer.transcriber.finish();
    let _ = std::fs::remove_file(&answer.pending.file);
    Ok(())
}
