//! Page type: article, listing, forum, product, collection, documentation,
//! service or other, by a linear model over hashed page features
//! (`quotewire-learn`'s averaged perceptron), trained on the WCXB dev pages
//! (`examples/train_page_type.rs`, `models/MODEL_CARD.md`).
//!
//! Features (no text of the page beyond its `<title>`): JSON-LD `@type`s,
//! `og:type`, URL path words and depth, class/id words, counts of telling
//! elements (articles, list items, links, forms, inputs, buttons, tables,
//! code, headings, times, images), the main text's size and share of the
//! page, the page's link density, currency amounts, the words of the
//! `<title>`, and the words of the visible text (each feature counts once).

use super::dom::{Attribute, Dom, Kind};
use quotewire_learn::{Features, Model};
use regex::Regex;
use std::sync::LazyLock;

/// The feature function's name and version, stored in the weights file and
/// checked when it is loaded.
pub(crate) const FEATURES_META: &str = "quotewire-extract page_type v1";

/// The committed weights (`models/page_type.qwlm`).
const WEIGHTS: &[u8] = include_bytes!("../../models/page_type.qwlm");

/// The frozen model, `None` when the committed file does not load (then no
/// page type is given).
static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| {
    let m = Model::from_bytes(WEIGHTS).ok()?;
    m.check_meta(FEATURES_META).ok()?;
    Some(m)
});

/// `"@type": "X"` in JSON-LD.
static LD_TYPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""@type"\s*:\s*"([A-Za-z]{2,40})""#).expect("static regex"));

/// A currency amount: "$12", "€ 9,99", "£5".
static PRICE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[$€£¥]\s?\d").expect("static regex"));

/// Elements counted (bucketed) as features.
const COUNTED: &[&str] = &[
    "article",
    "li",
    "a",
    "form",
    "input",
    "button",
    "table",
    "pre",
    "code",
    "h2",
    "h3",
    "time",
    "img",
    "select",
    "textarea",
    "dl",
    "blockquote",
    "section",
];

/// At most this many class/id words per page are read.
const MAX_CLASS_WORDS: usize = 20000;

/// At most this many words of the visible text per page are read.
const MAX_TEXT_WORDS: usize = 12000;

/// ⌊log2(n+1)⌋, the bucket of a count.
fn bucket(n: usize) -> i64 {
    i64::from(usize::BITS - (n + 1).leading_zeros()) - 1
}

/// Words of an identifier or path ("post-detail__metaAuthor" → post,
/// detail, meta, author), lower case, 3 to 16 letters.
fn words(s: &str, out: &mut Vec<String>) {
    for chunk in s.split(|c: char| !c.is_ascii_alphabetic()) {
        let mut start = 0;
        let b = chunk.as_bytes();
        for i in 1..=b.len() {
            let split =
                i == b.len() || (b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase());
            if split {
                let w = &chunk[start..i];
                if (3..=16).contains(&w.len()) {
                    out.push(w.to_ascii_lowercase());
                }
                start = i;
            }
        }
    }
}

/// The page's feature keys. `url` is the page URL (caller's or canonical);
/// `main_chars` the chars of the extracted main text.
pub(crate) fn features(dom: &Dom, url: Option<&str>, main_chars: usize) -> Vec<u64> {
    let mut f = Features::new();
    f.add(0, "bias");
    for s in &dom.json_ld {
        for c in LD_TYPE.captures_iter(s) {
            f.add(1, &c[1]);
        }
    }
    if let Some(u) = url {
        let path = u
            .split_once("://")
            .map_or(u, |(_, r)| r.split_once('/').map_or("", |(_, p)| p));
        let path = path.split(['?', '#']).next().unwrap_or("");
        let segs = path.split('/').filter(|s| !s.is_empty()).count();
        f.add_int(4, segs.min(8) as i64);
        let mut ws = Vec::new();
        words(path, &mut ws);
        for w in ws.iter().take(16) {
            f.add(3, w);
        }
    } else {
        f.add(4, "no-url");
    }
    let mut counts = vec![0usize; COUNTED.len()];
    // Words read so far (duplicates included; the keys are deduplicated at
    // the end, so every feature counts once).
    let (mut class_words, mut text_words) = (0usize, 0usize);
    let mut ws = Vec::new();
    let mut low = String::new();
    let (mut chars, mut link_chars, mut prices) = (0usize, 0usize, 0usize);
    let mut link_end = 0;
    for (i, n) in dom.nodes.iter().enumerate() {
        match n.kind {
            Kind::Elem(e) => {
                let tag = e.name();
                if let Some(k) = COUNTED.iter().position(|t| *t == tag) {
                    counts[k] += 1;
                }
                if tag == "a" && i >= link_end {
                    link_end = n.end;
                }
                if tag == "meta"
                    && e.attribute("property") == Some("og:type")
                    && let Some(c) = e.attribute("content")
                {
                    f.add(2, &c.trim().to_ascii_lowercase());
                }
                if class_words < MAX_CLASS_WORDS {
                    ws.clear();
                    for a in [e.attribute("class"), e.attribute("id")]
                        .into_iter()
                        .flatten()
                    {
                        words(a, &mut ws);
                    }
                    for w in &ws {
                        f.add(5, w);
                    }
                    class_words += ws.len();
                }
            }
            Kind::Text(t) if !n.hard => {
                if text_words < MAX_TEXT_WORDS {
                    for w in t.split(|c: char| !c.is_alphabetic()) {
                        if (3..=15).contains(&w.chars().count()) && text_words < MAX_TEXT_WORDS {
                            low.clear();
                            low.extend(w.chars().flat_map(char::to_lowercase));
                            f.add(13, &low);
                            text_words += 1;
                        }
                    }
                }
                let c = t.trim().chars().count();
                chars += c;
                if i < link_end {
                    link_chars += c;
                }
                if t.len() < 2000 {
                    prices += PRICE.find_iter(t).count();
                }
            }
            Kind::Text(_) => {}
        }
    }
    for (k, c) in counts.iter().enumerate() {
        f.add2(6, COUNTED[k], &bucket(*c).to_string());
    }
    f.add_int(7, bucket(main_chars));
    f.add_int(8, bucket(chars));
    f.add_int(9, (main_chars * 10 / chars.max(1)).min(10) as i64);
    f.add_int(10, (link_chars * 10 / chars.max(1)).min(10) as i64);
    f.add_int(11, bucket(prices));
    if let Some(t) = &dom.title {
        for w in t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3)
            .take(20)
        {
            f.add(12, &w.to_lowercase());
        }
    }
    let mut keys = f.keys().to_vec();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The page type of a page with these feature keys; `None` without a model.
pub(crate) fn classify(keys: &[u64]) -> Option<String> {
    let m = MODEL.as_ref()?;
    let mut buf = Vec::new();
    let k = m.predict(keys, &mut buf);
    m.classes().get(k).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_weights_load() {
        let m = MODEL
            .as_ref()
            .expect("models/page_type.qwlm loads and has this feature function");
        let classes: Vec<&str> = m.classes().iter().map(String::as_str).collect();
        assert_eq!(classes, quotewire_doc::PAGE_TYPES);
        assert!(m.n_features() > 1000);
    }

    #[test]
    fn words_split_identifiers() {
        let mut w = Vec::new();
        words("post-detail__metaAuthor x1 ab", &mut w);
        assert_eq!(w, ["post", "detail", "meta", "author"]);
        assert_eq!((bucket(0), bucket(1), bucket(3), bucket(4)), (0, 1, 2, 2));
    }
}
