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
    analyze_published(input, opts, None)
}

/// [`analyze`] with the publication date the caller knows (ISO 8601, see
/// [`check_published`]): it replaces whatever date the page gives, and time
/// expressions are resolved against it. `None` is [`analyze`].
///
/// Used by the Python package's `published=`; the CLI's `--published` is
/// planned on the same path.
pub fn analyze_published(input: &Input, opts: Options, published: Option<&str>) -> Record {
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
    if let Some(date) = published {
        doc.meta.published = Some(date.to_string());
    }
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

/// [`analyze_published`], with a panic caught as in [`try_analyze`].
pub fn try_analyze_published(
    input: &Input,
    opts: Options,
    published: Option<&str>,
) -> Result<Record, AnalyzeError> {
    guarded(input, || analyze_published(input, opts, published))
}

/// Check a publication date given by a user: ISO 8601 with only the
/// precision known, `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally followed by
/// `THH:MM` or `THH:MM:SS` and a zone (`Z` or `±HH:MM`), the forms records
/// carry in `published`. Returns the date trimmed of surrounding spaces, or
/// an error message that quotes the value and shows the forms.
pub fn check_published(date: &str) -> Result<&str, String> {
    let d = date.trim();
    if published_shape_ok(d) {
        Ok(d)
    } else {
        Err(format!(
            "published date {date:?} is not an ISO 8601 date; give YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]"
        ))
    }
}

/// The shape test behind [`check_published`], with field ranges.
fn published_shape_ok(d: &str) -> bool {
    fn num(s: &str, lo: u32, hi: u32) -> bool {
        s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && {
            let n: u32 = s.parse().unwrap_or(u32::MAX);
            (lo..=hi).contains(&n)
        }
    }
    let (date, time) = match d.split_once('T') {
        Some((a, b)) => (a, Some(b)),
        None => (d, None),
    };
    let mut parts = date.split('-');
    let year = parts.next().unwrap_or("");
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let month = parts.next();
    let day = parts.next();
    if parts.next().is_some()
        || month.is_some_and(|m| !num(m, 1, 12))
        || day.is_some_and(|x| !num(x, 1, 31))
    {
        return false;
    }
    let Some(time) = time else { return true };
    if day.is_none() {
        return false;
    }
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => (time, ""),
    };
    let mut f = clock.split(':');
    let (h, m, s) = (f.next(), f.next(), f.next());
    let clock_ok = f.next().is_none()
        && h.is_some_and(|h| num(h, 0, 23))
        && m.is_some_and(|m| num(m, 0, 59))
        && s.is_none_or(|s| num(s, 0, 60));
    let zone_ok = match zone {
        "" | "Z" => true,
        z => z
            .get(1..)
            .and_then(|z| z.split_once(':'))
            .is_some_and(|(h, m)| num(h, 0, 23) && num(m, 0, 59)),
    };
    clock_ok && zone_ok
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
    fn a_given_published_date_replaces_the_page_date() {
        let page = b"<html><head><meta property=\"article:published_time\" content=\"2001-02-03\"></head><body><p>\xe2\x80\x9cWe are ready,\xe2\x80\x9d Putin said on Monday.</p></body></html>";
        let mut inp = input(page, Format::Html);
        inp.warnings.clear();
        let own = analyze(&inp, Options::default());
        assert_eq!(own.published.as_deref(), Some("2001-02-03"));
        let given = try_analyze_published(&inp, Options::default(), Some("2019-03-06")).unwrap();
        assert_eq!(given.published.as_deref(), Some("2019-03-06"));
        let none = try_analyze_published(&inp, Options::default(), None).unwrap();
        assert_eq!(none.published, own.published);
    }

    #[test]
    fn published_dates_are_checked() {
        for ok in [
            "2019",
            "2019-03",
            "2019-03-06",
            "2019-03-06T10:30",
            "2019-03-06T10:30:05Z",
            "2019-03-06T10:30+05:30",
            " 2019-03-06 ",
        ] {
            assert!(check_published(ok).is_ok(), "{ok}");
        }
        assert_eq!(check_published(" 2019-03-06 "), Ok("2019-03-06"));
        for bad in [
            "",
            "yesterday",
            "19-03-06",
            "2019-13-01",
            "2019-03-32",
            "2019-03-06T25:00",
            "2019-03T10:00",
            "2019-03-06T10:30+5",
            "2019/03/06",
        ] {
            let err = check_published(bad).unwrap_err();
            assert!(err.contains("not an ISO 8601 date"), "{bad}: {err}");
        }
    }

    #[test]
    fn panic_payloads_become_messages() {
        let p = catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
        assert_eq!(panic_message(p.as_ref()), "boom 1");
        let p = catch_unwind(|| std::panic::panic_any(7u8)).unwrap_err();
        assert_eq!(panic_message(p.as_ref()), "unknown panic");
    }
}
