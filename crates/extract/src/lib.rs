//! Stage 2 of the pipeline: main content and metadata.
//!
//! * [`extract_html`]: an HTML page → the article body without boilerplate
//!   (navigation, share widgets, related lists, comments, footers), plus title,
//!   authors, published/updated dates, outlet, tags, language, canonical URL
//!   and the dateline (module `html`: one html5ever parse of the page after a
//!   byte-level prefilter, Readability-style scoring, htmldate-style date
//!   precedence). Measured with `examples/bench_extract.rs`.
//! * [`extract_text`]: plain or flattened text (a page dumped with its chrome)
//!   → the body without chrome lines; "READ MORE" lines and related headlines
//!   go to `related`, the tag line to `tags`, the kicker to `series`, the page
//!   stamp to `published`, the dateline is parsed (module `text`).
//! * With [`Options::keep_text`] nothing is cleaned: `text` is the decoded input
//!   exactly, so offsets point into the original file.
//!
//! Every cleaned text is built with [`quotewire_doc::AlignedBuilder`], so its
//! bytes map back to the decoded input (for HTML: words found verbatim in
//! the page map to their byte offsets, others to the nearest known position).

#![deny(missing_docs)]

mod dateline;
mod decode;
mod html;
mod text;

pub use decode::decode;
use quotewire_doc::{Alignment, Document};

/// How to extract.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// No cleaning: `text` is the decoded input exactly as given.
    pub keep_text: bool,
}

/// Extract the article of an HTML page.
///
/// `bytes` is the raw page; `charset` a charset declared outside it (HTTP
/// header), used before `<meta charset>` and detection. Never fails: a page
/// with no article gives a document with empty text.
pub fn extract_html(
    id: &str,
    url: Option<&str>,
    bytes: &[u8],
    charset: Option<&str>,
    opts: Options,
) -> Document {
    let src = decode(bytes, charset, true);
    if opts.keep_text {
        let mut doc = Document::new(id, src, Alignment::identity());
        doc.url = url.map(str::to_string);
        return doc;
    }
    let mut doc = html::extract(&src, url);
    doc.id = id.to_string();
    if doc.url.is_none() {
        doc.url = url.map(str::to_string);
    }
    doc
}

/// The page-type feature keys of an HTML page (what the page-type model
/// reads; `examples/train_page_type.rs` trains on them). `url` as for
/// [`extract_html`].
pub fn page_type_features(bytes: &[u8], url: Option<&str>, charset: Option<&str>) -> Vec<u64> {
    let src = decode(bytes, charset, true);
    html::extract_with_features(&src, url).1
}

/// The feature function's name and version a page-type weights file must
/// carry ([`quotewire_learn::Model::check_meta`]).
pub const PAGE_TYPE_FEATURES: &str = html::pagetype::FEATURES_META;

/// Extract the article of a plain or flattened text.
pub fn extract_text(id: &str, bytes: &[u8], opts: Options) -> Document {
    if opts.keep_text
        && let Ok(exact) = std::str::from_utf8(bytes)
    {
        // UTF-8 kept byte for byte, a byte-order mark too (U+FEFF), so the
        // offsets count the file's characters as Python's utf-8 codec does
        return Document::new(id, exact.to_string(), Alignment::identity());
    }
    let src = decode(bytes, None, false);
    if opts.keep_text {
        return Document::new(id, src, Alignment::identity());
    }
    let mut doc = text::extract(&src);
    doc.id = id.to_string();
    doc
}
