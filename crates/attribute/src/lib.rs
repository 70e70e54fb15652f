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

pub mod bounds;
mod direct;
pub mod disjoint;
pub mod english;
mod indirect;
pub mod learned;
pub mod lexicon;
pub mod repair;
pub mod spurious;

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
/// A text that is clearly not English ([`english::looks_english`]) keeps
/// only its direct quotations.
pub fn attribute(doc: &mut Document) {
    attribute_rules(doc);
    if doc.deadline.expired() {
        // the time budget is spent: the rules' attributions, unmerged
        disjoint::make_disjoint(doc);
        return;
    }
    match learned::builtin() {
        Ok(model) => learned::apply(doc, model),
        Err(e) => doc
            .warnings
            .push(format!("attribution model not used, rules only: {e}")),
    }
    // twice: a source dropped inside its content is looked for again by
    // the repairs, whose grown sources are cut back after them
    disjoint::make_disjoint(doc);
    repair::repair(doc);
    bounds::fix_bounds(doc);
    disjoint::make_disjoint(doc);
    if !english::looks_english(doc) {
        // the indirect rules and the model read English: elsewhere only
        // quotations found by their marks
        doc.attributions.retain(|a| a.kind == QuoteKind::Direct);
    }
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

impl Draft {
    /// An indirect (or mixed) attribution found by the rules: its content,
    /// cue and source spans; the other fields at their defaults.
    fn indirect(content: Vec<Span>, cue: Span, source: Vec<Span>) -> Draft {
        Draft {
            content,
            cue: vec![cue],
            source,
            para: 0,
            direct: false,
            sentence: None,
            orphan: None,
            nested: false,
            unclosed: false,
        }
    }
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
            let s = t.span().slice(text);
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
                None => Low(t.span().slice(text)),
            })
            .collect();
        let mut in_quote = vec![NO_QUOTE; toks.len()];
        let mut qi = 0;
        for (i, t) in toks.iter().enumerate() {
            while qi < quotes.len() && quote_outer(&quotes[qi]).end <= t.span().start {
                qi += 1;
            }
            // quotes are sorted by opening; check a few candidates from qi
            // an unclosed quote's words stay open to the indirect pass
            for (k, q) in quotes.iter().enumerate().skip(qi).take(3) {
                if q.close.is_some() && quote_outer(q).contains(t.span()) {
                    in_quote[i] = u32::try_from(k).unwrap_or(NO_QUOTE - 1);
                    break;
                }
            }
        }
        let mut sent_tok = vec![toks.len(); sents.len() + 1];
        for (i, t) in toks.iter().enumerate().rev() {
            if t.sentence() < sent_tok.len() {
                sent_tok[t.sentence()] = i;
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
            if is_word(t.span().slice(text)) {
                n += 1;
                if in_quote[i] != NO_QUOTE {
                    q += 1;
                }
            }
        }
        words_before.push(n);
        quoted_before.push(q);
        let tok = |i: usize| toks.get(i).map_or("", |t| t.span().slice(text));
        let mut content_breaks = Vec::new();
        for k in 1..toks.len() {
            if in_quote[k] != NO_QUOTE {
                continue;
            }
            let w: &str = &lw[k];
            // a non-restrictive relative clause (", who …"), and a new
            // clause with a subject of its own after ", but" or ";" ("…, but
            // he said …"; PolNeAR train: 78 of 113 contents reaching ", but
            // he/she/…" end there, 50 of 69 at "; he/…")
            let new_subject = |j: usize| {
                in_quote.get(j).is_some_and(|&q| q == NO_QUOTE)
                    && (matches!(
                        lw.get(j).map(|x| x.as_str()),
                        Some("he" | "she" | "they" | "it" | "we" | "i" | "there" | "the" | "this")
                    ) || capitalized(tok(j)))
            };
            if (tok(k - 1) == "," && matches!(w, "who" | "which"))
                || (tok(k - 1) == ","
                    && matches!(w, "but" | "and" | "although" | "though" | "while")
                    && new_subject(k + 1))
                || (tok(k - 1) == ";" && new_subject(k))
            {
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
            .map(|t| t.span().slice(self.text))
            .unwrap_or("")
    }

    fn span(&self, r: Range) -> Span {
        if r.0 >= r.1 || r.1 > self.toks.len() {
            return Span::new(0, 0);
        }
        Span::new(self.toks[r.0].span().start, self.toks[r.1 - 1].span().end)
    }

    /// Token range of sentence `s`.
    fn sent_range(&self, s: usize) -> Range {
        (self.sent_tok[s], self.sent_tok[s + 1])
    }

    /// First token at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.span().start < b)
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
                || self.toks[colon].span().start >= p.end
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
                para: pi,
                ..Draft::indirect(
                    vec![content],
                    self.span((colon, colon + 1)),
                    vec![self.span((a, colon))],
                )
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

    /// First token of the sentence holding token `k`.
    fn sent_start_of(&self, k: usize) -> usize {
        self.toks
            .get(k)
            .map(|t| self.sent_tok[t.sentence()])
            .unwrap_or(0)
    }

    fn is_abbrev_dot(&self, k: usize) -> bool {
        k > 0
            && (lexicon::TITLE_ABBREVIATIONS.contains(&self.lw[k - 1].as_str())
                || (self.tok(k - 1).chars().count() == 1 && capitalized(self.tok(k - 1))))
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_learned;
