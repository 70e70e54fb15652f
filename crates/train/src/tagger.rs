//! `quotewire-train tagger`: the POS tagger of `quotewire-tag`, trained on
//! the CoreNLP silver tags of PolNeAR train projected onto segment's tokens,
//! evaluated on PolNeAR dev. Writes `pos.qwlm` and `pos-tagdict.tsv`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use quotewire_learn::{Features, Perceptron, Rng};
use quotewire_tag::silver::{self, Agreement};
use quotewire_tag::{FEATURES, Tagger, features, normalise, prev_tag};

/// A composite tag ("VBP+RB") seen fewer times than this is trained as its
/// first tag.
const MIN_COMPOSITE: usize = 30;
/// Tag dictionary: a word seen at least this often...
const DICT_MIN_COUNT: usize = 20;
/// ...with one tag at least this share of the time is tagged by the dictionary.
const DICT_MIN_SHARE: f64 = 0.97;
/// Shuffling seed.
const SEED: u64 = 0x7a67_0001;

struct Sentence {
    words: Vec<String>,
    labels: Vec<Option<String>>,
}

fn sentences(
    shared: &Path,
    split: &str,
) -> Result<(Vec<quotewire_doc::Document>, Vec<Vec<silver::SilverToken>>)> {
    let path = shared
        .join("data/polnear")
        .join(split)
        .join("corenlp.conllu");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let mut silver =
        silver::read_conllu(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let docs: Vec<_> = crate::polnear::segmented_texts(shared, split)?
        .into_iter()
        .filter(|d| silver.contains_key(&d.id))
        .collect();
    let toks = docs
        .iter()
        .map(|d| silver.remove(&d.id).unwrap_or_default())
        .collect();
    Ok((docs, toks))
}

/// Trains, evaluates on dev and writes the model files into `out`.
pub fn run(shared: &Path, out: &Path, epochs: usize, prune: f32) -> Result<()> {
    let t0 = Instant::now();
    let (docs, silvers) = sentences(shared, "train")?;
    let mut sents = Vec::new();
    for (d, s) in docs.iter().zip(&silvers) {
        let labels = silver::project(d, s);
        let toks = &d.layers.tokens;
        let mut start = 0;
        while start < toks.len() {
            let mut end = start;
            while end < toks.len() && toks[end].sentence() == toks[start].sentence() {
                end += 1;
            }
            sents.push(Sentence {
                words: toks[start..end]
                    .iter()
                    .map(|t| d.slice(t.span()).to_string())
                    .collect(),
                labels: labels[start..end].to_vec(),
            });
            start = end;
        }
    }
    // classes: every single tag, and composites seen often enough
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for s in &sents {
        for l in s.labels.iter().flatten() {
            *counts.entry(l.clone()).or_default() += 1;
        }
    }
    let keep = |l: &str| !l.contains('+') || counts.get(l).copied().unwrap_or(0) >= MIN_COMPOSITE;
    let classes: Vec<String> = counts.keys().filter(|l| keep(l)).cloned().collect();
    let class_of: HashMap<&str, usize> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let label_id = |l: &str| -> Option<usize> {
        class_of
            .get(l)
            .or_else(|| class_of.get(l.split('+').next().unwrap_or(l)))
            .copied()
    };
    // tag dictionary
    let mut word_tags: HashMap<String, BTreeMap<usize, usize>> = HashMap::new();
    for s in &sents {
        for (w, l) in s.words.iter().zip(&s.labels) {
            if let Some(c) = l.as_deref().and_then(label_id) {
                *word_tags
                    .entry(normalise(w).into_owned())
                    .or_default()
                    .entry(c)
                    .or_default() += 1;
            }
        }
    }
    let mut dict: BTreeMap<String, usize> = BTreeMap::new();
    for (w, tags) in &word_tags {
        let n: usize = tags.values().sum();
        let (&best, &m) = tags
            .iter()
            .max_by_key(|&(c, m)| (*m, usize::MAX - c))
            .unwrap_or((&0, &0));
        if n >= DICT_MIN_COUNT && m as f64 / n as f64 >= DICT_MIN_SHARE {
            dict.insert(w.clone(), best);
        }
    }
    eprintln!(
        "tagger: {} sentences, {} classes, {} dictionary words ({:.1}s)",
        sents.len(),
        classes.len(),
        dict.len(),
        t0.elapsed().as_secs_f64()
    );
    let mut p = Perceptron::new(classes.clone());
    let mut rng = Rng::new(SEED);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut f = Features::new();
    let mut buf = Vec::new();
    let mut hist = Vec::new();
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0u64, 0u64);
        for &si in &order {
            let s = &sents[si];
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let norms: Vec<Cow<str>> = words.iter().map(|w| normalise(w)).collect();
            hist.clear();
            for i in 0..words.len() {
                if let Some(&c) = dict.get(norms[i].as_ref()) {
                    hist.push(c);
                    continue;
                }
                let p1 = prev_tag(&classes, &hist, i, 1);
                let p2 = prev_tag(&classes, &hist, i, 2);
                f.clear();
                features(&words, &norms, i, p1, p2, &mut f);
                let guess = match s.labels[i].as_deref().and_then(label_id) {
                    Some(gold) => {
                        let g = p.train_one(f.keys(), gold, &mut buf);
                        total += 1;
                        right += u64::from(g == gold);
                        g
                    }
                    None => p.predict(f.keys(), &mut buf),
                };
                hist.push(guess);
            }
        }
        eprintln!(
            "tagger: epoch {} train agreement (non-dictionary) {:.4} ({:.1}s)",
            epoch + 1,
            right as f64 / total.max(1) as f64,
            t0.elapsed().as_secs_f64()
        );
    }
    let model = p.freeze(FEATURES, prune);
    let bytes = model.to_bytes();
    let mut tsv = String::new();
    for (w, c) in &dict {
        tsv.push_str(w);
        tsv.push('\t');
        tsv.push_str(&classes[*c]);
        tsv.push('\n');
    }
    std::fs::create_dir_all(out)?;
    std::fs::write(out.join("pos.qwlm"), &bytes)?;
    std::fs::write(out.join("pos-tagdict.tsv"), &tsv)?;
    eprintln!(
        "tagger: wrote {} ({} bytes, {} features) and the dictionary",
        out.join("pos.qwlm").display(),
        bytes.len(),
        model.n_features()
    );
    // evaluate on dev
    let tagger = Tagger::new(&bytes, &tsv)?;
    let (ddocs, dsilver) = sentences(shared, "dev")?;
    let mut agg = Agreement::default();
    let t1 = Instant::now();
    for (d, s) in ddocs.iter().zip(&dsilver) {
        silver::evaluate(&tagger, d, s, &mut agg);
    }
    let secs = t1.elapsed().as_secs_f64();
    let ntok: usize = ddocs.iter().map(|d| d.layers.tokens.len()).sum();
    println!(
        "tagger dev: agreement {:.4} on {} labelled tokens; {:.4} on {} one-to-one tokens; {:.0} tokens/s (evaluation loop, incl. projection)",
        agg.accuracy(),
        agg.total,
        agg.accuracy_one(),
        agg.total_one,
        ntok as f64 / secs
    );
    Ok(())
}
