//! Inline suppressions: markers in the draft that silence one rule where the
//! editor has checked the finding and accepts it.
//!
//! Two spellings, accepted in any file: an HTML comment for Markdown and HTML
//! drafts, `<!-- prov-ignore rule-id: reason -->`, and a bracket for plain
//! text, `[prov-ignore rule-id: reason]`. Several rules may be named,
//! separated by commas. A marker after text on a line silences its rules on
//! that line; a marker alone on a line silences them in the paragraph that
//! starts at the next non-blank line (up to the next blank line), so a marker
//! above a one-line paragraph covers that line. In an HTML page, whose text has
//! one block element per line and no blank lines, a marker alone covers the
//! next block; a marker after a block on the same line of the page, or inside
//! it, covers that block. Findings with no line (say, a
//! missing date) cannot be silenced inline; a baseline accepts them.
//!
//! A marker without a reason still silences its rules, but is itself reported
//! as the built-in finding [`NO_REASON`]: an accepted finding should say why.
//! So is a marker that cannot work or does nothing ([`checks`]).

use super::builtin::{At, NO_REASON, UNKNOWN_RULE, UNUSED, WITHOUT_LINE};
use super::positions::Positions;
use crate::corpus::Document;
use crate::rules::Finding;
use crate::settings::{Check, Settings};
use regex::Regex;
use std::ops::{Range, RangeInclusive};
use std::sync::LazyLock;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*prov-ignore\s(?P<comment>.*?)-->|\[prov-ignore\s(?P<bracket>[^\]]*)\]")
        .expect("a valid marker pattern")
});

/// One marker in the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// The rules it silences.
    pub rules: Vec<String>,
    /// Why, as the editor wrote it; `None` when the marker gives none.
    pub reason: Option<String>,
    /// The file line of the marker.
    pub line: usize,
    /// The file lines it silences.
    pub lines: RangeInclusive<usize>,
    /// The marker's byte span in the document text.
    pub span: Range<usize>,
}

impl Marker {
    pub fn silences(&self, finding: &Finding) -> bool {
        finding.line.is_some_and(|l| self.lines.contains(&l))
            && self.rules.iter().any(|r| **r == *finding.rule)
    }

    /// The built-in warning for a marker with no reason, if this is one.
    pub fn missing_reason(&self, doc: &Document) -> Option<Finding> {
        if self.reason.is_some() {
            return None;
        }
        let detail = format!("it silences {}", self.rules.join(", "));
        Some(NO_REASON.finding(Some(self.at(doc)), detail))
    }

    fn at(&self, doc: &Document) -> At {
        let (line, column) = doc.line_col(self.span.start);
        At {
            line,
            column,
            span: self.span.clone(),
            excerpt: doc.text[self.span.clone()].to_string(),
        }
    }
}

/// The built-in findings for the rules of markers that cannot work or did nothing:
/// `silenced` holds each marker's index and a rule it silenced a finding of.
pub fn checks(
    doc: &Document,
    markers: &[Marker],
    silenced: &[(usize, &str)],
    findings: &[Finding],
    settings: &Settings,
) -> Vec<Finding> {
    let mut found = Vec::new();
    for (index, marker) in markers.iter().enumerate() {
        for rule in &marker.rules {
            let at = Some(marker.at(doc));
            let known = settings.rule(rule);
            let without_line = known.is_some_and(|r| matches!(r.check, Check::Missing(_)))
                || findings
                    .iter()
                    .any(|f| *f.rule == **rule && f.line.is_none());
            if known.is_none() && super::builtin::find(rule).is_none() {
                let detail = format!("no rule is named `{rule}` (see `prov rules list`)");
                found.push(UNKNOWN_RULE.finding(at, detail));
            } else if without_line {
                let detail = format!("{rule} findings have no line; accept them in a baseline");
                found.push(WITHOUT_LINE.finding(at, detail));
            } else if !silenced.contains(&(index, rule.as_str())) {
                let [first, last] = [marker.lines.start(), marker.lines.end()];
                let lines = match first == last {
                    true => format!("line {first}"),
                    false => format!("lines {first}-{last}"),
                };
                let detail = format!("no {rule} finding on {lines}");
                found.push(UNUSED.finding(at, detail));
            }
        }
    }
    found
}

/// Every marker of the draft, in text order.
pub fn markers(doc: &Document) -> Vec<Marker> {
    let lines: Vec<Range<usize>> = doc.line_spans().collect();
    let blocks_are_lines = matches!(Positions::of(doc), Positions::ExtractedText { .. });
    let mut markers = Vec::new();
    for (index, range) in lines.iter().enumerate() {
        let text = &doc.text[range.clone()];
        for caps in MARKER.captures_iter(text) {
            let whole = caps.get(0).expect("a match");
            let body = caps
                .name("comment")
                .or(caps.name("bracket"))
                .expect("a body");
            let (rules, reason) = parse(body.as_str());
            let first = doc.lines().first();
            let covered = if text.trim() == whole.as_str() {
                paragraph_after(&doc.text, &lines, index, blocks_are_lines)
            } else {
                index..=index
            };
            markers.push(Marker {
                rules,
                reason,
                line: index + first,
                lines: covered.start() + first..=covered.end() + first,
                span: range.start + whole.start()..range.start + whole.end(),
            });
        }
    }
    markers
}

/// `rule-a, rule-b: reason` as the rules and the reason, if there is one.
fn parse(body: &str) -> (Vec<String>, Option<String>) {
    let (ids, reason) = match body.split_once(':') {
        Some((ids, reason)) => (ids, Some(reason.trim()).filter(|r| !r.is_empty())),
        None => (body, None),
    };
    let rules = ids.split(',').map(|id| id.trim().to_string()).collect();
    (rules, reason.map(str::to_string))
}

/// The line indices of the paragraph that starts at the first non-blank line after
/// `index`: up to the next blank line, or that line alone when `blocks_are_lines`.
fn paragraph_after(
    text: &str,
    lines: &[Range<usize>],
    index: usize,
    blocks_are_lines: bool,
) -> RangeInclusive<usize> {
    let blank = |i: &usize| text[lines[*i].clone()].trim().is_empty();
    let start = (index + 1..lines.len())
        .find(|i| !blank(i))
        .unwrap_or(index);
    if blocks_are_lines {
        return start..=start;
    }
    let end = (start..lines.len())
        .take_while(|i| !blank(i))
        .last()
        .unwrap_or(start);
    start..=end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FrontMatter;

    fn doc(text: &str) -> Document {
        doc_at("d.md", text)
    }

    fn doc_at(path: &str, text: &str) -> Document {
        Document::new("d".into(), path.into(), text.into(), FrontMatter::default())
    }

    #[test]
    fn a_marker_at_the_end_of_a_line_covers_that_line() {
        let m = markers(&doc(
            "one\ntwo <!-- prov-ignore site-chrome, quote-drift: checked -->\n",
        ));
        assert_eq!(m[0].rules, ["site-chrome", "quote-drift"]);
        assert_eq!(m[0].reason.as_deref(), Some("checked"));
        assert_eq!((m[0].line, m[0].lines.clone()), (2, 2..=2));
    }

    #[test]
    fn a_marker_alone_covers_the_next_paragraph() {
        let m = markers(&doc(
            "[prov-ignore untraceable-repost: licensed]\n\nfirst\nsecond\n\nthird\n",
        ));
        assert_eq!(m[0].lines, 3..=4);
        assert_eq!(m[0].reason.as_deref(), Some("licensed"));
    }

    #[test]
    fn in_an_html_page_a_marker_alone_covers_the_next_block() {
        let text = "<!-- prov-ignore quote-drift: checked -->\nfirst block\nsecond block\n";
        assert_eq!(markers(&doc_at("d.html", text))[0].lines, 2..=2);
        assert_eq!(markers(&doc_at("d.md", text))[0].lines, 2..=3);
    }

    #[test]
    fn a_marker_without_reason_is_a_warning_that_still_silences() {
        let d = doc("text <!-- prov-ignore site-chrome -->\n");
        let m = &markers(&d)[0];
        assert_eq!(m.reason, None);
        let warning = m.missing_reason(&d).unwrap();
        assert_eq!(
            (&*warning.rule, warning.line, warning.column),
            (NO_REASON.id, Some(1), Some(6))
        );
    }
}
