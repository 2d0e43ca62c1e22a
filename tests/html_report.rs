//! `prov report --out FILE.html`: what the page holds, that it loads nothing
//! from the network, and that text from the corpus cannot become markup.

mod common;

use common::{prov_in, root, stderr};
use std::path::Path;

const SEED_IDS: [&str; 5] = [
    "000_30fde9fe001ed933",
    "001_e7a9e3d448b427a1",
    "002_f40a1664c5cdecd9",
    "003_fa223e60b4ee97ca",
    "004_1aeeccb6f13d94ad",
];

/// Run `prov report PATH --out DIR/report.html` and read the page.
fn report(input: &Path, out_dir: &Path) -> (String, std::process::Output) {
    let out = out_dir.join("report.html");
    let output = prov_in(
        &root(),
        &[
            "report",
            input.to_str().expect("UTF-8 path"),
            "--out",
            out.to_str().expect("UTF-8 path"),
        ],
    );
    let html = std::fs::read_to_string(&out)
        .unwrap_or_else(|e| panic!("no report written ({e}); stderr: {}", stderr(&output)));
    (html, output)
}

#[test]
fn the_seeds_report_has_a_table_row_per_article_and_the_graph() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (html, output) = report(&root().join("seeds"), dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let shown = dir.path().join("report.html").display().to_string();
    assert!(
        stderr(&output).contains(&format!("prov: wrote {shown} (5 articles)")),
        "{}",
        stderr(&output)
    );
    assert!(html.starts_with("<!DOCTYPE html>"));
    let table = &html[html
        .find("<table class=\"reliability\">")
        .expect("the table")..];
    let table = &table[..table.find("</table>").expect("the table ends")];
    for id in SEED_IDS {
        assert!(
            table.contains(&format!("\">{id}</a></td>")),
            "no table row for {id}"
        );
        assert!(
            html.contains(&format!("</span> {id}</h3>")),
            "no section for {id}"
        );
    }
    assert!(
        html.contains("<svg class=\"graph\""),
        "the graph is inline SVG"
    );
    assert!(html.contains("<h2>Story origins</h2>"));
    // 003 cites only Nikkei: of the story's five articles, one does not reach CNN.
    assert!(html.contains("<li class=\"note\">1 article of the story does not reach it.</li>"));
}

#[test]
fn the_report_loads_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (html, _) = report(&root().join("seeds"), dir.path());
    let lower = html.to_lowercase();
    // An SVG's xmlns names a namespace and loads nothing; every attribute that
    // does load (src, href, srcset, action, CSS url() and @import) must stay local.
    for attribute in ["src=", "href=", "srcset=", "action=", "url(", "@import"] {
        for (at, _) in lower.match_indices(attribute) {
            let value = lower[at + attribute.len()..].trim_start_matches(['"', '\'', ' ']);
            assert!(
                !value.starts_with("http:")
                    && !value.starts_with("https:")
                    && !value.starts_with("//"),
                "a network load: {}",
                &html[at..(at + 80).min(html.len())]
            );
        }
    }
    for tag in ["<script", "<link", "<iframe", "<img", "<object", "<embed"] {
        assert!(!lower.contains(tag), "the report has a {tag} element");
    }
}

#[test]
fn a_hostile_title_and_id_stay_text() {
    let input = tempfile::tempdir().expect("temp dir");
    let out = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        input.path().join("<img onerror=alert(1)>.md"),
        "+++\ntitle = \"<script>alert('title')</script> & more\"\noutlet = \"Bad \\\"Outlet\\\"\"\n+++\n\
         NATO will open an office in Tokyo, the Nikkei reported.\n",
    )
    .expect("write the article");
    let (html, output) = report(input.path(), out.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!html.contains("<script"), "a title became a script element");
    assert!(!html.contains("<img"), "an id became an img element");
    assert!(html.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; more"));
    assert!(html.contains("&lt;img onerror=alert(1)&gt;"));
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, _) = report(&root().join("seeds"), first.path());
    let (b, _) = report(&root().join("seeds"), second.path());
    assert_eq!(a, b);
}

#[test]
fn an_unwritable_out_file_is_an_error() {
    let output = prov_in(
        &root(),
        &["report", "seeds", "--out", "/nonexistent-dir/report.html"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("prov: error: cannot write /nonexistent-dir/report.html"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn out_is_required() {
    let output = prov_in(&root(), &["report", "seeds"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--out <FILE>"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_report_of_one_article_says_one_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (html, _) = report(
        &root().join(format!("seeds/{}.txt", SEED_IDS[3])),
        dir.path(),
    );
    assert!(
        html.contains("<title>prov report: 1 article</title>"),
        "{html}"
    );
    assert!(html.contains("<p class=\"meta\">1 article, 0 inputs skipped."));
}

/// Regression: a report written into the folder it reads was read back as a
/// sixth article of the seeds (and refused as an unsupported file type) on the
/// next run.
#[test]
fn a_report_written_into_its_folder_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    for id in SEED_IDS {
        let name = format!("{id}.txt");
        std::fs::copy(root().join("seeds").join(&name), dir.path().join(name)).unwrap();
    }
    for _ in 0..2 {
        let output = prov_in(dir.path(), &["report", "--out", "report.html"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(
            stderr(&output),
            "prov: 5 inputs: 5 scored, 0 skipped\nprov: wrote report.html (5 articles)\n"
        );
    }
}

/// Regression: a report written into the folder of articles was scored as an
/// article by the next run over that folder (5 F, and a copy of 001 and 003).
#[test]
fn a_walk_passes_over_a_report_prov_wrote() {
    let dir = tempfile::tempdir().expect("temp dir");
    for seed in std::fs::read_dir(root().join("seeds")).unwrap() {
        let seed = seed.unwrap().path();
        std::fs::copy(&seed, dir.path().join(seed.file_name().unwrap())).unwrap();
    }
    let (_, output) = report(dir.path(), dir.path());
    assert!(output.status.success());
    let scored = prov_in(dir.path(), &["score", "."]);
    assert_eq!(
        stderr(&scored),
        "prov: 5 inputs: 5 scored, 0 skipped\n",
        "report.html is not an input"
    );
}
