//! WAV files: the crash-safe streaming writer used while recording, the
//! repair of a recording that was interrupted, and reading any WAV as mono
//! 16 kHz.
//!
//! Recordings are written as they are captured, never buffered whole in
//! memory. While a recording is open a marker file `NAME.wav.recording` sits
//! beside it; a clean finish removes it. If the process dies, the marker
//! tells the next start which WAV to repair: the header's length fields are
//! recomputed from the file length, so everything that reached the disk is
//! kept. The writer flushes (data and header) every half second, so a kill
//! loses at most that much.

use crate::error::AudioError;
use crate::resample::{to_mono_16k, SAMPLE_RATE};
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Samples between two flushes of the writer: half a second at 16 kHz.
const FLUSH_EVERY: u64 = SAMPLE_RATE as u64 / 2;

const MARKER_SUFFIX: &str = ".recording";

/// The marker that flags `wav` as a recording still being written.
pub fn marker_path(wav: &Path) -> PathBuf {
    let mut name = wav.as_os_str().to_owned();
    name.push(MARKER_SUFFIX);
    PathBuf::from(name)
}

/// Streams mono 16 kHz audio into a 16-bit PCM WAV file.
pub struct WavSink {
    path: PathBuf,
    writer: hound::WavWriter<BufWriter<File>>,
    n_samples: u64,
    n_since_flush: u64,
}

impl WavSink {
    /// Creates (or truncates) `path` and its recording marker.
    pub fn create(path: &Path) -> Result<WavSink, AudioError> {
        File::create(marker_path(path)).map_err(|e| AudioError::io(&marker_path(path), e))?;
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: SAMPLE_RATE,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let writer = hound::WavWriter::create(path, spec).map_err(|e| hound_to_io(path, e))?;
        Ok(WavSink {
            path: path.to_path_buf(),
            writer,
            n_samples: 0,
            n_since_flush: 0,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends samples in [-1, 1] (louder ones are clipped).
    pub fn write(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        for &sample in samples {
            let value = (sample.clamp(-1.0, 1.0) * i16::MAX as f32).round() as i16;
            self.writer
                .write_sample(value)
                .map_err(|e| hound_to_io(&self.path, e))?;
        }
        self.n_samples += samples.len() as u64;
        self.n_since_flush += samples.len() as u64;
        if self.n_since_flush >= FLUSH_EVERY {
            // hound's flush rewrites the header lengths too, so the file on
            // disk is a valid WAV after every flush.
            self.writer
                .flush()
                .map_err(|e| hound_to_io(&self.path, e))?;
            self.n_since_flush = 0;
        }
        Ok(())
    }

    pub fn duration_s(&self) -> f64 {
        self.n_samples as f64 / SAMPLE_RATE as f64
    }

    /// Completes the file and removes the recording marker.
    pub fn finish(self) -> Result<f64, AudioError> {
        let duration_s = self.duration_s();
        let path = self.path;
        self.writer.finalize().map_err(|e| hound_to_io(&path, e))?;
        let marker = marker_path(&path);
        std::fs::remove_file(&marker).map_err(|e| AudioError::io(&marker, e))?;
        Ok(duration_s)
    }
}

fn hound_to_io(path: &Path, err: hound::Error) -> AudioError {
    match err {
        hound::Error::IoError(source) => AudioError::io(path, source),
        other => AudioError::io(path, std::io::Error::other(other.to_string())),
    }
}

/// A recording that an interrupted run left behind and that was repaired.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    pub path: PathBuf,
    /// Length of the audio kept, in seconds.
    pub duration_s: f64,
}

/// Repairs `wav` if a recording marker says it was never finished, then
/// removes the marker. Returns `None` when there was nothing to recover.
pub fn recover_if_interrupted(wav: &Path) -> Result<Option<Recovered>, AudioError> {
    let marker = marker_path(wav);
    if !marker.exists() {
        return Ok(None);
    }
    if !wav.exists() {
        // The process died before it created the WAV: nothing was captured.
        std::fs::remove_file(&marker).map_err(|e| AudioError::io(&marker, e))?;
        return Ok(None);
    }
    let duration_s = repair_header(wav)?;
    std::fs::remove_file(&marker).map_err(|e| AudioError::io(&marker, e))?;
    Ok(Some(Recovered {
        path: wav.to_path_buf(),
        duration_s,
    }))
}

/// Recovers every interrupted recording in `dir` (see
/// [`recover_if_interrupted`]).
pub fn recover_interrupted(dir: &Path) -> Result<Vec<Recovered>, AudioError> {
    let mut recovered = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(recovered),
        Err(e) => return Err(AudioError::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| AudioError::io(dir, e))?;
        let name = entry.file_name();
        let Some(wav_name) = name
            .to_str()
            .and_then(|name| name.strip_suffix(MARKER_SUFFIX))
        else {
            continue;
        };
        if let Some(found) = recover_if_interrupted(&dir.join(wav_name))? {
            recovered.push(found);
        }
    }
    Ok(recovered)
}

/// Rewrites the RIFF and `data` chunk sizes of a WAV from the file's real
/// length and returns the duration it now holds. A trailing partial sample
/// frame is cut off.
pub fn repair_header(path: &Path) -> Result<f64, AudioError> {
    let io = |e| AudioError::io(path, e);
    let not_wav = |detail: &str| AudioError::NotWav {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(io)?;
    let file_len = file.metadata().map_err(io)?.len();
    let mut riff = [0u8; 12];
    if file.read_exact(&mut riff).is_err() || &riff[0..4] != b"RIFF" || &riff[8..12] != b"WAVE" {
        return Err(not_wav("no RIFF/WAVE header"));
    }
    let mut pos = 12u64;
    let mut block_align = 0u64;
    let mut byte_rate = 0u64;
    loop {
        let mut header = [0u8; 8];
        if pos + 8 > file_len {
            return Err(not_wav("no data chunk"));
        }
        file.seek(SeekFrom::Start(pos)).map_err(io)?;
        file.read_exact(&mut header).map_err(io)?;
        let size = u32::from_le_bytes(header[4..8].try_into().expect("4 bytes")) as u64;
        if &header[0..4] == b"fmt " {
            let mut fmt = [0u8; 16];
            file.read_exact(&mut fmt)
                .map_err(|_| not_wav("truncated fmt chunk"))?;
            byte_rate = u32::from_le_bytes(fmt[8..12].try_into().expect("4 bytes")) as u64;
            block_align = u16::from_le_bytes(fmt[12..14].try_into().expect("2 bytes")) as u64;
        } else if &header[0..4] == b"data" {
            if block_align == 0 || byte_rate == 0 {
                return Err(not_wav("data chunk before a valid fmt chunk"));
            }
            let data_start = pos + 8;
            let data_len = (file_len - data_start) / block_align * block_align;
            file.set_len(data_start + data_len).map_err(io)?;
            let data_len_u32 =
                u32::try_from(data_len).map_err(|_| not_wav("data larger than 4 GiB"))?;
            file.seek(SeekFrom::Start(pos + 4)).map_err(io)?;
            file.write_all(&data_len_u32.to_le_bytes()).map_err(io)?;
            file.seek(SeekFrom::Start(4)).map_err(io)?;
            file.write_all(&((data_start + data_len - 8) as u32).to_le_bytes())
                .map_err(io)?;
            file.sync_all().map_err(io)?;
            return Ok(data_len as f64 / byte_rate as f64);
        }
        // Chunks are padded to an even length.
        pos += 8 + size + (size & 1);
    }
}

/// A WAV file as it is stored: interleaved samples scaled to [-1, 1].
#[derive(Debug, Clone)]
pub struct RawAudio {
    pub samples: Vec<f32>,
    pub sample_rate: u32,
    pub channels: u16,
}

/// Reads a WAV file of any common layout: 8/16/24/32-bit integer or 32-bit
/// float PCM, any rate, any channel count.
pub fn read_wav_raw(path: &Path) -> Result<RawAudio, AudioError> {
    check_riff_header(path)?;
    let reader = hound::WavReader::open(path).map_err(|e| read_error(path, e))?;
    let spec = reader.spec();
    if spec.channels == 0 || spec.sample_rate == 0 {
        return Err(AudioError::UnsupportedWav {
            path: path.to_path_buf(),
            detail: format!("{} channels at {} Hz", spec.channels, spec.sample_rate),
        });
    }
    let truncated = |e: hound::Error| match e {
        // hound reports a short read as an I/O error without an OS code.
        hound::Error::IoError(source) if source.raw_os_error().is_none() => AudioError::NotWav {
            path: path.to_path_buf(),
            detail: "the file ends before the length its header gives; it is truncated or corrupt"
                .to_string(),
        },
        other => read_error(path, other),
    };
    let samples: Vec<f32> = match (spec.sample_format, spec.bits_per_sample) {
        (hound::SampleFormat::Float, 32) => reader
            .into_samples::<f32>()
            .collect::<Result<_, _>>()
            .map_err(truncated)?,
        (hound::SampleFormat::Int, bits @ 1..=32) => {
            let scale = 1.0 / (1u64 << (bits - 1)) as f32;
            reader
                .into_samples::<i32>()
                .map(|s| s.map(|s| s as f32 * scale))
                .collect::<Result<_, _>>()
                .map_err(truncated)?
        }
        (format, bits) => {
            return Err(AudioError::UnsupportedWav {
                path: path.to_path_buf(),
                detail: format!("{bits}-bit {format:?} samples"),
            })
        }
    };
    Ok(RawAudio {
        samples,
        sample_rate: spec.sample_rate,
        channels: spec.channels,
    })
}

/// Writes mono 16 kHz `samples` to a finished WAV file at `path` (through
/// [`WavSink`], so an interrupted write is recoverable like a recording);
/// returns its duration in seconds.
pub fn write_wav(path: &Path, samples: &[f32]) -> Result<f64, AudioError> {
    let mut sink = WavSink::create(path)?;
    sink.write(samples)?;
    sink.finish()
}

/// Reads a WAV file (see [`read_wav_raw`]) as mono 16 kHz.
pub fn read_wav(path: &Path) -> Result<Vec<f32>, AudioError> {
    let raw = read_wav_raw(path)?;
    Ok(to_mono_16k(&raw.samples, raw.sample_rate, raw.channels))
}

/// Gives a precise error for files that are not RIFF/WAVE at all, before
/// hound's less specific one.
fn check_riff_header(path: &Path) -> Result<(), AudioError> {
    let mut file = File::open(path).map_err(|e| AudioError::io(path, e))?;
    let mut header = Vec::with_capacity(12);
    (&mut file)
        .take(12)
        .read_to_end(&mut header)
        .map_err(|e| AudioError::io(path, e))?;
    let detail = if header.is_empty() {
        "the file is empty"
    } else if header.len() < 12 {
        "the file is too short to hold a WAV header"
    } else if &header[0..4] != b"RIFF" || &header[8..12] != b"WAVE" {
        "it does not start with a RIFF/WAVE header"
    } else {
        return Ok(());
    };
    Err(AudioError::NotWav {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    })
}

fn read_error(path: &Path, err: hound::Error) -> AudioError {
    match err {
        hound::Error::IoError(source) => AudioError::io(path, source),
        hound::Error::FormatError(detail) => AudioError::NotWav {
            path: path.to_path_buf(),
            detail: detail.to_string(),
        },
        hound::Error::Unsupported => AudioError::UnsupportedWav {
            path: path.to_path_buf(),
            detail: "a sample encoding hound cannot decode".into(),
        },
        other => AudioError::UnsupportedWav {
            path: path.to_path_buf(),
            detail: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ramp(n: usize) -> Vec<f32> {
        (0..n).map(|i| ((i % 200) as f32 / 100.0) - 1.0).collect()
    }

    #[test]
    fn finished_recording_reads_back_and_leaves_no_marker() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.wav");
        let mut sink = WavSink::create(&path).unwrap();
        assert!(marker_path(&path).exists());
        let audio = ramp(24_000);
        sink.write(&audio).unwrap();
        assert_eq!(sink.finish().unwrap(), 1.5);
        assert!(!marker_path(&path).exists());
        let back = read_wav(&path).unwrap();
        assert_eq!(back.len(), audio.len());
        assert!(back.iter().zip(&audio).all(|(a, b)| (a - b).abs() < 1e-4));
        assert_eq!(recover_if_interrupted(&path).unwrap(), None);
    }

    #[test]
    fn write_wav_is_the_inverse_of_read_wav() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.wav");
        let audio = ramp(8_000);
        assert_eq!(write_wav(&path, &audio).unwrap(), 0.5);
        assert!(!marker_path(&path).exists());
        let back = read_wav(&path).unwrap();
        assert_eq!(back.len(), audio.len());
        assert!(back.iter().zip(&audio).all(|(a, b)| (a - b).abs() < 1e-4));
    }

    #[test]
    fn abandoned_writer_is_recovered_up_to_the_last_flush() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.wav");
        let mut sink = WavSink::create(&path).unwrap();
        sink.write(&ramp(3 * SAMPLE_RATE as usize + 1234)).unwrap();
        // A killed process never finalizes: forget the writer without dropping
        // it (hound's Drop would finalize the header).
        std::mem::forget(sink);
        // Simulate bytes that reached the disk after the last header update,
        // including half a sample frame.
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(&[1, 2, 3, 4, 5]).unwrap();
        drop(file);
        let recovered = recover_interrupted(dir.path()).unwrap();
        assert_eq!(recovered.len(), 1);
        assert!(recovered[0].duration_s >= 2.5, "{recovered:?}");
        assert!(!marker_path(&path).exists());
        let back = read_wav(&path).unwrap();
        assert_eq!(
            back.len() as f64 / SAMPLE_RATE as f64,
            recovered[0].duration_s
        );
    }

    #[test]
    fn header_with_zero_lengths_is_repaired_from_file_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.wav");
        let mut sink = WavSink::create(&path).unwrap();
        sink.write(&ramp(16_000)).unwrap();
        sink.finish().unwrap();
        // Zero both length fields, as in a file killed before its first flush.
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[4..8].copy_from_slice(&0u32.to_le_bytes());
        let data = bytes.windows(4).position(|w| w == b"data").unwrap();
        bytes[data + 4..data + 8].copy_from_slice(&0u32.to_le_bytes());
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(repair_header(&path).unwrap(), 1.0);
        assert_eq!(read_wav(&path).unwrap().len(), 16_000);
    }

    #[test]
    fn reads_stereo_24_bit_44k_and_float_files() {
        let dir = tempfile::tempdir().unwrap();
        for (bits, format) in [
            (24, hound::SampleFormat::Int),
            (32, hound::SampleFormat::Float),
            (8, hound::SampleFormat::Int),
        ] {
            let path = dir.path().join(format!("s{bits}.wav"));
            let spec = hound::WavSpec {
                channels: 2,
                sample_rate: 44_100,
                bits_per_sample: bits,
                sample_format: format,
            };
            let mut writer = hound::WavWriter::create(&path, spec).unwrap();
            for i in 0..44_100 {
                let value = (std::f32::consts::TAU * 200.0 * i as f32 / 44_100.0).sin() * 0.5;
                for _ in 0..2 {
                    match format {
                        hound::SampleFormat::Float => writer.write_sample(value).unwrap(),
                        hound::SampleFormat::Int => writer
                            .write_sample((value * ((1 << (bits - 1)) - 1) as f32) as i32)
                            .unwrap(),
                    }
                }
            }
            writer.finalize().unwrap();
            let mono = read_wav(&path).unwrap();
            assert_eq!(mono.len(), 16_000, "{bits}-bit");
            let peak = mono[1000..15_000]
                .iter()
                .fold(0.0f32, |m, s| m.max(s.abs()));
            assert!((peak - 0.5).abs() < 0.02, "{bits}-bit peak {peak}");
        }
    }

    #[test]
    fn non_wav_empty_and_truncated_files_give_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.wav");
        std::fs::write(
            &text,
            "Tell me about a time you disagreed with your manager.",
        )
        .unwrap();
        let err = read_wav(&text).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::NotWav, "{err}");
        assert!(err.to_string().contains("not a WAV file"), "{err}");

        let empty = dir.path().join("empty.wav");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(
            read_wav(&empty).unwrap_err().kind(),
            crate::ErrorKind::NotWav
        );

        let cut = dir.path().join("cut.wav");
        let mut sink = WavSink::create(&cut).unwrap();
        sink.write(&ramp(16_000)).unwrap();
        sink.finish().unwrap();
        let bytes = std::fs::read(&cut).unwrap();
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        let err = read_wav(&cut).unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");

        let missing = read_wav(&dir.path().join("missing.wav")).unwrap_err();
        assert_eq!(missing.kind(), crate::ErrorKind::Io);
        assert!(missing.to_string().contains("missing.wav"), "{missing}");
    }
}
