//! Appositive cues: a person named and then described between commas, as the source
//! of information. "Jane Doe, a city council member, said" names the person before
//! the description and an attribution verb after it; "said Jane Doe, a spokeswoman
//! for the ministry." after "said", "stated", "added" or "wrote". The description is
//! a short phrase that starts with an article or a role ("a", "the", "spokeswoman").
//!
//! Only a name that reads as a person's is a source here: one the text names with a
//! title elsewhere, or a given name and a surname. "Paris, the capital, said" and
//! "The company, the largest in town, said" name no one.
//!
//! Why it matters: news names most of its sources this way, with no title before the
//! name for the person cues (`person_cues.rs`) or `People` to find.

use super::Span;
use super::cue_words::{CueHits, CuePattern};
use super::people::{self, NAME, People};
use super::person_cues::{INVERTING_VERBS, PERSON_CUES, attribution_verb_after_speaker};
use super::sources::{ROLE, ROLES};
use regex_automata::meta;
use std::sync::LazyLock;

/// A description between commas: an article, a possessive or a role, then up to a
/// dozen words ("a professor of political science at San José State University").
/// A word may hold full stops ("U.S.", "Amazon.com") but not end with one.
fn description() -> String {
    format!(
        r"(?:an?|the|his|her|their|former|{ROLES})(?-u:\b)(?:[ \t]+(?:(?:[A-Z]\.)+|[^\s,.;:]+(?:\.[^\s,.;:]+)*)){{0,12}}"
    )
}

/// "Jane Doe, a city council member, said" and "said Jane Doe, a spokeswoman for the
/// ministry": the name, the description, and the attribution verb on its other side.
static APPOSITIVE_CUE: LazyLock<CuePattern> = LazyLock::new(|| {
    let description = description();
    let verb = attribution_verb_after_speaker();
    let speaker = format!(r"(?-u:\b)(?P<speaker>{NAME}),[ \t]+{description},[ \t]+{verb}");
    let inverted = format!(
        r"(?-u:\b){INVERTING_VERBS}[ \t]+(?P<inverted>{NAME}),[ \t]+(?P<description>{description})(?:[,.;\n]|$)"
    );
    let regex =
        meta::Regex::new(&format!("{speaker}|{inverted}")).expect("appositive pattern is valid");
    // The person cues' words: these cues start with their inverting verbs and end
    // with their attribution verbs.
    CuePattern::new(regex, Some(&speaker), PERSON_CUES)
});

/// The pattern of this file, for `cue_words`' tests.
#[cfg(test)]
pub(super) fn cue_patterns() -> [&'static CuePattern; 1] {
    [&APPOSITIVE_CUE]
}

/// Each appositive cue in `text`, whose cue words are `hits`, with the span of its
/// person's name and the person: the fullest name the text gives them.
pub(super) fn find<'t>(
    text: &'t str,
    hits: &CueHits,
    people: &'t People,
) -> impl Iterator<Item = (Span, Span, String)> + 't {
    APPOSITIVE_CUE.captures_iter(text, hits).filter_map(|caps| {
        let whole = caps.get_match()?;
        let name = caps.get_group_by_name("speaker");
        let name = name.or_else(|| caps.get_group_by_name("inverted"))?;
        let from = person_name_start(&text[name.range()], people)?;
        let name = name.start + from..name.end;
        let cue = match caps.get_group_by_name("description") {
            Some(description) => whole.start()..description.end,
            None => name.start..whole.end(),
        };
        let person = people.full_name(&text[name.clone()]).to_string();
        Some((cue, name, person))
    })
}

/// Where the person's name starts in a capitalised `name`, if it is one: from its
/// first given name ("As Cornell Brooks" is Cornell Brooks), a name the text gives
/// elsewhere, or else two or three words none of which is a role ("Mr President" is
/// no one's name).
fn person_name_start(name: &str, people: &People) -> Option<usize> {
    let from = name
        .split([' ', '\t'])
        .take_while(|word| !people::is_given_name(word))
        .map(|word| word.len() + 1)
        .sum::<usize>();
    let person = name.get(from..)?;
    let named = people.knows(person) || person.contains([' ', '\t']) && !ROLE.is_match(person);
    named.then_some(from)
}
