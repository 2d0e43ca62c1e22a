//! A rules file from arbitrary bytes: `Settings::parse` must accept it or refuse
//! it with errors that point inside the text, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prov::settings::Settings;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Settings::parse(text, "fuzz.toml") {
        Ok(settings) => {
            for rule in &settings.rules {
                assert!((-100.0..=100.0).contains(&rule.weight), "{}", rule.id);
                assert!(rule.cap.is_none_or(|c| (0.0..=100.0).contains(&c)));
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(e.line >= 1 && e.column >= 1, "{e}");
                assert!(e.span.start <= text.len(), "{e}");
            }
        }
    }
});
