//! The dates a search takes (`since`, `until`).

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`: digits in the right places, a month
/// 01-12 and a day that exists in that month (leap years included; the
/// calendar is jiff's, as in the resolve stage).
pub(crate) fn is_date_prefix(d: &str) -> bool {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.clone().all(|i| b[i].is_ascii_digit());
    let num = |r: std::ops::Range<usize>| d[r].parse::<i8>().unwrap_or(0);
    let shape = match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    if !shape || b.len() == 4 {
        return shape;
    }
    let year = d[0..4].parse::<i16>().unwrap_or(0);
    let day = if b.len() == 10 { num(8..10) } else { 1 };
    jiff::civil::Date::new(year, num(5..7), day).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(is_date_prefix("2018"));
        assert!(is_date_prefix("2018-03"));
        assert!(is_date_prefix("2018-03-01"));
        assert!(!is_date_prefix("March 2018"));
        assert!(!is_date_prefix("2018-3-1"));
        // real calendar dates only
        assert!(!is_date_prefix("2021-13"));
        assert!(!is_date_prefix("2021-00"));
        assert!(!is_date_prefix("2021-02-30"));
        assert!(!is_date_prefix("2021-02-29"));
        assert!(is_date_prefix("2020-02-29"));
        assert!(!is_date_prefix("1900-02-29"));
        assert!(is_date_prefix("2000-02-29"));
        assert!(!is_date_prefix("2021-04-31"));
        assert!(!is_date_prefix("2021-01-00"));
        assert!(is_date_prefix("2021-12-31"));
    }
}
