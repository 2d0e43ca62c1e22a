//! A corpus entry: one article as a run keeps it between stages.
//!
//! An entry holds what every stage and report reads (id, path, line starts) and
//! where its text is; the front matter comes with the text, as extraction alone
//! reads it. The text of a JSON line is not kept: each stage that reads text
//! reads the line again ([`Entry::document`]) from the operating system's file
//! cache, so a corpus far larger than memory can be scored. Files, standard input
//! and pipes are read once, and their texts kept.

use super::{Document, Lines, LoadError, jsonl};
use std::borrow::Cow;

/// One article of the corpus: who it is, and where its text is.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable id, unique in the run: the file stem, or `file.jsonl#id` (see `corpus`).
    pub id: String,
    /// The path as given on the command line, with `:line` for a JSON line.
    pub path: String,
    /// The encoding the text was decoded from when it was not UTF-8.
    pub encoding: Option<&'static str>,
    /// Where the text's lines start, so positions need no text.
    pub lines: Lines,
    text: Text,
}

#[derive(Debug, Clone)]
enum Text {
    /// Read once and kept.
    Held(Box<Document>),
    /// A line of a JSON lines file, read again when a stage needs it.
    Line(jsonl::Line),
}

impl Entry {
    /// The entry of a JSON line: `doc` as read, whose text is let go.
    pub(super) fn line(doc: Document, line: jsonl::Line) -> Self {
        Entry {
            id: doc.id,
            path: doc.path,
            encoding: doc.encoding,
            lines: doc.lines,
            text: Text::Line(line),
        }
    }

    /// How many bytes the article was read from: its JSON line, or its text.
    pub fn size(&self) -> usize {
        match &self.text {
            Text::Held(doc) => doc.text.len(),
            Text::Line(line) => line.len(),
        }
    }

    /// The article with its text: the one kept, or its JSON line read again.
    ///
    /// Reading again fails only when the file changed or became unreadable since it
    /// was loaded: the error then names the line.
    pub fn document(&self) -> Result<Cow<'_, Document>, LoadError> {
        match &self.text {
            Text::Held(doc) => Ok(Cow::Borrowed(doc)),
            Text::Line(line) => line.read_again(&self.id).map(Cow::Owned),
        }
    }
}

impl From<Document> for Entry {
    fn from(doc: Document) -> Self {
        Entry {
            id: doc.id.clone(),
            path: doc.path.clone(),
            encoding: doc.encoding,
            lines: doc.lines().clone(),
            text: Text::Held(Box::new(doc)),
        }
    }
}
