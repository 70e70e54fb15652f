//! The compact per-token indexes of the learned view ([`super::View`]):
//! lower-cased tokens, sentence ranges and the nearest marked tokens, a
//! few bytes a token each.

use quotewire_doc::{Document, Token};

/// The token range `[first, last + 1)` of each token's sentence (a maximal
/// run of tokens with the same `Token::sentence`).
pub(super) enum Sentences {
    /// Indexed by `Token::sentence`, when each sentence index makes one run
    /// (as segment writes them): 8 bytes a sentence, nothing per token.
    BySentence(Vec<(u32, u32)>),
    /// Indexed by token, otherwise.
    PerToken(Vec<(u32, u32)>),
}

impl Sentences {
    /// The runs of `toks` with the same sentence index.
    pub(super) fn new(toks: &[Token]) -> Sentences {
        let n = toks.len();
        let mut runs: Vec<(usize, u32, u32)> = Vec::new();
        let mut a = 0;
        while a < n {
            let mut b = a;
            while b < n && toks[b].sentence() == toks[a].sentence() {
                b += 1;
            }
            runs.push((toks[a].sentence(), compact(Some(a)), compact(Some(b))));
            a = b;
        }
        if runs.windows(2).all(|w| w[0].0 < w[1].0) {
            let len = runs.last().map_or(0, |r| r.0 + 1);
            let mut by = vec![(0, 0); len];
            for &(s, a, b) in &runs {
                by[s] = (a, b);
            }
            Sentences::BySentence(by)
        } else {
            let mut per = vec![(0, 0); n];
            for &(_, a, b) in &runs {
                per[a as usize..b as usize].fill((a, b));
            }
            Sentences::PerToken(per)
        }
    }
}

/// The sentence range of token `i` of `toks` in `sent`.
pub(super) fn sent_of(sent: &Sentences, toks: &[Token], i: usize) -> (u32, u32) {
    match sent {
        Sentences::BySentence(by) => by[toks[i].sentence()],
        Sentences::PerToken(per) => per[i],
    }
}

/// "No token" in the compact index vectors of the learned view.
pub(super) const NONE: u32 = u32::MAX;

/// Marked tokens (verbs, cues, clause punctuation), for the nearest one
/// before or after a token within a range in constant time: their
/// positions, and how many lie before each token (4 bytes a token and 4 a
/// mark, where two indices per token took 8).
pub(super) struct Marks {
    /// Positions of the marked tokens, in order.
    at: Vec<u32>,
    /// `before[i]`: marked tokens among `[0, i)` (`n + 1` entries).
    pub(super) before: Vec<u32>,
}

impl Marks {
    /// The tokens `i` of `0..n` where `marked(i)`.
    pub(super) fn new(n: usize, marked: impl Fn(usize) -> bool) -> Marks {
        let mut at = Vec::new();
        let mut before = Vec::with_capacity(n + 1);
        before.push(0);
        for i in 0..n {
            if marked(i) {
                at.push(compact(Some(i)));
            }
            before.push(compact(Some(at.len())));
        }
        Marks { at, before }
    }

    /// The last marked token before `i`, if it is at or after `lo`.
    pub(super) fn left(&self, i: usize, lo: usize) -> Option<usize> {
        let k = (self.before[i] as usize).checked_sub(1)?;
        let j = *self.at.get(k)? as usize;
        (j >= lo).then_some(j)
    }

    /// The first marked token after `i`, if it is before `hi`.
    pub(super) fn right(&self, i: usize, hi: usize) -> Option<usize> {
        let j = *self.at.get(self.before[i + 1] as usize)? as usize;
        (j < hi).then_some(j)
    }
}

/// A token index in the compact form (documents are at most
/// `--max-doc-bytes`, far below 4 G tokens; saturates rather than wraps).
pub(super) fn compact(j: Option<usize>) -> u32 {
    j.map_or(NONE, |j| u32::try_from(j).unwrap_or(NONE - 1))
}

/// Whether lower-casing `s` changes nothing.
pub(super) fn is_lower(s: &str) -> bool {
    s.chars().all(|c| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    })
}

/// The lower-cased text of every token, 4 bytes a token: a token that
/// lower-casing leaves unchanged (most) is read from the document text, the
/// others from a side list of their lower-cased copies. `lw[i]` is the
/// lower-cased text of token `i`.
pub(super) struct Lowered<'a> {
    doc: &'a Document,
    /// Per token: index into `owned`, or [`NONE`] when the token's own text
    /// is already lower case.
    at: Vec<u32>,
    /// Lower-cased copies of the tokens that needed one, in token order.
    owned: Vec<Box<str>>,
}

impl<'a> Lowered<'a> {
    pub(super) fn new(doc: &'a Document) -> Lowered<'a> {
        let toks = &doc.layers.tokens;
        let mut owned = Vec::new();
        let at = toks
            .iter()
            .map(|t| {
                let s = doc.slice(t.span());
                if is_lower(s) {
                    NONE
                } else {
                    owned.push(s.to_lowercase().into_boxed_str());
                    compact(Some(owned.len() - 1))
                }
            })
            .collect();
        Lowered { doc, at, owned }
    }

    pub(super) fn len(&self) -> usize {
        self.at.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.at.is_empty()
    }
}

impl std::ops::Index<usize> for Lowered<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        match self.at[i] {
            NONE => self.doc.slice(self.doc.layers.tokens[i].span()),
            k => &self.owned[k as usize],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_doc::Span;

    fn toks(sentences: &[usize]) -> Vec<Token> {
        sentences
            .iter()
            .enumerate()
            .map(|(i, &s)| Token::new(Span::new(i, i + 1), s).unwrap())
            .collect()
    }

    #[test]
    fn marks_find_the_nearest_within_a_range() {
        // marked: 1, 4, 5
        let m = Marks::new(8, |i| matches!(i, 1 | 4 | 5));
        assert_eq!(m.left(0, 0), None);
        assert_eq!(m.left(1, 0), None);
        assert_eq!(m.left(3, 0), Some(1));
        assert_eq!(m.left(3, 2), None);
        assert_eq!(m.left(5, 0), Some(4));
        assert_eq!(m.right(1, 8), Some(4));
        assert_eq!(m.right(4, 8), Some(5));
        assert_eq!(m.right(5, 8), None);
        assert_eq!(m.right(2, 4), None);
        assert_eq!(m.before, [0, 0, 1, 1, 1, 2, 3, 3, 3]);
    }

    #[test]
    fn sentence_ranges_by_sentence_and_per_token_agree() {
        // as segment writes them: by sentence index
        let t = toks(&[0, 0, 1, 3, 3]);
        let s = Sentences::new(&t);
        assert!(matches!(s, Sentences::BySentence(_)));
        let got: Vec<_> = (0..t.len()).map(|i| sent_of(&s, &t, i)).collect();
        assert_eq!(got, [(0, 2), (0, 2), (2, 3), (3, 5), (3, 5)]);
        // a sentence index coming back after another: runs per token
        let t = toks(&[0, 0, 1, 0]);
        let s = Sentences::new(&t);
        assert!(matches!(s, Sentences::PerToken(_)));
        let got: Vec<_> = (0..t.len()).map(|i| sent_of(&s, &t, i)).collect();
        assert_eq!(got, [(0, 2), (0, 2), (2, 3), (3, 4)]);
    }
}
