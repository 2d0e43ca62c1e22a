//! JSON lines input: one article per line, read as a stream so a large file
//! never has to fit in memory. A bad line becomes an error naming its line
//! number; the lines around it are still read. Blank lines are not records
//! and are passed over; a file with no record at all is an error.
//! Lines end at a line feed or at a lone carriage return (a raw carriage
//! return cannot occur inside a JSON record, so this never splits one). A line
//! that is not UTF-8 is decoded as Windows-1252 when it plainly is that.

use super::{Corpus, Document, FrontMatter, MAX_FILE_BYTES, decode};
use serde::Deserialize;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One JSON line. `id` and `text` are the article; the rest is metadata, with
/// the names used by common crawls (`publish_date`, `authors`, `domain`) accepted too.
#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    url: Option<String>,
    domain: Option<String>,
    outlet: Option<String>,
    #[serde(alias = "publish_date")]
    published: Option<serde_json::Value>,
    title: Option<String>,
    #[serde(alias = "authors")]
    author: Option<serde_json::Value>,
}

pub(super) fn load(path: &Path, shown: &str, corpus: &mut Corpus) {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => return corpus.fail(shown, format!("cannot read: {e}")),
    };
    let before = corpus.documents.len() + corpus.errors.len();
    let mut reader = BufReader::new(file);
    let mut chunk = Vec::new();
    let mut number = 0;
    loop {
        chunk.clear();
        match (&mut reader)
            .take(MAX_FILE_BYTES + 1)
            .read_until(b'\n', &mut chunk)
        {
            Ok(0) => break,
            Ok(_) if chunk.len() as u64 > MAX_FILE_BYTES => {
                number += 1;
                corpus.fail(
                    format!("{shown}:{number}"),
                    format!("line longer than {MAX_FILE_BYTES} bytes"),
                );
                if skip_rest_of_line(&mut reader).is_err() {
                    break;
                }
            }
            Ok(_) => {
                if number == 0 && chunk.starts_with(b"\xef\xbb\xbf") {
                    chunk.drain(..3);
                }
                for line in split_lone_cr(&chunk) {
                    number += 1;
                    record(line, shown, number, corpus);
                }
            }
            Err(e) => {
                return corpus.fail(
                    format!("{shown}:{}", number + 1),
                    format!("cannot read: {e}"),
                );
            }
        }
    }
    if corpus.documents.len() + corpus.errors.len() == before {
        corpus.fail(shown, "empty file (no JSON lines)");
    }
}

/// A line read up to its line feed, cut at each lone carriage return.
fn split_lone_cr(chunk: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(chunk);
    std::iter::from_fn(move || {
        let line = rest?;
        let cut = (0..line.len()).find(|&i| line[i] == b'\r' && line.get(i + 1) != Some(&b'\n'));
        match cut {
            Some(i) => {
                rest = Some(&line[i + 1..]).filter(|r| !r.is_empty());
                Some(&line[..i])
            }
            None => {
                rest = None;
                Some(line)
            }
        }
    })
}

fn skip_rest_of_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    reader.skip_until(b'\n').map(|_| ())
}

fn record(bytes: &[u8], shown: &str, number: usize, corpus: &mut Corpus) {
    let at = format!("{shown}:{number}");
    let (text, encoding) = match std::str::from_utf8(bytes) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), None),
        Err(_) => match decode::windows_1252(bytes) {
            Some(text) => (text.into(), Some(decode::WINDOWS_1252_NAME)),
            None => {
                return corpus.fail(
                    at,
                    "line is neither valid UTF-8 nor plain Windows-1252 text",
                );
            }
        },
    };
    if text.trim().is_empty() {
        return;
    }
    let record: Record = match serde_json::from_str(text.trim_end_matches(['\n', '\r'])) {
        Ok(record) => record,
        Err(e) => return corpus.fail(at, bad_json(&e)),
    };
    let Some(body) = record.text.filter(|t| !t.trim().is_empty()) else {
        return corpus.fail(at, "empty `text`");
    };
    let id = match record.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("line{number}"),
    };
    let stem = Path::new(shown)
        .file_name()
        .map_or(shown.into(), |n| n.to_string_lossy().into_owned());
    let front = FrontMatter {
        url: record.url.or(record.domain),
        outlet: record.outlet,
        published: record.published.and_then(published),
        title: record.title,
        author: record.author.and_then(author),
    };
    let mut doc = Document::new(format!("{stem}#{id}"), at, body, front);
    doc.encoding = encoding;
    corpus.documents.push(doc);
}

/// serde_json's message, with the column but without its "line 1" (the line is in the path).
fn bad_json(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let reason = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(r, _)| r);
    format!("bad JSON at column {}: {reason}", e.column())
}

/// A date as text, or seconds since the epoch as a date.
fn published(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => {
            let seconds = n.as_f64()? as i64;
            chrono::DateTime::from_timestamp(seconds, 0).map(|d| d.date_naive().to_string())
        }
        _ => None,
    }
}

/// An author as text, or a list of names joined with commas.
fn author(value: serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Array(names) => {
            let names: Vec<_> = names.iter().filter_map(|n| n.as_str()).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_errors_and_good_lines_still_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let lines = [
            r#"{"id": "x1", "text": "Body one.", "publish_date": 1683676800, "authors": ["A", "B"], "domain": "cnn.com"}"#,
            r#"{"id": 2, "text": "#,
            r#"{"id": "x3", "text": ""}"#,
            r#"{"text": "Body four."}"#,
        ];
        std::fs::write(&path, lines.join("\n")).unwrap();
        let mut corpus = Corpus::default();
        load(&path, "a.jsonl", &mut corpus);
        let ids: Vec<_> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a.jsonl#x1", "a.jsonl#line4"]);
        assert_eq!(
            corpus.documents[0].front.published.as_deref(),
            Some("2023-05-10")
        );
        assert_eq!(corpus.documents[0].front.author.as_deref(), Some("A, B"));
        assert_eq!(corpus.documents[0].front.url.as_deref(), Some("cnn.com"));
        let errors: Vec<_> = corpus
            .errors
            .iter()
            .map(|e| (e.path.as_str(), e.error.as_str()))
            .collect();
        assert_eq!(errors[0].0, "a.jsonl:2");
        assert_eq!(
            errors[0].1,
            "bad JSON at column 18: EOF while parsing a value"
        );
        assert_eq!(errors[1], ("a.jsonl:3", "empty `text`"));
    }
}
