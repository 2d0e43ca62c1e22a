//! prov: news provenance and reliability scoring.
//!
//! The pipeline (see DESIGN.md): `corpus` reads files into [`corpus::Document`]s,
//! `extract` finds metadata, citations and quotes, `reuse` finds copies across the
//! corpus, `graph` builds the citation graph, `detect` turns all of that into named
//! signals, `rules` evaluates the user's `rules.toml` into findings, `score` turns
//! findings into a score and a grade, and `report` renders the result. Only `corpus`
//! reads files; only `report` and the binary write. The library never prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod audit;
pub mod config;
pub mod corpus;
pub mod detect;
pub mod extract;
pub mod graph;
mod json_out;
pub mod outlet;
pub mod raters;
pub mod report;
pub mod reuse;
pub mod rules;
pub mod score;
pub mod settings;
