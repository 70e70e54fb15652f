//! Python values to quotewire inputs: `str`/`bytes` content recognised as
//! the CLI recognises standard input, and the dicts `read_warc` yields.

use crate::settings::Settings;
use crate::{AnalysisError, Job, ReadError};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use quotewire_read::{Format, Input, Item, Origin, ReadOptions};
use std::io::Cursor;
use std::path::PathBuf;

/// Why a document gave no record, with the Python exception it becomes.
#[derive(Debug)]
pub(crate) enum Failure {
    /// `ValueError`: the content is not one document (a WARC archive).
    Value(String),
    /// `ReadError`: the content could not be read (binary, empty, damaged).
    Read(String),
    /// `AnalysisError`: a stage failed on the document.
    Analysis(String),
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        match f {
            Failure::Value(m) => PyValueError::new_err(m),
            Failure::Read(m) => ReadError::new_err(m),
            Failure::Analysis(m) => AnalysisError::new_err(m),
        }
    }
}

/// The bytes of `content`: `bytes` as given, `str` as UTF-8.
pub(crate) fn content_bytes(content: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = content.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if content.is_instance_of::<PyString>() {
        return Ok(content.extract::<String>()?.into_bytes());
    }
    Err(PyTypeError::new_err(format!(
        "content must be str or bytes, not {}",
        content.get_type().name()?
    )))
}

/// A caller's publication date: a `str` as `analyze --published` takes it
/// (`YYYY-MM-DD`, a time after it ignored) or a `datetime.date` /
/// `datetime.datetime`; `ValueError` with the message of
/// [`quotewire::parse_date`], `TypeError` for anything else.
pub(crate) fn published(date: Option<&Bound<'_, PyAny>>) -> PyResult<Option<quotewire::Date>> {
    let Some(date) = date.filter(|d| !d.is_none()) else {
        return Ok(None);
    };
    let text: String = if date.is_instance_of::<PyString>() {
        date.extract()?
    } else if date.hasattr("isoformat")? {
        date.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "published must be a str (YYYY-MM-DD) or a datetime.date, not {}",
            date.get_type().name()?
        )));
    };
    quotewire::parse_date(&text)
        .map(Some)
        .map_err(PyValueError::new_err)
}

/// The one document in `bytes`, recognised by content as `quotewire
/// analyze -` recognises standard input (id `stdin`, messages name `<stdin>`),
/// within the CLI's reading limits `read` (`--max-doc-bytes`).
pub(crate) fn sniffed_input(bytes: Vec<u8>, read: ReadOptions) -> Result<Input, Failure> {
    let items = quotewire_read::read_stream("-", Box::new(Cursor::new(bytes)), read);
    let mut doc: Option<Input> = None;
    let mut docs = 0usize;
    let mut problem: Option<Failure> = None;
    for item in items {
        match item {
            Item::Doc(input) => {
                docs += 1;
                if input.origin.record.is_some() {
                    return Err(Failure::Value(
                        "the content is a WARC archive, not one document; read it with quotewire.read_warc(io.BytesIO(content)) and analyse the documents with quotewire.analyze_many".into(),
                    ));
                }
                doc.get_or_insert(input);
            }
            Item::Error(e) => {
                problem.get_or_insert(Failure::Read(e.to_string()));
            }
            Item::Skipped { origin, reason } => {
                problem.get_or_insert(Failure::Read(format!("{origin}: {reason}")));
            }
            // a truncation warning is also in the document's own warnings
            Item::Warning { .. } => {}
        }
    }
    debug_assert!(docs <= 1);
    match (doc, problem) {
        (Some(d), _) => Ok(d),
        (None, Some(p)) => Err(p),
        (None, None) => Err(Failure::Read("<stdin>: no document in the content".into())),
    }
}

/// `input` with the caller's id and URL, when given.
pub(crate) fn with_overrides(mut input: Input, id: Option<String>, url: Option<String>) -> Input {
    if let Some(id) = id {
        input.id = id;
    }
    if url.is_some() {
        input.url = url;
    }
    input
}

/// A document still to recognise (`str`/`bytes` content) or already read
/// (a `read_warc` dict).
pub(crate) enum Pending {
    /// Raw content, recognised on a worker thread, then given these.
    Raw {
        bytes: Vec<u8>,
        id: Option<String>,
        url: Option<String>,
        settings: Settings,
    },
    /// Ready to analyse.
    Ready(Job),
}

impl Pending {
    /// Recognise (if needed) and analyse: the encoded record line.
    pub(crate) fn run(self) -> Result<Vec<u8>, Failure> {
        let job = match self {
            Pending::Ready(job) => job,
            Pending::Raw {
                bytes,
                id,
                url,
                settings,
            } => Job {
                input: with_overrides(sniffed_input(bytes, settings.read())?, id, url),
                opts: settings.opts,
                limits: settings.limits,
            },
        };
        job.run().map_err(Failure::Analysis)
    }

    /// Input bytes held (for chunk limits).
    pub(crate) fn size(&self) -> usize {
        match self {
            Pending::Raw { bytes, .. } => bytes.len(),
            Pending::Ready(job) => job.input.bytes.len(),
        }
    }
}

/// A value of type `T` from `d[key]`, `None` when absent or None.
fn opt<'py, T: for<'a> FromPyObjectOwned<'py>>(
    d: &Bound<'py, PyDict>,
    key: &str,
) -> PyResult<Option<T>> {
    match d.get_item(key)? {
        Some(v) if !v.is_none() => v.extract::<T>().map(Some).map_err(|e| {
            let e: PyErr = e.into();
            PyTypeError::new_err(format!("item[{key:?}]: {e}"))
        }),
        _ => Ok(None),
    }
}

/// One item of `analyze_many`'s iterable: `str` or `bytes` content, or a
/// dict with `content` and optional `id`, `url`, `published`, `keep_text`
/// (a dict from `read_warc` also carries `format`, `charset`, `warnings`,
/// `path`, `record`, `offset` and `record_id`, and is then analysed exactly
/// as the CLI analyses that WARC record). `settings` are the call's; the
/// dict's `keep_text` and `published` apply to that item. A `read_warc` dict
/// over `settings.max_doc_bytes` is a `ReadError` with the CLI's message.
pub(crate) fn pending(item: &Bound<'_, PyAny>, settings: Settings) -> PyResult<Pending> {
    let Ok(d) = item.cast::<PyDict>() else {
        return Ok(Pending::Raw {
            bytes: content_bytes(item)?,
            id: None,
            url: None,
            settings,
        });
    };
    let content = d
        .get_item("content")?
        .ok_or_else(|| PyValueError::new_err("an item given as a dict needs a \"content\" key"))?;
    let bytes = content_bytes(&content)?;
    let id: Option<String> = opt(d, "id")?;
    let url: Option<String> = opt(d, "url")?;
    let mut settings = settings;
    settings.opts.keep_text = opt(d, "keep_text")?.unwrap_or(false);
    settings.opts.published = published(d.get_item("published")?.as_ref())?;
    let Some(format) = opt::<String>(d, "format")? else {
        return Ok(Pending::Raw {
            bytes,
            id,
            url,
            settings,
        });
    };
    let format = match format.as_str() {
        "html" => Format::Html,
        "text" => Format::Text,
        other => {
            return Err(PyValueError::new_err(format!(
                "item[\"format\"] must be \"html\" or \"text\", not {other:?}"
            )));
        }
    };
    let origin = Origin {
        path: PathBuf::from(opt::<String>(d, "path")?.unwrap_or_default()),
        record: opt(d, "record")?,
        offset: opt(d, "offset")?,
        record_id: opt(d, "record_id")?,
    };
    settings
        .check_size(&origin, bytes.len())
        .map_err(ReadError::new_err)?;
    let input = Input {
        id: id.unwrap_or_default(),
        url,
        format,
        bytes,
        charset: opt(d, "charset")?,
        origin,
        warnings: opt(d, "warnings")?.unwrap_or_default(),
    };
    Ok(Pending::Ready(Job {
        input,
        opts: settings.opts,
        limits: settings.limits,
    }))
}

/// A document read by `quotewire-read` as the dict `read_warc` yields.
pub(crate) fn input_dict<'py>(py: Python<'py>, input: Input) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &input.id)?;
    d.set_item("url", &input.url)?;
    d.set_item("content", PyBytes::new(py, &input.bytes))?;
    d.set_item(
        "format",
        match input.format {
            Format::Html => "html",
            Format::Text => "text",
        },
    )?;
    d.set_item("charset", &input.charset)?;
    d.set_item("warnings", &input.warnings)?;
    d.set_item("path", input.origin.path.to_string_lossy())?;
    d.set_item("record", input.origin.record)?;
    d.set_item("offset", input.origin.offset)?;
    d.set_item("record_id", &input.origin.record_id)?;
    Ok(d)
}
