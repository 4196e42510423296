//! Energy-based voice-activity detection over the unfiltered 16 kHz audio.
//!
//! The app needs two things from it: the speech/pause timeline that the
//! analysis uses for pauses and speaking rate (Whisper's word times absorb
//! silence, so they cannot give pauses), and safe places to cut the live
//! stream into chunks for transcription (in a pause, never inside a word).
//!
//! Each 20 ms frame is voiced when its level is well above the noise floor
//! and above an absolute minimum. The floor is the quietest frame of the last
//! three seconds ("minimum statistics"): the pauses between words reach down
//! to the room's noise, while stretches of digital silence (a muted or
//! just-opened device) are ignored so they cannot pin the floor far below
//! the real noise. Frame decisions are smoothed into
//! regions: gaps shorter than `MIN_PAUSE_S` are joined (stop consonants and
//! breaths inside a phrase) and blips shorter than `MIN_SPEECH_S` dropped
//! (clicks). The detector keeps one flag and one level per frame, about 1 KB
//! per minute, so it can run over a whole answer incrementally.

use crate::resample::SAMPLE_RATE;
use br_core::text::{Heard, Pause, SpeechTimeline};
use std::borrow::Cow;

/// Samples per analysis frame: 20 ms at 16 kHz.
pub const FRAME_LEN: usize = 320;
const FRAME_S: f64 = FRAME_LEN as f64 / SAMPLE_RATE as f64;
/// Silences shorter than this are part of speech, not pauses.
pub const MIN_PAUSE_S: f64 = 0.25;
/// Voiced stretches shorter than this are noise, not speech.
const MIN_SPEECH_S: f64 = 0.06;
/// A frame is voiced when it is this far above the noise floor...
const MARGIN_DB: f32 = 12.0;
/// ...and above this absolute level, so digital silence and hiss stay silent.
const MIN_SPEECH_DB: f32 = -50.0;
/// Frames below this are digital silence, not room noise.
const DIGITAL_SILENCE_DB: f32 = -85.0;
/// The floor is never taken to be louder than this. It matters only when
/// the recent frames are all voice (speech right after digital silence, as
/// in synthesized audio): a real room's noise is quieter.
const FLOOR_CAP_DB: f32 = -40.0;
const FLOOR_MIN_DB: f32 = -90.0;
/// The noise floor is the quietest frame in this many recent frames (3 s).
const FLOOR_WINDOW: usize = 150;
/// The first frames are judged once this many have arrived (0.5 s), so the
/// very first one already has a floor to compare with.
const WARMUP_FRAMES: usize = 25;

/// A stretch of detected voice, in seconds from the start of the audio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpeechRegion {
    pub start: f64,
    pub end: f64,
}

/// An incremental voice-activity detector; feed it audio in any packet size.
#[derive(Debug, Clone)]
pub struct Vad {
    voiced: Vec<bool>,
    levels_db: Vec<f32>,
    partial: Vec<f32>,
    n_samples: u64,
}

impl Default for Vad {
    fn default() -> Self {
        Vad::new()
    }
}

impl Vad {
    pub fn new() -> Vad {
        Vad {
            voiced: Vec::new(),
            levels_db: Vec::new(),
            partial: Vec::with_capacity(FRAME_LEN),
            n_samples: 0,
        }
    }

    /// Runs the detector over a whole clip.
    pub fn over(samples: &[f32]) -> Vad {
        let mut vad = Vad::new();
        vad.push(samples);
        vad
    }

    /// Feeds mono 16 kHz samples.
    pub fn push(&mut self, samples: &[f32]) {
        self.n_samples += samples.len() as u64;
        let mut rest = samples;
        while !rest.is_empty() {
            let take = (FRAME_LEN - self.partial.len()).min(rest.len());
            self.partial.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if self.partial.len() == FRAME_LEN {
                let energy = self.partial.iter().map(|s| s * s).sum::<f32>() / FRAME_LEN as f32;
                self.partial.clear();
                self.push_frame(10.0 * energy.max(1e-12).log10());
            }
        }
    }

    fn push_frame(&mut self, level_db: f32) {
        self.levels_db.push(level_db);
        let n_frames = self.levels_db.len();
        if n_frames < WARMUP_FRAMES {
            return;
        }
        let floor_db = floor(&self.levels_db[n_frames.saturating_sub(FLOOR_WINDOW)..]);
        let first_undecided = self.voiced.len();
        for idx in first_undecided..n_frames {
            self.voiced.push(is_voiced(self.levels_db[idx], floor_db));
        }
    }

    /// Per-frame decisions, including provisional ones for a clip still
    /// shorter than the warm-up.
    fn flags(&self) -> Cow<'_, [bool]> {
        if self.levels_db.len() >= WARMUP_FRAMES {
            return Cow::Borrowed(&self.voiced);
        }
        let floor_db = floor(&self.levels_db);
        Cow::Owned(
            self.levels_db
                .iter()
                .map(|&level| is_voiced(level, floor_db))
                .collect(),
        )
    }

    /// Seconds of audio fed so far.
    pub fn duration_s(&self) -> f64 {
        self.n_samples as f64 / SAMPLE_RATE as f64
    }

    /// The smoothed speech regions found so far. The last one may still grow.
    pub fn regions(&self) -> Vec<SpeechRegion> {
        let voiced = self.flags();
        let mut regions: Vec<SpeechRegion> = Vec::new();
        let mut frame_idx = 0;
        while frame_idx < voiced.len() {
            if !voiced[frame_idx] {
                frame_idx += 1;
                continue;
            }
            let start_idx = frame_idx;
            while frame_idx < voiced.len() && voiced[frame_idx] {
                frame_idx += 1;
            }
            let region = SpeechRegion {
                start: start_idx as f64 * FRAME_S,
                end: frame_idx as f64 * FRAME_S,
            };
            match regions.last_mut() {
                Some(last) if region.start - last.end < MIN_PAUSE_S => last.end = region.end,
                _ => regions.push(region),
            }
        }
        regions.retain(|region| region.end - region.start >= MIN_SPEECH_S);
        regions
    }

    /// The speech/pause timeline of everything fed so far.
    pub fn timeline(&self) -> SpeechTimeline {
        let regions = self.regions();
        SpeechTimeline {
            duration_s: self.duration_s(),
            speech_s: speech_s(&regions),
            pauses: regions
                .windows(2)
                .map(|pair| Pause {
                    start: pair[0].end,
                    end: pair[1].start,
                })
                .collect(),
        }
    }

    /// Speech and silence heard so far, for ending a hands-free answer.
    pub fn heard(&self) -> Heard {
        let regions = self.regions();
        Heard {
            duration_s: self.duration_s(),
            speech_s: speech_s(&regions),
            last_speech_end_s: regions.last().map(|region| region.end),
        }
    }

    /// A place to cut the stream after `from_s`, or `None` if there is none
    /// yet. The cut lies in the middle of the first pause of at least
    /// `min_gap_s` that starts after `from_s + min_chunk_s`. Once the chunk
    /// reaches `max_chunk_s` without such a pause, the cut goes to the
    /// quietest frame of its last few seconds, which is the least likely
    /// place to be inside a word.
    pub fn next_cut(
        &self,
        from_s: f64,
        min_chunk_s: f64,
        max_chunk_s: f64,
        min_gap_s: f64,
    ) -> Option<f64> {
        let voiced = self.flags();
        let first = ((from_s + min_chunk_s) / FRAME_S).ceil() as usize;
        let mut run_start = None;
        // Pauses beyond the longest chunk do not count, so the cut is the
        // same whether the audio after it has arrived yet or not.
        let last = (((from_s + max_chunk_s) / FRAME_S) as usize).min(voiced.len());
        for frame_idx in first.min(last)..last {
            if voiced[frame_idx] {
                run_start = None;
                continue;
            }
            let start = *run_start.get_or_insert(frame_idx);
            // A silence counts once it has lasted `min_gap_s`, even while it
            // goes on: cutting there does not need to wait for the next word.
            if (frame_idx + 1 - start) as f64 * FRAME_S >= min_gap_s {
                return Some((start as f64 + (frame_idx + 1 - start) as f64 / 2.0) * FRAME_S);
            }
        }
        if self.duration_s() - from_s < max_chunk_s {
            return None;
        }
        let search_from = ((from_s + max_chunk_s * 0.7) / FRAME_S) as usize;
        let search_to = (((from_s + max_chunk_s) / FRAME_S) as usize).min(self.levels_db.len());
        let quietest = (search_from..search_to)
            .min_by(|&a, &b| self.levels_db[a].total_cmp(&self.levels_db[b]))?;
        Some((quietest as f64 + 0.5) * FRAME_S)
    }
}

fn speech_s(regions: &[SpeechRegion]) -> f64 {
    regions.iter().map(|region| region.end - region.start).sum()
}

fn is_voiced(level_db: f32, floor_db: f32) -> bool {
    level_db > floor_db + MARGIN_DB && level_db > MIN_SPEECH_DB
}

/// The noise floor of a run of frame levels: its quietest frame that is not
/// digital silence.
fn floor(levels_db: &[f32]) -> f32 {
    levels_db
        .iter()
        .copied()
        .filter(|&level| level > DIGITAL_SILENCE_DB)
        .fold(FLOOR_CAP_DB, f32::min)
        .max(FLOOR_MIN_DB)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Synthetic "speech": a 180 Hz buzz with a harmonic, in bursts.
    fn clip(pattern: &[(bool, f64)], noise: f32) -> Vec<f32> {
        let mut out = Vec::new();
        let mut seed = 12345u32;
        for &(voiced, seconds) in pattern {
            for _ in 0..(seconds * SAMPLE_RATE as f64) as usize {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let hiss = ((seed >> 16) as f32 / 32768.0 - 1.0) * noise;
                let t = out.len() as f32 / SAMPLE_RATE as f32;
                // Syllables: the level dips by 20 dB four times a second.
                let syllables = 0.55 + 0.45 * (std::f32::consts::TAU * 4.0 * t).sin();
                let voice = if voiced {
                    0.2 * syllables
                        * ((std::f32::consts::TAU * 180.0 * t).sin()
                            + 0.5 * (std::f32::consts::TAU * 360.0 * t).sin())
                } else {
                    0.0
                };
                out.push(voice + hiss);
            }
        }
        out
    }

    #[test]
    fn timeline_finds_speech_and_the_pauses_between() {
        let audio = clip(
            &[
                (false, 0.5),
                (true, 2.0),
                (false, 2.5),
                (true, 1.0),
                (false, 0.1),
                (true, 1.0),
                (false, 0.6),
            ],
            0.003,
        );
        let timeline = Vad::over(&audio).timeline();
        assert!((timeline.duration_s - 7.7).abs() < 1e-9);
        // The 0.1 s gap is inside speech; the 2.5 s one is a pause.
        assert_eq!(timeline.pauses.len(), 1, "{timeline:?}");
        let pause = timeline.pauses[0];
        assert!(
            (pause.start - 2.5).abs() < 0.05 && (pause.end - 5.0).abs() < 0.05,
            "{pause:?}"
        );
        assert!((timeline.speech_s - 4.1).abs() < 0.1, "{timeline:?}");
    }

    #[test]
    fn heard_says_where_the_last_speech_ended() {
        let vad = Vad::over(&clip(&[(false, 0.5), (true, 1.0), (false, 2.0)], 0.003));
        let heard = vad.heard();
        assert!((heard.duration_s - 3.5).abs() < 1e-9);
        assert!((heard.speech_s - 1.0).abs() < 0.1, "{heard:?}");
        let end = heard.last_speech_end_s.unwrap();
        assert!((end - 1.5).abs() < 0.1, "{heard:?}");
        assert_eq!(
            Vad::over(&clip(&[(false, 2.0)], 0.003))
                .heard()
                .last_speech_end_s,
            None
        );
    }

    #[test]
    fn silence_and_hiss_alone_are_not_speech() {
        assert!(Vad::over(&clip(&[(false, 3.0)], 0.0)).regions().is_empty());
        assert!(Vad::over(&clip(&[(false, 3.0)], 0.01)).regions().is_empty());
    }

    #[test]
    fn quiet_speech_over_a_noisy_room_is_found() {
        // Room noise at -39 dBFS, voice peaks about 17 dB above it.
        let audio = clip(&[(false, 1.0), (true, 1.0), (false, 1.0)], 0.02);
        let regions = Vad::over(&audio).regions();
        assert_eq!(regions.len(), 1, "{regions:?}");
        assert!(
            (regions[0].start - 1.0).abs() < 0.1 && (regions[0].end - 2.0).abs() < 0.1,
            "{regions:?}"
        );
    }

    #[test]
    fn cuts_fall_in_pauses_after_the_minimum_chunk() {
        let audio = clip(
            &[
                (false, 0.5),
                (true, 3.0),
                (false, 0.5),
                (true, 4.0),
                (false, 0.8),
                (true, 2.0),
            ],
            0.0,
        );
        let vad = Vad::over(&audio);
        // The pause at 3.5-4.0 is too early for a 5 s minimum; 8.0-8.8 is taken.
        let cut = vad.next_cut(0.0, 5.0, 25.0, 0.3).unwrap();
        assert!(cut > 8.0 && cut < 8.8, "{cut}");
        assert!(vad.next_cut(cut, 5.0, 25.0, 0.3).is_none());
        let early = vad.next_cut(0.0, 1.0, 25.0, 0.3).unwrap();
        assert!(early > 3.5 && early < 4.0, "{early}");
    }

    #[test]
    fn a_chunk_without_pauses_is_cut_at_its_quietest_point() {
        let mut audio = clip(&[(false, 0.5), (true, 30.0)], 0.0);
        // A dip in level at 20.5 s, too short to be a pause.
        for sample in &mut audio[328_000..329_600] {
            *sample *= 0.01;
        }
        let vad = Vad::over(&audio);
        assert!(vad.next_cut(0.0, 5.0, 31.0, 0.3).is_none());
        let cut = vad.next_cut(0.0, 5.0, 25.0, 0.3).unwrap();
        assert!((20.5..20.6).contains(&cut), "{cut}");
    }

    #[test]
    fn packet_size_does_not_change_the_result() {
        let audio = clip(
            &[(false, 0.3), (true, 1.2), (false, 0.7), (true, 0.9)],
            0.002,
        );
        let whole = Vad::over(&audio);
        let mut streamed = Vad::new();
        for packet in audio.chunks(437) {
            streamed.push(packet);
        }
        assert_eq!(whole.timeline(), streamed.timeline());
    }
}
