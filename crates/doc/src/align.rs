//! The alignment map between a cleaned text and the input it was built from.
//!
//! Idea from Hugging Face tokenizers' `NormalizedString`: every edit goes
//! through one builder, so the map cannot drift.

use std::ops::Range;

/// One run of output bytes and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    /// Byte offset in the output text.
    out: usize,
    /// Length in output bytes.
    len: usize,
    /// Source byte range; `None` for synthetic text (e.g. a paragraph break).
    src: Option<Range<usize>>,
    /// True when the output bytes are a verbatim copy of the source range.
    verbatim: bool,
}

/// Maps byte offsets of a cleaned text back to byte offsets of its source
/// (the decoded input: the HTML page, the text file, the WARC payload).
///
/// An empty alignment (from [`Alignment::identity`] or [`Default`]) means the
/// text *is* the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alignment {
    pieces: Vec<Piece>,
    identity: bool,
}

impl Alignment {
    /// The alignment of a text that is its own source (`--keep-text`).
    pub fn identity() -> Alignment {
        Alignment {
            pieces: Vec::new(),
            identity: true,
        }
    }

    /// True for the identity alignment.
    pub fn is_identity(&self) -> bool {
        self.identity
    }

    /// Source byte offset of output byte `out`.
    ///
    /// Verbatim copies map byte for byte; a replaced run maps every byte to the
    /// start of the source range it replaced; synthetic text (inserted
    /// separators) maps to `None`.
    pub fn to_source(&self, out: usize) -> Option<usize> {
        if self.identity {
            return Some(out);
        }
        let k = self.pieces.partition_point(|p| p.out + p.len <= out);
        let p = self.pieces.get(k)?;
        if out < p.out {
            return None;
        }
        let src = p.src.as_ref()?;
        if p.verbatim {
            Some(src.start + (out - p.out))
        } else {
            Some(src.start)
        }
    }

    /// Source byte range covered by output range `[start, end)`, when both ends map.
    pub fn range_to_source(&self, start: usize, end: usize) -> Option<Range<usize>> {
        if self.identity {
            return Some(start..end);
        }
        let a = self.to_source(start)?;
        let b = if end > start {
            self.to_source(end - 1)? + 1
        } else {
            a
        };
        Some(a..b.max(a))
    }
}

/// Builds a cleaned text piece by piece while recording the [`Alignment`].
///
/// ```
/// use quotewire_doc::AlignedBuilder;
/// let mut b = AlignedBuilder::new();
/// b.push_source("First.", 10);
/// b.push_synthetic("\n\n");
/// b.push_source("Second.", 40);
/// let (text, al) = b.finish();
/// assert_eq!(text, "First.\n\nSecond.");
/// assert_eq!(al.to_source(8), Some(40));
/// assert_eq!(al.to_source(6), None);
/// ```
#[derive(Debug, Default)]
pub struct AlignedBuilder {
    text: String,
    pieces: Vec<Piece>,
}

impl AlignedBuilder {
    /// An empty builder.
    pub fn new() -> AlignedBuilder {
        AlignedBuilder::default()
    }

    /// An empty builder with room for `bytes` of text (a text about the
    /// size of its source is not grown by doubling past it).
    pub fn with_capacity(bytes: usize) -> AlignedBuilder {
        AlignedBuilder {
            text: String::with_capacity(bytes),
            pieces: Vec::new(),
        }
    }

    /// Append `s`, a verbatim copy of the source starting at byte `src_start`.
    pub fn push_source(&mut self, s: &str, src_start: usize) {
        self.push(s, Some(src_start..src_start + s.len()), true);
    }

    /// Append `s` in place of source bytes `src` (an entity decoded, NBSP made a space).
    pub fn push_replacement(&mut self, s: &str, src: Range<usize>) {
        self.push(s, Some(src), false);
    }

    /// Append text that has no source (paragraph separators).
    pub fn push_synthetic(&mut self, s: &str) {
        self.push(s, None, false);
    }

    fn push(&mut self, s: &str, src: Option<Range<usize>>, verbatim: bool) {
        if s.is_empty() {
            return;
        }
        let out = self.text.len();
        self.text.push_str(s);
        if let Some(last) = self.pieces.last_mut() {
            let joinable = match (&last.src, &src) {
                (Some(a), Some(b)) => last.verbatim && verbatim && a.end == b.start,
                (None, None) => true,
                _ => false,
            };
            if joinable {
                last.len += s.len();
                if let (Some(a), Some(b)) = (&mut last.src, &src) {
                    a.end = b.end;
                }
                return;
            }
        }
        self.pieces.push(Piece {
            out,
            len: s.len(),
            src,
            verbatim,
        });
    }

    /// The text built so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when nothing has been appended.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Remove trailing whitespace (and its alignment) from the text built so far.
    pub fn trim_end(&mut self) {
        let keep = self.text.trim_end().len();
        self.text.truncate(keep);
        while let Some(last) = self.pieces.last_mut() {
            if last.out >= keep {
                self.pieces.pop();
            } else {
                if last.out + last.len > keep {
                    let cut = last.out + last.len - keep;
                    last.len -= cut;
                    if let Some(r) = &mut last.src
                        && last.verbatim
                    {
                        r.end -= cut;
                    }
                }
                break;
            }
        }
    }

    /// The finished text and its alignment, each without spare capacity
    /// (they live as long as the document).
    pub fn finish(mut self) -> (String, Alignment) {
        self.text.shrink_to_fit();
        self.pieces.shrink_to_fit();
        (
            self.text,
            Alignment {
                pieces: self.pieces,
                identity: false,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_text_has_no_spare_room() {
        // sized for more than it got, and grown past a small start: both
        // finish at their length
        for cap in [64, 1] {
            let mut b = AlignedBuilder::with_capacity(cap);
            b.push_source("one two", 0);
            b.push_synthetic("\n\n");
            b.push_source("three", 9);
            let (text, al) = b.finish();
            assert_eq!(text, "one two\n\nthree");
            assert_eq!(text.capacity(), text.len());
            assert_eq!(al.to_source(9), Some(9));
        }
    }

    #[test]
    fn maps_every_verbatim_byte_back() {
        let src = "xx Hello\u{a0}world yy";
        let mut b = AlignedBuilder::new();
        b.push_source("Hello", 3);
        b.push_replacement(" ", 8..10);
        b.push_source("world", 10);
        b.push_synthetic("\n\n");
        let (text, al) = b.finish();
        assert_eq!(text, "Hello world\n\n");
        for (i, ch) in "Hello".char_indices() {
            assert_eq!(&src[al.to_source(i).unwrap()..][..1], &ch.to_string());
        }
        assert_eq!(al.to_source(5), Some(8));
        assert_eq!(
            &src[al.to_source(6).unwrap()..al.to_source(6).unwrap() + 5],
            "world"
        );
        assert_eq!(al.to_source(11), None);
        assert_eq!(al.range_to_source(0, 11), Some(3..15));
    }

    #[test]
    fn trim_end_drops_alignment_too() {
        let mut b = AlignedBuilder::new();
        b.push_source("abc  ", 0);
        b.push_synthetic("\n\n");
        b.trim_end();
        let (t, al) = b.finish();
        assert_eq!(t, "abc");
        assert_eq!(al.to_source(2), Some(2));
        assert_eq!(al.to_source(3), None);
    }

    #[test]
    fn identity_maps_to_itself() {
        assert_eq!(Alignment::identity().to_source(42), Some(42));
    }
}
