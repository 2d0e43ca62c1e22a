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

/// Two outlets sharing a name, an alias or a domain would be merged into one,
/// and one's articles scored with the other's prior: each is refused at the second.
#[test]
fn an_outlet_name_alias_or_domain_claimed_twice_is_refused_where_it_repeats() {
    let errors = refused(concat!(
        "[[outlet]]\nname = \"Reuters\"\naliases = [\"Thomson Reuters\"]\ndomains = [\"reuters.com\"]\nprior = 100\n",
        "[[outlet]]\nname = \"Reuters\"\ndomains = [\"fake-reuters.example\"]\nkind = \"imposter\"\nprior = 5\n",
        "[[outlet]]\nname = \"CNN\"\naliases = [\"thomson reuters\"]\ndomains = [\"https://www.Reuters.com/\"]\n",
    ));
    assert_eq!(
        errors,
        [
            "hostile.toml:10:8: duplicate outlet name `Reuters` (line 5 `Reuters`, line 10 `Reuters`)",
            "hostile.toml:16:12: duplicate outlet name `thomson reuters` (line 6 `Reuters`, line 16 `CNN`)",
            "hostile.toml:17:12: duplicate outlet domain `https://www.Reuters.com/` (line 7 `Reuters`, line 17 `CNN`)",
        ]
    );
}

#[test]
fn a_reuse_parameter_out_of_range_is_refused_at_its_key() {
    let errors = refused("[reuse]\nshingle-size = 3\nbands = 33\n");
    assert_eq!(
        errors,
        ["hostile.toml:6:1: [reuse]: reuse.bands must divide reuse.sketch-size (128), not 33"]
    );
    let errors = refused("[reuse]\nsketch-size = 0\n");
    assert_eq!(
        errors,
        ["hostile.toml:5:1: [reuse]: reuse.sketch-size must be between 1 and 4096, not 0"]
    );
}

/// Each rules file passes the parser but would misbehave: an occurrence rule that
/// fires on every article, a rule that never fires, a threshold no prior can
/// cross, an id that breaks the CSV findings column.
#[test]
fn a_rule_that_cannot_work_as_written_is_refused_at_its_value() {
    let cases = [
        (
            "kind = \"occurrence\"\npattern = 'a'\nmin = 5\nmax = 3",
            "hostile.toml:10:7: rule `r`: `max` (3) is below `min` (5); every count would be out of bounds",
        ),
        (
            "kind = \"regex\"\npattern = 'a'\nmax-hits = 0",
            "hostile.toml:9:12: rule `r`: `max-hits` must be at least 1; with 0 the rule never fires",
        ),
        (
            "kind = \"outlet\"\nof = \"publisher\"\nprior-below = 400",
            "hostile.toml:9:15: `prior-below` must be a number from 0 to 100, found 400",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(refused(&rule(body)), [expected], "{body}");
    }
    let with_id = |id: &str| {
        format!(
            "[[rule]]\nid = {id}\nkind = \"missing\"\nfield = \"title\"\nmessage = \"m\"\nexplanation = \"e\"\n"
        )
    };
    assert_eq!(
        refused(&with_id("\"\"")),
        ["hostile.toml:5:6: a rule id cannot be empty"]
    );
    for (id, shown) in [
        ("\"a;b\"", "a;b"),
        ("\"a|b\"", "a|b"),
        ("\"a\\nb\"", "a\\nb"),
        ("\"Clickbait\"", "Clickbait"),
    ] {
        assert_eq!(
            refused(&with_id(id)),
            [format!(
                "hostile.toml:5:6: rule id `{shown}` may have only lower-case letters, digits, `-` and `_`"
            )]
        );
    }
}

#[test]
fn grade_bands_go_down_to_zero_within_the_score_range_each_grade_once() {
    let refused_grades = |grades: &str| -> Vec<String> {
        let text = format!("[scoring]\nbase = 50\ngrades = [{grades}]\n");
        Settings::parse(&text, "g.toml")
            .expect_err("refused")
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(
        refused_grades("{ grade = \"A\", min = 120 }, { grade = \"F\", min = 0 }"),
        ["g.toml:3:32: a grade's `min` must be a number from 0 to 100, found 120"]
    );
    assert_eq!(
        refused_grades("{ grade = \"F\", min = 0 }, { grade = \"A\", min = 80 }"),
        [
            "g.toml:3:10: `grades` must end with a band with `min = 0` so every score gets a grade",
            "g.toml:3:58: grades go from the highest `min` down: `A` (min 80) cannot follow `F` (min 0)",
        ]
    );
    assert_eq!(
        refused_grades("{ grade = \"A\", min = 80 }, { grade = \"A\", min = 0 }"),
        ["g.toml:3:48: duplicate grade `A`"]
    );
}
