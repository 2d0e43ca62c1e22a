//! Properties of scoring, checked on generated corpora of synthetic articles
//! (lines of the seeds mixed with random words): scores lie in 0–100, the
//! output does not depend on input order or thread count, and a rule with
//! weight 0 changes no score.

use proptest::prelude::*;
use prov::analysis::{self, Analysis};
use prov::config::DEFAULT_RULES;
use prov::corpus::{Corpus, Document, FrontMatter};
use prov::report::{self, Report};
use prov::settings::Settings;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::builtin);

/// Every non-blank line of the five seeds.
static SEED_LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
});

/// One synthetic article: some seed lines, each maybe followed by random words.
fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((any::<prop::sample::Index>(), "[a-zA-Z ,.]{0,30}"), 1..10).prop_map(
        |parts| {
            let lines = &*SEED_LINES;
            parts
                .iter()
                .map(|(i, noise)| format!("{} {noise}\n", lines[i.index(lines.len())]))
                .collect()
        },
    )
}

fn corpus() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(article(), 1..6)
}

fn documents(texts: &[String]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            Document::new(
                format!("a{i}"),
                format!("a{i}.txt"),
                text.clone(),
                FrontMatter::default(),
            )
        })
        .collect()
}

fn run(documents: Vec<Document>, settings: &Settings) -> Analysis {
    let corpus = Corpus {
        documents: documents.into_iter().map(Into::into).collect(),
        ..Corpus::default()
    };
    analysis::analyze(corpus, settings).expect("texts held in memory are always read")
}

fn scores(analysis: &Analysis) -> BTreeMap<String, u32> {
    analysis
        .documents
        .iter()
        .zip(&analysis.verdicts)
        .map(|(d, v)| (d.id.clone(), v.score.score))
        .collect()
}

fn json(analysis: &Analysis) -> String {
    report::Json::default().render(analysis, &SETTINGS)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn scores_lie_in_0_to_100(texts in corpus()) {
        let analysis = run(documents(&texts), &SETTINGS);
        for v in &analysis.verdicts {
            prop_assert!(v.score.score <= 100);
        }
    }

    #[test]
    fn output_is_independent_of_input_order(texts in corpus(), seed in any::<u64>()) {
        let forward = documents(&texts);
        let mut shuffled = forward.clone();
        // A Fisher-Yates shuffle driven by the generated seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let a = run(forward, &SETTINGS);
        let b = run(shuffled, &SETTINGS);
        prop_assert_eq!(scores(&a), scores(&b));
        prop_assert_eq!(json(&a), json(&b));
    }

    #[test]
    fn output_is_independent_of_thread_count(texts in corpus()) {
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| json(&run(documents(&texts), &SETTINGS)))
        };
        prop_assert_eq!(on(1), on(2));
    }

    #[test]
    fn a_rule_with_weight_zero_changes_no_score(
        texts in corpus(),
        phrase in prop::sample::select(vec!["NATO", "Tokyo", "said", "the", "CNN", "office"]),
        kind in 0..3usize,
    ) {
        let body = match kind {
            0 => format!("kind = \"phrase\"\nphrases = [\"{phrase}\"]\nmax-hits = 5"),
            1 => format!("kind = \"regex\"\npattern = '(?i)\\b{phrase}\\b'"),
            _ => "kind = \"metric\"\nsignal = \"quotes\"\nop = \">=\"\nvalue = 0".to_string(),
        };
        let rules = format!(
            "{DEFAULT_RULES}\n[[rule]]\nid = \"zero\"\n{body}\nweight = 0\nmessage = \"m\"\nexplanation = \"e\"\n"
        );
        let with_zero = Settings::parse(&rules, "zero.toml").unwrap();
        let before = run(documents(&texts), &SETTINGS);
        let after = run(documents(&texts), &with_zero);
        prop_assert_eq!(scores(&before), scores(&after));
    }
}
