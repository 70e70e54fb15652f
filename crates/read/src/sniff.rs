//! Recognising a file by its first bytes.
//!
//! Order of the checks (content first, the file name only breaks ties):
//! gzip magic (RFC 1952 §2.3.1: `1f 8b`), the `WARC/` version line that opens
//! every WARC record (ISO 28500:2017 §5.1), HTML markup (the WHATWG MIME
//! sniffing standard's "HTML" tag list, §7.1), binary content (a share of NUL
//! and control bytes above [`MAX_CONTROL_SHARE`]), else text. A file whose
//! name says HTML is read as HTML only if [`has_markup`] finds a tag.

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

/// Share of NUL and other control bytes (other than tab, LF, CR, FF, ESC)
/// in the first [`SNIFF_LEN`] bytes above which content counts as binary.
/// Images, executables and archives are far above it (a PNG header alone is
/// 25 %); text with a stray NUL or two is not.
const MAX_CONTROL_SHARE: f64 = 0.01;

/// Fewest control bytes that make content binary, whatever the share: a
/// single stray NUL in a short text file does not.
const MIN_CONTROL_BYTES: usize = 2;

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
    if let Some(narrow) = utf16_narrow(head) {
        // UTF-16 with a byte-order mark: HTML or text, judged on its ASCII
        return if looks_like_html(&narrow) {
            Kind::Html
        } else {
            Kind::Text
        };
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

/// True when the bytes are not text in any encoding quotewire decodes: more
/// than [`MAX_CONTROL_SHARE`] NUL or control bytes (and at least
/// [`MIN_CONTROL_BYTES`]), outside UTF-16 with a BOM.
pub(crate) fn is_binary(head: &[u8]) -> bool {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return false; // UTF-16 with a byte-order mark
    }
    let n = head.len().min(SNIFF_LEN);
    let control = head[..n]
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    control >= MIN_CONTROL_BYTES && control as f64 / n as f64 > MAX_CONTROL_SHARE
}

/// True when the first [`SNIFF_LEN`] bytes hold anything like a markup tag:
/// `<` followed by a letter, `/`, `!` or `?`. A file named `.html` without
/// any is plain text under the wrong name, and is read as text (its line and
/// paragraph breaks matter; an HTML parser would fold them).
pub(crate) fn has_markup(head: &[u8]) -> bool {
    if let Some(narrow) = utf16_narrow(head) {
        return has_markup(&narrow);
    }
    let n = head.len().min(SNIFF_LEN);
    head[..n]
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

/// The first [`SNIFF_LEN`] bytes of UTF-16 with a byte-order mark, one byte
/// per code unit: ASCII kept, anything else `?` (enough to sniff markup).
/// `None` without a UTF-16 BOM.
fn utf16_narrow(head: &[u8]) -> Option<Vec<u8>> {
    let le = if head.starts_with(&[0xff, 0xfe]) {
        true
    } else if head.starts_with(&[0xfe, 0xff]) {
        false
    } else {
        return None;
    };
    let units = head[2..head.len().min(SNIFF_LEN)].chunks_exact(2);
    Some(
        units
            .map(|u| {
                let (lo, hi) = if le { (u[0], u[1]) } else { (u[1], u[0]) };
                if hi == 0 && lo < 0x80 { lo } else { b'?' }
            })
            .collect(),
    )
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
        // UTF-16 HTML, both byte orders
        let le: Vec<u8> = "\u{feff}<html><body>hé</body></html>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(sniff(&le), Kind::Html);
        assert!(has_markup(&le));
        let be: Vec<u8> = "\u{feff}<!DOCTYPE html><p>x"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(sniff(&be), Kind::Html);
    }

    #[test]
    fn a_stray_nul_does_not_make_text_binary() {
        let mut text = b"The mayor said the bridge would open in May. ".repeat(40);
        text[100] = 0;
        assert_eq!(sniff(&text), Kind::Text);
        assert_eq!(sniff(b"Short note.\0\n"), Kind::Text);
        // many NULs still do
        let mut bin = text.clone();
        for i in (0..bin.len()).step_by(20) {
            bin[i] = 0;
        }
        assert_eq!(sniff(&bin), Kind::Binary);
    }

    #[test]
    fn markup_is_any_tag_anywhere() {
        assert!(has_markup(b"Text then <em>stress</em>."));
        assert!(has_markup(b"x</p>"));
        assert!(!has_markup(b"Plain text.\n\nA second paragraph, 3 < 4."));
    }
}
