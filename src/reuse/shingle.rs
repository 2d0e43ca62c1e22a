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

/// Each ASCII letter and digit lower-cased, and 0 for every other byte.
const ASCII_WORD: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// Append the words of `text` to `out` (cleared first), so a caller can reuse the buffer.
///
/// Walks bytes, decoding a character only at a non-ASCII byte, since news text is
/// mostly ASCII and this loop is the hottest of the stage.
pub fn words_into(text: &str, out: &mut Vec<Word>) {
    out.clear();
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
            while let Some(&lower) = bytes.get(i).map(|&b| &ASCII_WORD[usize::from(b)])
                && lower != 0
            {
                hash = (hash ^ u64::from(lower)).wrapping_mul(FNV_PRIME);
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
