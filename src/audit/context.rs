//! What an editor needs to act on a draft, beyond its findings: where its
//! untraceable text comes from, which claims name no source, whether the
//! corpus has its quotations and in which words, and which origins of the
//! story it does not cite.
//!
//! Unsourced claims are found by a plain heuristic, kept simple on purpose: a
//! sentence of at least [`MIN_CLAIM_WORDS`] words that states a number, a date
//! or a decision ("will", "plans", "announced", "agreed", …), or one that cites
//! only an anonymous source ("officials familiar with the matter said"), in a
//! paragraph with no citation of a named source and no quotation. A citation
//! anywhere in the paragraph covers all its sentences, since writers attribute
//! once per paragraph.

use crate::analysis::Analysis;
use crate::corpus::Document;
use crate::extract::{Citation, CitationKind, Span};
use crate::reuse::{CopyPair, QuoteRef, ReuseGrade};
use crate::rules::Finding;
use crate::settings::{Check, Settings};
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

/// Shorter sentences are headlines, captions or chrome rather than claims.
pub const MIN_CLAIM_WORDS: usize = 8;

static CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\d|\b(?:will|plans?|intends?|announced|agreed|decided|confirmed|opened|established|expected|considering|set to|january|february|march|april|may|june|july|august|september|october|november|december)\b",
    )
    .expect("a valid claim pattern")
});

static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.!?]["”’)]?\s+"#).expect("a valid sentence pattern"));

/// The editor's facts about one draft.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Context {
    pub untraceable: Vec<Untraceable>,
    pub unsourced: Vec<Claim>,
    pub quotes: Vec<QuoteCheck>,
    pub uncited_origins: Vec<UncitedOrigin>,
}

/// A passage the draft shares, uncredited, with an article of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Untraceable {
    /// First and last lines in the draft.
    pub lines: [usize; 2],
    /// The article it matches, that article's outlet and lines.
    pub article: String,
    pub outlet: Option<String>,
    pub source_lines: [usize; 2],
    /// False when it is not known which of the two copied the other.
    pub directed: bool,
    pub grade: ReuseGrade,
}

/// A sentence that states something and names no source.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub line: usize,
    pub sentence: String,
}

/// A quotation of the draft and where else the corpus has it.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteCheck {
    pub line: usize,
    pub text: String,
    pub speaker: Option<String>,
    /// Empty when no other article of the corpus has it.
    pub elsewhere: Vec<QuotedElsewhere>,
}

/// The same quotation in another article, in that article's words.
#[derive(Debug, Clone, Serialize)]
pub struct QuotedElsewhere {
    pub article: String,
    pub outlet: Option<String>,
    pub line: usize,
    pub words: String,
    pub speaker: Option<String>,
    /// Whether its words, numbers or speaker differ from the draft's.
    pub drift: bool,
}

/// An origin of the draft's story that the draft does not cite itself.
#[derive(Debug, Clone, Serialize)]
pub struct UncitedOrigin {
    pub source: String,
    /// `earliest-report` or `first-hand`.
    pub kind: &'static str,
    pub date: Option<String>,
    /// How the draft reaches it through other articles; `None` when it does not.
    pub reached_through: Option<Vec<String>>,
}

/// The signal of the copies a draft made without credit (see `detect::copying`).
const UNCREDITED_COPIES: &str = "copies_unattributed";

impl Context {
    /// Without the uncredited copies when a finding about them was accepted: the
    /// editor has said the copy is licensed, so there is nothing to credit or
    /// rewrite. Text shared in an unknown direction stays.
    pub fn without_accepted_copies(mut self, accepted: &[&Finding], settings: &Settings) -> Self {
        let about_copies = |f: &&Finding| {
            settings.rule(&f.rule).is_some_and(
                |r| matches!(&r.check, Check::Metric(c) if c.signal == UNCREDITED_COPIES),
            )
        };
        if accepted.iter().any(about_copies) {
            self.untraceable.retain(|u| !u.directed);
        }
        self
    }
}

/// The editor's facts about document `doc` of the analysis.
pub fn context(analysis: &Analysis, doc: usize, draft: &Document) -> Context {
    Context {
        untraceable: untraceable(analysis, doc),
        unsourced: unsourced(analysis, doc, draft),
        quotes: quotes(analysis, doc),
        uncited_origins: uncited_origins(analysis, doc),
    }
}

fn untraceable(analysis: &Analysis, doc: usize) -> Vec<Untraceable> {
    let mine = |p: &&CopyPair| !p.attributed && p.is_reported_on(doc);
    let mut found: Vec<Untraceable> = analysis
        .copies
        .iter()
        .filter(mine)
        .flat_map(|pair| passages(analysis, doc, pair))
        .collect();
    // Known copies before shared text of unknown direction, closest copies first.
    found.sort_by_key(|u| (!u.directed, u.grade, u.lines));
    found.dedup();
    found
}

/// The passages of a pair, seen from `doc`.
fn passages<'a>(
    analysis: &'a Analysis,
    doc: usize,
    pair: &'a CopyPair,
) -> impl Iterator<Item = Untraceable> + 'a {
    let other = if pair.copier == doc {
        pair.source
    } else {
        pair.copier
    };
    pair.passages.iter().map(move |p| {
        let (here, there) = if pair.copier == doc {
            (&p.copier, &p.source)
        } else {
            (&p.source, &p.copier)
        };
        Untraceable {
            lines: analysis.documents[doc].lines.lines_of(here),
            article: analysis.documents[other].id.clone(),
            outlet: analysis.outlet(other).map(str::to_string),
            source_lines: analysis.documents[other].lines.lines_of(there),
            directed: pair.directed,
            grade: pair.grade,
        }
    })
}

fn unsourced(analysis: &Analysis, doc: usize, document: &Document) -> Vec<Claim> {
    let extraction = &analysis.extractions[doc];
    let (anonymous, named): (Vec<&Citation>, Vec<&Citation>) =
        (extraction.citations.iter()).partition(|c| c.kind == CitationKind::Anonymous);
    let attributed: Vec<&Span> = named
        .iter()
        .map(|c| &c.span)
        .chain(extraction.quotes.iter().map(|q| &q.span))
        .chain(&extraction.meta.chrome)
        .collect();
    let overlaps = |a: &Range<usize>, b: &Span| a.start < b.end && b.start < a.end;
    let cites_anonymously = |s: &Range<usize>| anonymous.iter().any(|c| overlaps(s, &c.span));
    paragraphs(&document.text)
        .into_iter()
        .filter(|p| !attributed.iter().any(|s| overlaps(p, s)))
        .flat_map(|p| sentences(&document.text, p))
        .filter(|s| is_claim(&document.text[s.clone()]) || cites_anonymously(s))
        .map(|s| Claim {
            line: document.line_col(s.start).0,
            sentence: document.text[s].to_string(),
        })
        .collect()
}

fn is_claim(sentence: &str) -> bool {
    sentence.split_whitespace().count() >= MIN_CLAIM_WORDS && CLAIM.is_match(sentence)
}

/// Byte ranges of the runs of non-blank lines.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let end = offset + line.trim_end().len();
        if line.trim().is_empty() {
            found.extend(current.take());
        } else {
            current = Some(current.map_or(offset..end, |c| c.start..end));
        }
        offset += line.len();
    }
    found.extend(current);
    found
}

/// Byte ranges of the sentences of a paragraph, trimmed.
fn sentences(text: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    let body = &text[paragraph.clone()];
    let mut starts = vec![0];
    starts.extend(SENTENCE_END.find_iter(body).map(|m| m.end()));
    starts.push(body.len());
    starts
        .windows(2)
        .map(|w| {
            let sentence = &body[w[0]..w[1]];
            let start = paragraph.start + w[0] + (sentence.len() - sentence.trim_start().len());
            start..paragraph.start + w[0] + sentence.trim_end().len()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

fn quotes(analysis: &Analysis, doc: usize) -> Vec<QuoteCheck> {
    let lines = &analysis.documents[doc].lines;
    let quotes = &analysis.extractions[doc].quotes;
    quotes
        .iter()
        .enumerate()
        .map(|(index, q)| QuoteCheck {
            line: lines.line(q.span.start),
            text: q.text.clone(),
            speaker: q.speaker.clone(),
            elsewhere: elsewhere(analysis, QuoteRef { doc, quote: index }),
        })
        .collect()
}

/// The other articles' wordings of one quotation.
fn elsewhere(analysis: &Analysis, quote: QuoteRef) -> Vec<QuotedElsewhere> {
    let other = |m: &crate::reuse::QuoteMatch| match (m.first == quote, m.second == quote) {
        (true, _) => Some((m.second, m.drift)),
        (_, true) => Some((m.first, m.drift)),
        _ => None,
    };
    analysis
        .quotes
        .iter()
        .filter_map(other)
        .map(|(there, drift)| {
            let q = &analysis.extractions[there.doc].quotes[there.quote];
            QuotedElsewhere {
                article: analysis.documents[there.doc].id.clone(),
                outlet: analysis.outlet(there.doc).map(str::to_string),
                line: analysis.documents[there.doc].lines.line(q.span.start),
                words: q.text.clone(),
                speaker: q.speaker.clone(),
                drift,
            }
        })
        .collect()
}

/// Origins of the draft's story it neither publishes nor cites directly (more than one hop).
fn uncited_origins(analysis: &Analysis, doc: usize) -> Vec<UncitedOrigin> {
    let graph = &analysis.graph;
    let story = graph.stories.iter().find(|s| s.articles.contains(&doc));
    story
        .into_iter()
        .flat_map(|s| &s.origins)
        .filter_map(|origin| {
            let path = origin.path_of(doc);
            (path.is_none_or(|p| p.hops > 1)).then(|| UncitedOrigin {
                source: graph.graph[origin.node].label(),
                kind: origin.kind.name(),
                date: origin.date.map(|d| d.to_string()),
                reached_through: path.map(|p| origin.steps(&graph.graph, p)),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_ends_and_keep_quotes_whole() {
        let text = "One claim. “A quote.” Another one?\n";
        let spans = sentences(text, 0..text.trim_end().len());
        let got: Vec<&str> = spans.into_iter().map(|s| &text[s]).collect();
        assert_eq!(got, ["One claim.", "“A quote.”", "Another one?"]);
    }

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines() {
        let text = "a\nb\n\n\nc\n";
        let got: Vec<&str> = paragraphs(text).into_iter().map(|p| &text[p]).collect();
        assert_eq!(got, ["a\nb", "c"]);
    }

    #[test]
    fn a_claim_states_a_number_date_or_decision_at_length() {
        assert!(is_claim(
            "NATO is set to establish a liaison office in Tokyo by 2024."
        ));
        assert!(!is_claim("NATO opens an office in 2024."));
        assert!(!is_claim(
            "Stoltenberg referenced the invasion and rising military capabilities of China."
        ));
    }
}
