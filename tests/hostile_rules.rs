//! Hostile rules files: each is refused with file:line:column, or bounded.
//! (Rules files have no includes, so there is no include cycle to refuse.)

use prov::analysis;
use prov::corpus;
use prov::settings::Settings;
use std::path::PathBuf;

const HEADER: &str =
    "[scoring]\nbase = 50\ngrades = [{ grade = \"A\", min = 50 }, { grade = \"F\", min = 0 }]\n";

fn refused(rules: &str) -> Vec<String> {
    let text = format!("{HEADER}{rules}");
    Settings::parse(&text, "hostile.toml")
        .expect_err("refused")
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn rule(body: &str) -> String {
    format!("[[rule]]\nid = \"r\"\nmessage = \"m\"\n{body}\nexplanation = \"e\"\n")
}

#[test]
fn a_regex_that_would_blow_up_is_refused_at_its_pattern() {
    let errors = refused(&rule("kind = \"regex\"\npattern = '(a{1000}){1000}'"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("hostile.toml:8:11: rule `r`: invalid regex: "),
        "{errors:?}"
    );
    assert!(errors[0].contains("size limit"), "{errors:?}");
}

#[test]
fn a_catastrophic_backtracking_pattern_runs_in_linear_time() {
    // `(a+)+b` is exponential in a backtracking engine; Rust's regex is not one.
    let text = format!(
        "{HEADER}{}",
        rule("kind = \"regex\"\npattern = '(a+)+b'\nweight = -5")
    );
    let settings = Settings::parse(&text, "hostile.toml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "a".repeat(200_000) + "!").unwrap();
    let analysis =
        analysis::analyze(corpus::load(&[path]), &settings).expect("the files stay as they were");
    assert_eq!(analysis.verdicts[0].score.score, 50);
}

#[test]
fn a_nan_weight_is_refused() {
    let errors = refused(&rule(
        "kind = \"missing\"\nfield = \"published\"\nweight = nan",
    ));
    assert_eq!(
        errors,
        ["hostile.toml:9:10: `weight` must be a number from -100 to 100, found NaN"]
    );
}

#[test]
fn a_huge_weight_is_refused() {
    let errors = refused(&rule(
        "kind = \"missing\"\nfield = \"published\"\nweight = 1e308",
    ));
    assert_eq!(
        errors,
        ["hostile.toml:9:10: `weight` must be a number from -100 to 100, found 1e308"]
    );
    let errors = refused(&rule(
        "kind = \"missing\"\nfield = \"published\"\nweight = -inf",
    ));
    assert_eq!(
        errors,
        ["hostile.toml:9:10: `weight` must be a number from -100 to 100, found -inf"]
    );
}

#[test]
fn a_cap_out_of_range_is_refused() {
    let errors = refused(&rule(
        "kind = \"missing\"\nfield = \"published\"\ncap = 120",
    ));
    assert_eq!(
        errors,
        ["hostile.toml:9:7: `cap` must be a number from 0 to 100, found 120"]
    );
}

#[test]
fn a_nan_comparison_value_is_refused() {
    let errors = refused(&rule(
        "kind = \"metric\"\nsignal = \"quotes\"\nop = \">\"\nvalue = nan",
    ));
    assert_eq!(
        errors,
        ["hostile.toml:8:10: the value compared with `quotes` must be a finite number"]
    );
}

#[test]
fn five_thousand_rules_parse_and_score() {
    let mut text = String::from(HEADER);
    for i in 0..5000 {
        let body = match i % 3 {
            0 => format!(
                "kind = \"phrase\"\nphrases = [\"word{i}\", \"NATO office {i}\", \"Tokyo {i}\"]\nweight = -1"
            ),
            1 => format!("kind = \"regex\"\npattern = '\\bterm{i}\\b'\nweight = -1"),
            _ => "kind = \"metric\"\nsignal = \"quotes\"\nop = \">=\"\nvalue = 0\nweight = 0"
                .to_string(),
        };
        text.push_str(&format!(
            "[[rule]]\nid = \"r{i}\"\nmessage = \"m\"\nexplanation = \"e\"\n{body}\n"
        ));
    }
    let settings = Settings::parse(&text, "many.toml").unwrap();
    assert_eq!(settings.rules.len(), 5000);
    assert_eq!(settings.phrases.rule_of.len(), 3 * 1667);
    // One automaton over all phrases: its size grows with the phrases, not their product.
    assert!(settings.phrases.memory_usage() < 16 << 20);
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let analysis =
        analysis::analyze(corpus::load(&[seeds]), &settings).expect("the files stay as they were");
    assert_eq!(analysis.verdicts.len(), 5);
    for v in &analysis.verdicts {
        // Each seed mentions NATO and Tokyo but none of the numbered phrases or
        // terms: only the 1,666 weight-0 metric rules (`quotes >= 0`) fire.
        assert_eq!(v.findings.len(), 1666, "{:?}", v.findings.first());
    }
}
