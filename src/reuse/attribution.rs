//! Attribution of copies: does the copier credit the outlet it copied from?
//!
//! A copy is attributed when the copier's citations or its wire credit name the
//! source document's outlet (spellings resolved through the registry, so "the
//! Nikkei" credits "Nikkei Asia"), or when both documents come from the same outlet
//! (a publisher reusing its own text). Otherwise it is an untraceable repost.
//!
//! A credit that lies wholly inside a passage copied from the source was copied with
//! it: the source's own "The Washington Post reported", reposted whole, is the
//! source crediting itself, not the copier crediting the source. (The source's
//! extraction cannot say so: a publisher naming itself is not one of its citations.)
//! A passage ends where identical words end, so a credit the copier adds before or
//! after the copied text is outside it.

use super::{CopyPair, Passage};
use crate::extract::{Extraction, Span};
use crate::outlet::Registry;
use rayon::prelude::*;

/// Set `attributed` on every pair. For a pair whose direction is unknown, a credit
/// either way counts, since the document that credits the other is the likely copier.
///
/// The names each document credits are resolved once, not once for each of its pairs:
/// a thousand copies of one story make half a million pairs.
pub fn attribute(pairs: &mut [CopyPair], extractions: &[Extraction], registry: &Registry) {
    let mut paired = vec![false; extractions.len()];
    for pair in pairs.iter() {
        for doc in [pair.copier, pair.source] {
            if let Some(p) = paired.get_mut(doc) {
                *p = true;
            }
        }
    }
    let names: Vec<Option<Names>> = extractions
        .par_iter()
        .zip(&paired)
        .map(|(extraction, &paired)| paired.then(|| Names::of(extraction, registry)))
        .collect();
    pairs.par_iter_mut().for_each(|pair| {
        let of = |doc: usize| names.get(doc).and_then(Option::as_ref);
        let (Some(copier), Some(source)) = (of(pair.copier), of(pair.source)) else {
            return;
        };
        let passages = &pair.passages;
        pair.attributed = copier.credit(source, passages, |p| &p.copier)
            || (!pair.directed && source.credit(copier, passages, |p| &p.source));
    });
}

/// An outlet as a document names it: the name trimmed and lower-cased, and the registry
/// outlet it resolves to.
struct OutletName<'r> {
    key: String,
    outlet: Option<&'r str>,
}

impl<'r> OutletName<'r> {
    fn new(name: &str, registry: &'r Registry) -> Self {
        let key = name.trim().to_ascii_lowercase();
        let outlet = registry.resolve(&key).map(|o| o.name.as_str());
        OutletName { key, outlet }
    }

    /// Equal ignoring case, or the same registry outlet under two spellings.
    fn same(&self, other: &OutletName) -> bool {
        self.key == other.key || self.outlet.is_some() && self.outlet == other.outlet
    }
}

/// One credit a document gives: the outlet it names, and where it is in the text,
/// when known.
struct Credit<'r> {
    name: OutletName<'r>,
    span: Option<Span>,
}

/// A document's own outlet and every outlet it credits.
struct Names<'r> {
    outlet: Option<OutletName<'r>>,
    /// Its citations' sources and its wire credit.
    credited: Vec<Credit<'r>>,
}

impl<'r> Names<'r> {
    fn of(extraction: &Extraction, registry: &'r Registry) -> Self {
        let meta = &extraction.meta;
        let outlet = meta.outlet.as_ref().map(|f| f.value.as_str());
        let cited = (extraction.citations.iter()).map(|c| (&c.source, Some(&c.span)));
        let wire = (meta.wire.iter()).map(|f| (&f.value, f.span.as_ref()));
        let credited = cited
            .chain(wire)
            .map(|(name, span)| Credit {
                name: OutletName::new(name, registry),
                span: span.cloned(),
            })
            .collect();
        Names {
            outlet: outlet.map(|name| OutletName::new(name, registry)),
            credited,
        }
    }

    /// Whether this document shares `source`'s outlet, or names it in a credit of
    /// its own: not one that lies inside the passages it copied from the source (the
    /// `mine` side of each of `passages`).
    fn credit(&self, source: &Names, passages: &[Passage], mine: fn(&Passage) -> &Span) -> bool {
        let Some(outlet) = &source.outlet else {
            return false;
        };
        let inside = |s: &Span, c: &Span| c.start <= s.start && s.end <= c.end;
        let copied_credit = |credit: &Credit| {
            (credit.span.as_ref()).is_some_and(|s| passages.iter().any(|p| inside(s, mine(p))))
        };
        self.outlet.as_ref().is_some_and(|name| name.same(outlet))
            || (self.credited.iter()).any(|c| c.name.same(outlet) && !copied_credit(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Citation, CitationKind, Clue, Found, Meta, SourceKind};
    use crate::outlet::{Outlet, OutletKind};
    use crate::reuse::ReuseGrade;

    fn registry() -> Registry {
        Registry::new(vec![Outlet {
            name: "Nikkei Asia".into(),
            aliases: vec!["Nikkei".into(), "the Nikkei newspaper".into()],
            domains: vec!["asia.nikkei.com".into()],
            kind: OutletKind::Newspaper,
            prior: Some(80.0),
        }])
    }

    fn found(value: &str) -> Option<Found<String>> {
        Some(Found {
            value: value.into(),
            clue: Clue::Given,
            span: None,
        })
    }

    fn extraction(outlet: Option<&str>, wire: Option<&str>, cites: &[&str]) -> Extraction {
        Extraction {
            meta: Meta {
                outlet: outlet.and_then(found),
                wire: wire.and_then(found),
                ..Meta::default()
            },
            citations: cites
                .iter()
                .map(|&source| Citation {
                    source: source.into(),
                    source_kind: SourceKind::Unknown,
                    kind: CitationKind::Report,
                    cue: format!("according to {source}"),
                    span: 0..1,
                    column: 0,
                    date: None,
                })
                .collect(),
            quotes: Vec::new(),
        }
    }

    fn pair(copier: usize, source: usize, directed: bool) -> CopyPair {
        CopyPair {
            copier,
            source,
            directed,
            containment: 0.9,
            containment_of_source: 0.9,
            jaccard: 0.8,
            grade: ReuseGrade::Verbatim,
            longest_run: 50,
            passages: Vec::new(),
            attributed: false,
        }
    }

    fn attributed(extractions: &[Extraction], pair_: CopyPair) -> bool {
        let mut pairs = [pair_];
        attribute(&mut pairs, extractions, &registry());
        pairs[0].attributed
    }

    #[test]
    fn a_citation_by_alias_a_wire_credit_or_the_same_outlet_attributes() {
        let source = extraction(Some("Nikkei Asia"), None, &[]);
        let by_alias = extraction(Some("Blog"), None, &["the Nikkei newspaper"]);
        let by_wire = extraction(None, Some("NIKKEI"), &[]);
        let same = extraction(Some("Nikkei"), None, &[]);
        let silent = extraction(Some("Blog"), None, &["CNN"]);
        for (copier, expected) in [
            (by_alias, true),
            (by_wire, true),
            (same, true),
            (silent, false),
        ] {
            let docs = [copier, source.clone()];
            assert_eq!(attributed(&docs, pair(0, 1, true)), expected);
        }
    }

    #[test]
    fn without_a_source_outlet_nothing_is_attributed_and_undirected_pairs_look_both_ways() {
        let anonymous = extraction(None, None, &[]);
        let cites_cnn = extraction(Some("Blog"), None, &["CNN"]);
        assert!(!attributed(
            &[cites_cnn.clone(), anonymous.clone()],
            pair(0, 1, true)
        ));
        let cnn = extraction(Some("CNN"), None, &[]);
        // Document 1 credits document 0's outlet: attributed only if the direction is unknown.
        assert!(!attributed(
            &[cnn.clone(), cites_cnn.clone()],
            pair(0, 1, true)
        ));
        assert!(attributed(&[cnn, cites_cnn], pair(0, 1, false)));
    }

    #[test]
    fn a_credit_inside_a_passage_copied_from_the_source_is_the_sources_own() {
        // The copier cites "according to Nikkei" at 0..1 (see `extraction`); the
        // source, Nikkei Asia, names itself, which is none of its citations.
        let source = extraction(Some("Nikkei Asia"), None, &[]);
        let copier = extraction(Some("Blog"), None, &["Nikkei"]);
        let copied = |copier_span: Span| {
            let mut p = pair(0, 1, true);
            p.passages = vec![Passage {
                copier: copier_span,
                source: 100..200,
            }];
            p
        };
        let docs = [copier, source];
        assert!(!attributed(&docs, copied(0..50)), "the credit was copied");
        assert!(
            attributed(&docs, copied(1..50)),
            "the credit is the copier's"
        );
    }
}
