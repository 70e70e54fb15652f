//! Bytes to text: BOM, declared charset, `<meta charset>`, else UTF-8, else
//! a charset detected from the bytes (chardetng) when they are not valid UTF-8.

use encoding_rs::Encoding;

/// Decode raw bytes to a `String`.
///
/// Order: a byte-order mark; `charset` (from HTTP headers); for HTML a
/// `<meta charset>` / `http-equiv` declaration in the first 4 KB; else UTF-8
/// when the bytes are valid UTF-8, else the encoding chardetng detects
/// (windows-1252, the WHATWG default, when nothing stands out). A UTF-8
/// declaration the bytes contradict is ignored (detection decides).
/// Malformed sequences become U+FFFD; never fails.
pub fn decode(bytes: &[u8], charset: Option<&str>, html: bool) -> String {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let declared = charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| if html { meta_charset(bytes) } else { None });
    // Validated once (the common case: UTF-8 pages) and reused below.
    let valid = std::str::from_utf8(bytes).ok();
    // A page declaring UTF-8 whose bytes are mostly not UTF-8 is mislabelled:
    // guess from the bytes as if nothing were declared (below).
    let declared =
        declared.filter(|&e| e != encoding_rs::UTF_8 || valid.is_some() || mostly_utf8(bytes));
    if let Some(enc) = declared {
        // A page declaring latin-1 but written in UTF-8 is common; trust valid UTF-8.
        if let Some(s) = valid
            && (enc == encoding_rs::UTF_8 || !bytes.is_ascii())
        {
            return s.to_string();
        }
        return enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    match valid {
        Some(s) => s.to_string(),
        None => {
            // Undeclared and not UTF-8: guess from the bytes (chardetng, the
            // detector Firefox uses; windows-1252 when it has no better idea).
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Deny)
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        }
    }
}

/// True when `bytes` are UTF-8 but for a few bad sequences: at least as many
/// valid multi-byte characters as invalid sequences (a UTF-8 page with a
/// stray latin-1 byte stays UTF-8; a latin-1 page has no valid multi-byte
/// characters to speak of).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut wide, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    wide >= bad
}

fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut i = 0;
    while let Some(p) = find(&lower[i..], b"charset=") {
        let start = i + p + 8;
        let rest = &lower[start..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                },
            );
        }
        i = start;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_declared_and_fallback_charsets() {
        assert_eq!(decode(b"caf\xe9", None, false), "café");
        assert_eq!(decode("café".as_bytes(), None, false), "café");
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8</body>";
        assert!(decode(page, None, true).contains("При"));
        assert_eq!(decode(b"\xef\xbb\xbfhi", None, false), "hi");
        // Undeclared windows-1251 Russian is detected, not read as latin-1.
        let ru = encoding_rs::WINDOWS_1251
            .encode("Президент России заявил журналистам в понедельник")
            .0;
        assert!(decode(&ru, None, false).contains("Президент"));
    }

    #[test]
    fn a_utf8_label_the_bytes_contradict_is_ignored() {
        let fr = encoding_rs::WINDOWS_1252
            .encode("Le maire a déclaré lundi que le pont rouvrirait en mai, a-t-elle précisé.")
            .0;
        let mut page = b"<html><head><meta charset=\"utf-8\"></head><body>".to_vec();
        page.extend_from_slice(&fr);
        let got = decode(&page, None, true);
        assert!(
            got.contains("déclaré") && !got.contains('\u{fffd}'),
            "{got}"
        );
        assert!(decode(&fr, Some("utf-8"), false).contains("précisé"));
        // a valid UTF-8 page keeps its label, and so does one with a stray bad byte
        assert_eq!(decode("déjà".as_bytes(), Some("utf-8"), false), "déjà");
        let stray = b"So sch\xc3\xb6n, s\xc3\xbc\xc3\x9f und gr\xc3\xbcn \xfc.";
        assert!(decode(stray, Some("utf-8"), false).starts_with("So schön, süß"));
    }
}
