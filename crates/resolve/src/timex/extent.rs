//! Recognition of time-expression extents: one pass over the words of a
//! document, each match typed by a [`Kind`].

use super::calendar::{Anchor, parse_iso};
use super::kind::{ClockDay, Found, Kind, YearSpec};
use super::lexicon::*;
use super::phrase::*;
use super::tense::{self, Tense};
use crate::words::Words;
use quotewire_doc::calendar::WEEKDAYS_EN as WEEKDAYS;
use quotewire_doc::{Document, Span};

/// Find the time expressions of `doc` (spans and kinds).
pub(super) fn find(doc: &Document, words: &Words) -> Vec<Found> {
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
    // "Dec. 1", "December 1, 2018" at word `j`: (month, day, year, last word)
    let month_day_at = |j: usize| -> Option<(u32, u32, Option<i32>, usize)> {
        let m = month_of(tok(j)).filter(|_| ws.get(j).is_some_and(|w| w.cap))?;
        let mut k = j + 1;
        if tok(k) == "." && low(j).len() <= 4 {
            k += 1;
        }
        let d = day_of(tok(k))?;
        let mut end = k;
        let mut y = None;
        let mut n = k + 1;
        if tok(n) == "," {
            n += 1;
        }
        if let Some(yy) = year_of(tok(n)) {
            y = Some(yy);
            end = n;
        }
        Some((m, d, y, end))
    };
    // a quarter at word `j`: "second quarter", "third-quarter" (Some(q)), or
    // "quarter"/"period" (None, the latest one); with its last word
    let quarter_at = |j: usize| -> Option<(Option<u32>, usize)> {
        let l = low(j);
        if matches!(l, "quarter" | "period") {
            return Some((None, j));
        }
        let q = ORDINALS
            .iter()
            .position(|w| l == *w || l.strip_suffix("-quarter") == Some(*w))?;
        let q = Some(q as u32 % 4 + 1);
        if l.ends_with("-quarter") {
            Some((q, j))
        } else if low(j + 1) == "quarter" {
            Some((q, j + 1))
        } else if low(j + 1) == "fiscal" && low(j + 2) == "quarter" {
            Some((q, j + 2))
        } else {
            None
        }
    };
    // a year at word `j`: "1984" or "this/last/next year"; with its last word
    let year_at = |j: usize| -> Option<(YearSpec, usize)> {
        if let Some(y) = year_of(tok(j)) {
            return Some((YearSpec::Abs(y), j));
        }
        let rel = match low(j) {
            "this" | "the" => 0,
            "last" => -1,
            "next" => 1,
            _ => return None,
        };
        (low(j + 1) == "year").then_some((YearSpec::Rel(rel), j + 1))
    };
    let mut out: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let t = tok(i);
        let l = low(i);
        // most words are lower-case words no rule starts at: one look-up
        if !ws[i].cap && l.bytes().all(|c| c.is_ascii_lowercase()) && !TRIGGERS.contains(l) {
            i += 1;
            continue;
        }
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
            let (day, end) = clock_day(end_i, &tok, &low, &month_day_at);
            end_i = end;
            kind = Some(Kind::Clock(day, h, mi));
        } else if let Some(wd) = WEEKDAYS.iter().position(|d| *d == l) {
            let rel = rel_of(prev).unwrap_or(i32::MIN);
            let j = if tok(i + 1) == "," { i + 2 } else { i + 1 };
            if let Some((m, d, y, end)) = month_day_at(j).filter(|_| rel == i32::MIN) {
                // "Saturday, April 25", "Friday Oct. 13": one date
                end_i = end;
                kind = Some(Kind::MonthDay { m, d, y });
            } else {
                // "Wednesday night", "Friday morning": the part of that day
                let part = DAY_PARTS
                    .iter()
                    .find(|(w, _)| *w == low(i + 1))
                    .map(|x| x.1);
                // "Tuesday nights", "Sunday mornings": every one (TIMEX3 SET)
                let every = DAY_PARTS
                    .iter()
                    .find(|(w, _)| low(i + 1).strip_suffix('s') == Some(*w))
                    .map(|x| x.1);
                if part.is_some() || every.is_some() {
                    end_i = i + 1;
                }
                kind = Some(match every {
                    Some(p) if rel == i32::MIN => Kind::Set(format!("XXXX-WXX-{}T{p}", wd + 1)),
                    _ => Kind::Weekday {
                        wd: wd as u32,
                        rel,
                        part,
                    },
                });
            }
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
            } else if let Some((y, end)) = spelled_year(&low, j) {
                // "January nineteen ninety-seven" (transcripts)
                end_i = end;
                kind = Some(Kind::Month { m, y: Some(y) });
            } else if is_may_ok && !abbreviated {
                kind = Some(match prev {
                    // "last February", "next March", "this September": the
                    // nearest such month before / after / of the anchor
                    "last" | "next" | "this" => Kind::MonthNear {
                        m,
                        rel: match prev {
                            "last" => -1,
                            "next" => 1,
                            _ => 0,
                        },
                    },
                    _ => Kind::Month { m, y: None },
                });
            }
        } else if let Some(d) = day_of(t) {
            // "1 December 2018"; "the 20th century"
            if low(i + 1) == "century" && t.len() > 2 && !t.ends_with(|c: char| c.is_ascii_digit())
            {
                end_i = i + 1;
                kind = Some(Kind::Century(d as i32));
            } else if let Some(m) =
                month_of(tok(i + 1)).filter(|_| ws.get(i + 1).is_some_and(|w| w.cap))
            {
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
            if let Some((q, end)) = quarter_at(i + 1).filter(|_| !money) {
                // "the 1988 second quarter", "the 1988 period"
                end_i = end;
                kind = Some(Kind::QuarterIn {
                    y: YearSpec::Abs(y),
                    q,
                });
            } else if !money && !unit_after {
                kind = Some(Kind::Year(y));
            }
        } else if t.len() == 5 && t.ends_with("0s") && t[..4].bytes().all(|c| c.is_ascii_digit()) {
            if let Ok(y) = t[..4].parse::<i32>() {
                kind = Some(Kind::Decade(y / 10));
            }
        } else if let Anchor::Day(d) = parse_iso(t).filter_iso(t) {
            kind = Some(Kind::IsoDate(d));
        } else if matches!(l, "year-earlier" | "year-ago") {
            // "year-earlier profit", "the year-ago quarter"; "the year-ago
            // third quarter": that quarter of the year before
            if let Some((Some(q), end)) = quarter_at(i + 1) {
                end_i = end;
                kind = Some(Kind::QuarterIn {
                    y: YearSpec::Rel(-1),
                    q: Some(q),
                });
            } else {
                if matches!(low(i + 1), "quarter" | "period") {
                    end_i = i + 1;
                }
                kind = Some(Kind::Ago(1, "Y"));
            }
        } else if let Some(v) = SET_WORDS.iter().find(|(w, _)| *w == l).map(|x| x.1) {
            // "daily": a TIMEX3 SET
            kind = Some(Kind::Set(v.to_string()));
        } else if let Some(k) = hyphen_prefixed(l) {
            // "mid-November", "late-1990s", "post-1959"
            kind = Some(k);
        } else if let Some((y, end)) = spelled_year(&low, i) {
            // "nineteen ninety-six"
            end_i = end;
            kind = Some(Kind::Year(y));
        } else if let Some(v) = hyphen_duration(l) {
            // "two-year", "10-year", "16-hour"
            kind = Some(Kind::Duration(v));
        } else if low(i + 1) == "century"
            && let Some(n) = ORDINAL_WORDS.iter().position(|w| *w == l)
        {
            // "the twentieth century"
            end_i = i + 1;
            kind = Some(Kind::Century(n as i32 + 1));
        } else if let Some((h, end)) = holiday_at(&low, ws, i) {
            // "Thanksgiving Day", "Christmas", "New Year's Day"
            end_i = end;
            kind = Some(Kind::Holiday {
                h,
                rel: rel_of(prev).unwrap_or(i32::MIN),
            });
        } else if prev == "the"
            && let Some(d) = DECADE_WORDS.iter().position(|w| *w == l)
        {
            // "the nineties": 199 (of the 20th century)
            kind = Some(Kind::Decade(192 + d as i32));
        } else if l == "year"
            && prev == "the"
            && let Some((y, end)) = spelled_year(&low, i + 1)
        {
            // "the year two thousand"
            end_i = end;
            kind = Some(Kind::Year(y));
        } else {
            let next = low(i + 1);
            if let Some(r) = REF_WORDS.iter().find(|(w, _)| *w == l).map(|x| x.1) {
                // "now", "recently"; "the future", "the past" with their article
                // "the future", "the past"; bare "future" is mostly an adjective
                let needs_the = matches!(l, "past" | "future");
                let counted = NUMBER_WORDS.iter().any(|(w, _)| *w == next)
                    || next.parse::<u32>().is_ok()
                    || UNITS.iter().any(|(w, _)| *w == next)
                    || matches!(next, "quarter" | "fiscal");
                if counted && l == "recent" {
                    // "recent years": an unspecified duration
                    if let Some((_, u)) = UNITS.iter().find(|(w, _)| *w == next) {
                        end_i = i + 1;
                        kind = Some(Kind::Duration(format!("PX{u}")));
                    }
                } else if !counted && (!needs_the || prev == "the") {
                    // sentence-initial "Now," is a discourse marker
                    if !(l == "now" && ws[i].initial && tok(i + 1) == ",") {
                        kind = Some(Kind::Ref(r));
                    }
                }
            } else if let Some(q) = ORDINALS
                .iter()
                .position(|w| l == *w || l.strip_suffix("-quarter") == Some(*w))
            {
                let _ = q;
                if let Some((q, end)) = quarter_at(i).filter(|(q, _)| q.is_some()) {
                    end_i = end;
                    kind = Some(Kind::Quarter(q));
                    // "the third quarter of 1984", "the first quarter of next year"
                    if low(end + 1) == "of"
                        && let Some((y, e)) = year_at(end + 2)
                    {
                        end_i = e;
                        kind = Some(Kind::QuarterIn { y, q });
                    }
                } else if next == "half"
                    && low(i + 2) == "of"
                    && let Some((y, e)) = year_at(i + 3)
                    && matches!(l, "first" | "second")
                {
                    // "the first half of 1989"
                    end_i = e;
                    kind = Some(Kind::Half {
                        y,
                        h: if l == "first" { 1 } else { 2 },
                    });
                }
            } else if l == "last"
                && next == "half"
                && low(i + 2) == "of"
                && let Some((y, e)) = year_at(i + 3)
            {
                // "the last half of 1989"
                end_i = e;
                kind = Some(Kind::Half { y, h: 2 });
            } else if l == "quarter" && matches!(prev, "the" | "latest") {
                kind = Some(Kind::Quarter(None));
            } else if l == "quarter"
                && let Some(rel) = rel_of(prev).or((prev == "current").then_some(0))
            {
                // "this quarter", "the current quarter", "next quarter"
                kind = Some(Kind::QuarterRel(rel));
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
                    "day" | "month" | "year" if anaphor_before(&low, i).is_some() => {
                        // "that year", "the same day", "the following month"
                        let (_, shift) = anaphor_before(&low, i).unwrap_or((1, 0));
                        kind = Some(Kind::Anaphor {
                            unit: leak(l),
                            shift,
                        });
                    }
                    _ if SEASONS.iter().any(|(w, _)| *w == l) && rel_of(prev).is_some() => {
                        let code = SEASONS.iter().find(|(w, _)| *w == l).map_or("SU", |x| x.1);
                        kind = Some(if prev == "past" && low(i.saturating_sub(2)) == "this" {
                            // "this past spring": the latest one begun
                            Kind::SeasonLatest { code }
                        } else {
                            Kind::Season {
                                code,
                                rel: rel_of(prev).unwrap_or(0),
                            }
                        });
                    }
                    "week"
                        if prev == "the" && low(i + 1) == "of" && month_day_at(i + 2).is_some() =>
                    {
                        // "the week of March 6": the week holding that day
                        if let Some((m, d, y, end)) = month_day_at(i + 2) {
                            end_i = end;
                            kind = Some(Kind::WeekOf { m, d, y });
                        }
                    }
                    // "until then", "by then": the date just given
                    "then" if DEADLINE_CUES.contains(&prev) => {
                        kind = Some(Kind::Anaphor {
                            unit: "then",
                            shift: 0,
                        });
                    }
                    // "these days": now
                    "days" if prev == "these" => kind = Some(Kind::Ref("PRESENT_REF")),
                    // "for a while": some unspecified time
                    "while" if prev == "a" && low(i.saturating_sub(2)) == "for" => {
                        kind = Some(Kind::Duration("PXX".to_string()));
                    }
                    "days" | "weeks" | "months" | "years" | "decades" | "hours"
                        if matches!(prev, "for" | "over" | "coming" | "within" | "in")
                            || (prev == "the"
                                && (matches!(
                                    low(i.saturating_sub(2)),
                                    "over" | "in" | "during" | "throughout"
                                ) || next == "ahead")
                                && !matches!(
                                    next,
                                    "before" | "after" | "of" | "since" | "between" | "when"
                                )) =>
                    {
                        // "for weeks", "within weeks", "first time in years",
                        // "over the years", "in the weeks ahead"
                        if prev == "the" && next == "ahead" {
                            end_i = i + 1;
                        }
                        let u = UNITS.iter().find(|(w, _)| *w == l).map_or("Y", |x| x.1);
                        kind = Some(Kind::Duration(match u {
                            "H" => "PTXH".to_string(),
                            "DE" => "PXDE".to_string(),
                            u => format!("PX{u}"),
                        }));
                    }
                    "year"
                        if (prev == "the"
                            || (prev == "full" && low(i.saturating_sub(2)) == "the")
                            || (prev == "fiscal"
                                && (low(i.saturating_sub(2)) == "the"
                                    || (low(i.saturating_sub(2)) == "current"
                                        && low(i.saturating_sub(3)) == "the"))))
                            && !matches!(next, "before" | "after" | "earlier" | "later") =>
                    {
                        // "the year ended June 30": that fiscal year, a
                        // duration; "for the full year", "the year": the
                        // anchor's year
                        kind = Some(if matches!(next, "ended" | "ending") && prev != "full" {
                            Kind::Duration("P1Y".to_string())
                        } else {
                            Kind::Unit {
                                unit: "year",
                                rel: 0,
                            }
                        });
                    }
                    _ if SEASONS.iter().any(|(w, _)| *w == l)
                        && (prev == "the"
                            || (matches!(prev, "early" | "late")
                                && low(i.saturating_sub(2)) == "the")) =>
                    {
                        // "the summer", "the early summer": the anchor's year's
                        let code = SEASONS.iter().find(|(w, _)| *w == l).map_or("SU", |x| x.1);
                        kind = Some(Kind::Season { code, rel: 0 });
                        // "the winter of 1994", "the winter of nineteen ninety-four"
                        if low(i + 1) == "of"
                            && let Some((y, end)) = year_of(tok(i + 2))
                                .map(|y| (y, i + 2))
                                .or_else(|| spelled_year(&low, i + 2))
                        {
                            end_i = end;
                            kind = Some(Kind::SeasonOf { code, y });
                        }
                    }
                    "period" if prev == "latest" && low(i.saturating_sub(2)) == "the" => {
                        // earnings reports: "the latest period" is the latest quarter
                        kind = Some(Kind::Quarter(None));
                    }
                    "future" | "term"
                        if matches!(prev, "near" | "short" | "long")
                            && low(i.saturating_sub(2)) == "the"
                            && (l == "term" || prev == "near") =>
                    {
                        // "the near future", "the short term"
                        kind = Some(Kind::Ref("FUTURE_REF"));
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
                        if let Some(rel) = rel_of(prev).or((prev == "current").then_some(0)) {
                            kind = Some(Kind::Unit { unit: leak(l), rel });
                            // "this year's third quarter", "last year's quarter"
                            if l == "year"
                                && matches!(tok(i + 1), "'s" | "’s")
                                && let Some((q, end)) = quarter_at(i + 2)
                                && low(end) != "period"
                            {
                                end_i = end;
                                kind = Some(Kind::QuarterIn {
                                    y: YearSpec::Rel(rel),
                                    q,
                                });
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut counted = false;
        if kind.is_none()
            && let Some((k, e)) = counted_duration(&low, i)
        {
            kind = Some(k);
            end_i = e;
            counted = true;
        }
        if let Some(k) = kind {
            let mut first = i;
            let mut k = k;
            // include a leading "last/next/this" in weekday, unit and season expressions
            // ("earlier this week": TimeBank leaves "earlier" out)
            if matches!(k, Kind::Weekday { rel, .. } | Kind::Holiday { rel, .. } if rel != i32::MIN)
                || matches!(
                    k,
                    Kind::Unit { .. }
                        | Kind::MonthRel { .. }
                        | Kind::MonthNear { .. }
                        | Kind::Season { .. }
                        | Kind::Weekend(_)
                        | Kind::QuarterRel(_)
                )
                || matches!(k, Kind::QuarterIn { y: YearSpec::Rel(_), .. } if l == "year")
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
                        wd,
                        rel: i32::MIN,
                        part,
                    } => Some(format!(
                        "XXXX-WXX-{}{}",
                        wd + 1,
                        part.map(|p| format!("T{p}")).unwrap_or_default()
                    )),
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
            // "the year", "the full year", "the early summer", "the latest
            // period", "the near future": their article (and adjective)
            let lead_in = match k {
                Kind::Unit { rel: 0, .. } | Kind::Duration(_)
                    if l == "year" && prev != "this" && prev != "current" =>
                {
                    true
                }
                Kind::Season { rel: 0, .. } | Kind::SeasonOf { .. } if prev != "this" => true,
                Kind::Quarter(None) if l == "period" => true,
                Kind::Duration(_) if prev == "coming" => true,
                Kind::Ref("FUTURE_REF") if matches!(l, "term" | "future") && prev != "the" => true,
                _ => false,
            };
            if lead_in {
                first = i;
                if matches!(
                    low(first - 1),
                    "full" | "early" | "late" | "latest" | "near" | "short" | "long" | "coming"
                ) {
                    first -= 1;
                }
                // "the fiscal year", "the current fiscal year"
                if low(first - 1) == "fiscal" {
                    first -= 1;
                    if low(first - 1) == "current" {
                        first -= 1;
                    }
                }
                if first > 0 && low(first - 1) == "the" {
                    first -= 1;
                }
            }
            // "the quarter a year ago": that quarter of the year before
            if let Kind::Quarter(None) = k
                && low(end_i + 1) == "a"
                && low(end_i + 2) == "year"
                && matches!(low(end_i + 3), "ago" | "earlier")
            {
                k = Kind::QuarterIn {
                    y: YearSpec::Rel(-1),
                    q: None,
                };
                end_i += 3;
            }
            // "the mid-1990s"
            if matches!(k, Kind::Decade(_)) && l.contains('-') && prev == "the" {
                first -= 1;
            }
            // "these days", "a while": the word before
            if matches!(l, "days" | "while") && matches!(prev, "these" | "a") && !counted {
                first = i - 1;
            }
            // "over the years", "the weeks ahead": their article
            if !counted
                && prev == "the"
                && matches!(k, Kind::Duration(_))
                && matches!(
                    l,
                    "days" | "weeks" | "months" | "years" | "decades" | "hours"
                )
            {
                first = i - 1;
            }
            // "this past spring", "the week of March 6"
            if matches!(k, Kind::SeasonLatest { .. } | Kind::WeekOf { .. }) {
                first = i - if matches!(k, Kind::WeekOf { .. }) {
                    1
                } else {
                    2
                };
            }
            // "that year", "later that year", "the following month"
            if let Kind::Anaphor { .. } = k {
                first = i - anaphor_before(&low, i).map_or(0, |x| x.0);
                if first > 0 && matches!(low(first - 1), "later" | "earlier") {
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
                Kind::Quarter(_)
                    | Kind::QuarterIn { .. }
                    | Kind::QuarterRel(_)
                    | Kind::Half { .. }
                    | Kind::Century(_)
                    | Kind::Ref("FUTURE_REF" | "PRESENT_REF")
            ) || (end_i > i && l.starts_with("year-"))
                || (matches!(k, Kind::Unit { .. }) && prev == "current")
                || (matches!(k, Kind::Ref(_)) && l == "past")
            {
                if first > 0 && matches!(low(first - 1), "latest" | "current" | "past") {
                    first -= 1;
                }
                if first > 0 && low(first - 1) == "the" {
                    first -= 1;
                }
            }
            // "the day before last Tuesday", "the day after Jan. 5": a day off it
            let mut day_shift = 0;
            if matches!(
                k,
                Kind::Weekday { part: None, .. } | Kind::MonthDay { .. } | Kind::DayRel(_)
            ) && first >= 2
                && low(first - 2) == "day"
                && let Some(d) = match low(first - 1) {
                    "before" => Some(-1),
                    "after" => Some(1),
                    _ => None,
                }
            {
                day_shift = d;
                first -= 2;
                if first > 0 && low(first - 1) == "the" {
                    first -= 1;
                }
            }
            let span = Span::new(ws[first].span.start, ws[end_i].span.end);
            // the clause's tense (verbs and their tags); without tags, a future
            // marker among the words shortly before the expression
            let mut tense = tense::tense(words, first, end_i, &low);
            if tense == Tense::Unknown && tense::future_marker(text, words, span) {
                tense = Tense::Future;
            }
            // "ahead of the weekend", "ahead of Tuesday's vote": the coming one
            if first >= 2 && low(first - 1) == "of" && low(first - 2) == "ahead" {
                tense = Tense::Future;
            }
            // a deadline ("by February", "until 9 a.m. Tuesday") names the
            // coming month, and the weekday nearest the anchor, whatever the
            // clause's tense ("had until Thursday" on a Friday: yesterday)
            if first > 0 && DEADLINE_CUES.contains(&low(first - 1)) {
                match k {
                    Kind::Month { y: None, .. } => tense = Tense::Future,
                    Kind::Weekday { rel: i32::MIN, .. } | Kind::Clock(ClockDay::Weekday(_), ..) => {
                        tense = Tense::Nearest
                    }
                    _ => {}
                }
            }
            out.push(Found {
                span,
                kind: k,
                tense,
                day_shift,
            });
            i = end_i + 1;
        } else {
            i += 1;
        }
    }
    out
}
