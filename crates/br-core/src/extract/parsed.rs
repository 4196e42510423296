//! The rules' shared reading of one text: the tokens, fillers, cue
//! phrases, clauses, quantities, lessons, the narrative check and the STAR
//! labels, computed once and read by the later rules (reasoning, quotes)
//! and by the extraction of the facts.

use super::{clauses, cues, fillers, hypothetical, quantity, star, tokens};
use crate::text::Span;

/// Everything the rules derive from one text, computed once.
pub(crate) struct Parsed<'a> {
    pub doc: tokens::Doc<'a>,
    pub fillers: Vec<fillers::Filler>,
    pub cues: Vec<cues::Hit>,
    pub clauses: Vec<clauses::Clause>,
    pub quantities: Vec<quantity::Quantity>,
    /// Per clause: whether it states a lesson.
    pub lesson: Vec<bool>,
    pub narrative: hypothetical::Narrative,
    pub star: star::StarParse,
}

impl<'a> Parsed<'a> {
    pub fn new(text: &'a str) -> Parsed<'a> {
        Parsed::read(text, true)
    }

    /// The rules' reading alone, without the learned labeller.
    pub fn rules_only(text: &'a str) -> Parsed<'a> {
        Parsed::read(text, false)
    }

    fn read(text: &'a str, learned: bool) -> Parsed<'a> {
        let doc = tokens::Doc::new(text);
        let fillers = fillers::find(&doc);
        let mut filler_mask = vec![false; doc.tokens.len()];
        for f in &fillers {
            filler_mask[f.first..=f.last]
                .iter_mut()
                .for_each(|m| *m = true);
        }
        let cues = cues::find(&doc, &filler_mask);
        let clauses = clauses::split(&doc, &filler_mask);
        let quantities = quantity::find(&doc);
        let lesson: Vec<bool> = clauses
            .iter()
            .map(|c| star::has_cue(c, &cues, cues::Cue::Lesson, false))
            .collect();
        let narrative = hypothetical::classify(&doc.tokens, &clauses, &lesson);
        let star = star::parse(&star::Inputs {
            doc: &doc,
            clauses: &clauses,
            cues: &cues,
            quantities: &quantities,
            lesson: &lesson,
            story: narrative.story,
            learned,
        });
        Parsed {
            doc,
            fillers,
            cues,
            clauses,
            quantities,
            lesson,
            narrative,
            star,
        }
    }

    /// The character span of a run of clauses.
    pub fn clause_span(&self, run: std::ops::Range<usize>) -> Span {
        self.doc.span_of(clauses::run_tokens(&self.clauses, run))
    }
}
