//! Outlet, author and title of minimal pages, through the public
//! `extract_html`: one test per kind of wrong metadata fixed in
//! `html/meta.rs` and `html/title.rs`.

use quotewire_extract::{Options, extract_html};

const PARA: &str = "<p>The council voted on the plan after a long debate, and the mayor said \
                    the budget would be reviewed again before the summer, with residents \
                    invited to speak at the next meeting of the council.</p>";

/// The document of a page with `head` and `body` (an article of three paragraphs after `body`).
fn page(head: &str, body: &str) -> quotewire_doc::Document {
    let html = format!(
        "<html lang=\"en\"><head>{head}</head><body>{body}<article>{PARA}{PARA}{PARA}</article></body></html>"
    );
    extract_html("t", None, html.as_bytes(), None, Options::default())
}

#[test]
fn a_site_name_given_as_a_url_is_its_host() {
    let d = page(
        "<title>Council votes</title><meta property=\"og:site_name\" content=\"https://www.example-news.in\">",
        "<h1>Council votes on the plan</h1>",
    );
    assert_eq!(d.meta.outlet.as_deref(), Some("example-news.in"));
}

#[test]
fn category_links_in_a_byline_are_no_authors() {
    let d = page(
        "<title>Council votes</title>",
        "<h1>Council votes on the plan</h1><div class=\"entry-byline\"><a rel=\"author\" \
         href=\"/author/ana-ruiz/\">Ana Ruiz</a> in <a rel=\"tag\" href=\"/category/music/\">Music</a>, \
         <a rel=\"category tag\" href=\"/category/toys/\">Toys and Games</a></div>",
    );
    assert_eq!(d.meta.authors, vec!["Ana Ruiz".to_string()]);
}

#[test]
fn a_call_to_action_before_the_headline_is_no_title() {
    let d = page(
        "<title>Council votes on the harbour plan | Example News</title>",
        "<div class=\"cta\"><h1>Do you want more readers?</h1></div><h1>Council votes on the harbour plan</h1>",
    );
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Council votes on the harbour plan")
    );
}
