//! Byte spans inside the library, code-point offsets at its edge.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a [`crate::Document`]'s `text`.
///
/// Both ends must fall on UTF-8 character boundaries. Spans never leave the
/// library as bytes: [`CharMap`] turns them into code-point offsets.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte (exclusive).
    pub end: usize,
}

impl Span {
    /// A span `[start, end)`; `end` is clamped up to `start` so the span is never inverted.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text under the span, or `""` when it is out of range or not on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span shrunk so it neither starts nor ends with whitespace in `text`.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

/// Converts byte offsets of one text into Unicode code-point offsets.
///
/// Built once per text in O(n); each lookup is O(log n) (O(1) for ASCII text).
/// Source: the record contract (`../shared/docs/record-schema.md`) fixes
/// code points, as Python `str` indexing and brat/PolNeAR use.
#[derive(Debug, Clone)]
pub struct CharMap {
    /// Byte offset of every non-ASCII character, with the code-point index it starts at.
    wide: Vec<(usize, usize)>,
    /// Extra bytes (beyond one) seen up to and including each wide character.
    extra: Vec<usize>,
    len_bytes: usize,
}

impl CharMap {
    /// Index the character boundaries of `text`.
    pub fn new(text: &str) -> CharMap {
        let mut wide = Vec::new();
        let mut extra = Vec::new();
        let mut acc = 0;
        for (ci, (bi, ch)) in text.char_indices().enumerate() {
            let l = ch.len_utf8();
            if l > 1 {
                wide.push((bi, ci));
                acc += l - 1;
                extra.push(acc);
            }
        }
        CharMap {
            wide,
            extra,
            len_bytes: text.len(),
        }
    }

    /// The code-point offset of byte offset `byte` (clamped to the text length).
    /// A byte inside a multi-byte character maps to that character's index.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        // number of wide chars starting strictly before `byte`
        let k = self.wide.partition_point(|&(b, _)| b < byte);
        if k == 0 {
            return byte;
        }
        let (b, c) = self.wide[k - 1];
        let prev_extra = if k >= 2 { self.extra[k - 2] } else { 0 };
        let wide_len = self.extra[k - 1] - prev_extra + 1;
        if byte < b + wide_len {
            return c; // inside the character
        }
        byte - self.extra[k - 1]
    }

    /// `[start, end]` code-point offsets of a byte span.
    pub fn span(&self, span: Span) -> [usize; 2] {
        [self.char_offset(span.start), self.char_offset(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_slice_the_same_text() {
        let text = "Ünïcode “quoted” — done…";
        let map = CharMap::new(text);
        let chars: Vec<char> = text.chars().collect();
        for (bi, _) in text.char_indices() {
            let ci = map.char_offset(bi);
            let tail: String = chars[ci..].iter().collect();
            assert_eq!(tail, &text[bi..], "byte {bi}");
        }
        assert_eq!(map.char_offset(text.len()), chars.len());
        // a byte inside a wide character maps to that character
        assert_eq!(map.char_offset(1), 0);
    }

    #[test]
    fn span_helpers() {
        let t = "  ab  ";
        assert_eq!(Span::new(0, 6).trim(t), Span::new(2, 4));
        assert_eq!(Span::new(0, 2).trim(t).len(), 0);
        assert!(Span::new(0, 4).overlaps(Span::new(3, 5)));
        assert!(!Span::new(0, 3).overlaps(Span::new(3, 5)));
        assert_eq!(Span::new(5, 2), Span::new(5, 5));
    }
}
