//! Main-text benchmark harness for flattened text.
//!
//! `cargo run --release -p quotewire-extract --example bench_text -- [--meta] DIR > pred.json`
//! reads every `DIR/*.txt` (default `../shared/data/flattened`), extracts the
//! article with [`quotewire_extract::extract_text`] and prints
//! `{id: {"articleBody": text}}` as JSON (with `--meta` also `title`,
//! `published`, `series`, `tags`, `related`), for
//! `python3 ../shared/bench/score_extraction.py --gold DIR/ground-truth.json --pred pred.json`.

use std::fmt::Write as _;
use std::path::PathBuf;

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let meta = args.iter().any(|a| a == "--meta");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data/flattened"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("bench_text: cannot read {}", dir.display());
        std::process::exit(2);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = String::from("{");
    for (k, p) in paths.iter().enumerate() {
        let Ok(bytes) = std::fs::read(p) else {
            eprintln!("bench_text: cannot read {}", p.display());
            continue;
        };
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let doc = quotewire_extract::extract_text(&id, &bytes, Default::default());
        if k > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "\n{}: {{\"articleBody\": {}",
            json_string(&id),
            json_string(&doc.text)
        );
        if meta {
            let opt = |s: &Option<String>| s.as_deref().map_or("null".to_string(), json_string);
            let list = |v: Vec<&str>| {
                let items: Vec<String> = v.into_iter().map(json_string).collect();
                format!("[{}]", items.join(", "))
            };
            let m = &doc.meta;
            let _ = write!(
                out,
                ", \"title\": {}, \"published\": {}, \"updated\": {}, \"series\": {}, \"tags\": {}, \"related\": {}",
                opt(&m.title),
                opt(&m.published),
                opt(&m.updated),
                opt(&m.series),
                list(m.tags.iter().map(String::as_str).collect()),
                list(m.related.iter().map(|r| r.title.as_str()).collect()),
            );
        }
        out.push('}');
    }
    out.push_str("\n}\n");
    print!("{out}");
}
