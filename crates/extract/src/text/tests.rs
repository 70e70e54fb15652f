//! Tests of flattened-text extraction on small hand-written pages, the seed and
//! the plain-text cases.

use super::*;

const SEED: &str = include_str!("../../../../examples/sputnik-2018-12-20-putin-trump.txt");

#[test]
fn seed_smoke() {
    let d = extract(SEED);
    eprintln!("{}", d.text);
    eprintln!("{:#?}", d.meta);
}
