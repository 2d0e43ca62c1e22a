//! `prov audit`: one draft read in the context of a corpus, after the pipeline
//! has analysed both.
//!
//! The draft's findings pass through its inline suppressions
//! ([`suppress`]) and an optional [`baseline`]; what remains is re-scored, so
//! a gate judges only findings nobody has accepted. Markers and baseline
//! entries that cannot work or did nothing become [`builtin`] findings.
//! [`context`] gathers what an editor needs to act, less what was accepted;
//! [`positions`] says what its line numbers count. Rendering is `report`'s job.

pub mod baseline;
pub mod builtin;
pub mod context;
pub mod positions;
pub mod suppress;

use crate::analysis::{Analysis, Verdict};
use crate::config::Severity;
use crate::corpus::{Document, LoadError};
use crate::rules::Finding;
use crate::score;
use crate::settings::Settings;
use baseline::Baseline;
use context::Context;
use positions::Positions;
use serde::Serialize;
use std::borrow::Cow;

/// The audit of one document of an analysis.
#[derive(Debug)]
pub struct Audit<'a> {
    pub analysis: &'a Analysis,
    /// The draft's index in the analysis.
    pub doc: usize,
    /// The draft, with its text: the analysis' own when it keeps it, else read again.
    pub draft: Cow<'a, Document>,
    /// What the lines and columns of its findings count.
    pub positions: Positions,
    /// The findings nobody has accepted and the score they give.
    pub verdict: Verdict,
    /// Findings an inline marker or the baseline accepted.
    pub suppressed: Vec<Suppressed>,
    pub context: Context,
}

/// A finding that was accepted, and by what.
#[derive(Debug, Clone, Serialize)]
pub struct Suppressed {
    #[serde(flatten)]
    pub finding: Finding,
    pub by: Suppression,
}

/// What accepted a finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Suppression {
    /// A `prov-ignore` marker on this line, with its reason if it gives one.
    Inline {
        line: usize,
        reason: Option<String>,
    },
    Baseline,
}

/// Audit document `doc`: apply its markers and the baseline, re-score, gather context.
///
/// The error is a draft whose text could not be read again.
pub fn audit<'a>(
    analysis: &'a Analysis,
    doc: usize,
    settings: &Settings,
    baseline: Option<&Baseline>,
) -> Result<Audit<'a>, LoadError> {
    let draft = analysis.documents[doc].document()?;
    let original = &analysis.verdicts[doc];
    let markers = suppress::markers(&draft);
    let warnings = markers.iter().filter_map(|m| m.missing_reason(&draft));
    let all: Vec<Finding> = original.findings.iter().cloned().chain(warnings).collect();
    let (mut findings, suppressed, silenced) = sort_out(&all, &markers, baseline);
    findings.extend(suppress::checks(
        &draft,
        &markers,
        &silenced,
        &original.findings,
        settings,
    ));
    findings.extend(baseline.map(|b| b.unused(&all)).unwrap_or_default());
    let score = score::score(original.score.start.clone(), &findings, settings);
    let accepted: Vec<&Finding> = suppressed.iter().map(|s| &s.finding).collect();
    let context = context::context(analysis, doc, &draft);
    let context = context.without_accepted_copies(&accepted, settings);
    Ok(Audit {
        analysis,
        doc,
        verdict: Verdict {
            findings,
            score,
            ..original.clone()
        },
        suppressed,
        context,
        positions: Positions::of(&draft),
        draft,
    })
}

/// The findings nobody accepted; those a marker or the baseline accepted; and each
/// marker's index with a rule it silenced a finding of.
fn sort_out<'f>(
    all: &'f [Finding],
    markers: &[suppress::Marker],
    baseline: Option<&Baseline>,
) -> (Vec<Finding>, Vec<Suppressed>, Vec<(usize, &'f str)>) {
    let mut findings = Vec::new();
    let mut suppressed = Vec::new();
    let mut silenced = Vec::new();
    for finding in all {
        let marker = markers
            .iter()
            .enumerate()
            .find(|(_, m)| m.silences(finding));
        if let Some((index, _)) = marker {
            silenced.push((index, &*finding.rule));
        }
        let by = marker
            .map(|(_, m)| Suppression::Inline {
                line: m.line,
                reason: m.reason.clone(),
            })
            .or_else(|| {
                baseline
                    .filter(|b| b.accepts(finding))
                    .map(|_| Suppression::Baseline)
            });
        let finding = finding.clone();
        match by {
            Some(by) => suppressed.push(Suppressed { finding, by }),
            None => findings.push(finding),
        }
    }
    (findings, suppressed, silenced)
}

impl Audit<'_> {
    /// Whether a finding still standing is at least this severe.
    pub fn has(&self, severity: Severity) -> bool {
        self.verdict.findings.iter().any(|f| f.severity >= severity)
    }
}

/// Why a rule matters: its explanation in the rules, or a built-in one.
pub fn explanation<'a>(settings: &'a Settings, rule: &str) -> Option<&'a str> {
    match settings.rule(rule) {
        Some(r) => Some(r.explanation.trim()),
        None => builtin::find(rule).map(|b| b.explanation),
    }
}
