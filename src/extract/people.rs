//! People named in the text: a title followed by a name ("Foreign Minister
//! Yoshimasa Hayashi", "spokesman Mao Ning", "Mr. Kishida"), a quoted name
//! before a speech verb (`"Yoshimasa Hayashi" added:`), a name described between
//! commas ("Chip Felkel, a Republican strategist, said", found by `appositives.rs`
//! and added by `extract`), and other mentions of the same people by surname
//! alone ("Hayashi said").
//!
//! Why it matters: a citation or a quote is only traceable to a person when the
//! person is named in full; "According to Foreign Minister Hayashi" and "he
//! said" resolve to the full name the article gave earlier, never to a guess.

use super::Span;
use super::cue_words::{CueHits, CuePattern, Cues, STARTS};
use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::meta;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Titles that introduce a name, longest first so that "Secretary General"
/// wins over "Secretary" (the regex takes the first alternative that matches).
pub(super) const TITLES: &str = r"(?i:secretary[- ]general|prime\s+minister|foreign\s+minister|defen[cs]e\s+minister|vice\s+president|press\s+secretary|minister|secretary|spokes(?:man|woman|person)|president|chancellor|ambassador|premier|senator|governor|mayor|general|director|chairman|chairwoman|congressman|congresswoman|representative|professor|prof\.|dr\.|mr\.|mrs\.|ms\.|mr|mrs|ms|sen\.|rep\.|gov\.)";

/// A personal name: one to three capitalised words with lower-case letters
/// (so that "NATO" or "US" is never a name).
pub(super) const NAME: &str = r"[A-Z]\p{Ll}[\p{L}’'-]*(?:[ \t]+[A-Z]\p{Ll}[\p{L}’'-]*){0,2}";

/// Verbs of speech that follow a speaker.
pub(super) const SPEECH_VERBS: &str = r"(?:said|says|added|adds|stated|states|told|noted|claimed|explained|stressed|emphasi[sz]ed|insisted|argued|warned|affirmed|confirmed|announced|wrote|declared|continued|replied|asked)";

/// A verb of speech right after a name: "Kishida said".
static SPEAKS: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(&format!(
        r"^[ \t]+(?:[a-z]+ly[ \t]+)?{SPEECH_VERBS}(?-u:\b)"
    ))
    .expect("speech pattern is valid")
});

static PERSON: LazyLock<CuePattern> = LazyLock::new(|| {
    let regex = meta::Regex::new(&format!(
        r#"(?-u:\b){TITLES}\s+(?P<titled>{NAME})(?-u:\b)|["“](?P<quoted>{NAME})["”]\s+{SPEECH_VERBS}(?-u:\b)"#
    ))
    .expect("person pattern is valid");
    CuePattern::new(regex, None, TITLE_CUES)
});

/// Where people are named: every match starts with the first word of a title, or with
/// the quote mark before a quoted name.
pub(super) const TITLE_CUES: Cues = &[
    ("ambassador", STARTS),
    ("chairman", STARTS),
    ("chairwoman", STARTS),
    ("chancellor", STARTS),
    ("congressman", STARTS),
    ("congresswoman", STARTS),
    ("defence", STARTS),
    ("defense", STARTS),
    ("director", STARTS),
    ("dr", STARTS),
    ("foreign", STARTS),
    ("general", STARTS),
    ("gov", STARTS),
    ("governor", STARTS),
    ("mayor", STARTS),
    ("minister", STARTS),
    ("mr", STARTS),
    ("mrs", STARTS),
    ("ms", STARTS),
    ("premier", STARTS),
    ("president", STARTS),
    ("press", STARTS),
    ("prime", STARTS),
    ("prof", STARTS),
    ("professor", STARTS),
    ("rep", STARTS),
    ("representative", STARTS),
    ("secretary", STARTS),
    ("sen", STARTS),
    ("senator", STARTS),
    ("spokesman", STARTS),
    ("spokesperson", STARTS),
    ("spokeswoman", STARTS),
    ("vice", STARTS),
    ("\"", STARTS),
    ("“", STARTS),
];

/// The people pattern, for `cue_words`' tests.
#[cfg(test)]
pub(super) fn cue_patterns() -> [&'static CuePattern; 1] {
    [&PERSON]
}

/// Every mention of a named person, in text order.
///
/// Every lookup is by a map or a binary search: a long text names thousands of
/// people, and a scan of all of them for each mention made such a text quadratic.
#[derive(Debug, Default)]
pub(super) struct People {
    names: Vec<String>,
    /// Each mention's span and index into `names`, sorted by position.
    mentions: Vec<(Span, usize)>,
    /// For each surname (a name's last word), the longest name with it: the later
    /// of two as long.
    by_surname: HashMap<String, usize>,
}

/// Where `text`, whose cue words are `hits`, names people: after a title, or as a
/// quoted name before a speech verb. The spans of the names, in text order.
pub(super) fn titled_or_quoted(text: &str, hits: &CueHits) -> Vec<Span> {
    let names = PERSON.captures_iter(text, hits).filter_map(|caps| {
        let name = caps.get_group_by_name("titled");
        name.or_else(|| caps.get_group_by_name("quoted"))
    });
    names.map(|name| name.range()).collect()
}

impl People {
    /// The people `text` names at `named` (in any order; of two spans that overlap,
    /// the first is kept), and their mentions by surname alone.
    pub(super) fn new(text: &str, mut named: Vec<Span>) -> Self {
        named.sort_by_key(|span| span.start);
        named.dedup_by(|later, earlier| later.start < earlier.end);
        let mut people = People::default();
        let mut interned = HashMap::new();
        for span in named {
            let name = text[span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let index = *interned.entry(name).or_insert_with_key(|name| {
                people.names.push(name.clone());
                people.names.len() - 1
            });
            people.mentions.push((span, index));
        }
        for (i, name) in people.names.iter().enumerate() {
            let longest = people
                .by_surname
                .entry(surname(name).to_string())
                .or_insert(i);
            if name.len() >= people.names[*longest].len() {
                *longest = i;
            }
        }
        people.add_surname_mentions(text);
        people.mentions.sort_by_key(|(span, _)| span.start);
        people
    }

    /// Mentions by surname alone ("Hayashi") of people named in full elsewhere.
    fn add_surname_mentions(&mut self, text: &str) {
        let mut surnames: Vec<&str> = self
            .names
            .iter()
            .filter_map(|n| n.rsplit_once(' ').map(|(_, last)| last))
            .collect();
        // Two people may share a surname; a leftmost-longest search finds the same
        // occurrences whatever the order of the names.
        surnames.sort_unstable();
        surnames.dedup();
        if surnames.is_empty() {
            return;
        }
        let mut found = Vec::new();
        for (at, surname) in occurrences(text, &surnames) {
            let bounded = !text[..at.start].ends_with(char::is_alphanumeric)
                && !text[at.end..].starts_with(char::is_alphanumeric);
            // The mentions so far are in text order, none inside another.
            let before = self.mentions.partition_point(|(s, _)| s.start <= at.start);
            let known = before > 0 && self.mentions[before - 1].0.contains(&at.start);
            if bounded
                && !known
                && let Some(index) = self.full_name_index(surname)
                && !someone_else(text, &at, &self.names[index])
            {
                found.push((at, index));
            }
        }
        self.mentions.extend(found);
    }

    fn full_name_index(&self, name: &str) -> Option<usize> {
        self.by_surname.get(surname(name)).copied()
    }

    /// The fullest form of a name the article gives ("Hayashi" → "Yoshimasa Hayashi").
    pub(super) fn full_name<'a>(&'a self, name: &'a str) -> &'a str {
        self.full_name_index(name)
            .map_or(name, |i| self.names[i].as_str())
    }

    /// Whether the text names this person (in full or by surname).
    pub(super) fn knows(&self, name: &str) -> bool {
        self.full_name_index(name).is_some()
    }

    /// Every mention of a person, in text order, with the name it mentions them by
    /// ("Kishida" for "Mr. Kishida"; [`full_name`](Self::full_name) gives the fullest).
    pub(super) fn mentions(&self) -> impl Iterator<Item = (Span, &str)> {
        (self.mentions.iter()).map(|(span, i)| (span.clone(), self.names[*i].as_str()))
    }

    /// The first person mentioned inside `range`.
    pub(super) fn first_in(&self, range: Span) -> Option<&str> {
        let from = self
            .mentions
            .partition_point(|(s, _)| s.start < range.start);
        self.mentions[from..]
            .first()
            .filter(|(s, _)| s.end <= range.end)
            .map(|&(_, i)| self.names[i].as_str())
    }

    /// Who a pronoun at `offset` of `text` stands for: the first person named in the
    /// sentence of the last one named before it, the sentence's subject in news
    /// style. "Senator Jane Roe criticized President Joe Biden. “…,” she said." is
    /// Jane Roe's.
    pub(super) fn subject_before(&self, text: &str, offset: usize) -> Option<&str> {
        let upto = self.mentions.partition_point(|(s, _)| s.end <= offset);
        let (last, _) = &self.mentions[upto.checked_sub(1)?];
        let sentence = text[..last.start]
            .rfind(['\n', '.', '!', '?'])
            .map_or(0, |i| i + 1);
        // The one the sentence has speak ("After meeting President Biden, Prime
        // Minister Fumio Kishida said …"), else the first it names.
        let from = self.mentions.partition_point(|(s, _)| s.start < sentence);
        let named = &self.mentions[from..upto];
        let speaking = named
            .iter()
            .find(|(span, _)| SPEAKS.is_match(&text[span.end..]));
        speaking
            .or(named.first())
            .map(|&(_, i)| self.names[i].as_str())
    }
}

/// Capitalised words that are not a person's given name though they may stand where
/// one would, right before a surname or an outlet's name: a sentence's usual first
/// words, days and months.
const NOT_GIVEN_NAMES: [&str; 49] = [
    "The",
    "A",
    "An",
    "This",
    "That",
    "In",
    "On",
    "At",
    "By",
    "For",
    "And",
    "But",
    "As",
    "When",
    "While",
    "After",
    "Before",
    "Yesterday",
    "Today",
    "Earlier",
    "Later",
    "Meanwhile",
    "Also",
    "Both",
    "Then",
    "Now",
    "So",
    "Since",
    "Until",
    "Last",
    "Next",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `word` reads as a person's given name: capitalised, the rest lower-case,
/// and none of [`NOT_GIVEN_NAMES`].
pub(super) fn is_given_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().count() > 0
        && chars.all(char::is_lowercase)
        && !NOT_GIVEN_NAMES.contains(&word)
        && !A_TITLE.is_match(word)
}

/// One of [`TITLES`], whole: "Congressman Ryan" is Ryan with his title, not another
/// Ryan's given name.
static A_TITLE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(&format!("^{TITLES}$")).expect("titles are valid"));

/// The given name right before the name at `start` of `text`, if there is one: a
/// capitalised word that is not a sentence's usual first word, so that the name is a
/// surname ("Michael" of "Michael Bloomberg").
pub(super) fn given_name_before(text: &str, start: usize) -> Option<&str> {
    let before = text[..start].strip_suffix(' ')?;
    let word = &before[before.rfind([' ', '\n', '\t']).map_or(0, |i| i + 1)..];
    is_given_name(word).then_some(word)
}

/// Whether the surname at `at` of `text` is not the person `name`'s but another's of
/// the family: after a given name other than the one before the surname in `name`
/// ("Scott Shoemaker said" after "Jacob Shoemaker, a senior, said").
fn someone_else(text: &str, at: &Span, name: &str) -> bool {
    given_name_before(text, at.start).is_some_and(|given| name.rsplit(' ').nth(1) != Some(given))
}

/// A name's last word.
fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// More names than this are looked for with an Aho-Corasick automaton.
const MANY_NAMES: usize = 16;

/// Where `names` occur in `text`: the leftmost occurrence first, the longest name
/// where several start at one place, and none inside another, as a leftmost-longest
/// Aho-Corasick search finds them. For an article's handful of names, building the
/// automaton costs more than the search, so only the bytes that start a name (an
/// ASCII capital, [`NAME`]) are tried, each against every name.
fn occurrences<'a>(text: &'a str, names: &[&'a str]) -> Vec<(Span, &'a str)> {
    if names.len() > MANY_NAMES {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names)
            .expect("names make an automaton");
        let found = automaton.find_iter(text);
        return found
            .map(|m| (m.range(), names[m.pattern().as_usize()]))
            .collect();
    }
    let bytes = text.as_bytes();
    let mut first = [false; 256];
    for name in names.iter().filter_map(|name| name.as_bytes().first()) {
        first[usize::from(*name)] = true;
    }
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(skip) = bytes[from..].iter().position(|&b| first[usize::from(b)]) {
        let at = from + skip;
        let longest = names
            .iter()
            .filter(|name| bytes[at..].starts_with(name.as_bytes()))
            .max_by_key(|name| name.len());
        from = at + longest.map_or(1, |name| name.len());
        if let Some(name) = longest {
            found.push((at..from, *name));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::testing::{mentions, people, seed};

    #[test]
    fn occurrences_are_what_a_leftmost_longest_automaton_finds() {
        use aho_corasick::{AhoCorasick, MatchKind};
        let few = vec!["Smith", "Smith-Jones", "Jones", "Li", "Lin", "Lina", "Li"];
        // Past MANY_NAMES, the search is an automaton too: the same must come out.
        let fillers: Vec<String> = (0..MANY_NAMES).map(|i| format!("Zed{i}")).collect();
        let many: Vec<&str> = few
            .iter()
            .copied()
            .chain(fillers.iter().map(String::as_str))
            .collect();
        let texts = [
            "Smith-Jones met Lin and Li, then Smithson; Jones. LiLina Lin-Li",
            "“Li” said Lina’s aide to Smith-Jone and Smith-Jones-Li.",
            "no names here, nor ÉLi, Ｌi or SMITH",
        ];
        for names in [&few, &many] {
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(names)
                .unwrap();
            for text in texts {
                let theirs: Vec<(Span, &str)> = automaton
                    .find_iter(text)
                    .map(|m| (m.range(), names[m.pattern().as_usize()]))
                    .collect();
                assert_eq!(occurrences(text, names), theirs, "in {text:?}");
            }
        }
    }

    #[test]
    fn a_surname_after_another_given_name_is_someone_else_s() {
        let text = "Senator John Smith spoke. Jane Smith said no, John Smith said yes, \
             and Smith left.\n";
        assert_eq!(
            mentions(text),
            [
                "John Smith → John Smith",
                "Smith → John Smith",
                "Smith → John Smith",
            ]
        );
    }

    #[test]
    fn titled_quoted_and_surname_mentions() {
        let text = &seed(4).text;
        let named = people(text);
        assert_eq!(named.full_name("Hayashi"), "Yoshimasa Hayashi");
        assert_eq!(named.full_name("Kishida"), "Fumio Kishida");
        assert_eq!(named.full_name("Stoltenberg"), "Jens Stoltenberg");
        let line11 = text.find("In his response").unwrap();
        assert_eq!(named.first_in(line11..text.len()), Some("Mao Ning"));

        let named = people(&seed(0).text);
        assert!(named.knows("Yoshimasa Hayashi"));
        let line9 = seed(0).text.find("In this exclusive").unwrap();
        assert_eq!(
            named.subject_before(&seed(0).text, line9),
            Some("Yoshimasa Hayashi")
        );
    }
}
