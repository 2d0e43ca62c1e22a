//! Bytes to text. Accepted: UTF-8 (a byte-order mark is dropped), UTF-16 with a
//! byte-order mark, and text that is plainly Windows-1252 (Latin-1 as Windows
//! writes it), which is decoded and marked so a finding can say so. Anything
//! else is refused with the reason: NUL bytes (binary), control bytes, or bytes
//! that are neither UTF-8 nor plausible Windows-1252.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many leading bytes are searched for a NUL to call a file binary.
const BINARY_PROBE: usize = 8192;

/// Text decoded from an input, and the encoding it was decoded from when that
/// was not UTF-8 (`"UTF-16LE"`, `"UTF-16BE"`, `"windows-1252"`).
#[derive(Debug)]
pub(super) struct Decoded {
    pub text: String,
    pub encoding: Option<&'static str>,
}

/// The name [`crate::corpus::Document::encoding`] carries for Windows-1252 input.
pub const WINDOWS_1252_NAME: &str = "windows-1252";

pub(super) fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes)
        && encoding != UTF_8
    {
        return utf16(encoding, &bytes[bom..]);
    }
    if bytes.iter().take(BINARY_PROBE).any(|&b| b == 0) {
        return Err("binary file (contains NUL bytes), skipped".into());
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(Decoded {
                text,
                encoding: None,
            })
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            windows_1252(&bytes)
                .map(|text| Decoded {
                    text,
                    encoding: Some(WINDOWS_1252_NAME),
                })
                .ok_or_else(|| not_text(&bytes, offset))
        }
    }
}

fn utf16(encoding: &'static Encoding, bytes: &[u8]) -> Result<Decoded, String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!(
            "not valid {} (it starts with a {0} byte-order mark)",
            encoding.name()
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: Some(encoding.name()),
    })
}

/// Why bytes that are not UTF-8 were not taken as Windows-1252 either.
fn not_text(bytes: &[u8], offset: usize) -> String {
    if let Some(at) = bytes.iter().position(|&b| is_control(b)) {
        format!(
            "binary file (control byte 0x{:02x} at offset {at}), skipped",
            bytes[at]
        )
    } else {
        format!("not valid UTF-8 (invalid byte at offset {offset}) and not plain Windows-1252 text")
    }
}

/// The text of `bytes` read as Windows-1252, when they plainly are that: no
/// control bytes, none of the five bytes Windows-1252 leaves undefined, and at
/// least four in five bytes plain ASCII (Western text is mostly ASCII; a binary
/// blob or text in another encoding is not).
pub(super) fn windows_1252(bytes: &[u8]) -> Option<String> {
    const UNDEFINED: [u8; 5] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    let plain = bytes
        .iter()
        .all(|&b| !is_control(b) && !UNDEFINED.contains(&b));
    if !plain || high * 5 > bytes.len() {
        return None;
    }
    let (text, _, had_errors) = WINDOWS_1252.decode(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// A C0 control byte other than tab, line feed, form feed and carriage return.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r')) || b == 0x7f
}

/// Lone carriage returns (old Mac line ends) become line feeds. Both are one
/// byte, so every byte offset, and so every span, stays where it was.
pub(super) fn normalize_line_ends(text: &mut String) {
    // The memchr crate's search, not `contains`: every text read again passes here.
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return;
    }
    let bytes = text.as_bytes();
    let lone: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .collect();
    if lone.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    for i in lone {
        bytes[i] = b'\n';
    }
    *text = String::from_utf8(bytes).expect("replacing ASCII with ASCII keeps UTF-8");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> (String, Option<&'static str>) {
        let d = decode(bytes.to_vec()).unwrap();
        (d.text, d.encoding)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(ok(b"\xef\xbb\xbfCaf\xc3\xa9"), ("Café".into(), None));
        assert_eq!(ok("Café".as_bytes()), ("Café".into(), None));
    }

    #[test]
    fn utf16_with_bom_either_order() {
        assert_eq!(
            ok(b"\xff\xfeC\0a\0f\0\xe9\0"),
            ("Café".into(), Some("UTF-16LE"))
        );
        assert_eq!(
            ok(b"\xfe\xff\0C\0a\0f\0\xe9"),
            ("Café".into(), Some("UTF-16BE"))
        );
        assert_eq!(
            decode(b"\xff\xfeC\0\x00\xd8".to_vec()).unwrap_err(),
            "not valid UTF-16LE (it starts with a UTF-16LE byte-order mark)"
        );
    }

    #[test]
    fn plain_windows_1252_is_decoded_and_named() {
        assert_eq!(
            ok(b"Caf\xe9 au lait \x93quoted\x94, said the minister."),
            (
                "Café au lait “quoted”, said the minister.".into(),
                Some("windows-1252")
            )
        );
    }

    #[test]
    fn binary_and_unknown_bytes_are_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec()).unwrap_err(),
            "binary file (contains NUL bytes), skipped"
        );
        assert_eq!(
            decode(b"\x1f\x8b\x08\x08\xff\xfe".to_vec()).unwrap_err(),
            "binary file (control byte 0x1f at offset 0), skipped"
        );
        // UTF-16 without a byte-order mark is not guessed: English in it is half NULs.
        assert_eq!(
            decode("News".encode_utf16().flat_map(u16::to_le_bytes).collect()).unwrap_err(),
            "binary file (contains NUL bytes), skipped"
        );
        // Mostly high bytes: another legacy encoding (here KOI8-R), not Windows-1252.
        assert_eq!(
            decode(b"\xf0\xd2\xc9\xd7\xc5\xd4 \xcd\xc9\xd2".to_vec()).unwrap_err(),
            "not valid UTF-8 (invalid byte at offset 0) and not plain Windows-1252 text"
        );
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds_in_place() {
        let mut text = String::from("a\rb\r\nc\r");
        normalize_line_ends(&mut text);
        assert_eq!(text, "a\nb\r\nc\n");
    }
}
