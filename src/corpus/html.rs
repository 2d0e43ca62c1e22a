//! HTML input: the visible text of the page, one block element per line, and
//! the metadata of its `<meta>` tags (Open Graph, article and Dublin Core names).
//! Comments are not text, except an audit's `<!-- prov-ignore … -->` markers, kept
//! as `[prov-ignore …]`.

use super::{Document, FrontMatter, given_date};
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// Elements whose content is never article text.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe",
];
/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "main",
    "nav",
    "aside",
    "hr",
    "dd",
    "dt",
    "form",
];

static META: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("meta[content]").expect("valid"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("title").expect("valid"));
static CANONICAL: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse(r#"link[rel="canonical"][href]"#).expect("valid"));

/// The document of an HTML page; an error when it has no visible text, or when
/// its `<meta>` publication date is not a date (as in front matter: a date given
/// but unreadable is never dropped silently).
pub(super) fn document(id: String, path: String, html: &str) -> Result<Document, String> {
    let page = Html::parse_document(html);
    let mut text = String::new();
    collect_text(page.root_element(), &mut text);
    let text = tidy_lines(&text);
    if text.is_empty() {
        return Err("HTML page has no text".into());
    }
    let front = front_matter(&page, html)?;
    Ok(Document::new(id, path, text, front))
}

fn collect_text(element: ElementRef, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(t) => out.push_str(&t.replace(['\n', '\r', '\t'], " ")),
            Node::Element(e) if HIDDEN.contains(&e.name()) => {}
            Node::Element(e) => {
                let block = BLOCKS.contains(&e.name());
                if block {
                    out.push('\n');
                }
                if let Some(child) = ElementRef::wrap(child) {
                    collect_text(child, out);
                }
                if block {
                    out.push('\n');
                }
            }
            Node::Comment(c) if c.trim_start().starts_with("prov-ignore") => {
                keep_marker(child.prev_sibling().map(|n| n.value()), c, out);
            }
            _ => {}
        }
    }
}

/// Keep an audit's `prov-ignore` marker comment in the text, in the plain-text form
/// `[prov-ignore …]` (the comment's `<!--` would count as an exclamation mark): on the
/// line of the text it ends (after a block on the same line of the page, or inside
/// one), or on a line of its own when the page has it on a line of its own.
fn keep_marker(before: Option<&Node>, comment: &str, out: &mut String) {
    let alone = match before {
        Some(Node::Text(t)) => t[t.trim_end().len()..].contains('\n'),
        Some(_) => false,
        None => true,
    };
    let marker = format!("[{}]", comment.trim());
    if alone {
        out.push_str(&format!("\n{marker}\n"));
    } else {
        out.truncate(out.trim_end().len());
        out.push_str(&format!(" {marker}"));
    }
}

/// Collapse runs of spaces, trim each line, and keep one blank line at most.
fn tidy_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The `<meta>` names a publication date is given under.
const PUBLISHED: &[&str] = &[
    "article:published_time",
    "date",
    "dc.date",
    "pubdate",
    "publish-date",
];

fn front_matter(page: &Html, html: &str) -> Result<FrontMatter, String> {
    // The first `<meta>` whose `property` or `name` is one of `names`: that
    // attribute as written, and the content.
    let meta = |names: &[&str]| {
        page.select(&META).find_map(|m| {
            let (attribute, key) = ["property", "name"]
                .into_iter()
                .find_map(|a| Some((a, m.attr(a)?)))?;
            let content = m.attr("content")?;
            names
                .contains(&key.to_ascii_lowercase().as_str())
                .then(|| (format!("<meta {attribute}=\"{key}\">"), content))
        })
    };
    let content = |names: &[&str]| meta(names).map(|(_, content)| content);
    let owned = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let published = match meta(PUBLISHED) {
        Some((tag, value)) => given_date(value).map_err(|e| match line_of(html, value) {
            Some(line) => format!("{tag}, line {line}: {e}"),
            None => format!("{tag}: {e}"),
        })?,
        None => None,
    };
    let title = page
        .select(&TITLE)
        .next()
        .map(|t| t.text().collect::<String>());
    Ok(FrontMatter {
        url: owned(content(&["og:url"]).or_else(|| page.select(&CANONICAL).next()?.attr("href"))),
        outlet: owned(content(&["og:site_name", "application-name"])),
        published,
        title: owned(content(&["og:title", "twitter:title"])).or_else(|| owned(title.as_deref())),
        author: owned(content(&["author", "article:author", "dc.creator"])),
    })
}

/// The line of the page where `value` is first written, when it is written as is
/// (not with character references).
fn line_of(html: &str, value: &str) -> Option<usize> {
    html.find(value)
        .map(|at| html[..at].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_meta_tags_without_scripts() {
        let html = r#"<html><head><title>T</title>
            <meta property="og:site_name" content="CNN">
            <meta property="article:published_time" content="2023-05-10T08:00:00Z">
            <script>var x = "not text";</script></head>
            <body><h1>Japan  and NATO</h1><p>First <b>para</b>.</p><style>p{}</style><p>Second.</p></body></html>"#;
        let doc = document("a".into(), "a.html".into(), html).unwrap();
        assert_eq!(doc.text, "Japan and NATO\nFirst para.\nSecond.\n");
        assert_eq!(doc.front.outlet.as_deref(), Some("CNN"));
        assert_eq!(doc.front.published.as_deref(), Some("2023-05-10T08:00:00Z"));
        assert_eq!(doc.front.title.as_deref(), Some("T"));
    }

    #[test]
    fn a_meta_date_is_read_as_front_matter_dates_are_or_is_an_error_at_its_line() {
        let page = |date: &str| {
            format!(
                "<html><head>\n<title>T</title>\n<meta name=\"Date\" content=\"{date}\">\n</head><p>Text.</p></html>"
            )
        };
        let doc = document("a".into(), "a.html".into(), &page("May 10, 2023 8:00 AM")).unwrap();
        assert_eq!(doc.front.published.as_deref(), Some("2023-05-10"));
        assert_eq!(
            document("a".into(), "a.html".into(), &page("2023-02-30")).unwrap_err(),
            r#"<meta name="Date">, line 3: `published` is not a date: "2023-02-30""#
        );
    }

    #[test]
    fn prov_ignore_comments_stay_on_their_line_and_others_go() {
        let html = "<body><p>One.</p> <!-- prov-ignore a: x -->\n<p>Two <!-- prov-ignore b: y --></p>\n\
            <!-- prov-ignore c: z -->\n<p>Three.</p><!-- a note --></body>";
        let doc = document("a".into(), "a.html".into(), html).unwrap();
        assert_eq!(
            doc.text,
            "One. [prov-ignore a: x]\nTwo [prov-ignore b: y]\n\
             [prov-ignore c: z]\nThree.\n"
        );
    }
}
