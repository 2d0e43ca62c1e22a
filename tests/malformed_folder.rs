//! A folder of 1,000 generated malformed files next to the five seeds: the
//! seeds score exactly as on their own, and every other file appears exactly
//! once, as an article or as an error.

mod common;

use common::{root, score_json};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;

const WORDS: &[&str] = &[
    "harbour", "council", "budget", "river", "meeting", "orchard", "ferry", "bridge", "winter",
    "library", "market", "festival", "rail", "school", "garden", "museum",
];

/// A small deterministic generator (xorshift64*), so the folder is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    /// Plain words that share nothing with the seeds and name no outlet.
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The `i`th malformed file: its name and bytes.
fn malformed(i: usize, rng: &mut Rng) -> (String, Vec<u8>) {
    let count = 12 + rng.below(30);
    let words = rng.words(count);
    let size = rng.below(200);
    let (ext, bytes): (&str, Vec<u8>) = match i % 16 {
        0 => (
            "png",
            [&b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..], &rng.bytes(64)].concat(),
        ),
        1 => ("txt", [&b"\x1f\x8b\x08\0"[..], &rng.bytes(64)].concat()),
        2 => (
            "txt",
            format!("Caf\u{e9} {words}.")
                .chars()
                .map(|c| c as u8)
                .collect(),
        ),
        3 => ("txt", rng.bytes(size)),
        4 => {
            let mut b = vec![0xff, 0xfe];
            b.extend(words.encode_utf16().flat_map(u16::to_le_bytes));
            ("txt", b)
        }
        5 => ("txt", Vec::new()),
        6 => ("md", b" \r\n\t \n".to_vec()),
        7 => ("csv", b"a,b\n1,2\n".to_vec()),
        8 => (
            "jsonl",
            format!("{{\"id\": \"x\", \"text\": \"{words}").into_bytes(),
        ),
        9 => (
            "jsonl",
            format!("{{\"id\": \"x\", \"text\": \"{words}.\"}}\n").into_bytes(),
        ),
        10 => (
            "html",
            b"<html><script>var a = 1;</script><style>p{}</style></html>".to_vec(),
        ),
        11 => (
            "html",
            format!("<html><body><p>{words}.</p><script>x()</script></body></html>").into_bytes(),
        ),
        12 => ("md", format!("+++\nwho = 3\n+++\n{words}.\n").into_bytes()),
        13 => (
            "txt",
            format!("{words}.\r{words}.\r\n{words}.").into_bytes(),
        ),
        14 => {
            let mut b = format!("{words} ").into_bytes();
            b.extend([0xe2, 0x80]);
            ("txt", b)
        }
        _ => ("", format!("{words}.\n").into_bytes()),
    };
    let name = if ext.is_empty() {
        format!("m{i:04}")
    } else {
        format!("m{i:04}.{ext}")
    };
    (name, bytes)
}

/// The file an article's or an error's path names (`./m0009.jsonl:1` → `m0009.jsonl`).
fn file_of(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    match path.rsplit_once(':') {
        Some((file, line)) if line.parse::<u32>().is_ok() => file.to_string(),
        _ => path.to_string(),
    }
}

fn verdicts(json: &Value) -> BTreeMap<String, (Value, Value, Value)> {
    json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["id"].as_str().unwrap().len() == 20)
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                (
                    a["score"].clone(),
                    a["findings"].clone(),
                    a["citations"].clone(),
                ),
            )
        })
        .collect()
}

#[test]
fn a_thousand_malformed_files_beside_the_seeds_lose_nothing_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for entry in fs::read_dir(root().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        fs::copy(&path, dir.path().join(&name)).unwrap();
        expected.insert(name, 0);
    }
    assert_eq!(expected.len(), 5);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..1000 {
        let (name, bytes) = malformed(i, &mut rng);
        fs::write(dir.path().join(&name), bytes).unwrap();
        expected.insert(name, 0);
    }

    let (mixed, _) = score_json(dir.path(), &["."]);
    let (alone, _) = score_json(&root(), &["seeds"]);
    assert_eq!(verdicts(&mixed), verdicts(&alone));
    assert_eq!(verdicts(&mixed).len(), 5);

    let mut seen = expected.clone();
    let articles = mixed["articles"].as_array().unwrap();
    let errors = mixed["errors"].as_array().unwrap();
    for path in articles
        .iter()
        .chain(errors)
        .map(|v| v["path"].as_str().unwrap())
    {
        *seen
            .get_mut(&file_of(path))
            .unwrap_or_else(|| panic!("unknown {path}")) += 1;
    }
    let not_once: Vec<_> = seen.iter().filter(|&(_, &n)| n != 1).collect();
    assert!(not_once.is_empty(), "each input exactly once: {not_once:?}");

    let totals = &mixed["totals"];
    assert_eq!(totals["inputs"], 1005);
    assert_eq!(totals["hidden"], 0);
    assert_eq!(totals["scored"].as_u64().unwrap() as usize, articles.len());
    assert_eq!(totals["errors"].as_u64().unwrap() as usize, errors.len());
    assert_eq!(articles.len() + errors.len(), 1005);
    // The mix is a real mix: both outcomes are common.
    assert!(articles.len() > 300 && errors.len() > 400, "{totals}");
}
