//! Date and time-expression parsers: the first line of the input is used as
//! a page date (meta tag, <time>, text stamp line, URL) and parsed as ISO;
//! the rest is text whose timexes are resolved against it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotewire::{Limits, Options};
use quotewire_doc::{Alignment, Document};
use quotewire_read::{Format, Input, Origin};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (line, body) = s.split_once('\n').unwrap_or((s, ""));
    let _ = quotewire_resolve::timex::parse_iso(line);
    let _ = quotewire_resolve::timex::date_in_url(line);
    let esc = line.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let page = format!(
        "<html><head><meta property=\"article:published_time\" content=\"{esc}\"><meta name=\"date\" content=\"{esc}\"><title>T</title></head><body><article><time datetime=\"{esc}\">{esc}</time><p>{body}</p><p>Published {esc}</p></article></body></html>"
    );
    let html = Input {
        id: "fuzz".into(),
        url: Some(format!("https://example.com/{line}/story")),
        format: Format::Html,
        bytes: page.into_bytes(),
        charset: None,
        origin: Origin::default(),
        warnings: vec![],
    };
    let free = Limits { time_budget: None };
    check::spans(&quotewire::analyze_limited(&html, Options::default(), free));
    let stamp = format!("{line}\n\n{body}\n\nUpdated: {line}\n");
    let text = Input {
        format: Format::Text,
        bytes: stamp.into_bytes(),
        ..html
    };
    check::spans(&quotewire::analyze_limited(&text, Options::default(), free));
    // timexes of the body against the line as the publication date
    let mut doc = Document::new("fuzz", body.to_string(), Alignment::identity());
    doc.meta.published = Some(line.to_string());
    quotewire::annotate(&mut doc);
    for t in &doc.timexes {
        assert!(t.span.end <= doc.text.len() && doc.text.is_char_boundary(t.span.start));
    }
});

#[path = "check.rs"]
mod check;
