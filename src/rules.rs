//! Stage 6 of the pipeline: evaluate the rules of `rules.toml` on one article.
//!
//! Input: the document, what `extract` found, and the signals `detect`
//! measured. Output: [`Finding`]s, each with the rule, its weight and, where the
//! rule can point at the text, the line, column and excerpt. Phrase rules share
//! one Aho-Corasick scan of the text, so adding phrase rules adds no scans; regex
//! and occurrence rules share one scan that tells which of them match, and only
//! those search the text again for their spans.

use crate::config::{Field, OutletRole, Severity};
use crate::corpus::Document;
use crate::detect::Signals;
use crate::extract::{Extraction, SourceKind, Span};
use crate::outlet::Outlet;
use crate::settings::{Check, Comparison, Rule, Settings};
use serde::Serialize;
use std::sync::Arc;

/// One rule that fired on one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id, shared with the rule: a large run holds millions of findings.
    pub rule: Arc<str>,
    pub severity: Severity,
    /// What this finding adds to the score.
    pub weight: f64,
    /// The most the score can be because of this finding (`null` in JSON when none).
    pub cap: Option<f64>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The byte span of the evidence in the document text.
    #[serde(skip)]
    pub span: Option<Span>,
    /// The text the finding points at (at most one line).
    pub excerpt: Option<String>,
    pub message: Arc<str>,
    /// What this article's evidence adds to the message (say, which article it copied).
    pub detail: Option<String>,
}

/// Where a rule fired: the evidence in the text, and what to add to its message.
#[derive(Debug, Clone, Default)]
struct Hit {
    span: Option<Span>,
    detail: Option<String>,
}

impl From<Option<Span>> for Hit {
    fn from(span: Option<Span>) -> Self {
        Hit { span, detail: None }
    }
}

/// Everything the rules can look at for one article.
pub struct Subject<'a> {
    pub doc: &'a Document,
    pub extraction: &'a Extraction,
    pub signals: &'a Signals,
    /// The publisher, when the registry knows it.
    pub publisher: Option<&'a Outlet>,
}

/// Evaluate every enabled rule; findings come in rule order, then text order.
pub fn evaluate(subject: &Subject, settings: &Settings) -> Vec<Finding> {
    let text = &subject.doc.text;
    let phrase_hits = phrase_hits(subject.doc, settings);
    // Which regex and occurrence rules match at all, from one scan of the text.
    let matching = settings.patterns.matching(text, settings.rules.len());
    let mut findings = Vec::new();
    for (index, rule) in settings.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
        let spans = match &rule.check {
            Check::Phrase { max_hits } => take(&phrase_hits[index], *max_hits),
            Check::Regex { regex, max_hits } => {
                let hits = found(matching[index], regex, text);
                let hits = hits.map(|m| Hit::from(Some(m.range())));
                hits.take(*max_hits as usize).collect()
            }
            Check::Occurrence { regex, min, max } => {
                occurrence(found(matching[index], regex, text), *min, *max)
            }
            Check::Missing(field) => once_if(is_missing(subject.extraction, *field)),
            Check::Metric(comparison) => metric(subject.signals, comparison),
            Check::Conditional { when, then } => conditional(subject.signals, when, then),
            Check::Outlet {
                of,
                kinds,
                prior_below,
            } => outlet(subject, settings, *of, kinds, *prior_below),
        };
        findings.extend(spans.into_iter().map(|hit| finding(subject.doc, rule, hit)));
    }
    // A verdict keeps its findings until the report: no spare capacity per article.
    findings.shrink_to_fit();
    findings
}

/// For each rule index, the spans of its phrases in the text, in order.
fn phrase_hits(doc: &Document, settings: &Settings) -> Vec<Vec<Span>> {
    let mut hits = vec![Vec::new(); settings.rules.len()];
    for (span, rule) in settings.phrases.find(&doc.text) {
        let bounded = !doc.text[..span.start].ends_with(char::is_alphanumeric)
            && !doc.text[span.end..].starts_with(char::is_alphanumeric);
        if bounded {
            hits[rule].push(span);
        }
    }
    hits
}

fn take(spans: &[Span], max_hits: u32) -> Vec<Hit> {
    spans
        .iter()
        .take(max_hits as usize)
        .cloned()
        .map(|span| Hit::from(Some(span)))
        .collect()
}

/// The matches of a pattern rule's `regex` in `text`, searched only when the one
/// scan of every pattern said it `matches`.
fn found<'t>(
    matches: bool,
    regex: &'t regex::Regex,
    text: &'t str,
) -> impl Iterator<Item = regex::Match<'t>> {
    matches.then(|| regex.find_iter(text)).into_iter().flatten()
}

fn once_if(fires: bool) -> Vec<Hit> {
    if fires { vec![Hit::default()] } else { vec![] }
}

fn occurrence<'t>(
    mut matches: impl Iterator<Item = regex::Match<'t>>,
    min: Option<u32>,
    max: Option<u32>,
) -> Vec<Hit> {
    let first = matches.next().map(|m| m.range());
    let count = first.iter().count() + matches.count();
    let count = u32::try_from(count).unwrap_or(u32::MAX);
    let out_of_bounds = min.is_some_and(|m| count < m) || max.is_some_and(|m| count > m);
    if out_of_bounds {
        vec![first.into()]
    } else {
        vec![]
    }
}

fn is_missing(extraction: &Extraction, field: Field) -> bool {
    let meta = &extraction.meta;
    match field {
        Field::Title => meta.title.is_none(),
        Field::Published => meta.published.is_none(),
        Field::Outlet => meta.outlet.is_none(),
        Field::Byline => meta.byline.is_none(),
        Field::Wire => meta.wire.is_none(),
    }
}

/// A signal the detectors did not emit (say, hops to an origin the article
/// never reaches) makes every comparison on it false.
fn holds(signals: &Signals, comparison: &Comparison) -> bool {
    signals
        .get(comparison.signal.as_str())
        .is_some_and(|s| comparison.holds(s.value))
}

fn evidence(signals: &Signals, comparison: &Comparison) -> Hit {
    let signal = signals.get(comparison.signal.as_str());
    Hit {
        span: signal.and_then(|s| s.evidence.first().cloned()),
        detail: signal.and_then(|s| s.detail.clone()),
    }
}

fn metric(signals: &Signals, comparison: &Comparison) -> Vec<Hit> {
    if holds(signals, comparison) {
        vec![evidence(signals, comparison)]
    } else {
        vec![]
    }
}

fn conditional(signals: &Signals, when: &Comparison, then: &Comparison) -> Vec<Hit> {
    if holds(signals, when) && !holds(signals, then) {
        vec![evidence(signals, when)]
    } else {
        vec![]
    }
}

fn outlet(
    subject: &Subject,
    settings: &Settings,
    of: OutletRole,
    kinds: &[crate::outlet::OutletKind],
    prior_below: Option<f64>,
) -> Vec<Hit> {
    let matches = |o: &Outlet| {
        kinds.contains(&o.kind) || prior_below.zip(o.prior).is_some_and(|(limit, p)| p < limit)
    };
    match of {
        OutletRole::Publisher => {
            let span = subject
                .extraction
                .meta
                .outlet
                .as_ref()
                .and_then(|o| o.span.clone());
            if subject.publisher.is_some_and(matches) {
                vec![span.into()]
            } else {
                vec![]
            }
        }
        OutletRole::Cited => subject
            .extraction
            .citations
            .iter()
            .filter(|c| c.source_kind == SourceKind::Outlet)
            .filter(|c| settings.registry.resolve(&c.source).is_some_and(matches))
            .map(|c| Hit::from(Some(c.span.clone())))
            .collect(),
    }
}

fn finding(doc: &Document, rule: &Rule, hit: Hit) -> Finding {
    let Hit { span, detail } = hit;
    let position = span.as_ref().map(|s| doc.line_col(s.start));
    let excerpt = span.as_ref().map(|s| excerpt(doc, s));
    Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        weight: rule.weight,
        cap: rule.cap,
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
        span,
        excerpt,
        message: rule.message.clone(),
        detail,
    }
}

/// The evidence, cut to its first line and to 160 characters.
fn excerpt(doc: &Document, span: &Span) -> String {
    let text = &doc.text[span.clone()];
    let line = text.lines().next().unwrap_or("").trim();
    match line.char_indices().nth(160) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}
