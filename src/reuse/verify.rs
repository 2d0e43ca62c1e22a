//! Exact verification of one candidate pair: shingle-set containment both ways,
//! Jaccard similarity, the aligned passages that are the evidence of a copy, and
//! the grade that follows from them.
//!
//! Runs on the words of the two documents only, so a candidate pair costs time in
//! proportion to the two texts and nothing is kept once its [`Verdict`] is made.

use super::ReuseGrade;
use super::params::ReuseParams;
use super::shingle::{Word, shingles};
use crate::extract::Span;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// What verification found about documents `a` and `b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Share of `a`'s distinct shingles found in `b`.
    pub a_in_b: f64,
    /// Share of `b`'s distinct shingles found in `a`.
    pub b_in_a: f64,
    pub jaccard: f64,
    /// Distinct shingles the two share.
    pub shared: usize,
    /// The longest run of identical words, in words.
    pub longest_run: usize,
    /// Aligned passages as (span in `a`, span in `b`), in `a`'s order.
    pub passages: Vec<(Span, Span)>,
}

impl Verdict {
    /// Whether the pair is a copy at all under `params`: enough shared shingles, and
    /// at least one passage to show as evidence. (Without that rule, a short text
    /// whose stock phrases, "a great deal of", make up a tenth of its trigrams was
    /// called a heavy copy of a long debate transcript, with nothing to show for it.)
    pub fn is_copy(&self, params: &ReuseParams) -> bool {
        self.shared >= params.min_shared_shingles
            && !self.passages.is_empty()
            && self.a_in_b.max(self.b_in_a) >= params.min_containment
    }

    /// Verbatim (mostly contained, or a long identical run), light (half contained)
    /// or heavy, from the larger containment and the longest run.
    pub fn grade(&self, params: &ReuseParams) -> ReuseGrade {
        let containment = self.a_in_b.max(self.b_in_a);
        if containment >= params.verbatim_containment
            || self.longest_run >= params.verbatim_run_words
        {
            ReuseGrade::Verbatim
        } else if containment >= params.light_containment {
            ReuseGrade::Light
        } else {
            ReuseGrade::Heavy
        }
    }
}

/// A run of equal shingles starting at `a` in one text and `b` in the other.
#[derive(Debug, Clone, Copy)]
struct Run {
    a: usize,
    b: usize,
    len: usize,
}

/// Marks the end of a chain of positions in [`Prepared::next`].
const NO_POSITION: u32 = u32::MAX;

/// Shingle hashes are already uniform (see `shingle::mix`), so the maps keyed by them
/// use them as they are instead of hashing them again.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, _: &[u8]) {
        unreachable!("shingle maps are keyed by u64 hashes only");
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

/// One side of a comparison, computed once however many candidates it is in: its
/// words, its shingles in text order, and where each distinct shingle occurs.
///
/// The occurrences are a hash map to each shingle's first position plus a chain to
/// the next one, built in one pass: sorting the shingles (for the distinct set and
/// for an index) cost more than the rest of verification.
pub struct Prepared {
    words: Vec<Word>,
    shingles: Vec<u64>,
    /// Each distinct shingle with its first position in `shingles`.
    first: HashMap<u64, u32, BuildHasherDefault<IdentityHasher>>,
    /// For each position in `shingles`, the next position of the same shingle.
    next: Vec<u32>,
}

impl Prepared {
    pub fn new(words: Vec<Word>, shingle_size: usize) -> Self {
        let shingles: Vec<u64> = shingles(&words, shingle_size).collect();
        let mut first = HashMap::with_capacity_and_hasher(shingles.len(), Default::default());
        let mut next = vec![NO_POSITION; shingles.len()];
        // Walking backwards leaves each shingle's first position in the map, and links
        // every position to the later one it displaced, so chains run in text order.
        for (j, &h) in shingles.iter().enumerate().rev() {
            if let Some(later) = first.insert(h, j as u32) {
                next[j] = later;
            }
        }
        Prepared {
            words,
            shingles,
            first,
            next,
        }
    }

    /// The positions of shingle `h` in this document, in text order.
    fn occurrences(&self, h: u64) -> impl Iterator<Item = usize> + '_ {
        let first = self.first.get(&h).map(|&j| j as usize);
        std::iter::successors(first, |&j| {
            let next = self.next[j];
            (next != NO_POSITION).then_some(next as usize)
        })
    }
}

/// Compare the words of two documents.
#[cfg(test)]
pub fn verify(a: &[Word], b: &[Word], params: &ReuseParams) -> Verdict {
    let size = params.shingle_size;
    verify_prepared(
        &Prepared::new(a.to_vec(), size),
        &Prepared::new(b.to_vec(), size),
        params,
    )
}

/// Compare document `a` with the target `b`.
pub fn verify_prepared(a: &Prepared, b: &Prepared, params: &ReuseParams) -> Verdict {
    let size = params.shingle_size;
    let (da, db) = (a.first.len(), b.first.len());
    let shared = a
        .first
        .keys()
        .filter(|&&h| b.first.contains_key(&h))
        .count();
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let runs = align(&a.shingles, b);
    let (a, b) = (&a.words[..], &b.words[..]);
    // A run of `len` shingles covers `len + size - 1` words (fewer for a text shorter
    // than one shingle, whose only shingle is all its words).
    let words_of = |run: &Run| {
        (run.len + size - 1)
            .min(a.len() - run.a)
            .min(b.len() - run.b)
    };
    let longest_run = runs.iter().map(words_of).max().unwrap_or(0);
    let passages = passages(&runs, a, b, params, &words_of);
    Verdict {
        a_in_b: ratio(shared, da),
        b_in_a: ratio(shared, db),
        jaccard: ratio(shared, da + db - shared),
        shared,
        longest_run,
        passages,
    }
}

/// Greedy alignment: walking `a`, take the longest run of equal shingles that starts
/// at the current shingle (trying at most a few of its occurrences in `b`, so that a
/// repeated phrase cannot make this quadratic), then continue after that run.
///
/// `b`'s occurrences of each shingle come from its map, in text order.
fn align(a: &[u64], b: &Prepared) -> Vec<Run> {
    const MAX_OCCURRENCES: usize = 8;
    let mut runs = Vec::new();
    let mut i = 0;
    while i < a.len() {
        let best = b
            .occurrences(a[i])
            .take(MAX_OCCURRENCES)
            .map(|j| {
                let len = a[i..]
                    .iter()
                    .zip(&b.shingles[j..])
                    .take_while(|(x, y)| x == y)
                    .count();
                Run { a: i, b: j, len }
            })
            .max_by_key(|run| (run.len, std::cmp::Reverse(run.b)));
        match best {
            Some(run) => {
                runs.push(run);
                i += run.len;
            }
            None => i += 1,
        }
    }
    runs
}

/// Merge runs that are close in both texts into passages, drop the short ones and
/// map them to byte spans.
fn passages(
    runs: &[Run],
    a: &[Word],
    b: &[Word],
    params: &ReuseParams,
    words_of: &dyn Fn(&Run) -> usize,
) -> Vec<(Span, Span)> {
    // Word ranges [start, end) in a and in b.
    let mut merged: Vec<[usize; 4]> = Vec::new();
    for run in runs {
        let n = words_of(run);
        let next = [run.a, run.a + n, run.b, run.b + n];
        if let Some(last) = merged.last_mut() {
            let close_in_a = next[0] <= last[1] + params.merge_gap_words;
            let within_b = next[2] >= last[2] && next[3] <= last[3];
            if close_in_a && within_b {
                // Words of the passage so far, said again ("The Washington Post"
                // in a sentence the copier added): not more of the copy.
                continue;
            }
            let close_in_b = next[2] >= last[2] && next[2] <= last[3] + params.merge_gap_words;
            if close_in_a && close_in_b {
                last[1] = last[1].max(next[1]);
                last[3] = last[3].max(next[3]);
                continue;
            }
        }
        merged.push(next);
    }
    merged
        .into_iter()
        .filter(|m| m[1] - m[0] >= params.min_passage_words)
        .map(|[a0, a1, b0, b1]| {
            (
                a[a0].start as usize..a[a1 - 1].end as usize,
                b[b0].start as usize..b[b1 - 1].end as usize,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::shingle::words;

    #[test]
    fn containment_is_measured_both_ways() {
        let params = ReuseParams::default();
        let long = "one two three four five six seven eight nine ten eleven twelve";
        let short = "five six seven eight nine";
        let v = verify(&words(short), &words(long), &params);
        // The short text's 3 shingles are all in the long one's 10.
        assert_eq!(v.a_in_b, 1.0);
        assert_eq!(v.b_in_a, 0.3);
        assert_eq!(v.jaccard, 0.3);
        assert_eq!(v.shared, 3);
        assert_eq!(v.longest_run, 5);
    }

    #[test]
    fn close_runs_merge_into_one_passage_with_byte_spans() {
        let params = ReuseParams {
            min_passage_words: 4,
            ..ReuseParams::default()
        };
        let a = "alpha beta gamma delta epsilon zeta CHANGED theta iota kappa lambda mu";
        let b =
            "intro words here alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        let v = verify(&words(a), &words(b), &params);
        assert_eq!(v.passages.len(), 1);
        let (pa, pb) = &v.passages[0];
        assert_eq!(&a[pa.clone()], a);
        assert_eq!(&b[pb.clone()], &b["intro words here ".len()..]);
        assert_eq!(v.longest_run, 6);
    }

    #[test]
    fn a_passage_ends_where_the_copy_does_though_words_of_it_come_again() {
        let params = ReuseParams::default();
        let source = "The Washington Post reported that the harbour fees doubled for the small boats of the old port this spring.";
        let copy = format!("{source} According to The Washington Post, owners meet today.");
        let v = verify(&words(&copy), &words(source), &params);
        assert_eq!(v.passages.len(), 1);
        assert_eq!(&copy[v.passages[0].0.clone()], &source[..source.len() - 1]);
    }

    #[test]
    fn stock_phrases_without_a_passage_are_no_copy() {
        let params = ReuseParams::default();
        // Five stock phrases of four or five words: eleven shared trigrams, nearly half of
        // the short text's, but no run of the eight words a passage needs.
        let phrases = [
            "a great deal of",
            "it is time for",
            "at the end of the",
            "in the middle of",
            "on the other hand",
        ];
        let short = phrases.join(" x ");
        let long = phrases.join(" and then some more words before ");
        let v = verify(&words(&short), &words(&long), &params);
        assert_eq!(v.shared, 11);
        assert!(v.a_in_b > 0.4, "{}", v.a_in_b);
        assert!(v.passages.is_empty());
        assert!(!v.is_copy(&params));
        let with_a_passage = format!("{short} the rest of this sentence is copied here");
        let source = format!("{long} the rest of this sentence is copied here");
        let v = verify(&words(&with_a_passage), &words(&source), &params);
        assert_eq!(v.passages.len(), 1);
        assert!(v.is_copy(&params));
    }
}
