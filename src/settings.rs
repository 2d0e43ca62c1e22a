//! Validated settings: `rules.toml` checked once, at the edge.
//!
//! [`Settings::parse`] turns the raw [`crate::config`] form into compiled rules
//! (regexes and phrase matchers built, signals and fields checked, numbers in
//! range) and an outlet [`Registry`]. Every problem is reported with the file,
//! line and column it comes from, all at once; after this step nothing
//! re-checks the configuration.

use crate::config::{self, Field, GradeBand, Op, OutletRole, RuleEntry, RuleKind, Severity};
use crate::outlet::{Entry, OutletKind, PriorConflict, Registry};
use crate::reuse::ReuseError;
use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_automata::{Input, MatchKind, PatternSet, meta};
use sha2::{Digest, Sha256};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

mod outlets;
mod rule;
mod salvage;
mod toml_words;

/// A compiled regex may use at most this much memory; larger ones are refused.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// The validated rules file.
#[derive(Debug)]
pub struct Settings {
    /// Where the rules came from: a path, or `rules.toml (built in)`.
    pub source: String,
    /// SHA-256 of the rules file's bytes, so a report says exactly which rules made it.
    pub sha256: String,
    pub base: f64,
    pub prior_from_text: bool,
    /// Raters disagree about an outlet when their scores differ by more than this.
    pub disagreement: f64,
    /// Grade bands, highest `min` first.
    pub grades: Vec<Grade>,
    pub reuse: crate::reuse::ReuseParams,
    pub registry: Registry,
    /// Every rule, in file order, enabled or not.
    pub rules: Vec<Rule>,
    /// One matcher over the phrases of every enabled `phrase` rule.
    pub phrases: PhraseIndex,
    /// One scan for the patterns of every enabled `regex` and `occurrence` rule.
    pub patterns: PatternIndex,
}

/// One grade band: an article gets the first grade whose `min` its score reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    pub grade: String,
    pub min: f64,
}

/// One checked rule.
#[derive(Debug)]
pub struct Rule {
    /// Shared with every finding of the rule, as is its message.
    pub id: Arc<str>,
    pub kind: RuleKind,
    pub severity: Severity,
    pub weight: f64,
    pub cap: Option<f64>,
    pub message: Arc<str>,
    pub explanation: String,
    pub enabled: bool,
    pub check: Check,
}

/// What a rule tests, compiled.
#[derive(Debug)]
pub enum Check {
    /// Phrases live in [`Settings::phrases`]; this is the most hits that count.
    Phrase {
        max_hits: u32,
    },
    Regex {
        regex: Regex,
        max_hits: u32,
    },
    Occurrence {
        regex: Regex,
        min: Option<u32>,
        max: Option<u32>,
    },
    Missing(Field),
    Metric(Comparison),
    Conditional {
        when: Comparison,
        then: Comparison,
    },
    Outlet {
        of: OutletRole,
        kinds: Vec<OutletKind>,
        prior_below: Option<f64>,
    },
}

/// `signal op value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub signal: String,
    pub op: Op,
    pub value: f64,
}

/// All phrases of all enabled phrase rules in one Aho-Corasick automaton, so the
/// text is scanned once whatever the number of rules.
#[derive(Debug)]
pub struct PhraseIndex {
    /// The phrases in ASCII lower case, matched case-sensitively against the text in
    /// ASCII lower case: the same matches as an ASCII case-insensitive automaton, but a
    /// case-sensitive one has a vectorised prefilter, and lower-casing a copy of the
    /// text and searching it took a fifth of the time on news text (10.6 against 52 ms
    /// for 31 MB, the default rules). ASCII lower-casing changes no byte offset.
    matcher: AhoCorasick,
    /// For each pattern, the index of its rule in [`Settings::rules`].
    pub rule_of: Vec<usize>,
}

impl PhraseIndex {
    /// The heap memory of the automaton, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.matcher.memory_usage()
    }

    /// Each phrase in `text`, leftmost-longest and ignoring ASCII case: its span, and
    /// the index of its rule.
    pub fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        if self.rule_of.is_empty() {
            // No phrase rule is enabled: no copy of the text to make.
            return Vec::new();
        }
        let lower = text.as_bytes().to_ascii_lowercase();
        self.matcher
            .find_iter(&lower)
            .map(|m| (m.range(), self.rule_of[m.pattern().as_usize()]))
            .collect()
    }
}

/// The patterns of every enabled `regex` and `occurrence` rule in one automaton.
/// One scan of a text tells which of them match it at all; only those rules search
/// the text again, alone, for their spans. Such rules match few articles, and one
/// lazy-DFA pass without a literal prefilter is several times faster than a search
/// per rule whose prefilter stops at every "the" of a case-insensitive pattern.
#[derive(Debug)]
pub struct PatternIndex {
    pub scan: meta::Regex,
    /// For each pattern, the index of its rule in [`Settings::rules`].
    pub rule_of: Vec<usize>,
}

impl PatternIndex {
    /// For each rule index, whether its pattern matches somewhere in `text`.
    pub fn matching(&self, text: &str, rules: usize) -> Vec<bool> {
        let mut found = PatternSet::new(self.scan.pattern_len());
        self.scan
            .which_overlapping_matches(&Input::new(text), &mut found);
        let mut matching = vec![false; rules];
        for pattern in found.iter() {
            matching[self.rule_of[pattern.as_usize()]] = true;
        }
        matching
    }
}

/// A problem in a rules file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub span: Range<usize>,
    pub message: String,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl Comparison {
    pub fn holds(&self, actual: f64) -> bool {
        match self.op {
            Op::Lt => actual < self.value,
            Op::Le => actual <= self.value,
            Op::Gt => actual > self.value,
            Op::Ge => actual >= self.value,
            Op::Eq => actual == self.value,
            Op::Ne => actual != self.value,
        }
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = match self.op {
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Eq => "==",
            Op::Ne => "!=",
        };
        write!(f, "{} {op} {}", self.signal, self.value)
    }
}

impl Settings {
    /// The rules compiled into the binary.
    pub fn builtin() -> Settings {
        Settings::parse(config::DEFAULT_RULES, "rules.toml (built in)")
            .expect("the built-in rules.toml is valid")
    }

    /// Parse and validate a rules file; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Settings, Vec<RulesError>> {
        let (mut check, raw) = Checker::read::<config::RulesFile>(text, source)?;
        let settings = check.settings(raw);
        check.finish()?;
        Ok(settings)
    }

    /// The grade of a score: the first band whose `min` it reaches.
    pub fn grade(&self, score: f64) -> &str {
        self.grades
            .iter()
            .find(|band| score >= band.min)
            .map_or("?", |band| band.grade.as_str())
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| *r.id == *id)
    }

    /// Add the outlets of an outlets file (what `prov outlets import` writes) to
    /// the registry: an entry for a domain or name the registry knows merges its
    /// ratings into that outlet; the rest become new outlets. Within the file,
    /// a name, alias or domain belongs to one outlet only, as in a rules file. Priors follow the
    /// rules' `prior-combination`. `source` names the file in errors; the
    /// settings' source and hash then name both files. An explicit prior for an
    /// outlet that has one already is set aside: those are returned.
    pub fn add_outlets(
        &mut self,
        text: &str,
        source: &str,
    ) -> Result<Vec<PriorConflict>, Vec<RulesError>> {
        let (mut check, raw) = Checker::read::<config::OutletsFile>(text, source)?;
        check.distinct_outlets(&raw.outlets);
        let added: Vec<Entry> = raw.outlets.iter().map(|o| check.outlet(o)).collect();
        check.finish()?;
        let mut entries = self.registry.entries().to_vec();
        entries.extend(added);
        self.registry = Registry::build(entries, self.registry.combination());
        self.source = format!("{} + {source}", self.source);
        let mut hash = Sha256::new();
        hash.update(self.sha256.as_bytes());
        hash.update(text.as_bytes());
        self.sha256 = hex(&hash.finalize());
        Ok(self.registry.prior_conflicts().to_vec())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Collects every error of one validation pass.
struct Checker<'a> {
    text: &'a str,
    source: &'a str,
    errors: Vec<RulesError>,
    /// The keys left out of the file because their values could not be read.
    unread: Vec<salvage::Unread>,
}

impl<'a> Checker<'a> {
    /// A checker for `text`, with `text` read as TOML into `T`; a syntax or type
    /// error is returned at its line and column. serde stops at the first value
    /// it cannot read, so to show the others too, the key that holds it is left
    /// out (see [`salvage`]) and the rest read again: the checker then carries
    /// the errors found and the keys left out, and the rest is validated as usual.
    fn read<T: serde::de::DeserializeOwned>(
        text: &'a str,
        source: &'a str,
    ) -> Result<(Self, T), Vec<RulesError>> {
        let mut check = Checker {
            text,
            source,
            errors: Vec::new(),
            unread: Vec::new(),
        };
        let error = match toml::from_str(text) {
            Ok(raw) => return Ok((check, raw)),
            Err(e) => e,
        };
        let Ok(document) = toml::de::DeTable::parse(text) else {
            check.misread(&error);
            return Err(check.errors);
        };
        let mut salvage = salvage::Salvage::new(document);
        let raw = salvage.read_on(error, |e| check.misread(e));
        check.unread = salvage.unread;
        match raw {
            Some(raw) => Ok((check, raw)),
            None => Err(check.in_file_order()),
        }
    }

    /// A value the reader could not read, in TOML's words, at its place.
    fn misread(&mut self, error: &toml::de::Error) {
        let span = error.span().unwrap_or(0..0);
        let written = self.text.get(span.clone()).unwrap_or_default();
        let message = toml_words::in_toml_words(error.message().trim_end(), written);
        // An error outside every entry ("missing field `scoring`") comes back
        // when an entry is left out: it is one problem, said once.
        let again = (self.errors.iter()).any(|e| e.span == span && e.message == message);
        if !again {
            self.fail(span, message);
        }
    }

    /// Every error found, in file order; `Ok` when there is none.
    fn finish(self) -> Result<(), Vec<RulesError>> {
        if self.errors.is_empty() {
            return Ok(());
        }
        Err(self.in_file_order())
    }

    fn in_file_order(mut self) -> Vec<RulesError> {
        self.errors.sort_by_key(|e| e.span.start);
        self.errors
    }

    fn error(&self, span: Range<usize>, message: String) -> RulesError {
        let before = &self.text[..span.start.min(self.text.len())];
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        RulesError {
            path: self.source.to_string(),
            line: self.line(span.start),
            column,
            span,
            message,
        }
    }

    /// The line (from 1) of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    fn fail(&mut self, span: Range<usize>, message: impl Into<String>) {
        let error = self.error(span, message.into());
        self.errors.push(error);
    }

    /// A number that must lie in `range`; reported at its span otherwise.
    fn bounded(&mut self, value: &Spanned<f64>, what: &str, low: f64, high: f64) -> f64 {
        let v = *value.get_ref();
        if !(low..=high).contains(&v) {
            self.fail(
                value.span(),
                format!(
                    "{what} must be a number from {low} to {high}, found {}",
                    short(v)
                ),
            );
        }
        v
    }

    fn settings(&mut self, raw: config::RulesFile) -> Settings {
        let base = self.bounded(&raw.scoring.base, "`base`", 0.0, 100.0);
        let grades = self.grades(&raw.scoring.grades);
        // Left out unread, a key of `[reuse]` takes its default, which may not
        // go with the others as written.
        let reuse_read = !self.unread.iter().any(|u| u.section == "reuse");
        if reuse_read && let Err(e) = raw.reuse.validate() {
            let span = self.reuse_span(&e);
            self.fail(span, format!("[reuse]: {e}"));
        }
        let disagreement = raw
            .scoring
            .disagreement
            .as_ref()
            .map_or(25.0, |d| self.bounded(d, "`disagreement`", 0.0, 100.0));
        self.distinct_outlets(&raw.outlets);
        let registry = Registry::build(
            raw.outlets.iter().map(|o| self.outlet(o)).collect(),
            raw.scoring.prior_combination,
        );
        let mut rules = Vec::new();
        let mut ids = std::collections::HashSet::new();
        for entry in &raw.rules {
            let id = &entry.get_ref().id;
            self.rule_id(id);
            if !ids.insert(id.get_ref().as_str()) {
                self.fail(id.span(), format!("duplicate rule id `{}`", id.get_ref()));
            }
            if let Some(rule) = self.rule(entry.get_ref(), entry.span()) {
                rules.push(rule);
            }
        }
        let phrases = self.phrase_index(&raw.rules, &rules);
        let patterns = self.pattern_index(&rules);
        Settings {
            source: self.source.to_string(),
            sha256: hex(&Sha256::digest(self.text.as_bytes())),
            base,
            prior_from_text: raw.scoring.prior_from_text,
            disagreement,
            grades,
            reuse: raw.reuse,
            registry,
            rules,
            phrases,
            patterns,
        }
    }

    /// The bands as written, which must go from the highest `min` down to a band
    /// with `min = 0`, each grade named once.
    fn grades(&mut self, bands: &Spanned<Vec<GradeBand>>) -> Vec<Grade> {
        let mut grades: Vec<Grade> = Vec::new();
        for band in bands.get_ref() {
            let name = band.grade.get_ref();
            let min = self.bounded(&band.min, "a grade's `min`", 0.0, 100.0);
            if grades.iter().any(|g| g.grade == *name) {
                self.fail(band.grade.span(), format!("duplicate grade `{name}`"));
            } else if let Some(above) = grades.last().filter(|above| min >= above.min) {
                self.fail(
                    band.min.span(),
                    format!(
                        "grades go from the highest `min` down: `{name}` (min {}) cannot follow `{}` (min {})",
                        short(min),
                        above.grade,
                        short(above.min)
                    ),
                );
            }
            grades.push(Grade {
                grade: name.clone(),
                min,
            });
        }
        if grades.last().is_none_or(|lowest| lowest.min != 0.0) {
            self.fail(
                bands.span(),
                "`grades` must end with a band with `min = 0` so every score gets a grade",
            );
        }
        grades
    }

    /// Where a `[reuse]` problem is: the first of its keys that the file sets, else
    /// the `[reuse]` table, else the start of the file.
    fn reuse_span(&self, error: &ReuseError) -> Range<usize> {
        let Ok(document) = toml::de::DeTable::parse(self.text) else {
            return 0..0;
        };
        let Some(reuse) = document.get_ref().get("reuse") else {
            return 0..0;
        };
        let toml::de::DeValue::Table(keys) = reuse.get_ref() else {
            return reuse.span();
        };
        (error.keys.iter())
            .find_map(|name| keys.get_key_value(*name).map(|(key, _)| key.span()))
            .unwrap_or_else(|| reuse.span())
    }

    fn phrase_index(&mut self, entries: &[Spanned<RuleEntry>], rules: &[Rule]) -> PhraseIndex {
        let mut patterns = Vec::new();
        let mut rule_of = Vec::new();
        for (index, rule) in rules.iter().enumerate() {
            if !(rule.enabled && rule.kind == RuleKind::Phrase) {
                continue;
            }
            let entry = entries
                .iter()
                .find(|e| **e.get_ref().id.get_ref() == *rule.id);
            let phrases = entry.and_then(|e| e.get_ref().phrases.as_ref());
            for phrase in phrases.map(|p| p.get_ref().as_slice()).unwrap_or_default() {
                patterns.push(phrase.to_ascii_lowercase());
                rule_of.push(index);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("plain phrases always build");
        PhraseIndex { matcher, rule_of }
    }

    fn pattern_index(&self, rules: &[Rule]) -> PatternIndex {
        let (mut patterns, mut rule_of) = (Vec::new(), Vec::new());
        for (index, rule) in rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            if let Check::Regex { regex, .. } | Check::Occurrence { regex, .. } = &rule.check {
                patterns.push(regex.as_str());
                rule_of.push(index);
            }
        }
        // Each pattern built alone within REGEX_SIZE_LIMIT, so their union builds
        // within the sum of their limits.
        let limit = REGEX_SIZE_LIMIT * patterns.len().max(1);
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .auto_prefilter(false)
            .nfa_size_limit(Some(limit))
            .hybrid_cache_capacity(limit);
        let scan = meta::Builder::new()
            .configure(config)
            .build_many(&patterns)
            .expect("the union of valid patterns within its size limit builds");
        PatternIndex { scan, rule_of }
    }
}

/// A number as a person would write it: `1e308`, not three hundred digits.
fn short(v: f64) -> String {
    if v.abs() >= 1e6 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

pub fn kind_name(kind: RuleKind) -> &'static str {
    match kind {
        RuleKind::Phrase => "phrase",
        RuleKind::Regex => "regex",
        RuleKind::Occurrence => "occurrence",
        RuleKind::Missing => "missing",
        RuleKind::Metric => "metric",
        RuleKind::Conditional => "conditional",
        RuleKind::Outlet => "outlet",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_are_valid() {
        let s = Settings::builtin();
        assert!(s.rules.len() >= 10);
        assert!(s.rule("self-declared-fiction").is_some());
    }

    #[test]
    fn one_scan_names_the_pattern_rules_that_match_and_skips_disabled_ones() {
        let rule = |id: &str, kind: &str, pattern: &str, enabled: bool| {
            format!(
                "[[rule]]\nid = \"{id}\"\nkind = \"{kind}\"\npattern = '{pattern}'\nenabled = {enabled}\n\
                 weight = -1\nmessage = \"m\"\nexplanation = \"e\"\n"
            )
        };
        let text = [
            "[scoring]\nbase = 50\ngrades = [{ grade = \"A\", min = 0 }]\n".to_string(),
            rule("fiction", "regex", r"(?i)\bfictional\b", true),
            rule("off", "regex", "fictional", false),
            rule("bangs", "occurrence", "!", true) + "max = 3\n",
            rule("xylophone", "regex", "xylophone", true),
        ]
        .concat();
        let settings = Settings::parse(&text, "rules.toml").unwrap();
        let matching = settings
            .patterns
            .matching("A FICTIONAL story!", settings.rules.len());
        let ids: Vec<&str> = settings.rules.iter().map(|r| &*r.id).collect();
        let matched: Vec<&str> = ids
            .iter()
            .zip(&matching)
            .filter(|(_, m)| **m)
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(matched, ["fiction", "bangs"]);
    }

    #[test]
    fn phrases_match_leftmost_longest_whatever_their_ascii_case() {
        let rule = |id: &str, phrases: &str| {
            format!(
                "[[rule]]\nid = \"{id}\"\nkind = \"phrase\"\nphrases = [{phrases}]\n\
                 weight = -1\nmessage = \"m\"\nexplanation = \"e\"\n"
            )
        };
        let text = [
            "[scoring]\nbase = 50\ngrades = [{ grade = \"A\", min = 0 }]\n".to_string(),
            rule("long", r#""Shocking truth""#),
            rule("short", r#""TRUTH", "café Noir""#),
        ]
        .concat();
        let settings = Settings::parse(&text, "rules.toml").unwrap();
        let text = "The SHOCKING truth, the Truth, a CAFé noir";
        let found: Vec<(&str, &str)> = settings
            .phrases
            .find(text)
            .into_iter()
            .map(|(span, rule)| (&text[span], &*settings.rules[rule].id))
            .collect();
        // "truth" inside the longer phrase is not a match of its own; "é" has no ASCII case.
        assert_eq!(
            found,
            [
                ("SHOCKING truth", "long"),
                ("Truth", "short"),
                ("CAFé noir", "short")
            ]
        );
    }
}
