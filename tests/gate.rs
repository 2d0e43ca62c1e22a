//! `--fail-under N`: the exit code, and what stderr says about the articles under the gate.

mod common;

use common::{prov_in, stderr};

/// Regression: the gate exited 1 with only the totals on stderr.
#[test]
fn a_failed_gate_names_the_articles_under_it_lowest_first() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (1..=7)
        .map(|n| format!("{{\"id\": {n}, \"text\": \"Something happened, {n} people said.\"}}\n"))
        .collect();
    std::fs::write(dir.path().join("feed.jsonl"), lines).unwrap();
    let output = prov_in(
        dir.path(),
        &[
            "score",
            "feed.jsonl",
            "--fail-under",
            "50",
            "--format",
            "csv",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let last = stderr(&output).lines().last().unwrap().to_string();
    assert_eq!(
        last,
        "prov: --fail-under 50 failed: 7 articles scored under 50: feed.jsonl#1 (15), \
         feed.jsonl#2 (15), feed.jsonl#3 (15), feed.jsonl#4 (15), feed.jsonl#5 (15) and 2 more"
    );
    let passed = prov_in(dir.path(), &["score", "feed.jsonl", "--fail-under", "10"]);
    assert_eq!(passed.status.code(), Some(0));
    assert!(
        !stderr(&passed).contains("--fail-under"),
        "{}",
        stderr(&passed)
    );
}

/// A gate is a score, 0 to 100: `--fail-under 101` failed every article instead of
/// being refused.
#[test]
fn a_gate_outside_the_score_range_is_a_usage_error() {
    for command in ["score", "audit"] {
        let output = prov_in(
            &common::root(),
            &[
                command,
                "seeds/000_30fde9fe001ed933.txt",
                "--fail-under",
                "101",
            ],
        );
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(
            stderr(&output).starts_with(
                "error: invalid value '101' for '--fail-under <N>': 101 is not in 0..=100"
            ),
            "{command}: {}",
            stderr(&output)
        );
    }
}
