//! Dates in attribute values and visible text, in several languages.
//!
//! Formats (as htmldate's extractors read them): ISO 8601 (`2015-12-14`,
//! `2015/12/14`, `20151214` in attribute values), RFC 2822 (`Mon, 14 Dec
//! 2015`), day-first numeric (`14.12.2015`, `14/12/2015`), month-first
//! numeric when the day cannot be the month (`12/14/2015`), and month names
//! in English, German, French, Spanish, Italian, Dutch, Portuguese, the
//! Scandinavian languages, Polish and Russian (`14. Dezember 2015`, `December
//! 14, 2015`, `14 de diciembre de 2015`).

use quotewire_doc::calendar::MONTHS_EN;
use regex::Regex;
use std::sync::LazyLock;

/// Plausible years for a publication date.
pub(crate) const MIN_YEAR: u16 = 1995;
/// Latest plausible year.
pub(crate) const MAX_YEAR: u16 = 2035;

/// A date with the precision its source gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Date {
    /// Year.
    pub y: u16,
    /// Month 1-12, when known.
    pub m: Option<u8>,
    /// Day 1-31, when known (only with a month).
    pub d: Option<u8>,
}

impl Date {
    /// A full day, if valid and plausible.
    pub fn ymd(y: u32, m: u32, d: u32) -> Option<Date> {
        let y = u16::try_from(y).ok()?;
        if !(MIN_YEAR..=MAX_YEAR).contains(&y) || !(1..=12).contains(&m) || d == 0 {
            return None;
        }
        let dim = match m {
            2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if d > dim {
            return None;
        }
        Some(Date {
            y,
            m: Some(m as u8),
            d: Some(d as u8),
        })
    }

    /// ISO 8601 with the known precision: `2021`, `2021-04`, `2021-04-09`.
    pub fn iso(&self) -> String {
        match (self.m, self.d) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.y, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.y, m),
            _ => format!("{:04}", self.y),
        }
    }

    /// True when the day is known.
    pub fn is_day(&self) -> bool {
        self.d.is_some()
    }
}

/// Month names and abbreviations (lower case) → month number.
/// (English names come from [`MONTHS_EN`], looked up first.)
const MONTHS: &[(&str, u32)] = &[
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("mär", 3),
    ("mrz", 3),
    ("okt", 10),
    ("dez", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("janv", 1),
    ("févr", 2),
    ("avr", 4),
    ("juil", 7),
    ("déc", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    // Swedish, Danish, Norwegian
    ("augusti", 8),
    ("maj", 5),
    ("marts", 3),
    ("desember", 12),
    // Polish (genitive)
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
    // Romanian
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    // Hungarian
    ("január", 1),
    ("február", 2),
    ("március", 3),
    ("április", 4),
    ("május", 5),
    ("június", 6),
    ("július", 7),
    ("augusztus", 8),
    ("szeptember", 9),
    ("október", 10),
    // Czech (genitive)
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("listopadu", 11),
    ("prosince", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // Russian (genitive)
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    // Arabic
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("أغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
];

fn month_alt() -> String {
    let mut names: Vec<&str> = MONTHS_EN.iter().chain(MONTHS).map(|(n, _)| *n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.join("|")
}

fn month_num(s: &str) -> Option<u32> {
    let l = s.to_lowercase();
    MONTHS_EN
        .iter()
        .chain(MONTHS)
        .find(|(n, _)| *n == l)
        .map(|(_, m)| *m)
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[^\d])")
        .expect("static regex")
});
static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d\d)(\d\d)(\d\d)(?:$|[T\s_\d])").expect("static regex")
});
static NUM_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?[./-]\s?((?:19|20)\d\d)(?:$|[^\d])")
        .expect("static regex")
});
static NUM_DMY_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d\d)(?:$|[^\d.])").expect("static regex")
});
static TEXT_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\d])(\d{{1,2}})(?:st|nd|rd|th|er|e|º)?\.?\s*(?:de\s+|of\s+)?({})\.?,?\s*(?:de\s+|del\s+)?((?:19|20)\d\d)(?:$|[^\d])",
        month_alt()
    ))
    .expect("static regex")
});
/// Year-first with dots and spaces, as Hungarian and Korean pages write
/// dates: `2020. 06. 04.`
static YMD_DOTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)\.\s(\d{1,2})\.\s?(\d{1,2})\.").expect("static regex")
});
static CJK_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
        .expect("static regex")
});
static TEXT_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\d])((?:19|20)\d\d)\.?,?\s+({})\.?\s+(\d{{1,2}})(?:$|[^\d])",
        month_alt()
    ))
    .expect("static regex")
});
static TEXT_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+((?:19|20)\d\d)(?:$|[^\d])",
        month_alt()
    ))
    .expect("static regex")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:19|20)\d\d|\d\.\d{1,2}\.\d\d").expect("static regex"));

/// Bytes around a year that can hold the rest of its date.
const WINDOW_BEFORE: usize = 48;
/// Bytes after a year that can hold the rest of its date (ISO month and day).
const WINDOW_AFTER: usize = 24;

/// All full dates in `s`, with their byte positions, in order of position.
/// `month_first` reads an ambiguous `01/02/2020` as January 2.
///
/// Linear in `s`: a cheap scan finds the years, and the date patterns run
/// only on a small window around each.
pub(crate) fn find_all(s: &str, month_first: bool) -> Vec<(usize, Date)> {
    if !YEAR.is_match(s) {
        return Vec::new();
    }
    if s.len() <= 128 {
        return find_all_small(s, month_first);
    }
    let mut out: Vec<(usize, Date)> = Vec::new();
    let mut covered = 0usize;
    for y in YEAR.find_iter(s) {
        if y.end() <= covered {
            continue;
        }
        let mut a = y.start().saturating_sub(WINDOW_BEFORE).max(covered);
        while !s.is_char_boundary(a) {
            a += 1;
        }
        let mut b = (y.end() + WINDOW_AFTER).min(s.len());
        while !s.is_char_boundary(b) {
            b += 1;
        }
        for (p, d) in find_all_small(&s[a..b], month_first) {
            if !out.iter().any(|(q, _)| *q == a + p) {
                out.push((a + p, d));
            }
        }
        covered = y.end();
    }
    out.sort_by_key(|(p, _)| *p);
    out
}

fn find_all_small(s: &str, month_first: bool) -> Vec<(usize, Date)> {
    let mut out: Vec<(usize, Date)> = Vec::new();
    let mut push = |pos: usize, d: Option<Date>| {
        if let Some(d) = d
            && !out.iter().any(|(p, _)| *p == pos)
        {
            out.push((pos, d));
        }
    };
    // Byte checks that rule patterns out before running them: the numeric
    // forms need a `-`, `/` or `.` separator, the CJK form a 年/년.
    let has_sep = memchr::memchr3(b'-', b'/', b'.', s.as_bytes()).is_some();
    let has_dot = has_sep && memchr::memchr(b'.', s.as_bytes()).is_some();
    let has_cjk = s.contains('年') || s.contains('년');
    for c in ISO.captures_iter(if has_sep { s } else { "" }) {
        let (Some(y), Some(m), Some(d)) = (num(c.get(1)), num(c.get(2)), num(c.get(3))) else {
            continue;
        };
        push(c.get(1).map_or(0, |g| g.start()), Date::ymd(y, m, d));
    }
    for c in NUM_DMY.captures_iter(if has_sep { s } else { "" }) {
        let (Some(a), Some(b), Some(y)) = (num(c.get(1)), num(c.get(3)), num(c.get(4))) else {
            continue;
        };
        let sep = c.get(2).map_or("", |g| g.as_str());
        let pos = c.get(1).map_or(0, |g| g.start());
        let d = if sep == "." || a > 12 {
            Date::ymd(y, b, a)
        } else if b > 12 || month_first {
            Date::ymd(y, a, b)
        } else {
            Date::ymd(y, b, a)
        };
        push(pos, d);
    }
    for c in NUM_DMY_SHORT.captures_iter(if has_dot { s } else { "" }) {
        let (Some(d), Some(m), Some(y)) = (num(c.get(1)), num(c.get(2)), num(c.get(3))) else {
            continue;
        };
        push(c.get(1).map_or(0, |g| g.start()), Date::ymd(2000 + y, m, d));
    }
    for c in TEXT_DMY.captures_iter(s) {
        let (Some(d), Some(m), Some(y)) = (
            num(c.get(1)),
            c.get(2).and_then(|g| month_num(g.as_str())),
            num(c.get(3)),
        ) else {
            continue;
        };
        push(c.get(1).map_or(0, |g| g.start()), Date::ymd(y, m, d));
    }
    for c in YMD_DOTS.captures_iter(if has_dot { s } else { "" }) {
        let (Some(y), Some(m), Some(d)) = (num(c.get(1)), num(c.get(2)), num(c.get(3))) else {
            continue;
        };
        push(c.get(1).map_or(0, |g| g.start()), Date::ymd(y, m, d));
    }
    for (re, run) in [(&*CJK_YMD, has_cjk), (&*TEXT_YMD, true)] {
        if !run {
            continue;
        }
        for c in re.captures_iter(s) {
            let m = c
                .get(2)
                .and_then(|g| g.as_str().parse().ok().or_else(|| month_num(g.as_str())));
            let (Some(y), Some(m), Some(d)) = (num(c.get(1)), m, num(c.get(3))) else {
                continue;
            };
            // "Cost Guide 2026 Dec 26, 2025": the year of a title before a
            // month-first date, not a year-first date
            // ("... of 2024 September 1st, 2023": the ordinal suffix too)
            let after = c.get(3).map_or("", |g| &s[g.end()..]);
            let after = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|o| after.strip_prefix(o))
                .unwrap_or(after);
            let after = after.trim_start_matches([',', ' ', '.']);
            if std::ptr::eq(re, &*TEXT_YMD)
                && after.len() >= 4
                && after.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && (after.starts_with("19") || after.starts_with("20"))
            {
                continue;
            }
            push(c.get(1).map_or(0, |g| g.start()), Date::ymd(y, m, d));
        }
    }
    for c in TEXT_MDY.captures_iter(s) {
        let (Some(m), Some(d), Some(y)) = (
            c.get(1).and_then(|g| month_num(g.as_str())),
            num(c.get(2)),
            num(c.get(3)),
        ) else {
            continue;
        };
        push(c.get(1).map_or(0, |g| g.start()), Date::ymd(y, m, d));
    }
    out.sort_by_key(|(p, _)| *p);
    out
}

/// The end of a date followed by the word or dash that opens a span to a
/// second date ("2025-12-12 - ", "March 3, 2024 to ").
static SPAN_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d\s*(?:-|–|—|to|until|through|thru|bis|au)\s*$").expect("static regex")
});

/// Most bytes from a date's start to a second date it spans to.
const SPAN_REACH: usize = 48;

/// True when the date at byte `pos` of `text` opens a span ending in the
/// date at byte `next` ("2025-12-12 - 2025-12-17", "March 3, 2024 to
/// March 9, 2024").
pub(crate) fn opens_span(text: &str, pos: usize, next: usize) -> bool {
    next > pos
        && next - pos <= SPAN_REACH
        && text.get(pos..next).is_some_and(|t| SPAN_TO.is_match(t))
}

fn num(m: Option<regex::Match>) -> Option<u32> {
    m?.as_str().parse().ok()
}

/// The date of an attribute value (`content`, `datetime`, JSON-LD string):
/// ISO first, then a compact `YYYYMMDD`, then any textual date.
pub(crate) fn parse_value(s: &str, month_first: bool) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(c) = ISO.captures(s)
        && let (Some(y), Some(m), Some(d)) = (num(c.get(1)), num(c.get(2)), num(c.get(3)))
        && let Some(d) = Date::ymd(y, m, d)
    {
        return Some(d);
    }
    if let Some(c) = COMPACT.captures(s)
        && let (Some(y), Some(m), Some(d)) = (num(c.get(1)), num(c.get(2)), num(c.get(3)))
        && let Some(d) = Date::ymd(y, m, d)
    {
        return Some(d);
    }
    find_all(s, month_first).into_iter().next().map(|(_, d)| d)
}

/// True when `s` is a machine-written stamp (ISO 8601 `2021-04-09...`, a
/// compact `20210409`), as schema.org and Open Graph require, rather than a
/// display string copied into the markup by a template ("Jun 24, 2025").
pub(crate) fn is_machine_stamp(s: &str) -> bool {
    let s = s.trim();
    ISO.is_match(s) || COMPACT.is_match(s)
}

/// How a timestamp states its time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    /// No time of day.
    DateOnly,
    /// A time without a zone (read as local time).
    Naive,
    /// A time in UTC (`Z`, `+00:00`, `GMT`), with its hour.
    Utc(u8),
    /// A time with a non-zero offset (local time).
    Offset,
}

static TIME_ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[T\s](\d{1,2}):(\d{2})(?::(\d{1,2})(?:\.\d+)?)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?",
    )
    .expect("static regex")
});

/// [`parse_value`] plus how the value states its time zone.
pub(crate) fn parse_value_zone(s: &str, month_first: bool) -> Option<(Date, Zone)> {
    let d = parse_value(s, month_first)?;
    let zone = match TIME_ZONE.captures(s) {
        None => Zone::DateOnly,
        Some(c) => {
            let hour = c.get(1).and_then(|g| g.as_str().parse().ok()).unwrap_or(12);
            let midnight = hour == 0
                && c.get(2).is_some_and(|g| g.as_str() == "00")
                && c.get(3).is_none_or(|g| g.as_str() == "00");
            match c.get(4).map(|g| g.as_str().to_ascii_lowercase()) {
                // A bare midnight is a date written as a timestamp.
                _ if midnight => Zone::DateOnly,
                None => Zone::Naive,
                Some(z) if z == "z" || z == "utc" || z == "gmt" => Zone::Utc(hour),
                Some(z)
                    if z.trim_start_matches(['+', '-'])
                        .chars()
                        .all(|c| c == '0' || c == ':') =>
                {
                    Zone::Utc(hour)
                }
                Some(_) => Zone::Offset,
            }
        }
    };
    Some((d, zone))
}

/// Days between two full dates.
pub(crate) fn day_gap(a: Date, b: Date) -> i64 {
    (ordinal(a) - ordinal(b)).abs()
}

/// The full date `n` days after `d` (before, for negative `n`).
pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    // Civil from days (Howard Hinnant's algorithm).
    let z = ordinal(d) + n;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    Date::ymd(u32::try_from(y).ok()?, m as u32, day as u32)
}

fn ordinal(d: Date) -> i64 {
    let ord = |d: Date| -> i64 {
        let m = d.m.unwrap_or(1) as i64;
        let day = d.d.unwrap_or(1) as i64;
        // Days from civil (Howard Hinnant's algorithm).
        let y = d.y as i64 - if m <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe
    };
    ord(d)
}

static URL_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)").expect("static regex")
});
/// `/2023/october/03/`: a month name between the year and the day.
static URL_Y_NAME_D: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)/([A-Za-z]{3,9})/(\d{1,2})(?:/|$)").expect("static regex")
});
static URL_YMD_COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-]((?:19|20)\d\d)(\d\d)(\d\d)(?:[/_.-]|$)").expect("static regex")
});
static URL_YM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/_-](\d{1,2})(?:/|$|[/_-]\d{3,})").expect("static regex")
});

/// The date a URL path carries, with only its precision: `/2021/04/09/` is a
/// day, `/2021/04/92713-slug` a month.
pub(crate) fn from_url(url: &str) -> Option<Date> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.find("://").map_or(path, |i| &path[i + 3..]);
    let path = path.find('/').map_or("", |i| &path[i..]);
    if let Some(c) = URL_YMD.captures(path)
        && let (Some(y), Some(m), Some(d)) = (num(c.get(1)), num(c.get(2)), num(c.get(3)))
        && let Some(d) = Date::ymd(y, m, d)
    {
        return Some(d);
    }
    if let Some(c) = URL_Y_NAME_D.captures(path)
        && let (Some(y), Some(m), Some(d)) = (
            num(c.get(1)),
            c.get(2).and_then(|m| month_num(m.as_str())),
            num(c.get(3)),
        )
        && let Some(d) = Date::ymd(y, m, d)
    {
        return Some(d);
    }
    if let Some(c) = URL_YMD_COMPACT.captures(path)
        && let (Some(y), Some(m), Some(d)) = (num(c.get(1)), num(c.get(2)), num(c.get(3)))
        && let Some(d) = Date::ymd(y, m, d)
    {
        return Some(d);
    }
    if let Some(c) = URL_YM.captures(path)
        && let (Some(y), Some(m)) = (num(c.get(1)), num(c.get(2)))
        && (1..=12).contains(&m)
        && let Ok(y16) = u16::try_from(y)
        && (MIN_YEAR..=MAX_YEAR).contains(&y16)
    {
        return Some(Date {
            y: y16,
            m: Some(m as u8),
            d: None,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Option<String> {
        find_all(s, false).first().map(|(_, d)| d.iso())
    }

    #[test]
    fn reads_many_formats() {
        assert_eq!(one("14. Dezember 2015").as_deref(), Some("2015-12-14"));
        assert_eq!(one("am 14.12.2015 um 10:00").as_deref(), Some("2015-12-14"));
        assert_eq!(one("December 14, 2015").as_deref(), Some("2015-12-14"));
        assert_eq!(one("Dec. 14th, 2015").as_deref(), Some("2015-12-14"));
        assert_eq!(one("le 3 mars 2020").as_deref(), Some("2020-03-03"));
        assert_eq!(
            one("14 de diciembre de 2015").as_deref(),
            Some("2015-12-14")
        );
        assert_eq!(one("2015-12-14T10:00:00Z").as_deref(), Some("2015-12-14"));
        assert_eq!(one("12/14/2015").as_deref(), Some("2015-12-14"));
        assert_eq!(one("2020年07月03日").as_deref(), Some("2020-07-03"));
        assert_eq!(
            one("duminică, 20 septembrie 2020").as_deref(),
            Some("2020-09-20")
        );
        assert_eq!(one("2020. szeptember 20.").as_deref(), Some("2020-09-20"));
        assert_eq!(one("© 2015 All rights reserved"), None);
        assert_eq!(
            parse_value("20151214", false).map(|d| d.iso()).as_deref(),
            Some("2015-12-14")
        );
        assert_eq!(
            parse_value("Mon, 14 Dec 2015 10:00:00 GMT", false)
                .map(|d| d.iso())
                .as_deref(),
            Some("2015-12-14")
        );
    }

    #[test]
    fn reads_year_first_dots_and_arabic_months() {
        assert_eq!(one("2020. 06. 04. 11:27").as_deref(), Some("2020-06-04"));
        assert_eq!(
            parse_value("الأربعاء، 07 أكتوبر 2020 - 12:09 م", false)
                .map(|d| d.iso())
                .as_deref(),
            Some("2020-10-07")
        );
    }

    #[test]
    fn a_one_digit_second_keeps_the_zone() {
        let (_, z) = parse_value_zone("2020-12-05T23:15:0Z", false).unwrap();
        assert_eq!(z, Zone::Utc(23));
    }

    #[test]
    fn day_arithmetic() {
        let d = Date::ymd(2020, 2, 28).unwrap();
        assert_eq!(
            add_days(d, 1).map(|d| d.iso()).as_deref(),
            Some("2020-02-29")
        );
        assert_eq!(
            add_days(d, 2).map(|d| d.iso()).as_deref(),
            Some("2020-03-01")
        );
        let d = Date::ymd(2021, 1, 1).unwrap();
        assert_eq!(
            add_days(d, -1).map(|d| d.iso()).as_deref(),
            Some("2020-12-31")
        );
        assert_eq!(
            day_gap(
                Date::ymd(2020, 3, 1).unwrap(),
                Date::ymd(2020, 2, 28).unwrap()
            ),
            2
        );
    }

    #[test]
    fn url_dates_keep_their_precision() {
        let d = from_url("https://x.org/local/2021/04/92713-flood-warnings").map(|d| d.iso());
        assert_eq!(d.as_deref(), Some("2021-04"));
        let d = from_url("https://x.org/2019/11/19/story.html").map(|d| d.iso());
        assert_eq!(d.as_deref(), Some("2019-11-19"));
        assert_eq!(from_url("https://x.org/story-11574168580"), None);
        // a year before a month-first date is no year-first date
        assert_eq!(
            find_all("Pricing Guide 2026 Dec 26, 2025 by", false)
                .iter()
                .map(|(_, d)| d.iso())
                .collect::<Vec<_>>(),
            ["2025-12-26"]
        );
        // ... also when the day carries an ordinal suffix
        assert_eq!(
            find_all(
                "The best bakeries of 2024 March 3rd, 2023 By Ana Ruiz",
                false
            )
            .iter()
            .map(|(_, d)| d.iso())
            .collect::<Vec<_>>(),
            ["2023-03-03"]
        );
        // a month name between the year and the day
        let d = from_url("https://x.org/blog/2023/october/03/wine-types").map(|d| d.iso());
        assert_eq!(d.as_deref(), Some("2023-10-03"));
        assert_eq!(from_url("https://x.org/2023/tags/03/"), None);
    }
}
