//! Export: a Mermaid `flowchart LR`, for Markdown that renders diagrams.
//!
//! Node ids are `n` and the node's index, so no name can break the syntax;
//! labels are quoted with Mermaid's entity codes for the characters it reads.

use super::{CitationGraph, Edge, Node};
use crate::corpus::visible;
use petgraph::visit::EdgeRef;
use std::fmt::Write;

/// The graph as a Mermaid flowchart, origins in the `origin` class and
/// unattributed copies drawn red.
pub fn to_mermaid(graph: &CitationGraph) -> String {
    let mut chart = String::from("flowchart LR\n");
    for node in graph.graph.node_indices() {
        let (open, close) = brackets(&graph.graph[node]);
        let label = quoted(&graph.caption(node));
        let _ = writeln!(chart, "    n{}{open}{label}{close}", node.index());
    }
    let mut unattributed = Vec::new();
    for (position, edge) in graph.graph.edge_references().enumerate() {
        let arrow = match edge.weight() {
            Edge::Copies { directed: true, .. } => "-.->",
            Edge::Copies {
                directed: false, ..
            } => "-.-",
            _ => "-->",
        };
        if matches!(
            edge.weight(),
            Edge::Copies {
                attributed: false,
                ..
            }
        ) {
            unattributed.push(position.to_string());
        }
        let (from, to) = (edge.source().index(), edge.target().index());
        let label = quoted(&edge.weight().caption());
        let _ = writeln!(chart, "    n{from} {arrow}|{label}| n{to}");
    }
    let origins: Vec<String> = graph
        .graph
        .node_indices()
        .filter(|&n| graph.origins_of(n).next().is_some())
        .map(|n| format!("n{}", n.index()))
        .collect();
    if !origins.is_empty() {
        chart.push_str("    classDef origin fill:#ffd966,stroke-width:2px\n");
        let _ = writeln!(chart, "    class {} origin", origins.join(","));
    }
    if !unattributed.is_empty() {
        let _ = writeln!(chart, "    linkStyle {} stroke:red", unattributed.join(","));
    }
    chart
}

fn brackets(node: &Node) -> (&'static str, &'static str) {
    match node {
        Node::Article { .. } => ("[", "]"),
        Node::Outlet(_) | Node::Unknown(_) => ("([", "])"),
        Node::Person(_) | Node::Anonymous { .. } => ("(", ")"),
    }
}

/// A Mermaid quoted label: `#`, quotes and angle brackets as entity codes,
/// line breaks as `<br>`.
fn quoted(text: &str) -> String {
    let escaped = visible(text)
        .replace('#', "#35;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace('\n', "<br>");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out() {
        assert_eq!(
            quoted("a \"b\" <c>#\nd"),
            "\"a #quot;b#quot; #lt;c#gt;#35;<br>d\""
        );
        assert_eq!(quoted("Evil\u{1b}[31mRed"), "\"Evil\\u{1b}[31mRed\"");
    }
}
