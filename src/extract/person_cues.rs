//! Person cues: a person or role given as the source of information. "according to
//! Foreign Minister Hayashi" and "citing a senior official" name the person after the
//! cue; "a NATO spokesman said" before an attribution verb; "said the minister" after
//! "said", "stated", "added" or "wrote".
//!
//! The pattern is large (a person may be a determiner, capitalised and lower-case words,
//! a role, "for the Department of …" and a name), so this file also keeps what makes it
//! cheap: it runs from its cue words ([`CuePattern`]), with ASCII letter classes where a
//! text's letters are all ASCII, and a cue's groups come from the one branch it matched.
//!
//! Why it matters: named and role sources are most of an article's attributions, and
//! the first-hand sources of a story's origin.

use super::Span;
use super::cue_words::{Cue, CueHits, CuePattern, Cues, STARTS};
use super::sources::ROLES;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, Match, meta};
use std::sync::LazyLock;

/// The person cues of `text`, whose cue words are `hits`: each cue, which branch of
/// the pattern it is, and where its person is.
pub(super) fn find<'t>(
    text: &'t str,
    hits: &CueHits,
) -> impl Iterator<Item = (Match, Branch, Span)> + 't {
    let mut groups = CueGroups::new();
    person_cue_for(text)
        .pattern
        .find_iter(text, hits)
        .filter_map(move |cue| {
            let ascii = ascii_letters_only(&text[cue.range()]);
            let found = groups.of(text, cue.range(), ascii)?;
            let person = &found.2;
            match sentence_break(&text[person.clone()]) {
                None => Some(found),
                // The person runs into the next sentence: the cue, if any, starts there
                // and may end past the end of this one, where letters are not known.
                Some(sentence) => groups.of(text, person.start + sentence.end..text.len(), false),
            }
        })
}

/// The letters a person-cue pattern is written with, as they go inside a character class.
#[derive(Clone, Copy)]
struct Letters {
    any: &'static str,
    lower: &'static str,
}

const UNICODE_LETTERS: Letters = Letters {
    any: r"\p{L}",
    lower: r"\p{Ll}",
};

const ASCII_LETTERS: Letters = Letters {
    any: "A-Za-z",
    lower: "a-z",
};

/// A capitalised word of a name, written with `letters` (`any` as inside a class):
/// "Foreign", "O'Brien", "Amazon.com", an initial or acronym ("F.", "U.S.") or a
/// title's abbreviation ("Dr.", "Gov."). Any other word's final full stop ends the
/// sentence, so "in Tokyo. The minister said" cites "The minister", not "Tokyo. The
/// minister".
pub(super) fn capitalised_word(any: &str) -> String {
    format!(
        r"(?:(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Cmdr|Brig|Gov|Sen|Rep|Rev|Hon|Amb|Atty|Supt|Det|Insp|Sec|Pres|St|Jr|Sr|Fr)\.|[A-Z][{any}’'-]*(?:\.[{any}’'-]+)*)"
    )
}

/// A dotted acronym and the word that starts the next sentence after it: "in
/// Washington D.C. The minister said" is two sentences, "U.S. officials said" one.
/// [`capitalised_word`] keeps an acronym's full stop from ending a sentence, so that
/// "U.S." can stand in a name; these words, which open sentences and never go on with
/// a name, end it after all. The acronym may be the end of a longer word ("ISIS.",
/// read from its last "S.").
static SENTENCE_AFTER_ACRONYM: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?P<acronym>(?:[A-Z]\.)+)[ \t]+(?P<opener>The|A|An|He|She|It|They|We|In|On|At|This|That|These|Those|But|And|As|His|Her|Its|Their|There|When|While|After|Before)(?:[ \t]|$)",
    )
    .expect("sentence pattern is valid")
});

/// Where in `phrase` the last sentence end after a dotted acronym is: from the end of
/// the acronym to the start of the next sentence.
pub(super) fn sentence_break(phrase: &str) -> Option<Span> {
    let last = SENTENCE_AFTER_ACRONYM.captures_iter(phrase).last()?;
    Some(last.name("acronym")?.end()..last.name("opener")?.start())
}

/// A person or role: "a NATO spokesman", "Chinese Foreign Ministry spokesman Mao Ning",
/// "a spokesperson for the Department of Foreign Affairs and Trade".
fn person_pattern(group: &str, letters: Letters) -> String {
    let Letters { any, lower } = letters;
    let word = capitalised_word(any);
    format!(
        r"(?P<{group}>(?:(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)[ \t]+)?(?:{word}[ \t]+){{0,4}}(?:[{lower}’']+[ \t]+){{0,2}}(?-u:\b){ROLES}(?-u:\b)(?:[ \t]+(?:for|of|at)[ \t]+(?:the[ \t]+)?[A-Z][{any}’'-]*(?:[ \t]+(?:[A-Z][{any}’'-]*|of|and|for|the)){{0,6}})?(?:,?[ \t]+[A-Z][{lower}][{any}’'-]*(?:[ \t]+[A-Z][{lower}][{any}’'-]*){{0,2}})?)"
    )
}

/// Verbs that attribute information to a person. "announced" is left out: an
/// announcement is the news itself, not its sourcing.
pub(super) const ATTRIBUTION_VERBS: &str = r"(?:said|says|added|stated|told|noted|claimed|explained|stressed|emphasi[sz]ed|insisted|argued|warned|affirmed|confirmed|wrote)";

/// An attribution verb after the one who speaks, perhaps with an adverb of time or
/// manner before it: "later said", "publicly confirmed".
pub(super) fn attribution_verb_after_speaker() -> String {
    format!(r"(?:(?:also|later|then|again|[a-z]+ly)[ \t]+)?{ATTRIBUTION_VERBS}(?-u:\b)")
}

/// Verbs that may come before the person they attribute to: "said the minister".
pub(super) const INVERTING_VERBS: &str = r"(?:said|stated|added|wrote)";

/// A cue naming a person or role: "according to" or "citing" the person, the person
/// before an attribution verb, or "said" and the like before the person.
fn person_cue(letters: Letters) -> PersonCue {
    let branches = [
        format!(
            r"(?-u:\b)(?i:according\s+to|citing)\s+{}",
            person_pattern("cited", letters)
        ),
        format!(
            r"{}(?:,[ \t][^,.;\n]+,)?[ \t]+(?:(?:further|also|later|then|again|[a-z]+ly)[ \t]+)?{ATTRIBUTION_VERBS}(?-u:\b)",
            person_pattern("speaker", letters),
        ),
        format!(
            r"(?-u:\b){INVERTING_VERBS}\s+{}",
            person_pattern("inverted", letters)
        ),
    ];
    // The pattern is large; a bigger lazy-DFA cache keeps the search off the slow PikeVM.
    let build = |pattern: &str| {
        meta::Builder::new()
            .configure(meta::Config::new().hybrid_cache_capacity(32 << 20))
            .build(pattern)
            .expect("person cue pattern is valid")
    };
    PersonCue {
        pattern: CuePattern::new(build(&branches.join("|")), Some(&branches[1]), PERSON_CUES),
        branches: branches.each_ref().map(|branch| build(branch)),
    }
}

/// The person cue written with one kind of letters: the whole pattern, found from its
/// cue words, and each of its branches on its own.
struct PersonCue {
    pattern: CuePattern,
    /// The cited, speaker and inverted branches, each with the person as its group 1.
    /// A cue's groups come from the first branch that matches it, which is the one the
    /// whole pattern took: resolving groups on a third of the automaton cost a third
    /// (5 µs a cue on the whole, a third of extraction on generated news).
    branches: [meta::Regex; 3],
}

/// Where person cues are: "according to" and "citing" start one, as do "said",
/// "stated", "added" and "wrote" before the person; an attribution verb ends one.
pub(super) const PERSON_CUES: Cues = &[
    ("according", STARTS),
    ("citing", STARTS),
    ("said", STARTS),
    ("stated", STARTS),
    ("added", STARTS),
    ("wrote", STARTS),
    ("said", Cue::Ends),
    ("says", Cue::Ends),
    ("added", Cue::Ends),
    ("stated", Cue::Ends),
    ("told", Cue::Ends),
    ("noted", Cue::Ends),
    ("claimed", Cue::Ends),
    ("explained", Cue::Ends),
    ("stressed", Cue::Ends),
    ("emphasised", Cue::Ends),
    ("emphasized", Cue::Ends),
    ("insisted", Cue::Ends),
    ("argued", Cue::Ends),
    ("warned", Cue::Ends),
    ("affirmed", Cue::Ends),
    ("confirmed", Cue::Ends),
    ("wrote", Cue::Ends),
];

static PERSON_CUE: LazyLock<PersonCue> = LazyLock::new(|| person_cue(UNICODE_LETTERS));

/// [`PERSON_CUE`] with ASCII letters, for text whose letters are all ASCII
/// ([`ascii_letters_only`]). The two patterns differ only in their letter classes,
/// which agree on every character but the letters outside ASCII, so on such text
/// this one finds the same matches with the same groups. Its automaton is a sixth
/// the size: resolving groups costs less, and its reverse search, which finds
/// where a match starts, does not keep building states as PERSON_CUE's does (that
/// was a third of all instructions on 2,000 articles).
static PERSON_CUE_ASCII: LazyLock<PersonCue> = LazyLock::new(|| person_cue(ASCII_LETTERS));

/// Whether every letter of `text` is ASCII, so that [`PERSON_CUE_ASCII`] stands in
/// for [`PERSON_CUE`]. `is_alphabetic` holds for every letter (`\p{L}`) and more.
/// Only the characters outside ASCII are decoded.
fn ascii_letters_only(text: &str) -> bool {
    let mut from = 0;
    while let Some(at) = next_non_ascii(text.as_bytes(), from) {
        let c = text[at..]
            .chars()
            .next()
            .expect("a byte after ASCII starts a character");
        if c.is_alphabetic() {
            return false;
        }
        from = at + c.len_utf8();
    }
    true
}

/// The first byte from `from` on that is not ASCII. Runs of ASCII are passed over 32
/// bytes at a time by `is_ascii`, which reads a machine word at a time: several times
/// faster than decoding every character (news text has a curly quote in most articles).
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = &bytes[from..];
    let ascii = rest.chunks(32).take_while(|c| c.is_ascii()).count() * 32;
    let at = rest.get(ascii..)?.iter().position(|b| !b.is_ascii())?;
    Some(from + ascii + at)
}

/// The person-cue pattern for `text`: the smaller one where it finds the same cues.
fn person_cue_for(text: &str) -> &'static PersonCue {
    if ascii_letters_only(text) {
        &PERSON_CUE_ASCII
    } else {
        &PERSON_CUE
    }
}

/// The person cue in both kinds of letters, for `cue_words`' tests.
#[cfg(test)]
pub(super) fn cue_patterns() -> [&'static CuePattern; 2] {
    [&PERSON_CUE.pattern, &PERSON_CUE_ASCII.pattern]
}

/// Which branch of the person cue a cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Branch {
    /// "according to the spokesman"
    Cited,
    /// "the spokesman said"
    Speaker,
    /// "said the spokesman"
    Inverted,
}

/// Slots for the groups of a person cue's branches, for each kind of letters.
struct CueGroups {
    unicode: [Captures; 3],
    ascii: [Captures; 3],
}

impl CueGroups {
    fn new() -> Self {
        let slots = |cue: &PersonCue| cue.branches.each_ref().map(|b| b.create_captures());
        CueGroups {
            unicode: slots(&PERSON_CUE),
            ascii: slots(&PERSON_CUE_ASCII),
        }
    }

    /// The person cue that starts at the start of `range` and ends in it, which branch
    /// it is, and where its person is: the first branch that matches anchored there is
    /// the one the whole pattern takes there, with the same groups. On a cue already
    /// found, `range` is the cue alone (look-around still sees the text around it).
    /// `ascii`: the letters of `range` are all ASCII ([`ascii_letters_only`]), so that
    /// the smaller pattern finds the same.
    fn of(&mut self, haystack: &str, range: Span, ascii: bool) -> Option<(Match, Branch, Span)> {
        let (pattern, slots) = if ascii {
            (&*PERSON_CUE_ASCII, &mut self.ascii)
        } else {
            (&*PERSON_CUE, &mut self.unicode)
        };
        let input = Input::new(haystack).range(range).anchored(Anchored::Yes);
        let branches = [Branch::Cited, Branch::Speaker, Branch::Inverted];
        let tried = pattern.branches.iter().zip(slots).zip(branches);
        tried.into_iter().find_map(|((regex, caps), branch)| {
            regex.search_captures(&input, caps);
            Some((caps.get_match()?, branch, caps.get_group(1)?.range()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::testing::seed;

    #[test]
    fn a_cue_gets_the_groups_a_full_search_from_its_start_gives() {
        let seeds: Vec<String> = (0..5).map(|n| seed(n).text).collect();
        let more = [
            "A NATO spokesman, Jens Olsen, told reporters. The spokesman Mao Ning said” on Monday.",
            "According to Foreign Minister Hayashi’s aide, talks stalled; said the minister Müller.",
            "citing a senior official at the Ministry of Défense, the envoy Tanaka later said it.",
            "Chief economist Ana Lopez said, and analysts Ølberg and Smith2 noted otherwise.",
            "The frazzled spokesman Ezra DiZazzo said so, as did Minister Ozawa.",
            "said officials said, and citing officials, according to the officials said.",
        ];
        let whole = PERSON_CUE.pattern.regex();
        let mut groups = CueGroups::new();
        let mut full = whole.create_captures();
        let (mut ascii, mut unicode) = (0, 0);
        let mut branches = std::collections::BTreeSet::new();
        for text in seeds.iter().map(String::as_str).chain(more) {
            for cue in whole.find_iter(text) {
                let from_start = Input::new(text).range(cue.start()..);
                whole.search_captures(&from_start, &mut full);
                let ascii_cue = ascii_letters_only(&text[cue.range()]);
                let (_, branch, person) =
                    (groups.of(text, cue.range(), ascii_cue)).expect("a cue has a branch");
                let name = ["cited", "speaker", "inverted"][branch as usize];
                let expected = full.get_group_by_name(name).map(|s| s.range());
                assert_eq!(Some(person), expected, "{name} in {:?}", &text[cue.range()]);
                branches.insert(branch as usize);
                match ascii_cue {
                    true => ascii += 1,
                    false => unicode += 1,
                }
            }
        }
        assert!(
            ascii >= 10 && unicode >= 2,
            "only {ascii} + {unicode} cues checked"
        );
        assert_eq!(branches.len(), 3, "every branch is checked");
    }

    #[test]
    fn where_letters_are_ascii_the_ascii_pattern_finds_the_same_cues() {
        let cues = |pattern: &meta::Regex, text: &str| -> Vec<_> {
            let mut caps = pattern.create_captures();
            pattern
                .find_iter(text)
                .map(|cue| {
                    let input = Input::new(text).range(cue.start()..);
                    pattern.search_captures(&input, &mut caps);
                    let groups =
                        ["cited", "speaker", "inverted"].map(|g| caps.get_group_by_name(g));
                    (cue.range(), groups)
                })
                .collect()
        };
        let seeds: Vec<String> = (0..5).map(|n| seed(n).text).collect();
        let lines = seeds.iter().flat_map(|s| s.lines());
        let more = [
            "“We will not yield,” a NATO spokesman said — and the ministry’s spokesman Mao Ning agreed.",
            "According to Foreign Minister Hayashi’s aide… talks stalled; said the minister O’Brien.",
        ];
        let plain: Vec<&str> = lines
            .chain(more)
            .filter(|l| ascii_letters_only(l))
            .collect();
        let found: usize = plain
            .iter()
            .map(|text| {
                let ascii = cues(PERSON_CUE_ASCII.pattern.regex(), text);
                assert_eq!(ascii, cues(PERSON_CUE.pattern.regex(), text), "in {text:?}");
                ascii.len()
            })
            .sum();
        assert!(found >= 10, "only {found} cues compared");
        // A letter outside ASCII is what the smaller pattern does not know.
        let text = "According to Foreign Minister Müller, the talks stalled.";
        assert!(!ascii_letters_only(text));
        assert_ne!(
            cues(PERSON_CUE_ASCII.pattern.regex(), text),
            cues(PERSON_CUE.pattern.regex(), text)
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..Default::default()
        })]

        /// Long runs of ASCII around the characters that decide, so that runs of every
        /// length meet the 32-byte steps at every offset.
        #[test]
        fn ascii_letters_only_decodes_what_it_must(
            text in "([a-z ]{0,40}|[éßÜ\u{301}\u{0660}\u{00A0}—“”’]|\\PC){0,12}"
        ) {
            let by_characters = !text.chars().any(|c| !c.is_ascii() && c.is_alphabetic());
            proptest::prop_assert_eq!(ascii_letters_only(&text), by_characters);
        }
    }
}
