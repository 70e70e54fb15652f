//! Stage 4 of the pipeline: attributions (source, cue, content) in the terms
//! of PARC 3.0 and PolNeAR. Reads `doc.layers`, writes `doc.attributions`
//! (speakers are left to `quotewire-resolve`).
//!
//! A rule system over the tokens, sentences and paired quotation marks of
//! `quotewire-segment`, in passes linear in the number of tokens
//! (≈0.2 ms for a 4.6 KB article; per-sentence steps are bounded because
//! segment cuts sentences at `MAX_SENTENCE_BYTES`, counts over a span come
//! from prefix sums; checked by `crates/quotewire/tests/properties.rs`):
//!
//! 1. **Direct quotes.** Every quotation standing as a clause of its own (after
//!    a sentence start, `:` or `,`, or a full quoted sentence right after a
//!    speech verb) is content. Its cue and source come from, in order: a
//!    trailer after the closing mark (`"…," Putin said` / `"…," said X` /
//!    `"…," X, a spokesman, said` / `"…," X quipped` / `"…" —X`, also on the
//!    next line), a lead-in before the opening mark (`X said: "…"`,
//!    `X said, "…"`, `…, saying, "…"`, `From X: "…"`, `According to X, "…"`,
//!    `X boomed: "…"`), the previous quote of the same paragraph (one turn,
//!    discontinuous content). A quotation interrupted by its attribution
//!    (`"…," said X, "…"`) is one attribution with discontinuous content.
//! 2. **Indirect and mixed speech** around the cue words of
//!    [`lexicon::CUES`] outside quotations: `X said (that) …`,
//!    `…, X said.`, `…, X says, …` (parenthetical), `As X noted, …`,
//!    `according to X, …`, `…, according to X.`, `X told reporters that …`,
//!    `…, saying …`, `X called this "…"`, `X expressed hope for …`, and
//!    stance verbs with an object (`X declined to comment`, `X urged Y to …`).
//!    A cue inside the content of another is nested: it is reported too, but
//!    does not cut the outer content.
//! 3. **Speaker labels** opening a paragraph (`BOULDUAN: …`, `Bernie Sanders: …`).
//! 4. **Cue-less quotes** take the source and cue of the attribution just
//!    before them (same paragraph, or the previous one when the quote opens
//!    its paragraph), else the subject of the previous sentence (no cue).
//!
//! PolNeAR conventions followed: indirect content includes the complementiser
//! "that"; direct content includes its quotation marks; the source is the
//! mention as written ("the president", "he", "a source"); the cue is the verb
//! or phrase. The kind is the share of content words inside double quotation
//! marks (direct ≥ 0.8, mixed > 0), the PolNeAR scorer's definition.
//!
//! The word lists (cue verbs, modifiers, stop words) are hand-written data in
//! [`lexicon`], chosen from the cue frequencies of the PolNeAR *train* split;
//! the rules were tuned on train and checked on dev
//! (`examples/polnear.rs` runs them on a directory of texts).

#![deny(missing_docs)]

pub mod learned;
pub mod lexicon;
pub mod repair;

use lexicon::CueClass;
use quotewire_doc::{Attribution, Document, QuoteKind, QuoteMark, Span, Token};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Find the attributions of `doc` (replacing any already there): the rules
/// ([`attribute_rules`]), then the learned model ([`learned`]) reading their
/// output as features.
///
/// Needs `doc.layers` from `quotewire-segment` (and `pos` from
/// `quotewire-tag`); with empty layers it finds nothing.
/// Polls `doc.deadline` (the per-document time budget): past it, the model
/// stops tagging (or is not run) and the rules' attributions are kept.
pub fn attribute(doc: &mut Document) {
    attribute_rules(doc);
    if doc.deadline.expired() {
        // the time budget is spent: the rules' attributions, unmerged
        return;
    }
    match learned::builtin() {
        Ok(model) => learned::apply(doc, model),
        Err(e) => doc
            .warnings
            .push(format!("attribution model not used, rules only: {e}")),
    }
    repair::repair(doc);
}

/// The rule system alone (see the crate documentation), replacing
/// `doc.attributions`.
pub fn attribute_rules(doc: &mut Document) {
    let copies = lower_copies(&doc.text, &doc.layers.tokens);
    let ctx = Ctx::new(
        &copies,
        &doc.text,
        &doc.layers.tokens,
        &doc.layers.sentences,
        &doc.layers.quotes,
        &doc.layers.paragraphs,
    );
    let atts = ctx.run();
    doc.attributions = atts;
}

/// A role range in tokens: `[start, end)`.
type Range = (usize, usize);

#[derive(Debug, Clone)]
struct Draft {
    content: Vec<Span>,
    cue: Vec<Span>,
    source: Vec<Span>,
    /// Paragraph of the (last) content.
    para: usize,
    direct: bool,
    /// Sentence of the cue, when any.
    sentence: Option<usize>,
    /// A direct quote with no cue: (its first sentence, its first paragraph),
    /// to be given the source of the attribution before it.
    orphan: Option<(usize, usize)>,
    /// The cue lies inside the content of an earlier attribution of its sentence.
    nested: bool,
    /// A direct quote never closed and with no cue of its own.
    unclosed: bool,
}

struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    sents: &'a [Span],
    quotes: &'a [QuoteMark],
    paras: &'a [Span],
    /// Lower-cased token texts.
    lw: Vec<Low<'a>>,
    /// The quote whose (outer) span holds each token ([`NO_QUOTE`]: none;
    /// 4 bytes a token, read through [`Ctx::quote_of`]).
    in_quote: Vec<u32>,
    /// First token of each sentence (sentences.len() + 1 entries).
    sent_tok: Vec<usize>,
    /// Paragraph index of each sentence.
    sent_para: Vec<usize>,
    /// Word tokens before each token (toks.len() + 1 entries), and word
    /// tokens inside quotation marks: counts over a span in O(log n).
    words_before: Vec<u32>,
    quoted_before: Vec<u32>,
    /// Tokens where a content may stop (see [`Ctx::content_end`]), in
    /// order: `(k, None)` for ", who/which" at `k`, `(k, Some(m))` for
    /// "and/but (modifiers) CUE" with the cue at `m`. Outside quotes.
    content_breaks: Vec<(usize, Option<usize>)>,
}

/// "In no quote" in [`Ctx`]'s `in_quote` (documents are far below 4 G
/// quotes; a larger index saturates).
const NO_QUOTE: u32 = u32::MAX;

/// A lower-cased token: the token's own text when lower-casing changes
/// nothing (most tokens), else its copy in [`lower_copies`]; 16 bytes a
/// token and no allocation for most.
#[derive(Debug, Clone, Copy)]
struct Low<'a>(&'a str);

impl Low<'_> {
    fn as_str(&self) -> &str {
        self.0
    }
}

impl std::ops::Deref for Low<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

/// The lower-cased copies of the tokens that lower-casing changes, with
/// their token index, in token order (the others are read from the text).
fn lower_copies(text: &str, toks: &[Token]) -> Vec<(usize, Box<str>)> {
    toks.iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let s = t.span.slice(text);
            let unchanged = s.chars().all(|c| {
                let mut l = c.to_lowercase();
                l.next() == Some(c) && l.next().is_none()
            });
            (!unchanged).then(|| (i, s.to_lowercase().into_boxed_str()))
        })
        .collect()
}

impl PartialEq<str> for Low<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Low<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Low<'_>> for &str {
    fn eq(&self, other: &Low<'_>) -> bool {
        *self == other.as_str()
    }
}

fn quote_outer(q: &QuoteMark) -> Span {
    Span::new(q.open.start, q.close.map(|c| c.end).unwrap_or(q.inner.end))
}

/// Some span of `sorted` (sorted by start) lies inside `outer`; looks only
/// at the spans starting inside it (binary search).
fn any_inside(sorted: &[Span], outer: Span) -> bool {
    let k = sorted.partition_point(|s| s.start < outer.start);
    sorted[k..]
        .iter()
        .take_while(|s| s.start <= outer.end)
        .any(|s| outer.contains(*s))
}

fn is_word(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphanumeric())
}

fn is_quote_mark(s: &str) -> bool {
    matches!(
        s,
        "\"" | "“" | "”" | "„" | "‟" | "«" | "»" | "‹" | "›" | "''" | "``"
    )
}

fn is_dash(s: &str) -> bool {
    matches!(s, "—" | "–" | "-" | "--" | "―")
}

fn capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// [`lexicon::CUES`] as a map, built once.
static CUE_MAP: LazyLock<HashMap<&'static str, CueClass>> =
    LazyLock::new(|| lexicon::CUES.iter().copied().collect());
/// [`lexicon::NP_STOP`] as a set, built once.
static NP_STOP_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon::NP_STOP.iter().copied().collect());
/// [`lexicon::CUE_MODIFIERS`] as a set, built once.
static MODIFIER_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon::CUE_MODIFIERS.iter().copied().collect());

fn cue_class(w: &str) -> Option<CueClass> {
    CUE_MAP.get(w).copied()
}

impl<'a> Ctx<'a> {
    fn new(
        copies: &'a [(usize, Box<str>)],
        text: &'a str,
        toks: &'a [Token],
        sents: &'a [Span],
        quotes: &'a [QuoteMark],
        paras: &'a [Span],
    ) -> Ctx<'a> {
        let mut copies = copies.iter().peekable();
        let lw: Vec<Low> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| match copies.next_if(|c| c.0 == i) {
                Some((_, s)) => Low(s),
                None => Low(t.span.slice(text)),
            })
            .collect();
        let mut in_quote = vec![NO_QUOTE; toks.len()];
        let mut qi = 0;
        for (i, t) in toks.iter().enumerate() {
            while qi < quotes.len() && quote_outer(&quotes[qi]).end <= t.span.start {
                qi += 1;
            }
            // quotes are sorted by opening; check a few candidates from qi
            // an unclosed quote's words stay open to the indirect pass
            for (k, q) in quotes.iter().enumerate().skip(qi).take(3) {
                if q.close.is_some() && quote_outer(q).contains(t.span) {
                    in_quote[i] = u32::try_from(k).unwrap_or(NO_QUOTE - 1);
                    break;
                }
            }
        }
        let mut sent_tok = vec![toks.len(); sents.len() + 1];
        for (i, t) in toks.iter().enumerate().rev() {
            if t.sentence < sent_tok.len() {
                sent_tok[t.sentence] = i;
            }
        }
        for s in (0..sents.len()).rev() {
            if sent_tok[s] > sent_tok[s + 1] {
                sent_tok[s] = sent_tok[s + 1];
            }
        }
        let mut sent_para = Vec::with_capacity(sents.len());
        let mut p = 0;
        for s in sents {
            while p + 1 < paras.len() && paras[p].end < s.start {
                p += 1;
            }
            sent_para.push(p);
        }
        let mut words_before = Vec::with_capacity(toks.len() + 1);
        let mut quoted_before = Vec::with_capacity(toks.len() + 1);
        let (mut n, mut q) = (0u32, 0u32);
        for (i, t) in toks.iter().enumerate() {
            words_before.push(n);
            quoted_before.push(q);
            if is_word(t.span.slice(text)) {
                n += 1;
                if in_quote[i] != NO_QUOTE {
                    q += 1;
                }
            }
        }
        words_before.push(n);
        quoted_before.push(q);
        let tok = |i: usize| toks.get(i).map_or("", |t| t.span.slice(text));
        let mut content_breaks = Vec::new();
        for k in 1..toks.len() {
            if in_quote[k] != NO_QUOTE {
                continue;
            }
            let w: &str = &lw[k];
            if tok(k - 1) == "," && matches!(w, "who" | "which") {
                content_breaks.push((k, None));
            } else if matches!(w, "and" | "but")
                && in_quote.get(k + 1).is_some_and(|&q| q == NO_QUOTE)
            {
                let mut m = k + 1;
                while m < toks.len() && MODIFIER_SET.contains(&*lw[m]) {
                    m += 1;
                }
                if m + 1 < toks.len()
                    && cue_class(&lw[m]).is_some()
                    && !capitalized(tok(m))
                    && (matches!(tok(m + 1), ":" | ",") || is_quote_mark(tok(m + 1)))
                {
                    content_breaks.push((k, Some(m)));
                }
            }
        }
        Ctx {
            text,
            toks,
            sents,
            quotes,
            paras,
            lw,
            in_quote,
            sent_tok,
            sent_para,
            words_before,
            quoted_before,
            content_breaks,
        }
    }

    /// The quote whose (outer) span holds token `i`, if any.
    fn quote_of(&self, i: usize) -> Option<usize> {
        match self.in_quote[i] {
            NO_QUOTE => None,
            k => Some(k as usize),
        }
    }

    /// The token before `k` (`""` at the start).
    fn prev_tok(&self, k: usize) -> &str {
        k.checked_sub(1).map_or("", |p| self.tok(p))
    }

    fn tok(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .map(|t| t.span.slice(self.text))
            .unwrap_or("")
    }

    fn span(&self, r: Range) -> Span {
        if r.0 >= r.1 || r.1 > self.toks.len() {
            return Span::new(0, 0);
        }
        Span::new(self.toks[r.0].span.start, self.toks[r.1 - 1].span.end)
    }

    /// Token range of sentence `s`.
    fn sent_range(&self, s: usize) -> Range {
        (self.sent_tok[s], self.sent_tok[s + 1])
    }

    /// First token at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < b)
    }

    fn run(&self) -> Vec<Attribution> {
        let mut used_cue = vec![false; self.toks.len()];
        let mut drafts = self.direct_pass(&mut used_cue);
        let mut direct_spans: Vec<Span> = drafts
            .iter()
            .flat_map(|d| d.content.iter().copied())
            .collect();
        direct_spans.sort_by_key(|s| s.start);
        let indirect = self.indirect_pass(&used_cue, &direct_spans);
        // an unclosed, cue-less quote holding a reported-speech cue is not one
        // quotation: the indirect attribution inside it wins
        let mut cues: Vec<Span> = indirect
            .iter()
            .flat_map(|i| i.cue.iter().copied())
            .collect();
        cues.sort_by_key(|c| c.start);
        drafts.retain(|d| !d.unclosed || !d.content.iter().any(|x| any_inside(&cues, *x)));
        drafts.extend(indirect);
        self.speaker_labels(&mut drafts, &used_cue);
        drafts.sort_by_key(|d| d.content.first().map(|s| s.start).unwrap_or(0));
        self.adopt_orphans(&mut drafts);
        drafts
            .into_iter()
            .filter_map(|mut d| {
                // the one place spans are checked before they are stored: no
                // empty span, and no attribution without content
                for v in [&mut d.content, &mut d.cue, &mut d.source] {
                    v.retain(|s| !s.is_empty());
                }
                (!d.content.is_empty()).then_some(d)
            })
            .map(|d| Attribution {
                kind: self.kind(&d.content),
                content: d.content,
                cue: d.cue,
                source: d.source,
                speaker: None,
                confidence: None,
            })
            .collect()
    }

    /// Speaker labels opening a paragraph: `Bernie Sanders: CONTENT` or a
    /// transcript's `BOULDUAN: CONTENT` (cue `:`, content the rest of the
    /// paragraph), unless the label is a section word ([`lexicon::NOT_SPEAKER_LABELS`]).
    fn speaker_labels(&self, drafts: &mut Vec<Draft>, used_cue: &[bool]) {
        // contents found so far, sorted by start (a label's own content lies
        // in its paragraph, so the ones added here never matter)
        let mut found: Vec<Span> = drafts
            .iter()
            .flat_map(|d| d.content.iter().copied())
            .collect();
        found.sort_by_key(|c| c.start);
        for (pi, p) in self.paras.iter().enumerate() {
            let mut a = self.tok_at(p.start);
            // a transcript quoted paragraph by paragraph: `"WALLACE: …`
            if a + 1 < self.toks.len() && is_quote_mark(self.tok(a)) {
                a += 1;
            }
            let Some(colon) = (a..(a + 6).min(self.toks.len())).find(|&k| self.tok(k) == ":")
            else {
                continue;
            };
            if colon == a
                || used_cue[colon]
                || self.toks[colon].span.start >= p.end
                || lexicon::NOT_SPEAKER_LABELS.contains(&self.lw[a].as_str())
                || !(a..colon).all(|k| {
                    capitalized(self.tok(k))
                        || self.tok(k) == "."
                        || self.tok(k) == "’s"
                        || self.tok(k) == "'s"
                })
            {
                continue;
            }
            let end = self.tok_at(p.end);
            if end <= colon + 1
                || (colon + 1..end).filter(|&k| is_word(self.tok(k))).count()
                    < lexicon::MIN_CONTENT_WORDS
            {
                continue;
            }
            let mut e = end;
            while e > colon + 1 && !is_word(self.tok(e - 1)) && !is_quote_mark(self.tok(e - 1)) {
                e -= 1;
            }
            let content = self.span((colon + 1, e));
            let k = found.partition_point(|c| c.start < content.start);
            if found[k..]
                .iter()
                .take_while(|c| c.start < content.end)
                .any(|c| c.overlaps(content) && content.contains(*c) && c.len() * 2 > content.len())
            {
                continue;
            }
            drafts.push(Draft {
                content: vec![content],
                cue: vec![self.span((colon, colon + 1))],
                source: vec![self.span((a, colon))],
                para: pi,
                direct: false,
                sentence: None,
                orphan: None,
                nested: false,
                unclosed: false,
            });
        }
    }

    /// Give each cue-less direct quote a source: the source (and cue) of the
    /// attribution just before it when that lies in the same paragraph, or in
    /// the previous paragraph and the quote opens its own paragraph (the
    /// speaker keeps the floor, PolNeAR practice); else the subject of the
    /// previous sentence of the same paragraph.
    fn adopt_orphans(&self, drafts: &mut [Draft]) {
        // the last draft before `i` with a source (adopted ones included)
        let mut last_src: Option<usize> = None;
        for i in 0..drafts.len() {
            self.adopt_orphan(drafts, i, last_src);
            if !drafts[i].source.is_empty() {
                last_src = Some(i);
            }
        }
    }

    /// [`Self::adopt_orphans`] for draft `i`, `prev` the last draft before it
    /// with a source.
    fn adopt_orphan(&self, drafts: &mut [Draft], i: usize, prev: Option<usize>) {
        let Some((sent, para)) = drafts[i].orphan else {
            return;
        };
        let at_para_start = self
            .paras
            .get(para)
            .zip(drafts[i].content.first())
            .is_some_and(|(p, c)| p.start == c.start);
        if let Some(j) = prev {
            let pj = drafts[j].para;
            if pj == para || (at_para_start && pj + 1 == para) {
                drafts[i].source = drafts[j].source.clone();
                drafts[i].cue = drafts[j].cue.clone();
                return;
            }
        }
        if sent > 0
            && self.sent_para.get(sent - 1) == Some(&para)
            && let Some(s) = self.subject(sent - 1)
        {
            drafts[i].source.push(self.span(s));
        }
    }

    /// PolNeAR kind: share of content word tokens inside quotation marks.
    fn kind(&self, content: &[Span]) -> QuoteKind {
        let (mut n, mut q) = (0usize, 0usize);
        for s in content {
            let (a, b) = self.toks_within(*s);
            n += (self.words_before[b] - self.words_before[a]) as usize;
            q += (self.quoted_before[b] - self.quoted_before[a]) as usize;
        }
        if n == 0 {
            return QuoteKind::Indirect;
        }
        let f = q as f32 / n as f32;
        if f >= 0.8 {
            QuoteKind::Direct
        } else if f > 0.0 {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        }
    }

    // ------------------------------------------------------------------ NPs

    /// Source noun phrase ending at token `end` (exclusive), not before `lo`.
    fn np_left(&self, end: usize, lo: usize) -> Option<Range> {
        let mut i = end;
        while i > lo && MODIFIER_SET.contains(&self.lw[i - 1].as_str()) {
            i -= 1;
        }
        let b = i;
        if i > lo && lexicon::PRONOUNS.contains(&self.lw[i - 1].as_str()) {
            return Some((i - 1, i));
        }
        if i > lo && self.lw[i - 1] == "who" {
            // "X, a pollster who said": the antecedent
            let mut j = i - 1;
            if j > lo && self.tok(j - 1) == "," {
                j -= 1;
            }
            return self.np_left_plain(j, lo);
        }
        let _ = b;
        self.np_left_plain(i, lo)
    }

    fn np_left_plain(&self, end: usize, lo: usize) -> Option<Range> {
        let mut i = end;
        let mut n = 0;
        while i > lo && n < lexicon::MAX_SOURCE_TOKENS {
            let w = self.lw[i - 1].as_str();
            let raw = self.tok(i - 1);
            if !is_word(raw) {
                let abbrev_dot = raw == "."
                    && i >= lo + 2
                    && (lexicon::TITLE_ABBREVIATIONS.contains(&self.lw[i - 2].as_str())
                        || (self.tok(i - 2).chars().count() == 1 && capitalized(self.tok(i - 2))));
                if raw == ")" {
                    // "Governor Mary Fallin (R-OK) said": skip a short parenthetical
                    if let Some(open) = (lo.max(i.saturating_sub(11))..i - 1)
                        .rev()
                        .find(|&k| self.tok(k) == "(")
                        && open > lo
                    {
                        n += i - open;
                        i = open;
                        continue;
                    }
                }
                if !(abbrev_dot || raw == "’s" || raw == "'s" || raw == "&") {
                    break;
                }
            } else if (NP_STOP_SET.contains(&w)
                && !(capitalized(raw) && i - 1 > self.sent_start_of(i - 1)))
                || (cue_class(w).is_some() && !capitalized(raw))
                || self.quote_of(i - 1).is_some()
            {
                break;
            }
            i -= 1;
            n += 1;
        }
        let mut a = i;
        while a < end
            && (lexicon::NP_LEADING_TRIM.contains(&self.lw[a].as_str()) || !is_word(self.tok(a)))
        {
            a += 1;
        }
        // a phrase longer than the limit keeps its last tokens (its head)
        if a >= end {
            return None;
        }
        Some((a, end))
    }

    /// Source noun phrase starting at token `start` (a name after "said", "—").
    fn np_right(&self, start: usize, hi: usize) -> Option<Range> {
        if start < hi && lexicon::PRONOUNS.contains(&self.lw[start].as_str()) {
            return Some((start, start + 1));
        }
        let mut i = start;
        while i < hi && i - start < lexicon::MAX_SOURCE_TOKENS {
            let raw = self.tok(i);
            let w = self.lw[i].as_str();
            if !is_word(raw) {
                let abbrev_dot = raw == "."
                    && i > start
                    && (lexicon::TITLE_ABBREVIATIONS.contains(&self.lw[i - 1].as_str())
                        || (self.tok(i - 1).chars().count() == 1 && capitalized(self.tok(i - 1))))
                    && i + 1 < hi
                    && capitalized(self.tok(i + 1));
                if raw == "(" && i > start {
                    // "Rep. Earl Blumenauer (D-Ore.)": skip a short parenthetical
                    if let Some(close) = (i + 1..(i + 7).min(hi)).find(|&k| self.tok(k) == ")") {
                        i = close + 1;
                        continue;
                    }
                }
                if !(abbrev_dot || raw == "’s" || raw == "'s" || raw == "&") {
                    break;
                }
            } else if (i > start
                && (NP_STOP_SET.contains(&w) && !capitalized(raw)
                    || cue_class(w).is_some() && !capitalized(raw)
                    || lexicon::ADJUNCT_STARTS.contains(&w) && !capitalized(raw)))
                || self.quote_of(i).is_some()
            {
                break;
            }
            i += 1;
        }
        if i == start
            || lexicon::NP_LEADING_TRIM.contains(&self.lw[start].as_str())
            || NP_STOP_SET.contains(&self.lw[start].as_str())
        {
            return None;
        }
        Some((start, i))
    }

    /// The subject of sentence `s`: its first noun phrase, when the sentence
    /// starts with one (a pronoun, or a run of capitalised / title words).
    fn subject(&self, s: usize) -> Option<Range> {
        let (a, b) = self.sent_range(s);
        if a >= b {
            return None;
        }
        if lexicon::PRONOUNS.contains(&self.lw[a].as_str()) && self.lw[a] != "it" {
            return Some((a, a + 1));
        }
        let r = self.np_right(a, b)?;
        // keep only a leading run that looks nominal: capitalised words and determiners
        let mut e = r.0;
        while e < r.1
            && (capitalized(self.tok(e))
                || matches!(self.lw[e].as_str(), "the" | "a" | "an" | "." | "’s" | "'s"))
        {
            e += 1;
        }
        let mut k = e;
        // "The company", "the president": a lower-case head after a determiner
        if e < r.1
            && matches!(
                self.lw[r.0].as_str(),
                "the" | "a" | "an" | "its" | "his" | "her" | "their"
            )
        {
            k = (e + 2).min(r.1);
        }
        let end = k.max(e);
        if end == r.0 || (end - r.0 == 1 && matches!(self.lw[r.0].as_str(), "the" | "a" | "an")) {
            return None;
        }
        // a capitalised sentence opener alone ("But", "Reporters") is fine as a name
        Some((r.0, end))
    }

    // --------------------------------------------------------- direct pass

    /// Whether quote `qi` stands as a clause of its own (direct speech) rather
    /// than a phrase embedded in a sentence (a scare quote, a mixed quote).
    fn standalone(&self, qi: usize) -> bool {
        let q = &self.quotes[qi];
        let inner = q.inner.slice(self.text).trim_end();
        let words = inner.split_whitespace().count();
        let before = self
            .text
            .get(..q.open.start)
            .unwrap_or("")
            .trim_end_matches(|c: char| c == ' ' || c == '\t' || lexicon::is_transparent(c));
        let prev = before.chars().next_back();
        let para_start = prev.is_none_or(|c| c == '\n');
        let after_boundary =
            para_start || prev.is_some_and(|c| matches!(c, ':' | '.' | '?' | '!' | '—' | '–'));
        let after_comma = prev == Some(',');
        // `said "We will…"`: a full quoted sentence right after a speech verb
        let after_cue = words >= 4 && inner.chars().next().is_some_and(|c| c.is_uppercase()) && {
            let k = self.tok_at(q.open.start);
            k > 0
                && !capitalized(self.tok(k - 1))
                && matches!(
                    cue_class(&self.lw[k - 1]),
                    Some(CueClass::Say | CueClass::Participle)
                )
        };
        (after_boundary && words >= 2) || (after_comma && words >= 3) || after_cue
    }

    fn direct_pass(&self, used_cue: &mut [bool]) -> Vec<Draft> {
        let mut out: Vec<Draft> = Vec::new();
        let mut consumed = vec![false; self.quotes.len()];
        let mut max_end_seen = 0;
        for qi in 0..self.quotes.len() {
            if consumed[qi] {
                continue;
            }
            let mut mid_sentence = false;
            if !self.standalone(qi) {
                // a short quote ending in , ? ! inside its marks and followed
                // by a trailer is speech too ("“Denver,” he said.")
                let q = self.quotes[qi];
                let inner = q.inner.slice(self.text).trim_end();
                let close_tok = self.tok_at(quote_outer(&q).end);
                let para = self
                    .toks
                    .get(close_tok.saturating_sub(1))
                    .and_then(|t| self.sent_para.get(t.sentence).copied())
                    .unwrap_or(0);
                let pend = self
                    .paras
                    .get(para)
                    .map(|p| p.end)
                    .unwrap_or(self.text.len());
                let speechy = q.close.is_some()
                    && inner.ends_with([',', '?', '!'])
                    && self
                        .trailer(qi, close_tok, para)
                        .is_some_and(|(c, src, _)| {
                            let after = src.map(|r| r.1).unwrap_or(0).max(c.1);
                            c.0 < c.1
                                && src.is_some()
                                && !is_dash(self.tok(c.0))
                                && self.clause_end(after, pend) - after <= 6
                        });
                if !speechy {
                    continue;
                }
                mid_sentence = true;
            }
            // skip quotes nested in an earlier direct quote (none can hold
            // it when every earlier content ends before it: no scan)
            let outer = quote_outer(&self.quotes[qi]);
            let max_end = out
                .last()
                .map(|d| d.content.iter().map(|c| c.end).max().unwrap_or(0))
                .unwrap_or(0);
            max_end_seen = max_end_seen.max(max_end);
            if max_end_seen >= outer.end
                && out
                    .iter()
                    .any(|d| d.direct && d.content.iter().any(|c| c.contains(outer) && *c != outer))
            {
                continue;
            }
            consumed[qi] = true;
            let q = self.quotes[qi];
            let first_tok = self.tok_at(q.open.start);
            // a speech quote inside a sentence: the content is the whole clause (mixed)
            let outer = if mid_sentence {
                let s0 = self
                    .toks
                    .get(first_tok)
                    .map(|t| self.sent_tok[t.sentence])
                    .unwrap_or(first_tok);
                let mut a = first_tok;
                while a > s0
                    && !matches!(self.tok(a - 1), ":" | ";")
                    && !is_quote_mark(self.tok(a - 1))
                {
                    a -= 1;
                }
                let a_start = self
                    .toks
                    .get(a)
                    .map(|t| t.span.start)
                    .unwrap_or(outer.start);
                Span::new(a_start.min(outer.start), outer.end)
            } else {
                outer
            };
            let close_tok = self.tok_at(outer.end); // first token after the quote
            let sent = self.toks.get(first_tok).map(|t| t.sentence).unwrap_or(0);
            let para = self.sent_para.get(sent).copied().unwrap_or(0);
            let close_sent = self
                .toks
                .get(close_tok.saturating_sub(1))
                .map(|t| t.sentence)
                .unwrap_or(sent);
            let close_para = self.sent_para.get(close_sent).copied().unwrap_or(para);
            let mut d = Draft {
                content: vec![outer],
                cue: vec![],
                source: vec![],
                para: close_para,
                direct: true,
                sentence: None,
                orphan: None,
                nested: false,
                unclosed: false,
            };

            // 1. trailer after the closing mark
            let mut found = false;
            if q.close.is_some()
                && let Some((cue, src, next)) = self.trailer(qi, close_tok, close_para)
            {
                found = true;
                if let Some(u) = used_cue.get_mut(cue.0..cue.1) {
                    u.fill(true);
                }
                if cue.0 < cue.1 {
                    d.cue.push(self.span(cue));
                    d.sentence = Some(self.toks[cue.0].sentence);
                }
                if let Some(s) = src {
                    d.source.push(self.span(s));
                }
                // interrupted quote: "…," said X, "…"
                if let Some(nq) = next
                    && let Some(nqi) = self
                        .quotes
                        .iter()
                        .position(|x| x.open.start == self.toks[nq].span.start)
                    && !consumed[nqi]
                {
                    consumed[nqi] = true;
                    d.content.push(quote_outer(&self.quotes[nqi]));
                }
            }
            // 2. lead-in before the opening mark
            if !found && let Some((cue, src)) = self.lead_in(first_tok, sent) {
                found = true;
                if let Some(u) = used_cue.get_mut(cue.0..cue.1) {
                    u.fill(true);
                }
                if cue.0 < cue.1 {
                    d.cue.push(self.span(cue));
                    d.sentence = Some(sent);
                }
                if let Some(s) = src {
                    d.source.push(self.span(s));
                }
            }
            // 3. continuation of the previous speaker's turn in the same paragraph
            if !found
                && let Some(prev) = out.last_mut()
                && prev.direct
                && prev.para == para
                && !prev.source.is_empty()
            {
                prev.content.push(outer);
                continue;
            }
            // an unclosed quote (its paragraph ends it) with no cue of its own
            // gives way to a reported-speech cue found inside it
            d.unclosed = !found && q.close.is_none();
            // 4. no cue: resolved after both passes (see `adopt_orphans`)
            if !found {
                let own_start = self
                    .sents
                    .get(sent)
                    .map(|s| s.start == q.open.start)
                    .unwrap_or(false);
                if own_start {
                    d.orphan = Some((sent, para));
                }
            }
            out.push(d);
        }
        out
    }

    /// Parse an attribution right after a closing quotation mark at token `i`:
    /// `, X said` / `, said X` / `X said` / `—X`. Returns cue, source, and the
    /// token of a following opening mark when the quote resumes.
    #[allow(clippy::type_complexity)]
    fn trailer(
        &self,
        qi: usize,
        i: usize,
        para: usize,
    ) -> Option<(Range, Option<Range>, Option<usize>)> {
        let pend = self
            .paras
            .get(para)
            .map(|p| p.end)
            .unwrap_or(self.text.len());
        let mut j = i;
        if j >= self.toks.len() {
            return None;
        }
        if self.toks[j].span.start >= pend {
            // a dash line after the quote's paragraph: "— Sanders."
            let np = self.paras.get(para + 1)?;
            if !is_dash(self.tok(j)) {
                return None;
            }
            let hi = self.clause_end(j + 1, np.end);
            let src = self.np_right(j + 1, hi)?;
            let rest = self.tok_at(np.end).saturating_sub(src.1);
            if !capitalized(self.tok(src.0)) || rest > 12 {
                return None;
            }
            return Some(((j, j + 1), Some(src), None));
        }
        if self.tok(j) == "," {
            j += 1;
        }
        // em-dash trailer: "…" —Commissioner X
        if is_dash(self.tok(j)) {
            let hi = self.clause_end(j + 1, pend);
            let src = self.np_right(j + 1, hi)?;
            if !capitalized(self.tok(src.0)) {
                return None;
            }
            return Some(((j, j + 1), Some(src), None));
        }
        let hi = self.clause_end(j, pend);
        if hi <= j {
            return None;
        }
        // the window the cue may lie in: this sentence, up to the next quotation mark
        let sent_end = self.sent_range(self.toks[j].sentence).1;
        let mut w_end = j;
        while w_end < sent_end
            && w_end - j < lexicon::MAX_TRAILER_TOKENS * 2
            && self.toks[w_end].span.start < pend
            && !is_quote_mark(self.tok(w_end))
            && !matches!(self.tok(w_end), ";" | "?" | "!" | ":")
        {
            w_end += 1;
        }
        let skip_mods = |from: usize| {
            let mut k = from;
            while k < w_end && MODIFIER_SET.contains(&self.lw[k].as_str()) {
                k += 1;
            }
            k
        };
        let cue = (j..w_end).find_map(|k| self.cue_at(k));
        let period_end = self.quotes[qi]
            .inner
            .slice(self.text)
            .trim_end()
            .ends_with(['.', '…']);
        if let Some((_, c1)) = cue
            && period_end
        {
            // after a finished quoted sentence, "X said that …" is a new attribution
            let ce = self.clause_end(c1, pend);
            if ce - c1 > 8 || (c1..ce).any(|k| self.lw[k] == "that") {
                return None;
            }
        }
        let (cue, src) = match cue {
            Some((c0, c1)) if skip_mods(j) >= c0 => {
                // "…," said X
                let src = self.np_right(c1, self.clause_end(c1, pend));
                ((c0, c1), src)
            }
            Some((c0, c1)) => {
                // "…," X said / "…," X, a spokesman, said
                let left = self.np_left(c0, j).filter(|r| skip_mods(j) >= r.0);
                let src = left.or_else(|| {
                    let r = self.np_right(j, hi)?;
                    (self.tok(r.1) == "," && self.tok(c0 - 1) == ",").then_some(r)
                })?;
                ((c0, c1), Some(src))
            }
            None => {
                // an unlisted verb after a quote ending in , ? ! ("…," Smith quipped)
                let inner = self.quotes[qi].inner.slice(self.text).trim_end();
                if !inner.ends_with([',', '?', '!', '—', '–']) {
                    return None;
                }
                if let Some(k) =
                    (j + 1..hi.min(j + lexicon::MAX_SOURCE_TOKENS)).find(|&k| self.is_verbish(k))
                    && let Some(r) = self.np_left(k, j)
                    && r.0 == j
                    && (capitalized(self.tok(j))
                        || matches!(self.lw[j].as_str(), "a" | "an" | "the" | "it" | "one"))
                {
                    ((k, k + 1), Some(r))
                } else if self.is_verbish(j)
                    && let Some(r) = self.np_right(j + 1, hi)
                    && capitalized(self.tok(r.0))
                {
                    ((j, j + 1), Some(r))
                } else if matches!(self.lw[j].as_str(), "he" | "she" | "they" | "i" | "we")
                    && self.is_verbish(j + 1)
                {
                    ((j + 1, j + 2), Some((j, j + 1)))
                } else {
                    return None;
                }
            }
        };
        let ce = self.clause_end(cue.1.max(src.map(|r| r.1).unwrap_or(0)), pend);
        let next = if ce < self.toks.len()
            && self.tok(ce) == ","
            && ce + 1 < self.toks.len()
            && is_quote_mark(self.tok(ce + 1))
            && self.toks[ce + 1].span.start < pend
        {
            Some(ce + 1)
        } else {
            None
        };
        Some((cue, src, next))
    }

    /// A lower-case word that looks like a past or present-tense verb.
    fn is_verbish(&self, k: usize) -> bool {
        let Some(w) = self.lw.get(k) else {
            return false;
        };
        let raw = self.tok(k);
        is_word(raw)
            && !capitalized(raw)
            && !NP_STOP_SET.contains(&w.as_str())
            && (w.ends_with("ed")
                || w.ends_with('s')
                || cue_class(w).is_some()
                || lexicon::TRAILER_VERBS.contains(&w.as_str()))
            && w.len() > 3
    }

    /// End (exclusive token) of the clause starting at `j`: the next
    /// punctuation that ends it (`.`, `,`, `;`, `:`, `?`, `!`, quote mark) or paragraph end.
    fn clause_end(&self, j: usize, pend: usize) -> usize {
        let mut k = j;
        while k < self.toks.len() && self.toks[k].span.start < pend {
            let t = self.tok(k);
            if matches!(t, "," | ";" | ":" | "?" | "!") || is_quote_mark(t) || is_dash(t) && k > j {
                break;
            }
            if t == "(" {
                // a short parenthetical ("(R-Ohio)") stays inside the clause
                match (k + 1..(k + 7).min(self.toks.len())).find(|&m| self.tok(m) == ")") {
                    Some(m) => {
                        k = m + 1;
                        continue;
                    }
                    None => break,
                }
            }
            if t == ")" {
                break;
            }
            if t == "." {
                let abbrev = k > j
                    && (lexicon::TITLE_ABBREVIATIONS.contains(&self.lw[k - 1].as_str())
                        || (self.tok(k - 1).chars().count() == 1 && capitalized(self.tok(k - 1))))
                    && k + 1 < self.toks.len()
                    && self.toks[k + 1].sentence == self.toks[k].sentence;
                if !abbrev {
                    break;
                }
            }
            k += 1;
        }
        k
    }

    /// A cue starting at token `k`, as a token range (one or two words).
    fn cue_at(&self, k: usize) -> Option<Range> {
        let w = self.lw.get(k)?.as_str();
        if self.quote_of(k).is_some() {
            return None;
        }
        if let Some(n) = self.lw.get(k + 1)
            && lexicon::CUE_PAIRS.iter().any(|(a, b)| *a == w && b == n)
        {
            return Some((k, k + 2));
        }
        if w == "according" && self.lw.get(k + 1).is_some_and(|n| n == "to") {
            return Some((k, k + 2));
        }
        match cue_class(w)? {
            CueClass::Say | CueClass::Tell => Some((k, k + 1)),
            _ => None,
        }
    }

    /// Parse an attribution before an opening mark at token `first`:
    /// `X said: "…"`, `X said, "…"`, `From X: "…"`, `According to X, "…"`,
    /// `X: "…"`.
    fn lead_in(&self, first: usize, sent: usize) -> Option<(Range, Option<Range>)> {
        if first == 0 {
            return None;
        }
        let (s0, _) = self.sent_range(sent);
        let lo = if s0 < first {
            s0
        } else {
            self.sent_range(sent.saturating_sub(1)).0
        };
        let punct = self.tok(first - 1);
        let end = if matches!(punct, ":" | ",") {
            first - 1
        } else if cue_class(&self.lw[first - 1]).is_some() {
            first
        } else {
            return None;
        };
        let punct = if end == first { "," } else { punct };
        // the clause start: after the last quote / boundary before `end`
        let mut start = end;
        while start > lo {
            let t = self.tok(start - 1);
            if is_quote_mark(t)
                || matches!(t, ";" | "?" | "!")
                || (t == "." && !self.is_abbrev_dot(start - 1))
            {
                break;
            }
            start -= 1;
        }
        if start >= end {
            return None;
        }
        // a participle or an unlisted verb right before the comma: "…, saying, "…"", "…and joked, "…""
        if punct == "," && end > start {
            let v = end - 1;
            let part = cue_class(&self.lw[v]) == Some(CueClass::Participle);
            if part
                || (self.is_verbish(v) && self.lw[v].ends_with("ed") && self.cue_at(v).is_none())
            {
                let src = self.np_left(v, start).filter(|_| !part).or_else(|| {
                    self.np_right(start, end).filter(|r| {
                        capitalized(self.tok(r.0))
                            || lexicon::PRONOUNS.contains(&self.lw[r.0].as_str())
                    })
                });
                if src.is_some() {
                    return Some(((v, v + 1), src));
                }
            }
        }
        // a cue in the clause (the last one)
        if let Some((c0, c1)) = (start..end).rev().find_map(|k| self.cue_at(k)) {
            if self.lw[c0] == "according" {
                let src = self.np_right(c1, end);
                return Some(((c0, c1), src));
            }
            let src = self
                .np_left(c0, start)
                .or_else(|| {
                    // "X looked at the camera and said, "…""
                    let r = self.np_right(start, c0)?;
                    (c0 > start
                        && self.lw[c0 - 1] == "and"
                        && (capitalized(self.tok(r.0))
                            || lexicon::PRONOUNS.contains(&self.lw[r.0].as_str())))
                    .then_some(r)
                })
                .or_else(|| {
                    // "X, a spokesman for Y, said, "…""
                    let r = self.np_right(start, c0)?;
                    (c0 > start && self.tok(c0 - 1) == "," && self.tok(r.1) == ",").then_some(r)
                })
                .or_else(|| self.np_right(c1, end));
            return Some(((c0, c1), src));
        }
        if punct == ":" {
            // From X: "…" / X: "…"
            let (a, cue) = if self.lw[start] == "from" {
                (start + 1, (start, start + 1))
            } else {
                (start, (end, end + 1))
            };
            if end - a <= 6 && a < end && (a..end).any(|k| capitalized(self.tok(k))) {
                return Some((cue, Some((a, end))));
            }
            // X boomed: "…" / X delivered a blunt message: "…"
            if let Some(r) = self.np_right(start, end) {
                let mut v = r.1;
                while v < end && MODIFIER_SET.contains(&self.lw[v].as_str()) {
                    v += 1;
                }
                let subj = capitalized(self.tok(r.0))
                    || lexicon::PRONOUNS.contains(&self.lw[r.0].as_str());
                if subj && v < end && self.is_verbish(v) && end - v <= 8 {
                    return Some(((v, end + 1), Some(r)));
                }
            }
        }
        None
    }

    /// First token of the sentence holding token `k`.
    fn sent_start_of(&self, k: usize) -> usize {
        self.toks
            .get(k)
            .map(|t| self.sent_tok[t.sentence])
            .unwrap_or(0)
    }

    fn is_abbrev_dot(&self, k: usize) -> bool {
        k > 0
            && (lexicon::TITLE_ABBREVIATIONS.contains(&self.lw[k - 1].as_str())
                || (self.tok(k - 1).chars().count() == 1 && capitalized(self.tok(k - 1))))
    }

    // ------------------------------------------------------- indirect pass

    /// Reported speech around cue words; `direct` (the direct contents,
    /// sorted by start) keeps a clause that only repeats a quote out.
    fn indirect_pass(&self, used_cue: &[bool], direct: &[Span]) -> Vec<Draft> {
        let mut out: Vec<Draft> = Vec::new();
        for s in 0..self.sents.len() {
            let (a, b) = self.sent_range(s);
            // content end: before the final punctuation
            let mut e = b;
            while e > a && !is_word(self.tok(e - 1)) && !is_quote_mark(self.tok(e - 1)) {
                e -= 1;
            }
            let mut last_src: Option<Range> = None;
            let mut k = a;
            let start_len = out.len();
            while k < b {
                if used_cue[k] || self.quote_of(k).is_some() {
                    k += 1;
                    continue;
                }
                let w = self.lw[k].as_str();
                let d = if w == "according" && self.lw.get(k + 1).is_some_and(|n| n == "to") {
                    self.according_to(k, a, e, b)
                } else if let Some(n) = self
                    .lw
                    .get(k + 1)
                    .filter(|n| lexicon::CUE_PAIRS.iter().any(|(x, y)| *x == w && y == *n))
                {
                    let _ = n;
                    self.verb_cue(k, k + 2, CueClass::Say, a, e, last_src)
                } else if let Some(cls) = cue_class(w) {
                    if capitalized(self.tok(k)) && k > a {
                        None
                    } else {
                        self.verb_cue(k, k + 1, cls, a, e, last_src)
                    }
                } else {
                    None
                };
                if let Some(mut d) = d {
                    d.sentence = Some(s);
                    d.para = self.sent_para[s];
                    // a cue inside an earlier content of this sentence is nested
                    // (reported speech within reported speech): it neither
                    // cuts that content nor becomes the sentence's speaker
                    let cue_at = d.cue.first().map(|c| c.start).unwrap_or(0);
                    let nested = out[start_len..]
                        .iter()
                        .any(|o| o.content.iter().any(|c| c.start < cue_at && cue_at < c.end))
                        && !matches!(
                            self.lw[k.saturating_sub(1)].as_str(),
                            "and" | "but" | "," | "while"
                        );
                    d.nested = nested;
                    if !nested && let Some(src) = d.source.first() {
                        let r0 = self.tok_at(src.start);
                        last_src = Some((r0, self.tok_at(src.end)));
                    }
                    // `direct` is sorted by start: look only at spans starting in c
                    let overlaps_direct = d.content.iter().any(|c| {
                        let k = direct.partition_point(|x| x.start < c.start);
                        direct[k..].iter().take_while(|x| x.start < c.end).any(|x| {
                            x.overlaps(*c) && c.contains(*x) && x.len() * 10 >= c.len() * 8
                        })
                    });
                    if !overlaps_direct {
                        out.push(d);
                    }
                }
                k += 1;
            }
            // content of an earlier cue stops where a later attribution in the sentence starts
            for i in start_len..out.len() {
                if let Some(j) = (i + 1..out.len()).find(|&j| !out[j].nested) {
                    let next_start = out[j]
                        .source
                        .iter()
                        .chain(out[j].cue.iter())
                        .map(|s| s.start)
                        .filter(|&x| out[i].content.last().is_some_and(|c| x > c.start))
                        .min()
                        .unwrap_or(usize::MAX);
                    let cue_end = out[i].cue.first().map(|c| c.end).unwrap_or(0);
                    if let Some(c) = out[i].content.last_mut()
                        && c.start >= cue_end
                        && next_start > c.start
                        && next_start < c.end
                    {
                        let cut = self.trim_conj(c.start, next_start);
                        *c = Span::new(c.start, cut);
                    }
                }
            }
        }
        out.retain(|d| {
            d.content.iter().any(|c| self.words_in(*c) >= 1)
                && self.words_in_all(&d.content) >= lexicon::MIN_CONTENT_WORDS
        });
        out
    }

    /// End byte of content that stops before byte `at`, trimming a trailing
    /// conjunction, comma or dash.
    fn trim_conj(&self, start: usize, at: usize) -> usize {
        let mut k = self.tok_at(at);
        while k > 0 && self.toks[k - 1].span.start >= start {
            let w = self.lw[k - 1].as_str();
            if matches!(
                w,
                "and" | "but" | "," | "—" | "–" | "-" | ";" | "while" | "as"
            ) {
                k -= 1;
            } else {
                break;
            }
        }
        if k == 0 {
            return start;
        }
        self.toks[k - 1].span.end.max(start)
    }

    fn words_in(&self, s: Span) -> usize {
        let (a, b) = self.toks_within(s);
        (self.words_before[b] - self.words_before[a]) as usize
    }

    /// Tokens `[a, b)` from the first at or after `s.start` up to the last
    /// ending by `s.end` (tokens do not overlap, so ends are sorted too).
    fn toks_within(&self, s: Span) -> Range {
        let a = self.tok_at(s.start);
        let b = a + self.toks[a..].partition_point(|t| t.span.end <= s.end);
        (a, b)
    }

    fn words_in_all(&self, v: &[Span]) -> usize {
        v.iter().map(|s| self.words_in(*s)).sum()
    }

    /// `according to X, …` / `…, according to X.`
    fn according_to(&self, k: usize, a: usize, e: usize, b: usize) -> Option<Draft> {
        let c1 = k + 2;
        let hi = self.clause_end(c1, self.sents[self.toks[k].sentence].end);
        let src = self.np_right(c1, hi.min(b));
        let cue = self.span((k, c1));
        let content = if k == a
            || (k > a && matches!(self.lw[k - 1].as_str(), "but" | "and" | "yet" | "so"))
        {
            // According to X, CONTENT.
            if hi < e && self.tok(hi) == "," {
                Span::new(self.toks[hi + 1].span.start, self.toks[e - 1].span.end)
            } else {
                return None;
            }
        } else if k > a + 1 && self.tok(k - 1) == "," {
            // CONTENT, according to X. (and a following clause, if any;
            // a sentence opening with ", according to" has no content)
            let mut v = Span::new(self.toks[a].span.start, self.toks[k - 2].span.end);
            if hi < e && self.tok(hi) == "," && hi + 1 < e {
                v = v.cover(self.span((hi + 1, e)));
            }
            v
        } else {
            return None;
        };
        Some(Draft {
            content: vec![content],
            cue: vec![cue],
            source: src.map(|r| vec![self.span(r)]).unwrap_or_default(),
            para: 0,
            direct: false,
            sentence: None,
            orphan: None,
            nested: false,
            unclosed: false,
        })
    }

    /// A verb cue at tokens `[c0, c1)` in the sentence `[a, …)`, content up to `e`.
    fn verb_cue(
        &self,
        c0: usize,
        c1: usize,
        cls: CueClass,
        a: usize,
        e: usize,
        last_src: Option<Range>,
    ) -> Option<Draft> {
        if c1 > e {
            return None;
        }
        // passive ("was told", "were asked") is not a cue with a left source
        if c0 > a
            && matches!(
                self.lw[c0 - 1].as_str(),
                "was" | "were" | "been" | "be" | "being"
            )
            && matches!(cls, CueClass::Tell)
        {
            return None;
        }
        let mut src = self.np_left(c0, a);
        let mut appositive = false;
        // appositive: "X, a spokesman, said" / "X, at the institute, said"
        if src.is_none() && c0 > a + 1 && self.tok(c0 - 1) == "," {
            let lo = c0.saturating_sub(lexicon::MAX_APPOSITIVE_TOKENS).max(a);
            if let Some(k1) = (lo..c0 - 1)
                .rev()
                .find(|&k| self.tok(k) == "," || is_quote_mark(self.tok(k)))
                && self.tok(k1) == ","
                && let Some(r1) = self.np_left_plain(k1, a)
                && (r1.0 == a || matches!(self.tok(r1.0 - 1), "," | ":"))
                && (capitalized(self.tok(r1.0))
                    || lexicon::DETERMINERS.contains(&self.lw[r1.0].as_str()))
            {
                // the name with its appositive: "Its chief executive, Maria Lopez"
                src = Some((r1.0, c0 - 1));
                appositive = true;
            }
        }
        let after = c1; // first token after the cue
        let next = self.lw.get(after).map(|s| s.as_str()).unwrap_or("");
        let clause_follows = next == "that"
            || lexicon::PRONOUNS.contains(&next)
            || matches!(
                next,
                "the" | "a" | "an" | "there" | "this" | "how" | "why" | "what" | "whether" | "if"
            );
        // noun homographs ("member states", "pledged delegates"): a clause must follow
        if lexicon::NEEDS_CLAUSE.contains(&self.lw[c0].as_str()) && !clause_follows {
            return None;
        }
        // participles without a comma ("some warning signs")
        if cls == CueClass::Participle && self.prev_tok(c0) != "," && !clause_follows {
            return None;
        }
        match cls {
            CueClass::Participle => {
                // "…, saying (that) …": source = subject of the sentence;
                // "with 50 percent saying …": the noun phrase before it
                if c0 == a {
                    return None;
                }
                let with_np = src.filter(|r| r.0 > a && self.lw[r.0 - 1] == "with");
                let s = with_np
                    .or(last_src)
                    .or_else(|| self.subject(self.toks[c0].sentence));
                let content = self.content_after(c1, e, false)?;
                return Some(self.draft(content, (c0, c1), s));
            }
            CueClass::Think => {
                // a clause must follow ("that", a pronoun, a determiner), and a source precede
                if !clause_follows {
                    return None;
                }
                src?;
            }
            CueClass::Object => {
                let src = src.or_else(|| {
                    if c0 > a && matches!(self.lw[c0 - 1].as_str(), "and" | "but" | ",") {
                        last_src.or_else(|| self.subject(self.toks[c0].sentence))
                    } else {
                        None
                    }
                })?;
                // the source needs a head word, not just a determiner ("the support of")
                if (src.0..src.1).all(|k| lexicon::DETERMINERS.contains(&self.lw[k].as_str())) {
                    return None;
                }
                // an adverb or a number is no object ("attacked viciously", "added 292,000 jobs")
                if c1 >= e
                    || !is_word(self.tok(c1))
                    || lexicon::NOT_CONTENT_START.contains(&next)
                    || next.ends_with("ly")
                    || next.starts_with(|c: char| c.is_ascii_digit())
                {
                    return None;
                }
                let end = (c1 + 1..e)
                    .find(|&k| matches!(self.tok(k), "," | ";" | ":") && self.quote_of(k).is_none())
                    .unwrap_or(e);
                let content = self.span((c1, end));
                return Some(self.draft(content, (c0, c1), Some(src)));
            }
            CueClass::Call => {
                // "called this "…"" / "called for …"
                let Some(q) = (after..(after + 4).min(e)).find(|&i| self.quote_of(i).is_some())
                else {
                    // "called him a liar"
                    let src = src?;
                    let obj = lexicon::PRONOUNS.contains(&next)
                        || matches!(next, "him" | "her" | "them")
                        || capitalized(self.tok(c1));
                    if !obj || c1 + 2 >= e {
                        return None;
                    }
                    let end = (c1 + 1..e)
                        .find(|&k| matches!(self.tok(k), "," | ";" | ":"))
                        .unwrap_or(e);
                    return Some(self.draft(self.span((c1, end)), (c0, c1), Some(src)));
                };
                let qi = self.quote_of(q)?;
                // the object and the quoted label: "called the lines "unacceptable""
                let outer = quote_outer(&self.quotes[qi]);
                let outer = Span::new(self.toks[c1].span.start.min(outer.start), outer.end);
                let s = src.or(last_src);
                return Some(Draft {
                    content: vec![outer],
                    cue: vec![self.span((c0, c1))],
                    source: s.map(|r| vec![self.span(r)]).unwrap_or_default(),
                    para: 0,
                    direct: false,
                    sentence: None,
                    orphan: None,
                    nested: false,
                    unclosed: false,
                });
            }
            _ => {}
        }
        // "As X noted, CONTENT."
        if let Some(r) = src
            && r.0 > a
            && self.lw[r.0 - 1] == "as"
        {
            let hi = self.clause_end(c1, self.sents[self.toks[c0].sentence].end);
            if hi < e && self.tok(hi) == "," && hi + 1 < e {
                let content = self.span((hi + 1, e));
                return Some(self.draft(content, (c0, c1), Some(r)));
            }
        }
        // trailer: "CONTENT, X said." or parenthetical "CONTENT, X said, CONTENT."
        let src_start = src.map(|r| r.0).unwrap_or(c0);
        if !appositive && src_start > a + 1 && self.tok(src_start - 1) == "," {
            let hi = self.clause_end(c1, self.sents[self.toks[c0].sentence].end);
            let tail = hi.saturating_sub(c1);
            let has_that = (c1..hi).any(|i| self.lw[i] == "that");
            // only an adjunct may follow a trailer verb ("…, X said on Monday.")
            let adjunct_only = tail == 0
                || lexicon::ADJUNCT_STARTS.contains(&self.lw[c1].as_str())
                || lexicon::TRAILER_ADJUNCTS.contains(&self.lw[c1].as_str());
            if tail <= 8 && !has_that && adjunct_only {
                let mut content = vec![self.span((a, src_start - 1))];
                if hi < e && self.tok(hi) == "," && hi + 1 < e {
                    content.push(self.span((hi + 1, e)));
                }
                return Some(Draft {
                    content,
                    cue: vec![self.span((c0, c1))],
                    source: src.map(|r| vec![self.span(r)]).unwrap_or_default(),
                    para: 0,
                    direct: false,
                    sentence: None,
                    orphan: None,
                    nested: false,
                    unclosed: false,
                });
            }
        }
        // "X, who has …, said …": the noun phrase opening the clause
        if src.is_none() && c0 > a + 1 && self.tok(c0 - 1) == "," {
            src = self.np_right(a, c0).filter(|r| {
                self.tok(r.1) == ","
                    && (capitalized(self.tok(r.0))
                        || matches!(self.lw[r.0].as_str(), "the" | "a" | "an" | "one"))
            });
        }
        // inverted trailer: "CONTENT, said X."
        if src.is_none() && c0 > a + 1 && self.tok(c0 - 1) == "," {
            let hi = self.clause_end(c1, self.sents[self.toks[c0].sentence].end);
            if let Some(r) = self.np_right(c1, hi)
                && (matches!(self.tok(r.1), "," | "." | "(" | "") || r.1 >= e)
                && !lexicon::PRONOUNS.contains(&self.lw[r.0].as_str())
            {
                let content = vec![self.span((a, c0 - 1))];
                return Some(Draft {
                    content,
                    cue: vec![self.span((c0, c1))],
                    source: vec![self.span(r)],
                    para: 0,
                    direct: false,
                    sentence: None,
                    orphan: None,
                    nested: false,
                    unclosed: false,
                });
            }
        }
        // "and (then) said …": the subject of an earlier verb in the sentence
        let mut m = c0;
        while m > a && MODIFIER_SET.contains(&self.lw[m - 1].as_str()) {
            m -= 1;
        }
        if src.is_none() && m > a && matches!(self.lw[m - 1].as_str(), "and" | "but") {
            src = last_src.or_else(|| self.subject(self.toks[c0].sentence));
        }
        let src = src?;
        let mut content = self.content_after(c1, e, cls == CueClass::Tell)?;
        if c0 > a && matches!(self.lw[c0 - 1].as_str(), "who" | "which") {
            // "X, who said …, recounted …": the content ends with the relative clause
            let k0 = self.tok_at(content.start);
            if let Some(k) = (k0..e).find(|&k| self.tok(k) == "," && self.quote_of(k).is_none()) {
                content = Span::new(content.start, self.toks[k - 1].span.end.max(content.start));
            }
        }
        Some(self.draft(content, (c0, c1), Some(src)))
    }

    fn draft(&self, content: Span, cue: Range, src: Option<Range>) -> Draft {
        Draft {
            content: vec![content],
            cue: vec![self.span(cue)],
            source: src.map(|r| vec![self.span(r)]).unwrap_or_default(),
            para: 0,
            direct: false,
            sentence: None,
            orphan: None,
            nested: false,
            unclosed: false,
        }
    }

    /// Content after a verb cue ending at token `c1`, up to token `e`
    /// (exclusive): from "that" when it comes within a few tokens, else after
    /// an object (tell-verbs) or a time adjunct.
    fn content_after(&self, c1: usize, e: usize, tell: bool) -> Option<Span> {
        if c1 >= e {
            return None;
        }
        let mut c1 = c1;
        // "X added, though, that …" / "X says, CONTENT"
        if self.tok(c1) == "," && c1 + 1 < e && !is_quote_mark(self.tok(c1 + 1)) {
            let lim = (c1 + 6).min(e);
            if let Some(t) = (c1 + 1..lim).find(|&i| self.lw[i] == "that") {
                return Some(self.span((t, e)));
            }
            if (c1 + 1..e).filter(|&i| is_word(self.tok(i))).count() >= lexicon::MIN_CONTENT_WORDS
                && !(c1 + 1..e).any(|i| self.tok(i) == ",")
            {
                c1 += 1;
            }
        }
        let first = self.tok(c1);
        if matches!(first, "," | "." | ":" | ";" | ")" | "?" | "!")
            || is_dash(first)
            || is_quote_mark(first) && self.quote_of(c1).is_some_and(|q| self.standalone(q))
        {
            return None;
        }
        let lim = (c1 + lexicon::MAX_THAT_DISTANCE).min(e);
        if let Some(t) = (c1..lim).find(|&i| self.lw[i] == "that" && self.quote_of(i).is_none()) {
            // no clause boundary and no other cue between the cue and "that"
            if (c1..t).all(|i| {
                (is_word(self.tok(i)) || self.tok(i) == ".") && cue_class(&self.lw[i]).is_none()
            }) {
                return Some(self.span((t, e)));
            }
        }
        let mut s = c1;
        if tell {
            // skip the addressee: a pronoun, a name or "reporters"
            let obj_end = (c1..lim).find(|&i| {
                let w = self.lw[i].as_str();
                i > c1
                    && (lexicon::PRONOUNS.contains(&w)
                        || matches!(w, "the" | "a" | "an" | "there" | "it's"))
            });
            s = obj_end.unwrap_or(c1 + 1);
        }
        while s < e && lexicon::ADJUNCT_STARTS.contains(&self.lw[s].as_str()) {
            // skip "on Monday", "last week", "in a statement"
            let mut k = s + 1;
            while k < e
                && k - s < 5
                && !lexicon::PRONOUNS.contains(&self.lw[k].as_str())
                && self.tok(k) != ","
                && !matches!(self.lw[k].as_str(), "the" | "a" | "an")
            {
                k += 1;
            }
            if k < e && (lexicon::PRONOUNS.contains(&self.lw[k].as_str()) || self.tok(k) == ",") {
                s = if self.tok(k) == "," { k + 1 } else { k };
            } else {
                break;
            }
        }
        if s >= e || (lexicon::NOT_CONTENT_START.contains(&self.lw[s].as_str())) {
            return None;
        }
        Some(self.span((s, self.content_end(s, e))))
    }

    /// Where content starting at token `s` ends, at most at `e`: before a
    /// coordinated second attribution whose cue the direct pass took
    /// ("…, and added: "…"") and before a non-restrictive relative clause
    /// (", who …"), which PolNeAR annotators leave out.
    ///
    /// Looks only at the precomputed `content_breaks` from `s + 1` on
    /// (binary search), not at every token up to `e`.
    fn content_end(&self, s: usize, e: usize) -> usize {
        let from = self.content_breaks.partition_point(|b| b.0 < s + 1);
        for &(k, cue) in &self.content_breaks[from..] {
            if k >= e {
                break;
            }
            match cue {
                None if k > s + 2 => return k - 1,
                // the cue and the mark after it must lie before `e`
                Some(m) if k + 1 < e && m + 1 < e => {
                    let mut end = k;
                    while end > s + 1 && matches!(self.tok(end - 1), "," | ";") {
                        end -= 1;
                    }
                    return end;
                }
                _ => {}
            }
        }
        e
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_learned;
