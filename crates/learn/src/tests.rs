use super::*;

fn toy() -> Perceptron {
    // Two classes separable by one feature each; a shared noise feature.
    let mut p = Perceptron::new(vec!["A".into(), "B".into()]);
    let mut buf = Vec::new();
    let mut f = Features::new();
    let mut rng = Rng::new(7);
    let mut data: Vec<(bool, u32)> = (0..200).map(|i| (i % 2 == 0, i)).collect();
    for _ in 0..5 {
        rng.shuffle(&mut data);
        for &(is_a, _) in &data {
            f.clear();
            f.add(1, if is_a { "a" } else { "b" });
            f.add(2, "bias");
            p.train_one(f.keys(), usize::from(!is_a), &mut buf);
        }
    }
    p
}

#[test]
fn perceptron_learns_and_round_trips() {
    let m = toy().freeze("toy v1", 0.0);
    let mut f = Features::new();
    let mut buf = Vec::new();
    f.add(1, "a");
    assert_eq!(m.predict(f.keys(), &mut buf), 0);
    f.clear();
    f.add(1, "b");
    assert_eq!(m.predict(f.keys(), &mut buf), 1);
    let bytes = m.to_bytes();
    let back = Model::from_bytes(&bytes).unwrap();
    assert_eq!(back.classes(), m.classes());
    assert_eq!(back.meta(), "toy v1");
    assert_eq!(back.to_bytes(), bytes, "deterministic bytes");
    assert_eq!(back.predict(f.keys(), &mut buf), 1);
    back.check_meta("toy v1").unwrap();
    assert!(back.check_meta("toy v2").is_err());
}

#[test]
fn training_is_deterministic() {
    assert_eq!(
        toy().freeze("m", 0.0).to_bytes(),
        toy().freeze("m", 0.0).to_bytes()
    );
}

#[test]
fn corrupt_files_are_errors_not_panics() {
    let bytes = toy().freeze("m", 0.0).to_bytes();
    assert!(matches!(
        Model::from_bytes(b"nope"),
        Err(ModelError::BadMagic)
    ));
    let mut v = bytes.clone();
    v[4] = 9;
    assert!(matches!(Model::from_bytes(&v), Err(ModelError::Version(_))));
    for cut in [9, bytes.len() / 2, bytes.len() - 1] {
        assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut v = bytes.clone();
    let last = v.len() - 3;
    v[last] ^= 0x55;
    assert!(Model::from_bytes(&v).is_err());
}

#[test]
fn unknown_features_score_zero() {
    let m = toy().freeze("m", 0.0);
    let mut out = vec![1.0; 2];
    m.scores(&[12345], &mut out);
    assert_eq!(out, vec![0.0, 0.0]);
}

#[test]
fn feature_templates_keep_values_apart() {
    let mut f = Features::new();
    f.add(1, "the");
    f.add(2, "the");
    f.add2(3, "a", "bc");
    f.add2(3, "ab", "c");
    f.add_int(4, 1);
    f.add_int(5, 1);
    let k = f.keys();
    let mut uniq = k.to_vec();
    uniq.sort_unstable();
    uniq.dedup();
    assert_eq!(uniq.len(), 6);
    assert!(k.iter().all(|&x| x != 0));
}

#[test]
fn viterbi_respects_constraints_and_scores() {
    // Labels: 0 = O, 1 = B, 2 = I. I may not follow O or start.
    let k = 3;
    let em = vec![
        0.0, 1.0, 0.0, // B
        0.0, 0.0, 2.0, // I
        1.0, 0.0, 3.0, // I is best alone but is allowed after I
    ];
    let trans = vec![0.0; (k + 1) * k];
    let allowed = |p: Option<usize>, y: usize| !(y == 2 && matches!(p, None | Some(0)));
    assert_eq!(viterbi(&em, k, &trans, allowed), vec![1, 2, 2]);
    let em2 = vec![0.0, 0.0, 5.0];
    assert_eq!(viterbi(&em2, k, &trans, allowed), vec![0]);
    assert!(viterbi(&[], k, &trans, allowed).is_empty());
}

#[test]
fn prf_and_probabilities() {
    let p = Prf {
        tp: 3,
        fp: 1,
        fn_: 3,
    };
    assert!((p.precision() - 0.75).abs() < 1e-9);
    assert!((p.recall() - 0.5).abs() < 1e-9);
    assert!((p.f1() - 0.6).abs() < 1e-9);
    assert_eq!(Prf::default().f1(), 0.0);
    let mut s = vec![1.0, 1.0];
    softmax(&mut s);
    assert!((s[0] - 0.5).abs() < 1e-6);
    assert!((sigmoid(0.0) - 0.5).abs() < 1e-6);
}

#[test]
fn rng_is_seeded() {
    let a: Vec<u64> = {
        let mut r = Rng::new(42);
        (0..4).map(|_| r.next_u64()).collect()
    };
    let mut r = Rng::new(42);
    let b: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
    assert_eq!(a, b);
    let mut v: Vec<u32> = (0..50).collect();
    Rng::new(1).shuffle(&mut v);
    let mut s = v.clone();
    s.sort_unstable();
    assert_eq!(s, (0..50).collect::<Vec<_>>());
    assert_ne!(v, s);
}

/// Random rows: `n` keys, each with a few (class, weight) entries in class order.
fn random_rows(n: usize, classes: u16, seed: u64) -> Vec<(u64, Vec<(u16, f32)>)> {
    let mut rng = Rng::new(seed);
    let mut rows: Vec<(u64, Vec<(u16, f32)>)> = (0..n)
        .map(|_| {
            let key = rng.next_u64() | 1;
            let mut row: Vec<(u16, f32)> = Vec::new();
            for c in 0..classes {
                let w = (rng.next_u64() % 2001) as f32 / 100.0 - 10.0;
                if rng.next_u64().is_multiple_of(3) && w != 0.0 {
                    row.push((c, w));
                }
            }
            if row.is_empty() {
                row.push((0, 1.5));
            }
            (key, row)
        })
        .collect();
    rows.sort_unstable_by_key(|r| r.0);
    rows.dedup_by_key(|r| r.0);
    rows
}

#[test]
fn both_table_layouts_score_like_a_plain_sum_and_round_trip() {
    use std::collections::HashMap;
    // 4 and 7 classes take the dense layout, 8 and 45 the sparse one
    for classes in [4u16, 7, 8, 45] {
        let rows = random_rows(5000, classes, u64::from(classes));
        let names: Vec<String> = (0..classes).map(|c| format!("c{c}")).collect();
        let m = Model::from_rows(names, "t".into(), rows.clone());
        let by_key: HashMap<u64, &Vec<(u16, f32)>> = rows.iter().map(|(k, r)| (*k, r)).collect();
        let mut rng = Rng::new(99);
        let mut out = vec![0.0f32; usize::from(classes)];
        for q in 0..300 {
            // a mix of stored and unseen keys, more than one chunk
            let keys: Vec<u64> = (0..(q % 150) + 1)
                .map(|i| {
                    if i % 3 == 0 {
                        rng.next_u64()
                    } else {
                        rows[(rng.next_u64() % rows.len() as u64) as usize].0
                    }
                })
                .collect();
            let mut want = vec![0.0f32; usize::from(classes)];
            for k in &keys {
                if let Some(r) = by_key.get(k) {
                    for &(c, w) in r.iter() {
                        want[usize::from(c)] += w;
                    }
                }
            }
            m.scores(&keys, &mut out);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&out), bits(&want), "{classes} classes, query {q}");
        }
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(
            back.to_bytes(),
            bytes,
            "{classes} classes: bytes round-trip"
        );
        assert_eq!(back.n_features(), rows.len());
    }
}

#[test]
fn version_1_files_with_a_deflated_body_still_load() {
    use std::io::Write;
    let m = toy().freeze("toy v1", 0.0);
    let v2 = m.to_bytes();
    assert_eq!(&v2[4..8], &2u32.to_le_bytes());
    let mut v1 = b"QWLM".to_vec();
    v1.extend_from_slice(&1u32.to_le_bytes());
    let mut enc = flate2::write::DeflateEncoder::new(v1, flate2::Compression::best());
    enc.write_all(&v2[8..]).unwrap();
    let v1 = enc.finish().unwrap();
    let back = Model::from_bytes(&v1).unwrap();
    assert_eq!(back.to_bytes(), v2, "same model, written as version 2");
}
