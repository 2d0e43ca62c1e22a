//! Who copied whom: a repost that hides its source is flagged with the copied
//! passage; one that credits it is not; a changed quotation is quote drift.

mod common;

use common::{article, root, score_json};
use std::fs;

/// A folder with seed 000 as `original.txt` and `copy.txt` made from it by `edit`.
fn with_copy(edit: impl FnOnce(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let original = fs::read_to_string(root().join("seeds/000_30fde9fe001ed933.txt")).unwrap();
    fs::write(dir.path().join("original.txt"), &original).unwrap();
    fs::write(dir.path().join("copy.txt"), edit(&original)).unwrap();
    dir
}

/// Seed 000 without its outlet lead-in and its date line: a scraped repost.
fn stripped(original: &str) -> String {
    let without_outlet = original.replace("Afghan Voice Agency (AVA): ", "");
    without_outlet
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n")
}

fn rules(a: &serde_json::Value) -> Vec<&str> {
    a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

#[test]
fn an_uncredited_verbatim_copy_is_an_untraceable_repost_with_its_passage() {
    let dir = with_copy(stripped);
    let (json, _) = score_json(dir.path(), &["."]);
    let (copy, original) = (article(&json, "copy"), article(&json, "original"));
    let repost = copy["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "untraceable-repost")
        .unwrap();
    assert_eq!(repost["line"], 1);
    assert_eq!(repost["excerpt"], "Story Code : 269840");
    assert_eq!(
        repost["detail"],
        "copied from original (Afghan Voice Agency): 99% of this text, verbatim"
    );
    let copied = &copy["copies"][0];
    assert_eq!(
        (
            copied["of"].as_str(),
            copied["directed"].as_bool(),
            copied["attributed"].as_bool()
        ),
        (Some("original"), Some(true), Some(false))
    );
    assert_eq!(copied["grade"], "verbatim");
    assert_eq!(
        copied["passages"][1],
        serde_json::json!({"lines": [4, 11], "source_lines": [5, 12]})
    );
    assert!(copy["score"].as_u64() < original["score"].as_u64());
    assert!(!rules(original).contains(&"untraceable-repost"));
}

#[test]
fn the_same_copy_crediting_the_outlet_is_not_flagged() {
    let dir = with_copy(|o| stripped(o) + "\nAccording to AVA\n");
    let (json, _) = score_json(dir.path(), &["."]);
    let copy = article(&json, "copy");
    assert_eq!(copy["copies"][0]["attributed"], true);
    assert!(
        !rules(copy).contains(&"untraceable-repost"),
        "{:?}",
        rules(copy)
    );
}

#[test]
fn a_quotation_with_changed_words_is_quote_drift_in_both_articles() {
    let dir = with_copy(|o| {
        o.replace(
            "We are currently consulting, but the details have not been finalized yet.",
            "We are currently consulting, and the details have been finalized already.",
        )
    });
    let (json, _) = score_json(dir.path(), &["."]);
    for id in ["original", "copy"] {
        let a = article(&json, id);
        let drift = a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "quote-drift");
        let drift = drift.unwrap_or_else(|| panic!("{id} has quote drift: {:?}", rules(a)));
        assert_eq!(drift["line"], 7, "{id}");
    }
}
