//! `prov audit --format json`: the `prov.audit/1` schema, for programs.
//!
//! The draft is one article with the same fields as in `prov.score/1` (its
//! findings and score after suppressions), plus the findings that were
//! suppressed and the editor's context.

use super::AuditReport;
use super::json::{Article, Error, RulesUsed, article, errors};
use crate::audit::context::Context;
use crate::audit::positions::Positions;
use crate::audit::{Audit, Suppressed};
use crate::reuse::CopyPair;
use crate::settings::Settings;
use serde::Serialize;

pub const SCHEMA: &str = "prov.audit/1";

pub struct AuditJson;

#[derive(Serialize)]
struct Output<'a> {
    schema: &'static str,
    rules: RulesUsed<'a>,
    article: Article<'a>,
    /// What the lines and columns of the article's findings count.
    positions: &'a Positions,
    suppressed: &'a [Suppressed],
    context: &'a Context,
    /// How many other articles the draft was read against.
    against: usize,
    errors: Vec<Error<'a>>,
}

impl AuditReport for AuditJson {
    fn render(&self, audit: &Audit, settings: &Settings) -> String {
        let analysis = audit.analysis;
        let copies: Vec<&CopyPair> = analysis
            .copies
            .iter()
            .filter(|pair| pair.is_reported_on(audit.doc))
            .collect();
        let output = Output {
            schema: SCHEMA,
            rules: RulesUsed::of(settings),
            article: article(analysis, audit.doc, &audit.verdict, &copies),
            positions: &audit.positions,
            suppressed: &audit.suppressed,
            context: &audit.context,
            against: analysis.documents.len() - 1,
            errors: errors(analysis),
        };
        serde_json::to_string_pretty(&output).expect("serialising plain data") + "\n"
    }
}
