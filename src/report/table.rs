//! `--format table`: the reliability table, best first, for a terminal.

use super::{Report, by_importance, label, published, sources};
use crate::analysis::Analysis;
use crate::settings::Settings;
use comfy_table::ColumnConstraint::{ContentWidth, UpperBoundary};
use comfy_table::{Cell, CellAlignment, ContentArrangement, Width, presets};

/// The width the table is laid out for.
const WIDTH: u16 = 100;
/// How many findings an article's row shows.
const TOP_FINDINGS: usize = 3;

pub struct Table;

impl Report for Table {
    fn render(&self, analysis: &Analysis, _settings: &Settings) -> String {
        let mut table = comfy_table::Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(WIDTH)
            .set_header([
                "article",
                "outlet",
                "date",
                "named/anon",
                "score",
                "top findings",
            ])
            .set_constraints([
                ContentWidth,
                UpperBoundary(Width::Fixed(14)),
                ContentWidth,
                ContentWidth,
                ContentWidth,
            ]);
        for index in analysis.ranking() {
            let verdict = &analysis.verdicts[index];
            let date = published(analysis, index).unwrap_or_else(|| "-".into());
            table.add_row(vec![
                Cell::new(&analysis.documents[index].id),
                Cell::new(analysis.outlet(index).unwrap_or("-")),
                Cell::new(date),
                Cell::new(sources(analysis, index)).set_alignment(CellAlignment::Center),
                Cell::new(format!(
                    "{:>3} {}",
                    verdict.score.score, verdict.score.grade
                )),
                Cell::new(top_findings(&verdict.findings)),
            ]);
        }
        format!("{table}\n")
    }
}

/// The most important findings, one a line, and how many more there are.
fn top_findings(findings: &[crate::rules::Finding]) -> String {
    let findings = by_importance(findings);
    let mut top: Vec<String> = findings
        .iter()
        .take(TOP_FINDINGS)
        .map(|f| label(f))
        .collect();
    if findings.len() > TOP_FINDINGS {
        top.push(format!("… {} more", findings.len() - TOP_FINDINGS));
    }
    top.join("\n")
}
