//! Unit tests of the timex stage (minimal inputs written for them).

use super::*;
use crate::words::Words;
use quotewire_doc::{Alignment, TimexType};

fn run(text: &str, published: Option<&str>) -> (Vec<(String, Option<String>)>, Vec<String>) {
    let mut d = Document::new("t", text.to_string(), Alignment::identity());
    d.meta.published = published.map(str::to_string);
    let w = Words::new(&d);
    timexes(&mut d, &w);
    (
        d.timexes
            .iter()
            .map(|t| (d.slice(t.span).to_string(), t.value.clone()))
            .collect(),
        d.warnings,
    )
}

#[test]
fn calendar() {
    use calendar::{iso_week, valid, weekday};
    let d = valid(2018, 12, 20).unwrap();
    assert_eq!(weekday(d), 3); // Thursday
    assert_eq!(iso_week(d), "2018-W51");
    // the ISO week-numbering year differs from the calendar year at its edges
    assert_eq!(iso_week(valid(2021, 1, 3).unwrap()), "2020-W53");
    assert_eq!(iso_week(valid(2019, 12, 30).unwrap()), "2020-W01");
    assert_eq!(valid(2019, 2, 29), None);
    assert_eq!(date_in_url("https://x.com/world/201812201070/"), Some(d));
    assert_eq!(date_in_url("/2021/04/92713-flood"), None);
    assert_eq!(date_in_url("sputnik-2018-12-20-putin"), Some(d));
    assert!(looks_like_uuid(
        "<urn:uuid:20181220-1111-2222-3333-444455556666>"
    ));
    assert!(looks_like_uuid("20181220-1111-2222-3333-444455556666"));
    assert!(!looks_like_uuid("sputnik-2018-12-20-putin"));
}

#[test]
fn values_against_publication_date() {
    let (t, w) = run(
        "He spoke on Thursday about December 1 and the 2016 vote. Inspectors will return in March. Last week, a week before Dec. 3, 2017, yesterday.",
        Some("2018-12-21T10:00"),
    );
    assert!(w.is_empty());
    let v = |s: &str| {
        t.iter()
            .find(|x| x.0 == s)
            .and_then(|x| x.1.clone())
            .unwrap_or_else(|| panic!("{s} in {t:?}"))
    };
    assert_eq!(v("Thursday"), "2018-12-20");
    assert_eq!(v("December 1"), "2018-12-01");
    assert_eq!(v("2016"), "2016");
    assert_eq!(v("March"), "2019-03");
    assert_eq!(v("Last week"), "2018-W50");
    assert_eq!(v("a week"), "P1W");
    assert_eq!(v("Dec. 3, 2017"), "2017-12-03");
    assert_eq!(v("yesterday"), "2018-12-20");
}

#[test]
fn stale_page_date_warns_and_reanchors() {
    let mut d = Document::new(
        "x",
        "Putin said on Thursday that the summit on December 1 and the 2016 election mattered."
            .into(),
        Alignment::identity(),
    );
    d.meta.published = Some("2021-04-15T00:12".into());
    d.meta.series = Some("Putin's 2018 Year-End Press Conference".into());
    let w = Words::new(&d);
    timexes(&mut d, &w);
    assert_eq!(d.warnings.len(), 1);
    assert!(d.warnings[0].contains("2021") && d.warnings[0].contains("2016–2018"));
    let v: Vec<_> = d
        .timexes
        .iter()
        .map(|t| t.value.clone().unwrap_or_default())
        .collect();
    assert_eq!(v, vec!["", "2018-12-01", "2016"]);
    // with a dated URL the weekday resolves too
    d.url = Some("https://example.invalid/20181220/putin.html".into());
    d.warnings.clear();
    timexes(&mut d, &w);
    assert_eq!(d.timexes[0].value.as_deref(), Some("2018-12-20"));
}

#[test]
fn deictic_quarters_and_ago() {
    let (t, _) = run(
        "Profit in the third quarter rose; two years ago it fell, and now it may grow in the future. Sales were weak last February and in recent years, the past two months, this morning.",
        Some("1989-10-26"),
    );
    let v = |s: &str| {
        t.iter()
            .find(|x| x.0 == s)
            .and_then(|x| x.1.clone())
            .unwrap_or_else(|| panic!("{s} in {t:?}"))
    };
    assert_eq!(v("the third quarter"), "1989-Q3");
    assert_eq!(v("two years ago"), "1987");
    assert_eq!(v("now"), "PRESENT_REF");
    assert_eq!(v("the future"), "FUTURE_REF");
    // "last February" in October: the latest February, of the same year
    assert_eq!(v("last February"), "1989-02");
    assert_eq!(v("recent years"), "PXY");
    assert_eq!(v("the past two months"), "P2M");
    assert_eq!(v("this morning"), "1989-10-26TMO");
    let (t, _) = run("A two-year deal pays daily.", Some("1989-10-26"));
    assert_eq!(
        t,
        vec![
            ("two-year".to_string(), Some("P2Y".to_string())),
            ("daily".to_string(), Some("P1D".to_string()))
        ]
    );
}

/// Every timex as (text, value, type).
fn typed(text: &str, published: &str) -> Vec<(String, String, TimexType)> {
    let mut d = Document::new("t", text.to_string(), Alignment::identity());
    d.meta.published = Some(published.to_string());
    let w = Words::new(&d);
    timexes(&mut d, &w);
    d.timexes
        .iter()
        .map(|t| {
            (
                d.slice(t.span).to_string(),
                t.value.clone().unwrap_or_default(),
                t.kind,
            )
        })
        .collect()
}

#[test]
fn types_modifiers_sets_and_clock_times() {
    use TimexType::*;
    let t = typed(
        "Talks resume at 10 p.m. Wednesday. Sales fell in the last three months and for nearly two years. \
         He visits each Thursday and every year, and left last fall. Prices rose in June last year.",
        "1998-02-13",
    );
    let want = [
        ("10 p.m. Wednesday", "1998-02-11T22:00", Time),
        ("the last three months", "P3M", Duration),
        ("nearly two years", "P2Y", Duration),
        ("each Thursday", "XXXX-WXX-4", Set),
        ("every year", "P1Y", Set),
        ("last fall", "1997-FA", Date),
        ("June last year", "1997-06", Date),
    ];
    for (text, value, kind) in want {
        assert!(
            t.contains(&(text.to_string(), value.to_string(), kind)),
            "{text} {value} {kind:?} not in {t:?}"
        );
    }
    // weekends: 1990-08-13 is a Monday of ISO week 33
    let t = typed(
        "Talks failed over the weekend. He left last weekend and returns next weekend.",
        "1990-08-13",
    );
    let want = [
        ("the weekend", "1990-W32-WE", Date),
        ("last weekend", "1990-W32-WE", Date),
        ("next weekend", "1990-W33-WE", Date),
    ];
    for (text, value, kind) in want {
        assert!(
            t.contains(&(text.to_string(), value.to_string(), kind)),
            "{text} {value} {kind:?} not in {t:?}"
        );
    }
}

#[test]
fn a_year_earlier_after_a_quarter_is_that_quarter() {
    let t = typed(
        "Acme posted a third-quarter loss, against a profit a year earlier. In 1987 it grew, a year ago it shrank.",
        "1989-11-02",
    );
    assert!(
        t.contains(&("third-quarter".into(), "1989-Q3".into(), TimexType::Date)),
        "{t:?}"
    );
    assert!(
        t.contains(&("a year earlier".into(), "1988-Q3".into(), TimexType::Date)),
        "{t:?}"
    );
    // without a quarter in the sentences before, a year ago is the year
    let t = typed("It shrank a year ago.", "1989-11-02");
    assert_eq!(
        t,
        vec![("a year ago".into(), "1988".into(), TimexType::Date)]
    );
}

#[test]
fn adjectives_are_not_time_expressions() {
    let t = typed(
        "Future plans were previously shelved and will soon return.",
        "1999-03-12",
    );
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn old_years_alone_do_not_contradict_the_page_date() {
    let (t, w) = run("The law of 1949 was cited on Friday.", Some("1999-03-12"));
    assert!(w.is_empty());
    assert!(t.contains(&("Friday".to_string(), Some("1999-03-12".to_string()))));
}

#[test]
fn no_date_means_no_relative_values() {
    let (t, _) = run("Flood warnings were lifted on Sunday. May we go?", None);
    assert_eq!(t, vec![("Sunday".to_string(), None)]);
}

#[test]
fn spans_of_quarters_halves_centuries_and_holidays() {
    use TimexType::*;
    let t = typed(
        "It lost money in the 1988 second quarter and in this year's third quarter, \
         unlike the third quarter of 1984 or the first half of 1989. This quarter looks better. \
         The 20th century ended. He will come home for Thanksgiving Day and leave on New Year's Day.",
        "1989-10-26",
    );
    let want = [
        ("the 1988 second quarter", "1988-Q2", Date),
        ("this year's third quarter", "1989-Q3", Date),
        ("the third quarter of 1984", "1984-Q3", Date),
        ("the first half of 1989", "1989-H1", Date),
        ("This quarter", "1989-Q4", Date),
        ("The 20th century", "19", Date),
        // 1989-11-23 is the fourth Thursday of November 1989
        ("Thanksgiving Day", "1989-11-23", Date),
        ("New Year's Day", "1990-01-01", Date),
    ];
    for (text, value, kind) in want {
        assert!(
            t.contains(&(text.to_string(), value.to_string(), kind)),
            "{text} {value} {kind:?} not in {t:?}"
        );
    }
}

#[test]
fn weekdays_with_dates_and_parts_of_the_day() {
    use TimexType::*;
    // 2000-01-07 is a Friday
    let t = typed(
        "The paper said on Wednesday, Jan. 5, that the boy left Thursday night at 7:15 p.m.",
        "2000-01-07",
    );
    let want = [
        ("Wednesday, Jan. 5", "2000-01-05", Date),
        ("Thursday night", "2000-01-06TNI", Time),
        // a sentence-final period stays out; the time is on the day just
        // given ("Thursday night at 7:15 p.m.")
        ("7:15 p.m", "2000-01-06T19:15", Time),
    ];
    for (text, value, kind) in want {
        assert!(
            t.contains(&(text.to_string(), value.to_string(), kind)),
            "{text} {value} {kind:?} not in {t:?}"
        );
    }
}

#[test]
fn spelled_numbers_and_hyphenated_modifiers() {
    let t = typed(
        "In nineteen ninety-six, for twenty four hours and a couple of years, \
         in mid-November and the late-1990s, for 2 1/2 years.",
        "1998-02-13",
    );
    let got: Vec<(&str, &str)> = t.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    for want in [
        ("nineteen ninety-six", "1996"),
        ("twenty four hours", "PT24H"),
        ("a couple of years", "P2Y"),
        ("mid-November", "1997-11"),
        ("the late-1990s", "199"),
        ("2 1/2 years", "P2Y6M"),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
}

/// The tense of the clause decides where a bare month, month-day or weekday
/// falls: forward in a future clause, back in a past one.
#[test]
fn tense_sets_the_direction_of_underspecified_dates() {
    let (t, _) = run(
        "The summit will be held in April. The car was found in December. \
         They plan to meet Tuesday.",
        Some("1999-03-12"),
    );
    let v = |s: &str| {
        t.iter()
            .find(|x| x.0 == s)
            .and_then(|x| x.1.clone())
            .unwrap_or_else(|| panic!("{s} in {t:?}"))
    };
    assert_eq!(v("April"), "1999-04");
    assert_eq!(v("December"), "1998-12");
    // 1999-03-12 is a Friday
    assert_eq!(v("Tuesday"), "1999-03-16");
}

/// A participle before a noun sets no tense ("planned outages"); a plan
/// seen from the past ("was due to be released") points either way; a
/// past-tense clause takes a month-day back further than one of no tense.
#[test]
fn past_clauses_with_plans_and_far_month_days_look_back() {
    // with the tag stage, as in the pipeline ("planned" before a noun)
    let text = "The utility began two rounds of planned outages in October. \
         The report was due to be released in September. \
         The call took place on March 21. \
         The vote is set for March 3.";
    let mut d = Document::new("t", text.to_string(), Alignment::identity());
    d.meta.published = Some("2019-11-20".into());
    quotewire_segment::segment(&mut d);
    quotewire_tag::tag(&mut d);
    let w = Words::new(&d);
    timexes(&mut d, &w);
    let t: Vec<(String, Option<String>)> = d
        .timexes
        .iter()
        .map(|x| (d.slice(x.span).to_string(), x.value.clone()))
        .collect();
    let v = |s: &str| {
        t.iter()
            .find(|x| x.0 == s)
            .and_then(|x| x.1.clone())
            .unwrap_or_else(|| panic!("{s} in {t:?}"))
    };
    assert_eq!(v("October"), "2019-10");
    assert_eq!(v("September"), "2019-09");
    assert_eq!(v("March 21"), "2019-03-21");
    assert_eq!(v("March 3"), "2020-03-03");
}

#[test]
fn fiscal_years_seasons_and_unspecified_spans() {
    let t = typed(
        "Revenue for the year ended June 30 rose, and for the full year it should grow in the near future. \
         Now, the winter of 1994 was cold; several years ago a day-long strike lasted the next couple of years.",
        "1989-10-26",
    );
    let got: Vec<(&str, &str)> = t.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
    for want in [
        ("the year", "P1Y"),
        ("the full year", "1989"),
        ("the near future", "FUTURE_REF"),
        ("the winter of 1994", "1994-WI"),
        ("several years ago", "PAST_REF"),
        ("day-long", "P1D"),
        ("the next couple of years", "P2Y"),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    // a sentence-initial "Now," is a discourse marker, not a time
    assert!(!got.iter().any(|x| x.0 == "Now"), "{got:?}");
}

#[test]
fn deadlines_name_the_coming_month_and_the_nearest_weekday() {
    // published on a Monday
    let (t, _) = run(
        "The family has until 9 a.m. Tuesday to sign. The loan had to be repaid by February. The offer stands until mid-November.",
        Some("1989-10-30"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(v("9 a.m. Tuesday").as_deref(), Some("1989-10-31T09:00"));
    assert_eq!(v("February").as_deref(), Some("1990-02"));
    assert_eq!(v("mid-November").as_deref(), Some("1989-11"));
    // published on a Friday: the deadline just passed
    let (t, _) = run("Rebels had until Thursday to leave.", Some("1999-05-07"));
    assert_eq!(t[0].1.as_deref(), Some("1999-05-06"));
}

#[test]
fn year_ago_takes_the_quarter_the_story_reports() {
    // the story is about the third quarter; a passing mention of another
    // quarter (a forecast, a flat second quarter) does not change "a year ago"
    let (t, _) = run(
        "Acme said third-quarter profit rose. Third-quarter sales fell. After a flat second quarter, costs eased. Profit was lower a year ago.",
        Some("1989-11-01"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(v("a year ago").as_deref(), Some("1988-Q3"));
}

#[test]
fn the_coming_month_is_ahead_whatever_the_tense() {
    let (t, _) = run(
        "Saudi Arabia told oil companies of a cutback in September. Prices fell in November.",
        Some("1990-08-16"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(v("September").as_deref(), Some("1990-09"));
    // further ahead, a past clause still means the last one
    assert_eq!(v("November").as_deref(), Some("1989-11"));
    // across the year's end
    let (t, _) = run(
        "The firm reported a cutback in January.",
        Some("1998-12-10"),
    );
    assert_eq!(t[0].1.as_deref(), Some("1999-01"));
}

#[test]
fn the_fiscal_year() {
    let (t, _) = run(
        "Sales in the current fiscal year will rise. Earnings for the fiscal year will fall. In the fiscal year ended Jan. 31, it lost money.",
        Some("1989-11-02"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(v("the current fiscal year").as_deref(), Some("1989"));
    assert_eq!(v("the fiscal year").as_deref(), Some("1989"));
    assert_eq!(v("the fiscal year ended Jan. 31"), None);
    assert!(t.iter().any(|x| x.1.as_deref() == Some("P1Y")));
}

#[test]
fn that_year_refers_to_the_date_before_it() {
    let (t, _) = run(
        "He fled in June 1998 and returned later that year. On May 22, 1995, she was promoted, and the following year she moved. In March 1989 it was sold. The following month, it closed. Last October the site was attacked; it was taken down that same day. I look forward to that day.",
        Some("2000-01-28"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(v("later that year").as_deref(), Some("1998"));
    assert_eq!(v("the following year").as_deref(), Some("1996"));
    assert_eq!(v("The following month").as_deref(), Some("1989-04"));
    assert_eq!(v("that same day").as_deref(), Some("1999-10-XX"));
    // the last "that day" follows a date with a day: it is resolved
    assert!(t.iter().all(|x| x.1.is_some()), "{t:?}");
    let (t, _) = run("I look forward to that day.", Some("2000-01-28"));
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn weekday_with_a_plural_part_of_the_day_is_a_set() {
    let (t, _) = run("Flights leave on Tuesday nights.", Some("1998-02-13"));
    assert_eq!(
        t,
        vec![(
            "Tuesday nights".to_string(),
            Some("XXXX-WXX-2TNI".to_string())
        )]
    );
}

#[test]
fn a_time_of_no_day_is_on_the_day_last_given() {
    let (t, _) = run(
        "The blast on Aug. 7 came at about 10:35 a.m., police said. Talks end at 5 p.m. today.",
        Some("1998-08-10"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(v("10:35 a.m.").as_deref(), Some("1998-08-07T10:35"));
    assert_eq!(v("5 p.m. today").as_deref(), Some("1998-08-10T17:00"));
    // with no date before it: the anchor's day
    let (t, _) = run("The vote closes at 9 p.m.", Some("1998-08-10"));
    assert_eq!(t[0].1.as_deref(), Some("1998-08-10T21:00"));
}

#[test]
fn fractions_are_no_durations_and_midnight_is_a_time() {
    let (t, _) = run(
        "Three-quarters of the vote came in; the two-year plan stands. The offer expires at midnight.",
        Some("1989-10-30"),
    );
    assert_eq!(
        t,
        vec![
            ("two-year".to_string(), Some("P2Y".to_string())),
            ("midnight".to_string(), Some("1989-10-30T24:00".to_string())),
        ]
    );
}

#[test]
fn this_past_season_and_the_week_of_a_date() {
    let (t, _) = run(
        "Sales slowed this past spring. Hearings begin the week of March 6.",
        Some("2000-02-24"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    // spring 2000 has not begun in February: the one of 1999
    assert_eq!(v("this past spring").as_deref(), Some("1999-SP"));
    assert_eq!(v("the week of March 6").as_deref(), Some("2000-W10"));
    let (t, _) = run("Sales slowed this past spring.", Some("1989-10-30"));
    assert_eq!(t[0].1.as_deref(), Some("1989-SP"));
}

#[test]
fn ages_are_no_durations() {
    let (t, _) = run(
        "Smith, 52 years old, will lead it for two years.",
        Some("1989-10-30"),
    );
    assert_eq!(t, vec![("two years".to_string(), Some("P2Y".to_string()))]);
}

#[test]
fn unspecified_spans_of_plural_units() {
    let (t, _) = run(
        "Troops arrive within weeks. It grew for the first time in years. Over the years it changed. Funds may sell in the weeks ahead. He was seen in the days before the attack.",
        Some("1990-08-15"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(v("weeks").as_deref(), Some("PXW"));
    assert_eq!(v("years").as_deref(), Some("PXY"));
    assert_eq!(v("the years").as_deref(), Some("PXY"));
    assert_eq!(v("the weeks ahead").as_deref(), Some("PXW"));
    // "the days before the attack" is a time before an event, not a span
    assert_eq!(v("the days"), None);
    assert_eq!(v("days"), None);
}

#[test]
fn these_days_a_while_and_midday() {
    let (t, _) = run(
        "Prices hurt more these days. They will live without it for a while. He appears at midday.",
        Some("1999-10-08"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(v("these days").as_deref(), Some("PRESENT_REF"));
    assert_eq!(v("a while").as_deref(), Some("PXX"));
    assert_eq!(v("midday").as_deref(), Some("1999-10-08T12:00"));
    // "while" as a conjunction is no time
    let (t, _) = run(
        "He read while she slept, a while later.",
        Some("1999-10-08"),
    );
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn until_then_and_nine_months_a_year_earlier() {
    let (t, _) = run(
        "The rights terminate on Nov. 30. Until then, the stock trades. Since then, nothing.",
        Some("1989-11-02"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(v("then").as_deref(), Some("1989-11-30"));
    assert_eq!(t.iter().filter(|x| x.0 == "then").count(), 1);
    let (t, _) = run(
        "Acme posted a third-quarter loss. For the nine months, it earned $5, against $7 a year earlier. Sales fell from a year earlier.",
        Some("1989-11-02"),
    );
    let vals: Vec<_> = t
        .iter()
        .filter(|x| x.0 == "a year earlier")
        .map(|x| x.1.clone().unwrap_or_default())
        .collect();
    assert_eq!(vals, ["1988", "1988-Q3"]);
}

#[test]
fn the_day_before_a_date() {
    // 2000-02-24 is a Thursday
    let (t, _) = run(
        "The day before last Tuesday, he went home. He left the day after Jan. 5.",
        Some("2000-02-24"),
    );
    let v = |s: &str| t.iter().find(|x| x.0 == s).and_then(|x| x.1.clone());
    assert_eq!(
        v("The day before last Tuesday").as_deref(),
        Some("2000-02-21")
    );
    assert_eq!(v("the day after Jan. 5").as_deref(), Some("2000-01-06"));
}

#[test]
fn ahead_of_looks_forward_and_a_past_perfect_plan_does_not() {
    // 1989-10-30 is a Monday
    let (t, _) = run(
        "Traders squared positions ahead of the weekend.",
        Some("1989-10-30"),
    );
    assert_eq!(t[0].1.as_deref(), Some("1989-W44-WE"));
    let mut d = Document::new(
        "t",
        "The offer had been due to expire Friday evening.".to_string(),
        Alignment::identity(),
    );
    d.meta.published = Some("1989-10-30".to_string());
    let mut w = Words::new(&d);
    // the tags the tag stage gives this sentence
    w.pos = crate::words::Tags::new(["DT", "NN", "VBD", "VBN", "JJ", "TO", "VB", "NNP", "NN", "."]);
    timexes(&mut d, &w);
    assert_eq!(d.timexes[0].value.as_deref(), Some("1989-10-27TEV"));
}
