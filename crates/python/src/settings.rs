//! The crawl options of `analyze`, `analyze_many` and `read_warc`, checked
//! and turned into the facade's types, with the CLI's defaults and messages.
//!
//! | Python keyword | CLI option | Rust |
//! |---|---|---|
//! | `articles_only` | `--articles-only` | [`quotewire::Options::articles_only`] |
//! | `max_doc_bytes` | `--max-doc-bytes` | [`quotewire_read::ReadOptions::max_doc_bytes`] |
//! | `time_budget` | `--time-budget` | [`quotewire::Limits::time_budget`] |

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use quotewire::{Limits, Options};
use quotewire_read::{DEFAULT_MAX_DOC_BYTES, ReadError as RustReadError, ReadOptions};
use std::time::Duration;

/// How every document of one call is read and analysed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    /// Options of the analysis (per-item `keep_text` / `published` are set
    /// on a copy).
    pub(crate) opts: Options,
    /// The per-document time budget.
    pub(crate) limits: Limits,
    /// Largest document read, in bytes.
    pub(crate) max_doc_bytes: u64,
}

impl Default for Settings {
    /// The CLI's defaults: no `--articles-only`, 64 MiB, 10 s.
    fn default() -> Self {
        Settings {
            opts: Options::default(),
            limits: Limits::default(),
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

impl Settings {
    /// Settings from the keyword arguments.
    ///
    /// `max_doc_bytes`: `None` for the default (64 MiB), else a positive
    /// number of bytes. `time_budget`: seconds, finite, `0 <= x < 1e9`;
    /// `0` or `None` for no limit. Anything else is a `ValueError`.
    pub(crate) fn new(
        articles_only: bool,
        max_doc_bytes: Option<i64>,
        time_budget: Option<f64>,
    ) -> PyResult<Settings> {
        Ok(Settings {
            opts: Options {
                articles_only,
                ..Options::default()
            },
            limits: Limits {
                time_budget: budget(time_budget)?,
            },
            max_doc_bytes: doc_bytes(max_doc_bytes)?,
        })
    }

    /// The reading limits.
    pub(crate) fn read(&self) -> ReadOptions {
        ReadOptions {
            max_doc_bytes: self.max_doc_bytes,
        }
    }

    /// The CLI's error for a document of `size` bytes already read (a
    /// `read_warc` dict) when it is over the limit.
    pub(crate) fn check_size(
        &self,
        origin: &quotewire_read::Origin,
        size: usize,
    ) -> Result<(), String> {
        let size = size as u64;
        if size <= self.max_doc_bytes {
            return Ok(());
        }
        Err(RustReadError::TooLarge {
            origin: origin.clone(),
            size,
            limit: self.max_doc_bytes,
        }
        .to_string())
    }
}

/// `max_doc_bytes`: a positive whole number of bytes (default 64 MiB).
fn doc_bytes(n: Option<i64>) -> PyResult<u64> {
    match n {
        None => Ok(DEFAULT_MAX_DOC_BYTES),
        Some(n) if n > 0 => Ok(n.unsigned_abs()),
        Some(n) => Err(PyValueError::new_err(format!(
            "max_doc_bytes must be a positive number of bytes (e.g. 1048576, or {DEFAULT_MAX_DOC_BYTES}, the default), not {n}"
        ))),
    }
}

/// `time_budget`: seconds as `--time-budget` takes them (finite, `0 <= x <
/// 1e9`); `0` or `None` is no limit.
fn budget(secs: Option<f64>) -> PyResult<Option<Duration>> {
    match secs {
        None => Ok(None),
        Some(x) if x.is_finite() && (0.0..1e9).contains(&x) => {
            Ok((x > 0.0).then(|| Duration::from_secs_f64(x)))
        }
        Some(x) => Err(PyValueError::new_err(format!(
            "time_budget must be a number of seconds (e.g. 10, 0.5, 0 or None for no limit), not {x}"
        ))),
    }
}
