//! Quotes: direct quotations, and whether each says who said it.
//!
//! Why it matters: a quotation with no speaker cannot be checked, and is the
//! easiest thing for a copy to alter or invent.

use super::{Article, Detector, SignalDoc, Signals, count};

pub const DETECTOR: Detector = Detector {
    name: "quotes",
    signals: &[
        SignalDoc {
            name: "quotes",
            explanation: "Direct quotations in the article, with or without a speaker.",
        },
        SignalDoc {
            name: "quotes_without_speaker",
            explanation: "Direct quotations whose sentence does not say who said them.",
        },
    ],
    measure,
};

fn measure(article: &Article, signals: &mut Signals) {
    let quotes = &article.extraction.quotes;
    count(
        signals,
        "quotes",
        quotes.iter().map(|q| q.span.clone()).collect(),
    );
    let unspoken = quotes.iter().filter(|q| q.speaker.is_none());
    count(
        signals,
        "quotes_without_speaker",
        unspoken.map(|q| q.span.clone()).collect(),
    );
}
