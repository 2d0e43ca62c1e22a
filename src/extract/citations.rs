//! Attribution cues: who the article says its information comes from.
//!
//! Four families, most specific first: a known outlet with a cue around its
//! name ("in an interview with CNN", "told CNN", "according to the Nikkei",
//! "Nikkei Asia first reported", "Kyodo news agency said"); anonymous sourcing
//! ("citing unnamed officials", "people familiar with the matter"); people and
//! roles ("a NATO spokesman said", "according to Foreign Minister Hayashi"), and
//! people named and described between commas ("Jane Doe, a city council member,
//! said"); and any other capitalised name in a cue ("according to The Daily
//! Planet"), kept as an unknown source. A source found by an earlier family is not
//! counted again at the same place. The person cues' pattern is in `person_cues.rs`,
//! the described people's in `appositives.rs`; the anonymous, person, appositive and
//! unknown-name patterns run from their cue words (`cue_words.rs`).
//!
//! Why it matters: the citation graph, the origin of a story and every
//! attribution rule are built from these.

use super::appositives;
use super::cue_words::{Cue, CueHits, CuePattern, Cues, STARTS};
use super::people::{self, People};
use super::person_cues::{self, Branch};
use super::sources;
use super::{Citation, CitationKind, SourceKind, Span, dates};
use crate::outlet::{OutletKind, Registry};
use chrono::NaiveDate;
use regex::Regex;
use regex_automata::meta;
use std::sync::LazyLock;

/// How far before an outlet's name a cue may start.
const CUE_REACH: usize = 80;

/// How far after its cue a citation's clause (and the date it gives) may run.
const CLAUSE_REACH: usize = 300;

/// A cue that ends right before an outlet's name.
static CUE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:
          (?P<interview>(?-u:\b)(?:in|during)\s+an?\s+(?:\w+\s+)?interview\s+with
            | (?-u:\b)(?:told|speaking\s+(?:to|with)|spoke\s+(?:to|with)|talking\s+to|talked\s+to|interviewed\s+by))
        | (?P<statement>(?-u:\b)(?:in\s+)?an?\s+(?:\w+\s+)?statement\s+(?:(?:sent|given|emailed|released|provided)\s+)?to)
        | (?P<report>(?-u:\b)according\s+to(?:\s+an?\s+(?:\w+\s+)?report\s+(?:by|from|in))?
            | (?-u:\b)citing(?:\s+an?\s+(?:\w+\s+)?report\s+(?:by|from|in))?
            | (?-u:\b)(?:as\s+)?(?:(?:first|originally|previously|initially)\s+)?(?:reported|published|broadcast|revealed|quoted)\s+(?:first\s+)?(?:by|in)
            | (?-u:\b)(?:in\s+)?an?\s+(?:\w+\s+)?report\s+(?:by|from|in)
            | (?-u:\b)via)
        )\s+(?:the\s+)?$",
    )
    .expect("cue pattern is valid")
});

/// A cue that starts right after an outlet's name: an optional "news agency",
/// then a reporting verb.
static CUE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?P<suffix>\s+(?:news\s+agency|news\s+service|newspaper|daily|agency|television|tv|network|magazine|website
          |report|investigation|analysis|story|article))?
        (?:\s*\([A-Z]{2,6}\))?
        \s+(?:(?:also|first|originally|previously|earlier|later|recently|has|had|have|was|were)\s+){0,2}
        (?:reported|reports|said|says|noted|notes|assessed|assesses|wrote|writes|confirmed|confirms|revealed|reveals
          |announced|stated|claimed|cited|learned|quoted|added|published|broadcast|observed|explained|commented
          |goes\s+on\s+to\s+say|went\s+on\s+to\s+say)(?-u:\b)",
    )
    .expect("cue pattern is valid")
});

/// "according to a" before an outlet's name and "report" after it: "according to a CNN
/// report", "citing a Reuters investigation".
static REPORT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:according\s+to|citing)\s+(?:an?|the)\s+(?:\w+\s+)?$")
        .expect("report cue pattern is valid")
});
static REPORT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[’']s)?\s+(?:report|investigation|analysis|story|article)(?-u:\b)")
        .expect("report cue pattern is valid")
});

/// Words that name a cue's outlet as a publication rather than by name: "the Nikkei newspaper".
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:news\s+agency|news\s+service|newspaper|daily)(?-u:\b)")
        .expect("suffix pattern is valid")
});

/// Anonymous sourcing: "citing unnamed officials", "people familiar with the matter",
/// "a source close to the talks", "officials who spoke on condition of anonymity",
/// "sources said".
static ANONYMOUS: LazyLock<CuePattern> = LazyLock::new(|| {
    const GROUP: &str = r"(?:officials?|sources?|people|persons|diplomats?|insiders?|executives?|officers?|employees?)";
    // Bare "sources" is sourcing only with a verb of telling or after "according
    // to": "develop new sources of energy" names no one.
    const SAID: &str = r"(?:said|say|says|told|confirmed|revealed|added|reported|are\s+reporting)";
    let regex = meta::Regex::new(&format!(
        r"(?ix)
          (?-u:\b)(?:citing|according\s+to)\s+(?P<cited>(?:unnamed|anonymous|unidentified)\s+(?:[\w’'-]+\s+){{0,5}}?{GROUP})(?-u:\b)
        | (?-u:\b)(?P<unnamed>(?:unnamed|anonymous|unidentified)\s+(?:[\w’'-]+\s+){{0,5}}?{GROUP})(?-u:\b)
        | (?-u:\b)(?P<familiar>(?:people|persons|sources?|officials?|insiders?|someone|a\s+person)\s+
              (?:familiar\s+with|briefed\s+on|with\s+(?:direct\s+)?knowledge\s+of|close\s+to|involved\s+in)\s+(?:the\s+|an?\s+)?[\w’'-]+)
        | (?-u:\b)(?P<close>an?\s+source\s+close\s+to\s+(?:the\s+|an?\s+)?[\w’'-]+)
        | (?-u:\b)(?P<withheld>{GROUP}\s+(?:who\s+)?(?:spoke|speaking|asked|requested|declined\s+to\s+be\s+named)
              (?:\s+on\s+(?:the\s+)?condition\s+of\s+anonymity|\s+not\s+to\s+be\s+(?:named|identified)|\s+anonymity)?)
        | (?-u:\b)according\s+to\s+(?P<sources>sources|insiders)(?:\s+{SAID})?(?-u:\b)
        | (?-u:\b)(?P<sources_said>sources|insiders)\s+{SAID}(?-u:\b)
        "
    ))
    .expect("anonymous pattern is valid");
    CuePattern::new(regex, None, ANONYMOUS_CUES)
});

/// Where anonymous sourcing is: every match starts with one of these words, or with
/// the "a" or "an" before "person" or "source".
pub(super) const ANONYMOUS_CUES: Cues = &[
    ("according", STARTS),
    ("anonymous", STARTS),
    ("citing", STARTS),
    ("diplomat", STARTS),
    ("diplomats", STARTS),
    ("employee", STARTS),
    ("employees", STARTS),
    ("executive", STARTS),
    ("executives", STARTS),
    ("insider", STARTS),
    ("insiders", STARTS),
    ("officer", STARTS),
    ("officers", STARTS),
    ("official", STARTS),
    ("officials", STARTS),
    ("people", STARTS),
    ("person", Cue::Starts { words_before: 1 }),
    ("persons", STARTS),
    ("someone", STARTS),
    ("source", Cue::Starts { words_before: 1 }),
    ("sources", STARTS),
    ("unidentified", STARTS),
    ("unnamed", STARTS),
];

/// A name the registry may not know, in a cue: "according to The Daily Planet",
/// "Globex Research first reported".
static UNKNOWN_CUE: LazyLock<CuePattern> = LazyLock::new(|| {
    let word = person_cues::capitalised_word(r"\p{L}&");
    let name = format!(r"(?:[Tt]he[ \t]+)?{word}(?:[ \t]+(?:{word}|of|for|and|de))*");
    let after = format!(r"(?P<after>{name})\s+(?:first\s+)?(?:reported|wrote|revealed)(?-u:\b)");
    let regex = meta::Regex::new(&format!(
        r"(?-u:\b)(?i:(?:according\s+to|citing)(?:\s+an?\s+(?:\w+\s+)?(?:report|investigation|analysis|study|survey)\s+(?:by|from|in))?|told|in\s+an?\s+interview\s+with|speaking\s+to|(?:as\s+)?reported\s+by)\s+(?P<before>{name})|{after}"
    ))
    .expect("unknown cue pattern is valid");
    CuePattern::new(regex, Some(&after), UNKNOWN_CUES)
});

/// Where unknown names' cues are: the cue words before the name start a match ("as"
/// may come before "reported", "in an" before "interview"), a reporting verb after
/// the name ends one.
pub(super) const UNKNOWN_CUES: Cues = &[
    ("according", STARTS),
    ("citing", STARTS),
    ("told", STARTS),
    ("interview", Cue::Starts { words_before: 2 }),
    ("speaking", STARTS),
    ("reported", Cue::Starts { words_before: 1 }),
    ("reported", Cue::Ends),
    ("wrote", Cue::Ends),
    ("revealed", Cue::Ends),
];

/// The patterns of this file that run from their cue words, for `cue_words`' tests.
#[cfg(test)]
pub(super) fn cue_patterns() -> [&'static CuePattern; 2] {
    [&ANONYMOUS, &UNKNOWN_CUE]
}

/// Words that end a name caught by the unknown-name pattern without being part of it.
const TRAILING_CONNECTORS: [&str; 4] = [" of", " for", " and", " de"];

/// Every citation in `text`, ordered by span. `found` holds citations already made
/// (wire credits), each with the span of its source's name.
pub(super) fn citations(
    text: &str,
    hits: &CueHits,
    registry: &Registry,
    people: &People,
    published: Option<NaiveDate>,
    found: Vec<(Citation, Span)>,
) -> Vec<Citation> {
    let mut found = Found {
        sources: found.iter().map(|(_, s)| (s.start, s.end)).collect(),
        citations: found,
    };
    outlet_cues(text, registry, &mut found);
    anonymous_cues(text, hits, &mut found);
    person_cues(text, hits, registry, people, &mut found);
    // Before the people cues: "said Jane Doe, a spokeswoman" is cited with the
    // description, not as "said Jane Doe".
    appositive_cues(text, hits, people, &mut found);
    people_cues(text, people, &mut found);
    unknown_cues(text, hits, registry, people, &mut found);
    let mut citations: Vec<Citation> = found.citations.into_iter().map(|(c, _)| c).collect();
    for citation in &mut citations {
        if citation.kind != CitationKind::Anonymous {
            citation.date = cited_date(text, &citation.span, published);
        }
    }
    citations.sort_by_key(|c| (c.span.start, c.span.end));
    resolve_anaphors(&mut citations);
    citations
}

/// "The official added …" after "a senior U.S. official said": the same source, so
/// the same citation's source and kind (anonymous there, anonymous here); "the
/// spokesperson" after "a spokesperson for the Department of …" is that
/// spokesperson, not a second named source. "the ROLE" names whoever a citation
/// before it named with that role; without one, it stays as it is.
fn resolve_anaphors(citations: &mut [Citation]) {
    for i in 0..citations.len() {
        let Some(role) = anaphor_role(&citations[i].source) else {
            continue;
        };
        let has_role = |cue: &str| {
            cue.split(|c: char| !c.is_alphabetic()).any(|w| {
                w.eq_ignore_ascii_case(role)
                    || w.strip_suffix('s')
                        .is_some_and(|w| w.eq_ignore_ascii_case(role))
            })
        };
        let Some(earlier) = citations[..i].iter().rev().find(|c| has_role(&c.cue)) else {
            continue;
        };
        let (source, source_kind) = (earlier.source.clone(), earlier.source_kind);
        let anaphor = &mut citations[i];
        anaphor.source = source;
        anaphor.source_kind = source_kind;
        if source_kind == SourceKind::Anonymous {
            anaphor.kind = CitationKind::Anonymous;
        }
    }
}

/// The role of a source that points back at one named before: "the official" →
/// "official".
fn anaphor_role(source: &str) -> Option<&str> {
    let role = source.strip_prefix("the ")?;
    (!role.contains(' ') && role.chars().all(char::is_lowercase)).then_some(role)
}

/// Citations found so far, each with the span of its source's name, and those
/// spans in order, so that the overlap test in [`add`] is a lookup, not a scan
/// (a long text with thousands of citations would make a scan quadratic).
struct Found {
    citations: Vec<(Citation, Span)>,
    sources: std::collections::BTreeSet<(usize, usize)>,
}

/// Add a citation unless its source was already found at the same place.
fn add(found: &mut Found, text: &str, citation: Citation, source: Span) {
    // Source spans that overlap are never both kept, so the kept spans are
    // disjoint and the one starting last before `source.end` ends last too:
    // it is the only one that can overlap.
    let before_end = found.sources.range(..(source.end, 0)).next_back();
    if before_end.is_some_and(|&(_, end)| source.start < end) {
        return;
    }
    let mut citation = citation;
    citation.cue = text[citation.span.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    found.sources.insert((source.start, source.end));
    found.citations.push((citation, source));
}

fn citation(source: String, source_kind: SourceKind, kind: CitationKind, span: Span) -> Citation {
    Citation {
        source,
        source_kind,
        kind,
        cue: String::new(),
        span,
        column: 0,
        date: None,
    }
}

fn outlet_cues(text: &str, registry: &Registry, found: &mut Found) {
    for (name, outlet) in registry.mentions(text) {
        if people::given_name_before(text, name.start).is_some() {
            // "Michael Bloomberg said": a person's surname, not the outlet.
            continue;
        }
        // The cue is looked for on the name's line, at most CUE_REACH bytes back;
        // only that window is searched, so a very long line stays linear.
        let window = name.start.saturating_sub(CUE_REACH);
        let line_start = text.as_bytes()[window..name.start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(window, |i| window + i + 1);
        let reach = ceil_char_boundary(text, line_start);
        let after = &text[name.end..];
        let wire = outlet.kind == OutletKind::Wire;
        let cue = if let Some(caps) = CUE_BEFORE.captures(&text[reach..name.start]) {
            let kind = match (caps.name("interview"), caps.name("statement")) {
                (Some(_), _) => CitationKind::Interview,
                (None, Some(_)) => CitationKind::Statement,
                _ if wire => CitationKind::Wire,
                _ => CitationKind::Report,
            };
            let suffix = SUFFIX.find(after).map_or(0, |m| m.end());
            Some((
                kind,
                reach + caps.get(0).map_or(0, |m| m.start())..name.end + suffix,
            ))
        } else if let (Some(before), Some(report)) = (
            REPORT_BEFORE.find(&text[reach..name.start]),
            REPORT_AFTER.find(after),
        ) {
            Some((
                CitationKind::Report,
                reach + before.start()..name.end + report.end(),
            ))
        } else {
            CUE_AFTER.captures(after).map(|caps| {
                let by_agency = caps
                    .name("suffix")
                    .is_some_and(|s| s.as_str().contains("agency"));
                let kind = if wire || by_agency {
                    CitationKind::Wire
                } else {
                    CitationKind::Report
                };
                let start = if text[..name.start].ends_with("the ") {
                    name.start - 4
                } else {
                    name.start
                };
                (kind, start..name.end + caps.get(0).map_or(0, |m| m.end()))
            })
        };
        if let Some((kind, span)) = cue {
            add(
                found,
                text,
                citation(outlet.name.clone(), SourceKind::Outlet, kind, span),
                name,
            );
        }
    }
}

fn anonymous_cues(text: &str, hits: &CueHits, found: &mut Found) {
    for caps in ANONYMOUS.captures_iter(text, hits) {
        let Some(whole) = caps.get_match() else {
            continue;
        };
        let Some(group) = [
            "cited",
            "unnamed",
            "familiar",
            "close",
            "withheld",
            "sources",
            "sources_said",
        ]
        .iter()
        .find_map(|g| caps.get_group_by_name(g)) else {
            continue;
        };
        let source = text[group.range()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let cited = citation(
            source,
            SourceKind::Anonymous,
            CitationKind::Anonymous,
            whole.range(),
        );
        add(found, text, cited, group.range());
    }
}

fn person_cues(
    text: &str,
    hits: &CueHits,
    registry: &Registry,
    people: &People,
    found: &mut Found,
) {
    for (cue, branch, person) in person_cues::find(text, hits) {
        if branch == Branch::Inverted && !ends_inverted_speaker(&text[person.end..]) {
            // "The company said officials were investigating": the reported clause's
            // subject, not who said it.
            continue;
        }
        let Some((source, source_kind)) =
            sources::classify(&text[person.clone()], registry, people)
        else {
            continue;
        };
        let kind = match source_kind {
            SourceKind::Anonymous => CitationKind::Anonymous,
            _ if branch == Branch::Cited => CitationKind::Report,
            _ => CitationKind::Statement,
        };
        add(
            found,
            text,
            citation(source, source_kind, kind, cue.range()),
            person,
        );
    }
}

/// Whether `rest`, the text after an inverted speaker, shows the speaker's phrase
/// ended there: punctuation, the end of the line, or one of
/// [`sources::AFTER_SPEAKER`]; not a verb of a clause the phrase is the subject of.
fn ends_inverted_speaker(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\t']);
    let word: &str = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    word.is_empty() || sources::AFTER_SPEAKER.contains(&word)
}

/// An attribution verb right after a person's name: "Mr. McCain said", "Hayashi
/// told reporters".
static VERB_AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let verb = person_cues::attribution_verb_after_speaker();
    Regex::new(&format!(r"^[ \t]+{verb}")).expect("verb pattern is valid")
});

/// An inverting verb right before a person's name: "…, said McCain." Anchored at
/// the end, it is matched backwards from the name: the text before is not read.
static VERB_BEFORE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = person_cues::INVERTING_VERBS;
    Regex::new(&format!(r"(?-u:\b){verbs}[ \t]+$")).expect("verb pattern is valid")
});

/// A person the article names ([`People`]) beside an attribution verb: "Mr. McCain
/// said", "Felkel added" or "…, said Felkel.", where no role word makes it a person
/// cue.
fn people_cues(text: &str, people: &People, found: &mut Found) {
    for (name, person) in people.mentions() {
        if let Some(cue) = people_cue(text, &name) {
            let person = people.full_name(person).to_string();
            let cited = citation(person, SourceKind::Person, CitationKind::Statement, cue);
            add(found, text, cited, name);
        }
    }
}

/// The cue of the person named at `name`: the name and an attribution verb after it,
/// or an inverting verb before it and the name, where the speaker's phrase ends after
/// the name ("The report said Smith was wrong" names who was wrong, not who said it).
fn people_cue(text: &str, name: &Span) -> Option<Span> {
    if let Some(verb) = VERB_AFTER_NAME.find(&text[name.end..]) {
        return Some(name.start..name.end + verb.end());
    }
    let verb = VERB_BEFORE_NAME.find(&text[..name.start])?;
    ends_inverted_speaker(&text[name.end..]).then_some(verb.start()..name.end)
}

/// A person named and described between commas beside an attribution verb
/// ([`appositives`]): "Jane Doe, a city council member, said".
fn appositive_cues(text: &str, hits: &CueHits, people: &People, found: &mut Found) {
    for (cue, name, person) in appositives::find(text, hits, people) {
        let cited = citation(person, SourceKind::Person, CitationKind::Statement, cue);
        add(found, text, cited, name);
    }
}

fn unknown_cues(
    text: &str,
    hits: &CueHits,
    registry: &Registry,
    people: &People,
    found: &mut Found,
) {
    for caps in UNKNOWN_CUE.captures_iter(text, hits) {
        let before = caps.get_group_by_name("before");
        let (Some(whole), Some(name)) = (
            caps.get_match(),
            before.or_else(|| caps.get_group_by_name("after")),
        ) else {
            continue;
        };
        let name = unknown_name(text, name.range(), before.is_some());
        let trimmed = &text[name.clone()];
        if trimmed.ends_with("’s") || trimmed.ends_with("'s") {
            // "citing Japan’s historical aggression": a possessive, not a source.
            continue;
        }
        if text[whole.start()..name.start].starts_with("told") && is_audience(trimmed) {
            // "The minister told Congress that …": who heard it, not a source.
            continue;
        }
        let Some((source, source_kind)) = sources::classify(trimmed, registry, people) else {
            continue;
        };
        let span = if before.is_some() {
            whole.start()..name.end
        } else {
            name.start..whole.end()
        };
        let kind = if source_kind == SourceKind::Anonymous {
            CitationKind::Anonymous
        } else {
            CitationKind::Report
        };
        add(found, text, citation(source, source_kind, kind, span), name);
    }
}

/// The part of `name`, caught by the unknown-name pattern, that is the name: without
/// [`TRAILING_CONNECTORS`], and in one sentence. A name after its cue ("according to
/// the U.S.") ends where its sentence does; one before its cue's verb ("… ISIS. The
/// Daily Planet first reported") starts where its sentence does.
fn unknown_name(text: &str, mut name: Span, after_cue: bool) -> Span {
    if let Some(sentence) = person_cues::sentence_break(&text[name.clone()]) {
        if after_cue {
            name.end = name.start + sentence.start;
        } else {
            name.start += sentence.end;
        }
    }
    let trimmed = TRAILING_CONNECTORS
        .iter()
        .fold(&text[name.clone()], |n, c| n.strip_suffix(c).unwrap_or(n));
    name.start..name.start + trimmed.len()
}

/// Bodies that are told things, not sources: "told Parliament", "told the House
/// Financial Services Committee".
const AUDIENCES: [&str; 12] = [
    "Congress",
    "Parliament",
    "House",
    "Senate",
    "Assembly",
    "Court",
    "Committee",
    "Council",
    "Commons",
    "Lords",
    "Cabinet",
    "Legislature",
];

fn is_audience(name: &str) -> bool {
    (name.split_whitespace().last()).is_some_and(|w| AUDIENCES.contains(&w))
}

/// The date a citation gives for its source ("first reported … on May 3"): the first
/// date expression that starts between the cue and the end of its clause, at most
/// [`CLAUSE_REACH`] bytes on (a text with no punctuation made each citation search the
/// rest of it: `according to Reuters ` 10,000 times took 3.2 s, 40,000 times a minute).
/// The date is read whole even where it runs past the clause end: "May 3, 2023" keeps
/// its year after the comma, and "Dec. 28, 2020" after the full stop of "Dec.".
fn cited_date(text: &str, cue: &Span, published: Option<NaiveDate>) -> Option<NaiveDate> {
    let reach = ceil_char_boundary(text, (cue.end + CLAUSE_REACH).min(text.len()));
    let clause_end = text[cue.end..reach]
        .find([',', ';', '.', '!', '?', '\n'])
        .map_or(reach, |i| cue.end + i);
    dates::find_all(&text[cue.start..reach])
        .next()
        .filter(|(range, _)| cue.start + range.start < clause_end)
        .and_then(|(_, expr)| expr.resolve(published))
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::extract::testing::{doc, people, seed, test_registry};

    /// (line, kind, source kind, source, date) of every citation.
    type Row = (usize, CitationKind, SourceKind, String, Option<NaiveDate>);

    /// Every citation of `d`, an article published on `published`.
    fn cite(d: &Document, published: Option<NaiveDate>) -> Vec<Citation> {
        let hits = CueHits::find(&d.text);
        let people = people(&d.text);
        citations(
            &d.text,
            &hits,
            &test_registry(),
            &people,
            published,
            Vec::new(),
        )
    }

    fn rows(d: &Document, published: Option<NaiveDate>) -> Vec<Row> {
        cite(d, published)
            .into_iter()
            .map(|c| {
                (
                    d.line_col(c.span.start).0,
                    c.kind,
                    c.source_kind,
                    c.source,
                    c.date,
                )
            })
            .collect()
    }

    fn row(line: usize, kind: CitationKind, source_kind: SourceKind, source: &str) -> Row {
        (line, kind, source_kind, source.to_string(), None)
    }

    fn ymd(m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2023, m, d)
    }

    use CitationKind::{Anonymous as AnonCue, Interview, Report, Statement, Wire};
    use SourceKind::{Anonymous, Outlet, Person, Unknown};

    #[test]
    fn seed_000_cites_cnn_interview_and_report() {
        let found = rows(&seed(0), ymd(5, 11));
        assert_eq!(
            found,
            vec![
                row(5, Interview, Outlet, "CNN"),
                row(8, Report, Outlet, "CNN"),
                row(11, Report, Outlet, "CNN"),
            ]
        );
    }

    #[test]
    fn seed_001_cites_cnn_nikkei_the_insider_and_unnamed_officials() {
        let found = rows(&seed(1), None);
        assert_eq!(
            found,
            vec![
                row(3, Interview, Outlet, "CNN"),
                row(11, Report, Outlet, "Nikkei Asia"),
                row(
                    11,
                    AnonCue,
                    Anonymous,
                    "unnamed Japanese and NATO officials"
                ),
                row(11, Report, Outlet, "Nikkei Asia"),
                row(13, Statement, Person, "a NATO spokesman"),
                row(13, Interview, Outlet, "CNN"),
                row(15, AnonCue, Anonymous, "Military experts"),
                row(15, Interview, Outlet, "The Insider"),
                row(15, Statement, Person, "Dmitry Peskov"),
            ]
        );
    }

    #[test]
    fn seed_002_resolves_last_wednesday_against_the_article_date() {
        let found = rows(&seed(2), ymd(5, 10));
        assert_eq!(
            found,
            vec![
                (
                    11,
                    Statement,
                    Person,
                    "the country’s foreign minister".into(),
                    ymd(5, 10)
                ),
                (11, Interview, Outlet, "CNN".into(), ymd(5, 10)),
                (
                    13,
                    Statement,
                    Person,
                    "Yoshimasa Hayashi".into(),
                    ymd(5, 10)
                ),
                (23, Report, Outlet, "Nikkei Asia".into(), ymd(5, 3)),
                row(
                    23,
                    AnonCue,
                    Anonymous,
                    "unnamed Japanese and NATO officials"
                ),
                row(25, Report, Outlet, "Nikkei Asia"),
                row(27, Statement, Outlet, "CNN"),
                row(27, Statement, Person, "a NATO spokesman"),
                row(37, Statement, Person, "Mao Ning"),
                (39, Interview, Outlet, "CNN".into(), ymd(5, 10)),
                row(39, Statement, Person, "Yoshimasa Hayashi"),
            ]
        );
    }

    #[test]
    fn seed_003_cites_the_nikkei_newspaper_and_a_spokesperson() {
        let found = rows(&seed(3), None);
        assert_eq!(
            found,
            vec![
                row(8, Report, Outlet, "Nikkei Asia"),
                row(14, Report, Outlet, "Nikkei Asia"),
                row(
                    18,
                    Statement,
                    Person,
                    "a spokesperson for the Department of Foreign Affairs and Trade"
                ),
                // "the spokesperson" is the one named on line 18.
                row(
                    20,
                    Statement,
                    Person,
                    "a spokesperson for the Department of Foreign Affairs and Trade"
                ),
            ]
        );
    }

    #[test]
    fn seed_004_cites_kyodo_cnn_and_the_foreign_minister() {
        let found = rows(&seed(4), None);
        assert_eq!(
            found,
            vec![
                row(2, Statement, Person, "Fumio Kishida"),
                row(3, Statement, Person, "Fumio Kishida"),
                row(4, Wire, Outlet, "Kyodo News"),
                row(6, Statement, Person, "Yoshimasa Hayashi"),
                row(7, Report, Person, "Yoshimasa Hayashi"),
                row(9, Report, Outlet, "CNN"),
                row(22, Wire, Outlet, "Vietnam News Agency"),
            ]
        );
    }

    #[test]
    fn anonymous_sourcing_in_its_usual_forms() {
        let d = doc("The deal is close, people familiar with the matter said. \
             A source close to the talks agreed, and officials who spoke on condition of anonymity \
             confirmed it. Sources said more. We must develop new sources of energy.");
        let sources: Vec<String> = rows(&d, None).into_iter().map(|r| r.3).collect();
        assert_eq!(
            sources,
            vec![
                "people familiar with the matter",
                "A source close to the talks",
                "officials who spoke on condition of anonymity",
                "Sources"
            ]
        );
    }

    #[test]
    fn a_person_cue_is_found_across_a_blank_line() {
        // The cue's pattern allows any whitespace after "according to"; the whole
        // text is searched, so a paragraph break there does not hide the citation.
        let d = doc("The talks failed, according to\n\nthe ministry spokesman.\n");
        assert_eq!(
            rows(&d, None),
            vec![row(1, Report, Person, "the ministry spokesman")]
        );
    }

    #[test]
    fn a_sentence_end_is_not_part_of_a_name() {
        // A capitalised word before a full stop ends a sentence unless it is an
        // initial, an acronym or a title's abbreviation.
        let d = doc(
            "Talks resumed in Tokyo. The minister said the deal was close. \
             Officials met in Paris. A senior diplomat told reporters it was slow. \
             Sanctions followed, U.S. officials said. \
             The data came from Puerto Rico. Globex Research first reported the rise.\n",
        );
        let sources: Vec<String> = rows(&d, None).into_iter().map(|r| r.3).collect();
        assert_eq!(
            sources,
            vec![
                "the minister",
                "a senior diplomat",
                "U.S. officials",
                "Globex Research"
            ]
        );
    }

    #[test]
    fn a_dotted_acronym_before_a_sentence_s_first_word_ends_the_sentence() {
        // "D.C." keeps a name going ("U.S. officials"), but not into the next sentence.
        // (A source's final full stop is dropped: "according to the U.K." cites "U.K".)
        let d = doc(
            "Talks went on in Washington D.C. The minister said the deal was close. \
             The talks worried the U.S. A NATO spokesman told reporters it was slow. \
             Leaders met to fight ISIS. The envoy said it would take years. \
             The vote was backed, according to the U.K. The ambassador said so. \
             Sanctions followed, U.S. officials said. The deal was signed, according to \
             the U.N. The rest is history. They talked in the U.S. The Daily Planet first \
             reported it.\n",
        );
        let sources: Vec<String> = rows(&d, None).into_iter().map(|r| r.3).collect();
        assert_eq!(
            sources,
            vec![
                "the minister",
                "a NATO spokesman",
                "the envoy",
                "U.K",
                "the ambassador",
                "U.S. officials",
                "U.N",
                "Daily Planet"
            ]
        );
    }

    #[test]
    fn a_reported_clause_s_subject_is_not_an_inverted_speaker() {
        let d = doc("The company said officials were investigating the leak. \
             She added that analysts expect a rebound. \
             The talks failed, said a spokesman on Monday. \
             \"We are ready,\" said the minister, adding more.\n");
        let sources: Vec<String> = rows(&d, None).into_iter().map(|r| r.3).collect();
        assert_eq!(sources, vec!["a spokesman", "the minister"]);
    }

    #[test]
    fn the_role_named_before_is_the_same_source() {
        let d = doc(
            "A senior U.S. official said the talks had stalled. The official added \
             that a deal was possible. A spokesperson for the Department of Trade said more, \
             and the spokesperson said it again. The minister said nothing.\n",
        );
        let found: Vec<(CitationKind, SourceKind, String)> = rows(&d, None)
            .into_iter()
            .map(|r| (r.1, r.2, r.3))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    CitationKind::Anonymous,
                    SourceKind::Anonymous,
                    "U.S. official".into()
                ),
                (
                    CitationKind::Anonymous,
                    SourceKind::Anonymous,
                    "U.S. official".into()
                ),
                (
                    Statement,
                    Person,
                    "a spokesperson for the Department of Trade".into()
                ),
                (
                    Statement,
                    Person,
                    "a spokesperson for the Department of Trade".into()
                ),
                (Statement, Person, "the minister".into()),
            ]
        );
    }

    #[test]
    fn a_person_described_between_commas_is_a_named_source() {
        let d = doc(
            "Jane Doe, a city council member, said the vote was close. The vote was \
             close, said John Roe, a spokeswoman for the ministry. Paris, the capital, \
             said nothing. The company, the largest in town, said it would close. As \
             Cornell Brooks, the new head of the group, said, it was late.\n",
        );
        let found: Vec<(CitationKind, SourceKind, String, String)> = cite(&d, None)
            .into_iter()
            .map(|c| (c.kind, c.source_kind, c.source, c.cue))
            .collect();
        let row = |source: &str, cue: &str| (Statement, Person, source.into(), cue.into());
        assert_eq!(
            found,
            vec![
                row("Jane Doe", "Jane Doe, a city council member, said"),
                row("John Roe", "said John Roe, a spokeswoman for the ministry"),
                row(
                    "Cornell Brooks",
                    "Cornell Brooks, the new head of the group, said"
                ),
            ]
        );
    }

    #[test]
    fn a_person_described_between_commas_is_a_source_by_surname_too() {
        let d = doc(
            "The race is open, said Chip Felkel, a South Carolina Republican strategist. \
             Felkel said Bush was ahead. “So far, it works,” Felkel told reporters. \
             Jack Jennings, president of the Center on Education Policy, said funds were \
             short, and Jennings added that it was early. It is late, said Felkel, but his \
             brother Bob Felkel said it was not.\n\
             Smith added that nothing was certain. Paris, the capital, said nothing, and \
             Paris said more. The company, the largest in town, said it would close, and \
             Company said so.\n",
        );
        let found: Vec<(String, String, Span)> = cite(&d, None)
            .into_iter()
            .map(|c| (c.source, c.cue, c.span))
            .collect();
        let cited = |source: &str, cue: &str| {
            let at = d.text.find(cue).unwrap();
            (source.to_string(), cue.to_string(), at..at + cue.len())
        };
        assert_eq!(
            found,
            vec![
                cited(
                    "Chip Felkel",
                    "said Chip Felkel, a South Carolina Republican strategist"
                ),
                cited("Chip Felkel", "Felkel said"),
                cited("Chip Felkel", "Felkel told"),
                cited(
                    "Jack Jennings",
                    "Jack Jennings, president of the Center on Education Policy, said"
                ),
                cited("Jack Jennings", "Jennings added"),
                cited("Chip Felkel", "said Felkel"),
            ]
        );
    }

    #[test]
    fn a_spokesman_named_for_a_person_is_not_the_person() {
        let d = doc(
            "Rep. John Murtha spoke on Monday. A Murtha spokesman said earlier that the \
             study was wrong.\n",
        );
        let sources: Vec<String> = cite(&d, None).into_iter().map(|c| c.source).collect();
        assert_eq!(sources, ["a Murtha spokesman"]);
    }

    #[test]
    fn a_title_before_a_surname_is_the_person_s_not_a_given_name() {
        let d = doc(
            "Paul Ryan, a Republican from Wisconsin, said the bill would pass. \
             Congressman Ryan says the vote is close. Sen. Ted Cruz said he would \
             object, and Gov. Rick Scott told reporters it was late.\n",
        );
        let found: Vec<(String, String)> = cite(&d, None)
            .into_iter()
            .map(|c| (c.source, c.cue))
            .collect();
        let cited = |source: &str, cue: &str| (source.to_string(), cue.to_string());
        assert_eq!(
            found,
            vec![
                cited("Paul Ryan", "Paul Ryan, a Republican from Wisconsin, said"),
                cited("Paul Ryan", "Ryan says"),
                cited("Ted Cruz", "Ted Cruz said"),
                cited("Rick Scott", "Rick Scott told"),
            ]
        );
    }

    #[test]
    fn a_person_named_with_a_title_is_a_source_by_surname_too() {
        let d = doc(
            "Mr. McCain said the surge worked, and Senator John Smith told \
             reporters it had not. Smith later said more. It is over, said Smith. \
             The report said Smith was wrong.\n",
        );
        let sources: Vec<String> = rows(&d, None).into_iter().map(|r| r.3).collect();
        assert_eq!(
            sources,
            vec!["McCain", "John Smith", "John Smith", "John Smith"]
        );
    }

    #[test]
    fn an_audience_told_something_is_not_a_source() {
        let d = doc(
            "The minister told Congress that the plan would work. Powell told the \
             House Financial Services Committee that rates would hold. She told The Daily \
             Planet it would pass. He told Parliament Magazine the same.\n",
        );
        let sources: Vec<String> = rows(&d, None).into_iter().map(|r| r.3).collect();
        assert_eq!(
            sources,
            vec!["the minister", "Daily Planet", "Parliament Magazine"]
        );
    }

    #[test]
    fn a_surname_that_is_an_outlet_s_name_is_a_person() {
        let d = doc(
            "Julius Reuters said the plan was sound. On Monday Reuters reported the \
             sale, and The Nikkei reported it too.\n",
        );
        assert_eq!(
            rows(&d, None),
            vec![
                row(1, Wire, Outlet, "Reuters"),
                row(1, Report, Outlet, "Nikkei Asia")
            ]
        );
    }

    #[test]
    fn a_report_by_an_outlet_is_a_citation_of_it() {
        let d = doc(
            "Ministers are divided, according to a report by the Financial Times. \
             Prices rose, according to a CNN report. A Reuters investigation said more.\n",
        );
        assert_eq!(
            rows(&d, None),
            vec![
                row(1, Report, Unknown, "Financial Times"),
                row(1, Report, Outlet, "CNN"),
                row(1, Wire, Outlet, "Reuters"),
            ]
        );
    }

    #[test]
    fn an_abbreviated_month_s_full_stop_does_not_cut_off_the_year() {
        // The full stop after "Dec" ends no clause: the date is read whole.
        let d = doc(
            "The plan was first reported by The Daily Planet on Dec. 28, 2020, and \
             Globex Research first reported the sale on Sept. 5, 2021.\n",
        );
        let dates: Vec<(String, Option<NaiveDate>)> = rows(&d, ymd(5, 10))
            .into_iter()
            .map(|r| (r.3, r.4))
            .collect();
        let date = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(
            dates,
            vec![
                ("Daily Planet".into(), date(2020, 12, 28)),
                ("Globex Research".into(), date(2021, 9, 5)),
            ]
        );
    }

    #[test]
    fn unknown_names_are_kept_and_dates_resolve() {
        let d = doc(
            "The plan was first reported by The Daily Planet on May 3, 2022, \
             and according to Globex Research it will pass. Reuters reported on Monday.\n",
        );
        assert_eq!(
            rows(&d, ymd(5, 10)),
            vec![
                (
                    1,
                    Report,
                    Unknown,
                    "Daily Planet".into(),
                    NaiveDate::from_ymd_opt(2022, 5, 3)
                ),
                row(1, Report, Unknown, "Globex Research"),
                (1, Wire, Outlet, "Reuters".into(), ymd(5, 8)),
            ]
        );
    }
}
