//! Export: the graph as plain JSON (`prov graph --format json`, and the
//! `graph` member of `prov score --format json`).
//!
//! `{"nodes": [{id, kind, label, …}], "edges": [{from, to, kind, …}],
//! "origins": [{story, origin, label, kind, date, articles: [{id, hops, path}]}]}`,
//! in node, edge and story order. Unknown values are `null`.

use super::{CitationGraph, Edge, Node, citation_kind_name};
use petgraph::visit::EdgeRef;
use serde_json::{Value, json};

/// The graph, its origins and the paths that reach them, as JSON.
pub fn to_json(graph: &CitationGraph) -> Value {
    let nodes: Vec<Value> = graph
        .graph
        .node_indices()
        .map(|node| {
            let mut value = json!({
                "id": graph.node_id(node),
                "kind": graph.graph[node].kind(),
                "label": graph.graph[node].label(),
            });
            if let Node::Article { published, .. } = &graph.graph[node] {
                value["published"] = json!(published.map(|d| d.to_string()));
            }
            value
        })
        .collect();
    let edges: Vec<Value> = graph
        .graph
        .edge_references()
        .map(|edge| {
            let mut value = edge_details(edge.weight());
            value["from"] = json!(graph.node_id(edge.source()));
            value["to"] = json!(graph.node_id(edge.target()));
            value["kind"] = json!(edge.weight().kind());
            value
        })
        .collect();
    json!({"nodes": nodes, "edges": edges, "origins": origins(graph)})
}

fn edge_details(edge: &Edge) -> Value {
    match edge {
        Edge::Cites { kind, date } => json!({
            "citation": citation_kind_name(*kind),
            "date": date.map(|d| d.to_string()),
        }),
        Edge::Copies {
            containment,
            attributed,
            directed,
        } => json!({
            "containment": containment,
            "attributed": attributed,
            "directed": directed,
        }),
        Edge::PublishedBy | Edge::Quotes => json!({}),
    }
}

fn origins(graph: &CitationGraph) -> Vec<Value> {
    let mut origins = Vec::new();
    for story in &graph.stories {
        for origin in &story.origins {
            let articles: Vec<Value> = origin
                .paths
                .iter()
                .map(|path| {
                    json!({
                        "id": graph.graph[graph.articles[path.doc]].label(),
                        "hops": path.hops,
                        "path": path.path,
                    })
                })
                .collect();
            origins.push(json!({
                "story": story.number,
                "origin": graph.node_id(origin.node),
                "label": graph.graph[origin.node].label(),
                "kind": origin.kind.name(),
                "date": origin.date.map(|d| d.to_string()),
                "articles": articles,
            }));
        }
    }
    origins
}
