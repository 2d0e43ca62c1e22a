//! Stage 4 of the pipeline: the citation graph.
//!
//! [`build()`] turns the documents, their extractions and the copies that `reuse`
//! found into one [`CitationGraph`]: who publishes each article, whom it cites,
//! whom it quotes and what it copies. From that graph come the [`Story`]s and
//! their origins (where the story came from and how each article reaches it)
//! and the [`ArticleFacts`] that become signals for the rules. The exports
//! (DOT, Mermaid, JSON, PROV-JSON) render the graph, one format per file.

mod build;
mod dot;
mod facts;
#[cfg(test)]
pub(crate) mod fixture;
mod json;
mod mermaid;
mod prov_json;
mod story;

use crate::extract::CitationKind;
use chrono::NaiveDate;
use petgraph::graph::{DiGraph, NodeIndex};

pub use build::build;
pub use dot::to_dot;
pub use facts::{ArticleFacts, EarliestOrigin};
pub use json::write_json;
pub use mermaid::to_mermaid;
pub use prov_json::to_prov_json;
pub use story::{Origin, OriginKind, OriginPath, Story};

/// A node of the citation graph. The derived order (articles by document,
/// then outlets, unknown sources and people by name) is the insertion order,
/// so node indices do not depend on the order of the inputs' citations.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    /// An article of the corpus.
    Article {
        /// Its index in the corpus' documents.
        doc: usize,
        id: String,
        published: Option<NaiveDate>,
    },
    /// A publisher, wire or broadcaster the registry knows, by canonical name.
    Outlet(String),
    /// A name in an attribution cue that the registry does not know. It is
    /// treated like an outlet: it may publish reports that others cite.
    Unknown(String),
    /// A named person or role ("a NATO spokesman"), by the name as written.
    Person(String),
    /// The unnamed sources of one article. There is one such node per article,
    /// not a shared one: two articles' "unnamed officials" are not known to be
    /// the same people, and a shared node would join unrelated stories.
    Anonymous { doc: usize },
}

/// An edge of the citation graph.
#[derive(Debug, Clone, PartialEq)]
pub enum Edge {
    /// Article → the outlet that publishes it.
    PublishedBy,
    /// Article → a source it attributes information to. One edge per source
    /// and kind, with the earliest date any such citation gives.
    Cites {
        kind: CitationKind,
        date: Option<NaiveDate>,
    },
    /// Article → a person it quotes directly.
    Quotes,
    /// Copier article → the article it copies.
    Copies {
        containment: f64,
        attributed: bool,
        /// False when `reuse` could not tell who copied whom.
        directed: bool,
    },
}

/// The citation graph of a corpus, with its stories and per-article facts.
#[derive(Debug, Clone)]
pub struct CitationGraph {
    pub graph: DiGraph<Node, Edge>,
    /// The node of each document, by document index.
    pub articles: Vec<NodeIndex>,
    /// Weakly connected parts that hold at least one article, by first article.
    pub stories: Vec<Story>,
    /// The facts of each document, by document index.
    pub facts: Vec<ArticleFacts>,
}

impl Node {
    /// The name people read: the article id, or the source's name.
    pub fn label(&self) -> String {
        match self {
            Node::Article { id, .. } => id.clone(),
            Node::Outlet(name) | Node::Unknown(name) | Node::Person(name) => name.clone(),
            Node::Anonymous { .. } => "anonymous".into(),
        }
    }

    /// The kind as exports name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Article { .. } => "article",
            Node::Outlet(_) => "outlet",
            Node::Unknown(_) => "unknown",
            Node::Person(_) => "person",
            Node::Anonymous { .. } => "anonymous",
        }
    }

    /// Whether the node can publish reports: a known outlet or an unknown name.
    fn is_outlet_like(&self) -> bool {
        matches!(self, Node::Outlet(_) | Node::Unknown(_))
    }
}

impl Edge {
    /// The kind as exports name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Edge::PublishedBy => "published-by",
            Edge::Cites { .. } => "cites",
            Edge::Quotes => "quotes",
            Edge::Copies { .. } => "copies",
        }
    }

    /// A short label: the citation kind, or the edge kind.
    pub fn label(&self) -> &'static str {
        match self {
            Edge::Cites { kind, .. } => citation_kind_name(*kind),
            _ => self.kind(),
        }
    }

    /// The label drawings show: with the citation's date or the copy's containment.
    fn caption(&self) -> String {
        match self {
            Edge::Cites {
                date: Some(date), ..
            } => format!("{} {date}", self.label()),
            Edge::Copies { containment, .. } => {
                format!("copies {:.0}%", containment * 100.0)
            }
            _ => self.label().to_string(),
        }
    }
}

impl CitationGraph {
    /// A stable, readable id for a node, unique in the graph
    /// (`article:000_…`, `outlet:CNN`, `person:Mao Ning`, `anonymous:001_…`).
    pub fn node_id(&self, node: NodeIndex) -> String {
        match &self.graph[node] {
            Node::Anonymous { doc } => {
                format!("anonymous:{}", self.graph[self.articles[*doc]].label())
            }
            other => format!("{}:{}", other.kind(), other.label()),
        }
    }

    /// The origins a node stands for (a node can be both the earliest report
    /// and a first-hand source).
    pub fn origins_of(&self, node: NodeIndex) -> impl Iterator<Item = &Origin> {
        self.stories
            .iter()
            .flat_map(|story| &story.origins)
            .filter(move |origin| origin.node == node)
    }

    /// A node's label, with a line per origin it stands for
    /// ("earliest report 2023-05-03").
    pub fn caption(&self, node: NodeIndex) -> String {
        let mut caption = self.graph[node].label();
        for origin in self.origins_of(node) {
            caption.push('\n');
            caption.push_str(match origin.kind {
                OriginKind::EarliestReport => "earliest report",
                OriginKind::FirstHand => "first-hand source",
            });
            if let Some(date) = origin.date {
                caption.push_str(&format!(" {date}"));
            }
        }
        caption
    }
}

/// The kebab-case name of a citation kind, as in the JSON report.
pub fn citation_kind_name(kind: CitationKind) -> &'static str {
    match kind {
        CitationKind::Interview => "interview",
        CitationKind::Report => "report",
        CitationKind::Statement => "statement",
        CitationKind::Wire => "wire",
        CitationKind::Anonymous => "anonymous",
    }
}

#[cfg(test)]
mod tests;
