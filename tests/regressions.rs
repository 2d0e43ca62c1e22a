//! Inputs that once broke prov, found by the fuzz targets in `fuzz/`, kept so
//! they never break it again. Each test names what it guards; the input is the
//! fuzzer's own crash file, in `tests/regressions/`.

use prov::analysis;
use prov::corpus::{self, Document, FrontMatter};
use prov::report::{self, Report};
use prov::settings::Settings;

#[path = "../fuzz/articles.rs"]
mod articles;

/// What the `extract` fuzz target does with its bytes: articles split on 0x1E,
/// the whole pipeline on the built-in rules, and the JSON report.
fn pipeline(bytes: &[u8]) -> serde_json::Value {
    let settings = Settings::builtin();
    let corpus = articles::corpus(bytes);
    let analysis =
        analysis::analyze(corpus, &settings).expect("texts held in memory are always read");
    serde_json::from_str(&report::Json::default().render(&analysis, &settings)).expect("JSON")
}

/// A copied passage whose last byte lies inside a multi-byte character (here
/// U+06DB): the report asked for the line of that byte, and `line_col` sliced
/// the text there and panicked. An offset inside a character now counts as
/// that character.
#[test]
fn a_passage_ending_inside_a_character_has_a_line() {
    let json = pipeline(include_bytes!(
        "regressions/passage_ends_inside_a_character.bin"
    ));
    let copies = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["copies"].as_array().unwrap().clone())
        .count();
    assert!(
        copies >= 1,
        "the input is two articles sharing text: {json}"
    );
}

#[test]
fn line_col_inside_a_character_is_that_character() {
    let doc = Document::new(
        "a".into(),
        "a".into(),
        "ab\nxé!".into(),
        FrontMatter::default(),
    );
    // Byte 5 is inside "é" (bytes 4..6): column 2, the column of "é".
    assert_eq!(doc.line_col(5), (2, 2));
    assert_eq!(doc.line_col(99), (2, 4));
}

/// JSON lines separated by runs of lone carriage returns: every line is one
/// record or one error (the fuzz target's own count was wrong here, and this
/// keeps the loader's side of it fixed).
#[test]
fn json_lines_split_by_carriage_returns_are_each_accounted_for() {
    let bytes = include_bytes!("regressions/json_lines_split_by_carriage_returns.bin");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jsonl");
    std::fs::write(&path, &bytes[1..]).unwrap();
    let loaded = corpus::load(&[path]);
    assert!(loaded.documents.is_empty());
    let errors: Vec<(&str, &str)> = loaded
        .errors
        .iter()
        .map(|e| (e.path.rsplit(':').next().unwrap(), e.error.as_str()))
        .collect();
    // Line 1 is cut by the first lone CR; the blank lines between CRs are not
    // records; the text after the last CR is the last line.
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0], ("1", "bad JSON at column 13: expected `:`"));
    assert!(
        errors[1].1.starts_with("bad JSON at column 1: "),
        "{errors:?}"
    );
}

/// Articles held in memory, each its text and its front matter, through the whole
/// pipeline on the built-in rules: the JSON report's articles, by id.
fn score(articles: &[(&str, &str, FrontMatter)]) -> serde_json::Value {
    let documents = articles
        .iter()
        .map(|(id, text, front)| {
            Document::new(
                id.to_string(),
                format!("{id}.txt"),
                text.to_string(),
                front.clone(),
            )
            .into()
        })
        .collect();
    let corpus = corpus::Corpus {
        documents,
        ..corpus::Corpus::default()
    };
    let settings = Settings::builtin();
    let analysis = analysis::analyze(corpus, &settings).expect("texts held in memory are read");
    let json: serde_json::Value =
        serde_json::from_str(&report::Json::default().render(&analysis, &settings)).expect("JSON");
    let by_id = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a.clone()));
    serde_json::Value::Object(by_id.collect())
}

/// The rules an article's findings name, with their lines.
fn findings(article: &serde_json::Value) -> Vec<(String, Option<u64>)> {
    article["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["line"].as_u64()))
        .collect()
}

/// Real news fired `spin-artefacts` on a quoted chant, an editor's bracket inside a
/// quote, "etc etc", a transcript's stammer and a menu line; a spinner's doubled
/// function word in the article's own words still counts.
#[test]
fn spin_artefacts_spare_quotes_reduplication_transcripts_and_menus() {
    let clean = "Opponents chanted, “Hey hey, ho ho, white supremacy has got to go.”\n\
                 He said the plant \"(has) much higher THC levels,\" and someone made a boo boo.\n\
                 We are getting rid of the state lines, etc etc.\n\
                 CHIARELLI: But but, we know that the drugs are cleared.\n\
                 All Types of Tables Distribution Tables by Dollar Income Class\n";
    let spun = "The bodies were were preserved in freezers.\n";
    let json = score(&[
        ("clean", clean, FrontMatter::default()),
        ("spun", spun, FrontMatter::default()),
    ]);
    let spin = |id: &str| {
        findings(&json[id])
            .into_iter()
            .filter(|(rule, _)| rule == "spin-artefacts")
            .collect::<Vec<_>>()
    };
    assert_eq!(spin("clean"), []);
    assert_eq!(spin("spun"), [("spin-artefacts".to_string(), Some(1))]);
}

fn from_url(url: &str) -> FrontMatter {
    FrontMatter {
        url: Some(url.into()),
        ..FrontMatter::default()
    }
}

/// "told BBC News" on bbc.com, "told WFPL" on wfpl.org and "WASHINGTON (Reuters) -"
/// on reuters.com counted the publisher as its own source (and Reuters as its own
/// wire credit): a publisher citing itself is neither.
#[test]
fn a_publisher_is_not_its_own_source_nor_its_own_wire() {
    let json = score(&[
        (
            "bbc",
            "Voters spoke.\nHe told BBC News the bridge would open.\n",
            from_url("http://www.bbc.com/news/a"),
        ),
        (
            "wfpl",
            "Voters spoke.\nHe told WFPL the bridge would open.\n",
            from_url("http://wfpl.org/post/a"),
        ),
        (
            "reuters",
            "WASHINGTON (Reuters) - The Senate voted on Tuesday, Reuters reported.\n",
            from_url("http://www.reuters.com/article/a"),
        ),
    ]);
    for id in ["bbc", "wfpl", "reuters"] {
        assert_eq!(json[id]["citations"], serde_json::json!([]), "{id}");
        assert_eq!(json[id]["wire"], serde_json::Value::Null, "{id}");
        assert!(
            !findings(&json[id])
                .iter()
                .any(|(rule, _)| rule == "wire-credit"),
            "{id}"
        );
    }
}

/// "a senior White House official told reporters" was a named source: the role's
/// match starts at "White", after "a senior", so no determiner showed it unnamed
/// (politifact14544 and about fifteen more PolitiFact pages).
#[test]
fn an_official_with_no_name_is_an_anonymous_source() {
    let json = score(&[(
        "unnamed",
        "“Prices will rise,” officials said.\n\n“We are ready,” a senior White House official told reporters.\n",
        FrontMatter::default(),
    )]);
    let signals = &json["unnamed"]["signals"];
    assert_eq!(signals["named_sources"], 0.0);
    assert_eq!(signals["anonymous_sources"], 2.0);
    assert_eq!(
        signals["anonymous_only"], 1.0,
        "anonymous speakers name no one"
    );
}

/// `unsourced` ("attributes nothing to any source") fired beside a quotation whose
/// speaker prov itself named: 66 of PolitiFact's real articles. A speaker is not
/// counted as a named source, but the article does attribute what it quotes.
#[test]
fn a_quotation_given_to_someone_is_attribution() {
    let json = score(&[
        (
            "quoted",
            "“We will win,” Jane Smith said.\n",
            FrontMatter::default(),
        ),
        (
            "bare",
            "We will win, the campaign believes.\n",
            FrontMatter::default(),
        ),
        (
            "headline",
            "“Clinton will be arrested,” said a Dec. 25 headline.\n",
            FrontMatter::default(),
        ),
    ]);
    assert_eq!(json["quoted"]["signals"]["unsourced"], 0.0);
    assert_eq!(json["quoted"]["signals"]["named_sources"], 0.0);
    assert_eq!(json["bare"]["signals"]["unsourced"], 1.0);
    // A speaker search also finds words that name no one ("Dec"): only a name of
    // two capitalised words or more counts.
    assert_eq!(json["headline"]["signals"]["unsourced"], 1.0);
}

/// A standalone dated article was its own story's earliest report, and so got
/// `reaches-origin` (+5) with only anonymous sources; 206 unsourced PolitiFact
/// articles did the same through their shared publisher.
#[test]
fn an_article_is_not_its_own_origins_citation_path() {
    let dated = FrontMatter {
        outlet: Some("Daily Blog".into()),
        published: Some("2016-01-03".into()),
        ..FrontMatter::default()
    };
    let json = score(&[
        (
            "draft",
            "Officials who spoke on condition of anonymity said the video was new.\n",
            dated.clone(),
        ),
        ("other", "Data not available.\n", dated),
    ]);
    for id in ["draft", "other"] {
        let rules: Vec<String> = findings(&json[id]).into_iter().map(|(r, _)| r).collect();
        assert!(
            !rules.contains(&"reaches-origin".to_string()),
            "{id}: {rules:?}"
        );
        assert_eq!(json[id]["signals"]["reaches_origin"], 0.0, "{id}");
    }
}

/// The built-in clickbait phrases matched "You won't believe" but not "You won’t
/// believe", with the curly apostrophe that most news text (and the seeds) use.
#[test]
fn clickbait_phrases_match_either_apostrophe() {
    let json = score(&[
        (
            "curly",
            "You won’t believe what the mayor did.\n",
            FrontMatter::default(),
        ),
        (
            "straight",
            "You won't believe what the mayor did.\n",
            FrontMatter::default(),
        ),
    ]);
    for id in ["curly", "straight"] {
        assert!(
            findings(&json[id]).contains(&("clickbait".to_string(), Some(1))),
            "{id}"
        );
    }
}
