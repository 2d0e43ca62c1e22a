//! The outlet registry: every publisher, wire and broadcaster the rules know,
//! from `[[outlet]]` in `rules.toml`. Used by `extract` to resolve a name in the
//! text ("the Nikkei", "Kyodo news agency") or a URL's domain to one outlet,
//! and by `score` for an outlet's prior.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::{Deserialize, Serialize};
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

/// All outlets, with a matcher over their names and aliases.
#[derive(Debug, Clone)]
pub struct Registry {
    outlets: Vec<Outlet>,
    matcher: AhoCorasick,
    /// For each matcher pattern, the outlet it names.
    pattern_outlet: Vec<usize>,
}

impl Registry {
    pub fn new(outlets: Vec<Outlet>) -> Self {
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
            matcher,
            pattern_outlet,
        }
    }

    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    /// The outlet whose name or alias is exactly `name` (ignoring ASCII case).
    pub fn resolve(&self, name: &str) -> Option<&Outlet> {
        let name = name.trim();
        self.outlets.iter().find(|o| {
            o.name.eq_ignore_ascii_case(name)
                || o.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
    }

    /// The outlet owning the domain of a URL or bare domain (subdomains count).
    pub fn by_domain(&self, url_or_domain: &str) -> Option<&Outlet> {
        let host = normalize_domain(url_or_domain);
        self.outlets.iter().find(|o| {
            o.domains
                .iter()
                .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        })
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
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    host.strip_prefix("www.")
        .unwrap_or(&host)
        .trim_end_matches('.')
        .to_string()
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
