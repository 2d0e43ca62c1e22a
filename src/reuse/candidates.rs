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
/// Each channel frees its part of the summaries as soon as it has read them.
pub fn candidate_pairs(summaries: Vec<Summary>, params: &ReuseParams) -> Vec<(u32, u32)> {
    let (band_keys, samples): (Vec<_>, Vec<_>) = summaries
        .into_iter()
        .map(|s| (s.band_keys, s.samples))
        .unzip();
    let mut pairs = band_pairs(band_keys);
    pairs.extend(sample_pairs(samples, params));
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Pairs of documents that agree on a whole LSH band, each pair once: at the first
/// band they agree on, so that no list of a pair per shared band is ever held.
fn band_pairs(band_keys: Vec<Vec<u64>>) -> Vec<(u32, u32)> {
    // The band index is already mixed into each key, so one flat list is enough.
    let mut entries: Vec<(u64, u32)> = Vec::with_capacity(band_keys.iter().map(Vec::len).sum());
    for (doc, keys) in band_keys.iter().enumerate() {
        entries.extend(keys.iter().map(|&k| (k, doc as u32)));
    }
    entries.par_sort_unstable();
    let first_agree_on = |a: u32, b: u32, key: u64| {
        let (a, b) = (&band_keys[a as usize], &band_keys[b as usize]);
        a.iter().zip(b).find(|(x, y)| x == y).map(|(&x, _)| x) == Some(key)
    };
    entries
        .par_chunk_by(|x, y| x.0 == y.0)
        .flat_map_iter(|run| {
            let later = move |i: usize| {
                let a = run[i].1;
                let agree = move |&&(key, b): &&(u64, u32)| a != b && first_agree_on(a, b, key);
                run[i + 1..].iter().filter(agree).map(move |&(_, b)| (a, b))
            };
            (0..run.len()).flat_map(later)
        })
        .collect()
}

/// Pairs of documents that share enough sampled shingles, in number and in share.
///
/// Each document counts, in a table with a slot per document, the later documents
/// that share each of its samples, and keeps those that share enough: the work is
/// one increment per shared sample and pair, with no list of all such entries to
/// sort, and the memory beyond the postings is a counter per document per thread.
fn sample_pairs(samples: Vec<Vec<u32>>, params: &ReuseParams) -> Vec<(u32, u32)> {
    let sampled: Vec<usize> = samples.iter().map(Vec::len).collect();
    let shared = SharedSamples::new(sorted_postings(samples), sampled.len(), params.max_postings);
    let enough = |a: u32, b: u32, count: u32| {
        let smaller = sampled[a as usize].min(sampled[b as usize]);
        count as usize >= params.min_shared_samples
            && f64::from(count) >= params.min_sampled_containment * smaller as f64
    };
    let fresh_counts = || (vec![0u32; sampled.len()], Vec::new());
    (0..sampled.len() as u32)
        .into_par_iter()
        .with_min_len(256)
        .map_init(fresh_counts, |(counts, touched), a| {
            for b in shared.later(a) {
                if counts[b as usize] == 0 {
                    touched.push(b);
                }
                counts[b as usize] += 1;
            }
            let mut pairs = Vec::new();
            for b in touched.drain(..) {
                let count = std::mem::take(&mut counts[b as usize]);
                if enough(a, b, count) {
                    pairs.push((a, b));
                }
            }
            pairs
        })
        .flatten_iter()
        .collect()
}

/// The postings of samples that from two to `max_postings` documents share, and for
/// each document where its own postings sit among them.
struct SharedSamples {
    /// Sorted as [`sorted_postings`] sorts them.
    postings: Vec<u64>,
    /// Document `d`'s postings are `postings[at[starts[d]..starts[d + 1]]]`.
    starts: Vec<usize>,
    at: Vec<u32>,
}

impl SharedSamples {
    fn new(mut postings: Vec<u64>, documents: usize, max_postings: usize) -> Self {
        // Keep the runs of equal keys from two to `max_postings` long, in place.
        let (mut kept, mut start) = (0, 0);
        while start < postings.len() {
            let key = postings[start] >> 32;
            let len = postings[start..]
                .iter()
                .take_while(|&&p| p >> 32 == key)
                .count();
            if (2..=max_postings).contains(&len) {
                postings.copy_within(start..start + len, kept);
                kept += len;
            }
            start += len;
        }
        postings.truncate(kept);
        // Each document's postings, in order, by counting them first.
        let mut starts = vec![0; documents + 1];
        for &p in &postings {
            starts[p as u32 as usize + 1] += 1;
        }
        for d in 1..starts.len() {
            starts[d] += starts[d - 1];
        }
        let mut next = starts.clone();
        let mut at = vec![0; postings.len()];
        for (i, &p) in postings.iter().enumerate() {
            let slot = &mut next[p as u32 as usize];
            at[*slot] = u32::try_from(i).expect("fewer than 2^32 shared samples");
            *slot += 1;
        }
        SharedSamples {
            postings,
            starts,
            at,
        }
    }

    /// The later documents that share each of `doc`'s samples, once per sample.
    fn later(&self, doc: u32) -> impl Iterator<Item = u32> + '_ {
        let d = doc as usize;
        self.at[self.starts[d]..self.starts[d + 1]]
            .iter()
            .flat_map(move |&i| {
                let i = i as usize;
                let key = self.postings[i] >> 32;
                // A run is sorted by document, so the documents after `doc` are later.
                self.postings[i + 1..]
                    .iter()
                    .take_while(move |&&p| p >> 32 == key)
                    .map(|&p| p as u32)
            })
    }
}

/// Every sample as a posting, sorted: its 32-bit key above its document's number, so
/// that plain integers are sorted (about twice as fast as (key, document) pairs).
///
/// The keys are uniform hashes, so the postings are first dealt into buckets by their
/// top bits, in document order, and then each bucket is sorted on its own, in
/// parallel and within the CPU caches: a third of the time of one sort of the whole.
fn sorted_postings(samples: Vec<Vec<u32>>) -> Vec<u64> {
    // About a thousand postings a bucket, in at most 2^12 buckets: dealing into more
    // (2^15 on 1 GB) writes to more places at once than the TLB covers, and took
    // twice as long.
    let total: usize = samples.iter().map(Vec::len).sum();
    let bits = (total >> 10).max(1).ilog2().min(12);
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
    use crate::reuse::shingle::mix;

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
    fn a_pair_agreeing_on_several_bands_is_found_once() {
        // 0 and 1 agree on bands 0 and 1, 0 and 2 on bands 1 and 2, 1 and 2 on band 1.
        let keys = vec![vec![1, 2, 3], vec![1, 2, 9], vec![7, 2, 3]];
        let mut pairs = band_pairs(keys);
        pairs.sort_unstable();
        assert_eq!(pairs, [(0, 1), (0, 2), (1, 2)]);
    }

    #[test]
    fn each_document_sees_the_later_documents_of_its_shared_samples() {
        // Key 1 is in documents 0-2, key 2 in 0 and 3, key 3 only in 1, key 4 in all five
        // (over the cap of 4).
        let samples = vec![
            vec![1, 2, 4],
            vec![1, 3, 4],
            vec![1, 4],
            vec![2, 4],
            vec![4],
        ];
        let shared = SharedSamples::new(sorted_postings(samples), 5, 4);
        let later = |doc| shared.later(doc).collect::<Vec<_>>();
        assert_eq!(later(0), [1, 2, 3]);
        assert_eq!(later(1), [2]);
        assert_eq!(later(3), [] as [u32; 0]);
        assert_eq!(shared.postings.len(), 5);
    }

    #[test]
    fn the_sampled_join_finds_what_counting_every_pair_finds() {
        // 200 documents drawing 2-40 samples from 200 keys, a quarter of the draws from
        // 5 keys that end up in more documents than the cap.
        let key = |h: u64| if h.is_multiple_of(4) { h % 5 } else { h % 200 } as u32;
        let samples: Vec<Vec<u32>> = (0..200u64)
            .map(|doc| {
                let n = 2 + mix(doc) % 39;
                let mut keys: Vec<u32> = (0..n).map(|i| key(mix(doc << 8 | i))).collect();
                keys.sort_unstable();
                keys.dedup();
                keys
            })
            .collect();
        let params = ReuseParams {
            min_sampled_containment: 0.2,
            ..params(3, 40)
        };
        let in_docs = |key: &u32| samples.iter().filter(|s| s.contains(key)).count();
        let mut expected = Vec::new();
        for a in 0..samples.len() {
            for b in a + 1..samples.len() {
                let shared = samples[a]
                    .iter()
                    .filter(|k| samples[b].contains(k) && in_docs(k) <= 40)
                    .count();
                let smaller = samples[a].len().min(samples[b].len());
                if shared >= 3 && shared as f64 >= 0.2 * smaller as f64 {
                    expected.push((a as u32, b as u32));
                }
            }
        }
        let mut found = sample_pairs(samples.clone(), &params);
        found.sort_unstable();
        assert!(expected.len() > 100, "{} pairs", expected.len());
        assert!((0..5).all(|k| in_docs(&k) > 40));
        assert_eq!(found, expected);
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
