//! Evaluation of the reuse stage on two public text-reuse corpora.
//!
//! ```text
//! cargo run --release --example eval_reuse -- DATA_DIR [--verbose] [--params TOML]
//! ```
//! `DATA_DIR` holds `clough-stevenson/` (Clough & Stevenson 2011: 95 short answers
//! graded cut / light / heavy / non against five Wikipedia sources) and
//! `fakenewsamt/{legit,fake}/` (Pérez-Rosas et al. 2018: 240 news articles and a fake
//! rewrite of each, paired by file stem). Files are read with `std::fs` and decoded
//! with `String::from_utf8_lossy`, because a few files of these corpora are not valid
//! UTF-8; a replaced byte becomes U+FFFD, which the tokeniser treats as a separator.
//!
//! Next to `prov`'s result the example prints a baseline that is *not* `prov`: every
//! pair of documents compared by word-trigram containment (≥ 0.1), the usual
//! reference on Clough–Stevenson. It is quadratic and only here for scale.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use prov::corpus::{Document, Entry, FrontMatter};
use prov::extract::chrome_lines;
use prov::reuse::{CopyPair, ReuseGrade, ReuseParams, find_copies};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Instant;

const CATEGORIES: [&str; 4] = ["cut", "light", "heavy", "non"];
const PREDICTED: [&str; 4] = ["verbatim", "light", "heavy", "none"];
const BASELINE_THRESHOLD: f64 = 0.1;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: eval_reuse DATA_DIR [--verbose] [--params TOML]");
        std::process::exit(2);
    };
    let verbose = args.iter().any(|a| a == "--verbose");
    // `--params 'min-containment = 0.1'` tries other settings (TOML, as in `[reuse]`).
    let params: ReuseParams = match args.iter().position(|a| a == "--params") {
        Some(i) => toml::from_str(args.get(i + 1).map_or("", String::as_str))
            .unwrap_or_else(|e| panic!("--params: {e}")),
        None => ReuseParams::default(),
    };
    if let Err(e) = params.validate() {
        panic!("--params: {e}");
    }
    println!("params: {params:?}\n");
    clough_stevenson(&Path::new(data).join("clough-stevenson"), &params, verbose);
    println!();
    fakenewsamt(&Path::new(data).join("fakenewsamt"), &params, verbose);
}

fn read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

fn document(id: &str, path: &Path) -> Document {
    Document::new(
        id.into(),
        path.display().to_string(),
        read(path),
        FrontMatter::default(),
    )
}

/// The pair joining documents `a` and `b`, either way round.
fn pair_of(pairs: &[CopyPair], a: usize, b: usize) -> Option<&CopyPair> {
    pairs
        .iter()
        .find(|p| (p.copier, p.source) == (a, b) || (p.copier, p.source) == (b, a))
}

fn grade_name(grade: Option<ReuseGrade>) -> &'static str {
    match grade {
        Some(ReuseGrade::Verbatim) => "verbatim",
        Some(ReuseGrade::Light) => "light",
        Some(ReuseGrade::Heavy) => "heavy",
        None => "none",
    }
}

/// Run `find_copies`, printing the time and throughput (informative only).
fn timed_find_copies(docs: &[Document], params: &ReuseParams) -> Vec<CopyPair> {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let entries: Vec<Entry> = docs.iter().cloned().map(Entry::from).collect();
    let start = Instant::now();
    let chrome: Vec<_> = docs.iter().map(chrome_lines).collect();
    let pairs = find_copies(&entries, &chrome, &vec![None; docs.len()], params)
        .expect("texts held in memory are always read");
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "find_copies: {} documents, {:.1} KB, {} pairs, {:.1} ms",
        docs.len(),
        bytes as f64 / 1024.0,
        pairs.len(),
        seconds * 1000.0
    );
    pairs
}

/// Lower-cased word trigrams, for the baseline only.
fn trigrams(text: &str) -> HashSet<[String; 3]> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(3)
        .map(|w| [w[0].clone(), w[1].clone(), w[2].clone()])
        .collect()
}

fn containment(a: &HashSet<[String; 3]>, b: &HashSet<[String; 3]>) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.intersection(b).count() as f64 / a.len() as f64
}

fn clough_stevenson(dir: &Path, params: &ReuseParams, verbose: bool) {
    println!(
        "== Clough–Stevenson short-answer corpus ({}) ==",
        dir.display()
    );
    let info = read(&dir.join("file_information.csv"));
    let mut docs = Vec::new();
    let mut answers = Vec::new(); // (doc index, task, category)
    for line in info.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.trim().split(',').collect();
        let [file, task, category] = fields[..] else {
            panic!("bad line in file_information.csv: {line}");
        };
        if category == "orig" {
            continue; // The sources are added below, once each.
        }
        answers.push((docs.len(), task.to_string(), category.to_string()));
        docs.push(document(file, &dir.join(file)));
    }
    let mut source_of = BTreeMap::new();
    for task in ["a", "b", "c", "d", "e"] {
        let file = format!("orig_task{task}.txt");
        source_of.insert(task.to_string(), docs.len());
        docs.push(document(&file, &dir.join(&file)));
    }
    let pairs = timed_find_copies(&docs, params);
    let sources: HashSet<usize> = source_of.values().copied().collect();
    let answer_answer = pairs
        .iter()
        .filter(|p| !sources.contains(&p.copier) && !sources.contains(&p.source))
        .count();
    let wrong_source = pairs
        .iter()
        .filter(|p| {
            let (a, s) = if sources.contains(&p.source) {
                (p.copier, p.source)
            } else {
                (p.source, p.copier)
            };
            sources.contains(&s)
                && !sources.contains(&a)
                && answers
                    .iter()
                    .any(|(i, task, _)| *i == a && source_of[task] != s)
        })
        .count();

    let trigram_sets: Vec<_> = docs.iter().map(|d| trigrams(&d.text)).collect();
    let mut found: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new(); // prov, baseline, total
    let mut confusion: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut answer_is_copier = 0;
    let mut directed_found = 0;
    for (index, task, category) in &answers {
        let source = source_of[task];
        let pair = pair_of(&pairs, *index, source);
        let baseline = containment(&trigram_sets[*index], &trigram_sets[source]);
        let entry = found.entry(category.as_str()).or_default();
        entry.0 += usize::from(pair.is_some());
        entry.1 += usize::from(baseline >= BASELINE_THRESHOLD);
        entry.2 += 1;
        *confusion
            .entry((category.as_str(), grade_name(pair.map(|p| p.grade))))
            .or_default() += 1;
        if let Some(p) = pair.filter(|p| p.directed) {
            directed_found += 1;
            answer_is_copier += usize::from(p.copier == *index);
        }
        if verbose {
            let (c, cs, run) = pair.map_or((0.0, 0.0, 0), |p| {
                (p.containment, p.containment_of_source, p.longest_run)
            });
            println!(
                "  {:<16} {category:<6} prov {:<8} containment {c:.2}/{cs:.2} run {run:>3}  baseline {baseline:.2}",
                docs[*index].id,
                grade_name(pair.map(|p| p.grade)),
            );
        }
    }
    println!("\nanswers paired with their own task's source (prov vs baseline):");
    println!("  category   prov   baseline (all-pairs trigram containment >= 0.1)");
    for category in CATEGORIES {
        let (prov, baseline, total) = found.get(category).copied().unwrap_or_default();
        println!("  {category:<8} {prov:>3}/{total:<3}  {baseline:>3}/{total}");
    }
    println!(
        "\ngrade confusion (rows: true category, columns: prov's grade for the own-source pair):"
    );
    println!(
        "  {:<8}{}",
        "",
        PREDICTED.map(|p| format!("{p:>9}")).concat()
    );
    for category in CATEGORIES {
        let row: String = PREDICTED
            .iter()
            .map(|p| {
                format!(
                    "{:>9}",
                    confusion.get(&(category, *p)).copied().unwrap_or(0)
                )
            })
            .collect();
        println!("  {category:<8}{row}");
    }
    println!(
        "\ndirection of found own-source pairs: {directed_found} directed, answer is the copier in {answer_is_copier}"
    );
    println!(
        "other pairs: {wrong_source} answer–wrong source, {answer_answer} answer–answer (students reusing the same source)"
    );
}

fn fakenewsamt(dir: &Path, params: &ReuseParams, verbose: bool) {
    println!("== fakenewsamt legit/fake pairs ({}) ==", dir.display());
    let mut docs = Vec::new();
    let mut kinds = Vec::new(); // ("legit" | "fake", stem)
    for kind in ["legit", "fake"] {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(kind))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.join(kind).display()))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let stem = name.split('.').next().unwrap().to_string();
            docs.push(document(&format!("{kind}/{stem}"), &path));
            kinds.push((kind, stem));
        }
    }
    let pairs = timed_find_copies(&docs, params);
    let label = |p: &CopyPair| {
        let (a, b) = (&kinds[p.copier], &kinds[p.source]);
        match (a.0 == b.0, a.1 == b.1) {
            (false, true) => "fake–own legit",
            (false, false) => "fake–other legit",
            (true, _) if a.0 == "legit" => "legit–legit",
            _ => "fake–fake",
        }
    };
    let mut by_label: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for p in &pairs {
        *by_label
            .entry(label(p))
            .or_default()
            .entry(grade_name(Some(p.grade)))
            .or_default() += 1;
        if verbose && label(p) != "fake–own legit" {
            println!(
                "  false pair {} – {}: containment {:.2}/{:.2} run {}",
                docs[p.copier].id,
                docs[p.source].id,
                p.containment,
                p.containment_of_source,
                p.longest_run
            );
        }
    }
    let fakes = kinds.iter().filter(|k| k.0 == "fake").count();
    let true_pairs: usize = by_label
        .get("fake–own legit")
        .map_or(0, |g| g.values().sum());
    let recall = true_pairs as f64 / fakes as f64;
    let precision = if pairs.is_empty() {
        0.0
    } else {
        true_pairs as f64 / pairs.len() as f64
    };
    println!(
        "prov: recall {true_pairs}/{fakes} = {recall:.3}, precision {true_pairs}/{} = {precision:.3}",
        pairs.len()
    );
    println!("pairs reported by prov, by kind and grade:");
    println!(
        "  {:<18}{}    total",
        "",
        PREDICTED[..3]
            .iter()
            .map(|p| format!("{p:>9}"))
            .collect::<String>()
    );
    for kind in [
        "fake–own legit",
        "fake–other legit",
        "legit–legit",
        "fake–fake",
    ] {
        let grades = by_label.get(kind).cloned().unwrap_or_default();
        let row: String = PREDICTED[..3]
            .iter()
            .map(|p| format!("{:>9}", grades.get(p).copied().unwrap_or(0)))
            .collect();
        println!("  {kind:<18}{row}{:>9}", grades.values().sum::<usize>());
    }
    println!(
        "  missed fakes (own legit not paired): {}",
        fakes - true_pairs
    );

    // Baseline: every pair by trigram containment of either document in the other.
    let sets: Vec<_> = docs.iter().map(|d| trigrams(&d.text)).collect();
    let (mut hits, mut reported) = (0, 0);
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            let c = containment(&sets[a], &sets[b]).max(containment(&sets[b], &sets[a]));
            if c >= BASELINE_THRESHOLD {
                reported += 1;
                hits += usize::from(kinds[a].0 != kinds[b].0 && kinds[a].1 == kinds[b].1);
            }
        }
    }
    println!(
        "baseline (all-pairs trigram containment >= 0.1, not prov): recall {hits}/{fakes} = {:.3}, precision {hits}/{reported} = {:.3}",
        hits as f64 / fakes as f64,
        if reported == 0 {
            0.0
        } else {
            hits as f64 / reported as f64
        }
    );
}
