//! `--format table`: the reliability table, best first, for a terminal.

use super::{Report, by_importance, label, sources};
use crate::analysis::Analysis;
use crate::settings::Settings;
use comfy_table::{Cell, CellAlignment, ContentArrangement, presets};

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
                "sources",
                "score",
                "grade",
                "top findings",
            ]);
        for index in analysis.ranking() {
            let verdict = &analysis.verdicts[index];
            let meta = &analysis.extractions[index].meta;
            let outlet = verdict
                .publisher
                .clone()
                .or_else(|| meta.outlet.as_ref().map(|o| o.value.clone()));
            let findings = by_importance(&verdict.findings);
            let mut top: Vec<String> = findings
                .iter()
                .take(TOP_FINDINGS)
                .map(|f| label(f))
                .collect();
            if findings.len() > TOP_FINDINGS {
                top.push(format!("… {} more", findings.len() - TOP_FINDINGS));
            }
            table.add_row(vec![
                Cell::new(&analysis.documents[index].id),
                Cell::new(outlet.as_deref().unwrap_or("-")),
                Cell::new(
                    meta.published
                        .as_ref()
                        .map_or("-".into(), |d| d.value.to_string()),
                ),
                Cell::new(sources(analysis, index)).set_alignment(CellAlignment::Center),
                Cell::new(verdict.score.score).set_alignment(CellAlignment::Right),
                Cell::new(&verdict.score.grade).set_alignment(CellAlignment::Center),
                Cell::new(top.join("\n")),
            ]);
        }
        format!("{table}\n")
    }
}
