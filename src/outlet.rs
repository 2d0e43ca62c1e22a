//! The outlet registry: every publisher, wire and broadcaster the rules know,
//! from `[[outlet]]` in `rules.toml`. Used by `extract` to resolve a name in the
//! text ("the Nikkei", "Kyodo news agency") or a URL's domain to one outlet,
//! and by `score` for an outlet's prior.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// What sort of outlet this is. Satire, imposter and state media are labels
/// that rules can read, not scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutletKind {
    Newspaper,
    Broadcaster,
    Wire,
    Magazine,
    Online,
    Blog,
    Satire,
    StateMedia,
    Imposter,
    Government,
    Other,
}

/// One known outlet.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlet {
    /// The canonical name, as reports show it ("Nikkei Asia").
    pub name: String,
    /// Other spellings found in text ("Nikkei", "the Nikkei newspaper"), matched
    /// case-sensitively at word boundaries.
    pub aliases: Vec<String>,
    /// Domains, lower case without `www.` ("cnn.com").
    pub domains: Vec<String>,
    pub kind: OutletKind,
    /// Starting score (0–100) for an article this outlet publishes, when known.
    pub prior: Option<f64>,
}

/// One rater's rating of one of an outlet's domains, mapped to 0–100.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    /// Who rated ("mbfc", "lin2023").
    pub rater: String,
    /// The date (or year) of the rater's list, or "unknown".
    pub date: String,
    /// The domain the rater rated, when the rating names one.
    pub domain: Option<String>,
    /// The rating on prov's 0–100 scale.
    pub score: f64,
    /// The rating as the rater wrote it ("mostly factual", "0.658").
    pub raw: String,
}

/// How an outlet's ratings become its prior (`[scoring] prior-combination`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Combination {
    /// The mean over raters.
    #[default]
    Mean,
    /// The lowest rater's score: a cautious newsroom trusts no rater more than the harshest.
    Min,
}

impl Combination {
    pub fn name(self) -> &'static str {
        match self {
            Combination::Mean => "mean",
            Combination::Min => "min",
        }
    }

    /// Each rater counts once, whatever the number of the outlet's domains it
    /// rates (its score is the mean of those ratings); then the mean or the
    /// lowest of the raters' scores. `None` when there are no ratings.
    pub fn combine(self, ratings: &[Rating]) -> Option<f64> {
        let scores: Vec<f64> = per_rater(ratings).into_iter().map(|(_, s)| s).collect();
        match self {
            _ if scores.is_empty() => None,
            Combination::Mean => Some(scores.iter().sum::<f64>() / scores.len() as f64),
            Combination::Min => scores.into_iter().reduce(f64::min),
        }
    }
}

/// Each rater's score for an outlet (the mean of its ratings), in order of first appearance.
pub fn per_rater<'a>(ratings: impl IntoIterator<Item = &'a Rating>) -> Vec<(&'a str, f64)> {
    let mut raters: Vec<(&str, f64, usize)> = Vec::new();
    for r in ratings {
        match raters.iter_mut().find(|(name, ..)| *name == r.rater) {
            Some((_, sum, n)) => {
                *sum += r.score;
                *n += 1;
            }
            None => raters.push((&r.rater, r.score, 1)),
        }
    }
    raters
        .into_iter()
        .map(|(name, sum, n)| (name, sum / n as f64))
        .collect()
}

/// For each domain that two raters or more rate, in order of first appearance:
/// the domain (`None` for ratings that name none) and how far apart the highest
/// and lowest ratings are. Raters are compared on the same domain only: an
/// outlet's domains can be rated very differently (xinhuanet.com and news.cn).
pub fn spread_by_domain(ratings: &[Rating]) -> Vec<(Option<&str>, f64)> {
    let mut domains: Vec<Option<&str>> = Vec::new();
    for r in ratings {
        if !domains.contains(&r.domain.as_deref()) {
            domains.push(r.domain.as_deref());
        }
    }
    domains
        .into_iter()
        .filter_map(|domain| {
            let raters = per_rater(ratings.iter().filter(|r| r.domain.as_deref() == domain));
            let scores = raters.iter().map(|(_, score)| *score);
            let low = scores.clone().fold(f64::INFINITY, f64::min);
            let high = scores.fold(f64::NEG_INFINITY, f64::max);
            (raters.len() >= 2).then_some((domain, high - low))
        })
        .collect()
}

/// An outlet as the rules give it, before entries for the same outlet are
/// merged and its prior is decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The outlet; its `prior` is the explicit `prior` of the rules, if any.
    pub outlet: Outlet,
    /// Whether the rules gave the kind (an imported rating table may not know it).
    pub kind_given: bool,
    pub ratings: Vec<Rating>,
    /// Where the explicit prior comes from.
    pub source: Option<String>,
    /// Where the explicit prior is written, when it is in a file.
    pub prior_at: Option<Place>,
}

/// A line of a rules or outlets file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file as the user named it (`rules.toml (built in)` for the default rules).
    pub file: String,
    pub line: usize,
}

/// Two entries merged into one outlet gave it different explicit priors: the
/// first is kept, the other set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorConflict {
    /// The outlet's name, as the first entry gives it.
    pub outlet: String,
    pub kept: f64,
    pub kept_at: Place,
    pub set_aside: f64,
    pub set_aside_at: Place,
}

impl std::fmt::Display for PriorConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (aside, kept) = (&self.set_aside_at, &self.kept_at);
        write!(
            f,
            "{}:{}: prior {} for `{}` is not used: line {} of {} gives it {} first",
            aside.file, aside.line, self.set_aside, self.outlet, kept.line, kept.file, self.kept
        )
    }
}

impl Entry {
    fn from_outlet(outlet: Outlet) -> Entry {
        Entry {
            outlet,
            kind_given: true,
            ratings: Vec::new(),
            source: None,
            prior_at: None,
        }
    }

    /// Two different explicit priors of this entry and `other`, both written in a file.
    fn prior_conflict(&self, other: &Entry) -> Option<PriorConflict> {
        let (kept, set_aside) = (self.outlet.prior?, other.outlet.prior?);
        (kept != set_aside).then_some(PriorConflict {
            outlet: self.outlet.name.clone(),
            kept,
            kept_at: self.prior_at.clone()?,
            set_aside,
            set_aside_at: other.prior_at.clone()?,
        })
    }

    /// Take in another entry for the same outlet: its new domains, aliases and
    /// ratings (a rating from the same rater for the same domain replaces the
    /// older one), and its kind, prior and source where this one has none.
    fn merge(&mut self, other: Entry) {
        let o = &mut self.outlet;
        for d in other.outlet.domains {
            if !o.domains.contains(&d) {
                o.domains.push(d);
            }
        }
        for a in other.outlet.aliases {
            if !o.aliases.contains(&a) && a != o.name {
                o.aliases.push(a);
            }
        }
        if !self.kind_given && other.kind_given {
            o.kind = other.outlet.kind;
            self.kind_given = true;
        }
        if o.prior.is_none() {
            o.prior = other.outlet.prior;
            self.prior_at = other.prior_at;
        }
        self.source = self.source.take().or(other.source);
        for rating in other.ratings {
            match self
                .ratings
                .iter_mut()
                .find(|r| r.rater == rating.rater && r.domain == rating.domain)
            {
                Some(old) => *old = rating,
                None => self.ratings.push(rating),
            }
        }
    }
}

/// All outlets, with a matcher over their names and aliases and an index of their domains.
#[derive(Debug, Clone)]
pub struct Registry {
    outlets: Vec<Outlet>,
    /// For each outlet, the merged entry it came from (explicit prior and ratings).
    entries: Vec<Entry>,
    combination: Combination,
    /// Each domain, and the first outlet that has it.
    domain_index: HashMap<String, usize>,
    /// Each name and alias in ASCII lower case, and the first outlet that has it.
    name_index: HashMap<String, usize>,
    matcher: AhoCorasick,
    /// For each matcher pattern, the outlet it names.
    pattern_outlet: Vec<usize>,
    /// The explicit priors that merging set aside.
    prior_conflicts: Vec<PriorConflict>,
}

impl Registry {
    /// A registry of these outlets as they are: their priors are taken as given.
    pub fn new(outlets: Vec<Outlet>) -> Self {
        Registry::build(
            outlets.into_iter().map(Entry::from_outlet).collect(),
            Combination::default(),
        )
    }

    /// A registry from the entries of the rules: entries that share a domain or
    /// a name are merged into the first of them, and each outlet's prior is its
    /// explicit prior (the first one's, see [`Registry::prior_conflicts`]), else
    /// the `combination` of its ratings.
    pub fn build(entries: Vec<Entry>, combination: Combination) -> Self {
        let mut merged: Vec<Entry> = Vec::new();
        let mut prior_conflicts = Vec::new();
        let mut domain_index: HashMap<String, usize> = HashMap::new();
        let mut name_index: HashMap<String, usize> = HashMap::new();
        for entry in entries {
            let o = &entry.outlet;
            let target = o
                .domains
                .iter()
                .find_map(|d| domain_index.get(d))
                .or_else(|| name_index.get(&o.name.to_ascii_lowercase()))
                .copied();
            let index = match target {
                Some(index) => {
                    prior_conflicts.extend(merged[index].prior_conflict(&entry));
                    merged[index].merge(entry);
                    index
                }
                None => {
                    merged.push(entry);
                    merged.len() - 1
                }
            };
            let o = &merged[index].outlet;
            for d in &o.domains {
                domain_index.entry(d.clone()).or_insert(index);
            }
            for name in std::iter::once(&o.name).chain(&o.aliases) {
                name_index.entry(name.to_ascii_lowercase()).or_insert(index);
            }
        }
        let outlets: Vec<Outlet> = merged
            .iter()
            .map(|e| Outlet {
                prior: e.outlet.prior.or_else(|| combination.combine(&e.ratings)),
                ..e.outlet.clone()
            })
            .collect();
        let mut patterns = Vec::new();
        let mut pattern_outlet = Vec::new();
        for (index, outlet) in outlets.iter().enumerate() {
            for name in std::iter::once(&outlet.name).chain(&outlet.aliases) {
                patterns.push(name.clone());
                pattern_outlet.push(index);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("outlet names are plain strings");
        Registry {
            outlets,
            entries: merged,
            combination,
            domain_index,
            name_index,
            matcher,
            pattern_outlet,
            prior_conflicts,
        }
    }

    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    /// The merged entries, one per outlet, in the order of [`Registry::outlets`].
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Each explicit prior that lost to an earlier entry's, when this registry was built.
    pub fn prior_conflicts(&self) -> &[PriorConflict] {
        &self.prior_conflicts
    }

    /// How ratings become priors in this registry.
    pub fn combination(&self) -> Combination {
        self.combination
    }

    /// The outlet whose name or alias is exactly `name` (ignoring ASCII case).
    pub fn resolve(&self, name: &str) -> Option<&Outlet> {
        let key = name.trim().to_ascii_lowercase();
        self.name_index.get(&key).map(|&i| &self.outlets[i])
    }

    /// The outlet owning the domain of a URL or bare domain (subdomains count;
    /// the most specific domain wins).
    pub fn by_domain(&self, url_or_domain: &str) -> Option<&Outlet> {
        self.domain_position(url_or_domain)
            .map(|i| &self.outlets[i])
    }

    fn domain_position(&self, url_or_domain: &str) -> Option<usize> {
        let host = normalize_domain(url_or_domain);
        let mut rest = host.as_str();
        while !rest.is_empty() {
            if let Some(&i) = self.domain_index.get(rest) {
                return Some(i);
            }
            rest = rest.split_once('.').map_or("", |(_, r)| r);
        }
        None
    }

    /// An outlet and its entry, by a domain or URL (when `query` has a dot),
    /// else by name or alias.
    pub fn find(&self, query: &str) -> Option<(&Outlet, &Entry)> {
        let by_domain = query.contains('.').then(|| self.domain_position(query));
        let index = by_domain.flatten().or_else(|| {
            self.name_index
                .get(&query.trim().to_ascii_lowercase())
                .copied()
        })?;
        Some((&self.outlets[index], &self.entries[index]))
    }

    /// Every mention of a known outlet in `text`, leftmost-longest, at word boundaries.
    pub fn mentions<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (Range<usize>, &'a Outlet)> + 'a {
        self.matcher.find_iter(text).filter_map(move |m| {
            let bounded = !text[..m.start()].ends_with(is_word_char)
                && !text[m.end()..].starts_with(is_word_char);
            bounded.then(|| {
                (
                    m.range(),
                    &self.outlets[self.pattern_outlet[m.pattern().as_usize()]],
                )
            })
        })
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The host of a URL or domain: lower case, no scheme, no `www.`, no port or path,
/// and web-archive wrappers (`web.archive.org/web/2020…/https://example.com/…`) unwrapped.
pub fn normalize_domain(url_or_domain: &str) -> String {
    host_and_path(url_or_domain).0
}

/// The host (as [`normalize_domain`] gives it) and the path after it, without
/// its query or fragment: `www.theguardian.com/observer/` gives
/// `("theguardian.com", "/observer/")`. Rating tables rate sections of a site
/// this way, which a domain cannot stand for.
pub fn host_and_path(url_or_domain: &str) -> (String, String) {
    let mut rest = url_or_domain.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let Some(inner) = lower
            .find("web.archive.org/web/")
            .map(|i| &rest[i + "web.archive.org/web/".len()..])
            .and_then(|s| s.find('/').map(|j| &s[j + 1..]))
        else {
            break;
        };
        rest = inner;
    }
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (host, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .unwrap_or(&host)
        .trim_end_matches('.')
        .to_string();
    (host, path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry::new(vec![
            Outlet {
                name: "Nikkei Asia".into(),
                aliases: vec!["Nikkei".into(), "the Nikkei newspaper".into()],
                domains: vec!["asia.nikkei.com".into()],
                kind: OutletKind::Newspaper,
                prior: Some(80.0),
            },
            Outlet {
                name: "CNN".into(),
                aliases: vec![],
                domains: vec!["cnn.com".into()],
                kind: OutletKind::Broadcaster,
                prior: Some(70.0),
            },
        ])
    }

    #[test]
    fn mentions_are_longest_and_word_bounded() {
        let r = registry();
        let found: Vec<_> = r
            .mentions("the Nikkei Asia said; CNNs no; told CNN.")
            .map(|(span, o)| (span, o.name.as_str()))
            .collect();
        assert_eq!(found, vec![(4..15, "Nikkei Asia"), (36..39, "CNN")]);
    }

    #[test]
    fn domains_are_normalised() {
        let r = registry();
        assert_eq!(
            r.by_domain("https://www.cnn.com/2023/05/10/x")
                .unwrap()
                .name,
            "CNN"
        );
        assert_eq!(r.by_domain("edition.cnn.com").unwrap().name, "CNN");
        assert!(r.by_domain("notcnn.com").is_none());
        assert_eq!(
            normalize_domain("http://web.archive.org/web/20171102/http://www.Example.com:80/a"),
            "example.com"
        );
    }
}
