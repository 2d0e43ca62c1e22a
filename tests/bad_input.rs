//! Bad input never stops a run and is never lost: each input ends as a scored
//! article or as an error entry with its path and reason.

mod common;

use common::{ids, prov_in, root, score_json, stderr, stdout};
use std::fs;

const SEED: &str = "004_1aeeccb6f13d94ad";

/// A folder with one seed and one of each kind of bad input.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(
        root().join(format!("seeds/{SEED}.txt")),
        d.join(format!("{SEED}.txt")),
    )
    .unwrap();
    fs::write(d.join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(d.join("latin1.txt"), b"Caf\xe9 au lait, said the minister.").unwrap();
    fs::write(d.join("empty.txt"), b"").unwrap();
    fs::write(d.join("blank.md"), b"  \n\t\n").unwrap();
    let jsonl = "{\"id\": \"good\", \"text\": \"Kyodo news agency said the office opens in 2024.\"}\n{\"id\": \"bad\", \"text\": \n{\"id\": \"empty\", \"text\": \"\"}\n";
    fs::write(d.join("feed.jsonl"), jsonl).unwrap();
    fs::write(d.join("notes.csv"), "a,b\n1,2\n").unwrap();
    fs::write(d.join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();
    dir
}

#[test]
fn every_input_is_a_result_or_an_error() {
    let dir = mixed_folder();
    let (json, output) = score_json(dir.path(), &["."]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "input errors exit 2 after the full report"
    );
    let ids = ids(&json);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["004_1aeeccb6f13d94ad", "feed.jsonl#good", "latin1"]
    );
    let latin1 = common::article(&json, "latin1");
    assert!(
        latin1["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "transcoded-input"
                && f["message"] == "decoded as Windows-1252; check the characters"),
        "{latin1}"
    );
    assert_eq!(latin1["encoding"], "windows-1252");
    assert_eq!(json["hidden"], serde_json::json!(["./.DS_Store"]));
    let errors: Vec<(String, String)> = json["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    insta::assert_debug_snapshot!(errors);
    assert_eq!(
        json["totals"],
        serde_json::json!({"inputs": 10, "scored": 3, "errors": 6, "hidden": 1})
    );
    let err = stderr(&output);
    assert!(
        err.contains("prov: skipped ./logo.png: binary file (contains NUL bytes), skipped\n"),
        "{err}"
    );
    assert!(
        err.contains("prov: skipped ./.DS_Store: hidden (name starts with a dot; give it by name to read it)\n"),
        "{err}"
    );
    assert!(
        err.ends_with("prov: 10 inputs: 3 scored, 7 skipped (6 with errors, 1 hidden)\n"),
        "{err}"
    );
}

#[test]
fn a_good_article_scores_the_same_beside_bad_input() {
    let dir = mixed_folder();
    let (mixed, _) = score_json(dir.path(), &["."]);
    let (alone, _) = score_json(dir.path(), &[&format!("{SEED}.txt")]);
    let pick = |json: &serde_json::Value| {
        let a = common::article(json, SEED).clone();
        (
            a["score"].clone(),
            a["findings"].clone(),
            a["citations"].clone(),
        )
    };
    assert_eq!(pick(&mixed), pick(&alone));
}

#[test]
fn a_missing_path_is_an_error_not_a_crash() {
    let output = prov_in(&root(), &["score", "no/such/file.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .starts_with("prov: skipped no/such/file.txt: cannot read: No such file or directory"),
        "{}",
        stderr(&output)
    );
}

/// Regression: a seed named beside its folder was read twice, under one id, and
/// each copy was found to be a verbatim copy of the other.
#[test]
fn a_file_named_twice_is_read_once() {
    let (json, output) = score_json(
        &root(),
        &["seeds", "seeds/000_30fde9fe001ed933.txt", "./seeds"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut ids = ids(&json);
    ids.sort();
    assert_eq!(
        ids,
        [
            "000_30fde9fe001ed933",
            "001_e7a9e3d448b427a1",
            "002_f40a1664c5cdecd9",
            "003_fa223e60b4ee97ca",
            "004_1aeeccb6f13d94ad"
        ]
    );
    let ava = common::article(&json, "000_30fde9fe001ed933");
    assert!(
        ava["copies"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["of"] != "000_30fde9fe001ed933"),
        "{ava}"
    );
}

/// Regression: `a.txt`, `a.md` and `sub/a.txt` were all `a`, one graph node
/// written three times with a loop to itself.
#[test]
fn files_sharing_a_stem_are_named_by_their_paths_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("sub")).unwrap();
    for (seed, name) in [
        ("000_30fde9fe001ed933", "a.txt"),
        ("001_e7a9e3d448b427a1", "a.md"),
    ] {
        fs::copy(root().join(format!("seeds/{seed}.txt")), d.join(name)).unwrap();
    }
    fs::copy(
        root().join("seeds/002_f40a1664c5cdecd9.txt"),
        d.join("sub/a.txt"),
    )
    .unwrap();
    fs::copy(root().join(format!("seeds/{SEED}.txt")), d.join("b.txt")).unwrap();
    let (forward, _) = score_json(d, &["a.txt", "a.md", "sub", "b.txt"]);
    let (backward, _) = score_json(d, &["b.txt", "sub", "a.md", "./a.txt"]);
    let mut want = ids(&forward);
    want.sort();
    assert_eq!(want, ["a.md", "a.txt", "b", "sub/a.txt"]);
    assert_eq!(ids(&forward), ids(&backward));
    let nodes: Vec<&str> = forward["graph"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .filter(|id| id.starts_with("article:"))
        .collect();
    assert_eq!(
        nodes,
        [
            "article:a.md",
            "article:a.txt",
            "article:b",
            "article:sub/a.txt"
        ]
    );
}

#[test]
fn a_json_id_used_twice_in_a_file_is_an_error_naming_both_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lines = "{\"id\": \"one\", \"text\": \"First.\"}\n{\"id\": \"two\", \"text\": \"Second.\"}\n{\"id\": \"one\", \"text\": \"Third.\"}\n";
    fs::write(dir.path().join("feed.jsonl"), lines).unwrap();
    let (json, output) = score_json(dir.path(), &["feed.jsonl"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(ids(&json), ["feed.jsonl#one", "feed.jsonl#two"]);
    assert_eq!(
        json["errors"],
        serde_json::json!([{"path": "feed.jsonl:3", "error": "duplicate id feed.jsonl#one (first on line 1)"}])
    );
}

/// Regression: `prov init && prov score --rules rules.toml` read the rules file as
/// an article and failed on its type.
#[test]
fn the_rules_and_outlets_files_in_use_are_not_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(root().join(format!("seeds/{SEED}.txt")), d.join("a.txt")).unwrap();
    assert_eq!(prov_in(d, &["init"]).status.code(), Some(0));
    fs::write(d.join("outlets.toml"), "").unwrap();
    let args = [
        "score",
        "--rules",
        "rules.toml",
        "--outlets",
        "./outlets.toml",
    ];
    let output = prov_in(d, &args);
    assert_eq!(
        (output.status.code(), stderr(&output).as_str()),
        (Some(0), "prov: 1 input: 1 scored, 0 skipped\n")
    );
    let named = prov_in(d, &["score", "--rules", "rules.toml", "rules.toml"]);
    assert_eq!(
        named.status.code(),
        Some(2),
        "a rules file named as input is read"
    );
}

/// Regression: with stderr unwritable (closed, or full), the first note panicked
/// and the run exited 101, outside the documented exit codes.
#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_stderr_does_not_change_the_exit_code() {
    let full = fs::File::create("/dev/full").unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_prov"))
        .args(["score", "seeds", "--fail-under", "50", "--format", "csv"])
        .current_dir(root())
        .stdout(std::process::Stdio::null())
        .stderr(full)
        .status()
        .unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "the gate's exit code, not a panic's"
    );
}

/// Regression: `prov score - -` read standard input once and reported the second
/// `-` as "skipped -: empty file". Standard input can be read once: naming it
/// twice, as an input of any command or as both the draft and a context of an
/// audit, is a usage error, said before anything is read.
#[test]
fn standard_input_given_twice_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["score", "-", "-"][..],
        &["score", "-", ".", "-", "--format", "json"],
        &["graph", "-", "-"],
        &["report", "-", "-", "--out", "report.html"],
        &["audit", "-", "--against", "-"],
        &["audit", "draft.txt", "--against", "-", "-"],
    ] {
        let output = prov_in(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&output), "", "{args:?}");
        assert_eq!(
            stderr(&output),
            "prov: error: standard input (\"-\") given twice\n",
            "{args:?}"
        );
    }
    assert!(!dir.path().join("report.html").exists());
}
