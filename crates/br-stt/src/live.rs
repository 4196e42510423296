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
use crate::engine::{Decoder, SttEngine, Transcript};
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
    /// Chunks of 10-25 s cut in pauses of 0.3 s or more. Every chunk costs a
    /// full 30-second encoder pass, so longer chunks cost less CPU, keep more
    /// context for the verbatim decoding (fillers survive), and add little
    /// to the tail decoded at stop.
    pub const DEFAULT: ChunkConfig = ChunkConfig {
        min_chunk_s: 10.0,
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
    let mut chunker = Chunker::new(engine, config)?;
    loop {
        let mut finished = false;
        // Take everything that has arrived before deciding on a cut.
        let first = rx.recv().unwrap_or(LiveMsg::Finish);
        for msg in std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok())) {
            match msg {
                LiveMsg::Audio(samples) => chunker.push(&samples),
                LiveMsg::Finish => finished = true,
            }
        }
        if finished {
            return chunker.finish();
        }
        if chunker.transcribe_ready()? > 0 {
            if let Ok(mut progress) = progress.lock() {
                progress.text.clone_from(&chunker.transcript.text);
                progress.chunks = chunker.n_chunks;
                progress.transcribed_s = chunker.chunk_start_s;
            }
        }
    }
}

/// Transcribes mono 16 kHz audio chunk by chunk, exactly as the live
/// transcriber would have while it was recorded. Each chunk is decoded on
/// its own with the short verbatim prompt; whisper.cpp's own 30-second
/// windows carry the previous text as context, which on long answers made
/// tiny.en drop whole sentences.
pub fn transcribe_chunked(
    engine: &SttEngine,
    samples: &[f32],
    config: ChunkConfig,
) -> Result<SpokenAnswer, SttError> {
    let mut chunker = Chunker::new(engine, config)?;
    chunker.push(samples);
    chunker.finish()
}

/// The cutting and decoding shared by live and file transcription. Cut
/// points depend only on the audio (see `Vad::next_cut`), so the chunks are
/// the same however the audio arrives.
struct Chunker<'e> {
    decoder: Decoder<'e>,
    config: ChunkConfig,
    vad: Vad,
    /// Audio after the last cut, which lies at `chunk_start_s`.
    pending: Vec<f32>,
    chunk_start_s: f64,
    transcript: Transcript,
    n_chunks: usize,
}

impl<'e> Chunker<'e> {
    fn new(engine: &'e SttEngine, config: ChunkConfig) -> Result<Chunker<'e>, SttError> {
        Ok(Chunker {
            decoder: engine.decoder()?,
            config,
            vad: Vad::new(),
            pending: Vec::new(),
            chunk_start_s: 0.0,
            transcript: Transcript::default(),
            n_chunks: 0,
        })
    }

    fn push(&mut self, samples: &[f32]) {
        self.vad.push(samples);
        self.pending.extend_from_slice(samples);
    }

    /// Transcribes every chunk that can be cut now; returns how many.
    fn transcribe_ready(&mut self) -> Result<usize, SttError> {
        let config = self.config;
        let mut n_done = 0;
        while let Some(cut_s) = self.vad.next_cut(
            self.chunk_start_s,
            config.min_chunk_s,
            config.max_chunk_s,
            config.min_gap_s,
        ) {
            let n_cut = (((cut_s - self.chunk_start_s) * SAMPLE_RATE as f64) as usize)
                .min(self.pending.len());
            let chunk = self
                .decoder
                .transcribe(&self.pending[..n_cut], self.chunk_start_s)?;
            self.pending.drain(..n_cut);
            self.chunk_start_s += n_cut as f64 / SAMPLE_RATE as f64;
            self.transcript.append(chunk);
            self.n_chunks += 1;
            n_done += 1;
        }
        Ok(n_done)
    }

    /// Transcribes the remaining chunks and the tail after the last cut.
    fn finish(mut self) -> Result<SpokenAnswer, SttError> {
        self.transcribe_ready()?;
        let tail = self.decoder.transcribe(&self.pending, self.chunk_start_s)?;
        self.transcript.append(tail);
        self.transcript.duration_s = self.vad.duration_s();
        Ok(SpokenAnswer::new(self.transcript, &self.vad))
    }
}
