//! The HTML report in a real browser: headless Chromium opens the seeds report,
//! keeps its table and graph in the DOM, and takes a screenshot.
//!
//! Runs only when `chromium` is on PATH (Debian: `apt-get install chromium`);
//! otherwise it prints a note and passes. Set `PROV_SAVE_SCREENSHOT=docs/report.png`
//! to keep the screenshot, as the README's picture was made.

mod common;

use common::{prov_in, root, stderr};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 1600;

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// Run headless Chromium on `page` with `extra` arguments, in a fresh profile,
/// with everything that could reach the network turned off. A browser that
/// hangs is killed after a minute.
fn chromium(browser: &Path, page: &Path, extra: &[String]) -> Output {
    let profile = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait for chromium").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().expect("chromium output")
}

#[test]
fn headless_chromium_shows_the_table_and_the_graph() {
    let Some(browser) = on_path("chromium") else {
        eprintln!("note: skipped, `chromium` is not on PATH (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("report.html");
    let output = prov_in(
        &root(),
        &["report", "seeds", "--out", page.to_str().expect("UTF-8")],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    // The DOM as the browser parsed it: the table rows and the SVG survive
    // parsing as elements, not as text.
    let dom = chromium(&browser, &page, &["--dump-dom".into()]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(dom.matches("<td class=\"id\">").count(), 5, "{dom}");
    assert!(dom.contains("<svg class=\"graph\""), "{dom}");

    let png = dir.path().join("report.png");
    let shot = chromium(
        &browser,
        &page,
        &[
            format!("--screenshot={}", png.display()),
            format!("--window-size={WIDTH},{HEIGHT}"),
        ],
    );
    let bytes = std::fs::read(&png).unwrap_or_else(|e| {
        panic!(
            "no screenshot ({e}); chromium said: {}",
            String::from_utf8_lossy(&shot.stderr)
        )
    });
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
    let dimension = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((dimension(16), dimension(20)), (WIDTH, HEIGHT));
    // A blank page of this size compresses to a few kilobytes; text, a table
    // and a drawing do not.
    assert!(
        bytes.len() > 20_000,
        "the screenshot is nearly empty: {} bytes",
        bytes.len()
    );
    if let Some(keep) = std::env::var_os("PROV_SAVE_SCREENSHOT") {
        std::fs::copy(&png, root().join(keep)).expect("save the screenshot");
    }
}
