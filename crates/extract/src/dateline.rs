//! News datelines at the start of the first paragraph: "MOSCOW (Reuters) -",
//! "WASHINGTON —", "NEW YORK, Nov 19 (Reuters) -". The place is an upper-case
//! run (AP/Reuters style), optionally followed by a date and an agency in
//! parentheses, then a dash.

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

fn find_at_start(text: &str) -> Option<Dateline> {
    let c = DATELINE
        .captures(text)
        .or_else(|| DATELINE_TITLE.captures(text))?;
    let place = c.get(1)?.as_str().trim();
    if NOT_PLACES.iter().any(|p| p.eq_ignore_ascii_case(place)) {
        return None;
    }
    if place.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let whole = c.get(0)?;
    Some(Dateline {
        place: title_case(place),
        source: c.get(2).map(|g| g.as_str().trim().to_string()),
        span: Some(Span::new(
            whole.start(),
            whole.as_str().trim_end().len() + whole.start(),
        )),
    })
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
}
