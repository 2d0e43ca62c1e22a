//! The `[[outlet]]` entries of a rules or outlets file, checked: numbers in
//! range, domains that are domains, and each name, alias and domain owned by
//! one outlet of the file.

use super::Checker;
use crate::config::OutletEntry;
use crate::outlet::{Entry, Outlet, OutletKind, Place, Rating};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// Per outlet name (in ASCII lower case) or domain, the outlet that has it: its
/// index in the file, its name, and where the name or domain is written.
type Owners<'o> = HashMap<String, (usize, &'o str, Range<usize>)>;

impl<'a> Checker<'a> {
    /// A name, alias or domain belongs to one outlet of a file; a second outlet
    /// claiming it is refused at its place, naming both, rather than merged into
    /// the first (which would give one outlet's prior to the other's articles).
    pub(super) fn distinct_outlets(&mut self, outlets: &[Spanned<OutletEntry>]) {
        let (mut names, mut domains) = (Owners::new(), Owners::new());
        for (index, entry) in outlets.iter().enumerate() {
            let o = entry.get_ref();
            let owner = (index, o.name.get_ref().as_str());
            for name in std::iter::once(&o.name).chain(&o.aliases) {
                let key = name.get_ref().to_ascii_lowercase();
                self.claim(&mut names, "name", key, name, owner);
            }
            for domain in &o.domains {
                let key = crate::outlet::normalize_domain(domain.get_ref());
                self.claim(&mut domains, "domain", key, domain, owner);
            }
        }
    }

    /// Record that `owner` (an outlet's index and name) has `key`, written as
    /// `written`, or fail there if another outlet has it already.
    pub(super) fn claim<'o>(
        &mut self,
        owners: &mut Owners<'o>,
        what: &str,
        key: String,
        written: &Spanned<String>,
        owner: (usize, &'o str),
    ) {
        let Some((index, first, span)) = owners.get(&key) else {
            owners.insert(key, (owner.0, owner.1, written.span()));
            return;
        };
        if *index != owner.0 {
            let lines = (self.line(span.start), self.line(written.span().start));
            self.fail(
                written.span(),
                format!(
                    "duplicate outlet {what} `{}` (line {} `{first}`, line {} `{}`)",
                    written.get_ref(),
                    lines.0,
                    lines.1,
                    owner.1
                ),
            );
        }
    }

    pub(super) fn outlet(&mut self, entry: &Spanned<OutletEntry>) -> Entry {
        let o = entry.get_ref();
        let prior = o
            .prior
            .as_ref()
            .map(|p| self.bounded(p, "an outlet's `prior`", 0.0, 100.0));
        let mut domains = Vec::new();
        for d in &o.domains {
            let domain = crate::outlet::normalize_domain(d.get_ref());
            if domain.is_empty() {
                self.fail(
                    d.span(),
                    format!(
                        "outlet `{}`: `{}` is not a domain",
                        o.name.get_ref(),
                        d.get_ref()
                    ),
                );
            } else if !domains.contains(&domain) {
                domains.push(domain);
            }
        }
        let ratings = o
            .ratings
            .iter()
            .map(|r| {
                if r.rater.get_ref().trim().is_empty() {
                    self.fail(r.rater.span(), "a rating needs the rater's name");
                }
                Rating {
                    rater: r.rater.get_ref().clone(),
                    date: r.date.clone(),
                    domain: r.domain.as_deref().map(crate::outlet::normalize_domain),
                    score: self.bounded(&r.score, "a rating's `score`", 0.0, 100.0),
                    raw: r.raw.clone(),
                }
            })
            .collect();
        Entry {
            outlet: Outlet {
                name: o.name.get_ref().clone(),
                aliases: o.aliases.iter().map(|a| a.get_ref().clone()).collect(),
                domains,
                kind: o.kind.unwrap_or(OutletKind::Other),
                prior,
            },
            kind_given: o.kind.is_some(),
            ratings,
            source: o.source.clone(),
            prior_at: o.prior.as_ref().map(|p| Place {
                file: self.source.to_string(),
                line: self.line(p.span().start),
            }),
        }
    }
}
