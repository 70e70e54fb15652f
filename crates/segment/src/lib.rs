//! Stage 3 of the pipeline: paragraphs, sentences, tokens and paired quotation
//! marks, written to [`quotewire_doc::Layers`]. STUB.

#![deny(missing_docs)]

use quotewire_doc::Document;

/// Fill `doc.layers` from `doc.text`.
pub fn segment(doc: &mut Document) {
    let _ = doc;
}
