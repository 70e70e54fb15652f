//! `read_warc`: the documents of a WARC (or of any path the CLI reads),
//! streamed by `quotewire-read`, one dict per document.

use crate::convert::input_dict;
use crate::settings::Settings;
use crate::{QuotewireWarning, ReadError};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use quotewire_read::{Item, ReadError as RustReadError, Reader};
use std::ffi::CString;
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::Mutex;

/// A Python binary file object as a [`Read`]: each read calls its
/// `read(n)` with the GIL held.
struct PyReader(Py<PyAny>);

impl Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        Python::attach(|py| {
            let data = self
                .0
                .bind(py)
                .call_method1("read", (buf.len(),))
                .map_err(|e| io::Error::other(format!("the file object's read() raised {e}")))?;
            let bytes = data.cast::<PyBytes>().map_err(|_| {
                io::Error::other(
                    "the file object's read() returned no bytes: open the file in binary mode ('rb')",
                )
            })?;
            let b = bytes.as_bytes();
            let n = b.len().min(buf.len());
            buf[..n].copy_from_slice(&b[..n]);
            Ok(n)
        })
    }
}

/// Iterator of the documents `read_warc` finds (one dict each, in order).
#[pyclass(module = "quotewire")]
pub(crate) struct WarcReader {
    reader: Mutex<Reader>,
    /// Raise `ReadError` for a damaged record instead of warning.
    raise_errors: bool,
    /// Nothing yielded or reported yet (an unreadable path raises `OSError`).
    first: Mutex<bool>,
}

#[pymethods]
impl WarcReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let mut guard = self.reader.lock().unwrap_or_else(|e| e.into_inner());
        let reader: &mut Reader = &mut guard;
        loop {
            let item = py.detach(|| reader.next());
            let first = std::mem::replace(
                &mut *self.first.lock().unwrap_or_else(|e| e.into_inner()),
                false,
            );
            match item {
                None => return Ok(None),
                Some(Item::Doc(input)) => return input_dict(py, input).map(Some),
                Some(Item::Skipped { .. }) => {}
                Some(Item::Warning { origin, message }) => {
                    warn(py, &format!("{origin}: {message}"))?;
                }
                Some(Item::Error(e)) => {
                    let io_kind = match &e {
                        RustReadError::Io { origin, source } if origin.record.is_none() => {
                            Some(source.kind())
                        }
                        _ => None,
                    };
                    let msg = e.to_string();
                    match io_kind {
                        Some(io::ErrorKind::NotFound) if first => {
                            return Err(PyFileNotFoundError::new_err(msg));
                        }
                        Some(_) if first => return Err(PyOSError::new_err(msg)),
                        _ if self.raise_errors => return Err(ReadError::new_err(msg)),
                        _ => warn(py, &msg)?,
                    }
                }
            }
        }
    }
}

/// `warnings.warn(message, QuotewireWarning)`.
fn warn(py: Python<'_>, message: &str) -> PyResult<()> {
    let c = CString::new(message.replace('\0', "\\0")).unwrap_or_default();
    PyErr::warn(py, &py.get_type::<QuotewireWarning>(), &c, 1)
}

/// Stream the documents of a WARC file: every HTML response record, as dicts.
///
/// `path_or_fileobj` is a path (`str` or `os.PathLike`; `.warc` or
/// `.warc.gz`, or anything else `quotewire analyze PATH` reads: the
/// documents are exactly those the CLI analyses at that path, a directory
/// walked in sorted order) or a binary file object (its `read(n)` is
/// called; a `name` attribute, when it has one, names it in ids and
/// messages). The archive is read record by record, never whole, with the
/// GIL released.
///
/// Each dict has `id` (the WARC-Record-ID), `url` (WARC-Target-URI),
/// `content` (the HTTP payload, decompressed, as bytes), `format` (`"html"`
/// or `"text"`), `charset` (from the HTTP Content-Type, or None),
/// `warnings`, `path`, `record` (0-based record index), `offset` (its
/// uncompressed byte offset) and `record_id`; pass it as is to
/// `analyze_many` to get the record the CLI writes for it.
///
/// Records that are not HTML responses are skipped. A path that cannot be
/// opened raises `FileNotFoundError` / `OSError`. A damaged record, or one
/// over `max_doc_bytes` (an int, default 64 MiB: the CLI's `--max-doc-bytes`;
/// such a record is never held in memory), is reported as a
/// `QuotewireWarning` (the CLI's message) and reading goes on, unless
/// `errors="raise"`, which raises `ReadError` instead.
#[pyfunction]
#[pyo3(signature = (path_or_fileobj, *, errors="warn", max_doc_bytes=None))]
pub(crate) fn read_warc(
    path_or_fileobj: &Bound<'_, PyAny>,
    errors: &str,
    max_doc_bytes: Option<i64>,
) -> PyResult<WarcReader> {
    let read = Settings::new(false, max_doc_bytes, None)?.read();
    let raise_errors = match errors {
        "warn" => false,
        "raise" => true,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"warn\" or \"raise\", not {other:?}"
            )));
        }
    };
    let reader = if path_or_fileobj.hasattr("read")? {
        let name = path_or_fileobj
            .getattr_opt("name")?
            .filter(|n| n.is_instance_of::<PyString>())
            .map(|n| n.extract::<String>())
            .transpose()?
            .unwrap_or_else(|| "<stream>".into());
        let reader = PyReader(path_or_fileobj.clone().unbind());
        let py = path_or_fileobj.py();
        py.detach(|| quotewire_read::read_stream(&name, Box::new(reader), read))
    } else {
        let path: PathBuf = path_or_fileobj.extract()?;
        quotewire_read::inputs_with(&[path], read)
    };
    Ok(WarcReader {
        reader: Mutex::new(reader),
        raise_errors,
        first: Mutex::new(true),
    })
}
