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

/// At most this many (document, document) entries of the sampled-shingle join are
/// held at once: on a large corpus the join runs in shards of documents, so its
/// memory stays bounded whatever the corpus size (8 Mi entries are 64 MiB).
const MAX_JOIN_ENTRIES: usize = 8 << 20;

/// Sorted, distinct pairs `(a, b)` with `a < b` of documents worth verifying.
/// Each channel frees its part of the summaries as soon as it has read them.
pub fn candidate_pairs(summaries: Vec<Summary>, params: &ReuseParams) -> Vec<(u32, u32)> {
    let (band_keys, samples): (Vec<_>, Vec<_>) = summaries
        .into_iter()
        .map(|s| (s.band_keys, s.samples))
        .unzip();
    let mut pairs = band_pairs(band_keys);
    pairs.extend(sample_pairs(samples, params, MAX_JOIN_ENTRIES));
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Pairs of documents that agree on a whole LSH band.
fn band_pairs(band_keys: Vec<Vec<u64>>) -> Vec<(u32, u32)> {
    // The band index is already mixed into each key, so one flat list is enough.
    let mut entries: Vec<(u64, u32)> = Vec::with_capacity(band_keys.iter().map(Vec::len).sum());
    for (doc, keys) in band_keys.into_iter().enumerate() {
        entries.extend(keys.into_iter().map(|k| (k, doc as u32)));
    }
    entries.par_sort_unstable();
    let every = |_| true;
    let mut pairs = pairs_in_runs(
        &entries,
        usize::MAX,
        |&(key, _)| key,
        |&(_, doc)| doc,
        every,
    );
    pairs.retain(|(a, b)| a != b);
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Every pair `(a, b)` of documents in each run of equal keys of `sorted` no longer
/// than `max_run`, a pair per shared key, for the first documents `a` that `first`
/// keeps. The pairs are counted first and then written into one buffer of that size,
/// by parallel tasks over whole runs: collecting them as they come would hold up to
/// twice as many at once.
fn pairs_in_runs<T: Sync, K: PartialEq>(
    sorted: &[T],
    max_run: usize,
    key: impl Fn(&T) -> K + Sync,
    doc: impl Fn(&T) -> u32 + Sync,
    first: impl Fn(u32) -> bool + Sync,
) -> Vec<(u32, u32)> {
    // Each first document of a run, with the documents after it.
    let firsts = |part| {
        runs_in(part, max_run, &key).flat_map(|run: &[T]| {
            let (doc, first) = (&doc, &first);
            let firsts = run.iter().enumerate().filter(move |(_, a)| first(doc(a)));
            firsts.map(move |(i, a)| (a, &run[i + 1..]))
        })
    };
    let pairs_in = |part| {
        let doc = &doc;
        firsts(part).flat_map(move |(a, rest)| rest.iter().map(move |b| (doc(a), doc(b))))
    };
    let parts = split_between_runs(sorted, 4 * rayon::current_num_threads(), &key);
    let counts: Vec<usize> = parts
        .par_iter()
        .map(|part| firsts(part).map(|(_, rest)| rest.len()).sum())
        .collect();
    let mut pairs = vec![(0, 0); counts.iter().sum()];
    let mut outputs = Vec::with_capacity(parts.len());
    let mut rest = pairs.as_mut_slice();
    for &count in &counts {
        let (output, tail) = rest.split_at_mut(count);
        outputs.push(output);
        rest = tail;
    }
    parts.par_iter().zip(outputs).for_each(|(part, output)| {
        for (slot, pair) in output.iter_mut().zip(pairs_in(part)) {
            *slot = pair;
        }
    });
    pairs
}

/// The runs of equal keys in `sorted` that make pairs: at least two, at most `max_run` long.
fn runs_in<'a, T, K: PartialEq>(
    sorted: &'a [T],
    max_run: usize,
    key: &'a impl Fn(&T) -> K,
) -> impl Iterator<Item = &'a [T]> {
    sorted
        .chunk_by(|x, y| key(x) == key(y))
        .filter(move |run| run.len() >= 2 && run.len() <= max_run)
}

/// `sorted` cut into about `n` parts, each cut between two runs of equal keys.
fn split_between_runs<T, K: PartialEq>(sorted: &[T], n: usize, key: impl Fn(&T) -> K) -> Vec<&[T]> {
    let step = sorted.len().div_ceil(n.max(1)).max(1);
    let mut parts = Vec::with_capacity(n);
    let mut rest = sorted;
    while !rest.is_empty() {
        let mut end = step.min(rest.len());
        while end < rest.len() && key(&rest[end - 1]) == key(&rest[end]) {
            end += 1;
        }
        let (part, tail) = rest.split_at(end);
        parts.push(part);
        rest = tail;
    }
    parts
}

/// Pairs of documents that share enough sampled shingles, in number and in share,
/// joined in as many shards as it takes to hold at most `max_entries` at once.
fn sample_pairs(
    samples: Vec<Vec<u32>>,
    params: &ReuseParams,
    max_entries: usize,
) -> Vec<(u32, u32)> {
    let sampled: Vec<usize> = samples.iter().map(Vec::len).collect();
    let postings = sorted_postings(samples);
    let key = |p: &u64| p >> 32;
    let doc = |&p: &u64| p as u32;
    let entries: usize = runs_in(&postings, params.max_postings, &key)
        .map(|run| run.len() * (run.len() - 1) / 2)
        .sum();
    let shards = entries.div_ceil(max_entries).max(1);
    let enough = |&(a, b): &(u32, u32), shared: usize| {
        let smaller = sampled[a as usize].min(sampled[b as usize]);
        shared >= params.min_shared_samples
            && shared as f64 >= params.min_sampled_containment * smaller as f64
    };
    let mut pairs = Vec::new();
    for shard in 0..shards {
        let in_shard = |a: u32| a as usize % shards == shard;
        // One entry per shared sampled shingle; equal pairs are then counted as runs.
        let mut shared = pairs_in_runs(&postings, params.max_postings, key, doc, in_shard);
        shared.par_sort_unstable();
        let counted = shared.chunk_by(|a, b| a == b);
        pairs.extend(
            counted
                .filter(|run| enough(&run[0], run.len()))
                .map(|run| run[0]),
        );
    }
    pairs
}

/// Every sample as a posting, sorted: its 32-bit key above its document's number, so
/// that plain integers are sorted (about twice as fast as (key, document) pairs).
///
/// The keys are uniform hashes, so the postings are first dealt into buckets by their
/// top bits, in document order, and then each bucket is sorted on its own, in
/// parallel and within the CPU caches: a third of the time of one sort of the whole.
fn sorted_postings(samples: Vec<Vec<u32>>) -> Vec<u64> {
    // About a thousand postings a bucket, in at most 2^16 buckets.
    let total: usize = samples.iter().map(Vec::len).sum();
    let bits = (total >> 10).max(1).ilog2().min(16);
    let bucket = |key: u32| (u64::from(key) >> (32 - bits)) as usize;
    let mut starts = vec![0; (1 << bits) + 1];
    for &key in samples.iter().flatten() {
        starts[bucket(key) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut postings = vec![0; total];
    for (doc, keys) in samples.into_iter().enumerate() {
        for key in keys {
            let slot = &mut starts[bucket(key)];
            postings[*slot] = u64::from(key) << 32 | doc as u64;
            *slot += 1;
        }
    }
    let same_bucket = |x: &u64, y: &u64| bucket((x >> 32) as u32) == bucket((y >> 32) as u32);
    postings
        .par_chunk_by_mut(same_bucket)
        .for_each(<[u64]>::sort_unstable);
    postings
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
        assert_eq!(
            candidate_pairs(docs.to_vec(), &params(2, 64)),
            [(0, 1), (0, 2)]
        );
        assert_eq!(
            candidate_pairs(docs.to_vec(), &params(1, 64)),
            [(0, 1), (0, 2), (0, 3), (2, 3)]
        );
    }

    #[test]
    fn parts_end_between_runs_and_cover_the_input() {
        let sorted = [1, 1, 1, 2, 2, 3, 4, 4, 4, 4];
        for n in 1..=12 {
            let parts = split_between_runs(&sorted, n, |&x| x);
            assert_eq!(parts.concat(), sorted, "{n} parts");
            for pair in parts.windows(2) {
                assert_ne!(pair[0].last(), pair[1].first(), "{n} parts split a run");
            }
        }
    }

    #[test]
    fn every_pair_of_every_run_is_written_once() {
        // (key, doc): runs of key 1 (3 docs), 2 (2 docs), 3 (1 doc) and 4 (over the cap of 3).
        let sorted = [
            (1, 0),
            (1, 1),
            (1, 2),
            (2, 5),
            (2, 6),
            (3, 7),
            (4, 1),
            (4, 2),
            (4, 3),
            (4, 4),
        ];
        let pairs = pairs_in_runs(&sorted, 3, |&(key, _)| key, |&(_, doc)| doc, |_| true);
        assert_eq!(pairs, [(0, 1), (0, 2), (1, 2), (5, 6)]);
        let odd_first = |a: u32| a % 2 == 1;
        let pairs = pairs_in_runs(&sorted, 3, |&(key, _)| key, |&(_, doc)| doc, odd_first);
        assert_eq!(pairs, [(1, 2), (5, 6)]);
    }

    #[test]
    fn a_join_in_shards_finds_what_one_join_finds() {
        // Documents 0-5 share samples in overlapping groups; any shard count gives the same pairs.
        let samples: Vec<Vec<u32>> = vec![
            vec![1, 2, 3],
            vec![1, 2, 3, 4],
            vec![3, 4, 5],
            vec![4, 5, 6],
            vec![1, 5, 6],
            vec![2, 6],
        ];
        let whole = sample_pairs(samples.clone(), &params(2, 64), usize::MAX);
        assert_eq!(whole, [(0, 1), (1, 2), (2, 3), (3, 4)]);
        for max_entries in 1..=6 {
            let mut sharded = sample_pairs(samples.clone(), &params(2, 64), max_entries);
            sharded.sort_unstable();
            assert_eq!(sharded, whole, "at most {max_entries} entries at once");
        }
    }

    #[test]
    fn postings_dealt_into_buckets_come_out_as_one_sort_would() {
        // 5,000 documents of 3 keys spread over the whole key range: 14 buckets.
        let samples: Vec<Vec<u32>> = (0..5000u32)
            .map(|doc| {
                let mut keys: Vec<u32> = (0..3)
                    .map(|i| (doc * 3 + i).wrapping_mul(0x9e37_79b9))
                    .collect();
                keys.sort_unstable();
                keys
            })
            .collect();
        let mut expected: Vec<u64> = samples
            .iter()
            .enumerate()
            .flat_map(|(doc, keys)| keys.iter().map(move |&k| u64::from(k) << 32 | doc as u64))
            .collect();
        expected.sort_unstable();
        assert_eq!(sorted_postings(samples), expected);
    }

    #[test]
    fn boilerplate_samples_over_the_cap_are_skipped() {
        let docs: Vec<Summary> = (0..5).map(|i| summary(&[100 + i], &[7, 8])).collect();
        assert_eq!(candidate_pairs(docs.clone(), &params(2, 4)), []);
        assert_eq!(candidate_pairs(docs, &params(2, 5)).len(), 10);
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
            candidate_pairs(vec![long(1000), long(2000)], &params(2, 64)),
            []
        );
        assert_eq!(
            candidate_pairs(vec![short(1000), short(2000)], &params(2, 64)),
            [(0, 1)]
        );
    }
}
