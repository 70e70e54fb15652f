//! Fast harness: segment + attribute plain-text files (text kept verbatim, as
//! `quotewire analyze --keep-text` does) and print one JSON record per line.
//!
//! ```text
//! cargo run --release -p quotewire-attribute --example polnear -- DIR_OR_FILES... > out.jsonl
//! python3 ../shared/bench/score_attribution.py --gold ../shared/data/polnear/dev --pred out.jsonl
//! ```

use quotewire_doc::{Alignment, Document, Record};
use std::path::PathBuf;

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    for a in std::env::args().skip(1) {
        let p = PathBuf::from(&a);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            v.retain(|f| f.extension().is_some_and(|e| e == "txt"));
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    let t0 = std::time::Instant::now();
    let mut out = String::new();
    let (mut t_seg, mut t_att) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            eprintln!("skip {}", f.display());
            continue;
        };
        let id = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut doc = Document::new(id, text, Alignment::identity());
        let t = std::time::Instant::now();
        quotewire_segment::segment(&mut doc);
        t_seg += t.elapsed();
        let t = std::time::Instant::now();
        quotewire_attribute::attribute(&mut doc);
        t_att += t.elapsed();
        let rec = Record::from_document(&doc);
        out.push_str(&serde_json::to_string(&rec).unwrap_or_default());
        out.push('\n');
    }
    let dt = t0.elapsed();
    print!("{out}");
    let n = files.len().max(1) as f64;
    eprintln!(
        "segment {:.3} ms/doc, attribute {:.3} ms/doc",
        t_seg.as_secs_f64() * 1e3 / n,
        t_att.as_secs_f64() * 1e3 / n
    );
    eprintln!(
        "{} docs in {:.1} ms ({:.3} ms/doc, segment+attribute+record)",
        files.len(),
        dt.as_secs_f64() * 1e3,
        dt.as_secs_f64() * 1e3 / files.len().max(1) as f64
    );
}
