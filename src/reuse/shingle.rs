//! Words and word shingles as 64-bit hashes: the input of every later step of reuse.
//!
//! A word is a run of letters and digits, compared lower-cased, with apostrophes
//! inside it dropped ("Japan's" = "japans", "don’t" = "dont") and every other
//! character a separator, so punctuation, quote marks and spacing do not hide a copy.
//! Nothing is allocated per word: each word is hashed character by character straight
//! from the text, and only its hash and byte span are kept, in one vector per document.

use std::ops::Range;

/// One word of a document: its hash and where it is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub hash: u64,
    pub start: u32,
    pub end: u32,
}

impl Word {
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The finaliser of SplitMix64: spreads a weak hash over all 64 bits, so that the
/// top bits (sketch bins) and the bottom bits (sampling) are both uniform.
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Each ASCII letter and digit lower-cased, 0 for every other ASCII byte, and
/// [`SLOW`] for the bytes that [`ascii_run`] leaves to [`one_character`]: every byte
/// outside ASCII, and the apostrophe, which may join a word's halves.
const ASCII_WORD: [u8; 256] = {
    let mut table = [SLOW; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            (b as u8).to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    table[b'\'' as usize] = SLOW;
    table
};

const SLOW: u8 = 0xff;

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// Where the walk over a text is: inside a word (since `start`, hashed so far
/// into `hash`) or between words.
struct Walk {
    in_word: bool,
    start: usize,
    hash: u64,
}

impl Walk {
    fn end_word(&mut self, end: usize, out: &mut Vec<Word>) {
        out.push(Word {
            hash: mix(self.hash),
            start: self.start as u32,
            end: end as u32,
        });
        self.in_word = false;
    }
}

/// Append the words of `text` to `out` (cleared first), so a caller can reuse the buffer.
///
/// Runs of ASCII go through [`ascii_run`], with no branch on where words start and
/// end; a character is decoded only at a byte outside ASCII or an apostrophe.
pub fn words_into(text: &str, out: &mut Vec<Word>) {
    out.clear();
    let mut walk = Walk {
        in_word: false,
        start: 0,
        hash: FNV_OFFSET,
    };
    let mut i = 0;
    while i < text.len() {
        i = ascii_run(text.as_bytes(), i, &mut walk, out);
        if i < text.len() {
            i = one_character(text, i, &mut walk, out);
        }
    }
    if walk.in_word {
        walk.end_word(text.len(), out);
    }
}

/// Walk the ASCII from `i` up to the next [`SLOW`] byte or the end, and return where
/// it stopped. Every byte hashes into the word and writes the word as if it ended
/// there, and the count of words moves on only where one does: a branch on where a
/// word ends, mispredicted at most of them, was a quarter of the walk's time.
fn ascii_run(bytes: &[u8], mut i: usize, walk: &mut Walk, out: &mut Vec<Word>) -> usize {
    const BLOCK: usize = 512;
    let mut ended = [(0u64, 0u32, 0u32); BLOCK];
    let Walk {
        mut in_word,
        mut start,
        mut hash,
    } = *walk;
    loop {
        let block_end = (i + BLOCK).min(bytes.len());
        let mut n = 0;
        while i < block_end {
            let lower = ASCII_WORD[usize::from(bytes[i])];
            if lower == SLOW {
                break;
            }
            let is_word = lower != 0;
            ended[n] = (hash, start as u32, i as u32);
            n += usize::from(in_word && !is_word);
            start = if in_word { start } else { i };
            let from = if in_word { hash } else { FNV_OFFSET };
            hash = (from ^ u64::from(lower)).wrapping_mul(FNV_PRIME);
            in_word = is_word;
            i += 1;
        }
        out.extend(ended[..n].iter().map(|&(hash, start, end)| Word {
            hash: mix(hash),
            start,
            end,
        }));
        if i < block_end || i == bytes.len() {
            *walk = Walk {
                in_word,
                start,
                hash,
            };
            return i;
        }
    }
}

/// Walk the one character at `i`, a letter or digit outside ASCII, an apostrophe or
/// another separator, and return where the next one starts.
fn one_character(text: &str, i: usize, walk: &mut Walk, out: &mut Vec<Word>) -> usize {
    let c = text[i..].chars().next().expect("i is a char boundary");
    let next = i + c.len_utf8();
    if c.is_alphanumeric() {
        if !walk.in_word {
            *walk = Walk {
                in_word: true,
                start: i,
                hash: FNV_OFFSET,
            };
        }
        for lower in c.to_lowercase() {
            walk.hash = (walk.hash ^ u64::from(lower as u32)).wrapping_mul(FNV_PRIME);
        }
    } else if walk.in_word
        && is_apostrophe(c)
        && text[next..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        // An apostrophe inside a word joins its halves.
    } else if walk.in_word {
        walk.end_word(i, out);
    }
    next
}

/// The words of `text`.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 6);
    words_into(text, &mut out);
    out
}

/// The hash of the `size` words starting at each position: `words.len() - size + 1`
/// shingles, or one shingle of all the words when there are fewer than `size` but at
/// least one (so a short text still has something to match).
pub fn shingles(words: &[Word], size: usize) -> impl ExactSizeIterator<Item = u64> + '_ {
    let size = size.min(words.len()).max(1);
    words.windows(size).map(|window| {
        let mut h = FNV_OFFSET;
        for w in window {
            h = (h.rotate_left(17) ^ w.hash).wrapping_mul(FNV_PRIME);
        }
        mix(h)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans<'a>(text: &'a str, words: &[Word]) -> Vec<&'a str> {
        words.iter().map(|w| &text[w.span()]).collect()
    }

    /// The words as the splitter before `ascii_run` found them, a byte or a character
    /// at a time: the definition the fast walk must keep.
    fn reference_words(text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut hash = FNV_OFFSET;
        let mut start: Option<usize> = None;
        let mut end = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                // The common case: a run of ASCII letters and digits, hashed in a tight loop.
                start.get_or_insert(i);
                while let Some(&b) = bytes.get(i)
                    && b.is_ascii_alphanumeric()
                {
                    hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                    i += 1;
                }
                end = i;
                continue;
            }
            let (c, len) = if b < 0x80 {
                (b as char, 1)
            } else {
                let c = text[i..].chars().next().expect("i is a char boundary");
                (c, c.len_utf8())
            };
            if b >= 0x80 && c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    hash = (hash ^ u64::from(lower as u32)).wrapping_mul(FNV_PRIME);
                }
                start.get_or_insert(i);
                end = i + len;
            } else if start.is_some()
                && is_apostrophe(c)
                && text[i + len..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                // An apostrophe inside a word joins its halves.
            } else if let Some(s) = start.take() {
                out.push(Word {
                    hash: mix(hash),
                    start: s as u32,
                    end: end as u32,
                });
                hash = FNV_OFFSET;
            }
            i += len;
        }
        if let Some(s) = start {
            out.push(Word {
                hash: mix(hash),
                start: s as u32,
                end: end as u32,
            });
        }
        out
    }

    #[test]
    fn words_across_blocks_are_the_reference_words() {
        // Every alignment of a word, an apostrophe and a two-byte letter against the
        // end of a block of the ASCII walk.
        for pad in 500..530 {
            let text = "a".repeat(pad) + &" dogs' don't café,Ünï x".repeat(60);
            assert_eq!(
                words(&text),
                reference_words(&text),
                "with {pad} letters first"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..Default::default()
        })]

        #[test]
        fn words_are_the_reference_words_in_any_text(
            text in "([a-zA-Z0-9 .,'’‘ʼ()\n-]|[éẞİǅﬁ\u{301}\u{0660}\u{00A0}—“”]|\\PC){0,80}"
        ) {
            proptest::prop_assert_eq!(words(&text), reference_words(&text));
        }
    }

    #[test]
    fn words_ignore_case_punctuation_and_apostrophes() {
        let a = "“Japan’s  NATO-office,” he said: 2023!";
        let b = "japans nato office he SAID 2023";
        let wa = words(a);
        assert_eq!(
            spans(a, &wa),
            ["Japan’s", "NATO", "office", "he", "said", "2023"]
        );
        let ha: Vec<u64> = wa.iter().map(|w| w.hash).collect();
        let hb: Vec<u64> = words(b).iter().map(|w| w.hash).collect();
        assert_eq!(ha, hb);
        assert_ne!(ha[0], ha[1]);
    }

    #[test]
    fn non_ascii_letters_are_words_and_lowercased() {
        let text = "Hà Nội ĐÀ nẵng";
        let w = words(text);
        assert_eq!(spans(text, &w), ["Hà", "Nội", "ĐÀ", "nẵng"]);
        assert_eq!(words("đà")[0].hash, w[2].hash);
    }

    #[test]
    fn a_word_may_mix_ascii_and_other_letters() {
        let text = "CAFÉS naïve,Über2x don't";
        let w = words(text);
        assert_eq!(spans(text, &w), ["CAFÉS", "naïve", "Über2x", "don't"]);
        let hashes = |w: &[Word]| w.iter().map(|w| w.hash).collect::<Vec<_>>();
        assert_eq!(hashes(&w), hashes(&words("cafés NAÏVE über2X dont")));
    }

    #[test]
    fn shingles_depend_on_order_and_short_texts_have_one() {
        let ab = words("a b c");
        let ba = words("b a c");
        let s1: Vec<u64> = shingles(&ab, 2).collect();
        let s2: Vec<u64> = shingles(&ba, 2).collect();
        assert_eq!(s1.len(), 2);
        assert_ne!(s1[0], s2[0]);
        assert_eq!(s1[1], shingles(&words("B, C"), 2).next().unwrap());
        assert_eq!(shingles(&words("one"), 3).count(), 1);
        assert_eq!(shingles(&[], 3).count(), 0);
    }
}
