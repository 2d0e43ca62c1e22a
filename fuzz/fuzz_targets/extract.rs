//! Arbitrary text through every stage after the loader: extract, reuse, graph,
//! detectors, rules and score on the built-in rules, then the JSON report.
//! The input is split on ASCII record separators (0x1E) into up to four
//! articles, so that reuse and the graph see more than one document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prov::analysis;
use prov::report::{self, Report};
use prov::settings::Settings;
use std::sync::LazyLock;

#[path = "../articles.rs"]
mod articles;

static SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::builtin);

fuzz_target!(|data: &[u8]| {
    let corpus = articles::corpus(data);
    let count = corpus.documents.len();
    let analysis = analysis::analyze(corpus, &SETTINGS).expect("texts held in memory are always read");
    assert_eq!(analysis.verdicts.len(), count);
    for verdict in &analysis.verdicts {
        assert!(verdict.score.score <= 100, "score {}", verdict.score.score);
    }
    let json = report::Json.render(&analysis, &SETTINGS);
    serde_json::from_str::<serde_json::Value>(&json).expect("the report is JSON");
});
