//! `--format csv`: one row per article, for spreadsheets.

use super::{Report, by_importance, published};
use crate::analysis::Analysis;
use crate::corpus::visible;
use crate::settings::Settings;

pub struct Csv;

impl Report for Csv {
    fn render(&self, analysis: &Analysis, _settings: &Settings) -> String {
        let mut out = csv::Writer::from_writer(Vec::new());
        let header = [
            "id",
            "path",
            "title",
            "outlet",
            "wire",
            "published",
            "named_sources",
            "anonymous_sources",
            "score",
            "grade",
            "findings",
        ];
        out.write_record(header).expect("writing to memory");
        for index in analysis.ranking() {
            let (doc, verdict) = (&analysis.documents[index], &analysis.verdicts[index]);
            let meta = &analysis.extractions[index].meta;
            let signal = |name: &str| verdict.signals.get(name).unwrap_or(0.0).to_string();
            let findings: Vec<&str> = by_importance(&verdict.findings)
                .iter()
                .map(|f| &*f.rule)
                .collect();
            let record = [
                doc.id.clone(),
                doc.path.clone(),
                meta.title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default(),
                analysis.outlet(index).unwrap_or_default().to_string(),
                meta.wire
                    .as_ref()
                    .map(|w| w.value.clone())
                    .unwrap_or_default(),
                published(analysis, index).unwrap_or_default(),
                signal("named_sources"),
                signal("anonymous_sources"),
                verdict.score.score.to_string(),
                verdict.score.grade.clone(),
                findings.join(";"),
            ];
            out.write_record(record.iter().map(|field| visible(field).into_owned()))
                .expect("writing to memory");
        }
        String::from_utf8(out.into_inner().expect("writing to memory"))
            .expect("CSV of strings is UTF-8")
    }
}
