//! HTML → main content and metadata. STUB: the paragraphs of the page.

use quotewire_doc::{AlignedBuilder, Document};
use scraper::{Html, Selector};

/// Extract the article of a decoded HTML page.
pub(crate) fn extract(src: &str, _url: Option<&str>) -> Document {
    let page = Html::parse_document(src);
    let p = Selector::parse("p").expect("static selector");
    let mut b = AlignedBuilder::new();
    for el in page.select(&p) {
        let t: String = el
            .text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if t.is_empty() {
            continue;
        }
        if !b.is_empty() {
            b.push_synthetic("\n\n");
        }
        b.push_replacement(&t, 0..0);
    }
    let (text, al) = b.finish();
    let mut doc = Document::new("", text, al);
    let title = Selector::parse("title").expect("static selector");
    doc.meta.title = page
        .select(&title)
        .next()
        .map(|t| t.text().collect::<String>().trim().to_string());
    doc
}
