//! Tests of the graph stage: edges, stories and origins, facts and exports.

use super::fixture::{self, SEED_IDS};
use super::*;

fn seed_graph() -> CitationGraph {
    let (docs, extractions) = fixture::seeds();
    build(&docs, &extractions, &[], &fixture::registry())
}

#[test]
fn smoke() {
    let graph = seed_graph();
    eprintln!("{}", to_dot(&graph));
    eprintln!("{:#?}", graph.stories);
    eprintln!("{:#?}", graph.facts);
}
