//! Tests of the exports: DOT (rendered by Graphviz when it is installed),
//! Mermaid, JSON and PROV-JSON.

use super::{copied_graph, seed_graph};
use crate::graph::*;

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
    let mut text = Vec::new();
    write_json(&graph, &mut text, crate::json_out::JsonLayout::Pretty, 0).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&text).unwrap();
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
