//! Attribution: who the article says its information comes from.
//!
//! Why it matters: a claim a reader can check against a named outlet or person
//! is worth more than one that rests on "unnamed officials" or on nobody at all.
//! Example: "in an interview with CNN" is a named source; "citing unnamed
//! Japanese and NATO officials" is an anonymous one.

use super::{Article, Detector, SignalDoc, Signals, count};
use crate::extract::SourceKind;
use std::collections::BTreeSet;

pub const DETECTOR: Detector = Detector {
    name: "attribution",
    signals: &[
        SignalDoc {
            name: "named_sources",
            explanation: "Distinct named sources (outlets, people, roles and unknown names) that the article attributes information to.",
        },
        SignalDoc {
            name: "outlet_sources",
            explanation: "Distinct outlets from the registry that the article cites: sources a reader can look up and check.",
        },
        SignalDoc {
            name: "anonymous_sources",
            explanation: "Attributions to unnamed sources (\"unnamed officials\", \"people familiar with the matter\").",
        },
        SignalDoc {
            name: "anonymous_only",
            explanation: "1 when the article's only sources are anonymous (and it gives no quotation a speaker), else 0: nothing it says can be traced.",
        },
        SignalDoc {
            name: "unsourced",
            explanation: "1 when the article attributes nothing to anyone, named or not, and gives no quotation a speaker, else 0.",
        },
    ],
    measure,
};

/// Whether a quotation's speaker reads as a person's name: two words or more, each
/// capitalised, none possessive ("Jane Roe", "Sen. Mike Enzi"); not what a speaker
/// search also finds ("Dec", "We’ve", "Obama's", "This brings to six the number of").
fn is_a_name(speaker: &str) -> bool {
    let words: Vec<&str> = speaker.split_whitespace().collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && !w.ends_with("'s") && !w.ends_with("’s"))
}

fn measure(article: &Article, signals: &mut Signals) {
    let citations = &article.extraction.citations;
    let mut named = BTreeSet::new();
    let mut outlets = BTreeSet::new();
    let (mut named_spans, mut outlet_spans, mut anonymous) = (vec![], vec![], vec![]);
    for c in citations {
        match c.source_kind {
            SourceKind::Anonymous => anonymous.push(c.span.clone()),
            kind => {
                if named.insert(c.source.as_str()) {
                    named_spans.push(c.span.clone());
                }
                if kind == SourceKind::Outlet && outlets.insert(c.source.as_str()) {
                    outlet_spans.push(c.span.clone());
                }
            }
        }
    }
    // A quotation given to someone ("“We will win,” Smith said") attributes what it
    // says, though its speaker is not counted as a source: speakers are read less
    // surely than citations (a pronoun, a sentence's first name).
    // A speaker that is one of the anonymous sources ("officials said", "a senior
    // White House official told") names no one.
    let unnamed = |speaker: &str| {
        citations.iter().any(|c| {
            c.source_kind == SourceKind::Anonymous
                && (speaker.contains(&c.source) || c.source.contains(speaker))
        })
    };
    let quoted_someone = (article.extraction.quotes.iter()).any(|q| {
        q.speaker
            .as_deref()
            .is_some_and(|s| is_a_name(s) && !unnamed(s))
    });
    let anonymous_only = named.is_empty() && !quoted_someone && !anonymous.is_empty();
    let first_anonymous = anonymous.first().cloned();
    count(signals, "named_sources", named_spans);
    count(signals, "outlet_sources", outlet_spans);
    count(signals, "anonymous_sources", anonymous);
    count(
        signals,
        "anonymous_only",
        first_anonymous
            .filter(|_| anonymous_only)
            .into_iter()
            .collect(),
    );
    signals.insert(
        "unsourced",
        super::Signal {
            value: f64::from(citations.is_empty() && !quoted_someone),
            ..Default::default()
        },
    );
}
