//! Normalisation: the TIMEX3 value and type of a found expression, against
//! the document's anchor date (TimeML / TIDES conventions as annotated in
//! TempEval-3: `2013-03-22`, `2013-W11`, `1998-Q1`, `P3D`, `PRESENT_REF`...).

use super::calendar::{
    Anchor, days_between, iso, iso_week, shift_days, shift_month, valid, weekday,
};
use super::{ClockDay, Kind};
use quotewire_doc::TimexType;

/// A day offset of 0 becomes a full week ("last Thursday" on a Thursday).
fn nonzero_week(d: i64) -> i64 {
    if d == 0 { 7 } else { d }
}

/// The TIMEX3 type of an expression.
pub(super) fn kind_type(k: &Kind) -> TimexType {
    match k {
        Kind::Duration(_) => TimexType::Duration,
        Kind::Set(_) => TimexType::Set,
        Kind::DayPart(..) | Kind::Clock(..) => TimexType::Time,
        _ => TimexType::Date,
    }
}

/// `YYYY-MM` of a `(year, month)` pair.
fn year_month((y, m): (i64, i64)) -> String {
    format!("{y:04}-{m:02}")
}

/// Normalise one expression against the anchor; `future` says the sentence
/// looks ahead (a bare weekday or month then refers forward).
pub(super) fn value(k: &Kind, future: bool, anchor: Anchor) -> Option<String> {
    match *k {
        Kind::Year(y) => Some(format!("{y:04}")),
        Kind::Decade(d) => Some(format!("{d:03}")),
        Kind::IsoDate(d) => Some(iso(d)),
        Kind::Duration(ref v) | Kind::Set(ref v) => Some(v.clone()),
        Kind::MonthDay { m, d, y: Some(y) } => valid(y, m, d).map(iso),
        Kind::MonthDay { m, d, y: None } => match anchor {
            Anchor::Day(a) => {
                // the year putting the date closest to the anchor
                let ay = i32::from(a.year());
                (ay - 1..=ay + 1)
                    .filter_map(|y| valid(y, m, d))
                    .min_by_key(|c| days_between(*c, a).abs())
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
                let (ay, am) = (i32::from(a.year()), a.month() as u32);
                let y = if future && m < am {
                    ay + 1
                } else if !future && m > am {
                    // a month not yet begun, in a sentence not looking ahead: last year's
                    ay - 1
                } else {
                    ay
                };
                Some(format!("{y:04}-{m:02}"))
            }
            Anchor::Year(y, _) => Some(format!("{y:04}-{m:02}")),
            Anchor::None => None,
        },
        Kind::Weekday { wd, rel } => {
            let Anchor::Day(a) = anchor else { return None };
            let aw = weekday(a);
            let wd = i64::from(wd);
            let off = match rel {
                0 => wd - aw,
                -1 => -nonzero_week((aw - wd).rem_euclid(7)),
                1 => nonzero_week((wd - aw).rem_euclid(7)),
                _ if future => (wd - aw).rem_euclid(7),
                _ => -(aw - wd).rem_euclid(7),
            };
            Some(iso(shift_days(a, off)?))
        }
        Kind::Ref(r) => Some(r.to_string()),
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
        Kind::Season { code, rel } => anchor.year().map(|y| format!("{:04}-{code}", y + rel)),
        Kind::Quarter(q) => {
            let Anchor::Day(a) = anchor else {
                return q.map(|q| format!("XXXX-Q{q}"));
            };
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
                ClockDay::Weekday(wd) => {
                    value(&Kind::Weekday { wd, rel: i32::MIN }, future, anchor)?
                }
            };
            Some(format!("{date}T{h:02}:{mi:02}"))
        }
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
