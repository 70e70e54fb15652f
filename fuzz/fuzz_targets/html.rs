//! The HTML extractor on arbitrary bytes, then the rest of the pipeline:
//! no panic, spans inside the text on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotewire::{Limits, Options};
use quotewire_read::{Format, Input, Origin};

fuzz_target!(|data: &[u8]| {
    // the first byte picks a declared charset (none, a right or a wrong one)
    let (charset, bytes) = match data.split_first() {
        Some((b, rest)) => (
            match b % 4 {
                0 => None,
                1 => Some("utf-8".to_string()),
                2 => Some("windows-1252".to_string()),
                _ => Some("shift_jis".to_string()),
            },
            rest,
        ),
        None => (None, data),
    };
    let input = Input {
        id: "fuzz".into(),
        url: Some("https://example.com/2020/01/02/story.html".into()),
        format: Format::Html,
        bytes: bytes.to_vec(),
        charset,
        origin: Origin::default(),
        warnings: vec![],
    };
    let rec = quotewire::analyze_limited(&input, Options::default(), Limits { time_budget: None });
    check::spans(&rec);
});

#[path = "check.rs"]
mod check;
