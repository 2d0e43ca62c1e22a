//! Wire credits and datelines: a short line that credits the whole text
//! ("According to VNA", "Source: Reuters", "Reuters contributed to this report"),
//! and a dateline at the top ("TOKYO (Reuters) -", "WASHINGTON, March 12 (AP) —", or
//! a scraped "Tokyo / CNN / –" spread over short lines).
//!
//! Why it matters: a credit or a wire dateline says where the text came from,
//! which makes a copy attributed rather than an untraceable repost. A dateline
//! naming an outlet that is not a wire ("Tokyo CNN –") claims that outlet as
//! the publisher instead. A credit line is the wire credit only when it names a
//! wire of the registry ("Source: YourNewsWire" credits a site, which stays a
//! cited source); a dateline's outlet in parentheses is one even when unknown.

use super::people::People;
use super::sources;
use super::{Citation, CitationKind, Clue, Found, SourceKind, Span, fewer_words_than};
use crate::corpus::Document;
use crate::outlet::{OutletKind, Registry};
use regex::Regex;
use std::sync::LazyLock;

/// A dateline is looked for only among the first lines of the text.
const DATELINE_LINES: usize = 8;
/// Lines of at most this many words, at the top, may be one dateline split up.
const DATELINE_PART_WORDS: usize = 3;
/// A credit line is short; a longer line is a sentence.
const MAX_CREDIT_CHARS: usize = 80;

/// "TOKYO (Reuters) -", "WASHINGTON, March 12 (Reuters) -", "KYIV, Ukraine (AP) —",
/// "Tokyo\n\nCNN\n\n–": a place (with up to two more parts after commas: a region, a
/// day), then a source in parentheses or standing alone, then a dash. `\s` spans the
/// blank lines of a scraped dateline.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>[A-Z][\p{L}.’'-]*(?:[ \t]+[A-Z][\p{L}.’'-]*){0,2})(?:,[ \t]*[A-Z][\p{L}.]*(?:[ \t]+(?:[A-Z][\p{L}.]*|\d{1,2}))?){0,2}\s*(?:\((?P<paren>[^()\n]{1,40})\)|(?P<bare>[A-Z][\p{L}&.’' ]{0,40}?))\s*[-–—]",
    )
    .expect("dateline pattern is valid")
});

/// "According to VNA", "Source: Reuters", "Additional reporting by Reuters", "With
/// reporting from Reuters and AFP", "The Associated Press contributed to this report."
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[-–—]\s*)?(?:(?:according\s+to|courtesy\s+of|(?:sources?|credit)\s*:)\s*(?P<name>[^\s,;:][^,;:]*?)|(?:(?:additional|with)\s+)?reporting\s+(?:by|from)\s*(?P<reporting>[^\s,;:][^,;:]*?)|(?P<contributor>[^\s,;:][^,;:]*?)\s+contributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article))\s*\.?\s*$")
        .expect("credit pattern is valid")
});

/// What the credits and the dateline say.
#[derive(Debug, Default)]
pub(super) struct Credits {
    pub wire: Option<Found<String>>,
    /// A dateline naming an outlet that is not a wire ("Tokyo CNN –").
    pub publisher: Option<Found<String>>,
    pub citations: Vec<(Citation, Span)>,
}

pub(super) fn credits(doc: &Document, registry: &Registry, people: &People) -> Credits {
    let mut credits = Credits::default();
    dateline(doc, registry, &mut credits);
    for line in doc.line_spans() {
        credit_line(&doc.text, line, registry, people, &mut credits);
    }
    credits
}

fn dateline(doc: &Document, registry: &Registry, credits: &mut Credits) {
    let text = doc.text.as_str();
    let top: Vec<Span> = doc
        .line_spans()
        .filter(|s| !text[s.clone()].trim().is_empty())
        .take(DATELINE_LINES)
        .collect();
    for (i, line) in top.iter().enumerate() {
        // The region a dateline may span: this line, plus the short lines after it.
        let short_run = top[i..]
            .iter()
            .take_while(|s| fewer_words_than(&text[(*s).clone()], DATELINE_PART_WORDS + 1))
            .count();
        let end = top[i + short_run.min(top.len() - i - 1)].end;
        let Some(caps) = DATELINE.captures(&text[line.start..end]) else {
            continue;
        };
        let (name, all_caps_place) = match (caps.name("paren"), caps.name("bare")) {
            (Some(m), _) | (None, Some(m)) => (m, caps["place"].chars().all(|c| !c.is_lowercase())),
            _ => continue,
        };
        let span = line.start + name.start()..line.start + name.end();
        let outlet = registry.resolve(name.as_str());
        let paren = caps.name("paren").is_some();
        let Some(source) = outlet
            .map(|o| o.name.clone())
            .or_else(|| (paren && all_caps_place).then(|| name.as_str().trim().to_string()))
        else {
            continue;
        };
        let found = Found {
            value: source.clone(),
            clue: Clue::Text,
            span: Some(span.clone()),
        };
        if outlet.is_some_and(|o| o.kind != OutletKind::Wire) {
            credits.publisher = Some(found);
        } else {
            let kind = if outlet.is_some() {
                SourceKind::Outlet
            } else {
                SourceKind::Unknown
            };
            let cue_span = line.start..line.start + caps.get(0).map_or(0, |m| m.end());
            credits.citations.push((
                credit_citation(text, source, kind, CitationKind::Wire, cue_span),
                span,
            ));
            credits.wire = Some(found);
        }
        return;
    }
}

fn credit_line(
    text: &str,
    line: Span,
    registry: &Registry,
    people: &People,
    credits: &mut Credits,
) {
    let body = &text[line.clone()];
    if body.trim().len() > MAX_CREDIT_CHARS {
        return;
    }
    let Some(caps) = CREDIT.captures(body) else {
        return;
    };
    // A reporter's contribution ("Reporting by Jane Doe") credits no outlet: those
    // forms count for outlets of the registry only.
    let (credited, outlets_only) = match caps.name("name") {
        Some(name) => (name, false),
        None => match caps.name("reporting").or(caps.name("contributor")) {
            Some(name) => (name, true),
            None => return,
        },
    };
    let cue_span =
        line.start + body.len() - body.trim_start().len()..line.start + body.trim_end().len();
    // Each of several ("Reuters and AFP").
    let mut start = line.start + credited.start();
    for name in credited.as_str().split(CREDIT_JOINER) {
        let span = start..start + name.len();
        start = span.end + CREDIT_JOINER.len();
        let Some((source, source_kind)) = sources::classify(name, registry, people) else {
            continue;
        };
        if !(source_kind == SourceKind::Outlet
            || source_kind == SourceKind::Unknown && !outlets_only)
        {
            continue;
        }
        let wire = source_kind == SourceKind::Outlet
            && registry
                .resolve(&source)
                .is_some_and(|o| o.kind == OutletKind::Wire);
        let kind = if wire {
            CitationKind::Wire
        } else {
            CitationKind::Report
        };
        credits.citations.push((
            credit_citation(text, source.clone(), source_kind, kind, cue_span.clone()),
            span.clone(),
        ));
        if wire && credits.wire.is_none() {
            credits.wire = Some(Found {
                value: source,
                clue: Clue::Text,
                span: Some(span),
            });
        }
    }
}

/// What joins the names of a credit to several: "With reporting from Reuters and AFP".
const CREDIT_JOINER: &str = " and ";

/// The citation a credit line or a dateline makes: of `kind` wire when it names a wire.
fn credit_citation(
    text: &str,
    source: String,
    source_kind: SourceKind,
    kind: CitationKind,
    span: Span,
) -> Citation {
    Citation {
        source,
        source_kind,
        kind,
        cue: text[span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        span,
        column: 0,
        date: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::testing::{doc, people, seed, test_registry};

    fn run(d: &Document) -> Credits {
        credits(d, &test_registry(), &people(&d.text))
    }

    #[test]
    fn vna_credit_line_is_the_wire() {
        let d = seed(4);
        let credits = run(&d);
        let wire = credits.wire.unwrap();
        assert_eq!(wire.value, "Vietnam News Agency");
        assert_eq!(wire.clue, Clue::Text);
        assert_eq!(d.line_col(wire.span.unwrap().start), (22, 14));
        let (citation, _) = &credits.citations[0];
        assert_eq!(
            (citation.kind, citation.source_kind),
            (CitationKind::Wire, SourceKind::Outlet)
        );
        assert_eq!(citation.cue, "According to VNA");
        assert!(credits.publisher.is_none());
    }

    #[test]
    fn scraped_dateline_over_blank_lines_claims_cnn() {
        let d = seed(2);
        let credits = run(&d);
        let publisher = credits.publisher.unwrap();
        assert_eq!(publisher.value, "CNN");
        assert_eq!(d.line_col(publisher.span.unwrap().start), (5, 1));
        assert!(credits.wire.is_none());
        assert!(credits.citations.is_empty());
    }

    #[test]
    fn wire_datelines_with_aliases_and_unknown_agencies() {
        let credits = run(&doc("WASHINGTON (AP) — The Senate voted on Tuesday.\n"));
        assert_eq!(credits.wire.unwrap().value, "Associated Press");
        assert_eq!(credits.citations[0].0.cue, "WASHINGTON (AP) —");

        let credits = run(&doc(
            "Headline here today\nLAGOS (Daily Trust News) - Rain fell.\n",
        ));
        assert_eq!(credits.wire.unwrap().value, "Daily Trust News");
        assert_eq!(credits.citations[0].0.source_kind, SourceKind::Unknown);

        let credits = run(&doc("Tokyo (Japan) – it rained.\nSource: Reuters\n"));
        assert_eq!(credits.wire.unwrap().value, "Reuters");
        assert_eq!(credits.citations.len(), 1);
    }

    #[test]
    fn a_credit_line_is_a_wire_credit_only_when_it_names_a_wire() {
        let credits = run(&doc("Text of the story.\nSource: YourNewsWire\n"));
        assert!(credits.wire.is_none());
        let (citation, _) = &credits.citations[0];
        assert_eq!(
            (
                citation.kind,
                citation.source_kind,
                citation.source.as_str()
            ),
            (CitationKind::Report, SourceKind::Unknown, "YourNewsWire")
        );
        let credits = run(&doc("Text of the story.\nSource: CNN\n"));
        assert!(credits.wire.is_none());
        assert_eq!(credits.citations[0].0.kind, CitationKind::Report);
        // A menu line, not a credit: "credit" without its colon.
        let credits = run(&doc("Text of the story.\nCredit Cards Event\n"));
        assert!(credits.wire.is_none() && credits.citations.is_empty());
        let credits = run(&doc("Text of the story.\nCredit: AFP\n"));
        assert_eq!(credits.wire.unwrap().value, "AFP");
    }

    #[test]
    fn an_end_credit_credits_every_outlet_it_names() {
        use CitationKind::Wire;
        let credited = |text: &str| -> Vec<(String, CitationKind, String)> {
            let d = doc(text);
            let credits = run(&d);
            assert_eq!(credits.wire.map(|w| w.value).as_deref(), Some("Reuters"));
            let citations = credits.citations.into_iter();
            citations
                .map(|(c, name)| (c.source, c.kind, d.text[name].to_string()))
                .collect()
        };
        let row = |source: &str, name: &str| (source.to_string(), Wire, name.to_string());
        assert_eq!(
            credited("The vote slipped.\n— With reporting from Reuters and AFP.\n"),
            [row("Reuters", "Reuters"), row("AFP", "AFP")]
        );
        assert_eq!(
            credited(
                "The vote slipped.\nReuters and The Associated Press contributed to this report.\n"
            ),
            [
                row("Reuters", "Reuters"),
                row("Associated Press", "The Associated Press")
            ]
        );
        // A reporter named with an outlet credits the outlet alone.
        assert_eq!(
            credited("The vote slipped.\nReporting by Jane Doe and Reuters.\n"),
            [row("Reuters", "Reuters")]
        );
    }

    #[test]
    fn credits_at_the_end_of_a_story_and_datelines_with_a_day() {
        for (text, wire) in [
            (
                "The vote slipped.\n\nThe Associated Press contributed to this report.\n",
                "Associated Press",
            ),
            (
                "The vote slipped.\n— With reporting from Reuters and AFP.\n",
                "Reuters",
            ),
            ("The vote slipped.\nAdditional reporting by AFP\n", "AFP"),
            (
                "WASHINGTON, March 12 (Reuters) - The vote slipped.\n",
                "Reuters",
            ),
            (
                "KYIV, Ukraine, Dec 3 (AP) — The vote slipped.\n",
                "Associated Press",
            ),
        ] {
            assert_eq!(
                run(&doc(text)).wire.map(|w| w.value).as_deref(),
                Some(wire),
                "{text}"
            );
        }
        // A reporter's contribution credits no wire, and names no outlet.
        let credits = run(&doc(
            "The vote slipped.\nJane Doe contributed to this report.\n",
        ));
        assert!(credits.wire.is_none() && credits.citations.is_empty());
    }
}
