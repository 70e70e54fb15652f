//! Extraction harness: run `extract_html` on every `*.html.gz` / `*.html` of a
//! directory and write what the shared scorers read.
//!
//! ```text
//! cargo run --release -p quotewire-extract --example bench_extract -- DIR \
//!     [--body OUT.json] [--dates OUT.jsonl] [--repeat N] [--check-align] [--urls GOLD.json]
//! ```
//! `--body`: `{id: {"articleBody": text}}` for `score_extraction.py`;
//! `--dates`: JSONL `{id, published, updated}` for `score_dates.py`.
//! `--urls`: pass each page's URL from a gold file `{id: {"url": ...}}` (by
//! default no URL is given, as in the shared baselines).
//! Prints pages/s of extraction alone (decode + parse + extract; reading and
//! gunzip excluded), single-threaded.

use std::io::{Read, Write};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let mut body = None;
    let mut dates = None;
    let mut repeat = 1usize;
    let mut check_align = false;
    let mut urls_file: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--body" => body = it.next().cloned(),
            "--dates" => dates = it.next().cloned(),
            "--check-align" => check_align = true,
            "--urls" => urls_file = it.next().cloned(),
            "--repeat" => repeat = it.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            _ => dir = Some(a.clone()),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: bench_extract DIR [--body OUT.json] [--dates OUT.jsonl] [--repeat N]");
        std::process::exit(2);
    };
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let bytes = if let Some(id) = name.strip_suffix(".html.gz") {
            let mut d = flate2::read::GzDecoder::new(std::fs::File::open(&p).expect("file"));
            let mut v = Vec::new();
            if d.read_to_end(&mut v).is_err() {
                continue;
            }
            (id.to_string(), v)
        } else if let Some(id) = name.strip_suffix(".html") {
            (id.to_string(), std::fs::read(&p).expect("file"))
        } else {
            continue;
        };
        pages.push(bytes);
    }
    // Optional page URLs: a gold file {id: {"url": ...}}.
    let urls: std::collections::HashMap<String, String> = urls_file
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .and_then(|v| v.as_object().cloned())
        .map(|o| {
            o.into_iter()
                .filter_map(|(k, v)| Some((k, v.get("url")?.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let mut docs = Vec::new();
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    for round in 0..repeat {
        for (id, bytes) in &pages {
            let url = urls.get(id).map(String::as_str);
            let d = quotewire_extract::extract_html(id, url, bytes, None, Default::default());
            if round == 0 {
                docs.push(d);
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(a, b)| a - b);
    let n = pages.len() * repeat;
    let mb: f64 = pages.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 * repeat as f64 / 1e6;
    eprintln!(
        "{} pages in {:.3} s: {:.1} pages/s, {:.1} MB/s (single thread)",
        n,
        secs,
        n as f64 / secs,
        mb / secs
    );
    if let Some(cpu) = cpu.filter(|c| *c > 0.0) {
        eprintln!(
            "CPU time {:.2} s: {:.1} pages/s per core of CPU (robust to other load)",
            cpu,
            n as f64 / cpu
        );
    }
    if check_align {
        // Share of output words whose mapped source range holds exactly that word.
        let (mut words, mut exact) = (0usize, 0usize);
        for (d, (_, bytes)) in docs.iter().zip(&pages) {
            let src = quotewire_extract::decode(bytes, None, true);
            let mut start = 0;
            for w in d.text.split([' ', '\n']) {
                let end = start + w.len();
                if !w.is_empty() {
                    words += 1;
                    if d.alignment
                        .range_to_source(start, end)
                        .and_then(|r| src.get(r))
                        == Some(w)
                    {
                        exact += 1;
                    }
                }
                start = end + 1;
            }
        }
        eprintln!(
            "alignment: {exact}/{words} words ({:.1}%) map back to exactly themselves in the page",
            100.0 * exact as f64 / words.max(1) as f64
        );
    }
    if let Some(path) = body {
        let mut map = serde_json::Map::new();
        for d in &docs {
            map.insert(d.id.clone(), serde_json::json!({"articleBody": d.text}));
        }
        std::fs::write(&path, serde_json::to_string(&map).expect("json")).expect("write");
    }
    if let Some(path) = dates {
        let mut f = std::fs::File::create(&path).expect("create");
        for d in &docs {
            let rec = serde_json::json!({
                "id": d.id, "published": d.meta.published, "updated": d.meta.updated,
                "authors": d.meta.authors, "title": d.meta.title, "url": d.url,
                "dateline": d.meta.dateline.as_ref().map(|x| serde_json::json!({"place": x.place, "source": x.source})),
                "language": d.meta.language, "outlet": d.meta.outlet, "tags": d.meta.tags,
            });
            writeln!(f, "{rec}").expect("write");
        }
    }
}

/// User+system CPU seconds of this process (Linux `/proc/self/stat`, clock ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ut: f64 = f.get(11)?.parse().ok()?;
    let st: f64 = f.get(12)?.parse().ok()?;
    Some((ut + st) / 100.0)
}
