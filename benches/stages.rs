//! `cargo bench`: the stages of the pipeline on a small generated corpus (about 2 MB
//! of news-like text from `examples/bench_corpus.rs`, built in memory at start-up).
//!
//! Stages: load (JSONL parsing), extract (and the same texts as one long article), reuse (sketch, LSH, sampled-shingle join
//! and verification together, under the default `[reuse]` and under the peers'
//! 5-gram settings), then each of reuse's steps alone (sketch: every text's summary;
//! candidates: the LSH bands and the sampled-shingle join; verify: the candidates
//! checked on their texts), the rules (every article's detectors, rules and score),
//! the whole analysis (load and extract together → reuse → graph → rules → score, as
//! `prov score` runs it), and the JSON report.
//! The end-to-end numbers with peers are `bench/run.sh`.

#[allow(dead_code)]
#[path = "../examples/bench_corpus.rs"]
mod bench_corpus;

use divan::Bencher;
use prov::corpus::{self, Corpus, Document, FrontMatter};
use prov::extract::{Span, chrome_lines};
use prov::reuse::{self, ReuseParams, find_copies};
use prov::settings::Settings;
use std::path::PathBuf;
use std::sync::LazyLock;

const TEXT_BYTES: u64 = 2_000_000;

/// The generated corpus as a JSONL file in a temporary folder that lives as long as the run.
static CORPUS: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("corpus.jsonl");
    let mut jsonl = Vec::new();
    bench_corpus::generate(7, TEXT_BYTES, &mut jsonl, &mut std::io::sink()).expect("in memory");
    std::fs::write(&path, jsonl).expect("writable temporary folder");
    (dir, path)
});

fn load() -> Corpus {
    corpus::load(std::slice::from_ref(&CORPUS.1))
}

/// Each document's lines of site chrome, which copy detection leaves out.
fn chrome(corpus: &Corpus) -> Vec<Vec<Span>> {
    corpus
        .documents
        .iter()
        .map(|entry| chrome_lines(&entry.document().expect("a readable corpus")))
        .collect()
}

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn stage_load(bencher: Bencher) {
    bencher
        .counter(divan::counter::BytesCount::new(TEXT_BYTES))
        .bench(load);
}

#[divan::bench(sample_count = 10)]
fn stage_extract(bencher: Bencher) {
    // The texts, read once: this measures extraction alone.
    let documents: Vec<_> = load()
        .documents
        .iter()
        .map(|entry| entry.document().expect("a readable corpus").into_owned())
        .collect();
    let settings = Settings::builtin();
    bencher
        .counter(divan::counter::BytesCount::new(TEXT_BYTES))
        .bench(|| {
            documents
                .iter()
                .map(|d| prov::extract::extract(d, &settings.registry).quotes.len())
                .sum::<usize>()
        });
}

/// The corpus's texts as one article, by paragraphs or on a single line: extraction
/// is linear in an article's length when this runs at the MB/s of `stage_extract`
/// (a thousand-fold slower, it was quadratic in long texts before 2026-12-07).
#[divan::bench(sample_count = 5, args = ["paragraphs", "one line"])]
fn stage_extract_one_long_text(bencher: Bencher, layout: &str) {
    let texts: Vec<String> = load()
        .documents
        .iter()
        .map(|entry| entry.document().expect("a readable corpus").text.clone())
        .collect();
    let text = match layout {
        "paragraphs" => texts.join("\n\n"),
        _ => texts.join(" ").replace('\n', " "),
    };
    let bytes = text.len() as u64;
    let doc = Document::new(
        "long".into(),
        "long.txt".into(),
        text,
        FrontMatter::default(),
    );
    let settings = Settings::builtin();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            prov::extract::extract(&doc, &settings.registry)
                .quotes
                .len()
        });
}

#[divan::bench(sample_count = 10, args = ["default", "peers"])]
fn stage_reuse(bencher: Bencher, params: &str) {
    let corpus = load();
    let params = match params {
        "peers" => ReuseParams {
            shingle_size: 5,
            ..ReuseParams::default()
        },
        _ => ReuseParams::default(),
    };
    let published = vec![None; corpus.documents.len()];
    let chrome = chrome(&corpus);
    bencher
        .counter(divan::counter::BytesCount::new(TEXT_BYTES))
        .bench(|| {
            find_copies(&corpus.documents, &chrome, &published, &params).map(|pairs| pairs.len())
        });
}

#[divan::bench(sample_count = 10)]
fn stage_sketch(bencher: Bencher) {
    let corpus = load();
    let chrome = chrome(&corpus);
    let params = ReuseParams::default();
    bencher
        .counter(divan::counter::BytesCount::new(TEXT_BYTES))
        .bench(|| reuse::summaries(&corpus.documents, &chrome, &params).map(|s| s.len()));
}

#[divan::bench(sample_count = 10)]
fn stage_candidates(bencher: Bencher) {
    let params = ReuseParams::default();
    let corpus = load();
    let summaries =
        reuse::summaries(&corpus.documents, &chrome(&corpus), &params).expect("a readable corpus");
    bencher
        .counter(divan::counter::BytesCount::new(TEXT_BYTES))
        .with_inputs(|| summaries.clone())
        .bench_values(|summaries| reuse::candidate_pairs(summaries, &params).len());
}

#[divan::bench(sample_count = 10)]
fn stage_verify(bencher: Bencher) {
    let corpus = load();
    let params = ReuseParams::default();
    let chrome = chrome(&corpus);
    let summaries =
        reuse::summaries(&corpus.documents, &chrome, &params).expect("a readable corpus");
    let candidates = reuse::candidate_pairs(summaries, &params);
    let published = vec![None; corpus.documents.len()];
    bencher
        .counter(divan::counter::BytesCount::new(TEXT_BYTES))
        .with_inputs(|| candidates.clone())
        .bench_values(|candidates| {
            reuse::verify_candidates(&corpus.documents, &chrome, &published, candidates, &params)
                .map(|pairs| pairs.len())
        });
}

#[divan::bench(sample_count = 10)]
fn stage_rules(bencher: Bencher) {
    let settings = Settings::builtin();
    let analysis = prov::analysis::analyze(load(), &settings).expect("a readable corpus");
    bencher
        .counter(divan::counter::BytesCount::new(TEXT_BYTES))
        .bench(|| prov::analysis::verdicts(&analysis, &settings).map(|v| v.len()));
}

#[divan::bench(sample_count = 5)]
fn end_to_end_analysis(bencher: Bencher) {
    let settings = Settings::builtin();
    let paths = std::slice::from_ref(&CORPUS.1);
    bencher
        .counter(divan::counter::BytesCount::new(TEXT_BYTES))
        .bench(|| {
            prov::analysis::analyze_paths(corpus::Inputs::new(paths), &settings, &|_, _, _| {})
                .map(|a| a.copies.len())
        });
}

#[divan::bench(sample_count = 5)]
fn stage_report_json(bencher: Bencher) {
    use prov::report::Report;
    let settings = Settings::builtin();
    let analysis = prov::analysis::analyze(load(), &settings).expect("a readable corpus");
    bencher.bench(|| {
        prov::report::Json::default()
            .render(&analysis, &settings)
            .len()
    });
}
