//! The quotewire Python package (module `quotewire`): PyO3 bindings over the
//! facade crate, built into an abi3 wheel (CPython ≥ 3.9) by maturin.
//!
//! * `analyze(content, *, url, id, published, keep_text, articles_only,
//!   max_doc_bytes, time_budget) -> dict`: one document, the record exactly
//!   as `quotewire analyze -` writes it for the same bytes on standard input
//!   with the same options (the dict is `json.loads` of the line the CLI's
//!   writer encodes, so the two cannot drift).
//! * `analyze_many(iterable, *, jobs, articles_only, max_doc_bytes,
//!   time_budget) -> Iterator[dict]`: many documents analysed in parallel in
//!   Rust, records in input order, at most two chunks in flight (module
//!   `many`).
//! * `read_warc(path_or_fileobj, *, errors, max_doc_bytes) -> Iterator[dict]`:
//!   the documents the CLI reads at a path (every HTML response of a WARC),
//!   streamed by `quotewire-read` (module `warc`).
//!
//! The crawl options are the CLI's: `articles_only` is `--articles-only`
//! ([`quotewire::Options::articles_only`]), `max_doc_bytes` is
//! `--max-doc-bytes` ([`quotewire_read::ReadOptions::max_doc_bytes`]),
//! `time_budget` is `--time-budget` ([`quotewire::Limits::time_budget`]),
//! with the same defaults (module `settings`).
//!
//! The GIL is released (`Python::detach`) while documents are read and
//! analysed; analysis runs on worker threads with large stacks, as in the CLI.

mod convert;
mod many;
mod settings;
mod warc;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyUserWarning};
use pyo3::prelude::*;
use quotewire::{Limits, Options};
use quotewire_read::Input;
use settings::Settings;
use std::sync::{Arc, OnceLock};

create_exception!(
    quotewire,
    QuotewireError,
    PyException,
    "Base class of the errors quotewire raises; the message is the one the CLI prints after `quotewire: error: `."
);
create_exception!(
    quotewire,
    ReadError,
    QuotewireError,
    "A document or archive record that could not be read (binary content, a damaged WARC record or gzip stream, an over-size document)."
);
create_exception!(
    quotewire,
    AnalysisError,
    QuotewireError,
    "A document the pipeline failed on (a stage panicked): a quotewire bug, reported for that document only."
);
create_exception!(
    quotewire,
    QuotewireWarning,
    PyUserWarning,
    "A problem that did not stop reading (a truncated file, a damaged record skipped); the message is the one the CLI prints after `quotewire: warning: `."
);

/// Stack of each analysis thread: deep markup recursion must not overflow
/// (an overflow aborts the process). The CLI's value.
const WORKER_STACK: usize = 64 * 1024 * 1024;
/// `jobs` is capped at this many threads per core, as the CLI's `--jobs`.
const MAX_THREADS_PER_CORE: usize = 4;

/// Cores the process may use.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A pool of `threads` analysis threads (0: all cores; capped at 4 per core).
fn new_pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let cores = cores();
    let threads = match threads {
        0 => cores,
        n => n.min(MAX_THREADS_PER_CORE * cores),
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("quotewire-worker-{i}"))
        .stack_size(WORKER_STACK)
        .build()
        .map(Arc::new)
        .map_err(|e| QuotewireError::new_err(format!("cannot start {threads} worker threads: {e}")))
}

/// The process-wide pool (all cores), made on first use.
fn shared_pool() -> PyResult<Arc<rayon::ThreadPool>> {
    static POOL: OnceLock<Arc<rayon::ThreadPool>> = OnceLock::new();
    if let Some(p) = POOL.get() {
        return Ok(Arc::clone(p));
    }
    let p = new_pool(0)?;
    Ok(Arc::clone(POOL.get_or_init(|| p)))
}

/// One document to analyse: the input, the options (with the caller's
/// publication date, if any) and the limits (time budget).
pub(crate) struct Job {
    pub(crate) input: Input,
    pub(crate) opts: Options,
    pub(crate) limits: Limits,
}

impl Job {
    /// Analyse on the current thread and encode the record as the CLI's
    /// writer does (one JSON line). The error is the CLI's message.
    pub(crate) fn run(&self) -> Result<Vec<u8>, String> {
        // the CLI's path: its limits (time budget), panics caught
        let record = quotewire::try_analyze_limited(&self.input, self.opts, self.limits)
            .map_err(|e| e.to_string())?;
        quotewire_write::encode(&record).map_err(|e| {
            format!(
                "{}: document {:?}: cannot encode its record: {e}",
                self.input.origin, self.input.id
            )
        })
    }
}

/// `json.loads` of an encoded record line.
pub(crate) fn to_dict<'py>(py: Python<'py>, line: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let loads = py.import("json")?.getattr("loads")?;
    loads.call1((pyo3::types::PyBytes::new(py, line),))
}

/// Analyse one news page or text and return its record.
///
/// `content` is the page as `str` or `bytes` (HTML, possibly gzip-compressed,
/// or plain / flattened text), recognised by content exactly as
/// `quotewire analyze -` recognises standard input; the dict is the JSON
/// record the CLI writes for it (see the README, "The record"): offsets are
/// code points into `text`, so `text[start:end]` is the span.
///
/// `url` is used as the page's address (as a WARC-Target-URI is), `id` as the
/// record's id (default `"stdin"`, the CLI's id for standard input),
/// `published` (`"YYYY-MM-DD"` as `analyze --published` takes it, or a
/// `datetime.date`) replaces the page's publication date and anchors
/// relative time expressions, `keep_text=True` keeps `text` equal to the input.
///
/// The crawl options are the CLI's: `articles_only=True` skips attribution
/// on pages whose `page_type` is known and is not `article` (`analyze
/// --articles-only`); `max_doc_bytes` (an int, default 64 MiB) refuses a
/// larger document with `ReadError` (`--max-doc-bytes`); `time_budget`
/// (seconds, default 10.0; `0` or `None`: no limit) skips the stages left once
/// spent, the record then carrying a warning naming the stage
/// (`--time-budget`).
///
/// Raises `ValueError` for a malformed `published`, `max_doc_bytes` or
/// `time_budget`, or a WARC archive (use `read_warc` and `analyze_many`),
/// `TypeError` for content that is neither str nor bytes, `ReadError` for
/// content quotewire does not read (binary, empty, damaged gzip, over
/// `max_doc_bytes`), `AnalysisError` if a stage fails. The GIL is released
/// during the analysis.
#[pyfunction]
#[pyo3(signature = (
    content, *, url=None, id=None, published=None, keep_text=false, articles_only=false,
    max_doc_bytes=None, time_budget=Some(quotewire::DEFAULT_TIME_BUDGET.as_secs_f64()),
))]
#[allow(clippy::too_many_arguments)] // the Python keyword arguments
fn analyze<'py>(
    py: Python<'py>,
    content: &Bound<'py, PyAny>,
    url: Option<String>,
    id: Option<String>,
    published: Option<Bound<'py, PyAny>>,
    keep_text: bool,
    articles_only: bool,
    max_doc_bytes: Option<i64>,
    time_budget: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut settings = Settings::new(articles_only, max_doc_bytes, time_budget)?;
    settings.opts.keep_text = keep_text;
    settings.opts.published = convert::published(published.as_ref())?;
    let job = convert::Pending::Raw {
        bytes: convert::content_bytes(content)?,
        id,
        url,
        settings,
    };
    let pool = shared_pool()?;
    let line = py.detach(|| pool.install(|| job.run()))?;
    to_dict(py, &line)
}

/// The `quotewire` Python module.
#[pymodule]
#[pyo3(name = "quotewire")]
fn quotewire_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "DEFAULT_MAX_DOC_BYTES",
        quotewire_read::DEFAULT_MAX_DOC_BYTES,
    )?;
    m.add(
        "DEFAULT_TIME_BUDGET",
        quotewire::DEFAULT_TIME_BUDGET.as_secs_f64(),
    )?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(many::analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(warc::read_warc, m)?)?;
    m.add_class::<many::AnalyzeMany>()?;
    m.add_class::<warc::WarcReader>()?;
    m.add("QuotewireError", py.get_type::<QuotewireError>())?;
    m.add("ReadError", py.get_type::<ReadError>())?;
    m.add("AnalysisError", py.get_type::<AnalysisError>())?;
    m.add("QuotewireWarning", py.get_type::<QuotewireWarning>())?;
    Ok(())
}
