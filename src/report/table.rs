//! `--format table`: the reliability table, best first, for a terminal.
//!
//! On a terminal the table fits its width, wrapping long cells, but is never laid out
//! narrower than [`MIN_WIDTH`] (at 80 columns the outlet and findings columns were
//! squeezed to a letter each); written to a file or a pipe it is not wrapped at all,
//! so no id or rule is cut in two (as ripgrep and cargo do).

use super::{Report, by_importance, label, published, sources};
use crate::analysis::Analysis;
use crate::corpus::{visible, visible_line};
use crate::settings::Settings;
use comfy_table::ColumnConstraint::{ContentWidth, UpperBoundary};
use comfy_table::{Cell, CellAlignment, ContentArrangement, Width, presets};

/// The narrowest layout: an id, a date, a score and a rule id each keep their width.
const MIN_WIDTH: u16 = 100;

/// How many findings an article's row shows.
const TOP_FINDINGS: usize = 3;

/// The reliability table, laid out for a terminal `width` columns wide, or on
/// unwrapped lines with none.
pub struct Table {
    pub width: Option<u16>,
}

impl Report for Table {
    fn render(&self, analysis: &Analysis, _settings: &Settings) -> String {
        let mut table = comfy_table::Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
            .force_no_tty()
            .set_header([
                "article",
                "outlet",
                "date",
                "named/anon",
                "score",
                "top findings",
            ]);
        if let Some(width) = self.width {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width.max(MIN_WIDTH))
                .set_constraints([
                    ContentWidth,
                    UpperBoundary(Width::Fixed(14)),
                    ContentWidth,
                    ContentWidth,
                    ContentWidth,
                ]);
        }
        for index in analysis.ranking() {
            let verdict = &analysis.verdicts[index];
            let date = published(analysis, index).unwrap_or_else(|| "-".into());
            table.add_row(vec![
                Cell::new(visible_line(&analysis.documents[index].id)),
                Cell::new(visible_line(analysis.outlet(index).unwrap_or("-"))),
                Cell::new(date),
                Cell::new(sources(analysis, index)).set_alignment(CellAlignment::Center),
                Cell::new(format!(
                    "{:>3} {}",
                    verdict.score.score, verdict.score.grade
                )),
                Cell::new(visible(&top_findings(&verdict.findings))),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> (Analysis, Settings) {
        let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let settings = Settings::builtin();
        let corpus = crate::corpus::load(&[seeds]);
        (
            crate::analysis::analyze(corpus, &settings).unwrap(),
            settings,
        )
    }

    fn widest_line(text: &str) -> usize {
        text.lines().map(|l| l.chars().count()).max().unwrap()
    }

    /// Regression: the table was always 100 columns wide, and cut rule ids in
    /// two (`named-sou` / `rces:1`) even in a file.
    #[test]
    fn the_table_fits_a_terminal_and_is_not_wrapped_elsewhere() {
        let (analysis, settings) = seeds();
        let unwrapped = Table { width: None }.render(&analysis, &settings);
        assert!(widest_line(&unwrapped) > 100, "{unwrapped}");
        assert!(unwrapped.contains("named-sources:11 +10"), "{unwrapped}");
        // One line per finding shown (3 for 000, 4 for the others): none wrapped.
        assert_eq!(
            unwrapped.lines().count(),
            3 + (3 + 4 * 4) + 1,
            "{unwrapped}"
        );
        for width in [100, 200] {
            let fitted = Table { width: Some(width) }.render(&analysis, &settings);
            assert!(widest_line(&fitted) <= width as usize, "{fitted}");
        }
        // A narrow terminal gets the 100-column layout, not columns a letter wide.
        let narrow = Table { width: Some(60) }.render(&analysis, &settings);
        assert_eq!(
            narrow,
            Table { width: Some(100) }.render(&analysis, &settings)
        );
        assert!(narrow.contains("named-sources:11 +10"), "{narrow}");
    }
}
