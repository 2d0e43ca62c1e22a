//! Dates as news text writes them: "Thursday 11 May 2023", "2023-05-10",
//! "May 10, 2023", "on May 3", "last Wednesday", "yesterday".
//!
//! Why it matters: the publication date orders copies (who came first), and a
//! citation's date ("first reported … on May 3") places the origin of a story.
//! Relative dates are resolved against the article's own date and only when the
//! result is exact: "last week" names no day, so it resolves to nothing.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::{Captures, Regex};
use std::sync::LazyLock;

const MONTHS: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const WEEKDAYS: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

/// One alternation for every form, so that a window of text is scanned once.
/// The first form that matches at a position wins, longest forms first.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?-u:\b)(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?-u:\b)
        | (?-u:\b)(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{MONTHS})(?-u:\b)\.?(?:,?\s+(?P<dy>\d{{4}})(?-u:\b))?
        | (?-u:\b)(?P<mm>{MONTHS})(?-u:\b)\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<my>\d{{4}})(?-u:\b))?
        | (?-u:\b)(?:(?P<rel>last|next|this|past|on)\s+)?(?P<wd>{WEEKDAYS})(?-u:\b)
        | (?-u:\b)(?P<day>yesterday|today)(?-u:\b)
        | (?-u:\b)(?P<vague>(?:last|this|past|next)\s+(?:week|month|year)|(?:earlier|later)\s+this\s+(?:week|month))(?-u:\b)
        "
    );
    Regex::new(&pattern).expect("date pattern is valid")
});

/// A date expression found in text, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateExpr {
    /// A full calendar date with its year.
    Full(NaiveDate),
    /// A month and day without a year ("May 3"): the most recent one, the article's
    /// own day included, as for a weekday ("reported on Dec. 28" in March is last
    /// December's).
    MonthDay { month: u32, day: u32 },
    /// A weekday, with how it was qualified ("last Wednesday", "on Tuesday").
    Weekday { day: Weekday, relation: Relation },
    /// "yesterday" (-1) or "today" (0).
    DaysAgo(u64),
    /// "last week", "this month": a period, not a day.
    Vague,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Relation {
    /// "last Wednesday": strictly before the article's date.
    Last,
    /// "next Wednesday": strictly after it.
    Next,
    /// "on Wednesday", "Wednesday": the most recent one, the article's own day included,
    /// because news reports what has happened.
    Recent,
}

impl DateExpr {
    /// The calendar day, given the article's date; `None` when that is not exact.
    pub(super) fn resolve(self, anchor: Option<NaiveDate>) -> Option<NaiveDate> {
        match self {
            DateExpr::Full(date) => Some(date),
            DateExpr::MonthDay { month, day } => {
                let anchor = anchor?;
                NaiveDate::from_ymd_opt(anchor.year(), month, day)
                    .filter(|date| *date <= anchor)
                    .or_else(|| NaiveDate::from_ymd_opt(anchor.year() - 1, month, day))
            }
            DateExpr::Weekday { day, relation } => Some(weekday_near(anchor?, day, relation)),
            DateExpr::DaysAgo(days) => anchor?.checked_sub_days(Days::new(days)),
            DateExpr::Vague => None,
        }
    }
}

fn weekday_near(anchor: NaiveDate, day: Weekday, relation: Relation) -> NaiveDate {
    let back = (7 + anchor.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    let back = match relation {
        Relation::Last if back == 0 => 7,
        _ => back,
    };
    match relation {
        Relation::Next => {
            let ahead = (7 - back) % 7;
            anchor + Days::new(if ahead == 0 { 7 } else { ahead.into() })
        }
        _ => anchor - Days::new(back.into()),
    }
}

/// Every date expression in `text`, with its byte range.
pub(super) fn find_all(
    text: &str,
) -> impl Iterator<Item = (std::ops::Range<usize>, DateExpr)> + '_ {
    DATE.captures_iter(text).filter_map(|caps| {
        let range = caps.get(0)?.range();
        parse(&caps).map(|expr| (range, expr))
    })
}

/// The first full date (with its year) at or after the start of `text`.
pub(super) fn first_full(text: &str) -> Option<(std::ops::Range<usize>, NaiveDate)> {
    find_all(text).find_map(|(range, expr)| match expr {
        DateExpr::Full(date) => Some((range, date)),
        _ => None,
    })
}

/// A date given as a string (front matter, JSON): ISO 8601 with or without time,
/// or any full date this module reads in text.
pub(super) fn parse_given(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    value
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
        .or_else(|| first_full(value).map(|(_, date)| date))
}

fn parse(caps: &Captures) -> Option<DateExpr> {
    let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    if let Some(year) = caps.name("iy") {
        let year = year.as_str().parse().ok()?;
        return NaiveDate::from_ymd_opt(year, number("im")?, number("id")?).map(DateExpr::Full);
    }
    if let Some((month, day, year)) = caps
        .name("dm")
        .map(|m| (m, "dd", "dy"))
        .or_else(|| caps.name("mm").map(|m| (m, "md", "my")))
    {
        let month = month_number(month.as_str())?;
        let day = number(day)?;
        return match number(year) {
            Some(year) => NaiveDate::from_ymd_opt(year as i32, month, day).map(DateExpr::Full),
            None => {
                NaiveDate::from_ymd_opt(2000, month, day).map(|_| DateExpr::MonthDay { month, day })
            }
        };
    }
    if let Some(day) = caps.name("wd") {
        let relation = match caps.name("rel").map(|m| m.as_str()) {
            Some("last" | "past") => Relation::Last,
            Some("next") => Relation::Next,
            _ => Relation::Recent,
        };
        let day = day.as_str().parse().ok()?;
        return Some(DateExpr::Weekday { day, relation });
    }
    if let Some(day) = caps.name("day") {
        return Some(DateExpr::DaysAgo(u64::from(day.as_str() == "yesterday")));
    }
    caps.name("vague").map(|_| DateExpr::Vague)
}

fn month_number(name: &str) -> Option<u32> {
    const PREFIXES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let prefix = name.get(..3)?;
    PREFIXES
        .iter()
        .position(|p| *p == prefix)
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn first(text: &str) -> DateExpr {
        find_all(text).next().unwrap().1
    }

    #[test]
    fn full_dates_in_the_forms_news_uses() {
        assert_eq!(
            first("Publish dateThursday 11 May 2023 - 10:45"),
            DateExpr::Full(ymd(2023, 5, 11))
        );
        assert_eq!(first(" date 2023-05-10 "), DateExpr::Full(ymd(2023, 5, 10)));
        assert_eq!(
            first("Posted May 10, 2023"),
            DateExpr::Full(ymd(2023, 5, 10))
        );
        assert_eq!(first("on Sept. 3rd, 2021"), DateExpr::Full(ymd(2021, 9, 3)));
        assert_eq!(
            first("on Dec. 28, 2022."),
            DateExpr::Full(ymd(2022, 12, 28))
        );
        assert_eq!(parse_given("2023-05-10T10:45:00Z"), Some(ymd(2023, 5, 10)));
        assert_eq!(parse_given("11 May 2023"), Some(ymd(2023, 5, 11)));
        assert_eq!(parse_given("soon"), None);
    }

    #[test]
    fn relative_dates_resolve_only_against_an_anchor_and_only_when_exact() {
        let wednesday = Some(ymd(2023, 5, 10));
        assert_eq!(
            first("on May 3, citing").resolve(wednesday),
            Some(ymd(2023, 5, 3))
        );
        assert_eq!(first("on May 3, citing").resolve(None), None);
        assert_eq!(
            first("reported on Dec. 28").resolve(wednesday),
            Some(ymd(2022, 12, 28))
        );
        assert_eq!(
            first("on May 10").resolve(wednesday),
            Some(ymd(2023, 5, 10))
        );
        assert_eq!(
            first("last Wednesday").resolve(wednesday),
            Some(ymd(2023, 5, 3))
        );
        assert_eq!(
            first("interview Wednesday").resolve(wednesday),
            Some(ymd(2023, 5, 10))
        );
        assert_eq!(
            first("on Tuesday").resolve(wednesday),
            Some(ymd(2023, 5, 9))
        );
        assert_eq!(
            first("next Monday").resolve(wednesday),
            Some(ymd(2023, 5, 15))
        );
        assert_eq!(
            first("said yesterday").resolve(wednesday),
            Some(ymd(2023, 5, 9))
        );
        assert_eq!(first("reported last week").resolve(wednesday), None);
        assert!(find_all("on Feb 30").next().is_none());
    }
}
