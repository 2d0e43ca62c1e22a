//! Tests of the graph stage: edges, stories and origins, facts; the exports in `exports`.

mod exports;

use super::fixture::{self, SEED_IDS, date, document, found, person};
use super::*;
use crate::extract::{Extraction, Meta};
use crate::reuse::{CopyPair, ReuseGrade};
use petgraph::visit::EdgeRef;

fn seed_graph() -> CitationGraph {
    let (docs, extractions) = fixture::seeds();
    build(&docs, &extractions, &[], &fixture::registry())
}

fn copy(copier: usize, source: usize, directed: bool, attributed: bool) -> CopyPair {
    CopyPair {
        copier,
        source,
        directed,
        containment: 0.8,
        containment_of_source: 0.5,
        jaccard: 0.4,
        grade: ReuseGrade::Light,
        longest_run: 12,
        passages: vec![],
        attributed,
    }
}

/// Four articles: `a` is the Daily Planet's (unknown to the registry), `b`
/// copies it without credit, `b` and `c` share text in an unknown direction,
/// `c` is CNN's and cites the Daily Planet, `d` stands alone.
fn copied_graph() -> CitationGraph {
    use CitationKind::{Report, Statement};
    let docs: Vec<_> = ["a", "b", "c", "d"].into_iter().map(document).collect();
    let extractions = vec![
        Extraction {
            meta: Meta {
                outlet: found("Daily Planet".into()),
                published: found(date("2023-01-02")),
                ..Meta::default()
            },
            citations: vec![person("Jane \"JD\" Doe\\", Statement)],
            quotes: vec![],
        },
        Extraction::default(),
        Extraction {
            meta: Meta {
                outlet: found("CNN".into()),
                published: found(date("2023-01-05")),
                ..Meta::default()
            },
            citations: vec![fixture::cite(
                "Daily Planet",
                crate::extract::SourceKind::Unknown,
                Report,
            )],
            quotes: vec![],
        },
        Extraction::default(),
    ];
    let copies = [copy(1, 2, false, true), copy(1, 0, true, false)];
    build(&docs, &extractions, &copies, &fixture::registry())
}

/// Every edge as (from, label, to), in edge order.
fn edges(graph: &CitationGraph) -> Vec<(String, String, String)> {
    graph
        .graph
        .edge_references()
        .map(|e| {
            (
                graph.graph[e.source()].label(),
                e.weight().caption(),
                graph.graph[e.target()].label(),
            )
        })
        .collect()
}

fn edges_from(graph: &CitationGraph, doc: usize) -> Vec<(String, String)> {
    edges(graph)
        .into_iter()
        .filter(|(from, _, _)| *from == SEED_IDS[doc])
        .map(|(_, label, to)| (label, to))
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Each origin as (label, kind, date, [(article, hops, path)]).
type OriginSummary = (
    String,
    OriginKind,
    Option<NaiveDate>,
    Vec<(String, usize, String)>,
);

fn origins(graph: &CitationGraph, story: usize) -> Vec<OriginSummary> {
    graph.stories[story]
        .origins
        .iter()
        .map(|o| {
            let paths = o
                .paths
                .iter()
                .map(|p| {
                    let article = graph.graph[graph.articles[p.doc]].label();
                    (article, p.hops, o.steps(&graph.graph, p).join(" > "))
                })
                .collect();
            (graph.graph[o.node].label(), o.kind, o.date, paths)
        })
        .collect()
}

fn path(article: &str, hops: usize, steps: &str) -> (String, usize, String) {
    (article.to_string(), hops, steps.to_string())
}

#[test]
fn seed_origins_are_the_nikkei_report_and_the_cnn_interview() {
    let graph = seed_graph();
    assert_eq!(graph.stories.len(), 1);
    assert_eq!(graph.stories[0].articles, vec![0, 1, 2, 3, 4]);
    let [a0, a1, a2, a3, a4] = SEED_IDS;
    let nikkei = vec![
        path(
            a0,
            3,
            &format!("{a0} > interview > CNN > publishes > {a2} > report > Nikkei Asia"),
        ),
        path(a1, 1, &format!("{a1} > report > Nikkei Asia")),
        path(a2, 1, &format!("{a2} > report > Nikkei Asia")),
        path(a3, 1, &format!("{a3} > report > Nikkei Asia")),
        path(
            a4,
            3,
            &format!("{a4} > report > CNN > publishes > {a2} > report > Nikkei Asia"),
        ),
    ];
    let cnn = vec![
        path(a0, 1, &format!("{a0} > interview > CNN")),
        path(a1, 1, &format!("{a1} > interview > CNN")),
        path(a2, 1, &format!("{a2} > published-by > CNN")),
        path(a4, 1, &format!("{a4} > report > CNN")),
    ];
    assert_eq!(
        origins(&graph, 0),
        vec![
            (
                "Nikkei Asia".into(),
                OriginKind::EarliestReport,
                Some(date("2023-05-03")),
                nikkei
            ),
            (
                "CNN".into(),
                OriginKind::FirstHand,
                Some(date("2023-05-10")),
                cnn
            ),
        ]
    );
}

#[test]
fn seed_003_cites_only_the_nikkei_resolved_through_its_alias() {
    let graph = seed_graph();
    let dfat = "a spokesperson for the Department of Foreign Affairs and Trade";
    assert_eq!(
        edges_from(&graph, 3),
        pairs(&[("report", "Nikkei Asia"), ("statement", dfat)])
    );
}

#[test]
fn seed_004_reaches_cnn_and_kyodo_and_credits_vna() {
    let graph = seed_graph();
    assert_eq!(
        edges_from(&graph, 4),
        pairs(&[
            ("report", "CNN"),
            ("wire", "Kyodo News"),
            ("wire", "Vietnam News Agency"),
            ("statement", "Foreign Minister Hayashi"),
        ])
    );
}

#[test]
fn seed_002_is_cnn_and_dates_the_nikkei_report() {
    let graph = seed_graph();
    assert_eq!(
        edges_from(&graph, 2),
        pairs(&[
            ("published-by", "CNN"),
            ("interview", "CNN"),
            ("report 2023-05-03", "Nikkei Asia"),
            ("statement", "Mao Ning"),
            ("statement", "a NATO spokesman"),
            ("anonymous", "anonymous"),
        ])
    );
}

#[test]
fn seed_signals() {
    let graph = seed_graph();
    let signals: Vec<Vec<(&str, f64)>> = graph.facts.iter().map(|f| f.signals()).collect();
    let expect = |hops, corroborating| {
        vec![
            ("hops_to_origin", hops),
            ("reaches_origin", 1.0),
            ("corroborating_outlets", corroborating),
        ]
    };
    assert_eq!(
        signals,
        vec![
            expect(1.0, 1.0),
            expect(1.0, 3.0),
            // 002 is CNN's own report: it reaches Nikkei Asia, not CNN.
            expect(1.0, 2.0),
            expect(1.0, 3.0),
            expect(1.0, 3.0),
        ]
    );
    let earliest: Vec<_> = graph
        .facts
        .iter()
        .map(|f| {
            f.earliest_origin
                .map(|o| (graph.graph[o.node].label(), o.hops))
        })
        .collect();
    let nikkei = |hops| Some(("Nikkei Asia".to_string(), hops));
    assert_eq!(
        earliest,
        vec![nikkei(3), nikkei(1), nikkei(1), nikkei(1), nikkei(3)]
    );
}

#[test]
fn copies_are_edges_and_only_directed_ones_lead_to_the_origin() {
    let graph = copied_graph();
    let edge = |a: &str, l: &str, b: &str| (a.to_string(), l.to_string(), b.to_string());
    assert_eq!(
        edges(&graph),
        vec![
            edge("a", "published-by", "Daily Planet"),
            edge("a", "statement", "Jane \"JD\" Doe\\"),
            edge("c", "published-by", "CNN"),
            edge("c", "report", "Daily Planet"),
            edge("b", "copies 80%", "a"),
            edge("b", "copies 80%", "c"),
        ]
    );
    assert_eq!(graph.stories.len(), 2);
    assert_eq!(graph.stories[1].articles, vec![3]);
    assert_eq!(graph.stories[1].origins, vec![]);
    assert_eq!(
        origins(&graph, 0),
        vec![(
            "Daily Planet".into(),
            OriginKind::EarliestReport,
            Some(date("2023-01-02")),
            vec![
                path("a", 1, "a > published-by > Daily Planet"),
                path("b", 2, "b > copies > a > published-by > Daily Planet"),
                path("c", 1, "c > report > Daily Planet"),
            ]
        )]
    );
    let copies: Vec<_> = graph.facts.iter().map(|f| f.copies_attributed).collect();
    assert_eq!(copies, vec![None, Some(false), Some(true), None]);
    let hops: Vec<_> = graph.facts.iter().map(|f| f.hops_to_origin).collect();
    // The origin's own report "a" reaches it through no citation.
    assert_eq!(hops, vec![None, Some(2), Some(1), None]);
    assert!(!graph.facts[0].signals().contains(&("reaches_origin", 1.0)));
    assert!(!graph.facts[3].signals().contains(&("reaches_origin", 1.0)));
}

#[test]
fn the_order_of_citations_does_not_change_the_graph() {
    let (docs, mut extractions) = fixture::seeds();
    let registry = fixture::registry();
    let before = to_dot(&build(&docs, &extractions, &[], &registry));
    for extraction in &mut extractions {
        extraction.citations.reverse();
    }
    assert_eq!(to_dot(&build(&docs, &extractions, &[], &registry)), before);
}
