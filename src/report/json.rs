//! `--format json`: the `prov.score/1` schema of DESIGN.md, for programs.
//!
//! Field names are a public contract: add fields freely, rename none without a
//! new schema version. Unknown values are `null`, never invented.

use super::{Report, by_importance};
use crate::analysis::{Analysis, Verdict};
use crate::extract::{CitationKind, SourceKind};
use crate::rules::Finding;
use crate::score::Start;
use crate::settings::Settings;
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA: &str = "prov.score/1";

pub struct Json;

#[derive(Serialize)]
struct Output<'a> {
    schema: &'static str,
    rules: RulesUsed<'a>,
    articles: Vec<Article<'a>>,
    graph: serde_json::Value,
    errors: Vec<Error<'a>>,
    /// Hidden files and folders found in walked folders and not read.
    hidden: &'a [String],
    totals: Totals,
}

#[derive(Serialize)]
pub(super) struct RulesUsed<'a> {
    source: &'a str,
    sha256: &'a str,
}

impl<'a> RulesUsed<'a> {
    pub(super) fn of(settings: &'a Settings) -> Self {
        RulesUsed {
            source: &settings.source,
            sha256: &settings.sha256,
        }
    }
}

#[derive(Serialize)]
pub(super) struct Article<'a> {
    id: &'a str,
    path: &'a str,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    /// Which input decided the outlet: `given` (front matter, JSON, `<meta>`),
    /// `url-domain`, or `text` (a lead-in or dateline).
    outlet_clue: Option<crate::extract::Clue>,
    wire: Option<&'a str>,
    published: Option<String>,
    /// The encoding the input was decoded from, when it was not UTF-8.
    encoding: Option<&'a str>,
    score: u32,
    grade: &'a str,
    start: &'a Start,
    findings: Vec<&'a Finding>,
    citations: Vec<Citation<'a>>,
    quotes: Vec<Quote<'a>>,
    copies: Vec<Copy<'a>>,
    signals: BTreeMap<&'a str, f64>,
}

#[derive(Serialize)]
struct Citation<'a> {
    source: &'a str,
    source_kind: SourceKind,
    kind: CitationKind,
    line: usize,
    column: usize,
    cue: &'a str,
    date: Option<String>,
}

#[derive(Serialize)]
struct Quote<'a> {
    text: &'a str,
    speaker: Option<&'a str>,
    line: usize,
}

#[derive(Serialize)]
struct Copy<'a> {
    of: &'a str,
    containment: f64,
    attributed: bool,
    directed: bool,
    grade: crate::reuse::ReuseGrade,
    /// Line ranges of the copied passages, here and in the other article.
    passages: Vec<Passage>,
}

#[derive(Serialize)]
struct Passage {
    lines: [usize; 2],
    source_lines: [usize; 2],
}

#[derive(Serialize)]
pub(super) struct Error<'a> {
    path: &'a str,
    error: &'a str,
}

#[derive(Serialize)]
struct Totals {
    /// Every input: `scored + errors + hidden`.
    inputs: usize,
    scored: usize,
    errors: usize,
    hidden: usize,
}

impl Report for Json {
    fn render(&self, analysis: &Analysis, settings: &Settings) -> String {
        let output = Output {
            schema: SCHEMA,
            rules: RulesUsed::of(settings),
            articles: analysis
                .ranking()
                .into_iter()
                .map(|i| article(analysis, i, &analysis.verdicts[i]))
                .collect(),
            graph: crate::graph::to_json(&analysis.graph),
            errors: errors(analysis),
            hidden: &analysis.hidden,
            totals: Totals {
                inputs: analysis.documents.len() + analysis.errors.len() + analysis.hidden.len(),
                scored: analysis.documents.len(),
                errors: analysis.errors.len(),
                hidden: analysis.hidden.len(),
            },
        };
        let mut text = serde_json::to_string_pretty(&output).expect("serialising plain data");
        text.push('\n');
        text
    }
}

/// One article as `prov.score/1` gives it, with `verdict` as its findings and score
/// (the analysis' own, or an audit's after suppressions).
pub(super) fn article<'a>(
    analysis: &'a Analysis,
    index: usize,
    verdict: &'a Verdict,
) -> Article<'a> {
    let (doc, extraction) = (&analysis.documents[index], &analysis.extractions[index]);
    let meta = &extraction.meta;
    let citations = extraction.citations.iter().map(|c| {
        let (line, column) = doc.line_col(c.span.start);
        Citation {
            source: &c.source,
            source_kind: c.source_kind,
            kind: c.kind,
            line,
            column,
            cue: &c.cue,
            date: c.date.map(|d| d.to_string()),
        }
    });
    let quotes = extraction.quotes.iter().map(|q| Quote {
        text: &q.text,
        speaker: q.speaker.as_deref(),
        line: doc.line_col(q.span.start).0,
    });
    Article {
        id: &doc.id,
        encoding: doc.encoding,
        path: &doc.path,
        title: meta.title.as_ref().map(|t| t.value.as_str()),
        outlet: analysis.outlet(index),
        outlet_clue: meta.outlet.as_ref().map(|o| o.clue),
        wire: meta.wire.as_ref().map(|w| w.value.as_str()),
        published: super::published(analysis, index),
        score: verdict.score.score,
        grade: &verdict.score.grade,
        start: &verdict.score.start,
        findings: by_importance(&verdict.findings),
        citations: citations.collect(),
        quotes: quotes.collect(),
        copies: copies(analysis, index),
        signals: verdict
            .signals
            .iter()
            .map(|(name, s)| (*name, s.value))
            .collect(),
    }
}

/// Every input that did not become an article.
pub(super) fn errors(analysis: &Analysis) -> Vec<Error<'_>> {
    analysis
        .errors
        .iter()
        .map(|e| Error {
            path: &e.path,
            error: &e.error,
        })
        .collect()
}

/// The copies an article made, or shares in an unknown direction, with their passages.
fn copies(analysis: &Analysis, index: usize) -> Vec<Copy<'_>> {
    let lines = |doc: usize, span: &crate::extract::Span| analysis.documents[doc].lines_of(span);
    let mine =
        |p: &&crate::reuse::CopyPair| p.copier == index || (!p.directed && p.source == index);
    analysis
        .copies
        .iter()
        .filter(mine)
        .map(|pair| {
            let here_is_copier = pair.copier == index;
            let other = if here_is_copier {
                pair.source
            } else {
                pair.copier
            };
            let passages = pair.passages.iter().map(|p| {
                let (here, there) = if here_is_copier {
                    (&p.copier, &p.source)
                } else {
                    (&p.source, &p.copier)
                };
                Passage {
                    lines: lines(index, here),
                    source_lines: lines(other, there),
                }
            });
            Copy {
                of: &analysis.documents[other].id,
                containment: if here_is_copier {
                    pair.containment
                } else {
                    pair.containment_of_source
                },
                attributed: pair.attributed,
                directed: pair.directed,
                grade: pair.grade,
                passages: passages.collect(),
            }
        })
        .collect()
}
