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
//!
//! The tail (the audio after the last cut) is decoded only up to
//! `tail_margin_s` after the last detected speech: the silence before the
//! candidate presses stop carries no words, and Whisper fed a near-empty
//! clip invents some ("Yeah. Yeah. ..." for 0.2 s of silence, after four
//! temperature fallbacks that cost 7 s). Whenever the candidate pauses that
//! long, the idle worker decodes the tail as it stands; if nothing is said
//! before stop, that guess *is* the tail's transcript and stop costs no
//! decoding at all. A file is cut and trimmed by the same rules, so its
//! transcript is the live one.
//!
//! While the candidate speaks, chunks are decoded with one thread fewer than
//! the engine's: capture and the UI need a core, and ggml's threads
//! spin-wait on each other, so a contended core costs far more than it
//! adds. In a pause (the tail's guess) and at stop the candidate waits and
//! the UI is idle, so those decodings use all of them.

use crate::answer::SpokenAnswer;
use crate::engine::{Decoder, SttEngine, Transcript};
use crate::error::SttError;
use br_audio::{AudioListener, Vad, SAMPLE_RATE};
use br_core::text::Heard;
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
    /// The tail is decoded up to this long after its last detected speech,
    /// so soft word endings below the detector's threshold are kept.
    pub tail_margin_s: f64,
}

impl ChunkConfig {
    /// Chunks of 10-25 s cut in pauses of 0.3 s or more. Every chunk costs a
    /// full 30-second encoder pass (1.7 s on one core of this 2-core machine,
    /// whatever the chunk's length), so longer chunks cost less CPU and keep
    /// more context for the verbatim decoding (fillers survive); the tail
    /// left at stop is usually decoded already (see the module docs).
    pub const DEFAULT: ChunkConfig = ChunkConfig {
        min_chunk_s: 10.0,
        max_chunk_s: 25.0,
        min_gap_s: 0.3,
        tail_margin_s: 0.5,
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
    /// A detector fed on the recorder's thread, apart from the worker's: the
    /// worker stops reading audio while it decodes (seconds at a time), and
    /// the silence that ends a hands-free answer must be measured as it
    /// happens. An energy detector costs microseconds per block.
    heard: Arc<Mutex<Vad>>,
    worker: JoinHandle<Result<FinishedAnswer, SttError>>,
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
            heard: Arc::new(Mutex::new(Vad::new())),
            worker,
        })
    }

    /// The callback to give the recorder: it forwards audio without blocking.
    pub fn listener(&self) -> AudioListener {
        let tx = self.tx.clone();
        let heard = self.heard.clone();
        Box::new(move |samples: &[f32]| {
            if let Ok(mut vad) = heard.lock() {
                vad.push(samples);
            }
            let _ = tx.send(LiveMsg::Audio(samples.to_vec()));
        })
    }

    /// Speech and silence heard so far.
    pub fn heard(&self) -> Heard {
        self.heard.lock().map(|vad| vad.heard()).unwrap_or_default()
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
    pub fn finish(self) -> Result<FinishedAnswer, SttError> {
        let _ = self.tx.send(LiveMsg::Finish);
        self.worker
            .join()
            .unwrap_or_else(|_| Err(SttError::Whisper("the live transcriber panicked".into())))
    }
}

/// A live transcription's result.
#[derive(Debug, Clone)]
pub struct FinishedAnswer {
    pub spoken: SpokenAnswer,
    /// Seconds of audio that were still to decode at stop (0 when the
    /// candidate paused long enough before stopping).
    pub decoded_at_stop_s: f64,
}

fn run(
    engine: &SttEngine,
    config: ChunkConfig,
    rx: &Receiver<LiveMsg>,
    progress: &Mutex<LiveProgress>,
) -> Result<FinishedAnswer, SttError> {
    let mut chunker = Chunker::new(engine, config, engine.threads() - 1)?;
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
            let (spoken, decoded_at_stop_s) = chunker.finish()?;
            return Ok(FinishedAnswer {
                spoken,
                decoded_at_stop_s,
            });
        }
        let n_chunks = chunker.transcribe_ready()?;
        let guessed = chunker.guess_tail()?;
        if n_chunks > 0 || guessed {
            if let Ok(mut progress) = progress.lock() {
                *progress = chunker.progress();
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
    let mut chunker = Chunker::new(engine, config, engine.threads())?;
    chunker.push(samples);
    Ok(chunker.finish()?.0)
}

/// The cutting and decoding shared by live and file transcription. Cut
/// points depend only on the audio (see `Vad::next_cut`), so the chunks are
/// the same however the audio arrives.
struct Chunker<'e> {
    decoder: Decoder<'e>,
    /// Threads for chunks decoded while the candidate speaks.
    speaking_threads: usize,
    /// The engine's thread count, used once nothing else needs the cores.
    all_threads: usize,
    config: ChunkConfig,
    vad: Vad,
    /// Audio after the last cut, which lies at `chunk_start_s`.
    pending: Vec<f32>,
    chunk_start_s: f64,
    transcript: Transcript,
    n_chunks: usize,
    /// The tail decoded during a pause, kept until speech goes on.
    tail_guess: Option<TailGuess>,
}

/// A decoding of the first `n_samples` of the tail starting at `start_s`.
struct TailGuess {
    start_s: f64,
    n_samples: usize,
    transcript: Transcript,
}

impl<'e> Chunker<'e> {
    fn new(
        engine: &'e SttEngine,
        config: ChunkConfig,
        speaking_threads: usize,
    ) -> Result<Chunker<'e>, SttError> {
        let mut decoder = engine.decoder()?;
        decoder.set_threads(speaking_threads);
        Ok(Chunker {
            decoder,
            speaking_threads,
            all_threads: engine.threads(),
            config,
            vad: Vad::new(),
            pending: Vec::new(),
            chunk_start_s: 0.0,
            transcript: Transcript::default(),
            n_chunks: 0,
            tail_guess: None,
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

    /// How much of the tail holds speech: up to `tail_margin_s` after the
    /// last detected speech; nothing if all of it is silence. When the
    /// detector has heard no speech in the whole answer (a very quiet
    /// microphone), all of it, and Whisper decides.
    fn tail_samples(&self) -> usize {
        let Some(last) = self.vad.regions().last().copied() else {
            return self.pending.len();
        };
        if last.end <= self.chunk_start_s {
            return 0;
        }
        let end_s = last.end + self.config.tail_margin_s - self.chunk_start_s;
        ((end_s * SAMPLE_RATE as f64) as usize).min(self.pending.len())
    }

    /// What the candidate sees while speaking: the chunks decoded so far,
    /// then the tail as decoded in the last pause, if it still stands.
    fn progress(&self) -> LiveProgress {
        let mut text = self.transcript.text.clone();
        if let Some(guess) = &self.tail_guess {
            if guess.start_s == self.chunk_start_s && !guess.transcript.text.is_empty() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&guess.transcript.text);
            }
        }
        LiveProgress {
            text,
            chunks: self.n_chunks,
            transcribed_s: self.chunk_start_s,
        }
    }

    /// Decodes the tail while the candidate pauses, unless that decoding is
    /// already at hand; says whether it decoded. Only in a pause: mid-speech
    /// the tail would change.
    fn guess_tail(&mut self) -> Result<bool, SttError> {
        let n_samples = self.tail_samples();
        let in_pause = n_samples < self.pending.len();
        let known = self.tail_guess.as_ref().is_some_and(|guess| {
            guess.start_s == self.chunk_start_s && guess.n_samples == n_samples
        });
        if n_samples == 0 || !in_pause || known {
            return Ok(false);
        }
        // The candidate may be done and about to press stop: use every core
        // (a guess at one thread fewer finishes later than decoding at stop).
        self.decoder.set_threads(self.all_threads);
        let transcript = self
            .decoder
            .transcribe(&self.pending[..n_samples], self.chunk_start_s);
        self.decoder.set_threads(self.speaking_threads);
        let transcript = transcript?;
        self.tail_guess = Some(TailGuess {
            start_s: self.chunk_start_s,
            n_samples,
            transcript,
        });
        Ok(true)
    }

    /// Transcribes the remaining chunks and the tail after the last cut,
    /// reusing the tail's decoding from the last pause when nothing was said
    /// since. Returns the answer and the seconds of audio decoded here.
    fn finish(mut self) -> Result<(SpokenAnswer, f64), SttError> {
        self.decoder.set_threads(self.all_threads);
        let cut_before_s = self.chunk_start_s;
        self.transcribe_ready()?;
        let mut decoded_s = self.chunk_start_s - cut_before_s;
        let n_samples = self.tail_samples();
        let tail = match self.tail_guess.take() {
            Some(guess) if guess.start_s == self.chunk_start_s && guess.n_samples == n_samples => {
                guess.transcript
            }
            _ if n_samples == 0 => Transcript::default(),
            _ => {
                decoded_s += n_samples as f64 / SAMPLE_RATE as f64;
                self.decoder
                    .transcribe(&self.pending[..n_samples], self.chunk_start_s)?
            }
        };
        self.transcript.append(tail);
        self.transcript.duration_s = self.vad.duration_s();
        Ok((SpokenAnswer::new(self.transcript, &self.vad), decoded_s))
    }
}
