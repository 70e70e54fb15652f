//! Floor for extraction speed: html5ever parse alone over a directory of `*.html.gz`.
use std::io::Read;
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).expect("DIR");
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let mut v = Vec::new();
        let f = std::fs::File::open(e.path()).expect("file");
        if flate2::read::GzDecoder::new(f).read_to_end(&mut v).is_ok() {
            pages.push(String::from_utf8_lossy(&v).into_owned());
        }
    }
    let t = Instant::now();
    let mut n = 0;
    for p in &pages {
        let h = scraper::Html::parse_document(p);
        n += h.tree.nodes().count();
    }
    let s = t.elapsed().as_secs_f64();
    eprintln!(
        "{} pages parse-only {:.1} pages/s ({} nodes)",
        pages.len(),
        pages.len() as f64 / s,
        n
    );
}
