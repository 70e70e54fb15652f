//! Train the name-run classifier (`models/name_runs.qwm`, see
//! `models/MODEL_CARD.md`) from CoreNLP silver NER in CoNLL-U
//! (`../shared/data/polnear/train/corenlp.conllu`).
//!
//! Every run of capitalised words (with "of", "the", "and", "for", "de"
//! inside it) in a sentence is one instance, labelled with the CoreNLP class
//! of its last word: PERSON, ORGANIZATION, LOCATION, or NONE for anything
//! else. Every tenth document is held out and scored. Deterministic: the
//! same file gives byte-identical weights (seeded shuffles).
//!
//! With a third argument, GUM's non-news training documents
//! (`../shared/data/entities/train`, gold types) are added, from the genres
//! whose texts are openly licensed only ([`GUM_GENRES`]): there a run takes
//! the type of the gold name it ends in (NONE outside P/O/L names), and its
//! words come from resolve's own tokeniser, as at inference.
//!
//! ```text
//! cargo run --profile fast -p quotewire-resolve --example train_name_runs -- \
//!     ../shared/data/polnear/train/corenlp.conllu crates/resolve/models/name_runs.qwm \
//!     ../shared/data/entities/train
//! ```

use quotewire_learn::{Features, Perceptron, Rng};
use quotewire_resolve::name_model::{CLASSES, META, run_features};
use std::io::{BufRead, BufReader};

/// Training passes over the data.
const EPOCHS: usize = 6;
/// Shuffling seed.
const SEED: u64 = 7;
/// Weights below this (absolute) are dropped from the frozen model.
const PRUNE: f32 = 0.5;
/// GUM genres whose texts carry an open licence (GUM's LICENSE.txt):
/// academic, court CC BY 4.0; interview (Wikinews) CC BY 2.5; bio, voyage
/// (Wikipedia, Wikivoyage) CC BY-SA 3.0. The non-commercial and unlisted
/// genres are left out.
const GUM_GENRES: &[&str] = &["academic", "court", "interview", "bio", "voyage"];
/// Words that may sit inside a capitalised run.
const CONNECTORS: &[&str] = &["of", "the", "and", "for", "de", "&"];

/// A sentence: its document, words, Penn Treebank tags and classes.
#[derive(Default)]
struct Sent {
    doc: usize,
    forms: Vec<String>,
    tags: Vec<String>,
    classes: Vec<usize>,
}

/// One instance: the sentence's tokens, the run, its initial flag, its class.
struct Inst {
    sent: usize,
    a: usize,
    j: usize,
    class: usize,
}

fn class_of(ner: &str) -> usize {
    match ner {
        "PERSON" => 0,
        "ORGANIZATION" => 1,
        "LOCATION" => 2,
        _ => 3,
    }
}

fn cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The capitalised runs of a sentence.
fn runs(forms: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < forms.len() {
        if !cap(&forms[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < forms.len() && cap(&forms[j]) {
                j += 1;
            } else if j + 1 < forms.len()
                && CONNECTORS.contains(&forms[j].as_str())
                && cap(&forms[j + 1])
            {
                j += 2;
            } else {
                break;
            }
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// Sentences of GUM gold documents as (document, words, classes), labelled
/// from the gold name spans (code points) of PERSON / ORGANIZATION / LOCATION
/// entities; every other word is class 3 (NONE).
fn gum_sentences(dir: &str, doc: &mut usize, sents: &mut Vec<Sent>) {
    use quotewire_doc::{Alignment, Document};
    let gold = match std::fs::read_to_string(format!("{dir}/gold.jsonl")) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("cannot read {dir}/gold.jsonl: {e}");
            std::process::exit(1);
        }
    };
    for (n, line) in gold.lines().enumerate() {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{dir}/gold.jsonl: line {}: {e}", n + 1);
                std::process::exit(1);
            }
        };
        let id = v["id"].as_str().unwrap_or_default();
        let genre = id.split('_').nth(1).unwrap_or_default();
        if !GUM_GENRES.contains(&genre) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(format!("{dir}/{id}.txt")) else {
            eprintln!("cannot read {dir}/{id}.txt");
            std::process::exit(1);
        };
        // code point -> byte offsets
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let mut names: Vec<(usize, usize, usize)> = Vec::new();
        for e in v["entities"].as_array().into_iter().flatten() {
            let class = match e["type"].as_str() {
                Some("PERSON") => 0,
                Some("ORGANIZATION") => 1,
                Some("LOCATION") => 2,
                _ => 3,
            };
            for m in e["mentions"].as_array().into_iter().flatten() {
                if let Some([s, t]) = m["name_span"].as_array().map(|a| {
                    [a[0].as_u64().unwrap_or(0), a[1].as_u64().unwrap_or(0)]
                        .map(|x| bytes.get(x as usize).copied().unwrap_or(text.len()))
                }) {
                    names.push((s, t, class));
                }
            }
        }
        names.sort();
        let mut d = Document::new(id, text.clone(), Alignment::identity());
        quotewire_segment::segment(&mut d);
        quotewire_tag::tag(&mut d);
        let words = quotewire_resolve::words::Words::new(&d);
        *doc += 1;
        let mut cur = u32::MAX;
        for (i, w) in words.words.iter().enumerate() {
            let tag = words.pos.get(i);
            if w.sentence != cur {
                sents.push(Sent {
                    doc: *doc,
                    ..Sent::default()
                });
                cur = w.sentence;
            }
            let k = names.partition_point(|x| x.0 <= w.span.start);
            let class = names[..k]
                .iter()
                .rev()
                .take(4)
                .find(|x| x.1 > w.span.start)
                .map_or(3, |x| x.2);
            let last = sents.last_mut().expect("pushed above");
            last.forms.push(w.span.slice(&text).to_string());
            last.tags.push(tag.to_string());
            last.classes.push(class);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, output, gum) = match args.as_slice() {
        [i, o] => (i, o, None),
        [i, o, g] => (i, o, Some(g)),
        _ => {
            eprintln!("usage: train_name_runs CORENLP.conllu OUT.qwm [GUM_TRAIN_DIR]");
            std::process::exit(2);
        }
    };
    let Ok(f) = std::fs::File::open(input) else {
        eprintln!("cannot open {input}");
        std::process::exit(1);
    };
    // sentences: document index, forms, tags, classes
    let mut sents: Vec<Sent> = Vec::new();
    let mut doc = 0usize;
    let (forms, tags, classes) = (&mut Vec::new(), &mut Vec::new(), &mut Vec::new());
    let flush = |sents: &mut Vec<Sent>,
                 doc,
                 forms: &mut Vec<String>,
                 tags: &mut Vec<String>,
                 classes: &mut Vec<usize>| {
        if !forms.is_empty() {
            sents.push(Sent {
                doc,
                forms: std::mem::take(forms),
                tags: std::mem::take(tags),
                classes: std::mem::take(classes),
            });
        }
    };
    for (n, line) in BufReader::new(f).lines().enumerate() {
        let Ok(line) = line else {
            eprintln!("{input}: line {}: not UTF-8 text", n + 1);
            std::process::exit(1);
        };
        if line.starts_with("# newdoc") {
            flush(&mut sents, doc, forms, tags, classes);
            doc += 1;
            continue;
        }
        if line.is_empty() {
            flush(&mut sents, doc, forms, tags, classes);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains(['-', '.']) {
            continue;
        }
        let ner = cols[9]
            .split('|')
            .find_map(|kv| kv.strip_prefix("NER="))
            .unwrap_or("O");
        forms.push(cols[1].to_string());
        tags.push(cols[4].to_string());
        classes.push(class_of(ner));
    }
    flush(&mut sents, doc, forms, tags, classes);
    if let Some(dir) = gum {
        let before = sents.len();
        gum_sentences(dir, &mut doc, &mut sents);
        eprintln!("GUM {dir}: {} sentences", sents.len() - before);
    }
    let mut train = Vec::new();
    let mut dev = Vec::new();
    for (s, st) in sents.iter().enumerate() {
        for (a, j) in runs(&st.forms) {
            let inst = Inst {
                sent: s,
                a,
                j,
                class: st.classes[j - 1],
            };
            if st.doc % 10 == 0 {
                &mut dev
            } else {
                &mut train
            }
            .push(inst);
        }
    }
    eprintln!(
        "{} documents, {} sentences, {} training runs, {} held-out runs",
        doc,
        sents.len(),
        train.len(),
        dev.len()
    );
    let mut p = Perceptron::new(CLASSES.iter().map(|c| c.to_string()).collect());
    let mut rng = Rng::new(SEED);
    let mut feats = Features::new();
    let mut buf = Vec::new();
    let toks = |s: usize| -> (Vec<&str>, Vec<&str>) {
        let st = &sents[s];
        (
            st.forms.iter().map(String::as_str).collect(),
            st.tags.iter().map(String::as_str).collect(),
        )
    };
    for epoch in 0..EPOCHS {
        rng.shuffle(&mut train);
        let mut right = 0usize;
        for x in &train {
            let (t, g) = toks(x.sent);
            run_features(&t, &g, x.a, x.j, x.a == 0, &mut feats);
            right += usize::from(p.train_one(feats.keys(), x.class, &mut buf) == x.class);
        }
        eprintln!(
            "epoch {}: training accuracy {:.4}",
            epoch + 1,
            right as f64 / train.len().max(1) as f64
        );
    }
    let model = p.freeze(META, PRUNE);
    // held-out accuracy and per-class F1
    let mut right = 0usize;
    let mut prf = [quotewire_learn::Prf::default(); 4];
    for x in &dev {
        let (t, g) = toks(x.sent);
        run_features(&t, &g, x.a, x.j, x.a == 0, &mut feats);
        let g = model.predict(feats.keys(), &mut buf);
        right += usize::from(g == x.class);
        if g == x.class {
            prf[g].tp += 1;
        } else {
            prf[g].fp += 1;
            prf[x.class].fn_ += 1;
        }
    }
    eprintln!(
        "held out: accuracy {:.4} over {} runs",
        right as f64 / dev.len().max(1) as f64,
        dev.len()
    );
    for (c, m) in CLASSES.iter().zip(&prf) {
        eprintln!(
            "  {c:<13} P {:.3} R {:.3} F1 {:.3}",
            m.precision(),
            m.recall(),
            m.f1()
        );
    }
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(output, &bytes) {
        eprintln!("cannot write {output}: {e}");
        std::process::exit(1);
    }
    eprintln!(
        "wrote {output}: {} bytes, {} features",
        bytes.len(),
        model.n_features()
    );
}
