//! Test inputs built by hand: the extraction that `extract` is meant to give
//! for the five seed articles (`seeds/`), so the graph can be tested apart
//! from the extractor.

use crate::corpus::{Document, Entry, FrontMatter};
use crate::extract::{Citation, CitationKind, Clue, Extraction, Found, Meta, Quote, SourceKind};
use crate::outlet::{Outlet, OutletKind, Registry};
use chrono::NaiveDate;

pub const SEED_IDS: [&str; 5] = [
    "000_30fde9fe001ed933",
    "001_e7a9e3d448b427a1",
    "002_f40a1664c5cdecd9",
    "003_fa223e60b4ee97ca",
    "004_1aeeccb6f13d94ad",
];

pub fn registry() -> Registry {
    let outlet = |name: &str, aliases: &[&str], kind| Outlet {
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        domains: vec![],
        kind,
        prior: None,
    };
    Registry::new(vec![
        outlet("Afghan Voice Agency", &["AVA"], OutletKind::StateMedia),
        outlet("CNN", &[], OutletKind::Broadcaster),
        outlet("Kyodo News", &["Kyodo"], OutletKind::Wire),
        outlet(
            "Nikkei Asia",
            &["Nikkei", "the Nikkei newspaper"],
            OutletKind::Newspaper,
        ),
        outlet("Vietnam News Agency", &["VNA"], OutletKind::Wire),
    ])
}

pub fn date(text: &str) -> NaiveDate {
    text.parse().expect("a test date")
}

pub fn document(id: &str) -> Entry {
    let front = FrontMatter::default();
    Document::new(id.into(), format!("seeds/{id}.txt"), String::new(), front).into()
}

pub fn found<T>(value: T) -> Option<Found<T>> {
    Some(Found {
        value,
        clue: Clue::Text,
        span: None,
    })
}

pub fn cite(source: &str, source_kind: SourceKind, kind: CitationKind) -> Citation {
    Citation {
        source: source.into(),
        source_kind,
        kind,
        cue: String::new(),
        span: 0..0,
        column: 0,
        date: None,
    }
}

fn outlet(source: &str, kind: CitationKind) -> Citation {
    cite(source, SourceKind::Outlet, kind)
}

pub fn person(source: &str, kind: CitationKind) -> Citation {
    cite(source, SourceKind::Person, kind)
}

fn anonymous() -> Citation {
    cite(
        "unnamed Japanese and NATO officials",
        SourceKind::Anonymous,
        CitationKind::Anonymous,
    )
}

fn quote(text: &str, speaker: Option<&str>) -> Quote {
    Quote {
        text: text.into(),
        speaker: speaker.map(String::from),
        span: 0..0,
    }
}

/// The five seed documents and what the extractor should find in them.
pub fn seeds() -> (Vec<Entry>, Vec<Extraction>) {
    use CitationKind::{Interview, Report, Statement, Wire};
    let docs = SEED_IDS.iter().map(|id| document(id)).collect();
    let nikkei_first_reported = Citation {
        date: Some(date("2023-05-03")),
        ..outlet("Nikkei Asia", Report)
    };
    let extractions = vec![
        Extraction {
            meta: Meta {
                outlet: found("Afghan Voice Agency".into()),
                published: found(date("2023-05-11")),
                ..Meta::default()
            },
            citations: vec![outlet("CNN", Interview), outlet("CNN", Report)],
            quotes: vec![quote(
                "We are currently consulting, but the details have not been finalized yet.",
                Some("Yoshimasa Hayashi"),
            )],
        },
        Extraction {
            meta: Meta::default(),
            citations: vec![
                outlet("CNN", Interview),
                outlet("Nikkei Asia", Report),
                anonymous(),
                cite("The Insider", SourceKind::Unknown, Report),
                person("a NATO spokesman", Statement),
            ],
            quotes: vec![quote("cooperate very steadily", None)],
        },
        Extraction {
            meta: Meta {
                outlet: found("CNN".into()),
                published: found(date("2023-05-10")),
                ..Meta::default()
            },
            citations: vec![
                outlet("CNN", Interview),
                nikkei_first_reported,
                anonymous(),
                person("a NATO spokesman", Statement),
                person("Mao Ning", Statement),
            ],
            quotes: vec![],
        },
        Extraction {
            meta: Meta::default(),
            citations: vec![
                outlet("Nikkei", Report),
                outlet("Nikkei Asia", Report),
                person(
                    "a spokesperson for the Department of Foreign Affairs and Trade",
                    Statement,
                ),
            ],
            quotes: vec![],
        },
        Extraction {
            meta: Meta {
                wire: found("Vietnam News Agency".into()),
                ..Meta::default()
            },
            citations: vec![
                outlet("Kyodo News", Wire),
                outlet("CNN", Report),
                person("Foreign Minister Hayashi", Statement),
                outlet("VNA", Wire),
            ],
            quotes: vec![],
        },
    ];
    (docs, extractions)
}
