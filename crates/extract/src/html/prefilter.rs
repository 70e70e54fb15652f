//! A byte-level pass before parsing that cuts what is never text: the bodies
//! of `<script>` (JSON-LD excepted), `<style>` and `<svg>` elements, and
//! comments. On news pages these are about 60% of the bytes, and html5ever's
//! tokenizer reads every one of them char by char; cutting them first halves
//! the parse. The element tags stay, so the DOM keeps its shape.
//!
//! Raw-text rules follow the HTML Living Standard: a `<script>`/`<style>`
//! body ends at the first `</script`/`</style` (any case); a comment at the
//! first `-->`.
//!
//! Start tags also lose the attributes no later pass reads (see
//! [`KEPT_ATTRIBUTES`]).
//!
//! Element nesting is capped at [`MAX_DEPTH`]: start tags that would open an
//! element deeper than that are cut (their text stays), and so are their end
//! tags. HTML tree construction scans the stack of open elements on every
//! start tag, so an unbounded stack makes parsing quadratic in the depth;
//! browsers bound it the same way (see [`MAX_DEPTH`]).

use memchr::{memchr, memmem};

/// Elements whose bodies are cut (none of them holds article text; the
/// article text that `<noscript>` sometimes repeats is shown elsewhere too).
const RAW_TAGS: [&str; 7] = [
    "script", "style", "svg", "noscript", "template", "iframe", "textarea",
];

/// Deepest element nesting the parser is shown. Follows Blink's HTML parser,
/// which caps the DOM tree depth it builds at 512
/// (`kMaximumHTMLParserDOMTreeDepth`, third_party/blink/renderer/core/html/
/// parser/html_construction_site.h) and puts deeper elements beside,
/// rather than inside, the 512th. Real pages stay far below it.
const MAX_DEPTH: usize = 512;

/// Elements that never deepen the stack of open elements for long: void
/// elements (HTML Living Standard §13.1.2; legacy `basefont`, `bgsound`,
/// `frame`, `keygen`, `param` and `image` included), elements whose start
/// tag closes an open one of their kind or that do not nest (`p`, `li`,
/// `dt`/`dd`, `option`, table rows and cells, `html`/`head`/`body`, whose
/// end tags pages often omit), and the raw-text elements cut above.
/// Neither their start nor their end tags count towards the depth.
const FLAT_TAGS: &[&str] = &[
    "area", "base", "basefont", "bgsound", "body", "br", "caption", "col", "colgroup", "dd", "dt",
    "embed", "frame", "head", "hr", "html", "iframe", "image", "img", "input", "keygen", "li",
    "link", "meta", "noscript", "optgroup", "option", "p", "param", "rb", "rp", "rt", "rtc",
    "script", "source", "style", "svg", "tbody", "td", "template", "textarea", "tfoot", "th",
    "thead", "tr", "track", "wbr",
];

/// Does a start or end tag named `name` (any case) move the depth count?
fn deepens(name: &[u8]) -> bool {
    let mut low = [0u8; 8];
    if name.is_empty() || name.len() > low.len() {
        return !name.is_empty();
    }
    for (l, c) in low.iter_mut().zip(name) {
        *l = c.to_ascii_lowercase();
    }
    let low = &low[..name.len()];
    FLAT_TAGS
        .binary_search_by(|t| t.as_bytes().cmp(low))
        .is_err()
}

/// The tag name starting at `from` (up to white space, `/` or `>`).
fn tag_name(b: &[u8], from: usize) -> &[u8] {
    let rest = b.get(from..).unwrap_or_default();
    let n = rest
        .iter()
        .position(|&c| is_space(c) || c == b'/' || c == b'>')
        .unwrap_or(rest.len());
    &rest[..n]
}

/// The index after the `>` closing the tag that starts at `lt`, skipping
/// quoted attribute values; `None` when the tag never closes.
fn tag_end(b: &[u8], lt: usize) -> Option<usize> {
    let mut j = lt + 1;
    let mut after_eq = false;
    while let Some(&c) = b.get(j) {
        match c {
            b'>' => return Some(j + 1),
            b'"' | b'\'' if after_eq => {
                j += 1 + memchr(c, b.get(j + 1..)?)?;
                after_eq = false;
            }
            b'=' => after_eq = true,
            c if is_space(c) => {}
            _ => after_eq = false,
        }
        j += 1;
    }
    None
}

/// The page without script/style/svg bodies and comments, and the cuts
/// made: `(offset in the output, bytes removed there)`, in order.
pub(crate) fn strip(src: &str) -> (String, Vec<(usize, usize)>) {
    strip_with(src, false)
}

/// Like [`strip`]; with `noscript`, `<noscript>` bodies are kept and the
/// element is renamed in place to a `<div>` of the same byte length
/// (`<noscript` → `<div     `), so the parser reads its contents as
/// elements, as a browser without scripts shows them. Forum engines
/// (Discourse) and single-page apps put their server-rendered content
/// there; offsets are unchanged.
pub(crate) fn strip_with(src: &str, noscript: bool) -> (String, Vec<(usize, usize)>) {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len() / 2);
    let mut cuts = Vec::new();
    let mut copied = 0; // src bytes copied or cut so far
    let mut i = 0;
    // Open elements counted so far (approximate: see `FLAT_TAGS`), and the
    // end of a JSON-LD body, inside which `<` is no tag.
    let mut depth = 0usize;
    let mut raw_until = 0;
    while let Some(p) = memchr(b'<', &b[i..]) {
        let lt = i + p;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            let body = lt + 4;
            let end = memmem::find(&b[body..], b"-->").map_or(b.len(), |e| body + e + 3);
            out.push_str(&src[copied..lt]);
            cuts.push((out.len(), end - lt));
            copied = end;
            i = end;
            continue;
        }
        // Every raw-text tag name starts with one of these letters.
        let raw_initial = rest
            .first()
            .is_some_and(|c| matches!(c.to_ascii_lowercase(), b'i' | b'n' | b's' | b't'));
        let tag = RAW_TAGS.into_iter().filter(|_| raw_initial).find(|t| {
            starts_with_ci(rest, t.as_bytes())
                && rest
                    .get(t.len())
                    .is_some_and(|c| !c.is_ascii_alphanumeric())
        });
        // `noscript`: the element's name, in a start or end tag, becomes
        // "div" and five spaces
        let name_at = lt + 1 + usize::from(rest.first() == Some(&b'/'));
        if noscript
            && starts_with_ci(&b[name_at..], b"noscript")
            && b.get(name_at + 8)
                .is_some_and(|c| !c.is_ascii_alphanumeric())
        {
            out.push_str(&src[copied..name_at]);
            out.push_str("div     ");
            copied = name_at + 8;
            i = copied;
            continue;
        }
        let Some(tag) = tag else {
            let start = rest.first().is_some_and(|c| c.is_ascii_alphabetic());
            let close = !start
                && rest.first() == Some(&b'/')
                && rest.get(1).is_some_and(|c| c.is_ascii_alphabetic());
            if (start || close) && lt >= raw_until {
                let name = tag_name(b, lt + 1 + usize::from(close));
                if deepens(name) {
                    let cut = depth >= MAX_DEPTH + usize::from(close);
                    depth = if start {
                        depth + 1
                    } else {
                        depth.saturating_sub(1)
                    };
                    if cut && let Some(end) = tag_end(b, lt) {
                        out.push_str(&src[copied..lt]);
                        cuts.push((out.len(), end - lt));
                        copied = end;
                        i = end;
                        continue;
                    }
                }
            }
            if start && let Some((end, drops)) = unused_attributes(b, lt) {
                for (a, z) in drops {
                    out.push_str(&src[copied..a]);
                    cuts.push((out.len(), z - a));
                    copied = z;
                }
                i = end;
                continue;
            }
            i = lt + 1;
            continue;
        };
        let Some(gt) = memchr(b'>', &b[lt..]).map(|g| lt + g) else {
            break;
        };
        let open = &b[lt..gt];
        if tag == "script" && contains_ci(open, b"ld+json") {
            raw_until = find_close(b, gt + 1, b"script").unwrap_or(b.len());
            i = gt + 1;
            continue;
        }
        if open.ends_with(b"/") {
            i = gt + 1;
            continue;
        }
        let body = gt + 1;
        let end = find_close(b, body, tag.as_bytes()).unwrap_or(b.len());
        out.push_str(&src[copied..body]);
        cuts.push((out.len(), end - body));
        copied = end;
        i = end;
    }
    out.push_str(&src[copied..]);
    (out, cuts)
}

/// Map an offset of the stripped text back to the original.
#[cfg(test)]
pub(crate) fn to_original(cuts: &[(usize, usize)], pos: usize) -> usize {
    CutMap::new(cuts).to_original(pos)
}

/// The cuts as a searchable map from stripped offsets to original offsets.
#[derive(Debug, Default)]
pub(crate) struct CutMap {
    /// Stripped offsets where cuts were made, ascending.
    at: Vec<usize>,
    /// Total bytes removed up to and including each cut.
    shift: Vec<usize>,
}

impl CutMap {
    /// Build from [`strip`]'s cuts.
    pub(crate) fn new(cuts: &[(usize, usize)]) -> CutMap {
        let mut m = CutMap::default();
        let mut total = 0;
        for &(at, len) in cuts {
            total += len;
            m.at.push(at);
            m.shift.push(total);
        }
        m
    }

    /// Original offset of stripped offset `pos` (O(log cuts)).
    pub(crate) fn to_original(&self, pos: usize) -> usize {
        let k = self.at.partition_point(|&a| a <= pos);
        pos + if k == 0 { 0 } else { self.shift[k - 1] }
    }
}

/// Attributes the extractor reads; every other attribute is cut before
/// parsing (`src`, `srcset`, `data-*`, event handlers... are a fifth of a
/// news page's bytes). `href` is kept on `<link>` only (canonical URL).
/// Sorted, lower case: looked up by binary search ([`is_kept`]).
const KEPT_ATTRIBUTES: &[&str] = &[
    "aria-hidden",
    "charset",
    "class",
    "content",
    "datetime",
    "hidden",
    "http-equiv",
    "id",
    "itemprop",
    "itemtype",
    "lang",
    "name",
    "property",
    "pubdate",
    "rel",
    "role",
    "style",
    "title",
    "type",
    "xml:lang",
];

/// Is `name` (any case) one of [`KEPT_ATTRIBUTES`]? (Binary search on the
/// lower-cased name: this runs for every attribute of a page.)
fn is_kept(name: &[u8]) -> bool {
    let mut low = [0u8; 16];
    if name.len() > low.len() {
        return false;
    }
    for (l, c) in low.iter_mut().zip(name) {
        *l = c.to_ascii_lowercase();
    }
    let low = &low[..name.len()];
    KEPT_ATTRIBUTES
        .binary_search_by(|a| a.as_bytes().cmp(low))
        .is_ok()
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Path fragments of links to an author's page, whose `href` the byline
/// pass reads (`byline::link_names`); other links lose theirs.
const AUTHOR_PATHS: [&[u8]; 6] = [
    b"/author",
    b"/contributor",
    b"/writer",
    b"/columnist",
    b"/journalist",
    b"/reporter",
];

/// Does a link target look like an author's page (`/author/jane-doe`)?
fn is_author_path(href: &[u8]) -> bool {
    AUTHOR_PATHS.iter().any(|p| memmem::find(href, p).is_some())
}

/// For the start tag at `lt`: the index after its `>` and the byte ranges of
/// the attributes to cut (each with the white space before it). `None` when
/// nothing is cut or the tag is not well formed enough to rewrite safely.
fn unused_attributes(b: &[u8], lt: usize) -> Option<(usize, Vec<(usize, usize)>)> {
    let mut j = lt + 1;
    while j < b.len() && !is_space(b[j]) && b[j] != b'/' && b[j] != b'>' {
        if b[j] == b'<' {
            return None;
        }
        j += 1;
    }
    let is_link = b[lt + 1..j].eq_ignore_ascii_case(b"link");
    let is_a = b[lt + 1..j].eq_ignore_ascii_case(b"a");
    let mut drops = Vec::new();
    loop {
        let before = j;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        match b.get(j) {
            None => return None,
            Some(b'>') => break,
            Some(b'/') => {
                j += 1;
                continue;
            }
            Some(_) => {}
        }
        let name_start = j;
        while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let name = &b[name_start..j];
        let mut k = j;
        while k < b.len() && is_space(b[k]) {
            k += 1;
        }
        let mut value = (k, k);
        if b.get(k) == Some(&b'=') {
            k += 1;
            while k < b.len() && is_space(b[k]) {
                k += 1;
            }
            match b.get(k) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let close = memchr(q, &b[k + 1..])?;
                    j = k + 1 + close + 1;
                    value = (k + 1, j - 1);
                }
                Some(_) => {
                    j = k;
                    while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                    value = (k, j);
                }
                None => return None,
            }
        }
        let keep = is_kept(name)
            || (name.eq_ignore_ascii_case(b"href")
                && (is_link || is_a && is_author_path(&b[value.0..value.1])));
        if !keep && !name.is_empty() {
            drops.push((before, j));
        }
        if j == name_start {
            // No progress (a stray character): leave the tag as it is.
            return None;
        }
    }
    if drops.is_empty() {
        None
    } else {
        Some((j + 1, drops))
    }
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Start of the `</tag` closing the raw-text body that starts at `from`.
fn find_close(b: &[u8], from: usize, tag: &[u8]) -> Option<usize> {
    let mut i = from;
    let finder = memmem::Finder::new(b"</");
    while let Some(p) = finder.find(&b[i..]) {
        let at = i + p;
        let rest = &b[at + 2..];
        if starts_with_ci(rest, tag)
            && rest
                .get(tag.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noscript_bodies_are_kept_as_divs_of_the_same_length() {
        let src = "<p>a</p><NoScript data-x=\"1\"><div class=\"post\">Posted text</div></noscript><p>b</p>";
        let (cut, _) = strip(src);
        assert!(!cut.contains("Posted text"), "{cut}");
        let (out, cuts) = strip_with(src, true);
        assert_eq!(
            out.len(),
            src.len() - cuts.iter().map(|c| c.1).sum::<usize>()
        );
        assert!(
            out.contains("<div      data-x=\"1\"><div class=\"post\">Posted text</div></div     >"),
            "{out}"
        );
        let t = out.find("Posted").unwrap();
        assert_eq!(&src[to_original(&cuts, t)..][..6], "Posted");
    }

    #[test]
    fn cuts_scripts_styles_comments_but_keeps_json_ld() {
        let src = "<p>a</p><SCRIPT>var x = '</p>';</Script><!-- c --><script type=\"application/ld+json\">{\"a\":1}</script><style>p{}</style><p>b</p>";
        let (out, cuts) = strip(src);
        assert_eq!(
            out,
            "<p>a</p><SCRIPT></Script><script type=\"application/ld+json\">{\"a\":1}</script><style></style><p>b</p>"
        );
        let pb = out.find("<p>b").unwrap();
        assert_eq!(&src[to_original(&cuts, pb)..], "<p>b</p>");
    }

    #[test]
    fn cuts_unused_attributes() {
        let src = "<img src=\"a.jpg\" srcset='a 1x, b 2x' class=x><a href=\"/u\" data-x=1 id=\"k\">t</a><link rel=canonical href=\"https://e.org/a\"><p>>x</p>";
        let (out, cuts) = strip(src);
        assert_eq!(
            out,
            "<img class=x><a id=\"k\">t</a><link rel=canonical href=\"https://e.org/a\"><p>>x</p>"
        );
        let t = out.find(">t<").unwrap();
        assert_eq!(
            &src[to_original(&cuts, t)..to_original(&cuts, t) + 3],
            ">t<"
        );
    }

    #[test]
    fn kept_attributes_are_sorted_lowercase_and_short() {
        assert!(KEPT_ATTRIBUTES.windows(2).all(|w| w[0] < w[1]));
        assert!(
            KEPT_ATTRIBUTES
                .iter()
                .all(|a| a.len() <= 16 && *a == a.to_lowercase())
        );
        assert!(
            RAW_TAGS
                .iter()
                .all(|t| matches!(t.as_bytes()[0], b'i' | b'n' | b's' | b't'))
        );
        assert!(is_kept(b"CLASS") && is_kept(b"xml:lang") && !is_kept(b"src"));
    }

    #[test]
    fn flat_tags_are_sorted_lowercase() {
        assert!(FLAT_TAGS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            FLAT_TAGS
                .iter()
                .all(|t| t.len() <= 8 && *t == t.to_lowercase())
        );
        assert!(!deepens(b"BR") && !deepens(b"li") && deepens(b"div") && deepens(b"o:p"));
    }

    #[test]
    fn caps_nesting_depth_keeping_text() {
        let n = MAX_DEPTH + 100;
        let src = format!(
            "<body>{}<p class=x>Hi.</p><br>{}</body>",
            "<DIV id=a>".repeat(n),
            "</div>".repeat(n)
        );
        let (out, cuts) = strip(&src);
        assert_eq!(out.matches("<DIV id=a>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        let expected = format!(
            "<body>{}<p class=x>Hi.</p><br>{}</body>",
            "<DIV id=a>".repeat(MAX_DEPTH),
            "</div>".repeat(MAX_DEPTH)
        );
        assert_eq!(out, expected);
        let hi = out.find("Hi.").unwrap();
        assert_eq!(
            &src[to_original(&cuts, hi)..to_original(&cuts, hi) + 3],
            "Hi."
        );
    }

    #[test]
    fn depth_cap_keeps_shallow_pages_and_json_ld() {
        // Unclosed `<p>`/`<li>`, void elements and JSON-LD markup never count.
        let src = format!(
            "<script type=\"application/ld+json\">{}</script>{}<ul>{}</ul><div>x</div>",
            "<div>".repeat(MAX_DEPTH + 1),
            "<p>a<br><img class=i>".repeat(MAX_DEPTH + 1),
            "<li>b".repeat(MAX_DEPTH + 1)
        );
        let (out, cuts) = strip(&src);
        assert_eq!(out, src);
        assert!(cuts.is_empty());
    }

    #[test]
    fn tag_end_skips_quoted_values() {
        let b = b"<div title=\"a>b\" class='c>d' x=y>t";
        assert_eq!(tag_end(b, 0), Some(b.len() - 1));
        assert_eq!(tag_end(b"<div a=\"x>", 0), None);
        assert_eq!(tag_end(b"<div it's>t", 0), Some(10));
    }
}
