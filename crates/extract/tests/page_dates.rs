//! Published dates of minimal pages, through the public `extract_html`: one
//! test per kind of false or lost date fixed in `html/published.rs`.

use quotewire_extract::{Options, extract_html};

const PARA: &str = "<p>The council voted on the plan after a long debate, and the mayor said \
                    the budget would be reviewed again before the summer, with residents \
                    invited to speak at the next meeting of the council.</p>";

/// The published date of a page at `url` with `head` and `body`.
fn published(url: &str, head: &str, body: &str) -> Option<String> {
    let html = format!(
        "<html lang=\"en\"><head><title>Council votes</title>{head}</head><body><article>\
         <h1>Council votes</h1>{body}{PARA}{PARA}{PARA}</article></body></html>"
    );
    extract_html("t", Some(url), html.as_bytes(), None, Options::default())
        .meta
        .published
}

#[test]
fn a_web_page_node_date_in_the_month_of_the_url_is_kept() {
    // a CMS `WebPage` node's date is kept only when the page backs it up; a
    // URL of the same year and month does
    let head = "<script type=\"application/ld+json\">{\"@type\":\"WebPage\",\
                \"datePublished\":\"2018-11-22T14:30:24+00:00\"}</script>";
    assert_eq!(
        published("https://example.org/2018/11/council-votes", head, "").as_deref(),
        Some("2018-11-22")
    );
    // another month in the URL backs nothing up
    assert_eq!(
        published("https://example.org/2018/10/council-votes", head, "").as_deref(),
        Some("2018-10")
    );
    // no date in the URL: not shown, not kept
    assert_eq!(
        published("https://example.org/council-votes", head, ""),
        None
    );
}

#[test]
fn the_end_or_start_of_a_term_is_no_publication_date() {
    let url = "https://example.org/council-votes";
    for label in [
        "This offer is valid through",
        "Applications close on the deadline:",
        "The discount is valid from",
        "The new rules are effective beginning",
        "The exhibition runs to",
        "hackerdev/notes.md Last active",
    ] {
        assert_eq!(
            published(url, "", &format!("<p>{label} March 14, 2026.</p>")),
            None,
            "{label}"
        );
    }
    // "through" inside a headline is no label of the date after it
    assert_eq!(
        published(
            url,
            "",
            "<p>Understanding budgets through numbers</p><p>December 15, 2025</p>"
        )
        .as_deref(),
        Some("2025-12-15")
    );
}

#[test]
fn a_stamp_near_midnight_utc_takes_the_local_day_the_page_shows() {
    let url = "https://example.org/council-votes";
    let head = "<meta property=\"article:published_time\" content=\"2020-12-05T23:30:00Z\">";
    let shown = "<p>Published <span itemprop=\"datePublished\" content=\"2020-12-06\">6 December \
                 2020</span></p>";
    assert_eq!(published(url, head, shown).as_deref(), Some("2020-12-06"));
    // at noon UTC the day is the same nearly everywhere: the stamp stays
    let head = "<meta property=\"article:published_time\" content=\"2020-12-05T12:30:00Z\">";
    assert_eq!(published(url, head, shown).as_deref(), Some("2020-12-05"));
}

#[test]
fn a_url_one_day_off_moves_a_utc_stamp_only_where_the_hour_allows() {
    let url = "https://example.org/2020/07/08/council-votes";
    // 10:00 UTC is July 9 from UTC-10 to UTC+13: the URL's July 8 is another day
    let head = "<meta property=\"article:published_time\" content=\"2020-07-09T10:00:00Z\">";
    assert_eq!(published(url, head, "").as_deref(), Some("2020-07-09"));
    // 02:00 UTC is still July 8 in the Americas: the URL's local day wins
    let head = "<meta property=\"article:published_time\" content=\"2020-07-09T02:00:00Z\">";
    assert_eq!(published(url, head, "").as_deref(), Some("2020-07-08"));
}

#[test]
fn a_page_showing_only_its_modified_date_is_dated_by_it() {
    let url = "https://example.org/council-votes";
    let head = "<meta property=\"article:published_time\" content=\"2021-01-01T11:00:00Z\">\
                <meta property=\"article:modified_time\" content=\"2023-04-01T09:00:00Z\">";
    // the date line under the headline shows the modification date, bare,
    // and the declared first publication appears nowhere
    assert_eq!(
        published(url, head, "<p>Jane Doe · April 1, 2023</p>").as_deref(),
        Some("2023-04-01")
    );
    // shown as an update, it stays the update
    assert_eq!(
        published(url, head, "<p>Jane Doe · Updated April 1, 2023</p>").as_deref(),
        Some("2021-01-01")
    );
    // the first publication shown too: the declared date stands
    assert_eq!(
        published(
            url,
            head,
            "<p>Jane Doe · April 1, 2023</p><p>First published January 1, 2021</p>"
        )
        .as_deref(),
        Some("2021-01-01")
    );
}

#[test]
fn a_date_element_in_a_list_of_other_pages_is_not_the_page_date() {
    let url = "https://example.org/council-votes";
    let related = "<div class=\"elastic-related-posts\"><ul class=\"related-posts-list\"><li>\
                   <a href=\"/other\">Another story</a><div class=\"post-info\">March 11, 2026</div>\
                   </li></ul></div>";
    // (after the article's first paragraphs, past the date line under the
    // headline)
    assert_eq!(
        published(url, "", &format!("{PARA}{PARA}{PARA}{PARA}{related}")),
        None
    );
    // the same element outside such a list dates the page
    assert_eq!(
        published(url, "", "<div class=\"post-info\">March 11, 2026</div>").as_deref(),
        Some("2026-03-11")
    );
}

#[test]
fn a_date_element_classed_as_a_modification_shows_no_publication_date() {
    let url = "https://example.org/council-votes";
    for class in [
        "wp-block-post-date__modified-date",
        "field--name-changed-date",
    ] {
        assert_eq!(
            published(
                url,
                "",
                &format!("<div class=\"{class}\">February 1, 2026</div>")
            ),
            None,
            "{class}"
        );
    }
    // hAtom's "published updated" is the publication date
    assert_eq!(
        published(
            url,
            "",
            "<span class=\"entry-date updated\">February 1, 2026</span>"
        )
        .as_deref(),
        Some("2026-02-01")
    );
}

#[test]
fn a_date_glued_to_the_inline_element_before_it_is_read() {
    let url = "https://example.org/council-votes";
    // nothing between the inline parts of the date line
    let line = "<div class=\"article-dateline-wrapper\"><a class=\"category\" href=\"/c\">Local \
                Politics</a><span class=\"dateline\">DECEMBER 22, 2022</span><span \
                class=\"dateline updated\">Updated: JANUARY 02, 2026</span></div>";
    assert_eq!(published(url, "", line).as_deref(), Some("2022-12-22"));
}

#[test]
fn a_date_glued_to_the_byline_before_it_is_read_near_the_headline() {
    let url = "https://example.org/council-votes";
    // no date element: the date under the headline, glued to the byline link
    let line = "<p><a href=\"/people/jane\">Jane Doe</a><span>Mar 5, 2025</span></p>";
    assert_eq!(published(url, "", line).as_deref(), Some("2025-03-05"));
}

#[test]
fn a_time_in_a_list_of_other_pages_is_not_the_page_date() {
    let url = "https://example.org/council-votes";
    let cards = "<div class=\"stacked-article-cards\"><a href=\"/soups\">Soups to freeze</a> \
                 <time datetime=\"2025-10-23\">23 October 2025</time></div>";
    assert_eq!(
        published(url, "", &format!("{PARA}{PARA}{PARA}{PARA}{cards}")),
        None
    );
}
