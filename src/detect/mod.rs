//! Built-in detectors: code that turns what earlier stages found into named
//! **signals** (numbers with evidence) that `metric` and `conditional` rules in
//! `rules.toml` read.
//!
//! One detector per file; each file carries the explanation of the signals it
//! produces, which `prov rules explain SIGNAL` prints. [`DETECTORS`] is the one
//! registry of them all.

mod attribution;
mod chrome;
mod credit;
mod provenance;
mod quotes;
mod spin;

use crate::corpus::Document;
use crate::extract::{Extraction, Span};
use crate::graph::ArticleFacts;
use std::collections::BTreeMap;

/// What a detector needs to know about one article.
pub struct Article<'a> {
    pub doc: &'a Document,
    pub extraction: &'a Extraction,
    pub facts: &'a ArticleFacts,
}

/// A signal's value and where in the text it comes from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signal {
    pub value: f64,
    pub evidence: Vec<Span>,
}

/// All signals of one article, by name.
pub type Signals = BTreeMap<&'static str, Signal>;

/// The documentation of one signal.
#[derive(Debug)]
pub struct SignalDoc {
    pub name: &'static str,
    pub explanation: &'static str,
}

/// A built-in detector: its signals and the function that measures them.
pub struct Detector {
    pub name: &'static str,
    pub signals: &'static [SignalDoc],
    pub measure: fn(&Article, &mut Signals),
}

/// Every built-in detector.
pub const DETECTORS: &[Detector] = &[
    attribution::DETECTOR,
    credit::DETECTOR,
    chrome::DETECTOR,
    quotes::DETECTOR,
    spin::DETECTOR,
    provenance::DETECTOR,
];

/// Every signal any detector produces.
pub fn signals() -> impl Iterator<Item = &'static SignalDoc> {
    DETECTORS.iter().flat_map(|d| d.signals)
}

pub fn is_signal(name: &str) -> bool {
    signals().any(|s| s.name == name)
}

/// Run every detector on one article.
pub fn measure(article: &Article) -> Signals {
    let mut signals = Signals::new();
    for detector in DETECTORS {
        (detector.measure)(article, &mut signals);
    }
    signals
}

/// Record a signal with a count as its value.
fn count(signals: &mut Signals, name: &'static str, evidence: Vec<Span>) {
    let value = evidence.len() as f64;
    signals.insert(name, Signal { value, evidence });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_signal_has_a_unique_name_and_an_explanation() {
        let mut seen = HashSet::new();
        for s in signals() {
            assert!(seen.insert(s.name), "duplicate signal {}", s.name);
            assert!(
                s.explanation.len() > 40,
                "signal {} needs an explanation",
                s.name
            );
        }
    }
}
