//! Facts about each article that the graph knows and the text alone does not:
//! how many sources it names, how far it is from its story's origins, whether
//! its copies credit their source, how many outlets corroborate it. The rules
//! read them as numeric signals; [`SIGNALS`] is what `prov rules explain` shows.

use super::build::ArticleSources;
use super::{Edge, Node, Story};
use chrono::NaiveDate;
use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;

/// Every signal the graph gives the rules, with what it means.
pub const SIGNALS: &[(&str, &str)] = &[
    (
        "named_sources",
        "Distinct named sources the article cites: outlets, unknown names and people.",
    ),
    (
        "anonymous_sources",
        "Citations in the article that name no source (\"citing unnamed officials\").",
    ),
    (
        "outlet_sources",
        "Distinct registry outlets the article cites, its wire credit included.",
    ),
    (
        "hops_to_origin",
        "Fewest citation or copy steps from the article to an origin of its story; \
         absent when it reaches none.",
    ),
    (
        "reaches_origin",
        "1 when the article reaches an origin of its story (the earliest report or a \
         first-hand source) through its citations and copies, else 0.",
    ),
    (
        "copies_attributed",
        "1 when every copy the article makes credits its source, else 0; absent when it \
         copies nothing.",
    ),
    (
        "corroborating_outlets",
        "Distinct registry outlets, other than its own publisher and wire, that the article \
         cites or that publish articles in the same story.",
    ),
];

/// What the graph knows about one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFacts {
    /// Distinct named sources cited: outlets, unknown names and people.
    pub named_sources: usize,
    /// Citations that name no source.
    pub anonymous_sources: usize,
    /// Distinct registry outlets cited, the wire credit included.
    pub outlet_sources: usize,
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
        let mut signals = vec![
            ("named_sources", count(self.named_sources)),
            ("anonymous_sources", count(self.anonymous_sources)),
            ("outlet_sources", count(self.outlet_sources)),
        ];
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
        .zip(sources)
        .map(|(&article, sources)| source_facts(graph, article, sources))
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

/// The facts that depend on the article alone.
fn source_facts(
    graph: &DiGraph<Node, Edge>,
    article: NodeIndex,
    sources: &ArticleSources,
) -> ArticleFacts {
    let cited: BTreeSet<&Node> = sources.cites.keys().map(|(node, _)| node).collect();
    ArticleFacts {
        named_sources: cited
            .iter()
            .filter(|n| !matches!(n, Node::Anonymous { .. }))
            .count(),
        anonymous_sources: sources.anonymous,
        outlet_sources: cited
            .iter()
            .filter(|n| matches!(n, Node::Outlet(_)))
            .count(),
        earliest_origin: None,
        hops_to_origin: None,
        copies_attributed: copies_attributed(graph, article),
        corroborating_outlets: 0,
    }
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
