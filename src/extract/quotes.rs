//! Direct quotations in straight or curly double quotes, and their speakers.
//!
//! The speaker is taken from the sentence: `"…," stated a spokesperson`,
//! `"…," Hayashi said`, `he claimed, "…"`, the scraped form `"Yoshimasa
//! Hayashi" added: "…"`, or else the first named person of the sentence
//! ("spokesman Mao Ning called on Tokyo to be “cautious”"), without the time or
//! place said after it ("said the minister in Paris on Tuesday" is the minister's).
//! A pronoun ("he said") resolves to the subject of the sentence that last named
//! someone; otherwise the speaker stays unknown.
//!
//! Why it matters: quotes are matched across copies to show quote drift, and a
//! quote's speaker is a first-hand source of the story.

use super::people::{NAME, People, SPEECH_VERBS};
use super::{Quote, Span, sources};
use crate::corpus::Document;
use crate::outlet::Registry;
use regex::Regex;
use std::sync::LazyLock;

/// `"Yoshimasa Hayashi" added:` — a quoted name that introduces the next quote.
static QUOTED_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{NAME}$")).expect("name pattern is valid"));
static INTRODUCES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\s+{SPEECH_VERBS}\s*[:,]")).expect("verb pattern is valid")
});

/// A title's abbreviation before a name, whose full stop does not end the sentence.
const TITLE: &str = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Rev|Sir)\.?[ \t]+)?";

/// After the closing mark: `, stated a spokesperson …`, `, Hayashi said` or
/// `, Mr. Smith said`.
static SPEAKER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[,.!?]?\s*(?:{SPEECH_VERBS}\s+(?P<inverted>{TITLE}[^,.;:\n“”\x22]{{1,100}}?)\s*(?:[,.;:\n]|$)|(?P<subject>{TITLE}[^,.;:\n“”\x22]{{1,60}}?)\s+{SPEECH_VERBS}(?-u:\b))"
    ))
    .expect("speaker pattern is valid")
});

/// Before the opening mark: `The spokesperson further added, `, `he claimed, ` or
/// `Starmer told supporters: ` (up to three words heard it).
static SPEAKER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<subject>{TITLE}[^,.;:\n“”\x22]{{1,80}}?)\s+(?:(?:further|also|then|later|again|\w+ly)\s+)?(?:{SPEECH_VERBS}(?:\s+that)?\s*[:,]?|told(?:\s+[\w’']+){{1,3}}\s*:)\s*$"
    ))
    .expect("speaker pattern is valid")
});

/// Every direct quotation, in text order.
pub(super) fn quotes(doc: &Document, registry: &Registry, people: &People) -> Vec<Quote> {
    let text = doc.text.as_str();
    let mut quotes = Vec::new();
    for line in doc.line_spans() {
        let mut introduced: Option<String> = None;
        // Where the sentence before the next quote starts, looked for from where the
        // last look stopped: a long line with many quotes is read once.
        let (mut sentence, mut looked) = (line.start, line.start);
        for span in quote_spans(text, line.clone()) {
            if let Some(i) = text[looked..span.start].rfind(['.', '!', '?']) {
                sentence = looked + i + 1;
            }
            looked = span.start;
            let inner = inner(text, &span);
            if QUOTED_NAME.is_match(inner) && INTRODUCES.is_match(&text[span.end..line.end]) {
                introduced = Some(people.full_name(inner).to_string());
                continue;
            }
            if inner.is_empty() {
                continue;
            }
            let speaker = introduced.take().or_else(|| {
                speaker(
                    text,
                    sentence..span.start,
                    span.end..line.end,
                    registry,
                    people,
                )
            });
            quotes.push(Quote {
                text: inner.to_string(),
                speaker,
                span,
            });
        }
    }
    quotes
}

/// Closed pairs of double quotes on one line; an unclosed quote is not a quotation.
fn quote_spans(text: &str, line: Span) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    // Only `"` and the characters whose UTF-8 starts with 0xE2 (“ and ” among them) are
    // decoded: both bytes only ever start a character.
    for i in memchr::memchr2_iter(b'"', 0xE2, &text.as_bytes()[line.clone()]) {
        let at = line.start + i;
        let c = text[at..].chars().next().expect("at is a char boundary");
        match (c, open) {
            ('“', None) | ('"', None) => open = Some(at),
            ('”' | '"', Some(start)) => {
                spans.push(start..at + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    spans
}

fn inner<'a>(text: &'a str, span: &Span) -> &'a str {
    let quoted = &text[span.clone()];
    let open = quoted.chars().next().map_or(0, char::len_utf8);
    let close = quoted.chars().next_back().map_or(0, char::len_utf8);
    quoted[open..quoted.len() - close].trim()
}

/// The speaker of a quote, from its sentence `before` it and the rest of its line
/// `after` it.
fn speaker(
    text: &str,
    before: Span,
    after: Span,
    registry: &Registry,
    people: &People,
) -> Option<String> {
    let named = |phrase: &str| -> Option<String> {
        let phrase = phrase.trim();
        if ["he", "she", "He", "She"].contains(&phrase) {
            return people.subject_before(text, before.end).map(str::to_string);
        }
        sources::classify(phrase, registry, people).map(|(source, _)| source)
    };
    // After "said", the speaker comes first and when, where or how after it ("said
    // the minister in Paris on Tuesday"); a clause that is all there is to the speaker
    // stays ("said one participant who requested anonymity").
    let inverted = |phrase: &str| {
        named(sources::without_circumstances(phrase.trim())).or_else(|| named(phrase))
    };
    SPEAKER_AFTER
        .captures(&text[after])
        .and_then(|c| match c.name("inverted") {
            Some(m) => inverted(m.as_str()),
            None => named(c.name("subject")?.as_str()),
        })
        .or_else(|| {
            SPEAKER_BEFORE
                .captures(&text[before.clone()])
                .and_then(|c| named(&c["subject"]))
        })
        .or_else(|| people.first_in(before).map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::testing::{doc, people, seed, test_registry};

    /// (line, first words, speaker) of every quote.
    fn rows(d: &Document) -> Vec<(usize, String, Option<String>)> {
        quotes(d, &test_registry(), &people(&d.text))
            .into_iter()
            .map(|q| {
                let head: String = q
                    .text
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ");
                (d.line_col(q.span.start).0, head, q.speaker)
            })
            .collect()
    }

    fn row(line: usize, head: &str, speaker: Option<&str>) -> (usize, String, Option<String>) {
        (line, head.to_string(), speaker.map(str::to_string))
    }

    #[test]
    fn quote_marks_are_found_among_other_characters_of_the_same_first_byte() {
        // The dashes and the ellipsis start with the same UTF-8 byte as “ and ”.
        let text = "A — “wait… now” and \"yes\" – “open";
        let spans: Vec<&str> = quote_spans(text, 0..text.len())
            .into_iter()
            .map(|span| &text[span])
            .collect();
        assert_eq!(spans, ["“wait… now”", "\"yes\""]);
    }

    #[test]
    fn seed_000_quoted_name_introduces_the_quote() {
        assert_eq!(
            rows(&seed(0)),
            vec![row(7, "We are currently", Some("Yoshimasa Hayashi"))]
        );
    }

    #[test]
    fn seed_003_spokesperson_before_and_after() {
        let found = rows(&seed(3));
        assert_eq!(
            found,
            vec![
                row(12, "group confrontation", None),
                row(16, "historic", Some("Jens Stoltenberg")),
                row(
                    18,
                    "Australia will provide",
                    Some("a spokesperson for the Department of Foreign Affairs and Trade")
                ),
                row(20, "All NATO partners", Some("the spokesperson")),
            ]
        );
    }

    #[test]
    fn seed_004_and_001_speaker_is_the_sentence_subject() {
        assert_eq!(rows(&seed(4)), vec![row(11, "cautious", Some("Mao Ning"))]);
        let found = rows(&seed(1));
        assert_eq!(found[0], row(7, "What is happening", None));
        assert_eq!(
            found
                .iter()
                .filter(|r| r.2.as_deref() == Some("Dmitry Peskov"))
                .count(),
            3
        );
        assert!(rows(&seed(2)).is_empty());
    }

    #[test]
    fn a_title_s_full_stop_and_an_audience_keep_the_speaker() {
        let d = doc("\"We will win,\" Mr. Smith said.\n\
             Sir Keir Starmer told supporters: \"Change begins now.\"\n\
             \"We are ready,\" said Dr. Jane Roe.\n");
        assert_eq!(
            rows(&d),
            vec![
                row(1, "We will win,", Some("Smith")),
                row(2, "Change begins now.", Some("Sir Keir Starmer")),
                row(3, "We are ready,", Some("Jane Roe")),
            ]
        );
    }

    #[test]
    fn a_speaker_is_without_the_time_and_place_after_it() {
        let d = doc("\"We are ready,\" said the minister in Paris on Tuesday.\n\
             \"It is late,\" wrote Karni in a now-deleted tweet.\n\
             \"We will see,\" said a senior analyst at GlobalSecurity.\n\
             \"We must leave,\" said one participant who requested anonymity.\n");
        assert_eq!(
            rows(&d),
            vec![
                row(1, "We are ready,", Some("the minister")),
                row(2, "It is late,", Some("Karni")),
                row(
                    3,
                    "We will see,",
                    Some("a senior analyst at GlobalSecurity")
                ),
                // The clause is all there is to this speaker: it stays.
                row(
                    4,
                    "We must leave,",
                    Some("one participant who requested anonymity")
                ),
            ]
        );
    }

    #[test]
    fn a_person_described_between_commas_speaks_by_surname() {
        let d = doc(
            "It is open, said Chip Felkel, a South Carolina Republican strategist.\n\
             “So far, it works,” Felkel said. “It is late,” said Felkel.\n\
             “We will see,” Jennings said.\n",
        );
        assert_eq!(
            rows(&d),
            vec![
                row(2, "So far, it", Some("Chip Felkel")),
                row(2, "It is late,", Some("Chip Felkel")),
                // Never named in full: the speaker is as the text gives him.
                row(3, "We will see,", Some("Jennings")),
            ]
        );
    }

    #[test]
    fn a_pronoun_is_the_subject_of_the_sentence_that_last_named_someone() {
        let d = doc(
            "Senator Jane Roe criticized President Joe Biden on Monday. \
             \"He has failed,\" she said.\n\
             After meeting President Joe Biden, Prime Minister Fumio Kishida said the \
             bill was dead. \"Talks will continue,\" he said.\n",
        );
        assert_eq!(
            rows(&d),
            vec![
                row(1, "He has failed,", Some("Jane Roe")),
                row(2, "Talks will continue,", Some("Fumio Kishida")),
            ]
        );
    }

    #[test]
    fn pronouns_resolve_to_the_last_named_person() {
        let d = doc(
            "Foreign Minister Yoshimasa Hayashi spoke on Monday. \"We are ready,\" he said.\n\
             \"It is late,\" Jane Roe said. \"Unclosed quote here.\n",
        );
        assert_eq!(
            rows(&d),
            vec![
                row(1, "We are ready,", Some("Yoshimasa Hayashi")),
                row(2, "It is late,", Some("Jane Roe")),
            ]
        );
    }
}
