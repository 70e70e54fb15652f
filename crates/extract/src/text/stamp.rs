//! Page stamps ("00:12 GMT15 April 2021", "15.04.2021 00:12", "Published:
//! April 15, 2021", "2021-04-15T00:12") → ISO 8601.
//!
//! Formats follow the date lines news sites print near the headline: ISO 8601,
//! day-month-year and month-day-year with English month names, dotted
//! European dates (day.month.year) and US slashed dates (month/day/year).

use super::vocab::{PUBLISHED_LABELS, UPDATED_LABELS};
use quotewire_doc::calendar::WEEKDAYS_EN;
use regex::Regex;
use std::sync::LazyLock;

const MONTH: &str = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::[0-9]{2}(?:\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?")
        .expect("static regex")
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\d])(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\.?,?\s+(\d{{4}})"
    ))
    .expect("static regex")
});
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})"
    ))
    .expect("static regex")
});
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[^\d]|$)").expect("static regex")
});
static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:[^\d/]|$)").expect("static regex")
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\d:])(\d{1,2}):(\d{2})(?::\d{2})?\s*(a\.?m\.?|p\.?m\.?)?\s*(GMT|UTC)?")
        .expect("static regex")
});
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}]+").expect("static regex"));

/// What a stamp line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stamp {
    /// ISO 8601 date or date-time ("2021-04-15", "2021-04-15T00:12", "…Z").
    pub iso: String,
    /// True when labelled as a modification ("Updated: …").
    pub updated: bool,
    /// True when labelled as a publication ("Published: …").
    pub labelled: bool,
    /// Words left on the line besides the date, time and label.
    pub other_words: usize,
}

fn month_number(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|n| m.starts_with(n))
        .map(|i| i as u32 + 1)
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// The first date in `s`: (year, month, day, byte range of the match, zone when
/// an ISO date-time carries one, time when the ISO form carries one).
type DateHit = (
    i32,
    u32,
    u32,
    std::ops::Range<usize>,
    Option<(u32, u32, String)>,
);

fn find_date(s: &str) -> Option<DateHit> {
    let mut best: Option<DateHit> = None;
    let mut consider = |hit: DateHit| {
        if best.as_ref().is_none_or(|b| hit.3.start < b.3.start) {
            best = Some(hit);
        }
    };
    if let Some(c) = ISO.captures(s) {
        let (y, m, d) = (num(&c, 1), num(&c, 2), num(&c, 3));
        if valid(y as i32, m, d) {
            let time = c.get(4).map(|_| {
                let zone = c
                    .get(6)
                    .map(|z| {
                        let z = z.as_str();
                        if z == "Z" || z.len() == 6 {
                            z.to_string()
                        } else {
                            format!("{}:{}", &z[..3], &z[3..])
                        }
                    })
                    .unwrap_or_default();
                (num(&c, 4), num(&c, 5), zone)
            });
            let r = c.get(0).map(|g| g.range()).unwrap_or(0..0);
            consider((y as i32, m, d, r, time));
        }
    }
    if let Some(c) = DMY.captures(s) {
        let (d, y) = (num(&c, 1), num(&c, 3));
        if let Some(m) = c.get(2).and_then(|g| month_number(g.as_str()))
            && valid(y as i32, m, d)
        {
            let r =
                c.get(1).map(|g| g.start()).unwrap_or(0)..c.get(0).map(|g| g.end()).unwrap_or(0);
            consider((y as i32, m, d, r, None));
        }
    }
    if let Some(c) = MDY.captures(s) {
        let (d, y) = (num(&c, 2), num(&c, 3));
        if let Some(m) = c.get(1).and_then(|g| month_number(g.as_str()))
            && valid(y as i32, m, d)
        {
            let r = c.get(0).map(|g| g.range()).unwrap_or(0..0);
            consider((y as i32, m, d, r, None));
        }
    }
    if let Some(c) = DOTTED.captures(s) {
        let (d, m, y) = (num(&c, 1), num(&c, 2), num(&c, 3));
        if valid(y as i32, m, d) {
            let r =
                c.get(1).map(|g| g.start()).unwrap_or(0)..c.get(3).map(|g| g.end()).unwrap_or(0);
            consider((y as i32, m, d, r, None));
        }
    }
    if let Some(c) = SLASHED.captures(s) {
        let (m, d, mut y) = (num(&c, 1), num(&c, 2), num(&c, 3));
        if y < 100 {
            y += 2000;
        }
        if valid(y as i32, m, d) {
            let r =
                c.get(1).map(|g| g.start()).unwrap_or(0)..c.get(3).map(|g| g.end()).unwrap_or(0);
            consider((y as i32, m, d, r, None));
        }
    }
    best
}

fn num(c: &regex::Captures, i: usize) -> u32 {
    c.get(i).and_then(|g| g.as_str().parse().ok()).unwrap_or(0)
}

/// Parse a page stamp out of one line; `None` when the line holds no date.
pub(super) fn parse(line: &str) -> Option<Stamp> {
    if line.len() > 200 {
        return None;
    }
    let (y, m, d, range, iso_time) = find_date(line)?;
    let mut iso = format!("{y:04}-{m:02}-{d:02}");
    let mut covered = vec![range.clone()];
    let time = match iso_time {
        Some(t) => Some(t),
        None => TIME.captures_iter(line).find_map(|c| {
            let g = c.get(1)?;
            if range.contains(&g.start()) {
                return None;
            }
            let (mut h, mi) = (num(&c, 1), num(&c, 2));
            let ampm = c.get(3).map(|a| a.as_str().to_ascii_lowercase());
            match ampm.as_deref().map(|a| a.starts_with('p')) {
                Some(true) if h < 12 => h += 12,
                Some(false) if h == 12 => h = 0,
                _ => {}
            }
            if h > 23 || mi > 59 {
                return None;
            }
            covered.push(g.start()..c.get(0).map(|x| x.end()).unwrap_or(g.end()));
            let zone = if c.get(4).is_some() { "Z" } else { "" };
            Some((h, mi, zone.to_string()))
        }),
    };
    if let Some((h, mi, zone)) = time {
        iso = format!("{iso}T{h:02}:{mi:02}{zone}");
    }
    let lower = line.to_lowercase();
    let mut rest = String::with_capacity(line.len());
    for (i, ch) in lower.char_indices() {
        if covered.iter().any(|r| r.contains(&i)) {
            rest.push(' ');
        } else {
            rest.push(ch);
        }
    }
    let words: Vec<&str> = WORD.find_iter(&rest).map(|w| w.as_str()).collect();
    let starts_with = |labels: &[&str]| {
        labels.iter().any(|l| {
            let lw: Vec<&str> = l.split(' ').collect();
            words.len() >= lw.len() && words[..lw.len()] == lw[..]
        })
    };
    let updated = starts_with(UPDATED_LABELS);
    let labelled = starts_with(PUBLISHED_LABELS);
    let filler = [
        "at",
        "on",
        "gmt",
        "utc",
        "et",
        "est",
        "edt",
        "pst",
        "pdt",
        "cst",
        "cdt",
        "bst",
        "cet",
        "am",
        "pm",
        "a",
        "p",
        "m",
        "updated",
        "published",
        "posted",
        "last",
        "first",
        "modified",
        "date",
        "time",
    ];
    // Weekday names and their three-letter abbreviations (doc::calendar).
    let weekday = |w: &str| {
        WEEKDAYS_EN
            .iter()
            .any(|d| *d == w || (w.len() == 3 && d.starts_with(w)))
    };
    let other_words = words
        .iter()
        .filter(|w| !filler.contains(w) && !weekday(w))
        .count();
    Some(Stamp {
        iso,
        updated,
        labelled,
        other_words,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_time_and_date() {
        let s = parse("00:12 GMT15 April 2021").unwrap();
        assert_eq!(s.iso, "2021-04-15T00:12Z");
        assert_eq!(s.other_words, 0);
    }

    #[test]
    fn formats() {
        assert_eq!(parse("15.04.2021 00:12").unwrap().iso, "2021-04-15T00:12");
        let p = parse("Published: April 15, 2021").unwrap();
        assert_eq!(p.iso, "2021-04-15");
        assert!(p.labelled && !p.updated);
        assert_eq!(parse("2021-04-15T00:12").unwrap().iso, "2021-04-15T00:12");
        assert_eq!(
            parse("2021-04-15T00:12:30+0300").unwrap().iso,
            "2021-04-15T00:12+03:00"
        );
        assert_eq!(
            parse("Nov. 3, 2020 8:03 pm ET").unwrap().iso,
            "2020-11-03T20:03"
        );
        assert_eq!(parse("7/4/21 6:56 AM EST").unwrap().iso, "2021-07-04T06:56");
        let u = parse("Updated: 3 March 2020, 12:00 AM").unwrap();
        assert!(u.updated);
        assert_eq!(u.iso, "2020-03-03T00:00");
    }

    #[test]
    fn non_ascii_digits_are_no_zone() {
        // Devanagari digits in the zone once sliced a byte string mid-character
        let s = parse("2018-12-20T10:30+०५:००").unwrap();
        assert_eq!(s.iso, "2018-12-20T10:30");
        assert!(parse("२०१८-१२-२०T10:30+05:00").is_none());
    }

    #[test]
    fn no_date() {
        assert!(parse("Listen Live").is_none());
        assert!(parse("He scored 31.5 points in 2019.").is_none());
    }
}
