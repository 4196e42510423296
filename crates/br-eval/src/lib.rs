//! Scores Bar Raiser's analysis against labelled answers.
//!
//! `record` reads the labelled-answer format (one JSON object per line, the
//! rules in `tests/corpus/LABELING.md`); `score` runs `br_core::analyze` on
//! each answer and compares it with the labels field by field; `table`
//! renders the resulting [`Scorecard`] for people. `audio` does the same for
//! labelled recordings (the fillers heard end to end), with `wer` aligning
//! what was said with what was heard.
//!
//! Pure: the caller reads the file and hands over its text, so the CLI and
//! the tests share one scorer and one table.

pub mod audio;
pub mod record;
pub mod score;
pub mod table;
pub mod wer;

pub use audio::{parse_audio_jsonl, AudioItem, AudioScorecard};
pub use record::{parse_jsonl, EvalItem, EvalLabels, FillerCount, ParseError, StarSpans};
pub use score::{score, Scorecard};
pub use wer::{align, normalized_words, word_error_rate, AlignedWord};
