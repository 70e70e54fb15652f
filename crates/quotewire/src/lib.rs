//! quotewire as a library: one call runs the whole analysis pipeline.
//!
//! ```text
//! read (quotewire-read) → extract → segment → attribute → resolve → Record
//! ```
//!
//! * [`analyze`] turns one [`Input`] (from `quotewire_read::inputs`) into its
//!   [`Record`]; [`try_analyze`] does the same but turns a panic inside a
//!   stage into an [`AnalyzeError`] for that document, so a batch goes on.
//! * [`analyze_text`] analyses a string (tests, bindings).
//!
//! ```
//! use quotewire::{analyze_text, Options};
//! let rec = analyze_text("doc", "“We are ready,” Putin said.", Options::default());
//! assert_eq!(rec.id, "doc");
//! ```

#![deny(missing_docs)]

pub use jiff::civil::Date;
use quotewire_doc::{Document, Record};
use quotewire_read::{Format, Input, Origin};
use std::panic::{AssertUnwindSafe, catch_unwind};

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

/// Run every stage after reading on one input and return its record.
///
/// Never panics on bad input: undecodable bytes are replaced, a page with no
/// article gives a record with empty text. Problems the read stage noted
/// about the input (e.g. a truncated file) are added to the record's
/// `warnings`.
pub fn analyze(input: &Input, opts: Options) -> Record {
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
            d
        }
    };
    set_published(&mut doc, opts);
    annotate(&mut doc);
    doc.warnings.extend(input.warnings.iter().cloned());
    Record::from_document(&doc)
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

/// The caller's publication date, when given, replaces the page's.
fn set_published(doc: &mut Document, opts: Options) {
    if let Some(d) = opts.published {
        doc.meta.published = Some(d.to_string());
    }
}

/// The stages after extraction, in order: segment → attribute → resolve.
pub fn annotate(doc: &mut Document) {
    quotewire_segment::segment(doc);
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
    fn input_warnings_reach_the_record() {
        let rec = analyze(&input(b"Plain words.", Format::Text), Options::default());
        assert_eq!(rec.id, "t");
        assert_eq!(rec.url.as_deref(), Some("http://example.com/a"));
        assert!(rec.warnings.iter().any(|w| w == "truncated input: test"));
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
