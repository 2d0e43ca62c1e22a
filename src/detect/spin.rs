//! Spin artefacts: the garbling that article "spinners" leave behind.
//!
//! Why it matters: a machine-rewritten copy ("spun" to dodge duplicate
//! detection) keeps the original's claims but loses its care; it leaves
//! doubled names ("North Korea North"), doubled words ("the the"), broken
//! comparatives ("more little stable") and stray bracketed fillers ("(yes)").

use super::{Article, Detector, SignalDoc, Signals, count};
use crate::extract::Quote;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub const DETECTOR: Detector = Detector {
    name: "spin",
    signals: &[SignalDoc {
        name: "spin_artefacts",
        explanation: "Garbled phrases typical of machine-spun copies: a doubled name (\"North Korea North\"), a doubled function word (\"the the\"), a broken comparative (\"more little stable\"), a bracketed filler word (\"(yes)\"); not inside quotations or on a transcript's speaker lines.",
    }],
    measure,
};

/// The words of `text` as `\w+` finds them (maximal runs of word characters), one
/// pass over the bytes: the regex crate has no backreferences, so doubled words are
/// checked in code, and a regex search per word was the slowest part of scoring.
/// A character is decoded only at a byte outside ASCII; news text is mostly ASCII.
///
/// The pass writes down the offsets where being in a word changes, a block of text at
/// a time so that the buffer stays small: every offset is written and the count moves
/// on only at a change, so the byte loop has no branch on where words start and end,
/// which the processor would mispredict twice a word.
fn words(text: &str) -> Vec<Range<usize>> {
    const BLOCK: usize = 1024;
    let mut found = Vec::with_capacity(text.len() / 6);
    let mut changes = [0; BLOCK];
    let (mut in_word, mut start, mut i) = (false, None, 0);
    while i < text.len() {
        // Each step moves on at least a byte, so a block has at most BLOCK changes.
        let block_end = (i + BLOCK).min(text.len());
        let mut n = 0;
        while i < block_end {
            let (word, len) = word_character(text, i);
            changes[n] = i;
            n += usize::from(word != in_word);
            in_word = word;
            i += len;
        }
        // Changes alternate: a word's start, then its end.
        for &at in &changes[..n] {
            match start.take() {
                Some(from) => found.push(from..at),
                None => start = Some(at),
            }
        }
    }
    if let Some(from) = start {
        found.push(from..text.len());
    }
    found
}

/// Whether `\w` matches each ASCII byte: a table, so that the test is not a branch.
const ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'_';
        b += 1;
    }
    table
};

/// Whether `\w` matches the character at byte `i` of `text`, and its length.
fn word_character(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b if b.is_ascii() => (ASCII_WORD[usize::from(b)], 1),
        _ => {
            let c = text[i..].chars().next().expect("i is a char boundary");
            (regex_syntax::is_word_character(c), c.len_utf8())
        }
    }
}

static GARBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bmore (?:little|less|much) \w+|\((?:yes|no|has|have|is|are)\)").expect("valid")
});

fn measure(article: &Article, signals: &mut Signals) {
    let text = &article.doc.text;
    let mut evidence: Vec<_> = GARBLE.find_iter(text).map(|m| m.range()).collect();
    evidence.extend(doubled_words(text));
    evidence.retain(|hit| !quoted(hit, &article.extraction.quotes) && !spoken(text, hit));
    evidence.sort_by_key(|s| s.start);
    count(signals, "spin_artefacts", evidence);
}

/// Whether `hit` lies inside a quotation: a quoted chant ("Hey hey, ho ho") or an
/// editor's bracket in a quote ("marijuana (has) much higher") is what someone
/// said or wrote, not the article's own wording.
fn quoted(hit: &Range<usize>, quotes: &[Quote]) -> bool {
    quotes
        .iter()
        .any(|q| q.span.start <= hit.start && hit.end <= q.span.end)
}

/// Whether `hit` is on a transcript's line, one that opens with a speaker's label
/// ("TAPPER:", "SEN. CLINTON:", "Chairman Larson:"): people stammer ("But but,
/// we know"), and a transcript keeps it.
fn spoken(text: &str, hit: &Range<usize>) -> bool {
    let line = &text[line_start(text, hit.start)..hit.start];
    line.split_once(':').is_some_and(|(label, _)| {
        let words: Vec<&str> = label.split_whitespace().collect();
        (1..=MAX_LABEL_WORDS).contains(&words.len())
            && words
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()))
    })
}

/// A speaker's label is a name with its title: a few words.
const MAX_LABEL_WORDS: usize = 4;

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Words that spinners double when they glue rewritten phrases together ("the
/// the", "were were"): articles, pronouns, prepositions, conjunctions and
/// auxiliaries. A doubled content word is a typo or deliberate ("boo boo",
/// "etc etc", "here kitty kitty"), not a spinner's trace.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "am", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "between", "but", "by", "can", "could", "did", "do", "does", "each", "for",
    "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its",
    "may", "me", "might", "must", "my", "no", "nor", "not", "of", "on", "or", "our", "over", "she",
    "should", "so", "than", "that", "the", "their", "them", "then", "these", "they", "this",
    "those", "through", "to", "under", "upon", "us", "was", "we", "were", "when", "which", "while",
    "who", "will", "with", "would", "you", "your",
];

/// Doublings that are good English ("so that that works", "had had enough", "what
/// I've worked for for 15 years", "we've stepped in in other ways").
const GRAMMATICAL_DOUBLES: &[&str] = &["that", "had", "is", "for", "in"];

/// "the the" (a function word twice, not part of a contraction or a compound, so
/// "Bora Bora", "you you're" and "you're re-elected" are spared) and "North Korea
/// North and" (a title-case word back after one other, then a lower-case word,
/// so menus in capitals and lists such as "North Carolina North Dakota" are
/// spared, and not where a line still reads as a heading), within one line and
/// with only spaces between.
fn doubled_words(text: &str) -> Vec<Range<usize>> {
    let words = words(text);
    let bytes = text.as_bytes();
    // Words are compared as bytes, with no char-boundary checks: this runs on every word.
    let spaced = |a: &Range<usize>, b: &Range<usize>| b.start == a.end + 1 && bytes[a.end] == b' ';
    let capital = |m: &Range<usize>| text[m.clone()].starts_with(|c: char| c.is_uppercase());
    let title_case =
        |m: &Range<usize>| capital(m) && text[m.clone()].chars().skip(1).any(char::is_lowercase);
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(next) = words.get(i + 1).filter(|n| spaced(w, n)) else {
            continue;
        };
        let word = &text[w.clone()];
        let doubled = bytes[next.clone()].eq_ignore_ascii_case(word.as_bytes()) && !capital(next);
        let spin_double = || {
            let lower = word.to_lowercase();
            word.len() >= 2
                && FUNCTION_WORDS.contains(&lower.as_str())
                && !GRAMMATICAL_DOUBLES.contains(&lower.as_str())
                && !part_of_longer_word(text, w.start, next.end)
        };
        if doubled && spin_double() {
            found.push(w.start..next.end);
        } else if let Some(third) = words.get(i + 2).filter(|t| spaced(next, t))
            && bytes[third.clone()] == *word.as_bytes()
            && title_case(w)
            && title_case(next)
            && words.get(i + 3).is_none_or(|after| !capital(after))
            && !heading_so_far(text, w.start)
        {
            found.push(w.start..third.end);
        }
    }
    found
}

/// Whether the words `start..end` are joined to the text around them by an
/// apostrophe or a hyphen: "you're re-elected" doubles no word.
fn part_of_longer_word(text: &str, start: usize, end: usize) -> bool {
    let joins = |c: Option<char>| matches!(c, Some('\'' | '’' | '-'));
    joins(text[..start].chars().next_back()) || joins(text[end..].chars().next())
}

/// Whether the line up to `at` reads as a heading: every word of four or more letters
/// capitalised. A flattened page glues its headings and menus onto the text
/// ("Survey Results Survey conducted …", "Treatment of Medicaid Expand Medicaid to
/// all …", "Tables Distribution Tables by …"), where a name comes back by chance.
fn heading_so_far(text: &str, at: usize) -> bool {
    text[line_start(text, at)..at]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .all(|w| w.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_runs_that_backslash_w_finds() {
        let text = "the the cafe\u{301}_2 (yes) Đà-Nẵng";
        let ours: Vec<&str> = words(text).into_iter().map(|r| &text[r]).collect();
        let regex = Regex::new(r"\b\w+\b").unwrap();
        let theirs: Vec<&str> = regex.find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(ours, theirs);
        assert_eq!(ours, ["the", "the", "cafe\u{301}_2", "yes", "Đà", "Nẵng"]);
    }

    #[test]
    fn words_across_blocks_are_whole() {
        let regex = Regex::new(r"\w+").unwrap();
        // Every alignment of a word and of a two-byte letter against the block's end.
        for pad in 1015..1030 {
            let text = "a".repeat(pad) + &" é_x ünï, b".repeat(300);
            let theirs: Vec<_> = regex.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(words(&text), theirs, "with {pad} letters first");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..Default::default()
        })]

        #[test]
        fn words_are_the_runs_of_backslash_w_in_any_text(
            text in "([a-zA-Z0-9_ .,'’()\n-]|[éẵ\u{301}\u{0660}\u{00A0}—“”]|\\PC){0,60}"
        ) {
            let ours: Vec<_> = words(&text);
            let regex = Regex::new(r"\w+").unwrap();
            let theirs: Vec<_> = regex.find_iter(&text).map(|m| m.range()).collect();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn reduplication_contractions_and_headings_are_not_spin() {
        let text = "a boo boo; etc etc; here kitty kitty kitty; other other; year year\n\
                    tell you you're wrong; if you're re-elected; worked for for years; stepped in in other ways\n\
                    Survey Results Survey conducted in July\n\
                    Treatment of Medicaid Expand Medicaid to all\n\
                    All Types of Tables Distribution Tables by Income\n\
                    the bodies were were preserved; sworn in as the the Director";
        let found: Vec<&str> = doubled_words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["were were", "the the"]);
    }

    #[test]
    fn a_transcript_line_is_speech() {
        let text = "CHIARELLI: But but, we\nSEN. CLINTON: for for\nChairman Larson: the the\nhe said: to to";
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            i..i + s.len()
        };
        assert!(spoken(text, &at("But but")));
        assert!(spoken(text, &at("for for")));
        assert!(spoken(text, &at("the the")));
        assert!(!spoken(text, &at("to to")));
    }

    #[test]
    fn finds_the_seed_garbles_and_spares_clean_text() {
        let text = "more little stable. North Korea North and China. the the end. Eastern Europe in Eastern Europe. (yes) Bora Bora. \
                    so that that works; he had had enough; it's s; North Carolina North Dakota; TO GO TO";
        let found: Vec<_> = {
            let mut e: Vec<_> = GARBLE.find_iter(text).map(|m| &text[m.range()]).collect();
            e.extend(doubled_words(text).into_iter().map(|r| &text[r]));
            e
        };
        assert_eq!(
            found,
            vec![
                "more little stable",
                "(yes)",
                "North Korea North",
                "the the"
            ]
        );
    }
}
