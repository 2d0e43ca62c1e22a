//! Encoding: whether the input's text had to be guessed from a legacy encoding.
//!
//! Why it matters: a file that is not UTF-8 but reads as Windows-1252 (Latin-1
//! as Windows writes it) is decoded so it can be scored, but the guess can be
//! wrong: a name with an accent, a currency sign or a quotation mark may have
//! come out as another character. Quotes and names from such an article should
//! be checked against the original before they are repeated.

use super::{Article, Detector, Signal, SignalDoc, Signals};
use crate::corpus::WINDOWS_1252_NAME;

pub const DETECTOR: Detector = Detector {
    name: "encoding",
    signals: &[SignalDoc {
        name: "transcoded",
        explanation: "1 when the input was not UTF-8 (nor UTF-16 with a byte-order mark) and was decoded as Windows-1252, a guess; else 0.",
    }],
    measure,
};

fn measure(article: &Article, signals: &mut Signals) {
    let guessed = article.doc.encoding == Some(WINDOWS_1252_NAME);
    signals.insert(
        "transcoded",
        Signal {
            value: f64::from(guessed),
            evidence: Vec::new(),
            detail: None,
        },
    );
}
