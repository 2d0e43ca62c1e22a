//! Who a source phrase names: an outlet of the registry ("the Nikkei"), a person
//! or role ("a NATO spokesman", "Foreign Minister Hayashi"), an unnamed group
//! ("unnamed officials", "Military experts"), or a name the registry does not
//! know ("The Daily Planet").
//!
//! Why it matters: the graph links articles to outlets and people, and the rules
//! weigh named, anonymous and unknown sources differently. An unknown name is
//! kept as written, never dropped.

use super::SourceKind;
use super::people::People;
use crate::outlet::Registry;
use regex::Regex;
use std::sync::LazyLock;

/// Nouns that make a phrase a person or a role.
pub(super) const ROLES: &str = r"(?i:spokes(?:man|woman|person|people|men|women)|press\s+secretary|secretary[- ]general|(?:prime\s+|foreign\s+|defen[cs]e\s+)?ministers?|secretar(?:y|ies)|presidents?|chancellors?|ambassadors?|diplomats?|officials?|experts?|analysts?|advis[eo]rs?|aides?|officers?|lawmakers?|legislators?|senators?|directors?|chiefs?|commanders?|representatives?|envoys?|researchers?|professors?|economists?|scientists?|prosecutors?|lawyers?|witnesses|witness|residents?|observers?|leaders?|premier|governors?|mayors?|sources?|insiders?)";

/// Words that make a phrase anonymous sourcing.
static ANONYMOUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:unnamed|anonymous|anonymity|unidentified|familiar\s+with|close\s+to|knowledge\s+of|briefed\s+on|sources?|insiders?)(?-u:\b)")
        .expect("anonymous pattern is valid")
});

/// A role noun as a whole word.
pub(super) static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b){ROLES}(?-u:\b)")).expect("role pattern is valid")
});

/// A name after the role: "spokesman Mao Ning" → "Mao Ning".
static NAME_AFTER_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^,?\s+(?P<name>{})$", super::people::NAME))
        .expect("name pattern is valid")
});

const PRONOUNS: [&str; 12] = [
    "he", "she", "they", "him", "her", "them", "it", "we", "i", "you", "this", "that",
];

/// "the source stressed" refers back to a source already cited.
const ANAPHORS: [&str; 2] = ["the source", "the sources"];

/// What a source phrase names, as `(source, kind)`; `None` for a pronoun or a
/// phrase that names nothing.
pub(super) fn classify(
    phrase: &str,
    registry: &Registry,
    people: &People,
) -> Option<(String, SourceKind)> {
    let phrase = without_leading_connectives(phrase.trim().trim_end_matches([',', '.', ';', ':']));
    let bare = strip_article(phrase);
    if bare.is_empty() || PRONOUNS.contains(&bare.to_ascii_lowercase().as_str()) {
        return None;
    }
    if ANAPHORS.contains(&phrase.to_ascii_lowercase().as_str()) {
        return None;
    }
    if let Some(outlet) = registry.resolve(bare) {
        return Some((outlet.name.clone(), SourceKind::Outlet));
    }
    if ANONYMOUS.is_match(phrase) {
        return Some((lowercase_article(phrase), SourceKind::Anonymous));
    }
    if let Some(role) = ROLE.find_iter(phrase).last() {
        return Some(role_source(
            phrase,
            role.as_str(),
            &phrase[role.end()..],
            people,
        ));
    }
    if people.knows(bare) {
        return Some((people.full_name(bare).to_string(), SourceKind::Person));
    }
    bare.starts_with(|c: char| c.is_uppercase())
        .then(|| (bare.to_string(), SourceKind::Unknown))
}

/// Words that may follow a speaker, as in "said the minister …": a time, a place, a
/// manner or a relative clause ("said the minister on Monday", "… in a statement",
/// "… who declined to be named").
pub(super) const AFTER_SPEAKER: [&str; 17] = [
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "when",
    "while",
    "who",
    "whose",
    "late",
    "earlier",
    "last",
    "this",
    "yesterday",
    "today",
    "adding",
];

/// A speaker's phrase without what a word of [`AFTER_SPEAKER`] starts after it: "the
/// minister in Paris on Tuesday" is "the minister". "at" before a capitalised name says
/// where the speaker works, as in a person cue ("a senior analyst at GlobalSecurity").
pub(super) fn without_circumstances(phrase: &str) -> &str {
    let circumstance = phrase.match_indices(' ').find(|&(space, _)| {
        let rest = &phrase[space + 1..];
        let word = rest.split(' ').next().unwrap_or_default();
        let workplace = rest.strip_prefix("at ").is_some_and(|place| {
            let place = place.strip_prefix("the ").unwrap_or(place);
            place.starts_with(char::is_uppercase)
        });
        AFTER_SPEAKER.contains(&word) && !workplace
    });
    circumstance.map_or(phrase, |(space, _)| &phrase[..space])
}

/// Lower-case words that start a clause, caught before a role by a pattern that
/// allows two words there ("a former senior official"): "Critics disputed what the
/// president said" cites "the president", not "what the president".
const CONNECTIVES: [&str; 16] = [
    "what", "as", "when", "and", "but", "that", "because", "if", "while", "where", "how", "why",
    "so", "whether", "or", "than",
];

fn without_leading_connectives(mut phrase: &str) -> &str {
    while let Some((first, rest)) = phrase.split_once([' ', '\t'])
        && CONNECTIVES.contains(&first)
    {
        phrase = rest.trim_start();
    }
    phrase
}

/// A phrase with a role noun: the person's name when given, else the role;
/// a plural role without a name ("Military experts") is an unnamed group.
fn role_source(phrase: &str, role: &str, after: &str, people: &People) -> (String, SourceKind) {
    if let Some(caps) = NAME_AFTER_ROLE.captures(after) {
        return (
            people.full_name(&caps["name"]).to_string(),
            SourceKind::Person,
        );
    }
    let plural = role.ends_with('s') && !role.eq_ignore_ascii_case("witness");
    let first = phrase
        .split_whitespace()
        .next()
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let determined =
        ["a", "an", "the", "one", "his", "her", "its", "their"].contains(&first.as_str());
    // "a U.S. military official said" names no one, as "officials said" does not,
    // nor does "a senior White House official" (whose match starts at "White");
    // "the official" may be one named before, and "a NATO spokesman" speaks for an
    // office a reader can ask.
    let pointed = ["the", "his", "her", "its", "their"].contains(&first.as_str());
    let unnamed_one = !pointed && UNNAMED_ROLES.contains(&role.to_ascii_lowercase().as_str());
    let kind = if plural && !determined || unnamed_one {
        SourceKind::Anonymous
    } else {
        SourceKind::Person
    };
    (lowercase_article(phrase), kind)
}

/// Whether a named source is the article's own `publisher`: its canonical name, the
/// last words of it as a paper calls itself ("The Post" in The Washington Post,
/// "the Times" in The New York Times), or the name its domain spells when it is known
/// only by its domain ("WFPL" on "wfpl.org", "The Hill" on "thehill.com", "Breitbart
/// News" on "breitbart.com"). A publisher citing itself ("told BBC News" on bbc.com)
/// names no source.
pub(super) fn is_publisher(source: &str, publisher: &str) -> bool {
    let own = match publisher.rsplit('.').nth(1) {
        Some(site) => compact(site),
        None => compact(publisher),
    };
    let short = compact(source);
    !own.is_empty()
        && (short == own
            || short.strip_suffix("news") == Some(own.as_str())
            || is_short_name(source, publisher))
}

/// Whether `source` is the last words of the name `publisher`, which has more.
fn is_short_name(source: &str, publisher: &str) -> bool {
    let words = |name: &str| -> Vec<String> {
        let name = strip_article(name.trim());
        name.split_whitespace().map(str::to_lowercase).collect()
    };
    let (source, publisher) = (words(source), words(publisher));
    !source.is_empty() && source.len() < publisher.len() && publisher.ends_with(&source)
}

/// A name in lower-case letters and digits, without a leading "the": "The Hill" and
/// "thehill" are both "hill".
fn compact(name: &str) -> String {
    let letters: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match letters.strip_prefix("the") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => letters,
    }
}

/// Roles that, with "a" or "one" and no name, keep the person anonymous.
const UNNAMED_ROLES: [&str; 3] = ["official", "aide", "diplomat"];

fn strip_article(phrase: &str) -> &str {
    ["the ", "The ", "a ", "A ", "an ", "An "]
        .iter()
        .find_map(|a| phrase.strip_prefix(a))
        .unwrap_or(phrase)
        .trim()
}

/// "A NATO spokesman" at a sentence start reads as "a NATO spokesman" in a report.
fn lowercase_article(phrase: &str) -> String {
    match phrase.split_once(' ') {
        Some((first @ ("A" | "An" | "The"), rest)) => {
            format!("{} {rest}", first.to_ascii_lowercase())
        }
        _ => phrase.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::testing::{people, test_registry};

    #[test]
    fn phrases_are_outlets_people_groups_or_unknown_names() {
        let registry = test_registry();
        let people = people("Japanese Foreign Minister Yoshimasa Hayashi spoke.");
        let kind = |p: &str| classify(p, &registry, &people);
        assert_eq!(
            kind("the Nikkei"),
            Some(("Nikkei Asia".into(), SourceKind::Outlet))
        );
        assert_eq!(
            kind("A NATO spokesman"),
            Some(("a NATO spokesman".into(), SourceKind::Person))
        );
        assert_eq!(
            kind("Foreign Minister Hayashi"),
            Some(("Yoshimasa Hayashi".into(), SourceKind::Person))
        );
        assert_eq!(
            kind("Chinese Foreign Ministry spokesman Mao Ning"),
            Some(("Mao Ning".into(), SourceKind::Person))
        );
        assert_eq!(
            kind("Military experts"),
            Some(("Military experts".into(), SourceKind::Anonymous))
        );
        assert_eq!(
            kind("unnamed Japanese and NATO officials"),
            Some((
                "unnamed Japanese and NATO officials".into(),
                SourceKind::Anonymous
            ))
        );
        assert_eq!(
            kind("The Daily Planet"),
            Some(("Daily Planet".into(), SourceKind::Unknown))
        );
        assert_eq!(kind("him"), None);
        assert_eq!(
            kind("a U.S. military official"),
            Some(("a U.S. military official".into(), SourceKind::Anonymous))
        );
        assert_eq!(
            kind("the White House official"),
            Some(("the White House official".into(), SourceKind::Person))
        );
        assert_eq!(
            kind("White House official"),
            Some(("White House official".into(), SourceKind::Anonymous))
        );
    }

    #[test]
    fn a_connective_before_a_role_is_not_part_of_the_source() {
        let people = People::default();
        let registry = crate::extract::testing::test_registry();
        let source = |phrase: &str| classify(phrase, &registry, &people).map(|(s, _)| s);
        assert_eq!(
            source("what the president").as_deref(),
            Some("the president")
        );
        assert_eq!(
            source("as and the minister").as_deref(),
            Some("the minister")
        );
        assert_eq!(source("What officials").as_deref(), Some("What officials"));
    }

    #[test]
    fn a_publisher_is_known_by_its_name_or_its_domain() {
        assert!(is_publisher("BBC", "BBC"));
        assert!(is_publisher("WFPL", "wfpl.org"));
        assert!(is_publisher("Hill", "thehill.com"));
        assert!(is_publisher("Breitbart News", "breitbart.com"));
        assert!(!is_publisher("AFP", "afp.google.com"));
        assert!(!is_publisher("CNN", "BBC"));
        assert!(!is_publisher("Theo", "the.org"));
        assert!(is_publisher("Post", "The Washington Post"));
        assert!(is_publisher("the Times", "The New York Times"));
        assert!(!is_publisher("Times", "The Washington Post"));
        assert!(!is_publisher("Washington", "The Washington Post"));
        assert!(!is_publisher("Post", "wapo.com"));
    }
}
