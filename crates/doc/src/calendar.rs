//! English calendar vocabulary shared by the stages that read dates (page
//! dates in `quotewire-extract`, time expressions in `quotewire-resolve`).
//!
//! Source: the Gregorian month and weekday names with their common news
//! abbreviations (AP style "Sept.", "Dec.").

/// English month names and abbreviations, lower case, with their number (1–12).
pub const MONTHS_EN: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// English weekday names, lower case, Monday first (index 0 = Monday, as ISO 8601).
pub const WEEKDAYS_EN: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_has_a_full_name_first() {
        for m in 1..=12 {
            assert_eq!(MONTHS_EN[m - 1].1 as usize, m);
        }
        assert_eq!(WEEKDAYS_EN[3], "thursday");
    }
}
