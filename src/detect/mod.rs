//! Built-in detectors: code that turns what earlier stages found into named
//! **signals** (numbers with evidence) that `metric` and `conditional` rules in
//! `rules.toml` read.
//!
//! One detector per file; each file carries the explanation of the signals it
//! produces, which `prov rules explain SIGNAL` prints. [`DETECTORS`] is the one
//! registry of them all.

mod attribution;
mod chrome;
mod copying;
mod credit;
mod encoding;
mod provenance;
mod quotes;
mod spin;

use crate::corpus::Document;
use crate::extract::{Extraction, Quote, Span};
use crate::graph::ArticleFacts;
use crate::reuse::{CopyPair, QuoteChange};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// What a detector needs to know about one article.
pub struct Article<'a> {
    pub doc: &'a Document,
    pub extraction: &'a Extraction,
    pub facts: &'a ArticleFacts,
    /// Text this article shares with others: directed pairs where it is the
    /// copier, and pairs whose direction is unknown.
    pub copies: Vec<Copied<'a>>,
    /// Its quotations that another article gives in other words.
    pub drifts: Vec<Drift<'a>>,
}

/// A copy pair seen from one side, with what reports need of the other side.
#[derive(Debug, Clone, Copy)]
pub struct Copied<'a> {
    pub pair: &'a CopyPair,
    /// The id and outlet of the other article.
    pub other: &'a str,
    pub other_outlet: Option<&'a str>,
}

/// A quotation of this article that another article words differently.
#[derive(Debug, Clone, Copy)]
pub struct Drift<'a> {
    pub quote: &'a Quote,
    pub other_quote: &'a Quote,
    pub other: &'a str,
    pub changes: &'a [QuoteChange],
}

/// A signal's value and where in the text it comes from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signal {
    pub value: f64,
    pub evidence: Vec<Span>,
    /// What a finding on this signal should add to its message (the copied article, the other wording).
    pub detail: Option<String>,
}

/// All signals of one article, by name.
pub type Signals = BTreeMap<&'static str, Signal>;

/// The values of one article's signals, by name: what a verdict keeps once the
/// rules have read the evidence. The values alone, with a bit per documented signal
/// for whether it was measured, not a map of [`Signal`]s: a map per article took more
/// memory than the article's text, and names beside the values a third of a verdict.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SignalValues {
    /// Bit `i`: whether the signal `NAMES[i]` was measured.
    measured: u64,
    /// The measured values, in name order.
    values: Box<[f64]>,
}

/// Every documented signal's name, in name order: [`SignalValues`] numbers them.
static NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut names: Vec<&str> = signals().map(|s| s.name).collect();
    names.sort_unstable();
    assert!(names.len() <= 64, "SignalValues has a bit per signal");
    names
});

impl SignalValues {
    pub fn get(&self, name: &str) -> Option<f64> {
        let bit = NAMES.binary_search(&name).ok()?;
        let below = self.measured & ((1 << bit) - 1);
        (self.measured >> bit & 1 == 1).then(|| self.values[below.count_ones() as usize])
    }

    /// Every signal and its value, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        let measured = NAMES
            .iter()
            .enumerate()
            .filter(|&(bit, _)| self.measured >> bit & 1 == 1);
        measured
            .map(|(_, name)| *name)
            .zip(self.values.iter().copied())
    }
}

/// A JSON object of name and value, in name order.
/// Every documented signal, in name order; one that was not measured (no copy to
/// tell attributed from not, no path to an origin) is `null`: unknown, not left out.
impl serde::Serialize for SignalValues {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(NAMES.iter().map(|&name| (name, self.get(name))))
    }
}

impl From<&Signals> for SignalValues {
    /// Panics on a signal no detector documents (a test runs every detector).
    fn from(signals: &Signals) -> Self {
        let mut measured = 0;
        for name in signals.keys() {
            let bit = NAMES.binary_search(name).expect("a documented signal");
            measured |= 1 << bit;
        }
        let values = signals.values().map(|s| s.value).collect();
        SignalValues { measured, values }
    }
}

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
    copying::DETECTOR,
    encoding::DETECTOR,
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
    signals.insert(
        name,
        Signal {
            value,
            evidence,
            detail: None,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn signal_values_keep_each_value_by_name() {
        let mut signals = Signals::new();
        count(&mut signals, "wire_credit", vec![0..1, 4..5, 9..12]);
        count(&mut signals, "named_sources", vec![0..1, 4..5]);
        count(&mut signals, "anonymous_sources", vec![]);
        let values = SignalValues::from(&signals);
        assert_eq!(values.get("wire_credit"), Some(3.0));
        assert_eq!(values.get("named_sources"), Some(2.0));
        assert_eq!(values.get("anonymous_sources"), Some(0.0));
        // Documented but not measured here, and not a signal at all.
        assert_eq!(values.get("chrome_lines"), None);
        assert_eq!(values.get("quoted_speakers"), None);
        let measured: Vec<(&str, f64)> = values.iter().collect();
        assert_eq!(
            measured,
            [
                ("anonymous_sources", 0.0),
                ("named_sources", 2.0),
                ("wire_credit", 3.0)
            ]
        );
    }

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
