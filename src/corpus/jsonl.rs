//! JSON lines input: one article per line.
use super::Corpus;
use std::path::Path;
pub(super) fn load(path: &Path, shown: &str, corpus: &mut Corpus) {
    let _ = (path, shown, corpus);
}
