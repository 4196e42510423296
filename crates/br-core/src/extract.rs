//! The extraction: the rules that read an answer's text and produce its
//! [`Facts`]. This is the only place that tokenizes; everything after it
//! (score, checklist, follow-ups) reads the facts.
//!
//! The rules run in order over one shared tokenization: fillers first (the
//! grammar steps over them), then cue phrases, clauses, quantities, the
//! narrative check, the STAR labels, and the story's logic (ownership, the
//! central decision, setback and lesson).

mod clauses;
mod cues;
mod fillers;
mod hypothetical;
pub(crate) mod labeller;
pub(crate) mod lexicon;
mod parsed;
mod phrases;
mod pronouns;
mod quantity;
mod reasoning;
mod specificity;
mod star;
mod tokens;

use crate::analysis::{AnswerInput, FillerMark, FillerReport};
use crate::facts::{
    ClauseFacts, CueHit, Decision, Facts, Narrative, PredFacts, QuantityFacts, Quotes, Setback,
    StarFacts, StarLabel, StarRun,
};
use crate::text::Span;
pub use labeller::{ClauseModel, RULE_FEATURE};
use parsed::Parsed;
use std::collections::BTreeMap;

/// The facts of one answer. Never fails and never panics, whatever the text.
pub fn facts(input: &AnswerInput<'_>) -> Facts {
    let p = Parsed::new(input.text);
    let r = reasoning::analyse(&p, input.question);
    let specificity = specificity::analyse(&p.doc, &p.quantities, input);
    let fillers = filler_report(&p, specificity.duration_s);
    let tokens = &p.doc.tokens;
    let clauses: Vec<ClauseFacts> = p
        .clauses
        .iter()
        .enumerate()
        .map(|(i, c)| ClauseFacts {
            span: p.clause_span(i..i + 1),
            sentence: c.sentence,
            preds: c
                .preds
                .iter()
                .map(|pr| PredFacts {
                    person: pr.person,
                    tense: pr.tense,
                    class: pr.class,
                    subordinate: pr.subordinate,
                })
                .collect(),
            label: p.star.labels[i],
            rule: p.star.rules[i],
            lesson: p.lesson[i],
        })
        .collect();
    let quantities: Vec<QuantityFacts> = (0..p.quantities.len())
        .map(|i| {
            let q = &p.quantities[i];
            QuantityFacts {
                span: p.doc.span_of(q.first..q.last + 1),
                unit: q.unit,
                value: q.value,
                measure: quantity::measure(tokens, &p.quantities, i),
            }
        })
        .collect();
    let run = |part: star::Part| {
        p.star.main_of(part).map(|clauses| StarRun {
            span: p.clause_span(clauses.clone()),
            rule: p.star.rules[clauses.start],
            clauses,
        })
    };
    let star = StarFacts {
        situation: run(star::Part::Situation),
        task: run(star::Part::Task),
        action: run(star::Part::Action),
        result: run(star::Part::Result),
        quantified: p
            .star
            .quantified
            .and_then(|q| p.quantities.iter().position(|o| o.first == q.first)),
    };
    let quotes = quotes(&p, &r);
    Facts {
        char_len: p.doc.char_len(),
        text: input.text.to_string(),
        byte_of: p.doc.char_offsets(),
        sentences: p
            .doc
            .sentences
            .iter()
            .map(|s| p.doc.span_of(s.clone()))
            .collect(),
        clauses,
        cues: p
            .cues
            .iter()
            .map(|h| CueHit {
                cue: h.cue,
                span: p.doc.span_of(h.first..h.last + 1),
            })
            .collect(),
        quantities,
        fillers,
        first_person: pronouns::count(&p.doc),
        narrative: Narrative {
            hypothetical: p.narrative.hypothetical,
            story: p.narrative.story,
        },
        star,
        ownership: r.ownership,
        decision: r.decision.map(|clause| Decision {
            clause,
            reasoned: r.decision_reasoned,
        }),
        setback: r.setback.map(|clause| Setback { clause }),
        lesson: r.lesson,
        specificity,
        quotes,
    }
}

/// One clause as the learned labeller sees it when the rules alone read
/// the answer: what it is trained on.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseRow {
    pub span: Span,
    /// The named features (see `RULE_FEATURE` for those the rules derive).
    pub features: Vec<String>,
    /// The rules' label of the clause.
    pub rules_label: StarLabel,
    /// The main STAR span the rules put the clause in, if any.
    pub rules_part: Option<StarLabel>,
}

/// The clauses of `text` as read by the rules alone, with their features.
pub fn clause_rows(text: &str) -> Vec<ClauseRow> {
    use star::Part;
    let p = Parsed::rules_only(text);
    (0..p.clauses.len())
        .map(|i| ClauseRow {
            span: p.clause_span(i..i + 1),
            features: p.star.features[i].clone(),
            rules_label: p.star.labels[i],
            rules_part: [Part::Situation, Part::Task, Part::Action, Part::Result]
                .into_iter()
                .find(|&part| p.star.main_of(part).is_some_and(|run| run.contains(&i))),
        })
        .collect()
}

/// The phrases the follow-ups may quote.
fn quotes(p: &Parsed<'_>, r: &reasoning::Reasoning) -> Quotes {
    use star::Part;
    let labels = &p.star.labels;
    let phrase = |clause: Option<usize>, second_person: bool| {
        clause.and_then(|c| phrases::of_clause(p, c, None, second_person))
    };
    let opening = (0..p.clauses.len()).find(|&i| matches!(labels[i], Part::Action | Part::Result));
    let last_action = (0..p.clauses.len()).rfind(|&i| labels[i] == Part::Action);
    // The lesson templates embed the phrase as a clause ("after you
    // underestimated ..."), so it must start at a subject.
    let setback = r
        .setback
        .flatten()
        .filter(|&c| p.clauses[c].main().is_some());
    Quotes {
        opening: phrase(opening, true),
        first_we: phrase(r.ownership.first_we, false),
        last_action: phrase(last_action, true),
        result: phrase(p.star.main_of(Part::Result).map(|run| run.start), true),
        decision: phrase(r.decision, true),
        setback: phrase(setback, true),
        cause: phrases::cause(p),
    }
}

fn filler_report(p: &Parsed<'_>, duration_s: Option<f64>) -> FillerReport {
    let mut by_word = BTreeMap::new();
    let spans: Vec<FillerMark> = p
        .fillers
        .iter()
        .map(|f| {
            *by_word.entry(f.word.to_string()).or_insert(0) += 1;
            let span = p.doc.span_of(f.first..f.last + 1);
            FillerMark {
                word: f.word.to_string(),
                start: span.start,
                end: span.end,
                rule: f.rule,
            }
        })
        .collect();
    let per_minute = duration_s.map(|d| spans.len() as f64 / (d / 60.0));
    FillerReport {
        total: spans.len(),
        by_word,
        per_minute,
        spans,
    }
}
