//! Checks shared by the fuzz targets.
use quotewire_doc::Record;

/// Every span of the record lies inside `text` (code points, start <= end).
pub fn spans(rec: &Record) {
    let n = rec.text.chars().count();
    let ok = |s: &[usize; 2]| s[0] <= s[1] && s[1] <= n;
    for a in &rec.attributions {
        for s in a.content.iter().chain(&a.cue).chain(&a.source) {
            assert!(ok(s), "attribution span {s:?} outside a text of {n} chars");
        }
    }
    for e in &rec.entities {
        for s in &e.mentions {
            assert!(ok(s), "mention {s:?} outside a text of {n} chars");
        }
    }
    for t in &rec.timexes {
        assert!(ok(&t.span), "timex {:?} outside a text of {n} chars", t.span);
    }
    if let Some(d) = rec.dateline.as_ref().and_then(|d| d.span.as_ref()) {
        assert!(ok(d), "dateline {d:?} outside a text of {n} chars");
    }
}
