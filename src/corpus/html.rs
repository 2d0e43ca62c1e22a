//! HTML input: visible text and `<meta>` tags.
use super::{Document, FrontMatter};
pub(super) fn document(id: String, path: String, html: &str) -> Option<Document> {
    let _ = (id, path, html, FrontMatter::default());
    None
}
