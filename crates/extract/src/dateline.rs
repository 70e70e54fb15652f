//! News datelines at the start of a body paragraph, in the wire-service
//! style (AP Stylebook, Reuters): "MOSCOW (Reuters) -", "WASHINGTON —",
//! "NEW YORK, Nov 19 (Reuters) -", "BEIRUT, Lebanon (AP) —", and the
//! title-case place with its agency, "Washington (CNN) —". The place is an
//! upper-case run, optionally followed by a region and a date, then the
//! agency in parentheses, then a dash and the sentence. The one dateline
//! parser of the crate: HTML pages ([`find`]) and flattened text
//! ([`parse`]) read datelines with the same rules.

use quotewire_doc::{Dateline, Span};
use regex::Regex;
use std::sync::LazyLock;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\p{Lu}[\p{Lu}\p{M} .'’-]*\p{Lu}\.?)(?:,\s*[\p{L}. ]{2,30}?)?(?:,?\s*[\p{L}]{3,9}\.? \d{1,2})?\s*(?:\(([^()]{2,40})\))?\s*[-—–]{1,2}\s+")
        .expect("static regex")
});

/// Title-case place with the agency in parentheses: "Washington (CNN) —".
static DATELINE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2})(?:,\s*[\p{L}. ]{2,30}?)?\s*\(([^()]{2,40})\)\s*[-—–]{1,2}\s+")
        .expect("static regex")
});

/// How many leading paragraphs may hold the dateline (a kicker or a stray
/// caption can come first).
const DATELINE_PARAGRAPHS: usize = 3;

/// The dateline opening one of the first paragraphs of `text`, if any; its
/// span (byte offsets into `text`) covers it through the dash.
pub(crate) fn find(text: &str) -> Option<Dateline> {
    let mut start = 0;
    for para in text.split("\n\n").take(DATELINE_PARAGRAPHS) {
        if let Some(mut d) = find_at_start(para) {
            if let Some(sp) = &mut d.span {
                *sp = Span::new(sp.start + start, sp.end + start);
            }
            return Some(d);
        }
        start += para.len() + 2;
    }
    None
}

/// Upper-case labels that open a paragraph like a dateline but are not places.
const NOT_PLACES: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "BREAKING NEWS",
    "EXCLUSIVE",
    "WATCH",
    "LIVE",
    "OPINION",
    "ANALYSIS",
    "EDITOR'S NOTE",
    "NOTE",
    "PHOTOS",
    "VIDEO",
    "CORRECTION",
    "ADVERTISEMENT",
];

/// Letters a place needs ("US - Russia talks" opens with no dateline).
const MIN_PLACE_LETTERS: usize = 3;

fn find_at_start(text: &str) -> Option<Dateline> {
    let c = DATELINE
        .captures(text)
        .or_else(|| DATELINE_TITLE.captures(text))?;
    let place = c.get(1)?.as_str().trim();
    if NOT_PLACES.iter().any(|p| p.eq_ignore_ascii_case(place)) {
        return None;
    }
    if place.chars().filter(|c| c.is_alphabetic()).count() < MIN_PLACE_LETTERS {
        return None;
    }
    let whole = c.get(0)?;
    let end = whole.as_str().trim_end().len() + whole.start();
    // What follows the dash must be the sentence, on the same line.
    let after = text[end..].trim_start_matches([' ', '\t']);
    if after.is_empty() || after.starts_with(['\n', '\r']) {
        return None;
    }
    Some(Dateline {
        place: title_case(place),
        source: c.get(2).map(|g| g.as_str().trim().to_string()),
        span: Some(Span::new(whole.start(), end)),
    })
}

/// The dateline opening the paragraph that starts at byte `start` of
/// `text` (flattened text: the caller knows its paragraph starts); the span
/// is in `text`'s offsets.
pub(crate) fn parse(text: &str, start: usize) -> Option<Dateline> {
    let mut d = find_at_start(text.get(start..)?)?;
    if let Some(sp) = &mut d.span {
        *sp = Span::new(sp.start + start, sp.end + start);
    }
    Some(d)
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for ch in s.chars() {
        if start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        start = !ch.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_agency_datelines() {
        let d = find("MOSCOW (Reuters) - The Kremlin said").unwrap();
        assert_eq!(d.place, "Moscow");
        assert_eq!(d.source.as_deref(), Some("Reuters"));
        let d = find("WASHINGTON — Lawmakers voted").unwrap();
        assert_eq!(d.place, "Washington");
        assert_eq!(d.source, None);
        let d = find("NEW YORK, Nov 19 (Reuters) - Stocks rose").unwrap();
        assert_eq!(d.place, "New York");
        assert!(find("The port commission voted - twice").is_none());
        assert!(find("UPDATE — The vote was delayed.").is_none());
        let t = "Kicker\n\nWashington (CNN) — The Senate voted.";
        let d = find(t).unwrap();
        assert_eq!(
            (d.place.as_str(), d.source.as_deref()),
            ("Washington", Some("CNN"))
        );
        assert_eq!(d.span.unwrap().slice(t), "Washington (CNN) —");
    }

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
        let t = "Kicker\n\nPARIS — The mayor spoke.";
        let d = parse(t, 8).unwrap();
        assert_eq!(d.span.unwrap().slice(t), "PARIS —");
    }

    #[test]
    fn not_datelines() {
        assert!(dl("Putin — the president — said.").is_none());
        assert!(dl("The mayor spoke.").is_none());
        assert!(dl("US - Russia talks").is_none());
        assert!(dl("PARIS —\nThe next paragraph.").is_none());
        assert!(dl("PARIS —").is_none());
    }
}
