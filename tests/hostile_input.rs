//! Hostile and broken input, one case each: every file ends as a scored
//! article or as one error entry with a clear reason, and the totals add up.

mod common;

use common::{article, ids, root, score_json, stderr};
use serde_json::Value;
use std::fs;
use std::path::Path;

const SEED: &str = "004_1aeeccb6f13d94ad";

fn seed_text() -> String {
    fs::read_to_string(root().join(format!("seeds/{SEED}.txt"))).unwrap()
}

/// `prov score --format json` on one folder, checked for accounting.
fn score_dir(dir: &Path) -> Value {
    let (json, output) = score_json(dir, &["."]);
    let totals = &json["totals"];
    let n = |v: &Value| v.as_u64().unwrap();
    assert_eq!(
        n(&totals["scored"]),
        json["articles"].as_array().unwrap().len() as u64
    );
    assert_eq!(
        n(&totals["errors"]),
        json["errors"].as_array().unwrap().len() as u64
    );
    assert_eq!(
        n(&totals["inputs"]),
        n(&totals["scored"]) + n(&totals["errors"]) + n(&totals["hidden"])
    );
    let (scored, errors, hidden) = (
        n(&totals["scored"]),
        n(&totals["errors"]),
        n(&totals["hidden"]),
    );
    let why = if hidden == 0 {
        String::new()
    } else {
        format!(" ({errors} with errors, {hidden} hidden)")
    };
    let inputs = n(&totals["inputs"]);
    let inputs = format!("{inputs} input{}", if inputs == 1 { "" } else { "s" });
    let last = format!(
        "prov: {inputs}: {scored} scored, {} skipped{why}\n",
        errors + hidden
    );
    assert!(stderr(&output).ends_with(&last), "{}", stderr(&output));
    json
}

/// The only error of a run on a folder holding just `name` with `bytes`.
fn only_error(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let json = score_dir(dir.path());
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{json}");
    assert_eq!(json["totals"]["scored"], 0);
    errors[0]["error"].as_str().unwrap().to_string()
}

/// Score and findings of the only article of a run on `name` with `bytes`.
fn only_article(name: &str, bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let json = score_dir(dir.path());
    assert_eq!(json["errors"], serde_json::json!([]), "{json}");
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1);
    articles[0].clone()
}

fn verdict(a: &Value) -> (Value, Value, Value) {
    let lines = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|f| (f["rule"].clone(), f["line"].clone(), f["column"].clone()))
            .collect::<Vec<_>>()
    };
    (
        a["score"].clone(),
        serde_json::to_value(lines(&a["findings"])).unwrap(),
        a["citations"].clone(),
    )
}

#[test]
fn a_png_is_binary() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    assert_eq!(
        only_error("logo.png.txt", png),
        "binary file (contains NUL bytes), skipped"
    );
}

#[test]
fn a_gzip_is_binary_even_without_nul_bytes() {
    let gz = b"\x1f\x8b\x08\x08\xa1\xb2\xc3\xd4\x02\x03story.txt\x00\xf3\x48\xcd";
    assert_eq!(
        only_error("story.txt", gz),
        "binary file (contains NUL bytes), skipped"
    );
    let no_nul = b"\x1f\x8b\x08\x08\xa1\xb2\xc3\xd4\x02\x03story";
    assert_eq!(
        only_error("story.txt", no_nul),
        "binary file (control byte 0x1f at offset 0), skipped"
    );
}

#[test]
fn latin1_text_is_decoded_as_windows_1252_and_says_so() {
    let a = only_article(
        "latin1.txt",
        b"Caf\xe9 au lait, said the minister. \x93We will open an office,\x94 Kishida told Kyodo.\n",
    );
    assert_eq!(a["encoding"], "windows-1252");
    let finding = a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "transcoded-input")
        .expect("a transcoded-input finding");
    assert_eq!(
        finding["message"],
        "decoded as Windows-1252; check the characters"
    );
    assert_eq!(finding["weight"], 0.0);
}

#[test]
fn bytes_in_no_known_encoding_are_refused() {
    // KOI8-R Russian: mostly high bytes, so not taken for Windows-1252.
    assert_eq!(
        only_error("ru.txt", b"\xf0\xd2\xc9\xd7\xc5\xd4 \xcd\xc9\xd2"),
        "not valid UTF-8 (invalid byte at offset 0) and not plain Windows-1252 text"
    );
}

#[test]
fn utf16_with_a_bom_scores_like_utf8() {
    let text = seed_text();
    let alone = only_article(&format!("{SEED}.txt"), text.as_bytes());
    for (bom, le) in [(&b"\xff\xfe"[..], true), (&b"\xfe\xff"[..], false)] {
        let mut bytes = bom.to_vec();
        for unit in text.encode_utf16() {
            bytes.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        let a = only_article(&format!("{SEED}.txt"), &bytes);
        assert_eq!(a["encoding"], if le { "UTF-16LE" } else { "UTF-16BE" });
        assert_eq!(verdict(&a), verdict(&alone));
    }
}

#[test]
fn a_200_mb_file_is_too_large() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse file: 200 MB long, no disk space, no time to write.
    let file = fs::File::create(dir.path().join("huge.txt")).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let json = score_dir(dir.path());
    assert_eq!(
        json["errors"][0]["error"],
        "too large: 209715200 bytes (the limit is 67108864)"
    );
}

#[test]
fn a_one_megabyte_line_is_read() {
    let sentence = "Kyodo news agency said NATO plans an office in Tokyo. ";
    let line = sentence.repeat(1024 * 1024 / sentence.len() + 1);
    let a = only_article("long.txt", line.as_bytes());
    assert!(
        a["citations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["source"] == "Kyodo News")
    );
    let dir = tempfile::tempdir().unwrap();
    let record = serde_json::json!({"id": "long", "text": line}).to_string();
    fs::write(dir.path().join("feed.jsonl"), record + "\n").unwrap();
    let json = score_dir(dir.path());
    assert_eq!(json["articles"][0]["id"], "feed.jsonl#long");
}

/// A long sentence with no punctuation: each citation's date was looked for to the
/// end of its clause, the rest of the text, so 40,000 citations took a minute.
#[test]
fn a_long_sentence_of_citations_is_read_in_one_pass() {
    let line = "according to Reuters ".repeat(20_000);
    let a = only_article("long.txt", line.as_bytes());
    let citations = a["citations"].as_array().unwrap();
    assert_eq!(citations.len(), 20_000);
    assert!(citations.iter().all(|c| c["source"] == "Reuters"));
}

/// Text with no white space: each cue word (a quote mark, "person") walked back to
/// the start of the text for the words before it, so a page of quote marks took
/// 42 s.
#[test]
fn cue_words_in_a_text_without_spaces_are_read_in_one_pass() {
    let text = "\"".repeat(100_000) + &"a-person-".repeat(20_000);
    let a = only_article("marks.txt", text.as_bytes());
    assert_eq!(a["citations"], serde_json::json!([]));
}

#[test]
fn crlf_and_bare_cr_line_ends_score_like_lf() {
    let text = seed_text();
    let lf = only_article("a.txt", text.as_bytes());
    let crlf = only_article("a.txt", text.replace('\n', "\r\n").as_bytes());
    let cr = only_article("a.txt", text.replace('\n', "\r").as_bytes());
    assert_eq!(verdict(&crlf), verdict(&lf));
    assert_eq!(verdict(&cr), verdict(&lf));
    assert!(
        lf["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["line"].as_u64() > Some(1))
    );
}

#[test]
fn empty_and_whitespace_only_files_are_empty() {
    assert_eq!(only_error("empty.txt", b""), "empty file");
    assert_eq!(only_error("blank.md", b" \r\n\t\n\r  "), "empty file");
    assert_eq!(only_error("bom.txt", b"\xef\xbb\xbf  \n"), "empty file");
    assert_eq!(only_error("empty.jsonl", b""), "empty file (no JSON lines)");
    assert_eq!(
        only_error("blank.jsonl", b"\n \n"),
        "empty file (no JSON lines)"
    );
    assert_eq!(
        only_error("empty.html", b"<html><body> </body></html>"),
        "HTML page has no text"
    );
}

#[test]
fn html_scripts_and_styles_are_not_text() {
    let html = br#"<html><head><style>p { content: "told CNN" }</style>
        <script>var cue = "a NATO spokesman told CNN";</script></head>
        <body><p>Kyodo news agency said the office opens in 2024.</p>
        <script>document.write("Reuters reported")</script></body></html>"#;
    let a = only_article("page.html", html);
    let sources: Vec<&str> = a["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["Kyodo News"]);
}

#[test]
fn a_bad_json_line_in_the_middle_costs_only_that_line() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "text": "Kyodo news agency said the office opens in 2024."}"#,
        r#"{"id": "b", "text": "unterminated"#,
        "\u{1}\u{2}not json at all",
        r#"{"id": "c", "text": "NATO spokesman told CNN the office is planned."}"#,
    ];
    fs::write(dir.path().join("feed.jsonl"), lines.join("\r\n")).unwrap();
    let json = score_dir(dir.path());
    let mut ids = ids(&json);
    ids.sort();
    assert_eq!(ids, ["feed.jsonl#a", "feed.jsonl#c"]);
    let paths: Vec<&str> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["./feed.jsonl:2", "./feed.jsonl:3"]);
}

#[test]
fn bare_cr_separates_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"id\": \"a\", \"text\": \"One.\"}\r{\"id\": \"b\", \"text\": \"Two.\"}\r";
    fs::write(dir.path().join("feed.jsonl"), text).unwrap();
    let json = score_dir(dir.path());
    assert_eq!(json["totals"]["scored"], 2, "{json}");
}

#[test]
fn two_hundred_nested_folders_are_walked() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_path_buf();
    for _ in 0..200 {
        deep.push("d");
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join(format!("{SEED}.txt")), seed_text()).unwrap();
    let json = score_dir(dir.path());
    assert_eq!(json["articles"][0]["id"], SEED);
    assert_eq!(
        json["articles"][0]["path"]
            .as_str()
            .unwrap()
            .matches("/d")
            .count(),
        200
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join(format!("{SEED}.txt")), seed_text()).unwrap();
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    std::os::unix::fs::symlink("self.txt", dir.path().join("self.txt")).unwrap();
    let json = score_dir(dir.path());
    assert_eq!(json["totals"]["scored"], 1);
    let errors: Vec<(&str, &str)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["error"].as_str().unwrap()))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, "./self.txt");
    assert!(errors[0].1.starts_with("cannot read: "), "{errors:?}");
    assert_eq!(errors[1], ("./sub/up", "symlink loop back to ."));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    fs::write(&path, seed_text()).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let json = score_dir(dir.path());
    // Root reads any file whatever its mode (CI runs tests as root): then the
    // file is scored, and only the accounting is checked.
    if fs::read(&path).is_ok() {
        assert_eq!(json["totals"]["scored"], 1);
    } else {
        assert_eq!(
            json["errors"][0]["error"],
            "cannot read: Permission denied (os error 13)"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_name_that_is_not_utf8_is_read_with_a_lossy_name() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(dir.path().join(name), seed_text()).unwrap();
    fs::write(
        dir.path().join(std::ffi::OsStr::from_bytes(b"bad\xff.csv")),
        "a",
    )
    .unwrap();
    let json = score_dir(dir.path());
    let a = article(&json, "caf\u{fffd}");
    assert_eq!(a["path"], "./caf\u{fffd}.txt");
    assert_eq!(json["errors"][0]["path"], "./bad\u{fffd}.csv");
}

#[cfg(unix)]
#[test]
fn a_pipe_in_a_folder_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.txt"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: nothing to test
    }
    let json = score_dir(dir.path());
    assert_eq!(
        json["errors"][0]["error"],
        "not a regular file (a pipe, socket or device), skipped"
    );
    assert_eq!(json["totals"]["inputs"], 1);
}

/// A JSON lines file given by name as a pipe cannot be read twice: it keeps its
/// texts, and scores as the same lines in a regular file do.
#[cfg(unix)]
#[test]
fn a_json_lines_pipe_given_by_name_scores_like_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "text": "Kyodo news agency said the office opens in 2024."}"#,
        r#"{"id": "b", "text": "A NATO spokesman told CNN the office is planned."}"#,
    ]
    .join("\n");
    fs::write(dir.path().join("feed.jsonl"), &lines).unwrap();
    let pipe = dir.path().join("pipe.jsonl");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: nothing to test
    }
    // A writer that finishes before prov opens the pipe a second time, as a
    // short `cat` does: prov must not open it again and wait for another.
    let mut writer = std::process::Command::new("sh")
        .args(["-c", "cat feed.jsonl > pipe.jsonl"])
        .current_dir(dir.path())
        .spawn()
        .unwrap();
    let (piped, _) = score_json(dir.path(), &["pipe.jsonl"]);
    let _ = writer.kill(); // if prov never opened the pipe, the writer still waits
    writer.wait().unwrap();
    let (file, _) = score_json(dir.path(), &["feed.jsonl"]);
    let strip = |json: &Value| {
        let mut articles = json["articles"].clone();
        for a in articles.as_array_mut().unwrap() {
            a.as_object_mut()
                .unwrap()
                .retain(|k, _| k != "id" && k != "path");
        }
        articles
    };
    assert_eq!(piped["totals"]["scored"], 2);
    assert_eq!(strip(&piped), strip(&file));
    assert_eq!(piped["articles"][0]["citations"][0]["column"], 1);
}

#[test]
fn hidden_entries_are_listed_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join(".git")).unwrap();
    fs::write(d.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::write(d.join(".notes.txt"), seed_text()).unwrap();
    fs::write(d.join(format!("{SEED}.txt")), seed_text()).unwrap();
    let json = score_dir(d);
    assert_eq!(
        json["hidden"],
        serde_json::json!(["./.git", "./.notes.txt"])
    );
    assert_eq!(json["totals"]["inputs"], 3);
    // Named on the command line, a hidden file is read.
    let (named, _) = score_json(d, &[".notes.txt"]);
    assert_eq!(named["totals"]["scored"], 1);
}

/// Regression: escape codes in an article's text and outlet reached the terminal
/// raw through the table, Markdown and the graph's DOT.
#[test]
fn terminal_escape_codes_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let line = r#"{"id":"e","text":"The plan \u001b[2J\u001b]0;pwned\u0007 advanced, according to officials familiar with the matter.","outlet":"Evil\u001b[31mRed"}"#;
    fs::write(dir.path().join("esc.jsonl"), format!("{line}\n")).unwrap();
    let outputs = [
        ["score", "--format", "table"],
        ["score", "--format", "markdown"],
        ["score", "--format", "csv"],
        ["graph", "--format", "dot"],
        ["graph", "--format", "mermaid"],
    ];
    for args in outputs {
        let output = common::prov_in(dir.path(), &[args[0], args[1], args[2], "esc.jsonl"]);
        let out = common::stdout(&output);
        assert!(
            !out.contains(['\u{1b}', '\u{7}']),
            "{args:?} printed a control character:\n{out}"
        );
        assert!(out.contains(r"u{1b}[31mRed"), "{args:?}:\n{out}");
    }
}

/// A file named `a\nprov: 0 inputs.txt` printed a forged line in the table and in
/// the notes on stderr: a value shown on one line escapes its line feeds too.
#[cfg(unix)]
#[test]
fn a_file_name_cannot_forge_a_line_of_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let name = "evil\nprov: 0 inputs.txt";
    fs::write(
        dir.path().join(name),
        "CNN reported that the office opens.\n",
    )
    .unwrap();
    fs::write(dir.path().join("binary\nprov: forged.txt"), b"\0\0").unwrap();
    for format in ["table", "markdown"] {
        let output = common::prov_in(dir.path(), &["score", "--format", format]);
        let (out, err) = (common::stdout(&output), stderr(&output));
        assert!(out.contains(r"evil\u{a}prov: 0 inputs"), "{format}:\n{out}");
        let forged = |text: &str| {
            text.lines()
                .any(|l| l.starts_with("prov: 0 inputs") || l.starts_with("prov: forged"))
        };
        assert!(!forged(&out) && !forged(&err), "{format}:\n{out}\n{err}");
    }
}

/// `prov score -` with `input` on standard input, as JSON.
fn score_stdin(input: &str) -> (Value, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_prov"))
        .args(["score", "--format", "json", "-"])
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        stderr(&output),
    )
}

/// Regression: `cat feed.jsonl | prov score -` was one text article of JSON.
#[test]
fn json_lines_on_standard_input_are_articles_and_text_is_one() {
    let lines = "\n{\"id\": \"one\", \"text\": \"Kyodo news agency said the office opens.\"}\n[1]\n{\"id\": \"two\", \"text\": \"Reuters reported it.\"}\n";
    let (json, err) = score_stdin(lines);
    let ids = ids(&json);
    assert_eq!(ids, ["stdin#one", "stdin#two"], "{err}");
    assert_eq!(article(&json, "stdin#two")["path"], "-:4");
    assert_eq!(json["errors"][0]["path"], "-:3");
    let (json, _) = score_stdin(&seed_text());
    assert_eq!(json["articles"][0]["id"], "stdin");
    assert_eq!(json["articles"][0]["path"], "-");
}
