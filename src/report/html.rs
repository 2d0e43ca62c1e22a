//! `prov report --out FILE.html`: one self-contained page for an editor — the
//! reliability table, the story origins, the citation graph drawn as an inline
//! SVG, and each article's findings with their evidence and its citations.
//!
//! Self-contained means the file loads nothing: the CSS is inline, the graph is
//! an `<svg>` element (see [`drawing`] for how it is laid out), and there is no
//! script, font or image to fetch. Every piece of text from the corpus or the
//! rules goes through [`escape`], so a hostile title or id stays text. The bytes
//! depend only on the inputs and the rules: no timestamp, no host name.

mod drawing;

use super::{Report, by_importance, plural, published, sources};
use crate::analysis::Analysis;
use crate::graph::OriginKind;
use crate::settings::Settings;
use drawing::Drawing;
use std::fmt::Write;

pub struct Html;

/// Small, readable and printable (the table repeats its header on each printed
/// page); kept in its own file so that it reads as CSS.
const STYLE: &str = include_str!("html/style.css");

impl Report for Html {
    fn render(&self, analysis: &Analysis, settings: &Settings) -> String {
        let articles = plural(analysis.documents.len(), "article");
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{}\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>prov report: {articles}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
             <h1>Provenance report</h1>\n<p class=\"meta\">{articles}, {} skipped. \
             Rules: {} (sha256 <code>{}</code>).</p>\n",
            crate::corpus::REPORT_MARK,
            plural(analysis.errors.len(), "input"),
            escape(&settings.source),
            escape(&settings.sha256),
        );
        reliability_table(&mut out, analysis);
        graph(&mut out, analysis);
        origins(&mut out, analysis);
        out.push_str("<h2>Articles</h2>\n");
        for index in analysis.ranking() {
            article(&mut out, analysis, index);
        }
        skipped(&mut out, analysis);
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// Text as HTML: safe in element content and in double- or single-quoted
/// attribute values. Five characters are enough for that; a crate would add a
/// dependency for these few lines.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// The anchor of an article's section. Ids can hold any character
/// (`feed.jsonl#7`), so the anchor is the document's index instead.
fn anchor(index: usize) -> String {
    format!("article-{index}")
}

/// The title the article gives itself: its front matter's, else what `extract` found.
fn title(analysis: &Analysis, index: usize) -> Option<&str> {
    let meta = &analysis.extractions[index].meta;
    meta.title.as_ref().map(|t| t.value.as_str())
}

/// A grade badge, red at 0 through amber to green at 100, so the colour follows
/// the score whatever grade names the rules use.
fn grade(score: u32, grade: &str) -> String {
    let hue = score.min(100) * 120 / 100;
    format!(
        "<span class=\"grade\" style=\"background:hsl({hue},65%,82%)\">{}</span>",
        escape(grade)
    )
}

fn reliability_table(out: &mut String, analysis: &Analysis) {
    out.push_str(
        "<h2>Reliability</h2>\n<table class=\"reliability\">\n<thead><tr><th>article</th>\
         <th>title</th><th>outlet</th><th>date</th><th title=\"named / anonymous\">sources \
         (named/anon.)</th><th>score</th><th>grade</th></tr></thead>\n<tbody>\n",
    );
    for index in analysis.ranking() {
        let verdict = &analysis.verdicts[index];
        let _ = writeln!(
            out,
            "<tr><td class=\"id\"><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            anchor(index),
            escape(&analysis.documents[index].id),
            escape(title(analysis, index).unwrap_or("-")),
            escape(analysis.outlet(index).unwrap_or("-")),
            escape(published(analysis, index).as_deref().unwrap_or("-")),
            sources(analysis, index),
            verdict.score.score,
            grade(verdict.score.score, &verdict.score.grade),
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Each story's origins and, for each, how every article reaches it.
fn origins(out: &mut String, analysis: &Analysis) {
    out.push_str("<h2>Story origins</h2>\n");
    let graph = &analysis.graph;
    let links = |docs: &[usize]| {
        let links: Vec<String> = docs
            .iter()
            .map(|&doc| {
                format!(
                    "<a href=\"#{}\">{}</a>",
                    anchor(doc),
                    escape(&analysis.documents[doc].id)
                )
            })
            .collect();
        links.join(", ")
    };
    let (traced, untraced): (Vec<_>, Vec<_>) =
        graph.stories.iter().partition(|s| !s.origins.is_empty());
    for story in traced {
        let _ = writeln!(
            out,
            "<h3>Story {}</h3>\n<p class=\"meta\">Articles: {}</p>",
            story.number,
            links(&story.articles)
        );
        out.push_str("<ul>\n");
        for origin in &story.origins {
            let kind = match origin.kind {
                OriginKind::EarliestReport => "earliest report",
                OriginKind::FirstHand => "first-hand source",
            };
            let date = origin.date.map(|d| format!(", {d}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> ({kind}{date})<ul>",
                escape(&graph.graph[origin.node].label())
            );
            for path in &origin.paths {
                let hops = if path.hops == 1 { "hop" } else { "hops" };
                let _ = writeln!(
                    out,
                    "<li><code>{}</code>, {} {hops}: {}</li>",
                    escape(&analysis.documents[path.doc].id),
                    path.hops,
                    escape(&origin.steps(&graph.graph, path).join(" → ")),
                );
            }
            let unreached = story.articles.len() - origin.paths.len();
            if unreached > 0 {
                let verb = if unreached == 1 { "does" } else { "do" };
                let _ = writeln!(
                    out,
                    "<li class=\"note\">{} of the story {verb} not reach it.</li>",
                    plural(unreached, "article")
                );
            }
            out.push_str("</ul></li>\n");
        }
        out.push_str("</ul>\n");
    }
    // One line for all the stories with no origin, not a heading each: without
    // citations every article is a story of its own.
    if !untraced.is_empty() {
        let docs: Vec<usize> = untraced
            .iter()
            .flat_map(|s| s.articles.iter().copied())
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"note\">No origin found (no article names a source it draws on) \
             for: {}.</p>",
            links(&docs)
        );
    }
}

fn graph(out: &mut String, analysis: &Analysis) {
    out.push_str("<h2>Citation graph</h2>\n");
    match drawing::svg(&analysis.graph) {
        Drawing::Svg(svg) => {
            let _ = write!(
                out,
                "<figure>\n{svg}\n<figcaption>Articles (boxes) and the outlets they are published \
                 by, cite or copy (ellipses; grey when the registry does not know them). \
                 Origins of the story are filled yellow. Dashed lines are copies, red when the \
                 copy does not credit its source. People and anonymous sources are listed \
                 under each article; <code>prov graph</code> exports the whole graph.</figcaption>\n</figure>\n"
            );
        }
        Drawing::TooLarge { nodes, edges } => {
            let _ = writeln!(
                out,
                "<p class=\"note\">The graph has {nodes} articles and outlets and {edges} \
                 edges between them: too many to draw legibly here. \
                 <code>prov graph --format dot</code> exports it for Graphviz, and each \
                 article's section below lists its sources and copies.</p>"
            );
        }
        Drawing::Empty => out.push_str("<p class=\"note\">Nothing to draw.</p>\n"),
    }
}

fn article(out: &mut String, analysis: &Analysis, index: usize) {
    let (doc, verdict, extraction) = (
        &analysis.documents[index],
        &analysis.verdicts[index],
        &analysis.extractions[index],
    );
    let _ = writeln!(
        out,
        "<section class=\"article\" id=\"{}\">\n<h3>{} {}</h3>",
        anchor(index),
        grade(verdict.score.score, &verdict.score.grade),
        escape(&doc.id),
    );
    if let Some(title) = title(analysis, index) {
        let _ = writeln!(out, "<p><em>{}</em></p>", escape(title));
    }
    let start = match &verdict.score.start {
        crate::score::Start::Prior { outlet, value } => {
            format!("the prior of {} ({value})", escape(outlet))
        }
        crate::score::Start::Base { value } => format!("the base ({value})"),
    };
    let field = |value: Option<&str>| escape(value.unwrap_or("-"));
    let meta = &extraction.meta;
    let _ = writeln!(
        out,
        "<dl><dt>path</dt><dd><code>{}</code></dd><dt>outlet</dt><dd>{}</dd>\
         <dt>wire</dt><dd>{}</dd><dt>published</dt><dd>{}</dd>\
         <dt>score</dt><dd>{} (grade {}), starting from {start}</dd></dl>",
        escape(&doc.path),
        field(analysis.outlet(index)),
        field(meta.wire.as_ref().map(|w| w.value.as_str())),
        field(published(analysis, index).as_deref()),
        verdict.score.score,
        escape(&verdict.score.grade),
    );
    findings(out, analysis, index);
    citations(out, analysis, index);
    copies(out, analysis, index);
    out.push_str("</section>\n");
}

fn findings(out: &mut String, analysis: &Analysis, index: usize) {
    out.push_str("<h4>Findings</h4>\n");
    let findings = by_importance(&analysis.verdicts[index].findings);
    if findings.is_empty() {
        out.push_str("<p class=\"note\">No findings.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"findings\"><thead><tr><th>severity</th><th>rule</th><th>weight</th>\
         <th>at</th><th>message</th><th>evidence</th></tr></thead><tbody>\n",
    );
    for f in findings {
        let severity = format!("{:?}", f.severity).to_lowercase();
        let at = match (f.line, f.column) {
            (Some(line), Some(column)) => format!("{line}:{column}"),
            (Some(line), None) => line.to_string(),
            _ => "-".into(),
        };
        let cap = f.cap.map(|c| format!(", cap {c}")).unwrap_or_default();
        let evidence = f
            .excerpt
            .as_ref()
            .map(|e| format!("<code>{}</code>", escape(e)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td class=\"sev-{severity}\">{severity}</td><td><code>{}</code></td>\
             <td class=\"num\">{:+}{cap}</td><td class=\"num\">{at}</td><td>{}</td><td>{evidence}</td></tr>",
            escape(&f.rule),
            f.weight,
            escape(&f.message),
        );
    }
    out.push_str("</tbody></table>\n");
}

fn citations(out: &mut String, analysis: &Analysis, index: usize) {
    out.push_str("<h4>Citations</h4>\n");
    let (doc, extraction) = (&analysis.documents[index], &analysis.extractions[index]);
    if extraction.citations.is_empty() {
        out.push_str("<p class=\"note\">No citations found.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"citations\"><thead><tr><th>source</th><th>kind</th><th>at</th>\
         <th>cue</th><th>date</th></tr></thead><tbody>\n",
    );
    for c in &extraction.citations {
        let (line, column) = (doc.lines.line(c.span.start), c.column);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{line}:{column}</td>\
             <td><code>{}</code></td><td>{}</td></tr>",
            escape(&c.source),
            crate::graph::citation_kind_name(c.kind),
            escape(&c.cue),
            c.date.map_or("-".into(), |d| d.to_string()),
        );
    }
    out.push_str("</tbody></table>\n");
}

/// The copies `reuse` found that involve this article: what it copies, and
/// pairs whose direction is unknown, listed on both articles.
fn copies(out: &mut String, analysis: &Analysis, index: usize) {
    let mut lines = Vec::new();
    for copy in &analysis.copies {
        let other = if copy.copier == index {
            copy.source
        } else if !copy.directed && copy.source == index {
            copy.copier
        } else {
            continue;
        };
        let verb = if copy.directed {
            "copies"
        } else {
            "shares text with (direction unknown)"
        };
        let credit = if copy.attributed {
            "credits its source"
        } else {
            "does not credit its source"
        };
        lines.push(format!(
            "<li>{verb} <a href=\"#{}\">{}</a>: {:.0}% of its text; {credit}</li>",
            anchor(other),
            escape(&analysis.documents[other].id),
            copy.containment * 100.0,
        ));
    }
    if !lines.is_empty() {
        let _ = writeln!(out, "<h4>Copies</h4>\n<ul>\n{}\n</ul>", lines.join("\n"));
    }
}

fn skipped(out: &mut String, analysis: &Analysis) {
    if analysis.errors.is_empty() {
        return;
    }
    out.push_str("<h2>Skipped inputs</h2>\n<ul>\n");
    for e in &analysis.errors {
        let _ = writeln!(
            out,
            "<li><code>{}</code>: {}</li>",
            escape(&e.path),
            escape(&e.error)
        );
    }
    out.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document, FrontMatter};
    use crate::reuse::{CopyPair, ReuseGrade};

    #[test]
    fn a_copy_is_listed_on_the_copier_with_its_share_and_credit() {
        let settings = Settings::builtin();
        let document = |id: &str| {
            let text = "NATO will open an office in Tokyo.\n".to_string();
            Document::new(id.into(), format!("{id}.txt"), text, FrontMatter::default())
        };
        let corpus = Corpus {
            documents: vec![document("original").into(), document("repost").into()],
            ..Corpus::default()
        };
        let mut analysis = crate::analysis::analyze(corpus, &settings).unwrap();
        analysis.copies = vec![CopyPair {
            copier: 1,
            source: 0,
            directed: true,
            containment: 0.62,
            containment_of_source: 0.5,
            jaccard: 0.4,
            grade: ReuseGrade::Light,
            longest_run: 20,
            passages: vec![],
            attributed: false,
        }];
        let html = Html.render(&analysis, &settings);
        let repost = &html[html.find("id=\"article-1\"").expect("the repost's section")..];
        let repost = &repost[..repost.find("</section>").expect("its end")];
        assert!(
            repost.contains(
                "copies <a href=\"#article-0\">original</a>: 62% of its text; \
                 does not credit its source"
            ),
            "{repost}"
        );
        let original = &html[html
            .find("id=\"article-0\"")
            .expect("the original's section")..];
        let original = &original[..original.find("</section>").expect("its end")];
        assert!(
            !original.contains("<h4>Copies</h4>"),
            "a directed copy is listed on the copier only"
        );
    }

    #[test]
    fn escaping_covers_elements_and_both_quotes() {
        assert_eq!(
            escape(r#"<script>alert('x' & "y")</script>"#),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
    }
}
