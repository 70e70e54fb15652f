//! Calendar arithmetic for time expressions, on `jiff`'s civil dates: the
//! anchor a document's relative expressions are resolved against, ISO weeks,
//! day and month shifts, and dates carried in URLs and ids.

use jiff::ToSpan;
pub use jiff::civil::Date;

/// Earliest and latest plausible year for a bare four-digit number.
pub const YEAR_RANGE: (i32, i32) = (1900, 2100);

/// The date `y-m-d`, if it exists in the proleptic Gregorian calendar.
pub fn valid(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// `YYYY-MM-DD`.
pub fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// ISO 8601 week value `YYYY-Www` of a date (the week-numbering year).
pub fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// The date `n` days after `d` (before, when negative); `None` out of range.
pub fn shift_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(n.days()).ok()
}

/// Whole days from `b` to `a` (`a - b`).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.since(b).map_or(i64::MAX, |s| i64::from(s.get_days()))
}

/// Weekday of a date, Monday = 0.
pub fn weekday(d: Date) -> i64 {
    i64::from(d.weekday().to_monday_zero_offset())
}

/// The month `n` months after month `m` (1..=12) of year `y`: `(year, month)`.
pub fn shift_month(y: i32, m: u32, n: i64) -> (i64, i64) {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
    (total.div_euclid(12), total.rem_euclid(12) + 1)
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
    /// The anchor's year, when known.
    pub fn year(&self) -> Option<i32> {
        match self {
            Anchor::Day(d) => Some(i32::from(d.year())),
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
pub fn looks_like_uuid(id: &str) -> bool {
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
pub fn years_in(s: &str) -> Vec<i32> {
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
