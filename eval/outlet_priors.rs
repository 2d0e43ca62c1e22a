//! Evaluation: do outlet priors help the score separate PolitiFact's real and
//! fake stories?
//!
//! `cargo run --release --example eval_outlet_priors -- DATA_DIR`, where
//! DATA_DIR holds `articles/politifact_{real,fake}.jsonl` and
//! `outlets/{mbfc,domain_ratings}.csv` (the shared data, not in the repository).
//!
//! Each article is scored three ways with the default rules: starting from the
//! base for everyone (no priors), from the built-in registry's priors, and from
//! the built-in registry plus both raters' tables imported (MBFC factual
//! reporting and Lin et al. 2023 pc1, combined by the rules' `prior-combination`).
//! The publisher comes from the pipeline where the extractor finds it; otherwise
//! from the article's URL through the registry (a `Clue::UrlDomain`, as the
//! extractor resolves it), so the evaluation does not depend on the extractor.
//! The ROC AUC is the probability that a real article scores above a fake one
//! (ties count half). The labels judge the story a page was collected for, not
//! the page: a BBC page debunking a hoax is labelled fake.

use prov::analysis::{self, Analysis};
use prov::corpus;
use prov::extract::{Clue, Found};
use prov::raters::{self, Duplicates, Table};
use prov::score::{self, Start};
use prov::settings::Settings;
use std::path::PathBuf;

fn main() {
    let data = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    let inputs = [
        data.join("articles/politifact_real.jsonl"),
        data.join("articles/politifact_fake.jsonl"),
    ];

    let builtin = Settings::builtin();
    let mut imported = Settings::builtin();
    for (file, table) in [
        ("mbfc.csv", Table::mbfc("unknown")),
        ("domain_ratings.csv", Table::lin2023("2023")),
    ] {
        let table = Table {
            duplicates: Duplicates::Lowest,
            ..table
        };
        let path = data.join("outlets").join(file);
        let text = std::fs::read_to_string(&path).expect("the rating table is readable");
        let import = raters::read(&text, &table).expect("the rating table imports");
        let fragment = raters::render(&import, &table, file);
        imported
            .add_outlets(&fragment, file)
            .expect("an imported table is a valid outlets file");
    }

    let corpus = corpus::load(&inputs);
    println!(
        "articles: {} scored, {} inputs skipped (empty text, bad lines)",
        corpus.documents.len(),
        corpus.errors.len()
    );
    let real = corpus.documents.iter().filter(|d| is_real(d)).count();
    println!(
        "labels: {real} real, {} fake\n",
        corpus.documents.len() - real
    );

    let runs = [
        ("no priors (base for every article)", &builtin, false),
        ("built-in registry priors", &builtin, true),
        (
            "built-in + imported mbfc and lin2023 priors",
            &imported,
            true,
        ),
    ];
    println!("| scoring | articles with a prior | ROC AUC (score -> real) |");
    println!("|---|---|---|");
    for (name, settings, priors) in runs {
        let documents = corpus.documents.clone();
        let analysis = analysis::analyze(
            corpus::Corpus {
                documents,
                ..corpus::Corpus::default()
            },
            settings,
        )
        .expect("the input files stay as they were");
        let (scores, with_prior) = scores(&analysis, settings, priors);
        // The analysis orders documents by id: take the labels in its order.
        let labels: Vec<bool> = analysis.documents.iter().map(is_real).collect();
        println!(
            "| {name} | {with_prior} of {} | {:.3} |",
            scores.len(),
            auc(&scores, &labels)
        );
    }
    let findings_only = corpus::load(&inputs);
    let analysis =
        analysis::analyze(findings_only, &builtin).expect("the input files stay as they were");
    let distinct: std::collections::BTreeSet<u32> =
        analysis.verdicts.iter().map(|v| v.score.score).collect();
    println!(
        "\ndistinct scores with no priors: {} ({:?})",
        distinct.len(),
        distinct.iter().take(12).collect::<Vec<_>>()
    );
}

/// PolitiFact's label, from the file the article came from.
fn is_real(doc: &corpus::Entry) -> bool {
    doc.id.starts_with("politifact_real")
}

/// Each article's score, and how many started from a prior.
fn scores(analysis: &Analysis, settings: &Settings, priors: bool) -> (Vec<f64>, usize) {
    let mut with_prior = 0;
    let scores = analysis
        .documents
        .iter()
        .zip(&analysis.verdicts)
        .map(|(doc, verdict)| {
            let start = if !priors {
                Start::Base {
                    value: settings.base,
                }
            } else if matches!(verdict.score.start, Start::Prior { .. }) {
                verdict.score.start.clone()
            } else {
                let doc = doc.document().expect("the input files stay as they were");
                let url = doc.front.url.as_deref().unwrap_or("");
                let outlet = settings.registry.by_domain(url);
                let clue = outlet.map(|o| Found {
                    value: o.name.clone(),
                    clue: Clue::UrlDomain,
                    span: None,
                });
                score::start(outlet, clue.as_ref(), settings)
            };
            if matches!(start, Start::Prior { .. }) {
                with_prior += 1;
            }
            f64::from(score::score(start, &verdict.findings, settings).score)
        })
        .collect();
    (scores, with_prior)
}

/// The probability that a real article scores above a fake one, ties counting half.
fn auc(scores: &[f64], real: &[bool]) -> f64 {
    let (mut wins, mut pairs) = (0.0, 0.0);
    for (a, _) in scores.iter().zip(real).filter(|(_, r)| **r) {
        for (b, _) in scores.iter().zip(real).filter(|(_, r)| !**r) {
            pairs += 1.0;
            wins += if a > b {
                1.0
            } else if a == b {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / pairs
}
