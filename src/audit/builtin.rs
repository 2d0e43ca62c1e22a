//! The findings `prov audit` makes about a draft's own suppressions: its
//! `prov-ignore` markers and the baseline it is read with. They are not rules
//! of `rules.toml` (no rules file could turn them off by mistake), weigh
//! nothing, and are explained and listed in SARIF like rules.
//!
//! A marker or baseline entry that does nothing is a note, as ruff reports an
//! unused `noqa`: the finding it accepted has gone. A marker that cannot work
//! (an unknown rule, a finding with no line) is a warning: the finding it was
//! meant for still stands.

use crate::config::Severity;
use crate::rules::Finding;
use std::ops::Range;

/// One kind of finding about the draft's suppressions.
#[derive(Debug, PartialEq)]
pub struct BuiltIn {
    pub id: &'static str,
    pub severity: Severity,
    pub message: &'static str,
    pub explanation: &'static str,
}

pub const NO_REASON: BuiltIn = BuiltIn {
    id: "suppression-without-reason",
    severity: Severity::Warning,
    message: "a prov-ignore marker gives no reason",
    explanation: "A prov-ignore marker silences a finding an editor has checked. Without a reason, the\n\
next reader cannot tell a checked finding from a hidden one. Write the reason after a\n\
colon: <!-- prov-ignore rule-id: checked with the author -->.",
};

pub const UNKNOWN_RULE: BuiltIn = BuiltIn {
    id: "suppression-of-unknown-rule",
    severity: Severity::Warning,
    message: "a prov-ignore marker names a rule that does not exist",
    explanation: "A marker silences only the rules it names, by their ids in the rules file. A misspelt\n\
id silences nothing, so the finding it was meant for still stands. `prov rules list`\n\
shows the ids.",
};

pub const WITHOUT_LINE: BuiltIn = BuiltIn {
    id: "suppression-without-line",
    severity: Severity::Warning,
    message: "a prov-ignore marker names a rule whose findings have no line",
    explanation: "A marker silences findings on its line or paragraph. A finding about the whole\n\
article (a missing date, a missing outlet) has no line, so no marker can silence it.\n\
Accept it in a baseline: prov audit FILE --baseline FILE --write-baseline.",
};

pub const UNUSED: BuiltIn = BuiltIn {
    id: "suppression-unused",
    severity: Severity::Info,
    message: "a prov-ignore marker silences nothing",
    explanation: "No finding of the rule a marker names stands on the lines it covers: the text was\n\
changed, or the marker is in the wrong place. Remove it, or move it to the line or\n\
above the paragraph of the finding.",
};

pub const STALE_BASELINE: BuiltIn = BuiltIn {
    id: "baseline-entry-unused",
    severity: Severity::Info,
    message: "a baseline entry accepts no finding",
    explanation: "The finding the baseline accepted is no longer in the draft: its text was fixed or\n\
changed. Write the baseline again (--write-baseline) to drop the entry.",
};

/// Every built-in finding, in the order SARIF lists them.
pub const ALL: [&BuiltIn; 5] = [
    &NO_REASON,
    &UNKNOWN_RULE,
    &WITHOUT_LINE,
    &UNUSED,
    &STALE_BASELINE,
];

/// The built-in finding with this id, if there is one.
pub fn find(id: &str) -> Option<&'static BuiltIn> {
    ALL.into_iter().find(|b| b.id == id)
}

/// Where in the draft a built-in finding points, if anywhere.
pub struct At {
    pub line: usize,
    pub column: usize,
    pub span: Range<usize>,
    pub excerpt: String,
}

impl BuiltIn {
    pub fn finding(&self, at: Option<At>, detail: String) -> Finding {
        Finding {
            rule: self.id.into(),
            severity: self.severity,
            weight: 0.0,
            cap: None,
            line: at.as_ref().map(|a| a.line),
            column: at.as_ref().map(|a| a.column),
            span: at.as_ref().map(|a| a.span.clone()),
            excerpt: at.map(|a| a.excerpt),
            message: self.message.into(),
            detail: Some(detail),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_has_a_unique_id_and_an_explanation() {
        for (i, b) in ALL.iter().enumerate() {
            assert_eq!(find(b.id), Some(*b));
            assert!(ALL[..i].iter().all(|other| other.id != b.id));
            assert!(b.explanation.len() > 40, "{}", b.id);
        }
    }
}
