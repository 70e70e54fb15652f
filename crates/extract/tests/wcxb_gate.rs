//! Gates on WCXB dev (`../shared/data/wcxb`, CC-BY-4.0; never committed):
//! main-text word F1 (the benchmark's `evaluate.py` metric), title exact
//! match and page type on a fixed sample of the pages (every
//! [`STRIDE`]-th id, all page types), pinned a little below today's values
//! so a regression fails CI. Skips with a message when the data is absent;
//! fails when `CI` is set and the data is missing.

use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Every STRIDE-th page (sorted ids) is scored (keeps the gate to seconds).
const STRIDE: usize = 8;

fn wcxb() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/wcxb");
    if dir.join("ground-truth.json").exists() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but {} is missing",
        dir.display()
    );
    eprintln!("skipping: {} not found", dir.display());
    None
}

/// `re.findall(r'\w+', s.lower())` as a bag of words.
fn bag(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in s
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_string()).or_insert(0) += 1;
    }
    m
}

/// evaluate.py's word F1 of one page.
fn word_f1(pred: &str, gold: &str) -> f64 {
    let (p, g) = (bag(pred), bag(gold));
    let (np, ng): (usize, usize) = (p.values().sum(), g.values().sum());
    if ng == 0 {
        return if np == 0 { 1.0 } else { 0.0 };
    }
    if np == 0 {
        return 0.0;
    }
    let overlap: usize = p
        .iter()
        .map(|(w, c)| (*c).min(*g.get(w).unwrap_or(&0)))
        .sum();
    let (pr, rc) = (overlap as f64 / np as f64, overlap as f64 / ng as f64);
    if pr + rc == 0.0 {
        0.0
    } else {
        2.0 * pr * rc / (pr + rc)
    }
}

/// The scorer's title normalisation, roughly: lower case, punctuation and
/// symbols to spaces, spaces collapsed.
fn norm(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `score_wcxb.py`'s author match, roughly: the gold's words (without "and")
/// equal one predicted author's, or all predicted authors' in order.
fn author_hit(gold: &str, pred: &[String]) -> bool {
    let names = |s: &str| -> Vec<String> {
        norm(s)
            .split(' ')
            .filter(|w| !w.is_empty() && *w != "and")
            .map(str::to_string)
            .collect()
    };
    let g = names(gold);
    let all: Vec<String> = pred.iter().flat_map(|p| names(p)).collect();
    !pred.is_empty() && (pred.iter().any(|p| names(p) == g) || all == g)
}

#[test]
fn wcxb_dev_gate() {
    let Some(dir) = wcxb() else { return };
    let gold: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).unwrap())
            .unwrap();
    let types: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("page_types.json")).unwrap())
            .unwrap();
    let mut ids: Vec<&String> = gold.keys().collect();
    ids.sort();
    let (mut f1_art, mut n_art, mut f1_all, mut n_all) = (0.0, 0usize, 0.0, 0usize);
    let (mut title_ok, mut n_title, mut type_ok) = (0usize, 0usize, 0usize);
    let (mut author_ok, mut n_author) = (0usize, 0usize);
    let (mut false_author, mut n_no_author) = (0usize, 0usize);
    let (mut day_ok, mut n_day, mut false_date) = (0usize, 0usize, 0usize);
    for id in ids.into_iter().step_by(STRIDE) {
        let mut raw = Vec::new();
        let f = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).unwrap();
        GzDecoder::new(f).read_to_end(&mut raw).unwrap();
        let doc = quotewire_extract::extract_html(id, None, &raw, None, Default::default());
        let g = &gold[id.as_str()];
        let f1 = word_f1(&doc.text, g["main_content"].as_str().unwrap_or(""));
        let ty = types
            .get(id.as_str())
            .and_then(|t| t.as_str())
            .unwrap_or("");
        if ty == "article" {
            f1_art += f1;
            n_art += 1;
            if let Some(t) = g["title"].as_str().filter(|t| !t.is_empty()) {
                n_title += 1;
                title_ok += usize::from(doc.meta.title.as_deref().map(norm) == Some(norm(t)));
            }
            // score_wcxb.py's date figures: the day right over pages with a
            // full gold date; a false date over all articles (a date given
            // where the gold has none, or another day).
            let gd = g["publish_date"].as_str().unwrap_or("").trim();
            let pd = doc.meta.published.as_deref().unwrap_or("");
            let full = gd.len() == 10 && gd.as_bytes()[4] == b'-' && gd.as_bytes()[7] == b'-';
            if full {
                n_day += 1;
                day_ok += usize::from(pd.get(..10) == Some(gd));
            }
            false_date += usize::from(
                !pd.is_empty()
                    && if full {
                        pd.get(..10) != Some(gd)
                    } else {
                        !pd.starts_with(gd) || gd.is_empty()
                    },
            );
            if let Some(a) = g["author"].as_str().filter(|a| !a.is_empty()) {
                n_author += 1;
                author_ok += usize::from(author_hit(a, &doc.meta.authors));
            } else {
                // score_wcxb.py's false-author rate: an author given where
                // the gold has none
                n_no_author += 1;
                false_author += usize::from(doc.meta.authors.iter().any(|a| !norm(a).is_empty()));
            }
        }
        f1_all += f1;
        n_all += 1;
        type_ok += usize::from(doc.meta.page_type.as_deref() == Some(ty));
    }
    let (art, all) = (f1_art / n_art as f64, f1_all / n_all as f64);
    let title = title_ok as f64 / n_title as f64;
    let page_type = type_ok as f64 / n_all as f64;
    let author = author_ok as f64 / n_author as f64;
    let day = day_ok as f64 / n_day as f64;
    let false_rate = false_date as f64 / n_art as f64;
    let false_author_rate = false_author as f64 / n_no_author as f64;
    eprintln!(
        "WCXB dev sample: {n_art} articles F1 {art:.4}, {n_all} pages F1 {all:.4}, title exact {title:.4}, author {author:.4} ({n_author}), published day {day:.4} ({n_day}), false dates {false_rate:.4}, false authors {false_author_rate:.4} ({n_no_author}), page type {page_type:.4} (in-sample)"
    );
    assert!(n_all > 150 && n_art > 80, "{n_all} pages, {n_art} articles");
    assert!(art >= ART_F1_GATE, "articles F1 {art:.4} < {ART_F1_GATE}");
    assert!(all >= ALL_F1_GATE, "all-types F1 {all:.4} < {ALL_F1_GATE}");
    assert!(title >= TITLE_GATE, "title exact {title:.4} < {TITLE_GATE}");
    assert!(author >= AUTHOR_GATE, "author {author:.4} < {AUTHOR_GATE}");
    assert!(day >= DAY_GATE, "published day {day:.4} < {DAY_GATE}");
    assert!(
        false_author_rate <= FALSE_AUTHOR_GATE,
        "false authors {false_author_rate:.4} > {FALSE_AUTHOR_GATE}"
    );
    assert!(
        false_rate <= FALSE_DATE_GATE,
        "false dates {false_rate:.4} > {FALSE_DATE_GATE}"
    );
    assert!(
        page_type >= PAGE_TYPE_GATE,
        "page type {page_type:.4} < {PAGE_TYPE_GATE}"
    );
}

/// Gates, a little below the values on the sample at the time of writing
/// (articles F1 0.906, all types 0.749, title exact 0.895; all types 0.810
/// since non-article pages take their whole content region and `<noscript>`
/// content is read when a page shows nothing else; articles 0.926 and all
/// types 0.820 since a guide keeps all its headed sections; articles 0.933
/// and all types 0.823 since a section's heading does not stop the prose climb).
const ART_F1_GATE: f64 = 0.925;
const ALL_F1_GATE: f64 = 0.815;
const TITLE_GATE: f64 = 0.89;
/// Author accuracy on the sample's 69 articles with a gold author (0.826 at
/// the time of writing; `score_wcxb.py` on all 553: 0.821).
const AUTHOR_GATE: f64 = 0.80;
/// The committed weights were trained on these pages: in-sample accuracy
/// is 0.9985 (MODEL_CARD.md); the gate catches a weights file that fails to
/// load or a feature function that drifted from the one trained on.
const PAGE_TYPE_GATE: f64 = 0.97;
/// Published-day accuracy on the sample's 78 articles with a full gold date
/// (0.833 at the time of writing; `score_wcxb.py` on all 587: 0.831).
const DAY_GATE: f64 = 0.82;
/// False-date rate over the sample's 95 articles, a date given that is wrong
/// (0.095 at the time of writing; `score_wcxb.py` on all 711: 0.087).
const FALSE_DATE_GATE: f64 = 0.10;
/// Ceiling of the false-author rate over the sample's 26 articles without a
/// gold author (0.115 at the time of writing, 3 of 26; `score_wcxb.py` on
/// all 158: 0.108): one more false author fails.
const FALSE_AUTHOR_GATE: f64 = 0.13;
