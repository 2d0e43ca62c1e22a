//! The whole pipeline, from a loaded corpus to scored articles.
//!
//! Per-document stages (extract, detect, rules, score) run in parallel over
//! documents; results keep corpus order, so output is the same whatever the
//! number of threads.

use crate::corpus::{Corpus, Document, LoadError};
use crate::detect::{self, Signals};
use crate::extract::{self, Extraction};
use crate::graph::{self, ArticleFacts, CitationGraph};
use crate::reuse::CopyPair;
use crate::rules::{self, Finding};
use crate::score::{self, Score};
use crate::settings::Settings;
use rayon::prelude::*;

/// One article's verdict.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The publisher's canonical name when the registry knows it.
    pub publisher: Option<String>,
    pub signals: Signals,
    pub findings: Vec<Finding>,
    pub score: Score,
}

/// The result of one run: every input is a document with its verdict, or an error.
#[derive(Debug)]
pub struct Analysis {
    pub documents: Vec<Document>,
    pub extractions: Vec<Extraction>,
    pub copies: Vec<CopyPair>,
    pub graph: CitationGraph,
    pub verdicts: Vec<Verdict>,
    pub errors: Vec<LoadError>,
}

impl Analysis {
    /// Document indices, best score first, then by id: the order reports use.
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.documents.len()).collect();
        order.sort_by(|&a, &b| {
            let key = |i: usize| {
                (
                    std::cmp::Reverse(self.verdicts[i].score.score),
                    &self.documents[i].id,
                )
            };
            key(a).cmp(&key(b))
        });
        order
    }
}

/// Run every stage after `corpus` on the loaded documents.
pub fn analyze(corpus: Corpus, settings: &Settings) -> Analysis {
    let Corpus { documents, errors } = corpus;
    let extractions: Vec<Extraction> = documents
        .par_iter()
        .map(|doc| extract::extract(doc, &settings.registry))
        .collect();
    let copies = Vec::new();
    let graph = graph::build(&documents, &extractions, &copies, &settings.registry);
    let verdicts = (0..documents.len())
        .into_par_iter()
        .map(|i| verdict(&documents[i], &extractions[i], &graph.facts[i], settings))
        .collect();
    Analysis {
        documents,
        extractions,
        copies,
        graph,
        verdicts,
        errors,
    }
}

fn verdict(
    doc: &Document,
    extraction: &Extraction,
    facts: &ArticleFacts,
    settings: &Settings,
) -> Verdict {
    let signals = detect::measure(&detect::Article {
        doc,
        extraction,
        facts,
    });
    let claimed = extraction.meta.outlet.as_ref();
    let publisher = claimed.and_then(|o| settings.registry.resolve(&o.value));
    let subject = rules::Subject {
        doc,
        extraction,
        signals: &signals,
        publisher,
    };
    let findings = rules::evaluate(&subject, settings);
    let start = score::start(publisher, claimed, settings);
    let score = score::score(start, &findings, settings);
    Verdict {
        publisher: publisher.map(|o| o.name.clone()),
        signals,
        findings,
        score,
    }
}
