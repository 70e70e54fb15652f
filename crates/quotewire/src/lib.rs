//! quotewire as a library: one call runs the whole analysis pipeline.
//!
//! ```text
//! read (quotewire-read) → extract → segment → attribute → resolve → Record
//! ```
//!
//! ```
//! use quotewire::{analyze_text, Options};
//! let rec = analyze_text("doc", "“We are ready,” Putin said.", Options::default());
//! assert_eq!(rec.id, "doc");
//! ```

#![deny(missing_docs)]

use quotewire_doc::{Document, Record};
pub use quotewire_extract::Options;
use quotewire_read::{Format, Input};

/// Run every stage after reading on one input and return its record.
///
/// Never panics on bad input: undecodable bytes are replaced, a page with no
/// article gives a record with empty text.
pub fn analyze(input: &Input, opts: Options) -> Record {
    let mut doc = match input.format {
        Format::Html => quotewire_extract::extract_html(
            &input.id,
            input.url.as_deref(),
            &input.bytes,
            input.charset.as_deref(),
            opts,
        ),
        Format::Text => {
            let mut d = quotewire_extract::extract_text(&input.id, &input.bytes, opts);
            if d.url.is_none() {
                d.url = input.url.clone();
            }
            d
        }
    };
    annotate(&mut doc);
    Record::from_document(&doc)
}

/// Analyse a text given as a string (convenience for tests and bindings).
pub fn analyze_text(id: &str, text: &str, opts: Options) -> Record {
    let mut doc = quotewire_extract::extract_text(id, text.as_bytes(), opts);
    annotate(&mut doc);
    Record::from_document(&doc)
}

/// The stages after extraction, in order: segment → attribute → resolve.
pub fn annotate(doc: &mut Document) {
    quotewire_segment::segment(doc);
    quotewire_attribute::attribute(doc);
    quotewire_resolve::resolve(doc);
}
