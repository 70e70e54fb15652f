//! Word lists of the recogniser: number words, units, cues, deictic words,
//! frequency words, ordinals, seasons, parts of the day, time zones.
//! Sources: English function words and the TIMEX3 value codes of the TimeML
//! guidelines (TimeML 1.2.1, TIDES 2005: `P1D`, `PXY`, `SP`/`SU`/`FA`/`WI`, `MO`/`AF`/`EV`/`NI`).

use quotewire_doc::calendar::WEEKDAYS_EN as WEEKDAYS;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// Words before "May" that make it the month (otherwise "May" is left alone).
pub(super) const MAY_CUES: &[&str] = &[
    "in", "since", "by", "until", "last", "next", "early", "late", "mid", "this", "of",
];
/// Words before a bare month or weekday that make it a deadline ("by
/// February", "until Tuesday"): the coming month, the nearest weekday.
pub(super) const DEADLINE_CUES: &[&str] = &["by", "until", "till"];
/// Number words for durations.
pub(super) const NUMBER_WORDS: &[(&str, u32)] = &[
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
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("several", 0),
    ("few", 0),
];
/// Duration units and their TIMEX3 letters.
pub(super) const UNITS: &[(&str, &str)] = &[
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
    // plural only: "a quarter" is mostly a fraction
    ("quarters", "Q"),
    ("hour", "H"),
    ("hours", "H"),
    ("minute", "MIN"),
    ("minutes", "MIN"),
    ("second", "S"),
    ("seconds", "S"),
];
/// Phrases marking a sentence as future-oriented: a bare weekday or month in
/// it refers forward from the anchor.
pub(super) const FUTURE_MARKERS: &[&str] = &[
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
pub(super) const FUTURE_WINDOW: usize = 8;
/// Deictic words and their TIMEX3 reference values.
pub(super) const REF_WORDS: &[(&str, &str)] = &[
    ("now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("current", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("recent", "PAST_REF"),
    ("future", "FUTURE_REF"),
    ("past", "PAST_REF"),
];
/// Frequency words (TIMEX3 SET) and their values.
pub(super) const SET_WORDS: &[(&str, &str)] = &[
    ("daily", "P1D"),
    ("weekly", "P1W"),
    ("monthly", "P1M"),
    ("annually", "P1Y"),
    ("yearly", "P1Y"),
    ("hourly", "PT1H"),
];
/// Ordinals naming quarters (index 0 = first).
pub(super) const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th",
];
/// Seasons and their TIMEX3 codes.
pub(super) const SEASONS: &[(&str, &str)] = &[
    ("spring", "SP"),
    ("summer", "SU"),
    ("fall", "FA"),
    ("autumn", "FA"),
    ("winter", "WI"),
];
/// Words before a counted duration that belong to the expression ("the
/// last three months", "nearly two years"); two-word ones are in [`APPROX2`].
pub(super) const APPROX: &[&str] = &[
    "nearly",
    "almost",
    "about",
    "over",
    "some",
    "roughly",
    "approximately",
    "around",
    "barely",
    "just",
];
/// Two-word approximators before a counted duration ("more than a year").
pub(super) const APPROX2: &[(&str, &str)] = &[
    ("more", "than"),
    ("less", "than"),
    ("fewer", "than"),
    ("up", "to"),
    ("at", "least"),
    ("at", "most"),
];
/// Parts of the day and their TIMEX3 suffixes.
pub(super) const DAY_PARTS: &[(&str, &str)] = &[
    ("morning", "MO"),
    ("afternoon", "AF"),
    ("evening", "EV"),
    ("night", "NI"),
];
/// Time-zone abbreviations that may follow a clock time.
pub(super) const ZONES: &[&str] = &[
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET",
];

/// Ordinal words from "first" (index 0) to "twenty-first": centuries.
pub(super) const ORDINAL_WORDS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
];
/// Decades in words, from the 1920s (index 0): "the nineties" = `199`.
pub(super) const DECADE_WORDS: &[&str] = &[
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// Every lower-case, letters-only word a rule of [`super::extent::find`] can start at (a
/// capitalised word, or one with a digit, hyphen or apostrophe, is always
/// tried).
pub(super) static TRIGGERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut s: HashSet<&'static str> = HashSet::default();
    s.extend(WEEKDAYS.iter().copied());
    s.extend(NUMBER_WORDS.iter().map(|x| x.0));
    s.extend(UNITS.iter().map(|x| x.0));
    s.extend(REF_WORDS.iter().map(|x| x.0));
    s.extend(SET_WORDS.iter().map(|x| x.0));
    s.extend(ORDINALS.iter().copied());
    s.extend(ORDINAL_WORDS.iter().copied());
    s.extend(SEASONS.iter().map(|x| x.0));
    s.extend(DECADE_WORDS.iter().copied());
    s.extend([
        "noon",
        "midday",
        "midnight",
        "while",
        "then",
        "this",
        "last",
        "tomorrow",
        "yesterday",
        "today",
        "tonight",
        "quarter",
        "period",
        "future",
        "term",
        "weekend",
        "couple",
        "half",
    ]);
    s
});
