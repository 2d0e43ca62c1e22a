//! The citation graph drawn as an SVG that the HTML report inlines.
//!
//! The layout is pure Rust (the `layout-rs` crate), built directly from the
//! [`CitationGraph`] rather than by parsing [`crate::graph::to_dot`]: layout-rs
//! reads only part of Graphviz's attribute language (it has no `ellipse`,
//! `plain`, `dir=none`, `gray40` or multi-valued `style`), and building the
//! graph ourselves keeps the look the DOT export describes. It is not Graphviz
//! either, so the drawing is the same bytes on every machine whatever is
//! installed, and the report never runs another program.
//!
//! The look follows the DOT export: articles are boxes, outlets ellipses, people
//! and anonymous sources plain text; origins are filled and say why they are
//! origins; copies are dashed, red when the copier does not credit its source,
//! and without an arrow head when the direction is unknown.

use crate::graph::{CitationGraph, Edge, Node};
use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

/// One font size for every label. layout-rs writes one CSS class per font size
/// from a `HashMap`, so a single size also keeps the bytes deterministic.
const FONT_SIZE: usize = 13;
/// Roughly the width of an average character of a sans-serif font, in ems.
/// layout-rs assumes a full em per character, which draws very wide boxes.
const CHAR_WIDTH: f64 = 0.62;
const ORIENTATION: Orientation = Orientation::LeftToRight;
/// Room around the nodes for edges that curve past them, in pixels.
const MARGIN: f64 = 20.;

/// The most nodes and edges drawn. The layout grows much faster than the graph (20
/// copies of one story, 190 copy edges, took 17 s), and a drawing with more is not
/// legible anyway: past these, the report says how large the graph is instead.
const MAX_NODES: usize = 60;
const MAX_EDGES: usize = 100;

/// What the report shows of the citation graph.
#[derive(Debug, PartialEq)]
pub enum Drawing {
    /// No node to draw.
    Empty,
    /// More nodes or edges than [`MAX_NODES`] and [`MAX_EDGES`]: how many.
    TooLarge { nodes: usize, edges: usize },
    /// The graph as an `<svg>` element to inline in HTML (no XML prolog).
    Svg(String),
}

/// The drawing of the graph.
///
/// The drawing is the provenance part of the graph: articles, the outlets
/// they are published by, cite or copy from, and copies. People and anonymous
/// sources are left out (each article's section lists them, and `prov graph`
/// exports the whole graph): on the seeds they are most of the nodes and would
/// bury the paths to the origins.
pub fn svg(graph: &CitationGraph) -> Drawing {
    let g = &graph.graph;
    let nodes = g.node_weights().filter(|node| drawn(node)).count();
    let edges = g
        .edge_references()
        .filter(|edge| drawn(&g[edge.source()]) && drawn(&g[edge.target()]))
        .count();
    if nodes == 0 {
        return Drawing::Empty;
    }
    if nodes > MAX_NODES || edges > MAX_EDGES {
        return Drawing::TooLarge { nodes, edges };
    }
    let mut drawing = VisualGraph::new(ORIENTATION);
    let handles: Vec<_> = graph
        .graph
        .node_indices()
        .map(|node| drawn(&graph.graph[node]).then(|| drawing.add_node(element(graph, node))))
        .collect();
    for link in links(graph) {
        if let (Some(from), Some(to)) = (handles[link.from.index()], handles[link.to.index()]) {
            drawing.add_edge(arrow(&link), from, to);
        }
    }
    let mut writer = SVGWriter::new();
    drawing.do_it(false, false, false, &mut writer);
    // layout-rs grows its canvas by ten pixels per character of every label,
    // downwards too, which leaves a tall blank band under the drawing. The
    // drawing's real extent is that of its laid-out nodes (edge labels are
    // nodes too after layout), plus a margin for the curves.
    let (mut width, mut height) = (0f64, 0f64);
    for node in drawing.iter_nodes() {
        let position = drawing.pos(node);
        width = width.max(position.right(false));
        height = height.max(position.bottom(false));
    }
    Drawing::Svg(inline(
        &sorted_styles(&writer.finalize()),
        (width + MARGIN).ceil(),
        (height + MARGIN).ceil(),
    ))
}

fn element(graph: &CitationGraph, node: NodeIndex) -> Element {
    let caption = graph.caption(node);
    let is_origin = graph.origins_of(node).next().is_some();
    let fill = if is_origin { "#ffd966" } else { "white" };
    let (shape, line, width, padding) = match &graph.graph[node] {
        Node::Article { .. } => (ShapeKind::Box(caption.clone()), "black", 1, 16.),
        Node::Outlet(_) => (ShapeKind::Circle(caption.clone()), "black", 1, 30.),
        // An outlet the registry does not know: a grey ellipse (layout-rs has no
        // dashed outline for nodes).
        Node::Unknown(_) => (ShapeKind::Circle(caption.clone()), "gray", 1, 30.),
        Node::Person(_) | Node::Anonymous { .. } => {
            (ShapeKind::Box(caption.clone()), "white", 0, 8.)
        }
    };
    let width = if is_origin { 2 } else { width };
    let look = StyleAttr::new(
        Color::fast(line),
        width,
        Some(Color::fast(fill)),
        if matches!(graph.graph[node], Node::Article { .. }) {
            4
        } else {
            0
        },
        FONT_SIZE,
    );
    Element::create(shape, look, ORIENTATION, text_size(&caption, padding))
}

/// The box a label needs, with `padding` on each axis.
fn text_size(text: &str, padding: f64) -> Point {
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(1);
    let lines = text.lines().count().max(1);
    let font = FONT_SIZE as f64;
    Point::new(
        longest as f64 * font * CHAR_WIDTH + padding,
        lines as f64 * font * 1.25 + padding / 2.,
    )
}

/// Whether the drawing shows a node.
fn drawn(node: &Node) -> bool {
    matches!(
        node,
        Node::Article { .. } | Node::Outlet(_) | Node::Unknown(_)
    )
}

/// One line of the drawing: every citation edge between two nodes becomes one
/// line with all their labels ("interview, report"), since an article often
/// cites one outlet in several ways; a copy stays a line of its own.
struct Link {
    from: NodeIndex,
    to: NodeIndex,
    captions: Vec<String>,
    /// `(attributed, directed)` for a copy.
    copy: Option<(bool, bool)>,
}

/// The lines between drawn nodes, in edge order.
fn links(graph: &CitationGraph) -> Vec<Link> {
    let mut links: Vec<Link> = Vec::new();
    for edge in graph.graph.edge_references() {
        let (from, to) = (edge.source(), edge.target());
        if !drawn(&graph.graph[from]) || !drawn(&graph.graph[to]) {
            continue;
        }
        let caption = edge_caption(edge.weight());
        if let Edge::Copies {
            attributed,
            directed,
            ..
        } = edge.weight()
        {
            links.push(Link {
                from,
                to,
                captions: vec![caption],
                copy: Some((*attributed, *directed)),
            });
        } else if let Some(link) = links
            .iter_mut()
            .find(|l| l.from == from && l.to == to && l.copy.is_none())
        {
            if !link.captions.contains(&caption) {
                link.captions.push(caption);
            }
        } else {
            links.push(Link {
                from,
                to,
                captions: vec![caption],
                copy: None,
            });
        }
    }
    links
}

/// An edge's label with the citation's date or the copy's containment, as in
/// the DOT export.
fn edge_caption(edge: &Edge) -> String {
    match edge {
        Edge::Cites {
            date: Some(date), ..
        } => format!("{} {date}", edge.label()),
        Edge::Copies { containment, .. } => format!("copies {:.0}%", containment * 100.0),
        other => other.label().to_string(),
    }
}

fn arrow(link: &Link) -> Arrow {
    let (style, colour, head) = match link.copy {
        Some((attributed, directed)) => (
            LineStyleKind::Dashed,
            if attributed { "black" } else { "red" },
            directed,
        ),
        None => (LineStyleKind::Normal, "black", true),
    };
    let look = StyleAttr::new(Color::fast(colour), 1, None, 0, FONT_SIZE);
    let end = if head {
        LineEndKind::Arrow
    } else {
        LineEndKind::None
    };
    Arrow::new(
        LineEndKind::None,
        end,
        style,
        &link.captions.join(", "),
        &look,
        &None,
        &None,
    )
}

/// layout-rs writes one CSS class per font from a hash map, in an order that
/// changes from run to run; sorting the lines of its `<style>` block keeps the
/// report's bytes the same for the same inputs.
fn sorted_styles(svg: &str) -> String {
    let Some((head, rest)) = svg.split_once("<style>") else {
        return svg.to_string();
    };
    let Some((styles, tail)) = rest.split_once("</style>") else {
        return svg.to_string();
    };
    let mut lines: Vec<&str> = styles.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.sort_unstable();
    format!("{head}<style>\n{}\n</style>{tail}", lines.join("\n"))
}

/// layout-rs writes a standalone SVG document; inside HTML the XML prolog is
/// noise. The opening tag is replaced: the view box is the drawing's extent,
/// and its width becomes a maximum so that narrow pages scale it down.
fn inline(document: &str, width: f64, height: f64) -> String {
    let svg = document
        .find("<svg")
        .map_or(document, |start| &document[start..]);
    let body = svg.find('>').map_or("</svg>", |end| &svg[end + 1..]);
    format!(
        "<svg class=\"graph\" viewBox=\"0 0 {width} {height}\" style=\"max-width:{width}px\" \
         role=\"img\" aria-label=\"Citation graph\" xmlns=\"http://www.w3.org/2000/svg\">{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Entry;
    use crate::extract::{Citation, CitationKind, Clue, Extraction, Found, Meta, SourceKind};
    use crate::graph::fixture::{cite, date, document, found};
    use crate::outlet::{Outlet, OutletKind, Registry};
    use crate::reuse::{CopyPair, ReuseGrade};

    /// Three articles: one published by CNN, one citing CNN twice and Nikkei
    /// Asia's first report and quoting a spokesman, and an uncredited copy of it.
    fn story() -> CitationGraph {
        let outlet = |name: &str| Outlet {
            name: name.into(),
            aliases: vec![],
            domains: vec![],
            kind: OutletKind::Newspaper,
            prior: None,
        };
        let registry = Registry::new(vec![outlet("CNN"), outlet("Nikkei Asia")]);
        let docs: Vec<Entry> = ["cnn", "rewrite", "copy"].map(document).into();
        let published_by_cnn = Meta {
            outlet: Some(Found {
                value: "CNN".into(),
                clue: Clue::Given,
                span: None,
            }),
            ..Meta::default()
        };
        let cites = vec![
            cite("CNN", SourceKind::Outlet, CitationKind::Interview),
            cite("CNN", SourceKind::Outlet, CitationKind::Report),
            Citation {
                date: Some(date("2023-05-03")),
                ..cite("Nikkei Asia", SourceKind::Outlet, CitationKind::Report)
            },
            cite(
                "a NATO spokesman",
                SourceKind::Person,
                CitationKind::Statement,
            ),
        ];
        let extractions = vec![
            Extraction {
                meta: published_by_cnn,
                ..Extraction::default()
            },
            Extraction {
                citations: cites,
                ..Extraction::default()
            },
            Extraction::default(),
        ];
        let copy = CopyPair {
            copier: 2,
            source: 1,
            directed: true,
            containment: 0.62,
            containment_of_source: 0.5,
            jaccard: 0.4,
            grade: ReuseGrade::Verbatim,
            longest_run: 40,
            passages: vec![],
            attributed: false,
        };
        crate::graph::build(&docs, &extractions, &[copy], &registry)
    }

    #[test]
    fn the_drawing_shows_articles_outlets_origins_and_copies_but_not_people() {
        let Drawing::Svg(svg) = svg(&story()) else {
            panic!("a drawing of the story");
        };
        for text in [
            "rewrite",
            "copy",
            "CNN",
            "Nikkei Asia",
            "earliest report 2023-05-03",
        ] {
            assert!(
                svg.contains(&format!(">{text}<")),
                "no label {text} in {svg}"
            );
        }
        assert!(
            svg.contains(">interview, report<"),
            "one line per pair, all labels: {svg}"
        );
        assert!(svg.contains(">copies 62%<"));
        assert!(
            svg.contains("stroke=\"#ff0000ff\""),
            "an uncredited copy is red"
        );
        assert!(svg.contains("stroke-dasharray"), "a copy is dashed");
        assert!(
            !svg.contains("NATO spokesman"),
            "people are listed per article, not drawn"
        );
    }

    #[test]
    fn the_drawing_is_the_same_bytes_every_time() {
        // layout-rs keeps font classes in a HashMap; each map has its own hash keys.
        let graph = story();
        let first = svg(&graph);
        for _ in 0..5 {
            assert_eq!(svg(&graph), first);
        }
    }

    #[test]
    fn a_graph_too_large_to_draw_is_counted_instead() {
        // 61 articles, each published by the same outlet: 62 nodes and 61 edges.
        let docs: Vec<Entry> = (0..61).map(|i| document(&format!("a{i:02}"))).collect();
        let by_cnn = Extraction {
            meta: Meta {
                outlet: found("CNN".to_string()),
                ..Meta::default()
            },
            ..Extraction::default()
        };
        let extractions = vec![by_cnn; 61];
        let graph = crate::graph::build(&docs, &extractions, &[], &Registry::new(vec![]));
        assert_eq!(
            svg(&graph),
            Drawing::TooLarge {
                nodes: 62,
                edges: 61
            }
        );
    }

    #[test]
    fn style_rules_come_out_in_one_order() {
        let a = "<svg><style>\n.a15 { x }\n.a13 { y }\n</style><g/></svg>";
        let b = "<svg><style>\n.a13 { y }\n.a15 { x }\n</style><g/></svg>";
        assert_eq!(sorted_styles(a), sorted_styles(b));
        assert_eq!(sorted_styles(a), b);
    }

    #[test]
    fn inlining_drops_the_prolog_and_sets_the_extent() {
        let document = "<?xml version=\"1.0\"?><svg width=\"300\" height=\"900\" \
                        viewBox=\"0 0 300 900\" xmlns=\"http://www.w3.org/2000/svg\">\n<g/></svg>";
        assert_eq!(
            inline(document, 280.0, 100.0),
            "<svg class=\"graph\" viewBox=\"0 0 280 100\" style=\"max-width:280px\" \
             role=\"img\" aria-label=\"Citation graph\" \
             xmlns=\"http://www.w3.org/2000/svg\">\n<g/></svg>"
        );
    }
}
