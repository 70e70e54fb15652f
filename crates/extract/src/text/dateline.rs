//! Datelines at the start of the first body paragraph, in the wire-service
//! style (AP Stylebook, Reuters): an upper-case place, optionally a region
//! and a date, optionally the agency in parentheses, then a dash.
//!
//! "MOSCOW (Sputnik) -", "WASHINGTON (Reuters) —", "LONDON, Dec 20 (Reuters) -",
//! "PARIS —", "BEIRUT, Lebanon (AP) —".

use quotewire_doc::{Dateline, Span};
use regex::Regex;
use std::sync::LazyLock;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>\p{Lu}[\p{Lu}.'’\-]+(?:\s+\p{Lu}[\p{Lu}.'’\-]+){0,3})(?:,\s*\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+){0,2})?(?:,\s*\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?\s*(?:\((?P<source>[^()\n]{1,40})\))?\s*[-–—]+",
    )
    .expect("static regex")
});

/// Title case of an upper-case place name ("NEW YORK" → "New York").
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for ch in s.chars() {
        if ch.is_alphabetic() {
            if start {
                out.push(ch);
            } else {
                out.extend(ch.to_lowercase());
            }
            start = false;
        } else {
            out.push(ch);
            start = ch.is_whitespace() || ch == '-';
        }
    }
    out
}

/// Parse a dateline at `text[start..]` (the start of the first body
/// paragraph). The span covers the dateline up to and including its dash.
pub(super) fn parse(text: &str, start: usize) -> Option<Dateline> {
    let para = text.get(start..)?;
    let c = DATELINE.captures(para)?;
    let place = c.name("place")?.as_str();
    // An agency name alone without a place is no dateline ("AP —" is a source,
    // but one letter or a lone abbreviation with dots is not a place).
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let whole = c.get(0)?;
    // What follows the dash must be the sentence, not the end of the paragraph.
    let after = para[whole.end()..].trim_start_matches([' ']);
    if after.is_empty() || after.starts_with('\n') {
        return None;
    }
    let source = c.name("source").map(|s| s.as_str().trim().to_string());
    Some(Dateline {
        place: title_case(place),
        source,
        span: Some(Span::new(start, start + whole.end())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(s: &str) -> Option<(String, Option<String>, String)> {
        parse(s, 0).map(|d| {
            let span = d.span.unwrap();
            (d.place, d.source, s[span.start..span.end].to_string())
        })
    }

    #[test]
    fn wire_styles() {
        assert_eq!(
            dl("MOSCOW (Sputnik) - Russia said."),
            Some((
                "Moscow".into(),
                Some("Sputnik".into()),
                "MOSCOW (Sputnik) -".into()
            ))
        );
        assert_eq!(
            dl("WASHINGTON (Reuters) — The court ruled.").unwrap().1,
            Some("Reuters".into())
        );
        let l = dl("LONDON, Dec 20 (Reuters) - Shares fell.").unwrap();
        assert_eq!((l.0.as_str(), l.1.as_deref()), ("London", Some("Reuters")));
        assert_eq!(l.2, "LONDON, Dec 20 (Reuters) -");
        assert_eq!(dl("PARIS — The mayor spoke.").unwrap().0, "Paris");
        let b = dl("BEIRUT, Lebanon (AP) — Protests grew.").unwrap();
        assert_eq!((b.0.as_str(), b.1.as_deref()), ("Beirut", Some("AP")));
        assert_eq!(dl("NEW YORK (AP) — x").unwrap().0, "New York");
    }

    #[test]
    fn not_datelines() {
        assert!(dl("Putin — the president — said.").is_none());
        assert!(dl("The mayor spoke.").is_none());
        assert!(dl("US - Russia talks").is_none());
    }
}
