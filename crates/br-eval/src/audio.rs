//! Labelled recordings: which fillers were said in each, and a scorecard of
//! what the whole pipeline (recogniser, then analysis) found.
//!
//! A labelled audio folder holds the recordings and `labels.jsonl`, one line
//! per recording:
//!
//! ```json
//! {"audio": "af-01__flite-rms.wav", "voice": "flite-rms", "script_id": "af-01",
//!  "script": "Um, so last year ...", "fillers": [{"word": "um", "count": 2}]}
//! ```
//!
//! `audio` is relative to the folder (or absolute); `fillers` counts the
//! true filler uses by type, as in the labelled answers; `script` is what
//! was said, fillers included. `scripts/make-filler-audio.py` writes such a
//! folder from `tests/audio-fillers/scripts.jsonl`.

use crate::record::{FillerCount, ParseError};
use crate::score::{FillerScore, Mean, Tally};
use crate::wer::{align, word_error_rate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// One labelled recording.
#[derive(Debug, Clone, Deserialize)]
pub struct AudioItem {
    pub audio: String,
    pub voice: String,
    #[serde(default)]
    pub script_id: Option<String>,
    pub script: String,
    pub fillers: Vec<FillerCount>,
}

impl AudioItem {
    fn filler_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for f in &self.fillers {
            *counts.entry(f.word.clone()).or_default() += f.count;
        }
        counts
    }
}

/// Parses `labels.jsonl`; blank lines are skipped. Each recording may be
/// listed once, and a listed filler must occur (count > 0).
pub fn parse_audio_jsonl(text: &str) -> Result<Vec<AudioItem>, ParseError> {
    let mut items: Vec<AudioItem> = Vec::new();
    let mut seen = HashSet::new();
    for (line_idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fail = |message: String| ParseError {
            line: line_idx + 1,
            message,
        };
        let item: AudioItem = serde_json::from_str(line).map_err(|e| fail(e.to_string()))?;
        if item.audio.trim().is_empty() {
            return Err(fail("`audio` is empty".into()));
        }
        if !seen.insert(item.audio.clone()) {
            return Err(fail(format!("{} is listed twice", item.audio)));
        }
        if let Some(f) = item.fillers.iter().find(|f| f.count == 0) {
            return Err(fail(format!("filler {:?} has count 0", f.word)));
        }
        items.push(item);
    }
    Ok(items)
}

/// The sounds a recogniser may drop or mishear; for each, where the scripted
/// occurrences ended up is recorded word by word.
pub const HESITATIONS: [&str; 3] = ["um", "uh", "hmm"];

/// What the transcript had where a scripted hesitation was said.
pub const DROPPED: &str = "(dropped)";

/// The pipeline's fillers against the labels, over many recordings.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AudioScorecard {
    pub recordings: usize,
    /// By type, compared by count per recording.
    pub fillers: FillerScore,
    pub by_voice: BTreeMap<String, Tally>,
    /// Word error rate of the transcript against the script, fillers
    /// included.
    pub wer: Mean,
    /// For each scripted hesitation, the words heard in its place (aligned
    /// word by word), or [`DROPPED`].
    pub hesitations: BTreeMap<String, BTreeMap<String, usize>>,
    /// What was heard in each recording, in order.
    pub heard: Vec<Heard>,
}

/// One recording's transcript and the fillers found in it.
#[derive(Debug, Clone, Serialize)]
pub struct Heard {
    pub audio: String,
    pub transcript: String,
    pub fillers: BTreeMap<String, usize>,
}

impl AudioScorecard {
    /// Adds one recording: its `transcript` and the fillers the analysis
    /// `found` in it, by type.
    pub fn add(&mut self, item: &AudioItem, transcript: &str, found: &BTreeMap<String, usize>) {
        self.recordings += 1;
        let tally = self.fillers.add(&item.audio, &item.filler_counts(), found);
        let voice = self.by_voice.entry(item.voice.clone()).or_default();
        voice.tp += tally.tp;
        voice.fp += tally.fp;
        voice.fn_ += tally.fn_;
        self.wer.add(word_error_rate(&item.script, transcript));
        for step in align(&item.script, transcript) {
            let Some(said) = step.said.filter(|w| HESITATIONS.contains(&w.as_str())) else {
                continue;
            };
            let heard = step.heard.unwrap_or_else(|| DROPPED.to_string());
            *self
                .hesitations
                .entry(said)
                .or_default()
                .entry(heard)
                .or_default() += 1;
        }
        self.heard.push(Heard {
            audio: item.audio.clone(),
            transcript: transcript.to_string(),
            fillers: found.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(line: &str) -> AudioItem {
        parse_audio_jsonl(line).unwrap().remove(0)
    }

    #[test]
    fn a_recording_is_scored_by_type_by_voice_and_by_hesitation() {
        let rec = item(
            r#"{"audio": "a.wav", "voice": "v1", "script": "Um, so we had, uh, a plan, you know.", "fillers": [{"word": "um", "count": 1}, {"word": "so", "count": 1}, {"word": "uh", "count": 1}, {"word": "you know", "count": 1}]}"#,
        );
        let found = BTreeMap::from([
            ("um".to_string(), 1),
            ("so".to_string(), 1),
            ("like".to_string(), 1),
        ]);
        let mut card = AudioScorecard::default();
        card.add(&rec, "Um, so we had a plan, you know.", &found);
        assert_eq!(card.recordings, 1);
        let by_voice = card.by_voice["v1"];
        assert_eq!((by_voice.tp, by_voice.fp, by_voice.fn_), (2, 1, 2));
        assert_eq!(card.fillers.by_word["uh"].recall(), 0.0);
        assert_eq!(card.fillers.by_word["like"].precision(), 0.0);
        assert_eq!(card.hesitations["um"]["um"], 1);
        assert_eq!(card.hesitations["uh"][DROPPED], 1);
        assert!((card.wer.value().unwrap() - 1.0 / 9.0).abs() < 1e-9);
    }

    #[test]
    fn labels_that_cannot_be_right_are_refused_with_their_line() {
        let twice =
            "{\"audio\": \"a.wav\", \"voice\": \"v\", \"script\": \"x\", \"fillers\": []}\n";
        let err = parse_audio_jsonl(&format!("{twice}\n{twice}")).unwrap_err();
        assert_eq!(err.line, 3);
        let zero = r#"{"audio": "a.wav", "voice": "v", "script": "x", "fillers": [{"word": "um", "count": 0}]}"#;
        assert!(parse_audio_jsonl(zero)
            .unwrap_err()
            .message
            .contains("count 0"));
        assert!(parse_audio_jsonl("{\"audio\": 3}").is_err());
    }
}
