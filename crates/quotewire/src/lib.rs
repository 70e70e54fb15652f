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
//!
//! ```
//! use quotewire::{analyze_text, Options};
//! let rec = analyze_text("doc", "“We are ready,” Putin said.", Options::default());
//! assert_eq!(rec.id, "doc");
//! ```

#![deny(missing_docs)]

use quotewire_doc::{Document, Record};
pub use quotewire_extract::Options;
use quotewire_read::{Format, Input, Origin};
use std::panic::{AssertUnwindSafe, catch_unwind};

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
            opts,
        ),
        Format::Text => {
            let mut d = quotewire_extract::extract_text(&input.id, &input.bytes, opts);
            if d.url.is_none() {
                d.url = input.url.clone();
            }
            d
        }
    };
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
    let mut doc = quotewire_extract::extract_text(id, text.as_bytes(), opts);
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
    fn the_tag_stage_runs_between_segment_and_attribute() {
        let mut doc = quotewire_extract::extract_text(
            "t",
            "Officials said the plan works.".as_bytes(),
            Options::default(),
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
    fn keep_text_is_the_input_exactly() {
        let src = "A\u{a0}b\r\n\r\n“Quote,” she said.\n";
        let opts = Options { keep_text: true };
        let rec = try_analyze(&input(src.as_bytes(), Format::Text), opts).unwrap();
        assert_eq!(rec.text, src);
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
