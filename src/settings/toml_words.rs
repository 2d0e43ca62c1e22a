//! The reader's complaint about a value of the wrong type, said in the words of
//! a TOML file. serde names the Rust type that would hold the value ("expected
//! f64", "expected u32", "invalid type: sequence"); a person editing
//! `rules.toml` knows numbers, strings, true or false, arrays and tables.

/// `message`, about the value written as `written`, with every Rust type name
/// in it replaced by what TOML calls it; other messages as they are.
pub(super) fn in_toml_words(message: &str, written: &str) -> String {
    // The TOML reader's own words when an enum gets anything but a string or a
    // table; every enum of the rules is a name, written as a string.
    if message == "wanted string or table" {
        return "expected a string".to_string();
    }
    for problem in ["invalid type: ", "invalid value: "] {
        // The last ", expected " ends the value, which may be a string holding one.
        let parts = message
            .strip_prefix(problem)
            .and_then(|rest| rest.rsplit_once(", expected "));
        if let Some((found, expected)) = parts {
            let (found, expected) = (found_words(found, written), expected_words(expected));
            return format!("{problem}{found}, expected {expected}");
        }
    }
    message.to_string()
}

/// What was written, as serde describes it ("sequence", "floating point `1.5`").
fn found_words(found: &str, written: &str) -> String {
    match found {
        "sequence" => "array".to_string(),
        // The reader hands a date or time to serde as a map; only a date or a time
        // starts with a digit.
        "map" if written.starts_with(|c: char| c.is_ascii_digit()) => "date".to_string(),
        "map" => "table".to_string(),
        _ => match found.strip_prefix("floating point ") {
            Some(number) => format!("float {number}"),
            None => found.to_string(),
        },
    }
}

/// What was expected, as serde names it: a Rust type, or its own words for one.
fn expected_words(expected: &str) -> String {
    let whole = |low: i64, high: u64| format!("a whole number from {low} to {high}");
    match expected {
        "f64" | "f32" => "a number".to_string(),
        // A TOML integer is an i64: for these, only the sign can be wrong.
        "i64" | "isize" => "a whole number".to_string(),
        "u64" | "usize" => "a whole number, 0 or more".to_string(),
        "u32" => whole(0, u32::MAX.into()),
        "u16" => whole(0, u16::MAX.into()),
        "u8" => whole(0, u8::MAX.into()),
        "i32" => whole(i32::MIN.into(), i32::MAX as u64),
        "i16" => whole(i16::MIN.into(), i16::MAX as u64),
        "i8" => whole(i8::MIN.into(), i8::MAX as u64),
        "a boolean" => "true or false".to_string(),
        "a sequence" => "an array".to_string(),
        "a map" => "a table".to_string(),
        _ if expected.starts_with("struct ") => "a table".to_string(),
        _ => expected.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::in_toml_words;

    #[test]
    fn rust_types_become_toml_values() {
        let cases = [
            (
                "invalid type: string \"a\", expected f64",
                "1",
                "invalid type: string \"a\", expected a number",
            ),
            (
                "invalid type: boolean `true`, expected f32",
                "true",
                "invalid type: boolean `true`, expected a number",
            ),
            (
                "invalid type: floating point `1.5`, expected i64",
                "1.5",
                "invalid type: float `1.5`, expected a whole number",
            ),
            (
                "invalid value: integer `-1`, expected usize",
                "-1",
                "invalid value: integer `-1`, expected a whole number, 0 or more",
            ),
            (
                "invalid value: integer `-1`, expected u64",
                "-1",
                "invalid value: integer `-1`, expected a whole number, 0 or more",
            ),
            (
                "invalid value: integer `300`, expected u8",
                "300",
                "invalid value: integer `300`, expected a whole number from 0 to 255",
            ),
            (
                "invalid value: integer `-99999`, expected i16",
                "-99999",
                "invalid value: integer `-99999`, expected a whole number from -32768 to 32767",
            ),
            (
                "invalid type: integer `1`, expected a boolean",
                "1",
                "invalid type: integer `1`, expected true or false",
            ),
            (
                "invalid type: sequence, expected a string",
                "[]",
                "invalid type: array, expected a string",
            ),
            (
                "invalid type: map, expected a sequence",
                "{}",
                "invalid type: table, expected an array",
            ),
            (
                "invalid type: map, expected f64",
                "2023-05-10",
                "invalid type: date, expected a number",
            ),
            (
                "invalid type: map, expected f64",
                "07:30:00",
                "invalid type: date, expected a number",
            ),
            (
                "invalid type: integer `5`, expected a map",
                "5",
                "invalid type: integer `5`, expected a table",
            ),
            (
                "invalid type: integer `5`, expected struct GradeBand",
                "5",
                "invalid type: integer `5`, expected a table",
            ),
            ("wanted string or table", "5", "expected a string"),
        ];
        for (serde, written, toml) in cases {
            assert_eq!(in_toml_words(serde, written), toml, "{serde}");
        }
    }

    #[test]
    fn a_string_value_that_says_expected_is_left_as_written() {
        assert_eq!(
            in_toml_words(
                "invalid type: string \"x, expected u32\", expected f64",
                "\"x\""
            ),
            "invalid type: string \"x, expected u32\", expected a number"
        );
    }

    #[test]
    fn other_messages_are_left_as_they_are() {
        for message in [
            "unknown field `wieght`, expected one of `id`, `kind`",
            "unknown variant `keyword`, expected one of `phrase`, `regex`",
            "missing field `scoring`",
            "expected table, found integer",
        ] {
            assert_eq!(in_toml_words(message, "x"), message);
        }
    }
}
