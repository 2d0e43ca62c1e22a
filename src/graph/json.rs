//! Export: the graph as plain JSON (`prov graph --format json`, and the
//! `graph` member of `prov score --format json`).
//!
//! `{"nodes": [{id, kind, label, …}], "edges": [{from, to, kind, …}],
//! "origins": [{story, origin, label, kind, date, articles: [{id, hops, path}]}]}`,
//! in node, edge and story order. Unknown values are `null`.

use super::{CitationGraph, Edge, Node, Origin, Story, citation_kind_name};
use crate::json_out::{JsonLayout, Object, array, array_with};
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::io::{self, Write};

/// Nodes, edges or paths formatted at once, in parallel, while the batch before is written.
const ELEMENTS_PER_BATCH: usize = 4096;

/// Write the graph, its origins and the paths that reach them as JSON in `layout`, as
/// the value goes `depth` levels deep in a document (0 for a document of its own).
///
/// Each node, edge and path is made from the graph as it is written, so a large
/// corpus's graph is never copied into a JSON tree first. Fields are in alphabetical
/// order, as the JSON object maps of earlier versions wrote them.
pub fn write_json(
    graph: &CitationGraph,
    out: &mut dyn Write,
    layout: JsonLayout,
    depth: usize,
) -> io::Result<()> {
    let mut object = Object::begin(out, layout, depth)?;
    object.field_with("edges", |out, depth| {
        let count = graph.graph.edge_count();
        array(out, layout, depth, count, ELEMENTS_PER_BATCH, |i| {
            edge(graph, EdgeIndex::new(i))
        })
    })?;
    object.field_with("nodes", |out, depth| {
        let count = graph.graph.node_count();
        array(out, layout, depth, count, ELEMENTS_PER_BATCH, |i| {
            node(graph, NodeIndex::new(i))
        })
    })?;
    let origins: Vec<(&Story, &Origin)> = graph
        .stories
        .iter()
        .flat_map(|story| story.origins.iter().map(move |origin| (story, origin)))
        .collect();
    object.field_with("origins", |out, depth| {
        array_with(out, layout, depth, origins.len(), |out, i, depth| {
            let (story, origin) = origins[i];
            write_origin(graph, (story, origin), out, layout, depth)
        })
    })?;
    object.end()
}

#[derive(serde::Serialize)]
struct NodeJson {
    id: String,
    kind: &'static str,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<Option<String>>,
}

fn node(graph: &CitationGraph, node: NodeIndex) -> NodeJson {
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

fn edge(graph: &CitationGraph, edge: EdgeIndex) -> EdgeJson {
    let (from, to) = graph
        .graph
        .edge_endpoints(edge)
        .expect("an index below the count");
    let weight = &graph.graph[edge];
    let json = EdgeJson {
        from: graph.node_id(from),
        kind: weight.kind(),
        to: graph.node_id(to),
        ..EdgeJson::default()
    };
    match *weight {
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
}

/// One origin of a story, with the path from every article that reaches it: on a
/// large corpus, one path per article, and a third of the report.
fn write_origin(
    graph: &CitationGraph,
    (story, origin): (&Story, &Origin),
    out: &mut dyn Write,
    layout: JsonLayout,
    depth: usize,
) -> io::Result<()> {
    let mut object = Object::begin(out, layout, depth)?;
    object.field_with("articles", |out, depth| {
        array(
            out,
            layout,
            depth,
            origin.paths.len(),
            ELEMENTS_PER_BATCH,
            |i| {
                let path = &origin.paths[i];
                ReachJson {
                    hops: path.hops,
                    id: graph.graph[graph.articles[path.doc]].label(),
                    path: origin.steps(&graph.graph, path),
                }
            },
        )
    })?;
    object.field("date", &origin.date.map(|d| d.to_string()))?;
    object.field("kind", &origin.kind.name())?;
    object.field("label", &graph.graph[origin.node].label())?;
    object.field("origin", &graph.node_id(origin.node))?;
    object.field("story", &story.number)?;
    object.end()
}

#[derive(serde::Serialize)]
struct ReachJson {
    hops: usize,
    id: String,
    path: Vec<String>,
}
