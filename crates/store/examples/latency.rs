//! Search latency on a database: typical searches (words, phrase, speaker,
//! entity, date range, outlet, kind, no words), each run many times through
//! `Store::search` (the code `quotewire search` and `/api/search` run);
//! prints p50 / p99 / max in milliseconds.
//!
//! `cargo run --profile fast -p quotewire-store --example latency -- big.db [ROUNDS] [NAME]`
//! (NAME: run only the searches whose name contains it, e.g. to profile one).

use quotewire_store::{Kind, Query, Store};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let db = args.get(1).expect("usage: latency DB [ROUNDS]");
    let rounds: usize = args.get(2).map_or(50, |s| s.parse().expect("ROUNDS"));
    let only = args.get(3).map_or("", String::as_str);
    let store = Store::open_readonly(std::path::Path::new(db)).expect("open");
    let q = |text: &str| Query {
        text: text.into(),
        ..Query::default()
    };
    let searches: Vec<(&str, Query)> = vec![
        ("one word", q("economy")),
        ("common word", q("said")),
        ("two words", q("health care")),
        ("phrase", q("\"the american people\"")),
        (
            "word + speaker",
            Query {
                speaker: Some("Trump".into()),
                ..q("wall")
            },
        ),
        (
            "speaker only",
            Query {
                speaker: Some("Clinton".into()),
                ..q("")
            },
        ),
        (
            "word + about",
            Query {
                about: Some("Obama".into()),
                ..q("president")
            },
        ),
        (
            "word + dates",
            Query {
                since: Some("2018-03".into()),
                until: Some("2019-06-30".into()),
                ..q("tax")
            },
        ),
        (
            "word + outlet + kind",
            Query {
                outlet: Some("Daily Two".into()),
                kind: Some(Kind::Direct),
                ..q("campaign")
            },
        ),
        ("newest, no words", q("")),
    ];
    let mut all = Vec::new();
    println!("| search | results | p50 ms | p99 ms | max ms |");
    println!("|---|---:|---:|---:|---:|");
    for (name, query) in searches.iter().filter(|(n, _)| n.contains(only)) {
        let mut times = Vec::with_capacity(rounds);
        let mut n = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            n = store.search(query).expect("search").len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        all.extend_from_slice(&times);
        let (p50, p99, max) = pct(&mut times);
        println!("| {name} | {n} | {p50:.2} | {p99:.2} | {max:.2} |");
    }
    let (p50, p99, max) = pct(&mut all);
    println!("| **all** | | **{p50:.2}** | **{p99:.2}** | {max:.2} |");
}

fn pct(v: &mut [f64]) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.99), v[v.len() - 1])
}
