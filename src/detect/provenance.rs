//! Provenance: where the article stands in its story's citation graph.
//!
//! Why it matters: an article that reaches the story's origin (the earliest
//! report, or the interview or statement everything else repeats) through its
//! citations can be checked against it; one that reaches nothing, or only
//! other re-posts, cannot. The values come from `graph::ArticleFacts`.

use super::{Article, Detector, Signal, SignalDoc, Signals};

pub const DETECTOR: Detector = Detector {
    name: "provenance",
    signals: &[
        SignalDoc {
            name: "hops_to_origin",
            explanation: "Fewest citation or copy steps from the article to an origin of its story (the earliest report or a first-hand source); absent when it reaches none, so every comparison on it is false.",
        },
        SignalDoc {
            name: "reaches_origin",
            explanation: "1 when the article reaches an origin of its story through its citations and copies, else 0.",
        },
        SignalDoc {
            name: "copies_attributed",
            explanation: "1 when every copy the article makes credits the copied article's outlet or wire, 0 when one does not; absent when it copies nothing.",
        },
        SignalDoc {
            name: "corroborating_outlets",
            explanation: "Distinct registry outlets, other than its own publisher and wire, that the article cites or that publish articles in the same story.",
        },
    ],
    measure,
};

fn measure(article: &Article, signals: &mut Signals) {
    for (name, value) in article.facts.signals() {
        signals.insert(
            name,
            Signal {
                value,
                ..Default::default()
            },
        );
    }
}
