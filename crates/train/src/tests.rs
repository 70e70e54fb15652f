//! Gate tests: the committed attribution model, run through the product
//! (`quotewire::analyze_text` with `--keep-text` semantics, every stage), on
//! PolNeAR dev, scored by the Rust port of the scorer. Figures are pinned a
//! little below the model card's.

use std::path::{Path, PathBuf};

use crate::attribution::{ann_path, read_ann};
use crate::score::{Counts, score_doc};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("data/polnear/dev/text").is_dir() {
        Some(p)
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but {} has no PolNeAR dev data",
            p.display()
        );
        eprintln!("skipping: {} not found", p.display());
        None
    }
}

fn dev_counts(shared: &Path) -> Counts {
    let dir = shared.join("data/polnear/dev/text");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut c = Counts::default();
    let opts = quotewire::Options {
        keep_text: true,
        ..Default::default()
    };
    for p in paths {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&p).unwrap();
        let rec = quotewire::analyze_text(&stem, &text, opts);
        // offsets stay exact: every span inside the text, non-empty
        let n = rec.text.chars().count();
        for a in &rec.attributions {
            for s in a.content.iter().chain(&a.cue).chain(&a.source) {
                assert!(
                    s[0] < s[1] && s[1] <= n,
                    "{stem}: span {s:?} outside 0..{n}"
                );
            }
            assert!(!a.content.is_empty(), "{stem}: attribution without content");
            // cue, content and source pairwise disjoint
            let roles = [&a.cue, &a.content, &a.source];
            for (i, x) in roles.iter().enumerate() {
                for y in &roles[i + 1..] {
                    for s in x.iter() {
                        for u in y.iter() {
                            assert!(
                                s[1] <= u[0] || u[1] <= s[0],
                                "{stem}: roles overlap: {s:?} and {u:?}"
                            );
                        }
                    }
                }
            }
        }
        if let Some(ann) = ann_path(shared, "dev", &stem).unwrap() {
            c.add(&score_doc(
                &rec.text,
                &read_ann(&ann).unwrap(),
                &rec.attributions,
            ));
        }
    }
    c
}

#[test]
fn attribution_dev_gate() {
    let Some(shared) = shared() else { return };
    let c = dev_counts(&shared);
    let t = crate::score::table(&c);
    assert!(c.c[0][0][3] > 2000, "gold attributions {}", c.c[0][0][3]);
    // (metric, kind, floor): content-lenient all / indirect, content-strict
    // all, content+source all / direct
    for (m, k, floor) in [
        (0, 0, 0.73),
        (0, 3, 0.64),
        (1, 0, 0.56),
        (2, 0, 0.68),
        (2, 1, 0.90),
    ] {
        assert!(
            c.f1(m, k) >= floor,
            "metric {m} kind {k}: {:.3} < {floor}\n{t}",
            c.f1(m, k)
        );
    }
    eprintln!("{t}");
}

#[test]
fn scorer_port_counts_a_match() {
    let text = "He said that taxes rise.";
    let gold = vec![[vec![(8, 23)], vec![(3, 7)], vec![(0, 2)]]];
    let rec = quotewire_doc::AttributionRecord {
        kind: quotewire_doc::QuoteKind::Indirect,
        content: vec![[8, 24]],
        cue: vec![[3, 7]],
        source: vec![[0, 2]],
        speaker: None,
        confidence: None,
    };
    let c = score_doc(text, &gold, std::slice::from_ref(&rec));
    assert_eq!(c.f1(0, 0), 1.0);
    assert_eq!(c.f1(1, 0), 1.0);
    assert_eq!(c.f1(2, 3), 1.0);
    let wrong = quotewire_doc::AttributionRecord {
        source: vec![[13, 18]],
        content: vec![[13, 24]],
        ..rec
    };
    let c = score_doc(text, &gold, &[wrong]);
    // 2 of 3 content tokens: lenient yes, strict no, source wrong
    assert_eq!(c.f1(0, 0), 1.0);
    assert_eq!(c.f1(1, 0), 0.0);
    assert_eq!(c.f1(2, 0), 0.0);
}
