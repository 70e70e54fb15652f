//! Text analysis (extract_text → segment → attribute → resolve) on arbitrary
//! UTF-8, cleaned and kept verbatim: no panic, valid spans, `--keep-text`
//! keeps the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotewire::{Limits, Options};
use quotewire_read::{Format, Input, Origin};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for keep_text in [false, true] {
        let input = Input {
            id: "fuzz".into(),
            url: None,
            format: Format::Text,
            bytes: data.to_vec(),
            charset: None,
            origin: Origin::default(),
            warnings: vec![],
        };
        let rec = quotewire::analyze_limited(&input, Options { keep_text, ..Options::default() }, Limits { time_budget: None });
        check::spans(&rec);
        if keep_text {
            assert_eq!(rec.text, text);
        }
    }
});

#[path = "check.rs"]
mod check;
