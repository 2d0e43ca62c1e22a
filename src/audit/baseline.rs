//! Baselines: findings an editor has accepted, so that a gate reports only new ones.
//!
//! A baseline is a JSON file (`prov.baseline/1`) of accepted findings, each
//! keyed by its rule and a fingerprint of its evidence text (the excerpt,
//! whitespace-normalised), never by its line: adding a paragraph above a
//! finding does not make it new. A finding with no evidence in the text (a
//! missing date) is keyed by its rule alone. Only findings that count against
//! the draft are written: accepting a finding that raises the score would
//! lower it.
//!
//! An entry that accepts no finding of the draft is reported as the built-in
//! note [`STALE_BASELINE`]: the finding was fixed, and the entry can go.
//!
//! The library parses and renders the file's text; the binary reads and writes it.

use super::builtin::STALE_BASELINE;
use crate::config::Severity;
use crate::rules::Finding;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

pub const SCHEMA: &str = "prov.baseline/1";

/// The accepted findings, by rule and fingerprint, with their excerpts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    accepted: BTreeMap<(String, String), Option<String>>,
}

#[derive(Serialize, Deserialize)]
struct File {
    schema: String,
    accepted: Vec<Entry>,
}

/// One accepted finding; the excerpt and message are there for the reader.
#[derive(Serialize, Deserialize)]
struct Entry {
    rule: String,
    fingerprint: String,
    #[serde(default)]
    excerpt: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// A finding's fingerprint: 16 hex digits of SHA-256 over its rule and evidence text.
pub fn fingerprint(finding: &Finding) -> String {
    let evidence = finding.excerpt.as_deref().unwrap_or("");
    let words: Vec<&str> = evidence.split_whitespace().collect();
    let hash = Sha256::new()
        .chain_update(finding.rule.as_bytes())
        .chain_update([0])
        .chain_update(words.join(" ").as_bytes())
        .finalize();
    hash[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a finding counts against the draft, and so belongs in a baseline.
pub fn is_problem(finding: &Finding) -> bool {
    finding.weight < 0.0 || finding.severity > Severity::Info
}

impl Baseline {
    /// Parse a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.schema != SCHEMA {
            return Err(format!("schema is {}, expected {SCHEMA}", file.schema));
        }
        let accepted = file
            .accepted
            .into_iter()
            .map(|e| ((e.rule, e.fingerprint), e.excerpt))
            .collect();
        Ok(Baseline { accepted })
    }

    pub fn accepts(&self, finding: &Finding) -> bool {
        self.accepted
            .contains_key(&(finding.rule.to_string(), fingerprint(finding)))
    }

    /// The built-in note for each entry that accepts none of `findings`.
    pub fn unused<'a>(&self, findings: impl IntoIterator<Item = &'a Finding>) -> Vec<Finding> {
        let keys = findings
            .into_iter()
            .map(|f| (f.rule.to_string(), fingerprint(f)));
        let matched: BTreeSet<(String, String)> = keys.collect();
        let stale = self
            .accepted
            .iter()
            .filter(|(key, _)| !matched.contains(key));
        stale
            .map(|((rule, print), excerpt)| {
                let evidence = match excerpt {
                    Some(excerpt) => format!(" (“{excerpt}”)"),
                    None => String::new(),
                };
                STALE_BASELINE.finding(None, format!("{rule} {print}{evidence}"))
            })
            .collect()
    }
}

/// The text of a baseline that accepts the problems among `findings`.
pub fn render<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> String {
    let mut accepted: Vec<Entry> = findings
        .into_iter()
        .filter(|f| is_problem(f))
        .map(|f| Entry {
            rule: f.rule.to_string(),
            fingerprint: fingerprint(f),
            excerpt: f.excerpt.clone(),
            message: Some(f.message.to_string()),
        })
        .collect();
    accepted.sort_by(|a, b| (&a.rule, &a.fingerprint).cmp(&(&b.rule, &b.fingerprint)));
    accepted.dedup_by(|a, b| (&a.rule, &a.fingerprint) == (&b.rule, &b.fingerprint));
    let file = File {
        schema: SCHEMA.into(),
        accepted,
    };
    serde_json::to_string_pretty(&file).expect("plain data") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, line: usize, excerpt: &str, weight: f64) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Warning,
            weight,
            cap: None,
            line: Some(line),
            column: Some(1),
            span: None,
            excerpt: Some(excerpt.into()),
            message: "m".into(),
            detail: None,
        }
    }

    #[test]
    fn a_rendered_baseline_accepts_its_findings_wherever_they_moved() {
        let old = finding("site-chrome", 13, "Post a comment", -5.0);
        let baseline = Baseline::parse(&render([&old])).unwrap();
        assert!(baseline.accepts(&finding("site-chrome", 40, "Post  a comment", -5.0)));
        assert!(!baseline.accepts(&finding("site-chrome", 13, "Your Name", -5.0)));
        assert!(!baseline.accepts(&finding("clickbait", 13, "Post a comment", -5.0)));
    }

    #[test]
    fn an_entry_that_accepts_no_finding_is_a_note() {
        let fixed = finding("site-chrome", 13, "Post a comment", -5.0);
        let kept = finding("clickbait", 2, "You won't believe", -5.0);
        let baseline = Baseline::parse(&render([&fixed, &kept])).unwrap();
        let unused = baseline.unused([&kept]);
        assert_eq!(unused.len(), 1);
        assert_eq!(&*unused[0].rule, STALE_BASELINE.id);
        let detail = format!("site-chrome {} (“Post a comment”)", fingerprint(&fixed));
        assert_eq!(unused[0].detail.as_deref(), Some(detail.as_str()));
    }

    #[test]
    fn a_wrong_schema_is_refused() {
        let err = Baseline::parse(r#"{"schema": "prov.score/1", "accepted": []}"#).unwrap_err();
        assert!(err.contains("expected prov.baseline/1"), "{err}");
    }
}
