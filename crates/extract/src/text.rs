//! Flattened text → main content and metadata.
//!
//! Input: plain text, or a web page flattened to text with all its chrome
//! (a crawl's text dump, a copy-paste from a browser). Each line is one
//! rendered block. The rules are about how pages are built, never about one
//! site's strings:
//!
//! 1. **Line features**: length, sentence-final punctuation, share of
//!    capitalised words (title-cased headlines and menu items), generic chrome
//!    vocabulary (`vocab`), picture credits and their captions, lines repeated
//!    on the page, "READ MORE:"-style prefixes, page stamps (`stamp`),
//!    comma-separated tag lists. Hard-wrapped lines (no sentence end, next line
//!    in lower case) are joined into one paragraph.
//! 2. **Plain text** (no chrome signal: no chrome line, no menu run, few short
//!    non-prose lines) is kept whole.
//! 3. Otherwise the **densest block of prose** is found as the maximum-sum run
//!    of line scores (prose lines score their length in words, chrome and short
//!    non-prose lines a penalty), the idea of Finn, Kushmerick & Smyth's Body
//!    Text Extraction (2001) applied to lines, with jusText-like features
//!    (Pomikálek 2011): a short line between prose lines is neutral. The body
//!    is looked for above the first comment-section or post-navigation heading
//!    that has two paragraphs above it, and above a related-stories heading
//!    unless the article resumes after it. Inside the body chrome lines,
//!    "READ MORE" lines and repeated lines are dropped.
//! 4. **Metadata** from the lines around the body: the page stamp before it
//!    → `published` (ISO 8601), the kicker (short label with a "(N)" count or
//!    repeated around the body) → `series`, the nearest headline above →
//!    `title`, "READ MORE:" lines and the first run of title-cased headlines
//!    after it → `related`, the comma list of names after it → `tags`, and the
//!    dateline at the start of the first paragraph (`crate::dateline`, shared with HTML pages).
//!
//! The text is built with [`AlignedBuilder`]: kept runs are verbatim copies,
//! odd spaces (NBSP, U+2000–U+200A, U+202F, U+205F, U+3000, tabs) and runs of
//! spaces become one replaced space, paragraph breaks are synthetic.

mod stamp;
mod vocab;

use quotewire_doc::{AlignedBuilder, Document, Related};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;
use vocab::*;

/// Characters dropped from the text: BOM / zero-width no-break space,
/// zero-width space, soft hyphen, word joiner.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{200b}' | '\u{ad}' | '\u{2060}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// One non-empty line of the input.
#[derive(Debug, Clone)]
struct Line {
    /// Byte ranges of the trimmed source lines (several for a hard-wrapped
    /// paragraph).
    parts: Vec<(usize, usize)>,
    /// Index of the first and last source line (counting blank ones).
    first: usize,
    last: usize,
    /// The line with spaces folded (for analysis and metadata).
    norm: String,
    /// Words (whitespace-separated).
    words: usize,
    /// Weight in word-equivalents.
    weight: f64,
    /// Ends with sentence-final punctuation.
    sentence_end: bool,
    /// Title-cased (headline or menu item).
    headline: bool,
    /// Generic page chrome.
    chrome: bool,
    /// A picture credit.
    credit: bool,
    /// Chrome that closes an article: 2 for the comment section and post
    /// navigation, 1 for a related-stories heading, 0 for none.
    end_marker: u8,
    /// Short line without sentence punctuation.
    short: bool,
    /// "READ MORE: headline" → the headline.
    read_more: Option<String>,
    /// A page stamp on this line.
    stamp: Option<stamp::Stamp>,
}

static READ_MORE: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = READ_MORE_PREFIXES
        .iter()
        .map(|p| regex::escape(p).replace(' ', r"\s+"))
        .collect();
    Regex::new(&format!(r"(?i)^(?:{})\s*[:：]\s*(.+)$", alts.join("|"))).expect("static regex")
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|photo|image|photograph)\b").expect("static regex")
});
/// Picture credits: "Photo: …", "Image copyright …", "… /Getty Images".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:photo|image|picture|photograph|foto|credit)s?\s*(?:by\b|:|copyright\b|credit\b)|getty images|shutterstock|\bap photo\b|/(?:ap|afp|reuters|epa)\)?$",
    )
    .expect("static regex")
});
static COUNT_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\(\d{1,5}\)$").expect("static regex"));
static TAG_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:tags|topics|keywords|related tags|related topics|filed under|in this article)\s*[:：]?\s*",
    )
    .expect("static regex")
});
static CHROME_PHRASES: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    CHROME
        .iter()
        .map(|p| p.split(' ').collect::<Vec<_>>())
        .collect()
});

/// Fold runs of spaces and drop invisible characters.
fn fold_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            pending = true;
            continue;
        }
        if pending && !out.is_empty() {
            out.push(' ');
        }
        pending = false;
        out.push(c);
    }
    out
}

/// Lower-case word tokens, split at camel-case and letter/digit joins
/// ("standardsDiscussion" → "standards", "discussion"): flattening glues
/// adjacent widgets together.
fn chrome_tokens(s: &str) -> Vec<String> {
    split_tokens(s, true)
}

/// Lower-case word tokens; `camel` also splits at case and digit joins.
fn split_tokens(s: &str, camel: bool) -> Vec<String> {
    let mut toks = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if let Some(p) = prev
                && camel
                && ((p.is_lowercase() && c.is_uppercase())
                    || (p.is_alphabetic() && c.is_numeric())
                    || (p.is_numeric() && c.is_alphabetic()))
                && !cur.is_empty()
            {
                toks.push(std::mem::take(&mut cur));
            }
            cur.extend(c.to_lowercase());
            prev = Some(c);
        } else {
            if !cur.is_empty() {
                toks.push(std::mem::take(&mut cur));
            }
            prev = None;
        }
    }
    if !cur.is_empty() {
        toks.push(cur);
    }
    toks
}

/// True when the words of `norm` segment wholly into chrome phrases and filler,
/// with at least one chrome phrase; or when the line is a cookie, copyright or
/// call-to-action notice.
fn is_chrome(norm: &str) -> bool {
    let lower = norm.to_lowercase();
    if lower.starts_with('©') || lower.starts_with("copyright") || lower.starts_with("(c) ") {
        return norm.len() <= CHROME_SENTENCE_MAX_CHARS;
    }
    let head = if norm.len() <= CHROME_SENTENCE_MAX_CHARS {
        lower.as_str()
    } else {
        let mut cut = CHROME_SENTENCE_HEAD.min(lower.len());
        while !lower.is_char_boundary(cut) {
            cut -= 1;
        }
        &lower[..cut]
    };
    if CHROME_SENTENCES.iter().any(|p| head.contains(p)) {
        return true;
    }
    // Chrome words written as a sentence ("Instagram and Facebook.") are prose;
    // an exclamation ("Copied!") is still a widget.
    if (ends_sentence(norm) && !norm.ends_with('!')) || norm.len() > CHROME_MAX_BYTES {
        return false;
    }
    let colon = norm.ends_with(':');
    chrome_words(&split_tokens(norm, false), colon) || chrome_words(&chrome_tokens(norm), colon)
}

/// True when `toks` segment wholly into chrome phrases and filler, with at
/// least one chrome phrase; or, for a heading ending in a colon, when they
/// open with a chrome phrase.
fn chrome_words(toks: &[String], ends_colon: bool) -> bool {
    if toks.is_empty() || toks.len() > CHROME_MAX_WORDS * 2 {
        return false;
    }
    // A heading that opens with a chrome phrase ("Related coverage from …:",
    // "Share this:").
    if ends_colon
        && toks.len() <= CHROME_MAX_WORDS
        && CHROME_PHRASES
            .iter()
            .any(|p| toks.len() >= p.len() && toks[..p.len()].iter().zip(p).all(|(a, b)| a == b))
    {
        return true;
    }
    // best[i]: can toks[..i] be segmented, and with a chrome phrase?
    let n = toks.len();
    let mut ok = vec![None::<bool>; n + 1];
    ok[0] = Some(false);
    for i in 0..n {
        let Some(had) = ok[i] else { continue };
        let t = toks[i].as_str();
        if FILLER.contains(&t) || t.chars().all(|c| c.is_numeric()) {
            ok[i + 1] = Some(ok[i + 1].unwrap_or(false) || had);
        }
        for p in CHROME_PHRASES.iter() {
            if i + p.len() <= n && toks[i..i + p.len()].iter().zip(p).all(|(a, b)| a == b) {
                ok[i + p.len()] = Some(true);
            }
        }
    }
    ok[n] == Some(true) && n <= CHROME_MAX_WORDS
}

/// True when a line is an end-of-article marker: chrome naming the comment
/// section or post navigation, or a "Next post: …" link.
fn end_marker(norm: &str, chrome: bool) -> u8 {
    if norm.len() > CHROME_MAX_BYTES {
        return 0;
    }
    let toks = chrome_tokens(norm);
    let has = |p: &str| {
        let pw: Vec<&str> = p.split(' ').collect();
        toks.windows(pw.len())
            .any(|w| w.iter().zip(&pw).all(|(a, b)| a == b))
    };
    let labelled = norm.split_once(':').is_some_and(|(head, _)| {
        let h = head.to_lowercase();
        END_MARKERS.iter().any(|m| h.trim() == *m)
    });
    let heading = chrome && toks.len() <= CHROME_MAX_WORDS;
    if (heading && END_MARKERS.iter().any(|m| has(m))) || labelled {
        2
    } else if (heading && RELATED_MARKERS.iter().any(|m| has(m)))
        || (toks.first().is_some_and(|t| t == "more")
            && toks.len() <= MORE_HEADING_WORDS
            && !ends_sentence(norm)
            && caps_ratio(norm).0 >= HEADLINE_CAPS_RATIO)
    {
        // "More from <Site>", "More <Section>": a listing follows.
        1
    } else {
        0
    }
}

/// Ends with sentence-final punctuation (closing quotes and brackets looked
/// through); an ellipsis (a cut teaser) does not count.
fn ends_sentence(norm: &str) -> bool {
    let t = norm.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '›', '*']);
    if t.ends_with("...") || t.ends_with('…') {
        return false;
    }
    t.ends_with(['.', '!', '?', '。', '！', '？', '؟', '।'])
}

/// True when a long line has the inner punctuation of prose (commas, stops)
/// rather than being a bare word list (a tag cloud, a dropdown menu).
fn punctuated(norm: &str, weight: f64) -> bool {
    let marks = norm
        .chars()
        .filter(|c| matches!(c, ',' | '.' | ';' | '，' | '、' | '。' | '!' | '?'))
        .count();
    marks as f64 >= weight / WORDS_PER_MARK
}

/// Share of capitalised words among content words (small words skipped), and
/// the number of content words.
fn caps_ratio(norm: &str) -> (f64, usize) {
    let (mut content, mut caps) = (0usize, 0usize);
    for w in norm.split_whitespace() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(c) = w.chars().next() else { continue };
        if !c.is_alphabetic() {
            continue;
        }
        let lw = w
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if SMALL_WORDS.contains(&lw.as_str()) {
            continue;
        }
        content += 1;
        if c.is_uppercase() {
            caps += 1;
        }
    }
    if content == 0 {
        (0.0, 0)
    } else {
        (caps as f64 / content as f64, content)
    }
}

/// A paragraph being gathered: first and last source line, source ranges,
/// folded text.
type Group = (usize, usize, Vec<(usize, usize)>, String);

/// The non-empty lines of `src`, hard-wrapped lines joined: a line without
/// sentence-final punctuation followed directly by one starting in lower case
/// continues the same paragraph.
fn split_lines(src: &str) -> Vec<Line> {
    let mut raw: Vec<(usize, usize, usize, String)> = Vec::new();
    let mut pos = 0;
    for (lineno, text) in src.split_inclusive('\n').enumerate() {
        let line_start = pos;
        pos += text.len();
        let lead = text.len() - text.trim_start_matches(is_space).len();
        let body = text.trim_matches(is_space);
        if body.is_empty() {
            continue;
        }
        let start = line_start + lead;
        raw.push((lineno, start, start + body.len(), fold_spaces(body)));
    }
    let mut out: Vec<Line> = Vec::new();
    let mut group: Option<Group> = None;
    for (lineno, start, end, norm) in raw {
        if let Some((_, last, parts, gnorm)) = &mut group {
            let continues = *last + 1 == lineno
                && !ends_sentence(gnorm)
                && !gnorm.ends_with([':', '.', '!', '?', '…'])
                && gnorm.split_whitespace().count() >= WRAP_MIN_WORDS
                && caps_ratio(gnorm).0 < HEADLINE_CAPS_RATIO
                && norm.chars().next().is_some_and(char::is_lowercase);
            if continues {
                *last = lineno;
                parts.push((start, end));
                gnorm.push(' ');
                gnorm.push_str(&norm);
                continue;
            }
        }
        if let Some((first, last, parts, gnorm)) = group.take() {
            out.push(make_line(first, last, parts, gnorm));
        }
        group = Some((lineno, lineno, vec![(start, end)], norm));
    }
    if let Some((first, last, parts, gnorm)) = group.take() {
        out.push(make_line(first, last, parts, gnorm));
    }
    out
}

fn make_line(first: usize, last: usize, parts: Vec<(usize, usize)>, norm: String) -> Line {
    let words = norm.split_whitespace().count();
    let chars = norm.chars().filter(|c| !c.is_whitespace()).count();
    let weight = (words as f64).max(chars as f64 / CHARS_PER_WORD);
    let sentence_end = ends_sentence(&norm);
    let (ratio, content) = caps_ratio(&norm);
    let headline = content >= 1 && ratio >= HEADLINE_CAPS_RATIO;
    let credit = norm.len() <= CREDIT_MAX_BYTES && CREDIT.is_match(&norm);
    let chrome = is_chrome(&norm) || credit;
    let end_marker = end_marker(&norm, chrome);
    let read_more = READ_MORE
        .captures(&norm)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_string())
        .filter(|t| t.split_whitespace().count() >= 2);
    let stamp = stamp::parse(&norm).filter(|s| s.other_words <= 4 || s.labelled || s.updated);
    let short = !sentence_end && weight < LONG_LINE_WORDS;
    Line {
        parts,
        first,
        last,
        norm,
        words,
        weight,
        sentence_end,
        headline,
        chrome,
        credit,
        end_marker,
        short,
        read_more,
        stamp,
    }
}

/// Tags of a tag line: a comma list of short names without sentence
/// punctuation ("a, B C, D"), or a list after a "Tags:" label.
fn tag_list(norm: &str) -> Option<Vec<String>> {
    let (body, labelled) = match TAG_PREFIX.find(norm) {
        Some(m) if m.end() < norm.len() => (&norm[m.end()..], true),
        _ => (norm, false),
    };
    if ends_sentence(body)
        || body.len() > 300
        || BYLINE.is_match(body)
        || body.chars().filter(char::is_ascii_digit).count() > TAG_MAX_DIGITS
    {
        return None;
    }
    let sep = if body.contains(',') {
        ','
    } else if body.contains(';') {
        ';'
    } else if body.contains('|') {
        '|'
    } else if body.contains('·') {
        '·'
    } else {
        return None;
    };
    let items: Vec<String> = body
        .split(sep)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let min = if labelled { 1 } else { TAG_MIN_ITEMS };
    let ok = items.len() >= min
        && items.iter().all(|t| {
            let w = t.split_whitespace().count();
            let first = t.split_whitespace().next().unwrap_or("").to_lowercase();
            w <= TAG_MAX_WORDS
                && t.chars().count() <= 40
                && !SMALL_WORDS.contains(&first.as_str())
                && !t.contains(':')
                && !is_chrome(t)
                && !t.ends_with(['.', '!', '?', ':'])
        });
    ok.then_some(items)
}

/// True when the line is a related-story headline: title-cased, a few words,
/// no full stop at the end.
fn is_related_headline(l: &Line) -> bool {
    l.headline
        && l.words >= 3
        && l.words <= HEADLINE_MAX_WORDS
        && !l.norm.ends_with('.')
        && !l.chrome
        && l.stamp.is_none()
}

/// The kicker label of a line: short, no sentence punctuation; the "(N)"
/// story count dropped.
fn series_label(l: &Line) -> Option<(String, bool)> {
    if l.sentence_end || l.chrome || l.stamp.is_some() || l.words > SERIES_MAX_WORDS + 1 {
        return None;
    }
    let counted = COUNT_SUFFIX.is_match(&l.norm);
    let label = COUNT_SUFFIX.replace(&l.norm, "").trim().to_string();
    if label.split_whitespace().count() > SERIES_MAX_WORDS
        || !label.chars().any(char::is_alphabetic)
    {
        return None;
    }
    Some((label, counted))
}

/// Which lines make the article body (indices into `lines`), or all of them
/// for plain text.
fn body_range(lines: &[Line], repeated: &[bool], first_copy: &[usize]) -> (usize, usize, bool) {
    let n = lines.len();
    if n == 0 {
        return (0, 0, true);
    }
    // Plain text: no chrome signal at all.
    let mut nav_run = 0usize;
    let mut max_run = 0usize;
    let mut shorts = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if l.short {
            // The first line may be the headline.
            if i > 0 {
                shorts += 1;
            }
            let adjacent = i > 0 && lines[i - 1].last + 1 == l.first && lines[i - 1].short;
            nav_run = if adjacent { nav_run + 1 } else { 1 };
            max_run = max_run.max(nav_run);
        } else {
            nav_run = 0;
        }
    }
    let chrome_signal = lines
        .iter()
        .any(|l| l.chrome || l.read_more.is_some() || (l.stamp.is_some() && l.short))
        || max_run >= NAV_RUN
        || (shorts as f64) > PLAIN_MAX_SHORT_SHARE * n as f64
        || lines
            .iter()
            .rev()
            .take(3)
            .any(|l| l.short && tag_list(&l.norm).is_some());
    if !chrome_signal {
        return (0, n, true);
    }
    // Densest block: maximum-sum run of line scores.
    let base = |i: usize| -> f64 {
        let l = &lines[i];
        if l.chrome || l.read_more.is_some() || (repeated[i] && (l.short || first_copy[i] != i)) {
            CHROME_SCORE
        } else if l.sentence_end
            && (l.words >= PROSE_MIN_WORDS || l.weight >= PROSE_MIN_WORDS as f64)
        {
            l.weight
        } else if l.weight >= LONG_LINE_WORDS && punctuated(&l.norm, l.weight) {
            l.weight * LONG_LINE_FACTOR
        } else if !l.headline && l.words >= 2 {
            SHORT_PROSE_SCORE
        } else {
            SHORT_SCORE
        }
    };
    let mut scores: Vec<f64> = (0..n).map(base).collect();
    // Context (jusText): a short line between prose lines belongs to the body
    // (subheads, list items, quoted tweets).
    for i in 0..n {
        if scores[i] >= 0.0 || scores[i] == CHROME_SCORE {
            continue;
        }
        let prev = (i.saturating_sub(CONTEXT_REACH)..i)
            .rev()
            .find(|&j| scores[j] > 0.0 || scores[j] == CHROME_SCORE);
        let next = (i + 1..(i + 1 + CONTEXT_REACH).min(n))
            .find(|&j| base(j) > 0.0 || base(j) == CHROME_SCORE);
        if prev.is_some_and(|j| scores[j] > 0.0) && next.is_some_and(|j| base(j) > 0.0) {
            scores[i] = CONTEXT_SCORE;
        }
    }
    // The body ends at the first end marker (comments, post navigation) that
    // has enough prose above it.
    let mut limit = n;
    let prose_lines = |s: usize, e: usize| {
        lines[s..e]
            .iter()
            .filter(|l| l.sentence_end && l.words >= PROSE_MIN_WORDS)
            .count()
    };
    // Each marker costs a pass over the page: look at the first few only.
    let markers = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.end_marker > 0)
        .take(MAX_END_MARKERS);
    for (i, l) in markers {
        let Some((s, e, w)) = densest(&scores[..i]) else {
            continue;
        };
        if w < MIN_BODY_WEIGHT || prose_lines(s, e) < 2 {
            continue;
        }
        // A related-stories heading ends the body only when less prose follows,
        // and the article does not resume right after a few linked headlines
        // (a box inside the article). A date stamp before the next prose marks
        // a listing of teasers, not the article.
        let after = densest(&scores[i + 1..]).map_or(0.0, |x| x.2);
        let next_prose =
            (i + 1..n).find(|&j| lines[j].sentence_end && lines[j].words >= PROSE_MIN_WORDS);
        let is_prose = |j: usize| {
            lines
                .get(j)
                .is_some_and(|l| l.sentence_end && l.words >= PROSE_MIN_WORDS)
        };
        // Teasers are single paragraphs between headlines; the article
        // resumes with paragraph after paragraph.
        let resumes = next_prose.is_some_and(|j| {
            j - i <= RESUME_WITHIN
                && lines[i + 1..j].iter().all(|l| l.stamp.is_none())
                && is_prose(j + 1)
        });
        if l.end_marker == 2 || (after <= w && !resumes) {
            limit = i;
            break;
        }
    }
    match densest(&scores[..limit]) {
        Some((s, e, _)) => (s, e, false),
        None => (0, 0, false),
    }
}

/// The maximum-sum run of `scores`: (start, end, sum), `None` when no run has a
/// positive sum.
fn densest(scores: &[f64]) -> Option<(usize, usize, f64)> {
    let (mut best, mut best_range) = (0.0, None);
    let (mut cur, mut cur_start) = (0.0, 0);
    for (i, &s) in scores.iter().enumerate() {
        if cur <= 0.0 {
            cur = 0.0;
            cur_start = i;
        }
        cur += s;
        if cur > best {
            best = cur;
            best_range = Some((cur_start, i + 1));
        }
    }
    best_range.map(|(s, e)| (s, e, best))
}

/// Append one line to the builder, folding odd spaces.
fn push_line(b: &mut AlignedBuilder, src: &str, start: usize, end: usize) {
    let Some(s) = src.get(start..end) else { return };
    let mut run = 0; // start of the pending verbatim run (relative)
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_space(c) {
            continue;
        }
        b.push_source(&s[run..i], start + run);
        let mut j = i + c.len_utf8();
        let mut any_space = c.is_whitespace();
        while let Some(&(k, d)) = it.peek() {
            if !is_space(d) {
                break;
            }
            any_space |= d.is_whitespace();
            j = k + d.len_utf8();
            it.next();
        }
        if any_space {
            if &s[i..j] == " " {
                b.push_source(" ", start + i);
            } else {
                b.push_replacement(" ", start + i..start + j);
            }
        }
        run = j;
    }
    b.push_source(&s[run..], start + run);
}

/// Extract the article of a decoded plain or flattened text.
pub(crate) fn extract(src: &str) -> Document {
    let mut lines = split_lines(src);
    let n = lines.len();
    // A short line set right above a picture credit is its caption.
    for i in 1..n {
        if lines[i].credit
            && lines[i - 1].last + 1 == lines[i].first
            && lines[i - 1].words <= CAPTION_MAX_WORDS
        {
            lines[i - 1].chrome = true;
        }
    }
    // A line repeated far away on the page (menus printed twice, the kicker
    // above and below the body) is chrome; repeats close together are lists.
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        positions.entry(l.norm.as_str()).or_default().push(i);
    }
    let repeated: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            positions
                .get(l.norm.as_str())
                .is_some_and(|ps| ps.iter().any(|&j| j.abs_diff(i) > REPEAT_DISTANCE))
        })
        .collect();
    let first_copy: Vec<usize> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            positions
                .get(l.norm.as_str())
                .and_then(|ps| ps.first().copied())
                .unwrap_or(i)
        })
        .collect();
    let (rs, re, plain) = body_range(&lines, &repeated, &first_copy);

    let mut meta = quotewire_doc::Metadata::default();
    let mut keep = vec![false; n];
    if plain {
        keep.iter_mut().for_each(|k| *k = true);
        if let Some(first) = lines.first()
            && n > 1
            && first.short
            && first.words <= HEADLINE_MAX_WORDS
        {
            meta.title = Some(first.norm.clone());
        }
    } else {
        // Series (kicker): a short label above the body with a "(N)" count, or
        // repeated on both sides of the body.
        let header = rs.saturating_sub(HEADER_WINDOW)..rs;
        let labels: Vec<Option<(String, bool)>> = lines.iter().map(series_label).collect();
        let mut series: Option<String> = None;
        for i in header.clone().rev() {
            let Some((label, counted)) = labels[i].clone() else {
                continue;
            };
            // Without a count, the label must recur after the body and sit
            // right above the headline, as kickers do.
            let repeated_after = labels[re..]
                .iter()
                .any(|x| x.as_ref().is_some_and(|(x, _)| *x == label));
            let above_headline = lines[i + 1..rs].iter().take(KICKER_REACH).any(|l| {
                !l.chrome
                    && l.stamp.is_none()
                    && l.headline
                    && l.words >= 3
                    && l.words <= HEADLINE_MAX_WORDS
                    && !l.sentence_end
            });
            if (counted || (repeated_after && above_headline))
                && label.split_whitespace().count() >= 2
            {
                series = Some(label);
                break;
            }
        }
        let is_series = |l: &Line| {
            series
                .as_deref()
                .is_some_and(|s| series_label(l).is_some_and(|(x, _)| x == s))
        };
        // Title: nearest headline above the body, preferring one that the
        // page's first line (its <title>) repeats.
        let first_line = lines.first().map(|l| l.norm.as_str()).unwrap_or("");
        let candidate = |i: usize| {
            let l = &lines[i];
            !l.chrome
                && l.stamp.is_none()
                && !is_series(l)
                && l.read_more.is_none()
                && l.words >= 3
                && l.words <= HEADLINE_MAX_WORDS
                && !l.norm.ends_with('.')
                && !BYLINE.is_match(&l.norm)
        };
        let title = header
            .clone()
            .rev()
            .find(|&i| i > 0 && candidate(i) && first_line.contains(lines[i].norm.as_str()))
            .or_else(|| {
                header
                    .clone()
                    .rev()
                    .find(|&i| candidate(i) && lines[i].headline && lines[i].words >= 4)
            });
        meta.title = title.map(|i| lines[i].norm.clone());
        meta.series = series.clone();

        let outside: std::collections::HashSet<&str> = lines[..rs]
            .iter()
            .chain(&lines[re..])
            .map(|l| l.norm.as_str())
            .collect();
        for (i, l) in lines.iter().enumerate().take(re).skip(rs) {
            keep[i] = !(l.chrome
                || l.read_more.is_some()
                || (l.stamp.is_some() && l.short)
                || (repeated[i] && l.short && outside.contains(l.norm.as_str()))
                || (repeated[i] && first_copy[i] != i)
                || is_series(l)
                || (l.short && meta.title.as_deref() == Some(l.norm.as_str())));
        }
        // Tags: the first tag line just after the body.
        for l in lines[re..].iter().take(TAG_WINDOW) {
            if l.short
                && !l.chrome
                && l.stamp.is_none()
                && let Some(tags) = tag_list(&l.norm)
            {
                meta.tags = tags;
                break;
            }
        }
        // Related: READ MORE lines anywhere, then the first run of title-cased
        // headlines after the body.
        for l in &lines {
            if let Some(t) = &l.read_more {
                meta.related.push(Related {
                    title: t.clone(),
                    url: None,
                });
            }
        }
        let mut run: Vec<&Line> = Vec::new();
        for l in &lines[re..] {
            if is_series(l) || (run.is_empty() && l.chrome) {
                continue;
            }
            if is_related_headline(l) && tag_list(&l.norm).is_none() {
                run.push(l);
            } else if run.len() >= 2 {
                break;
            } else {
                run.clear();
            }
        }
        if run.len() >= 2 {
            for l in run {
                if !meta.related.iter().any(|r| r.title == l.norm) {
                    meta.related.push(Related {
                        title: l.norm.clone(),
                        url: None,
                    });
                }
            }
        }
    }
    // Published / updated: the stamp nearest above the body, else the first.
    let stamps: Vec<(usize, &stamp::Stamp)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.stamp.as_ref().filter(|_| l.short).map(|s| (i, s)))
        .collect();
    let published = stamps
        .iter()
        .filter(|(i, s)| !s.updated && *i < rs.max(1))
        .max_by_key(|(i, s)| (s.labelled, *i))
        .or_else(|| stamps.iter().find(|(_, s)| !s.updated));
    meta.published = published.map(|(_, s)| s.iso.clone());
    meta.updated = stamps
        .iter()
        .find(|(_, s)| s.updated)
        .map(|(_, s)| s.iso.clone());

    // Build the text: about as long as its source (lines joined, blank
    // lines dropped), so room for that at once
    let mut b = AlignedBuilder::with_capacity(src.len());
    let mut para_starts = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        if !b.is_empty() {
            b.push_synthetic("\n\n");
        }
        para_starts.push(b.text().len());
        for (k, &(start, end)) in l.parts.iter().enumerate() {
            if k > 0 {
                b.push_synthetic(" ");
            }
            push_line(&mut b, src, start, end);
        }
    }
    let (text, al) = b.finish();
    meta.dateline = para_starts
        .iter()
        .take(2)
        .find_map(|&p| crate::dateline::parse(&text, p));
    let mut doc = Document::new("", text, al);
    doc.meta = meta;
    doc
}

#[cfg(test)]
mod tests;
