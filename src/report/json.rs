//! `--format json`: the `prov.score/1` schema of DESIGN.md, for programs.
//!
//! Field names are a public contract: add fields freely, rename none without a
//! new schema version. Unknown values are `null`, never invented. Beyond
//! DESIGN.md's example, a finding has `cap` (the most the score can be because
//! of it, `null` for none) and `detail`, so the JSON explains a score as the table does.

use super::{Report, by_importance};
use crate::analysis::{Analysis, Verdict};
use crate::detect::SignalValues;
use crate::extract::{CitationKind, SourceKind};
use crate::json_out::{JsonLayout, Object, array};
use crate::reuse::{CopyPair, pairs_by_document};
use crate::rules::Finding;
use crate::score::Start;
use crate::settings::Settings;
use serde::Serialize;
use std::io::{self, Write};

pub const SCHEMA: &str = "prov.score/1";

/// The report as JSON, laid out for people or for programs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json(pub JsonLayout);

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
    signals: &'a SignalValues,
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

#[derive(Serialize, PartialEq)]
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

/// Articles rendered at once, in parallel, while the batch before them is written:
/// enough to keep both cores busy, few enough that the two batches held at once do
/// not raise the peak memory of a 1 GB run (batches of 2048 raised it by 3-5 MB).
const ARTICLES_PER_BATCH: usize = 512;

impl Report for Json {
    fn render(&self, analysis: &Analysis, settings: &Settings) -> String {
        let mut out = Vec::new();
        self.write(analysis, settings, &mut out)
            .expect("writing to memory");
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }

    /// Streams the document: the output is larger than the text read (1.1 times on
    /// one line, twice indented), too much to build in memory first. The top-level
    /// object is written field by field, in the schema's order, so that the articles
    /// can go into it as JSON rendered in parallel.
    fn write(
        &self,
        analysis: &Analysis,
        settings: &Settings,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let layout = self.0;
        let mut document = Object::begin(out, layout, 0)?;
        document.field("schema", &SCHEMA)?;
        document.field("rules", &RulesUsed::of(settings))?;
        document.field_with("articles", |out, depth| {
            write_articles(out, layout, depth, analysis)
        })?;
        document.field_with("graph", |out, depth| {
            crate::graph::write_json(&analysis.graph, out, layout, depth)
        })?;
        document.field("errors", &errors(analysis))?;
        // Hidden files and folders found in walked folders and not read.
        document.field("hidden", &analysis.hidden)?;
        document.field("totals", &totals(analysis))?;
        document.end()?;
        out.write_all(b"\n")
    }
}

/// The articles in ranking order, as the `articles` array at `depth`.
fn write_articles(
    out: &mut dyn Write,
    layout: JsonLayout,
    depth: usize,
    analysis: &Analysis,
) -> io::Result<()> {
    // Indexed once: a scan of every pair per article was quadratic, and took half of
    // a 1 GB run.
    let copies = pairs_by_document(analysis.documents.len(), &analysis.copies);
    let ranking = analysis.ranking();
    array(
        out,
        layout,
        depth,
        ranking.len(),
        ARTICLES_PER_BATCH,
        |position| {
            let i = ranking[position];
            article(analysis, i, &analysis.verdicts[i], &copies[i])
        },
    )
}

fn totals(analysis: &Analysis) -> Totals {
    Totals {
        inputs: analysis.documents.len() + analysis.errors.len() + analysis.hidden.len(),
        scored: analysis.documents.len(),
        errors: analysis.errors.len(),
        hidden: analysis.hidden.len(),
    }
}

/// One article as `prov.score/1` gives it, with `verdict` as its findings and score
/// (the analysis' own, or an audit's after suppressions).
///
/// `copies` are the pairs the article takes part in, from [`pairs_by_document`].
pub(super) fn article<'a>(
    analysis: &'a Analysis,
    index: usize,
    verdict: &'a Verdict,
    copies: &[&'a CopyPair],
) -> Article<'a> {
    let (doc, extraction) = (&analysis.documents[index], &analysis.extractions[index]);
    let meta = &extraction.meta;
    let citations = extraction.citations.iter().map(|c| {
        let (line, column) = (doc.lines.line(c.span.start), c.column);
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
        line: doc.lines.line(q.span.start),
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
        copies: copies_of(analysis, index, copies),
        signals: &verdict.signals,
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

/// The copies of article `index` with their passages.
fn copies_of<'a>(analysis: &'a Analysis, index: usize, pairs: &[&'a CopyPair]) -> Vec<Copy<'a>> {
    let lines =
        |doc: usize, span: &crate::extract::Span| analysis.documents[doc].lines.lines_of(span);
    pairs
        .iter()
        .map(|&pair| {
            let here_is_copier = pair.copier == index;
            let other = if here_is_copier {
                pair.source
            } else {
                pair.copier
            };
            // Two passages of one pair on the same lines, apart within them, read the
            // same as line ranges: each range is given once.
            let mut passages: Vec<Passage> = pair
                .passages
                .iter()
                .map(|p| {
                    let (here, there) = if here_is_copier {
                        (&p.copier, &p.source)
                    } else {
                        (&p.source, &p.copier)
                    };
                    Passage {
                        lines: lines(index, here),
                        source_lines: lines(other, there),
                    }
                })
                .collect();
            passages.dedup();
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
                passages,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the JSON had no `cap`, so it could not explain a score of 0.
    #[test]
    fn a_finding_gives_its_cap_or_null() {
        let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let settings = Settings::builtin();
        let fiction = seeds.join("003_fa223e60b4ee97ca.txt");
        let analysis =
            crate::analysis::analyze(crate::corpus::load(&[fiction]), &settings).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&Json(JsonLayout::Compact).render(&analysis, &settings)).unwrap();
        let findings = json["articles"][0]["findings"].as_array().unwrap();
        let field = |rule: &str, name: &str| {
            let finding = findings.iter().find(|f| f["rule"] == rule).unwrap();
            finding[name].clone()
        };
        assert_eq!(
            field("self-declared-fiction", "cap"),
            serde_json::json!(0.0)
        );
        assert_eq!(
            field("self-declared-fiction", "weight"),
            serde_json::json!(-100.0)
        );
        assert_eq!(field("missing-date", "cap"), serde_json::Value::Null);
    }
}
