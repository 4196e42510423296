//! Scores Bar Raiser's analysis against labelled answers.
//!
//! `record` reads the labelled-answer format (one JSON object per line, the
//! rules in `tests/corpus/LABELING.md`); `score` runs `br_core::analyze` on
//! each answer and compares it with the labels field by field; `table`
//! renders the resulting [`Scorecard`] for people.
//!
//! Pure: the caller reads the file and hands over its text, so the CLI and
//! the tests share one scorer and one table.

pub mod record;
pub mod score;
pub mod table;

pub use record::{parse_jsonl, EvalItem, EvalLabels, FillerCount, ParseError, StarSpans};
pub use score::{score, Scorecard};
