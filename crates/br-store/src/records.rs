//! Versioned records: how the store writes the domain types it keeps as
//! JSON (a round's settings, a follow-up, a timeline, an analysis), so that
//! a round stored by an earlier build stays readable after those types
//! change.
//!
//! The domain types (`br_core::Analysis`, ...) change with the engine; the
//! records do not. Each JSON column has a version column beside it (schema
//! version 3), and each version has its own frozen record types in its own
//! module with conversions to and from the domain. Writing converts the
//! domain value into the newest record; reading picks the record type by the
//! stored version and converts it back. Renaming a domain enum's variant, or
//! adding a field the old record lacks, is then a change of the conversion
//! (which the compiler points at), not a damaged round. A row written before
//! versions were stored has version 1: its JSON is exactly version 1's.

mod v1;

use crate::error::StoreError;
use crate::rounds::corrupt;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The record version this build writes.
pub(crate) const RECORD_VERSION: u32 = 2;

// The record type this build writes for each domain type.
pub(crate) use v1::{
    AnalysisV1 as AnalysisRecord, FollowUpV1 as FollowUpRecord, RoundConfigV1 as ConfigRecord,
    TimelineV1 as TimelineRecord,
};

/// The JSON of `value` as record `R`, of the version this build writes.
pub(crate) fn write<R, T>(value: &T) -> String
where
    R: Serialize + for<'a> From<&'a T>,
{
    serde_json::to_string(&R::from(value)).expect("records serialize to JSON")
}

/// The domain value of a stored record (`what` names it in messages): the
/// JSON is read as the record type of its version, then converted, which
/// fails only on what the domain no longer knows.
pub(crate) fn read<R, T>(stored: Stored<'_>, what: &str) -> Result<T, StoreError>
where
    R: DeserializeOwned,
    T: TryFrom<R>,
    T::Error: std::fmt::Display,
{
    let damaged = |detail: String| {
        corrupt(
            stored.round_id,
            &format!(
                "unreadable {what} (record version {}): {detail}",
                stored.version
            ),
        )
    };
    match stored.version {
        // Version 2 only adds optional fields to version 1 (rule ids, the
        // checklist, the drill-down facts): one record type reads both.
        1 | 2 => {
            let record: R =
                serde_json::from_str(stored.json).map_err(|e| damaged(e.to_string()))?;
            T::try_from(record).map_err(|e| damaged(e.to_string()))
        }
        _ => Err(corrupt(
            stored.round_id,
            &format!(
                "the {what} was written by a newer Bar Raiser (record version {}, this build \
                 reads up to {RECORD_VERSION}); update Bar Raiser",
                stored.version
            ),
        )),
    }
}

/// Where a record was read from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stored<'a> {
    round_id: i64,
    version: u32,
    json: &'a str,
}

impl Stored<'_> {
    pub(crate) fn new(round_id: i64, version: u32, json: &str) -> Stored<'_> {
        Stored {
            round_id,
            version,
            json,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use br_core::{Analysis, FollowUp, SpeechTimeline};

    /// Every record reads back as the value written, for a real analysis
    /// with fillers, STAR spans, findings, evidence and follow-ups.
    fn stored(json: &str) -> Stored<'_> {
        Stored::new(1, RECORD_VERSION, json)
    }

    #[test]
    fn records_round_trip_the_domain_values() {
        let text = "Um, in 2023 our checkout p99 was 900 ms. I owned it and my goal was 300 ms. \
                    I profiled the service in Grafana, like, and I batched the pricing query. \
                    As a result p99 fell to 220 ms and conversion rose 4 percent.";
        let timeline = SpeechTimeline {
            duration_s: 30.0,
            speech_s: 25.0,
            pauses: vec![br_core::text::Pause {
                start: 10.0,
                end: 12.5,
            }],
        };
        let analysis = br_core::analyze(&br_core::AnswerInput {
            timeline: Some(&timeline),
            ..br_core::AnswerInput::text(text)
        });
        assert!(!analysis.fillers.spans.is_empty() && !analysis.score.findings.is_empty());
        let json = write::<AnalysisRecord, _>(&analysis);
        let back: Analysis = read::<AnalysisRecord, _>(stored(&json), "analysis").unwrap();
        assert_eq!(back, analysis);
        let json = write::<TimelineRecord, _>(&timeline);
        let back: SpeechTimeline = read::<TimelineRecord, _>(stored(&json), "timeline").unwrap();
        assert_eq!(back, timeline);
        for followup in &analysis.followups {
            let json = write::<FollowUpRecord, _>(followup);
            let back: FollowUp = read::<FollowUpRecord, _>(stored(&json), "follow-up").unwrap();
            assert_eq!(&back, followup);
        }
    }

    #[test]
    fn a_record_from_a_newer_build_says_so() {
        let stored = Stored::new(7, RECORD_VERSION + 1, "{}");
        let err = read::<AnalysisRecord, Analysis>(stored, "analysis").unwrap_err();
        assert!(err.to_string().contains("newer Bar Raiser"), "{err}");
    }
}
