//! Recording an answer: microphone capture with cpal (or a WAV replayed as if
//! it were a microphone), converted to mono 16 kHz, streamed to a WAV file,
//! metered, and run through voice-activity detection as it arrives.
//!
//! One worker thread owns the whole pipeline, including the cpal stream
//! (which is not `Send` on every platform): it is created, played and
//! dropped there. The audio callback only converts samples to `f32` and sends
//! them over the worker's channel, because the callback must never block on
//! disk or resampling. The caller talks to the worker with [`Cmd`]s over the
//! same channel, so audio and commands are handled in the order they came.

use crate::error::AudioError;
use crate::resample::MonoResampler;
use crate::vad::Vad;
use crate::wav::{read_wav_raw, WavSink};
use br_core::text::SpeechTimeline;
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A device that delivers no audio for this long is treated as gone: some
/// backends stop calling back without reporting an error when a USB
/// microphone is unplugged.
const SILENT_DEVICE_TIMEOUT: Duration = Duration::from_secs(3);

/// An input device as listed for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct InputDevice {
    pub name: String,
    pub is_default: bool,
    /// The format a recording from this device would open with, e.g.
    /// "2 ch, 48000 Hz, F32"; `None` when the device reports none.
    pub default_format: Option<String>,
}

/// Lists the input devices of the default audio host.
pub fn list_input_devices() -> Result<Vec<InputDevice>, AudioError> {
    let host = cpal::default_host();
    let default_name = host
        .default_input_device()
        .map(|device| device_name(&device));
    let devices = host.input_devices().map_err(|e| AudioError::Stream {
        device: "(device list)".into(),
        detail: format!("the audio system could not list devices: {e}"),
    })?;
    Ok(devices
        .map(|device| {
            let name = device_name(&device);
            InputDevice {
                is_default: Some(&name) == default_name.as_ref(),
                default_format: device.default_input_config().ok().map(|config| {
                    format!(
                        "{} ch, {} Hz, {:?}",
                        config.channels(),
                        config.sample_rate(),
                        config.sample_format()
                    )
                }),
                name,
            }
        })
        .collect())
}

fn device_name(device: &cpal::Device) -> String {
    device
        .description()
        .map(|description| description.name().to_string())
        .unwrap_or_else(|_| device.to_string())
}

/// Where a recording's audio comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A microphone: the default input, or the device with this name.
    Microphone { device: Option<String> },
    /// A WAV file played into the pipeline in real time times `speed`, as if
    /// a microphone delivered it (for benchmarks and tests). The recording
    /// ends by itself when the file does.
    Replay { wav: PathBuf, speed: f64 },
}

/// Commands from the caller to the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Pause,
    Resume,
    Stop,
}

enum Msg {
    Audio(Vec<f32>),
    Cmd(Cmd),
    /// The device is gone.
    Failed {
        detail: String,
    },
    /// A replayed file is exhausted.
    End,
}

/// The live state of a recording, for a level meter and a clock.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Level {
    /// RMS and peak of the latest audio, 0..1 (linear).
    pub rms: f32,
    pub peak: f32,
    /// Seconds recorded, pauses excluded.
    pub elapsed_s: f64,
    pub paused: bool,
    /// True once the recording has ended (stopped, file ended, device lost).
    pub finished: bool,
}

/// A finished recording.
#[derive(Debug)]
pub struct Recording {
    pub path: PathBuf,
    pub device: String,
    pub duration_s: f64,
    /// Voice activity over the whole unfiltered recording.
    pub timeline: SpeechTimeline,
    /// When capture ended: the stop command, the end of a replayed file, or
    /// the loss of the device.
    pub stopped_at: Instant,
    /// Set when the device failed mid-answer; the audio up to then is kept
    /// in `path` all the same.
    pub device_error: Option<AudioError>,
}

/// Receives every block of converted mono 16 kHz audio, on the worker thread.
pub type AudioListener = Box<dyn FnMut(&[f32]) + Send>;

/// A recording in progress. Dropping it without `stop` stops it too.
pub struct Recorder {
    tx: Sender<Msg>,
    level: Arc<Mutex<Level>>,
    /// Yields `None` only when the source never started.
    worker: Option<JoinHandle<Option<Result<Recording, AudioError>>>>,
    device: String,
}

impl Recorder {
    /// Starts recording `source` into the WAV file `out`. `listener`, when
    /// given, sees the audio as it is recorded (the live transcriber).
    /// Returns once the source runs, or with the reason it cannot.
    pub fn start(
        source: &Source,
        out: &Path,
        listener: Option<AudioListener>,
    ) -> Result<Recorder, AudioError> {
        let (tx, rx) = mpsc::channel();
        let level = Arc::new(Mutex::new(Level::default()));
        let (ready_tx, ready_rx) = mpsc::channel();
        let worker = {
            let (source, out, tx, level) =
                (source.clone(), out.to_path_buf(), tx.clone(), level.clone());
            std::thread::Builder::new()
                .name("br-audio-recorder".into())
                .spawn(move || match start_source(&source, tx) {
                    Err(err) => {
                        let _ = ready_tx.send(Err(err));
                        None
                    }
                    Ok(started) => Some(record(started, &out, &rx, &level, listener, &ready_tx)),
                })
                .map_err(|e| AudioError::Stream {
                    device: "(recorder)".into(),
                    detail: e.to_string(),
                })?
        };
        match ready_rx.recv() {
            Ok(Ok(device)) => Ok(Recorder {
                tx,
                level,
                worker: Some(worker),
                device,
            }),
            Ok(Err(err)) => {
                let _ = worker.join();
                Err(err)
            }
            Err(_) => {
                let detail = match worker.join() {
                    Ok(Some(Err(err))) => err.to_string(),
                    _ => "the recorder thread failed".to_string(),
                };
                Err(AudioError::Stream {
                    device: "(recorder)".into(),
                    detail,
                })
            }
        }
    }

    /// The name of the device being recorded.
    pub fn device(&self) -> &str {
        &self.device
    }

    pub fn pause(&self) {
        let _ = self.tx.send(Msg::Cmd(Cmd::Pause));
    }

    pub fn resume(&self) {
        let _ = self.tx.send(Msg::Cmd(Cmd::Resume));
    }

    pub fn level(&self) -> Level {
        *self
            .level
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Stops recording (if it has not ended already) and completes the file.
    pub fn stop(mut self) -> Result<Recording, AudioError> {
        let _ = self.tx.send(Msg::Cmd(Cmd::Stop));
        self.join()
    }

    /// Waits until the recording ends by itself (a replayed file ran out or
    /// the device was lost) and completes the file.
    pub fn wait(mut self) -> Result<Recording, AudioError> {
        self.join()
    }

    fn join(&mut self) -> Result<Recording, AudioError> {
        let worker = self.worker.take().expect("a recorder is joined once");
        match worker.join() {
            Ok(Some(result)) => result,
            Ok(None) | Err(_) => Err(AudioError::Stream {
                device: self.device.clone(),
                detail: "the recorder thread failed".into(),
            }),
        }
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if self.worker.is_some() {
            let _ = self.tx.send(Msg::Cmd(Cmd::Stop));
            let _ = self.join();
        }
    }
}

/// What keeps a source running; it is only held, and dropping it stops the
/// source.
enum Running {
    Microphone { _stream: cpal::Stream },
    Replay { _handle: ReplayHandle },
}

struct ReplayHandle(Arc<AtomicBool>);

impl Drop for ReplayHandle {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

fn record(
    started: Started,
    out: &Path,
    rx: &Receiver<Msg>,
    level: &Mutex<Level>,
    listener: Option<AudioListener>,
    ready: &Sender<Result<String, AudioError>>,
) -> Result<Recording, AudioError> {
    let (running, device, rate, channels) = started;
    let sink = match WavSink::create(out) {
        Ok(sink) => sink,
        Err(err) => {
            let detail = err.to_string();
            let _ = ready.send(Err(err));
            return Err(AudioError::Stream { device, detail });
        }
    };
    let _ = ready.send(Ok(device.clone()));
    let mut pipeline = Pipeline {
        resampler: MonoResampler::new(rate, channels),
        sink,
        vad: Vad::new(),
        listener,
        block: Vec::new(),
        paused: false,
    };
    let result = pipeline.run(rx, level, &device);
    // Stop the source, then keep what it had already delivered.
    drop(running);
    let stopped_at = Instant::now();
    let device_error = match result {
        Ok(()) => None,
        Err(err @ AudioError::DeviceLost { .. }) => Some(err),
        Err(err) => return Err(err),
    };
    while let Ok(msg) = rx.try_recv() {
        if let Msg::Audio(packet) = msg {
            pipeline.process(&packet, level)?;
        }
    }
    let Pipeline {
        mut resampler,
        mut sink,
        mut vad,
        mut listener,
        mut block,
        ..
    } = pipeline;
    block.clear();
    resampler.finish(&mut block);
    sink.write(&block)?;
    vad.push(&block);
    if let Some(listener) = listener.as_mut() {
        listener(&block);
    }
    let duration_s = sink.finish()?;
    if let Ok(mut level) = level.lock() {
        level.finished = true;
        level.elapsed_s = duration_s;
    }
    Ok(Recording {
        path: out.to_path_buf(),
        device,
        duration_s,
        timeline: vad.timeline(),
        stopped_at,
        device_error,
    })
}

struct Pipeline {
    resampler: MonoResampler,
    sink: WavSink,
    vad: Vad,
    listener: Option<AudioListener>,
    /// Reused buffer for one converted block.
    block: Vec<f32>,
    paused: bool,
}

impl Pipeline {
    fn run(
        &mut self,
        rx: &Receiver<Msg>,
        level: &Mutex<Level>,
        device: &str,
    ) -> Result<(), AudioError> {
        let mut last_audio = Instant::now();
        loop {
            match rx.recv_timeout(Duration::from_millis(250)) {
                Ok(Msg::Audio(packet)) => {
                    last_audio = Instant::now();
                    self.process(&packet, level)?;
                }
                Ok(Msg::Cmd(Cmd::Pause)) => self.paused = true,
                Ok(Msg::Cmd(Cmd::Resume)) => self.paused = false,
                Ok(Msg::Cmd(Cmd::Stop)) | Ok(Msg::End) | Err(RecvTimeoutError::Disconnected) => {
                    return Ok(())
                }
                Ok(Msg::Failed { detail }) => {
                    return Err(AudioError::DeviceLost {
                        device: device.to_string(),
                        detail,
                    })
                }
                Err(RecvTimeoutError::Timeout) => {
                    if last_audio.elapsed() >= SILENT_DEVICE_TIMEOUT {
                        return Err(AudioError::DeviceLost {
                            device: device.to_string(),
                            detail: format!(
                                "it delivered no audio for {} s",
                                SILENT_DEVICE_TIMEOUT.as_secs()
                            ),
                        });
                    }
                }
            }
            if let Ok(mut level) = level.lock() {
                level.paused = self.paused;
            }
        }
    }

    /// Converts, stores, analyses and forwards one packet from the source;
    /// packets that arrive while paused are dropped.
    fn process(&mut self, packet: &[f32], level: &Mutex<Level>) -> Result<(), AudioError> {
        if self.paused {
            return Ok(());
        }
        self.block.clear();
        self.resampler.push(packet, &mut self.block);
        if self.block.is_empty() {
            return Ok(());
        }
        self.sink.write(&self.block)?;
        self.vad.push(&self.block);
        if let Some(listener) = self.listener.as_mut() {
            listener(&self.block);
        }
        let peak = self.block.iter().fold(0.0f32, |peak, s| peak.max(s.abs()));
        let rms = (self.block.iter().map(|s| s * s).sum::<f32>() / self.block.len() as f32).sqrt();
        if let Ok(mut level) = level.lock() {
            level.rms = rms;
            level.peak = peak;
            level.elapsed_s = self.sink.duration_s();
        }
        Ok(())
    }
}

fn start_source(source: &Source, tx: Sender<Msg>) -> Result<Started, AudioError> {
    match source {
        Source::Microphone { device } => open_microphone(device.as_deref(), tx),
        Source::Replay { wav, speed } => start_replay(wav, *speed, tx),
    }
}

type Started = (Running, String, u32, u16);

fn open_microphone(wanted: Option<&str>, tx: Sender<Msg>) -> Result<Started, AudioError> {
    let host = cpal::default_host();
    let device = match wanted {
        None => host
            .default_input_device()
            .ok_or(AudioError::NoInputDevice)?,
        Some(wanted) => {
            let devices: Vec<cpal::Device> = host
                .input_devices()
                .map_err(|e| AudioError::Stream {
                    device: wanted.into(),
                    detail: e.to_string(),
                })?
                .collect();
            let names: Vec<String> = devices.iter().map(device_name).collect();
            if names.is_empty() {
                return Err(AudioError::NoInputDevice);
            }
            match names.iter().position(|name| name == wanted) {
                Some(idx) => devices
                    .into_iter()
                    .nth(idx)
                    .expect("index from the same list"),
                None => {
                    return Err(AudioError::DeviceNotFound {
                        name: wanted.into(),
                        available: names.join(", "),
                    })
                }
            }
        }
    };
    let name = device_name(&device);
    let mut candidates: Vec<cpal::SupportedStreamConfig> =
        device.default_input_config().into_iter().collect();
    if let Ok(ranges) = device.supported_input_configs() {
        let mut ranges: Vec<_> = ranges.collect();
        ranges.sort_by(|a, b| b.cmp_default_heuristics(a));
        candidates.extend(
            ranges
                .into_iter()
                .map(|range| range.with_standard_sample_rate()),
        );
    }
    if candidates.is_empty() {
        return Err(AudioError::UnsupportedDevice {
            device: name,
            detail: "it reports no input format".into(),
        });
    }
    let mut refusals = Vec::new();
    for config in candidates {
        match build_stream(&device, &config, tx.clone()) {
            Ok(stream) => {
                stream.play().map_err(|e| AudioError::Stream {
                    device: name.clone(),
                    detail: e.to_string(),
                })?;
                return Ok((
                    Running::Microphone { _stream: stream },
                    name,
                    config.sample_rate(),
                    config.channels(),
                ));
            }
            Err(detail) => refusals.push(format!(
                "{} ch {} Hz {:?}: {detail}",
                config.channels(),
                config.sample_rate(),
                config.sample_format()
            )),
        }
    }
    Err(AudioError::UnsupportedDevice {
        device: name,
        detail: refusals.join("; "),
    })
}

fn build_stream(
    device: &cpal::Device,
    config: &cpal::SupportedStreamConfig,
    tx: Sender<Msg>,
) -> Result<cpal::Stream, String> {
    let stream_config = config.config();
    if stream_config.channels == 0 || stream_config.sample_rate == 0 {
        return Err("empty format".into());
    }
    match config.sample_format() {
        SampleFormat::I8 => build_typed::<i8>(device, stream_config, tx),
        SampleFormat::I16 => build_typed::<i16>(device, stream_config, tx),
        SampleFormat::I24 => build_typed::<cpal::I24>(device, stream_config, tx),
        SampleFormat::I32 => build_typed::<i32>(device, stream_config, tx),
        SampleFormat::I64 => build_typed::<i64>(device, stream_config, tx),
        SampleFormat::U8 => build_typed::<u8>(device, stream_config, tx),
        SampleFormat::U16 => build_typed::<u16>(device, stream_config, tx),
        SampleFormat::U24 => build_typed::<cpal::U24>(device, stream_config, tx),
        SampleFormat::U32 => build_typed::<u32>(device, stream_config, tx),
        SampleFormat::U64 => build_typed::<u64>(device, stream_config, tx),
        SampleFormat::F32 => build_typed::<f32>(device, stream_config, tx),
        SampleFormat::F64 => build_typed::<f64>(device, stream_config, tx),
        other => Err(format!(
            "{other:?} samples are not audio Bar Raiser can record"
        )),
    }
}

fn build_typed<T>(
    device: &cpal::Device,
    config: cpal::StreamConfig,
    tx: Sender<Msg>,
) -> Result<cpal::Stream, String>
where
    T: SizedSample,
    f32: FromSample<T>,
{
    let error_tx = tx.clone();
    device
        .build_input_stream::<T, _, _>(
            config,
            move |data: &[T], _: &cpal::InputCallbackInfo| {
                let _ = tx.send(Msg::Audio(
                    data.iter().map(|&s| s.to_sample::<f32>()).collect(),
                ));
            },
            move |err: cpal::Error| {
                let lost = matches!(
                    err.kind(),
                    cpal::ErrorKind::DeviceNotAvailable
                        | cpal::ErrorKind::StreamInvalidated
                        | cpal::ErrorKind::DeviceChanged
                );
                // Overruns and similar hiccups lose a few milliseconds at
                // most; only the loss of the device ends the recording.
                if lost {
                    let _ = error_tx.send(Msg::Failed {
                        detail: err.to_string(),
                    });
                }
            },
            Some(Duration::from_secs(5)),
        )
        .map_err(|e| e.to_string())
}

/// Packets of this length are fed by a replay, like a typical audio callback.
const REPLAY_PACKET_S: f64 = 0.01;

fn start_replay(wav: &Path, speed: f64, tx: Sender<Msg>) -> Result<Started, AudioError> {
    if !(speed > 0.0 && speed.is_finite()) {
        return Err(AudioError::Stream {
            device: wav.display().to_string(),
            detail: format!("invalid replay speed {speed}"),
        });
    }
    let raw = read_wav_raw(wav)?;
    let (rate, channels) = (raw.sample_rate, raw.channels);
    let packet_len = ((rate as f64 * REPLAY_PACKET_S) as usize).max(1) * channels as usize;
    let stop = Arc::new(AtomicBool::new(false));
    let stop_flag = stop.clone();
    std::thread::Builder::new()
        .name("br-audio-replay".into())
        .spawn(move || {
            let start = Instant::now();
            let mut sent_frames = 0usize;
            for packet in raw.samples.chunks(packet_len) {
                sent_frames += packet.len() / channels as usize;
                // Deliver each packet when a microphone would have: after its
                // last sample was spoken.
                let due = Duration::from_secs_f64(sent_frames as f64 / rate as f64 / speed);
                if let Some(wait) = due.checked_sub(start.elapsed()) {
                    std::thread::sleep(wait);
                }
                if stop_flag.load(Ordering::Relaxed)
                    || tx.send(Msg::Audio(packet.to_vec())).is_err()
                {
                    return;
                }
            }
            let _ = tx.send(Msg::End);
        })
        .map_err(|e| AudioError::Stream {
            device: wav.display().to_string(),
            detail: e.to_string(),
        })?;
    Ok((
        Running::Replay {
            _handle: ReplayHandle(stop),
        },
        format!("replay of {}", wav.display()),
        rate,
        channels,
    ))
}
