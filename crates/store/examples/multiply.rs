//! Build a large JSONL input for the scale benchmark from real records:
//! every record repeated with varied ids, URLs, outlets and dates, its text
//! given a distinct last paragraph (so each copy is a new article body;
//! offsets are unchanged), until at least the asked number of quotes.
//!
//! `cargo run --profile fast -p quotewire-store --example multiply -- records.jsonl 1000000 > big.jsonl`

use quotewire_doc::Record;
use std::io::{BufRead, BufWriter, Write};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: multiply RECORDS.jsonl MIN_QUOTES > OUT.jsonl");
        std::process::exit(2);
    }
    let want: u64 = args[2].parse().expect("MIN_QUOTES is a number");
    let file = std::fs::File::open(&args[1]).expect("records file");
    let recs: Vec<Record> = std::io::BufReader::new(file)
        .lines()
        .map(|l| serde_json::from_str(&l.expect("read")).expect("a record"))
        .filter(|r: &Record| !r.attributions.is_empty())
        .collect();
    assert!(!recs.is_empty(), "no record with attributions");
    let outlets = [
        "Agency One",
        "Daily Two",
        "Three News",
        "Four Post",
        "Five Times",
        "Six Herald",
    ];
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let (mut quotes, mut n, mut k) = (0u64, 0u64, 0u64);
    // a fixed linear congruential sequence: same inputs, same output
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    while quotes < want {
        for r in &recs {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let day = (seed >> 33) % 3650; // ten years
            let (y, m, d) = (2015 + day / 365, 1 + (day % 365) / 31 % 12, 1 + day % 28);
            let mut c = r.clone();
            c.id = format!("{}~{k}", r.id);
            c.url = Some(format!("https://bench.invalid/{k}/{}", r.id));
            c.outlet = Some(outlets[(seed >> 20) as usize % outlets.len()].to_string());
            c.published = Some(format!("{y:04}-{m:02}-{d:02}T{:02}:00Z", (seed >> 40) % 24));
            c.text.push_str(&format!("\n\n[copy {k}]"));
            serde_json::to_writer(&mut out, &c).expect("write");
            out.write_all(b"\n").expect("write");
            quotes += c.attributions.len() as u64;
            n += 1;
            if quotes >= want {
                break;
            }
        }
        k += 1;
    }
    out.flush().expect("write");
    eprintln!(
        "multiply: {n} records, {quotes} quotes from {} real records",
        recs.len()
    );
}
