//! Run segment + resolve (no extraction, no attribution) on plain-text files and
//! print one record per file as JSONL — for scoring entities
//! (`bench/score_entities.py`) and time expressions (`bench/score_timex.py`).
//!
//! ```text
//! cargo run --release -p quotewire-resolve --example resolve_files -- \
//!     [--dct GOLD.jsonl] FILE.txt... > pred.jsonl
//! ```
//! `--dct` reads `{"id", "dct"}` lines and sets each document's published date.
//! With `SKIP_RESOLVE` set in the environment only segment runs (for timing).

use quotewire_doc::{Alignment, Document, Record};
use std::collections::HashMap;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut dct: HashMap<String, String> = HashMap::new();
    if args.first().map(String::as_str) == Some("--dct") && args.len() >= 2 {
        let gold = std::fs::read_to_string(&args[1]).unwrap_or_default();
        for line in gold.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                && let (Some(id), Some(d)) = (v["id"].as_str(), v["dct"].as_str())
            {
                dct.insert(id.to_string(), d.to_string());
            }
        }
        args.drain(..2);
    }
    for path in args {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let id = std::path::Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut doc = Document::new(id.clone(), text, Alignment::identity());
        doc.meta.published = dct.get(&id).cloned();
        quotewire_segment::segment(&mut doc);
        if std::env::var_os("SKIP_RESOLVE").is_none() {
            quotewire_resolve::resolve(&mut doc);
        }
        let rec = Record::from_document(&doc);
        println!("{}", serde_json::to_string(&rec).unwrap_or_default());
    }
}
