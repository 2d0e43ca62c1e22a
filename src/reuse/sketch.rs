//! The per-document summary that candidate generation joins on: a one-permutation
//! MinHash sketch with densification, cut into LSH band keys, plus a sample of the
//! document's shingles.
//!
//! One-permutation hashing (Li, Owen & Zhang 2012) splits the hash range into
//! `sketch-size` bins and keeps the minimum hash in each bin: one pass and one
//! compare per shingle, where classic MinHash needs one multiply-min per shingle and
//! per permutation (DESIGN.md, "Performance and scale"). Bins that no shingle fell in
//! are filled by optimal densification (Shrivastava 2017): an empty bin copies the
//! value of the non-empty bin chosen by a fixed hash sequence of its index, which
//! keeps the collision probability of two sketches equal to their Jaccard similarity.

use super::shingle::mix;

/// Marks a bin that no shingle fell in, before densification.
const EMPTY: u64 = u64::MAX;

/// What candidate generation keeps of one document: bounded by the parameters,
/// not by the document's length (apart from the 1-in-`sample-modulus` sample).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// One key per LSH band; empty when the document has no shingles.
    pub band_keys: Vec<u64>,
    /// The distinct shingles whose re-mixed hash is 0 modulo `sample-modulus`, each
    /// kept as the low 32 bits of its hash (a join key needs no more), sorted.
    pub samples: Vec<u32>,
}

/// Summarise one document's shingle hashes.
pub fn summarise(
    shingles: impl ExactSizeIterator<Item = u64>,
    sketch_size: usize,
    bands: usize,
    sample_modulus: u64,
) -> Summary {
    let mut bins = vec![EMPTY; sketch_size];
    // Every shingle is written at the end of the sample, which only grows by the
    // ones kept: no branch on a test that passes for one shingle in three at random
    // (mispredicted, that branch was two fifths of the sampling's time).
    let mut samples = vec![0; shingles.len()];
    let mut kept = 0;
    let any = shingles.len() > 0;
    for h in shingles {
        // The top bits choose the bin (a multiply-shift, no division).
        let bin = ((u128::from(h) * sketch_size as u128) >> 64) as usize;
        if h < bins[bin] {
            bins[bin] = h;
        }
        samples[kept] = h as u32;
        // Sample on differently mixed bits, so that the sample is independent of the bins.
        kept += usize::from(mix(h ^ 0x5851_f42d_4c95_7f2d).is_multiple_of(sample_modulus));
    }
    samples.truncate(kept);
    samples.sort_unstable();
    samples.dedup();
    // Kept until every document is summarised: no room for the shingles left out.
    samples.shrink_to_fit();
    if !any {
        return Summary {
            band_keys: Vec::new(),
            samples,
        };
    }
    densify(&mut bins);
    let rows = sketch_size / bands;
    let band_keys = bins
        .chunks(rows)
        .enumerate()
        .map(|(band, values)| {
            let mut key = mix(band as u64 + 1);
            for &v in values {
                key = mix(key ^ v);
            }
            key
        })
        .collect();
    Summary { band_keys, samples }
}

/// Fill each empty bin from the non-empty bin picked by a hash sequence of its index
/// (the same sequence in every document, so that equal sets give equal sketches).
fn densify(bins: &mut [u64]) {
    let n = bins.len() as u64;
    let filled: Vec<bool> = bins.iter().map(|&v| v != EMPTY).collect();
    for i in 0..bins.len() {
        if filled[i] {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            let j = (mix((i as u64) << 32 | attempt) % n) as usize;
            if filled[j] {
                bins[i] = bins[j];
                break;
            }
            attempt += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(
        range: std::ops::Range<u32>,
    ) -> impl DoubleEndedIterator<Item = u64> + ExactSizeIterator {
        range.map(|i| mix(u64::from(i)))
    }

    #[test]
    fn equal_sets_share_every_band_and_disjoint_sets_none() {
        let a = summarise(hashes(0..200), 64, 16, 4);
        let b = summarise(hashes(0..200).rev(), 64, 16, 4);
        let c = summarise(hashes(1000..1200), 64, 16, 4);
        assert_eq!(a, b);
        assert_eq!(a.band_keys.len(), 16);
        let shared = a
            .band_keys
            .iter()
            .zip(&c.band_keys)
            .filter(|(x, y)| x == y)
            .count();
        assert_eq!(shared, 0);
    }

    #[test]
    fn densified_bins_estimate_jaccard() {
        // Two sets of 60 with 30 in common: Jaccard 1/3. With 1024 bins the share of
        // equal bins is within a few points of it.
        let a = summarise(hashes(0..60), 1024, 1024, 4);
        let b = summarise(hashes(30..90), 1024, 1024, 4);
        let equal = a
            .band_keys
            .iter()
            .zip(&b.band_keys)
            .filter(|(x, y)| x == y)
            .count();
        let estimate = equal as f64 / 1024.0;
        assert!((estimate - 1.0 / 3.0).abs() < 0.06, "{estimate}");
    }

    #[test]
    fn a_text_without_shingles_has_no_band_keys() {
        let empty = summarise(std::iter::empty(), 64, 16, 4);
        assert!(empty.band_keys.is_empty());
        assert!(empty.samples.is_empty());
    }
}
