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

use crate::words::Words;
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
    ("previously", "PAST_REF"),
    ("future", "FUTURE_REF"),
    ("soon", "FUTURE_REF"),
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
/// Earliest and latest plausible year for a bare four-digit number.
const YEAR_RANGE: (i32, i32) = (1900, 2100);

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub y: i32,
    /// Month 1..=12.
    pub m: u32,
    /// Day 1..=31.
    pub d: u32,
}

/// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's `days_from_civil`).
pub fn days(dt: Date) -> i64 {
    let y = i64::from(dt.y) - i64::from(dt.m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(dt.m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(dt.d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The date `z` days after 1970-01-01 (`civil_from_days`).
pub fn from_days(z: i64) -> Date {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Date { y, m, d }
}

/// Weekday of a date, Monday = 0.
pub fn weekday(dt: Date) -> u32 {
    ((days(dt) + 3).rem_euclid(7)) as u32
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn valid(y: i32, m: u32, d: u32) -> Option<Date> {
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(Date { y, m, d })
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.y, d.m, d.d)
}

/// ISO week value "YYYY-Www" of a date.
fn iso_week(d: Date) -> String {
    let thursday = from_days(days(d) - i64::from(weekday(d)) + 3);
    let jan1 = days(Date {
        y: thursday.y,
        m: 1,
        d: 1,
    });
    let week = (days(thursday) - jan1) / 7 + 1;
    format!("{:04}-W{:02}", thursday.y, week)
}

/// What relative expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// A full date.
    Day(Date),
    /// Only a year (and maybe month) is known.
    Year(i32, Option<u32>),
    /// Nothing known.
    None,
}

impl Anchor {
    fn year(&self) -> Option<i32> {
        match self {
            Anchor::Day(d) => Some(d.y),
            Anchor::Year(y, _) => Some(*y),
            Anchor::None => None,
        }
    }
}

/// Parse the date part of an ISO 8601 string: `YYYY`, `YYYY-MM` or `YYYY-MM-DD...`.
pub fn parse_iso(s: &str) -> Anchor {
    let s = s.trim();
    let num = |a: usize, b: usize| s.get(a..b).and_then(|x| x.parse::<u32>().ok());
    let Some(y) = num(0, 4) else {
        return Anchor::None;
    };
    let y = y as i32;
    match (s.get(4..5), num(5, 7), s.get(7..8), num(8, 10)) {
        (Some("-"), Some(m), Some("-"), Some(d)) => {
            valid(y, m, d).map_or(Anchor::Year(y, Some(m)), Anchor::Day)
        }
        (Some("-"), Some(m), _, _) if (1..=12).contains(&m) => Anchor::Year(y, Some(m)),
        _ => Anchor::Year(y, None),
    }
}

/// A date carried in a URL or id: `YYYY-MM-DD`, `/YYYY/MM/DD/`, or `YYYYMMDD`
/// (8 digits, maybe followed by more, as news URLs often do).
pub fn date_in_url(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |i: usize, n: usize| -> Option<u32> {
        let part = s.get(i..i + n)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let Some(y) = digits(i, 4) else { continue };
        if !(1990..=2100).contains(&y) {
            continue;
        }
        let sep = b.get(i + 4).copied();
        let found = match sep {
            Some(c @ (b'-' | b'/' | b'_')) => {
                let m = digits(i + 5, 2);
                let d = if b.get(i + 7) == Some(&c) {
                    digits(i + 8, 2)
                } else {
                    None
                };
                let after = b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
                m.zip(d).filter(|_| after)
            }
            Some(c) if c.is_ascii_digit() => digits(i + 4, 2).zip(digits(i + 6, 2)),
            _ => None,
        };
        if let Some((m, d)) = found
            && let Some(dt) = valid(y as i32, m, d)
        {
            return Some(dt);
        }
    }
    None
}

/// True for record ids that are UUIDs ("<urn:uuid:...>", or 8-4-4-4-12 hex groups).
fn looks_like_uuid(id: &str) -> bool {
    let lower = id.to_ascii_lowercase();
    if lower.contains("uuid") {
        return true;
    }
    let groups: Vec<&str> = lower
        .trim_matches(|c: char| !c.is_ascii_hexdigit())
        .split('-')
        .collect();
    groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Four-digit years (1900–2100) in a free text (title, series).
fn years_in(s: &str) -> Vec<i32> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let boundary_before = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let boundary_after = b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric());
        if boundary_before && boundary_after && b[i..i + 4].iter().all(u8::is_ascii_digit) {
            if let Ok(y) = s[i..i + 4].parse::<i32>()
                && (YEAR_RANGE.0..=YEAR_RANGE.1).contains(&y)
            {
                out.push(y);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// What kind of expression was found, before normalisation.
#[derive(Debug, Clone)]
enum Kind {
    /// A month with "last"/"next" before it.
    MonthRel {
        m: u32,
        rel: i32,
    },
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
    /// A duration ago: (amount, TIMEX3 unit letter).
    Ago(u32, &'static str),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// Quarter 1..=4 of a year (`None`: "the quarter", the latest one).
    Quarter(Option<u32>),
    /// A part of a day relative to the anchor: (day offset, "MO"/"AF"/"EV"/"NI").
    DayPart(i64, &'static str),
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
    let lows: Vec<std::borrow::Cow<str>> = ws
        .iter()
        .map(|w| lower(w.span.slice(text)))
        .collect();
    let low = |i: usize| lows.get(i).map_or("", |l| l.as_ref());
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let t = tok(i);
        let l = lows[i].as_ref();
        let mut end_i = i; // last word index of the expression
        let mut kind = None;
        let prev = if i > 0 { low(i - 1) } else { "" };
        let rel_of = |p: &str| match p {
            "last" | "past" | "previous" => Some(-1),
            "next" | "coming" => Some(1),
            "this" => Some(0),
            _ => None,
        };
        if let Some(wd) = WEEKDAYS.iter().position(|d| *d == l) {
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
        } else if let Some(v) = SET_WORDS.iter().find(|(w, _)| *w == l).map(|x| x.1) {
            // "daily": a TIMEX3 SET
            kind = Some(Kind::Duration(v.to_string()));
        } else if let Some(v) = hyphen_duration(l) {
            // "two-year", "10-year", "16-hour"
            kind = Some(Kind::Duration(v));
        } else {
            let next = low(i + 1);
            if let Some(r) = REF_WORDS.iter().find(|(w, _)| *w == l).map(|x| x.1) {
                // "now", "recently"; "the future", "the past" with their article
                let needs_the = matches!(l, "past");
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
                match l {
                    "today" | "tonight" => kind = Some(Kind::DayRel(0)),
                    "yesterday" => kind = Some(Kind::DayRel(-1)),
                    "tomorrow" => kind = Some(Kind::DayRel(1)),
                    "week" | "month" | "year" | "weekend" => {
                        if let Some(rel) = rel_of(prev) {
                            kind = Some(Kind::Unit {
                                unit: if l == "weekend" { "week" } else { leak(l) },
                                rel,
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
        let next = low(i + 1);
        if kind.is_none()
            && let Some(n) = NUMBER_WORDS
                .iter()
                .find(|(w, _)| *w == l)
                .map(|x| x.1)
                .or_else(|| (t.len() <= 3).then(|| t.parse::<u32>().ok()).flatten())
            && let Some((_, u)) = UNITS.iter().find(|(w, _)| *w == next)
        {
            // "a week", "three days", "20 years", "two months ago"
            let plural = next.ends_with('s');
            if (n == 1) != plural || n == 0 {
                end_i = i + 1;
                let amount = if n == 0 {
                    "X".to_string()
                } else {
                    n.to_string()
                };
                if low(i + 2) == "ago" && n > 0 {
                    end_i = i + 2;
                    kind = Some(Kind::Ago(n, u));
                } else {
                    let v = if u.len() == 2 {
                        format!("P{amount}0Y") // decades
                    } else if *u == "H" {
                        format!("PT{amount}H")
                    } else {
                        format!("P{amount}{u}")
                    };
                    kind = Some(Kind::Duration(v));
                }
            }
        }
        if let Some(k) = kind {
            let mut first = i;
            // include a leading "last/next/this" in weekday and unit expressions
            if matches!(k, Kind::Weekday { rel, .. } if rel != i32::MIN)
                || matches!(k, Kind::Unit { .. } | Kind::MonthRel { .. })
            {
                first = i - 1;
                // "earlier this year"
                if first > 0 && matches!(low(first - 1), "earlier" | "later") {
                    first -= 1;
                }
            }
            // "the third quarter", "the future", "the latest quarter"
            if matches!(k, Kind::Quarter(_) | Kind::Ref(_)) {
                if first > 0 && matches!(low(first - 1), "latest" | "current" | "past") {
                    first -= 1;
                }
                if first > 0 && low(first - 1) == "the" {
                    first -= 1;
                }
            }
            // "Sunday night": the part of day joins the weekday
            if matches!(k, Kind::Weekday { .. })
                && DAY_PARTS.iter().any(|(w, _)| *w == low(end_i + 1))
            {
                end_i += 1;
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
        "H" => format!("PT{n}H"),
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

/// A day offset of 0 becomes a full week ("last Thursday" on a Thursday).
fn nonzero_week(d: i64) -> i64 {
    if d == 0 { 7 } else { d }
}

/// Normalise one expression against the anchor.
fn value(k: &Kind, future: bool, anchor: Anchor) -> Option<String> {
    match *k {
        Kind::Year(y) => Some(format!("{y:04}")),
        Kind::Decade(d) => Some(format!("{d:03}")),
        Kind::IsoDate(d) => Some(iso(d)),
        Kind::Duration(ref v) => Some(v.clone()),
        Kind::MonthDay { m, d, y: Some(y) } => valid(y, m, d).map(iso),
        Kind::MonthDay { m, d, y: None } => match anchor {
            Anchor::Day(a) => {
                // the year putting the date closest to the anchor
                (a.y - 1..=a.y + 1)
                    .filter_map(|y| valid(y, m, d))
                    .min_by_key(|c| (days(*c) - days(a)).abs())
                    .map(iso)
            }
            Anchor::Year(y, _) => valid(y, m, d).map(iso),
            Anchor::None => Some(format!("XXXX-{m:02}-{d:02}")),
        },
        Kind::Month { m, y: Some(y) } => Some(format!("{y:04}-{m:02}")),
        Kind::MonthRel { m, rel } => anchor.year().map(|y| format!("{:04}-{m:02}", y + rel)),
        Kind::Month { m, y: None } => match anchor {
            Anchor::Day(a) => {
                // TimeBank convention: a bare month is in the anchor's year,
                // unless the sentence looks ahead past the year's end
                let y = if future && m < a.m { a.y + 1 } else { a.y };
                Some(format!("{y:04}-{m:02}"))
            }
            Anchor::Year(y, _) => Some(format!("{y:04}-{m:02}")),
            Anchor::None => None,
        },
        Kind::Weekday { wd, rel } => {
            let Anchor::Day(a) = anchor else { return None };
            let aw = i64::from(weekday(a));
            let wd = i64::from(wd);
            let base = days(a);
            let target = match rel {
                0 => base - aw + wd,
                -1 => base - nonzero_week((aw - wd).rem_euclid(7)),
                1 => base + nonzero_week((wd - aw).rem_euclid(7)),
                _ if future => base + (wd - aw).rem_euclid(7),
                _ => base - (aw - wd).rem_euclid(7),
            };
            Some(iso(from_days(target)))
        }
        Kind::Ref(r) => Some(r.to_string()),
        Kind::Quarter(q) => {
            let Anchor::Day(a) = anchor else {
                return q.map(|q| format!("XXXX-Q{q}"));
            };
            let current = (a.m - 1) / 3 + 1;
            let (y, q) = match q {
                // a quarter not yet begun is last year's
                Some(q) if q > current => (a.y - 1, q),
                Some(q) => (a.y, q),
                // "the quarter": the latest completed one
                None if current == 1 => (a.y - 1, 4),
                None => (a.y, current - 1),
            };
            Some(format!("{y:04}-Q{q}"))
        }
        Kind::DayPart(off, part) => match anchor {
            Anchor::Day(a) => Some(format!("{}T{part}", iso(from_days(days(a) + off)))),
            _ => None,
        },
        Kind::Ago(n, unit) => {
            let n = i64::from(n);
            match (unit, anchor) {
                ("Y", _) => anchor.year().map(|y| format!("{:04}", i64::from(y) - n)),
                ("DE", _) => anchor
                    .year()
                    .map(|y| format!("{:03}", (i64::from(y) - 10 * n) / 10)),
                ("M", Anchor::Day(a)) => {
                    let total = i64::from(a.y) * 12 + i64::from(a.m) - 1 - n;
                    Some(format!(
                        "{:04}-{:02}",
                        total.div_euclid(12),
                        total.rem_euclid(12) + 1
                    ))
                }
                ("W", Anchor::Day(a)) => Some(iso_week(from_days(days(a) - 7 * n))),
                ("D", Anchor::Day(a)) => Some(iso(from_days(days(a) - n))),
                _ => None,
            }
        }
        Kind::DayRel(n) => match anchor {
            Anchor::Day(a) => Some(iso(from_days(days(a) + n))),
            _ => None,
        },
        Kind::Unit { unit, rel } => {
            let y = anchor.year()?;
            match unit {
                "year" => Some(format!("{:04}", y + rel)),
                "month" => {
                    let (Anchor::Day(Date { m, .. }) | Anchor::Year(_, Some(m))) = anchor else {
                        return None;
                    };
                    let total = y * 12 + m as i32 - 1 + rel;
                    Some(format!(
                        "{:04}-{:02}",
                        total.div_euclid(12),
                        total.rem_euclid(12) + 1
                    ))
                }
                _ => {
                    let Anchor::Day(a) = anchor else { return None };
                    Some(iso_week(from_days(days(a) + 7 * i64::from(rel))))
                }
            }
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
            Kind::IsoDate(d) => Some(d.y),
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
        .chain(url_date.map(|d| d.y))
        .collect();
    // the page date is contradicted by a dated URL a year or more older, or by a
    // dated headline/series label whose years, like all content years, are old
    let url_stale = match (published, url_date) {
        (Anchor::Day(p), Some(u)) => days(p) - days(u) > STALE_URL_DAYS,
        (Anchor::Year(py, _), Some(u)) => py - u.y >= STALE_YEARS,
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
            value: value(&f.kind, f.future, anchor),
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_doc::Alignment;

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
        let d = Date {
            y: 2018,
            m: 12,
            d: 20,
        };
        assert_eq!(from_days(days(d)), d);
        assert_eq!(weekday(d), 3); // Thursday
        assert_eq!(iso_week(d), "2018-W51");
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
        assert_eq!(v("two months"), "P2M");
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
