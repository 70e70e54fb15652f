//! A real database for the server tests: the seed article analysed by the
//! library and ingested, plus (when `../shared` is there) PolNeAR dev texts.

#![allow(dead_code)]

use quotewire_store::Store;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shared data directory, or `None` (with a skip message) when absent;
/// panics when absent under CI.
pub fn shared(test: &str) -> Option<PathBuf> {
    let p = root().join("../shared/data");
    if p.is_dir() {
        return Some(p);
    }
    if std::env::var_os("CI").is_some() {
        panic!("{test}: ../shared/data is missing and CI is set");
    }
    eprintln!("{test}: skipped: ../shared/data is absent");
    None
}

/// Records of the seed, plus up to `polnear` PolNeAR dev texts when present.
pub fn records(polnear: usize) -> Vec<quotewire_doc::Record> {
    let seed = root().join("examples/sputnik-2018-12-20-putin-trump.txt");
    let text = std::fs::read_to_string(&seed).expect("the seed example");
    let opts = quotewire::Options::default();
    let mut recs = vec![quotewire::analyze_text(
        "sputnik-2018-12-20-putin-trump",
        &text,
        opts,
    )];
    recs[0].url = Some("https://sputniknews.com/20181220/putin-trump-meeting.html".into());
    recs[0].outlet = Some("Sputnik".into());
    if polnear > 0 {
        let dir = root().join("../shared/data/polnear/dev/text");
        if let Ok(rd) = std::fs::read_dir(&dir) {
            let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for f in files.into_iter().take(polnear) {
                let id = f.file_stem().unwrap().to_string_lossy().to_string();
                let text = std::fs::read_to_string(&f).unwrap();
                let mut r = quotewire::analyze_text(&id, &text, opts);
                // PolNeAR names files outlet_date_slug
                let mut parts = id.splitn(3, '_');
                r.outlet = parts.next().map(str::to_string);
                r.published = parts.next().map(str::to_string);
                recs.push(r);
            }
        }
    }
    recs
}

/// A database in `dir` holding [`records`].
pub fn database(dir: &Path, polnear: usize) -> PathBuf {
    let path = dir.join("test.db");
    let mut store = Store::open(&path).unwrap();
    store.ingest(&records(polnear)).unwrap();
    path
}
