//! Arbitrary bytes as a file in a folder: `corpus::load` must turn it into
//! documents or error entries, never panic, and never lose it. The first byte
//! picks the file's extension, so every format's loader sees every input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prov::corpus;

const NAMES: &[&str] = &["a.txt", "a.md", "a.html", "a.jsonl", "a", "a.htm"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("the input is written");
    // Load the folder, as `prov score DIR` does, and the file itself.
    for input in [dir.path().to_path_buf(), path] {
        let loaded = corpus::load(&[input]);
        let found = loaded.documents.len() + loaded.errors.len();
        if name.ends_with(".jsonl") {
            // Every line that is not blank is one document or one error (a
            // line ends at a line feed or a lone carriage return), or the whole
            // file is one error.
            let lines = bytes.split(|&b| b == b'\n' || b == b'\r').count();
            assert!(found >= 1 && found <= lines.max(1), "{found} > {lines}");
        } else {
            assert_eq!(found, 1, "one file, one result: {loaded:?}");
        }
        for doc in &loaded.documents {
            assert!(!doc.text.trim().is_empty(), "{doc:?}");
            for offset in (0..=doc.text.len()).filter(|&i| doc.text.is_char_boundary(i)) {
                let (line, column) = doc.line_col(offset);
                assert!(line >= 1 && column >= 1);
                let _ = doc.line_text(line);
            }
            let _ = doc.line_spans().count();
        }
    }
});
