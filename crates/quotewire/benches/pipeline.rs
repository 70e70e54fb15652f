//! Throughput of [`quotewire::analyze`] on pre-loaded inputs, one thread and every core.
//!
//! `cargo bench -p quotewire --bench pipeline`
//!
//! Loads every shared HTML page (`data/article-extraction/html`, `data/dates/html`) and the
//! PolNeAR dev texts into memory first, then times only the `analyze()` calls (extraction,
//! segmentation, attribution, resolution; no reading, no JSON), which is how
//! `shared/bench/anchors.py` times the anchor tools. Best of `QW_BENCH_PASSES` passes.
//! Bytes are counted like anchors.py: the page decoded as UTF-8 with replacement.
//!
//! Environment: `QUOTEWIRE_SHARED` (default `../shared` from the workspace root),
//! `QW_BENCH_PASSES` (3), `QW_BENCH_JOBS` (all cores), `QW_BENCH_CORPORA`
//! (`article-extraction,dates`). Skips with a message when the shared folder is absent.
//! The last line, `BENCH_JSON {...}`, is read by `bench/bench.py`.

use quotewire::{Options, analyze};
use quotewire_read::{Format, Input, Item};
use std::hint::black_box;
use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Magic bytes of a gzip member (RFC 1952).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// Every document under `dir`, as the read stage gives it, gunzipped if it is still gzip.
fn load(dir: &PathBuf) -> Vec<Input> {
    let mut out = Vec::new();
    for item in quotewire_read::inputs(std::slice::from_ref(dir)) {
        let Item::Doc(mut input) = item else {
            eprintln!("pipeline bench: passing over {item:?}");
            continue;
        };
        if input.bytes.starts_with(&GZIP_MAGIC) {
            let mut raw = Vec::new();
            if flate2::read::GzDecoder::new(&input.bytes[..])
                .read_to_end(&mut raw)
                .is_err()
            {
                eprintln!("pipeline bench: cannot gunzip {}", input.origin);
                continue;
            }
            input.bytes = raw;
            input.format = Format::Html;
        }
        out.push(input);
    }
    out
}

/// Seconds of the best of `passes` runs of `analyze` over `inputs` on `threads` threads.
fn time(inputs: &[Input], opts: Options, threads: usize, passes: usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..passes {
        let next = AtomicUsize::new(0);
        let t = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        black_box(analyze(input, opts));
                    }
                });
            }
        });
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn utf8_bytes(inputs: &[Input]) -> usize {
    inputs
        .iter()
        .map(|i| String::from_utf8_lossy(&i.bytes).len())
        .sum()
}

#[allow(clippy::needless_update)] // Options may grow fields; keep the rest at their defaults.
fn keep_text() -> Options {
    Options {
        keep_text: true,
        ..Options::default()
    }
}

fn report(what: &str, docs: usize, bytes: usize, secs: f64, threads: usize) {
    let per_core = secs * threads as f64;
    println!(
        "{what}: {docs} docs, {:.1} MB, {threads} thread(s): {secs:.3} s, {:.1} docs/s, {:.2} MB/s \
         ({:.1} docs/s, {:.2} MB/s per core)",
        bytes as f64 / 1e6,
        docs as f64 / secs,
        bytes as f64 / 1e6 / secs,
        docs as f64 / per_core,
        bytes as f64 / 1e6 / per_core,
    );
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = std::env::var_os("QUOTEWIRE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    if !shared.join("data").is_dir() {
        eprintln!(
            "pipeline bench: skipped, no shared data at {} (set QUOTEWIRE_SHARED)",
            shared.display()
        );
        return;
    }
    let passes = env_usize("QW_BENCH_PASSES", 3);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = env_usize("QW_BENCH_JOBS", cores);
    let corpora =
        std::env::var("QW_BENCH_CORPORA").unwrap_or_else(|_| "article-extraction,dates".into());

    let mut pages = Vec::new();
    for c in corpora.split(',').filter(|c| !c.is_empty()) {
        let dir = shared.join("data").join(c).join("html");
        if dir.is_dir() {
            pages.extend(load(&dir));
        } else {
            eprintln!("pipeline bench: no {}", dir.display());
        }
    }
    let texts = load(&shared.join("data/polnear/dev/text"));
    if pages.is_empty() {
        eprintln!("pipeline bench: skipped, no pages loaded");
        return;
    }
    let page_bytes = utf8_bytes(&pages);
    let text_bytes = utf8_bytes(&texts);
    let opts = Options::default();
    let s1 = time(&pages, opts, 1, passes);
    report("analyze (HTML pages)", pages.len(), page_bytes, s1, 1);
    let sn = if threads > 1 {
        let sn = time(&pages, opts, threads, passes);
        report("analyze (HTML pages)", pages.len(), page_bytes, sn, threads);
        sn
    } else {
        s1
    };
    let st = if texts.is_empty() {
        0.0
    } else {
        let st = time(&texts, keep_text(), 1, passes);
        report(
            "analyze --keep-text (PolNeAR dev)",
            texts.len(),
            text_bytes,
            st,
            1,
        );
        st
    };
    println!(
        "BENCH_JSON {{\"docs\": {}, \"bytes\": {page_bytes}, \"seconds_1\": {s1}, \"seconds_n\": {sn}, \
         \"threads\": {threads}, \"passes\": {passes}, \"text_docs\": {}, \"text_bytes\": {text_bytes}, \
         \"text_seconds_1\": {st}}}",
        pages.len(),
        texts.len(),
    );
}
