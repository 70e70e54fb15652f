//! Source offsets for the extracted text.
//!
//! html5ever does not report where a node came from, so text nodes are found
//! again in the (prefiltered) page: the arena's text nodes are in source
//! order, and each is looked up from a forward-moving cursor by a probe (its
//! first bytes up to a character that an entity may have encoded). Words of
//! the output are then matched verbatim near their node's position; a word
//! that cannot be matched (it held an entity) maps to the position reached so
//! far. Offsets of the stripped page are mapped back to the original page
//! through the prefilter's cuts.

use super::content::Run;
use super::dom::{Dom, Kind};
use super::prefilter::CutMap;
use memchr::memmem;
use quotewire_doc::AlignedBuilder;

/// Shortest probe worth searching (shorter ones match anywhere).
const MIN_PROBE: usize = 6;
/// Longest probe.
const MAX_PROBE: usize = 48;
/// How far past the cursor a text node is searched for.
const MAX_JUMP: usize = 256 * 1024;
/// How far past the last matched word the next word is searched for.
const WORD_WINDOW: usize = 512;

/// Words tried as the start of a probe.
const PROBE_TRIES: usize = 4;

/// The probe starting at byte `from` of `t` (up to a character an entity may
/// have encoded), and how many bytes of `t` precede it; `None` when too short.
fn probe_at(t: &str, from: usize) -> Option<(&[u8], usize)> {
    let rest = t.get(from..)?;
    let mut end = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, '&' | '<' | '>' | '\u{a0}' | '\n' | '\r'))
        .map_or(rest.len(), |(k, _)| k)
        .min(MAX_PROBE);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    (end >= MIN_PROBE).then(|| (&rest.as_bytes()[..end], from))
}

/// Stripped-page offset of every text node that could be found (`None`
/// otherwise), indexed like the arena.
pub(crate) fn text_positions(stripped: &str, dom: &Dom) -> Vec<Option<usize>> {
    let b = stripped.as_bytes();
    let mut pos = vec![None; dom.nodes.len()];
    let mut cursor = 0usize;
    for (i, n) in dom.nodes.iter().enumerate() {
        let Kind::Text(t) = n.kind else { continue };
        let hay_end = (cursor + MAX_JUMP).min(b.len());
        let Some(hay) = b.get(cursor..hay_end) else {
            continue;
        };
        // Probes: the text's start, else the starts of its next words (an
        // entity early in the text hides the first ones).
        let mut from = t.len() - t.trim_start().len();
        for _ in 0..PROBE_TRIES {
            let Some((probe, skipped)) = probe_at(t, from) else {
                break;
            };
            if let Some(p) = memmem::find(hay, probe) {
                let found = cursor + p;
                pos[i] = Some(found.saturating_sub(skipped * 2).max(cursor));
                cursor = found + probe.len();
                break;
            }
            match t[from..].find(' ') {
                Some(sp) => from += sp + 1,
                None => break,
            }
        }
    }
    pos
}

/// Append one run's text to `out`, word by word, with source offsets
/// (original page) where the words are found.
pub(crate) fn push_run(
    out: &mut AlignedBuilder,
    run: &Run,
    text: &str,
    stripped: &str,
    positions: &[Option<usize>],
    cuts: &CutMap,
) {
    let b = stripped.as_bytes();
    // Stripped offset after the last matched word.
    let mut src_cursor: Option<usize> = None;
    for (k, &(seg_start, node)) in run.segs.iter().enumerate() {
        let seg_end = run.segs.get(k + 1).map_or(run.text.len(), |s| s.0);
        if seg_start >= text.len() {
            break;
        }
        let seg = &text[seg_start..seg_end.min(text.len())];
        if let Some(p) = positions.get(node).copied().flatten()
            && src_cursor.is_none_or(|c| p >= c)
        {
            src_cursor = Some(p);
        }
        let mut rest = seg;
        while !rest.is_empty() {
            let ws = rest.len() - rest.trim_start_matches(' ').len();
            if ws > 0 {
                let here = src_cursor.map(|c| cuts.to_original(c));
                match here {
                    Some(h) => out.push_replacement(&rest[..ws], h..h),
                    None => out.push_synthetic(&rest[..ws]),
                }
                rest = &rest[ws..];
                continue;
            }
            let wlen = rest.find(' ').unwrap_or(rest.len());
            let word = &rest[..wlen];
            let found = src_cursor.and_then(|c| {
                // Fast path: the word right after white space at the cursor.
                let mut k = c;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if b.get(k..k + word.len()) == Some(word.as_bytes()) {
                    return Some(k);
                }
                let hay = b.get(c..(c + WORD_WINDOW).min(b.len()))?;
                memmem::find(hay, word.as_bytes()).map(|p| c + p)
            });
            match (found, src_cursor) {
                (Some(f), _) => {
                    out.push_source(word, cuts.to_original(f));
                    src_cursor = Some(f + word.len());
                }
                (None, Some(c)) => {
                    let h = cuts.to_original(c);
                    out.push_replacement(word, h..h);
                }
                (None, None) => out.push_replacement(word, 0..0),
            }
            rest = &rest[wlen..];
        }
    }
}
