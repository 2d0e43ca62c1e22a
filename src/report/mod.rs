//! Stage 8 of the pipeline: render an [`Analysis`] for people and programs.
//!
//! One output format per file behind the [`Report`] trait; the CLI picks one
//! with `--format` (or, for [`Html`], `prov report --out`); `prov audit`'s
//! formats (text, JSON, SARIF) sit behind [`AuditReport`]. Rendering is pure: it
//! returns the bytes, the binary writes them.

mod audit_json;
mod audit_text;
mod csv;
pub mod diagnostics;
mod html;
mod json;
mod markdown;
mod sarif;
mod table;

use crate::analysis::Analysis;
use crate::audit::Audit;
use crate::rules::Finding;
use crate::settings::Settings;

pub use self::csv::Csv;
pub use crate::json_out::JsonLayout;
pub use audit_json::AuditJson;
pub use audit_text::AuditText;
pub use html::Html;
pub use json::Json;
pub use markdown::Markdown;
pub use sarif::Sarif;
pub use table::Table;

/// An output format of `prov score` or `prov report`.
pub trait Report {
    fn render(&self, analysis: &Analysis, settings: &Settings) -> String;

    /// Write the report to `out`. A format whose output grows with the corpus (JSON)
    /// streams it, so that a large run never holds the whole text in memory.
    fn write(
        &self,
        analysis: &Analysis,
        settings: &Settings,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        out.write_all(self.render(analysis, settings).as_bytes())
    }
}

/// An output format of `prov audit`.
pub trait AuditReport {
    fn render(&self, audit: &Audit, settings: &Settings) -> String;
}

/// "1 article", "2 articles".
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Findings in the order a reader should see them: errors first, then by how
/// much they moved the score, then by line.
pub fn by_importance(findings: &[Finding]) -> Vec<&Finding> {
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.weight.abs().total_cmp(&a.weight.abs()))
            .then(a.line.cmp(&b.line))
    });
    sorted
}

/// The article's publication date, as `YYYY-MM-DD`.
fn published(analysis: &Analysis, index: usize) -> Option<String> {
    let date = analysis.extractions[index].meta.published.as_ref();
    date.map(|d| d.value.to_string())
}

/// "3/1": named and anonymous sources of an article.
fn sources(analysis: &Analysis, index: usize) -> String {
    let signals = &analysis.verdicts[index].signals;
    let value = |name: &str| signals.get(name).unwrap_or(0.0);
    format!("{}/{}", value("named_sources"), value("anonymous_sources"))
}

/// A finding as a short label: `rule:line +5`, with `cap N` for a veto.
fn label(finding: &Finding) -> String {
    let at = finding.line.map(|l| format!(":{l}")).unwrap_or_default();
    let cap = finding.cap.map(|c| format!(" cap {c}")).unwrap_or_default();
    format!("{}{at} {:+}{cap}", finding.rule, finding.weight)
}
