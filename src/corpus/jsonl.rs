//! JSON lines input: one article per line, read as a stream so a large file
//! never has to fit in memory. A bad line becomes an error naming its line
//! number; the lines around it are still read. Blank lines are not records
//! and are passed over; a file with no record at all is an error.
//! Lines end at a line feed or at a lone carriage return (a raw carriage
//! return cannot occur inside a JSON record, so this never splits one). A line
//! that is not UTF-8 is decoded as Windows-1252 when it plainly is that.
//! `published` is a date as text or seconds (or, past 10^11, milliseconds) since
//! the epoch; 0 or an epoch before 1900 is a scraper's placeholder for "unknown"
//! and reads as no date.
//!
//! Lines are parsed in parallel, a batch of a few megabytes at a time while the
//! next batch is read, and added in file order. Each line's text is let go once
//! read (and handed to the function of [`super::load_each`], on the thread that
//! parsed it): its [`Entry`] keeps the line's place in the file and reads it again
//! when a later stage needs the text ([`Line`]). A file that cannot be read twice
//! (a pipe) keeps its texts instead.

use super::{
    Document, Entry, FrontMatter, LoadError, Loading, MAX_FILE_BYTES, decode, epoch_date,
    given_date,
};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;
use std::collections::hash_map::Entry::{Occupied, Vacant};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

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

/// A JSON lines file open for reading its lines again.
#[derive(Debug)]
struct Source {
    /// Read with [`read_exact_at`], so threads share no cursor.
    file: File,
    /// The path as given on the command line.
    shown: String,
    /// What the ids of its lines start with (`name` of `name#id`).
    prefix: String,
    /// The file's size and modification time when loading began: a line is read
    /// again only from the file as it was.
    stamp: Stamp,
}

type Stamp = (u64, Option<SystemTime>);

fn stamp(metadata: &std::fs::Metadata) -> Stamp {
    (metadata.len(), metadata.modified().ok())
}

/// Where a JSON line is in its file.
#[derive(Debug, Clone)]
pub(super) struct Line {
    source: Arc<Source>,
    offset: u64,
    len: u32,
    number: u32,
}

impl Line {
    /// The line's length in bytes.
    pub(super) fn len(&self) -> usize {
        self.len as usize
    }

    /// The line's document, read again; `id` is the id it had when loaded.
    pub(super) fn read_again(&self, id: &str) -> Result<Document, LoadError> {
        let shown = &self.source.shown;
        let fail = |error: &str| LoadError {
            path: format!("{shown}:{}", self.number),
            error: error.to_string(),
        };
        let changed = || fail("the file changed while prov was reading it");
        match self.read() {
            Ok(Some(bytes)) => {
                match parse(&bytes, shown, &self.source.prefix, self.number as usize) {
                    Ok(Some(doc)) if doc.id == id => Ok(doc),
                    _ => Err(changed()),
                }
            }
            Ok(None) => Err(changed()),
            Err(e) => Err(fail(&format!("cannot read again: {e}"))),
        }
    }

    /// The line's bytes, or none if the file is no longer as it was loaded.
    fn read(&self) -> std::io::Result<Option<Vec<u8>>> {
        let file = &self.source.file;
        if stamp(&file.metadata()?) != self.source.stamp {
            return Ok(None);
        }
        let mut bytes = vec![0; self.len as usize];
        read_exact_at(file, &mut bytes, self.offset)?;
        Ok(Some(bytes))
    }
}

/// Load the lines of a JSON lines file; `prefix` starts their ids (`prefix#id`).
pub(super) fn load<T: Send>(path: &Path, shown: &str, prefix: &str, loading: &mut Loading<T>) {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return loading.fail(shown, format!("cannot read: {e}")),
    };
    let source = again(path, &file, shown, prefix);
    load_lines(file, source, shown, prefix, loading);
}

/// Load JSON lines from a stream that cannot be read again (standard input):
/// the entries keep their texts.
pub(super) fn load_stream<T: Send>(
    input: impl Read + Send,
    shown: &str,
    prefix: &str,
    loading: &mut Loading<T>,
) {
    load_lines(input, None, shown, prefix, loading);
}

fn load_lines<T: Send>(
    input: impl Read + Send,
    source: Option<Arc<Source>>,
    shown: &str,
    prefix: &str,
    loading: &mut Loading<T>,
) {
    let mut reader = Reader {
        source,
        reader: BufReader::new(input),
        number: 0,
        offset: 0,
    };
    let inputs =
        |loading: &Loading<T>| loading.corpus.documents.len() + loading.corpus.errors.len();
    let before = inputs(loading);
    let each = loading.each;
    let mut first_lines = HashMap::new();
    // Two batches take turns: one is read while the other is parsed on the other threads.
    let (mut read, mut parsed) = (Batch::default(), Batch::default());
    let mut more = reader.fill(&mut read, shown);
    while more {
        std::mem::swap(&mut read, &mut parsed);
        let (read_on, entries) = rayon::join(
            || reader.fill(&mut read, shown),
            || parsed.parse(shown, prefix, each),
        );
        add(loading, entries, &mut first_lines);
        more = read_on;
    }
    add(loading, read.parse(shown, prefix, each), &mut first_lines);
    if inputs(loading) == before {
        loading.fail(shown, "empty file (no JSON lines)");
    }
}

/// How many bytes of lines are read before they are parsed together.
const BATCH_BYTES: usize = 8 << 20;

/// A JSON lines file being read a batch at a time, with the number and offset
/// of the next line.
struct Reader<R> {
    source: Option<Arc<Source>>,
    reader: BufReader<R>,
    number: usize,
    offset: u64,
}

impl<R: Read> Reader<R> {
    /// Read lines into `batch` until it holds [`BATCH_BYTES`] or the file ends:
    /// whether there is more to read. A line too long or a read that fails is
    /// kept in the batch as an error at its place.
    fn fill(&mut self, batch: &mut Batch, shown: &str) -> bool {
        let Batch { bytes, lines } = batch;
        while bytes.len() < BATCH_BYTES {
            let from = bytes.len();
            match (&mut self.reader)
                .take(MAX_FILE_BYTES + 1)
                .read_until(b'\n', bytes)
            {
                Ok(0) => return false,
                Ok(read) if read as u64 > MAX_FILE_BYTES => {
                    self.number += 1;
                    bytes.truncate(from);
                    lines.push(Item::Failed(
                        format!("{shown}:{}", self.number),
                        format!("line longer than {MAX_FILE_BYTES} bytes"),
                    ));
                    match skip_rest_of_line(&mut self.reader) {
                        Ok(skipped) => self.offset += (read + skipped) as u64,
                        Err(_) => return false,
                    }
                }
                Ok(read) => {
                    self.split(&bytes[from..], from, lines);
                    self.offset += read as u64;
                }
                Err(e) => {
                    bytes.truncate(from);
                    lines.push(Item::Failed(
                        format!("{shown}:{}", self.number + 1),
                        format!("cannot read: {e}"),
                    ));
                    return false;
                }
            }
        }
        true
    }

    /// The lines of `chunk`, read at `from` in the batch's bytes, numbered and placed.
    fn split(&mut self, chunk: &[u8], from: usize, lines: &mut Vec<Item>) {
        let bom = if self.number == 0 && chunk.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        };
        for line in split_lone_cr(&chunk[bom..]) {
            self.number += 1;
            let at = line.as_ptr() as usize - chunk.as_ptr() as usize;
            let place = self.source.as_ref().map(|source| Line {
                source: Arc::clone(source),
                offset: self.offset + at as u64,
                len: line.len() as u32,
                number: self.number as u32,
            });
            lines.push(Item::Line(
                from + at..from + at + line.len(),
                self.number,
                place,
            ));
        }
    }
}

/// Lines read in file order and not yet parsed. Parsing is most of the cost of
/// loading, so a batch of lines is parsed in parallel, and its documents and
/// errors are then added in file order, as if each line had been added when read.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    lines: Vec<Item>,
}

/// A line of a batch: its bytes in `Batch::bytes`, its number and its place in the
/// file; or an error found while reading, with where it is.
enum Item {
    Line(Range<usize>, usize, Option<Line>),
    Failed(String, String),
}

/// A line's entry with what `each` gave for its document and the line's number
/// (none for a blank line), or its error with where it is.
type Parsed<T> = Result<Option<(Entry, T, usize)>, (String, String)>;

impl Batch {
    /// Every line's entry, with `each` of its document, or its error, in file order;
    /// the batch is left empty.
    fn parse<T: Send>(
        &mut self,
        shown: &str,
        prefix: &str,
        each: &(dyn Fn(&Document) -> T + Sync),
    ) -> Vec<Parsed<T>> {
        let bytes = &self.bytes;
        let parsed = std::mem::take(&mut self.lines)
            .into_par_iter()
            .map(|item| match item {
                Item::Line(line, number, place) => match parse(&bytes[line], shown, prefix, number)
                {
                    Ok(Some(doc)) => {
                        let result = each(&doc);
                        Ok(Some((entry(doc, place), result, number)))
                    }
                    Ok(None) => Ok(None),
                    Err(e) => Err((format!("{shown}:{number}"), e)),
                },
                Item::Failed(at, error) => Err((at, error)),
            })
            .collect();
        self.bytes.clear();
        parsed
    }
}

/// Add parsed lines to the corpus, in order. A line whose id an earlier line of
/// the file has is an error naming that line: ids must stay unique.
fn add<T>(
    loading: &mut Loading<T>,
    parsed: Vec<Parsed<T>>,
    first_lines: &mut HashMap<String, usize>,
) {
    for entry in parsed {
        match entry {
            Ok(Some((entry, result, number))) => match first_lines.entry(entry.id.clone()) {
                Vacant(first) => {
                    first.insert(number);
                    loading.add_entry(entry, Some(result));
                }
                Occupied(first) => loading.fail(
                    entry.path,
                    format!(
                        "duplicate id {} (first on line {})",
                        first.key(),
                        first.get()
                    ),
                ),
            },
            Ok(None) => {}
            Err((at, e)) => loading.fail(at, e),
        }
    }
}

/// A line's entry, which keeps only the line's place in the file when it has one.
fn entry(doc: Document, place: Option<Line>) -> Entry {
    match place {
        Some(place) => Entry::line(doc, place),
        None => Entry::from(doc),
    }
}

/// Fill `buf` from `file` at `offset`. A positioned read leaves no cursor to share,
/// so the threads reading lines again never wait on each other for a lock.
#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    // `seek_read` may read less than asked, and moves the cursor, which no one uses.
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// A second handle on a regular file, to read its lines again; none for a pipe
/// or a file that cannot be opened twice, whose texts are then kept.
fn again(path: &Path, file: &File, shown: &str, prefix: &str) -> Option<Arc<Source>> {
    // Asked of the open file: opening a pipe a second time would wait for a writer.
    let metadata = file.metadata().ok().filter(|m| m.is_file())?;
    let again = File::open(path).ok()?;
    Some(Arc::new(Source {
        file: again,
        shown: shown.to_string(),
        prefix: prefix.to_string(),
        stamp: stamp(&metadata),
    }))
}

/// A line read up to its line feed, cut at each lone carriage return.
fn split_lone_cr(chunk: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(chunk);
    std::iter::from_fn(move || {
        let line = rest?;
        let cut = memchr::memchr_iter(b'\r', line).find(|&i| line.get(i + 1) != Some(&b'\n'));
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

/// Skip to the next line, returning the bytes skipped.
fn skip_rest_of_line(reader: &mut impl BufRead) -> std::io::Result<usize> {
    reader.skip_until(b'\n')
}

/// The document of one line: none for a blank line, an error for a bad one.
fn parse(
    bytes: &[u8],
    shown: &str,
    prefix: &str,
    number: usize,
) -> Result<Option<Document>, String> {
    let at = format!("{shown}:{number}");
    let (text, encoding) = match std::str::from_utf8(bytes) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), None),
        Err(_) => match decode::windows_1252(bytes) {
            Some(text) => (text.into(), Some(decode::WINDOWS_1252_NAME)),
            None => return Err("line is neither valid UTF-8 nor plain Windows-1252 text".into()),
        },
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    let record = record(text.trim_end_matches(['\n', '\r']))?;
    let Some(body) = record.text.filter(|t| !t.trim().is_empty()) else {
        return Err("empty `text`".into());
    };
    let id = match record.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("line{number}"),
    };
    let front = FrontMatter {
        url: record.url.or(record.domain),
        outlet: record.outlet,
        published: record.published.map(published).transpose()?.flatten(),
        title: record.title,
        author: record.author.and_then(author),
    };
    let mut doc = Document::new(format!("{prefix}#{id}"), at, body, front);
    doc.encoding = encoding;
    Ok(Some(doc))
}

/// The record of a line, or why it is not one.
fn record(line: &str) -> Result<Record, String> {
    if !line.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde_json::Value>(line) {
            Ok(value) => format!(
                "the line must be a JSON object ({{\"id\": …, \"text\": …}}), not {}",
                json_kind(&value)
            ),
            Err(e) => bad_json(&e),
        });
    }
    serde_json::from_str(line).map_err(|e| bad_json(&e))
}

/// "an array", "a string", …: what a JSON value is, for an error message.
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Null => "null",
        serde_json::Value::Object(_) => "an object",
    }
}

/// serde_json's message, with the column but without its "line 1" (the line is in the path).
fn bad_json(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let reason = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(r, _)| r);
    format!("bad JSON at column {}: {reason}", e.column())
}

/// A date as text ([`given_date`]), or seconds since the epoch as a date
/// ([`epoch_date`]); an error naming the value when it is neither.
fn published(value: serde_json::Value) -> Result<Option<String>, String> {
    match value {
        serde_json::Value::String(s) => given_date(&s),
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| format!("`published` is not a date: {n}"))
            .and_then(epoch_date),
        other => Err(format!("`published` is not a date: {other}")),
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
        let mut loading = Loading::new(&|_| ());
        load(&path, "a.jsonl", "a.jsonl", &mut loading);
        let corpus = loading.corpus;
        let ids: Vec<_> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a.jsonl#x1", "a.jsonl#line4"]);
        let front = corpus.documents[0].document().unwrap().front.clone();
        assert_eq!(front.published.as_deref(), Some("2023-05-10"));
        assert_eq!(front.author.as_deref(), Some("A, B"));
        assert_eq!(front.url.as_deref(), Some("cnn.com"));
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

    /// Regression: `"not a date"` became no date without a word.
    #[test]
    fn a_published_value_that_is_not_a_date_is_an_error() {
        let lines = [
            r#"{"id": 1, "text": "One.", "published": "not a date"}"#,
            r#"{"id": 2, "text": "Two.", "published": true}"#,
            r#"{"id": 3, "text": "Three.", "publish_date": -62106825600.0}"#,
            r#"{"id": 4, "text": "Four.", "publish_date": 1452632548.0}"#,
            r#"{"id": 5, "text": "Five.", "published": 1683676800000}"#,
            r#"{"id": 6, "text": "Six.", "published": 0}"#,
        ];
        let (_dir, _path, corpus) = loaded(lines.join("\n").as_bytes());
        let errors: Vec<_> = corpus
            .errors
            .iter()
            .map(|e| (e.path.as_str(), e.error.as_str()))
            .collect();
        assert_eq!(
            errors,
            [
                ("a.jsonl:1", "`published` is not a date: \"not a date\""),
                ("a.jsonl:2", "`published` is not a date: true"),
            ]
        );
        // The year-1 placeholder is no date, nor is 0 (which was 1970-01-01); a
        // real epoch is its day, in seconds or in milliseconds (which became no date
        // without a word).
        let published: Vec<_> = corpus
            .documents
            .iter()
            .map(|e| e.document().unwrap().front.published.clone())
            .collect();
        assert_eq!(
            published,
            [
                None,
                Some("2016-01-12".into()),
                Some("2023-05-10".into()),
                None
            ]
        );
    }

    /// Regression: `[1,2,3]` was "invalid type: integer `2`, expected a string".
    #[test]
    fn a_line_that_is_not_an_object_says_so() {
        let (_dir, _path, corpus) = loaded(b"[1,2,3]\n  \"text\"\nnot json\n");
        let errors: Vec<_> = corpus.errors.iter().map(|e| e.error.as_str()).collect();
        assert_eq!(
            errors,
            [
                "the line must be a JSON object ({\"id\": …, \"text\": …}), not an array",
                "the line must be a JSON object ({\"id\": …, \"text\": …}), not a string",
                "bad JSON at column 2: expected ident",
            ]
        );
    }

    #[test]
    fn lines_parsed_in_batches_keep_file_order_for_documents_and_errors() {
        let body = "word ".repeat(20_000);
        let mut bytes = Vec::new();
        for n in 1..=100 {
            let line = match n % 10 {
                0 => format!("{{\"id\": {n}, \"text\": \n"),
                _ => format!("{{\"id\": {n}, \"text\": \"{n} {body}\"}}\n"),
            };
            bytes.extend(line.as_bytes());
        }
        assert!(bytes.len() > BATCH_BYTES, "more than one batch");
        let (_dir, _path, corpus) = loaded(&bytes);
        let ids: Vec<String> = corpus.documents.iter().map(|d| d.id.clone()).collect();
        let want: Vec<String> = (1..=100)
            .filter(|n| n % 10 != 0)
            .map(|n| format!("a.jsonl#{n}"))
            .collect();
        assert_eq!(ids, want);
        let errors: Vec<&str> = corpus.errors.iter().map(|e| e.path.as_str()).collect();
        let want: Vec<String> = (1..=10).map(|n| format!("a.jsonl:{}", n * 10)).collect();
        assert_eq!(errors, want);
        let last = corpus.documents.last().unwrap().document().unwrap();
        assert!(last.text.starts_with("99 word "));
    }

    #[test]
    fn a_line_too_long_is_an_error_in_its_place_and_the_next_line_reads_again() {
        let long = format!(
            "{{\"id\": 2, \"text\": \"{}\"}}\n",
            "x".repeat(MAX_FILE_BYTES as usize)
        );
        let bytes = [
            "{\"id\": 1, \"text\": \"one\"}\n",
            &long,
            "{\"id\": 3, \"text\": \"three\"}\n",
        ]
        .concat();
        let (_dir, _path, corpus) = loaded(bytes.as_bytes());
        let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a.jsonl#1", "a.jsonl#3"]);
        let errors: Vec<_> = corpus
            .errors
            .iter()
            .map(|e| (e.path.as_str(), e.error.as_str()))
            .collect();
        assert_eq!(errors, [("a.jsonl:2", "line longer than 67108864 bytes")]);
        let third = corpus.documents[1].document().unwrap();
        assert_eq!(
            (third.text.as_str(), third.path.as_str()),
            ("three", "a.jsonl:3")
        );
    }

    fn loaded(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf, crate::corpus::Corpus) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, bytes).unwrap();
        let mut loading = Loading::new(&|_| ());
        load(&path, "a.jsonl", "a.jsonl", &mut loading);
        let corpus = loading.corpus;
        (dir, path, corpus)
    }

    #[test]
    fn each_line_read_again_is_the_line_first_read() {
        // A byte-order mark, a lone carriage return between two records, a
        // Windows-1252 line, and a blank line.
        let mut bytes = b"\xef\xbb\xbf{\"id\": 1, \"text\": \"One.\\nLine two.\"}\r".to_vec();
        bytes.extend(b"{\"id\": 2, \"text\": \"Two \\u00e9.\"}\r\n\n");
        bytes.extend(b"{\"id\": 3, \"text\": \"Caf\xe9 three.\"}\n");
        let (_dir, _path, corpus) = loaded(&bytes);
        let texts: Vec<String> = corpus
            .documents
            .iter()
            .map(|entry| entry.document().unwrap().text.clone())
            .collect();
        assert_eq!(texts, ["One.\nLine two.", "Two é.", "Café three."]);
        let paths: Vec<&str> = corpus.documents.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["a.jsonl:1", "a.jsonl:2", "a.jsonl:4"]);
        assert_eq!(
            corpus.documents[2].encoding,
            Some(decode::WINDOWS_1252_NAME)
        );
        assert_eq!(corpus.documents[0].lines.line("One.\n".len()), 2);
    }

    #[test]
    fn a_file_changed_after_loading_is_an_error_naming_the_line() {
        let (_dir, path, corpus) =
            loaded(b"{\"id\": 1, \"text\": \"One.\"}\n{\"text\": \"Two.\"}\n");
        std::fs::write(&path, "{\"id\": 1, \"text\": \"Changed.\"}\n").unwrap();
        let error = corpus.documents[1].document().unwrap_err();
        assert_eq!(
            (error.path.as_str(), error.error.as_str()),
            ("a.jsonl:2", "the file changed while prov was reading it")
        );
    }

    /// A pipe cannot be read twice, and opening it again would wait for a writer
    /// that may never come (one that has already written and gone).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_is_not_opened_again() {
        use std::os::unix::fs::OpenOptionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.jsonl");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        const O_NONBLOCK: i32 = 0o4000;
        let open = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(O_NONBLOCK)
            .open(&path);
        let file = open.unwrap(); // with no writer, as after a short writer has gone
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            tx.send(again(&path, &file, "pipe.jsonl", "pipe.jsonl").is_none())
        });
        let waited = std::time::Duration::from_secs(10);
        assert_eq!(
            rx.recv_timeout(waited),
            Ok(true),
            "the pipe was opened again"
        );
    }
}
