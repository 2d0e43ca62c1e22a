//! The whole pipeline, from a loaded corpus to scored articles.
//!
//! Per-document stages (extract, detect, rules, score) run in parallel over
//! documents; results keep corpus order, so output is the same whatever the
//! number of threads. No stage keeps a JSON line's text: each per-document stage
//! reads it again from its corpus [`Entry`], and lets it go when done.

use crate::corpus::{Corpus, Entry, LoadError};
use crate::detect::{self, SignalValues};
use crate::extract::{self, Extraction};
use crate::graph::{self, CitationGraph};
use crate::reuse::{self, CopyPair, QuoteMatch};
use crate::rules::{self, Finding};
use crate::score::{self, Score};
use crate::settings::Settings;
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One article's verdict.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// The publisher's canonical name when the registry knows it.
    pub publisher: Option<String>,
    pub signals: SignalValues,
    pub findings: Vec<Finding>,
    pub score: Score,
}

/// The result of one run: every input is a document with its verdict, or an error.
#[derive(Debug)]
pub struct Analysis {
    pub documents: Vec<Entry>,
    pub extractions: Vec<Extraction>,
    pub copies: Vec<CopyPair>,
    /// The same quotation found in two documents, with what changed.
    pub quotes: Vec<QuoteMatch>,
    pub graph: CitationGraph,
    pub verdicts: Vec<Verdict>,
    pub errors: Vec<LoadError>,
    /// Hidden files and folders passed over while walking folders.
    pub hidden: Vec<String>,
}

impl Analysis {
    /// An article's outlet: the publisher the registry knows, else the one its text names.
    pub fn outlet(&self, doc: usize) -> Option<&str> {
        let named = self.extractions[doc].meta.outlet.as_ref();
        self.verdicts[doc]
            .publisher
            .as_deref()
            .or(named.map(|o| o.value.as_str()))
    }

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

/// A stage of [`analyze_with`], as reported to its progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Metadata, citations and quotes of each document.
    Extract,
    /// Copy detection and quote tracking across the corpus (reported at 0 and at 1 of 1).
    Reuse,
    /// Signals, rules and score of each document.
    Score,
}

/// How often, in documents, a per-document stage reports progress.
const PROGRESS_EVERY: usize = 256;

/// Run every stage after `corpus` on the loaded documents.
///
/// The error is a text that could not be read again: its file changed or became
/// unreadable during the run.
pub fn analyze(corpus: Corpus, settings: &Settings) -> Result<Analysis, LoadError> {
    analyze_with(corpus, settings, &|_, _, _| {})
}

/// [`analyze`], calling `progress(stage, done, total)` as the stages advance (from
/// any thread, every few hundred documents), so that a caller can show a progress
/// bar; the library itself never prints.
pub fn analyze_with(
    corpus: Corpus,
    settings: &Settings,
    progress: &(dyn Fn(Stage, usize, usize) + Sync),
) -> Result<Analysis, LoadError> {
    let Corpus {
        mut documents,
        errors,
        hidden,
    } = corpus;
    // Every later stage numbers documents by position; putting them in id order
    // first makes the whole output (the graph's node order included) the same
    // whatever order the inputs were given in.
    documents.sort_by(|a, b| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
    let tick = ticker(Stage::Extract, documents.len(), progress);
    let extractions = documents
        .par_iter()
        .map(|entry| {
            let extraction = extract::extract(&*entry.document()?, &settings.registry);
            tick();
            Ok(extraction)
        })
        .collect::<Result<Vec<Extraction>, LoadError>>()?;
    progress(Stage::Reuse, 0, 1);
    let published: Vec<_> = extractions
        .iter()
        .map(|e| e.meta.published.as_ref().map(|d| d.value))
        .collect();
    let mut copies = reuse::find_copies(&documents, &published, &settings.reuse)?;
    reuse::orient_by_publisher(&mut copies, &extractions);
    reuse::attribute(&mut copies, &extractions, &settings.registry);
    let quotes = reuse::quote_matches_with(&extractions, &settings.reuse);
    let graph = graph::build(&documents, &extractions, &copies, &settings.registry);
    progress(Stage::Reuse, 1, 1);
    let mut analysis = Analysis {
        documents,
        extractions,
        copies,
        quotes,
        graph,
        verdicts: Vec::new(),
        errors,
        hidden,
    };
    analysis.verdicts = verdicts_with(&analysis, settings, progress)?;
    Ok(analysis)
}

/// The last stage on its own: every document's signals, findings and score, from
/// what the stages before found (`analysis.verdicts` is not read). Each text is read
/// again. The error is a text that could not be.
pub fn verdicts(analysis: &Analysis, settings: &Settings) -> Result<Vec<Verdict>, LoadError> {
    verdicts_with(analysis, settings, &|_, _, _| {})
}

fn verdicts_with(
    analysis: &Analysis,
    settings: &Settings,
    progress: &(dyn Fn(Stage, usize, usize) + Sync),
) -> Result<Vec<Verdict>, LoadError> {
    let Analysis {
        documents,
        extractions,
        copies,
        quotes,
        graph,
        ..
    } = analysis;
    let neighbours = Neighbours::new(documents, extractions, copies, quotes);
    let tick = ticker(Stage::Score, documents.len(), progress);
    (0..documents.len())
        .into_par_iter()
        .map(|i| {
            let doc = documents[i].document()?;
            let article = detect::Article {
                doc: &doc,
                extraction: &extractions[i],
                facts: &graph.facts[i],
                copies: neighbours.copies(i),
                drifts: neighbours.drifts(i),
            };
            let verdict = verdict(&article, settings);
            tick();
            Ok(verdict)
        })
        .collect()
}

/// A count of the documents a per-document stage has done, which calls `progress`
/// every [`PROGRESS_EVERY`] documents and at the last.
fn ticker<'a>(
    stage: Stage,
    total: usize,
    progress: &'a (dyn Fn(Stage, usize, usize) + Sync),
) -> impl Fn() + Sync + 'a {
    let done = AtomicUsize::new(0);
    move || {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(PROGRESS_EVERY) || n == total {
            progress(stage, n, total);
        }
    }
}

/// For each document, the copy pairs and drifted quotes it takes part in.
struct Neighbours<'a> {
    documents: &'a [Entry],
    extractions: &'a [Extraction],
    copies: Vec<Vec<&'a CopyPair>>,
    drifts: Vec<Vec<(&'a QuoteMatch, bool)>>,
}

impl<'a> Neighbours<'a> {
    fn new(
        documents: &'a [Entry],
        extractions: &'a [Extraction],
        pairs: &'a [CopyPair],
        quotes: &'a [QuoteMatch],
    ) -> Self {
        let copies = reuse::pairs_by_document(documents.len(), pairs);
        let mut drifts = vec![Vec::new(); documents.len()];
        for m in quotes.iter().filter(|m| m.drift) {
            drifts[m.first.doc].push((m, true));
            drifts[m.second.doc].push((m, false));
        }
        Neighbours {
            documents,
            extractions,
            copies,
            drifts,
        }
    }

    fn copies(&self, doc: usize) -> Vec<detect::Copied<'a>> {
        self.copies[doc]
            .iter()
            .map(|pair| {
                let other = if pair.copier == doc {
                    pair.source
                } else {
                    pair.copier
                };
                let outlet = self.extractions[other].meta.outlet.as_ref();
                detect::Copied {
                    pair,
                    other: &self.documents[other].id,
                    other_outlet: outlet.map(|o| o.value.as_str()),
                }
            })
            .collect()
    }

    fn drifts(&self, doc: usize) -> Vec<detect::Drift<'a>> {
        self.drifts[doc]
            .iter()
            .map(|&(m, first)| {
                let (mine, theirs) = if first {
                    (m.first, m.second)
                } else {
                    (m.second, m.first)
                };
                detect::Drift {
                    quote: &self.extractions[doc].quotes[mine.quote],
                    other_quote: &self.extractions[theirs.doc].quotes[theirs.quote],
                    other: &self.documents[theirs.doc].id,
                    changes: &m.changes,
                }
            })
            .collect()
    }
}

fn verdict(article: &detect::Article, settings: &Settings) -> Verdict {
    let (doc, extraction) = (article.doc, article.extraction);
    let signals = detect::measure(article);
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
        signals: SignalValues::from(&signals),
        findings,
        score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_lines_file_changed_after_loading_stops_the_analysis_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl");
        let line =
            |id: u32| format!("{{\"id\": {id}, \"text\": \"CNN said the office opens.\"}}\n");
        std::fs::write(&path, line(1) + &line(2)).unwrap();
        let corpus = crate::corpus::load(std::slice::from_ref(&path));
        std::fs::write(&path, line(1)).unwrap();
        let error = analyze(corpus, &Settings::builtin()).unwrap_err();
        assert!(error.path.ends_with("feed.jsonl:1") || error.path.ends_with("feed.jsonl:2"));
        assert_eq!(error.error, "the file changed while prov was reading it");
    }

    #[test]
    fn the_last_stage_run_again_gives_the_same_verdicts() {
        let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let settings = Settings::builtin();
        let analysis = analyze(crate::corpus::load(&[seeds]), &settings).unwrap();
        let scores = |verdicts: &[Verdict]| {
            let rules = |v: &Verdict| v.findings.iter().map(|f| f.rule.to_string()).collect();
            verdicts
                .iter()
                .map(|v| (v.score.score, rules(v)))
                .collect::<Vec<(u32, Vec<String>)>>()
        };
        let again = verdicts(&analysis, &settings).unwrap();
        assert_eq!(scores(&again), scores(&analysis.verdicts));
        assert_eq!(analysis.verdicts[analysis.ranking()[4]].score.score, 0);
    }
}
