//! Outlet ratings from raters' tables: `prov outlets import` writes an outlets
//! file or nothing, `prov outlets show` puts the raters side by side, and an
//! article whose URL names an outlet starts from that outlet's prior.

mod common;

use common::{prov_in, root, stderr, stdout};
use prov::extract::{Clue, Found};
use prov::score::{Start, start};
use prov::settings::Settings;
use std::fs;
use std::path::Path;

const MBFC: &str = "source,country,bias,factual_reporting,media_type\n\
www.reuters.com,uk,least biased,very high,news agency\n\
example-news.com,usa,left,mixed,website\n";

const LIN: &str = "domain,pc1,afm\n\
reuters.com,1,0.9\n\
example-news.com,0.9,0.8\n\
https://web.archive.org/web/2019/https://www.Archived.org/,0.5,0.5\n";

/// `prov outlets show TARGET` with both imported files (and `extra` arguments).
fn show_both(dir: &Path, target: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["outlets", "show", target];
    args.extend_from_slice(extra);
    args.extend(["--outlets", "mbfc.toml", "--outlets", "lin.toml"]);
    prov_in(dir, &args)
}

/// A folder with both rating tables, imported into `mbfc.toml` and `lin.toml`.
fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("mbfc.csv"), MBFC).unwrap();
    fs::write(d.join("lin.csv"), LIN).unwrap();
    let out = prov_in(
        d,
        &[
            "outlets",
            "import",
            "mbfc.csv",
            "--format",
            "mbfc",
            "--out",
            "mbfc.toml",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = prov_in(
        d,
        &[
            "outlets", "import", "lin.csv", "--format", "lin2023", "--date", "2023", "--out",
            "lin.toml",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

#[test]
fn show_lists_every_rater_the_combined_prior_and_marks_disagreement() {
    let dir = imported();
    let out = show_both(dir.path(), "https://www.example-news.com/a", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out), @r#"
    example-news.com (online): example-news.com
    ╭─────────┬───────────┬──────────────────┬───────┬───────╮
    │ rater   ┆ list date ┆ domain           ┆ rated ┆ score │
    ╞═════════╪═══════════╪══════════════════╪═══════╪═══════╡
    │ mbfc    ┆ unknown   ┆ example-news.com ┆ mixed ┆ 45    │
    │ lin2023 ┆ 2023      ┆ example-news.com ┆ 0.9   ┆ 90    │
    ╰─────────┴───────────┴──────────────────┴───────┴───────╯
    prior: 67.5 (prior-combination = "mean": the mean over raters)
    disagree on example-news.com: the raters differ by 45 points, more than 25
    "#);
}

#[test]
fn imported_ratings_merge_into_the_registry_outlet_of_the_same_domain() {
    let dir = imported();
    let out = show_both(dir.path(), "reuters.com", &[]);
    let text = stdout(&out);
    assert!(text.starts_with("Reuters (wire): reuters.com\n"), "{text}");
    assert!(
        text.contains("│ mbfc    ┆ unknown   ┆ reuters.com ┆ very high ┆ 100   │"),
        "{text}"
    );
    assert!(
        text.contains("│ lin2023 ┆ 2023      ┆ reuters.com ┆ 1         ┆ 100   │"),
        "{text}"
    );
    assert!(
        text.contains("prior: 100 (explicit `prior` in the rules"),
        "{text}"
    );
    assert!(
        text.contains("agree on reuters.com: the raters differ by 0 points, at most 25"),
        "{text}"
    );
}

#[test]
fn a_cautious_newsroom_takes_the_lowest_rater() {
    let dir = imported();
    let rules = fs::read_to_string(root().join("rules.toml"))
        .unwrap()
        .replace(
            "prior-combination = \"mean\"",
            "prior-combination = \"min\"",
        );
    fs::write(dir.path().join("rules.toml"), rules).unwrap();
    let out = show_both(dir.path(), "example-news.com", &["--rules", "rules.toml"]);
    assert!(
        stdout(&out).contains("prior: 45 (prior-combination = \"min\": the lowest rater)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_outlets_file_states_its_mapping_and_unwraps_archived_domains() {
    let dir = imported();
    let mbfc = fs::read_to_string(dir.path().join("mbfc.toml")).unwrap();
    assert!(mbfc.contains("# Scale mapping: very high = 100, high = 80, mostly factual = 65, mixed = 45, low = 20, very low = 0."));
    let lin = fs::read_to_string(dir.path().join("lin.toml")).unwrap();
    assert!(lin.contains("# Scale mapping: score = 100 × (value − 0) / (1 − 0), rounded to 0.1."));
    assert!(
        lin.contains("name = \"archived.org\"\ndomains = [\"archived.org\"]\n"),
        "{lin}"
    );
}

/// Each malformed table, the line its problem is reported at, and the message.
#[test]
fn a_malformed_table_is_reported_by_line_and_nothing_is_written() {
    let cases = [
        (
            "missing column",
            "domain,score\na.com,0.5\n",
            "t.csv:1: no column `pc1` in the header",
        ),
        (
            "non-numeric",
            "domain,pc1\na.com,0.5\nb.com,n/a\n",
            "t.csv:3: `pc1`: `n/a` is not a number",
        ),
        (
            "duplicate domain",
            "domain,pc1\na.com,0.5\nwww.a.com,0.7\n",
            "t.csv:3: `a.com` is rated differently on several lines (line 2 `0.5`, line 3 `0.7`)",
        ),
        (
            "extra column",
            "domain,pc1\nfoo.com,0.5,extra\n",
            "t.csv:2: the row has 3 fields where the header has 2",
        ),
        (
            "unclosed quote",
            "domain,pc1\nfoo.com,0.5\n\"bar.com,0.3\nbaz.com,0.4\n",
            "t.csv:3: a quote opened on this line is never closed, so the rest of the table reads as one field",
        ),
    ];
    for (what, table, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("t.csv"), table).unwrap();
        let out = prov_in(
            d,
            &[
                "outlets", "import", "t.csv", "--format", "lin2023", "--out", "out.toml",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{what}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("prov: error: {expected}")),
            "{what}: {err}"
        );
        assert!(err.contains("nothing was written"), "{what}: {err}");
        let written: Vec<_> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            written.len(),
            1,
            "{what}: only the table is there: {written:?}"
        );
    }
}

#[test]
fn an_output_that_cannot_be_written_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("t.csv"), "source,factual_reporting\nfoo.com,high\n").unwrap();
    let out = prov_in(
        d,
        &[
            "outlets",
            "import",
            "t.csv",
            "--format",
            "mbfc",
            "--out",
            "no/such/dir/o.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "prov: error: cannot write no/such/dir/o.toml: No such file or directory (os error 2)\n"
    );
}

#[test]
fn a_failed_import_leaves_an_existing_outlets_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("t.csv"), "domain,pc1\na.com,high\n").unwrap();
    fs::write(d.join("out.toml"), "# mine\n").unwrap();
    let out = prov_in(
        d,
        &[
            "outlets", "import", "t.csv", "--format", "lin2023", "--out", "out.toml", "--force",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(d.join("out.toml")).unwrap(), "# mine\n");
}

#[test]
fn a_generic_csv_needs_its_columns_and_scale_and_maps_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("t.csv"), "site,stars\nnews.example,4\n").unwrap();
    let args = [
        "outlets",
        "import",
        "t.csv",
        "--format",
        "csv",
        "--rater",
        "stars",
        "--domain-column",
        "site",
        "--score-column",
        "stars",
        "--out",
        "o.toml",
    ];
    let out = prov_in(d, &args);
    assert!(stderr(&out).contains("--format csv needs --scale MIN..MAX"));
    let mut with_scale = args.to_vec();
    with_scale.extend(["--scale", "1..5"]);
    let out = prov_in(d, &with_scale);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = fs::read_to_string(d.join("o.toml")).unwrap();
    assert!(file.contains("ratings = [{ rater = \"stars\", date = \"unknown\", domain = \"news.example\", score = 75, raw = \"4\" }]"), "{file}");
}

#[test]
fn a_bad_outlets_file_is_refused_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "[[outlet]]\nname = \"x.com\"\ndomains = [\"x.com\"]\nratings = [{ rater = \"r\", date = \"2020\", score = 140 }]\n";
    fs::write(d.join("bad.toml"), text).unwrap();
    let out = prov_in(d, &["outlets", "show", "x.com", "--outlets", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "bad.toml:4:50: a rating's `score` must be a number from 0 to 100, found 140"
        ),
        "{}",
        stderr(&out)
    );
}

/// The scoring step alone: a publisher known from the URL's domain starts the score
/// from its prior, and the same name only claimed by the text does not. (The whole
/// path from a front-matter URL is `a_front_matter_url_on_cnn_com_…` below.)
/// A publisher name found in an article's URL.
fn from_url(name: &str) -> Found<String> {
    Found {
        value: name.to_string(),
        clue: Clue::UrlDomain,
        span: None,
    }
}

#[test]
fn an_article_from_cnn_com_starts_from_cnns_prior() {
    let settings = Settings::builtin();
    let cnn = settings.registry.by_domain("https://www.cnn.com/x");
    let clue = from_url("CNN");
    assert_eq!(
        start(cnn, Some(&clue), &settings),
        Start::Prior {
            outlet: "CNN".into(),
            value: 66.0
        }
    );
    let claimed = Found {
        clue: Clue::Text,
        ..clue
    };
    assert_eq!(
        start(cnn, Some(&claimed), &settings),
        Start::Base { value: 50.0 }
    );
}

#[test]
fn an_imported_outlet_lends_its_combined_prior() {
    let dir = imported();
    let mut settings = Settings::builtin();
    for file in ["mbfc.toml", "lin.toml"] {
        let text = fs::read_to_string(dir.path().join(file)).unwrap();
        settings.add_outlets(&text, file).unwrap();
    }
    let outlet = settings.registry.by_domain("http://example-news.com/story");
    let clue = from_url("example-news.com");
    assert_eq!(
        start(outlet, Some(&clue), &settings),
        Start::Prior {
            outlet: "example-news.com".into(),
            value: 67.5
        }
    );
    assert_eq!(
        settings.source,
        "rules.toml (built in) + mbfc.toml + lin.toml"
    );
}

/// The real tables in `../shared` (not part of the repository): skipped on a fresh clone.
#[test]
fn both_real_tables_import_and_show_reuters() {
    let data = root().join("../shared/data/outlets");
    if !data.join("mbfc.csv").exists() {
        eprintln!("skipped: no {}", data.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let import = |table: &Path, format: &str, date: &str, out: &str| {
        let table = table.to_str().unwrap();
        let args = [
            "outlets",
            "import",
            table,
            "--format",
            format,
            "--date",
            date,
            "--duplicates",
            "lowest",
            "--out",
            out,
        ];
        let output = prov_in(d, &args);
        assert!(output.status.success(), "{}", stderr(&output));
    };
    import(&data.join("mbfc.csv"), "mbfc", "unknown", "mbfc.toml");
    import(
        &data.join("domain_ratings.csv"),
        "lin2023",
        "2023",
        "lin.toml",
    );
    let out = show_both(d, "reuters.com", &[]);
    let text = stdout(&out);
    assert!(
        text.contains("│ mbfc    ┆ unknown   ┆ reuters.com ┆ very high ┆ 100   │"),
        "{text}"
    );
    assert!(
        text.contains("│ lin2023 ┆ 2023      ┆ reuters.com ┆ 1         ┆ 100   │"),
        "{text}"
    );
    assert!(text.contains("prior: 100"), "{text}");
}

#[test]
fn a_front_matter_url_on_cnn_com_starts_the_score_from_cnns_prior() {
    let dir = tempfile::tempdir().unwrap();
    let article = "+++\nurl = \"https://www.cnn.com/2023/05/10/asia/japan-nato-office\"\n+++\n\
                   Japan is in talks to open a NATO liaison office, the foreign minister told CNN.\n";
    std::fs::write(dir.path().join("cnn.md"), article).unwrap();
    let (json, _) = common::score_json(dir.path(), &["cnn.md"]);
    let scored = &json["articles"][0];
    assert_eq!(scored["outlet"], "CNN");
    assert_eq!(
        scored["start"],
        serde_json::json!({"from": "prior", "outlet": "CNN", "value": 66.0})
    );
}

/// An outlets file that names one domain for two outlets, or one outlet twice,
/// used to load silently, merged into the first: `Bar` vanished and its rating
/// went to `Foo`.
#[test]
fn an_outlets_file_with_a_domain_or_name_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "[[outlet]]\nname = \"Foo\"\ndomains = [\"foo.com\"]\nprior = 90\n\n\
                [[outlet]]\nname = \"Bar\"\ndomains = [\"foo.com\"]\nprior = 10\n\n\
                [[outlet]]\nname = \"Foo\"\ndomains = [\"foo2.com\"]\nprior = 20\n";
    fs::write(d.join("dup.toml"), text).unwrap();
    let out = prov_in(d, &["outlets", "show", "Bar", "--outlets", "dup.toml"]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&out));
}

/// Two raters whose averages over an outlet's two domains are equal can still
/// disagree on each domain: the verdict compares the rows shown, domain by domain.
#[test]
fn show_compares_raters_on_the_same_domain() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "[[outlet]]\nname = \"Two Sites\"\ndomains = [\"a.example\", \"b.example\"]\nratings = [\n\
                { rater = \"r1\", date = \"2020\", domain = \"a.example\", score = 20 },\n\
                { rater = \"r2\", date = \"2020\", domain = \"a.example\", score = 50 },\n\
                { rater = \"r1\", date = \"2020\", domain = \"b.example\", score = 80 },\n\
                { rater = \"r2\", date = \"2020\", domain = \"b.example\", score = 60 },\n]\n";
    fs::write(d.join("two.toml"), text).unwrap();
    let out = prov_in(
        d,
        &["outlets", "show", "a.example", "--outlets", "two.toml"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out), @r#"
    Two Sites (other): a.example, b.example
    ╭───────┬───────────┬───────────┬───────┬───────╮
    │ rater ┆ list date ┆ domain    ┆ rated ┆ score │
    ╞═══════╪═══════════╪═══════════╪═══════╪═══════╡
    │ r1    ┆ 2020      ┆ a.example ┆       ┆ 20    │
    │ r2    ┆ 2020      ┆ a.example ┆       ┆ 50    │
    │ r1    ┆ 2020      ┆ b.example ┆       ┆ 80    │
    │ r2    ┆ 2020      ┆ b.example ┆       ┆ 60    │
    ╰───────┴───────────┴───────────┴───────┴───────╯
    prior: 52.5 (prior-combination = "mean": the mean over raters)
    disagree on a.example: the raters differ by 30 points, more than 25
    agree on b.example: the raters differ by 20 points, at most 25
    "#);
}

/// Regression: when two files gave one outlet different explicit priors, the
/// first was used and the other dropped without a word. Now each prior set aside
/// is named at its line, with the one used; an equal prior is no conflict.
#[test]
fn a_prior_set_aside_by_an_earlier_file_is_named_with_the_one_used() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ours = "[[outlet]]\nname = \"Daily Planet\"\ndomains = [\"dailyplanet.com\"]\nprior = 40\n\n\
                [[outlet]]\nname = \"Cable News Network\"\ndomains = [\"cnn.com\"]\nprior = 30\n";
    let theirs = "[[outlet]]\nname = \"The Daily Planet\"\ndomains = [\"dailyplanet.com\"]\n\
                  kind = \"newspaper\"\nprior = 90\n\n\
                  [[outlet]]\nname = \"CNN\"\nprior = 66\n";
    fs::write(d.join("ours.toml"), ours).unwrap();
    fs::write(d.join("theirs.toml"), theirs).unwrap();
    let args = [
        "outlets",
        "show",
        "dailyplanet.com",
        "--outlets",
        "ours.toml",
        "--outlets",
        "theirs.toml",
    ];
    let out = prov_in(d, &args);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "prov: warning: ours.toml:9: prior 30 for `CNN` is not used: line 86 of rules.toml (built in) gives it 66 first\n\
         prov: warning: theirs.toml:5: prior 90 for `Daily Planet` is not used: line 4 of ours.toml gives it 40 first\n"
    );
    assert!(stdout(&out).contains("prior: 40 "), "{}", stdout(&out));
}
