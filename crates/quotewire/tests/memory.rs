//! Memory per document (issue 5): the heap one analysis takes at its peak,
//! per byte of input, counted by a global allocator (bytes asked for, not
//! RSS: deterministic, no clock, the same on any machine). The built-in
//! models (loaded once per process) are loaded before counting starts.
//!
//! The bounds sit a little above the figures measured when they were set
//! (README, "Robustness"), so a change that keeps more per token fails.

use quotewire::{Limits, Options, analyze_limited, analyze_text};
use quotewire_read::{Format, Input, Origin};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, keeping the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = IN_USE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        IN_USE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                let now = IN_USE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                IN_USE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak heap bytes above what was in use before, per byte of `text`, for
/// one analysis of `text` as a text input (no time budget).
fn peak_per_byte(text: &str) -> f64 {
    // load the models first (once per process, not per document), on a
    // small piece of the same text
    analyze_text("warm", &text[..text.len().min(4000)], Options::default());
    let input = Input {
        id: "t".into(),
        url: None,
        format: Format::Text,
        bytes: text.as_bytes().to_vec(),
        charset: None,
        origin: Origin::default(),
        warnings: Vec::new(),
    };
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let rec = analyze_limited(&input, Options::default(), Limits { time_budget: None });
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert!(!rec.attributions.is_empty());
    drop(rec);
    peak as f64 / text.len() as f64
}

fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

/// Plain prose and quote-dense text without a full stop, at two sizes:
/// the peak per byte stays under its bound and does not grow with the size
/// (memory linear in the document). One test, so nothing else allocates
/// in the process while it counts.
#[test]
fn memory_per_document_is_linear_and_bounded() {
    let cases = [
        // (repeated unit, bound in bytes per byte of input)
        (
            "The minister said the plan was on track and would be reviewed in May. ",
            21.0,
        ),
        ("Smith said \"a b c\" and ", 38.0),
    ];
    for (unit, bound) in cases {
        let text = repeat(unit, 300_000);
        let small = peak_per_byte(&text[..text.len() / 4]);
        let r = peak_per_byte(&text);
        eprintln!("{unit:?}: peak heap {r:.1} bytes per byte of input ({small:.1} at a quarter)");
        assert!(r < bound, "{unit:?}: {r:.1} bytes per byte, bound {bound}");
        assert!(
            r < small * 1.2,
            "{unit:?}: {r:.1} per byte, {small:.1} at a quarter of the size"
        );
    }
}
