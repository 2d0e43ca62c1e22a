//! What a draft's line and column numbers count.
//!
//! Findings point into the article's text. In a text or Markdown file that
//! text is the file (after its front matter), so positions are the file's. An
//! HTML page's text is extracted from it, one block element per line, and the
//! page's own lines are not known after parsing; a JSON line's text is its
//! `text` field, where a column of the text is not a column of the line. The
//! reports say so rather than point an editor at the wrong place.

use crate::corpus::Document;
use serde::Serialize;

/// What the lines and columns of a draft's findings count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Positions {
    /// The lines of the file itself.
    File,
    /// The lines of the text extracted from an HTML page, one block element per line.
    ExtractedText { file: String },
    /// The lines of the `text` field of line `line` of a JSON lines file.
    JsonLineText { file: String, line: usize },
}

impl Positions {
    pub fn of(doc: &Document) -> Positions {
        let extension = |path: &str| {
            let extension = std::path::Path::new(path).extension();
            extension.map(|e| e.to_string_lossy().to_ascii_lowercase())
        };
        // A JSON line's path is `file.jsonl:N` and its id `stem#id`.
        let json_line = doc.path.rsplit_once(':').filter(|_| doc.id.contains('#'));
        let json_line = json_line.and_then(|(file, n)| Some((file, n.parse().ok()?)));
        match json_line {
            Some((file, line)) if extension(file).as_deref() == Some("jsonl") => {
                Positions::JsonLineText {
                    file: file.to_string(),
                    line,
                }
            }
            _ if matches!(extension(&doc.path).as_deref(), Some("html" | "htm")) => {
                Positions::ExtractedText {
                    file: doc.path.clone(),
                }
            }
            _ => Positions::File,
        }
    }

    /// The file a viewer should open.
    pub fn file<'a>(&'a self, doc: &'a Document) -> &'a str {
        match self {
            Positions::File => &doc.path,
            Positions::ExtractedText { file } | Positions::JsonLineText { file, .. } => file,
        }
    }

    /// What the numbers count, for a reader, when they are not the file's lines.
    pub fn text_name(&self) -> Option<&'static str> {
        match self {
            Positions::File => None,
            Positions::ExtractedText { .. } => Some("extracted text"),
            Positions::JsonLineText { .. } => Some("\"text\" field"),
        }
    }

    /// A sentence saying what the numbers count, when they are not the file's lines.
    pub fn caveat(&self) -> Option<String> {
        match self {
            Positions::File => None,
            Positions::ExtractedText { file } => Some(format!(
                "{file} is HTML: lines and columns count the lines of its extracted text \
                 (one block element per line, as shown below), not the lines of the file"
            )),
            Positions::JsonLineText { file, line } => Some(format!(
                "the draft is line {line} of {file}: lines and columns count the lines of \
                 its \"text\" field (as shown below), not of the file"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FrontMatter;

    fn positions(id: &str, path: &str) -> Positions {
        let doc = Document::new(id.into(), path.into(), "t".into(), FrontMatter::default());
        Positions::of(&doc)
    }

    #[test]
    fn text_files_count_file_lines_and_others_say_what_they_count() {
        assert_eq!(positions("d", "a/d.md"), Positions::File);
        assert_eq!(positions("d", "notes:2"), Positions::File);
        assert_eq!(
            positions("d", "a/d.HTML"),
            Positions::ExtractedText {
                file: "a/d.HTML".into()
            }
        );
        assert_eq!(
            positions("w#x", "c/w.jsonl:7"),
            Positions::JsonLineText {
                file: "c/w.jsonl".into(),
                line: 7
            }
        );
    }
}
