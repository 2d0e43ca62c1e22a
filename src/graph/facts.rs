//! Facts about each article that the graph knows and the text alone does not:
//! how far it is from its story's origins, whether
//! its copies credit their source, how many outlets corroborate it. The rules
//! read them as numeric signals through `detect::provenance`, which explains them.

use super::build::ArticleSources;
use super::{Edge, Node, Story};
use chrono::NaiveDate;
use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;

/// What the graph knows about one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFacts {
    /// The earliest-dated origin of its story that the article reaches.
    pub earliest_origin: Option<EarliestOrigin>,
    /// Fewest hops to any origin of its story; `None` when it reaches none.
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

/// The facts of every document, by document index.
pub(super) fn article_facts(
    graph: &DiGraph<Node, Edge>,
    articles: &[NodeIndex],
    sources: &[ArticleSources],
    stories: &[Story],
) -> Vec<ArticleFacts> {
    let mut facts: Vec<ArticleFacts> = articles
        .iter()
        .map(|&article| ArticleFacts {
            earliest_origin: None,
            hops_to_origin: None,
            copies_attributed: copies_attributed(graph, article),
            corroborating_outlets: 0,
        })
        .collect();
    for story in stories {
        let publishers = story_publishers(graph, articles, story);
        for &doc in &story.articles {
            facts[doc].earliest_origin = earliest_origin(story, doc);
            facts[doc].hops_to_origin = hops_to_origin(story, doc);
            facts[doc].corroborating_outlets = corroborating(&sources[doc], &publishers);
        }
    }
    facts
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

fn story_publishers<'g>(
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
        .collect()
}

fn corroborating(sources: &ArticleSources, publishers: &BTreeSet<&Node>) -> usize {
    let cited = sources.cites.keys().map(|(node, _)| node);
    let own = [&sources.publisher, &sources.wire];
    let outlets: BTreeSet<&Node> = cited
        .chain(publishers.iter().copied())
        .filter(|n| matches!(n, Node::Outlet(_)))
        .filter(|&n| !own.iter().any(|o| o.as_ref() == Some(n)))
        .collect();
    outlets.len()
}

/// The reached origin with the earliest date (undated last), then fewest hops.
fn earliest_origin(story: &Story, doc: usize) -> Option<EarliestOrigin> {
    story
        .origins
        .iter()
        .filter_map(|origin| {
            let path = origin.path_of(doc)?;
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
        .filter_map(|origin| origin.path_of(doc))
        .map(|path| path.hops)
        .min()
}
