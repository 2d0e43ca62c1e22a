//! Building the citation graph from what `extract` and `reuse` found.
//!
//! Every source name goes through the outlet registry, so "the Nikkei" and
//! "Nikkei Asia" become one node. Nodes are inserted in their sorted order and
//! edges article by article, so the same inputs always give the same graph.

use super::{CitationGraph, Edge, Node, facts, story};
use crate::corpus::Entry;
use crate::extract::{Citation, CitationKind, Extraction, SourceKind};
use crate::outlet::Registry;
use crate::reuse::CopyPair;
use chrono::NaiveDate;
use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What one article says about where it comes from, with names resolved.
#[derive(Debug, Default)]
pub(super) struct ArticleSources {
    pub publisher: Option<Node>,
    /// The wire credited for the text ("According to VNA").
    pub wire: Option<Node>,
    /// Each cited source and kind, with the earliest date a citation gives.
    pub cites: BTreeMap<(Node, CitationKind), Option<NaiveDate>>,
    pub quotes: BTreeSet<Node>,
    /// How many citations name no source.
    pub anonymous: usize,
}

/// Build the citation graph of a corpus. `extractions` is parallel to `docs`;
/// `copies` index into `docs`.
pub fn build(
    docs: &[Entry],
    extractions: &[Extraction],
    copies: &[CopyPair],
    registry: &Registry,
) -> CitationGraph {
    let sources: Vec<ArticleSources> = extractions
        .par_iter()
        .enumerate()
        .map(|(doc, extraction)| article_sources(doc, extraction, registry))
        .collect();
    let nodes = all_nodes(docs, extractions, &sources);
    let (articles, edges) = article_edges(docs, extractions, &nodes, &sources);
    let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
    for node in nodes {
        graph.add_node(node);
    }
    for (from, to, edge) in edges {
        graph.add_edge(from, to, edge);
    }
    add_copy_edges(&mut graph, &articles, copies);
    let stories = story::stories(&graph);
    let facts = facts::article_facts(&graph, &articles, &sources, &stories);
    CitationGraph {
        graph,
        articles,
        stories,
        facts,
    }
}

/// An edge from an article to a source: from, to, and what kind.
type SourceEdge = (NodeIndex, NodeIndex, Edge);

/// Each article's node, and the edges from it to its sources, found in parallel.
/// `nodes` are added to the graph in their order, so a node's index is its place.
fn article_edges(
    docs: &[Entry],
    extractions: &[Extraction],
    nodes: &[Node],
    sources: &[ArticleSources],
) -> (Vec<NodeIndex>, Vec<SourceEdge>) {
    let index: HashMap<&Node, NodeIndex> = nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node, NodeIndex::new(i)))
        .collect();
    let articles: Vec<NodeIndex> = (0..docs.len())
        .into_par_iter()
        .map(|doc| index[&article_node(docs, extractions, doc)])
        .collect();
    let edges = sources
        .par_iter()
        .zip(&articles)
        .flat_map_iter(|(sources, &article)| source_edges(&index, article, sources))
        .collect();
    (articles, edges)
}

fn article_node(docs: &[Entry], extractions: &[Extraction], doc: usize) -> Node {
    Node::Article {
        doc,
        id: docs[doc].id.clone(),
        published: extractions[doc].meta.published.as_ref().map(|f| f.value),
    }
}

fn article_sources(doc: usize, extraction: &Extraction, registry: &Registry) -> ArticleSources {
    let meta = &extraction.meta;
    let mut sources = ArticleSources {
        publisher: meta
            .outlet
            .as_ref()
            .map(|f| outlet_node(&f.value, registry)),
        wire: meta.wire.as_ref().map(|f| outlet_node(&f.value, registry)),
        ..ArticleSources::default()
    };
    if let Some(wire) = &sources.wire {
        sources
            .cites
            .insert((wire.clone(), CitationKind::Wire), None);
    }
    for citation in &extraction.citations {
        let key = (source_node(citation, doc, registry), citation.kind);
        let date = sources.cites.entry(key).or_insert(citation.date);
        *date = earlier(*date, citation.date);
        sources.anonymous += usize::from(citation.source_kind == SourceKind::Anonymous);
    }
    for quote in &extraction.quotes {
        if let Some(speaker) = &quote.speaker {
            sources
                .quotes
                .insert(Node::Person(speaker.trim().to_string()));
        }
    }
    sources
}

fn source_node(citation: &Citation, doc: usize, registry: &Registry) -> Node {
    match citation.source_kind {
        SourceKind::Anonymous => Node::Anonymous { doc },
        SourceKind::Person => Node::Person(citation.source.trim().to_string()),
        SourceKind::Outlet | SourceKind::Unknown => outlet_node(&citation.source, registry),
    }
}

/// A registry outlet by its canonical name, or the name as written.
fn outlet_node(name: &str, registry: &Registry) -> Node {
    match registry.resolve(name) {
        Some(outlet) => Node::Outlet(outlet.name.clone()),
        None => Node::Unknown(name.trim().to_string()),
    }
}

/// The earlier of two dates, where either may be unknown.
pub(super) fn earlier(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Every node, sorted and without repeats: articles, then named sources. The named
/// sources are gathered as references and only the distinct ones cloned: an owned
/// copy of every mention would hold millions of small strings at once. A set finds
/// the distinct ones: sorting every mention first took most of this step's time.
fn all_nodes(docs: &[Entry], extractions: &[Extraction], sources: &[ArticleSources]) -> Vec<Node> {
    let named: HashSet<&Node> = sources
        .par_iter()
        .flat_map_iter(|s| {
            let cited = s.cites.keys().map(|(node, _)| node);
            s.publisher.iter().chain(cited).chain(&s.quotes)
        })
        .collect();
    let mut named: Vec<&Node> = named.into_iter().collect();
    named.par_sort_unstable();
    // Articles sort first, by document: in document order, then the sorted names,
    // the nodes are in order already.
    let articles = (0..docs.len())
        .into_par_iter()
        .map(|doc| article_node(docs, extractions, doc));
    let nodes: Vec<Node> = articles.chain(named.into_par_iter().cloned()).collect();
    debug_assert!(nodes.is_sorted());
    nodes
}

/// The edges from one article to its publisher, the sources it cites and the
/// people it quotes, in that order.
fn source_edges<'a>(
    index: &'a HashMap<&Node, NodeIndex>,
    article: NodeIndex,
    sources: &'a ArticleSources,
) -> impl Iterator<Item = SourceEdge> + 'a {
    let publisher = sources
        .publisher
        .iter()
        .map(move |publisher| (article, index[publisher], Edge::PublishedBy));
    let cites = sources.cites.iter().map(move |((source, kind), date)| {
        let edge = Edge::Cites {
            kind: *kind,
            date: *date,
        };
        (article, index[source], edge)
    });
    let quotes = sources
        .quotes
        .iter()
        .map(move |speaker| (article, index[speaker], Edge::Quotes));
    publisher.chain(cites).chain(quotes)
}

fn add_copy_edges(graph: &mut DiGraph<Node, Edge>, articles: &[NodeIndex], copies: &[CopyPair]) {
    let mut sorted: Vec<&CopyPair> = copies.iter().collect();
    sorted.sort_by_key(|pair| (pair.copier, pair.source));
    for pair in sorted {
        let edge = Edge::Copies {
            containment: pair.containment,
            attributed: pair.attributed,
            directed: pair.directed,
        };
        graph.add_edge(articles[pair.copier], articles[pair.source], edge);
    }
}
