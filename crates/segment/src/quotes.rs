//! Pairing quotation marks into quotations.
//!
//! Styles handled (double quotes, the marks of direct speech in news):
//! straight `"…"`, curly `“…”`, low-high `„…“` / `„…”`, guillemets `«…»` and
//! `‹…›`, and the typewriter pairs ` ``…'' ` and `''…''` (the NYT style of the
//! PolNeAR corpus). Straight marks are told apart by flanking: a mark after
//! whitespace (or a bracket or dash) and before a non-space opens; one after a
//! non-space and before whitespace or punctuation closes.
//!
//! Conventions (Chicago Manual of Style 13.30; AP style):
//! * a quotation running over several paragraphs repeats the opening mark at
//!   each paragraph and closes only at the end: one quotation — but only when
//!   a closing mark really ends the run within [`MAX_QUOTE_PARAGRAPHS`]
//!   paragraphs; otherwise each opening mark is an unclosed quote of its own
//!   paragraph;
//! * a mark never closed stops at the end of its paragraph (it never
//!   swallows the article);
//! * a guillemet with no partner in its paragraph is a bullet, not a quote;
//! * apostrophes (`it's`, `Trump's`, `'90s`) are not quotation marks;
//! * single quotes `‘…’` are nested or scare quotes; they are reported as
//!   quotations only when they are the main quoting style of a paragraph (no
//!   double mark in it, and at least [`MIN_SINGLE_QUOTE_WORDS`] words inside).

use quotewire_doc::{QuoteMark, Span};

/// Minimum words inside a single-quoted span for it to count as a quotation.
pub const MIN_SINGLE_QUOTE_WORDS: usize = 6;

/// Most paragraphs one multi-paragraph quotation may run over (a run with no
/// closing mark within this many paragraphs is not joined).
pub const MAX_QUOTE_PARAGRAPHS: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `"` and `''` (both directions).
    Straight,
    /// `“ ” „ ‟` and the ` `` ` opener.
    Curly,
    /// `« »`.
    Guillemet,
    /// `‹ ›`.
    SingleGuillemet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark: direction from flanking and state.
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    span: Span,
    family: Family,
    role: Role,
    /// The mark is `„` (closed by `“` too).
    low: bool,
}

/// The character before byte `i`, skipping transparent characters
/// (format characters such as a bidi override, emoji, U+FFFD).
fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)
        .and_then(|h| h.chars().rev().find(|&c| !crate::rules::is_transparent(c)))
}

/// The character at byte `i`, skipping transparent characters.
fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..)
        .and_then(|t| t.chars().find(|&c| !crate::rules::is_transparent(c)))
}

fn opens_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':'),
    }
}

/// Double quotation marks of one paragraph, in order.
fn double_marks(text: &str, para: Span) -> Vec<Mark> {
    let mut out = Vec::new();
    let p = para.slice(text);
    let mut it = p.char_indices().peekable();
    while let Some((off, c)) = it.next() {
        let start = para.start + off;
        let mut len = c.len_utf8();
        let (family, role, low) = match c {
            '"' => (Family::Straight, Role::Either, false),
            '“' => (Family::Curly, Role::Open, false),
            '‟' => (Family::Curly, Role::Open, false),
            '„' => (Family::Curly, Role::Open, true),
            '”' => (Family::Curly, Role::Close, false),
            '«' => (Family::Guillemet, Role::Open, false),
            '»' => (Family::Guillemet, Role::Close, false),
            '‹' => (Family::SingleGuillemet, Role::Open, false),
            '›' => (Family::SingleGuillemet, Role::Close, false),
            '`' if matches!(it.peek(), Some((_, '`'))) => {
                it.next();
                len = 2;
                (Family::Curly, Role::Open, false)
            }
            '\'' if matches!(it.peek(), Some((_, '\''))) => {
                it.next();
                len = 2;
                (Family::Straight, Role::Either, false)
            }
            _ => continue,
        };
        out.push(Mark {
            span: Span::new(start, start + len),
            family,
            role,
            low,
        });
    }
    out
}

/// An open quotation being paired.
#[derive(Debug, Clone, Copy)]
struct Pending {
    open: Span,
    family: Family,
    low: bool,
}

/// A tentative multi-paragraph run: the state to return to when it is never
/// closed.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Paragraph at whose end the quotation was carried over.
    para: usize,
    /// The quotation carried into that paragraph (state before it).
    incoming: Option<Pending>,
    /// `out.len()` before that paragraph was paired.
    out_len: usize,
}

/// Pair the quotation marks of `text`, paragraph by paragraph.
///
/// `paragraphs` are the spans of [`crate::paragraphs`]. The result is sorted
/// by opening mark.
pub fn pair_quotes(text: &str, paragraphs: &[Span]) -> Vec<QuoteMark> {
    let mut out: Vec<QuoteMark> = Vec::new();
    // a quotation carried over from the previous paragraph
    let mut carried: Option<Pending> = None;
    // the open multi-paragraph run, if any, and paragraphs never to carry from
    let mut run: Option<Run> = None;
    let mut no_carry = vec![false; paragraphs.len()];
    let mut pi = 0;
    'paras: while let Some(&para) = paragraphs.get(pi) {
        let incoming = carried;
        let out_len = out.len();
        let marks = double_marks(text, para);
        let mut pending = carried.take();
        let mut skip_first = false;
        if pending.is_some()
            && marks
                .first()
                .is_some_and(|m| m.span.start == para.start && m.role != Role::Close)
        {
            skip_first = true;
        }
        for (mi, m) in marks.iter().enumerate() {
            if skip_first && mi == 0 {
                continue;
            }
            match pending {
                None => {
                    let open = match m.role {
                        Role::Open => true,
                        Role::Close => {
                            // ” used as an opener (Swedish/Finnish style, or a typo)
                            m.family == Family::Curly
                                && opens_before(prev_char(text, m.span.start))
                                && next_char(text, m.span.end).is_some_and(|c| c.is_alphanumeric())
                        }
                        Role::Either => {
                            let before = prev_char(text, m.span.start);
                            let after = next_char(text, m.span.end);
                            // a mark after a word and before space/end only closes (inch mark, stray)
                            !(before.is_some_and(|c| !c.is_whitespace() && !opens_before(Some(c)))
                                && after.is_none_or(|c| c.is_whitespace()))
                        }
                    };
                    if open {
                        pending = Some(Pending {
                            open: m.span,
                            family: m.family,
                            low: m.low,
                        });
                    }
                }
                Some(p) => {
                    let closes = match m.role {
                        Role::Close => {
                            m.family == p.family
                                || (p.family == Family::Straight && m.family == Family::Curly)
                                || (p.family == Family::Curly && m.family == Family::Straight)
                        }
                        Role::Either => true,
                        // „ is closed by “ (German style)
                        Role::Open => p.low && m.family == Family::Curly && !m.low,
                    };
                    if closes {
                        out.push(QuoteMark {
                            open: p.open,
                            close: Some(m.span),
                            inner: Span::new(p.open.end, m.span.start),
                        });
                        pending = None;
                        // a carried run is confirmed by its closing mark
                        run = None;
                    } else if m.role == Role::Open && m.family == p.family {
                        // a new opening mark: the previous one was never closed
                        if let Some(r) = run.take() {
                            // the carried run is not one quotation: pair again
                            // from where it was carried, without carrying
                            rollback(r, &mut out, &mut no_carry, &mut carried, &mut pi);
                            continue 'paras;
                        }
                        push_unclosed(text, p, m.span.start, &mut out);
                        pending = Some(Pending {
                            open: m.span,
                            family: m.family,
                            low: m.low,
                        });
                    }
                    // other marks (a guillemet inside curly quotes...) are nested: ignore
                }
            }
        }
        if let Some(p) = pending {
            let guillemet = matches!(p.family, Family::Guillemet | Family::SingleGuillemet);
            let next_opens = paragraphs.get(pi + 1).is_some_and(|np| {
                double_marks(text, Span::new(np.start, (np.start + 4).min(np.end)))
                    .first()
                    .is_some_and(|m| m.span.start == np.start && m.role != Role::Close)
            });
            let run_len = run.map(|r| pi - r.para).unwrap_or(0);
            if guillemet {
                // unpaired guillemet: a bullet or decoration
            } else if next_opens && !no_carry[pi] && run_len + 1 < MAX_QUOTE_PARAGRAPHS {
                if run.is_none() {
                    run = Some(Run {
                        para: pi,
                        incoming,
                        out_len,
                    });
                }
                carried = Some(p);
            } else if let Some(r) = run.take() {
                rollback(r, &mut out, &mut no_carry, &mut carried, &mut pi);
                continue 'paras;
            } else {
                push_unclosed(text, p, para.end, &mut out);
            }
        }
        if carried.is_none() {
            single_quotes(text, para, &marks, &mut out);
        }
        pi += 1;
    }
    out.sort_by_key(|q| q.open.start);
    out
}

/// Undo a multi-paragraph run that no closing mark ends: drop what was
/// paired since, and pair again from its first paragraph without carrying.
fn rollback(
    r: Run,
    out: &mut Vec<QuoteMark>,
    no_carry: &mut [bool],
    carried: &mut Option<Pending>,
    pi: &mut usize,
) {
    out.truncate(r.out_len);
    if let Some(n) = no_carry.get_mut(r.para) {
        *n = true;
    }
    *carried = r.incoming;
    *pi = r.para;
}

fn push_unclosed(text: &str, p: Pending, end: usize, out: &mut Vec<QuoteMark>) {
    let inner = Span::new(p.open.end, end).trim(text);
    if !inner.is_empty() {
        out.push(QuoteMark {
            open: p.open,
            close: None,
            inner,
        });
    }
}

/// Single-quoted quotations of a paragraph with no double marks.
fn single_quotes(text: &str, para: Span, doubles: &[Mark], out: &mut Vec<QuoteMark>) {
    if !doubles.is_empty() {
        return;
    }
    let p = para.slice(text);
    let mut open: Option<Span> = None;
    for (off, c) in p.char_indices() {
        if !matches!(c, '‘' | '’' | '\'') {
            continue;
        }
        let at = para.start + off;
        let span = Span::new(at, at + c.len_utf8());
        let before = prev_char(text, at);
        let after = next_char(text, span.end);
        let alnum_before = before.is_some_and(|c| c.is_alphanumeric());
        let alnum_after = after.is_some_and(|c| c.is_alphanumeric());
        match open {
            None => {
                // opener: after space/start, before a letter, and not '90s
                if c != '’' && opens_before(before) && after.is_some_and(|c| c.is_alphabetic()) {
                    open = Some(span);
                }
            }
            Some(o) => {
                if c != '‘'
                    && !alnum_after
                    && (alnum_before || before.is_some_and(|c| ".,!?".contains(c)))
                {
                    let inner = Span::new(o.end, span.start);
                    let words = inner.slice(text).split_whitespace().count();
                    if words >= MIN_SINGLE_QUOTE_WORDS {
                        out.push(QuoteMark {
                            open: o,
                            close: Some(span),
                            inner,
                        });
                    }
                    open = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paragraphs;

    fn q(text: &str) -> Vec<String> {
        let ps = paragraphs(text);
        pair_quotes(text, &ps)
            .iter()
            .map(|m| {
                format!(
                    "{}|{}",
                    m.inner.slice(text),
                    if m.close.is_some() { "closed" } else { "open" }
                )
            })
            .collect()
    }

    #[test]
    fn styles_pair() {
        assert_eq!(
            q("He said \"yes,\" she said “no.”"),
            vec!["yes,|closed", "no.|closed"]
        );
        assert_eq!(
            q("„Ja“, sagte er. « Oui », dit-il."),
            vec!["Ja|closed", " Oui |closed"]
        );
        assert_eq!(
            q("``Fine,'' he said. ''Sure,'' she said."),
            vec!["Fine,|closed", "Sure,|closed"]
        );
        assert_eq!(q("‹Bon› dit-il."), vec!["Bon|closed"]);
    }

    #[test]
    fn multi_paragraph_quote_is_one() {
        let t = "“We made choices.\n\n“Next year we will,” she said.\n\nAfter.";
        let ps = paragraphs(t);
        let qs = pair_quotes(t, &ps);
        assert_eq!(qs.len(), 1);
        assert_eq!(
            qs[0].inner.slice(t),
            "We made choices.\n\n“Next year we will,"
        );
    }

    #[test]
    fn unclosed_stops_at_paragraph_end() {
        assert_eq!(
            q("He said “this never ends.\n\nNext paragraph. “Real,” he said."),
            vec!["this never ends.|open", "Real,|closed"]
        );
    }

    #[test]
    fn unclosed_openings_at_each_paragraph_are_not_joined() {
        // no closing mark ends the run: each opening stops at its paragraph
        let t = "“One opens and never closes.\n\n“Two opens and never closes.\n\n";
        assert_eq!(
            q(t),
            vec![
                "One opens and never closes.|open",
                "Two opens and never closes.|open"
            ]
        );
        // a run broken by a new opening mark in a later paragraph; the
        // last opening is carried into a paragraph that closes it
        let t = "“One opens.\n\n“Two opens “three too.\n\n“Four,” he said.";
        assert_eq!(
            q(t),
            vec![
                "One opens.|open",
                "Two opens|open",
                "three too.\n\n“Four,|closed"
            ]
        );
        // a closed run longer than MAX_QUOTE_PARAGRAPHS is not joined whole:
        // the leading openings stay unclosed, only the last paragraphs join
        let mut long = String::new();
        for i in 0..MAX_QUOTE_PARAGRAPHS + 1 {
            long.push_str(&format!("“Part {i} of a long speech.\n\n"));
        }
        long.push_str("“The end,” he said.");
        assert_eq!(
            q(&long),
            vec![
                "Part 0 of a long speech.|open".to_string(),
                "Part 1 of a long speech.|open".to_string(),
                long[long.find("Part 2").unwrap_or(0)..long.find("”").unwrap_or(0)].to_string()
                    + "|closed",
            ]
        );
        // a long unbalanced document stays linear and paragraph-bound
        let big: String = (0..1000)
            .map(|i| format!("“Paragraph {i} opens a quote and never closes.\n\n"))
            .collect();
        let qs = q(&big);
        assert_eq!(qs.len(), 1000);
        assert!(qs.iter().all(|s| !s.contains('\n')));
    }

    #[test]
    fn format_characters_do_not_decide_flanking() {
        // a bidi override or zero-width space between a word and a straight
        // mark does not make the mark a closer
        assert_eq!(
            q("He said \u{202E}\"yes,\" and she said \"no\u{200B}\" today."),
            vec!["yes,|closed", "no\u{200B}|closed"]
        );
        assert_eq!(q("Fine.\u{FEFF}\"Go on,\" he said."), vec!["Go on,|closed"]);
        // an inch mark followed by a zero-width space is still no opener
        assert!(q("He is 6'2\"\u{200B} tall.").is_empty());
    }

    #[test]
    fn apostrophes_inches_and_bullets_are_not_quotes() {
        assert!(q("It's Trump's '90s thing, voters' choice.").is_empty());
        assert!(q("He is 6'2\" tall.").is_empty());
        assert!(q("» Read more\n\n« Back to top").is_empty());
    }

    #[test]
    fn single_quotes_only_as_main_style() {
        assert!(q("The ‘sole reason’ for it, he said \"now\".").len() == 1);
        assert_eq!(
            q("He said: ‘We will not give up on this deal at all.’"),
            vec!["We will not give up on this deal at all.|closed"]
        );
        assert!(q("A ‘scare quote’ here.").is_empty());
    }
}
