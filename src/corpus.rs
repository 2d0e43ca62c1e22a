//! Stage 1 of the pipeline: turn paths into corpus [`Entry`]s, each of which
//! gives its [`Document`] (the article with its text) when a stage asks.
//!
//! This is the only stage that reads files. Every input ends either as an
//! entry or as a [`LoadError`] naming its path and reason: nothing is
//! dropped silently. Formats: plain text and Markdown (with optional TOML front
//! matter between `+++` lines), HTML (text and `<meta>` tags) and JSON lines.
//! Encodings are in `corpus/decode.rs`; the limits on size, in the README's "Limits".
//! A publication date given in front matter, a JSON line or an HTML `<meta>` tag
//! must be one ([`given_date`]); one that is not (`2023-02-30`, `"not a date"`) makes the
//! input an error naming it, as any other bad front matter does.
//! Standard input (`-`) is JSON lines when its first line that is not blank is
//! a JSON object (ids `stdin#id`, paths `-:line`), else one text article (`stdin`).
//!
//! Hidden files and folders (names starting with `.`) found while walking a
//! folder are not read; each is listed in [`Corpus::hidden`], so the totals
//! still account for every entry. A hidden path given by name is read. The rules
//! and outlets files in use ([`Inputs::config`]) are passed over by a walk too,
//! without a note: they are the run's configuration, not its input; so are the
//! HTML reports prov wrote ([`REPORT_MARK`]), its output. Any other
//! file a walk meets is an input, and one of an unsupported type is an error,
//! as when named: a folder of articles that also holds, say, a `.json` export
//! should not look complete.
//!
//! Ids are unique in a run and do not depend on the order of the paths. A file
//! is read once however often it is reached (named twice, or named and inside a
//! named folder). Its id is its stem (`000_30fde9fe001ed933`), and a JSON line's
//! is the file's name, `#` and the line's `id` (`feed.jsonl#42`); where two
//! files of the run share that stem or name (`a.txt`, `a.md`, `sub/a.txt`), each
//! of them is named by its path as given, without a leading `./`, extension
//! included (`a.txt`, `a.md`, `sub/a.txt`, `sub/feed.jsonl#42`). A JSON line
//! whose `id` an earlier line of its file has is an error naming both lines.

mod decode;
mod entry;
mod html;
mod jsonl;
mod lines;

pub use decode::WINDOWS_1252_NAME;
pub use entry::Entry;
pub use lines::Lines;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{BufRead, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A single file larger than this is refused as "too large" (JSON lines files are
/// read line by line, so this bounds each of their lines instead).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Metadata given explicitly by the input (front matter, JSON fields, HTML
/// `<meta>` tags). These win over anything guessed from the text.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub url: Option<String>,
    pub outlet: Option<String>,
    #[serde(default, deserialize_with = "date_as_string")]
    pub published: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
}

/// One article, as read from its input.
#[derive(Debug, Clone)]
pub struct Document {
    /// Stable id, unique in the run: the file stem, or `file.jsonl#id` (see the module doc).
    pub id: String,
    /// The path as given on the command line (joined with the walked name).
    pub path: String,
    /// The article text that the extractors read (front matter removed).
    pub text: String,
    pub front: FrontMatter,
    /// The encoding the text was decoded from when it was not UTF-8
    /// (`"UTF-16LE"`, `"UTF-16BE"` or [`WINDOWS_1252_NAME`]).
    pub encoding: Option<&'static str>,
    /// Where each line of `text` starts.
    lines: Lines,
    /// Every [`CHAR_MARK_STEP`] bytes or so: a byte offset in `text` and the
    /// characters before it, so a column on a very long line costs no more than
    /// counting one step's characters (a 64 MiB line with a finding every few
    /// words would otherwise take hours). Counted when a column is first asked
    /// for: loading and copy detection read texts and ask for none.
    char_marks: std::sync::OnceLock<Vec<(usize, usize)>>,
}

/// An input that could not become a document, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: String,
    pub error: String,
}

/// Everything read from the inputs of one run.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Entry>,
    pub errors: Vec<LoadError>,
    /// Hidden files and folders found while walking a folder, not read.
    pub hidden: Vec<String>,
}

impl Document {
    pub fn new(id: String, path: String, text: String, front: FrontMatter) -> Self {
        Self::with_first_line(id, path, text, front, 1)
    }

    fn with_first_line(
        id: String,
        path: String,
        mut text: String,
        front: FrontMatter,
        first_line: usize,
    ) -> Self {
        decode::normalize_line_ends(&mut text);
        let lines = Lines::new(&text, first_line);
        Document {
            id,
            path,
            text,
            front,
            encoding: None,
            lines,
            char_marks: std::sync::OnceLock::new(),
        }
    }

    /// The 1-based file line and 1-based character column of a byte offset in
    /// `text`. An offset inside a character counts as that character (a copied
    /// passage can end inside one); an offset past the end, as the end.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let index = self.lines.index(offset);
        let start = self
            .lines
            .range(index, self.text.len())
            .map_or(0, |r| r.start);
        let column = self.chars_before(offset) - self.chars_before(start) + 1;
        (index + self.lines.first(), column)
    }

    /// The number of characters in `text` before a byte offset (rounded down
    /// to a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let marks = self.char_marks.get_or_init(|| char_marks(&self.text));
        let mark = marks.partition_point(|&(byte, _)| byte <= offset) - 1;
        let (byte, chars) = marks[mark];
        chars + self.text[byte..offset].chars().count()
    }

    /// The text of a file line (as returned by [`Document::line_col`]), without its end.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(index) = line.checked_sub(self.lines.first()) else {
            return "";
        };
        let Some(range) = self.lines.range(index, self.text.len()) else {
            return "";
        };
        self.text[range].trim_end_matches(['\n', '\r'])
    }

    /// Where the lines of `text` start, to find a byte offset's file line.
    pub fn lines(&self) -> &Lines {
        &self.lines
    }

    /// Each line of `text` as a byte range, without its line end.
    pub fn line_spans(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        (0..self.lines.count()).map(|i| {
            let range = self.lines.range(i, self.text.len()).expect("a line index");
            let line = &self.text[range.clone()];
            range.start..range.start + line.trim_end_matches(['\n', '\r']).len()
        })
    }
}

/// Text from an input, fit to show to a person: each control character other
/// than a line feed or a tab, and each bidirectional override (which can make a
/// line read differently from its bytes), written as a Rust escape (`\u{1b}`).
/// An article can then neither clear a terminal, retitle its window nor ring its
/// bell, and what it holds stays visible. Every human-facing output uses it;
/// JSON escapes these characters itself.
pub fn visible(text: &str) -> Cow<'_, str> {
    escaped(text, is_invisible)
}

/// [`visible`] for a value shown on one line (an id, a path, an outlet, a table
/// cell): line feeds and tabs are escaped too, so a file named `a\nprov: 0 inputs`
/// cannot forge a line of the output.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c.is_control() || is_invisible(c))
}

fn escaped(text: &str, hidden: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&hidden) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hidden(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// Whether [`visible`] escapes `c`.
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How far apart [`Document`]'s character-count marks are, in bytes.
const CHAR_MARK_STEP: usize = 4096;

fn char_marks(text: &str) -> Vec<(usize, usize)> {
    let mut marks = vec![(0, 0)];
    let (mut byte, mut chars) = (0, 0);
    while byte + CHAR_MARK_STEP < text.len() {
        let mut next = byte + CHAR_MARK_STEP;
        while !text.is_char_boundary(next) {
            next += 1;
        }
        chars += text[byte..next].chars().count();
        marks.push((next, chars));
        byte = next;
    }
    marks
}

impl Corpus {
    fn fail(&mut self, path: impl Into<String>, error: impl Into<String>) {
        self.errors.push(LoadError {
            path: path.into(),
            error: error.into(),
        });
    }
}

/// What a run reads: the paths given (files, folders, `-` for standard input),
/// and the files a walk passes over because the run uses them as configuration
/// (the rules and outlets files), as ruff and cargo-deny pass over theirs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub paths: &'a [PathBuf],
    pub config: &'a [PathBuf],
}

impl<'a> Inputs<'a> {
    /// The paths, with no configuration file to pass over.
    pub fn new(paths: &'a [PathBuf]) -> Self {
        Inputs { paths, config: &[] }
    }
}

/// Read every path (files, folders walked in name order, `-` for stdin).
pub fn load(paths: &[PathBuf]) -> Corpus {
    load_each(Inputs::new(paths), &|_| ()).0
}

/// [`load`] of [`Inputs`], and `each` of every document, in the order of `Corpus::documents`.
///
/// `each` sees a JSON line's document as soon as the line is parsed, on the thread
/// that parsed it, so a per-document stage run this way needs no second reading of
/// the line; it sees the documents of the other inputs, read whole, in parallel once
/// all is loaded.
pub fn load_each<T: Send>(
    inputs: Inputs,
    each: &(dyn Fn(&Document) -> T + Sync),
) -> (Corpus, Vec<T>) {
    let mut plan = Plan::new(inputs.config);
    plan.add_all(inputs.paths);
    let mut loading = Loading::new(each);
    read(&plan.steps, &mut loading);
    loading.corpus.hidden = plan.hidden;
    finish(loading)
}

/// `each` of the documents read whole, which the loading left for last.
fn finish<T: Send>(loading: Loading<T>) -> (Corpus, Vec<T>) {
    let Loading {
        corpus,
        results,
        each,
    } = loading;
    let results = results
        .into_par_iter()
        .zip(&corpus.documents)
        .map(|(result, entry)| match result {
            Some(result) => result,
            None => each(
                &entry
                    .document()
                    .expect("a document read whole keeps its text"),
            ),
        })
        .collect();
    (corpus, results)
}

/// A corpus being read, with `each` of the documents it was already called on
/// (those of JSON lines) and none for the others, in document order.
struct Loading<'a, T> {
    corpus: Corpus,
    results: Vec<Option<T>>,
    each: &'a (dyn Fn(&Document) -> T + Sync),
}

impl<'a, T> Loading<'a, T> {
    fn new(each: &'a (dyn Fn(&Document) -> T + Sync)) -> Self {
        Loading {
            corpus: Corpus::default(),
            results: Vec::new(),
            each,
        }
    }

    fn fail(&mut self, path: impl Into<String>, error: impl Into<String>) {
        self.corpus.fail(path, error);
    }

    /// Add a document read whole, whose text its entry keeps; `each` of it comes later.
    fn add(&mut self, doc: Document) {
        self.add_entry(doc.into(), None);
    }

    /// Add an entry with `each` of its document, if that is already known.
    fn add_entry(&mut self, entry: Entry, result: Option<T>) {
        self.corpus.documents.push(entry);
        self.results.push(result);
    }
}

/// One step of reading the inputs, in the order the paths and walks give them.
enum Step {
    /// Read standard input.
    Stdin,
    /// Read a file (its path as given, joined with the walked name) under an id.
    File { path: PathBuf, id: String },
    /// An input found while walking that cannot be read, and why.
    Fail(String, String),
}

/// The inputs of a run, walked and named before any is read, so that each file is
/// read once and every id is known to be unique before the first document exists.
struct Plan {
    steps: Vec<Step>,
    hidden: Vec<String>,
    /// The files already planned, as canonical paths.
    seen: HashSet<PathBuf>,
    /// The rules and outlets files in use, as canonical paths.
    config: HashSet<PathBuf>,
}

impl Plan {
    fn new(config: &[PathBuf]) -> Self {
        Plan {
            steps: Vec::new(),
            hidden: Vec::new(),
            seen: HashSet::new(),
            config: config.iter().map(|p| canonical(p)).collect(),
        }
    }

    fn add_all(&mut self, paths: &[PathBuf]) {
        for path in paths {
            if path.as_os_str() == "-" {
                self.steps.push(Step::Stdin);
            } else if path.is_dir() {
                self.walk(path);
            } else {
                self.add_file(path);
            }
        }
        self.name_files();
    }

    fn add_file(&mut self, path: &Path) {
        self.add_canonical(path, canonical(path));
    }

    /// Plan a file unless it is planned already (named twice, or named and in a
    /// named folder): the same file read twice would be its own verbatim copy.
    fn add_canonical(&mut self, path: &Path, canonical: PathBuf) {
        if self.seen.insert(canonical) {
            self.steps.push(Step::File {
                path: path.to_path_buf(),
                id: String::new(),
            });
        }
    }

    fn walk(&mut self, root: &Path) {
        let mut walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walker.next() {
            match entry {
                Ok(entry)
                    if entry.depth() > 0
                        && entry.file_name().as_encoded_bytes().starts_with(b".") =>
                {
                    if entry.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                    self.hidden.push(entry.path().display().to_string());
                }
                Ok(entry) if entry.file_type().is_file() => {
                    let canonical = canonical(entry.path());
                    if !self.config.contains(&canonical) && !is_prov_report(entry.path()) {
                        self.add_canonical(entry.path(), canonical);
                    }
                }
                Ok(entry) if entry.file_type().is_dir() => {}
                // A pipe, socket or device in a folder: reading a pipe would wait
                // for a writer forever. Named on the command line, one is read.
                Ok(entry) => self.steps.push(Step::Fail(
                    entry.path().display().to_string(),
                    "not a regular file (a pipe, socket or device), skipped".into(),
                )),
                Err(e) => {
                    let path = e.path().unwrap_or(root).display().to_string();
                    self.steps.push(Step::Fail(path, walk_error(&e)));
                }
            }
        }
    }

    /// Give each file its id: its name ([`file_name`]), or, where files of the run
    /// share a name, the path as given without a leading `./`. The rule looks only
    /// at the set of files, so the ids do not depend on the order of the paths.
    fn name_files(&mut self) {
        let mut count: HashMap<String, usize> = HashMap::new();
        for step in &self.steps {
            if let Step::File { path, .. } = step {
                *count.entry(file_name(path)).or_default() += 1;
            }
        }
        if self.steps.iter().any(|step| matches!(step, Step::Stdin)) {
            *count.entry(STDIN_ID.into()).or_default() += 1;
        }
        for step in &mut self.steps {
            if let Step::File { path, id } = step {
                let name = file_name(path);
                *id = if count[&name] > 1 {
                    let shown = path.display().to_string();
                    shown.strip_prefix("./").unwrap_or(&shown).to_string()
                } else {
                    name
                };
            }
        }
    }
}

/// Read planned steps, in order.
fn read<T: Send>(steps: &[Step], loading: &mut Loading<T>) {
    for step in steps {
        match step {
            Step::Stdin => load_stdin(loading),
            Step::File { path, id } => load_file(path, id, loading),
            Step::Fail(path, error) => loading.fail(path.clone(), error.clone()),
        }
    }
}

/// The id of the article read from standard input.
const STDIN_ID: &str = "stdin";

/// The name a file's ids start from: the stem of a text, Markdown or HTML file,
/// the whole file name of a JSON lines file (its ids are `name#id`).
fn file_name(path: &Path) -> String {
    let name = if is_jsonl(path) {
        path.file_name()
    } else {
        path.file_stem()
    };
    name.map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// A path's canonical form, or the path itself when it has none (it does not exist).
fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A draft and the articles it is read against, with the draft as document 0.
///
/// The draft must be one article. A context path that holds the draft too (the
/// folder it sits in) does not load it a second time: a second copy would be
/// a verbatim repost of the draft. The draft's id is unique among the context's, and
/// a walk of the context passes over its configuration files, as [`load_each`]'s does.
pub fn load_with_draft(draft: &Path, context: Inputs) -> Result<Corpus, LoadError> {
    let mut plan = Plan::new(context.config);
    plan.add_all(std::slice::from_ref(&draft.to_path_buf()));
    let draft_steps = plan.steps.len();
    plan.add_all(context.paths);
    let mut loading = Loading::new(&|_| ());
    read(&plan.steps[..draft_steps], &mut loading);
    if let Some(error) = loading.corpus.errors.pop() {
        return Err(error);
    }
    let count = loading.corpus.documents.len();
    if count != 1 {
        return Err(LoadError {
            path: draft.display().to_string(),
            error: format!("holds {count} articles; an audit reads one"),
        });
    }
    read(&plan.steps[draft_steps..], &mut loading);
    loading.corpus.hidden = plan.hidden;
    Ok(finish(loading).0)
}

/// Standard input: JSON lines when its first line that is not blank is a JSON
/// object (as `cat feed.jsonl | prov score -` gives), else one text article.
fn load_stdin<T: Send>(loading: &mut Loading<T>) {
    let mut stdin = std::io::BufReader::new(std::io::stdin());
    let mut bytes = Vec::new();
    let first = match first_line(&mut stdin, &mut bytes) {
        Ok(first) => first,
        Err(e) => return loading.fail("-", format!("cannot read standard input: {e}")),
    };
    if is_json_object(&bytes[first]) {
        let input = std::io::Cursor::new(bytes).chain(stdin);
        return jsonl::load_stream(input, "-", STDIN_ID, loading);
    }
    let rest = MAX_FILE_BYTES + 1 - bytes.len() as u64;
    if let Err(e) = stdin.take(rest).read_to_end(&mut bytes) {
        return loading.fail("-", format!("cannot read standard input: {e}"));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return loading.fail("-", format!("too large: more than {MAX_FILE_BYTES} bytes"));
    }
    match decode::decode(bytes) {
        Ok(decoded) => add_plain(loading, STDIN_ID, "-", decoded),
        Err(e) => loading.fail("-", e),
    }
}

/// Read lines into `bytes` up to the first that is not blank (or the end, or
/// [`MAX_FILE_BYTES`] in all), and give where that line is in `bytes`.
fn first_line(input: &mut impl BufRead, bytes: &mut Vec<u8>) -> std::io::Result<Range<usize>> {
    loop {
        let from = bytes.len();
        let rest = MAX_FILE_BYTES + 1 - from as u64;
        let read = input.take(rest).read_until(b'\n', bytes)?;
        let line = &bytes[from..];
        if read == 0 || !line.trim_ascii().is_empty() || bytes.len() as u64 > MAX_FILE_BYTES {
            return Ok(from..bytes.len());
        }
    }
}

/// Whether a line (a byte-order mark aside) is one JSON object.
fn is_json_object(line: &[u8]) -> bool {
    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
    serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(line).is_ok()
}

fn walk_error(e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        format!("symlink loop back to {}", ancestor.display())
    } else if let Some(io) = e.io_error() {
        format!("cannot read: {io}")
    } else {
        e.to_string()
    }
}

fn load_file<T: Send>(path: &Path, id: &str, loading: &mut Loading<T>) {
    let shown = path.display().to_string();
    if is_jsonl(path) {
        return jsonl::load(path, &shown, id, loading);
    }
    let decoded = match read_text(path) {
        Ok(decoded) => decoded,
        Err(e) => return loading.fail(shown, e),
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        None | Some("txt" | "text" | "md" | "markdown") => add_plain(loading, id, &shown, decoded),
        Some("html" | "htm") => match html::document(id.into(), shown.clone(), &decoded.text) {
            Ok(mut doc) => {
                doc.encoding = decoded.encoding;
                loading.add(doc)
            }
            Err(e) => loading.fail(shown, e),
        },
        Some(other) => loading.fail(
            shown,
            format!("unsupported file type .{other} (expected .txt, .md, .html or .jsonl)"),
        ),
    }
}

/// The tag in the head of every HTML report prov writes, by which a walk knows one.
pub const REPORT_MARK: &str = r#"<meta name="generator" content="prov">"#;

/// Whether `path` is an HTML report prov wrote: its first kilobyte holds [`REPORT_MARK`].
fn is_prov_report(path: &Path) -> bool {
    let html = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let mut head = Vec::with_capacity(1024);
    html && fs::File::open(path)
        .and_then(|file| file.take(1024).read_to_end(&mut head))
        .is_ok()
        && head
            .windows(REPORT_MARK.len())
            .any(|window| window == REPORT_MARK.as_bytes())
}

/// Read a whole file as text, refusing what is too large, binary or not text.
fn read_text(path: &Path) -> Result<decode::Decoded, String> {
    let size = fs::metadata(path)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "too large: {size} bytes (the limit is {MAX_FILE_BYTES})"
        ));
    }
    // The file may grow between the two calls: read no more than the limit allows.
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("too large: more than {MAX_FILE_BYTES} bytes"));
    }
    decode::decode(bytes)
}

/// Add a text or Markdown document, splitting off `+++` TOML front matter.
fn add_plain<T>(loading: &mut Loading<T>, id: &str, path: &str, decoded: decode::Decoded) {
    let decode::Decoded { text, encoding } = decoded;
    if text.trim().is_empty() {
        return loading.fail(path, "empty file");
    }
    match split_front_matter(&text) {
        Ok(None) => {
            let mut doc = Document::new(id.into(), path.into(), text, FrontMatter::default());
            doc.encoding = encoding;
            loading.add(doc);
        }
        Ok(Some((front, body_start, first_line))) => {
            let body = text[body_start..].to_string();
            if body.trim().is_empty() {
                return loading.fail(path, "no text after the front matter");
            }
            let mut doc =
                Document::with_first_line(id.into(), path.into(), body, front, first_line);
            doc.encoding = encoding;
            loading.add(doc);
        }
        Err(e) => loading.fail(path, e),
    }
}

/// Front matter, the byte offset where the body starts and the body's first line.
fn split_front_matter(text: &str) -> Result<Option<(FrontMatter, usize, usize)>, String> {
    let Some(rest) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        return Ok(None);
    };
    let opener = text.len() - rest.len();
    let close = rest
        .match_indices("+++")
        .find(|&(i, _)| i == 0 || rest.as_bytes()[i - 1] == b'\n')
        .map(|(i, _)| i)
        .ok_or("front matter opened with +++ on line 1 is never closed")?;
    let toml_text = &rest[..close];
    let mut front: FrontMatter = toml::from_str(toml_text).map_err(|e| {
        let line = e
            .span()
            .map_or(2, |span| 2 + toml_text[..span.start].matches('\n').count());
        format!("front matter, line {line}: {}", e.message().trim_end())
    })?;
    if let Some(value) = front.published.take() {
        front.published = given_date(&value).map_err(|e| {
            let line = toml_text
                .lines()
                .position(|l| l.trim_start().starts_with("published"))
                .map_or(2, |index| 2 + index);
            format!("front matter, line {line}: {e}")
        })?;
    }
    let after_close = opener + close + 3;
    let body_start = text[after_close..]
        .find('\n')
        .map_or(text.len(), |i| after_close + i + 1);
    let first_line = text[..body_start].matches('\n').count() + 1;
    Ok(Some((front, body_start, first_line)))
}

/// A publication date given by the input as text (front matter, JSON): kept when
/// ISO 8601 (`2023-05-10`, with or without a time, as extraction reads it), written
/// as ISO when in a common written form (`May 10, 2023`, `10 May 2023`, RFC 2822),
/// none when blank; otherwise an error naming the value, so that a date given
/// but unreadable (`2023-02-30`) is never dropped silently.
pub(crate) fn given_date(value: &str) -> Result<Option<String>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let iso = value.get(..10).filter(|head| {
        let bytes = head.as_bytes();
        bytes[4] == b'-' && bytes[7] == b'-'
    });
    let date = match iso {
        Some(head) => NaiveDate::parse_from_str(head, "%Y-%m-%d")
            .ok()
            .map(|_| value.to_string()),
        None => written_date(value).map(|date| date.to_string()),
    };
    date.map(Some)
        .ok_or_else(|| format!("`published` is not a date: {value:?}"))
}

/// Before this year, a date given as seconds since the epoch is a scraper's
/// placeholder for "unknown" (PolitiFact's `-62106825600`, in the year 1), not a
/// date; so is 0 (1970-01-01): both are read as no date, as `null` is.
const FIRST_EPOCH_YEAR: i32 = 1900;

/// From here on, an epoch number is milliseconds (JavaScript's `Date.now()`, as many
/// scrapers write it): as seconds it would be past the year 5000.
const MILLISECONDS_FROM: f64 = 1e11;

/// A publication date given as seconds (or milliseconds) since the epoch, in ISO
/// form; none for a placeholder ([`FIRST_EPOCH_YEAR`]); an error out of range.
pub(crate) fn epoch_date(t: f64) -> Result<Option<String>, String> {
    let seconds = if t.abs() >= MILLISECONDS_FROM {
        t / 1000.0
    } else {
        t
    };
    let date = chrono::DateTime::from_timestamp(seconds as i64, 0)
        .ok_or_else(|| format!("`published` is not a date: {t}"))?
        .date_naive();
    Ok((t != 0.0 && date.year() >= FIRST_EPOCH_YEAR).then(|| date.to_string()))
}

/// A date in one of the common written forms, or the first full date in `value`
/// as extraction reads one in text (`May 10, 2023 8:00 AM`, `Tuesday, 10 May 2023`).
fn written_date(value: &str) -> Option<NaiveDate> {
    ["%B %d, %Y", "%B %d %Y", "%d %B %Y", "%Y/%m/%d", "%Y%m%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(value, format).ok())
        .or_else(|| {
            chrono::DateTime::parse_from_rfc2822(value)
                .ok()
                .map(|d| d.date_naive())
        })
        .or_else(|| crate::extract::first_full_date(value))
}

fn date_as_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum DateValue {
        Text(String),
        Date(toml::value::Datetime),
        Epoch(f64),
    }
    Ok(match Option::<DateValue>::deserialize(d)? {
        None => None,
        Some(DateValue::Text(s)) => Some(s),
        Some(DateValue::Date(d)) => Some(d.to_string()),
        Some(DateValue::Epoch(t)) => epoch_date(t).map_err(serde::de::Error::custom)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_overrides_are_shown_as_escapes() {
        assert_eq!(
            visible("a\u{1b}[2J\u{1b}]0;pwned\u{7}\r\u{9b}\u{202e}b\n\tc"),
            "a\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{d}\\u{9b}\\u{202e}b\n\tc"
        );
        assert!(matches!(visible("plain “text”\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_col_counts_characters_from_one() {
        let doc = Document::new(
            "a".into(),
            "a".into(),
            "ab\n“cd” e\n".into(),
            FrontMatter::default(),
        );
        assert_eq!(doc.line_col(0), (1, 1));
        assert_eq!(doc.line_col(3), (2, 1));
        assert_eq!(doc.line_col(3 + "“cd” ".len()), (2, 6));
        assert_eq!(doc.line_text(2), "“cd” e");
    }

    #[test]
    fn columns_on_a_long_line_count_characters_across_marks() {
        let text = "é".repeat(10_000) + "x\n" + &"ab".repeat(5_000);
        let doc = Document::new("a".into(), "a".into(), text.clone(), FrontMatter::default());
        assert_eq!(doc.line_col(text.find('x').unwrap()), (1, 10_001));
        assert_eq!(doc.line_col(text.len()), (2, 10_001));
        // Inside a character: the column of that character.
        assert_eq!(doc.line_col(9_001), (1, 4_501));
    }

    #[test]
    fn front_matter_wins_and_lines_stay_file_lines() {
        let text = "+++\noutlet = \"CNN\"\npublished = 2023-05-10\n+++\nTitle\nBody\n";
        let mut loading = Loading::new(&|_| ());
        add_plain(&mut loading, "x", "x.md", plain(text));
        let doc = loading.corpus.documents[0].document().unwrap();
        assert_eq!(doc.front.outlet.as_deref(), Some("CNN"));
        assert_eq!(doc.front.published.as_deref(), Some("2023-05-10"));
        assert_eq!(doc.text, "Title\nBody\n");
        assert_eq!(doc.line_col(doc.text.find("Body").unwrap()), (6, 1));
    }

    #[test]
    fn each_document_gets_its_own_result_in_document_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Plain text.").unwrap();
        let lines =
            "{\"id\": 1, \"text\": \"One.\"}\nnot json\n{\"id\": 3, \"text\": \"Three.\"}\n";
        std::fs::write(dir.path().join("b.jsonl"), lines).unwrap();
        std::fs::write(dir.path().join("c.md"), "+++\ntitle = 'C'\n+++\nMarkdown.").unwrap();
        let (corpus, texts) = load_each(Inputs::new(&[dir.path().to_path_buf()]), &|doc| {
            doc.text.clone()
        });
        let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a", "b.jsonl#1", "b.jsonl#3", "c"]);
        assert_eq!(texts, ["Plain text.", "One.", "Three.", "Markdown."]);
        assert_eq!(corpus.errors.len(), 1);
        assert!(corpus.errors[0].path.ends_with("b.jsonl:2"));
    }

    #[test]
    fn bad_front_matter_names_its_line() {
        let mut loading = Loading::new(&|_| ());
        add_plain(
            &mut loading,
            "x",
            "x.md",
            plain("+++\nurl = 'a'\nwho = 3\n+++\nBody"),
        );
        let errors = &loading.corpus.errors;
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .error
                .starts_with("front matter, line 3: unknown field `who`"),
            "{errors:?}"
        );
    }

    /// Regression: `2023-02-30` became no date, and the article just got `missing-date`.
    #[test]
    fn a_given_date_that_is_not_one_is_an_error_naming_its_line() {
        let mut loading = Loading::new(&|_| ());
        let text = "+++\ntitle = 'T'\npublished = \"2023-02-30\"\n+++\nBody";
        add_plain(&mut loading, "x", "x.md", plain(text));
        let written = "+++\npublished = \"May 10, 2023\"\n+++\nBody";
        add_plain(&mut loading, "y", "y.md", plain(written));
        let errors = &loading.corpus.errors;
        assert_eq!(
            (errors[0].path.as_str(), errors[0].error.as_str()),
            (
                "x.md",
                "front matter, line 3: `published` is not a date: \"2023-02-30\""
            )
        );
        let doc = loading.corpus.documents[0].document().unwrap();
        assert_eq!(doc.front.published.as_deref(), Some("2023-05-10"));
    }

    /// Regression: a number was "data did not match any variant of untagged enum
    /// DateValue"; it is an epoch, as in JSON lines.
    #[test]
    fn a_front_matter_date_may_be_an_epoch() {
        let mut loading = Loading::new(&|_| ());
        for (id, epoch) in [("a", "1683676800"), ("b", "0")] {
            let text = format!("+++\npublished = {epoch}\n+++\nBody");
            add_plain(&mut loading, id, &format!("{id}.md"), plain(&text));
        }
        let published: Vec<_> = loading
            .corpus
            .documents
            .iter()
            .map(|e| e.document().unwrap().front.published.clone())
            .collect();
        assert_eq!(published, [Some("2023-05-10".to_string()), None]);
    }

    #[test]
    fn given_dates_in_iso_and_written_forms_are_read() {
        for (given, read) in [
            ("2023-05-10", Some("2023-05-10")),
            (
                "2023-05-10T23:30:00-05:00",
                Some("2023-05-10T23:30:00-05:00"),
            ),
            ("10 May 2023", Some("2023-05-10")),
            ("Sep 3, 2023", Some("2023-09-03")),
            ("Wed, 10 May 2023 08:00:00 +0000", Some("2023-05-10")),
            ("May 10, 2023 8:00 AM", Some("2023-05-10")),
            ("20230510", Some("2023-05-10")),
            ("  ", None),
        ] {
            assert_eq!(given_date(given).unwrap().as_deref(), read, "{given}");
        }
        assert!(given_date("next Tuesday").is_err());
    }

    fn plain(text: &str) -> decode::Decoded {
        decode::Decoded {
            text: text.into(),
            encoding: None,
        }
    }

    #[test]
    fn lone_carriage_returns_are_line_ends_and_spans_keep_their_bytes() {
        let doc = Document::new(
            "a".into(),
            "a".into(),
            "one\rtwo\r\nthree".into(),
            FrontMatter::default(),
        );
        assert_eq!(doc.text.len(), "one\rtwo\r\nthree".len());
        assert_eq!(doc.line_text(2), "two");
        assert_eq!(doc.line_col(doc.text.find("three").unwrap()), (3, 1));
    }
}
