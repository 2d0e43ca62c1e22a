//! Export: Graphviz DOT, for `prov graph --format dot | dot -Tsvg`.
//!
//! Articles are boxes, outlets ellipses (dashed when the registry does not know
//! them), people plain text. Origins are filled and say why they are origins.
//! Copies are dashed, red when the copier does not credit its source, and
//! without an arrow head when the direction is unknown.

use super::{CitationGraph, Edge, Node};
use crate::corpus::visible;
use petgraph::visit::EdgeRef;
use std::fmt::Write;

/// The graph as a DOT digraph. Ids are the nodes' readable ids, quoted.
pub fn to_dot(graph: &CitationGraph) -> String {
    let mut dot = String::from(
        "digraph prov {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n  \
         edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for node in graph.graph.node_indices() {
        let mut attributes = vec![
            format!("label={}", quoted(&graph.caption(node))),
            node_shape(&graph.graph[node]).to_string(),
        ];
        let mut styles = Vec::new();
        if matches!(graph.graph[node], Node::Unknown(_)) {
            styles.push("dashed");
        }
        if graph.origins_of(node).next().is_some() {
            styles.push("filled");
            attributes.push("fillcolor=\"#ffd966\", penwidth=2".into());
        }
        if !styles.is_empty() {
            attributes.push(format!("style=\"{}\"", styles.join(",")));
        }
        let id = quoted(&graph.node_id(node));
        let _ = writeln!(dot, "  {id} [{}];", attributes.join(", "));
    }
    for edge in graph.graph.edge_references() {
        let mut attributes = vec![format!("label={}", quoted(&edge.weight().caption()))];
        attributes.extend(copy_style(edge.weight()).into_iter().map(String::from));
        let from = quoted(&graph.node_id(edge.source()));
        let to = quoted(&graph.node_id(edge.target()));
        let _ = writeln!(dot, "  {from} -> {to} [{}];", attributes.join(", "));
    }
    dot.push_str("}\n");
    dot
}

fn node_shape(node: &Node) -> &'static str {
    match node {
        Node::Article { .. } => "shape=box",
        Node::Outlet(_) | Node::Unknown(_) => "shape=ellipse",
        Node::Person(_) => "shape=plain",
        Node::Anonymous { .. } => "shape=plain, fontcolor=gray40",
    }
}

fn copy_style(edge: &Edge) -> Vec<&'static str> {
    let Edge::Copies {
        attributed,
        directed,
        ..
    } = edge
    else {
        return Vec::new();
    };
    let mut style = vec!["style=dashed"];
    if !attributed {
        style.push("color=red, fontcolor=red");
    }
    if !directed {
        style.push("dir=none");
    }
    style
}

/// A DOT double-quoted string; a line break becomes Graphviz's centred `\n`.
fn quoted(text: &str) -> String {
    let escaped = visible(text)
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\r', "")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_quotes_backslashes_and_lines() {
        assert_eq!(quoted("a \"b\"\\c\nd"), r#""a \"b\"\\c\nd""#);
        assert_eq!(quoted("Evil\u{1b}[31mRed"), r#""Evil\\u{1b}[31mRed""#);
    }
}
