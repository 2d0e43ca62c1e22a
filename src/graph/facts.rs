//! Facts about each article that the graph knows and the text alone does not:
//! how far it is from its story's origins, whether
//! its copies credit their source, how many outlets corroborate it. The rules
//! read them as numeric signals through `detect::provenance`, which explains them.

use super::build::ArticleSources;
use super::{Edge, Node, Origin, OriginPath, Story};
use chrono::NaiveDate;
use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What the graph knows about one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFacts {
    /// The earliest-dated origin of its story that the article reaches through a
    /// citation or a copy.
    pub earliest_origin: Option<EarliestOrigin>,
    /// Fewest hops to any origin of its story that it reaches through a citation
    /// or a copy (not as the origin's own report); `None` when it reaches none.
    pub hops_to_origin: Option<usize>,
    /// Whether all its copies credit their source; `None` when it copies nothing.
    pub copies_attributed: Option<bool>,
    /// Distinct registry outlets, besides its publisher and wire, that it cites
    /// or that publish articles in its story.
    pub corroborating_outlets: usize,
}

/// An origin an article reaches, with its date and the hops to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarliestOrigin {
    pub node: NodeIndex,
    pub date: Option<NaiveDate>,
    pub hops: usize,
}

impl ArticleFacts {
    /// The facts as named numbers for the rules; an unknown value is left out.
    pub fn signals(&self) -> Vec<(&'static str, f64)> {
        let count = |n: usize| n as f64;
        let flag = |b: bool| f64::from(u8::from(b));
        let mut signals = Vec::new();
        signals.extend(self.hops_to_origin.map(|h| ("hops_to_origin", count(h))));
        signals.push(("reaches_origin", flag(self.hops_to_origin.is_some())));
        signals.extend(
            self.copies_attributed
                .map(|a| ("copies_attributed", flag(a))),
        );
        signals.push(("corroborating_outlets", count(self.corroborating_outlets)));
        signals
    }
}

/// The facts of every document, by document index, found in parallel.
pub(super) fn article_facts(
    graph: &DiGraph<Node, Edge>,
    articles: &[NodeIndex],
    sources: &[ArticleSources],
    stories: &[Story],
) -> Vec<ArticleFacts> {
    let publishers: Vec<BTreeSet<&Node>> = stories
        .par_iter()
        .map(|story| story_outlets(graph, articles, story))
        .collect();
    let mut story_of = vec![None; articles.len()];
    for (i, story) in stories.iter().enumerate() {
        for &doc in &story.articles {
            story_of[doc] = Some(i);
        }
    }
    (0..articles.len())
        .into_par_iter()
        .map(|doc| {
            let story = story_of[doc];
            ArticleFacts {
                earliest_origin: story.and_then(|i| earliest_origin(&stories[i], doc)),
                hops_to_origin: story.and_then(|i| hops_to_origin(&stories[i], doc)),
                copies_attributed: copies_attributed(graph, articles[doc]),
                corroborating_outlets: story
                    .map_or(0, |i| corroborating(&sources[doc], &publishers[i])),
            }
        })
        .collect()
}

/// Copies the article makes, and undirected copies it shares, all attributed?
fn copies_attributed(graph: &DiGraph<Node, Edge>, article: NodeIndex) -> Option<bool> {
    let made = graph.edges_directed(article, Outgoing).map(|e| e.weight());
    let shared = graph
        .edges_directed(article, Incoming)
        .map(|e| e.weight())
        .filter(|w| {
            matches!(
                w,
                Edge::Copies {
                    directed: false,
                    ..
                }
            )
        });
    made.chain(shared)
        .filter_map(|weight| match weight {
            Edge::Copies { attributed, .. } => Some(*attributed),
            _ => None,
        })
        .reduce(|all, attributed| all && attributed)
}

/// The registry outlets that publish articles of the story.
fn story_outlets<'g>(
    graph: &'g DiGraph<Node, Edge>,
    articles: &[NodeIndex],
    story: &Story,
) -> BTreeSet<&'g Node> {
    story
        .articles
        .iter()
        .flat_map(|&doc| graph.edges_directed(articles[doc], Outgoing))
        .filter(|edge| *edge.weight() == Edge::PublishedBy)
        .map(|edge| &graph[edge.target()])
        .filter(|node| matches!(node, Node::Outlet(_)))
        .collect()
}

/// The distinct outlets the article cites or its story's `publishers` are, but its
/// own publisher and wire. Counted without a set of all of them: a large story's
/// publishers are hundreds of outlets, the same for each of its articles.
fn corroborating(sources: &ArticleSources, publishers: &BTreeSet<&Node>) -> usize {
    let mut own: Vec<&Node> = [&sources.publisher, &sources.wire]
        .into_iter()
        .flatten()
        .collect();
    own.dedup();
    let cited_elsewhere: BTreeSet<&Node> = sources
        .cites
        .keys()
        .map(|(node, _)| node)
        .filter(|n| matches!(n, Node::Outlet(_)) && !publishers.contains(n) && !own.contains(n))
        .collect();
    let own_publishers = own.iter().filter(|n| publishers.contains(*n)).count();
    publishers.len() - own_publishers + cited_elsewhere.len()
}

/// The reached origin with the earliest date (undated last), then fewest hops.
fn earliest_origin(story: &Story, doc: usize) -> Option<EarliestOrigin> {
    story
        .origins
        .iter()
        .filter_map(|origin| {
            let path = cited_path(origin, doc)?;
            Some(EarliestOrigin {
                node: origin.node,
                date: origin.date,
                hops: path.hops,
            })
        })
        .min_by_key(|o| (o.date.is_none(), o.date, o.hops))
}

fn hops_to_origin(story: &Story, doc: usize) -> Option<usize> {
    story
        .origins
        .iter()
        .filter_map(|origin| cited_path(origin, doc))
        .map(|path| path.hops)
        .min()
}

/// How the article reaches `origin` through its citations and copies: an article is
/// not its own origin's citation path, so the origin's own report reaches nothing.
fn cited_path(origin: &Origin, doc: usize) -> Option<&OriginPath> {
    origin.path_of(doc).filter(|path| !path.own_report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::CitationKind::{self, Interview, Report};

    fn outlet(name: &str) -> Node {
        Node::Outlet(name.to_string())
    }

    fn sources(
        publisher: &str,
        wire: Option<&str>,
        cited: &[(Node, CitationKind)],
    ) -> ArticleSources {
        ArticleSources {
            publisher: Some(outlet(publisher)),
            wire: wire.map(outlet),
            cites: cited.iter().map(|c| (c.clone(), None)).collect(),
            quotes: BTreeSet::new(),
            anonymous: 0,
        }
    }

    #[test]
    fn corroborating_outlets_are_cited_or_publishing_outlets_but_the_articles_own() {
        let publishers = [outlet("AP"), outlet("CNN"), outlet("Reuters")];
        let publishers: BTreeSet<&Node> = publishers.iter().collect();
        let unknown = Node::Unknown("The Daily Planet".into());
        let cited = [
            (outlet("Reuters"), Report),
            (outlet("BBC"), Report),
            (outlet("BBC"), Interview),
            (outlet("CNN"), Interview),
            (unknown, Report),
        ];
        // AP, CNN, Reuters and BBC, less its publisher CNN and its wire AP.
        let credited = sources("CNN", Some("AP"), &cited);
        assert_eq!(corroborating(&credited, &publishers), 2);
        // Its publisher as its wire counts once.
        let own_wire = sources("CNN", Some("CNN"), &cited);
        assert_eq!(corroborating(&own_wire, &publishers), 3);
        // A publisher outside the story's publishers takes nothing from them.
        let elsewhere = sources("Nikkei Asia", None, &cited[..1]);
        assert_eq!(corroborating(&elsewhere, &publishers), 3);
    }
}
