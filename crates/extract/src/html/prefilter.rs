//! A byte-level pass before parsing that cuts what is never text: the bodies
//! of `<script>` (JSON-LD excepted), `<style>` and `<svg>` elements, and
//! comments. On news pages these are about 60% of the bytes, and html5ever's
//! tokenizer reads every one of them char by char; cutting them first halves
//! the parse. The element tags stay, so the DOM keeps its shape.
//!
//! Raw-text rules follow the HTML Living Standard: a `<script>`/`<style>`
//! body ends at the first `</script`/`</style` (any case); a comment at the
//! first `-->`.

use memchr::{memchr, memmem};

/// Elements whose bodies are cut (none of them holds article text; the
/// article text that `<noscript>` sometimes repeats is shown elsewhere too).
const RAW_TAGS: [&str; 7] = [
    "script", "style", "svg", "noscript", "template", "iframe", "textarea",
];

/// The page without script/style/svg bodies and comments, and the cuts
/// made: `(offset in the output, bytes removed there)`, in order.
pub(crate) fn strip(src: &str) -> (String, Vec<(usize, usize)>) {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len() / 2);
    let mut cuts = Vec::new();
    let mut copied = 0; // src bytes copied or cut so far
    let mut i = 0;
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
        let tag = RAW_TAGS.into_iter().find(|t| {
            starts_with_ci(rest, t.as_bytes())
                && rest
                    .get(t.len())
                    .is_some_and(|c| !c.is_ascii_alphanumeric())
        });
        let Some(tag) = tag else {
            i = lt + 1;
            continue;
        };
        let Some(gt) = memchr(b'>', &b[lt..]).map(|g| lt + g) else {
            break;
        };
        let open = &b[lt..gt];
        if tag == "script" && contains_ci(open, b"ld+json") {
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
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn to_original(cuts: &[(usize, usize)], pos: usize) -> usize {
    let mut shift = 0;
    for &(at, len) in cuts {
        if at > pos {
            break;
        }
        shift += len;
    }
    pos + shift
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
}
