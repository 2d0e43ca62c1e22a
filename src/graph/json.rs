//! Export: the graph as plain JSON (`prov graph --format json`, and the
//! `graph` member of `prov score --format json`).
//!
//! `{"nodes": [{id, kind, label, …}], "edges": [{from, to, kind, …}],
//! "origins": [{story, origin, label, kind, date, articles: [{id, hops, path}]}]}`,
//! in node, edge and story order. Unknown values are `null`.

use super::{CitationGraph, Edge, Node, Origin, citation_kind_name};
use petgraph::graph::{EdgeReference, NodeIndex};
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use serde::ser::{Serialize, SerializeSeq, Serializer};

/// The graph, its origins and the paths that reach them, ready to serialise.
///
/// It borrows the graph and writes each node, edge and path as it goes, so a large
/// corpus's graph is never copied into a JSON tree first. Fields are in alphabetical
/// order, as the JSON object maps of earlier versions wrote them.
pub fn to_json(graph: &CitationGraph) -> GraphJson<'_> {
    GraphJson {
        edges: Each(graph, edges),
        nodes: Each(graph, nodes),
        origins: Each(graph, origins),
    }
}

/// The graph as `prov graph --format json` writes it: made by [`to_json`].
#[derive(serde::Serialize)]
pub struct GraphJson<'a> {
    edges: Each<'a, EdgeJson>,
    nodes: Each<'a, NodeJson>,
    origins: Each<'a, OriginJson<'a>>,
}

/// A sequence made on the fly from the graph by its function.
struct Each<'a, T>(
    &'a CitationGraph,
    fn(&'a CitationGraph) -> Box<dyn Iterator<Item = T> + 'a>,
);

impl<'a, T: Serialize> Serialize for Each<'a, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for item in (self.1)(self.0) {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

#[derive(serde::Serialize)]
struct NodeJson {
    id: String,
    kind: &'static str,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<Option<String>>,
}

fn nodes(graph: &CitationGraph) -> Box<dyn Iterator<Item = NodeJson> + '_> {
    Box::new(graph.graph.node_indices().map(|node: NodeIndex| {
        let published = match &graph.graph[node] {
            Node::Article { published, .. } => Some(published.map(|d| d.to_string())),
            _ => None,
        };
        NodeJson {
            id: graph.node_id(node),
            kind: graph.graph[node].kind(),
            label: graph.graph[node].label(),
            published,
        }
    }))
}

/// An edge: `from`, `to` and `kind`, with the citation's kind and date or the
/// copy's containment, credit and direction.
#[derive(serde::Serialize, Default)]
struct EdgeJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    attributed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    containment: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    directed: Option<bool>,
    from: String,
    kind: &'static str,
    to: String,
}

fn edges(graph: &CitationGraph) -> Box<dyn Iterator<Item = EdgeJson> + '_> {
    Box::new(
        graph
            .graph
            .edge_references()
            .map(|edge: EdgeReference<'_, Edge>| {
                let json = EdgeJson {
                    from: graph.node_id(edge.source()),
                    kind: edge.weight().kind(),
                    to: graph.node_id(edge.target()),
                    ..EdgeJson::default()
                };
                match *edge.weight() {
                    Edge::Cites { kind, date } => EdgeJson {
                        citation: Some(citation_kind_name(kind)),
                        date: Some(date.map(|d| d.to_string())),
                        ..json
                    },
                    Edge::Copies {
                        containment,
                        attributed,
                        directed,
                    } => EdgeJson {
                        attributed: Some(attributed),
                        containment: Some(containment),
                        directed: Some(directed),
                        ..json
                    },
                    Edge::PublishedBy | Edge::Quotes => json,
                }
            }),
    )
}

#[derive(serde::Serialize)]
struct OriginJson<'a> {
    articles: Reaches<'a>,
    date: Option<String>,
    kind: &'static str,
    label: String,
    origin: String,
    story: usize,
}

#[derive(serde::Serialize)]
struct ReachJson {
    hops: usize,
    id: String,
    path: Vec<String>,
}

/// How many of an origin's paths are made at once, in parallel, before they are written.
const REACHES_PER_BATCH: usize = 4096;

/// The paths that reach one origin: on a large corpus, one per article, each with
/// its steps written out, and a third of the report.
struct Reaches<'a>(&'a CitationGraph, &'a Origin);

impl Serialize for Reaches<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Reaches(graph, origin) = *self;
        let mut seq = serializer.serialize_seq(Some(origin.paths.len()))?;
        for batch in origin.paths.chunks(REACHES_PER_BATCH) {
            let reaches: Vec<ReachJson> = batch
                .par_iter()
                .map(|path| ReachJson {
                    hops: path.hops,
                    id: graph.graph[graph.articles[path.doc]].label(),
                    path: origin.steps(&graph.graph, path),
                })
                .collect();
            for reach in &reaches {
                seq.serialize_element(reach)?;
            }
        }
        seq.end()
    }
}

fn origins(graph: &CitationGraph) -> Box<dyn Iterator<Item = OriginJson<'_>> + '_> {
    let each = graph.stories.iter().flat_map(move |story| {
        story.origins.iter().map(move |origin| OriginJson {
            articles: Reaches(graph, origin),
            date: origin.date.map(|d| d.to_string()),
            kind: origin.kind.name(),
            label: graph.graph[origin.node].label(),
            origin: graph.node_id(origin.node),
            story: story.number,
        })
    });
    Box::new(each)
}
