//! Train the name-type lexicon (`models/name_types.tsv`) from CoreNLP silver NER
//! in CoNLL-U (`../shared/data/polnear/train/corenlp.conllu`, see
//! `models/MODEL_CARD.md`).
//!
//! For every capitalised word form, count how often CoreNLP tagged it PERSON,
//! ORGANIZATION, LOCATION or anything else; keep forms seen at least
//! [`MIN_COUNT`] times. Deterministic: no randomness, output sorted by form.
//!
//! ```text
//! cargo run --release -p quotewire-resolve --example train_name_types -- \
//!     ../shared/data/polnear/train/corenlp.conllu > crates/resolve/models/name_types.tsv
//! ```

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};

/// Minimum number of occurrences for a form to be kept.
const MIN_COUNT: u32 = 3;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: train_name_types CORENLP.conllu > name_types.tsv");
        std::process::exit(2);
    };
    let Ok(f) = std::fs::File::open(&path) else {
        eprintln!("cannot open {path}");
        std::process::exit(1);
    };
    let mut counts: BTreeMap<String, [u32; 4]> = BTreeMap::new();
    for line in BufReader::new(f).lines().map_while(Result::ok) {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            continue;
        }
        let form = cols[1];
        if !form.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let ner = cols[9]
            .split('|')
            .find_map(|kv| kv.strip_prefix("NER="))
            .unwrap_or("O");
        let class = match ner {
            "PERSON" => 0,
            "ORGANIZATION" => 1,
            "LOCATION" => 2,
            _ => 3,
        };
        counts.entry(form.to_string()).or_default()[class] += 1;
    }
    println!(
        "# form\tPERSON\tORGANIZATION\tLOCATION\tother (CoreNLP silver counts; see MODEL_CARD.md)"
    );
    for (form, c) in counts {
        if c.iter().sum::<u32>() >= MIN_COUNT {
            println!("{form}\t{}\t{}\t{}\t{}", c[0], c[1], c[2], c[3]);
        }
    }
}
