//! Spin artefacts: the garbling that article "spinners" leave behind.
//!
//! Why it matters: a machine-rewritten copy ("spun" to dodge duplicate
//! detection) keeps the original's claims but loses its care; it leaves
//! doubled names ("North Korea North"), doubled words ("the the"), broken
//! comparatives ("more little stable") and stray bracketed fillers ("(yes)").

use super::{Article, Detector, SignalDoc, Signals, count};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub const DETECTOR: Detector = Detector {
    name: "spin",
    signals: &[SignalDoc {
        name: "spin_artefacts",
        explanation: "Garbled phrases typical of machine-spun copies: a doubled name (\"North Korea North\"), a doubled word (\"the the\"), a broken comparative (\"more little stable\"), a bracketed filler word (\"(yes)\").",
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
    evidence.sort_by_key(|s| s.start);
    count(signals, "spin_artefacts", evidence);
}

/// Doublings that are good English ("so that that works", "had had enough").
const GRAMMATICAL_DOUBLES: &[&str] = &["that", "had", "is"];

/// "the the" (a lower-case word of two or more letters twice, so "Bora Bora"
/// and grammatical doublings are spared) and "North Korea North and" (a
/// title-case word back after one other, then a lower-case word, so menus in
/// capitals and lists such as "North Carolina North Dakota" are spared), within
/// one line and with only spaces between.
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
        let real_word = || {
            word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !GRAMMATICAL_DOUBLES.contains(&word.to_lowercase().as_str())
        };
        if doubled && real_word() {
            found.push(w.start..next.end);
        } else if let Some(third) = words.get(i + 2).filter(|t| spaced(next, t))
            && bytes[third.clone()] == *word.as_bytes()
            && title_case(w)
            && title_case(next)
            && words.get(i + 3).is_none_or(|after| !capital(after))
        {
            found.push(w.start..third.end);
        }
    }
    found
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
