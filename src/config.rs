//! `rules.toml` as written: the raw serde form, before validation.
//!
//! Every table denies unknown keys, so a typo is an error with its line and
//! column rather than a rule that silently does nothing. [`crate::settings`]
//! turns this into validated settings in one step; nothing after that step
//! looks at this module again.

use crate::outlet::{Combination, OutletKind};
use serde::Deserialize;
use toml::Spanned;

/// The default rules, compiled into the binary.
pub const DEFAULT_RULES: &str = include_str!("../rules.toml");

/// The whole rules file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesFile {
    /// How findings become a score and a grade.
    pub scoring: Scoring,
    /// Parameters of the copy finder.
    #[serde(default)]
    pub reuse: crate::reuse::ReuseParams,
    /// The outlet registry.
    #[serde(default, rename = "outlet")]
    pub outlets: Vec<Spanned<OutletEntry>>,
    /// The checks.
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<RuleEntry>>,
}

/// `[scoring]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scoring {
    /// The starting score of an article whose publisher has no prior.
    pub base: Spanned<f64>,
    /// Whether a publisher named only in the text (not by front matter, a JSON
    /// field or the URL) lends its prior. Off by default: a scraped copy can
    /// claim any outlet.
    #[serde(default)]
    pub prior_from_text: bool,
    /// Grade bands: an article gets the first grade whose `min` its score reaches.
    pub grades: Spanned<Vec<GradeBand>>,
    /// How an outlet's ratings become its prior when it has no explicit `prior`:
    /// `mean` over raters, or `min` (the harshest rater) for a cautious newsroom.
    #[serde(default)]
    pub prior_combination: Combination,
    /// Raters disagree about an outlet when their scores differ by more than this
    /// many points (`prov outlets show` marks it). Default 25.
    pub disagreement: Option<Spanned<f64>>,
}

/// One grade band.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub grade: Spanned<String>,
    pub min: Spanned<f64>,
}

/// `[[outlet]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OutletEntry {
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub domains: Vec<Spanned<String>>,
    /// What sort of outlet; `other` when not given (rating tables rarely say).
    pub kind: Option<OutletKind>,
    /// Starting score, 0–100. When absent, the combination of `ratings` is the prior.
    pub prior: Option<Spanned<f64>>,
    /// Where the prior comes from (a rater and the date of its list).
    #[serde(default)]
    pub source: Option<String>,
    /// Raters' ratings of this outlet, each on the 0–100 scale.
    #[serde(default)]
    pub ratings: Vec<RatingEntry>,
}

/// One rater's rating in `ratings = [...]` of an `[[outlet]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RatingEntry {
    /// The rater's name ("mbfc", "lin2023").
    pub rater: Spanned<String>,
    /// The date or year of the rater's list, or "unknown".
    pub date: String,
    /// The domain rated, when the outlet has several.
    pub domain: Option<String>,
    /// The rating on the 0–100 scale.
    pub score: Spanned<f64>,
    /// The rating as the rater wrote it.
    #[serde(default)]
    pub raw: String,
}

/// A file of outlets only (what `prov outlets import` writes), read with `--outlets FILE`
/// next to the rules.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletsFile {
    #[serde(default, rename = "outlet")]
    pub outlets: Vec<Spanned<OutletEntry>>,
}

/// The kinds of rule (see the README for each one's fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// Fires once per hit of any listed phrase (case-insensitive).
    Phrase,
    /// Fires once per match of a regular expression.
    Regex,
    /// Fires when the count of a pattern's matches is outside `min`..=`max`.
    Occurrence,
    /// Fires when a metadata field is unknown.
    Missing,
    /// Fires when a signal compares true with a number.
    Metric,
    /// Fires when `if` holds and `then` does not.
    Conditional,
    /// Fires on the kind or prior of the publisher or of a cited outlet.
    Outlet,
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A comparison in `metric` and `conditional` rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub signal: Spanned<String>,
    pub op: Op,
    pub value: f64,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Op {
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "==")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
}

/// A metadata field that a `missing` rule asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Title,
    Published,
    Outlet,
    Byline,
    Wire,
}

/// Whose outlet an `outlet` rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutletRole {
    Publisher,
    Cited,
}

/// `[[rule]]`: the fields every kind shares, then each kind's own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleEntry {
    pub id: Spanned<String>,
    pub kind: RuleKind,
    /// Added to the score each time the rule fires (negative penalises).
    pub weight: Option<Spanned<f64>>,
    /// When the rule fires, the score can be at most this (a veto).
    pub cap: Option<Spanned<f64>>,
    #[serde(default = "default_severity")]
    pub severity: Severity,
    /// One line shown with each finding.
    pub message: String,
    /// Why the rule matters, shown by `prov rules explain`.
    pub explanation: String,
    #[serde(default = "yes")]
    pub enabled: bool,

    /// `phrase`: the phrases.
    pub phrases: Option<Spanned<Vec<String>>>,
    /// `regex`, `occurrence`: the pattern.
    pub pattern: Option<Spanned<String>>,
    /// `phrase`, `regex`: the most hits that count (default 1).
    pub max_hits: Option<Spanned<u32>>,
    /// `occurrence`: the count bounds.
    pub min: Option<Spanned<u32>>,
    pub max: Option<Spanned<u32>>,
    /// `missing`: the field.
    pub field: Option<Field>,
    /// `metric`: the comparison.
    pub signal: Option<Spanned<String>>,
    pub op: Option<Op>,
    pub value: Option<f64>,
    /// `conditional`: when `if` holds, `then` must too.
    #[serde(rename = "if")]
    pub when: Option<Condition>,
    pub then: Option<Condition>,
    /// `outlet`: whose outlet, and what about it fires the rule.
    pub of: Option<OutletRole>,
    pub kinds: Option<Vec<OutletKind>>,
    pub prior_below: Option<Spanned<f64>>,
}

fn default_severity() -> Severity {
    Severity::Warning
}

fn yes() -> bool {
    true
}
