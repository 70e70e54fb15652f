//! Content boundaries that no reading of a sentence allows, fixed after the
//! rules, the model and the repairs. Linear in the tokens of the contents.
//!
//! * **A content ending on a dangling word.** The greedy tagger (or a rule
//!   stopping at the next clause) can end a content on the coordinator or
//!   article that opens the clause after it ("officials said the plan would
//!   fail, and" | "the mayor …"; "he argued that taxes were too high and
//!   the" | …): a proposition never ends on "and", "or", "but", "nor",
//!   "while", "the", "a", "an". The word goes, with the commas and
//!   semicolons before it. Only where the word is the last thing in the span
//!   (a quotation ending on "and”" is the speaker's words and stays).
//!   Dev (PolNeAR, `bench/run.sh attribution`): content-strict 0.566 → 0.567;
//!   train 0.709 → 0.711.
//! * **A quotation and an adjunct of its verb.** "Smith said “hello
//!   there” on Monday": the time, place or addressee after the closing mark
//!   is no part of what was said; the content is the quotation, direct.
//!   Dev unchanged (0.738 / 0.567 / 0.683 / 0.904).
//! * **A quotation with a trailer of its own.** "“A,” Lee said. “B,” she
//!   noted.": a later quotation of a content, in another sentence than the
//!   cue, followed by a trailer of its own (a speech verb with its subject
//!   before or after it) is a second attribution, with that cue and source,
//!   not a continuation of the first (a quotation another attribution
//!   already holds is only dropped from this one). Dev unchanged (no such
//!   join); PolNeAR train content-strict 0.711 → 0.712, direct
//!   content+source 0.921 → 0.924.

use crate::{cue_class, is_quote_mark};
use quotewire_doc::{Attribution, Document, QuoteKind, Span};

/// Words a content never ends on.
const DANGLING: &[&str] = &["and", "or", "but", "nor", "while", "the", "a", "an"];

/// Applies every boundary fix to `doc.attributions`.
pub fn fix_bounds(doc: &mut Document) {
    let mut atts = std::mem::take(&mut doc.attributions);
    let mut i = 0;
    while i < atts.len() {
        if let Some(b) = split_own_trailer(doc, &mut atts[i]) {
            // a quotation another attribution already holds is only dropped
            let held = atts.iter().enumerate().any(|(j, o)| {
                j != i
                    && o.content
                        .iter()
                        .any(|c| b.content.iter().any(|x| x.overlaps(*c)))
            });
            if !held {
                atts.push(b);
            }
        }
        i += 1;
    }
    for a in &mut atts {
        let Some(last) = a.content.iter_mut().max_by_key(|s| s.end) else {
            continue;
        };
        *last = drop_dangling_end(doc, *last);
        quotation_without_adjunct(doc, a);
    }
    doc.attributions = atts;
}

/// Tokens after a closing quotation mark that may be an adjunct of the
/// saying, not more of what was said.
const MAX_ADJUNCT_TOKENS: usize = 8;

/// "Smith said “hello there” on Monday": a content that is one quotation
/// followed by a short phrase without a verb (a time, a place, an
/// addressee: an adjunct of the cue) is the quotation alone, and direct,
/// not mixed (PolNeAR and PARC 3.0 mark the quoted words; the adjunct
/// belongs to neither).
fn quotation_without_adjunct(doc: &Document, a: &mut Attribution) {
    let [c] = a.content.as_slice() else {
        return;
    };
    if a.kind != QuoteKind::Mixed || doc.layers.pos.len() != doc.layers.tokens.len() {
        return;
    }
    let toks = &doc.layers.tokens;
    let (x, y) = tok_range(doc, *c);
    if y <= x + 2 || !is_quote_mark(doc.slice(toks[x].span())) {
        return;
    }
    // the quotation is the object of a verb cue right before it ("said
    // “…”"), not a fragment in a paraphrase ("a call for “…” to Ukraine")
    let pos = &doc.layers.pos;
    let verb_cue_before = a.cue.iter().any(|cue| {
        let (cx, cy) = tok_range(doc, *cue);
        cy > cx && cy <= x && x - cy <= 1 && pos[cy - 1].starts_with("VB")
    });
    if !verb_cue_before {
        return;
    }
    // the closing mark: the first quotation mark after the opening one
    let Some(q) = (x + 1..y).find(|&k| is_quote_mark(doc.slice(toks[k].span()))) else {
        return;
    };
    let tail = q + 1..y;
    if tail.is_empty()
        || tail.len() > MAX_ADJUNCT_TOKENS
        || tail.clone().any(|k| {
            let t = pos[k];
            t.starts_with("VB")
                || t.starts_with("MD")
                || t.contains("+VB")
                || t == "WDT"
                || t == "WP"
        })
        || !matches!(pos[q + 1], "IN" | "TO" | "NNP" | "NN" | "RB")
    {
        return;
    }
    a.content = vec![Span::new(c.start, toks[q].span().end)];
    a.kind = QuoteKind::Direct;
}

/// `span` without a dangling word (and the `,` `;` before it) at its end.
fn drop_dangling_end(doc: &Document, span: Span) -> Span {
    let text = doc.text.as_str();
    let toks = &doc.layers.tokens;
    let a = toks.partition_point(|t| t.span().start < span.start);
    let mut b = a + toks[a..].partition_point(|t| t.span().end <= span.end);
    let mut end = span.end;
    loop {
        // the last token must end the span (nothing but spaces after it)
        if b <= a + 1 || !text[toks[b - 1].span().end..end].trim().is_empty() {
            break;
        }
        let w = toks[b - 1].span().slice(text);
        if !DANGLING.iter().any(|d| w.eq_ignore_ascii_case(d)) {
            break;
        }
        let mut k = b - 1;
        while k > a && matches!(toks[k - 1].span().slice(text), "," | ";") {
            k -= 1;
        }
        if k == a {
            break;
        }
        b = k;
        end = toks[k - 1].span().end;
    }
    Span::new(span.start, end)
}

/// Token index range `[a, b)` of the tokens inside `span`.
fn tok_range(doc: &Document, span: Span) -> (usize, usize) {
    let t = &doc.layers.tokens;
    let a = t.partition_point(|x| x.span().start < span.start);
    let b = a + t[a..].partition_point(|x| x.span().end <= span.end);
    (a, b)
}

/// Splits off the content parts of `a` from the first later quotation with
/// a trailer of its own, as a new direct attribution (cue and source that
/// trailer's); `a` keeps the parts before it.
fn split_own_trailer(doc: &Document, a: &mut Attribution) -> Option<Attribution> {
    if a.content.len() < 2 || doc.layers.pos.len() != doc.layers.tokens.len() {
        return None;
    }
    let cue = *a.cue.iter().min_by_key(|c| c.start)?;
    let toks = &doc.layers.tokens;
    let (cx, _) = tok_range(doc, cue);
    let cue_sent = toks.get(cx)?.sentence();
    let k = (1..a.content.len()).find_map(|k| {
        let part = a.content[k];
        let (x, y) = tok_range(doc, part);
        let quoted = y > x + 2
            && is_quote_mark(doc.slice(toks[x].span()))
            && is_quote_mark(doc.slice(toks[y - 1].span()));
        (quoted && part.start > cue.end && toks[x].sentence() != cue_sent)
            .then(|| trailer_after(doc, y, &a.cue).map(|t| (k, t)))
            .flatten()
    });
    let (k, (tcue, tsrc)) = k?;
    let rest = a.content.split_off(k);
    let all_quoted = |v: &[Span]| {
        v.iter().all(|s| {
            let (x, y) = tok_range(doc, *s);
            y > x + 1
                && is_quote_mark(doc.slice(toks[x].span()))
                && is_quote_mark(doc.slice(toks[y - 1].span()))
        })
    };
    if all_quoted(&a.content) {
        a.kind = QuoteKind::Direct;
    }
    Some(Attribution {
        kind: QuoteKind::Direct,
        content: rest,
        cue: vec![tcue],
        source: vec![tsrc],
        speaker: None,
        confidence: a.confidence,
    })
}

/// A trailer right after token `y` (exclusive end of a quotation): `, X
/// said` or `, said X` (X a pronoun or a noun phrase of at most six tokens),
/// closed by `.` `,` `;` or a word ("told reporters"). Not one of `taken`.
fn trailer_after(doc: &Document, y: usize, taken: &[Span]) -> Option<(Span, Span)> {
    let toks = &doc.layers.tokens;
    let pos = &doc.layers.pos;
    // the trailer lies in the sentence the quotation ends in
    let sent = toks.get(y.checked_sub(1)?)?.sentence();
    let mut i = y;
    if i >= toks.len() {
        return None;
    }
    if doc.slice(toks[i].span()) == "," {
        i += 1;
    }
    let word = |k: usize| k < toks.len() && toks[k].sentence() == sent;
    let is_cue = |k: usize| {
        word(k)
            && matches!(pos[k], "VBD" | "VBZ" | "VBP")
            && cue_class(&doc.slice(toks[k].span()).to_lowercase()).is_some()
            && !taken.iter().any(|c| c.overlaps(toks[k].span()))
    };
    let nominal = |k: usize| {
        word(k)
            && (pos[k].starts_with("NN")
                || matches!(pos[k], "PRP" | "DT" | "JJ" | "POS" | "NNP+POS" | "NN+POS"))
    };
    let span = |a: usize, b: usize| Span::new(toks[a].span().start, toks[b - 1].span().end);
    // ", said X"
    if is_cue(i) {
        let mut e = i + 1;
        while e < i + 7 && (nominal(e) || word(e) && doc.slice(toks[e].span()) == ".") {
            e += 1;
        }
        let has_noun = (i + 1..e).any(|m| pos[m].starts_with("NN") || pos[m] == "PRP");
        return has_noun.then(|| (toks[i].span(), span(i + 1, e)));
    }
    // ", X said"
    let mut e = i;
    while e < i + 6 && (nominal(e) || word(e) && e > i && doc.slice(toks[e].span()) == ".") {
        e += 1;
    }
    let has_noun = (i..e).any(|m| pos[m].starts_with("NN") || pos[m] == "PRP");
    (e > i && has_noun && is_cue(e)).then(|| (toks[e].span(), span(i, e)))
}
