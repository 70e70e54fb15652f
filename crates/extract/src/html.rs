//! HTML → main content and metadata.
//!
//! One parse (html5ever via `scraper`), one traversal into a flat arena
//! ([`dom`]), then linear passes: text runs and Readability-style scoring
//! ([`content`]), metadata ([`meta`], [`dates`]) and the dateline
//! ([`crate::dateline`]).

mod content;
mod dates;
mod dom;
mod meta;
mod prefilter;
mod rules;

use quotewire_doc::{AlignedBuilder, Document};
use regex::Regex;
use scraper::Html;
use std::sync::LazyLock;

/// Short lines in the article area that are page furniture, not prose
/// (matched on the whole, trimmed line; several languages).
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:advertisement|anzeige|publicité|publicidad|pubblicità|werbung|sponsored|ad|read more|read more:.*|more:|related:.*|see also:?.*|share( this( article| story)?)?:?|share on .*|follow us.*|click here.*|sign up.*|subscribe.*|newsletter.*|all rights reserved.*|©.*|copyright.*|\(c\) .*|image:.*|photo:.*|foto:.*|bild:.*|getty images|reuters|afp|ap|dpa|mehr zum thema.*|lesen sie auch.*|auch interessant.*|weiterlesen.*|zum thema.*|tags?:.*|schlagwörter:.*|themen:.*|topics:.*|comments?|\d+ comments?|kommentare?|continue reading.*|story continues below.*|scroll to continue.*|loading.*|skip to .*|back to top|top|print|email|e-mail|facebook|twitter|whatsapp|linkedin|pinterest|reddit|close|menu|search)$")
        .expect("static regex")
});

/// A byline or date line at the head of the article ("By Jane Doe",
/// "Published March 4, 2019 · Updated ...").
static BYLINE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|von|par|por|door|written by|posted by|published|updated|posted|veröffentlicht|aktualisiert|stand|publié|publicado|pubblicato)\b")
        .expect("static regex")
});

/// Extract the article of a decoded HTML page.
pub(crate) fn extract(src: &str, url: Option<&str>) -> Document {
    let (stripped, _cuts) = prefilter::strip(src);
    let page = Html::parse_document(&stripped);
    let dom = dom::build(&page);
    let m = meta::collect(&dom, url);
    let runs = content::article_runs(&dom);
    let mut b = AlignedBuilder::new();
    let mut head = true;
    for r in &runs {
        let tag = dom.nodes.get(r.owner).map_or("", |n| n.tag());
        if tag == "h1" {
            continue;
        }
        let t = r.text.trim();
        if t.is_empty() {
            continue;
        }
        let short = r.chars < 80;
        if short && FURNITURE.is_match(t) {
            continue;
        }
        if head
            && short
            && (BYLINE_LINE.is_match(t) || is_date_line(t) || is_title(t, m.title.as_deref()))
        {
            continue;
        }
        if !matches!(tag, "h2" | "h3" | "h4" | "h5" | "h6") && r.chars >= 40 {
            head = false;
        }
        if !b.is_empty() {
            b.push_synthetic("\n\n");
        }
        b.push_replacement(t, 0..0);
    }
    let (text, al) = b.finish();
    let mut doc = Document::new("", text, al);
    doc.meta.dateline = crate::dateline::find(&doc.text);
    doc.meta.title = m.title;
    doc.meta.language = m.language;
    doc.meta.published = m.published.map(|d| d.iso());
    doc.meta.updated = m.updated.map(|d| d.iso());
    doc.meta.authors = m.authors;
    doc.meta.outlet = m.outlet;
    doc.meta.tags = m.tags;
    doc.url = m.url;
    doc
}

fn is_date_line(t: &str) -> bool {
    let ds = dates::find_all(t, false);
    !ds.is_empty() && t.chars().count() < 60
}

fn is_title(t: &str, title: Option<&str>) -> bool {
    title.is_some_and(|ti| ti.trim() == t)
}
