//! Recognising a file by its first bytes.
//!
//! Order of the checks (content first, the file name only breaks ties):
//! gzip magic (RFC 1952 §2.3.1: `1f 8b`), the `WARC/` version line that opens
//! every WARC record (ISO 28500:2017 §5.1), HTML markup (the WHATWG MIME
//! sniffing standard's "HTML" tag list, §7.1), binary content (NUL bytes or a
//! high share of control characters), else text.

/// How many leading bytes the sniffers look at.
pub(crate) const SNIFF_LEN: usize = 4096;

/// Opening tags that identify HTML when a document starts with them (after
/// whitespace, a BOM or comments). From the WHATWG MIME Sniffing Standard §7.1,
/// plus common body-level tags seen at the start of HTML fragments.
const HTML_START_TAGS: &[&str] = &[
    "!doctype html",
    "html",
    "head",
    "body",
    "script",
    "iframe",
    "h1",
    "h2",
    "h3",
    "div",
    "font",
    "table",
    "a",
    "style",
    "title",
    "b",
    "br",
    "p",
    "!--",
    "meta",
    "link",
    "article",
    "section",
    "main",
    "header",
    "nav",
    "span",
    "ul",
];

/// Markers that identify HTML anywhere in the first [`SNIFF_LEN`] bytes
/// (pages with leading junk before the markup).
const HTML_ANYWHERE: &[&str] = &["<!doctype html", "<html", "<body", "<head>", "<head "];

/// Share of control bytes (other than tab, LF, CR, FF, ESC) above which
/// content counts as binary.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// gzip-compressed (look again after decompressing).
    Gzip,
    /// A WARC archive.
    Warc,
    /// An HTML page.
    Html,
    /// Plain or flattened text.
    Text,
    /// Not a document (images, executables, archives other than gzip).
    Binary,
    /// Nothing at all.
    Empty,
}

/// Classify a file by its leading bytes.
pub(crate) fn sniff(head: &[u8]) -> Kind {
    if head.is_empty() {
        return Kind::Empty;
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Kind::Gzip;
    }
    let body = skip_bom_and_space(head);
    if body.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    if looks_like_html(head) {
        return Kind::Html;
    }
    if is_binary(head) {
        return Kind::Binary;
    }
    Kind::Text
}

/// True when `head` (the first bytes of a document) is HTML markup.
pub(crate) fn looks_like_html(head: &[u8]) -> bool {
    let body = skip_bom_and_space(head);
    if let Some(rest) = body.strip_prefix(b"<") {
        let lower: Vec<u8> = rest
            .iter()
            .take(16)
            .map(|b| b.to_ascii_lowercase())
            .collect();
        for tag in HTML_START_TAGS {
            if let Some(after) = lower.strip_prefix(tag.as_bytes()) {
                // the tag name must end here: "<b>" yes, "<bogus" no
                let ends = match after.first() {
                    None => true,
                    Some(c) => {
                        tag.starts_with('!')
                            || matches!(c, b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r')
                    }
                };
                if ends {
                    return true;
                }
            }
        }
    }
    let n = head.len().min(SNIFF_LEN);
    let lower: Vec<u8> = head[..n].iter().map(|b| b.to_ascii_lowercase()).collect();
    HTML_ANYWHERE
        .iter()
        .any(|m| find(&lower, m.as_bytes()).is_some())
}

/// True when the bytes are not text in any encoding quotewire decodes:
/// NUL bytes (outside UTF-16 with a BOM), or many control characters.
pub(crate) fn is_binary(head: &[u8]) -> bool {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false; // UTF-16 with a byte-order mark
    }
    let n = head.len().min(SNIFF_LEN);
    let head = &head[..n];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    n > 0 && control as f64 / n as f64 > MAX_CONTROL_SHARE
}

fn skip_bom_and_space(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(b);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    &b[start..]
}

/// First position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_kind() {
        assert_eq!(sniff(b""), Kind::Empty);
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Kind::Gzip);
        assert_eq!(sniff(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n"), Kind::Warc);
        assert_eq!(sniff(b"\n<!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff(b"\xef\xbb\xbf<html lang=en>"), Kind::Html);
        assert_eq!(sniff(b"<p>Hello</p>"), Kind::Html);
        assert_eq!(sniff(b"junk line\n<html><body>x"), Kind::Html);
        assert_eq!(sniff(b"MOSCOW (Sputnik) - The president said."), Kind::Text);
        assert_eq!(sniff(b"<bogus> is not a tag we know"), Kind::Text);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Kind::Binary);
        assert_eq!(sniff(&[1, 2, 3, 4, 5, 6, 7, 8, b'a']), Kind::Binary);
        assert_eq!(sniff(b"caf\xe9 cr\xe8me"), Kind::Text);
        assert_eq!(sniff(b"\xff\xfeh\0i\0"), Kind::Text);
    }
}
