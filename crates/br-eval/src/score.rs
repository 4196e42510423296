//! The analysis compared with the labels, field by field.
//!
//! Conventions: a ratio whose denominator is zero is 1.0 (nothing to find and
//! nothing wrongly found is perfect), so an empty set scores 1.0 everywhere.
//! Span overlap (intersection over union of characters) is averaged only
//! over answers where both the label and the analysis have the part: a part
//! found or missed wrongly is already counted by its presence.

use crate::record::EvalItem;
use br_core::analysis::Analysis;
use br_core::{analyze, AnswerInput, FollowUpKind, Principle};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Runs the analysis on every item and scores it against the labels.
pub fn score(items: &[EvalItem]) -> Scorecard {
    let mut card = Scorecard::default();
    for item in items {
        let input = AnswerInput {
            question: Some(&item.question),
            principle: Principle::parse(&item.principle),
            ..AnswerInput::text(&item.transcript)
        };
        card.add(item, &Prediction::of(&analyze(&input)));
    }
    card
}

/// What the analysis says about one answer, in the terms of the labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Lowercase filler -> count.
    pub fillers: BTreeMap<String, usize>,
    /// Situation, task, action, result: the main span of each part found,
    /// `None` when the part is absent.
    pub star: [Option<[usize; 2]>; 4],
    pub result_quantified: bool,
    pub hypothetical: bool,
    pub i_count: usize,
    pub we_count: usize,
    pub first_followup: FollowUpKind,
}

impl Prediction {
    pub fn of(analysis: &Analysis) -> Prediction {
        let star = &analysis.star;
        // The analysis sets a part's span exactly when the part is present.
        let span = |part: &br_core::analysis::StarPart| part.span.map(|s| [s.start, s.end]);
        Prediction {
            fillers: analysis.fillers.by_word.clone(),
            star: [
                span(&star.situation),
                span(&star.task),
                span(&star.action),
                span(&star.result),
            ],
            result_quantified: analysis.result_quantified,
            hypothetical: analysis.hypothetical,
            i_count: analysis.first_person.i,
            we_count: analysis.first_person.we,
            // The analysis always holds at least one follow-up (`none` when
            // nothing applies); an empty list would mean the same.
            first_followup: analysis
                .followups
                .first()
                .map_or(FollowUpKind::None, |f| f.kind),
        }
    }
}

/// Every field's score over a set of answers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scorecard {
    pub answers: usize,
    pub fillers: FillerScore,
    pub star: StarScore,
    pub result_quantified: YesNo,
    pub hypothetical: YesNo,
    /// Both the "I" and the "we" count equal to the label.
    pub i_we_exact: Exact,
    pub first_followup: FollowUps,
}

impl Scorecard {
    /// Adds one answer: its labels and what the analysis said.
    pub fn add(&mut self, item: &EvalItem, got: &Prediction) {
        let labels = &item.labels;
        let id = item.id.as_str();
        self.answers += 1;
        let want_fillers: BTreeMap<String, usize> = labels
            .fillers
            .iter()
            .map(|f| (f.word.clone(), f.count))
            .collect();
        self.fillers.add(id, &want_fillers, &got.fillers);
        let gold = &labels.star_spans;
        let want = [gold.situation, gold.task, gold.action, gold.result];
        for ((part, want), got) in self.star.parts_mut().into_iter().zip(want).zip(got.star) {
            part.add(id, want, got);
        }
        self.result_quantified
            .add(id, labels.result_quantified, got.result_quantified);
        self.hypothetical
            .add(id, labels.hypothetical, got.hypothetical);
        self.i_we_exact.add(
            id,
            format!("I {}, we {}", labels.i_count, labels.we_count),
            format!("I {}, we {}", got.i_count, got.we_count),
        );
        self.first_followup
            .add(id, item.expected_followup, got.first_followup);
    }
}

/// Matches of counted things: found and labelled (tp), found but not
/// labelled (fp), labelled but not found (fn).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(into = "TallyJson")]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Tally {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    pub(crate) fn add_counts(&mut self, want: usize, got: usize) {
        self.tp += want.min(got);
        self.fp += got.saturating_sub(want);
        self.fn_ += want.saturating_sub(got);
    }
}

#[derive(Serialize)]
struct TallyJson {
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

impl From<Tally> for TallyJson {
    fn from(t: Tally) -> Self {
        TallyJson {
            tp: t.tp,
            fp: t.fp,
            fn_: t.fn_,
            precision: t.precision(),
            recall: t.recall(),
            f1: t.f1(),
        }
    }
}

/// One labelled value the analysis got wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub id: String,
    pub expected: String,
    pub got: String,
}

/// Fillers compared per word by count: an answer labelled with 3 "um" where
/// the analysis found 2 is 2 true positives and 1 false negative.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FillerScore {
    pub overall: Tally,
    pub by_word: BTreeMap<String, Tally>,
    /// One per answer and word whose count differs; `expected` and `got`
    /// read "um x3".
    pub misses: Vec<Miss>,
}

impl FillerScore {
    /// Adds one answer's counts; returns that answer's own tally.
    pub(crate) fn add(
        &mut self,
        id: &str,
        want: &BTreeMap<String, usize>,
        got: &BTreeMap<String, usize>,
    ) -> Tally {
        let mut answer = Tally::default();
        let words: BTreeSet<&String> = want.keys().chain(got.keys()).collect();
        for word in words {
            let n_want = want.get(word).copied().unwrap_or(0);
            let n_got = got.get(word).copied().unwrap_or(0);
            self.overall.add_counts(n_want, n_got);
            answer.add_counts(n_want, n_got);
            self.by_word
                .entry(word.clone())
                .or_default()
                .add_counts(n_want, n_got);
            if n_want != n_got {
                self.misses.push(Miss {
                    id: id.to_string(),
                    expected: format!("{word} x{n_want}"),
                    got: format!("{word} x{n_got}"),
                });
            }
        }
        answer
    }
}

/// A yes/no field: the tally of "yes" plus the agreed "no" answers (tn).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(into = "YesNoJson")]
pub struct YesNo {
    pub yes: Tally,
    pub tn: usize,
    pub misses: Vec<Miss>,
}

impl YesNo {
    pub fn accuracy(&self) -> f64 {
        let yes = &self.yes;
        ratio(yes.tp + self.tn, yes.tp + yes.fp + yes.fn_ + self.tn)
    }

    fn add(&mut self, id: &str, want: bool, got: bool) {
        match (want, got) {
            (true, true) => self.yes.tp += 1,
            (false, true) => self.yes.fp += 1,
            (true, false) => self.yes.fn_ += 1,
            (false, false) => self.tn += 1,
        }
        if want != got {
            self.misses.push(Miss {
                id: id.to_string(),
                expected: want.to_string(),
                got: got.to_string(),
            });
        }
    }
}

#[derive(Serialize)]
struct YesNoJson {
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
    tn: usize,
    precision: f64,
    recall: f64,
    accuracy: f64,
    misses: Vec<Miss>,
}

impl From<YesNo> for YesNoJson {
    fn from(y: YesNo) -> Self {
        YesNoJson {
            tp: y.yes.tp,
            fp: y.yes.fp,
            fn_: y.yes.fn_,
            tn: y.tn,
            precision: y.yes.precision(),
            recall: y.yes.recall(),
            accuracy: y.accuracy(),
            misses: y.misses,
        }
    }
}

/// The four STAR parts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StarScore {
    pub situation: PartScore,
    pub task: PartScore,
    pub action: PartScore,
    pub result: PartScore,
}

impl StarScore {
    /// The parts with their names, in STAR order.
    pub fn parts(&self) -> [(&'static str, &PartScore); 4] {
        [
            ("situation", &self.situation),
            ("task", &self.task),
            ("action", &self.action),
            ("result", &self.result),
        ]
    }

    fn parts_mut(&mut self) -> [&mut PartScore; 4] {
        [
            &mut self.situation,
            &mut self.task,
            &mut self.action,
            &mut self.result,
        ]
    }
}

/// One STAR part: whether it is there, and where.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PartScore {
    pub presence: YesNo,
    /// Mean character IoU of the main span, over answers where both the
    /// label and the analysis have the part.
    pub span_iou: Mean,
}

impl PartScore {
    fn add(&mut self, id: &str, want: Option<[usize; 2]>, got: Option<[usize; 2]>) {
        self.presence.add(id, want.is_some(), got.is_some());
        if let (Some(want), Some(got)) = (want, got) {
            self.span_iou.add(iou(want, got));
        }
    }
}

/// Intersection over union of two `[start, end)` ranges; two empty ranges
/// at one place are equal, so 1.0.
pub fn iou([a_start, a_end]: [usize; 2], [b_start, b_end]: [usize; 2]) -> f64 {
    let inter = a_end.min(b_end).saturating_sub(a_start.max(b_start));
    let union = a_end.max(b_end) - a_start.min(b_start);
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

/// A running mean.
#[derive(Debug, Clone, Copy, Default, Serialize)]
#[serde(into = "MeanJson")]
pub struct Mean {
    pub sum: f64,
    pub n: usize,
}

impl Mean {
    /// `None` when nothing was added.
    pub fn value(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    pub(crate) fn add(&mut self, value: f64) {
        self.sum += value;
        self.n += 1;
    }
}

#[derive(Serialize)]
struct MeanJson {
    mean: Option<f64>,
    over: usize,
}

impl From<Mean> for MeanJson {
    fn from(m: Mean) -> Self {
        MeanJson {
            mean: m.value(),
            over: m.n,
        }
    }
}

/// A field scored only as right or wrong.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(into = "ExactJson")]
pub struct Exact {
    pub hits: usize,
    pub total: usize,
    pub misses: Vec<Miss>,
}

impl Exact {
    pub fn rate(&self) -> f64 {
        ratio(self.hits, self.total)
    }

    fn add(&mut self, id: &str, want: String, got: String) {
        self.total += 1;
        if want == got {
            self.hits += 1;
        } else {
            self.misses.push(Miss {
                id: id.to_string(),
                expected: want,
                got,
            });
        }
    }
}

#[derive(Serialize)]
struct ExactJson {
    hits: usize,
    total: usize,
    rate: f64,
    misses: Vec<Miss>,
}

impl From<Exact> for ExactJson {
    fn from(e: Exact) -> Self {
        ExactJson {
            hits: e.hits,
            total: e.total,
            rate: e.rate(),
            misses: e.misses,
        }
    }
}

/// The first follow-up: a confusion matrix of kinds, rows the label and
/// columns the analysis, both in the order of `FollowUpKind::ALL`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(into = "FollowUpsJson")]
pub struct FollowUps {
    pub confusion: [[usize; 7]; 7],
    pub misses: Vec<Miss>,
}

impl FollowUps {
    pub fn accuracy(&self) -> f64 {
        let total = self.confusion.iter().flatten().sum();
        let hits = (0..FollowUpKind::ALL.len())
            .map(|k| self.confusion[k][k])
            .sum();
        ratio(hits, total)
    }

    /// How many answers labelled `expected` got `got`.
    pub fn count(&self, expected: FollowUpKind, got: FollowUpKind) -> usize {
        self.confusion[kind_idx(expected)][kind_idx(got)]
    }

    fn add(&mut self, id: &str, want: FollowUpKind, got: FollowUpKind) {
        self.confusion[kind_idx(want)][kind_idx(got)] += 1;
        if want != got {
            self.misses.push(Miss {
                id: id.to_string(),
                expected: want.slug().to_string(),
                got: got.slug().to_string(),
            });
        }
    }
}

fn kind_idx(kind: FollowUpKind) -> usize {
    FollowUpKind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("FollowUpKind::ALL lists every kind")
}

#[derive(Serialize)]
struct FollowUpsJson {
    accuracy: f64,
    /// Row and column names of `confusion`.
    kinds: Vec<&'static str>,
    confusion: [[usize; 7]; 7],
    misses: Vec<Miss>,
}

impl From<FollowUps> for FollowUpsJson {
    fn from(f: FollowUps) -> Self {
        FollowUpsJson {
            accuracy: f.accuracy(),
            kinds: FollowUpKind::ALL.iter().map(|k| k.slug()).collect(),
            confusion: f.confusion,
            misses: f.misses,
        }
    }
}

fn ratio(num: usize, denom: usize) -> f64 {
    if denom == 0 {
        1.0
    } else {
        num as f64 / denom as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::parse_jsonl;

    /// A labelled answer: "Um, um, I fixed it." with two "um", an Action
    /// over "I fixed it." and `expected` as the first follow-up.
    fn item(id: &str, expected: &str) -> EvalItem {
        let line = format!(
            r#"{{"id": "{id}", "question": "Q?", "principle": "Ownership", "transcript": "Um, um, I fixed it.", "labels": {{"situation": false, "task": false, "action": true, "result": false, "result_quantified": false, "fillers": [{{"word": "um", "count": 2}}], "filler_total": 2, "i_count": 1, "we_count": 0, "hypothetical": false, "star_spans": {{"situation": null, "task": null, "action": [8, 19], "result": null}}}}, "expected_followup": "{expected}"}}"#
        );
        parse_jsonl(&line).unwrap().remove(0)
    }

    /// The prediction that agrees with every label of `item`.
    fn perfect(item: &EvalItem) -> Prediction {
        let labels = &item.labels;
        let spans = &labels.star_spans;
        Prediction {
            fillers: labels
                .fillers
                .iter()
                .map(|f| (f.word.clone(), f.count))
                .collect(),
            star: [spans.situation, spans.task, spans.action, spans.result],
            result_quantified: labels.result_quantified,
            hypothetical: labels.hypothetical,
            i_count: labels.i_count,
            we_count: labels.we_count,
            first_followup: item.expected_followup,
        }
    }

    fn miss(id: &str, expected: &str, got: &str) -> Miss {
        Miss {
            id: id.into(),
            expected: expected.into(),
            got: got.into(),
        }
    }

    /// The scorecard of the one answer `item("a", "none")`, predicted right
    /// except for what `tweak` changes.
    fn card_of_one(tweak: impl FnOnce(&mut Prediction)) -> Scorecard {
        let it = item("a", "none");
        let mut got = perfect(&it);
        tweak(&mut got);
        card(&[(it, got)])
    }

    fn card(pairs: &[(EvalItem, Prediction)]) -> Scorecard {
        let mut card = Scorecard::default();
        for (item, got) in pairs {
            card.add(item, got);
        }
        card
    }

    #[test]
    fn agreeing_with_every_label_scores_one_everywhere() {
        let it = item("a", "ask_situation");
        let got = perfect(&it);
        let card = card(&[(it, got)]);
        assert_eq!(card.answers, 1);
        assert_eq!(card.fillers.overall.f1(), 1.0);
        for (_, part) in card.star.parts() {
            assert_eq!(part.presence.accuracy(), 1.0);
        }
        assert_eq!(card.star.action.span_iou.value(), Some(1.0));
        assert_eq!(card.star.result.span_iou.value(), None);
        assert_eq!(card.result_quantified.accuracy(), 1.0);
        assert_eq!(card.i_we_exact.rate(), 1.0);
        assert_eq!(card.first_followup.accuracy(), 1.0);
        assert!(card.fillers.misses.is_empty() && card.first_followup.misses.is_empty());
    }

    #[test]
    fn a_filler_missed_lowers_recall_and_f1_but_not_precision() {
        let card = card_of_one(|got| {
            got.fillers.insert("um".into(), 1);
        });
        let um = card.fillers.by_word["um"];
        assert_eq!((um.tp, um.fp, um.fn_), (1, 0, 1));
        assert_eq!(card.fillers.overall.precision(), 1.0);
        assert_eq!(card.fillers.overall.recall(), 0.5);
        assert!((card.fillers.overall.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(card.fillers.misses, [miss("a", "um x2", "um x1")]);
    }

    #[test]
    fn a_filler_found_where_none_is_labelled_lowers_precision() {
        let card = card_of_one(|got| {
            got.fillers.insert("like".into(), 2);
        });
        let all = card.fillers.overall;
        assert_eq!((all.tp, all.fp, all.fn_), (2, 2, 0));
        assert_eq!(all.precision(), 0.5);
        assert_eq!(all.recall(), 1.0);
        assert_eq!(card.fillers.by_word["like"].precision(), 0.0);
        assert_eq!(card.fillers.by_word["um"].f1(), 1.0);
    }

    #[test]
    fn yes_no_fields_count_each_cell_of_their_confusion() {
        // Labels say no Result; predictions: two agree, one finds a Result.
        let items: Vec<EvalItem> = ["a", "b", "c"].map(|id| item(id, "none")).into();
        let mut pairs: Vec<(EvalItem, Prediction)> = items
            .into_iter()
            .map(|it| {
                let got = perfect(&it);
                (it, got)
            })
            .collect();
        pairs[2].1.star[3] = Some([0, 3]);
        pairs[1].1.star[2] = None;
        let card = card(&pairs);
        let result = &card.star.result.presence;
        assert_eq!(
            (result.yes.tp, result.yes.fp, result.yes.fn_, result.tn),
            (0, 1, 0, 2)
        );
        assert!((result.accuracy() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(result.yes.precision(), 0.0);
        let action = &card.star.action.presence;
        assert_eq!((action.yes.tp, action.yes.fn_), (2, 1));
        assert!((action.yes.recall() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(action.misses[0].id, "b");
        // The missed action has no span to overlap; the two found match.
        assert_eq!(card.star.action.span_iou.n, 2);
    }

    #[test]
    fn span_overlap_is_intersection_over_union() {
        assert_eq!(iou([0, 10], [0, 10]), 1.0);
        assert!((iou([0, 10], [5, 15]) - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(iou([0, 10], [10, 20]), 0.0);
        assert_eq!(iou([20, 30], [0, 5]), 0.0);
        assert_eq!(iou([4, 4], [4, 4]), 1.0);

        let card = card_of_one(|got| {
            got.star[2] = Some([8, 13]);
        });
        assert!((card.star.action.span_iou.value().unwrap() - 5.0 / 11.0).abs() < 1e-12);
        assert_eq!(card.star.action.presence.accuracy(), 1.0);
    }

    #[test]
    fn follow_up_confusion_has_expected_rows_and_got_columns() {
        let pairs: Vec<(EvalItem, Prediction)> = [
            ("a", "ask_metric", FollowUpKind::AskMetric),
            ("b", "ask_metric", FollowUpKind::None),
            ("c", "none", FollowUpKind::AskLesson),
            ("d", "none", FollowUpKind::None),
        ]
        .into_iter()
        .map(|(id, want, got)| {
            let it = item(id, want);
            let mut pred = perfect(&it);
            pred.first_followup = got;
            (it, pred)
        })
        .collect();
        let card = card(&pairs);
        let f = &card.first_followup;
        assert_eq!(f.accuracy(), 0.5);
        assert_eq!(f.count(FollowUpKind::AskMetric, FollowUpKind::AskMetric), 1);
        assert_eq!(f.count(FollowUpKind::AskMetric, FollowUpKind::None), 1);
        assert_eq!(f.count(FollowUpKind::None, FollowUpKind::AskMetric), 0);
        assert_eq!(f.count(FollowUpKind::None, FollowUpKind::AskLesson), 1);
        assert_eq!(f.confusion.iter().flatten().sum::<usize>(), 4);
        assert_eq!(
            f.misses,
            [
                miss("b", "ask_metric", "none"),
                miss("c", "none", "ask_lesson")
            ]
        );
    }

    #[test]
    fn pronoun_counts_must_both_match() {
        let card = card_of_one(|got| {
            got.we_count = 1;
        });
        assert_eq!(card.i_we_exact.rate(), 0.0);
        assert_eq!(card.i_we_exact.misses[0].got, "I 1, we 1");
    }

    #[test]
    fn an_empty_set_scores_one() {
        let card = Scorecard::default();
        assert_eq!(card.fillers.overall.f1(), 1.0);
        assert_eq!(card.hypothetical.accuracy(), 1.0);
        assert_eq!(card.first_followup.accuracy(), 1.0);
    }

    #[test]
    fn score_runs_the_analysis_on_each_answer() {
        let mut it = item("a", "none");
        let card = score(std::slice::from_ref(&it));
        assert_eq!(card.answers, 1);
        assert_eq!(card.fillers.by_word["um"].tp, 2);
        // A wrong label is a miss, whatever the engine says.
        it.labels.fillers[0].count = 5;
        let card = score(&[it]);
        assert!(card.fillers.overall.f1() < 1.0);
    }

    #[test]
    fn json_carries_the_ratios_beside_the_counts() {
        let json = serde_json::to_value(card_of_one(|got| {
            got.result_quantified = true;
        }))
        .unwrap();
        assert_eq!(json["fillers"]["overall"]["f1"], 1.0);
        assert_eq!(json["result_quantified"]["fp"], 1);
        assert_eq!(json["result_quantified"]["accuracy"], 0.0);
        assert_eq!(json["star"]["action"]["span_iou"]["over"], 1);
        assert_eq!(json["first_followup"]["kinds"][3], "ask_metric");
        assert_eq!(json["i_we_exact"]["rate"], 1.0);
    }
}
