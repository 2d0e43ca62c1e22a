//! Outlet ratings from real raters' tables, for the outlet registry.
//!
//! A rater (Media Bias/Fact Check, the aggregate of Lin et al. 2023, or any
//! CSV with a domain and a score column) publishes a table of domains and
//! ratings on its own scale. [`read`] turns the text of such a table into
//! ratings on prov's 0–100 scale, with domains normalised as the registry
//! normalises them; [`render`] writes them as an outlets file (`[[outlet]]`
//! entries with `ratings`) whose header states the scale mapping, so a reader
//! of the file can check every number. Pure: text in, text out; the command
//! line reads and writes the files.
//!
//! Every problem of a table (a missing column, a score that is not on the
//! scale, one domain rated twice differently) is collected with its line, so
//! that one run shows them all and nothing half-read is written.

use crate::outlet::{OutletKind, Rating, host_and_path};
use crate::report::plural;
use std::collections::BTreeMap;
use std::fmt;

/// The labels of Media Bias/Fact Check's `factual_reporting` and the score each
/// maps to: evenly spaced from "very low" (0) to "very high" (100), with
/// "mostly factual" between "high" and "mixed".
pub const MBFC_FACTUAL: [(&str, f64); 6] = [
    ("very high", 100.0),
    ("high", 80.0),
    ("mostly factual", 65.0),
    ("mixed", 45.0),
    ("low", 20.0),
    ("very low", 0.0),
];

/// How a rater's value becomes a 0–100 score.
#[derive(Debug, Clone, PartialEq)]
pub enum Scale {
    /// Named levels, each with its score (matched ignoring case and outer spaces).
    Labels(Vec<(String, f64)>),
    /// A number from `min` to `max`, mapped linearly onto 0–100.
    Linear { min: f64, max: f64 },
}

impl Scale {
    fn score(&self, raw: &str) -> Result<f64, String> {
        let value = raw.trim();
        match self {
            Scale::Labels(levels) => levels
                .iter()
                .find(|(label, _)| label.eq_ignore_ascii_case(value))
                .map(|(_, score)| *score)
                .ok_or_else(|| {
                    let known: Vec<_> = levels.iter().map(|(l, _)| format!("`{l}`")).collect();
                    format!(
                        "`{value}` is not a level of the scale ({})",
                        known.join(", ")
                    )
                }),
            Scale::Linear { min, max } => {
                let number: f64 = value
                    .parse()
                    .ok()
                    .filter(|n: &f64| n.is_finite())
                    .ok_or_else(|| format!("`{value}` is not a number"))?;
                if !(*min..=*max).contains(&number) {
                    return Err(format!("{number} is outside the scale {min}..{max}"));
                }
                Ok((number - min) / (max - min) * 100.0)
            }
        }
    }

    /// The mapping as the outlets file's header states it.
    pub fn describe(&self) -> String {
        match self {
            Scale::Labels(levels) => levels
                .iter()
                .map(|(label, score)| format!("{label} = {score}"))
                .collect::<Vec<_>>()
                .join(", "),
            Scale::Linear { min, max } => {
                format!("score = 100 × (value − {min}) / ({max} − {min}), rounded to 0.1")
            }
        }
    }
}

/// What to do when a table rates one domain twice with different ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Duplicates {
    /// Refuse the table, naming the lines.
    #[default]
    Error,
    /// Keep the lowest rating, and say so in the file's header.
    Lowest,
}

/// How to read one rater's table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The rater's name, written with every rating.
    pub rater: String,
    /// The date (or year) of the rater's list, or "unknown".
    pub date: String,
    pub domain_column: String,
    pub score_column: String,
    pub scale: Scale,
    /// A column describing the medium (MBFC's `media_type`), read into the
    /// outlet's kind when the table has it.
    pub kind_column: Option<String>,
    pub duplicates: Duplicates,
}

impl Table {
    /// Media Bias/Fact Check: `source` and `factual_reporting` (see [`MBFC_FACTUAL`]).
    pub fn mbfc(date: &str) -> Table {
        Table {
            rater: "mbfc".into(),
            date: date.into(),
            domain_column: "source".into(),
            score_column: "factual_reporting".into(),
            scale: Scale::Labels(
                MBFC_FACTUAL
                    .iter()
                    .map(|(l, s)| (l.to_string(), *s))
                    .collect(),
            ),
            kind_column: Some("media_type".into()),
            duplicates: Duplicates::Error,
        }
    }

    /// Lin et al. (2023): `domain` and `pc1`, the aggregate quality score in 0–1.
    pub fn lin2023(date: &str) -> Table {
        Table::csv("lin2023", date, "domain", "pc1", 0.0, 1.0)
    }

    /// Any table with a domain column and a numeric score from `min` to `max`.
    pub fn csv(rater: &str, date: &str, domain: &str, score: &str, min: f64, max: f64) -> Table {
        Table {
            rater: rater.into(),
            date: date.into(),
            domain_column: domain.into(),
            score_column: score.into(),
            scale: Scale::Linear { min, max },
            kind_column: None,
            duplicates: Duplicates::Error,
        }
    }
}

/// One domain's rating from the table.
#[derive(Debug, Clone, PartialEq)]
pub struct RatedDomain {
    /// The line of the table it comes from.
    pub line: usize,
    pub domain: String,
    pub kind: Option<OutletKind>,
    pub rating: Rating,
}

/// What a table gave: one rating per domain, and what was left out and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Import {
    /// Ordered by domain.
    pub rated: Vec<RatedDomain>,
    /// Rows of data read.
    pub rows: usize,
    /// Rows that cannot give a domain's rating, each with its line and why: no
    /// domain, a name that is not a domain, a section of a site
    /// (`theguardian.com/observer`, which a domain cannot stand for), or no rating.
    pub left_out: Vec<(usize, String)>,
    /// Rows that repeat a domain with the same rating.
    pub repeats: usize,
    /// Domains rated differently on several lines, where the lowest was kept.
    pub lowest_kept: Vec<String>,
    /// The column the outlets' kinds were read from, when the table has one.
    pub kinds_from: Option<String>,
}

/// A problem with a table, at its line (1 is the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Read a rater's table. Every problem is returned, each with its line; with
/// any problem there is no import at all.
pub fn read(text: &str, table: &Table) -> Result<Import, Vec<TableError>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| vec![csv_error(&e, 1)])?
        .clone();
    let column = |name: &str| {
        header.iter().position(|h| h.trim() == name).ok_or_else(|| {
            let known: Vec<_> = header.iter().map(|h| format!("`{h}`")).collect();
            TableError {
                line: 1,
                message: format!(
                    "no column `{name}` in the header (columns: {})",
                    known.join(", ")
                ),
            }
        })
    };
    let (domain_at, score_at) = match (column(&table.domain_column), column(&table.score_column)) {
        (Ok(d), Ok(s)) => (d, s),
        (d, s) => return Err([d.err(), s.err()].into_iter().flatten().collect()),
    };
    let kind_at = (table.kind_column.as_deref())
        .and_then(|name| header.iter().position(|h| h.trim() == name));

    let mut import = Import {
        kinds_from: kind_at.and(table.kind_column.clone()),
        ..Import::default()
    };
    let mut errors = Vec::new();
    // Per domain, every row that rates it.
    let mut by_domain: BTreeMap<String, Vec<RatedDomain>> = BTreeMap::new();
    // Row by row rather than through `records()`: each row's text (from its
    // start to where the reader stopped) is needed to see an unclosed quote.
    let mut record = csv::StringRecord::new();
    loop {
        let next_line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                errors.push(csv_error(&e, next_line));
                continue;
            }
        }
        let start = record.position().expect("a record read has its position");
        let line = start.line() as usize;
        let row = &text[start.byte() as usize..reader.position().byte() as usize];
        import.rows += 1;
        if let Some(message) = malformed(row, record.len(), header.len()) {
            errors.push(TableError { line, message });
            continue;
        }
        let (written, raw) = (&record[domain_at], &record[score_at]);
        let (domain, path) = host_and_path(written);
        let why = if written.trim().is_empty() {
            Some("no domain".to_string())
        } else if !is_domain(&domain) {
            Some(format!("`{written}` is not a domain"))
        } else if !path.trim_end_matches('/').is_empty() {
            Some(format!("`{written}` is a section of a site"))
        } else if raw.trim().is_empty() {
            Some(format!("`{written}` has no rating"))
        } else {
            None
        };
        if let Some(why) = why {
            import.left_out.push((line, why));
            continue;
        }
        let score = match table.scale.score(raw) {
            Ok(score) => (score * 10.0).round() / 10.0,
            Err(message) => {
                errors.push(TableError {
                    line,
                    message: format!("`{}`: {message}", table.score_column),
                });
                continue;
            }
        };
        let kind = kind_at.and_then(|k| record.get(k)).and_then(kind_of_medium);
        by_domain
            .entry(domain.clone())
            .or_default()
            .push(RatedDomain {
                line,
                domain: domain.clone(),
                kind,
                rating: Rating {
                    rater: table.rater.clone(),
                    date: table.date.clone(),
                    domain: Some(domain),
                    score,
                    raw: raw.trim().to_string(),
                },
            });
    }

    for (domain, mut rows) in by_domain {
        let first = rows.remove(0);
        let (same, differ): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .partition(|r| r.rating.score == first.rating.score);
        import.repeats += same.len();
        if differ.is_empty() {
            import.rated.push(first);
            continue;
        }
        let all: Vec<_> = std::iter::once(&first).chain(&differ).collect();
        let lines: Vec<_> = all
            .iter()
            .map(|r| format!("line {} `{}`", r.line, r.rating.raw))
            .collect();
        match table.duplicates {
            Duplicates::Error => errors.push(TableError {
                line: differ[0].line,
                message: format!(
                    "`{domain}` is rated differently on several lines ({}); fix the table, or keep the lowest with --duplicates lowest",
                    lines.join(", ")
                ),
            }),
            Duplicates::Lowest => {
                import
                    .lowest_kept
                    .push(format!("{domain} ({})", lines.join(", ")));
                let lowest = std::iter::once(first)
                    .chain(differ)
                    .min_by(|a, b| a.rating.score.total_cmp(&b.rating.score))
                    .expect("at least one row");
                import.rated.push(lowest);
            }
        }
    }
    if errors.is_empty() {
        Ok(import)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Why a row cannot be read as a row of the table: a quote that is never
/// closed (the CSV reader takes the rest of the table as one field), or a
/// number of fields other than the header's.
fn malformed(row: &str, fields: usize, columns: usize) -> Option<String> {
    if row.matches('"').count() % 2 == 1 {
        Some("a quote opened on this line is never closed, so the rest of the table reads as one field".to_string())
    } else if fields != columns {
        let s = if fields == 1 { "" } else { "s" };
        Some(format!(
            "the row has {fields} field{s} where the header has {columns}"
        ))
    } else {
        None
    }
}

fn csv_error(e: &csv::Error, fallback_line: usize) -> TableError {
    let line = e.position().map_or(fallback_line, |p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the row is not valid UTF-8".to_string(),
        _ => format!("unreadable CSV: {e}"),
    };
    TableError { line, message }
}

/// A host name: letters, digits, hyphens and dots, with at least one dot.
fn is_domain(host: &str) -> bool {
    host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

/// MBFC's `media_type` as an outlet kind, where it says clearly.
fn kind_of_medium(medium: &str) -> Option<OutletKind> {
    let m = medium.trim().to_ascii_lowercase();
    let kind = if m.contains("news agency") {
        OutletKind::Wire
    } else if m.contains("government") {
        OutletKind::Government
    } else if m.starts_with("tv") || m.starts_with("radio") {
        OutletKind::Broadcaster
    } else if m.contains("newspaper") {
        OutletKind::Newspaper
    } else if m.starts_with("magazine") || m.starts_with("journal") {
        OutletKind::Magazine
    } else if m.starts_with("website") || m.starts_with("news app") {
        OutletKind::Online
    } else {
        return None;
    };
    Some(kind)
}

/// The outlets file for an import: a header stating the rater, the list's date,
/// the columns and the scale mapping, and what was left out; then one
/// `[[outlet]]` per domain, named by its domain.
pub fn render(import: &Import, table: &Table, table_name: &str) -> String {
    let mut out = String::new();
    // A comment holds no control character: one from the table (a skipped row's
    // domain) would make the file unreadable, so it is written as an escape.
    let mut note = |text: String| {
        out.push_str("# ");
        out.push_str(&crate::corpus::visible_line(&text));
        out.push('\n');
    };
    note(format!(
        "Outlet ratings by `{}` (list date: {}), written by `prov outlets import`.",
        table.rater, table.date
    ));
    note(format!(
        "Read from {table_name}: {} rows; domains from `{}`, ratings from `{}`{}.",
        import.rows,
        table.domain_column,
        table.score_column,
        import
            .kinds_from
            .as_ref()
            .map(|k| format!(", kinds from `{k}`"))
            .unwrap_or_default()
    ));
    note(format!("Scale mapping: {}.", table.scale.describe()));
    note(
        "Domains are lower case, without `www.`, with web-archive wrappers unwrapped.".to_string(),
    );
    note(format!(
        "{} domains rated; {} rows repeat a domain with the same rating.",
        import.rated.len(),
        import.repeats
    ));
    if !import.lowest_kept.is_empty() {
        note(format!(
            "{} rated differently on several lines; the lowest rating is kept:",
            plural(import.lowest_kept.len(), "domain")
        ));
        for d in &import.lowest_kept {
            note(format!("  {d}"));
        }
    }
    if !import.left_out.is_empty() {
        note(format!(
            "{} left out:",
            plural(import.left_out.len(), "row")
        ));
        for (line, why) in &import.left_out {
            note(format!("  line {line}: {why}"));
        }
    }
    note("Use with the rules: `prov score --outlets FILE …`, `prov outlets show DOMAIN --outlets FILE`.".to_string());
    for r in &import.rated {
        out.push_str("\n[[outlet]]\n");
        out.push_str(&format!("name = {}\n", quoted(&r.domain)));
        out.push_str(&format!("domains = [{}]\n", quoted(&r.domain)));
        if let Some(kind) = r.kind {
            out.push_str(&format!("kind = {}\n", quoted(&kind_name(kind))));
        }
        let g = &r.rating;
        out.push_str(&format!(
            "ratings = [{{ rater = {}, date = {}, domain = {}, score = {}, raw = {} }}]\n",
            quoted(&g.rater),
            quoted(&g.date),
            quoted(&r.domain),
            g.score,
            quoted(&g.raw)
        ));
    }
    out
}

/// A TOML basic string. JSON's string escapes are all valid TOML escapes.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// The kebab-case name serde gives the kind in `rules.toml`.
fn kind_name(kind: OutletKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .expect("kinds serialise as strings")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mbfc_labels_map_to_the_stated_scores() {
        let text = "source,factual_reporting,media_type\nwww.Example.com,Very High,newspaper\nhttps://web.archive.org/web/2020/https://other.org/,mixed,tv station\n";
        let import = read(text, &Table::mbfc("2024-01-01")).unwrap();
        let got: Vec<_> = import
            .rated
            .iter()
            .map(|r| (r.domain.as_str(), r.rating.score, r.kind, r.line))
            .collect();
        assert_eq!(
            got,
            vec![
                ("example.com", 100.0, Some(OutletKind::Newspaper), 2),
                ("other.org", 45.0, Some(OutletKind::Broadcaster), 3),
            ]
        );
        assert_eq!(import.rated[0].rating.raw, "Very High");
        assert_eq!(import.rated[0].rating.date, "2024-01-01");
    }

    #[test]
    fn a_linear_scale_maps_onto_0_to_100_rounded_to_a_tenth() {
        let text = "domain,pc1\nreuters.com,1\ncnn.com,0.658031073873161\nlow.net,0\n";
        let import = read(text, &Table::lin2023("2023")).unwrap();
        let scores: Vec<_> = import
            .rated
            .iter()
            .map(|r| (r.domain.as_str(), r.rating.score))
            .collect();
        assert_eq!(
            scores,
            vec![("cnn.com", 65.8), ("low.net", 0.0), ("reuters.com", 100.0)]
        );
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let text = "domain,pc1\na.com,0.5\nb.com,high\nc.com,0.2\nc.com,0.9\nd.com\ne.com,1.5\n";
        let errors = read(text, &Table::lin2023("2023")).unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 5, 6, 7], "{errors:#?}");
        assert!(errors[0].message.contains("`high` is not a number"));
        assert!(errors[1].message.contains("`c.com` is rated differently"));
        assert!(errors[1].message.contains("line 4 `0.2`, line 5 `0.9`"));
        assert_eq!(
            errors[2].message,
            "the row has 1 field where the header has 2"
        );
        assert!(errors[3].message.contains("outside the scale"));
    }

    #[test]
    fn a_missing_column_is_reported_at_the_header() {
        let errors = read("source,bias\nx.com,left\n", &Table::mbfc("unknown")).unwrap_err();
        assert_eq!(
            errors,
            [TableError {
                line: 1,
                message: "no column `factual_reporting` in the header (columns: `source`, `bias`)"
                    .into()
            }]
        );
    }

    #[test]
    fn an_mbfc_table_without_media_type_gives_ratings_without_kinds() {
        let table = Table::mbfc("unknown");
        let import = read("source,factual_reporting\nfoo.com,high\n", &table).unwrap();
        assert_eq!(import.rated[0].rating.score, 80.0);
        assert_eq!(import.rated[0].kind, None);
        let file = render(&import, &table, "mbfc.csv");
        assert!(
            file.contains("domains from `source`, ratings from `factual_reporting`.\n"),
            "{file}"
        );
    }

    #[test]
    fn a_row_with_an_extra_field_or_an_unclosed_quote_is_refused_at_its_line() {
        let text = "domain,pc1\nfoo.com,0.5,extra\nbar.com,0.3\n\"baz.com,0.4\nqux.com,0.2\n";
        let errors = read(text, &Table::lin2023("2023")).unwrap_err();
        let got: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (2, "the row has 3 fields where the header has 2"),
                (
                    4,
                    "a quote opened on this line is never closed, so the rest of the table reads as one field"
                ),
            ]
        );
    }

    #[test]
    fn duplicates_with_the_same_rating_merge_and_lowest_keeps_the_lowest() {
        let text = "domain,pc1\nwww.x.com,0.5\nx.com,0.5\ny.com,0.9\ny.com,0.3\nsite.com/section,0.1\nz.com,\n,0.4\nwvec–news.com,0.2\n";
        let mut table = Table::lin2023("2023");
        assert!(read(text, &table).is_err());
        table.duplicates = Duplicates::Lowest;
        let import = read(text, &table).unwrap();
        let scores: Vec<_> = import
            .rated
            .iter()
            .map(|r| (r.domain.as_str(), r.rating.score, r.line))
            .collect();
        assert_eq!(scores, vec![("x.com", 50.0, 2), ("y.com", 30.0, 5)]);
        assert_eq!(import.repeats, 1);
        let left_out: Vec<_> = import.left_out.iter().map(|(l, _)| *l).collect();
        assert_eq!(left_out, vec![6, 7, 8, 9]);
        let file = render(&import, &table, "t.csv");
        assert!(
            file.contains("y.com (line 4 `0.9`, line 5 `0.3`)"),
            "{file}"
        );
        assert!(
            file.contains("#   line 6: `site.com/section` is a section of a site"),
            "{file}"
        );
        assert!(file.contains("#   line 7: `z.com` has no rating"), "{file}");
        assert!(file.contains("#   line 8: no domain"), "{file}");
        assert!(
            file.contains("#   line 9: `wvec–news.com` is not a domain"),
            "{file}"
        );
    }

    #[test]
    fn the_rendered_file_is_a_valid_outlets_file_with_its_mapping() {
        let text = "source,factual_reporting,media_type\nreuters.com,very high,news agency\n";
        let table = Table::mbfc("unknown");
        let file = render(&read(text, &table).unwrap(), &table, "mbfc.csv");
        assert!(file.contains("# Scale mapping: very high = 100, high = 80, mostly factual = 65, mixed = 45, low = 20, very low = 0."));
        let parsed: crate::config::OutletsFile = toml::from_str(&file).unwrap();
        let entry = parsed.outlets[0].get_ref();
        assert_eq!(*entry.domains[0].get_ref(), "reuters.com");
        assert_eq!(entry.kind, Some(OutletKind::Wire));
        assert_eq!(*entry.ratings[0].score.get_ref(), 100.0);
        assert_eq!(entry.ratings[0].raw, "very high");
    }

    /// Regression: a skipped row's control character was copied into the header's
    /// comment, and prov then refused the file it had written.
    #[test]
    fn a_skipped_rows_control_character_is_escaped_in_the_header() {
        let text = "domain,pc1\nx.com,0.5\nbad\u{1b}.com,0.4\n";
        let table = Table::lin2023("2023");
        let file = render(&read(text, &table).unwrap(), &table, "t.csv");
        assert!(file.contains(r"`bad\u{1b}.com` is not a domain"), "{file}");
        assert!(toml::from_str::<crate::config::OutletsFile>(&file).is_ok());
    }
}
