//! Page metadata: title, authors, dates, outlet, tags, language, URL.
//!
//! Date precedence follows trafilatura/htmldate: JSON-LD (`datePublished`,
//! `dateModified`) and `<meta>` tags (Open Graph `article:published_time`,
//! Dublin Core, Parse.ly, Sailthru...), then `itemprop` and `<time
//! datetime>` elements, then dates shown in the byline area, then the URL
//! path. Dates inside `<script>` are never read, except JSON-LD.

use super::byline::{self, AUTHOR_CLASS, AUTHOR_KEYS, split_declared, split_names};
use super::dates::{self, Date, Zone};
use super::dom::{Attribute, Dom, Kind};
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
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

/// `<meta>` keys of the outlet name.
const OUTLET_KEYS: &[&str] = &[
    "og:site_name",
    "application-name",
    "publisher",
    "dc.publisher",
    "twitter:site",
];

/// `<meta>` keys of tags and keywords.
const TAG_KEYS: &[&str] = &[
    "article:tag",
    "keywords",
    "news_keywords",
    "parsely-tags",
    "sailthru.tags",
];

/// `<meta>` keys of the title.
const TITLE_KEYS: &[&str] = &[
    "og:title",
    "twitter:title",
    "dc.title",
    "headline",
    "parsely-title",
];

/// Class/id/itemprop fragments of elements showing a date.
static DATE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)date|time|publish|posted|byline|meta|info|datum|zeit|fecha|data|stamp|when|submitted|author|dateline|entry-|post-|article-")
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

/// Class/id fragments of regions whose names are not bylines.
static NOT_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[-_ ])(?:comments?|respond|reply|replies|form|related|teasers?|recommend(?:ed|ations?)?|more|sidebar|footer)(?:$|[-_ ])")
        .expect("static regex")
});

/// Words announcing a modification date, in several languages.
static UPDATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)updated|update:|modified|last edited|aktualisiert|geändert|stand:|mis à jour|actualizado|actualización|aggiornato|bijgewerkt|atualizado|uppdaterad|oppdatert|opdateret|zaktualizowano|обновлено")
        .expect("static regex")
});

/// What the metadata pass found.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub language: Option<String>,
    pub published: Option<Date>,
    pub updated: Option<Date>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub tags: Vec<String>,
    pub url: Option<String>,
    pub h1: Option<usize>,
}

#[derive(Default)]
struct LdFacts {
    published: Option<String>,
    modified: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    headline: Option<String>,
    keywords: Vec<String>,
    article: bool,
}

/// Text folded as the body is (white space collapsed).
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::new();
    let mut p = false;
    super::content::fold_into(&mut out, s, &mut p);
    out
}

/// Text of a subtree, folded.
pub(crate) fn subtree_text(dom: &Dom, i: usize) -> String {
    subtree_text_capped(dom, i, usize::MAX)
}

/// Text of a subtree, folded, stopping once it is longer than `cap` bytes.
pub(crate) fn subtree_text_capped(dom: &Dom, i: usize, cap: usize) -> String {
    let mut out = String::new();
    let mut p = false;
    let end = dom.nodes.get(i).map_or(i, |n| n.end);
    for n in dom.nodes.get(i..end).unwrap_or(&[]) {
        match n.kind {
            Kind::Text(t) => super::content::fold_into(&mut out, t, &mut p),
            Kind::Elem(e) if super::rules::is_block(e.name()) || e.name() == "br" => p = true,
            Kind::Elem(_) => {}
        }
        if out.len() > cap {
            break;
        }
    }
    out
}

fn ld_walk(v: &Value, facts: &mut Vec<LdFacts>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| ld_walk(x, facts)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                ld_walk(g, facts);
            }
            let types: Vec<String> = match o.get("@type") {
                Some(Value::String(s)) => vec![s.clone()],
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            };
            let mut f = LdFacts {
                article: types.iter().any(|t| {
                    t.contains("Article") || t.contains("Posting") || t == "Report" || t == "Review"
                }),
                ..LdFacts::default()
            };
            let s = |k: &str| o.get(k).and_then(|x| x.as_str()).map(str::to_string);
            f.published = s("datePublished").or_else(|| s("dateCreated"));
            f.modified = s("dateModified");
            f.headline = s("headline").or_else(|| if f.article { s("name") } else { None });
            if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                ld_names(a, &mut f.authors);
            }
            if let Some(p) = o.get("publisher") {
                f.publisher = match p {
                    Value::Object(po) => {
                        po.get("name").and_then(|x| x.as_str()).map(str::to_string)
                    }
                    Value::Array(a) => a
                        .first()
                        .and_then(|x| x.get("name"))
                        .and_then(|x| x.as_str())
                        .map(str::to_string),
                    Value::String(s) => Some(s.clone()),
                    _ => None,
                };
            }
            match o.get("keywords") {
                Some(Value::String(k)) => {
                    f.keywords = k.split(',').map(clean).filter(|s| !s.is_empty()).collect()
                }
                Some(Value::Array(a)) => {
                    f.keywords = a
                        .iter()
                        .filter_map(|x| x.as_str())
                        .map(clean)
                        .filter(|s| !s.is_empty())
                        .collect()
                }
                _ => {}
            }
            if f.published.is_some()
                || f.modified.is_some()
                || !f.authors.is_empty()
                || f.headline.is_some()
                || f.publisher.is_some()
            {
                facts.push(f);
            }
            for (k, x) in o {
                if matches!(
                    k.as_str(),
                    "mainEntity" | "mainEntityOfPage" | "itemListElement" | "hasPart" | "subjectOf"
                ) {
                    ld_walk(x, facts);
                }
            }
        }
        _ => {}
    }
}

fn ld_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(clean(s)),
        Value::Array(a) => a.iter().for_each(|x| ld_names(x, out)),
        Value::Object(o) => {
            let org = o
                .get("@type")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t.contains("Organization"));
            if !org && let Some(n) = o.get("name") {
                ld_names(n, out);
            } else if !org && let Some(id) = o.get("@id").and_then(|x| x.as_str()) {
                // A reference to a Person node elsewhere in the graph
                // (resolved by `resolve_refs`).
                out.push(format!("{LD_REF}{id}"));
            }
        }
        _ => {}
    }
}

/// Marks an author given as an `@id` reference, until it is resolved.
const LD_REF: char = '\u{0}';

/// `@id` → name of every named non-organisation node (Yoast-style graphs
/// name the author once, as a `Person` node, and refer to it by `@id`).
fn ld_people(v: &Value, out: &mut HashMap<String, String>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| ld_people(x, out)),
        Value::Object(o) => {
            let org = o
                .get("@type")
                .and_then(|t| t.as_str())
                .is_some_and(|t| t.contains("Organization") || t.contains("WebSite"));
            if !org
                && let (Some(id), Some(name)) = (
                    o.get("@id").and_then(|x| x.as_str()),
                    o.get("name").and_then(|x| x.as_str()),
                )
            {
                out.entry(id.to_string()).or_insert_with(|| clean(name));
            }
            o.values().for_each(|x| ld_people(x, out));
        }
        _ => {}
    }
}

/// Replace `@id` author references by the names they point to; drop the
/// ones that point nowhere.
fn resolve_refs(facts: &mut [LdFacts], people: &HashMap<String, String>) {
    for f in facts {
        f.authors = f
            .authors
            .drain(..)
            .filter_map(|a| match a.strip_prefix(LD_REF) {
                Some(id) => people.get(id).cloned(),
                None => Some(a),
            })
            .collect();
    }
}

static LD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(datePublished|dateModified|dateCreated)"\s*:\s*"([^"]{6,40})""#)
        .expect("static regex")
});

/// Collect the page metadata. `url` is the page URL when the caller knows it.
pub(crate) fn collect(dom: &Dom, url: Option<&str>) -> Meta {
    let mut m = Meta::default();
    let mut metas: Vec<(String, &str)> = Vec::new();
    let mut canonical: Option<String> = None;
    let mut time_pub: Option<Date> = None;
    let mut time_any: Option<Date> = None;
    let mut itemprop_pub: Option<Date> = None;
    let mut itemprop_mod: Option<Date> = None;
    // Names of the first byline element only (later ones are teasers' and
    // commenters' names).
    let mut byline_authors: Vec<String> = Vec::new();
    let mut byline_skip_until = 0usize;
    // Names of the first author-page link and of the first "By …" label.
    let mut link_authors: Vec<String> = Vec::new();
    let mut label_authors: Vec<String> = Vec::new();
    let mut month_first = false;
    let mut rdfa_pub: Vec<(Date, Zone)> = Vec::new();
    let mut author_cache: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    let mut not_byline_cache: std::collections::HashMap<&str, bool> =
        std::collections::HashMap::new();
    for (i, n) in dom.nodes.iter().enumerate() {
        let e = match n.kind {
            Kind::Elem(e) => e,
            Kind::Text(t) => {
                if label_authors.is_empty() && !n.hard && i >= byline_skip_until {
                    label_authors = byline::label_names(dom, i, t);
                }
                continue;
            }
        };
        if link_authors.is_empty() && !n.hard && i >= byline_skip_until {
            link_authors = byline::link_names(dom, i, n, e);
        }
        // Comment sections and forms hold commenters' names, not bylines.
        // (not on the page's containers: `<body class="has-sidebar
        // footer-on-bottom">` describes the layout, not a region)
        if byline_authors.is_empty()
            && i >= byline_skip_until
            && !matches!(e.name(), "html" | "body" | "main" | "article")
            && (e.name() == "form"
                || e.attribute("class").is_some_and(|c| {
                    *not_byline_cache
                        .entry(c)
                        .or_insert_with(|| NOT_BYLINE.is_match(c))
                })
                || e.attribute("id").is_some_and(|c| NOT_BYLINE.is_match(c)))
        {
            byline_skip_until = byline_skip_until.max(n.end);
        }
        match e.name() {
            "html" => {
                if let Some(l) = e.attribute("lang").or_else(|| e.attribute("xml:lang")) {
                    let l = l.trim();
                    if !l.is_empty() {
                        m.language = Some(l.to_string());
                        month_first =
                            l.eq_ignore_ascii_case("en-us") || l.eq_ignore_ascii_case("en");
                    }
                }
            }
            "meta" => {
                let key = e
                    .attribute("property")
                    .or_else(|| e.attribute("name"))
                    .or_else(|| e.attribute("itemprop"))
                    .or_else(|| e.attribute("http-equiv"));
                if let (Some(k), Some(c)) = (key, e.attribute("content")) {
                    metas.push((k.trim().to_ascii_lowercase(), c));
                }
            }
            "link" => {
                if let Some(rel) = e.attribute("rel")
                    && rel
                        .split_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                    && let Some(h) = e.attribute("href")
                    && h.starts_with("http")
                {
                    canonical.get_or_insert_with(|| h.trim().to_string());
                }
            }
            "h1" if m.h1.is_none() && !n.hard => m.h1 = Some(i),
            "time" if !n.hard => {
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
                        time_pub.get_or_insert(d);
                    } else if !(cls.contains("modif") || cls.contains("updat")) {
                        time_any.get_or_insert(d);
                    }
                }
            }
            _ => {}
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
                rdfa_pub.extend(dates::parse_value_zone(c, month_first));
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
                if itemprop_pub.is_none() {
                    itemprop_pub = dates::parse_value(&val(), month_first);
                }
            } else if ip.contains("datemodified") {
                if itemprop_mod.is_none() {
                    itemprop_mod = dates::parse_value(&val(), month_first);
                }
            } else if (ip == "author" || ip == "creator")
                && e.name() != "meta"
                && e.name() != "link"
            {
                let t = subtree_text_capped(dom, i, 300);
                byline_authors.extend(split_names(&t));
            }
        }
        if e.name() != "meta"
            && !n.hard
            && byline_authors.is_empty()
            && i >= byline_skip_until
            && (e.attribute("rel").is_some_and(|r| r.contains("author"))
                || e.attribute("class").is_some_and(|c| {
                    *author_cache
                        .entry(c)
                        .or_insert_with(|| c.split_whitespace().any(|t| AUTHOR_CLASS.is_match(t)))
                })
                || e.attribute("id").is_some_and(|c| AUTHOR_CLASS.is_match(c)))
        {
            let t = subtree_text_capped(dom, i, 600);
            if t.len() <= 600 && t.chars().count() <= 120 {
                byline_authors.extend(split_names(&t));
            }
        }
    }
    let meta_get = |keys: &[&str]| -> Option<&str> {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(mk, c)| mk == k && !c.trim().is_empty())
                .map(|(_, c)| *c)
        })
    };
    // JSON-LD.
    let mut facts = Vec::new();
    let mut people = HashMap::new();
    for s in &dom.json_ld {
        match serde_json::from_str::<Value>(s.trim()) {
            Ok(v) => {
                ld_walk(&v, &mut facts);
                ld_people(&v, &mut people);
            }
            Err(_) => {
                let mut f = LdFacts::default();
                for c in LD_DATE.captures_iter(s) {
                    let v = c.get(2).map(|g| g.as_str().to_string());
                    match c.get(1).map(|g| g.as_str()) {
                        Some("dateModified") => f.modified = f.modified.or(v),
                        _ => f.published = f.published.or(v),
                    }
                }
                facts.push(f);
            }
        }
    }
    resolve_refs(&mut facts, &people);
    facts.sort_by_key(|f| !f.article);
    // Published candidates from JSON-LD and meta tags, in order of trust.
    let mut ld_cands: Vec<(Date, Zone)> = Vec::new();
    for f in &facts {
        if let Some(v) = f
            .published
            .as_deref()
            .and_then(|s| dates::parse_value_zone(s, month_first))
        {
            ld_cands.push(v);
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
    // Meta tags first, as htmldate's header search does; JSON-LD next.
    let mut pub_cands = meta_cands;
    pub_cands.extend(ld_cands);
    pub_cands.extend(rdfa_pub.iter().copied());
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
        // No local stamp: the page's language tells the likely offset.
        let shift = match utc_offset_region(m.language.as_deref()) {
            Region::Europe if hour >= 22 => 1,
            Region::EastAsia if hour >= 15 => 1,
            _ => 0,
        };
        dates::add_days(d, shift).unwrap_or(d)
    });
    let ld_mod = facts.iter().find_map(|f| {
        f.modified
            .as_deref()
            .and_then(|s| dates::parse_value(s, month_first))
    });
    let meta_mod = UPDATED_KEYS.iter().find_map(|k| {
        metas
            .iter()
            .filter(|(mk, _)| mk == k)
            .find_map(|(_, c)| dates::parse_value(c, month_first))
    });
    m.published = ld_meta_pub.or(itemprop_pub).or(time_pub);
    m.updated = ld_mod.or(meta_mod).or(itemprop_mod);
    let structured = m.published.is_some();
    let mut visible = None;
    if m.published.is_none() {
        let (text, _) = visible.get_or_insert_with(|| visible_text(dom, m.h1));
        m.published = labelled_date(text, month_first);
    }
    if m.published.is_none() {
        let (p, u) = visible_dates(dom, m.h1, month_first, &mut visible);
        m.published = time_any.or(p);
        if m.updated.is_none() {
            m.updated = u;
        }
    }
    // URL.
    let og_url = meta_get(&["og:url"])
        .map(|s| s.trim().to_string())
        .filter(|s| s.starts_with("http"));
    m.url = canonical.or(og_url);
    let url_date = url.or(m.url.as_deref()).and_then(dates::from_url);
    match (m.published, url_date) {
        (None, u) => m.published = u,
        // The URL is set at publication, in the outlet's local time: a stamp
        // one day off is a time-zone shift.
        (Some(p), Some(u)) if u.is_day() && dates::day_gap(p, u) == 1 => m.published = Some(u),
        // A full URL date outranks dates read off the visible page.
        (Some(_), Some(u)) if u.is_day() && !structured => m.published = Some(u),
        _ => {}
    }
    if let (Some(p), Some(u)) = (m.published, m.updated)
        && (u <= p)
    {
        m.updated = None;
    }
    // Title.
    let site = meta_get(&["og:site_name", "application-name"]).map(clean);
    let meta_title = meta_get(TITLE_KEYS).map(clean);
    let headline = facts.iter().find_map(|f| f.headline.clone());
    let h1_text = m.h1.map(|i| subtree_text(dom, i));
    let page_title = dom.title.as_deref().map(clean);
    m.title = super::title::choose(
        meta_title.as_deref(),
        headline.as_deref(),
        h1_text.as_deref(),
        page_title.as_deref(),
        site.as_deref(),
    );
    // Authors.
    // each source's names are checked before the next source is consulted:
    // a JSON-LD author that is no name (an unresolved reference, a URL) must
    // not hide the byline
    let mut authors: Vec<String> = facts
        .iter()
        .flat_map(|f| f.authors.iter().flat_map(|a| split_declared(a)))
        .collect();
    if authors.is_empty() {
        for k in AUTHOR_KEYS {
            for (_, c) in metas.iter().filter(|(mk, _)| mk == k) {
                if !c.contains("://") && !c.starts_with('@') {
                    authors.extend(split_declared(c));
                }
            }
            if !authors.is_empty() {
                break;
            }
        }
    }
    if authors.is_empty()
        && let Some(c) = byline::twitter_written_by(&metas)
    {
        authors.extend(split_declared(c));
    }
    for found in [byline_authors, link_authors, label_authors] {
        if authors.is_empty() {
            authors = found.iter().flat_map(|a| split_declared(a)).collect();
        }
    }
    let mut seen = Vec::new();
    for a in authors {
        if !seen.iter().any(|s: &String| s.eq_ignore_ascii_case(&a)) {
            seen.push(a);
        }
    }
    m.authors = seen;
    m.outlet = meta_get(OUTLET_KEYS)
        .map(clean)
        .filter(|s| !s.is_empty() && !s.starts_with('@'))
        .or_else(|| facts.iter().find_map(|f| f.publisher.clone()));
    let mut tags: Vec<String> = Vec::new();
    for k in TAG_KEYS {
        for (_, c) in metas.iter().filter(|(mk, _)| mk == k) {
            tags.extend(c.split([',', ';']).map(clean).filter(|s| !s.is_empty()));
        }
        if !tags.is_empty() {
            break;
        }
    }
    if tags.is_empty() {
        tags = facts
            .iter()
            .flat_map(|f| f.keywords.iter().cloned())
            .collect();
    }
    tags.dedup();
    m.tags = tags;
    if m.language.is_none() {
        m.language = meta_get(&["content-language", "language", "dc.language", "og:locale"])
            .map(|s| s.trim().replace('_', "-"))
            .filter(|s| !s.is_empty());
    }
    m
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
                c.to_ascii_lowercase().contains("comment")
                    || c.to_ascii_lowercase().contains("footer")
                    || c.to_ascii_lowercase().contains("copyright")
            });
        if is_date_el && !in_footer(dom, i) {
            let mut t = subtree_text_capped(dom, i, 1000);
            if t.is_empty() {
                t = e
                    .attribute("title")
                    .or_else(|| e.attribute("content"))
                    .or_else(|| e.attribute("datetime"))
                    .unwrap_or("")
                    .to_string();
            }
            if t.len() <= 1000 && t.chars().count() <= 200 {
                let (p, u) = split_labelled(&t, month_first);
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
    let found: Vec<(usize, Date)> = dates::find_all(text, month_first)
        .into_iter()
        .filter(|(pos, _)| near.contains(pos))
        .filter(|(pos, _)| {
            let mut from = pos.saturating_sub(20);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let before = text.get(from..*pos).unwrap_or("").to_lowercase();
            !(before.contains('©') || before.contains("copyright") || before.contains("(c)"))
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

/// Words that label a date as the publication date, in several languages.
static PUBLISH_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)published|publication date|posted|publié|date de publication|publicado|publicada|pubblicato|veröffentlicht|erschienen|erstellt|gepostet|publiceret|publicerad|publisert|gepubliceerd|opublikowano|опубликовано")
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
    for (i, node) in dom.nodes.iter().enumerate() {
        if i == start {
            mark_at = text.len();
        }
        if node.hard {
            continue;
        }
        match node.kind {
            Kind::Text(t) => super::content::fold_into(&mut text, t, &mut p),
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
        } else {
            published.get_or_insert(d);
        }
    }
    (published, updated)
}
