//! Flattened text → main content and metadata. STUB: paragraphs of non-empty lines.

use quotewire_doc::{AlignedBuilder, Document};

/// Extract the article of a decoded plain or flattened text.
pub(crate) fn extract(src: &str) -> Document {
    let mut b = AlignedBuilder::new();
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let off = start + (line.len() - line.trim_start().len());
        if !b.is_empty() {
            b.push_synthetic("\n\n");
        }
        b.push_source(t, off);
    }
    let (text, al) = b.finish();
    Document::new("", text, al)
}
