//! Stage 2 of the pipeline: read one [`Document`] and find what it says about
//! itself and its sources — [`Meta`] (title, date, outlet, wire credit, byline,
//! site chrome), [`Citation`]s (who the information is attributed to) and
//! [`Quote`]s (direct quotations and their speakers).
//!
//! Pure: text in, facts out, each with its byte span in `Document::text` so
//! that findings can point at `line:column`. Nothing is invented: a fact the
//! text does not state stays `None`.

mod appositives;
mod chrome;
mod citations;
mod cue_words;
mod dates;
mod meta;
mod people;
mod person_cues;
mod quotes;
mod sources;
mod wire;

pub use chrome::chrome_lines;

use crate::corpus::Document;
use crate::outlet::Registry;
use chrono::NaiveDate;
use cue_words::{CueHits, Cues};
use people::People;
use serde::Serialize;
use std::ops::Range;

/// A byte range in `Document::text`.
pub type Span = Range<usize>;

/// Which input decided a metadata field, so findings can say why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Clue {
    /// Front matter, a JSON field or an HTML `<meta>` tag.
    Given,
    /// The domain of the article's URL, through the outlet registry.
    UrlDomain,
    /// A line of the text ("Publish date …", "Afghan Voice Agency (AVA):", "Tokyo CNN –").
    Text,
}

/// A metadata value with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub clue: Clue,
    /// Where in the text, when the clue is `Text`.
    pub span: Option<Span>,
}

/// What the article says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<Found<String>>,
    pub published: Option<Found<NaiveDate>>,
    /// The publisher: a registry outlet's canonical name, or the name as written.
    pub outlet: Option<Found<String>>,
    /// A wire service credited for the text ("According to VNA", "(Reuters) -").
    pub wire: Option<Found<String>>,
    pub byline: Option<Found<String>>,
    /// Whole lines of leftover site chrome (comment forms, share buttons, "Source link").
    pub chrome: Vec<Span>,
}

/// How information is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CitationKind {
    /// "in an interview with CNN", "told CNN", "speaking to CNN".
    Interview,
    /// "Nikkei Asia first reported", "according to CNN", "the Nikkei noted".
    Report,
    /// "in a statement", "a NATO spokesman said".
    Statement,
    /// A wire credit or dateline: "According to VNA", "(Reuters) -", "Kyodo news agency said".
    Wire,
    /// "citing unnamed officials", "people familiar with the matter".
    Anonymous,
}

/// What kind of thing the source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// An outlet from the registry; `Citation::source` is its canonical name.
    Outlet,
    /// A named person or a role ("Foreign Minister Hayashi", "a NATO spokesman").
    Person,
    /// A name in an attribution cue that the registry does not know.
    Unknown,
    /// No name given ("unnamed Japanese and NATO officials").
    Anonymous,
}

/// An attribution of information to a source.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// The source as reports show it: an outlet's canonical name, a person or role, or the words used.
    pub source: String,
    pub source_kind: SourceKind,
    pub kind: CitationKind,
    /// The cue text, e.g. "in an interview with CNN".
    pub cue: String,
    /// The span of the cue in the text.
    pub span: Span,
    /// The 1-based character column of the span's start on its line: set by
    /// [`extract`] (0 before), so that reports need not read the text again.
    pub column: usize,
    /// A date the citation gives for the source's report ("first reported … on May 3"),
    /// resolved against the article's own date where it has one.
    pub date: Option<NaiveDate>,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, without the quote marks.
    pub text: String,
    /// Who said it, where the sentence says so.
    pub speaker: Option<String>,
    /// The span of the quotation including its marks.
    pub span: Span,
}

/// Everything `extract` finds in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub meta: Meta,
    pub citations: Vec<Citation>,
    pub quotes: Vec<Quote>,
}

/// The cue words of every pattern that [`cue_words`] runs: one search of a text finds
/// them all.
const CUE_WORDS: [Cues; 4] = [
    citations::ANONYMOUS_CUES,
    person_cues::PERSON_CUES,
    citations::UNKNOWN_CUES,
    people::TITLE_CUES,
];

/// The first full date written in `text`, as extraction reads one in an article:
/// how a date given as text (front matter, JSON lines, `<meta>`) is read when it is
/// not in ISO 8601.
pub(crate) fn first_full_date(text: &str) -> Option<chrono::NaiveDate> {
    dates::first_full(text).map(|(_, date)| date)
}

/// Extract metadata, citations and quotes from one document.
pub fn extract(doc: &Document, registry: &Registry) -> Extraction {
    let hits = CueHits::find(&doc.text);
    let people = named_people(&doc.text, &hits);
    let credits = wire::credits(doc, registry, &people);
    let mut meta = meta::meta(doc, registry, credits.publisher);
    meta.wire = credits.wire;
    meta.chrome = chrome::chrome_lines(doc);
    let published = meta.published.as_ref().map(|found| found.value);
    let mut citations = citations::citations(
        &doc.text,
        &hits,
        registry,
        &people,
        published,
        credits.citations,
    );
    if let Some(publisher) = &meta.outlet {
        citations.retain(|c| !names_publisher(c, &publisher.value));
        meta.wire = meta
            .wire
            .filter(|wire| !sources::is_publisher(&wire.value, &publisher.value));
    }
    for citation in &mut citations {
        citation.column = doc.line_col(citation.span.start).1;
    }
    let quotes = quotes::quotes(doc, registry, &people);
    Extraction {
        meta,
        citations,
        quotes,
    }
}

/// The people `text`, whose cue words are `hits`, names: after a title or quoted
/// ([`people`]), then described between commas ([`appositives`]). The appositive cue
/// asks the people named the first way whether a one-word name is a person's, so the
/// people are found in two steps here: `people` cannot ask `appositives`, which asks
/// it. A described name adds someone only when it is fuller than the name they know by
/// its surname ("Paul Ryan, a Republican, said" before "Congressman Ryan says").
fn named_people(text: &str, hits: &CueHits) -> People {
    let mut named = people::titled_or_quoted(text, hits);
    let titled = People::new(text, named.clone());
    let described = appositives::find(text, hits, &titled)
        .map(|(_, name, _)| name)
        .filter(|name| {
            let name = &text[name.clone()];
            !titled.knows(name) || titled.full_name(name).len() < name.len()
        });
    let before = named.len();
    named.extend(described);
    if named.len() == before {
        return titled;
    }
    People::new(text, named)
}

/// Whether a citation is of the article's own publisher ("told BBC News" on bbc.com,
/// "WASHINGTON (Reuters) -" on reuters.com): a publisher is not its own source, nor
/// its own wire.
fn names_publisher(citation: &Citation, publisher: &str) -> bool {
    matches!(
        citation.source_kind,
        SourceKind::Outlet | SourceKind::Unknown
    ) && sources::is_publisher(&citation.source, publisher)
}

/// Whether `line` has fewer than `n` words. Counting stops at the `n`th: the lines
/// the extractors ask this of are often whole paragraphs.
fn fewer_words_than(line: &str, n: usize) -> bool {
    line.split_whitespace().take(n).count() < n
}

/// Shared fixtures for the extractors' tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::corpus::{Document, FrontMatter};
    use crate::outlet::{Outlet, OutletKind, Registry};

    const SEEDS: [(&str, &str); 5] = [
        (
            "000_30fde9fe001ed933",
            include_str!("../../seeds/000_30fde9fe001ed933.txt"),
        ),
        (
            "001_e7a9e3d448b427a1",
            include_str!("../../seeds/001_e7a9e3d448b427a1.txt"),
        ),
        (
            "002_f40a1664c5cdecd9",
            include_str!("../../seeds/002_f40a1664c5cdecd9.txt"),
        ),
        (
            "003_fa223e60b4ee97ca",
            include_str!("../../seeds/003_fa223e60b4ee97ca.txt"),
        ),
        (
            "004_1aeeccb6f13d94ad",
            include_str!("../../seeds/004_1aeeccb6f13d94ad.txt"),
        ),
    ];

    /// The people `text` names.
    pub(super) fn people(text: &str) -> super::people::People {
        super::named_people(text, &super::CueHits::find(text))
    }

    /// Each mention of a person in `text`: its words and the name of whom it
    /// mentions, as "Felkel → Chip Felkel".
    pub(super) fn mentions(text: &str) -> Vec<String> {
        let people = people(text);
        (people.mentions())
            .map(|(span, name)| format!("{} → {name}", &text[span]))
            .collect()
    }

    /// Seed `n` of `seeds/` as a document without front matter.
    pub(crate) fn seed(n: usize) -> Document {
        let (id, text) = SEEDS[n];
        Document::new(
            id.into(),
            format!("seeds/{id}.txt"),
            text.into(),
            FrontMatter::default(),
        )
    }

    pub(crate) fn doc(text: &str) -> Document {
        Document::new(
            "t".into(),
            "t.txt".into(),
            text.into(),
            FrontMatter::default(),
        )
    }

    /// The outlets of the default registry that the seeds name.
    pub(crate) fn test_registry() -> Registry {
        let outlet = |name: &str, aliases: &[&str], domain: &str, kind| Outlet {
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            domains: vec![domain.into()],
            kind,
            prior: None,
        };
        use OutletKind::*;
        Registry::new(vec![
            outlet("Afghan Voice Agency", &["AVA"], "avapress.com", Wire),
            outlet("CNN", &[], "cnn.com", Broadcaster),
            outlet(
                "Nikkei Asia",
                &["Nikkei", "Nikkei Asian Review"],
                "asia.nikkei.com",
                Newspaper,
            ),
            outlet("Kyodo News", &["Kyodo"], "kyodonews.net", Wire),
            outlet("Vietnam News Agency", &["VNA"], "vnanet.vn", Wire),
            outlet("The Insider", &[], "theins.ru", Online),
            outlet("Reuters", &[], "reuters.com", Wire),
            outlet("Associated Press", &["AP"], "apnews.com", Wire),
            outlet("AFP", &[], "afp.com", Wire),
            outlet("BBC", &[], "bbc.co.uk", Broadcaster),
            outlet("Xinhua", &[], "xinhuanet.com", StateMedia),
            outlet("TASS", &[], "tass.com", StateMedia),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{seed, test_registry};
    use super::*;
    use std::fmt::Write;

    /// What `extract` finds in one seed, one fact a line, with file line numbers.
    fn summary(doc: &Document) -> String {
        let found = extract(doc, &test_registry());
        let line = |span: &Span| doc.line_col(span.start).0;
        let fact = |name: &str, f: &Option<Found<String>>| match f {
            Some(f) => format!(
                "{name}: {} ({:?}{})\n",
                f.value,
                f.clue,
                f.span
                    .as_ref()
                    .map_or(String::new(), |s| format!(", line {}", line(s)))
            ),
            None => format!("{name}: none\n"),
        };
        let meta = &found.meta;
        let mut out = fact("title", &meta.title);
        out += &fact("outlet", &meta.outlet);
        out += &fact("wire", &meta.wire);
        out += &fact("byline", &meta.byline);
        let published = meta.published.as_ref().map(|f| Found {
            value: f.value.to_string(),
            clue: f.clue,
            span: f.span.clone(),
        });
        out += &fact("published", &published);
        let chrome: Vec<String> = meta
            .chrome
            .iter()
            .map(|s| format!("{} {:?}", line(s), &doc.text[s.clone()]))
            .collect();
        writeln!(out, "chrome: {chrome:?}").unwrap();
        for c in &found.citations {
            let date = c.date.map_or(String::new(), |d| format!(" date {d}"));
            writeln!(
                out,
                "citation line {}: {:?} {:?} {:?} cue {:?}{date}",
                line(&c.span),
                c.kind,
                c.source_kind,
                c.source,
                c.cue
            )
            .unwrap();
        }
        for q in &found.quotes {
            let head: String = q.text.chars().take(40).collect();
            writeln!(
                out,
                "quote line {}: {head:?} speaker {:?}",
                line(&q.span),
                q.speaker
            )
            .unwrap();
        }
        out
    }

    #[test]
    fn seed_extractions() {
        for n in 0..5 {
            let doc = seed(n);
            insta::assert_snapshot!(doc.id.clone(), summary(&doc));
        }
    }

    #[test]
    fn a_person_described_between_commas_is_known_by_surname() {
        let text = "Paris, the capital, said Felkel was late. Chip Felkel, a \
             strategist, said so, and Felkel said more. The company, the largest in town, \
             said it would close. Paris said the company was late.\n";
        // The Felkel of the first sentence is named in full only later: the text
        // knows him by then.
        assert_eq!(
            testing::mentions(text),
            [
                "Felkel → Chip Felkel",
                "Chip Felkel → Chip Felkel",
                "Felkel → Chip Felkel",
            ]
        );
        let named = testing::people(text);
        assert!(!named.knows("Paris") && !named.knows("company"));
    }

    #[test]
    fn fewer_words_than_counts_words_not_spaces() {
        assert!(fewer_words_than("Tokyo  CNN", 3));
        assert!(!fewer_words_than(" Tokyo\tCNN – ", 3));
        assert!(fewer_words_than("   ", 1));
        assert!(!fewer_words_than("", 0));
    }
}
