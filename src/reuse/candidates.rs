//! Candidate pairs: the only pairs of documents that verification looks at.
//!
//! Two channels, both joins on keys (sort, then walk runs of equal keys), never a
//! loop over all pairs:
//!
//! 1. **LSH bands.** Documents whose sketches agree on every row of some band. This
//!    finds near-duplicates and light revisions of any length, but it estimates
//!    *Jaccard* similarity, and a 150-word answer copied whole into a 600-word article,
//!    or a heavily reworded copy, has a low Jaccard similarity even when most of the
//!    short text is copied (high containment). Lowering the band threshold far enough
//!    to catch those would flood a large corpus with false candidates.
//! 2. **Sampled shingles.** Each document keeps the shingles whose (re-mixed) hash is
//!    0 modulo `sample-modulus` — a content-defined sample, so the same shingle is
//!    kept in every document that has it, and the number of sampled shingles two
//!    documents share estimates their shared shingles directly, whatever their
//!    lengths. Pairs sharing at least `min-shared-samples`, and at least
//!    `min-sampled-containment` of the smaller document's samples, become candidates. A
//!    sampled shingle in more than `max-postings` documents is boilerplate ("click
//!    here to subscribe") and is skipped, so the join costs at most
//!    `max-postings` pairs per sampled shingle: linear in the corpus.
//!
//! The second channel was chosen over LSH on smaller shingles because it keeps the
//! shingle size of verification (so a candidate is judged on what found it), is
//! exact on short texts rather than probabilistic in bands, and needs no second sketch.
//! Winnowing would guarantee that every long enough shared run is sampled; mod-p
//! sampling gives no such guarantee but estimates containment without bias, which is
//! what a heavily edited copy (many short shared runs) needs.

use super::params::ReuseParams;
use super::sketch::Summary;
use rayon::prelude::*;

/// Sorted, distinct pairs `(a, b)` with `a < b` of documents worth verifying.
pub fn candidate_pairs(summaries: &[Summary], params: &ReuseParams) -> Vec<(u32, u32)> {
    let mut pairs = band_pairs(summaries);
    pairs.extend(sample_pairs(summaries, params));
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Pairs of documents that agree on a whole LSH band.
fn band_pairs(summaries: &[Summary]) -> Vec<(u32, u32)> {
    // The band index is already mixed into each key, so one flat list is enough.
    let mut entries: Vec<(u64, u32)> = summaries
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, s)| s.band_keys.iter().map(move |&k| (k, doc as u32)))
        .collect();
    entries.par_sort_unstable();
    let mut pairs = pairs_in_runs(&entries, usize::MAX, |&(key, _)| key, |&(_, doc)| doc);
    pairs.retain(|(a, b)| a != b);
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Every pair of documents in each run of equal keys of `sorted` no longer than
/// `max_run`, a pair per shared key: walked in parallel, one run per task.
fn pairs_in_runs<T: Sync, K: PartialEq>(
    sorted: &[T],
    max_run: usize,
    key: impl Fn(&T) -> K + Sync,
    doc: impl Fn(&T) -> u32 + Sync,
) -> Vec<(u32, u32)> {
    sorted
        .par_chunk_by(|x, y| key(x) == key(y))
        .filter(|run| run.len() >= 2 && run.len() <= max_run)
        .flat_map_iter(|run| {
            let doc = &doc;
            run.iter()
                .enumerate()
                .flat_map(move |(i, a)| run[i + 1..].iter().map(move |b| (doc(a), doc(b))))
        })
        .collect()
}

/// Pairs of documents that share enough sampled shingles, in number and in share.
fn sample_pairs(summaries: &[Summary], params: &ReuseParams) -> Vec<(u32, u32)> {
    // A posting is a sample's 32-bit key above its document's number: sorting plain
    // integers is about twice as fast as sorting (key, document) pairs.
    let mut postings: Vec<u64> = summaries
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, s)| {
            s.samples
                .iter()
                .map(move |&h| u64::from(h) << 32 | doc as u64)
        })
        .collect();
    postings.par_sort_unstable();
    // One entry per shared sampled shingle; equal pairs are then counted as runs.
    let mut shared = pairs_in_runs(&postings, params.max_postings, |p| p >> 32, |&p| p as u32);
    shared.par_sort_unstable();
    let enough = |&(a, b): &(u32, u32), shared: usize| {
        let smaller = summaries[a as usize]
            .samples
            .len()
            .min(summaries[b as usize].samples.len());
        shared >= params.min_shared_samples
            && shared as f64 >= params.min_sampled_containment * smaller as f64
    };
    shared
        .chunk_by(|a, b| a == b)
        .filter(|run| enough(&run[0], run.len()))
        .map(|run| run[0])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(band_keys: &[u64], samples: &[u32]) -> Summary {
        Summary {
            band_keys: band_keys.to_vec(),
            samples: samples.to_vec(),
        }
    }

    fn params(min_shared_samples: usize, max_postings: usize) -> ReuseParams {
        ReuseParams {
            min_shared_samples,
            max_postings,
            ..ReuseParams::default()
        }
    }

    #[test]
    fn bands_and_samples_both_propose_pairs() {
        let docs = [
            summary(&[1, 2], &[10, 11, 12]),
            summary(&[3, 2], &[]),
            summary(&[5, 6], &[11, 12, 13]),
            summary(&[7, 8], &[12, 20]),
        ];
        // 0–1 share band key 2; 0–2 share samples 11 and 12; 0–3 share only one sample.
        assert_eq!(candidate_pairs(&docs, &params(2, 64)), [(0, 1), (0, 2)]);
        assert_eq!(
            candidate_pairs(&docs, &params(1, 64)),
            [(0, 1), (0, 2), (0, 3), (2, 3)]
        );
    }

    #[test]
    fn boilerplate_samples_over_the_cap_are_skipped() {
        let docs: Vec<Summary> = (0..5).map(|i| summary(&[100 + i], &[7, 8])).collect();
        assert_eq!(candidate_pairs(&docs, &params(2, 4)), []);
        assert_eq!(candidate_pairs(&docs, &params(2, 5)).len(), 10);
    }

    #[test]
    fn a_few_stock_phrases_in_long_articles_are_not_a_candidate() {
        // Two shared samples out of 100 each (2 %) fall short of 5 %; out of 30, they do not.
        let long = |offset: u32| {
            summary(
                &[u64::from(offset)],
                &(offset..offset + 98).chain([1, 2]).collect::<Vec<u32>>(),
            )
        };
        let short = |offset: u32| {
            summary(
                &[u64::from(offset)],
                &(offset..offset + 28).chain([1, 2]).collect::<Vec<u32>>(),
            )
        };
        assert_eq!(
            candidate_pairs(&[long(1000), long(2000)], &params(2, 64)),
            []
        );
        assert_eq!(
            candidate_pairs(&[short(1000), short(2000)], &params(2, 64)),
            [(0, 1)]
        );
    }
}
