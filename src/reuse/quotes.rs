//! Quote tracking: the same direct quotation found in several documents, and
//! whether its words, numbers or speaker changed between them (quote drift).
//!
//! Every quote of four words or more is cut into word pairs (2-shingles, after the
//! same normalisation as copy detection: case, punctuation and apostrophes ignored).
//! An inverted index of those pairs, joined like the sampled-shingle channel of copy
//! detection (postings longer than `max-postings` skipped), proposes quote pairs from
//! different documents; a pair matches when `quote-min-overlap` of the shorter quote's
//! pairs, and at least `quote-min-shared` pairs, are in the other, and no more than
//! twice as many words changed between the two as pairs they share. Word pairs rather than triples because quotes are short:
//! one changed word removes two pairs, not three, so a drifted quote still matches.

use super::params::ReuseParams;
use super::shingle::{shingles, words};
use crate::extract::Extraction;
use rayon::prelude::*;

/// Quotes shorter than this many words are not tracked (scare quotes, single terms).
const MIN_QUOTE_WORDS: usize = 4;
const QUOTE_SHINGLE: usize = 2;
/// Longer quotes are compared on their first words only, which bounds the diff.
const MAX_DIFF_WORDS: usize = 400;

/// One quote: the index of its document and its index in that document's `Extraction::quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuoteRef {
    pub doc: usize,
    pub quote: usize,
}

/// What differs between two matched quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteChange {
    /// Words (other than numbers) of the first quote missing from the second, and added in it.
    Words {
        removed: Vec<String>,
        added: Vec<String>,
    },
    /// Numbers that changed ("26 percent" → "62 percent").
    Numbers {
        before: Vec<String>,
        after: Vec<String>,
    },
    /// The quote is given to someone else.
    Speaker { before: String, after: String },
}

/// The same quotation found in two documents.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMatch {
    /// The quote in the document with the lower index.
    pub first: QuoteRef,
    pub second: QuoteRef,
    /// Share of the shorter quote's word pairs found in the other (0–1).
    pub overlap: f64,
    /// Whether anything changed: words, numbers or speaker.
    pub drift: bool,
    /// What changed, in the order words, numbers, speaker. Words outside the
    /// stretch the two quotes share are not changes: quoting part of a quote is not drift.
    pub changes: Vec<QuoteChange>,
}

/// Match the quotes of all documents with each other under the default
/// [`ReuseParams`], sorted by `(first, second)`.
pub fn quote_matches(extractions: &[Extraction]) -> Vec<QuoteMatch> {
    quote_matches_with(extractions, &ReuseParams::default())
}

/// For each document, in parallel, each quote long enough to match with its distinct
/// word-pair shingles, sorted.
fn quote_shingles(extractions: &[Extraction]) -> Vec<Vec<(QuoteRef, Vec<u64>)>> {
    extractions
        .par_iter()
        .enumerate()
        .map(|(doc, extraction)| {
            let quotes = extraction.quotes.iter().enumerate();
            quotes
                .filter_map(|(quote, q)| {
                    let w = words(&q.text);
                    if w.len() < MIN_QUOTE_WORDS {
                        return None;
                    }
                    let mut set: Vec<u64> = shingles(&w, QUOTE_SHINGLE).collect();
                    set.sort_unstable();
                    set.dedup();
                    Some((QuoteRef { doc, quote }, set))
                })
                .collect()
        })
        .collect()
}

/// [`quote_matches`] with the `[reuse]` settings of `rules.toml`.
pub fn quote_matches_with(extractions: &[Extraction], params: &ReuseParams) -> Vec<QuoteMatch> {
    let mut refs = Vec::new();
    let mut sizes = Vec::new();
    let mut postings: Vec<(u64, u32)> = Vec::new();
    for (quote, set) in quote_shingles(extractions).into_iter().flatten() {
        let id = refs.len() as u32;
        postings.extend(set.iter().map(|&h| (h, id)));
        refs.push(quote);
        sizes.push(set.len());
    }
    postings.par_sort_unstable();
    let mut shared: Vec<(u32, u32)> = Vec::new();
    for run in postings.chunk_by(|a, b| a.0 == b.0) {
        if run.len() > params.max_postings {
            continue;
        }
        for (i, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[i + 1..] {
                if refs[a as usize].doc != refs[b as usize].doc {
                    shared.push((a, b));
                }
            }
        }
    }
    shared.par_sort_unstable();
    let mut matches: Vec<QuoteMatch> = shared
        .par_chunk_by(|x, y| x == y)
        .filter_map(|run| {
            let (a, b) = (run[0].0 as usize, run[0].1 as usize);
            let overlap = run.len() as f64 / sizes[a].min(sizes[b]) as f64;
            if overlap < params.quote_min_overlap || run.len() < params.quote_min_shared {
                return None;
            }
            let (first, second) = if refs[a] < refs[b] {
                (refs[a], refs[b])
            } else {
                (refs[b], refs[a])
            };
            let changes = compare(
                &extractions[first.doc].quotes[first.quote],
                &extractions[second.doc].quotes[second.quote],
            );
            // More than twice as many words changed as pairs shared: two quotations
            // that share a phrase ("if you can keep it"), not one quotation changed
            // ("We did not pay the Russians any money" / "We paid the Russians money").
            (changed_words(&changes) <= 2 * run.len()).then_some(QuoteMatch {
                first,
                second,
                overlap,
                drift: !changes.is_empty(),
                changes,
            })
        })
        .collect();
    matches.sort_by_key(|m| (m.first, m.second));
    matches
}

/// A word of a quotation: compared as copy detection compares words (case,
/// punctuation and apostrophes ignored), reported as the quotation writes it.
#[derive(Debug, Clone)]
struct QuoteWord {
    key: String,
    written: String,
}

impl PartialEq for QuoteWord {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// The words of a text, up to [`MAX_DIFF_WORDS`].
fn quote_words(text: &str) -> Vec<QuoteWord> {
    words(text)
        .iter()
        .take(MAX_DIFF_WORDS)
        .map(|w| {
            let written = text[w.span()].trim_matches(|c: char| !c.is_alphanumeric());
            QuoteWord {
                key: written
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect(),
                written: written.to_string(),
            }
        })
        .collect()
}

fn compare(a: &crate::extract::Quote, b: &crate::extract::Quote) -> Vec<QuoteChange> {
    let (wa, wb) = (quote_words(&a.text), quote_words(&b.text));
    let (removed, added) = diff_within_shared_stretch(&wa, &wb);
    let is_number = |w: &String| w.chars().any(|c| c.is_ascii_digit());
    let (removed_numbers, removed_words): (Vec<String>, Vec<String>) =
        removed.into_iter().partition(is_number);
    let (added_numbers, added_words): (Vec<String>, Vec<String>) =
        added.into_iter().partition(is_number);
    let mut changes = Vec::new();
    if !removed_words.is_empty() || !added_words.is_empty() {
        changes.push(QuoteChange::Words {
            removed: removed_words,
            added: added_words,
        });
    }
    if !removed_numbers.is_empty() || !added_numbers.is_empty() {
        changes.push(QuoteChange::Numbers {
            before: removed_numbers,
            after: added_numbers,
        });
    }
    if let (Some(sa), Some(sb)) = (&a.speaker, &b.speaker)
        && !same_speaker(sa, sb)
    {
        changes.push(QuoteChange::Speaker {
            before: sa.clone(),
            after: sb.clone(),
        });
    }
    changes
}

/// How many words the changes remove and add.
fn changed_words(changes: &[QuoteChange]) -> usize {
    changes
        .iter()
        .map(|change| match change {
            QuoteChange::Words { removed, added } => removed.len() + added.len(),
            _ => 0,
        })
        .sum()
}

/// One speaker is the other when the words of the shorter name are all in the
/// longer ("Hayashi" and "Foreign Minister Yoshimasa Hayashi").
fn same_speaker(a: &str, b: &str) -> bool {
    let (wa, wb) = (quote_words(a), quote_words(b));
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    !short.is_empty() && short.iter().all(|w| long.contains(w))
}

/// Words of `a` not matched in `b` and words of `b` not matched in `a`, as written, by
/// a longest common subsequence, counting only those between the first and last
/// matched word, and those before or after them where both quotes go on in other
/// words (an ending changed, not a quote cut shorter).
fn diff_within_shared_stretch(a: &[QuoteWord], b: &[QuoteWord]) -> (Vec<String>, Vec<String>) {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: the LCS length of a[i..] and b[j..], in one flat table.
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * (m + 1) + j] = if a[i] == b[j] {
                lcs[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if j == m || (i < n && lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
            ops.push((Some(i), None));
            i += 1;
        } else {
            ops.push((None, Some(j)));
            j += 1;
        }
    }
    let is_match = |op: &(Option<usize>, Option<usize>)| op.0.is_some() && op.1.is_some();
    let (Some(first), Some(last)) = (
        ops.iter().position(is_match),
        ops.iter().rposition(is_match),
    ) else {
        let written = |words: &[QuoteWord]| words.iter().map(|w| w.written.clone()).collect();
        return (written(a), written(b));
    };
    // Where both sides have words of their own past a match, the stretch takes them.
    let both = |ops: &[(Option<usize>, Option<usize>)]| {
        ops.iter().any(|op| op.0.is_some()) && ops.iter().any(|op| op.1.is_some())
    };
    let first = if both(&ops[..first]) { 0 } else { first };
    let last = if both(&ops[last + 1..]) {
        ops.len() - 1
    } else {
        last
    };
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for op in &ops[first..=last] {
        match *op {
            (Some(i), None) => removed.push(a[i].written.clone()),
            (None, Some(j)) => added.push(b[j].written.clone()),
            _ => {}
        }
    }
    (removed, added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Quote;

    fn quote(text: &str, speaker: Option<&str>) -> Quote {
        Quote {
            text: text.into(),
            speaker: speaker.map(Into::into),
            span: 0..text.len(),
        }
    }

    fn run(quotes: Vec<Vec<Quote>>) -> Vec<QuoteMatch> {
        let extractions: Vec<Extraction> = quotes
            .into_iter()
            .map(|quotes| Extraction {
                quotes,
                ..Extraction::default()
            })
            .collect();
        quote_matches(&extractions)
    }

    #[test]
    fn a_drifted_quote_reports_changed_words_numbers_and_speaker() {
        let original = "We are currently consulting, but 26 details have not been finalized yet.";
        let drifted = "we are currently consulting but 62 details have not been decided yet";
        let matches = run(vec![
            vec![
                quote("Unrelated words said by someone else", None),
                quote(original, Some("Yoshimasa Hayashi")),
            ],
            vec![quote(drifted, Some("a NATO spokesman"))],
        ]);
        assert_eq!(matches.len(), 1);
        let m = &matches[0];
        assert_eq!(m.first, QuoteRef { doc: 0, quote: 1 });
        assert_eq!(m.second, QuoteRef { doc: 1, quote: 0 });
        // 11 word pairs each; "but 26", "26 details", "been finalized", "finalized yet" differ.
        assert_eq!(m.overlap, 7.0 / 11.0);
        assert!(m.drift);
        assert_eq!(
            m.changes,
            [
                QuoteChange::Words {
                    removed: vec!["finalized".into()],
                    added: vec!["decided".into()],
                },
                QuoteChange::Numbers {
                    before: vec!["26".into()],
                    after: vec!["62".into()],
                },
                QuoteChange::Speaker {
                    before: "Yoshimasa Hayashi".into(),
                    after: "a NATO spokesman".into(),
                },
            ]
        );
    }

    #[test]
    fn changed_words_are_shown_as_the_quotes_write_them() {
        let matches = run(vec![
            vec![quote(
                "They love Trump, and they don't hide it from anyone",
                None,
            )],
            vec![quote(
                "they love trump and they won't hide it from anyone",
                None,
            )],
        ]);
        assert_eq!(
            matches[0].changes,
            [QuoteChange::Words {
                removed: vec!["don't".into()],
                added: vec!["won't".into()],
            }],
            "case and punctuation alone are no change"
        );
    }

    /// Regression: on PolitiFact's real news, 61 articles had quote drift, none of
    /// the eight a tester read the same quotation: short quotes matched on a phrase.
    #[test]
    fn two_quotations_that_share_a_phrase_are_not_one() {
        for (a, b) in [
            (
                "a lot of Hispanic votes.",
                "A lot of the chemicals we deal with are toxic.",
            ),
            (
                "A republic, if you can keep it.",
                "If you like your doctor you can keep your doctor.",
            ),
            (
                "Oh but you have to do it,",
                "I would hate to do it, but it's something that you're going to have to strongly consider",
            ),
        ] {
            let matches = run(vec![vec![quote(a, None)], vec![quote(b, None)]]);
            assert!(matches.is_empty(), "{a} / {b}: {matches:?}");
        }
    }

    #[test]
    fn a_quotation_with_its_negation_dropped_is_drift() {
        let matches = run(vec![
            vec![quote(
                "We did not pay the Russians any money for the dossier,",
                None,
            )],
            vec![quote("We paid the Russians money for the dossier,", None)],
        ]);
        assert_eq!(matches.len(), 1);
        assert!(matches[0].drift);
    }

    /// Regression: a changed ending was not shown ("“” vs “never”" only).
    #[test]
    fn a_changed_ending_is_shown_and_a_shorter_ending_is_not() {
        let head = "We are consulting with our partners, but the details are not final and";
        let said = format!("{head} we will announce them in the coming weeks after the summit");
        let matches = run(vec![
            vec![quote(&said, None)],
            vec![quote(
                &format!("{head} we will never announce them at all, ever"),
                None,
            )],
        ]);
        assert_eq!(
            matches[0].changes,
            [QuoteChange::Words {
                removed: ["in", "the", "coming", "weeks", "after", "the", "summit"]
                    .map(String::from)
                    .to_vec(),
                added: ["never", "at", "all", "ever"].map(String::from).to_vec(),
            }]
        );
        let cut = run(vec![
            vec![quote(&said, None)],
            vec![quote(
                &format!("{head} we will never announce them in the coming weeks"),
                None,
            )],
        ]);
        assert_eq!(
            cut[0].changes,
            [QuoteChange::Words {
                removed: vec![],
                added: vec!["never".into()],
            }]
        );
    }

    #[test]
    fn a_partial_quote_with_a_shortened_speaker_is_not_drift() {
        let full = "The events that happen in Eastern Europe are not limited to Eastern Europe and directly affect the situation here";
        let part = "“events that happen in Eastern Europe are not limited to Eastern Europe”";
        let matches = run(vec![
            vec![quote(full, Some("Foreign Minister Yoshimasa Hayashi"))],
            vec![quote(part, Some("Hayashi"))],
            vec![quote("Something else entirely was said here today", None)],
        ]);
        assert_eq!(matches.len(), 1);
        assert!(!matches[0].drift, "{:?}", matches[0].changes);
        assert_eq!(matches[0].overlap, 1.0);
    }
}
