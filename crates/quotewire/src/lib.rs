//! quotewire as a library: one call runs the whole analysis pipeline.
//!
//! ```text
//! read (quotewire-read) → extract → segment → tag → attribute → resolve → Record
//! ```
//!
//! * [`analyze`] turns one [`Input`] (from `quotewire_read::inputs`) into its
//!   [`Record`]; [`try_analyze`] does the same but turns a panic inside a
//!   stage into an [`AnalyzeError`] for that document, so a batch goes on.
//! * [`analyze_text`] analyses a string (tests, bindings).
//! * [`analyze_limited`] / [`try_analyze_limited`] take explicit [`Limits`]
//!   (the per-document time budget); [`analyze`] uses [`Limits::default`].
//!
//! Work per document is linear (or n log n) in its size: sentences are at
//! most `quotewire_segment::rules::MAX_SENTENCE_BYTES` long, so every
//! per-sentence step is bounded, and whole-document lookups are binary
//! searches or hash lookups. The time budget is a safety net on top: when it
//! runs out, the stages still to come are skipped and the record says so.
//!
//! ```
//! use quotewire::{analyze_text, Options};
//! let rec = analyze_text("doc", "“We are ready,” Putin said.", Options::default());
//! assert_eq!(rec.id, "doc");
//! ```

#![deny(missing_docs)]

pub use jiff::civil::Date;
pub use quotewire_doc::Deadline;
use quotewire_doc::{Document, Record};
use quotewire_read::{Format, Input, Origin};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

/// Default per-document time budget: far above any news page (milliseconds),
/// low enough that one pathological document cannot stall a crawl run.
pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(10);

/// Limits on the analysis of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock budget per document; `None` for no limit. Checked between
    /// stages: once spent, the stages still to come are skipped, and the
    /// record (with what was done) carries a warning naming the stage that
    /// used the budget up.
    pub time_budget: Option<Duration>,
}

impl Default for Limits {
    /// [`DEFAULT_TIME_BUDGET`].
    fn default() -> Self {
        Limits {
            time_budget: Some(DEFAULT_TIME_BUDGET),
        }
    }
}

/// The stages after reading, in order, as named in warnings.
pub const STAGES: [&str; 5] = ["extract", "segment", "tag", "attribute", "resolve"];

/// How a document is analysed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// No cleaning: `text` is the decoded input exactly as given.
    pub keep_text: bool,
    /// The publication date the caller knows (`analyze --published`): it
    /// replaces any date found in the page (metadata, page stamp, file name),
    /// becomes the record's `published` (`YYYY-MM-DD`) and anchors the
    /// relative time expressions ("yesterday", "last week", "Thursday").
    pub published: Option<Date>,
    /// Attribution only for articles (`analyze --articles-only`): pages
    /// whose `page_type` is known and is not `article` (listings, forums,
    /// products...) keep their main text, metadata and entities, but the
    /// attribution stage is skipped.
    pub articles_only: bool,
}

impl Options {
    fn extract(self) -> quotewire_extract::Options {
        quotewire_extract::Options {
            keep_text: self.keep_text,
        }
    }
}

/// Parse a publication date as `analyze --published` takes it: ISO 8601
/// `YYYY-MM-DD` (a time after it, `YYYY-MM-DDTHH:MM...`, is accepted and
/// ignored).
///
/// # Errors
/// A message naming the expected form when `s` is not a valid calendar date.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let day = s.trim();
    let day = day
        .get(..10)
        .filter(|_| day.len() == 10 || day[10..].starts_with('T'))
        .unwrap_or(day);
    day.parse::<Date>()
        .map_err(|e| format!("{s:?} is not a date of the form YYYY-MM-DD ({e})"))
}

/// The caller's publication date, when given, replaces the page's.
fn set_published(doc: &mut Document, opts: Options) {
    if let Some(d) = opts.published {
        doc.meta.published = Some(d.to_string());
    }
}

/// Run every stage after reading on one input and return its record.
///
/// Undecodable bytes are replaced, a page with no article gives a record
/// with empty text. Problems the read stage noted about the input (e.g. a
/// truncated file) are added to the record's `warnings`. Runs with
/// [`Limits::default`]; a panic inside a stage (a bug) propagates: use
/// [`try_analyze`] to contain it.
pub fn analyze(input: &Input, opts: Options) -> Record {
    analyze_limited(input, opts, Limits::default())
}

/// [`analyze`] within explicit [`Limits`].
pub fn analyze_limited(input: &Input, opts: Options, limits: Limits) -> Record {
    let deadline = limits.time_budget.map_or(Deadline::none(), Deadline::after);
    analyze_until(input, opts, deadline, limits.time_budget)
}

/// [`analyze`] until `deadline`, polled between the stages and inside the
/// slow ones ([`Deadline::after_polls`] makes it deterministic for tests);
/// `budget` is the time the deadline stands for, as the warning quotes it.
pub fn analyze_until(
    input: &Input,
    opts: Options,
    deadline: Deadline,
    budget: Option<Duration>,
) -> Record {
    let started = Instant::now();
    let mut doc = match input.format {
        Format::Html => quotewire_extract::extract_html(
            &input.id,
            input.url.as_deref(),
            &input.bytes,
            input.charset.as_deref(),
            opts.extract(),
        ),
        Format::Text => {
            let mut d = quotewire_extract::extract_text(&input.id, &input.bytes, opts.extract());
            if d.url.is_none() {
                d.url = input.url.clone();
            }
            if let Some(w) = utf8_warning(&input.bytes) {
                d.warnings.push(w);
            }
            d
        }
    };
    if doc
        .meta
        .language
        .as_deref()
        .is_some_and(|l| !is_language_tag(l))
    {
        // e.g. `Content-Language: UTF-8`: a charset, not a language
        doc.meta.language = None;
    }
    set_published(&mut doc, opts);
    let skip_attribution = opts.articles_only
        && doc
            .meta
            .page_type
            .as_deref()
            .is_some_and(|t| t != "article");
    doc.deadline = deadline;
    annotate_within(&mut doc, budget, started, skip_attribution);
    doc.deadline = Deadline::none();
    doc.warnings.extend(input.warnings.iter().cloned());
    Record::from_owned_document(doc)
}

/// The warning for a text input that is not valid UTF-8 (and has no byte
/// order mark): its bytes were decoded with a charset guessed from them.
fn utf8_warning(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
    {
        return None;
    }
    let e = std::str::from_utf8(bytes).err()?;
    Some(format!(
        "text input is not valid UTF-8 (first invalid byte at offset {}); decoded with a charset guessed from its bytes, check the text",
        e.valid_up_to()
    ))
}

/// Is `tag` shaped like a BCP 47 language tag (`en`, `en-US`, `pt_BR`,
/// `zh-Hans-CN`, `sr-Latn`, `de-1996`)? A charset name (`UTF-8`,
/// `iso-8859-1`) or a stray word is not: its later subtags are neither a
/// script (4 letters), a region (2 letters or 3 digits), an extended
/// language (3 letters) nor a variant (5-8 characters, or 4 starting with a
/// digit). Source: RFC 5646, section 2.1.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let Some(first) = parts.next() else {
        return false;
    };
    if !(2..=3).contains(&first.len()) || !first.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    parts.all(|p| {
        let alpha = p.bytes().all(|b| b.is_ascii_alphabetic());
        let alnum = p.bytes().all(|b| b.is_ascii_alphanumeric());
        let digits = p.bytes().all(|b| b.is_ascii_digit());
        match p.len() {
            2..=4 if alpha => true,
            3 if digits => true,
            4 => alnum && p.as_bytes()[0].is_ascii_digit(),
            5..=8 => alnum,
            _ => false,
        }
    })
}

/// Run segment → tag → attribute → resolve, checking `doc.deadline` after
/// extraction and after each stage (attribute and resolve also poll it in
/// their loops and stop early); once it has passed, the stages left are
/// skipped and a warning names the stage it ran out in. `skip_attribution`
/// leaves the attribution stage out ([`Options::articles_only`] on a
/// non-article).
fn annotate_within(
    doc: &mut Document,
    budget: Option<Duration>,
    started: Instant,
    skip_attribution: bool,
) {
    type Stage = fn(&mut Document);
    // index of the attribution stage in `stages`
    const ATTRIBUTE: usize = 2;
    let stages: [Stage; 4] = [
        quotewire_segment::segment,
        quotewire_tag::tag,
        quotewire_attribute::attribute,
        // the record keeps no token layer: freed once resolve has read it
        quotewire_resolve::resolve_releasing_tokens,
    ];
    // `STAGES[k]`: extract (k = 0), then `stages[k - 1]`
    for k in 0..STAGES.len() {
        if k > 0 && !(skip_attribution && k - 1 == ATTRIBUTE) {
            stages[k - 1](doc);
        }
        if doc.deadline.expired() {
            let left = &STAGES[k + 1..];
            doc.warnings.push(format!(
                "time budget{} per document spent during the {} stage ({:.2} s in all){}; not run: {}. The record holds what was done",
                budget.map(|b| format!(" of {b:?}")).unwrap_or_default(),
                STAGES[k],
                started.elapsed().as_secs_f64(),
                // attribute and resolve poll the deadline in their loops
                if k > ATTRIBUTE { ", which stopped early" } else { "" },
                if left.is_empty() { "none".to_string() } else { left.join(", ") }
            ));
            if k < 1 + ATTRIBUTE {
                // no attributions without segmentation and tagging
                doc.layers = Default::default();
            }
            return;
        }
    }
}

/// A document the pipeline failed on (a stage panicked). Only that document
/// is lost; the caller reports it and goes on.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "{origin}: document {id:?} could not be analysed: a stage failed ({message}). This is a quotewire bug: please report it with this input. The document is skipped."
)]
pub struct AnalyzeError {
    /// The input's id.
    pub id: String,
    /// Where the input came from (boxed to keep `Result`s small).
    pub origin: Box<Origin>,
    /// The panic message.
    pub message: String,
}

/// [`analyze`], with a panic inside any stage caught and returned as an
/// [`AnalyzeError`] for this document.
///
/// The process's panic hook still runs (by default it prints the panic to
/// stderr); a caller that reports the error itself may install a quieter hook.
pub fn try_analyze(input: &Input, opts: Options) -> Result<Record, AnalyzeError> {
    guarded(input, || analyze(input, opts))
}

/// [`try_analyze`] within explicit [`Limits`].
pub fn try_analyze_limited(
    input: &Input,
    opts: Options,
    limits: Limits,
) -> Result<Record, AnalyzeError> {
    guarded(input, || analyze_limited(input, opts, limits))
}

/// Run `f` for `input`, turning a panic into an [`AnalyzeError`].
fn guarded(input: &Input, f: impl FnOnce() -> Record) -> Result<Record, AnalyzeError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| AnalyzeError {
        id: input.id.clone(),
        origin: Box::new(input.origin.clone()),
        message: panic_message(payload.as_ref()),
    })
}

/// The text of a panic payload (`&str` or `String`), else a placeholder.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Analyse a text given as a string (convenience for tests and bindings).
pub fn analyze_text(id: &str, text: &str, opts: Options) -> Record {
    let mut doc = quotewire_extract::extract_text(id, text.as_bytes(), opts.extract());
    set_published(&mut doc, opts);
    annotate(&mut doc);
    Record::from_document(&doc)
}

/// The stages after extraction, in order: segment → tag → attribute →
/// resolve.
pub fn annotate(doc: &mut Document) {
    quotewire_segment::segment(doc);
    quotewire_tag::tag(doc);
    quotewire_attribute::attribute(doc);
    quotewire_resolve::resolve(doc);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(bytes: &[u8], format: Format) -> Input {
        Input {
            id: "t".into(),
            url: Some("http://example.com/a".into()),
            format,
            bytes: bytes.to_vec(),
            charset: None,
            origin: Origin::default(),
            warnings: vec!["truncated input: test".into()],
        }
    }

    #[test]
    fn published_option_sets_the_date_and_anchors_timexes() {
        let opts = Options {
            published: Some(parse_date("2018-12-21").unwrap()),
            ..Options::default()
        };
        let rec = analyze_text("d", "The talks ended yesterday.", opts);
        assert_eq!(rec.published.as_deref(), Some("2018-12-21"));
        let t = rec.timexes.iter().find(|t| t.text == "yesterday").unwrap();
        assert_eq!(t.value.as_deref(), Some("2018-12-20"));
        assert_eq!(
            parse_date("2018-12-21T10:00").unwrap().to_string(),
            "2018-12-21"
        );
        let err = parse_date("21/12/2018").unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(parse_date("2018-02-30").is_err());
    }

    /// With the tag stage's POS tags, the clause's tense places bare dates:
    /// a past verb keeps a month-day in the past, a future one moves a
    /// weekday or month forward (1999-03-12 is a Friday).
    #[test]
    fn tagged_tense_places_underspecified_dates() {
        let opts = Options {
            published: Some(parse_date("1999-03-12").unwrap()),
            ..Options::default()
        };
        let rec = analyze_text(
            "d",
            "The company said its fiscal year ended Jan. 31. The summit will be held in April. \
             Officials expect to sign the deal Tuesday. The car was found abandoned in December.",
            opts,
        );
        let v = |s: &str| {
            rec.timexes
                .iter()
                .find(|t| t.text == s)
                .and_then(|t| t.value.clone())
                .unwrap_or_else(|| panic!("{s} in {:?}", rec.timexes))
        };
        assert_eq!(v("Jan. 31"), "1999-01-31");
        assert_eq!(v("April"), "1999-04");
        assert_eq!(v("Tuesday"), "1999-03-16");
        assert_eq!(v("December"), "1998-12");
    }

    #[test]
    fn the_record_path_frees_the_token_layers_and_gives_the_same_record() {
        let text = "\"We will win,\" Maria Lopez said on Monday. She added that the plan, which the minister backed, was on track.";
        let mut kept =
            quotewire_extract::extract_text("t", text.as_bytes(), Options::default().extract());
        annotate(&mut kept);
        assert!(!kept.layers.tokens.is_empty() && !kept.layers.pos.is_empty());
        let mut freed =
            quotewire_extract::extract_text("t", text.as_bytes(), Options::default().extract());
        annotate_within(&mut freed, None, Instant::now(), false);
        assert!(freed.layers.tokens.is_empty() && freed.layers.pos.is_empty());
        assert_eq!(kept.attributions, freed.attributions);
        assert_eq!(kept.entities, freed.entities);
        assert_eq!(kept.timexes, freed.timexes);
        assert_eq!(
            Record::from_owned_document(kept),
            Record::from_owned_document(freed)
        );
    }

    #[test]
    fn the_tag_stage_runs_between_segment_and_attribute() {
        let mut doc = quotewire_extract::extract_text(
            "t",
            "Officials said the plan works.".as_bytes(),
            Options::default().extract(),
        );
        annotate(&mut doc);
        assert_eq!(doc.layers.pos.len(), doc.layers.tokens.len());
        assert_eq!(doc.layers.pos[1], "VBD");
    }

    #[test]
    fn input_warnings_reach_the_record() {
        let rec = analyze(&input(b"Plain words.", Format::Text), Options::default());
        assert_eq!(rec.id, "t");
        assert_eq!(rec.url.as_deref(), Some("http://example.com/a"));
        assert!(rec.warnings.iter().any(|w| w == "truncated input: test"));
    }

    #[test]
    fn a_spent_budget_still_gives_the_record_and_names_the_stage() {
        let src = "“We are ready,” Putin said on Monday.";
        let none = Limits {
            time_budget: Some(Duration::ZERO),
        };
        let rec = analyze_limited(
            &input(src.as_bytes(), Format::Text),
            Options::default(),
            none,
        );
        assert_eq!(rec.text, src);
        assert!(rec.attributions.is_empty() && rec.entities.is_empty());
        let w = rec
            .warnings
            .iter()
            .find(|w| w.contains("time budget"))
            .unwrap();
        assert!(w.contains("extract stage"), "{w}");
        assert!(
            w.contains("not run: segment, tag, attribute, resolve"),
            "{w}"
        );
        // the input's own warnings are kept too
        assert!(rec.warnings.iter().any(|w| w == "truncated input: test"));
        // no limit: the full analysis, no budget warning
        let free = Limits { time_budget: None };
        let rec = analyze_limited(
            &input(src.as_bytes(), Format::Text),
            Options::default(),
            free,
        );
        assert_eq!(rec.attributions.len(), 1);
        assert!(!rec.warnings.iter().any(|w| w.contains("time budget")));
        assert_eq!(
            rec,
            analyze(&input(src.as_bytes(), Format::Text), Options::default())
        );
    }

    /// Every span of `rec` lies inside its text (code points).
    fn spans_inside(rec: &Record) {
        let n = rec.text.chars().count();
        let ok = |s: &[usize; 2]| s[0] <= s[1] && s[1] <= n;
        for a in &rec.attributions {
            assert!(!a.content.is_empty());
            assert!(a.content.iter().chain(&a.cue).chain(&a.source).all(ok));
            if let Some(e) = a.speaker.as_ref().and_then(|s| s.entity.as_deref()) {
                assert!(rec.entities.iter().any(|x| x.id == e), "{e}");
            }
        }
        assert!(rec.entities.iter().all(|e| e.mentions.iter().all(ok)));
        assert!(rec.timexes.iter().all(|t| ok(&t.span)));
    }

    #[test]
    fn a_budget_spent_inside_a_stage_stops_it_there_with_a_valid_record() {
        // a long generated text; the deadline runs out after a chosen number
        // of polls (no clock), at every point of the pipeline in turn
        let mut src = String::new();
        for k in 0..400 {
            src.push_str(&format!(
                "“We will finish bridge {k} by May,” Mayor John Smith said on Monday. The minister said the plan was on track, officials from Acme Corp said.\n\n"
            ));
        }
        let doc = input(src.as_bytes(), Format::Text);
        let full = analyze_limited(&doc, Options::default(), Limits { time_budget: None });
        assert!(!full.warnings.iter().any(|w| w.contains("time budget")));
        let full_speakers = full
            .attributions
            .iter()
            .filter(|a| a.speaker.is_some())
            .count();
        // (polls, stage, attributions, stopped inside the stage)
        let mut seen: Vec<(u64, usize, usize, bool)> = Vec::new();
        let mut n = 0;
        loop {
            let rec = analyze_until(&doc, Options::default(), Deadline::after_polls(n), None);
            spans_inside(&rec);
            assert_eq!(rec.text, full.text);
            let Some(w) = rec.warnings.iter().find(|w| w.contains("time budget")) else {
                // enough polls for the whole pipeline: the full record
                assert_eq!(rec.attributions, full.attributions);
                assert_eq!(rec.entities, full.entities);
                break;
            };
            let stage = STAGES
                .iter()
                .position(|s| w.contains(&format!("during the {s} stage")))
                .unwrap_or_else(|| panic!("{w}"));
            assert_eq!(w.contains("stopped early"), stage >= 3, "{w}");
            let speakers = rec
                .attributions
                .iter()
                .filter(|a| a.speaker.is_some())
                .count();
            let cut = match stage {
                // inside attribute: the rules' attributions, not the merged ones
                3 => rec.attributions != full.attributions,
                // inside resolve: fewer names or speakers than the full run
                4 => rec.entities.len() < full.entities.len() || speakers < full_speakers,
                _ => false,
            };
            seen.push((n, stage, rec.attributions.len(), cut));
            n = if n < 8 { n + 1 } else { n + n / 4 };
            assert!(n < 1_000_000, "the deadline is never polled enough");
        }
        // later deadlines stop later stages, and every stage is reached
        assert!(seen.windows(2).all(|w| w[0].1 <= w[1].1), "{seen:?}");
        for stage in 0..STAGES.len() {
            assert!(seen.iter().any(|s| s.1 == stage), "{stage}: {seen:?}");
        }
        // stopped inside attribute (after the rules) and inside resolve,
        // with what was found so far in the record
        assert!(seen.iter().any(|s| s.1 == 3 && s.2 > 0 && s.3), "{seen:?}");
        assert!(seen.iter().any(|s| s.1 == 4 && s.2 > 0 && s.3), "{seen:?}");
    }

    #[test]
    fn language_tags_and_charsets() {
        for ok in [
            "en",
            "en-US",
            "pt_BR",
            "zh-Hans-CN",
            "sr-Latn",
            "de-1996",
            "es-419",
            "fil",
        ] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "UTF-8",
            "utf-8",
            "iso-8859-1",
            "english",
            "e",
            "",
            "en-",
            "windows-1252",
            "text/html",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn invalid_utf8_text_gives_a_warning() {
        let rec = analyze(
            &input(b"Caf\xe9 au lait, he said.", Format::Text),
            Options::default(),
        );
        let w = rec
            .warnings
            .iter()
            .find(|w| w.contains("not valid UTF-8"))
            .unwrap();
        assert!(w.contains("offset 3"), "{w}");
        assert!(rec.text.starts_with("Caf"));
        let rec = analyze(&input("Café.".as_bytes(), Format::Text), Options::default());
        assert!(!rec.warnings.iter().any(|w| w.contains("UTF-8")));
    }

    #[test]
    fn a_charset_is_not_a_language() {
        let page = b"<html><head><meta http-equiv=\"Content-Language\" content=\"UTF-8\"><title>T</title></head><body><article><p>Words here, many words, in a paragraph that is long enough to be kept as the article text.</p></article></body></html>";
        let rec = analyze(&input(page, Format::Html), Options::default());
        assert_eq!(rec.language, None);
    }

    #[test]
    fn articles_only_skips_attribution_on_other_pages() {
        let quote = "<p>“We will finish the bridge by May,” the mayor said on Monday, after the vote in the council.</p>";
        let news = format!(
            "<html><head><meta property=\"og:type\" content=\"article\"><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Bridge\"}}</script></head><body><article><h1>Bridge to open in May</h1>{quote}<p>The council approved the budget for the bridge, which was delayed twice, officials said.</p></article></body></html>"
        );
        let mut items = String::new();
        for k in 0..40 {
            items.push_str(&format!(
                "<li class=\"product-card\"><a href=\"/p/{k}\">Garden hose {k}</a><span class=\"price\">$1{k}.99</span><button class=\"add-to-cart\">Add to cart</button></li>"
            ));
        }
        let shop = format!(
            "<html><head><title>Garden hoses | Shop</title><script type=\"application/ld+json\">{{\"@type\":\"Product\",\"name\":\"Hose\"}}</script></head><body><div class=\"shop-grid\">{quote}<ul class=\"products\">{items}</ul></div><form><input name=q><select><option>Sort</option></select></form></body></html>"
        );
        let only = Options {
            articles_only: true,
            ..Options::default()
        };
        let n = analyze(&input(news.as_bytes(), Format::Html), only);
        assert_eq!(n.page_type.as_deref(), Some("article"));
        assert!(!n.attributions.is_empty(), "{n:?}");
        let s = analyze(&input(shop.as_bytes(), Format::Html), only);
        assert_ne!(s.page_type.as_deref(), Some("article"));
        assert!(s.attributions.is_empty());
        assert!(s.text.contains("finish the bridge"));
        // Without the option the same page keeps its attributions.
        let all = analyze(&input(shop.as_bytes(), Format::Html), Options::default());
        assert!(!all.attributions.is_empty());
    }

    #[test]
    fn keep_text_is_the_input_exactly() {
        let src = "A\u{a0}b\r\n\r\n“Quote,” she said.\n";
        let opts = Options {
            keep_text: true,
            ..Options::default()
        };
        let rec = try_analyze(&input(src.as_bytes(), Format::Text), opts).unwrap();
        assert_eq!(rec.text, src);
        // a byte-order mark is kept too (found by fuzzing: it was dropped,
        // shifting every offset by one)
        let bom = "\u{feff}“Ready,” he said.";
        let rec = try_analyze(&input(bom.as_bytes(), Format::Text), opts).unwrap();
        assert_eq!(rec.text, bom);
    }

    #[test]
    fn a_panicking_stage_is_an_error_for_that_document_only() {
        let doc = input(b"x", Format::Text);
        let err = guarded(&doc, || panic!("stage failed on purpose")).unwrap_err();
        assert_eq!(err.id, "t");
        assert_eq!(err.message, "stage failed on purpose");
        assert!(err.to_string().contains("could not be analysed"));
        // the next document is unaffected
        assert!(try_analyze(&doc, Options::default()).is_ok());
    }

    #[test]
    fn panic_payloads_become_messages() {
        let p = catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
        assert_eq!(panic_message(p.as_ref()), "boom 1");
        let p = catch_unwind(|| std::panic::panic_any(7u8)).unwrap_err();
        assert_eq!(panic_message(p.as_ref()), "unknown panic");
    }
}
