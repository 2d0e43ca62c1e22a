//! One `[[rule]]` entry, checked and compiled: its id, the fields its kind
//! needs and no others, its regex, its signals and its bounds.

use super::{Check, Checker, Comparison, REGEX_SIZE_LIMIT, Rule, kind_name};
use crate::config::{Condition, RuleEntry, RuleKind};
use regex::{Regex, RegexBuilder};
use std::ops::Range;
use toml::Spanned;

impl<'a> Checker<'a> {
    /// Rule ids are written into findings, CSV columns and suppression
    /// comments: lower-case letters, digits, `-` and `_` only.
    pub(super) fn rule_id(&mut self, id: &Spanned<String>) {
        let name = id.get_ref();
        let allowed =
            |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
        if name.is_empty() {
            self.fail(id.span(), "a rule id cannot be empty");
        } else if !name.chars().all(allowed) {
            self.fail(
                id.span(),
                format!(
                    "rule id `{}` may have only lower-case letters, digits, `-` and `_`",
                    name.escape_debug()
                ),
            );
        }
    }

    pub(super) fn rule(&mut self, r: &RuleEntry, span: Range<usize>) -> Option<Rule> {
        let weight = r
            .weight
            .as_ref()
            .map_or(0.0, |w| self.bounded(w, "`weight`", -100.0, 100.0));
        let cap = r.cap.as_ref().map(|c| self.bounded(c, "`cap`", 0.0, 100.0));
        self.reject_foreign_fields(r, span.clone());
        let check = self.check(r, span)?;
        Some(Rule {
            id: r.id.get_ref().as_str().into(),
            kind: r.kind,
            severity: r.severity,
            weight,
            cap,
            message: r.message.as_str().into(),
            explanation: r.explanation.clone(),
            enabled: r.enabled,
            check,
        })
    }

    /// A field that belongs to another kind of rule is a mistake, not something to ignore.
    pub(super) fn reject_foreign_fields(&mut self, r: &RuleEntry, span: Range<usize>) {
        use RuleKind::*;
        let fields: [(&str, bool, &[RuleKind]); 13] = [
            ("phrases", r.phrases.is_some(), &[Phrase]),
            ("pattern", r.pattern.is_some(), &[Regex, Occurrence]),
            ("max-hits", r.max_hits.is_some(), &[Phrase, Regex]),
            ("min", r.min.is_some(), &[Occurrence]),
            ("max", r.max.is_some(), &[Occurrence]),
            ("field", r.field.is_some(), &[Missing]),
            ("signal", r.signal.is_some(), &[Metric]),
            ("op", r.op.is_some(), &[Metric]),
            ("value", r.value.is_some(), &[Metric]),
            ("if", r.when.is_some(), &[Conditional]),
            ("then", r.then.is_some(), &[Conditional]),
            ("of", r.of.is_some(), &[Outlet]),
            (
                "kinds",
                r.kinds.is_some() || r.prior_below.is_some(),
                &[Outlet],
            ),
        ];
        for (name, present, kinds) in fields {
            if present && !kinds.contains(&r.kind) {
                self.fail(
                    span.clone(),
                    format!(
                        "rule `{}`: `{name}` does not apply to a `{}` rule",
                        r.id.get_ref(),
                        kind_name(r.kind)
                    ),
                );
            }
        }
    }

    pub(super) fn check(&mut self, r: &RuleEntry, span: Range<usize>) -> Option<Check> {
        let need = |this: &mut Self, field: &str| -> Option<Check> {
            this.lacks(r, &span, field);
            None
        };
        let max_hits = r.max_hits.as_ref().map_or(1, |m| {
            if *m.get_ref() == 0 {
                let id = r.id.get_ref();
                self.fail(
                    m.span(),
                    format!(
                        "rule `{id}`: `max-hits` must be at least 1; with 0 the rule never fires"
                    ),
                );
            }
            *m.get_ref()
        });
        Some(match r.kind {
            RuleKind::Phrase => {
                let phrases = r.phrases.as_ref().filter(|p| !p.get_ref().is_empty());
                if phrases.is_none_or(|p| p.get_ref().iter().any(|s| s.trim().is_empty())) {
                    return need(self, "`phrases` (a non-empty list of non-empty strings)");
                }
                Check::Phrase { max_hits }
            }
            RuleKind::Regex => Check::Regex {
                regex: self.regex(r, &span)?,
                max_hits,
            },
            RuleKind::Occurrence => {
                let (min, max) = (r.min.as_ref(), r.max.as_ref());
                if min.is_none() && max.is_none() {
                    return need(self, "`min` or `max`");
                }
                if let (Some(low), Some(high)) = (min, max)
                    && low.get_ref() > high.get_ref()
                {
                    let (id, low) = (r.id.get_ref(), low.get_ref());
                    self.fail(
                        high.span(),
                        format!("rule `{id}`: `max` ({}) is below `min` ({low}); every count would be out of bounds", high.get_ref()),
                    );
                }
                Check::Occurrence {
                    regex: self.regex(r, &span)?,
                    min: min.map(|m| *m.get_ref()),
                    max: max.map(|m| *m.get_ref()),
                }
            }
            RuleKind::Missing => match r.field {
                Some(field) => Check::Missing(field),
                None => return need(self, "`field`"),
            },
            RuleKind::Metric => match (&r.signal, r.op, r.value) {
                (Some(signal), Some(op), Some(value)) => {
                    Check::Metric(self.comparison(&Condition {
                        signal: signal.clone(),
                        op,
                        value,
                    })?)
                }
                _ => return need(self, "`signal`, `op` and `value`"),
            },
            RuleKind::Conditional => match (&r.when, &r.then) {
                (Some(when), Some(then)) => {
                    let (when, then) = (self.comparison(when), self.comparison(then));
                    Check::Conditional {
                        when: when?,
                        then: then?,
                    }
                }
                _ => return need(self, "`if` and `then`"),
            },
            RuleKind::Outlet => {
                let kinds = r.kinds.clone().unwrap_or_default();
                match r.of {
                    Some(of) if !kinds.is_empty() || r.prior_below.is_some() => Check::Outlet {
                        of,
                        kinds,
                        prior_below: r
                            .prior_below
                            .as_ref()
                            .map(|p| self.bounded(p, "`prior-below`", 0.0, 100.0)),
                    },
                    _ => return need(self, "`of`, and `kinds` or `prior-below`"),
                }
            }
        })
    }

    /// Say that the rule `r` at `span` lacks `what` its kind needs; unless a key
    /// of the rule was left out unread: that may be the very key, and its own
    /// error says what to fix.
    fn lacks(&mut self, r: &RuleEntry, span: &Range<usize>, what: &str) {
        if self.unread.iter().any(|u| u.table == span.start) {
            return;
        }
        let (id, kind) = (r.id.get_ref(), kind_name(r.kind));
        self.fail(
            span.clone(),
            format!("rule `{id}`: a `{kind}` rule needs {what}"),
        );
    }

    pub(super) fn regex(&mut self, r: &RuleEntry, span: &Range<usize>) -> Option<Regex> {
        let Some(pattern) = &r.pattern else {
            self.lacks(r, span, "`pattern`");
            return None;
        };
        match RegexBuilder::new(pattern.get_ref())
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build()
        {
            Ok(regex) => Some(regex),
            Err(e) => {
                let detail = e.to_string();
                let reason = detail
                    .lines()
                    .last()
                    .unwrap_or(&detail)
                    .trim()
                    .trim_start_matches("error: ");
                self.fail(
                    pattern.span(),
                    format!("rule `{}`: invalid regex: {reason}", r.id.get_ref()),
                );
                None
            }
        }
    }

    pub(super) fn comparison(&mut self, c: &Condition) -> Option<Comparison> {
        let name = c.signal.get_ref();
        if !crate::detect::is_signal(name) {
            let known = crate::detect::signals()
                .map(|s| s.name)
                .collect::<Vec<_>>()
                .join(", ");
            self.fail(
                c.signal.span(),
                format!("unknown signal `{name}`, expected one of: {known}"),
            );
            return None;
        }
        if !c.value.is_finite() {
            self.fail(
                c.signal.span(),
                format!("the value compared with `{name}` must be a finite number"),
            );
            return None;
        }
        Some(Comparison {
            signal: name.clone(),
            op: c.op,
            value: c.value,
        })
    }
}
