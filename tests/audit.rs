//! `prov audit`: one draft read against a corpus, as an editor and a review
//! tool see it: diagnostics on its lines, suppressions, baselines, gates, SARIF.

mod common;

use common::{prov_in, root, stderr, stdout};
use serde_json::Value;
use std::fs;
use std::path::Path;

const FICTION: &str = "seeds/003_fa223e60b4ee97ca.txt";
const RETELLING: &str = "seeds/001_e7a9e3d448b427a1.txt";
const CLICKBAIT: &str = "You won't believe what the minister said next.";

/// A folder with `draft.txt`: seed 000 without its outlet and date lines, and
/// with `edit` applied: a repost that credits nobody.
fn draft(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let original = fs::read_to_string(root().join("seeds/000_30fde9fe001ed933.txt")).unwrap();
    let without_outlet = original.replace("Afghan Voice Agency (AVA): ", "");
    let repost: Vec<&str> = without_outlet.lines().skip(1).collect();
    fs::write(dir.path().join("draft.txt"), edit(repost.join("\n"))).unwrap();
    dir
}

/// `prov audit draft.txt --against seeds ARGS` in `dir`.
fn audit_draft(dir: &Path, args: &[&str]) -> std::process::Output {
    let seeds = root().join("seeds");
    let mut all = vec!["audit", "draft.txt", "--against", seeds.to_str().unwrap()];
    all.extend_from_slice(args);
    prov_in(dir, &all)
}

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}); stderr: {}", stderr(output)))
}

/// The first SARIF result of `rule`.
fn sarif_result<'a>(sarif: &'a Value, rule: &str) -> &'a Value {
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    results.iter().find(|r| r["ruleId"] == rule).unwrap()
}

/// The rules of the findings still standing in a `prov.audit/1` document.
fn rules(json: &Value) -> Vec<&str> {
    let findings = json["article"]["findings"].as_array().unwrap();
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

#[test]
fn fiction_fails_the_gate_with_line_22_underlined() {
    let output = prov_in(&root(), &["audit", FICTION, "--fail-under", "50"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let first: Vec<&str> = text.lines().take(5).collect();
    assert_eq!(
        first[..2],
        [
            "error[self-declared-fiction]: the article declares itself fictional",
            "   ┌─ seeds/003_fa223e60b4ee97ca.txt:22:18",
        ]
    );
    assert!(first[3].starts_with("22 │ Please note that this edited version"));
    assert!(first[4].starts_with(&format!("   │ {}^^^^", " ".repeat(17))));
    assert!(text.contains("= help: A text that says it is fiction"));
    assert!(text.ends_with("score 0, grade F: 2 errors, 2 warnings, 4 notes, 0 suppressed; read against 0 other articles\n"));
    insta::assert_snapshot!(text);
    assert_eq!(
        stderr(&output),
        "prov: 1 input: 1 scored, 0 skipped\nprov: --fail-under 50 failed: the draft scored 0\n"
    );
    let denied = prov_in(&root(), &["audit", FICTION, "--deny", "errors"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(
        stderr(&denied)
            .ends_with("prov: --deny errors failed: a finding of that severity stands\n")
    );
}

#[test]
fn a_retelling_read_against_the_seeds_passes_and_shows_its_citations() {
    let output = prov_in(&root(), &["audit", RETELLING, "--against", "seeds"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("    - CNN: interview, lines 3, 13\n"),
        "{text}"
    );
    assert!(
        text.contains("    - Nikkei Asia: report, line 11\n"),
        "{text}"
    );
    assert!(
        text.contains("read against 4 other articles"),
        "the draft is not counted twice"
    );
    assert!(stderr(&output).ends_with("prov: 5 inputs: 5 scored, 0 skipped\n"));
    insta::assert_snapshot!(text);
}

#[test]
fn deny_errors_fails_the_gate_on_an_error_finding() {
    let denied = prov_in(&root(), &["audit", FICTION, "--deny", "errors"]);
    assert_eq!(denied.status.code(), Some(1));
    let plain = prov_in(&root(), &["audit", FICTION]);
    assert_eq!(plain.status.code(), Some(0), "no gate, no failure");
    let retelling = prov_in(&root(), &["audit", RETELLING, "--deny", "errors"]);
    assert_eq!(retelling.status.code(), Some(0), "warnings are not errors");
}

#[test]
fn an_uncredited_copy_is_an_untraceable_repost_naming_the_article_it_matches() {
    let dir = draft(|text| text);
    let output = audit_draft(dir.path(), &[]);
    let text = stdout(&output);
    assert!(text.starts_with(
        "warning[untraceable-repost]: copies another article's text without crediting its outlet\n  ┌─ draft.txt:1:1\n"
    ), "{text}");
    assert!(text.contains(
        "= note: copied from 000_30fde9fe001ed933 (Afghan Voice Agency): 99% of this text, verbatim"
    ));
    assert!(text.contains(
        "    - lines 4-11 matches 000_30fde9fe001ed933 (Afghan Voice Agency) lines 5-12, verbatim\n"
    ), "{text}");
    insta::assert_snapshot!(text);
    let json = json(&audit_draft(dir.path(), &["--format", "json"]));
    assert_eq!(json["schema"], "prov.audit/1");
    assert!(rules(&json).contains(&"untraceable-repost"));
    let first = &json["context"]["untraceable"][0];
    assert_eq!(first["article"], "000_30fde9fe001ed933");
    assert_eq!(first["outlet"], "Afghan Voice Agency");
}

#[test]
fn a_marker_with_a_reason_silences_the_repost() {
    let dir = draft(|text| {
        format!("[prov-ignore untraceable-repost: syndicated under contract]\n{text}")
    });
    let output = audit_draft(dir.path(), &["--format", "json"]);
    let json = json(&output);
    assert!(
        !rules(&json).contains(&"untraceable-repost"),
        "{:?}",
        rules(&json)
    );
    assert!(!rules(&json).contains(&"suppression-without-reason"));
    let suppressed = &json["suppressed"][0];
    assert_eq!(suppressed["rule"], "untraceable-repost");
    assert_eq!(suppressed["line"], 2);
    assert_eq!(
        suppressed["by"],
        serde_json::json!({"kind": "inline", "line": 1, "reason": "syndicated under contract"})
    );
    let score = json["article"]["score"].as_u64().unwrap();
    let unsilenced = self::json(&audit_draft(draft(|t| t).path(), &["--format", "json"]));
    assert_eq!(score, unsilenced["article"]["score"].as_u64().unwrap() + 25);
}

#[test]
fn a_marker_without_a_reason_is_a_warning() {
    let dir = draft(|text| format!("<!-- prov-ignore untraceable-repost -->\n{text}"));
    let output = audit_draft(dir.path(), &[]);
    let text = stdout(&output);
    assert!(
        !text.contains("warning[untraceable-repost]"),
        "still silenced"
    );
    assert!(text.contains(
        "warning[suppression-without-reason]: a prov-ignore marker gives no reason\n  ┌─ draft.txt:1:1\n"
    ), "{text}");
    assert!(text.contains("= note: it silences untraceable-repost"));
}

#[test]
fn a_baseline_hides_accepted_findings_and_shows_new_ones() {
    let dir = draft(|text| text);
    let written = audit_draft(
        dir.path(),
        &["--baseline", "prov-baseline.json", "--write-baseline"],
    );
    assert_eq!(written.status.code(), Some(0));
    assert_eq!(stdout(&written), "");
    assert!(stderr(&written).contains("prov: wrote prov-baseline.json with 4 accepted findings"));
    let baseline: Value =
        serde_json::from_slice(&fs::read(dir.path().join("prov-baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["schema"], "prov.baseline/1");

    let accepted = json(&audit_draft(
        dir.path(),
        &["--baseline", "prov-baseline.json", "--format", "json"],
    ));
    assert_eq!(
        rules(&accepted),
        ["reaches-origin", "checkable-outlet"],
        "only findings that count for the draft remain"
    );
    assert_eq!(accepted["suppressed"].as_array().unwrap().len(), 4);

    // A paragraph above moves every line; a clickbait line is new.
    let text = fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    fs::write(
        dir.path().join("draft.txt"),
        format!("An editor's note.\n\n{text}\n{CLICKBAIT}\n"),
    )
    .unwrap();
    let output = audit_draft(
        dir.path(),
        &["--baseline", "prov-baseline.json", "--deny", "warnings"],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "the new warning fails the gate"
    );
    let shown = stdout(&output);
    assert!(
        shown.starts_with("warning[clickbait]: clickbait phrase\n"),
        "{shown}"
    );
    assert!(!shown.contains("warning[untraceable-repost]"), "{shown}");
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let official = fs::read_to_string(root().join("tests/schemas/sarif-2.1.0.json")).unwrap();
    // The official `language` pattern has a lone `]`, a literal in JavaScript
    // regexes that a strict check of the schema refuses; escaping it keeps its meaning.
    let lone = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(official.contains(lone));
    let escaped = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#;
    let schema: Value = serde_json::from_str(&official.replace(lone, escaped)).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let dir = draft(|text| {
        format!("[prov-ignore untraceable-repost: syndicated under contract]\n{text}")
    });
    let fiction = prov_in(&root(), &["audit", FICTION, "--format", "sarif"]);
    let silenced = audit_draft(dir.path(), &["--format", "sarif"]);
    for output in [&fiction, &silenced] {
        let sarif = json(output);
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
    // Drafts whose positions are not the file's: an HTML page, a JSON line.
    let page = harbour_page("<!-- prov-ignore site-chrome -->\n", "");
    let line = serde_json::json!({"id": "harbour", "text": HARBOUR});
    let line = format!("{line}\n");
    for (name, text) in [("draft.html", &page), ("draft.jsonl", &line)] {
        let sarif = audit_against_the_post(&[(name, text)], name, "sarif");
        let sarif: Value = serde_json::from_str(&sarif).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    let sarif = json(&fiction);
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "self-declared-fiction");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(22), Some(18))
    );
    let rules = &sarif["runs"][0]["tool"]["driver"]["rules"];
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "self-declared-fiction"
    );
    let silenced = json(&silenced);
    let suppressed = sarif_result(&silenced, "untraceable-repost");
    assert_eq!(
        suppressed["suppressions"],
        serde_json::json!([{"kind": "inSource", "justification": "syndicated under contract"}])
    );
}

/// A story whose first sentence credits its own outlet, as a newspaper's report does.
const HARBOUR: &str = "Last month, The Washington Post reported that the harbour authority had quietly doubled the fees it charges small fishing boats for a berth in the old port.

The change came without a public hearing, and several owners said they learned of it only when their monthly invoices arrived with the new figure printed at the bottom.

Owners of the smallest boats, who land most of the town's fresh catch, say the increase will push some of them to sell their licences before the end of the season.
";

/// `prov audit draft.md --against corpus --format json` where `corpus/post.md` is
/// [`HARBOUR`] as The Washington Post published it, and the draft is `draft`.
fn audit_copy_of_the_post(draft: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let front = |outlet: &str, date: &str| {
        format!("+++\noutlet = \"{outlet}\"\npublished = \"{date}\"\n+++\n")
    };
    fs::create_dir(dir.path().join("corpus")).unwrap();
    let post = front("The Washington Post", "2016-01-01") + HARBOUR;
    fs::write(dir.path().join("corpus/post.md"), post).unwrap();
    fs::write(
        dir.path().join("draft.md"),
        front("Daily Blog", "2016-01-03") + draft,
    )
    .unwrap();
    let args = [
        "audit",
        "draft.md",
        "--against",
        "corpus",
        "--format",
        "json",
    ];
    json(&prov_in(dir.path(), &args))
}

#[test]
fn a_credit_copied_with_the_text_is_not_the_copiers_credit() {
    let copy = audit_copy_of_the_post(HARBOUR);
    assert_eq!(copy["article"]["copies"][0]["attributed"], false);
    assert!(
        rules(&copy).contains(&"untraceable-repost"),
        "{:?}",
        rules(&copy)
    );
    assert_eq!(copy["context"]["untraceable"][0]["article"], "post");

    let credited =
        format!("{HARBOUR}\nAccording to The Washington Post, the owners will meet the mayor.\n");
    let credited = audit_copy_of_the_post(&credited);
    assert_eq!(credited["article"]["copies"][0]["attributed"], true);
    assert!(!rules(&credited).contains(&"untraceable-repost"));
}

#[test]
fn a_json_lines_draft_in_the_folder_it_is_read_against_is_not_its_own_copy() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    let line =
        serde_json::json!({"id": "harbour", "text": HARBOUR, "outlet": "The Washington Post"});
    fs::write(dir.path().join("corpus/post.jsonl"), format!("{line}\n")).unwrap();
    fs::write(dir.path().join("corpus/other.md"), CLICKBAIT).unwrap();
    let args = [
        "audit",
        "corpus/post.jsonl",
        "--against",
        "corpus",
        "--format",
        "json",
    ];
    let json = json(&prov_in(dir.path(), &args));
    assert_eq!(json["against"], 1, "only other.md");
    assert_eq!(json["article"]["copies"], serde_json::json!([]));
}

/// `prov audit DRAFT --against corpus --format FORMAT` in a folder with `files`
/// and `corpus/post.md`, [`HARBOUR`] as The Washington Post published it.
fn audit_against_the_post(files: &[(&str, &str)], draft: &str, format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    let post = format!(
        "+++\noutlet = \"The Washington Post\"\npublished = \"2016-01-01\"\n+++\n{HARBOUR}"
    );
    fs::write(dir.path().join("corpus/post.md"), post).unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let args = ["audit", draft, "--against", "corpus", "--format", format];
    stdout(&prov_in(dir.path(), &args))
}

/// [`HARBOUR`] as an HTML page, each paragraph on a line of its own, with `before`
/// and `after` around the first paragraph.
fn harbour_page(before: &str, after: &str) -> String {
    let paragraphs: Vec<String> = HARBOUR
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.trim()))
        .collect();
    format!(
        "<html><head><title>Fees</title></head><body>\n<h1>Fees</h1>\n{before}{}{after}\n{}\n</body></html>\n",
        paragraphs[0],
        paragraphs[1..].join("\n")
    )
}

#[test]
fn an_html_draft_says_that_its_positions_count_its_extracted_text() {
    let page = harbour_page("", "");
    let files = [("draft.html", page.as_str())];
    let text = audit_against_the_post(&files, "draft.html", "text");
    assert!(text.starts_with(
        "note: draft.html is HTML: lines and columns count the lines of its extracted text (one block element per line, as shown below), not the lines of the file\n\n\
         warning[untraceable-repost]: copies another article's text without crediting its outlet\n  \
         ┌─ draft.html (extracted text):2:1\n"
    ), "{text}");
    let json: Value =
        serde_json::from_str(&audit_against_the_post(&files, "draft.html", "json")).unwrap();
    assert_eq!(
        json["positions"],
        serde_json::json!({"kind": "extracted-text", "file": "draft.html"})
    );
    let sarif: Value =
        serde_json::from_str(&audit_against_the_post(&files, "draft.html", "sarif")).unwrap();
    let repost = sarif_result(&sarif, "untraceable-repost");
    assert_eq!(
        repost["locations"][0],
        serde_json::json!({"physicalLocation": {"artifactLocation": {"uri": "draft.html"}}}),
        "no region: the page's own lines are not known"
    );
    let message = repost["message"]["text"].as_str().unwrap();
    assert!(
        message.ends_with(" (line 2, column 1 of the extracted text)"),
        "{message}"
    );
}

#[test]
fn an_html_comment_marker_silences_the_block_it_ends_or_precedes() {
    let marker = "<!-- prov-ignore untraceable-repost: licensed -->";
    let at_the_end = harbour_page("", &format!(" {marker}"));
    let alone_before = harbour_page(&format!("{marker}\n"), "");
    for page in [at_the_end, alone_before] {
        let json: Value = serde_json::from_str(&audit_against_the_post(
            &[("draft.html", &page)],
            "draft.html",
            "json",
        ))
        .unwrap();
        assert!(!rules(&json).contains(&"untraceable-repost"), "{page}");
        assert_eq!(
            json["suppressed"][0]["rule"], "untraceable-repost",
            "{page}"
        );
        assert_eq!(json["suppressed"][0]["by"]["reason"], "licensed");
    }
    // The comments' "<!--" are not the article's exclamation marks: four markers
    // made `sensational-punctuation` (more than three) fire on the markers.
    let markers = format!("{marker}\n").repeat(4);
    let page = harbour_page(&markers, "");
    let json: Value = serde_json::from_str(&audit_against_the_post(
        &[("draft.html", &page)],
        "draft.html",
        "json",
    ))
    .unwrap();
    assert!(
        !rules(&json).contains(&"sensational-punctuation"),
        "{:?}",
        rules(&json)
    );
}

#[test]
fn a_json_lines_draft_is_located_on_its_line_of_the_file() {
    let line = serde_json::json!({"id": "harbour", "text": HARBOUR, "outlet": "Daily Blog", "published": "2016-01-03"});
    let line = format!("{line}\n");
    let files = [("draft.jsonl", line.as_str())];
    let text = audit_against_the_post(&files, "draft.jsonl", "text");
    assert!(
        text.contains("┌─ draft.jsonl:1 (\"text\" field):1:1\n"),
        "{text}"
    );
    let sarif: Value =
        serde_json::from_str(&audit_against_the_post(&files, "draft.jsonl", "sarif")).unwrap();
    let repost = sarif_result(&sarif, "untraceable-repost");
    assert_eq!(
        repost["locations"][0]["physicalLocation"],
        serde_json::json!({"artifactLocation": {"uri": "draft.jsonl"}, "region": {"startLine": 1}})
    );
    let message = repost["message"]["text"].as_str().unwrap();
    assert!(
        message.ends_with(" (line 1, column 1 of the \"text\" field)"),
        "{message}"
    );
}

#[test]
fn markers_that_cannot_work_or_silence_nothing_are_reported_on_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "A voter said the group was “scared to death of him.” <!-- prov-ignore quote-without-speakr: typo -->\n\n\
        Another voter said it was “all theatre.” <!-- prov-ignore site-chrome: nothing here -->\n\n\
        <!-- prov-ignore missing-date: undated on purpose -->\n";
    fs::write(dir.path().join("draft.md"), text).unwrap();
    let output = prov_in(dir.path(), &["audit", "draft.md", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json = json(&output);
    let findings = json["article"]["findings"].as_array().unwrap();
    let about_markers: Vec<(&str, u64, &str)> = findings
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("suppression-"))
        .map(|f| {
            let rule = f["rule"].as_str().unwrap();
            (
                rule,
                f["line"].as_u64().unwrap(),
                f["detail"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        about_markers,
        [
            (
                "suppression-of-unknown-rule",
                1,
                "no rule is named `quote-without-speakr` (see `prov rules list`)"
            ),
            (
                "suppression-without-line",
                5,
                "missing-date findings have no line; accept them in a baseline"
            ),
            ("suppression-unused", 3, "no site-chrome finding on line 3"),
        ]
    );
    assert!(
        rules(&json).contains(&"quote-without-speaker"),
        "still stands"
    );
    assert!(rules(&json).contains(&"missing-date"), "still stands");
}

#[test]
fn a_baseline_entry_that_accepts_nothing_is_a_note() {
    let dir = draft(|text| format!("{text}\n\n{CLICKBAIT}\n"));
    let written = audit_draft(dir.path(), &["--baseline", "b.json", "--write-baseline"]);
    assert_eq!(written.status.code(), Some(0));
    let text = fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    fs::write(dir.path().join("draft.txt"), text.replace(CLICKBAIT, "")).unwrap();
    let output = audit_draft(dir.path(), &["--baseline", "b.json", "--deny", "warnings"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "a note does not fail the gate"
    );
    let shown = stdout(&output);
    assert!(
        shown.contains("note[baseline-entry-unused]: a baseline entry accepts no finding\n"),
        "{shown}"
    );
    assert!(
        shown.contains(" = note: clickbait 8f6d184203a36803 (“You won't believe”)\n"),
        "{shown}"
    );
}

#[test]
fn the_usage_does_not_show_a_value_for_write_baseline() {
    let output = prov_in(&root(), &["audit", "--write-baseline"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("Usage: prov audit --baseline <FILE> --write-baseline <DRAFT>\n"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn claims_attributed_only_to_anonymous_sources_have_no_named_source() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The harbour authority is weighing new fees, according to officials familiar with the matter.\n\n\
        The mayor said the port would stay open all winter.\n";
    fs::write(dir.path().join("draft.md"), text).unwrap();
    let output = prov_in(dir.path(), &["audit", "draft.md"]);
    let shown = stdout(&output);
    assert!(
        shown.contains(
            "  Claims with no named source:\n    - line 1: The harbour authority is weighing new fees, according to officials familiar with the matte…\n  Quotations"
        ),
        "{shown}"
    );
}

#[test]
fn an_accepted_repost_leaves_no_passage_to_credit_in_what_to_do() {
    let dir = draft(|text| text);
    let copied = "    - lines 4-11 matches 000_30fde9fe001ed933 (Afghan Voice Agency) lines 5-12, verbatim\n";
    assert!(stdout(&audit_draft(dir.path(), &[])).contains(copied));
    audit_draft(dir.path(), &["--baseline", "b.json", "--write-baseline"]);
    let shown = stdout(&audit_draft(dir.path(), &["--baseline", "b.json"]));
    assert!(!shown.contains("matches 000_30fde9fe001ed933"), "{shown}");
    assert!(
        shown.contains("who copied whom is unknown\n"),
        "text shared in an unknown direction stays: {shown}"
    );
}

#[test]
fn a_drafts_control_characters_are_shown_not_sent_to_the_terminal() {
    // The fiction line, with a screen-clearing escape, a window title and a bell
    // on it: the diagnostic still underlines the sentence, and no control byte
    // reaches the output.
    let dir = draft(|text| {
        text + "\n\x1b[2J\x1b]0;pwned\x07 This edited version of the story is fictional.\n"
    });
    let output = audit_draft(dir.path(), &[]);
    let text = stdout(&output);
    assert!(!text.contains(['\x1b', '\x07']), "{text:?}");
    assert!(
        text.contains("?[2J?]0;pwned? This edited version of the story is fictional."),
        "{text}"
    );
    assert!(text.contains("error[self-declared-fiction]"), "{text}");
}

#[test]
fn the_rules_and_baseline_in_use_are_not_read_as_articles_of_the_corpus() {
    // An editor's folder: the draft, the rules and the baseline beside the corpus.
    let dir = draft(|text| text);
    let d = dir.path();
    fs::copy(root().join("rules.toml"), d.join("rules.toml")).unwrap();
    fs::copy(root().join(RETELLING), d.join("001.txt")).unwrap();
    let args = |more: &[&'static str]| {
        let mut all = vec!["audit", "draft.txt", "--against", ".", "--rules"];
        all.extend(["rules.toml", "--baseline", "accepted.json"]);
        all.extend_from_slice(more);
        all
    };
    let written = prov_in(d, &args(&["--write-baseline"]));
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    let output = prov_in(d, &args(&["--format", "json"]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "prov: 2 inputs: 2 scored, 0 skipped\n");
    assert_eq!(json(&output)["against"], 1);
}

/// Regression: a finding on a line of megabytes printed the whole line (10 MB of
/// output for two findings on a 5 MB article).
#[test]
fn a_line_too_long_to_print_is_named_by_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "The harbour stayed open all winter. ".repeat(100);
    let text = format!("Harbour news\n\n{filler}The port will stay open, according to Reuters.\n");
    fs::write(dir.path().join("draft.txt"), text).unwrap();
    let shown = stdout(&prov_in(dir.path(), &["audit", "draft.txt"]));
    assert!(shown.lines().all(|line| line.len() < 500), "{shown}");
    assert!(
        shown.contains(
            "= note: at line 3, column 3626: “according to Reuters” (the line, of 3646 characters, is too long to print)\n"
        ),
        "{shown}"
    );
}
