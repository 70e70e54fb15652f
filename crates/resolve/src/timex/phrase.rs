//! Word-level parsers the recogniser uses: month, day and year words, clock
//! times, counts ("twenty four", "a couple of", "2 1/2"), spelled-out years,
//! hyphenated forms ("mid-November", "two-year", "day-long"), holidays.

use super::calendar::{Anchor, YEAR_RANGE};
use super::kind::{ClockDay, Holiday, Kind};
use super::lexicon::*;
use crate::words::Word;
use quotewire_doc::Span;
use quotewire_doc::calendar::MONTHS_EN as MONTHS;
use quotewire_doc::calendar::WEEKDAYS_EN as WEEKDAYS;

pub(super) fn month_of(w: &str) -> Option<u32> {
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(w))
        .map(|x| x.1)
}

pub(super) fn day_of(w: &str) -> Option<u32> {
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

pub(super) fn year_of(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    w.parse()
        .ok()
        .filter(|y| (YEAR_RANGE.0..=YEAR_RANGE.1).contains(y))
}

/// A clock time starting at token `span` (lower-cased `l`): "10 p.m.",
/// "7:15 a.m.", "noon", "midday", "midnight"; returns (hour 0..=24, minute, byte end
/// of the time).
pub(super) fn clock(text: &str, span: Span, l: &str) -> Option<(u32, u32, usize)> {
    if l == "noon" || l == "midday" {
        return Some((12, 0, span.end));
    }
    // TimeML writes midnight as the day's end, T24:00
    if l == "midnight" {
        return Some((24, 0, span.end));
    }
    let (h, mi) = match l.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None if l.len() <= 2 => (l.parse::<u32>().ok()?, 0),
        _ => return None,
    };
    if !(1..=12).contains(&h) || mi > 59 {
        return None;
    }
    let mut rest = text.get(span.end..)?;
    let mut mi = mi;
    let mut extra = 0;
    // "7:15 p.m." is three words ("7", ":", "15")
    if let Some(m) = rest.strip_prefix(':')
        && m.len() >= 2
        && m.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        && m.as_bytes().get(2).is_none_or(|c| !c.is_ascii_digit())
        && l.len() <= 2
    {
        mi = m[..2].parse().ok().filter(|m| *m <= 59)?;
        rest = &m[2..];
        extra = 3;
    }
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
    let mut end = span.end + extra + gap + len;
    if len == 4 && text[end..].trim_start().is_empty() {
        end -= 1;
    }
    Some((h, mi, end))
}

/// `s.to_lowercase()`, borrowing `s` when lower-casing changes nothing.
pub(super) fn lower(s: &str) -> std::borrow::Cow<'_, str> {
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

/// The count of a counted duration starting at word `i`: (amount, 0 for
/// an unspecified one; plus a half; the index of the unit word). "three",
/// "20", "twenty four", "twenty-four", "a couple of", "a few", "2 1/2",
/// with "more"/"additional" before the unit ("two more weeks").
pub(super) fn count_at<'a>(low: &dyn Fn(usize) -> &'a str, i: usize) -> Option<(u32, bool, usize)> {
    let l = low(i);
    // most words start no count: one look-up decides
    let digits = !l.is_empty() && l.len() <= 3 && l.bytes().all(|c| c.is_ascii_digit());
    if l == "couple" && low(i + 1) == "of" {
        // "the next couple of years"
        return Some((2, false, i + 2));
    }
    if !digits && !l.contains('-') && !NUMBER_WORDS.iter().any(|(x, _)| *x == l) {
        return None;
    }
    let word = |w: &str| NUMBER_WORDS.iter().find(|(x, _)| *x == w).map(|x| x.1);
    let (n, mut half, mut j) = if l == "a" && low(i + 1) == "couple" && low(i + 2) == "of" {
        (2, false, i + 3)
    } else if matches!(l, "a" | "one") && low(i + 1) == "hundred" {
        (100, false, i + 2)
    } else if l == "a" && low(i + 1) == "few" {
        (0, false, i + 2)
    } else if let Some(n) = small_number(l).filter(|_| l.contains('-')) {
        (n, false, i + 1)
    } else if let Some(t) = word(l).filter(|t| *t >= 20 && t % 10 == 0)
        && let Some(o) = word(low(i + 1)).filter(|o| (1..10).contains(o) && low(i + 1) != "a")
    {
        (t + o, false, i + 2)
    } else if let Some(n) = word(l) {
        (n, false, i + 1)
    } else if l.len() <= 3 && l.bytes().all(|c| c.is_ascii_digit()) {
        (l.parse().ok()?, false, i + 1)
    } else {
        return None;
    };
    if low(j) == "1/2" && !l.starts_with(|c: char| c.is_alphabetic()) {
        half = true;
        j += 1;
    }
    if matches!(low(j), "more" | "additional") {
        j += 1;
    }
    Some((n, half, j))
}

/// A spelled-out year at word `j` ("nineteen ninety-six", "nineteen
/// eighty", "two thousand"): the year and its last word.
pub(super) fn spelled_year<'a>(low: &dyn Fn(usize) -> &'a str, j: usize) -> Option<(i32, usize)> {
    let l = low(j);
    if l == "two" && low(j + 1) == "thousand" {
        return Some((2000, j + 1));
    }
    let century = match l {
        "nineteen" => 1900,
        "eighteen" => 1800,
        _ => return None,
    };
    let n = small_number(low(j + 1)).filter(|n| (10..100).contains(n))?;
    Some((century + n as i32, j + 1))
}

/// A number word from ten to ninety-nine, hyphenated compounds included
/// ("ninety-six", "eleven", "forty").
pub(super) fn small_number(w: &str) -> Option<u32> {
    let word = |w: &str| NUMBER_WORDS.iter().find(|(x, _)| *x == w).map(|x| x.1);
    match w.split_once('-') {
        Some((tens, ones)) => {
            let (t, o) = (word(tens)?, word(ones)?);
            (t % 10 == 0 && t >= 20 && (1..10).contains(&o)).then_some(t + o)
        }
        None => word(w).filter(|n| *n >= 10),
    }
}

/// "mid-November", "early-1990s", "late-1989", "post-1959": the month, year
/// or decade after a hyphenated modifier (the modifier is part of the
/// expression, as in TimeBank).
pub(super) fn hyphen_prefixed(l: &str) -> Option<Kind> {
    let (pre, rest) = l.split_once('-')?;
    if !matches!(pre, "mid" | "early" | "late" | "post" | "pre") {
        return None;
    }
    if let Some(y) = year_of(rest) {
        return Some(Kind::Year(y));
    }
    if rest.len() == 5 && rest.ends_with("0s") && rest[..4].bytes().all(|c| c.is_ascii_digit()) {
        return rest[..4].parse::<i32>().ok().map(|y| Kind::Decade(y / 10));
    }
    let m = MONTHS
        .iter()
        .find(|(n, _)| n.len() > 3 && *n == rest)
        .map(|x| x.1)?;
    matches!(pre, "mid" | "early" | "late").then_some(Kind::Month { m, y: None })
}

/// A holiday at word `i` ("Thanksgiving", "Thanksgiving Day", "Christmas
/// Eve", "New Year's Day", "Election Day"): which one and its last word.
/// Names need their capitals.
pub(super) fn holiday_at<'a>(
    low: &dyn Fn(usize) -> &'a str,
    ws: &[Word],
    i: usize,
) -> Option<(Holiday, usize)> {
    let cap = |j: usize| ws.get(j).is_some_and(|w| w.cap);
    if !cap(i) {
        return None;
    }
    let day = |j: usize| (low(j) == "day" && cap(j)).then_some(j);
    let poss = |j: usize| matches!(low(j), "'s" | "’s");
    let l = low(i);
    let one = |h: Holiday| Some((h, day(i + 1).unwrap_or(i)));
    match l {
        "thanksgiving" => one(Holiday::Thanksgiving),
        "christmas" if low(i + 1) == "eve" && cap(i + 1) => Some((Holiday::ChristmasEve, i + 1)),
        "christmas" => one(Holiday::Christmas),
        "halloween" => one(Holiday::Halloween),
        "new" if low(i + 1) == "year" && cap(i + 1) && poss(i + 2) => match low(i + 3) {
            "day" if cap(i + 3) => Some((Holiday::NewYear, i + 3)),
            "eve" if cap(i + 3) => Some((Holiday::NewYearsEve, i + 3)),
            _ => None,
        },
        "valentine" if poss(i + 1) => day(i + 2).map(|j| (Holiday::Valentine, j)),
        "election" => day(i + 1).map(|j| (Holiday::ElectionDay, j)),
        "labor" | "labour" => day(i + 1).map(|j| (Holiday::LaborDay, j)),
        "memorial" => day(i + 1).map(|j| (Holiday::MemorialDay, j)),
        "veterans" => day(i + 1).map(|j| (Holiday::VeteransDay, j)),
        _ => None,
    }
}

/// A hyphenated duration adjective: "two-year" → "P2Y", "16-hour" → "PT16H".
/// Also "day-long" (`P1D`) and "several-year" (`PXY`); not ages ("six-year-old").
pub(super) fn hyphen_duration(l: &str) -> Option<String> {
    if let Some(u) = l.strip_suffix("-long")
        && !u.contains('-')
    {
        // "day-long", "month-long"
        let (_, letter) = UNITS.iter().find(|(w, _)| *w == u && !u.ends_with('s'))?;
        return Some(duration_value("1", letter));
    }
    let (n, u) = l.split_once('-')?;
    let n = if n == "several" {
        "X".to_string()
    } else {
        NUMBER_WORDS
            .iter()
            .find(|(w, _)| *w == n && !matches!(*w, "a" | "an" | "several" | "few"))
            .map(|x| x.1)
            .or_else(|| n.parse::<u32>().ok().filter(|n| *n > 0 && *n < 1000))?
            .to_string()
    };
    // a compound adjective takes the singular ("two-year"); a plural is a
    // fraction ("three-quarters of the vote")
    let (_, letter) = UNITS.iter().find(|(w, _)| *w == u && !u.ends_with('s'))?;
    Some(duration_value(&n, letter))
}

/// The TIMEX3 duration of `n` (a number or `X`) units of TIMEX3 letter `letter`.
pub(super) fn duration_value(n: &str, letter: &str) -> String {
    match letter {
        "H" | "S" => format!("PT{n}{letter}"),
        "MIN" => format!("PT{n}M"),
        "DE" if n == "X" => "PXDE".to_string(),
        "DE" => format!("P{n}0Y"),
        l => format!("P{n}{l}"),
    }
}

/// Interned unit names (avoid allocation in the enum).
pub(super) fn leak(l: &str) -> &'static str {
    match l {
        "day" => "day",
        "week" => "week",
        "month" => "month",
        _ => "year",
    }
}

pub(super) trait FilterIso {
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

/// The determiner before the unit word at `i` that makes it refer to the
/// text's previous date: ("that year": 1 word, shift 0), ("that same day",
/// "the same day": 2, 0), ("the following month": 2, +1).
pub(super) fn anaphor_before<'a>(low: &dyn Fn(usize) -> &'a str, i: usize) -> Option<(usize, i32)> {
    let back = |n: usize| if i >= n { low(i - n) } else { "" };
    match (back(2), back(1)) {
        ("that" | "the", "same") => Some((2, 0)),
        ("the", "following") => Some((2, 1)),
        (_, "that") => Some((1, 0)),
        _ => None,
    }
}

/// The day named after a clock time whose last word is `end` ("5 p.m. EST
/// Nov. 9", "9 a.m. Tuesday", "10 p.m. yesterday"; `month_day_at` reads a
/// month-day at a word): the day, and the expression's new last word.
pub(super) fn clock_day<'a>(
    end: usize,
    tok: &dyn Fn(usize) -> &'a str,
    low: &dyn Fn(usize) -> &'a str,
    month_day_at: &dyn Fn(usize) -> Option<(u32, u32, Option<i32>, usize)>,
) -> (ClockDay, usize) {
    let after = low(end + 1);
    let j = if tok(end + 1) == "," {
        end + 2
    } else {
        end + 1
    };
    if let Some((m, d, y, last)) = month_day_at(j) {
        return (ClockDay::Date { m, d, y }, last);
    }
    if let Some(wd) = WEEKDAYS.iter().position(|d| *d == after) {
        return (ClockDay::Weekday(wd as u32), end + 1);
    }
    match after {
        "today" | "tonight" => (ClockDay::Rel(0), end + 1),
        "yesterday" => (ClockDay::Rel(-1), end + 1),
        "tomorrow" => (ClockDay::Rel(1), end + 1),
        _ => (ClockDay::Bare, end),
    }
}

/// A counted duration starting at word `i`: "a week", "three days", "20
/// years", "two months ago", "twenty four hours", "a couple of years", "two
/// more weeks", "2 1/2 years", "an hour and a half"; the compound "a five
/// year plan"; not "one days", "three quarters of" (a fraction), "one
/// second" (mostly the ordinal) or "52 years old" (an age, which TimeBank
/// leaves unmarked, as it does "52-year-old"). The kind and the last word.
pub(super) fn counted_duration<'a>(
    low: &dyn Fn(usize) -> &'a str,
    i: usize,
) -> Option<(Kind, usize)> {
    let (n, half, u_i) = count_at(low, i)?;
    let (_, u) = UNITS.iter().find(|(w, _)| *w == low(u_i))?;
    let plural = low(u_i).ends_with('s');
    let mut half = half;
    let mut u_end = u_i;
    if !half && low(u_i + 1) == "and" && low(u_i + 2) == "a" && low(u_i + 3) == "half" {
        half = true;
        u_end = u_i + 3;
    }
    let fraction = *u == "Q" && low(u_i + 1) == "of";
    let second_ordinal = *u == "S" && !plural;
    let age = low(u_end + 1) == "old";
    if !((((n == 1) != plural || n > 1) && !second_ordinal || n == 0) && !fraction && !age) {
        return None;
    }
    if matches!(low(u_i + 1), "ago" | "earlier") && !half {
        return Some((Kind::Ago(n, u), u_i + 1));
    }
    if half && n > 0 && matches!(*u, "Y" | "D" | "H" | "MIN") {
        let v = match *u {
            "Y" => format!("P{n}Y6M"),
            "D" => format!("P{n}DT12H"),
            "H" => format!("PT{n}H30M"),
            _ => format!("PT{n}M30S"),
        };
        return Some((Kind::Duration(v), u_end));
    }
    if half {
        return None;
    }
    let amount = if n == 0 {
        "X".to_string()
    } else {
        n.to_string()
    };
    Some((Kind::Duration(duration_value(&amount, u)), u_end))
}
