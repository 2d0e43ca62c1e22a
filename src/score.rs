//! Stage 7 of the pipeline: findings become a score and a grade.
//!
//! Start from the publisher's prior (or the default base), add every finding's
//! weight, apply the lowest cap of any finding (a veto), clamp to 0–100, round,
//! and map to a grade by the bands of `[scoring]`.

use crate::extract::{Clue, Found};
use crate::outlet::Outlet;
use crate::rules::Finding;
use crate::settings::Settings;
use serde::Serialize;

/// Where an article's score started.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "from", rename_all = "kebab-case")]
pub enum Start {
    /// The publisher's prior from the outlet registry.
    Prior { outlet: String, value: f64 },
    /// `[scoring] base`: the publisher is unknown, has no prior, or is only claimed by the text.
    Base { value: f64 },
}

/// An article's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub start: Start,
    /// 0–100.
    pub score: u32,
    pub grade: String,
}

impl Start {
    pub fn value(&self) -> f64 {
        match self {
            Start::Prior { value, .. } | Start::Base { value } => *value,
        }
    }
}

/// Where the score starts: the publisher's prior when the publisher is known
/// from a trustworthy clue (or `prior-from-text` allows a claim in the text).
pub fn start(
    publisher: Option<&Outlet>,
    clue: Option<&Found<String>>,
    settings: &Settings,
) -> Start {
    let trusted = clue.is_some_and(|f| f.clue != Clue::Text || settings.prior_from_text);
    match publisher
        .filter(|_| trusted)
        .and_then(|o| Some((o, o.prior?)))
    {
        Some((outlet, value)) => Start::Prior {
            outlet: outlet.name.clone(),
            value,
        },
        None => Start::Base {
            value: settings.base,
        },
    }
}

pub fn score(start: Start, findings: &[Finding], settings: &Settings) -> Score {
    let sum = start.value() + findings.iter().map(|f| f.weight).sum::<f64>();
    let cap = findings.iter().filter_map(|f| f.cap).fold(100.0, f64::min);
    let score = sum.min(cap).clamp(0.0, 100.0).round() as u32;
    let grade = settings.grade(f64::from(score)).to_string();
    Score {
        start,
        score,
        grade,
    }
}
