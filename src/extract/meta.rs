//! What the article says about itself: its title, publication date, publisher
//! and byline. Front matter wins (clue `Given`); then the URL's domain, named
//! by the registry or as the bare domain (`UrlDomain`); then the text (`Text`): a date line at the top
//! ("Publish dateThursday 11 May 2023 - 10:45"), a first line that reads as a
//! headline, a publisher lead-in ("Afghan Voice Agency (AVA): …"), a dateline
//! naming a non-wire outlet ("Tokyo CNN –"), "By Jane Doe" or "(Reporting by …)".
//!
//! Why it matters: the date orders copies, the publisher carries a prior, and a
//! missing publisher or date is itself a finding. Nothing is guessed: an image
//! caption is not a title and "On May 24" is not a publication date.

use super::people::NAME;
use super::{Clue, Found, Span, chrome, dates, fewer_words_than};
use crate::corpus::Document;
use crate::outlet::Registry;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// Title, date, lead-in and byline are looked for among the first non-blank lines.
const TOP_LINES: usize = 6;
/// A date line or a byline is short; a longer line is prose.
const MAX_LABEL_LINE_CHARS: usize = 80;
const MAX_TITLE_CHARS: usize = 200;
const MIN_TITLE_WORDS: usize = 3;

/// What may precede the date on a date line: "Publish date", "Posted on", a weekday.
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*
        (?:by\s+[^|·•\n]{1,60}?\s*[|·•]\s* | by\s+[^,\n]{1,60}?,\s*)?           # By Jane Doe | …
        (?:(?:publish(?:ed)?|posted|updated|last\s+updated|date|on|at)\s*(?:date|on|at)?\s*:?\s*)*
        (?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?)?\s*(?:[a-z]{2,4})?\s*,?\s*)?   # 3:45 PM EDT,
        (?:(?:mon|tue|tues|wed|wednes|thu|thurs|fri|sat|satur|sun)(?:day)?\.?\s*,?\s*)?
        $",
    )
    .expect("date label pattern is valid")
});

/// "Story Code : 269840", "Category: World": a label and a value, not a headline;
/// see [`is_label_value`] for their lengths. (A bounded repeat of a Unicode class,
/// `[\p{L} ]{0,24}`, compiles to a copy of the class for each repetition: this
/// pattern and [`LEAD_IN`] took 40 ms to build, most of a small run's start.)
static LABEL_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\p{L}(?P<label>[\p{L} ]*):\s*(?P<value>[\w-]+)\s*$")
        .expect("label pattern is valid")
});

/// At most this many characters after a label's first letter, and in its value.
const MAX_LABEL_CHARS: usize = 24;
const MAX_VALUE_CHARS: usize = 30;

/// "Afghan Voice Agency (AVA): …": a publisher naming itself before the text; the
/// name is at most [`MAX_LEAD_IN_CHARS`] characters, the abbreviation at most
/// [`MAX_ABBREVIATION_CHARS`].
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<name>[A-Z][\p{L}&.’' ]*?)\s*(?:\((?P<abbr>[A-Z]\p{L}+)\))?\s*:\s")
        .expect("lead-in pattern is valid")
});

const MAX_LEAD_IN_CHARS: usize = 51;
const MAX_ABBREVIATION_CHARS: usize = 8;

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*[Bb]y:?\s+(?P<name>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)\s*$"
    ))
    .expect("byline pattern is valid")
});

static REPORTING_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\((?i:reporting|writing|reported)\s+by\s+(?P<name>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)"
    ))
    .expect("reporting pattern is valid")
});

/// Title, date, outlet and byline; wire and chrome are filled in by `extract`.
pub(super) fn meta(
    doc: &Document,
    registry: &Registry,
    dateline_publisher: Option<Found<String>>,
) -> super::Meta {
    let top: Vec<Span> = doc
        .line_spans()
        .filter(|s| !doc.text[s.clone()].trim().is_empty())
        .take(TOP_LINES)
        .collect();
    super::Meta {
        title: given(doc.front.title.as_deref()).or_else(|| title(&doc.text, &top)),
        published: published(doc, &top),
        outlet: outlet(doc, registry, &top).or(dateline_publisher),
        byline: given(doc.front.author.as_deref()).or_else(|| byline(&doc.text, &top)),
        ..Default::default()
    }
}

fn given(value: Option<&str>) -> Option<Found<String>> {
    let value = value?.trim();
    (!value.is_empty()).then(|| Found {
        value: value.to_string(),
        clue: Clue::Given,
        span: None,
    })
}

fn published(doc: &Document, top: &[Span]) -> Option<Found<NaiveDate>> {
    if let Some(date) = doc.front.published.as_deref().and_then(dates::parse_given) {
        return Some(Found {
            value: date,
            clue: Clue::Given,
            span: None,
        });
    }
    top.iter().find_map(|line| {
        let (range, date) = date_line(&doc.text[line.clone()])?;
        let span = line.start + range.start..line.start + range.end;
        Some(Found {
            value: date,
            clue: Clue::Text,
            span: Some(span),
        })
    })
}

/// A line that is a publication date: a full date, alone or after a label.
fn date_line(line: &str) -> Option<(Span, NaiveDate)> {
    if line.trim().len() > MAX_LABEL_LINE_CHARS {
        return None;
    }
    let (range, date) = dates::first_full(line)?;
    DATE_LABEL
        .is_match(&line[..range.start])
        .then_some((range, date))
}

/// The first top line that reads as a headline. Looking stops at the first
/// sentence, so that a caption or a lead paragraph is never taken for a title.
fn title(text: &str, top: &[Span]) -> Option<Found<String>> {
    for line in top {
        let body = text[line.clone()].trim();
        if is_furniture(body) {
            continue;
        }
        if body.ends_with(['.', ',', ';', ':']) || body.len() > MAX_TITLE_CHARS {
            return None;
        }
        if !fewer_words_than(body, MIN_TITLE_WORDS) && body.starts_with(char::is_uppercase) {
            let start = line.start + text[line.clone()].find(body).unwrap_or(0);
            return Some(Found {
                value: body.to_string(),
                clue: Clue::Text,
                span: Some(start..start + body.len()),
            });
        }
    }
    None
}

/// Lines at the top that are not the headline: dates, labels, bylines, chrome and
/// the short parts of a scraped dateline.
fn is_furniture(line: &str) -> bool {
    date_line(line).is_some()
        || is_label_value(line)
        || BYLINE.is_match(line)
        || chrome::is_chrome(line)
        || fewer_words_than(line, MIN_TITLE_WORDS) && !line.ends_with('.')
}

fn is_label_value(line: &str) -> bool {
    LABEL_VALUE.captures(line).is_some_and(|caps| {
        caps["label"].chars().count() <= MAX_LABEL_CHARS
            && caps["value"].chars().count() <= MAX_VALUE_CHARS
    })
}

fn outlet(doc: &Document, registry: &Registry, top: &[Span]) -> Option<Found<String>> {
    if let Some(name) = doc.front.outlet.as_deref().filter(|n| !n.trim().is_empty()) {
        let value = registry.resolve(name).map_or(name.trim(), |o| &o.name);
        return Some(Found {
            value: value.to_string(),
            clue: Clue::Given,
            span: None,
        });
    }
    if let Some(url) = doc.front.url.as_deref() {
        // The page's own domain names its publisher even when the registry
        // does not know it: "breitbart.com" is a fact the input states.
        let domain = crate::outlet::normalize_domain(url);
        let value = registry.by_domain(url).map_or(domain, |o| o.name.clone());
        if value.contains('.') || registry.resolve(&value).is_some() {
            return Some(Found {
                value,
                clue: Clue::UrlDomain,
                span: None,
            });
        }
    }
    top.iter()
        .find_map(|line| lead_in(&doc.text, line.clone(), registry))
}

/// "Afghan Voice Agency (AVA): …" names the publisher when the registry knows the
/// name, or when an abbreviation in parentheses shows it is an organisation's name.
fn lead_in(text: &str, line: Span, registry: &Registry) -> Option<Found<String>> {
    let caps = lead_in_captures(&text[line.clone()])?;
    let name = caps.name("name")?;
    let known = registry
        .resolve(name.as_str())
        .or_else(|| caps.name("abbr").and_then(|a| registry.resolve(a.as_str())));
    let value = match known {
        Some(outlet) => outlet.name.clone(),
        None if caps.name("abbr").is_some() => name.as_str().trim().to_string(),
        None => return None,
    };
    let span = line.start + name.start()..line.start + name.end();
    Some(Found {
        value,
        clue: Clue::Text,
        span: Some(span),
    })
}

/// [`LEAD_IN`]'s match in `line`, if its name and abbreviation are short enough.
fn lead_in_captures(line: &str) -> Option<regex::Captures<'_>> {
    let caps = LEAD_IN.captures(line)?;
    let chars = |group| caps.name(group).map_or(0, |m| m.as_str().chars().count());
    (chars("name") <= MAX_LEAD_IN_CHARS && chars("abbr") <= MAX_ABBREVIATION_CHARS).then_some(caps)
}

fn byline(text: &str, top: &[Span]) -> Option<Found<String>> {
    let found = |m: regex::Match, offset: usize| Found {
        value: m.as_str().to_string(),
        clue: Clue::Text,
        span: Some(offset + m.start()..offset + m.end()),
    };
    top.iter()
        .find_map(|line| {
            let body = &text[line.clone()];
            (body.len() <= MAX_LABEL_LINE_CHARS)
                .then(|| {
                    BYLINE
                        .captures(body)?
                        .name("name")
                        .map(|m| found(m, line.start))
                })
                .flatten()
        })
        .or_else(|| {
            let caps = REPORTING_BY.captures(text)?;
            caps.name("name").map(|m| found(m, 0))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FrontMatter;
    use crate::extract::testing::{doc, seed, test_registry};

    fn run(d: &Document) -> super::super::Meta {
        meta(d, &test_registry(), None)
    }

    /// The label and lead-in patterns with their lengths checked in code match what
    /// the bounded patterns they replaced matched, at and around each bound.
    #[test]
    fn label_and_lead_in_lengths_are_the_bounded_patterns() {
        let bounded_label = Regex::new(r"^\s*\p{L}[\p{L} ]{0,24}:\s*[\w-]{1,30}\s*$").unwrap();
        let bounded_lead_in = Regex::new(
            r"^\s*(?P<name>[A-Z][\p{L}&.’' ]{0,50}?)\s*(?:\((?P<abbr>[A-Z][\p{L}]{1,7})\))?\s*:\s",
        )
        .unwrap();
        let word = |n: usize| "é".repeat(n);
        let mut lines = vec![
            "Story Code : 269840".to_string(),
            "  Category: World  ".into(),
            "Views: 218".into(),
            "Afghan Voice Agency (AVA): The text".into(),
            "Reuters: the text".into(),
            "TOKYO (Kyodo) : text".into(),
            "no colon here".into(),
            ": starts with a colon".into(),
        ];
        for n in 22..=27 {
            lines.push(format!("É{}: value", word(n)));
            lines.push(format!("A{} b: value", word(n - 2)));
            lines.push(format!("Label: {}", word(n + 6)));
            lines.push(format!("Label: {}-x ", word(n + 4)));
        }
        for n in 48..=53 {
            lines.push(format!("A{}: text", word(n)));
            lines.push(format!("Name {} (AB): text", word(n - 5)));
        }
        for n in 6..=9 {
            lines.push(format!("Some Agency (A{}): text", word(n)));
        }
        for line in &lines {
            assert_eq!(is_label_value(line), bounded_label.is_match(line), "{line}");
            let groups =
                |c: regex::Captures| (c["name"].to_string(), c.name("abbr").map(|a| a.range()));
            assert_eq!(
                lead_in_captures(line).map(groups),
                bounded_lead_in.captures(line).map(groups),
                "{line}"
            );
        }
    }

    fn line_of(d: &Document, found: &Found<impl Sized>) -> usize {
        d.line_col(found.span.clone().unwrap().start).0
    }

    #[test]
    fn date_lines_with_a_byline_or_a_time_before_the_date() {
        for line in [
            "By Jane Doe | March 12, 2024",
            "By Jane Doe, March 12, 2024",
            "Updated 3:45 PM EDT, Tue March 12, 2024",
            "Updated: 8:00 AM ET March 12, 2024",
            "Published: 2024-03-12",
        ] {
            let found = date_line(line).map(|(_, date)| date.to_string());
            assert_eq!(found.as_deref(), Some("2024-03-12"), "{line}");
        }
        assert!(date_line("Jane Doe said on March 12, 2024").is_none());
    }

    #[test]
    fn seed_000_date_title_and_lead_in() {
        let d = seed(0);
        let m = run(&d);
        let published = m.published.unwrap();
        assert_eq!(
            published.value,
            NaiveDate::from_ymd_opt(2023, 5, 11).unwrap()
        );
        assert_eq!(line_of(&d, &published), 1);
        let title = m.title.unwrap();
        assert_eq!(title.value, "NATO establishes a liaison office in Japan");
        assert_eq!(line_of(&d, &title), 3);
        let outlet = m.outlet.unwrap();
        assert_eq!(
            (outlet.value.as_str(), outlet.clue),
            ("Afghan Voice Agency", Clue::Text)
        );
        assert_eq!(line_of(&d, &outlet), 5);
    }

    #[test]
    fn seeds_without_dates_outlets_or_titles_stay_none() {
        let m = run(&seed(1));
        assert_eq!(
            m.title.unwrap().value,
            "In Japan, they wanted to open a NATO office amid the war in Ukraine"
        );
        assert_eq!((m.published, m.outlet), (None, None));

        let d = seed(2);
        let m = run(&d);
        assert_eq!(m.title, None);
        let published = m.published.unwrap();
        assert_eq!(
            published.value,
            NaiveDate::from_ymd_opt(2023, 5, 10).unwrap()
        );
        assert_eq!(line_of(&d, &published), 1);

        let m = run(&seed(3));
        assert_eq!(
            m.title.unwrap().value,
            "NATO Expands Presence Liaison Office to Open in Tokyo"
        );
        assert_eq!((m.published, m.outlet), (None, None));

        let m = run(&seed(4));
        assert_eq!((m.title, m.published, m.outlet), (None, None, None));
    }

    #[test]
    fn given_values_win_and_url_domains_resolve() {
        let mut d = seed(0);
        d.front = FrontMatter {
            url: Some("https://edition.cnn.com/x".into()),
            published: Some("2023-05-12".into()),
            title: Some("Given title".into()),
            author: Some("Jane Doe".into()),
            ..Default::default()
        };
        let m = run(&d);
        assert_eq!(
            m.title.unwrap(),
            Found {
                value: "Given title".into(),
                clue: Clue::Given,
                span: None
            }
        );
        assert_eq!(
            m.published.unwrap().value,
            NaiveDate::from_ymd_opt(2023, 5, 12).unwrap()
        );
        assert_eq!(
            m.outlet.unwrap(),
            Found {
                value: "CNN".into(),
                clue: Clue::UrlDomain,
                span: None
            }
        );
        assert_eq!(m.byline.unwrap().clue, Clue::Given);
        d.front.url = Some("https://www.example-news.com/a/b".into());
        assert_eq!(run(&d).outlet.unwrap().value, "example-news.com");
        d.front.outlet = Some("kyodo".into());
        assert_eq!(run(&d).outlet.unwrap().value, "Kyodo News");
    }

    #[test]
    fn bylines_from_by_lines_and_reporting_credits() {
        let d = doc("Storm hits the coast hard\nBy Jane Doe and John Roe\nIt rained.\n");
        assert_eq!(run(&d).byline.unwrap().value, "Jane Doe and John Roe");
        let d = doc("It rained all day.\n(Reporting by Kiyoshi Takenaka; Editing by Tom Hogue)\n");
        let byline = run(&d).byline.unwrap();
        assert_eq!(byline.value, "Kiyoshi Takenaka");
        assert_eq!(d.line_col(byline.span.unwrap().start), (2, 15));
    }
}
