//! Stories and their origins: where a story came from, and how each article
//! reaches that place.
//!
//! A story is a weakly connected part of the graph that holds at least one
//! article. Its origins are the earliest report (the outlet-like source with the
//! earliest date known for it, from a citation or a publication) and the
//! first-hand sources (outlets that at least two of its articles, or its only
//! article, cite for an interview or a statement given to them). Wire credits are not first-hand: a wire is the
//! provider of a copy's text, and is itself a reporter that cites others.
//!
//! An article reaches a node through its citations and directed copies; an
//! outlet it reaches leads on to the articles that outlet publishes, whose own
//! citations count from there. Every step of a path is a hop, as the path shows
//! it: "004 > report > CNN > publishes > 002 > report > Nikkei Asia" is three.
//! An article that an origin publishes is that origin's own report, one
//! "published-by" step away, and reaches it through no citation. Undirected
//! copies are not followed: it is not known who drew on whom.

use super::build::earlier;
use super::{Edge, Node};
use crate::extract::CitationKind;
use chrono::NaiveDate;
use petgraph::Direction::Incoming;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;
use std::collections::{HashMap, VecDeque};

/// One story: the articles that cite, copy or publish alongside each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// 1-based, numbered in the order of the stories' first articles.
    pub number: usize,
    /// Document indices, ascending.
    pub articles: Vec<usize>,
    /// The earliest report first, then first-hand sources by date.
    pub origins: Vec<Origin>,
}

/// Why a node is an origin of its story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginKind {
    /// The outlet-like source with the earliest known date in the story.
    EarliestReport,
    /// An outlet that articles cite for an interview or statement given to it.
    FirstHand,
}

/// An origin of a story and the articles that reach it.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub node: NodeIndex,
    pub kind: OriginKind,
    /// The earliest date known for it: a citation's date or a publication date.
    pub date: Option<NaiveDate>,
    /// Each article of the story that reaches it, by document index.
    pub paths: Vec<OriginPath>,
    /// The shortest-path tree towards the origin: for each node that reaches it, the
    /// next node and the label of the edge taken. Paths are spelled out from it on
    /// demand ([`Origin::steps`]): stored as labels for every article and origin, they
    /// took about a gigabyte on a 1 GB corpus.
    next: NextSteps,
}

/// For each node that reaches an origin, the next node and the label of the edge
/// taken; sorted by node, to be searched: smaller than a hash map of the same pairs.
type NextSteps = Vec<(NodeIndex, (NodeIndex, &'static str))>;

/// How one article reaches an origin, along a shortest path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OriginPath {
    pub doc: usize,
    /// Steps taken: citations, copies, and an outlet's "publishes" to its articles.
    pub hops: usize,
    /// Whether the article is the origin's own report, published by it: its path
    /// is no citation, and [`super::ArticleFacts`] does not count it.
    pub own_report: bool,
    /// The article's node, where its path starts.
    node: NodeIndex,
}

impl Origin {
    /// How a document reaches this origin, if it does.
    pub fn path_of(&self, doc: usize) -> Option<&OriginPath> {
        let at = self.paths.binary_search_by_key(&doc, |p| p.doc).ok()?;
        Some(&self.paths[at])
    }

    /// The path of `reach`, node labels and edge labels alternating, from the article
    /// to the origin: `["000_…", "interview", "CNN", "publishes", "002_…", "report",
    /// "Nikkei Asia"]`.
    pub fn steps(&self, graph: &DiGraph<Node, Edge>, reach: &OriginPath) -> Vec<String> {
        let mut path = vec![graph[reach.node].label()];
        let mut node = reach.node;
        while let Ok(at) = self.next.binary_search_by_key(&node, |&(from, _)| from) {
            let (next, label) = self.next[at].1;
            path.push(label.to_string());
            path.push(graph[next].label());
            node = next;
        }
        path
    }
}

impl OriginKind {
    pub fn name(self) -> &'static str {
        match self {
            OriginKind::EarliestReport => "earliest-report",
            OriginKind::FirstHand => "first-hand",
        }
    }
}

/// The stories of a graph, each with its origins and paths.
pub(super) fn stories(graph: &DiGraph<Node, Edge>) -> Vec<Story> {
    let parts = components(graph);
    let place = places(graph, &parts);
    let steps = StepsInto::new(graph);
    parts
        .into_iter()
        .map(|members| (article_docs(graph, &members), members))
        .filter(|(docs, _)| !docs.is_empty())
        .enumerate()
        .map(|(i, (articles, members))| Story {
            number: i + 1,
            articles,
            origins: origins(graph, &steps, &members, &place),
        })
        .collect()
}

/// For each node, its place among the members of its part, so that a walk of one
/// story can keep what it knows of each node in a vector the size of the story.
fn places(graph: &DiGraph<Node, Edge>, parts: &[Vec<NodeIndex>]) -> Vec<u32> {
    let mut place = vec![0; graph.node_count()];
    for members in parts {
        for (i, node) in members.iter().enumerate() {
            place[node.index()] = i as u32;
        }
    }
    place
}

/// Weakly connected parts, each in node order, ordered by their first node.
/// Articles are the first nodes, so parts with articles come in article order.
fn components(graph: &DiGraph<Node, Edge>) -> Vec<Vec<NodeIndex>> {
    let mut parts = UnionFind::new(graph.node_count());
    for edge in graph.edge_references() {
        parts.union(edge.source().index(), edge.target().index());
    }
    let mut position = HashMap::new();
    let mut members: Vec<Vec<NodeIndex>> = Vec::new();
    for node in graph.node_indices() {
        let root = parts.find(node.index());
        let at = *position.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[at].push(node);
    }
    members
}

fn article_docs(graph: &DiGraph<Node, Edge>, members: &[NodeIndex]) -> Vec<usize> {
    members
        .iter()
        .filter_map(|&node| match graph[node] {
            Node::Article { doc, .. } => Some(doc),
            _ => None,
        })
        .collect()
}

fn origins(
    graph: &DiGraph<Node, Edge>,
    steps: &StepsInto,
    members: &[NodeIndex],
    place: &[u32],
) -> Vec<Origin> {
    let dated = |node: NodeIndex| (node, known_date(graph, node));
    let earliest = members
        .iter()
        .filter(|&&n| graph[n].is_outlet_like())
        .filter_map(|&n| known_date(graph, n).map(|date| (date, n)))
        .min()
        .map(|(_, n)| (dated(n), OriginKind::EarliestReport));
    let articles = members
        .iter()
        .filter(|&&n| matches!(graph[n], Node::Article { .. }))
        .count();
    let mut first_hand: Vec<_> = members
        .iter()
        .filter(|&&n| first_hand_users(graph, n) >= articles.min(2))
        .map(|&n| dated(n))
        .collect();
    first_hand.sort_by_key(|&(n, date)| (date.is_none(), date, n));
    let candidates: Vec<_> = earliest
        .into_iter()
        .chain(first_hand.into_iter().map(|d| (d, OriginKind::FirstHand)))
        .collect();
    // Each trace walks the whole story, which on a large corpus is most of the graph.
    candidates
        .into_par_iter()
        .map(|((node, date), kind)| {
            let (paths, next) = trace(graph, steps, node, members, place);
            Origin {
                node,
                kind,
                date,
                paths,
                next,
            }
        })
        .collect()
}

/// The earliest date known for a source: from citations of it and from the
/// publication dates of the articles it publishes.
pub(super) fn known_date(graph: &DiGraph<Node, Edge>, node: NodeIndex) -> Option<NaiveDate> {
    graph
        .edges_directed(node, Incoming)
        .map(|edge| match (edge.weight(), &graph[edge.source()]) {
            (Edge::Cites { date, .. }, _) => *date,
            (Edge::PublishedBy, Node::Article { published, .. }) => *published,
            _ => None,
        })
        .fold(None, earlier)
}

/// How many articles cite an outlet for an interview or a statement given to
/// it. A first-hand source is an origin of the story only when the story draws
/// on it: at least two of its articles (or its one article) do; a side source
/// that one article of many quotes is not where the story came from.
fn first_hand_users(graph: &DiGraph<Node, Edge>, node: NodeIndex) -> usize {
    if !matches!(graph[node], Node::Outlet(_)) {
        return 0;
    }
    let first_hand = |edge: &petgraph::graph::EdgeReference<Edge>| {
        matches!(
            edge.weight(),
            Edge::Cites {
                kind: CitationKind::Interview | CitationKind::Statement,
                ..
            }
        )
    };
    let citing: std::collections::BTreeSet<NodeIndex> = graph
        .edges_directed(node, Incoming)
        .filter(first_hand)
        .map(|edge| edge.source())
        .collect();
    citing.len()
}

/// A step an article-walk can take into a node: from where, by which edge.
#[derive(Clone, Copy)]
struct Step {
    from: NodeIndex,
    edge: EdgeIndex,
    kind: StepKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum StepKind {
    /// A citation or a directed copy, labelled by its edge.
    Along,
    /// From an outlet to an article it publishes, labelled "publishes".
    Publishes,
    /// Into the origin, from an article it publishes, labelled by its edge.
    PublishedByOrigin,
}

impl Step {
    fn label(self, graph: &DiGraph<Node, Edge>) -> &'static str {
        match self.kind {
            StepKind::Publishes => "publishes",
            _ => graph[self.edge].label(),
        }
    }
}

/// The steps into every node, in edge order so that ties break the same way every
/// run (the first citation kind of a source wins). Built once from the edge list,
/// for all the walks of all the stories: following petgraph's edge lists node by
/// node for each walk took most of the graph stage's time on a 1 GB corpus.
struct StepsInto {
    /// Where each node's steps start in `steps`, and one more for the end.
    starts: Vec<u32>,
    steps: Vec<Step>,
}

impl StepsInto {
    fn new(graph: &DiGraph<Node, Edge>) -> Self {
        let base = |edge: petgraph::graph::EdgeReference<Edge>| {
            let (into, from, kind) = match edge.weight() {
                Edge::Cites { .. } | Edge::Copies { directed: true, .. } => {
                    (edge.target(), edge.source(), StepKind::Along)
                }
                Edge::PublishedBy => (edge.source(), edge.target(), StepKind::Publishes),
                _ => return None,
            };
            let edge = edge.id();
            Some((into, Step { from, edge, kind }))
        };
        let mut steps: Vec<(NodeIndex, Step)> = graph.edge_references().filter_map(base).collect();
        // A stable sort: each node's steps stay in edge order.
        steps.sort_by_key(|&(into, _)| into);
        let mut starts = vec![0u32; graph.node_count() + 1];
        for (into, _) in &steps {
            starts[into.index() + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let steps = steps.into_iter().map(|(_, step)| step).collect();
        StepsInto { starts, steps }
    }

    /// The steps into `node` for a walk towards `origin`. An article published by
    /// the origin itself is one "published-by" step from it.
    fn ending_at<'a>(
        &'a self,
        graph: &DiGraph<Node, Edge>,
        node: NodeIndex,
        origin: NodeIndex,
    ) -> std::borrow::Cow<'a, [Step]> {
        let i = node.index();
        let base = &self.steps[self.starts[i] as usize..self.starts[i + 1] as usize];
        if node != origin {
            return base.into();
        }
        let published = graph
            .edges_directed(node, Incoming)
            .filter(|edge| *edge.weight() == Edge::PublishedBy)
            .map(|edge| Step {
                from: edge.source(),
                edge: edge.id(),
                kind: StepKind::PublishedByOrigin,
            });
        let mut steps: Vec<Step> = base.iter().copied().chain(published).collect();
        steps.sort_by_key(|step| step.edge);
        steps.into()
    }
}

/// How a node reaches the origin: its hops, and the next node and edge label
/// on a shortest path (none for the origin itself).
#[derive(Clone, Copy)]
struct Reached {
    hops: usize,
    next: Option<(NodeIndex, &'static str)>,
}

/// Shortest paths from every article that reaches `origin`, and the tree they follow:
/// a breadth-first search backwards from the origin, so its cost is that of the
/// story alone. `members` are the story's nodes, and `place` each node's among them.
fn trace(
    graph: &DiGraph<Node, Edge>,
    steps: &StepsInto,
    origin: NodeIndex,
    members: &[NodeIndex],
    place: &[u32],
) -> (Vec<OriginPath>, NextSteps) {
    let at = |node: NodeIndex| place[node.index()] as usize;
    let mut best: Vec<Option<Reached>> = vec![None; members.len()];
    best[at(origin)] = Some(Reached {
        hops: 0,
        next: None,
    });
    let mut queue = VecDeque::from([origin]);
    while let Some(node) = queue.pop_front() {
        let hops = best[at(node)].expect("a queued node is reached").hops;
        for &step in steps.ending_at(graph, node, origin).iter() {
            let candidate = hops + 1;
            let reached = &mut best[at(step.from)];
            if reached.is_some_and(|r| r.hops <= candidate) {
                continue;
            }
            *reached = Some(Reached {
                hops: candidate,
                next: Some((node, step.label(graph))),
            });
            queue.push_back(step.from);
        }
    }
    let reached = || {
        members
            .iter()
            .zip(&best)
            .filter_map(|(&node, reached)| Some((node, (*reached)?)))
    };
    let mut paths: Vec<OriginPath> = reached()
        .filter_map(|(node, reached)| match graph[node] {
            Node::Article { doc, .. } => Some(OriginPath {
                doc,
                hops: reached.hops,
                own_report: graph
                    .edges_connecting(node, origin)
                    .any(|edge| *edge.weight() == Edge::PublishedBy),
                node,
            }),
            _ => None,
        })
        .collect();
    paths.sort_by_key(|path| path.doc);
    // The members are in node order, so `next` is sorted by node.
    let next: Vec<_> = reached()
        .filter_map(|(node, reached)| Some((node, reached.next?)))
        .collect();
    debug_assert!(next.is_sorted_by_key(|&(node, _)| node));
    (paths, next)
}
