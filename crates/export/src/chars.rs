//! Code-point slicing of a record's text, shared with the store.

/// Byte offset of every code point of `text`, plus `text.len()` at the end,
/// so record offsets (code points) slice the Rust string.
/// Record offsets are code points, end-exclusive (`docs/record-schema.md`).
pub struct Chars<'a> {
    text: &'a str,
    bytes: Vec<u32>,
}

impl<'a> Chars<'a> {
    /// Indexes `text` (4 bytes per code point).
    pub fn new(text: &'a str) -> Chars<'a> {
        let mut bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        bytes.push(text.len() as u32);
        Chars { text, bytes }
    }

    /// Code points in the text.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of `[start, end)` in code points; empty when out of range.
    pub fn slice(&self, [start, end]: [usize; 2]) -> &'a str {
        if start > end || end > self.len() {
            return "";
        }
        &self.text[self.bytes[start] as usize..self.bytes[end] as usize]
    }

    /// The parts of several spans joined by " … ".
    pub fn join(&self, spans: &[[usize; 2]]) -> String {
        let mut out = String::new();
        for s in spans {
            let part = self.slice(*s).trim();
            if part.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push_str(" … ");
            }
            out.push_str(part);
        }
        out
    }
}
