//! A rules file is data the user edits: edits change scores, and a broken file
//! is refused with its file, line and column before any article is read.

mod common;

use common::{article, prov_in, root, score_json, stderr, stdout};
use std::fs;

const CHROMED: &str = "000_30fde9fe001ed933";

/// A copy of the default rules in a temporary folder, edited by `edit`.
fn edited_rules(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let rules = fs::read_to_string(root().join("rules.toml")).unwrap();
    fs::write(dir.path().join("rules.toml"), edit(rules)).unwrap();
    dir
}

fn score_of(rules: Option<&std::path::Path>, id: &str) -> u64 {
    let seeds = root().join("seeds");
    let mut args = vec![seeds.to_str().unwrap()];
    if let Some(rules) = rules {
        args.extend(["--rules", rules.to_str().unwrap()]);
    }
    let (json, _) = score_json(&root(), &args);
    article(&json, id)["score"].as_u64().unwrap()
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} occurs once in rules.toml"
    );
    text.replacen(from, to, 1)
}

#[test]
fn raising_a_penalty_lowers_the_score_by_the_difference() {
    let before = score_of(None, CHROMED);
    let site_chrome = "id = \"site-chrome\"\nkind = \"metric\"\nsignal = \"chrome_lines\"\nop = \">=\"\nvalue = 1\nweight = -5";
    let dir = edited_rules(|r| replace_once(&r, site_chrome, &site_chrome.replace("-5", "-25")));
    let after = score_of(Some(&dir.path().join("rules.toml")), CHROMED);
    assert_eq!(after + 20, before);
}

#[test]
fn disabling_a_rule_removes_its_finding_and_its_weight() {
    let before = score_of(None, CHROMED);
    let dir = edited_rules(|r| {
        replace_once(
            &r,
            "id = \"site-chrome\"\n",
            "id = \"site-chrome\"\nenabled = false\n",
        )
    });
    let rules = dir.path().join("rules.toml");
    let after = score_of(Some(&rules), CHROMED);
    assert_eq!(after, before + 5);
    let seeds = root().join("seeds");
    let (json, _) = score_json(
        &root(),
        &[seeds.to_str().unwrap(), "--rules", rules.to_str().unwrap()],
    );
    let findings = article(&json, CHROMED)["findings"]
        .as_array()
        .unwrap()
        .clone();
    assert!(findings.iter().all(|f| f["rule"] != "site-chrome"));
}

/// Run `prov score seeds --rules broken.toml` and return (exit code, stdout, stderr).
fn refused(rules: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("broken.toml"), rules).unwrap();
    let seeds = root().join("seeds");
    let output = prov_in(
        dir.path(),
        &["score", seeds.to_str().unwrap(), "--rules", "broken.toml"],
    );
    (
        output.status.code().unwrap(),
        stdout(&output),
        stderr(&output),
    )
}

const HEADER: &str = "[scoring]\nbase = 50\ngrades = [{ grade = \"A\", min = 0 }]\n";

#[test]
fn an_unknown_key_names_its_line_and_column_and_what_was_expected() {
    let rules = format!(
        "{HEADER}[[rule]]\nid = \"x\"\nkind = \"missing\"\nfield = \"title\"\nwieght = -5\nmessage = \"m\"\nexplanation = \"e\"\n"
    );
    let (code, out, err) = refused(&rules);
    assert_eq!((code, out.as_str()), (2, ""));
    insta::assert_snapshot!(err);
}

#[test]
fn a_bad_regex_is_refused_at_the_pattern() {
    let rules = format!(
        "{HEADER}[[rule]]\nid = \"x\"\nkind = \"regex\"\npattern = 'fiction(al'\nmessage = \"m\"\nexplanation = \"e\"\n"
    );
    let (code, out, err) = refused(&rules);
    assert_eq!((code, out.as_str()), (2, ""));
    insta::assert_snapshot!(err);
}

#[test]
fn an_unknown_rule_kind_lists_the_kinds() {
    let rules = format!(
        "{HEADER}[[rule]]\nid = \"x\"\nkind = \"keyword\"\nmessage = \"m\"\nexplanation = \"e\"\n"
    );
    let (code, out, err) = refused(&rules);
    assert_eq!((code, out.as_str()), (2, ""));
    insta::assert_snapshot!(err);
}

#[test]
fn a_wrong_type_names_the_type_expected() {
    let rules = format!(
        "{HEADER}[[rule]]\nid = \"x\"\nkind = \"missing\"\nfield = \"title\"\nweight = \"minus five\"\nmessage = \"m\"\nexplanation = \"e\"\n"
    );
    let (code, out, err) = refused(&rules);
    assert_eq!((code, out.as_str()), (2, ""));
    insta::assert_snapshot!(err);
}

#[test]
fn every_problem_is_reported_at_once() {
    let rules = format!(
        "{HEADER}[[rule]]\nid = \"a\"\nkind = \"metric\"\nsignal = \"no_such_signal\"\nop = \">\"\nvalue = 1\nweight = 1e308\nmessage = \"m\"\nexplanation = \"e\"\n\
         [[rule]]\nid = \"a\"\nkind = \"missing\"\nfield = \"title\"\ncap = 120\nmessage = \"m\"\nexplanation = \"e\"\n"
    );
    let (code, _, err) = refused(&rules);
    assert_eq!(code, 2);
    insta::assert_snapshot!(err);
}

#[test]
fn rules_check_accepts_the_default_file_and_init_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let init = prov_in(dir.path(), &["init"]);
    assert_eq!(init.status.code(), Some(0));
    let written = fs::read_to_string(dir.path().join("rules.toml")).unwrap();
    assert_eq!(
        written,
        fs::read_to_string(root().join("rules.toml")).unwrap()
    );
    let again = prov_in(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        stderr(&again),
        "prov: error: rules.toml already exists here (use --force to overwrite it)\n"
    );
    let check = prov_in(dir.path(), &["rules", "check"]);
    assert_eq!(check.status.code(), Some(0));
    assert!(
        stdout(&check).starts_with("rules.toml: ok ("),
        "{}",
        stdout(&check)
    );
}

#[test]
fn explain_prints_a_rule_a_built_in_finding_and_a_signal() {
    let rule = prov_in(&root(), &["rules", "explain", "self-declared-fiction"]);
    assert_eq!(rule.status.code(), Some(0));
    insta::assert_snapshot!("explain_prints_a_rule_and_a_signal", stdout(&rule));
    let built_in = prov_in(&root(), &["rules", "explain", "suppression-unused"]);
    assert!(
        stdout(&built_in).starts_with(
            "suppression-unused: built-in finding of `prov audit`, info, weight 0\n\
             a prov-ignore marker silences nothing\n"
        ),
        "{}",
        stdout(&built_in)
    );
    let signal = prov_in(&root(), &["rules", "explain", "chrome_lines"]);
    assert!(stdout(&signal).starts_with("chrome_lines: signal\n"));
    let unknown = prov_in(&root(), &["rules", "explain", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        stderr(&unknown),
        "prov: error: no rule, built-in finding or signal named `nope` (see `prov rules list`)\n"
    );
}

/// An occurrence rule counts zero when its pattern is absent, and a regex rule
/// reports the place of its match.
#[test]
fn pattern_rules_fire_on_their_matches_and_on_a_count_of_zero() {
    let dir = edited_rules(|mut r| {
        r.push_str(concat!(
            "\n[[rule]]\nid = \"needs-a-xylophone\"\nkind = \"occurrence\"\npattern = 'xylophone'\n",
            "min = 1\nweight = -3\nmessage = \"m\"\nexplanation = \"e\"\n",
            "\n[[rule]]\nid = \"names-nato\"\nkind = \"regex\"\npattern = '\\bNATO\\b'\n",
            "max-hits = 1\nweight = -2\nmessage = \"m\"\nexplanation = \"e\"\n",
            "\n[[rule]]\nid = \"names-a-xylophone\"\nkind = \"regex\"\npattern = 'xylophone'\n",
            "weight = -2\nmessage = \"m\"\nexplanation = \"e\"\n",
        ));
        r
    });
    let rules = dir.path().join("rules.toml");
    let seeds = root().join("seeds");
    let (json, _) = score_json(
        &root(),
        &[seeds.to_str().unwrap(), "--rules", rules.to_str().unwrap()],
    );
    let findings = &article(&json, CHROMED)["findings"];
    let of = |id: &str| -> Vec<&serde_json::Value> {
        let all = findings.as_array().unwrap();
        all.iter().filter(|f| f["rule"] == id).collect()
    };
    assert_eq!(of("needs-a-xylophone").len(), 1);
    assert_eq!(of("needs-a-xylophone")[0]["line"], serde_json::Value::Null);
    assert_eq!(of("names-nato").len(), 1);
    assert!(of("names-nato")[0]["line"].as_u64().is_some());
    assert!(of("names-a-xylophone").is_empty());
}

/// Giving CNN Reuters' domain used to credit reuters.com articles to CNN.
#[test]
fn a_domain_given_to_two_outlets_is_refused_by_rules_check() {
    let dir = edited_rules(|r| {
        replace_once(
            &r,
            "domains = [\"cnn.com\"]",
            "domains = [\"cnn.com\", \"reuters.com\"]",
        )
    });
    let check = prov_in(dir.path(), &["rules", "check", "rules.toml"]);
    assert_eq!(check.status.code(), Some(2));
    let err = stderr(&check);
    let first = err.lines().next().unwrap();
    let line = |text: &str| {
        let rules = fs::read_to_string(dir.path().join("rules.toml")).unwrap();
        rules.lines().position(|l| l.starts_with(text)).unwrap() + 1
    };
    let (cnn, reuters) = (
        line("domains = [\"cnn.com\""),
        line("domains = [\"reuters.com\"]"),
    );
    assert_eq!(
        first,
        format!(
            "error: rules.toml:{reuters}:12: duplicate outlet domain `reuters.com` (line {cnn} `CNN`, line {reuters} `Reuters`)"
        )
    );
}

/// A typo that serde stops at used to hide every other problem of the file.
#[test]
fn an_unknown_key_does_not_hide_the_problems_of_other_rules() {
    let rules = format!(
        "{HEADER}[[rule]]\nid = \"x\"\nkind = \"missing\"\nfield = \"title\"\nwieght = -5\nmessage = \"m\"\nexplanation = \"e\"\n\
         [[rule]]\nid = \"y\"\nkind = \"regex\"\npattern = 'fiction(al'\nmessage = \"m\"\nexplanation = \"e\"\n\
         [[rule]]\nid = \"z\"\nkind = \"missing\"\nfield = \"title\"\nweight = \"minus five\"\nexplanation = \"e\"\n"
    );
    let (code, out, err) = refused(&rules);
    assert_eq!((code, out.as_str()), (2, ""));
    insta::assert_snapshot!(err);
}

/// Regression: a file with rules and no `[scoring]` said "missing field `scoring`"
/// twice, once more for each rule left out to look for other problems.
#[test]
fn a_missing_table_is_one_problem_said_once() {
    let rules = "[[rule]]\nid = \"x\"\nkind = \"missing\"\nfield = \"title\"\nweight = -1\nmessage = \"m\"\nexplanation = \"e\"\n";
    let (code, _, err) = refused(rules);
    assert_eq!(code, 2);
    assert_eq!(err.matches("missing field `scoring`").count(), 1, "{err}");
    assert!(
        err.ends_with("prov: error: broken.toml: 1 problem\n"),
        "{err}"
    );
}

/// Regression: a value of the wrong type was named by the Rust type that holds it
/// (`expected f64`, `expected u32`, `invalid type: sequence`), which a person who
/// edits a TOML file cannot know. Each rule here has one such value.
#[test]
fn a_wrong_type_is_named_in_the_words_of_toml() {
    let rule = |id: &str, kind: &str, body: &str| {
        format!(
            "[[rule]]\nid = \"{id}\"\nkind = \"{kind}\"\n{body}\nmessage = \"m\"\nexplanation = \"e\"\n"
        )
    };
    let rules = [
        HEADER.to_string(),
        rule("a", "missing", "field = \"title\"\nweight = \"heavy\""),
        rule("b", "missing", "field = \"title\"\nweight = [1]"),
        rule("c", "missing", "field = \"title\"\nweight = 2023-05-10"),
        rule("d", "regex", "pattern = 'x'\nmax-hits = 1.5"),
        rule("e", "occurrence", "pattern = 'x'\nmin = -1"),
        rule("f", "missing", "field = \"title\"\nenabled = \"yes\""),
        rule("g", "phrase", "phrases = \"hoax\""),
        rule("h", "conditional", "if = 5\nthen = { signal = \"chrome_lines\", op = \"<\", value = 1 }"),
        rule("i", "missing", "field = \"title\"\nseverity = 3"),
        "[[outlet]]\nname = \"AVA\"\nratings = [{ rater = \"r\", date = 2023-05-10, score = 50 }]\n".into(),
    ]
    .concat();
    assert_eq!(
        rules_check_errors(&rules),
        [
            "error: types.toml:8:10: invalid type: string \"heavy\", expected a number",
            "error: types.toml:15:10: invalid type: array, expected a number",
            "error: types.toml:22:10: invalid type: date, expected a number",
            "error: types.toml:29:12: invalid type: float `1.5`, expected a whole number from 0 to 4294967295",
            "error: types.toml:36:7: invalid value: integer `-1`, expected a whole number from 0 to 4294967295",
            "error: types.toml:43:11: invalid type: string \"yes\", expected true or false",
            "error: types.toml:49:11: invalid type: string \"hoax\", expected an array",
            "error: types.toml:55:6: invalid type: integer `5`, expected a table",
            "error: types.toml:63:12: expected a string",
            "error: types.toml:68:34: invalid type: date, expected a string",
        ]
    );
    let reuse = format!("{HEADER}[reuse]\nshingle-size = -3\n");
    assert_eq!(
        rules_check_errors(&reuse),
        ["error: types.toml:5:16: invalid value: integer `-3`, expected a whole number, 0 or more"]
    );
}

/// The first line of each diagnostic of `prov rules check` on a file `types.toml` of `rules`.
fn rules_check_errors(rules: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("types.toml"), rules).unwrap();
    let check = prov_in(dir.path(), &["rules", "check", "types.toml"]);
    assert_eq!(check.status.code(), Some(2));
    let err = stderr(&check);
    let first_lines = err.lines().filter(|l| l.starts_with("error: "));
    first_lines.map(str::to_string).collect()
}

/// Regression: the first value of a rule that could not be read hid the rule's
/// other problems, and a bad value in `[reuse]` hid every rule's. What depends on
/// a value that could not be read (that a rule has the keys its kind needs, that
/// `bands` divides `sketch-size`) is not judged from a value the file does not have;
/// an unknown key is only a typo, and the rule that has it is checked all the same.
#[test]
fn every_value_that_cannot_be_read_is_reported_with_the_rest() {
    let rules = concat!(
        "[scoring]\nbase = 50\ndisagreement = \"wide\"\ngrades = [{ grade = \"A\", min = 0 }]\n",
        "[reuse]\nsketch-size = 100\nbands = \"many\"\n",
        "[[rule]]\nid = \"a\"\nkind = \"keyword\"\nweight = \"heavy\"\nmax-hits = -1\nmessage = \"m\"\nexplanation = \"e\"\n",
        "[[rule]]\nid = \"b\"\nkind = \"regex\"\npattern = 'fiction(al'\nweight = \"heavy\"\nmessage = \"m\"\nexplanation = \"e\"\n",
        "[[rule]]\nid = \"c\"\nkind = \"phrase\"\nphrases = \"hoax\"\ncap = 120\nmessage = \"m\"\nexplanation = \"e\"\n",
        "[[rule]]\nid = \"d\"\nkind = \"phrase\"\nwieght = 1\nmessage = \"m\"\nexplanation = \"e\"\n",
    );
    assert_eq!(
        rules_check_errors(rules),
        [
            "error: types.toml:3:16: invalid type: string \"wide\", expected a number",
            "error: types.toml:7:9: invalid type: string \"many\", expected a whole number, 0 or more",
            "error: types.toml:10:8: unknown variant `keyword`, expected one of `phrase`, `regex`, `occurrence`, `missing`, `metric`, `conditional`, `outlet`",
            "error: types.toml:11:10: invalid type: string \"heavy\", expected a number",
            "error: types.toml:12:12: invalid value: integer `-1`, expected a whole number from 0 to 4294967295",
            "error: types.toml:18:11: rule `b`: invalid regex: unclosed group",
            "error: types.toml:19:10: invalid type: string \"heavy\", expected a number",
            "error: types.toml:25:11: invalid type: string \"hoax\", expected an array",
            "error: types.toml:26:7: `cap` must be a number from 0 to 100, found 120",
            "error: types.toml:29:1: rule `d`: a `phrase` rule needs `phrases` (a non-empty list of non-empty strings)",
            "error: types.toml:32:1: unknown field `wieght`, expected one of `id`, `kind`, `weight`, `cap`, `severity`, `message`, `explanation`, `enabled`, `phrases`, `pattern`, `max-hits`, `min`, `max`, `field`, `signal`, `op`, `value`, `if`, `then`, `of`, `kinds`, `prior-below`",
        ]
    );
}

/// Regression: a misspelt section (`[[outlets]]`) ended the reading, and hid
/// the problems of every rule after it.
#[test]
fn a_misspelt_section_is_one_problem_not_the_end_of_the_reading() {
    let misspelt = format!(
        "{HEADER}[[outlets]]\nname = \"X\"\n[[outlets]]\nname = \"Y\"\n\
         [[rule]]\nid = \"a\"\nkind = \"keyword\"\nmessage = \"m\"\nexplanation = \"e\"\n"
    );
    assert_eq!(
        rules_check_errors(&misspelt),
        [
            "error: types.toml:4:3: unknown field `outlets`, expected one of `scoring`, `reuse`, `outlet`, `rule`",
            "error: types.toml:10:8: unknown variant `keyword`, expected one of `phrase`, `regex`, `occurrence`, `missing`, `metric`, `conditional`, `outlet`",
        ]
    );
}

/// Without a `base` to read, the rules cannot be scored, nor checked beyond
/// their types, but those are: a problem of `[scoring]` used to end the reading
/// (with `[scoring]` read first, as the file writes it), and the problems found
/// before it came out of file order.
#[test]
fn a_base_that_cannot_be_read_still_lets_the_rules_be_read() {
    let no_base = "[scoring]\nbase = \"fifty\"\ngrades = [{ grade = \"A\", min = 0 }]\n\
                   [[rule]]\nid = \"a\"\nkind = \"keyword\"\nmessage = \"m\"\nexplanation = \"e\"\n";
    assert_eq!(
        rules_check_errors(no_base),
        [
            "error: types.toml:2:8: invalid type: string \"fifty\", expected a number",
            "error: types.toml:6:8: unknown variant `keyword`, expected one of `phrase`, `regex`, `occurrence`, `missing`, `metric`, `conditional`, `outlet`",
        ]
    );
}

/// Regression: `prov rules explain` showed the keys of an inline table in
/// alphabetical order (`{ op = ">=", signal = … }`), not as the file writes them.
#[test]
fn explain_shows_an_inline_table_as_the_file_writes_it() {
    let rule = prov_in(&root(), &["rules", "explain", "anonymous-unbalanced"]);
    assert_eq!(rule.status.code(), Some(0));
    let text = stdout(&rule);
    let shown: Vec<&str> = text.lines().take(3).collect();
    assert_eq!(
        shown,
        [
            "anonymous-unbalanced: conditional rule, info, weight -5",
            "  if = { signal = \"anonymous_sources\", op = \">=\", value = 2 }",
            "  then = { signal = \"named_sources\", op = \">=\", value = 2 }",
        ]
    );
}
