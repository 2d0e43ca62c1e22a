//! `--format markdown`: the table and every finding, for a pull request or a wiki.

use super::{Report, by_importance, label, published, sources};
use crate::analysis::Analysis;
use crate::corpus::{visible, visible_line};
use crate::settings::Settings;
use std::fmt::Write;

pub struct Markdown;

impl Report for Markdown {
    fn render(&self, analysis: &Analysis, _settings: &Settings) -> String {
        let mut out = String::from(
            "| article | outlet | date | sources | score | grade |\n|---|---|---|:-:|--:|:-:|\n",
        );
        let cell = |s: &str| visible_line(s).replace('|', "\\|");
        for &index in &analysis.ranking() {
            let verdict = &analysis.verdicts[index];
            let date = published(analysis, index).unwrap_or_else(|| "-".into());
            let _ = writeln!(
                out,
                "| {} | {} | {date} | {} | {} | {} |",
                cell(&analysis.documents[index].id),
                cell(analysis.outlet(index).unwrap_or("-")),
                sources(analysis, index),
                verdict.score.score,
                verdict.score.grade
            );
        }
        for index in analysis.ranking() {
            let _ = write!(
                out,
                "\n### {}\n\n",
                visible_line(&analysis.documents[index].id)
            );
            let findings = by_importance(&analysis.verdicts[index].findings);
            if findings.is_empty() {
                out.push_str("No findings.\n");
            }
            for f in findings {
                let excerpt = f
                    .excerpt
                    .as_ref()
                    .map(|e| format!(": `{}`", visible(e).replace('`', "'")))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- **{}** {}{excerpt}",
                    visible(&label(f)),
                    visible(&f.message)
                );
            }
        }
        out
    }
}
