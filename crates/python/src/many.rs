//! `analyze_many`: documents from a Python iterable analysed in parallel on a
//! Rust thread pool, records yielded in input order.
//!
//! Items are gathered into chunks (at most [`CHUNK_DOCS`] documents or
//! [`CHUNK_BYTES`] input bytes, as in the CLI). Two chunks are kept
//! submitted to the pool: while the records of one are handed to Python and
//! the next items are read, the pool analyses the following ones. At most
//! three chunks are held at once (two in flight, one being handed out):
//! memory stays bounded however long the iterable is.

use crate::convert::{Failure, Pending, pending};
use crate::settings::Settings;
use crate::{new_pool, shared_pool, to_dict};
use pyo3::prelude::*;
use pyo3::types::PyIterator;
use rayon::prelude::*;
use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

/// Most documents in one chunk (the CLI's chunk).
const CHUNK_DOCS: usize = 256;
/// Documents per worker thread in one chunk, below [`CHUNK_DOCS`]: small
/// chunks start the pipeline quickly and keep memory low.
const DOCS_PER_THREAD: usize = 16;
/// Input bytes gathered in one chunk at most (the CLI's limit).
const CHUNK_BYTES: usize = 64 * 1024 * 1024;
/// Chunks submitted to the pool at once: while one is analysed the next
/// waits behind it, so reading the source (on the caller's thread) and
/// analysing overlap, as the CLI's reader thread and workers do.
const IN_FLIGHT: usize = 2;

/// The outcome of one item: its record line, a failure of the document, or
/// an error met while taking the item from the iterable.
enum Outcome {
    Line(Vec<u8>),
    Failed(Failure),
    Item(PyErr),
}

/// A chunk being analysed: the pool's results arrive on `rx`, in order, for
/// the slots of `errors` that are `None` (the others failed on conversion).
struct InFlight {
    rx: Receiver<Vec<Result<Vec<u8>, Failure>>>,
    errors: Vec<Option<PyErr>>,
}

/// State of an `analyze_many` iteration.
struct State {
    /// The caller's iterator; `None` once exhausted or after it raised.
    source: Option<Py<PyIterator>>,
    pool: Arc<rayon::ThreadPool>,
    chunk_docs: usize,
    /// The call's crawl options, applied to every item.
    settings: Settings,
    /// Chunks submitted to the pool, oldest first (at most [`IN_FLIGHT`]).
    in_flight: VecDeque<InFlight>,
    ready: VecDeque<Outcome>,
}

/// Iterator of records returned by `analyze_many` (one dict per item, in
/// order). A document that fails raises its exception (`ReadError`,
/// `AnalysisError`, `TypeError`, `ValueError`) at its place in the
/// sequence; iteration can go on after it with the next item.
#[pyclass(module = "quotewire")]
pub(crate) struct AnalyzeMany {
    state: Mutex<State>,
}

#[pymethods]
impl AnalyzeMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(outcome) = st.ready.pop_front() {
                return match outcome {
                    Outcome::Line(line) => to_dict(py, &line).map(Some),
                    Outcome::Failed(f) => Err(f.into()),
                    Outcome::Item(e) => Err(e),
                };
            }
            st.top_up(py);
            let Some(InFlight { rx, errors }) = st.in_flight.pop_front() else {
                return Ok(None); // exhausted
            };
            let results = py.detach(move || rx.recv()).unwrap_or_default();
            let mut results = results.into_iter();
            for err in errors {
                let outcome = match err {
                    Some(e) => Outcome::Item(e),
                    None => match results.next() {
                        Some(Ok(line)) => Outcome::Line(line),
                        Some(Err(f)) => Outcome::Failed(f),
                        None => Outcome::Failed(Failure::Analysis(
                            "a worker thread stopped before returning its records".into(),
                        )),
                    },
                };
                st.ready.push_back(outcome);
            }
            // the pool goes on with the chunk queued behind this one while
            // the next is read and these records are handed out
            st.top_up(py);
        }
    }
}

impl State {
    /// Keep [`IN_FLIGHT`] chunks submitted while the source lasts.
    fn top_up(&mut self, py: Python<'_>) {
        while self.in_flight.len() < IN_FLIGHT && self.source.is_some() {
            self.submit(py);
        }
    }

    /// Take the next chunk of items from the source and start its analysis
    /// on the pool (nothing when the source is exhausted).
    fn submit(&mut self, py: Python<'_>) {
        let Some(source) = &self.source else { return };
        let mut it = source.bind(py).clone();
        let mut jobs: Vec<Pending> = Vec::new();
        let mut errors: Vec<Option<PyErr>> = Vec::new();
        let mut bytes = 0usize;
        let mut exhausted = false;
        while errors.len() < self.chunk_docs && bytes < CHUNK_BYTES {
            match it.next() {
                None => {
                    exhausted = true;
                    break;
                }
                Some(Err(e)) => {
                    // the iterable itself raised: report it in place, then stop
                    errors.push(Some(e));
                    exhausted = true;
                    break;
                }
                Some(Ok(item)) => match pending(&item, self.settings) {
                    Ok(p) => {
                        bytes += p.size();
                        jobs.push(p);
                        errors.push(None);
                    }
                    Err(e) => errors.push(Some(e)),
                },
            }
        }
        if exhausted {
            self.source = None;
        }
        if errors.is_empty() {
            return;
        }
        let (tx, rx) = sync_channel(1);
        let pool = Arc::clone(&self.pool);
        py.detach(|| {
            pool.spawn(move || {
                let out: Vec<Result<Vec<u8>, Failure>> =
                    jobs.into_par_iter().map(Pending::run).collect();
                let _ = tx.send(out); // the iterator may have been dropped
            })
        });
        self.in_flight.push_back(InFlight { rx, errors });
    }
}

/// Analyse many documents in parallel; yield their records in input order.
///
/// Each item of `iterable` is `str` or `bytes` content (as for `analyze`),
/// or a dict with `content` and optional `id`, `url`, `published`,
/// `keep_text`; the dicts `read_warc` yields are analysed exactly as the CLI
/// analyses those WARC records. `jobs` is the number of worker threads
/// (default and 0: all cores; at most 4 per core).
///
/// `articles_only`, `max_doc_bytes` and `time_budget` apply to every item,
/// as the CLI's `--articles-only`, `--max-doc-bytes` and `--time-budget`
/// apply to every document of a run (see `analyze`); an item over
/// `max_doc_bytes` raises `ReadError` in its place.
///
/// Streaming: items are taken in chunks (up to 16 per thread, at most 256
/// or 64 MiB); two chunks are analysed ahead while the records of the
/// previous one are consumed; at most three chunks are held. The GIL is
/// released while the workers run. A failing item raises its exception
/// (`ReadError`, `AnalysisError`, `TypeError`, `ValueError`) in its place;
/// calling `next()` again goes on with the next item.
#[pyfunction]
#[pyo3(signature = (
    iterable, *, jobs=None, articles_only=false, max_doc_bytes=None,
    time_budget=Some(quotewire::DEFAULT_TIME_BUDGET.as_secs_f64()),
))]
pub(crate) fn analyze_many(
    iterable: &Bound<'_, PyAny>,
    jobs: Option<usize>,
    articles_only: bool,
    max_doc_bytes: Option<i64>,
    time_budget: Option<f64>,
) -> PyResult<AnalyzeMany> {
    let settings = Settings::new(articles_only, max_doc_bytes, time_budget)?;
    let source = iterable.try_iter()?.unbind();
    let pool = match jobs {
        None => shared_pool()?,
        Some(n) => new_pool(n)?,
    };
    let chunk_docs = (pool.current_num_threads() * DOCS_PER_THREAD).clamp(1, CHUNK_DOCS);
    Ok(AnalyzeMany {
        state: Mutex::new(State {
            source: Some(source),
            pool,
            chunk_docs,
            settings,
            in_flight: VecDeque::new(),
            ready: VecDeque::new(),
        }),
    })
}
