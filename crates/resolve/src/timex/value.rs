//! Normalisation: the TIMEX3 value and type of a found expression, against
//! the document's anchor date (TimeML / TIDES conventions as annotated in
//! TempEval-3: `2013-03-22`, `2013-W11`, `1998-Q1`, `P3D`, `PRESENT_REF`...).

use super::calendar::{
    Anchor, Date, days_between, iso, iso_week, parse_iso, shift_days, shift_month, valid, weekday,
};
use super::kind::{ClockDay, Holiday, Kind, YearSpec};
use super::tense::Tense;

/// A day offset of 0 becomes a full week ("last Thursday" on a Thursday).
fn nonzero_week(d: i64) -> i64 {
    if d == 0 { 7 } else { d }
}

/// `YYYY-MM` of a `(year, month)` pair.
fn year_month((y, m): (i64, i64)) -> String {
    format!("{y:04}-{m:02}")
}

/// Days back from the anchor within which an underspecified month-day in a
/// clause of no clear tense is taken as past ("the year ended March 31" in a
/// November story is the last March); further back, the coming one.
const PAST_MONTH_DAY_DAYS: i64 = 240;

/// Days back within which an underspecified month-day in a past-tense
/// clause is the last one ("the call took place on March 21" in a November
/// story); further back, as in a clause of no clear tense.
const PAST_CLAUSE_MONTH_DAY_DAYS: i64 = 300;

/// Normalise one expression against the anchor; `tense` is its clause's (a
/// bare weekday, month or month-day refers forward in a future clause, back in
/// a past one).
pub(super) fn value(k: &Kind, tense: Tense, anchor: Anchor) -> Option<String> {
    let future = tense == Tense::Future;
    match *k {
        Kind::Year(y) => Some(format!("{y:04}")),
        Kind::Decade(d) => Some(format!("{d:03}")),
        Kind::IsoDate(d) => Some(iso(d)),
        Kind::Duration(ref v) | Kind::Set(ref v) => Some(v.clone()),
        Kind::MonthDay { m, d, y: Some(y) } => valid(y, m, d).map(iso),
        Kind::MonthDay { m, d, y: None } => match anchor {
            Anchor::Day(a) => pick_year(a, tense, i32::MIN, |y| valid(y, m, d)).map(iso),
            Anchor::Year(y, _) => valid(y, m, d).map(iso),
            Anchor::None => Some(format!("XXXX-{m:02}-{d:02}")),
        },
        Kind::Month { m, y: Some(y) } => Some(format!("{y:04}-{m:02}")),
        Kind::MonthRel { m, rel } => anchor.year().map(|y| format!("{:04}-{m:02}", y + rel)),
        Kind::Month { m, y: None } => match anchor {
            Anchor::Day(a) => {
                // a bare month is in the anchor's year, unless the clause looks
                // ahead past the year's end, or back (or nowhere) to a month
                // not yet begun (TimeBank practice; HeidelTime's tense rule);
                // the coming month is this year's whatever the tense ("told
                // of a cutback in September" in mid-August)
                let (ay, am) = (i32::from(a.year()), a.month() as u32);
                let coming = m == am % 12 + 1;
                let y = match tense {
                    _ if coming && am == 12 => ay + 1,
                    Tense::Future if m < am => ay + 1,
                    Tense::Past | Tense::Present | Tense::Unknown if m > am && !coming => ay - 1,
                    _ => ay,
                };
                Some(format!("{y:04}-{m:02}"))
            }
            Anchor::Year(y, _) => Some(format!("{y:04}-{m:02}")),
            Anchor::None => None,
        },
        Kind::Weekday {
            wd,
            rel,
            part: Some(part),
        } => {
            let day = value(
                &Kind::Weekday {
                    wd,
                    rel,
                    part: None,
                },
                tense,
                anchor,
            )?;
            Some(format!("{day}T{part}"))
        }
        Kind::Weekday {
            wd,
            rel,
            part: None,
        } => {
            let Anchor::Day(a) = anchor else { return None };
            let aw = weekday(a);
            let wd = i64::from(wd);
            let off = match rel {
                0 => wd - aw,
                -1 => -nonzero_week((aw - wd).rem_euclid(7)),
                1 => nonzero_week((wd - aw).rem_euclid(7)),
                // within three days either side
                _ if tense == Tense::Nearest => (wd - aw + 3).rem_euclid(7) - 3,
                _ if future => (wd - aw).rem_euclid(7),
                _ => -(aw - wd).rem_euclid(7),
            };
            Some(iso(shift_days(a, off)?))
        }
        Kind::Ref(r) => Some(r.to_string()),
        // resolved against the text's previous date (`super::anaphors`)
        Kind::Anaphor { .. } => None,
        Kind::Weekend(rel) => {
            let Anchor::Day(a) = anchor else { return None };
            // the weekend (Saturday, Sunday) of the anchor's ISO week
            let in_weekend = weekday(a) >= 5;
            let weeks = match rel {
                // "next weekend" on a weekday is the coming one, of this ISO week
                Some(1) if !in_weekend => 0,
                Some(r) => i64::from(r),
                None if future || in_weekend => 0,
                None => -1,
            };
            let w = iso_week(shift_days(a, 7 * weeks)?);
            Some(format!("{w}-WE"))
        }
        Kind::SeasonOf { code, y } => Some(format!("{y:04}-{code}")),
        Kind::SeasonLatest { code } => {
            let Anchor::Day(a) = anchor else {
                return anchor.year().map(|y| format!("{y:04}-{code}"));
            };
            // the month each season begins
            let start = match code {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            let y = i32::from(a.year()) - i32::from((a.month() as u32) < start);
            Some(format!("{y:04}-{code}"))
        }
        Kind::WeekOf { m, d, y } => {
            let day = value(&Kind::MonthDay { m, d, y }, tense, anchor)?;
            match parse_iso(&day) {
                Anchor::Day(day) => Some(iso_week(day)),
                _ => None,
            }
        }
        Kind::Season { code, rel } => anchor.year().map(|y| format!("{:04}-{code}", y + rel)),
        Kind::Quarter(q) => {
            let Anchor::Day(a) = anchor else {
                return q.map(|q| format!("XXXX-Q{q}"));
            };
            if q.is_none() {
                let (y, q) = latest_quarter(anchor)?;
                return Some(format!("{y:04}-Q{q}"));
            }
            let (ay, am) = (i32::from(a.year()), a.month() as u32);
            let current = (am - 1) / 3 + 1;
            let (y, q) = match q {
                // a quarter not yet begun is last year's
                Some(q) if q > current => (ay - 1, q),
                Some(q) => (ay, q),
                // "the quarter": the latest completed one
                None if current == 1 => (ay - 1, 4),
                None => (ay, current - 1),
            };
            Some(format!("{y:04}-Q{q}"))
        }
        Kind::MonthNear { m, rel } => {
            let (ay, am) = match anchor {
                Anchor::Day(a) => (i32::from(a.year()), a.month() as u32),
                Anchor::Year(y, Some(m)) => (y, m),
                Anchor::Year(y, None) => return Some(format!("{:04}-{m:02}", y + rel)),
                Anchor::None => return None,
            };
            let y = match rel {
                -1 if m >= am => ay - 1,
                1 if m <= am => ay + 1,
                _ => ay,
            };
            Some(format!("{y:04}-{m:02}"))
        }
        Kind::QuarterIn { y, q } => {
            let y = match y {
                YearSpec::Abs(y) => y,
                YearSpec::Rel(r) => anchor.year()? + r,
            };
            let q = match q {
                Some(q) => q,
                // "the 1988 quarter": the quarter the story reports, the latest
                None => latest_quarter(anchor)?.1,
            };
            Some(format!("{y:04}-Q{q}"))
        }
        Kind::QuarterRel(rel) => {
            let Anchor::Day(a) = anchor else { return None };
            let current = i64::from((a.month() as u32 - 1) / 3 + 1);
            let total = i64::from(a.year()) * 4 + current - 1 + i64::from(rel);
            Some(format!(
                "{:04}-Q{}",
                total.div_euclid(4),
                total.rem_euclid(4) + 1
            ))
        }
        Kind::Half { y, h } => {
            let y = match y {
                YearSpec::Abs(y) => y,
                YearSpec::Rel(r) => anchor.year()? + r,
            };
            Some(format!("{y:04}-H{h}"))
        }
        Kind::Century(n) => Some(format!("{:02}", n - 1)),
        Kind::Holiday { h, rel } => {
            let Anchor::Day(a) = anchor else {
                return None;
            };
            pick_year(a, tense, rel, |y| holiday(h, y)).map(iso)
        }
        Kind::DayPart(off, part) => match anchor {
            Anchor::Day(a) => Some(format!("{}T{part}", iso(shift_days(a, off)?))),
            _ => None,
        },
        Kind::Clock(day, h, mi) => {
            let date = match day {
                ClockDay::Rel(off) => match anchor {
                    Anchor::Day(a) => iso(shift_days(a, off)?),
                    _ => return None,
                },
                ClockDay::Bare => match anchor {
                    Anchor::Day(a) => iso(a),
                    _ => return None,
                },
                ClockDay::Date { m, d, y } => value(&Kind::MonthDay { m, d, y }, tense, anchor)?,
                ClockDay::Weekday(wd) => value(
                    &Kind::Weekday {
                        wd,
                        rel: i32::MIN,
                        part: None,
                    },
                    tense,
                    anchor,
                )?,
            };
            Some(format!("{date}T{h:02}:{mi:02}"))
        }
        // "several years ago", "a few months ago": some time back
        Kind::Ago(0, _) => Some("PAST_REF".to_string()),
        Kind::Ago(n, unit) => {
            let n = i64::from(n);
            match (unit, anchor) {
                ("Y", _) => anchor.year().map(|y| format!("{:04}", i64::from(y) - n)),
                ("DE", _) => anchor
                    .year()
                    .map(|y| format!("{:03}", (i64::from(y) - 10 * n) / 10)),
                ("M", Anchor::Day(a)) => Some(year_month(shift_month(
                    i32::from(a.year()),
                    a.month() as u32,
                    -n,
                ))),
                ("W", Anchor::Day(a)) => Some(iso_week(shift_days(a, -7 * n)?)),
                ("D", Anchor::Day(a)) => Some(iso(shift_days(a, -n)?)),
                _ => None,
            }
        }
        Kind::DayRel(n) => match anchor {
            Anchor::Day(a) => Some(iso(shift_days(a, n)?)),
            _ => None,
        },
        Kind::Unit { unit, rel } => {
            let y = anchor.year()?;
            match unit {
                "year" => Some(format!("{:04}", y + rel)),
                "month" => {
                    let m = match anchor {
                        Anchor::Day(a) => a.month() as u32,
                        Anchor::Year(_, Some(m)) => m,
                        _ => return None,
                    };
                    Some(year_month(shift_month(y, m, i64::from(rel))))
                }
                _ => {
                    let Anchor::Day(a) = anchor else { return None };
                    Some(iso_week(shift_days(a, 7 * i64::from(rel))?))
                }
            }
        }
    }
}

/// The latest completed quarter before the anchor's: `(year, quarter)`.
fn latest_quarter(anchor: Anchor) -> Option<(i32, u32)> {
    let Anchor::Day(a) = anchor else { return None };
    let (ay, am) = (i32::from(a.year()), a.month() as u32);
    let current = (am - 1) / 3 + 1;
    Some(if current == 1 {
        (ay - 1, 4)
    } else {
        (ay, current - 1)
    })
}

/// The date of a yearly day (`date_in(year)`) an underspecified expression
/// means, around anchor `a`: with "last" (`rel` -1) the latest one before the
/// anchor, with "next" (1) the first one after it; bare (`i32::MIN`): the
/// next one in a future clause, otherwise the last one (on or before the
/// anchor) unless it is more than [`PAST_MONTH_DAY_DAYS`] back.
fn pick_year(
    a: Date,
    tense: Tense,
    rel: i32,
    date_in: impl Fn(i32) -> Option<Date>,
) -> Option<Date> {
    let ay = i32::from(a.year());
    let cands: Vec<Date> = (ay - 1..=ay + 1).filter_map(date_in).collect();
    let last = cands.iter().rev().find(|c| **c <= a).copied();
    let next = cands.iter().find(|c| **c > a).copied();
    match (rel, tense) {
        (-1, _) => cands.iter().rev().find(|c| **c < a).copied(),
        (1, _) => next,
        (_, Tense::Future) => next.or(last),
        // a past-tense clause tells of a day gone by ("the call took place
        // on March 21" in November: the last March)
        (_, Tense::Past)
            if last.is_some_and(|l| days_between(a, l) <= PAST_CLAUSE_MONTH_DAY_DAYS) =>
        {
            last
        }
        // a past clause still often names a coming date ("said the vote
        // would be held Nov. 20"): no rule of its own
        _ => match last {
            Some(l) if days_between(a, l) <= PAST_MONTH_DAY_DAYS => Some(l),
            _ => next.or(last),
        },
    }
}

/// The date of holiday `h` in year `y`.
fn holiday(h: Holiday, y: i32) -> Option<Date> {
    use jiff::civil::Weekday::{Monday, Thursday};
    let nth = |m: u32, n: i8, wd| valid(y, m, 1)?.nth_weekday_of_month(n, wd).ok();
    match h {
        Holiday::Christmas => valid(y, 12, 25),
        Holiday::ChristmasEve => valid(y, 12, 24),
        Holiday::NewYear => valid(y, 1, 1),
        Holiday::NewYearsEve => valid(y, 12, 31),
        Holiday::Halloween => valid(y, 10, 31),
        Holiday::Valentine => valid(y, 2, 14),
        Holiday::VeteransDay => valid(y, 11, 11),
        Holiday::Thanksgiving => nth(11, 4, Thursday),
        Holiday::LaborDay => nth(9, 1, Monday),
        Holiday::MemorialDay => nth(5, -1, Monday),
        Holiday::ElectionDay => shift_days(nth(11, 1, Monday)?, 1),
    }
}
