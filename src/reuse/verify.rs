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
    /// Whether the pair is a copy at all under `params`.
    pub fn is_copy(&self, params: &ReuseParams) -> bool {
        self.shared >= params.min_shared_shingles
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

/// One side of a comparison, computed once however many candidates it is in: its
/// words, its shingles in text order and its distinct shingles, sorted.
pub struct Prepared {
    words: Vec<Word>,
    shingles: Vec<u64>,
    distinct: Vec<u64>,
}

impl Prepared {
    pub fn new(words: Vec<Word>, shingle_size: usize) -> Self {
        let shingles: Vec<u64> = shingles(&words, shingle_size).collect();
        let distinct = distinct(&shingles);
        Prepared {
            words,
            shingles,
            distinct,
        }
    }
}

/// The document every `a` of a group is aligned against, with its shingles indexed.
pub struct Target {
    doc: Prepared,
    index: Vec<(u64, u32)>,
}

impl Target {
    pub fn new(doc: Prepared) -> Self {
        let mut index: Vec<(u64, u32)> = doc
            .shingles
            .iter()
            .enumerate()
            .map(|(j, &h)| (h, j as u32))
            .collect();
        index.sort_unstable();
        Target { doc, index }
    }
}

/// Compare the words of two documents.
#[cfg(test)]
pub fn verify(a: &[Word], b: &[Word], params: &ReuseParams) -> Verdict {
    let size = params.shingle_size;
    let target = Target::new(Prepared::new(b.to_vec(), size));
    verify_prepared(&Prepared::new(a.to_vec(), size), &target, params)
}

/// Compare document `a` with the target `b`.
pub fn verify_prepared(a: &Prepared, b: &Target, params: &ReuseParams) -> Verdict {
    let size = params.shingle_size;
    let (sa, da) = (&a.shingles, &a.distinct);
    let (sb, db) = (&b.doc.shingles, &b.doc.distinct);
    let shared = intersection_size(da, db);
    let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let runs = align(sa, sb, &b.index);
    let (a, b) = (&a.words[..], &b.doc.words[..]);
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
        a_in_b: ratio(shared, da.len()),
        b_in_a: ratio(shared, db.len()),
        jaccard: ratio(shared, da.len() + db.len() - shared),
        shared,
        longest_run,
        passages,
    }
}

fn distinct(shingles: &[u64]) -> Vec<u64> {
    let mut set = shingles.to_vec();
    set.sort_unstable();
    set.dedup();
    set
}

fn intersection_size(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Greedy alignment: walking `a`, take the longest run of equal shingles that starts
/// at the current shingle (trying at most a few of its occurrences in `b`, so that a
/// repeated phrase cannot make this quadratic), then continue after that run.
///
/// `index` is `b`'s shingles with their positions, sorted.
fn align(a: &[u64], b: &[u64], index: &[(u64, u32)]) -> Vec<Run> {
    const MAX_OCCURRENCES: usize = 8;
    let mut runs = Vec::new();
    let mut i = 0;
    while i < a.len() {
        let from = index.partition_point(|&(h, _)| h < a[i]);
        let best = index[from..]
            .iter()
            .take_while(|&&(h, _)| h == a[i])
            .take(MAX_OCCURRENCES)
            .map(|&(_, j)| {
                let j = j as usize;
                let len = a[i..]
                    .iter()
                    .zip(&b[j..])
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
}
