//! Tests of the whole reuse stage on the seed story: what `find_copies` reports
//! for copies made from the seeds, with their grades, passages and directions.

use super::*;
use crate::corpus::{Document, FrontMatter};

fn seed(prefix: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let entry = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(entry).unwrap()
}

fn doc(id: &str, text: String) -> Document {
    Document::new(id.into(), format!("{id}.txt"), text, FrontMatter::default())
}

/// [`find_copies`] on documents held in memory.
fn copies(
    docs: &[Document],
    published: &[Option<NaiveDate>],
    params: &ReuseParams,
) -> Vec<CopyPair> {
    let entries: Vec<Entry> = docs.iter().cloned().map(Entry::from).collect();
    let chrome: Vec<_> = docs.iter().map(crate::extract::chrome_lines).collect();
    find_copies(&entries, &chrome, published, params).expect("held texts are always read")
}

fn seeds() -> Vec<Document> {
    ["000", "001", "002", "003", "004"]
        .iter()
        .map(|s| doc(s, seed(s)))
        .collect()
}

/// Seed 002 with every eighth word replaced: many short identical runs, none long.
fn lightly_edited_002() -> String {
    let text = seed("002");
    let mut out = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(if i % 8 == 7 { "changed" } else { word });
    }
    out
}

fn line_range(d: &Document, span: &Span) -> ((usize, usize), (usize, usize)) {
    (d.line_col(span.start), d.line_col(span.end))
}

fn date(s: &str) -> Option<NaiveDate> {
    Some(s.parse().unwrap())
}

#[test]
fn a_verbatim_copy_without_the_outlet_name_is_found_with_its_passages() {
    let original = seed("000");
    let copy = original.replacen("Afghan Voice Agency (AVA): ", "", 1);
    let docs = [doc("copy", copy), doc("000", original)];
    let pairs = copies(&docs, &[], &ReuseParams::default());
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    assert_eq!((pair.copier, pair.source, pair.directed), (0, 1, false));
    assert_eq!(pair.grade, ReuseGrade::Verbatim);
    assert!(pair.containment > 0.99 && pair.containment_of_source > 0.98);
    // Lines 1–4 are identical; line 5 lost its first four words in the copy, so the
    // second passage starts at column 28 of the source's line 5, and runs to the end
    // of the text on line 12: lines 13–15 are site chrome, which is not compared.
    let ranges: Vec<_> = pair
        .passages
        .iter()
        .map(|p| {
            (
                line_range(&docs[0], &p.copier),
                line_range(&docs[1], &p.source),
            )
        })
        .collect();
    assert_eq!(
        ranges,
        [
            (((1, 1), (4, 201)), ((1, 1), (4, 201))),
            (((5, 1), (12, 263)), ((5, 28), (12, 263))),
        ]
    );
    assert!(docs[1].text[pair.passages[1].source.clone()].starts_with("In an interview with CNN"));
}

#[test]
fn a_lightly_edited_copy_is_graded_light() {
    let docs = [doc("002", seed("002")), doc("edited", lightly_edited_002())];
    let pairs = copies(&docs, &[], &ReuseParams::default());
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    assert_eq!(pair.grade, ReuseGrade::Light);
    // One word in eight changed breaks three shingles in eight: about 5/8 contained.
    assert_eq!(format!("{:.3}", pair.containment), "0.637");
    assert_eq!(pair.containment, pair.containment_of_source);
    assert_eq!(pair.longest_run, 10);
    // The runs between changed words merge into passages covering nearly all the copy.
    let covered: usize = pair.passages.iter().map(|p| p.copier.len()).sum();
    assert_eq!(
        format!("{:.2}", covered as f64 / docs[0].text.len() as f64),
        "1.00"
    );
}

#[test]
fn the_seeds_that_share_no_text_are_not_paired() {
    // 000, 001 and 002 all retell CNN's interview and share some sentences;
    // 003 (a fictional rewrite) and 004 (a Vietnamese re-post) share no run of text
    // with anything long enough to count.
    let pairs = copies(&seeds(), &[], &ReuseParams::default());
    let found: Vec<_> = pairs
        .iter()
        .map(|p| (p.copier, p.source, p.directed, p.grade))
        .collect();
    assert_eq!(
        found,
        [
            (0, 1, false, ReuseGrade::Heavy),
            (0, 2, false, ReuseGrade::Heavy),
            (1, 2, false, ReuseGrade::Heavy),
        ]
    );
}

#[test]
fn two_pages_that_share_only_their_site_chrome_are_not_copies() {
    let chrome = "Share this:\nFacebook\nTwitter\nWhatsApp\nRelated\nYou May Also Like\n\
        Post a comment\nYour Name\nYour Email\nSource link\nExit mobile version\n";
    let page = |story: &str| format!("{story}\n\n{chrome}");
    let docs = [
        doc(
            "park",
            page("The council voted on Tuesday to fund a new park, the mayor said."),
        ),
        doc(
            "match",
            page("The under-16 squad beat its rivals 3-1 on Sunday, its coach said."),
        ),
    ];
    assert!(copies(&docs, &[], &ReuseParams::default()).is_empty());
    // The same chrome after the same story: a copy, whose passage ends with the story.
    let story = "The council voted on Tuesday to fund a new park in the east district.";
    let docs = [doc("a", page(story)), doc("b", page(story))];
    let pairs = copies(&docs, &[], &ReuseParams::default());
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].passages.len(), 1);
    let passage = &docs[0].text[pairs[0].passages[0].copier.clone()];
    assert_eq!(passage, story.trim_end_matches('.'));
}

#[test]
fn the_later_document_copies_the_earlier() {
    let original = seed("000");
    let docs = [doc("a", original.clone()), doc("b", original)];
    let params = ReuseParams::default();
    let later_first = copies(&docs, &[date("2023-05-12"), date("2023-05-11")], &params);
    assert_eq!((later_first[0].copier, later_first[0].source), (0, 1));
    assert!(later_first[0].directed);
    let later_second = copies(&docs, &[date("2023-05-11"), date("2023-05-12")], &params);
    assert_eq!((later_second[0].copier, later_second[0].source), (1, 0));
    // One date, or two equal dates, say nothing; identical texts then stay undirected.
    let one_date = copies(&docs, &[date("2023-05-11")], &params);
    assert_eq!((one_date[0].copier, one_date[0].directed), (0, false));
}

#[test]
fn without_dates_the_contained_document_is_the_copier() {
    let full = seed("002");
    // Four paragraphs of the article body (of about twenty).
    let excerpt: String = full
        .lines()
        .filter(|l| l.split_whitespace().count() > 8)
        .take(4)
        .collect::<Vec<_>>()
        .join("\n");
    let docs = [doc("002", full), doc("excerpt", excerpt)];
    let pairs = copies(&docs, &[], &ReuseParams::default());
    assert_eq!(pairs.len(), 1);
    let pair = &pairs[0];
    assert_eq!((pair.copier, pair.source, pair.directed), (1, 0, true));
    assert_eq!(pair.containment, 1.0);
    assert!(
        pair.containment_of_source < 0.5,
        "{}",
        pair.containment_of_source
    );
    assert_eq!(pair.grade, ReuseGrade::Verbatim);
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let mut docs = seeds();
    docs.push(doc(
        "copy",
        seed("000").replacen("Afghan Voice Agency (AVA): ", "", 1),
    ));
    docs.push(doc("edited", lightly_edited_002()));
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| copies(&docs, &[], &ReuseParams::default()))
    };
    let one = run(1);
    assert_eq!(one.len(), 8);
    assert_eq!(one, run(2));
}

#[test]
fn verification_reads_a_story_once_and_a_large_one_by_blocks() {
    // A story of three small texts (0, 1, 2), and text 111 paired with ten others of an
    // eighth of what a group holds each: a story of eleven, cut into blocks of four
    // (11-14, 15-18, 19, 20 and 111).
    let mut sizes = vec![1_000; 112];
    sizes[11..=20].fill(HELD_BYTES / 8);
    sizes[111] = HELD_BYTES / 8;
    let mut candidates = vec![(0, 1), (0, 2), (1, 2)];
    candidates.extend((11..21).map(|a| (a, 111)));
    let groups = verification_groups(candidates.clone(), &sizes);
    let star = |from: u32, to: u32| (from..to).map(|a| (a, 111)).collect::<Vec<_>>();
    let mut expected = vec![
        vec![(0, 1), (0, 2), (1, 2)],
        star(11, 15),
        star(15, 19),
        star(19, 21),
    ];
    let mut found = groups.clone();
    found.sort_unstable();
    expected.sort_unstable();
    assert_eq!(found, expected);
    for group in &groups {
        let mut texts: Vec<u32> = group.iter().flat_map(|&(a, b)| [a, b]).collect();
        texts.sort_unstable();
        texts.dedup();
        assert!(texts.iter().map(|&t| sizes[t as usize]).sum::<usize>() <= HELD_BYTES);
    }
}
