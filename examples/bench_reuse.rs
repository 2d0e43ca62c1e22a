//! The copy-detection stage alone, for the side-by-side run with the Python peers
//! (bench/run.sh): read a JSONL corpus, find the copies, write the pairs.
//!
//! ```text
//! cargo run --release --example bench_reuse -- CORPUS.jsonl PAIRS_OUT.tsv
//! ```
//! Settings match the peers' task: word 5-grams, a 128-bin sketch, and 32 bands of 4
//! rows (the divisor of 128 nearest to datasketch's 25 × 5 for a threshold of 0.5; it
//! proposes a few more candidates than 25 × 5, never fewer). Everything else is
//! prov's default `[reuse]`: the sampled-shingle channel and the exact verification of
//! every candidate stay on, so prov does more than the peers, not less.
//! Prints one line of JSON like the peers': seconds of copy detection (reading the
//! JSONL is timed apart), pairs found, bytes of text. Like the peers, which time
//! their lists of texts, it times copy detection on texts held in memory: `prov score`
//! keeps none, and reads each again from the file where a stage needs it.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use prov::corpus::Entry;
use prov::extract::chrome_lines;
use prov::reuse::{ReuseParams, find_copies};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// The allocator of the `prov` binary.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, out] = args.as_slice() else {
        eprintln!("usage: bench_reuse CORPUS.jsonl PAIRS_OUT.tsv");
        std::process::exit(2);
    };
    let started = Instant::now();
    let corpus = prov::corpus::load(&[PathBuf::from(corpus)]);
    let mut held = Vec::with_capacity(corpus.documents.len());
    let mut text_bytes = 0;
    for entry in corpus.documents {
        let document = entry.document().map_err(corpus_changed)?.into_owned();
        text_bytes += document.text.len();
        held.push(Entry::from(document));
    }
    let loaded = started.elapsed();
    let params = ReuseParams {
        shingle_size: 5,
        sketch_size: 128,
        bands: 32,
        ..ReuseParams::default()
    };
    let published = vec![None; held.len()];
    let start = Instant::now();
    // Copy detection leaves out lines of site chrome, as `prov score` does.
    let chrome: Vec<_> = held
        .par_iter()
        .map(|entry| entry.document().map(|doc| chrome_lines(&doc)))
        .collect::<Result<_, _>>()
        .map_err(corpus_changed)?;
    let pairs = find_copies(&held, &chrome, &published, &params).map_err(corpus_changed)?;
    let seconds = start.elapsed().as_secs_f64();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    let id = |i: usize| {
        let id = &held[i].id;
        id.rsplit_once('#').map_or(id.as_str(), |(_, id)| id)
    };
    for p in &pairs {
        writeln!(file, "{}\t{}", id(p.copier), id(p.source))?;
    }
    file.flush()?;
    println!(
        "{{\"tool\": \"prov\", \"load_seconds\": {:.3}, \"seconds\": {seconds:.3}, \"pairs\": {}, \"text_bytes\": {text_bytes}}}",
        loaded.as_secs_f64(),
        pairs.len()
    );
    Ok(())
}

fn corpus_changed(e: prov::corpus::LoadError) -> std::io::Error {
    std::io::Error::other(format!("{}: {}", e.path, e.error))
}
