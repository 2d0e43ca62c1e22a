//! Site chrome: whole lines that belong to the web page, not to the article —
//! comment forms ("Post a comment", "Your Name"), share buttons ("Share this",
//! "Tweet"), "Source link", "Views: 218", "You May Also Like", "Exit mobile
//! version", newsletter and cookie banners.
//!
//! Why it matters: chrome left in the text shows a scraped or re-posted copy, and
//! it must not count as shared text between copies or as the article's title.
//! Only whole short lines count, so a sentence that mentions "read more" stays text.

use super::Span;
use crate::corpus::Document;
use regex::Regex;
use std::sync::LazyLock;

/// Longer lines are prose, whatever words they contain.
const MAX_CHROME_CHARS: usize = 200;

/// One anchored, case-insensitive alternation: each line is matched once.
static CHROME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
          post\s+a\s+comment | leave\s+a\s+(?:comment|reply) | add\s+(?:a\s+)?comment
        | your\s+(?:name|email(?:\s+address)?|comment|website)\s*\*? | (?:name|email|website)\s*\*
        | comments?\s*\(\d+\) | \d+\s+comments? | no\s+comments(?:\s+yet)?
        | share(?:\s+(?:this|it))?(?:\s+(?:article|story|post|page))?\s*:? | tweet | pin\s+it
        | share\s+(?:on|via|to)\s+\w+ | (?:facebook|twitter|whatsapp|linkedin|telegram|pinterest|reddit|email|print)
        | source\s+link | views?\s*:\s*[\d,.]+\s*k? | [\d,.]+\s*k?\s+views
        | you\s+may\s+(?:also\s+)?like | (?:more\s+)?related(?:\s+(?:articles?|posts?|stories|news|content))?\s*:?
        | read\s+(?:more|also|next)\s*:? | see\s+also\s*:? | must\s+read | trending(?:\s+now)?
        | (?:more\s+)?from\s+(?:the\s+)?author | about\s+the\s+author | author
        | no\s+results\s+found\.? | exit\s+mobile\s+version | skip\s+to\s+(?:main\s+)?content | back\s+to\s+top
        | (?:subscribe|sign\s+up)(?:\s+(?:to|for)\s+(?:our|the)\s+newsletters?)?\s*!?
        | advertisement | sponsored(?:\s+content)? | loading\.{0,3}
        | we\s+use\s+cookies(?-u:\b).* | (?:accept|reject)(?:\s+all)?(?:\s+cookies)? | cookie\s+(?:policy|settings|preferences)
        | (?:copyright\s+)?©.* | all\s+rights\s+reserved\.?
        )
        # an audit's suppression marker at the end is not part of the line
        (?:\s*(?:<!--\s*prov-ignore\s.*?-->|\[prov-ignore\s[^\]]*\]))?\s*$",
    )
    .expect("chrome pattern is valid")
});

/// The span of every whole line of site chrome, in text order.
pub fn chrome_lines(doc: &Document) -> Vec<Span> {
    doc.line_spans()
        .filter(|span| is_chrome(&doc.text[span.clone()]))
        .collect()
}

/// Whether one line, on its own, is site chrome.
pub(super) fn is_chrome(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.len() <= MAX_CHROME_CHARS && CHROME_LINE.is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::testing::{doc, seed};

    fn chrome_line_numbers(doc: &Document) -> Vec<usize> {
        chrome_lines(doc)
            .into_iter()
            .map(|span| doc.line_col(span.start).0)
            .collect()
    }

    #[test]
    fn seed_chrome_lines() {
        assert_eq!(chrome_line_numbers(&seed(0)), vec![13, 14, 15]);
        assert_eq!(chrome_line_numbers(&seed(1)), vec![17]);
        assert_eq!(chrome_line_numbers(&seed(2)), Vec::<usize>::new());
        assert_eq!(chrome_line_numbers(&seed(3)), vec![4, 24, 29, 31, 33]);
        assert_eq!(chrome_line_numbers(&seed(4)), vec![23, 24]);
    }

    #[test]
    fn share_buttons_and_banners_but_not_prose() {
        let d = doc(
            "Share this\nTweet\nShare on Facebook\nSubscribe to our newsletter\n\
             We use cookies to improve your experience.\nRead more\n\
             Readers can read more about it on the site.\nRelated\n",
        );
        assert_eq!(chrome_line_numbers(&d), vec![1, 2, 3, 4, 5, 6, 8]);
    }

    /// Regression: a marker made its line prose, so the finding it was to silence
    /// moved to the next chrome line, or went with nothing counted as suppressed.
    #[test]
    fn a_suppression_marker_at_the_end_leaves_a_chrome_line_chrome() {
        let d = doc("Source link [prov-ignore site-chrome: ours]
             Tweet <!-- prov-ignore site-chrome -->
Read more about the vote [sic]
");
        assert_eq!(chrome_line_numbers(&d), vec![1, 2]);
    }
}
