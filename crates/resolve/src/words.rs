//! The word view resolve works on: tokens with case and position flags, and
//! the sentence/paragraph they sit in.
//!
//! Sentences and paragraphs come from `doc.layers` (the segment stage) when
//! present; otherwise a small fallback splitter is used so resolve also works
//! on documents that were never segmented.

use quotewire_doc::{Document, Span};

/// A token of the text.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    /// Byte span in the document text.
    pub span: Span,
    /// True for word tokens (letters/digits), false for punctuation.
    pub is_word: bool,
    /// First character is upper case (or a digit-led token holding a capital, "G20").
    pub cap: bool,
    /// First word of its sentence, or first after an opening quote, dash or colon.
    pub initial: bool,
    /// Index of the sentence holding it (`u32`: a word takes 24 bytes, not
    /// 32; documents are far below 4 G sentences, and a larger index
    /// saturates).
    pub sentence: u32,
}

/// Tokens plus sentence and paragraph spans.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// All tokens, in order.
    pub words: Vec<Word>,
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Paragraph spans, in order.
    pub paragraphs: Vec<Span>,
    /// Part-of-speech tag of each word (parallel to `words`), from the tag
    /// stage's layer (`doc.layers.pos`) for the segment token starting where
    /// the word starts; `""` where there is none (an untagged document, or a
    /// word that splits a token differently).
    pub pos: Tags,
}

/// Part-of-speech tags, one per word, kept as 2-byte ids into the distinct
/// tags seen (not a 16-byte `&str` a word).
#[derive(Debug, Clone, Default)]
pub struct Tags {
    /// The distinct tags, in order of first use.
    names: Vec<&'static str>,
    /// Per word: index into `names`.
    ids: Vec<u16>,
}

impl Tags {
    /// The tags `tags`, one per word, in order. A tag set larger than
    /// `u16` ids can hold (far beyond any tagger's) reads `""` past that.
    pub fn new(tags: impl IntoIterator<Item = &'static str>) -> Tags {
        let mut names: Vec<&'static str> = Vec::new();
        let mut index: rustc_hash::FxHashMap<&'static str, u16> = Default::default();
        let ids = tags
            .into_iter()
            .map(|t| {
                *index.entry(t).or_insert_with(|| {
                    names.push(t);
                    u16::try_from(names.len() - 1).unwrap_or(u16::MAX)
                })
            })
            .collect();
        Tags { names, ids }
    }

    /// The tag of word `i`; `""` when there is none (or `i` is out of range).
    pub fn get(&self, i: usize) -> &'static str {
        self.ids
            .get(i)
            .and_then(|&k| self.names.get(usize::from(k)))
            .copied()
            .unwrap_or("")
    }

    /// The tags of words `[lo, hi)` (empty when out of range).
    pub fn window(&self, lo: usize, hi: usize) -> Vec<&'static str> {
        if lo > hi || hi > self.ids.len() {
            return Vec::new();
        }
        (lo..hi).map(|i| self.get(i)).collect()
    }

    /// Number of words tagged.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no word is tagged.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Abbreviations whose period does not end a sentence (fallback splitter only).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "prof",
    "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "ltd", "co", "jr", "sr", "no", "vs", "u.s", "u.k", "u.n", "e.g", "i.e",
];

/// Opening marks after which the next word counts as sentence-initial.
const OPENERS: &[&str] = &[
    "\"", "“", "‘", "'", "(", "[", "«", "„", "—", "–", "-", ":", ";", "…",
];

impl Words {
    /// Build the word view of `doc`.
    pub fn new(doc: &Document) -> Words {
        let text = doc.text.as_str();
        let paragraphs = if doc.layers.paragraphs.is_empty() {
            fallback_paragraphs(text)
        } else {
            doc.layers.paragraphs.clone()
        };
        let sentences = if doc.layers.sentences.is_empty() {
            paragraphs
                .iter()
                .flat_map(|p| fallback_sentences(text, *p))
                .collect()
        } else {
            doc.layers.sentences.clone()
        };
        // about one word per segment token: no doubling growth on long texts
        let mut words = Vec::with_capacity(doc.layers.tokens.len() + 16);
        for (si, s) in sentences.iter().enumerate() {
            tokenize(text, *s, si, &mut words);
        }
        let tokens = &doc.layers.tokens;
        let tagged = !tokens.is_empty() && doc.layers.pos.len() == tokens.len();
        let pos = Tags::new(words.iter().map(|w| {
            if !tagged {
                return "";
            }
            let k = tokens.partition_point(|t| t.span().start < w.span.start);
            match tokens.get(k) {
                Some(t) if t.span().start == w.span.start => doc.layers.pos[k],
                _ => "",
            }
        }));
        Words {
            words,
            sentences,
            paragraphs,
            pos,
        }
    }

    /// Index of the sentence containing byte `at` (the last one starting at or before it).
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.start <= at);
        k.checked_sub(1)
    }

    /// Index of the paragraph containing byte `at`.
    pub fn paragraph_at(&self, at: usize) -> Option<usize> {
        let k = self.paragraphs.partition_point(|s| s.start <= at);
        k.checked_sub(1)
    }

    /// Index of the first token starting at or after byte `at`.
    pub fn word_at(&self, at: usize) -> usize {
        self.words.partition_point(|w| w.span.start < at)
    }
}

fn fallback_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let s = Span::new(start, i).trim(text);
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let s = Span::new(start, text.len()).trim(text);
    if !s.is_empty() {
        out.push(s);
    }
    out
}

fn fallback_sentences(text: &str, p: Span) -> Vec<Span> {
    let t = p.slice(text);
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (off, c) = chars[k];
        k += 1;
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        while k < chars.len()
            && matches!(chars[k].1, '"' | '”' | '’' | '\'' | ')' | '.' | '!' | '?')
        {
            k += 1;
        }
        if k >= chars.len() || !chars[k].1.is_whitespace() {
            continue;
        }
        let mut n = k;
        while n < chars.len() && chars[n].1.is_whitespace() {
            n += 1;
        }
        let Some(&(_, next)) = chars.get(n) else {
            break;
        };
        if !(next.is_uppercase() || matches!(next, '"' | '“' | '‘')) {
            continue;
        }
        if c == '.' {
            let before: String = t[..off]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '.')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let lw = before.to_lowercase();
            let single = before.chars().count() == 1;
            if single || ABBREVIATIONS.contains(&lw.as_str()) {
                continue;
            }
        }
        let end = chars[k].0;
        let s = Span::new(p.start + start, p.start + end).trim(text);
        if !s.is_empty() {
            out.push(s);
        }
        start = chars[n].0;
        k = n;
    }
    let s = Span::new(p.start + start, p.end).trim(text);
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// True when `c` joins two word characters inside one token.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | ',' | '/')
}

fn tokenize(text: &str, s: Span, si: usize, out: &mut Vec<Word>) {
    let si = u32::try_from(si).unwrap_or(u32::MAX);
    let st = s.slice(text);
    let chars: Vec<(usize, char)> = st.char_indices().collect();
    let first = out.len();
    let mut k = 0;
    while k < chars.len() {
        let (off, c) = chars[k];
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        let is_word = c.is_alphanumeric();
        if is_word {
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                let next_ok = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                let prev = chars[j - 1].1;
                let ok = next_ok
                    && is_joiner(cj)
                    && match cj {
                        ',' | '/' => prev.is_ascii_digit() && chars[j + 1].1.is_ascii_digit(),
                        // "U.S", "3.5", not "end.Next"
                        '.' => {
                            chars[j + 1].1.is_ascii_digit()
                                || (prev.is_uppercase()
                                    && chars[j + 1].1.is_uppercase()
                                    && (j < 2 || !chars[j - 2].1.is_alphanumeric()))
                        }
                        _ => true,
                    };
                if ok {
                    j += 2;
                } else {
                    break;
                }
            }
        }
        // an initial keeps its period inside a name ("James T. Kirk")
        if is_word
            && j == k + 1
            && c.is_uppercase()
            && chars.get(j).is_some_and(|x| x.1 == '.')
            && chars.get(j + 1).is_some_and(|x| x.1 == ' ')
            && chars.get(j + 2).is_some_and(|x| x.1.is_uppercase())
        {
            j += 1;
        }
        // a dotted acronym keeps its final period ("U.S.", "D.C.")
        if is_word
            && j >= 3
            && chars.get(j).is_some_and(|x| x.1 == '.')
            && chars[j - 2].1 == '.'
            && chars[j - 1].1.is_uppercase()
        {
            j += 1;
        }
        let mut end = chars.get(j).map_or(st.len(), |x| x.0);
        let mut tok = &st[off..end];
        // split a possessive "'s" off the word
        let mut poss = None;
        if is_word && tok.len() > 3 {
            for suf in ["'s", "’s"] {
                if tok.ends_with(suf) {
                    let cut = end - suf.len();
                    poss = Some(Span::new(s.start + cut, s.start + end));
                    end = cut;
                    tok = &st[off..end];
                }
            }
        }
        let cap = tok.chars().next().is_some_and(char::is_uppercase)
            || (tok.starts_with(|c: char| c.is_ascii_digit())
                && tok.chars().any(char::is_uppercase));
        let initial = if !is_word {
            false
        } else {
            match out[first..].iter().rev().find(|w| !w.span.is_empty()) {
                None => true,
                Some(prev) => !prev.is_word && OPENERS.contains(&prev.span.slice(text)),
            }
        };
        out.push(Word {
            span: Span::new(s.start + off, s.start + end),
            is_word,
            cap: is_word && cap,
            initial,
            sentence: si,
        });
        if let Some(p) = poss {
            out.push(Word {
                span: p,
                is_word: false,
                cap: false,
                initial: false,
                sentence: si,
            });
        }
        k = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_doc::Alignment;

    #[test]
    fn words_and_flags() {
        let d = Document::new(
            "t",
            "Putin's aide said. “We are ready,” the U.S. envoy said on Dec. 1.".into(),
            Alignment::identity(),
        );
        let w = Words::new(&d);
        let toks: Vec<&str> = w.words.iter().map(|x| d.slice(x.span)).collect();
        assert_eq!(&toks[..4], &["Putin", "'s", "aide", "said"]);
        assert!(w.words[0].initial && w.words[0].cap);
        let we = w.words.iter().find(|x| d.slice(x.span) == "We").unwrap();
        assert!(we.initial);
        assert!(toks.contains(&"U.S."));
        assert_eq!(w.sentences.len(), 2);
    }
}
