//! The tunable numbers of the reuse stage, embedded as `[reuse]` in `rules.toml`.
//!
//! Read by `config` with serde like every other section, checked once by
//! [`ReuseParams::validate`] when settings are built; the stage itself trusts them.
//! The defaults were tuned on the Clough–Stevenson short-answer corpus and on the
//! fakenewsamt legit/fake pairs (see `examples/eval_reuse.rs`).

use serde::{Deserialize, Serialize};

/// Parameters of copy detection, quote matching and grading.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ReuseParams {
    /// Words per shingle. Three words keep heavily reworded copies visible while
    /// common phrases stay rare enough; five is the classic near-duplicate setting.
    pub shingle_size: usize,
    /// Bins in each document's one-permutation MinHash sketch.
    pub sketch_size: usize,
    /// LSH bands the sketch is cut into; `sketch-size` must be a multiple of it.
    /// More bands (fewer rows each) find pairs of lower Jaccard similarity.
    pub bands: usize,
    /// The sampled-shingle channel keeps the shingles whose hash is 0 modulo this
    /// number, so that a short text contained in a long one still becomes a candidate.
    pub sample_modulus: u64,
    /// Documents sharing at least this many sampled shingles become candidates.
    pub min_shared_samples: usize,
    /// ... and at least this share (0–1) of the smaller document's sampled shingles:
    /// the sampled estimate of containment, kept below `min-containment` to allow for
    /// sampling noise. Two articles sharing only a few stock phrases stop here instead
    /// of costing an exact comparison.
    pub min_sampled_containment: f64,
    /// A sampled shingle found in more documents than this is boilerplate and is
    /// skipped by the candidate join, which keeps that join linear.
    pub max_postings: usize,
    /// A candidate pair is kept when at least this share of one document's
    /// shingles is found in the other (containment, 0–1).
    pub min_containment: f64,
    /// ... and when they share at least this many shingles, so that two short
    /// texts sharing one common phrase are not called a copy.
    pub min_shared_shingles: usize,
    /// Containment (0–1) at or above which a copy is graded verbatim.
    pub verbatim_containment: f64,
    /// A copy sharing an identical run of at least this many words is graded verbatim
    /// whatever its containment: a pasted paragraph inside new text is a cut, not a rewrite.
    pub verbatim_run_words: usize,
    /// Containment (0–1) at or above which a copy is graded a light revision
    /// (below it, a heavy revision).
    pub light_containment: f64,
    /// Aligned runs closer than this many words, in both documents, merge into one passage.
    pub merge_gap_words: usize,
    /// Passages shorter than this many words are not reported as evidence.
    pub min_passage_words: usize,
    /// Without dates, a pair is directed only when one document's containment
    /// exceeds the other's by at least this much (0–1).
    pub direction_margin: f64,
    /// Two quotes match when this share (0–1) of the shorter quote's word shingles
    /// is found in the other...
    pub quote_min_overlap: f64,
    /// ... and at least this many of them: two short quotes that share a stock
    /// phrase ("a lot of") are not one quote.
    pub quote_min_shared: usize,
}

impl Default for ReuseParams {
    fn default() -> Self {
        ReuseParams {
            shingle_size: 3,
            sketch_size: 128,
            bands: 32,
            sample_modulus: 3,
            min_shared_samples: 2,
            min_sampled_containment: 0.05,
            max_postings: 64,
            min_containment: 0.1,
            min_shared_shingles: 8,
            verbatim_containment: 0.8,
            verbatim_run_words: 40,
            light_containment: 0.5,
            merge_gap_words: 3,
            min_passage_words: 8,
            direction_margin: 0.15,
            quote_min_overlap: 0.5,
            quote_min_shared: 3,
        }
    }
}

/// A `[reuse]` value out of range: what is wrong, and the `rules.toml` keys it
/// concerns, in the order the message names them, so that a rules-file error can
/// point at the first one the file sets.
#[derive(Debug, Clone, PartialEq)]
pub struct ReuseError {
    pub keys: &'static [&'static str],
    pub message: String,
}

impl std::fmt::Display for ReuseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn out_of_range(keys: &'static [&'static str], message: String) -> Result<(), ReuseError> {
    Err(ReuseError { keys, message })
}

impl ReuseParams {
    /// Check every value, reporting the first one out of range by its `rules.toml` key.
    pub fn validate(&self) -> Result<(), ReuseError> {
        let share = |key: &'static [&'static str], value: f64| {
            if (0.0..=1.0).contains(&value) {
                Ok(())
            } else {
                let message = format!("reuse.{} must be between 0 and 1, not {value}", key[0]);
                out_of_range(key, message)
            }
        };
        if !(1..=16).contains(&self.shingle_size) {
            return out_of_range(
                &["shingle-size"],
                format!(
                    "reuse.shingle-size must be between 1 and 16 words, not {}",
                    self.shingle_size
                ),
            );
        }
        if !(1..=4096).contains(&self.sketch_size) {
            return out_of_range(
                &["sketch-size"],
                format!(
                    "reuse.sketch-size must be between 1 and 4096, not {}",
                    self.sketch_size
                ),
            );
        }
        if self.bands == 0 || !self.sketch_size.is_multiple_of(self.bands) {
            return out_of_range(
                &["bands", "sketch-size"],
                format!(
                    "reuse.bands must divide reuse.sketch-size ({}), not {}",
                    self.sketch_size, self.bands
                ),
            );
        }
        if self.sample_modulus == 0 {
            return out_of_range(
                &["sample-modulus"],
                "reuse.sample-modulus must be at least 1".into(),
            );
        }
        if self.min_shared_samples == 0 {
            return out_of_range(
                &["min-shared-samples"],
                "reuse.min-shared-samples must be at least 1".into(),
            );
        }
        if self.max_postings < 2 {
            return out_of_range(
                &["max-postings"],
                format!(
                    "reuse.max-postings must be at least 2, not {}",
                    self.max_postings
                ),
            );
        }
        share(&["min-sampled-containment"], self.min_sampled_containment)?;
        share(&["min-containment"], self.min_containment)?;
        share(&["verbatim-containment"], self.verbatim_containment)?;
        share(&["light-containment"], self.light_containment)?;
        share(&["direction-margin"], self.direction_margin)?;
        share(&["quote-min-overlap"], self.quote_min_overlap)?;
        if self.quote_min_shared == 0 {
            return out_of_range(
                &["quote-min-shared"],
                "reuse.quote-min-shared must be at least 1".into(),
            );
        }
        if self.light_containment > self.verbatim_containment {
            return out_of_range(
                &["light-containment", "verbatim-containment"],
                format!(
                    "reuse.light-containment ({}) must not exceed reuse.verbatim-containment ({})",
                    self.light_containment, self.verbatim_containment
                ),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_bad_values_are_named() {
        assert_eq!(ReuseParams::default().validate(), Ok(()));
        let bands = ReuseParams {
            bands: 5,
            ..ReuseParams::default()
        };
        let error = bands.validate().unwrap_err();
        assert_eq!(
            error.to_string(),
            "reuse.bands must divide reuse.sketch-size (128), not 5"
        );
        assert_eq!(error.keys, ["bands", "sketch-size"]);
        let share = ReuseParams {
            min_containment: 1.5,
            ..ReuseParams::default()
        };
        let error = share.validate().unwrap_err();
        assert_eq!(
            error.to_string(),
            "reuse.min-containment must be between 0 and 1, not 1.5"
        );
        assert_eq!(error.keys, ["min-containment"]);
    }

    #[test]
    fn toml_keys_are_kebab_case_and_unknown_keys_are_refused() {
        let params: ReuseParams = toml::from_str("shingle-size = 5\nbands = 16\n").unwrap();
        assert_eq!(params.shingle_size, 5);
        assert_eq!(params.bands, 16);
        assert_eq!(params.sketch_size, 128);
        assert!(toml::from_str::<ReuseParams>("shingle_size = 5\n").is_err());
    }
}
