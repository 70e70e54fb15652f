//! The HTTP message inside a WARC `response` record (RFC 9112): status line,
//! header fields, then the payload, un-chunked (RFC 9112 §7.1) and
//! decompressed (RFC 9110 §8.4) when the crawler stored it as sent.
//!
//! Common Crawl removes the transfer and content codings itself and renames
//! the headers (`X-Crawler-Transfer-Encoding`, `X-Crawler-Content-Encoding`);
//! wget keeps them. Both layouts are handled because only the plain header
//! names trigger decoding.

use crate::SkipReason;
use crate::sniff::{find, looks_like_html};
use std::io::Read;

/// Longest HTTP header section read before giving up on a record.
pub(crate) const MAX_HTTP_HEADER: usize = 256 * 1024;

/// Media types treated as HTML (WHATWG MIME Sniffing §4.6 "HTML MIME type",
/// plus XHTML).
const HTML_TYPES: &[&str] = &["text/html", "application/xhtml+xml"];

/// Media types that say nothing about the payload; it is sniffed instead.
const GENERIC_TYPES: &[&str] = &[
    "",
    "application/octet-stream",
    "unknown/unknown",
    "application/unknown",
    "*/*",
];

/// An HTML payload found in a response record.
#[derive(Debug)]
pub(crate) struct HtmlPayload {
    /// The page bytes, transfer and content codings removed.
    pub bytes: Vec<u8>,
    /// `charset` parameter of the HTTP Content-Type, when given.
    pub charset: Option<String>,
    /// Problems met on the way (a chunked body cut short...).
    pub notes: Vec<String>,
}

/// What a response record holds.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// An HTML page.
    Html(HtmlPayload),
    /// Not a page quotewire analyses.
    Skip(SkipReason),
}

/// Parse the block of a `response` record.
///
/// `cap` bounds the decompressed payload. Errors (as a message) when the
/// block is not an HTTP response at all or its header section never ends.
pub(crate) fn parse_response(mut block: Vec<u8>, cap: u64) -> Result<Outcome, String> {
    if !block.starts_with(b"HTTP/") {
        return Ok(Outcome::Skip(SkipReason::NotHttp));
    }
    let window = &block[..block.len().min(MAX_HTTP_HEADER)];
    let crlf = find(window, b"\r\n\r\n");
    // A bare `\n\n` only wins when it ends no later than the first CRLF
    // blank line, so look for it no further (not through the whole body).
    let lf_window = crlf.map_or(window, |a| &window[..(a + 4).min(window.len())]);
    let (head_end, body_start) = match (crlf, find(lf_window, b"\n\n")) {
        (Some(a), Some(b)) if b + 2 <= a + 4 => (b, b + 2),
        (Some(a), _) => (a, a + 4),
        (None, Some(b)) => (b, b + 2),
        (None, None) => {
            return Err(format!(
                "the HTTP header section does not end within {} bytes",
                window.len()
            ));
        }
    };
    let head = String::from_utf8_lossy(&block[..head_end]).into_owned();
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok());
    let mut content_type = None;
    let mut transfer = String::new();
    let mut encoding = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-type") {
            content_type = Some(value.to_string());
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            transfer = value.to_ascii_lowercase();
        } else if name.eq_ignore_ascii_case("content-encoding") {
            encoding = value.to_ascii_lowercase();
        }
    }
    match status {
        Some(s) if (200..300).contains(&s) => {}
        other => return Ok(Outcome::Skip(SkipReason::HttpStatus(other.unwrap_or(0)))),
    }
    let (media, charset) = split_content_type(content_type.as_deref().unwrap_or(""));
    let declared_html = HTML_TYPES.contains(&media.as_str());
    if !declared_html && !GENERIC_TYPES.contains(&media.as_str()) {
        return Ok(Outcome::Skip(SkipReason::NotHtml(media)));
    }
    block.drain(..body_start);
    let mut notes = Vec::new();
    let mut payload = block;
    if transfer.contains("chunked") {
        match dechunk(&payload) {
            Some((body, complete)) => {
                if !complete {
                    notes.push("the chunked HTTP body ends early".to_string());
                }
                payload = body;
            }
            None => notes.push(
                "Transfer-Encoding says chunked but the body is not; kept as sent".to_string(),
            ),
        }
    }
    for coding in encoding.split(',').map(str::trim).rev() {
        match coding {
            "" | "identity" | "none" => {}
            "gzip" | "x-gzip" | "deflate" => match decompress(&payload, coding, cap) {
                Some((body, damage)) => {
                    if let Some(e) = damage {
                        notes.push(format!(
                            "the {coding} body is damaged ({e}); kept what decoded"
                        ));
                    }
                    payload = body;
                }
                None => notes.push(format!(
                    "Content-Encoding says {coding} but the body is not; kept as sent"
                )),
            },
            other => {
                return Ok(Outcome::Skip(SkipReason::ContentEncoding(
                    other.to_string(),
                )));
            }
        }
    }
    if !declared_html && !looks_like_html(&payload) {
        return Ok(Outcome::Skip(SkipReason::NotHtml(if media.is_empty() {
            "no Content-Type".to_string()
        } else {
            media
        })));
    }
    Ok(Outcome::Html(HtmlPayload {
        bytes: payload,
        charset,
        notes,
    }))
}

/// `"text/html; charset=UTF-8"` → (`"text/html"`, `Some("UTF-8")`).
pub(crate) fn split_content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let v = v.trim().trim_matches(['"', '\'']).trim();
        (!v.is_empty()).then(|| v.to_string())
    });
    (media, charset)
}

/// Remove chunked transfer coding. `None` when the body does not start with a
/// chunk-size line; otherwise the data and whether the last chunk was seen.
fn dechunk(body: &[u8]) -> Option<(Vec<u8>, bool)> {
    let mut out = Vec::with_capacity(body.len());
    let mut pos = 0;
    let mut first = true;
    loop {
        let Some(nl) = body[pos..].iter().position(|&b| b == b'\n') else {
            return if first { None } else { Some((out, false)) };
        };
        let line = String::from_utf8_lossy(&body[pos..pos + nl]);
        let size_hex = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            return if first { None } else { Some((out, false)) };
        };
        first = false;
        pos += nl + 1;
        if size == 0 {
            return Some((out, true));
        }
        let end = pos.saturating_add(size);
        if end > body.len() {
            out.extend_from_slice(&body[pos..]);
            return Some((out, false));
        }
        out.extend_from_slice(&body[pos..end]);
        pos = end;
        // the CRLF after the chunk data
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if body[pos..].starts_with(b"\n") {
            pos += 1;
        }
    }
}

/// Undo a gzip or deflate content coding, at most `cap` bytes out.
///
/// `None` when the body is not in that coding after all; otherwise what
/// decoded, with the error that stopped decoding early, if any.
fn decompress(body: &[u8], coding: &str, cap: u64) -> Option<(Vec<u8>, Option<std::io::Error>)> {
    let reader: Box<dyn Read + '_> = if coding == "deflate" {
        // RFC 9110 says zlib-wrapped (RFC 1950 header check); many servers send raw deflate.
        let zlib = body.len() >= 2
            && body[0] & 0x0f == 8
            && u16::from_be_bytes([body[0], body[1]]).is_multiple_of(31);
        if zlib {
            Box::new(flate2::read::ZlibDecoder::new(body))
        } else {
            Box::new(flate2::read::DeflateDecoder::new(body))
        }
    } else if body.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::MultiGzDecoder::new(body))
    } else {
        return None;
    };
    let mut out = Vec::new();
    match reader.take(cap).read_to_end(&mut out) {
        Ok(_) => Some((out, None)),
        Err(_) if out.is_empty() && coding == "deflate" => None,
        Err(e) => Some((out, Some(e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn html(o: Outcome) -> HtmlPayload {
        match o {
            Outcome::Html(h) => h,
            Outcome::Skip(r) => panic!("skipped: {r}"),
        }
    }

    #[test]
    fn plain_html_response_with_charset() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\n\r\n<html>caf\xe9</html>".to_vec();
        let h = html(parse_response(block, 1 << 20).unwrap());
        assert_eq!(h.bytes, b"<html>caf\xe9</html>");
        assert_eq!(h.charset.as_deref(), Some("ISO-8859-1"));
        assert!(h.notes.is_empty());
    }

    #[test]
    fn chunked_and_gzipped_body_is_decoded() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>Hello world</p>").unwrap();
        let gz = gz.finish().unwrap();
        let (a, b) = gz.split_at(10);
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend_from_slice(format!("{:x}\r\n", a.len()).as_bytes());
        block.extend_from_slice(a);
        block.extend_from_slice(format!("\r\n{:X};ext=1\r\n", b.len()).as_bytes());
        block.extend_from_slice(b);
        block.extend_from_slice(b"\r\n0\r\n\r\n");
        let h = html(parse_response(block, 1 << 20).unwrap());
        assert_eq!(h.bytes, b"<p>Hello world</p>");
        assert!(h.notes.is_empty(), "{:?}", h.notes);
    }

    #[test]
    fn skips_by_status_type_and_coding() {
        let skip = |b: &[u8]| match parse_response(b.to_vec(), 1 << 20).unwrap() {
            Outcome::Skip(r) => r,
            Outcome::Html(_) => panic!("not skipped"),
        };
        assert_eq!(
            skip(b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<html>"),
            SkipReason::HttpStatus(301)
        );
        assert_eq!(
            skip(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"),
            SkipReason::NotHtml("image/png".into())
        );
        assert_eq!(
            skip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx"),
            SkipReason::ContentEncoding("br".into())
        );
        assert_eq!(skip(b"no http here"), SkipReason::NotHttp);
        // no Content-Type: the body decides
        assert_eq!(
            skip(b"HTTP/1.0 200 OK\n\n{\"json\": true}"),
            SkipReason::NotHtml("no Content-Type".into())
        );
        let h =
            html(parse_response(b"HTTP/1.0 200 OK\n\n<!DOCTYPE html><p>x".to_vec(), 99).unwrap());
        assert_eq!(h.bytes, b"<!DOCTYPE html><p>x");
    }

    #[test]
    fn unterminated_headers_are_an_error() {
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/h".to_vec(), 99).is_err());
    }

    #[test]
    fn lying_chunked_header_keeps_the_body() {
        let block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n<html>x</html>"
                .to_vec();
        let h = html(parse_response(block, 99).unwrap());
        assert_eq!(h.bytes, b"<html>x</html>");
        assert_eq!(h.notes.len(), 1);
    }

    #[test]
    fn content_type_parameters() {
        assert_eq!(
            split_content_type("Text/HTML;charset=utf-8"),
            ("text/html".to_string(), Some("utf-8".to_string()))
        );
        assert_eq!(split_content_type(""), (String::new(), None));
    }
}
