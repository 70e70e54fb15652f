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

/// A set of spans answering "which of them overlap this span?" in
/// O(log n + k) (k the number of answers), for the whole-document overlap
/// checks that would otherwise compare every span with every other.
///
/// Built in O(n log n) from `(span, item)` pairs (`item` any caller's id,
/// e.g. an index into a list of attributions); spans may overlap and nest.
/// Overlap is exactly [`Span::overlaps`] (`a.start < b.end && b.start < a.end`).
///
/// ```
/// use quotewire_doc::{Span, SpanSet};
/// let set = SpanSet::new([(Span::new(0, 10), 0), (Span::new(4, 6), 1), (Span::new(20, 30), 2)]);
/// assert!(set.overlaps(Span::new(9, 12)));
/// assert!(!set.overlaps(Span::new(10, 20)));
/// let mut hit = set.overlapping(Span::new(5, 25)).collect::<Vec<_>>();
/// hit.sort();
/// assert_eq!(hit, [0, 1, 2]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct SpanSet {
    /// `(span, item)` sorted by span start.
    spans: Vec<(Span, usize)>,
    /// `reach[i]`: the largest end among `spans[..=i]`.
    reach: Vec<usize>,
}

impl SpanSet {
    /// The set of the given `(span, item)` pairs.
    pub fn new(spans: impl IntoIterator<Item = (Span, usize)>) -> SpanSet {
        let mut spans: Vec<(Span, usize)> = spans.into_iter().collect();
        spans.sort_by_key(|s| (s.0.start, s.0.end, s.1));
        let mut reach = Vec::with_capacity(spans.len());
        let mut r = 0;
        for s in &spans {
            r = r.max(s.0.end);
            reach.push(r);
        }
        SpanSet { spans, reach }
    }

    /// True when some span of the set overlaps `q`.
    pub fn overlaps(&self, q: Span) -> bool {
        // spans starting before q ends; one of them overlaps q iff the
        // furthest end among them lies past q's start
        let k = self.spans.partition_point(|s| s.0.start < q.end);
        k > 0 && self.reach[k - 1] > q.start
    }

    /// The items whose span overlaps `q`, from the last-starting back.
    pub fn overlapping(&self, q: Span) -> impl Iterator<Item = usize> + '_ {
        let k = self.spans.partition_point(|s| s.0.start < q.end);
        (0..k)
            .rev()
            .take_while(move |&i| self.reach[i] > q.start)
            .filter(move |&i| self.spans[i].0.end > q.start)
            .map(move |i| self.spans[i].1)
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

    #[test]
    fn span_set_answers_as_pairwise_overlap_does() {
        // every span of a small grid against every query span
        let mut spans = Vec::new();
        for a in 0..12 {
            for l in [0, 1, 3, 7] {
                if (a * 7 + l) % 3 == 0 {
                    spans.push((Span::new(a, a + l), spans.len()));
                }
            }
        }
        let set = SpanSet::new(spans.iter().copied());
        for a in 0..20 {
            for b in a..22 {
                let q = Span::new(a, b);
                let mut want: Vec<usize> = spans
                    .iter()
                    .filter(|s| s.0.overlaps(q))
                    .map(|s| s.1)
                    .collect();
                let mut got: Vec<usize> = set.overlapping(q).collect();
                want.sort();
                got.sort();
                assert_eq!(got, want, "{q:?}");
                assert_eq!(set.overlaps(q), !want.is_empty(), "{q:?}");
            }
        }
        assert!(!SpanSet::default().overlaps(Span::new(0, 5)));
    }
}
