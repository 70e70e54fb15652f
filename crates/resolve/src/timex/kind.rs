//! What the recogniser found, before normalisation, and its TIMEX3 type.

use super::calendar::Date;
use super::tense::Tense;
use quotewire_doc::{Span, TimexType};

/// What kind of expression was found, before normalisation.
#[derive(Debug, Clone)]
pub(super) enum Kind {
    /// A month with "last"/"next" before it.
    MonthRel {
        m: u32,
        rel: i32,
    },
    /// A weekday (Monday = 0), `rel` -1/0/1 for last/this/next (`i32::MIN`:
    /// bare). A part of the day after it belongs to the expression, as
    /// TempEval-3's training data mostly annotates it (27 of 32 times).
    Weekday {
        wd: u32,
        rel: i32,
        /// A part of the day after it ("Wednesday night": `NI`), part of the
        /// expression: the value is `2000-01-05TNI`.
        part: Option<&'static str>,
    },
    /// "last April", "next March", "this September" (`rel` -1, 1, 0): the
    /// nearest such month before the anchor's month, after it, or in the
    /// anchor's year.
    MonthNear {
        m: u32,
        rel: i32,
    },
    /// A quarter of a given year: "the 1988 second quarter", "this year's
    /// third quarter", "the third quarter of 1984" (`q` None: "the 1988
    /// quarter", the quarter of the latest one).
    QuarterIn {
        y: YearSpec,
        q: Option<u32>,
    },
    /// "this quarter" / "the current quarter" (0), "last quarter" (-1),
    /// "next quarter" (1): relative to the anchor's quarter.
    QuarterRel(i32),
    /// A half year: "the first half of 1989" → `1989-H1`.
    Half {
        y: YearSpec,
        h: u32,
    },
    /// A century by its ordinal: "the 20th century" → `19`.
    Century(i32),
    /// A holiday, with "last"/"next" before it (`rel`, `i32::MIN`: bare).
    Holiday {
        h: Holiday,
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
    /// A season of a given year: "the winter of 1994" → `1994-WI`.
    SeasonOf {
        code: &'static str,
        y: i32,
    },
    /// A year, month or day named by reference to the date the text last
    /// gave ("that year", "later that year", "the same day", "the following
    /// month", "until then"): that date's `unit` ("year", "month", "day";
    /// "then": the date as given) + `shift`,
    /// resolved after the pass (`None` when no earlier date fits).
    Anaphor {
        unit: &'static str,
        shift: i32,
    },
    /// "this past spring": the latest such season begun by the anchor.
    SeasonLatest {
        code: &'static str,
    },
    /// "the week of March 6": the ISO week holding that day.
    WeekOf {
        m: u32,
        d: u32,
        y: Option<i32>,
    },
    /// A season ("SP", "SU", "FA", "WI") of the anchor's year + `rel`.
    Season {
        code: &'static str,
        rel: i32,
    },
}

/// The year of a quarter or half.
#[derive(Debug, Clone, Copy)]
pub(super) enum YearSpec {
    /// A year given as a number.
    Abs(i32),
    /// The anchor's year plus this ("this year's": 0, "last year's": -1).
    Rel(i32),
}

/// Holidays with a fixed rule (United States ones where the date differs by
/// country, as news in English mostly means; the holidays HeidelTime's
/// English resources resolve by rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holiday {
    /// December 25.
    Christmas,
    /// December 24.
    ChristmasEve,
    /// January 1.
    NewYear,
    /// December 31.
    NewYearsEve,
    /// October 31.
    Halloween,
    /// February 14.
    Valentine,
    /// November 11.
    VeteransDay,
    /// The fourth Thursday of November.
    Thanksgiving,
    /// The first Monday of September.
    LaborDay,
    /// The last Monday of May.
    MemorialDay,
    /// The Tuesday after the first Monday of November.
    ElectionDay,
}

/// One recognised expression.
pub(super) struct Found {
    /// Byte span of the expression.
    pub(super) span: Span,
    /// What it is.
    pub(super) kind: Kind,
    /// The tense of its clause.
    pub(super) tense: Tense,
    /// Days to add to the value ("the day before last Tuesday": -1).
    pub(super) day_shift: i64,
}

/// The day a clock time is on.
#[derive(Debug, Clone, Copy)]
pub(super) enum ClockDay {
    /// No day given ("shot at 10 p.m."): the day of the text's latest
    /// date before it, else the anchor's.
    Bare,
    /// Days after the anchor ("yesterday" = -1, "today" 0).
    Rel(i64),
    /// A weekday name after the time ("9 a.m. Tuesday"), Monday = 0.
    Weekday(u32),
    /// A date after the time ("5 p.m. EST Nov. 9").
    Date { m: u32, d: u32, y: Option<i32> },
}

/// The TIMEX3 type of an expression.
pub(super) fn kind_type(k: &Kind) -> TimexType {
    match k {
        Kind::Duration(_) => TimexType::Duration,
        Kind::Set(_) => TimexType::Set,
        Kind::DayPart(..) | Kind::Clock(..) => TimexType::Time,
        Kind::Weekday { part: Some(_), .. } => TimexType::Time,
        _ => TimexType::Date,
    }
}
