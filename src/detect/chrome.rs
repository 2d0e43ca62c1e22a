//! Site chrome: leftover page furniture in the article text.
//!
//! Why it matters: comment forms ("Post a comment", "Your Name"), share buttons,
//! "Source link" or "Views: 218" in the text show it was scraped from a page,
//! not taken from the publisher, and nobody edited it before re-publishing.

use super::{Article, Detector, SignalDoc, Signals, count};

pub const DETECTOR: Detector = Detector {
    name: "chrome",
    signals: &[SignalDoc {
        name: "chrome_lines",
        explanation: "Lines of leftover site chrome (comment forms, share buttons, \"Source link\", \"Views: N\", \"You May Also Like\").",
    }],
    measure,
};

fn measure(article: &Article, signals: &mut Signals) {
    count(
        signals,
        "chrome_lines",
        article.extraction.meta.chrome.clone(),
    );
}
