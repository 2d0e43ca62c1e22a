//! How a fuzz input becomes articles, shared by the `extract` fuzz target and by
//! `tests/regressions.rs`, which replays that target's crash files.

use prov::corpus::{Corpus, Document, FrontMatter};

/// The input, read as lossy UTF-8, split on ASCII record separators (0x1E) into up to
/// four articles, so that reuse and the graph see more than one document.
pub fn corpus(bytes: &[u8]) -> Corpus {
    let text = String::from_utf8_lossy(bytes);
    let documents = text
        .split('\u{1e}')
        .take(4)
        .enumerate()
        .map(|(i, part)| {
            Document::new(
                format!("doc{i}"),
                format!("doc{i}.txt"),
                part.to_string(),
                FrontMatter::default(),
            )
            .into()
        })
        .collect();
    Corpus {
        documents,
        ..Corpus::default()
    }
}
