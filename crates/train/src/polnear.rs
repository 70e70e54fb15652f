//! Reading PolNeAR (`<shared>/data/polnear/<split>/`): texts, segmented as
//! the pipeline segments them.

use std::path::Path;

use anyhow::{Context, Result};
use quotewire_doc::{Alignment, Document};

/// The split's texts (`text/<stem>.txt`), sorted by stem, each segmented by
/// `quotewire-segment` (the pipeline's own tokens and sentences).
pub fn segmented_texts(shared: &Path, split: &str) -> Result<Vec<Document>> {
    let dir = shared.join("data/polnear").join(split).join("text");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("{}: cannot list (is --shared right?)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::with_capacity(paths.len());
    for p in paths {
        let text =
            std::fs::read_to_string(&p).with_context(|| format!("{}: cannot read", p.display()))?;
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut d = Document::new(stem, text, Alignment::identity());
        quotewire_segment::segment(&mut d);
        docs.push(d);
    }
    Ok(docs)
}
