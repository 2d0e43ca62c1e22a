//! Export: W3C PROV-JSON (<https://www.w3.org/submissions/prov-json/>), so that
//! provenance tools can read where each article came from.
//!
//! Mapping (DESIGN.md): an article is an entity, an outlet or person an agent.
//! What a source said is an "account" entity attributed to that source's agent,
//! since PROV derives entities from entities. Relations:
//! - `wasAttributedTo`: article → publisher; account → its source.
//! - `wasDerivedFrom`: copier → copied article (directed copies only: PROV has
//!   no undirected derivation); article → account for each citation, typed
//!   `prov:PrimarySource` for an interview or statement (PROV's
//!   `hadPrimarySource`) and left untyped otherwise; article → a speaker's
//!   account for each quote, typed `prov:Quotation` (PROV's `wasQuotedFrom`).
//!
//! Qualified names use prefixes declared under `prefix`; local names are
//! percent-encoded outside `[A-Za-z0-9_-]`. `prov` and `xsd` are predefined.

use super::{CitationGraph, Edge, Node, citation_kind_name, story::known_date};
use crate::extract::CitationKind;
use petgraph::Direction::Incoming;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde_json::{Map, Value, json};

/// The namespace of the prefixes below; `news` holds this tool's attributes.
const NAMESPACE: &str = "urn:x-prov:";
const PREFIXES: &[&str] = &[
    "article",
    "outlet",
    "unknown",
    "person",
    "anonymous",
    "account",
    "news",
];

/// The graph as a PROV-JSON document.
pub fn to_prov_json(graph: &CitationGraph) -> Value {
    let mut document = Document::default();
    for node in graph.graph.node_indices() {
        document.add_node(graph, node);
    }
    for edge in graph.graph.edge_references() {
        let (from, to) = (edge.source(), edge.target());
        document.add_edge(graph, from, to, edge.weight());
    }
    for node in graph.graph.node_indices() {
        if is_cited_or_quoted(graph, node) {
            document.add_account(graph, node);
        }
    }
    let prefix: Map<String, Value> = PREFIXES
        .iter()
        .map(|p| (p.to_string(), json!(format!("{NAMESPACE}{p}:"))))
        .collect();
    json!({
        "prefix": prefix,
        "entity": document.entity,
        "agent": document.agent,
        "wasAttributedTo": document.attributed,
        "wasDerivedFrom": document.derived,
    })
}

/// The sections of the document being written.
#[derive(Default)]
struct Document {
    entity: Map<String, Value>,
    agent: Map<String, Value>,
    attributed: Map<String, Value>,
    derived: Map<String, Value>,
}

impl Document {
    fn add_node(&mut self, graph: &CitationGraph, node: NodeIndex) {
        let label = graph.graph[node].label();
        match &graph.graph[node] {
            Node::Article { published, .. } => {
                let mut entity = json!({"prov:label": label});
                if let Some(date) = published {
                    entity["news:published"] = typed(&date.to_string(), "xsd:date");
                }
                self.entity.insert(qualified(graph, node), entity);
            }
            other => {
                let mut agent = json!({"prov:label": label});
                if let Some(kind) = agent_type(other) {
                    agent["prov:type"] = typed(kind, "prov:QUALIFIED_NAME");
                }
                self.agent.insert(qualified(graph, node), agent);
            }
        }
    }

    /// The entity for what a source said, attributed to the source.
    fn add_account(&mut self, graph: &CitationGraph, node: NodeIndex) {
        let label = graph.graph[node].label();
        let mut entity = json!({"prov:label": format!("what {label} said")});
        if let Some(date) = known_date(&graph.graph, node) {
            entity["news:date"] = typed(&date.to_string(), "xsd:date");
        }
        self.entity.insert(account(graph, node), entity);
        self.attribute(account(graph, node), qualified(graph, node));
    }

    fn add_edge(&mut self, graph: &CitationGraph, from: NodeIndex, to: NodeIndex, edge: &Edge) {
        let generated = qualified(graph, from);
        let derivation = match edge {
            Edge::PublishedBy => return self.attribute(generated, qualified(graph, to)),
            Edge::Copies {
                directed: false, ..
            } => return,
            Edge::Copies {
                containment,
                attributed,
                ..
            } => json!({
                "prov:usedEntity": qualified(graph, to),
                "news:containment": containment,
                "news:attributed": attributed,
            }),
            Edge::Cites { kind, .. } => {
                let mut cites = json!({
                    "prov:usedEntity": account(graph, to),
                    "news:citation": citation_kind_name(*kind),
                });
                if matches!(kind, CitationKind::Interview | CitationKind::Statement) {
                    cites["prov:type"] = typed("prov:PrimarySource", "prov:QUALIFIED_NAME");
                }
                cites
            }
            Edge::Quotes => json!({
                "prov:usedEntity": account(graph, to),
                "prov:type": typed("prov:Quotation", "prov:QUALIFIED_NAME"),
            }),
        };
        self.derive(generated, derivation);
    }

    fn attribute(&mut self, entity: String, agent: String) {
        let id = format!("_:wat{}", self.attributed.len() + 1);
        let relation = json!({"prov:entity": entity, "prov:agent": agent});
        self.attributed.insert(id, relation);
    }

    fn derive(&mut self, generated: String, mut relation: Value) {
        let id = format!("_:wdf{}", self.derived.len() + 1);
        relation["prov:generatedEntity"] = json!(generated);
        self.derived.insert(id, relation);
    }
}

fn agent_type(node: &Node) -> Option<&'static str> {
    match node {
        Node::Outlet(_) => Some("prov:Organization"),
        Node::Person(_) => Some("prov:Person"),
        _ => None,
    }
}

fn is_cited_or_quoted(graph: &CitationGraph, node: NodeIndex) -> bool {
    graph
        .graph
        .edges_directed(node, Incoming)
        .any(|edge| matches!(edge.weight(), Edge::Cites { .. } | Edge::Quotes))
}

/// A PROV-JSON typed literal.
fn typed(value: &str, datatype: &str) -> Value {
    json!({"$": value, "type": datatype})
}

/// The qualified name of a node: `outlet:Nikkei%20Asia`.
fn qualified(graph: &CitationGraph, node: NodeIndex) -> String {
    let id = graph.node_id(node);
    let (prefix, local) = id.split_once(':').expect("node ids are kind:name");
    format!("{prefix}:{}", encode(local))
}

/// The qualified name of a source's account: `account:outlet-Nikkei%20Asia`.
fn account(graph: &CitationGraph, node: NodeIndex) -> String {
    let id = graph.node_id(node);
    let (kind, local) = id.split_once(':').expect("node ids are kind:name");
    format!("account:{kind}-{}", encode(local))
}

/// Percent-encode every byte outside `[A-Za-z0-9_-]`, so a local name is valid
/// in PROV-N and distinct names stay distinct.
fn encode(local: &str) -> String {
    local
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_are_percent_encoded() {
        assert_eq!(encode("Nikkei Asia"), "Nikkei%20Asia");
        assert_eq!(encode("Mao_Ning-2"), "Mao_Ning-2");
        assert_eq!(encode("Đ."), "%C4%90%2E");
    }
}
