//! Transcription while the candidate speaks.
//!
//! The recorder hands every block of 16 kHz audio to a [`LiveTranscriber`],
//! whose worker thread runs its own voice-activity detector over it and cuts
//! the stream into chunks in pauses (never inside a word). Each chunk is
//! transcribed as soon as it is cut, while the candidate goes on talking, so
//! at stop only the tail since the last cut is left to decode.
//!
//! Chunks are at least `min_chunk_s` long, because Whisper needs context to
//! punctuate and to recognise short words, and at most `max_chunk_s`, below
//! Whisper's 30-second window.

use crate::answer::SpokenAnswer;
use crate::engine::{SttEngine, Transcript};
use crate::error::SttError;
use br_audio::{AudioListener, Vad, SAMPLE_RATE};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Where to cut the live stream.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChunkConfig {
    pub min_chunk_s: f64,
    pub max_chunk_s: f64,
    /// A silence this long is a place to cut.
    pub min_gap_s: f64,
}

impl ChunkConfig {
    /// Chunks of 4-25 s cut in pauses of 0.3 s or more.
    pub const DEFAULT: ChunkConfig = ChunkConfig {
        min_chunk_s: 4.0,
        max_chunk_s: 25.0,
        min_gap_s: 0.3,
    };
}

enum LiveMsg {
    Audio(Vec<f32>),
    Finish,
}

/// Progress of a live transcription, for display while recording.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LiveProgress {
    /// Transcript of the chunks decoded so far.
    pub text: String,
    pub chunks: usize,
    /// Seconds of audio already transcribed.
    pub transcribed_s: f64,
}

/// Transcribes a recording chunk by chunk while it is being made.
pub struct LiveTranscriber {
    tx: Sender<LiveMsg>,
    progress: Arc<Mutex<LiveProgress>>,
    worker: JoinHandle<Result<SpokenAnswer, SttError>>,
}

impl LiveTranscriber {
    pub fn start(engine: Arc<SttEngine>, config: ChunkConfig) -> Result<LiveTranscriber, SttError> {
        let (tx, rx) = mpsc::channel();
        let progress = Arc::new(Mutex::new(LiveProgress::default()));
        let worker_progress = progress.clone();
        let worker = std::thread::Builder::new()
            .name("br-stt-live".into())
            .spawn(move || run(&engine, config, &rx, &worker_progress))
            .map_err(|e| SttError::Whisper(format!("could not start the live transcriber: {e}")))?;
        Ok(LiveTranscriber {
            tx,
            progress,
            worker,
        })
    }

    /// The callback to give the recorder: it forwards audio without blocking.
    pub fn listener(&self) -> AudioListener {
        let tx = self.tx.clone();
        Box::new(move |samples: &[f32]| {
            let _ = tx.send(LiveMsg::Audio(samples.to_vec()));
        })
    }

    pub fn progress(&self) -> LiveProgress {
        self.progress
            .lock()
            .map(|progress| progress.clone())
            .unwrap_or_default()
    }

    /// Transcribes what is left after the last cut and returns the whole
    /// answer. Call it once the recorder has stopped, so that all audio has
    /// been delivered.
    pub fn finish(self) -> Result<SpokenAnswer, SttError> {
        let _ = self.tx.send(LiveMsg::Finish);
        self.worker
            .join()
            .unwrap_or_else(|_| Err(SttError::Whisper("the live transcriber panicked".into())))
    }
}

fn run(
    engine: &SttEngine,
    config: ChunkConfig,
    rx: &Receiver<LiveMsg>,
    progress: &Mutex<LiveProgress>,
) -> Result<SpokenAnswer, SttError> {
    let mut decoder = engine.decoder()?;
    let mut vad = Vad::new();
    let mut transcript = Transcript::default();
    // Audio after the last cut, which starts at `chunk_start_s`.
    let mut pending: Vec<f32> = Vec::new();
    let mut chunk_start_s = 0.0;
    loop {
        let mut finished = false;
        // Take everything that has arrived before deciding on a cut.
        let first = rx.recv().unwrap_or(LiveMsg::Finish);
        for msg in std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok())) {
            match msg {
                LiveMsg::Audio(samples) => {
                    vad.push(&samples);
                    pending.extend_from_slice(&samples);
                }
                LiveMsg::Finish => finished = true,
            }
        }
        if finished {
            let tail = decoder.transcribe(&pending, chunk_start_s)?;
            transcript.append(tail);
            transcript.duration_s = vad.duration_s();
            return Ok(SpokenAnswer::new(transcript, &vad));
        }
        while let Some(cut_s) = vad.next_cut(
            chunk_start_s,
            config.min_chunk_s,
            config.max_chunk_s,
            config.min_gap_s,
        ) {
            let n_cut =
                (((cut_s - chunk_start_s) * SAMPLE_RATE as f64) as usize).min(pending.len());
            let chunk = decoder.transcribe(&pending[..n_cut], chunk_start_s)?;
            pending.drain(..n_cut);
            chunk_start_s += n_cut as f64 / SAMPLE_RATE as f64;
            transcript.append(chunk);
            if let Ok(mut progress) = progress.lock() {
                progress.text.clone_from(&transcript.text);
                progress.chunks += 1;
                progress.transcribed_s = chunk_start_s;
            }
        }
    }
}
