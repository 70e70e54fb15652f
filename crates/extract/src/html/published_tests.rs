//! Tests of [`super`]: published dates of minimal pages.

/// The published date of a page (with a body long enough to be an article).
fn published(head: &str, body: &str) -> Option<String> {
    let para = "The council voted on the plan after a long debate, and the mayor said the \
                budget would be reviewed again before the summer, with residents invited.";
    let html = format!(
        "<html lang=\"en\"><head>{head}</head><body><article><h1>Council votes</h1>{body}<p>{para}</p><p>{para}</p></article></body></html>"
    );
    crate::html::extract(&html, None).meta.published
}

fn ld(json: &str) -> String {
    format!("<script type=\"application/ld+json\">{json}</script>")
}

#[test]
fn a_display_string_in_json_ld_is_no_date() {
    let head =
        ld(r#"{"@type":"Article","headline":"Council votes","datePublished":"Jun 24, 2025"}"#);
    assert_eq!(published(&head, ""), None);
    let head = ld(
        r#"{"@type":"Article","headline":"Council votes","datePublished":"2025-06-24T09:00:00+02:00"}"#,
    );
    assert_eq!(published(&head, "").as_deref(), Some("2025-06-24"));
}

#[test]
fn a_web_page_node_date_needs_the_page_to_show_it() {
    let head = ld(
        r#"{"@graph":[{"@type":"WebPage","name":"Council votes","datePublished":"2019-12-12T14:07:03+00:00","dateModified":"2025-12-19T10:00:00+00:00"}]}"#,
    );
    // Not shown anywhere: the CMS's stamp, not the article's date.
    assert_eq!(published(&head, ""), None);
    // Shown under the headline: kept.
    assert_eq!(
        published(&head, "<p class=\"byline\">December 12, 2019</p>").as_deref(),
        Some("2019-12-12")
    );
    // An article node's date needs no such check.
    let head = ld(
        r#"{"@type":"NewsArticle","headline":"Council votes","datePublished":"2019-12-12T14:07:03+00:00"}"#,
    );
    assert_eq!(published(&head, "").as_deref(), Some("2019-12-12"));
}

fn dates_of(body: &str) -> (Option<String>, Option<String>) {
    let para = "The council voted on the plan after a long debate, and the mayor said the \
                budget would be reviewed again before the summer, with residents invited.";
    let html = format!(
        "<html lang=\"en\"><body><article><h1>Council votes</h1>{body}<p>{para}</p><p>{para}</p></article></body></html>"
    );
    let m = crate::html::extract(&html, None).meta;
    (m.published, m.updated)
}

#[test]
fn a_time_labelled_as_an_update_is_no_publication_date() {
    let (p, u) = dates_of(
        "<p class=\"note\">Last updated: <time datetime=\"2026-01-12\">January 12, 2026</time>.</p>",
    );
    assert_eq!((p.as_deref(), u.as_deref()), (None, Some("2026-01-12")));
    let (p, _) = dates_of(
        "<div class=\"field--name-changed\"><div><time datetime=\"2026-02-12T14:36:23-05:00\">February 12, 2026</time></div></div>",
    );
    assert_eq!(p, None);
    let (p, _) = dates_of(
        "<div><span>Date Last Reviewed:</span> <span><time datetime=\"2025-04-14T12:00:00Z\">April 2025</time></span></div>",
    );
    assert_eq!(p, None);
    // An unlabelled time stays the page's date.
    let (p, _) = dates_of("<p><time datetime=\"2025-04-14\">April 14, 2025</time></p>");
    assert_eq!(p.as_deref(), Some("2025-04-14"));
}

#[test]
fn a_time_in_a_related_list_is_not_the_page_date() {
    let (p, _) = dates_of(
        "<aside class=\"related-posts\"><ul><li><a href=\"/a\">Other story</a> <time datetime=\"2025-12-18\">Dec 18</time></li></ul></aside>",
    );
    assert_eq!(p, None);
}

#[test]
fn labels_in_french_and_clocks() {
    let (p, _) =
        dates_of("<p class=\"title\">Mise en ligne</p><p class=\"content\">23 mai 2019</p>");
    assert_eq!(p.as_deref(), Some("2019-05-23"));
    let (p, _) = dates_of("<p>Open today, March 14, 2026</p>");
    assert_eq!(p, None);
    let (p, _) = dates_of("<div class=\"publication\">jeudi 13 juin 2019</div>");
    assert_eq!(p.as_deref(), Some("2019-06-13"));
}

#[test]
fn an_embedded_videos_upload_date_is_not_the_page_date() {
    let body = "<div itemscope itemtype=\"https://schema.org/VideoObject\">\
                <meta itemprop=\"uploadDate\" content=\"2024-01-06T16:10:58.000Z\"></div>";
    assert_eq!(published("", body), None);
    // the page's own date element beside it is read
    let body = format!("{body}<p class=\"post-date\">March 3, 2022</p>");
    assert_eq!(published("", &body).as_deref(), Some("2022-03-03"));
}

#[test]
fn the_dates_of_a_span_are_not_the_page_date() {
    // an event's or a report's period under the headline
    for line in [
        "DATE: 2025-12-12 - 2025-12-17",
        "Open from March 3, 2024 to March 9, 2024",
    ] {
        assert_eq!(published("", &format!("<p>{line}</p>")), None, "{line}");
    }
    // a date line with a later update is no span
    assert_eq!(
        published("", "<p>August 16, 2019 - Updated July 9, 2025</p>").as_deref(),
        Some("2019-08-16")
    );
}
