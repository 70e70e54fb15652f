//! Train the page-type model on the WCXB dev pages.
//!
//! ```sh
//! cargo run --profile fast -p quotewire-extract --example train_page_type -- \
//!     ../shared/data/wcxb [crates/extract/models/page_type.qwlm]
//! ```
//!
//! Reads `html/<id>.html.gz` and `page_types.json`; prints 2-fold
//! cross-validated accuracy (folds by site: the host of the gold URL, hashed,
//! so no site is in both folds), then trains on every page and writes the
//! weights when an output path is given. Deterministic: seeded shuffles, a
//! fixed number of epochs, the same data give byte-identical weights.

use flate2::read::GzDecoder;
use quotewire_learn::{Perceptron, Rng, hash_str};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Training epochs.
const EPOCHS: usize = 20;
/// Shuffle seed.
const SEED: u64 = 8;
/// Weights below this (absolute) are dropped when freezing.
const PRUNE: f32 = 1.0;

struct Page {
    keys: Vec<u64>,
    label: usize,
    fold: usize,
}

fn train(pages: &[&Page], classes: &[String]) -> Perceptron {
    let mut p = Perceptron::new(classes.to_vec());
    let mut order: Vec<usize> = (0..pages.len()).collect();
    let mut rng = Rng::new(SEED);
    let mut buf = Vec::new();
    for _ in 0..EPOCHS {
        rng.shuffle(&mut order);
        for &i in &order {
            p.train_one(&pages[i].keys, pages[i].label, &mut buf);
        }
    }
    p
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.first()
            .ok_or("usage: train_page_type WCXB_DIR [OUT]")?,
    );
    let out = args.get(1).map(PathBuf::from);
    let types: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("page_types.json"))?)?;
    let gold: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json"))?)?;
    let classes: Vec<String> = quotewire_doc::PAGE_TYPES
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut ids: Vec<&String> = types.keys().collect();
    ids.sort();
    let mut pages = Vec::new();
    for id in ids {
        let label = types[id].as_str().unwrap_or("other");
        let label = classes
            .iter()
            .position(|c| c == label)
            .unwrap_or(classes.len() - 1);
        let path: &Path = &dir.join("html").join(format!("{id}.html.gz"));
        let mut raw = Vec::new();
        GzDecoder::new(std::fs::File::open(path)?).read_to_end(&mut raw)?;
        // Inference sees no URL for a file (only the page's canonical link).
        let keys = quotewire_extract::page_type_features(&raw, None, None);
        let host = gold
            .get(id)
            .and_then(|g| g["url"].as_str())
            .and_then(|u| u.split("://").nth(1))
            .and_then(|r| r.split('/').next())
            .unwrap_or("")
            .trim_start_matches("www.")
            .to_string();
        pages.push(Page {
            keys,
            label,
            fold: (hash_str(&host) % 2) as usize,
        });
    }
    let mut buf = Vec::new();
    let (mut right, mut total) = (0usize, 0usize);
    for fold in 0..2 {
        let tr: Vec<&Page> = pages.iter().filter(|p| p.fold != fold).collect();
        let te: Vec<&Page> = pages.iter().filter(|p| p.fold == fold).collect();
        let m = train(&tr, &classes).freeze(quotewire_extract::PAGE_TYPE_FEATURES, PRUNE);
        let ok = te
            .iter()
            .filter(|p| m.predict(&p.keys, &mut buf) == p.label)
            .count();
        println!(
            "fold {fold}: train {} test {} accuracy {:.4}",
            tr.len(),
            te.len(),
            ok as f64 / te.len() as f64
        );
        right += ok;
        total += te.len();
    }
    println!(
        "2-fold cross-validated accuracy (by site): {:.4} ({right}/{total})",
        right as f64 / total as f64
    );
    let all: Vec<&Page> = pages.iter().collect();
    let m = train(&all, &classes).freeze(quotewire_extract::PAGE_TYPE_FEATURES, PRUNE);
    let ok = pages
        .iter()
        .filter(|p| m.predict(&p.keys, &mut buf) == p.label)
        .count();
    println!(
        "trained on all {} pages: training accuracy {:.4}, {} features",
        pages.len(),
        ok as f64 / pages.len() as f64,
        m.n_features()
    );
    if let Some(out) = out {
        std::fs::write(&out, m.to_bytes())?;
        println!("weights written to {}", out.display());
    }
    Ok(())
}
