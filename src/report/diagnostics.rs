//! Compiler-style diagnostics (codespan-reporting) for problems in a file the
//! user wrote: a rules file now, a draft under audit too.

use crate::settings::RulesError;
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor};

/// Every error of a rules file, each with its snippet, in colour when asked.
pub fn rules_errors(errors: &[RulesError], text: &str, colour: bool) -> String {
    let Some(first) = errors.first() else {
        return String::new();
    };
    let file = SimpleFile::new(first.path.as_str(), text);
    let mut out = String::new();
    for e in errors {
        let end = e.span.end.max(e.span.start).min(text.len());
        let label = Label::primary((), e.span.start.min(end)..end);
        let diagnostic = Diagnostic::error()
            .with_message(format!("{}:{}:{}: {}", e.path, e.line, e.column, e.message))
            .with_labels(vec![label]);
        out.push_str(&emit(&file, &diagnostic, colour));
    }
    out
}

pub(super) fn emit(
    file: &SimpleFile<&str, &str>,
    diagnostic: &Diagnostic<()>,
    colour: bool,
) -> String {
    let config = Config::default();
    if colour {
        let mut buffer = termcolor::Buffer::ansi();
        term::emit_to_write_style(&mut buffer, &config, file, diagnostic)
            .expect("writing to memory");
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    } else {
        term::emit_into_string(&config, file, diagnostic).expect("writing to memory")
    }
}
