//! Filter tokens of a quote, indexed in the `facets` column of `quotes_fts`
//! so that a search with words and filters is one FTS5 intersection.
//!
//! Tokens are lower-case letters and digits (the `unicode61` tokenizer keeps
//! them whole) and live in their own column, so they never meet the words of
//! a quote: `k` + kind (`kdirect`), `s` + speaker entity id (`s12`), `n` +
//! 16 hex digits of the hash of the name of a speaker without entity, `a` +
//! id of an entity the quote mentions (`a7`), `o` + 16 hex digits of the
//! outlet's hash (ASCII case folded, as `COLLATE NOCASE` compares), `y` +
//! year and `m` + year and month of the publication date (`y2018`,
//! `m201803`).

use sha2::{Digest, Sha256};

/// Dates covered by month tokens at most; longer ranges use years.
const MAX_DATE_TOKENS: usize = 64;

/// The kind token.
pub(crate) fn kind(kind: &str) -> String {
    format!("k{kind}")
}

/// The speaker token of entity `id`.
pub(crate) fn speaker(id: i64) -> String {
    format!("s{id}")
}

/// The token of an entity the quote mentions.
pub(crate) fn about(id: i64) -> String {
    format!("a{id}")
}

/// The outlet token (`None` for an empty outlet).
pub(crate) fn outlet(outlet: &str) -> Option<String> {
    hashed('o', outlet)
}

/// The token of the name of a speaker without entity (`None` when empty).
pub(crate) fn speaker_name(name: &str) -> Option<String> {
    hashed('n', name)
}

/// `prefix` + 16 hex digits of the hash of `value` trimmed and ASCII
/// lower-cased (what `COLLATE NOCASE` compares equal hashes alike).
fn hashed(prefix: char, value: &str) -> Option<String> {
    let v = value.trim().to_ascii_lowercase();
    if v.is_empty() {
        return None;
    }
    let d = Sha256::digest(v.as_bytes());
    let hex: String = d[..8].iter().map(|b| format!("{b:02x}")).collect();
    Some(format!("{prefix}{hex}"))
}

/// (year, month) of an ISO 8601 date prefix (`YYYY-MM...`; month 0 when
/// only the year is there).
pub(crate) fn year_month(date: &str) -> Option<(u32, u32)> {
    let b = date.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = date.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let y = num(0..4)?;
    if b.len() >= 7
        && b[4] == b'-'
        && let Some(m) = num(5..7).filter(|m| (1..=12).contains(m))
    {
        return Some((y, m));
    }
    Some((y, 0))
}

/// Token of a publication date without a valid month (`2018`, `2018-13`,
/// free text): every date range includes it and the exact SQL comparison
/// decides, as it does for every date.
pub(crate) const ODD_DATE: &str = "dx";

/// The date tokens of a publication date: year and month when it starts
/// `YYYY-MM` with a valid month, else [`ODD_DATE`].
pub(crate) fn date(published: &str) -> Vec<String> {
    match year_month(published) {
        Some((y, m)) if m > 0 => vec![format!("y{y:04}"), format!("m{y:04}{m:02}")],
        _ => vec![ODD_DATE.to_string()],
    }
}

/// Tokens whose union covers every date from `from` to `to` (inclusive,
/// (year, month) with months 1..=12): whole years as year tokens, the
/// partial years at the ends as months, and [`ODD_DATE`]. `None` when the
/// range needs more than [`MAX_DATE_TOKENS`] tokens.
pub(crate) fn date_cover(from: (u32, u32), to: (u32, u32)) -> Option<Vec<String>> {
    let mut out = vec![ODD_DATE.to_string()];
    if from > to {
        return Some(out);
    }
    let (mut y, mut m) = from;
    while (y, m) <= to {
        if m == 1 && (y, 12) <= to {
            out.push(format!("y{y:04}"));
            y += 1;
        } else {
            out.push(format!("m{y:04}{m:02}"));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        if out.len() > MAX_DATE_TOKENS {
            return None;
        }
    }
    Some(out)
}

/// The whole facets column of a quote.
#[cfg(test)]
pub(crate) fn of_quote(
    kind_name: &str,
    speaker_entity: Option<i64>,
    speaker: Option<&str>,
    about_ids: &[i64],
    outlet_name: Option<&str>,
    published: Option<&str>,
) -> String {
    let article = of_article(outlet_name, published);
    of_quote_in(kind_name, speaker_entity, speaker, about_ids, &article)
}

/// The tokens every quote of an article shares: outlet and date (computed
/// once per article).
pub(crate) fn of_article(outlet_name: Option<&str>, published: Option<&str>) -> String {
    let mut t: Vec<String> = outlet_name.and_then(outlet).into_iter().collect();
    t.extend(published.map(date).unwrap_or_default());
    t.join(" ")
}

/// The facet tokens of a quote: its own (kind, speaker, mentioned entities)
/// then `article`, the tokens of [`of_article`].
pub(crate) fn of_quote_in(
    kind_name: &str,
    speaker_entity: Option<i64>,
    speaker: Option<&str>,
    about_ids: &[i64],
    article: &str,
) -> String {
    let mut t = vec![kind(kind_name)];
    match speaker_entity {
        Some(id) => t.push(self::speaker(id)),
        None => t.extend(speaker.and_then(speaker_name)),
    }
    t.extend(about_ids.iter().map(|&id| about(id)));
    if !article.is_empty() {
        t.push(article.to_string());
    }
    t.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_covered_by_years_and_months() {
        assert_eq!(year_month("2018-03-05T10:00Z"), Some((2018, 3)));
        assert_eq!(year_month("2018"), Some((2018, 0)));
        assert_eq!(year_month("2018-13"), Some((2018, 0)));
        assert_eq!(year_month("March"), None);
        assert_eq!(
            date_cover((2018, 11), (2020, 2)).unwrap(),
            ["dx", "m201811", "m201812", "y2019", "m202001", "m202002"]
        );
        assert_eq!(date_cover((2018, 1), (2018, 12)).unwrap(), ["dx", "y2018"]);
        assert_eq!(date_cover((2019, 1), (2018, 12)).unwrap(), ["dx"]);
        assert_eq!(date("2018-03-05T10:00Z"), ["y2018", "m201803"]);
        assert_eq!(date("2018"), ["dx"]);
        assert_eq!(date("2018-13-01"), ["dx"]);
        assert!(date_cover((1000, 1), (2000, 1)).is_none());
    }

    #[test]
    fn tokens_are_single_words() {
        let f = of_quote(
            "direct",
            Some(3),
            Some("Putin"),
            &[7, 9],
            Some("Daily Two"),
            Some("2018-03-01"),
        );
        assert!(f.starts_with("kdirect s3 a7 a9 o"));
        assert!(f.ends_with(" y2018 m201803"));
        assert!(
            f.split(' ')
                .all(|t| t.chars().all(|c| c.is_ascii_alphanumeric()))
        );
        assert_eq!(outlet("daily two"), outlet(" DAILY TWO "));
        assert_ne!(outlet("daily two"), outlet("daily one"));
        assert_eq!(outlet("  "), None);
        let g = of_quote("mixed", None, Some("A Spokesman"), &[], None, None);
        assert_eq!(
            g,
            format!("kmixed {}", speaker_name("a spokesman").unwrap())
        );
    }
}
