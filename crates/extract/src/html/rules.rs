//! Boilerplate and structure rules for HTML pages, as data.
//!
//! Tag classes follow the HTML Living Standard (block vs. phrasing content);
//! the class/id patterns follow Mozilla Readability's `unlikelyCandidates`,
//! `positive` and `negative` expressions, extended with widget names common on
//! news sites (share bars, newsletter boxes, "most read" and "latest" lists).

use super::dom::Attribute;
use regex::Regex;
use scraper::node::Element;
use std::sync::LazyLock;

/// Elements whose contents are never read as text (scripts, styles, embedded
/// media, form controls). JSON-LD scripts and `<title>` are read by the
/// metadata pass.
pub(crate) const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "picture", "select", "textarea", "button", "input", "title", "map",
    "dialog",
];

/// Elements that are never main content, whatever their class says.
/// (`<fieldset>` is not among them: old blog templates frame the post in one.)
const HARD_TAGS: &[&str] = &["head", "nav", "footer", "aside", "menu"];

/// Block-level elements: a text run ends at their start and end.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "caption",
    "menu",
    "option",
    "legend",
];

/// A tag list sorted for binary search (every element of every page is
/// looked up, so a linear scan of string compares shows in profiles).
fn sorted(list: &[&'static str]) -> Vec<&'static str> {
    let mut v = list.to_vec();
    v.sort_unstable();
    v
}

static BLOCK_SORTED: LazyLock<Vec<&'static str>> = LazyLock::new(|| sorted(BLOCK_TAGS));
static SKIP_SORTED: LazyLock<Vec<&'static str>> = LazyLock::new(|| sorted(SKIP_TAGS));

/// True for block-level elements.
pub(crate) fn is_block(tag: &str) -> bool {
    BLOCK_SORTED.binary_search(&tag).is_ok()
}

/// True for elements whose contents are never read as text ([`SKIP_TAGS`]).
pub(crate) fn is_skipped(tag: &str) -> bool {
    SKIP_SORTED.binary_search(&tag).is_ok()
}

/// Class/id tokens of boilerplate containers (Readability's
/// `unlikelyCandidates` plus news widgets).
static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)-ad-|^ad-|^ads?$|adsbygoogle|advert|ai2html|banner|breadcrumb|combx|comment|community|cookie|consent|cover-wrap|disqus|extra|gdpr|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|modal|yom-remote|share|sharing|newsletter|subscri|signup|sign-up|promo|recommend|more-stories|morestories|most-read|mostread|most-popular|popular|trending|latest|outbrain|taboola|toolbar|tags|tag-list|taglist|keywords|author-bio|authorbio|author-info|about-author|byline|dateline|print|widget|teaser|navigation|navbar|masthead|footer|header|^hidden$|^is-hidden$|^d-none$|sr-only|visually-hidden|screen-reader|caption|credit|read-more|readmore|also-read|see-also|further|next-article|prev-article|breaking|ticker|jump|topics|follow|alert|rollover-[a-z-]*block|hovercard|tooltip|popover|flyout",
    )
    .expect("static regex")
});

/// Tokens that rescue a container matched by [`UNLIKELY`] (Readability's
/// `okMaybeItsACandidate`).
static MAYBE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)and|article|body|column|content|main|shadow|story|entry|post-text|text|embed|tweet",
    )
    .expect("static regex")
});

/// Readability's `positive` class weight pattern.
pub(crate) static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|paragraph|prose|rich")
        .expect("static regex")
});

/// Readability's `negative` class weight pattern.
pub(crate) static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|byline|author|teaser|card|list")
        .expect("static regex")
});

/// ARIA roles that are never main content.
const HARD_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "banner",
    "contentinfo",
    "menu",
    "menubar",
    "search",
    "dialog",
    "alert",
    "alertdialog",
    "toolbar",
    "tooltip",
];

/// Elements that can never be dropped by class (the page skeleton).
/// Elements that are never main content in the strict pass (captions).
const SOFT_TAGS: &[&str] = &["figcaption"];

const KEEP_TAGS: &[&str] = &[
    "html", "body", "main", "article", "a", "p", "em", "strong", "b", "i", "h2", "h3", "h4",
];

/// Never content: by tag or ARIA role (hidden elements: [`is_hidden`]).
pub(crate) fn is_hard_boiler(e: &Element) -> bool {
    let tag = e.name();
    if HARD_TAGS.contains(&tag) {
        return true;
    }
    if let Some(r) = e.attribute("role")
        && HARD_ROLES.iter().any(|h| r.eq_ignore_ascii_case(h))
    {
        return true;
    }
    false
}

/// Hidden by the page: the `hidden` attribute, `display:none` or
/// `visibility:hidden` inline. Streaming server renderers (React's
/// `<div hidden id="S:0">`) ship the whole article hidden and reveal it by
/// script, so a last extraction pass reads hidden elements too.
pub(crate) fn is_hidden(e: &Element) -> bool {
    if e.attribute("hidden").is_some() {
        return true;
    }
    if let Some(s) = e.attribute("style") {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Boilerplate by class or id (may be lifted when the strict pass finds too
/// little text).
///
/// `cache` remembers the verdict per class attribute (pages repeat the same
/// few class strings thousands of times).
pub(crate) fn is_soft_boiler<'a>(
    e: &'a Element,
    cache: &mut std::collections::HashMap<&'a str, bool>,
) -> bool {
    let tag = e.name();
    if SOFT_TAGS.contains(&tag) {
        return true;
    }
    if KEEP_TAGS.contains(&tag) {
        return false;
    }
    let unlikely = |tok: &str| UNLIKELY.is_match(tok) && !MAYBE.is_match(tok);
    // A class attribute naming both a widget and its content kind
    // ("elementor-widget elementor-widget-text-editor") is rescued as a
    // whole, as Readability reads `className + id` as one string.
    if let Some(class) = e.attribute("class").filter(|c| !c.trim().is_empty()) {
        let v = *cache
            .entry(class)
            .or_insert_with(|| class.split_whitespace().any(unlikely) && !MAYBE.is_match(class));
        if v {
            return true;
        }
    }
    e.attribute("id")
        .is_some_and(|id| !id.is_empty() && unlikely(id))
}

/// Readability's class weight: +25 for a positive class or id, -25 for a negative one.
pub(crate) fn class_weight(e: &Element) -> f32 {
    let mut w = 0.0;
    for s in [e.attribute("class"), e.attribute("id")]
        .into_iter()
        .flatten()
    {
        if s.is_empty() {
            continue;
        }
        if NEGATIVE.is_match(s) {
            w -= 25.0;
        }
        if POSITIVE.is_match(s) {
            w += 25.0;
        }
    }
    w
}

/// Readability's initial score by tag.
pub(crate) fn tag_weight(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}
