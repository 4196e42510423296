//! Conversion of any device or file audio to the one format the pipeline
//! uses: mono, 32-bit float, 16 kHz (what Whisper expects).
//!
//! Channels are averaged first, so the resampler works on one channel only.
//! Resampling uses rubato's synchronous FFT resampler, a band-limited
//! converter: dropping or repeating samples would alias consonant energy into
//! the speech band and cost recognition accuracy.

use rubato::audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Resampler};

/// The sample rate of everything br-audio hands to the rest of the app.
pub const SAMPLE_RATE: u32 = 16_000;

/// Input frames per resampler call: about 20 ms at 48 kHz, so a live
/// recording never waits long for a chunk to fill.
const CHUNK_FRAMES: usize = 1024;

/// A streaming converter from interleaved samples at any rate and channel
/// count to mono 16 kHz. Output lines up with the input: the resampler's
/// start-up delay is trimmed and `finish` emits exactly the resampled length.
pub struct MonoResampler {
    channels: usize,
    input_rate: u32,
    /// `None` when the input is already 16 kHz.
    fft: Option<Fft<f32>>,
    /// Mono input waiting for a full resampler chunk.
    pending: Vec<f32>,
    scratch_out: Vec<f32>,
    /// Output samples still to discard for the resampler's delay.
    delay_left: usize,
    n_mono_in: u64,
    n_out: u64,
}

impl MonoResampler {
    /// `channels` and `input_rate` must be non-zero; both come from a device
    /// or a WAV header that was already checked.
    pub fn new(input_rate: u32, channels: u16) -> MonoResampler {
        assert!(
            input_rate > 0 && channels > 0,
            "rate and channel count are checked by callers"
        );
        let fft = (input_rate != SAMPLE_RATE).then(|| {
            Fft::<f32>::new(
                input_rate as usize,
                SAMPLE_RATE as usize,
                CHUNK_FRAMES,
                1,
                FixedSync::Input,
            )
            .expect("non-zero rates and chunk size are valid for rubato")
        });
        let delay_left = fft.as_ref().map_or(0, |fft| fft.output_delay());
        let scratch_len = fft.as_ref().map_or(0, |fft| fft.output_frames_max());
        MonoResampler {
            channels: channels as usize,
            input_rate,
            fft,
            pending: Vec::with_capacity(CHUNK_FRAMES),
            scratch_out: vec![0.0; scratch_len],
            delay_left,
            n_mono_in: 0,
            n_out: 0,
        }
    }

    /// Converts one packet of interleaved samples and appends the 16 kHz mono
    /// result (possibly empty while the resampler fills) to `out`.
    pub fn push(&mut self, interleaved: &[f32], out: &mut Vec<f32>) {
        let n_frames = interleaved.len() / self.channels;
        self.n_mono_in += n_frames as u64;
        let channels = self.channels;
        let mono = interleaved
            .chunks_exact(channels)
            .map(move |frame| frame.iter().sum::<f32>() / channels as f32);
        if self.fft.is_none() {
            let before = out.len();
            out.extend(mono);
            self.n_out += (out.len() - before) as u64;
            return;
        }
        for sample in mono {
            self.pending.push(sample);
            if self.pending.len() == CHUNK_FRAMES {
                self.run_chunk(out);
            }
        }
    }

    /// Flushes the resampler: emits the rest of the audio so that the total
    /// output is exactly the input length converted to 16 kHz.
    pub fn finish(&mut self, out: &mut Vec<f32>) {
        let expected = (self.n_mono_in * SAMPLE_RATE as u64).div_ceil(self.input_rate as u64);
        if self.fft.is_none() {
            return;
        }
        // Zero padding pushes the last real samples through the filter; the
        // output that only the padding produced is cut off again.
        while self.n_out < expected {
            self.pending.resize(CHUNK_FRAMES, 0.0);
            self.run_chunk(out);
        }
        let overshoot = (self.n_out - expected) as usize;
        out.truncate(out.len() - overshoot);
        self.n_out = expected;
    }

    fn run_chunk(&mut self, out: &mut Vec<f32>) {
        let fft = self.fft.as_mut().expect("only called when resampling");
        let n_scratch = self.scratch_out.len();
        let input =
            InterleavedSlice::new(&self.pending[..], 1, CHUNK_FRAMES).expect("chunk is full");
        let mut output = InterleavedSlice::new_mut(&mut self.scratch_out[..], 1, n_scratch)
            .expect("sized from output_frames_max");
        let (_, n_written) = fft
            .process_into_buffer(&input, &mut output, None)
            .expect("buffers are sized as the resampler asks");
        self.pending.clear();
        let skip = self.delay_left.min(n_written);
        self.delay_left -= skip;
        out.extend_from_slice(&self.scratch_out[skip..n_written]);
        self.n_out += (n_written - skip) as u64;
    }
}

/// Converts a whole interleaved clip to mono 16 kHz.
pub fn to_mono_16k(interleaved: &[f32], input_rate: u32, channels: u16) -> Vec<f32> {
    let mut resampler = MonoResampler::new(input_rate, channels);
    let expected =
        (interleaved.len() / channels as usize) as u64 * SAMPLE_RATE as u64 / input_rate as u64;
    let mut out = Vec::with_capacity(expected as usize + 1);
    resampler.push(interleaved, &mut out);
    resampler.finish(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(freq: f32, rate: u32, seconds: f32) -> Vec<f32> {
        let n = (rate as f32 * seconds) as usize;
        (0..n)
            .map(|i| (std::f32::consts::TAU * freq * i as f32 / rate as f32).sin() * 0.5)
            .collect()
    }

    fn rms(samples: &[f32]) -> f32 {
        (samples.iter().map(|s| s * s).sum::<f32>() / samples.len() as f32).sqrt()
    }

    #[test]
    fn resampling_48k_keeps_length_and_tone() {
        let input = sine(440.0, 48_000, 2.0);
        let out = to_mono_16k(&input, 48_000, 1);
        assert_eq!(out.len(), 32_000);
        // A 440 Hz tone survives with its level; the middle avoids edge effects.
        assert!(
            (rms(&out[4000..28_000]) - 0.3536).abs() < 0.01,
            "rms {}",
            rms(&out[4000..28_000])
        );
        // The output is aligned with the input: compare with the ideal 16 kHz tone.
        let ideal = sine(440.0, 16_000, 2.0);
        let err: f32 = out[4000..28_000]
            .iter()
            .zip(&ideal[4000..28_000])
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f32::max);
        assert!(err < 0.02, "max deviation {err}");
    }

    #[test]
    fn resampling_removes_content_above_8k_instead_of_aliasing() {
        // 10 kHz cannot exist at 16 kHz; sample dropping would fold it to 6 kHz.
        let out = to_mono_16k(&sine(10_000.0, 44_100, 1.0), 44_100, 1);
        assert_eq!(out.len(), 16_000);
        assert!(
            rms(&out[2000..14_000]) < 0.01,
            "rms {}",
            rms(&out[2000..14_000])
        );
    }

    #[test]
    fn stereo_is_averaged_to_mono() {
        let left = sine(300.0, 16_000, 0.5);
        let interleaved: Vec<f32> = left.iter().flat_map(|&s| [s, s]).collect();
        let out = to_mono_16k(&interleaved, 16_000, 2);
        assert_eq!(out, left);
        let cancel: Vec<f32> = left.iter().flat_map(|&s| [s, -s]).collect();
        assert!(to_mono_16k(&cancel, 16_000, 2).iter().all(|&s| s == 0.0));
    }

    #[test]
    fn streaming_in_odd_packets_matches_one_call() {
        let input = sine(250.0, 44_100, 1.3);
        let whole = to_mono_16k(&input, 44_100, 1);
        let mut resampler = MonoResampler::new(44_100, 1);
        let mut out = Vec::new();
        for packet in input.chunks(441 * 3 + 7) {
            resampler.push(packet, &mut out);
        }
        resampler.finish(&mut out);
        assert_eq!(out.len(), whole.len());
        assert!(out.iter().zip(&whole).all(|(a, b)| (a - b).abs() < 1e-5));
    }
}
