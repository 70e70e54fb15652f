//! Time expressions (TIMEX3-style extents and values, as in TempEval-3) and
//! the page-date sanity check.
//!
//! Recognised: weekday names ("Thursday", "last Monday", "Wednesday night",
//! "Saturday, April 25"), month-day dates ("December 1", "Dec. 1, 2018", "1
//! December 2018"), month names with or without a year ("March", "December
//! 2018", "last April", "mid-November"), years ("2016", "nineteen
//! ninety-six"), decades ("the 1990s", "the nineties"), centuries ("the 20th
//! century"), quarters and halves ("the third quarter of 1984", "this year's
//! third quarter", "the first half of 1989"), holidays ("Thanksgiving Day"),
//! ISO dates, clock times ("7:15 p.m. EST"), deictic words ("yesterday",
//! "this year", "last week", "now"), durations ("a week", "twenty four
//! hours", "a couple of years", "2 1/2 years", "within weeks") and references
//! to the text's previous date ("that year", "the following month", "until
//! then"; a clock time of no day is on the day last given).
//!
//! Values are normalised against an anchor date: the publication date, unless
//! the page date contradicts the content (see [`Anchor`]); then the latest
//! content year, refined by a date carried in the URL or input id when that
//! date agrees with the content years.
//!
//! The jobs are split by module: [`extent`] recognises the extents (one pass
//! over the words, each match a [`kind::Kind`], [`phrase`] parsing the
//! words), [`kind`] gives their TIMEX3 type, [`tense`] reads the tense of
//! the sentence around an expression, and [`value`] resolves values against
//! the anchor chosen here, with [`calendar`]'s `jiff` arithmetic.

mod calendar;
mod extent;
mod kind;
mod lexicon;
mod phrase;
mod tense;
mod value;

use crate::words::Words;
pub use calendar::{Anchor, Date, date_in_url, parse_iso};
use calendar::{days_between, looks_like_uuid, years_in};
use kind::{Found, Kind};
use quotewire_doc::{Document, Timex};

/// Years further than this before the page year contradict the page date.
pub const STALE_YEARS: i32 = 2;
/// A URL date more than this many days before the page date contradicts it.
const STALE_URL_DAYS: i64 = 365;

/// Fill `doc.timexes` and add a warning when the page date contradicts the content.
pub fn timexes(doc: &mut Document, words: &Words) {
    let found = extent::find(doc, words);
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
            value: value::value(&f.kind, f.tense, anchor).and_then(|v| match f.day_shift {
                0 => Some(v),
                n => match parse_iso(&v) {
                    Anchor::Day(d) => calendar::shift_days(d, n).map(calendar::iso),
                    _ => None,
                },
            }),
            kind: kind::kind_type(&f.kind),
        })
        .collect();
    year_ago_quarters(&found, &mut doc.timexes, words);
    anaphors(&found, &mut doc.timexes);
    // "that day" with no date before it to refer to is no time expression
    // ("I look forward to that day")
    let mut keep = found
        .iter()
        .map(|f| !matches!(f.kind, Kind::Anaphor { .. }))
        .collect::<Vec<_>>()
        .into_iter();
    doc.timexes
        .retain(|t| keep.next().unwrap_or(true) || t.value.is_some());
}

/// "that year", "later that year", "the same day", "the following month":
/// the year, month or day of the latest date before them that gives one
/// (TimeML's reference time; HeidelTime's "last mentioned" date), shifted;
/// without one, no value.
fn anaphors(found: &[Found], timexes: &mut [Timex]) {
    // the latest (year, month, day) given, each part as far as known
    let mut last: (Option<i32>, Option<u32>, Option<u32>) = (None, None, None);
    for (f, t) in found.iter().zip(timexes.iter_mut()) {
        if let Kind::Anaphor { unit, shift } = f.kind {
            t.value = match (unit, last) {
                ("year", (Some(y), ..)) => Some(format!("{:04}", y + shift)),
                ("month", (Some(y), Some(m), _)) => {
                    let (y, m) = calendar::shift_month(y, m, i64::from(shift));
                    Some(format!("{y:04}-{m:02}"))
                }
                ("day", (Some(y), Some(m), Some(d))) => calendar::valid(y, m, d)
                    .and_then(|d| calendar::shift_days(d, i64::from(shift)))
                    .map(calendar::iso),
                // "that same day" after "last October": a day of that month
                ("day", (Some(y), Some(m), None)) if shift == 0 => {
                    Some(format!("{y:04}-{m:02}-XX"))
                }
                // "until then": the date itself, as precise as it was given
                ("then", (Some(y), m, d)) => Some(match (m, d) {
                    (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
                    (Some(m), None) => format!("{y:04}-{m:02}"),
                    _ => format!("{y:04}"),
                }),
                _ => None,
            };
        }
        // a time of no day: on the day the text last gave
        if let (Kind::Clock(kind::ClockDay::Bare, ..), (Some(y), Some(m), Some(d))) =
            (&f.kind, last)
            && let Some(v) = t.value.as_mut()
            && let Some(time) = v.get(10..).map(str::to_string)
        {
            *v = format!("{y:04}-{m:02}-{d:02}{time}");
        }
        if let Some(v) = t.value.as_deref() {
            let part = |r: std::ops::Range<usize>| {
                v.get(r)
                    .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
                    .and_then(|p| p.parse::<u32>().ok())
            };
            if let Some(y) = part(0..4).filter(|_| v.len() == 4 || v.as_bytes()[4] == b'-') {
                let m = part(5..7).filter(|_| v.get(4..5) == Some("-"));
                let d = part(8..10).filter(|_| m.is_some() && v.get(7..8) == Some("-"));
                last = (i32::try_from(y).ok(), m, d);
            }
        }
    }
}

/// How many sentences back a quarter still sets the period of "a year earlier".
const QUARTER_CONTEXT_SENTENCES: usize = 8;

/// Earnings-report convention (TimeBank): "a year earlier", "a year ago",
/// "year-earlier" after a quarter ("third-quarter profit rose ... from $5
/// million a year earlier") mean that quarter a year before: `1988-Q3` after
/// `1989-Q3`. One pass in text order: the quarter named most so far (the
/// first named on a tie: the headline's), while the latest quarter is at most
/// [`QUARTER_CONTEXT_SENTENCES`] sentences back.
fn year_ago_quarters(found: &[Found], timexes: &mut [Timex], words: &Words) {
    let mut last: Option<usize> = None; // the sentence of the latest quarter
    let mut months_at: Option<usize> = None; // of the latest "nine months"
    let mut seen: Vec<((i64, String), usize)> = Vec::new(); // (year, "Qn"), mentions
    for (f, t) in found.iter().zip(timexes.iter_mut()) {
        let sentence = words.sentence_at(f.span.start).unwrap_or(0);
        match (&f.kind, t.value.as_deref()) {
            // a quarter of the story's time (not "the 1988 second quarter",
            // itself a year back)
            (
                Kind::Quarter(_)
                | Kind::QuarterIn {
                    y: kind::YearSpec::Rel(_),
                    ..
                }
                | Kind::QuarterRel(_),
                Some(v),
            ) => {
                if let Some((y, q)) = v.split_once("-Q")
                    && let Ok(y) = y.parse::<i64>()
                {
                    let key = (y, format!("Q{q}"));
                    match seen.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, n)) => *n += 1,
                        None => seen.push((key, 1)),
                    }
                    last = Some(sentence);
                }
            }
            // "for the nine months ... a year earlier": that period, not a quarter
            (Kind::Duration(v), _) if matches!(v.as_str(), "P6M" | "P9M") => {
                months_at = Some(sentence);
            }
            (Kind::Ago(1, "Y"), _) if months_at == Some(sentence) => {}
            (Kind::Ago(1, "Y"), _) => {
                // the quarter the story reports: the one named most so far
                // (a forecast of "the fourth quarter" does not replace it)
                let top = seen.iter().rev().max_by_key(|(_, n)| *n).map(|(k, _)| k);
                if let (Some(at), Some((y, q))) = (last, top)
                    && sentence.saturating_sub(at) <= QUARTER_CONTEXT_SENTENCES
                {
                    t.value = Some(format!("{:04}-{q}", y - 1));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
