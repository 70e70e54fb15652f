//! The dates a search takes (`since`, `until`).

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`: digits in the right places, a month
/// 01-12 and a day that exists in that month (leap years included).
pub(crate) fn is_date_prefix(d: &str) -> bool {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.clone().all(|i| b[i].is_ascii_digit());
    let num = |r: std::ops::Range<usize>| d[r].parse::<u32>().unwrap_or(0);
    let shape = match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    if !shape || b.len() == 4 {
        return shape;
    }
    let (year, month) = (num(0..4), num(5..7));
    if !(1..=12).contains(&month) {
        return false;
    }
    if b.len() == 7 {
        return true;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days).contains(&num(8..10))
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
