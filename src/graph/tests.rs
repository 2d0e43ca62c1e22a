//! Tests of the graph stage: edges, stories and origins, facts and exports.

use super::fixture::{self, SEED_IDS, date, document, found, person};
use super::*;
use crate::extract::{Extraction, Meta};
use crate::reuse::{CopyPair, ReuseGrade};
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;

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
                    (article, p.hops, p.path.join(" > "))
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
            2,
            &format!("{a0} > interview > CNN > publishes > {a2} > report > Nikkei Asia"),
        ),
        path(a1, 1, &format!("{a1} > report > Nikkei Asia")),
        path(a2, 1, &format!("{a2} > report > Nikkei Asia")),
        path(a3, 1, &format!("{a3} > report > Nikkei Asia")),
        path(
            a4,
            2,
            &format!("{a4} > report > CNN > publishes > {a2} > report > Nikkei Asia"),
        ),
    ];
    let cnn = vec![
        path(a0, 1, &format!("{a0} > interview > CNN")),
        path(a1, 1, &format!("{a1} > interview > CNN")),
        path(a2, 0, &format!("{a2} > published-by > CNN")),
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
    assert_eq!(graph.facts[3].outlet_sources, 1);
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
    let expect = |named, anonymous, outlets, hops, corroborating| {
        vec![
            ("named_sources", named),
            ("anonymous_sources", anonymous),
            ("outlet_sources", outlets),
            ("hops_to_origin", hops),
            ("reaches_origin", 1.0),
            ("corroborating_outlets", corroborating),
        ]
    };
    assert_eq!(
        signals,
        vec![
            expect(1.0, 0.0, 1.0, 1.0, 1.0),
            expect(4.0, 1.0, 2.0, 1.0, 3.0),
            expect(4.0, 1.0, 2.0, 0.0, 2.0),
            expect(2.0, 0.0, 1.0, 1.0, 3.0),
            expect(4.0, 0.0, 3.0, 1.0, 3.0),
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
        vec![nikkei(2), nikkei(1), nikkei(1), nikkei(1), nikkei(2)]
    );
}

#[test]
fn every_signal_is_explained_once() {
    let names: BTreeSet<&str> = SIGNALS.iter().map(|(name, _)| *name).collect();
    assert_eq!(names.len(), SIGNALS.len());
    assert!(SIGNALS.iter().all(|(_, why)| !why.is_empty()));
    let graph = copied_graph();
    for facts in graph.facts.iter().chain(&seed_graph().facts) {
        for (name, _) in facts.signals() {
            assert!(names.contains(name), "{name} is not in SIGNALS");
        }
    }
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
                path("a", 0, "a > published-by > Daily Planet"),
                path("b", 1, "b > copies > a > published-by > Daily Planet"),
                path("c", 1, "c > report > Daily Planet"),
            ]
        )]
    );
    let copies: Vec<_> = graph.facts.iter().map(|f| f.copies_attributed).collect();
    assert_eq!(copies, vec![None, Some(false), Some(true), None]);
    let hops: Vec<_> = graph.facts.iter().map(|f| f.hops_to_origin).collect();
    assert_eq!(hops, vec![Some(0), Some(1), Some(1), None]);
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

#[test]
fn dot_marks_origins_and_unattributed_copies() {
    let dot = to_dot(&copied_graph());
    for line in [
        "  \"unknown:Daily Planet\" [label=\"Daily Planet\\nearliest report 2023-01-02\", \
         shape=ellipse, fillcolor=\"#ffd966\", penwidth=2, style=\"dashed,filled\"];",
        "  \"person:Jane \\\"JD\\\" Doe\\\\\" [label=\"Jane \\\"JD\\\" Doe\\\\\", shape=plain];",
        "  \"article:b\" -> \"article:a\" [label=\"copies 80%\", style=dashed, color=red, \
         fontcolor=red];",
        "  \"article:b\" -> \"article:c\" [label=\"copies 80%\", style=dashed, dir=none];",
    ] {
        assert!(dot.contains(line), "missing {line}\nin\n{dot}");
    }
}

#[test]
#[allow(
    clippy::print_stdout,
    reason = "a skipped check says so in the test output"
)]
fn graphviz_renders_the_dot() {
    for dot in [to_dot(&seed_graph()), to_dot(&copied_graph())] {
        let Some(svg) = render_svg(&dot) else {
            println!("note: Graphviz `dot` is not on PATH; DOT rendering not checked");
            return;
        };
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.contains("Nikkei Asia") || svg.contains("Daily Planet"));
    }
}

/// `dot -Tsvg` on the text, or `None` when Graphviz is not installed.
fn render_svg(dot: &str) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(dot.as_bytes())
        .expect("dot reads its input");
    let output = child.wait_with_output().expect("dot runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.is_empty(),
        "dot: {stderr}\n{dot}"
    );
    Some(String::from_utf8(output.stdout).expect("SVG is UTF-8"))
}

#[test]
fn mermaid_of_a_small_corpus() {
    let expected = r#"flowchart LR
    n0["a"]
    n1["b"]
    n2["c"]
    n3["d"]
    n4(["CNN"])
    n5(["Daily Planet<br>earliest report 2023-01-02"])
    n6("Jane #quot;JD#quot; Doe\")
    n0 -->|"published-by"| n5
    n0 -->|"statement"| n6
    n2 -->|"published-by"| n4
    n2 -->|"report"| n5
    n1 -.->|"copies 80%"| n0
    n1 -.-|"copies 80%"| n2
    classDef origin fill:#ffd966,stroke-width:2px
    class n5 origin
    linkStyle 4 stroke:red
"#;
    assert_eq!(to_mermaid(&copied_graph()), expected);
}

#[test]
fn json_lists_nodes_edges_and_origins() {
    let graph = seed_graph();
    let text = serde_json::to_string(&to_json(&graph)).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 18);
    assert_eq!(json["edges"].as_array().unwrap().len(), 21);
    assert_eq!(
        json["nodes"][2],
        serde_json::json!({"id": "article:002_f40a1664c5cdecd9", "kind": "article",
            "label": "002_f40a1664c5cdecd9", "published": "2023-05-10"})
    );
    let cites_nikkei =
        json["edges"].as_array().unwrap().iter().find(|e| {
            e["from"] == "article:002_f40a1664c5cdecd9" && e["to"] == "outlet:Nikkei Asia"
        });
    assert_eq!(
        cites_nikkei,
        Some(&serde_json::json!({"from": "article:002_f40a1664c5cdecd9",
            "to": "outlet:Nikkei Asia", "kind": "cites", "citation": "report",
            "date": "2023-05-03"}))
    );
    let origins = json["origins"].as_array().unwrap();
    let summary: Vec<_> = origins
        .iter()
        .map(|o| {
            (
                o["story"].clone(),
                o["origin"].clone(),
                o["kind"].clone(),
                o["date"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                1.into(),
                "outlet:Nikkei Asia".into(),
                "earliest-report".into(),
                "2023-05-03".into()
            ),
            (
                1.into(),
                "outlet:CNN".into(),
                "first-hand".into(),
                "2023-05-10".into()
            ),
        ]
    );
    assert_eq!(
        origins[0]["articles"][1],
        serde_json::json!({"id": "001_e7a9e3d448b427a1", "hops": 1,
            "path": ["001_e7a9e3d448b427a1", "report", "Nikkei Asia"]})
    );
}

#[test]
fn prov_json_relations_refer_to_declared_things() {
    for graph in [seed_graph(), copied_graph()] {
        let text = serde_json::to_string(&to_prov_json(&graph)).unwrap();
        let prov: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&str> = prov
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "agent",
                "entity",
                "prefix",
                "wasAttributedTo",
                "wasDerivedFrom"
            ]
        );
        let entities = prov["entity"].as_object().unwrap();
        let agents = prov["agent"].as_object().unwrap();
        let prefixes = prov["prefix"].as_object().unwrap();
        for id in entities.keys().chain(agents.keys()) {
            let (prefix, _) = id.split_once(':').unwrap();
            assert!(prefixes.contains_key(prefix), "{id}: undeclared prefix");
        }
        for (id, relation) in prov["wasAttributedTo"].as_object().unwrap() {
            assert!(id.starts_with("_:wat"));
            assert!(entities.contains_key(relation["prov:entity"].as_str().unwrap()));
            assert!(agents.contains_key(relation["prov:agent"].as_str().unwrap()));
        }
        for (id, relation) in prov["wasDerivedFrom"].as_object().unwrap() {
            assert!(id.starts_with("_:wdf"));
            for role in ["prov:generatedEntity", "prov:usedEntity"] {
                let entity = relation[role].as_str().unwrap();
                assert!(entities.contains_key(entity), "{id}: {entity} undefined");
            }
        }
    }
}

#[test]
fn prov_json_types_primary_sources_quotations_and_copies() {
    let prov = to_prov_json(&seed_graph());
    let derived = |n: usize| &prov["wasDerivedFrom"][format!("_:wdf{n}")];
    let qualified = |name: &str| serde_json::json!({"$": name, "type": "prov:QUALIFIED_NAME"});
    assert_eq!(
        derived(1),
        &serde_json::json!({"prov:generatedEntity": "article:000_30fde9fe001ed933",
            "prov:usedEntity": "account:outlet-CNN", "news:citation": "interview",
            "prov:type": qualified("prov:PrimarySource")})
    );
    assert_eq!(
        derived(2),
        &serde_json::json!({"prov:generatedEntity": "article:000_30fde9fe001ed933",
            "prov:usedEntity": "account:outlet-CNN", "news:citation": "report"})
    );
    assert_eq!(
        derived(3),
        &serde_json::json!({"prov:generatedEntity": "article:000_30fde9fe001ed933",
            "prov:usedEntity": "account:person-Yoshimasa%20Hayashi",
            "prov:type": qualified("prov:Quotation")})
    );
    assert_eq!(
        prov["entity"]["account:outlet-Nikkei%20Asia"],
        serde_json::json!({"prov:label": "what Nikkei Asia said",
            "news:date": {"$": "2023-05-03", "type": "xsd:date"}})
    );
    assert_eq!(
        prov["agent"]["outlet:Afghan%20Voice%20Agency"],
        serde_json::json!({"prov:label": "Afghan Voice Agency",
            "prov:type": qualified("prov:Organization")})
    );
    assert_eq!(
        prov["wasAttributedTo"]["_:wat1"],
        serde_json::json!({"prov:entity": "article:000_30fde9fe001ed933",
            "prov:agent": "outlet:Afghan%20Voice%20Agency"})
    );
    let copies = to_prov_json(&copied_graph());
    let copy_relations: Vec<&serde_json::Value> = copies["wasDerivedFrom"]
        .as_object()
        .unwrap()
        .values()
        .filter(|r| r.get("news:containment").is_some())
        .collect();
    assert_eq!(
        copy_relations,
        vec![&serde_json::json!({"prov:generatedEntity": "article:b",
            "prov:usedEntity": "article:a", "news:containment": 0.8,
            "news:attributed": false})]
    );
}
