//! Running the real `prov` binary, as a user would, from the tests.
// Each test binary uses its own part of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `seeds/` and `rules.toml` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `prov` in `dir` with `args`; stdin is empty and colour is off.
pub fn prov_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prov"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("prov runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// `prov score --format json` on `args`, parsed.
pub fn score_json(dir: &Path, args: &[&str]) -> (serde_json::Value, Output) {
    let mut all = vec!["score", "--format", "json"];
    all.extend_from_slice(args);
    let output = prov_in(dir, &all);
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}); stderr: {}", stderr(&output)));
    (json, output)
}

/// The article with this id in a `prov.score/1` document.
pub fn article<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no article {id}"))
}

/// The ids of a `prov.score/1` document's articles, in its order.
pub fn ids(json: &serde_json::Value) -> Vec<&str> {
    let articles = json["articles"].as_array().expect("articles");
    articles.iter().map(|a| a["id"].as_str().unwrap()).collect()
}
