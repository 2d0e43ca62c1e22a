//! Stage 3 of the pipeline: find pairs of documents that share text.
//!
//! Word shingles → one-permutation MinHash sketches → candidate pairs (LSH bands,
//! plus a sampled-shingle join for short and heavily edited copies) → exact
//! verification (containment both ways) → aligned passages as evidence. Only
//! candidate pairs are verified, never all pairs, so cost grows with the corpus,
//! not its square. Then direction (dates, else containment asymmetry), attribution
//! (does the copier credit the source's outlet?) and quote tracking across documents.
//!
//! Files: [`params`] (the `[reuse]` settings), `shingle` (words and shingles),
//! `sketch` (per-document summaries), `candidates` (the joins), `verify` (one pair),
//! `attribution`, [`quotes`]; this file ties them into [`find_copies`], whose steps
//! are [`summaries`], [`candidate_pairs`] and [`verify_candidates`].

mod attribution;
mod candidates;
pub mod params;
pub mod quotes;
mod shingle;
mod sketch;
mod verify;

pub use attribution::attribute;
pub use candidates::candidate_pairs;
pub use params::{ReuseError, ReuseParams};
pub use quotes::{QuoteChange, QuoteMatch, QuoteRef, quote_matches, quote_matches_with};
pub use sketch::Summary;

use crate::corpus::{Entry, LoadError};
use crate::extract::{Extraction, Span};
use chrono::NaiveDate;
use rayon::prelude::*;
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
    /// The longest run of identical words the two share, in words.
    pub longest_run: usize,
    /// Aligned passages, in the copier's order.
    pub passages: Vec<Passage>,
    /// Whether the copier credits the source's outlet or wire.
    pub attributed: bool,
}

impl CopyPair {
    /// The documents this pair is reported on: the copier, and the source too when
    /// the direction is unknown (either side may have copied).
    pub fn sides(&self) -> impl Iterator<Item = usize> {
        std::iter::once(self.copier).chain((!self.directed).then_some(self.source))
    }

    /// Whether this pair is reported on document `doc` (one of its [`sides`](Self::sides)).
    pub fn is_reported_on(&self, doc: usize) -> bool {
        self.sides().any(|side| side == doc)
    }
}

/// For each of `documents` documents, the pairs reported on it ([`CopyPair::sides`]),
/// in pair order: one pass over the pairs.
pub fn pairs_by_document(documents: usize, pairs: &[CopyPair]) -> Vec<Vec<&CopyPair>> {
    let mut by_doc = vec![Vec::new(); documents];
    for pair in pairs {
        for side in pair.sides() {
            by_doc[side].push(pair);
        }
    }
    by_doc
}

/// Find every pair of documents that share text, in `(copier, source)` order.
///
/// `chrome` gives each document's lines of site chrome, which are not compared
/// ([`Meta::chrome`](crate::extract::Meta::chrome), or
/// [`chrome_lines`](crate::extract::chrome_lines)); `published` gives each document's
/// date where known. Both have the indices of `docs`; missing entries count as none
/// and unknown. The result is sorted and does not depend on the number
/// of threads. `attributed` is left false: see [`attribute`].
///
/// Each text is read once to sketch it, then once more if it is in a candidate pair
/// (see [`verify_candidates`] for when more than once); none is kept. An error is a
/// text that could not be read again. The three steps are public so that each can be
/// measured, or run where the data is: [`summaries`], [`candidate_pairs`],
/// [`verify_candidates`].
pub fn find_copies(
    docs: &[Entry],
    chrome: &[Vec<Span>],
    published: &[Option<NaiveDate>],
    params: &ReuseParams,
) -> Result<Vec<CopyPair>, LoadError> {
    let candidates = candidate_pairs(summaries(docs, chrome, params)?, params);
    verify_candidates(docs, chrome, published, candidates, params)
}

/// Each document's sketch and sampled shingles, in document order, from its words
/// outside its lines of site chrome (`chrome`, as in [`find_copies`]).
///
/// A pass of its own after loading, not made as each text is first read: made then,
/// the summaries were kept scattered among the extractions, and the 1 GB run's peak
/// memory rose by 75–150 MB (bench/RESULTS.md, 2026-12-08).
pub fn summaries(
    docs: &[Entry],
    chrome: &[Vec<Span>],
    params: &ReuseParams,
) -> Result<Vec<Summary>, LoadError> {
    docs.par_iter()
        .enumerate()
        .map(|(i, entry)| {
            let mut words = shingle::words(&entry.document()?.text);
            drop_chrome(&mut words, chrome_of(chrome, i));
            Ok(sketch::summarise(
                shingle::shingles(&words, params.shingle_size),
                params.sketch_size,
                params.bands,
                params.sample_modulus,
            ))
        })
        .collect()
}

/// Document `i`'s entry of `chrome`: none when missing.
fn chrome_of(chrome: &[Vec<Span>], i: usize) -> &[Span] {
    chrome.get(i).map_or(&[], Vec::as_slice)
}

/// Leave out of `words` those on lines of site chrome (`chrome`, in text order): copy
/// detection compares the rest. Two pages of one site share their share buttons and
/// comment forms, not their text.
fn drop_chrome(words: &mut Vec<shingle::Word>, chrome: &[Span]) {
    if !chrome.is_empty() {
        let mut chrome = chrome.iter().peekable();
        words.retain(|word| {
            let at = word.start as usize;
            while chrome.next_if(|line| line.end <= at).is_some() {}
            !chrome.peek().is_some_and(|line| line.contains(&at))
        });
    }
}

/// The copy pairs among `candidates` (pairs of indices into `docs`), each checked
/// on the two texts. Each text is read once for each group of candidates it is in
/// ([`verification_groups`]): once, unless its story is larger than a group holds.
pub fn verify_candidates(
    docs: &[Entry],
    chrome: &[Vec<Span>],
    published: &[Option<NaiveDate>],
    candidates: Vec<(u32, u32)>,
    params: &ReuseParams,
) -> Result<Vec<CopyPair>, LoadError> {
    let prepare = |doc: &u32| -> Result<verify::Prepared, LoadError> {
        let i = *doc as usize;
        let mut words = shingle::words(&docs[i].document()?.text);
        drop_chrome(&mut words, chrome_of(chrome, i));
        Ok(verify::Prepared::new(words, params.shingle_size))
    };
    let date = |i: usize| published.get(i).copied().flatten();
    let sizes: Vec<usize> = docs.iter().map(Entry::size).collect();
    // A group may be one large story, so its texts are prepared, and its pairs
    // checked, in parallel too.
    let groups = verification_groups(candidates, &sizes)
        .into_par_iter()
        .map(|group| {
            let mut texts: Vec<u32> = group.iter().flat_map(|&(a, b)| [a, b]).collect();
            texts.sort_unstable();
            texts.dedup();
            let prepared = texts
                .par_iter()
                .map(prepare)
                .collect::<Result<Vec<_>, LoadError>>()?;
            let of = |doc: u32| &prepared[texts.binary_search(&doc).expect("a text of the group")];
            let copies = group.par_iter().filter_map(|&(a, b)| {
                let verdict = verify::verify_prepared(of(a), of(b), params);
                let (a, b) = (a as usize, b as usize);
                let pair = || copy_pair(a, b, date(a), date(b), &verdict, params);
                verdict.is_copy(params).then(pair)
            });
            Ok(copies.collect::<Vec<CopyPair>>())
        })
        .collect::<Result<Vec<Vec<CopyPair>>, LoadError>>()?;
    let mut pairs: Vec<CopyPair> = groups.into_iter().flatten().collect();
    pairs.sort_by_key(|p| (p.copier, p.source));
    Ok(pairs)
}

/// How much text one group of candidates holds prepared at once, in bytes as read (a
/// JSON line, or a file's text). A prepared text takes about nine times that (its
/// words, its shingles and where each is), so a group holds at most about 75 MB.
const HELD_BYTES: usize = 8 << 20;

/// The candidates in groups whose texts are each read and prepared once. Texts that
/// candidates connect (the copies of one story) go together: a story of up to half of
/// [`HELD_BYTES`] is one block; a larger one is cut into blocks of up to that, in
/// document order; a group is the candidates within one block or between two. A story
/// is read once however many copies it has, and a larger one once for each block that
/// a text is paired into. (Grouping a large story by each pair's second text read a
/// text again for every pair it was the first of: 1,750 reads of 346 texts for the
/// 2,061 candidates of PolitiFact's real news.)
fn verification_groups(mut candidates: Vec<(u32, u32)>, sizes: &[usize]) -> Vec<Vec<(u32, u32)>> {
    let block = blocks(&candidates, sizes);
    let blocks_of = |&(a, b): &(u32, u32)| {
        let (x, y) = (block[a as usize], block[b as usize]);
        (x.min(y), x.max(y))
    };
    candidates.par_sort_unstable_by_key(|pair| (blocks_of(pair), *pair));
    candidates
        .chunk_by(|x, y| blocks_of(x) == blocks_of(y))
        .map(<[_]>::to_vec)
        .collect()
}

/// Each document's block (see [`verification_groups`]); documents in no candidate
/// pair are left at 0.
fn blocks(candidates: &[(u32, u32)], sizes: &[usize]) -> Vec<u32> {
    let mut sets = DisjointSets::new(sizes.len());
    for &(a, b) in candidates {
        sets.join(a, b);
    }
    let mut texts: Vec<(u32, u32)> = candidates
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .map(|doc| (sets.root(doc), doc))
        .collect();
    texts.par_sort_unstable();
    texts.dedup();
    let mut block = vec![0; sizes.len()];
    let (mut id, mut held, mut story) = (0, 0, None);
    for (root, doc) in texts {
        let size = sizes[doc as usize];
        let fits = story == Some(root) && held + size <= HELD_BYTES / 2;
        if !fits && story.is_some() {
            (id, held) = (id + 1, 0);
        }
        (held, story) = (held + size, Some(root));
        block[doc as usize] = id;
    }
    block
}

/// Union-find over document indices, by size, with path halving.
struct DisjointSets {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }

    fn root(&mut self, mut d: u32) -> u32 {
        while self.parent[d as usize] != d {
            let grandparent = self.parent[self.parent[d as usize] as usize];
            self.parent[d as usize] = grandparent;
            d = grandparent;
        }
        d
    }

    fn join(&mut self, a: u32, b: u32) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        let (big, small) = if self.size[a as usize] >= self.size[b as usize] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
    }
}

/// Which of `a` and `b` copied the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    ACopiesB,
    BCopiesA,
    Unknown,
}

/// The later document copies the earlier; without two different dates, the one
/// mostly contained in the other is the copier, when the difference is clear.
fn direction(
    a_date: Option<NaiveDate>,
    b_date: Option<NaiveDate>,
    a_in_b: f64,
    b_in_a: f64,
    margin: f64,
) -> Direction {
    match (a_date, b_date) {
        (Some(da), Some(db)) if da > db => return Direction::ACopiesB,
        (Some(da), Some(db)) if da < db => return Direction::BCopiesA,
        _ => {}
    }
    if a_in_b - b_in_a >= margin {
        Direction::ACopiesB
    } else if b_in_a - a_in_b >= margin {
        Direction::BCopiesA
    } else {
        Direction::Unknown
    }
}

fn copy_pair(
    a: usize,
    b: usize,
    a_date: Option<NaiveDate>,
    b_date: Option<NaiveDate>,
    verdict: &verify::Verdict,
    params: &ReuseParams,
) -> CopyPair {
    let direction = direction(
        a_date,
        b_date,
        verdict.a_in_b,
        verdict.b_in_a,
        params.direction_margin,
    );
    let a_copies = direction != Direction::BCopiesA;
    let mut passages: Vec<Passage> = verdict
        .passages
        .iter()
        .map(|(in_a, in_b)| {
            let (copier, source) = if a_copies { (in_a, in_b) } else { (in_b, in_a) };
            Passage {
                copier: copier.clone(),
                source: source.clone(),
            }
        })
        .collect();
    passages.sort_by_key(|p| (p.copier.start, p.source.start));
    let (copier, source, containment, containment_of_source) = if a_copies {
        (a, b, verdict.a_in_b, verdict.b_in_a)
    } else {
        (b, a, verdict.b_in_a, verdict.a_in_b)
    };
    CopyPair {
        copier,
        source,
        directed: direction != Direction::Unknown,
        containment,
        containment_of_source,
        jaccard: verdict.jaccard,
        grade: verdict.grade(params),
        longest_run: verdict.longest_run,
        passages,
        attributed: false,
    }
}

/// Direct the verbatim pairs that dates and containment left undirected, where
/// the metadata tells: of two near-identical texts, the one that names no
/// publisher while the other does is taken as the copy, since a re-post strips
/// its source's name. Revised pairs (two retellings of a third source) and pairs
/// where both or neither name a publisher stay undirected.
pub fn orient_by_publisher(pairs: &mut [CopyPair], extractions: &[Extraction]) {
    let named = |doc: usize| extractions[doc].meta.outlet.is_some();
    let undirected_verbatim = |p: &&mut CopyPair| !p.directed && p.grade == ReuseGrade::Verbatim;
    for pair in pairs.iter_mut().filter(undirected_verbatim) {
        match (named(pair.copier), named(pair.source)) {
            (false, true) => pair.directed = true,
            (true, false) => {
                std::mem::swap(&mut pair.copier, &mut pair.source);
                std::mem::swap(&mut pair.containment, &mut pair.containment_of_source);
                for passage in &mut pair.passages {
                    std::mem::swap(&mut passage.copier, &mut passage.source);
                }
                pair.passages
                    .sort_by_key(|p| (p.copier.start, p.source.start));
                pair.directed = true;
            }
            _ => {}
        }
    }
    pairs.sort_by_key(|p| (p.copier, p.source));
}

#[cfg(test)]
mod tests;
