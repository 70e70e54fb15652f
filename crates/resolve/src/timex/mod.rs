//! Time expressions (TIMEX3-style extents and values, as in TempEval-3) and
//! the page-date sanity check.
//!
//! Recognised: weekday names ("Thursday", "last Monday"), month-day dates
//! ("December 1", "Dec. 1, 2018", "1 December 2018"), month names with or
//! without a year ("March", "December 2018"), years ("2016"), decades
//! ("the 1990s"), ISO dates, deictic words ("yesterday", "this year", "last
//! week") and simple durations ("a week", "three days").
//!
//! Values are normalised against an anchor date: the publication date, unless
//! the page date contradicts the content (see [`Anchor`]); then the latest
//! content year, refined by a date carried in the URL or input id when that
//! date agrees with the content years.

mod calendar;
mod value;

use crate::words::Words;
pub use calendar::{Anchor, Date, date_in_url, parse_iso};
use calendar::{YEAR_RANGE, days_between, looks_like_uuid, years_in};
use quotewire_doc::{Document, Span, Timex};

use quotewire_doc::calendar::{MONTHS_EN as MONTHS, WEEKDAYS_EN as WEEKDAYS};
/// Words before "May" that make it the month (otherwise "May" is left alone).
const MAY_CUES: &[&str] = &[
    "in", "since", "by", "until", "last", "next", "early", "late", "mid", "this", "of",
];
/// Number words for durations.
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("several", 0),
    ("few", 0),
];
/// Duration units and their TIMEX3 letters.
const UNITS: &[(&str, &str)] = &[
    ("day", "D"),
    ("days", "D"),
    ("week", "W"),
    ("weeks", "W"),
    ("month", "M"),
    ("months", "M"),
    ("year", "Y"),
    ("years", "Y"),
    ("decade", "DE"),
    ("decades", "DE"),
    ("hour", "H"),
    ("hours", "H"),
    ("minute", "MIN"),
    ("minutes", "MIN"),
    ("second", "S"),
    ("seconds", "S"),
];
/// Phrases marking a sentence as future-oriented: a bare weekday or month in
/// it refers forward from the anchor.
const FUTURE_MARKERS: &[&str] = &[
    " will ",
    " won't ",
    "'ll ",
    "’ll ",
    " shall ",
    " is due ",
    " are due ",
    " is set to ",
    " are set to ",
    " scheduled ",
    " plans to ",
    " plan to ",
    " going to ",
    " next ",
    " is expected to ",
    " are expected to ",
];
/// How many words before an expression are searched for a future marker.
const FUTURE_WINDOW: usize = 8;
/// Deictic words and their TIMEX3 reference values.
const REF_WORDS: &[(&str, &str)] = &[
    ("now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("current", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("recent", "PAST_REF"),
    ("future", "FUTURE_REF"),
    ("past", "PAST_REF"),
];
/// Frequency words (TIMEX3 SET) and their values.
const SET_WORDS: &[(&str, &str)] = &[
    ("daily", "P1D"),
    ("weekly", "P1W"),
    ("monthly", "P1M"),
    ("annually", "P1Y"),
    ("yearly", "P1Y"),
    ("hourly", "PT1H"),
];
/// Ordinals naming quarters (index 0 = first).
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th",
];
/// Seasons and their TIMEX3 codes.
const SEASONS: &[(&str, &str)] = &[
    ("spring", "SP"),
    ("summer", "SU"),
    ("fall", "FA"),
    ("autumn", "FA"),
    ("winter", "WI"),
];
/// Words before a counted duration that belong to the expression ("the
/// last three months", "nearly two years"); two-word ones are in [`APPROX2`].
const APPROX: &[&str] = &[
    "nearly",
    "almost",
    "about",
    "over",
    "some",
    "roughly",
    "approximately",
    "around",
    "barely",
    "just",
];
/// Two-word approximators before a counted duration ("more than a year").
const APPROX2: &[(&str, &str)] = &[
    ("more", "than"),
    ("less", "than"),
    ("fewer", "than"),
    ("up", "to"),
    ("at", "least"),
    ("at", "most"),
];
/// Parts of the day and their TIMEX3 suffixes.
const DAY_PARTS: &[(&str, &str)] = &[
    ("morning", "MO"),
    ("afternoon", "AF"),
    ("evening", "EV"),
    ("night", "NI"),
];
/// Years further than this before the page year contradict the page date.
pub const STALE_YEARS: i32 = 2;
/// A URL date more than this many days before the page date contradicts it.
const STALE_URL_DAYS: i64 = 365;

/// What kind of expression was found, before normalisation.
#[derive(Debug, Clone)]
enum Kind {
    /// A month with "last"/"next" before it.
    MonthRel {
        m: u32,
        rel: i32,
    },
    /// A weekday (Monday = 0), `rel` -1/0/1 for last/this/next (`i32::MIN`:
    /// bare). A part of the day after it stays out ("Sunday" in "Sunday
    /// night"), as TimeBank mostly annotates it.
    Weekday {
        wd: u32,
        rel: i32,
    },
    MonthDay {
        m: u32,
        d: u32,
        y: Option<i32>,
    },
    Month {
        m: u32,
        y: Option<i32>,
    },
    Year(i32),
    Decade(i32),
    IsoDate(Date),
    DayRel(i64),
    Unit {
        unit: &'static str,
        rel: i32,
    },
    Duration(String),
    /// A recurring time: its TIMEX3 value ("daily" → `P1D`).
    Set(String),
    /// A duration ago: (amount, TIMEX3 unit letter).
    Ago(u32, &'static str),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// Quarter 1..=4 of a year (`None`: "the quarter", the latest one).
    Quarter(Option<u32>),
    /// A part of a day relative to the anchor: (day offset, "MO"/"AF"/"EV"/"NI").
    DayPart(i64, &'static str),
    /// A clock time: its day, hour, minute.
    Clock(ClockDay, u32, u32),
    /// A weekend: "last/this/next weekend" (`Some(rel)`), or "the weekend"
    /// (`None`: the latest one, or the coming one in a sentence looking ahead).
    Weekend(Option<i32>),
    /// A season ("SP", "SU", "FA", "WI") of the anchor's year + `rel`.
    Season {
        code: &'static str,
        rel: i32,
    },
}

struct Found {
    span: Span,
    kind: Kind,
    future: bool,
}

fn month_of(w: &str) -> Option<u32> {
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(w))
        .map(|x| x.1)
}

fn day_of(w: &str) -> Option<u32> {
    if !w.starts_with(|c: char| c.is_ascii_digit()) || w.len() > 4 {
        return None;
    }
    let t = w
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    if t.is_empty() || t.len() > 2 || !t.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    w.parse()
        .ok()
        .filter(|y| (YEAR_RANGE.0..=YEAR_RANGE.1).contains(y))
}

/// The day a clock time is on.
#[derive(Debug, Clone, Copy)]
enum ClockDay {
    /// Days after the anchor ("yesterday" = -1; a bare time: 0).
    Rel(i64),
    /// A weekday name after the time ("9 a.m. Tuesday"), Monday = 0.
    Weekday(u32),
}

/// Time-zone abbreviations that may follow a clock time.
const ZONES: &[&str] = &[
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET",
];

/// A clock time starting at token `span` (lower-cased `l`): "10 p.m.",
/// "7:15 a.m.", "noon"; returns (hour 0..=23, minute, byte end of the time).
fn clock(text: &str, span: Span, l: &str) -> Option<(u32, u32, usize)> {
    if l == "noon" {
        return Some((12, 0, span.end));
    }
    let (h, mi) = match l.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None if l.len() <= 2 => (l.parse::<u32>().ok()?, 0),
        _ => return None,
    };
    if !(1..=12).contains(&h) || mi > 59 {
        return None;
    }
    let rest = text.get(span.end..)?;
    let trimmed = rest.trim_start_matches(' ');
    let gap = rest.len() - trimmed.len();
    let lower = trimmed.get(..6).unwrap_or(trimmed).to_ascii_lowercase();
    let (pm, len) = ["a.m.", "p.m.", "a.m", "p.m", "am", "pm"]
        .iter()
        .find(|m| {
            lower.starts_with(*m)
                && !lower[m.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        })
        .map(|m| (m.starts_with('p'), m.len()))?;
    let h = match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    // a sentence-final "p.m." keeps its period out of the expression
    let mut end = span.end + gap + len;
    if len == 4 && text[end..].trim_start().is_empty() {
        end -= 1;
    }
    Some((h, mi, end))
}

/// Find the time expressions of `doc` (spans and kinds).
/// `s.to_lowercase()`, borrowing `s` when lower-casing changes nothing.
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    let unchanged = s.chars().all(|c| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    });
    if unchanged {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

fn find(doc: &Document, words: &Words) -> Vec<Found> {
    let text = doc.text.as_str();
    let ws = &words.words;
    let tok = |i: usize| ws.get(i).map_or("", |w| w.span.slice(text));
    // lower-cased tokens, computed once; borrowed when already lower case
    // (no allocation per token for most words)
    // (4 bytes a word: the index of its lower-cased copy in `owned`, or
    // `TEXT` when the text's own slice is already lower case)
    const TEXT: u32 = u32::MAX;
    let mut owned: Vec<String> = Vec::new();
    let lows: Vec<u32> = ws
        .iter()
        .map(|w| match lower(w.span.slice(text)) {
            std::borrow::Cow::Borrowed(_) => TEXT,
            std::borrow::Cow::Owned(l) => {
                owned.push(l);
                u32::try_from(owned.len() - 1).unwrap_or(TEXT)
            }
        })
        .collect();
    let low = |i: usize| match lows.get(i) {
        None => "",
        Some(&TEXT) => ws[i].span.slice(text),
        Some(&k) => owned[k as usize].as_str(),
    };
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let t = tok(i);
        let l = low(i);
        let mut end_i = i; // last word index of the expression
        let mut kind = None;
        let prev = if i > 0 { low(i - 1) } else { "" };
        let rel_of = |p: &str| match p {
            "last" | "past" | "previous" => Some(-1),
            "next" | "coming" => Some(1),
            "this" => Some(0),
            _ => None,
        };
        if let Some((h, mi, end)) = clock(text, ws[i].span, l) {
            // "10 p.m.", "7:15 p.m. EST", "noon Thursday"
            end_i = ws[i..].partition_point(|w| w.span.end <= end) + i - 1;
            if ZONES.contains(&tok(end_i + 1)) {
                end_i += 1;
            }
            let mut day = ClockDay::Rel(0);
            let after = low(end_i + 1);
            if let Some(wd) = WEEKDAYS.iter().position(|d| *d == after) {
                day = ClockDay::Weekday(wd as u32);
                end_i += 1;
            } else if let Some(off) = match after {
                "today" | "tonight" => Some(0),
                "yesterday" => Some(-1),
                "tomorrow" => Some(1),
                _ => None,
            } {
                day = ClockDay::Rel(off);
                end_i += 1;
            }
            kind = Some(Kind::Clock(day, h, mi));
        } else if let Some(wd) = WEEKDAYS.iter().position(|d| *d == l) {
            let rel = rel_of(prev).unwrap_or(i32::MIN);
            kind = Some(Kind::Weekday { wd: wd as u32, rel });
        } else if let Some(m) = month_of(t).filter(|_| ws[i].cap) {
            let mut j = i + 1;
            if tok(j) == "." && l.len() <= 4 {
                j += 1;
            }
            let is_may_ok = l != "may"
                || MAY_CUES.contains(&prev)
                || day_of(tok(j)).is_some()
                || year_of(tok(j)).is_some();
            let abbreviated = l.len() <= 4 && l != "may" && l != "june" && l != "july";
            if let Some(d) = day_of(tok(j)) {
                end_i = j;
                let mut y = None;
                let mut k = j + 1;
                if tok(k) == "," {
                    k += 1;
                }
                if let Some(yy) = year_of(tok(k)) {
                    y = Some(yy);
                    end_i = k;
                }
                kind = Some(Kind::MonthDay { m, d, y });
            } else if let Some(y) = year_of(tok(j)) {
                end_i = j;
                kind = Some(Kind::Month { m, y: Some(y) });
            } else if is_may_ok && !abbreviated {
                kind = Some(match prev {
                    // "last February", "next March": the anchor's year ±1
                    "last" | "next" => Kind::MonthRel {
                        m,
                        rel: if prev == "last" { -1 } else { 1 },
                    },
                    _ => Kind::Month { m, y: None },
                });
            }
            if kind.is_some() {
                // "the 1st of December" is rare; "1 December 2018" handled below
            }
        } else if let Some(d) = day_of(t) {
            // "1 December 2018"
            if let Some(m) = month_of(tok(i + 1)).filter(|_| ws.get(i + 1).is_some_and(|w| w.cap)) {
                let mut y = None;
                end_i = i + 1;
                if let Some(yy) = year_of(tok(i + 2)) {
                    y = Some(yy);
                    end_i = i + 2;
                }
                kind = Some(Kind::MonthDay { m, d, y });
            }
        } else if let Some(y) = year_of(t) {
            let money = i > 0 && matches!(tok(i - 1), "$" | "€" | "£" | "¥");
            let unit_after = matches!(
                low(i + 1),
                "%" | "percent"
                    | "people"
                    | "jobs"
                    | "km"
                    | "kilometres"
                    | "miles"
                    | "metres"
                    | "meters"
                    | "tons"
                    | "tonnes"
            );
            if !money && !unit_after {
                kind = Some(Kind::Year(y));
            }
        } else if t.len() == 5 && t.ends_with("0s") && t[..4].bytes().all(|c| c.is_ascii_digit()) {
            if let Ok(y) = t[..4].parse::<i32>() {
                kind = Some(Kind::Decade(y / 10));
            }
        } else if let Anchor::Day(d) = parse_iso(t).filter_iso(t) {
            kind = Some(Kind::IsoDate(d));
        } else if matches!(l, "year-earlier" | "year-ago") {
            // "year-earlier profit", "the year-ago quarter"
            if matches!(low(i + 1), "quarter" | "period") {
                end_i = i + 1;
            }
            kind = Some(Kind::Ago(1, "Y"));
        } else if let Some(v) = SET_WORDS.iter().find(|(w, _)| *w == l).map(|x| x.1) {
            // "daily": a TIMEX3 SET
            kind = Some(Kind::Set(v.to_string()));
        } else if let Some(v) = hyphen_duration(l) {
            // "two-year", "10-year", "16-hour"
            kind = Some(Kind::Duration(v));
        } else {
            let next = low(i + 1);
            if let Some(r) = REF_WORDS.iter().find(|(w, _)| *w == l).map(|x| x.1) {
                // "now", "recently"; "the future", "the past" with their article
                // "the future", "the past"; bare "future" is mostly an adjective
                let needs_the = matches!(l, "past" | "future");
                let counted = NUMBER_WORDS.iter().any(|(w, _)| *w == next)
                    || next.parse::<u32>().is_ok()
                    || UNITS.iter().any(|(w, _)| *w == next);
                if counted && l == "recent" {
                    // "recent years": an unspecified duration
                    if let Some((_, u)) = UNITS.iter().find(|(w, _)| *w == next) {
                        end_i = i + 1;
                        kind = Some(Kind::Duration(format!("PX{u}")));
                    }
                } else if !counted && (!needs_the || prev == "the") {
                    kind = Some(Kind::Ref(r));
                }
            } else if let Some(q) = ORDINALS
                .iter()
                .position(|w| l == *w || l.strip_suffix("-quarter") == Some(*w))
            {
                let hyphen = l.ends_with("-quarter");
                let mut j = i + 1;
                if low(j) == "fiscal" {
                    j += 1;
                }
                if hyphen {
                    kind = Some(Kind::Quarter(Some(q as u32 % 4 + 1)));
                } else if low(j) == "quarter" {
                    end_i = j;
                    kind = Some(Kind::Quarter(Some(q as u32 % 4 + 1)));
                }
            } else if l == "quarter" && matches!(prev, "the" | "latest") {
                kind = Some(Kind::Quarter(None));
            } else if let Some(part) = DAY_PARTS.iter().find(|(w, _)| *w == next).map(|x| x.1)
                && matches!(l, "this" | "last" | "tomorrow" | "yesterday")
            {
                let off = match l {
                    "last" | "yesterday" => -1,
                    "tomorrow" => 1,
                    _ => 0,
                };
                let off = if l == "last" && part != "NI" { 0 } else { off };
                end_i = i + 1;
                kind = Some(Kind::DayPart(off, part));
            }
            if kind.is_some() {
                // matched above
            } else {
                let each = matches!(prev, "each" | "every");
                match l {
                    "day" | "week" | "month" | "year" if each => {
                        kind = Some(Kind::Set(format!("P1{}", &l[..1].to_uppercase())));
                    }
                    _ if SEASONS.iter().any(|(w, _)| *w == l) && rel_of(prev).is_some() => {
                        let code = SEASONS.iter().find(|(w, _)| *w == l).map_or("SU", |x| x.1);
                        kind = Some(Kind::Season {
                            code,
                            rel: rel_of(prev).unwrap_or(0),
                        });
                    }
                    "days" | "weeks" | "months" | "years" | "decades" | "hours"
                        if matches!(prev, "for" | "over") =>
                    {
                        let u = UNITS.iter().find(|(w, _)| *w == l).map_or("Y", |x| x.1);
                        kind = Some(Kind::Duration(match u {
                            "H" => "PTXH".to_string(),
                            "DE" => "PXDE".to_string(),
                            u => format!("PX{u}"),
                        }));
                    }
                    "today" | "tonight" => kind = Some(Kind::DayRel(0)),
                    "yesterday" => kind = Some(Kind::DayRel(-1)),
                    "tomorrow" => kind = Some(Kind::DayRel(1)),
                    "weekend" => {
                        if let Some(rel) = rel_of(prev) {
                            kind = Some(Kind::Weekend(Some(rel)));
                        } else if prev == "the" {
                            kind = Some(Kind::Weekend(None));
                        }
                    }
                    "week" | "month" | "year" => {
                        if let Some(rel) = rel_of(prev) {
                            kind = Some(Kind::Unit { unit: leak(l), rel });
                        }
                    }
                    _ => {}
                }
            }
        }
        let next = low(i + 1);
        let mut counted = false;
        if kind.is_none()
            && let Some(n) = NUMBER_WORDS
                .iter()
                .find(|(w, _)| *w == l)
                .map(|x| x.1)
                .or_else(|| (t.len() <= 3).then(|| t.parse::<u32>().ok()).flatten())
            && let Some((_, u)) = UNITS.iter().find(|(w, _)| *w == next)
        {
            // "a week", "three days", "20 years", "two months ago"
            // "two days", and the compound "a five year plan"; not "one days"
            let plural = next.ends_with('s');
            let second_ordinal = *u == "S" && !plural; // "one second": the ordinal, mostly
            if ((n == 1) != plural || n > 1) && !second_ordinal || n == 0 {
                end_i = i + 1;
                counted = true;
                let amount = if n == 0 {
                    "X".to_string()
                } else {
                    n.to_string()
                };
                if matches!(low(i + 2), "ago" | "earlier") && n > 0 {
                    end_i = i + 2;
                    kind = Some(Kind::Ago(n, u));
                } else {
                    let v = if *u == "DE" {
                        format!("P{amount}0Y") // decades
                    } else if *u == "MIN" {
                        format!("PT{amount}M")
                    } else if *u == "H" || *u == "S" {
                        format!("PT{amount}{u}")
                    } else {
                        format!("P{amount}{u}")
                    };
                    kind = Some(Kind::Duration(v));
                }
            }
        }
        if let Some(k) = kind {
            let mut first = i;
            let mut k = k;
            // include a leading "last/next/this" in weekday, unit and season expressions
            // ("earlier this week": TimeBank leaves "earlier" out)
            if matches!(k, Kind::Weekday { rel, .. } if rel != i32::MIN)
                || matches!(
                    k,
                    Kind::Unit { .. }
                        | Kind::MonthRel { .. }
                        | Kind::Season { .. }
                        | Kind::Weekend(_)
                )
            {
                first = i - 1;
            }
            // "June last year", "January this year"
            if let Kind::Month { m, y: None } = k
                && low(end_i + 2) == "year"
                && let Some(rel) = rel_of(low(end_i + 1))
            {
                k = Kind::MonthRel { m, rel };
                end_i += 2;
            }
            // "each Thursday", "every July": a SET
            if first > 0 && matches!(low(first - 1), "each" | "every") {
                let set = match k {
                    Kind::Weekday {
                        wd, rel: i32::MIN, ..
                    } => Some(format!("XXXX-WXX-{}", wd + 1)),
                    Kind::Month { m, y: None } => Some(format!("XXXX-{m:02}")),
                    _ => None,
                };
                if let Some(v) = set {
                    k = Kind::Set(v);
                    first -= 1;
                } else if matches!(k, Kind::Set(_))
                    && matches!(l, "day" | "week" | "month" | "year")
                {
                    first -= 1;
                }
            }
            // "early December", "the late 1970s", "mid 2019"
            if first > 0
                && matches!(low(first - 1), "early" | "late" | "mid")
                && matches!(
                    k,
                    Kind::Month { .. }
                        | Kind::MonthRel { .. }
                        | Kind::Year(_)
                        | Kind::Decade(_)
                        | Kind::Unit { .. }
                )
            {
                first -= 1;
                if matches!(k, Kind::Decade(_)) && first > 0 && low(first - 1) == "the" {
                    first -= 1;
                }
            }
            // "the last three months", "nearly two years ago", "more than a week"
            if counted {
                if first > 0
                    && matches!(
                        low(first - 1),
                        "last" | "past" | "next" | "first" | "coming" | "previous"
                    )
                {
                    first -= 1;
                    if first > 0 && low(first - 1) == "the" {
                        first -= 1;
                    }
                } else if first > 0 && APPROX.contains(&low(first - 1)) {
                    first -= 1;
                } else if first > 1 && APPROX2.contains(&(low(first - 2), low(first - 1))) {
                    first -= 2;
                }
            }
            // "the third quarter", "the future", "the latest quarter", "the year-ago quarter"
            if matches!(
                k,
                Kind::Quarter(_) | Kind::Ref("FUTURE_REF" | "PRESENT_REF")
            ) || (end_i > i && l.starts_with("year-"))
                || (matches!(k, Kind::Ref(_)) && l == "past")
            {
                if first > 0 && matches!(low(first - 1), "latest" | "current" | "past") {
                    first -= 1;
                }
                if first > 0 && low(first - 1) == "the" {
                    first -= 1;
                }
            }
            let span = Span::new(ws[first].span.start, ws[end_i].span.end);
            // future: a future marker among the words shortly before the expression
            let sent_start = words
                .sentence_at(span.start)
                .and_then(|x| words.sentences.get(x))
                .map_or(0, |s| s.start);
            let window = words.word_at(span.start).saturating_sub(FUTURE_WINDOW);
            let from = ws.get(window).map_or(0, |w| w.span.start).max(sent_start);
            let before = format!(
                " {} ",
                text.get(from..span.start).unwrap_or("").to_lowercase()
            );
            let future = FUTURE_MARKERS.iter().any(|m| before.contains(m));
            out.push(Found {
                span,
                kind: k,
                future,
            });
            i = end_i + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// A hyphenated duration adjective: "two-year" → "P2Y", "16-hour" → "PT16H".
fn hyphen_duration(l: &str) -> Option<String> {
    let (n, u) = l.split_once('-')?;
    let n = NUMBER_WORDS
        .iter()
        .find(|(w, _)| *w == n && !matches!(*w, "a" | "an" | "several" | "few"))
        .map(|x| x.1)
        .or_else(|| n.parse::<u32>().ok().filter(|n| *n > 0 && *n < 1000))?;
    let (_, letter) = UNITS.iter().find(|(w, _)| *w == u)?;
    Some(match *letter {
        "H" | "S" => format!("PT{n}{letter}"),
        "MIN" => format!("PT{n}M"),
        "DE" => format!("P{n}0Y"),
        l => format!("P{n}{l}"),
    })
}

/// Interned unit names (avoid allocation in the enum).
fn leak(l: &str) -> &'static str {
    match l {
        "week" => "week",
        "month" => "month",
        _ => "year",
    }
}

trait FilterIso {
    fn filter_iso(self, t: &str) -> Anchor;
}

impl FilterIso for Anchor {
    /// Only a full `YYYY-MM-DD` token counts as an ISO date expression.
    fn filter_iso(self, t: &str) -> Anchor {
        if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') && t.as_bytes().get(7) == Some(&b'-')
        {
            self
        } else {
            Anchor::None
        }
    }
}

/// Fill `doc.timexes` and add a warning when the page date contradicts the content.
pub fn timexes(doc: &mut Document, words: &Words) {
    let found = find(doc, words);
    let published = doc
        .meta
        .published
        .as_deref()
        .map_or(Anchor::None, parse_iso);
    // explicit years in the content, its headline and series label
    let years: Vec<i32> = found
        .iter()
        .filter_map(|f| match f.kind {
            Kind::Year(y) | Kind::MonthDay { y: Some(y), .. } | Kind::Month { y: Some(y), .. } => {
                Some(y)
            }
            Kind::IsoDate(d) => Some(i32::from(d.year())),
            _ => None,
        })
        .collect();
    // the input id may be a URL or file stem carrying the date; a record id
    // (WARC "urn:uuid:...") is random digits, never a date
    let id = Some(doc.id.as_str()).filter(|id| !looks_like_uuid(id));
    let url_date = [doc.url.as_deref(), id]
        .into_iter()
        .flatten()
        .find_map(date_in_url);
    let meta_years: Vec<i32> = [&doc.meta.title, &doc.meta.series]
        .into_iter()
        .flatten()
        .flat_map(|s| years_in(s))
        .collect();
    let mut anchor = published;
    let all: Vec<i32> = years
        .iter()
        .chain(&meta_years)
        .copied()
        .chain(url_date.map(|d| i32::from(d.year())))
        .collect();
    // the page date is contradicted by a dated URL a year or more older, or by a
    // dated headline/series label whose years, like all content years, are old
    let url_stale = match (published, url_date) {
        (Anchor::Day(p), Some(u)) => days_between(p, u) > STALE_URL_DAYS,
        (Anchor::Year(py, _), Some(u)) => py - i32::from(u.year()) >= STALE_YEARS,
        _ => false,
    };
    if let (Some(py), Some(&lo), Some(&hi)) = (published.year(), all.iter().min(), all.iter().max())
        && (url_stale || (!meta_years.is_empty() && hi <= py - STALE_YEARS))
    {
        let stamp = doc.meta.published.clone().unwrap_or_default();
        let stamp = stamp.get(..10).unwrap_or(&stamp).to_string();
        let range = if lo == hi {
            format!("{hi}")
        } else {
            format!("{lo}–{hi}")
        };
        doc.warnings.push(format!(
            "published date {stamp} is later than the dates in the content ({range}); the page stamp may be a crawl or update date"
        ));
        anchor = match url_date {
            Some(d) => Anchor::Day(d),
            None => Anchor::Year(hi, None),
        };
    }
    if anchor == Anchor::None
        && let Some(d) = url_date
    {
        anchor = Anchor::Day(d);
    }
    doc.timexes = found
        .iter()
        .map(|f| Timex {
            span: f.span,
            value: value::value(&f.kind, f.future, anchor),
            kind: value::kind_type(&f.kind),
        })
        .collect();
    year_ago_quarters(&found, &mut doc.timexes, words);
}

/// How many sentences back a quarter still sets the period of "a year earlier".
const QUARTER_CONTEXT_SENTENCES: usize = 4;

/// Earnings-report convention (TimeBank): "a year earlier", "a year ago",
/// "year-earlier" after a quarter ("third-quarter profit rose ... from $5
/// million a year earlier") mean that quarter a year before: `1988-Q3` after
/// `1989-Q3`. One pass in text order, keeping the latest resolved quarter.
fn year_ago_quarters(found: &[Found], timexes: &mut [Timex], words: &Words) {
    let mut last: Option<(usize, i64, String)> = None; // (sentence, year, "Qn")
    for (f, t) in found.iter().zip(timexes.iter_mut()) {
        let sentence = words.sentence_at(f.span.start).unwrap_or(0);
        match (&f.kind, t.value.as_deref()) {
            (Kind::Quarter(_), Some(v)) => {
                if let Some((y, q)) = v.split_once("-Q")
                    && let Ok(y) = y.parse::<i64>()
                {
                    last = Some((sentence, y, format!("Q{q}")));
                }
            }
            (Kind::Ago(1, "Y"), _) => {
                if let Some((at, y, q)) = &last
                    && sentence.saturating_sub(*at) <= QUARTER_CONTEXT_SENTENCES
                {
                    t.value = Some(format!("{:04}-{q}", y - 1));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_doc::{Alignment, TimexType};

    fn run(text: &str, published: Option<&str>) -> (Vec<(String, Option<String>)>, Vec<String>) {
        let mut d = Document::new("t", text.to_string(), Alignment::identity());
        d.meta.published = published.map(str::to_string);
        let w = Words::new(&d);
        timexes(&mut d, &w);
        (
            d.timexes
                .iter()
                .map(|t| (d.slice(t.span).to_string(), t.value.clone()))
                .collect(),
            d.warnings,
        )
    }

    #[test]
    fn calendar() {
        use calendar::{iso_week, valid, weekday};
        let d = valid(2018, 12, 20).unwrap();
        assert_eq!(weekday(d), 3); // Thursday
        assert_eq!(iso_week(d), "2018-W51");
        // the ISO week-numbering year differs from the calendar year at its edges
        assert_eq!(iso_week(valid(2021, 1, 3).unwrap()), "2020-W53");
        assert_eq!(iso_week(valid(2019, 12, 30).unwrap()), "2020-W01");
        assert_eq!(valid(2019, 2, 29), None);
        assert_eq!(date_in_url("https://x.com/world/201812201070/"), Some(d));
        assert_eq!(date_in_url("/2021/04/92713-flood"), None);
        assert_eq!(date_in_url("sputnik-2018-12-20-putin"), Some(d));
        assert!(looks_like_uuid(
            "<urn:uuid:20181220-1111-2222-3333-444455556666>"
        ));
        assert!(looks_like_uuid("20181220-1111-2222-3333-444455556666"));
        assert!(!looks_like_uuid("sputnik-2018-12-20-putin"));
    }

    #[test]
    fn values_against_publication_date() {
        let (t, w) = run(
            "He spoke on Thursday about December 1 and the 2016 vote. Inspectors will return in March. Last week, a week before Dec. 3, 2017, yesterday.",
            Some("2018-12-21T10:00"),
        );
        assert!(w.is_empty());
        let v = |s: &str| {
            t.iter()
                .find(|x| x.0 == s)
                .and_then(|x| x.1.clone())
                .unwrap_or_else(|| panic!("{s} in {t:?}"))
        };
        assert_eq!(v("Thursday"), "2018-12-20");
        assert_eq!(v("December 1"), "2018-12-01");
        assert_eq!(v("2016"), "2016");
        assert_eq!(v("March"), "2019-03");
        assert_eq!(v("Last week"), "2018-W50");
        assert_eq!(v("a week"), "P1W");
        assert_eq!(v("Dec. 3, 2017"), "2017-12-03");
        assert_eq!(v("yesterday"), "2018-12-20");
    }

    #[test]
    fn stale_page_date_warns_and_reanchors() {
        let mut d = Document::new(
            "x",
            "Putin said on Thursday that the summit on December 1 and the 2016 election mattered."
                .into(),
            Alignment::identity(),
        );
        d.meta.published = Some("2021-04-15T00:12".into());
        d.meta.series = Some("Putin's 2018 Year-End Press Conference".into());
        let w = Words::new(&d);
        timexes(&mut d, &w);
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("2021") && d.warnings[0].contains("2016–2018"));
        let v: Vec<_> = d
            .timexes
            .iter()
            .map(|t| t.value.clone().unwrap_or_default())
            .collect();
        assert_eq!(v, vec!["", "2018-12-01", "2016"]);
        // with a dated URL the weekday resolves too
        d.url = Some("https://example.invalid/20181220/putin.html".into());
        d.warnings.clear();
        timexes(&mut d, &w);
        assert_eq!(d.timexes[0].value.as_deref(), Some("2018-12-20"));
    }

    #[test]
    fn deictic_quarters_and_ago() {
        let (t, _) = run(
            "Profit in the third quarter rose; two years ago it fell, and now it may grow in the future. Sales were weak last February and in recent years, the past two months, this morning.",
            Some("1989-10-26"),
        );
        let v = |s: &str| {
            t.iter()
                .find(|x| x.0 == s)
                .and_then(|x| x.1.clone())
                .unwrap_or_else(|| panic!("{s} in {t:?}"))
        };
        assert_eq!(v("the third quarter"), "1989-Q3");
        assert_eq!(v("two years ago"), "1987");
        assert_eq!(v("now"), "PRESENT_REF");
        assert_eq!(v("the future"), "FUTURE_REF");
        assert_eq!(v("last February"), "1988-02");
        assert_eq!(v("recent years"), "PXY");
        assert_eq!(v("the past two months"), "P2M");
        assert_eq!(v("this morning"), "1989-10-26TMO");
        let (t, _) = run("A two-year deal pays daily.", Some("1989-10-26"));
        assert_eq!(
            t,
            vec![
                ("two-year".to_string(), Some("P2Y".to_string())),
                ("daily".to_string(), Some("P1D".to_string()))
            ]
        );
    }

    /// Every timex as (text, value, type).
    fn typed(text: &str, published: &str) -> Vec<(String, String, TimexType)> {
        let mut d = Document::new("t", text.to_string(), Alignment::identity());
        d.meta.published = Some(published.to_string());
        let w = Words::new(&d);
        timexes(&mut d, &w);
        d.timexes
            .iter()
            .map(|t| {
                (
                    d.slice(t.span).to_string(),
                    t.value.clone().unwrap_or_default(),
                    t.kind,
                )
            })
            .collect()
    }

    #[test]
    fn types_modifiers_sets_and_clock_times() {
        use TimexType::*;
        let t = typed(
            "Talks resume at 10 p.m. Wednesday. Sales fell in the last three months and for nearly two years. \
             He visits each Thursday and every year, and left last fall. Prices rose in June last year.",
            "1998-02-13",
        );
        let want = [
            ("10 p.m. Wednesday", "1998-02-11T22:00", Time),
            ("the last three months", "P3M", Duration),
            ("nearly two years", "P2Y", Duration),
            ("each Thursday", "XXXX-WXX-4", Set),
            ("every year", "P1Y", Set),
            ("last fall", "1997-FA", Date),
            ("June last year", "1997-06", Date),
        ];
        for (text, value, kind) in want {
            assert!(
                t.contains(&(text.to_string(), value.to_string(), kind)),
                "{text} {value} {kind:?} not in {t:?}"
            );
        }
        // weekends: 1990-08-13 is a Monday of ISO week 33
        let t = typed(
            "Talks failed over the weekend. He left last weekend and returns next weekend.",
            "1990-08-13",
        );
        let want = [
            ("the weekend", "1990-W32-WE", Date),
            ("last weekend", "1990-W32-WE", Date),
            ("next weekend", "1990-W33-WE", Date),
        ];
        for (text, value, kind) in want {
            assert!(
                t.contains(&(text.to_string(), value.to_string(), kind)),
                "{text} {value} {kind:?} not in {t:?}"
            );
        }
    }

    #[test]
    fn a_year_earlier_after_a_quarter_is_that_quarter() {
        let t = typed(
            "Acme posted a third-quarter loss, against a profit a year earlier. In 1987 it grew, a year ago it shrank.",
            "1989-11-02",
        );
        assert!(
            t.contains(&("third-quarter".into(), "1989-Q3".into(), TimexType::Date)),
            "{t:?}"
        );
        assert!(
            t.contains(&("a year earlier".into(), "1988-Q3".into(), TimexType::Date)),
            "{t:?}"
        );
        // without a quarter in the sentences before, a year ago is the year
        let t = typed("It shrank a year ago.", "1989-11-02");
        assert_eq!(
            t,
            vec![("a year ago".into(), "1988".into(), TimexType::Date)]
        );
    }

    #[test]
    fn adjectives_are_not_time_expressions() {
        let t = typed(
            "Future plans were previously shelved and will soon return.",
            "1999-03-12",
        );
        assert!(t.is_empty(), "{t:?}");
    }

    #[test]
    fn old_years_alone_do_not_contradict_the_page_date() {
        let (t, w) = run("The law of 1949 was cited on Friday.", Some("1999-03-12"));
        assert!(w.is_empty());
        assert!(t.contains(&("Friday".to_string(), Some("1999-03-12".to_string()))));
    }

    #[test]
    fn no_date_means_no_relative_values() {
        let (t, _) = run("Flood warnings were lifted on Sunday. May we go?", None);
        assert_eq!(t, vec![("Sunday".to_string(), None)]);
    }
}
