//! The whole pipeline, from the input paths (or a loaded corpus) to scored articles.
//!
//! Per-document stages (extract, detect, rules, score) run in parallel over
//! documents; results keep corpus order, so output is the same whatever the
//! number of threads. No stage keeps a JSON line's text: extraction takes each
//! line's document as the file is read ([`analyze_paths`]), each later stage that
//! needs the text reads it again from its corpus [`Entry`], and each lets it go when done.

use crate::corpus::{self, Corpus, Entry, LoadError};
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

/// A stage of [`analyze_paths`], as reported to its progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Metadata, citations and quotes of each document, as the inputs are read.
    Extract,
    /// Copy detection and quote tracking across the corpus (reported at 0 and at 1 of 1).
    Reuse,
    /// Signals, rules and score of each document.
    Score,
}

/// A progress callback: `(stage, done, total)`, with no total while the inputs are read.
pub type Progress<'a> = dyn Fn(Stage, usize, Option<usize>) + Sync + 'a;

/// How often, in documents, a per-document stage reports progress.
const PROGRESS_EVERY: usize = 256;

/// Run every stage on the documents of a loaded corpus, reading each text again
/// to extract it ([`analyze_paths`] extracts as it reads instead).
///
/// The error is a text that could not be read again: its file changed or became
/// unreadable during the run.
pub fn analyze(corpus: Corpus, settings: &Settings) -> Result<Analysis, LoadError> {
    let extractions = corpus
        .documents
        .par_iter()
        .map(|entry| Ok(extract::extract(&*entry.document()?, &settings.registry)))
        .collect::<Result<Vec<Extraction>, LoadError>>()?;
    analyze_extracted(corpus, extractions, settings, &|_, _, _| {})
}

/// Read the inputs ([`corpus::load_each`]) and run every stage, calling `progress` as the
/// stages advance (from any thread, every few hundred documents) so that a caller
/// can show a progress bar; the library itself never prints.
///
/// Each document is extracted as soon as it is read ([`corpus::load_each`]): the text
/// of a JSON line is parsed once for loading and extraction together. The error is a
/// text that could not be read again.
pub fn analyze_paths(
    inputs: corpus::Inputs,
    settings: &Settings,
    progress: &Progress,
) -> Result<Analysis, LoadError> {
    let tick = ticker(Stage::Extract, None, progress);
    let (corpus, extractions) = corpus::load_each(inputs, &|doc| {
        let extraction = extract::extract(doc, &settings.registry);
        tick();
        extraction
    });
    analyze_extracted(corpus, extractions, settings, progress)
}

/// The stages after extraction; `extractions` are those of `corpus.documents`, in order.
fn analyze_extracted(
    corpus: Corpus,
    extractions: Vec<Extraction>,
    settings: &Settings,
    progress: &Progress,
) -> Result<Analysis, LoadError> {
    let Corpus {
        documents,
        errors,
        hidden,
    } = corpus;
    // Every later stage numbers documents by position; putting them in id order
    // first makes the whole output (the graph's node order included) the same
    // whatever order the inputs were given in.
    let mut read: Vec<(Entry, Extraction)> = documents.into_iter().zip(extractions).collect();
    read.sort_by(|(a, _), (b, _)| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
    let (documents, extractions): (Vec<Entry>, Vec<Extraction>) = read.into_iter().unzip();
    progress(Stage::Reuse, 0, Some(1));
    let published: Vec<_> = extractions
        .iter()
        .map(|e| e.meta.published.as_ref().map(|d| d.value))
        .collect();
    let chrome: Vec<_> = extractions.iter().map(|e| e.meta.chrome.clone()).collect();
    let mut copies = reuse::find_copies(&documents, &chrome, &published, &settings.reuse)?;
    reuse::orient_by_publisher(&mut copies, &extractions);
    reuse::attribute(&mut copies, &extractions, &settings.registry);
    let quotes = reuse::quote_matches_with(&extractions, &settings.reuse);
    let graph = graph::build(&documents, &extractions, &copies, &settings.registry);
    progress(Stage::Reuse, 1, Some(1));
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
    progress: &Progress,
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
    let tick = ticker(Stage::Score, Some(documents.len()), progress);
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
/// every [`PROGRESS_EVERY`] documents and at the last, when the total is known.
fn ticker<'a>(stage: Stage, total: Option<usize>, progress: &'a Progress) -> impl Fn() + Sync + 'a {
    let done = AtomicUsize::new(0);
    move || {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(PROGRESS_EVERY) || Some(n) == total {
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
    fn extracting_as_the_inputs_are_read_gives_what_extracting_after_gives() {
        // The seeds as JSON lines, given before the folder of the same seeds: both
        // runs must put the documents and their extractions in the same id order.
        let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let dir = tempfile::tempdir().unwrap();
        let feed = dir.path().join("feed.jsonl");
        let mut lines = String::new();
        for (n, entry) in crate::corpus::load(std::slice::from_ref(&seeds))
            .documents
            .iter()
            .enumerate()
        {
            let text = &entry.document().unwrap().text;
            lines += &format!("{}\n", serde_json::json!({"id": n, "text": text}));
        }
        std::fs::write(&feed, lines).unwrap();
        let paths = [feed, seeds];
        let settings = Settings::builtin();
        let together =
            analyze_paths(corpus::Inputs::new(&paths), &settings, &|_, _, _| {}).unwrap();
        let after = analyze(crate::corpus::load(&paths), &settings).unwrap();
        let ids = |a: &Analysis| a.documents.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&together), ids(&after));
        assert_eq!(
            ids(&together)[..2],
            ["000_30fde9fe001ed933", "001_e7a9e3d448b427a1"]
        );
        assert_eq!(together.extractions, after.extractions);
        assert_eq!(together.copies, after.copies);
        let scores = |a: &Analysis| a.verdicts.iter().map(|v| v.score.score).collect::<Vec<_>>();
        assert_eq!(scores(&together), scores(&after));
        // Each seed and its JSON line at least are copies of each other.
        assert!(together.copies.len() >= 5);
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
