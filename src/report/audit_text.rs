//! `prov audit` as text: each finding as a compiler diagnostic (codespan-reporting)
//! with its line, the evidence underlined and the rule's explanation, then what
//! an editor can do about the draft, then its score.

use super::diagnostics::emit;
use super::{AuditReport, by_importance, plural};
use crate::audit::context::{Context, QuoteCheck, UncitedOrigin, Untraceable};
use crate::audit::{self, Audit, Suppression};
use crate::config::Severity;
use crate::corpus::{Document, is_invisible, visible, visible_line};
use crate::extract::Span;
use crate::rules::Finding;
use crate::settings::Settings;
use codespan_reporting::diagnostic::{self, Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use std::fmt::Write;

/// Sentences and quotations longer than this are cut in the "what to do" list.
const SHOWN_CHARS: usize = 90;

/// The text format, in colour when `colour` is set.
pub struct AuditText {
    pub colour: bool,
}

impl AuditReport for AuditText {
    fn render(&self, audit: &Audit, settings: &Settings) -> String {
        let doc = &audit.draft;
        // Blank lines stand in for front matter, so codespan's line numbers are the file's.
        let source = "\n".repeat(doc.lines().first() - 1) + &masked(&doc.text);
        let name = match audit.positions.text_name() {
            Some(text) => format!("{} ({text})", doc.path),
            None => doc.path.clone(),
        };
        let name = visible_line(&name);
        let file = SimpleFile::new(name.as_ref(), source.as_str());
        let mut out = String::new();
        if let Some(caveat) = audit.positions.caveat() {
            let _ = writeln!(out, "note: {caveat}\n");
        }
        for finding in by_importance(&audit.verdict.findings) {
            let diagnostic = diagnostic(doc, finding, settings);
            out.push_str(&emit(&file, &diagnostic, self.colour));
        }
        out.push_str(&visible(&what_to_do(audit)));
        out.push_str(&visible(&suppressed(audit)));
        out.push_str(&visible(&summary(audit, doc)));
        out
    }
}

/// The draft's text with each character that [`visible`] would escape replaced by as
/// many `?` as it has bytes: the diagnostics' spans stay where they were, and the
/// draft cannot drive the terminal the excerpts are printed on.
fn masked(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match is_invisible(c) {
            true => out.extend(std::iter::repeat_n('?', c.len_utf8())),
            false => out.push(c),
        }
    }
    out
}

fn diagnostic(doc: &Document, finding: &Finding, settings: &Settings) -> Diagnostic<()> {
    let severity = match finding.severity {
        Severity::Error => diagnostic::Severity::Error,
        Severity::Warning => diagnostic::Severity::Warning,
        Severity::Info => diagnostic::Severity::Note,
    };
    let shift = doc.lines().first() - 1;
    // A line too long to print whole (codespan prints a label's whole line) is named
    // by its position, with the finding's excerpt.
    let (shown, long): (Vec<Span>, Vec<Span>) = finding
        .span
        .iter()
        .map(|span| first_line_of(doc, span))
        .partition(|first_line| line_around(doc, first_line).len() <= MAX_SHOWN_LINE);
    let labels = shown
        .into_iter()
        .map(|first_line| Label::primary((), first_line.start + shift..first_line.end + shift));
    let position = long.first().map(|first_line| {
        let chars = line_around(doc, first_line).chars().count();
        let excerpt = finding.excerpt.as_deref().map(shorten).unwrap_or_default();
        format!(
            "note: at line {}, column {}: “{excerpt}” (the line, of {chars} characters, is too long to print)",
            finding.line.unwrap_or_default(),
            finding.column.unwrap_or_default()
        )
    });
    let help = audit::explanation(settings, &finding.rule).map(|e| format!("help: {e}"));
    let detail = finding.detail.as_ref().map(|d| format!("note: {d}"));
    let cap = finding
        .cap
        .map(|c| format!(", caps it at {c}"))
        .unwrap_or_default();
    let weight = format!("note: score {:+}{cap}", finding.weight);
    let notes = position
        .into_iter()
        .chain(help)
        .chain(detail)
        .chain([weight]);
    Diagnostic::new(severity)
        .with_code(&finding.rule)
        .with_message(visible(&finding.message))
        .with_labels(labels.collect())
        .with_notes(notes.map(|note| visible(&note).into_owned()).collect())
}

/// The longest line an audit prints whole under a finding, in bytes.
const MAX_SHOWN_LINE: usize = 2_000;

/// The whole line of the document that `span` (on one line) is on.
fn line_around<'d>(doc: &'d Document, span: &Span) -> &'d str {
    let start = doc.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = doc.text[span.end..]
        .find('\n')
        .map_or(doc.text.len(), |i| span.end + i);
    &doc.text[start..end]
}

/// The part of a span on its first line: a copied passage can run for paragraphs.
fn first_line_of(doc: &Document, span: &Span) -> Span {
    let line_end = doc.text[span.start..]
        .find('\n')
        .map_or(doc.text.len(), |i| span.start + i);
    span.start..span.end.min(line_end).max(span.start)
}

fn what_to_do(audit: &Audit) -> String {
    let Context {
        untraceable,
        unsourced,
        quotes,
        uncited_origins,
    } = &audit.context;
    let mut out = String::from("What to do\n");
    section(
        &mut out,
        "Text shared with other articles without credit: credit the article it matches, or rewrite it",
        untraceable.iter().map(passage),
    );
    section(
        &mut out,
        "Claims with no named source",
        unsourced
            .iter()
            .map(|c| format!("line {}: {}", c.line, shorten(&c.sentence))),
    );
    if audit.analysis.documents.len() > 1 {
        let checked = quotes.iter().map(quote);
        section(&mut out, "Quotations, checked against the corpus", checked);
    } else {
        let unchecked = quotes
            .iter()
            .map(|q| format!("line {}: “{}”", q.line, shorten(&q.text)));
        section(
            &mut out,
            "Quotations (no other article to check them against)",
            unchecked,
        );
    }
    section(
        &mut out,
        "Origins of the story the draft does not cite",
        uncited_origins.iter().map(origin),
    );
    section(&mut out, "Sources the draft cites", cited(audit));
    out
}

/// A titled list; a title with nothing under it says "none".
fn section(out: &mut String, title: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        let _ = writeln!(out, "  {title}: none");
        return;
    }
    let _ = writeln!(out, "  {title}:");
    for item in items {
        let _ = writeln!(out, "    - {item}");
    }
}

fn passage(u: &Untraceable) -> String {
    let outlet = u
        .outlet
        .as_deref()
        .map(|o| format!(" ({o})"))
        .unwrap_or_default();
    let direction = if u.directed {
        ""
    } else {
        ", who copied whom is unknown"
    };
    let grade = format!("{:?}", u.grade).to_lowercase();
    format!(
        "{} matches {}{outlet} {}, {grade}{direction}",
        lines(u.lines),
        u.article,
        lines(u.source_lines)
    )
}

fn lines([first, last]: [usize; 2]) -> String {
    if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}-{last}")
    }
}

fn quote(q: &QuoteCheck) -> String {
    let head = format!("line {}: “{}”", q.line, shorten(&q.text));
    if q.elsewhere.is_empty() {
        return format!("{head} is in no other article of the corpus");
    }
    let found: Vec<String> = q
        .elsewhere
        .iter()
        .map(|e| {
            let outlet = e
                .outlet
                .as_deref()
                .map(|o| format!(" ({o})"))
                .unwrap_or_default();
            let words = if e.drift {
                format!("in other words: “{}”", from_difference(&q.text, &e.words))
            } else {
                "in the same words".to_string()
            };
            format!("{}{outlet} line {} {words}", e.article, e.line)
        })
        .collect();
    format!("{head} is also in {}", found.join("; "))
}

fn origin(o: &UncitedOrigin) -> String {
    let date = o
        .date
        .as_deref()
        .map(|d| format!(", {d}"))
        .unwrap_or_default();
    let how = match &o.reached_through {
        Some(path) => format!("reached only through {}", path.join(" → ")),
        None => "not reached".to_string(),
    };
    format!("{} ({}{date}): {how}", o.source, o.kind)
}

/// Each source the draft cites, by kind of citation, with their lines.
fn cited<'a>(audit: &'a Audit) -> impl Iterator<Item = String> + 'a {
    let lines = &audit.analysis.documents[audit.doc].lines;
    let mut uses: Vec<(&str, &str, Vec<usize>)> = Vec::new();
    for c in &audit.analysis.extractions[audit.doc].citations {
        let kind = crate::graph::citation_kind_name(c.kind);
        let line = lines.line(c.span.start);
        match uses
            .iter_mut()
            .find(|(s, k, _)| *s == c.source && *k == kind)
        {
            Some((_, _, lines)) if lines.contains(&line) => {}
            Some((_, _, lines)) => lines.push(line),
            None => uses.push((&c.source, kind, vec![line])),
        }
    }
    uses.into_iter().map(|(source, kind, lines)| {
        let numbers: Vec<String> = lines.iter().map(usize::to_string).collect();
        let word = if lines.len() == 1 { "line" } else { "lines" };
        format!("{source}: {kind}, {word} {}", numbers.join(", "))
    })
}

fn suppressed(audit: &Audit) -> String {
    let mut out = String::new();
    for s in &audit.suppressed {
        let why = match &s.by {
            Suppression::Inline { line, reason } => format!(
                "by the marker on line {line}: {}",
                reason.as_deref().unwrap_or("no reason given")
            ),
            Suppression::Baseline => "by the baseline".to_string(),
        };
        let at = s
            .finding
            .line
            .map(|l| format!(" line {l}"))
            .unwrap_or_default();
        let _ = writeln!(out, "  suppressed {}{at}, {why}", s.finding.rule);
    }
    out
}

fn summary(audit: &Audit, doc: &Document) -> String {
    let count = |severity: Severity, word: &str| {
        let findings = &audit.verdict.findings;
        plural(
            findings.iter().filter(|f| f.severity == severity).count(),
            word,
        )
    };
    let score = &audit.verdict.score;
    format!(
        "\n{}: score {}, grade {}: {}, {}, {}, {} suppressed; read against {}\n",
        doc.path,
        score.score,
        score.grade,
        count(Severity::Error, "error"),
        count(Severity::Warning, "warning"),
        count(Severity::Info, "note"),
        audit.suppressed.len(),
        plural(audit.analysis.documents.len() - 1, "other article"),
    )
}

/// A sentence cut to [`SHOWN_CHARS`] characters.
/// Characters of context shown before where two quotations start to differ.
const BEFORE_DIFFERENCE: usize = 30;

/// `theirs` shortened from a few words before where it starts to differ from
/// `mine`, so that a change past the first [`SHOWN_CHARS`] characters is seen.
fn from_difference(mine: &str, theirs: &str) -> String {
    let same = mine
        .char_indices()
        .zip(theirs.chars())
        .find(|((_, a), b)| a != b)
        .map_or(mine.len().min(theirs.len()), |((at, _), _)| at);
    let context = theirs[..same].char_indices().rev().nth(BEFORE_DIFFERENCE);
    match context.and_then(|(at, _)| theirs[at..same].find(' ').map(|space| at + space + 1)) {
        Some(start) => format!("…{}", shorten(&theirs[start..])),
        None => shorten(theirs),
    }
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: two long quotations differing past their first 90 characters
    /// were shown cut to the same words.
    #[test]
    fn the_other_quotation_is_shown_from_where_it_differs() {
        let head = "We are currently consulting with our partners, but the details have not been finalized";
        let mine = format!("{head} yet and we will never announce them at all, ever.");
        let theirs = format!("{head} yet and we will announce them in the coming weeks.");
        assert_eq!(
            from_difference(&mine, &theirs),
            "…finalized yet and we will announce them in the coming weeks."
        );
        assert_eq!(from_difference("Short one.", "Short two."), "Short two.");
    }
}
