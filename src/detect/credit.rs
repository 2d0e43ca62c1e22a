//! Wire credit: whether the article says which agency's copy it carries.
//!
//! Why it matters: a re-post that credits its wire ("According to VNA",
//! "(Reuters) -") can be traced to the agency's original; one that does not
//! leaves the reader guessing where the text came from.

use super::{Article, Detector, Signal, SignalDoc, Signals};

pub const DETECTOR: Detector = Detector {
    name: "credit",
    signals: &[SignalDoc {
        name: "wire_credit",
        explanation: "1 when the article credits a wire service for its text (\"According to VNA\", \"(Reuters) -\"), else 0.",
    }],
    measure,
};

fn measure(article: &Article, signals: &mut Signals) {
    let wire = article.extraction.meta.wire.as_ref();
    let signal = Signal {
        value: f64::from(wire.is_some()),
        evidence: wire.and_then(|w| w.span.clone()).into_iter().collect(),
        detail: None,
    };
    signals.insert("wire_credit", signal);
}
