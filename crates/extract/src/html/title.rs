//! The page title: the headline without site-name suffixes.
//!
//! Candidates: the meta title (`og:title`...), the JSON-LD headline, the
//! first visible `<h1>`, the `<title>`. The `<h1>` is the headline as shown
//! to the reader and wins when it is one: it is part of the meta title, or it
//! has at least [`MIN_H1_WORDS`] words and is not the site name. Otherwise
//! the meta (or `<title>`) title loses the segments that name the site
//! ("What is X? | Google Cloud", "Post title - Blog Name"): it is cut at
//! separator characters and the first segment that is not the site name is
//! kept (trafilatura's and newspaper's `<title>` splitting, written anew).

/// Separators between a title and the site name, with the spaces around them.
const SPACED_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " • ", " · ", " » ", " :: "];

/// Separators that cut even without spaces.
const TIGHT_SEPARATORS: &[char] = &['|', '•', '·', '»'];

/// An `<h1>` of at least this many words is read as the headline.
pub(crate) const MIN_H1_WORDS: usize = 3;

/// Longest `<h1>` (in words) taken as the headline (longer ones are prose).
const MAX_H1_WORDS: usize = 30;

/// Lower case, every non-alphanumeric character a space, spaces collapsed.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The segments of a title cut at the separators.
fn segments(t: &str) -> Vec<&str> {
    let mut parts = vec![t];
    for sep in SPACED_SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts = parts
        .into_iter()
        .flat_map(|p| p.split(TIGHT_SEPARATORS))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts
}

/// A title without the segments naming the site: the first segment that is
/// not `site` (nor a host name like "example.com"); the whole title when
/// nothing is left.
pub(crate) fn strip_site(t: &str, site: Option<&str>) -> String {
    let site = site.map(norm).filter(|s| !s.is_empty());
    let segs = segments(t);
    let is_site = |s: &str| {
        let n = norm(s);
        site.as_deref().is_some_and(|x| x == n)
            || (!s.contains(' ') && s.contains('.') && s.len() > 3)
    };
    segs.iter()
        .find(|s| !is_site(s))
        .map_or_else(|| t.trim().to_string(), |s| s.to_string())
}

/// The title from its candidates (each already cleaned of odd white space).
///
/// `h1s` are the first visible `<h1>`s in page order: one that is part of
/// the meta title wins (a call to action, "Do you want more visitors?", may
/// come first), else the first, as above.
pub(crate) fn choose(
    meta: Option<&str>,
    headline: Option<&str>,
    h1s: &[&str],
    page_title: Option<&str>,
    site: Option<&str>,
) -> Option<String> {
    let base = meta
        .or(headline)
        .or(page_title)
        .filter(|s| !s.trim().is_empty());
    let nbase = base.map(norm);
    let in_base = |h: &str| {
        let nh = norm(h);
        !nh.is_empty() && nbase.as_ref().is_some_and(|b| b.contains(&nh))
    };
    let usable = |h: &&str| {
        let words = h.split_whitespace().count();
        !h.is_empty() && words <= MAX_H1_WORDS && site.is_none_or(|s| norm(s) != norm(h))
    };
    let h1s: Vec<&str> = h1s.iter().map(|h| h.trim()).filter(usable).collect();
    // a later one only with a headline's length ("News" of "Title - News"
    // is no headline)
    if let Some(h) = h1s.iter().enumerate().find_map(|(k, h)| {
        (in_base(h) && (k == 0 || h.split_whitespace().count() >= MIN_H1_WORDS)).then_some(h)
    }) {
        return Some(h.to_string());
    }
    if let Some(h) = h1s
        .first()
        .filter(|h| h.split_whitespace().count() >= MIN_H1_WORDS)
    {
        return Some(h.to_string());
    }
    base.map(|b| strip_site(b, site)).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_go() {
        assert_eq!(
            strip_site("What is Cloud Computing? | Google Cloud", None),
            "What is Cloud Computing?"
        );
        assert_eq!(
            strip_site("8 Trends in Photography - Flatworld Solutions", None),
            "8 Trends in Photography"
        );
        assert_eq!(
            strip_site(
                "Example Times | Harbour plan approved",
                Some("Example Times")
            ),
            "Harbour plan approved"
        );
        assert_eq!(
            strip_site("advantagefitness.com - Gym trends", None),
            "Gym trends"
        );
        assert_eq!(strip_site("Well-being at work", None), "Well-being at work");
    }

    #[test]
    fn the_headline_wins_when_it_is_one() {
        // h1 inside the meta title.
        assert_eq!(
            choose(
                Some("Laptop vs. Desktop: Watts | EcoFlow"),
                None,
                &["Laptop vs. Desktop: Watts"],
                None,
                None
            )
            .as_deref(),
            Some("Laptop vs. Desktop: Watts")
        );
        // A different, SEO-worded meta title: the shown headline wins.
        assert_eq!(
            choose(
                Some("Best Tax Preparation Software | Accounting.com"),
                None,
                &["The Best Tax Prep Software of 2025"],
                None,
                None
            )
            .as_deref(),
            Some("The Best Tax Prep Software of 2025")
        );
        // A one-word h1 that is the logo: the stripped meta title.
        assert_eq!(
            choose(
                Some("Harbour plan approved - Courier"),
                None,
                &["Courier"],
                None,
                Some("Courier")
            )
            .as_deref(),
            Some("Harbour plan approved")
        );
        assert_eq!(
            choose(None, None, &[], Some("Only | Site"), None).as_deref(),
            Some("Only")
        );
        assert_eq!(choose(None, None, &[], None, None), None);
        // A call to action in the first <h1>, the headline in a later one
        assert_eq!(
            choose(
                Some("Best Supplement Marketing Agencies in the US | Example"),
                None,
                &[
                    "Do you want more web conversions?",
                    "Best Supplement Marketing Agencies in the US"
                ],
                None,
                None
            )
            .as_deref(),
            Some("Best Supplement Marketing Agencies in the US")
        );
        // a later short <h1> inside the title is the site, not the headline
        assert_eq!(
            choose(
                Some("Harbour plan approved - News"),
                None,
                &["Harbour plan approved by council", "News"],
                None,
                None
            )
            .as_deref(),
            Some("Harbour plan approved by council")
        );
    }
}
