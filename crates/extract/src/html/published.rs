//! The published and updated dates of a page, and where each comes from.
//!
//! Precedence: `<meta>` tags (Open Graph `article:published_time`, Dublin
//! Core, Parse.ly, Sailthru...) and JSON-LD (`datePublished`,
//! `dateModified`), then `itemprop` and `<time datetime>` elements, then
//! dates shown in the byline area, then the URL path. Dates inside
//! `<script>` are never read, except JSON-LD. [`Evidence`] gathers what the
//! elements carry during the metadata pass over the page; [`decide`]
//! weighs it against the structured data and the visible text.

use super::dates::{self, Date, Zone};
use super::dom::{Attribute, Dom, Kind, Node};
use super::meta::subtree_text_capped;
use regex::Regex;
use scraper::node::Element;
use std::sync::LazyLock;

/// `<meta>` keys (name, property, itemprop; lower case) of the first
/// publication date, in order of trust.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "published_time",
    "datepublished",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publish_date",
    "publishdate",
    "published-date",
    "published_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "pub_date",
    "og:pubdate",
    "bt:pubdate",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "datecreated",
    "created",
    "article_date_original",
    "originalpublicationdate",
    "date_published",
    "rnews:datepublished",
    "cxenseparse:recs:publishtime",
    "dc.created",
    "vr:published_time",
    "article:post_date",
    "dc.date.published",
    "release_date",
    "displaydate",
    "date.release",
];

/// `<meta>` keys of the last modification date.
const UPDATED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "og:updated_time",
    "article:updated_time",
    "modified_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
    "updated_time",
    "date_modified",
    "article.updated",
    "revised",
];

/// Class/id/itemprop fragments of elements showing a date.
static DATE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)date|time|publish|publica|posted|byline|meta|info|datum|zeit|fecha|data|stamp|when|submitted|author|dateline|entry-|post-|article-")
        .expect("static regex")
});

/// Where a page's readers most likely live, from its language tag: decides
/// which local day a UTC timestamp near midnight falls on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    /// UTC+1/+2 (continental Europe).
    Europe,
    /// UTC+8/+9 (China, Japan, Korea).
    EastAsia,
    /// UTC-3 to UTC-8.
    Americas,
    /// Unknown or near UTC (English without a region, Portuguese of Portugal...).
    Other,
}

/// Languages of continental Europe (UTC+1/+2).
const EUROPE_LANGS: &[&str] = &[
    "de", "fr", "it", "es", "nl", "pl", "cs", "sk", "sv", "da", "no", "nb", "nn", "fi", "hu", "ro",
    "hr", "sl", "sr", "bg", "el", "lb",
];
/// Languages of East Asia (UTC+8/+9).
const EAST_ASIA_LANGS: &[&str] = &["ja", "ko", "zh"];
/// Region subtags of the Americas.
const AMERICAS_REGIONS: &[&str] = &["us", "ca", "mx", "br", "ar", "cl", "co", "pe", "ve"];

fn utc_offset_region(lang: Option<&str>) -> Region {
    let Some(lang) = lang else {
        return Region::Other;
    };
    let lang = lang.to_ascii_lowercase().replace('_', "-");
    let mut parts = lang.split('-');
    let primary = parts.next().unwrap_or("");
    let region = parts.next().unwrap_or("");
    if AMERICAS_REGIONS.contains(&region) {
        Region::Americas
    } else if EAST_ASIA_LANGS.contains(&primary) {
        Region::EastAsia
    } else if EUROPE_LANGS.contains(&primary) && region.is_empty()
        || EUROPE_LANGS.contains(&primary) && !AMERICAS_REGIONS.contains(&region)
    {
        Region::Europe
    } else {
        Region::Other
    }
}

/// UTC hours from which a local date can be the next day (UTC+4 and east).
const LATE_UTC: u8 = 20;
/// UTC hours before which a local date can be the previous day (UTC-4 and west).
const EARLY_UTC: u8 = 4;

/// Words announcing a modification date, in several languages.
static UPDATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)updated|update:|modified|last edited|last active|aktualisiert|geändert|stand:|mis à jour|actualizado|actualización|aggiornato|bijgewerkt|atualizado|uppdaterad|oppdatert|opdateret|zaktualizowano|обновлено")
        .expect("static regex")
});

/// Dates carried by the page's elements, gathered in the one pass over them.
#[derive(Debug, Default)]
pub(crate) struct Evidence {
    /// Read an ambiguous `01/02/2020` as January 2 (an English page).
    pub month_first: bool,
    time_pub: Option<Date>,
    time_any: Option<Date>,
    itemprop_pub: Option<Date>,
    itemprop_mod: Option<Date>,
    rdfa_pub: Vec<(Date, Zone)>,
}

impl Evidence {
    /// Note the dates element `i` (`n`, `e`) carries: a `<time>`, an RDFa
    /// `property`, an `itemprop`.
    pub fn element(&mut self, dom: &Dom, i: usize, n: &Node, e: &Element) {
        let month_first = self.month_first;
        // A `<time>` in boilerplate, or in a related/comments/sidebar
        // region, dates something else than the page.
        if e.name() == "time" && !n.hard && !n.soft && !in_related(dom, i) {
            let v = e
                .attribute("datetime")
                .map(|s| s.to_string())
                .unwrap_or_else(|| subtree_text_capped(dom, i, 300));
            if let Some(d) = dates::parse_value(&v, month_first) {
                let cls = format!(
                    "{} {}",
                    e.attribute("class").unwrap_or(""),
                    e.attribute("itemprop").unwrap_or("")
                )
                .to_ascii_lowercase();
                if e.attribute("pubdate").is_some()
                    || cls.contains("publish")
                    || cls.contains("datepublished")
                {
                    self.time_pub.get_or_insert(d);
                } else if !cls.contains("modif")
                    && !cls.contains("updat")
                    && !update_context(dom, i)
                {
                    self.time_any.get_or_insert(d);
                }
            }
        }
        if e.name() != "meta"
            && let Some(pr) = e.attribute("property")
            && let Some(c) = e.attribute("content")
        {
            let pr = pr.to_ascii_lowercase();
            if pr.ends_with("datepublished")
                || pr.ends_with("datecreated")
                || pr == "dc:date"
                || pr == "dc:created"
            {
                self.rdfa_pub
                    .extend(dates::parse_value_zone(c, month_first));
            }
        }
        if let Some(ip) = e.attribute("itemprop") {
            let ip = ip.to_ascii_lowercase();
            let val = || {
                e.attribute("content")
                    .or_else(|| e.attribute("datetime"))
                    .map(str::to_string)
                    .unwrap_or_else(|| subtree_text_capped(dom, i, 300))
            };
            if ip.contains("datepublished") || ip == "datecreated" {
                if self.itemprop_pub.is_none() {
                    self.itemprop_pub = dates::parse_value(&val(), month_first);
                }
            } else if ip.contains("datemodified") && self.itemprop_mod.is_none() {
                self.itemprop_mod = dates::parse_value(&val(), month_first);
            }
        }
    }
}

/// Class/id fragments of a container of a modification or review date.
static UPDATE_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)modif|updat|changed|review").expect("static regex"));

/// Class fragments of a container of a modification date only.
static UPDATE_CONTAINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)modified|updated|name-changed|last-?update").expect("static regex")
});

/// Bytes of text before an element read for its label.
const CONTEXT_BYTES: usize = 48;

/// True when element `i` shows a modification date: its parent or
/// grandparent is classed as one ("modified-date", "field--name-changed"),
/// or the text just before it, inside its grandparent, says so ("Last
/// updated:", "Date Last Reviewed:").
fn update_context(dom: &Dom, i: usize) -> bool {
    let parent = dom.nodes.get(i).map_or(usize::MAX, |n| n.parent);
    let grand = dom.nodes.get(parent).map_or(usize::MAX, |n| n.parent);
    for a in [parent, grand] {
        if let Some(Kind::Elem(e)) = dom.nodes.get(a).map(|n| n.kind)
            && [e.attribute("class"), e.attribute("id")]
                .into_iter()
                .flatten()
                .any(|c| UPDATE_CLASS.is_match(c))
        {
            return true;
        }
    }
    if grand == usize::MAX {
        return false;
    }
    let mut before: Vec<&str> = Vec::new();
    let mut len = 0;
    for k in (grand + 1..i).rev() {
        if let Kind::Text(t) = dom.nodes[k].kind {
            before.push(t);
            len += t.len();
            if len >= CONTEXT_BYTES {
                break;
            }
        }
    }
    before.reverse();
    let text = before.concat();
    let mut from = text.len().saturating_sub(CONTEXT_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    UPDATE_WORD.is_match(&text[from..]) || LAST_REVIEWED.is_match(&text[from..])
}

/// A review date ("Last reviewed", "Date Last Reviewed:", "Reviewed on").
static LAST_REVIEWED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)last reviewed|reviewed on|reviewed:").expect("static regex"));

/// A JSON-LD node's dates, as its strings.
pub(crate) struct LdDates<'a> {
    /// `datePublished` (else `dateCreated`).
    pub published: Option<&'a str>,
    /// `dateModified`.
    pub modified: Option<&'a str>,
    /// The node is an article (`*Article`, `*Posting`, `Report`, `Review`).
    pub article: bool,
}

/// What the page says outside its elements' dates.
pub(crate) struct Page<'a> {
    /// The parsed page.
    pub dom: &'a Dom<'a>,
    /// `<meta>` (key in lower case, content), in page order.
    pub metas: &'a [(String, &'a str)],
    /// JSON-LD nodes with dates, articles first.
    pub ld: Vec<LdDates<'a>>,
    /// The page's language tag.
    pub language: Option<&'a str>,
    /// The headline element.
    pub h1: Option<usize>,
    /// The page URL (the caller's, else the canonical one).
    pub url: Option<&'a str>,
}

/// The published and updated dates of a page.
pub(crate) fn decide(page: &Page, ev: &Evidence) -> (Option<Date>, Option<Date>) {
    let month_first = ev.month_first;
    let (dom, metas) = (page.dom, page.metas);
    // Published candidates from JSON-LD and meta tags, in order of trust.
    let mut ld_cands: Vec<(Date, Zone)> = Vec::new();
    let mut ld_article = false;
    for f in &page.ld {
        if let Some(s) = f.published
            // schema.org dates are ISO 8601; a display string ("Jun 24,
            // 2025") is a template's field, often the last publish of the
            // CMS item rather than the article's date
            && dates::is_machine_stamp(s)
            && let Some(v) = dates::parse_value_zone(s, month_first)
        {
            ld_cands.push(v);
            ld_article |= f.article;
        }
    }
    let mut meta_cands: Vec<(Date, Zone)> = Vec::new();
    for k in PUBLISHED_KEYS {
        for (_, c) in metas.iter().filter(|(mk, _)| mk == k) {
            if let Some(v) = dates::parse_value_zone(c, month_first) {
                meta_cands.push(v);
            }
        }
    }
    let meta_cands_n = meta_cands.len();
    // Meta tags first, as htmldate's header search does; JSON-LD next.
    let mut pub_cands = meta_cands;
    pub_cands.extend(ld_cands);
    pub_cands.extend(ev.rdfa_pub.iter().copied());
    // A UTC timestamp can fall on the next or previous day of the local date
    // the page shows; a local stamp of the same moment wins.
    let ld_meta_pub = pub_cands.first().map(|&(d, z)| {
        let Zone::Utc(hour) = z else { return d };
        if let Some(&(l, _)) = pub_cands
            .iter()
            .find(|(l, lz)| matches!(lz, Zone::Offset | Zone::Naive) && dates::day_gap(*l, d) == 1)
        {
            return l;
        }
        // a date element of the page (`itemprop="datePublished"`, `<time
        // pubdate>`) one day off a stamp near midnight UTC is its local day
        if let Some(l) = ev.itemprop_pub.or(ev.time_pub).filter(|l| l.is_day())
            && (hour >= LATE_UTC && dates::add_days(d, 1) == Some(l)
                || (1..EARLY_UTC).contains(&hour) && dates::add_days(d, -1) == Some(l))
        {
            return l;
        }
        // No local stamp: the page's language tells the likely offset.
        let shift = match utc_offset_region(page.language) {
            Region::Europe if hour >= 22 => 1,
            Region::EastAsia if hour >= 15 => 1,
            _ => 0,
        };
        dates::add_days(d, shift).unwrap_or(d)
    });
    let ld_mod = page
        .ld
        .iter()
        .find_map(|f| f.modified.and_then(|s| dates::parse_value(s, month_first)));
    let meta_mod = UPDATED_KEYS.iter().find_map(|k| {
        metas
            .iter()
            .filter(|(mk, _)| mk == k)
            .find_map(|(_, c)| dates::parse_value(c, month_first))
    });
    // the hour of a UTC stamp, when it gave the published day
    let utc_hour = match pub_cands.first() {
        Some(&(_, Zone::Utc(h))) => Some(h),
        _ => None,
    };
    let mut published = ld_meta_pub.or(ev.itemprop_pub).or(ev.time_pub);
    let mut updated = ld_mod.or(meta_mod).or(ev.itemprop_mod);
    // A date only a non-article JSON-LD node gives (the `WebPage` node a
    // CMS stamps on every page, dated or not) is the page's, not an
    // article's: kept only when the page shows the same day somewhere (its
    // text, a `<time>`, the URL).
    let mut visible = None;
    let web_only = meta_cands_n == 0 && !ld_article && ev.rdfa_pub.is_empty();
    if let Some(p) = published
        && web_only
        && ld_meta_pub.is_some()
    {
        let (text, _) = visible.get_or_insert_with(|| visible_text(dom, page.h1));
        let near = |d: Option<Date>| d.is_some_and(|d| d.is_day() && dates::day_gap(d, p) <= 1);
        let shown = dates::find_all(text, month_first)
            .iter()
            .any(|(_, d)| near(Some(*d)))
            || near(ev.time_any)
            || near(ev.time_pub)
            || near(ev.itemprop_pub)
            || page
                .url
                .and_then(dates::from_url)
                .is_some_and(|u| near(Some(u)) || !u.is_day() && same_month(u, p));
        if !shown {
            published = None;
        }
    }
    // The page's date line shows the modification date, unlabelled, and the
    // declared first publication appears nowhere on the page: the page
    // presents itself as of the date it shows (a CMS that re-dates its
    // evergreen pages).
    if let (Some(p), Some(u)) = (published, updated)
        && p.is_day()
        && u.is_day()
        && u > p
        && dates::day_gap(p, u) > 1
    {
        let (text, h1_at) = visible.get_or_insert_with(|| visible_text(dom, page.h1));
        let found = dates::find_all(text, month_first);
        let p_shown = found
            .iter()
            .any(|(_, d)| d.is_day() && dates::day_gap(*d, p) <= 1);
        let near = h1_at.saturating_sub(NEAR_BEFORE)..*h1_at + NEAR_AFTER;
        if !p_shown
            && found
                .iter()
                .any(|(pos, d)| *d == u && near.contains(pos) && !update_label(text, *pos))
        {
            published = Some(u);
        }
    }
    let structured = published.is_some();
    if published.is_none() {
        let (text, _) = visible.get_or_insert_with(|| visible_text(dom, page.h1));
        published = labelled_date(text, month_first);
    }
    if published.is_none() {
        let (p, u) = visible_dates(dom, page.h1, month_first, &mut visible);
        published = ev.time_any.or(p);
        if updated.is_none() {
            updated = u;
        }
    }
    let url_date = page.url.and_then(dates::from_url);
    match (published, url_date) {
        // A URL of the year and month only (`/2023/3/slug`): the day is the
        // first full date of that month the page shows.
        (None, Some(u)) if !u.is_day() => {
            let (text, _) = visible.get_or_insert_with(|| visible_text(dom, page.h1));
            published = dates::find_all(text, month_first)
                .into_iter()
                .map(|(_, d)| d)
                .find(|&d| d.is_day() && same_month(u, d))
                .or(Some(u));
        }
        (None, u) => published = u,
        // The URL is set at publication, in the outlet's local time: a stamp
        // one day off is a time-zone shift.
        // (a UTC stamp's hour tells which shift is possible: 10:00 UTC is
        // the same day from UTC-10 to UTC+13)
        (Some(p), Some(u))
            if u.is_day()
                && dates::day_gap(p, u) == 1
                && utc_hour.is_none_or(|h| if u < p { h < 10 } else { h >= 10 }) =>
        {
            published = Some(u)
        }
        // A full URL date outranks dates read off the visible page.
        (Some(_), Some(u)) if u.is_day() && !structured => published = Some(u),
        _ => {}
    }
    if let (Some(p), Some(u)) = (published, updated)
        && (u <= p)
    {
        updated = None;
    }
    (published, updated)
}

/// True when `a` and `b` fall in the same year and month.
fn same_month(a: Date, b: Date) -> bool {
    a.y == b.y && a.m.is_some() && a.m == b.m
}

/// Dates shown on the page near the headline: in elements whose class/id
/// names a date or byline, else the first full date in the text after the
/// headline. Returns (published, updated).
fn visible_dates(
    dom: &Dom,
    h1: Option<usize>,
    month_first: bool,
    visible: &mut Option<(String, usize)>,
) -> (Option<Date>, Option<Date>) {
    let mut published = None;
    let mut updated = None;
    let n = dom.nodes.len();
    let mut i = 0;
    while i < n {
        let node = &dom.nodes[i];
        let Kind::Elem(e) = node.kind else {
            i += 1;
            continue;
        };
        let cls = [
            e.attribute("class"),
            e.attribute("id"),
            e.attribute("itemprop"),
        ];
        let is_date_el = !matches!(e.name(), "html" | "body" | "footer")
            && cls.iter().flatten().any(|c| DATE_CLASS.is_match(c))
            && !cls.iter().flatten().any(|c| {
                // an embedded video's `itemprop="uploadDate"` dates the
                // video, not the page
                c.to_ascii_lowercase().contains("today")
                    || c.eq_ignore_ascii_case("uploaddate")
                    || c.to_ascii_lowercase().contains("comment")
                    || c.to_ascii_lowercase().contains("footer")
                    || c.to_ascii_lowercase().contains("copyright")
            });
        if is_date_el && !node.hard && !in_related(dom, i) && !in_footer(dom, i) {
            let mut t = spaced_text(dom, i, 1000);
            if t.is_empty() {
                t = e
                    .attribute("title")
                    .or_else(|| e.attribute("content"))
                    .or_else(|| e.attribute("datetime"))
                    .unwrap_or("")
                    .to_string();
            }
            if t.len() <= 1000 && t.chars().count() <= 200 {
                let (mut p, mut u) = split_labelled(&t, month_first);
                // an element classed as a modification date
                // ("wp-block-post-date__modified-date", Drupal's
                // "field--name-changed") shows no publication date
                if u.is_none() && cls.iter().flatten().any(|c| MODIFIED_CLASS.is_match(c)) {
                    (p, u) = (None, p);
                }
                if published.is_none() {
                    published = p;
                }
                if updated.is_none() {
                    updated = u;
                }
                if published.is_some() {
                    return (published, updated);
                }
                i = node.end;
                continue;
            }
        }
        i += 1;
    }
    // The first full date in the visible text near the headline (from
    // [`NEAR_BEFORE`] bytes before it to [`NEAR_AFTER`] bytes after it: the
    // byline and date line), leaving out copyright notices. A date further
    // into the page is a date the article talks about, a comment's or a
    // footer's, not its own.
    let (text, h1_at) = visible.get_or_insert_with(|| visible_text(dom, h1));
    let (text, h1_at) = (text.as_str(), *h1_at);
    let near = h1_at.saturating_sub(NEAR_BEFORE)..h1_at + NEAR_AFTER;
    let all: Vec<(usize, Date)> = dates::find_all(text, month_first)
        .into_iter()
        .filter(|(pos, _)| near.contains(pos))
        .collect();
    // the dates of a span ("2025-12-12 - 2025-12-17", "March 3, 2024 to
    // March 9, 2024": an event's or an offer's dates) are not the page's
    let spans = |k: usize| {
        all.get(k + 1)
            .is_some_and(|(q, _)| dates::opens_span(text, all[k].0, *q))
    };
    let found: Vec<(usize, Date)> = (0..all.len())
        .filter(|&k| !(spans(k) || k > 0 && spans(k - 1)))
        .map(|k| all[k])
        .filter(|(pos, _)| {
            let mut from = pos.saturating_sub(20);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let before = text.get(from..*pos).unwrap_or("").to_lowercase();
            !(before.contains('©')
                || before.contains("copyright")
                || before.contains("(c)")
                || TODAY.is_match(&before)
                || TERM.is_match(&before))
        })
        .collect();
    let pick = found
        .iter()
        .find(|(pos, _)| *pos >= h1_at)
        .or(found.first());
    let (mut p2, mut u2) = (None, None);
    if let Some(&(pos, d)) = pick {
        let mut from = pos.saturating_sub(40);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        if UPDATE_WORD.is_match(text.get(from..pos).unwrap_or("")) {
            u2 = Some(d);
            p2 = found.iter().find(|(q, _)| *q > pos).map(|x| x.1);
        } else {
            p2 = Some(d);
        }
    }
    (published.or(p2), updated.or(u2))
}

/// Words that make a date the start or end of a term (an offer "valid
/// through", a deadline, an event "from ... until"), not the page's date.
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:valid(?: through| thru| until| till| from)?|through|thru|until|till|to|expires?(?: on)?|expiry(?: date)?|deadline|effective(?: beginning| from| on)?|ends?(?: on)?|starts?(?: on)?|begins?(?: on)?|gültig(?: bis)?|bis zum|jusqu.au|hasta el)\s*:?\s*$")
        .expect("static regex")
});

/// True when the text just before byte `pos` of `text` labels the date
/// there as an update or a review ("Last updated:", "Reviewed on").
fn update_label(text: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..pos).unwrap_or("");
    UPDATE_WORD.is_match(before) || LAST_REVIEWED.is_match(before)
}

/// Words that label a date as the current day (a clock or opening-hours
/// widget), not the page's.
static TODAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\btoday|\bheute\b|aujourd.hui|\bhoy\b|\boggi\b|\bvandaag\b")
        .expect("static regex")
});

/// Words that label a date as the publication date, in several languages.
static PUBLISH_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)published|publication date|posted|publié|date de publication|mise en ligne|publicado|publicada|pubblicato|veröffentlicht|erschienen|erstellt|gepostet|publiceret|publicerad|publisert|gepubliceerd|opublikowano|опубликовано")
        .expect("static regex")
});

/// The first date in the visible text labelled as the publication date
/// ("Published on 3 March 2020", "Erschienen am 13.10.2021").
fn labelled_date(text: &str, month_first: bool) -> Option<Date> {
    let mut last = 0;
    for (pos, d) in dates::find_all(text, month_first) {
        let mut from = pos.saturating_sub(LABEL_WINDOW).max(last);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = text.get(from..pos).unwrap_or("");
        last = pos;
        if PUBLISH_LABEL.is_match(before) && !UPDATE_WORD.is_match(before) {
            return Some(d);
        }
    }
    None
}

/// The visible text of the page (text outside hard boilerplate, blocks
/// separated), at most [`MAX_SCAN_BYTES`], with the byte offset where node
/// `mark` (the headline; the start when `None`) begins. Built once per page and
/// shared by the labelled-date and visible-date scans.
fn visible_text(dom: &Dom, mark: Option<usize>) -> (String, usize) {
    let start = mark.unwrap_or(0);
    let mut text = String::new();
    let mut p = false;
    let mut mark_at = 0;
    let mut skip_until = 0;
    for (i, node) in dom.nodes.iter().enumerate() {
        if i == start {
            mark_at = text.len();
        }
        if node.hard || i < skip_until {
            continue;
        }
        // A container classed as a modification date ("modified-date",
        // "field--name-changed") shows no publication date.
        if let Kind::Elem(e) = node.kind
            && !(i..node.end).contains(&start)
            && e.attribute("class")
                .is_some_and(|c| UPDATE_CONTAINER.is_match(c))
        {
            skip_until = node.end;
            p = true;
            continue;
        }
        match node.kind {
            Kind::Text(t) => {
                // inline parts of a date line with nothing between them
                // ("<a>Health</a><span>May 2, 2022</span>") stay apart
                if !text.is_empty()
                    && !text.ends_with(char::is_whitespace)
                    && !t.starts_with(char::is_whitespace)
                {
                    text.push(' ');
                }
                super::content::fold_into(&mut text, t, &mut p)
            }
            Kind::Elem(e) if super::rules::is_block(e.name()) => p = true,
            _ => {}
        }
        if text.len() > MAX_SCAN_BYTES {
            break;
        }
    }
    (text, mark_at)
}

/// How far before the headline (bytes of visible text) a shown date is read.
const NEAR_BEFORE: usize = 300;
/// How far after the headline's start a shown date is read.
const NEAR_AFTER: usize = 600;

/// Bytes before a date searched for its label.
const LABEL_WINDOW: usize = 32;

/// How much visible text the fallback date scan reads.
const MAX_SCAN_BYTES: usize = 200_000;

/// Class/id fragments of an element showing a modification date (not
/// "updated": hAtom marks the publication date `class="published updated"`).
static MODIFIED_CLASS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)modified|changed").expect("static regex"));

/// Class/id words of lists of other pages ("related-posts", "read-next",
/// "more-stories", "recommended").
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[-_ ])(?:related|recommend(?:ed|ations?)?|read-?next|more-(?:stories|articles|posts|news)|you-may-also-like|also-read|article-cards|stacked-cards)(?:$|[-_ ])")
        .expect("static regex")
});

/// True when node `i` is inside a list of other pages ([`RELATED`]).
fn in_related(dom: &Dom, mut i: usize) -> bool {
    while let Some(n) = dom.nodes.get(i) {
        if let Kind::Elem(e) = n.kind
            && [e.attribute("class"), e.attribute("id")]
                .into_iter()
                .flatten()
                .any(|c| RELATED.is_match(c))
        {
            return true;
        }
        i = n.parent;
    }
    false
}

/// Text of the subtree at `i`, each text node set off by a space: a date
/// line's parts are often inline elements with nothing between them
/// (`<a>Health</a><span>DECEMBER 22, 2022</span>`), and a date glued to
/// the word before it reads as no date. Stops past `cap` bytes.
fn spaced_text(dom: &Dom, i: usize, cap: usize) -> String {
    let mut out = String::new();
    let end = dom.nodes.get(i).map_or(i, |n| n.end);
    for n in dom.nodes.get(i..end).unwrap_or(&[]) {
        if let Kind::Text(t) = n.kind {
            for w in t.split_whitespace() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(w);
            }
            if out.len() > cap {
                break;
            }
        }
    }
    out
}

fn in_footer(dom: &Dom, mut i: usize) -> bool {
    while let Some(n) = dom.nodes.get(i) {
        if n.tag() == "footer" {
            return true;
        }
        i = n.parent;
    }
    false
}

/// Dates in a byline string: a date preceded by an update word is the
/// updated date, the first other one the published date.
fn split_labelled(t: &str, month_first: bool) -> (Option<Date>, Option<Date>) {
    let mut published = None;
    let mut updated = None;
    let mut last = 0;
    for (pos, d) in dates::find_all(t, month_first) {
        let before = t.get(last..pos).unwrap_or("");
        last = pos;
        if UPDATE_WORD.is_match(before) {
            updated.get_or_insert(d);
        } else if !TODAY.is_match(before) && !TERM.is_match(before) {
            published.get_or_insert(d);
        }
    }
    (published, updated)
}

#[cfg(test)]
#[path = "published_tests.rs"]
mod tests;
