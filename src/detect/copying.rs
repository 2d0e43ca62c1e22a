//! Copying: text this article shares with others in the corpus, and whether it
//! says where that text came from.
//!
//! Why it matters: a repost that does not credit the article it copied cannot
//! be traced — the reader cannot find the original, compare the two, or hold
//! anyone to the claims. A quotation whose words changed between copies (quote
//! drift) means at least one copy misquotes its speaker.
//!
//! Example: a verbatim copy of seed 000 with "Afghan Voice Agency (AVA):"
//! removed shares 95% of its text with 000 and credits no outlet: it is an
//! untraceable repost, and the finding shows the copied passage.

use super::{Article, Copied, Detector, Signal, SignalDoc, Signals};
use crate::reuse::QuoteChange;

pub const DETECTOR: Detector = Detector {
    name: "copying",
    signals: &[
        SignalDoc {
            name: "copies_unattributed",
            explanation: "Articles of the corpus that this article copied (by date or by containment) without crediting their outlet or wire: an untraceable repost. The evidence is the first copied passage.",
        },
        SignalDoc {
            name: "copied_fraction",
            explanation: "The largest share (0-1) of this article's text found in one article it copied; 0 when it copied nothing.",
        },
        SignalDoc {
            name: "shares_text",
            explanation: "Articles that share text with this one in an unknown direction (no dates, no clear containment): neither can be called the copy.",
        },
        SignalDoc {
            name: "quote_drift",
            explanation: "Direct quotations of this article that another article of the corpus gives with changed words, numbers or speaker.",
        },
    ],
    measure,
};

fn measure(article: &Article, signals: &mut Signals) {
    let (directed, undirected): (Vec<&Copied>, Vec<&Copied>) =
        article.copies.iter().partition(|c| c.pair.directed);
    let untraceable: Vec<&Copied> = directed
        .iter()
        .copied()
        .filter(|c| !c.pair.attributed)
        .collect();
    signals.insert(
        "copies_unattributed",
        Signal {
            value: untraceable.len() as f64,
            evidence: untraceable
                .iter()
                .filter_map(|c| c.pair.passages.first())
                .map(|p| p.copier.clone())
                .collect(),
            detail: untraceable.first().map(|c| copied_from(c)),
        },
    );
    let fraction = directed
        .iter()
        .map(|c| c.pair.containment)
        .fold(0.0, f64::max);
    signals.insert(
        "copied_fraction",
        Signal {
            value: fraction,
            ..Default::default()
        },
    );
    signals.insert(
        "shares_text",
        Signal {
            value: undirected.len() as f64,
            ..Default::default()
        },
    );
    signals.insert(
        "quote_drift",
        Signal {
            value: article.drifts.len() as f64,
            evidence: article
                .drifts
                .iter()
                .map(|d| d.quote.span.clone())
                .collect(),
            detail: article.drifts.first().map(|d| {
                let changes: Vec<String> = d.changes.iter().map(describe).collect();
                format!(
                    "{} quotes it as “{}” ({})",
                    d.other,
                    d.other_quote.text,
                    changes.join("; ")
                )
            }),
        },
    );
}

fn copied_from(copy: &Copied) -> String {
    let outlet = copy
        .other_outlet
        .map(|o| format!(" ({o})"))
        .unwrap_or_default();
    let grade = format!("{:?}", copy.pair.grade).to_lowercase();
    format!(
        "copied from {}{outlet}: {:.0}% of this text, {grade}",
        copy.other,
        copy.pair.containment * 100.0
    )
}

/// A change between the two wordings, in the order the other article's pair gives them.
fn describe(change: &QuoteChange) -> String {
    match change {
        QuoteChange::Words { removed, added } => {
            format!("“{}” vs “{}”", removed.join(" "), added.join(" "))
        }
        QuoteChange::Numbers { before, after } => {
            format!("numbers {} vs {}", before.join(", "), after.join(", "))
        }
        QuoteChange::Speaker { before, after } => format!("speaker {before} vs {after}"),
    }
}
