//! Tests of flattened-text extraction on small hand-written pages (one per
//! rule), the seed as a regression test, and the plain-text cases.

use super::*;

const SEED: &str = include_str!("../../../../examples/sputnik-2018-12-20-putin-trump.txt");
const CASES: &[(&str, &str)] = &[
    (
        "company-and-pronoun-speakers",
        include_str!("../../../../tests/fixtures/cases/company-and-pronoun-speakers.txt"),
    ),
    (
        "multi-paragraph-quote",
        include_str!("../../../../tests/fixtures/cases/multi-paragraph-quote.txt"),
    ),
    (
        "speaker-in-previous-sentence",
        include_str!("../../../../tests/fixtures/cases/speaker-in-previous-sentence.txt"),
    ),
    (
        "split-quote",
        include_str!("../../../../tests/fixtures/cases/split-quote.txt"),
    ),
    (
        "trailer-and-colon-attribution",
        include_str!("../../../../tests/fixtures/cases/trailer-and-colon-attribution.txt"),
    ),
];

/// A hand-written news page flattened with its chrome (not from any corpus).
const PAGE: &str = "Harbour Town Gazette\n\
Home\nNews\nSport\nWeather\nLog in\nSubscribe\n\
\n\
10:45 GMT03 March 2022\n\
Listen Live\n\
    Get short URL\n\
    Coastal Storms Season (4)\n\
\n\
    Ferry Service Suspended After Storm Damages Pier\n\
\n\
    DOVERTON (Harbour Wire) - The regional ferry operator suspended all crossings\u{a0}on Thursday after a storm damaged the main pier, officials said.\n\
\n\
    \"We cannot\u{2009}risk passengers on a pier that may not hold\", the operator's safety chief said at a briefing.\n\
\n\
    READ MORE: Storm Warnings Issued Along The Whole Coast\n\
\n\
    Engineers\tare expected to inspect the\u{3000}structure over the weekend, and repairs could take several weeks, according to the port authority.\n\
\n\
    Residents said the pier had been in poor condition for years and that complaints to the council had gone unanswered.\n\
\n\
    Coastal Storms Season (4)\n\
\n\
\n\
    Council Votes To Rebuild Old Lighthouse\n\
    Fishermen Fear Another Lost Season After Floods\n\
    New Harbour Master Named For Doverton Port\n\
    ferry, storm, Doverton, Harbour Wire, infrastructure\n\
    Community standardsDiscussion\n\
Share this:\nFacebook\nTwitter\nEmail\n\
We use cookies to improve your experience. Accept\n\
© 2022 Harbour Town Gazette. All rights reserved.\n";

/// Every byte of a verbatim piece maps back to the same character of `src`;
/// replaced spaces map to whitespace of `src`.
fn assert_aligned(src: &str, d: &Document) {
    for (i, ch) in d.text.char_indices() {
        match d.alignment.to_source(i) {
            Some(s) => {
                let orig = src[s..].chars().next().expect("in range");
                if ch == ' ' {
                    assert!(orig.is_whitespace(), "space at {i} maps to {orig:?} at {s}");
                } else {
                    assert_eq!(orig, ch, "char at {i} maps to {s}");
                }
            }
            None => assert!(
                ch == '\n' || ch == ' ',
                "only separators are synthetic: {ch:?} at {i}"
            ),
        }
    }
}

#[test]
fn every_kept_byte_maps_back() {
    for src in [SEED, PAGE] {
        let d = extract(src);
        assert!(!d.text.is_empty());
        assert_aligned(src, &d);
    }
    for (_, src) in CASES {
        assert_aligned(src, &extract(src));
    }
}

#[test]
fn odd_spaces_are_folded() {
    let d = extract(PAGE);
    assert!(!d.text.contains('\u{a0}'));
    assert!(!d.text.contains('\u{2009}'));
    assert!(!d.text.contains('\u{3000}'));
    assert!(!d.text.contains('\t'));
    assert!(!d.text.contains("  "));
    assert!(d.text.contains("all crossings on Thursday"));
    assert!(
        d.text
            .contains("Engineers are expected to inspect the structure")
    );
    // The replaced space points at the NBSP it replaced.
    let at = d.text.find("crossings on").unwrap() + "crossings".len();
    let s = d.alignment.to_source(at).unwrap();
    assert!(PAGE[s..].starts_with('\u{a0}'));
}

#[test]
fn chrome_lines_are_dropped_and_body_kept() {
    let d = extract(PAGE);
    for chrome in [
        "Listen Live",
        "Get short URL",
        "Log in",
        "Subscribe",
        "Share this",
        "Community standards",
        "Discussion",
        "cookies",
        "All rights reserved",
        "Harbour Town Gazette",
        "Coastal Storms Season",
        "Ferry Service Suspended",
    ] {
        assert!(!d.text.contains(chrome), "{chrome:?} left in {:?}", d.text);
    }
    let paras: Vec<&str> = d.text.split("\n\n").collect();
    assert_eq!(paras.len(), 4, "{paras:#?}");
    assert!(paras[0].starts_with("DOVERTON (Harbour Wire) - The regional"));
    assert!(paras[3].ends_with("gone unanswered."));
}

#[test]
fn read_more_and_related_headlines_go_to_related() {
    let d = extract(PAGE);
    let titles: Vec<&str> = d.meta.related.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Storm Warnings Issued Along The Whole Coast",
            "Council Votes To Rebuild Old Lighthouse",
            "Fishermen Fear Another Lost Season After Floods",
            "New Harbour Master Named For Doverton Port",
        ]
    );
    assert!(d.meta.related.iter().all(|r| r.url.is_none()));
    assert!(!d.text.contains("READ MORE"));
    assert!(!d.text.contains("Lighthouse"));
}

#[test]
fn tags_series_title_stamp() {
    let d = extract(PAGE);
    assert_eq!(
        d.meta.tags,
        [
            "ferry",
            "storm",
            "Doverton",
            "Harbour Wire",
            "infrastructure"
        ]
    );
    assert!(!d.text.contains("ferry, storm"));
    assert_eq!(d.meta.series.as_deref(), Some("Coastal Storms Season"));
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Ferry Service Suspended After Storm Damages Pier")
    );
    assert_eq!(d.meta.published.as_deref(), Some("2022-03-03T10:45Z"));
}

#[test]
fn dateline_is_parsed_and_kept() {
    let d = extract(PAGE);
    let dl = d.meta.dateline.clone().unwrap();
    assert_eq!(dl.place, "Doverton");
    assert_eq!(dl.source.as_deref(), Some("Harbour Wire"));
    assert_eq!(d.slice(dl.span.unwrap()), "DOVERTON (Harbour Wire) -");
}

#[test]
fn series_repeated_without_count() {
    let src = "Menu\nSearch\n\nMarket Watch Daily\nExporters Lift Tokyo Shares For Third Day\n\nTOKYO (Wire) - Stocks rose for a third day on Monday as exporters gained on a weaker yen, traders said.\n\nThe benchmark index closed up 1.2 percent, its highest level in two months, with chipmakers leading the advance.\n\nAnalysts expect the rally to slow before the central bank meets next week.\n\nMarket Watch Daily\n\nPrivacy Policy\n";
    let d = extract(src);
    assert_eq!(d.meta.series.as_deref(), Some("Market Watch Daily"));
    assert!(!d.text.contains("Market Watch Daily"));
    assert_eq!(d.text.split("\n\n").count(), 3);
    assert_eq!(d.meta.dateline.unwrap().place, "Tokyo");
}

#[test]
fn labelled_stamps() {
    let src = "Home\nNews\nLog in\n\nPublished: April 15, 2021\nUpdated: April 16, 2021 09:30\n\nThe city council approved the new budget on Wednesday after a long debate about school funding.\n\nThe mayor said the plan would be reviewed again in the autumn, when revenue figures are known.\n\nShare\nTweet\n";
    let d = extract(src);
    assert_eq!(d.meta.published.as_deref(), Some("2021-04-15"));
    assert_eq!(d.meta.updated.as_deref(), Some("2021-04-16T09:30"));
    assert!(!d.text.contains("Published"));
    assert_eq!(d.text.split("\n\n").count(), 2);
}

#[test]
fn comment_section_ends_the_body() {
    let src = "Home\nNews\nSport\n\nThe library will open on Sundays from next month, the council announced on Tuesday.\n\nThe change follows a petition signed by more than two thousand residents, officials said.\n\nComments\n\nI think this is a great idea and long overdue for our town, honestly.\n\nFinally some good news. My kids will love having somewhere to go on weekends.\n\nWhy did it take them so long to do something this simple? It is absurd.\n\nLeave a Reply\n";
    let d = extract(src);
    assert_eq!(d.text.split("\n\n").count(), 2, "{}", d.text);
    assert!(!d.text.contains("great idea"));
}

#[test]
fn hard_wrapped_lines_are_joined() {
    let src = "Editor's note: the council meeting\nwas moved to Thursday because\nof the holiday.\n\nThe vote is expected to pass.\n";
    let d = extract(src);
    assert_eq!(
        d.text,
        "Editor's note: the council meeting was moved to Thursday because of the holiday.\n\nThe vote is expected to pass."
    );
    assert_aligned(src, &d);
}

#[test]
fn plain_cases_come_through_intact() {
    for (name, src) in CASES {
        let d = extract(src);
        let want: Vec<String> = src
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        let got: Vec<&str> = d.text.split("\n\n").collect();
        assert_eq!(got, want, "case {name}");
        assert!(d.meta.related.is_empty(), "case {name}");
        assert!(d.meta.tags.is_empty(), "case {name}");
        assert!(d.meta.series.is_none(), "case {name}");
    }
}

#[test]
fn plain_article_with_headline_keeps_everything() {
    let src = "Voters Head To The Polls In Close Race\n\nVoters in the district cast ballots on Tuesday in a race that polls show is too close to call.\n\nBe patient\n\nOfficials urged residents to expect long lines at some stations.\n";
    let d = extract(src);
    assert_eq!(d.text.split("\n\n").count(), 4);
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Voters Head To The Polls In Close Race")
    );
    assert!(d.meta.related.is_empty() && d.meta.tags.is_empty());
}

#[test]
fn no_panic_on_odd_input() {
    for src in [
        "",
        "\n\n\n",
        " \u{a0}\t\u{3000} ",
        "\u{feff}",
        "Home\nMenu\nLog in\n",
        "a\r\nb\r\n",
        "é\u{a0}\u{a0}ü\n\n\u{200b}x",
        "READ MORE:\n",
        "(1)\n(2)\n",
        "00:00 GMT99 Foo 9999\n",
    ] {
        let d = extract(src);
        assert_aligned(src, &d);
        assert!(!d.text.contains('\u{a0}'));
    }
}

#[test]
fn chrome_vocabulary() {
    assert!(is_chrome("Community guidelinesDiscussion"));
    assert!(is_chrome("Share this on WhatsApp"));
    assert!(is_chrome("Listen to this article"));
    assert!(is_chrome("Subscribe Sign In"));
    assert!(is_chrome("Copyright 2020 Some Publisher"));
    assert!(!is_chrome("The council will discuss the plan."));
    assert!(!is_chrome("Home Secretary resigns"));
    assert!(!is_chrome("this and that"));
}

#[test]
fn seed_regression() {
    let d = extract(SEED);
    let folded = d.text.replace('\u{a0}', " ");
    for want in [
        "Russian President Vladimir Putin said on Thursday that he is ready for a possible meeting with US President Donald Trump",
        "take a breath of fresh air and think clearly how to live further",
        "According to Moscow, the incident was a provocation",
        "imposing sanctions against Russia.",
    ] {
        assert!(folded.contains(want), "missing {want:?}");
    }
    for bad in [
        "Listen Live",
        "Get short URL",
        "READ MORE",
        "Trump Tower Moscow",
        "Trudeau",
        "CIA Reportedly",
        "Pullout From G20",
        "meeting, Vladimir Putin",
        "Community standards",
        "Discussion",
        "(11)",
    ] {
        assert!(!d.text.contains(bad), "left {bad:?}");
    }
    assert!(!d.text.contains('\u{a0}'));
    assert!(
        d.meta
            .published
            .as_deref()
            .unwrap()
            .starts_with("2021-04-15T00:12")
    );
    let dl = d.meta.dateline.clone().unwrap();
    assert_eq!(
        (dl.place.as_str(), dl.source.as_deref()),
        ("Moscow", Some("Sputnik"))
    );
    assert_eq!(d.slice(dl.span.unwrap()), "MOSCOW (Sputnik) -");
    assert_eq!(
        d.meta.tags,
        ["meeting", "Vladimir Putin", "Donald Trump", "US", "Russia"]
    );
    assert_eq!(
        d.meta.series.as_deref(),
        Some("Putin's 2018 Year-End Press Conference")
    );
    let related: Vec<&str> = d.meta.related.iter().map(|r| r.title.as_str()).collect();
    for want in [
        "Trump Tower Moscow: A CIA-Backed Provocation Against Putin, Trump",
        "Sole Reason' for Cancelling G20 Talks With Putin",
        "Trudeau Reveals What He Thinks About Putin and Trump",
        "CIA Reportedly Dove Into 'Panic Mode' as Trump Chose Putin Over US Intelligence",
        "Trump's Pullout From G20 Talks With Putin Unlikely to Solve Kerch Incident",
    ] {
        assert!(
            related.iter().any(|r| r.contains(want)),
            "related lacks {want:?}"
        );
    }
    assert_eq!(d.text.split("\n\n").count(), 11);
}
