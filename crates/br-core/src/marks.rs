//! How an answer's marks lie on its text: the one segmentation that every
//! view of a transcript (the app, the reports, the CLI) draws from, so they
//! agree on which STAR part a word belongs to and on where a filler is.
//!
//! STAR spans may overlap; the earlier part (Situation before Task ...)
//! wins. A filler is never split: it takes the STAR part of its first
//! character, so each filler is exactly one run.

use crate::analysis::{Analysis, StarPartKind};
use serde::{Deserialize, Serialize};

/// A stretch `[start, end)` of the text (in characters) with one marking.
/// Text outside every run is unmarked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkedRun {
    pub start: usize,
    pub end: usize,
    /// The STAR part the stretch belongs to.
    pub star: Option<StarPartKind>,
    /// The filler the stretch is, as an index into `fillers.spans`.
    pub filler: Option<usize>,
}

impl Analysis {
    /// The marked stretches of the answer's text, in order, never
    /// overlapping, each as long as its marking stays the same.
    pub fn marked_runs(&self) -> Vec<MarkedRun> {
        let star_spans: Vec<(StarPartKind, usize, usize)> = StarPartKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let part = self.star.part(kind);
                let span = part.span.filter(|_| part.present)?;
                (span.start < span.end).then_some((kind, span.start, span.end))
            })
            .collect();
        let star_at = |idx: usize| {
            star_spans
                .iter()
                .find(|(_, start, end)| (*start..*end).contains(&idx))
                .map(|(kind, _, _)| *kind)
        };
        let fillers: Vec<(usize, usize, usize)> = self
            .fillers
            .spans
            .iter()
            .enumerate()
            .filter(|(_, m)| m.start < m.end)
            .map(|(idx, m)| (idx, m.start, m.end))
            .collect();
        let mut bounds: Vec<usize> = star_spans
            .iter()
            .flat_map(|(_, s, e)| [*s, *e])
            .chain(fillers.iter().flat_map(|(_, s, e)| [*s, *e]))
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        let mut runs: Vec<MarkedRun> = Vec::new();
        for pair in bounds.windows(2) {
            let (start, end) = (pair[0], pair[1]);
            let filler = fillers
                .iter()
                .find(|(_, s, e)| *s <= start && end <= *e)
                .map(|(idx, s, _)| (*idx, *s));
            let star = match filler {
                Some((_, filler_start)) => star_at(filler_start),
                None => star_at(start),
            };
            let filler = filler.map(|(idx, _)| idx);
            if star.is_none() && filler.is_none() {
                continue;
            }
            match runs.last_mut() {
                Some(last) if last.end == start && last.star == star && last.filler == filler => {
                    last.end = end;
                }
                _ => runs.push(MarkedRun {
                    start,
                    end,
                    star,
                    filler,
                }),
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, AnswerInput};

    const ANSWER: &str = "Last year, um, our deploys kept failing. My job was to fix them. \
        So I, like, rewrote the pipeline, you know, in two weeks. As a result failures \
        fell from 30 to 2 a month.";

    #[test]
    fn runs_are_ordered_disjoint_and_each_filler_is_one_run() {
        let a = analyze(&AnswerInput::text(ANSWER));
        let runs = a.marked_runs();
        assert!(runs.windows(2).all(|w| w[0].end <= w[1].start));
        assert!(runs.iter().all(|r| r.start < r.end));
        for (idx, mark) in a.fillers.spans.iter().enumerate() {
            let of_filler: Vec<_> = runs.iter().filter(|r| r.filler == Some(idx)).collect();
            assert_eq!(of_filler.len(), 1, "{}", mark.word);
            assert_eq!(
                (of_filler[0].start, of_filler[0].end),
                (mark.start, mark.end)
            );
        }
        assert!(a.fillers.spans.len() >= 3);
    }

    #[test]
    fn runs_cover_each_present_star_part() {
        let a = analyze(&AnswerInput::text(ANSWER));
        let runs = a.marked_runs();
        for kind in StarPartKind::ALL {
            let part = a.star.part(kind);
            let Some(span) = part.span.filter(|_| part.present) else {
                continue;
            };
            // Every character of the part lies in a run of that part, unless
            // an earlier part or a filler starting in another part took it.
            let covered = (span.start..span.end)
                .filter(|idx| {
                    runs.iter()
                        .any(|r| (r.start..r.end).contains(idx) && r.star == Some(kind))
                })
                .count();
            assert!(covered * 2 > span.end - span.start, "{kind:?}");
        }
        assert!(a.star.result.present && a.star.situation.present);
    }

    #[test]
    fn an_earlier_part_wins_where_spans_overlap() {
        let mut a = analyze(&AnswerInput::text("I fixed the build and it passed."));
        let span = crate::Span { start: 0, end: 10 };
        for kind in [StarPartKind::Situation, StarPartKind::Action] {
            let part = match kind {
                StarPartKind::Situation => &mut a.star.situation,
                _ => &mut a.star.action,
            };
            part.present = true;
            part.span = Some(span);
        }
        a.star.action.span = Some(crate::Span { start: 5, end: 20 });
        a.star.task.present = false;
        a.star.result.present = false;
        let runs = a.marked_runs();
        let star_of = |idx: usize| {
            runs.iter()
                .find(|r| (r.start..r.end).contains(&idx))
                .and_then(|r| r.star)
        };
        assert_eq!(star_of(7), Some(StarPartKind::Situation));
        assert_eq!(star_of(12), Some(StarPartKind::Action));
        assert_eq!(star_of(25), None);
    }
}
