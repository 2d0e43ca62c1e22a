//! Stage 3 of the pipeline: find pairs of documents that share text.
//!
//! Word shingles → MinHash sketches → LSH candidate pairs → exact verification
//! (containment both ways) → aligned passages as evidence. Only candidate pairs
//! are verified, never all pairs, so cost grows with the corpus, not its square.

use crate::extract::Span;
use serde::Serialize;

/// How much a copy was changed, as the text-reuse literature grades it
/// (Clough & Stevenson 2011: cut, light revision, heavy revision).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReuseGrade {
    /// Cut and pasted: long passages identical word for word.
    Verbatim,
    /// Light revision: mostly the same words, some changed.
    Light,
    /// Heavy revision: the same content, largely reworded.
    Heavy,
}

/// A passage of the copier aligned with the passage it copies in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub copier: Span,
    pub source: Span,
}

/// Two documents that share text.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyPair {
    /// The document that copied: an index into `Corpus::documents`.
    pub copier: usize,
    /// The document copied from.
    pub source: usize,
    /// False when the direction is unknown; `copier` is then the earlier index.
    pub directed: bool,
    /// Share of the copier's shingles that are found in the source.
    pub containment: f64,
    /// Share of the source's shingles that are found in the copier.
    pub containment_of_source: f64,
    pub jaccard: f64,
    pub grade: ReuseGrade,
    /// Aligned passages, in the copier's order.
    pub passages: Vec<Passage>,
    /// Whether the copier credits the source's outlet or wire.
    pub attributed: bool,
}

/// Parameters of the copy finder, `[reuse]` in rules.toml.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct ReuseParams {}

impl ReuseParams {
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}
