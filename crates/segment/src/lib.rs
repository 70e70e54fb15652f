//! Stage 3 of the pipeline: paragraphs, sentences, tokens and paired quotation
//! marks, written to [`quotewire_doc::Layers`].
//!
//! * Paragraphs: every non-blank line (text split on `\n`, so both the
//!   pipeline's `"\n\n"` convention and one-paragraph-per-line corpora such as
//!   PolNeAR work), trimmed; a soft-wrapped line (no final punctuation, next
//!   line in lower case) continues its paragraph.
//! * Sentences: a rule-based splitter (terminal `.`/`!`/`?`/`…`, optional
//!   closing quotes and brackets, whitespace, then a plausible sentence start),
//!   with the exceptions of [`rules::ABBREVIATIONS`], initials, dotted acronyms
//!   and decimals. Quotation marks are never split inside a short quote.
//! * Tokens: words (with internal apostrophes, hyphens, dots and digit
//!   separators), numbers and single punctuation marks (`''` and ` `` ` are one
//!   token each).
//! * Quotation marks: see [`quotes`]. Every common double-quote style is
//!   paired; multi-paragraph quotations are one [`quotewire_doc::QuoteMark`].
//!
//! Everything is one linear pass per layer; no allocation per character.

#![deny(missing_docs)]

pub mod quotes;
pub mod rules;

use quotewire_doc::{Document, Layers, QuoteMark, Span, Token};

/// Fill `doc.layers` from `doc.text` (replacing anything already there).
pub fn segment(doc: &mut Document) {
    let text = doc.text.as_str();
    let paragraphs = paragraphs(text);
    let mut sentences = Vec::new();
    let quote_marks = quotes::pair_quotes(text, &paragraphs);
    for &p in &paragraphs {
        sentences.extend(split_sentences(text, p, &quote_marks));
    }
    let tokens = tokenize(text, &sentences);
    doc.layers = Layers {
        paragraphs,
        sentences,
        tokens,
        quotes: quote_marks,
        ..Layers::default()
    };
}

/// Paragraph spans, trimmed, in order.
///
/// Every line is a paragraph (news text has one paragraph per line, with or
/// without blank lines between), except a soft-wrapped line: one that does
/// not end with sentence or clause punctuation and is followed, on the very
/// next line, by a line starting in lower case (hard-wrapped plain text).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            if soft_wrap(text, start, i) {
                continue;
            }
            push_trimmed(text, Span::new(start, i), &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, Span::new(start, text.len()), &mut out);
    out
}

/// True when the newline at byte `nl` only wraps the line begun at `start`.
fn soft_wrap(text: &str, start: usize, nl: usize) -> bool {
    let line = text.get(start..nl).unwrap_or("").trim_end();
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    if !(last.is_alphanumeric() || last == ',') {
        return false;
    }
    let next = text.get(nl + 1..).unwrap_or("");
    let next_line = next.split('\n').next().unwrap_or("");
    let first = next_line.chars().next();
    // the next line must follow at once (no blank line, no indentation) in lower case
    first.is_some_and(|c| c.is_lowercase()) && line.len() >= rules::MIN_WRAPPED_LINE
}

fn push_trimmed(text: &str, s: Span, out: &mut Vec<Span>) {
    let t = s.trim(text);
    if !t.is_empty() {
        out.push(t);
    }
}

/// True for characters that may close a sentence after its terminal mark.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '›')
}

/// True when `c` can start a sentence.
fn is_sentence_start(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '„' | '`' | '—' | '–' | '-'
        )
}

/// The word (letters and dots) ending just before byte `i` of `text`.
fn word_before(text: &str, i: usize) -> &str {
    let head = &text[..i];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map(|(j, c)| j + c.len_utf8())
        .unwrap_or(0);
    &head[start..]
}

/// Split one paragraph into sentences. Quotes shorter than
/// [`rules::MAX_UNSPLIT_QUOTE`] bytes are not split inside; no sentence is
/// longer than [`rules::MAX_SENTENCE_BYTES`].
///
/// One pass over the paragraph's characters, decoded in place (no copy).
pub fn split_sentences(text: &str, para: Span, quotes: &[QuoteMark]) -> Vec<Span> {
    let mut out = Vec::new();
    let ptext = para.slice(text);
    let base = para.start;
    let mut start = base;
    let at = |i: usize| ptext.get(i..).and_then(|t| t.chars().next());
    let terminal = |c: char| matches!(c, '.' | '!' | '?' | '…');
    let blank = |c: char| c.is_whitespace() || rules::is_transparent(c);
    let mut k = 0;
    while let Some(c) = at(k) {
        if !terminal(c) {
            k += c.len_utf8();
            continue;
        }
        let off = k;
        // extend over repeated terminals and closers
        let mut j = k + c.len_utf8();
        while let Some(cj) = at(j).filter(|&x| terminal(x)) {
            j += cj.len_utf8();
        }
        while let Some(cj) = at(j).filter(|&x| is_closer(x)) {
            j += cj.len_utf8();
        }
        let end_off = j;
        let Some(cj) = at(j) else {
            break;
        };
        if !blank(cj) {
            k = j;
            continue;
        }
        let mut n = j;
        while let Some(cn) = at(n).filter(|&x| blank(x)) {
            n += cn.len_utf8();
        }
        let Some(next) = at(n) else {
            break;
        };
        let abs_end = base + end_off;
        let mut split = is_sentence_start(next);
        if split && c == '.' {
            let w = word_before(text, base + off);
            split = !is_abbreviation(w, &ptext[n..]);
        }
        if split && inside_short_quote(quotes, abs_end) {
            split = false;
        }
        if split {
            push_capped(text, Span::new(start, abs_end), &mut out);
            start = base + n;
        }
        k = n;
    }
    push_capped(text, Span::new(start, para.end), &mut out);
    out
}

/// [`push_trimmed`], cutting a span longer than [`rules::MAX_SENTENCE_BYTES`]
/// into pieces (see the constant for where). Linear in the span's length.
fn push_capped(text: &str, s: Span, out: &mut Vec<Span>) {
    let max = rules::MAX_SENTENCE_BYTES;
    let mut s = s.trim(text);
    while s.len() > max {
        let mut lim = s.start + max;
        while !text.is_char_boundary(lim) {
            lim -= 1;
        }
        let window = &text[s.start..lim];
        let mut last_ws = None;
        let mut clause = None;
        let mut prev: Option<char> = None;
        for (i, c) in window.char_indices().rev() {
            // `prev` is the character after `c` in text order
            if let Some(p) = prev
                && p.is_whitespace()
                && matches!(c, ',' | ';' | ':')
                && i >= max / 2
            {
                clause = Some(i + c.len_utf8());
                break;
            }
            if c.is_whitespace() && last_ws.is_none() && i > 0 {
                last_ws = Some(i);
            }
            prev = Some(c);
        }
        let cut = clause.or(last_ws).map_or(lim, |i| s.start + i);
        let cut = if cut > s.start { cut } else { lim };
        if cut <= s.start {
            // a single character longer than the cap cannot happen (max > 4)
            break;
        }
        push_trimmed(text, Span::new(s.start, cut), out);
        s = Span::new(cut, s.end).trim(text);
    }
    push_trimmed(text, s, out);
}

fn inside_short_quote(quotes: &[QuoteMark], at: usize) -> bool {
    // quotes are sorted by opening mark and do not overlap: check the last
    // two opened before `at` (O(log n))
    let k = quotes.partition_point(|q| q.open.start < at);
    quotes[k.saturating_sub(2)..k].iter().any(|q| {
        let end = q.close.map(|c| c.end).unwrap_or(q.inner.end);
        at < end && end - q.open.start <= rules::MAX_UNSPLIT_QUOTE
    })
}

/// True when the period after `word` does not end a sentence, given what follows.
fn is_abbreviation(word: &str, following: &str) -> bool {
    let w = word.trim_start_matches('.');
    if w.is_empty() {
        return false;
    }
    let lower = w.to_lowercase();
    if rules::ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    if rules::NUMBER_ABBREVIATIONS.contains(&lower.as_str())
        && following.starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    let next_word: String = following
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let single_initial = w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase());
    let lower_dotted = w.contains('.') && w.chars().all(|c| c.is_lowercase() || c == '.');
    if lower_dotted {
        // "a.m.", "e.g." — "p.m. The" still splits
        return !rules::SENTENCE_OPENERS.contains(&next_word.as_str());
    }
    // dotted acronym "U.S", "U.N", "D.C"
    let dotted = w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2);
    if single_initial || dotted {
        // "in the U.S. The next day" — split only before a common sentence opener
        return !rules::SENTENCE_OPENERS.contains(&next_word.as_str());
    }
    false
}

/// Tokens of the text inside `sentences`, each with its sentence index.
/// Transparent characters ([`rules::is_transparent`]: emoji, flags, format
/// characters, U+FFFD) make no token.
pub fn tokenize(text: &str, sentences: &[Span]) -> Vec<Token> {
    // news prose has a token per 5-6 bytes: reserve for that, so a long text
    // does not end with a vector doubled past its needs (12 bytes a token)
    let mut out = Vec::with_capacity(sentences.last().map_or(0, |s| s.end / 5));
    for (si, s) in sentences.iter().enumerate() {
        let st = s.slice(text);
        let at = |i: usize| st.get(i..).and_then(|t| t.chars().next());
        let mut k = 0;
        while let Some(c) = at(k) {
            // whitespace, and symbols (emoji, flags...) that are transparent
            // between words: no token
            if c.is_whitespace() || rules::is_transparent(c) {
                k += c.len_utf8();
                continue;
            }
            let mut j = k + c.len_utf8();
            if c.is_alphanumeric() {
                // the character before `j`
                let mut prev = c;
                while let Some(cj) = at(j) {
                    if cj.is_alphanumeric() {
                        j += cj.len_utf8();
                        prev = cj;
                    } else if matches!(cj, '\'' | '’' | '-' | '.' | ',')
                        && let Some(nx) = at(j + cj.len_utf8())
                        && nx.is_alphanumeric()
                        && (cj != ',' || (prev.is_ascii_digit() && nx.is_ascii_digit()))
                        && (cj != '.' || nx.is_ascii_digit() || prev.is_uppercase())
                    {
                        j += cj.len_utf8() + nx.len_utf8();
                        prev = nx;
                    } else {
                        break;
                    }
                }
            } else if (c == '\'' || c == '`') && at(j) == Some(c) {
                j += 1;
            }
            // a text over 4 GiB: no token past that (offsets are 32-bit)
            let Some(t) = Token::new(Span::new(s.start + k, s.start + j), si) else {
                return out;
            };
            out.push(t);
            k = j;
        }
    }
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_doc::Alignment;

    fn seg(text: &str) -> Document {
        let mut d = Document::new("t", text.to_string(), Alignment::identity());
        segment(&mut d);
        d
    }

    fn sents(d: &Document) -> Vec<&str> {
        d.layers.sentences.iter().map(|s| d.slice(*s)).collect()
    }

    #[test]
    fn soft_wrapped_lines_join() {
        let t = "He said the plan would\nwork well.\n\nNext one.\nAnother";
        let p: Vec<&str> = paragraphs(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            p,
            vec!["He said the plan would\nwork well.", "Next one.", "Another"]
        );
    }

    #[test]
    fn paragraphs_on_blank_and_single_newlines() {
        let d = seg("  One.\n\nTwo.\nThree.\n\n\n");
        let p: Vec<&str> = d.layers.paragraphs.iter().map(|s| d.slice(*s)).collect();
        assert_eq!(p, vec!["One.", "Two.", "Three."]);
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let d = seg(
            "Mr. Smith went to the U.S. Capitol on Sept. 11. He paid $3.50 for it. J. R. Ewing left.",
        );
        assert_eq!(
            sents(&d),
            vec![
                "Mr. Smith went to the U.S. Capitol on Sept. 11.",
                "He paid $3.50 for it.",
                "J. R. Ewing left."
            ]
        );
    }

    #[test]
    fn sentence_ends_after_closing_quote() {
        let d = seg("He said it was “over.” Then he left. “Is it?” she asked.");
        assert_eq!(
            sents(&d),
            vec![
                "He said it was “over.”",
                "Then he left.",
                "“Is it?” she asked."
            ]
        );
    }

    #[test]
    fn acronym_before_sentence_opener_splits() {
        let d = seg("They flew to the U.S. The trip was long.");
        assert_eq!(
            sents(&d),
            vec!["They flew to the U.S.", "The trip was long."]
        );
    }

    #[test]
    fn tokens_keep_words_numbers_and_marks() {
        let d = seg("It's 1,000.5 U.S. ''dollars,'' he said.");
        let t: Vec<&str> = d.layers.tokens.iter().map(|t| d.slice(t.span())).collect();
        assert_eq!(
            t,
            vec![
                "It's", "1,000.5", "U.S", ".", "''", "dollars", ",", "''", "he", "said", "."
            ]
        );
        assert!(d.layers.tokens.iter().all(|t| t.sentence() == 0));
    }

    #[test]
    fn symbols_make_no_token() {
        let d = seg(
            "According to \u{1F600} President Joe Biden, said Zoë \u{1F1EB}\u{1F1F7} Müller \u{2764}\u{FE0F}\u{200D}\u{1F525}.",
        );
        let t: Vec<&str> = d.layers.tokens.iter().map(|t| d.slice(t.span())).collect();
        assert_eq!(
            t,
            vec![
                "According",
                "to",
                "President",
                "Joe",
                "Biden",
                ",",
                "said",
                "Zoë",
                "Müller",
                "."
            ]
        );
    }

    #[test]
    fn format_characters_and_replacements_do_not_hide_a_sentence_start() {
        let d = seg("“Fine,” said Bob Jones on Monday. \u{202E}“RTL override,” said Ann Lee.");
        assert_eq!(
            sents(&d),
            vec![
                "“Fine,” said Bob Jones on Monday.",
                "“RTL override,” said Ann Lee."
            ]
        );
        let d = seg("Intro text here.\u{FFFD}\u{FFFD}\u{1F600}“We will win,” said Ann Lee.");
        assert_eq!(
            sents(&d),
            vec!["Intro text here.", "“We will win,” said Ann Lee."]
        );
        assert!(d.layers.tokens.iter().all(|t| {
            let s = d.slice(t.span());
            !s.contains('\u{FFFD}') && !s.contains('\u{202E}')
        }));
    }

    #[test]
    fn nyt_quotes_end_sentences() {
        let d = seg("''Fine.'' He left. ``Go,'' she said.");
        assert_eq!(
            sents(&d),
            vec!["''Fine.''", "He left.", "``Go,'' she said."]
        );
    }

    #[test]
    fn random_mixtures_give_valid_layers() {
        const ALPHABET: &[&str] = &[
            "a", "B", ".", "?", "\"", "“", "”", "''", "``", "«", "»", "‘", "’", "'", " ", "\n",
            "\n\n", "é", "Mr.", "U.S.", "3.5", "—", "(", ")", "…",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..500 {
            let mut s = String::new();
            for _ in 0..30 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push_str(ALPHABET[(seed >> 33) as usize % ALPHABET.len()]);
            }
            let d = seg(&s);
            let l = &d.layers;
            for sp in l
                .paragraphs
                .iter()
                .copied()
                .chain(l.sentences.iter().copied())
                .chain(l.tokens.iter().map(|t| t.span()))
            {
                assert!(s.get(sp.start..sp.end).is_some(), "{sp:?} in {s:?}");
            }
            for q in &l.quotes {
                assert!(
                    q.open.end <= q.inner.start || q.inner.is_empty(),
                    "{q:?} in {s:?}"
                );
                assert!(s.get(q.inner.start..q.inner.end).is_some());
            }
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in [
            "",
            "\n",
            ".",
            "“",
            "''",
            "a.\u{a0}B",
            "é. É",
            "”“",
            "« »",
            "...\n...",
        ] {
            let _ = seg(s);
        }
    }
}
