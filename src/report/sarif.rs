//! `prov audit --format sarif`: SARIF 2.1.0, so that code-review tools show the
//! findings on the draft's lines.
//!
//! Suppressed findings are kept, each with a `suppressions` entry (an inline
//! marker is `inSource` with its reason as the justification; the baseline is
//! `external`), so a viewer can show what was accepted and why. Columns count
//! Unicode code points, as `prov` does everywhere (`columnKind`).
//!
//! A region is given only where it is one of the file's: for an HTML page the
//! result is on the file, for a JSON line on its line, and the message says
//! where in the article's text (see [`Positions`]).

use super::AuditReport;
use crate::audit::positions::Positions;
use crate::audit::{self, Audit, Suppressed, Suppression, baseline, builtin};
use crate::config::Severity;
use crate::corpus::Document;
use crate::rules::Finding;
use crate::settings::Settings;
use serde_json::{Value, json};

const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub struct Sarif;

impl AuditReport for Sarif {
    fn render(&self, audit: &Audit, settings: &Settings) -> String {
        let doc = &audit.draft;
        let rules = rule_ids(settings);
        let active = audit.verdict.findings.iter().map(|f| (f, None));
        let suppressed = audit.suppressed.iter().map(|s| (&s.finding, Some(s)));
        let results: Vec<Value> = active
            .chain(suppressed)
            .map(|(f, s)| result(doc, &audit.positions, f, s, &rules))
            .collect();
        let sarif = json!({
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "prov",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(|id| rule(settings, id)).collect::<Vec<_>>(),
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        serde_json::to_string_pretty(&sarif).expect("plain data") + "\n"
    }
}

/// Every enabled rule, then the built-in findings about suppressions.
fn rule_ids(settings: &Settings) -> Vec<&str> {
    let enabled = settings.rules.iter().filter(|r| r.enabled);
    let ids = enabled.map(|r| &*r.id);
    ids.chain(builtin::ALL.map(|b| b.id)).collect()
}

fn rule(settings: &Settings, id: &str) -> Value {
    let built_in = builtin::find(id).map(|b| (b.message, b.severity));
    let (message, severity) = match settings.rule(id) {
        Some(r) => (&*r.message, r.severity),
        None => built_in.expect("a rule id of the rules or a built-in one"),
    };
    json!({
        "id": id,
        "shortDescription": {"text": message},
        "fullDescription": {"text": audit::explanation(settings, id).unwrap_or(message)},
        "defaultConfiguration": {"level": level(severity)},
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(
    doc: &Document,
    positions: &Positions,
    f: &Finding,
    suppressed: Option<&Suppressed>,
    rules: &[&str],
) -> Value {
    let mut text = match &f.detail {
        Some(detail) => format!("{}: {detail}", f.message),
        None => f.message.to_string(),
    };
    if let (Some(name), Some(line), Some(column)) = (positions.text_name(), f.line, f.column) {
        text.push_str(&format!(" (line {line}, column {column} of the {name})"));
    }
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [location(doc, positions, f)],
        "partialFingerprints": {"evidence/v1": baseline::fingerprint(f)},
    });
    if let Some(index) = rules.iter().position(|id| **id == *f.rule) {
        result["ruleIndex"] = json!(index);
    }
    if let Some(s) = suppressed {
        result["suppressions"] = json!([suppression(&s.by)]);
    }
    result
}

fn location(doc: &Document, positions: &Positions, f: &Finding) -> Value {
    let mut physical = json!({"artifactLocation": {"uri": uri(positions.file(doc))}});
    if let Positions::JsonLineText { line, .. } = positions {
        physical["region"] = json!({"startLine": line});
    } else if let (Positions::File, Some(span)) = (positions, &f.span) {
        let (start_line, start_column) = doc.line_col(span.start);
        let (end_line, end_column) = doc.line_col(span.end);
        physical["region"] = json!({
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
            "snippet": {"text": &doc.text[span.clone()]},
        });
    }
    json!({"physicalLocation": physical})
}

fn suppression(by: &Suppression) -> Value {
    match by {
        Suppression::Inline { reason, .. } => {
            let mut s = json!({"kind": "inSource"});
            if let Some(reason) = reason {
                s["justification"] = json!(reason);
            }
            s
        }
        Suppression::Baseline => {
            json!({"kind": "external", "justification": "accepted in the baseline"})
        }
    }
}

/// A relative URI reference for a path: `/` separators, other reserved bytes percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
