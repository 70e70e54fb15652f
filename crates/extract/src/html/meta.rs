//! Page metadata: title, authors, dates, outlet, tags, language, URL, read
//! in one pass over the page's elements. The dates are weighed in
//! [`super::published`].

use super::byline::{self, AUTHOR_CLASS, AUTHOR_KEYS, split_declared, split_names};
use super::dates::Date;
use super::dom::{Attribute, Dom, Kind};
use super::published;
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

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

/// Class/id fragments of regions whose names are not bylines.
static NOT_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[-_ ])(?:comments?|respond|reply|replies|form|related|teasers?|recommend(?:ed|ations?)?|more|sidebar|footer)(?:$|[-_ ])")
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
    /// The first few visible `<h1>`s (a call to action may come before the
    /// headline).
    pub h1s: Vec<usize>,
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
    text_capped(dom, i, cap, false)
}

/// [`subtree_text_capped`] without the text of taxonomy links (`rel="tag"`,
/// `rel="category"`): a byline "Ana Ruiz in Music, Toys" names one author.
fn byline_text_capped(dom: &Dom, i: usize, cap: usize) -> String {
    text_capped(dom, i, cap, true)
}

/// The text of node `i`'s subtree up to about `cap` bytes; with
/// `skip_taxonomy`, the subtrees of `rel="tag"`/`rel="category"` links are
/// left out.
fn text_capped(dom: &Dom, i: usize, cap: usize, skip_taxonomy: bool) -> String {
    let mut out = String::new();
    let mut p = false;
    let end = dom.nodes.get(i).map_or(i, |n| n.end);
    let mut k = i;
    while k < end {
        let Some(n) = dom.nodes.get(k) else { break };
        match n.kind {
            Kind::Text(t) => super::content::fold_into(&mut out, t, &mut p),
            Kind::Elem(e)
                if skip_taxonomy
                    && e.attribute("rel").is_some_and(|r| {
                        r.split_whitespace().any(|r| r == "tag" || r == "category")
                    }) =>
            {
                k = n.end.max(k + 1);
                continue;
            }
            Kind::Elem(e) if super::rules::is_block(e.name()) || e.name() == "br" => p = true,
            Kind::Elem(_) => {}
        }
        if out.len() > cap {
            break;
        }
        k += 1;
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

/// A site name given as a URL (`og:site_name` = "https://www.example.in"):
/// its host without "www." ("example.in"); `None` when `s` is no URL.
fn site_of_url(s: &str) -> Option<String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    Some(host.to_ascii_lowercase())
}

/// Visible `<h1>`s considered for the title.
const MAX_H1S: usize = 4;

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
    let mut ev = published::Evidence::default();
    // Names of the first byline element only (later ones are teasers' and
    // commenters' names).
    let mut byline_authors: Vec<String> = Vec::new();
    let mut byline_skip_until = 0usize;
    // Names of the first author-page link and of the first "By …" label.
    let mut link_authors: Vec<String> = Vec::new();
    let mut label_authors: Vec<String> = Vec::new();
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
                        ev.month_first =
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
            "h1" if !n.hard && m.h1s.len() < MAX_H1S => {
                m.h1.get_or_insert(i);
                m.h1s.push(i);
            }
            _ => {}
        }
        ev.element(dom, i, n, e);
        if let Some(ip) = e.attribute("itemprop") {
            let ip = ip.to_ascii_lowercase();
            if (ip == "author" || ip == "creator") && e.name() != "meta" && e.name() != "link" {
                let t = byline_text_capped(dom, i, 300);
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
            let t = byline_text_capped(dom, i, 600);
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
    let og_url = meta_get(&["og:url"])
        .map(|s| s.trim().to_string())
        .filter(|s| s.starts_with("http"));
    m.url = canonical.or(og_url);
    let page = published::Page {
        dom,
        metas: &metas,
        ld: facts
            .iter()
            .map(|f| published::LdDates {
                published: f.published.as_deref(),
                modified: f.modified.as_deref(),
                article: f.article,
            })
            .collect(),
        language: m.language.as_deref(),
        h1: m.h1,
        url: url.or(m.url.as_deref()),
    };
    (m.published, m.updated) = published::decide(&page, &ev);
    // Title.
    let site = meta_get(&["og:site_name", "application-name"]).map(clean);
    let meta_title = meta_get(TITLE_KEYS).map(clean);
    let headline = facts.iter().find_map(|f| f.headline.clone());
    let h1_texts: Vec<String> = m.h1s.iter().map(|&i| subtree_text(dom, i)).collect();
    let h1_texts: Vec<&str> = h1_texts.iter().map(String::as_str).collect();
    let page_title = dom.title.as_deref().map(clean);
    m.title = super::title::choose(
        meta_title.as_deref(),
        headline.as_deref(),
        &h1_texts,
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
    // The outlet as the declared author (JSON-LD `"author": "USA TODAY"`)
    // gives way to the byline the page shows when that names someone else.
    if !authors.is_empty() && !byline_authors.is_empty() {
        let publisher = facts.iter().filter_map(|f| f.publisher.as_deref());
        let sites = meta_get(&["og:site_name", "application-name", "publisher"]);
        let outlet = super::outlet::Outlet::new(
            sites.into_iter().chain(publisher),
            dom.title.as_deref(),
            url.or(m.url.as_deref()),
        );
        let shown = |a: &str| {
            [&byline_authors, &link_authors, &label_authors]
                .iter()
                .any(|v| v.iter().any(|b| b.eq_ignore_ascii_case(a)))
        };
        let other = byline_authors.iter().any(|b| !outlet.is(b));
        if other {
            authors.retain(|a| !outlet.is(a) || shown(a));
        }
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
        .map(|s| site_of_url(&s).unwrap_or(s))
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
