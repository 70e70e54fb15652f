//! `quotewire analyze`: read in a producer thread, analyse bounded chunks in
//! parallel, write records in input order, report on stderr.

use crate::output::{check_binary_to_terminal, check_output, output_error};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quotewire::{AnalyzeError, Options};
use quotewire_read::{Input, Item, Tally};
use quotewire_write::JsonlWriter;
use rayon::prelude::*;
use std::cell::Cell;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Documents analysed together; their records are written in order before
/// the next chunk starts. Bounds memory with [`CHUNK_BYTES`].
const CHUNK_DOCS: usize = 256;
/// Input bytes gathered in one chunk at most (a chunk closes early past this).
const CHUNK_BYTES: usize = 64 * 1024 * 1024;
/// Items the reader may run ahead of the analysis.
const READ_AHEAD: usize = 256;
/// Document bytes in flight (read ahead plus the chunk being gathered) at
/// most: one full chunk plus one largest document (`--max-doc-bytes`), so
/// the reader never waits on a chunk that cannot close.
fn in_flight_bytes(max_doc_bytes: u64) -> usize {
    CHUNK_BYTES.saturating_add(usize::try_from(max_doc_bytes).unwrap_or(usize::MAX))
}
/// A progress bar appears only for runs longer than this, on a terminal.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);
/// Stack of each analysis thread: deep markup recursion must not overflow
/// (an overflow aborts the process, it cannot be caught per document).
const WORKER_STACK: usize = 64 * 1024 * 1024;
/// `--jobs` is capped at this many threads per core: the analysis is CPU
/// bound, more threads only add stacks ([`WORKER_STACK`] each) and switching.
const MAX_THREADS_PER_CORE: usize = 4;
/// Name prefix of the analysis threads (the panic hook recognises them).
const WORKER: &str = "quotewire-worker";

/// Arguments of `quotewire analyze`.
#[derive(clap::Args)]
pub(crate) struct AnalyzeArgs {
    /// Files or directories (walked recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write records to FILE instead of standard output (atomically: FILE appears complete or not at all).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Do not clean: `text` is the input exactly as given, so offsets point into the original file.
    /// Meant for text inputs (e.g. benchmarking on PolNeAR-style text files); on HTML the markup is kept in `text`.
    #[arg(long)]
    keep_text: bool,
    /// Attributions for articles only: on HTML pages whose `page_type` is not
    /// `article` (listings, forums, products, ...) the attribution stage is
    /// skipped; text, metadata and entities are still written.
    #[arg(long)]
    articles_only: bool,
    /// Publication date of the inputs (YYYY-MM-DD), for texts whose date you know: it replaces any date
    /// found in the page and anchors relative time expressions ("yesterday", "last week", "Thursday").
    #[arg(long, value_name = "DATE", value_parser = quotewire::parse_date)]
    published: Option<quotewire::Date>,
    /// Worker threads for the analysis [default: all cores; 0 also means all cores; at most 4 per core].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// No summary, progress bar or warnings on stderr (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
    /// Drop attributions whose confidence (0..1, from the attribution model) is below X.
    #[arg(long, value_name = "X", value_parser = parse_confidence)]
    min_confidence: Option<f32>,
    /// Largest document (file, or WARC record) analysed, in bytes; K, M or G
    /// (powers of 1024) may follow. A larger one is skipped with an error naming it.
    #[arg(long, value_name = "BYTES", default_value = "64M", value_parser = parse_bytes)]
    max_doc_bytes: u64,
    /// Time budget per document, in seconds (0: no limit). Past it, the stages
    /// left are skipped and the record is written with what was done and a
    /// warning naming the stage that ran out of time.
    #[arg(long, value_name = "SECS", default_value_t = quotewire::DEFAULT_TIME_BUDGET.as_secs_f64(), value_parser = parse_secs)]
    time_budget: f64,
    /// Output format: jsonl (the full records), or csv / parquet (flat rows of --table).
    #[arg(long, value_enum, default_value = "jsonl")]
    format: crate::export::FormatArg,
    /// For csv and parquet: one row per quote (attribution) or per article [default: quotes].
    /// Refused with jsonl, which writes the full records.
    #[arg(long, value_enum)]
    table: Option<crate::export::TableArg>,
}

/// A confidence threshold: a number in 0..1.
fn parse_confidence(s: &str) -> Result<f32, String> {
    match s.parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("'{s}' is not a number between 0 and 1")),
    }
}

/// `--max-doc-bytes`: a whole number of bytes, optionally followed by K, M
/// or G (powers of 1024).
fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, c)) if c.eq_ignore_ascii_case(&'k') => (&t[..i], 1u64 << 10),
        Some((i, c)) if c.eq_ignore_ascii_case(&'m') => (&t[..i], 1 << 20),
        Some((i, c)) if c.eq_ignore_ascii_case(&'g') => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{s:?} is not a size in bytes (e.g. 1048576, 512K, 64M, 1G)"))
}

/// `--time-budget`: seconds, a finite number >= 0.
fn parse_secs(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && *x >= 0.0 && *x < 1e9)
        .ok_or_else(|| format!("{s:?} is not a number of seconds (e.g. 10, 0.5, 0 for no limit)"))
}

thread_local! {
    /// Where the last panic on this worker thread happened.
    static PANIC_AT: Cell<Option<String>> = const { Cell::new(None) };
}

/// Run `quotewire analyze`.
pub(crate) fn analyze(args: AnalyzeArgs) -> ExitCode {
    let start = Instant::now();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = match args.jobs {
        Some(n) if n > MAX_THREADS_PER_CORE * cores => {
            if !args.quiet {
                eprintln!(
                    "quotewire: note: --jobs {n} capped at {} ({MAX_THREADS_PER_CORE} per core on {cores} {})",
                    MAX_THREADS_PER_CORE * cores,
                    plural(cores as u64, "core", "cores")
                );
            }
            MAX_THREADS_PER_CORE * cores
        }
        Some(n) if n > 0 => n,
        _ => cores,
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("{WORKER}-{i}"))
        .stack_size(WORKER_STACK)
        .build()
    {
        Ok(p) => p,
        Err(e) => return fail(format_args!("cannot start {threads} worker threads: {e}")),
    };
    if let Some(path) = &args.output
        && let Err(msg) = check_output(path, &args.paths)
    {
        return fail(format_args!("{msg}"));
    }
    if let Err(msg) = check_binary_to_terminal(
        args.format == crate::export::FormatArg::Parquet,
        args.output.as_deref(),
    ) {
        return fail(format_args!("{msg}"));
    }
    if args.format == crate::export::FormatArg::Jsonl
        && let Some(t) = args.table
    {
        eprintln!(
            "quotewire: error: --table {} applies to --format csv or parquet only; jsonl writes the full records",
            t.name()
        );
        return ExitCode::from(2);
    }
    let table = args.table.unwrap_or_default();
    let mut writer = match crate::export::analyze_writer(args.output.as_deref(), args.format, table)
    {
        Ok(w) => w,
        Err(e) => match &args.output {
            Some(path) => return fail(format_args!("{}", output_error(path, &e))),
            None => return fail(format_args!("{e}")),
        },
    };
    if !args.quiet {
        warn_records_given(&args.paths);
    }
    install_panic_hook();

    let budget = Arc::new(Budget::new(in_flight_bytes(args.max_doc_bytes)));
    let read_opts = quotewire_read::ReadOptions {
        max_doc_bytes: args.max_doc_bytes,
    };
    let items = match spawn_reader(args.paths.clone(), read_opts, Arc::clone(&budget)) {
        Ok(rx) => rx,
        Err(e) => return fail(format_args!("cannot start the reader thread: {e}")),
    };
    let progress = Progress::new(!args.quiet && io::stderr().is_terminal());
    let mut run = Run {
        opts: Options {
            keep_text: args.keep_text,
            articles_only: args.articles_only,
            published: args.published,
        },
        limits: quotewire::Limits {
            time_budget: (args.time_budget > 0.0)
                .then(|| Duration::from_secs_f64(args.time_budget)),
        },
        min_confidence: args.min_confidence,
        quiet: args.quiet,
        tally: Tally::default(),
        analysis_errors: 0,
        warned_records: 0,
        progress,
        budget,
    };
    let outcome = run.pump(items, &pool, &mut writer);
    run.progress.bar.finish_and_clear();
    let written = writer.written();
    match outcome {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
        Err(e) => return fail(format_args!("{}", write_error(args.output.as_deref(), &e))),
    }
    let errors = run.tally.errors + run.analysis_errors;
    if written == 0 && (errors > 0 || run.tally.warnings > 0) {
        // Nothing could be processed and something was reported (an error,
        // or a warning such as an archive cut off before its first
        // document): leave any earlier output file untouched.
        drop(writer);
        run.summary(written, start.elapsed(), threads, args.output.as_deref());
        eprintln!("quotewire: error: no document could be analysed; see the messages above");
        return ExitCode::FAILURE;
    }
    if let Err(e) = writer.finish() {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        return fail(format_args!("{}", write_error(args.output.as_deref(), &e)));
    }
    run.summary(written, start.elapsed(), threads, args.output.as_deref());
    ExitCode::SUCCESS
}

/// State of one run.
struct Run {
    opts: Options,
    /// `--min-confidence`.
    min_confidence: Option<f32>,
    limits: quotewire::Limits,
    quiet: bool,
    tally: Tally,
    analysis_errors: u64,
    /// Records written that carry warnings of their own (`warnings` field).
    warned_records: u64,
    progress: Progress,
    budget: Arc<Budget>,
}

impl Run {
    /// Drain the reader: gather chunks, analyse them, write them. Only an
    /// output error stops it.
    fn pump(
        &mut self,
        items: Receiver<Item>,
        pool: &rayon::ThreadPool,
        writer: &mut JsonlWriter,
    ) -> io::Result<()> {
        let mut chunk: Vec<Input> = Vec::with_capacity(CHUNK_DOCS);
        let mut chunk_bytes = 0;
        for item in items {
            self.tally.add(&item);
            match item {
                Item::Doc(input) => {
                    chunk_bytes += input.bytes.len();
                    chunk.push(input);
                    if chunk.len() >= CHUNK_DOCS || chunk_bytes >= CHUNK_BYTES {
                        self.flush(&mut chunk, pool, writer)?;
                        chunk_bytes = 0;
                    }
                }
                Item::Skipped { .. } => {}
                Item::Warning { origin, message } => {
                    if !self.quiet {
                        self.progress
                            .say(&format!("quotewire: warning: {origin}: {message}"));
                    }
                }
                Item::Error(e) => self.progress.say(&format!("quotewire: error: {e}")),
            }
            self.progress.read(self.tally.docs);
        }
        self.flush(&mut chunk, pool, writer)
    }

    /// Analyse a chunk in parallel and write its records in input order.
    fn flush(
        &mut self,
        chunk: &mut Vec<Input>,
        pool: &rayon::ThreadPool,
        writer: &mut JsonlWriter,
    ) -> io::Result<()> {
        let opts = self.opts;
        let min_confidence = self.min_confidence;
        let limits = self.limits;
        // each record encoded, with whether it carries warnings
        type Encoded = (io::Result<Vec<u8>>, bool);
        let results: Vec<Result<Encoded, AnalyzeError>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| {
                    quotewire::try_analyze_limited(input, opts, limits)
                        .map(|mut record| {
                            if let Some(m) = min_confidence {
                                record
                                    .attributions
                                    .retain(|a| a.confidence.is_none_or(|c| c >= m));
                            }
                            (
                                quotewire_write::encode(&record),
                                !record.warnings.is_empty(),
                            )
                        })
                        .map_err(|mut e| {
                            if let Some(at) = PANIC_AT.with(Cell::take) {
                                e.message = format!("{} at {at}", e.message);
                            }
                            e
                        })
                })
                .collect()
        });
        self.budget
            .give(chunk.iter().map(|input| input.bytes.len()).sum());
        chunk.clear();
        for r in results {
            match r {
                Ok((line, warned)) => {
                    writer.write_encoded(&line?)?;
                    self.warned_records += u64::from(warned);
                }
                Err(e) => {
                    self.analysis_errors += 1;
                    self.progress.say(&format!("quotewire: error: {e}"));
                }
            }
        }
        self.progress.written(writer.written());
        Ok(())
    }

    /// The closing summary on stderr.
    fn summary(&self, written: u64, took: Duration, threads: usize, output: Option<&Path>) {
        if self.quiet {
            return;
        }
        let t = &self.tally;
        let secs = took.as_secs_f64();
        let skipped = if t.skipped.is_empty() {
            "0 skipped".to_string()
        } else {
            let mut groups: Vec<(&String, &u64)> = t.skipped.iter().collect();
            groups.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let parts: Vec<String> = groups
                .into_iter()
                .map(|(k, &n)| match k.strip_suffix('s') {
                    Some(one) if n == 1 => format!("1 {one}"),
                    _ => format!("{n} {k}"),
                })
                .collect();
            format!("{} skipped ({})", t.skipped_total(), parts.join(", "))
        };
        let errors = t.errors + self.analysis_errors;
        let rate = if secs > 0.0 {
            written as f64 / secs
        } else {
            0.0
        };
        let dest = match output {
            Some(p) if written > 0 => format!(" → {}", p.display()),
            _ => String::new(),
        };
        eprintln!(
            "quotewire: {} {}, {written} {}{dest}, {skipped}, {errors} {}, {} input {}, {} {} with warnings; {secs:.2} s, {rate:.1} pages/s on {threads} {}",
            t.docs,
            plural(t.docs, "document", "documents"),
            plural(written, "record", "records"),
            plural(errors, "error", "errors"),
            t.warnings,
            plural(t.warnings, "warning", "warnings"),
            self.warned_records,
            plural(self.warned_records, "record", "records"),
            plural(threads as u64, "thread", "threads"),
        );
        if t.docs == 0 && errors == 0 && t.warnings == 0 {
            eprintln!("quotewire: note: no documents found in the given paths");
        }
    }
}

pub(crate) fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// Read every item in a thread of its own, at most [`READ_AHEAD`] items and
/// [`in_flight_bytes`] document bytes ahead.
fn spawn_reader(
    paths: Vec<PathBuf>,
    opts: quotewire_read::ReadOptions,
    budget: Arc<Budget>,
) -> io::Result<Receiver<Item>> {
    let (tx, rx) = sync_channel(READ_AHEAD);
    std::thread::Builder::new()
        .name("quotewire-reader".into())
        .spawn(move || {
            for item in quotewire_read::inputs_with(&paths, opts) {
                if let Item::Doc(input) = &item {
                    budget.take(input.bytes.len());
                }
                if tx.send(item).is_err() {
                    break; // the writer stopped (e.g. a closed pipe)
                }
            }
        })?;
    Ok(rx)
}

/// Bytes of documents read but not yet analysed, shared by the reader
/// (which waits when over the limit) and the run loop (which frees them).
struct Budget {
    used: Mutex<usize>,
    freed: Condvar,
    limit: usize,
}

impl Budget {
    fn new(limit: usize) -> Budget {
        Budget {
            used: Mutex::new(0),
            freed: Condvar::new(),
            limit,
        }
    }

    /// Reserve `n` bytes, waiting while that would pass the limit (a single
    /// document larger than the limit goes through once nothing else is held).
    fn take(&self, n: usize) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + n > self.limit {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += n;
    }

    /// Release `n` bytes.
    fn give(&self, n: usize) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(n);
        self.freed.notify_all();
    }
}

/// Panics on worker threads are caught per document (`try_analyze`) and
/// reported with the document; the hook only notes where they happened.
/// Panics anywhere else keep the default report.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let on_worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(WORKER));
        if on_worker {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            PANIC_AT.with(|c| c.set(at));
        } else {
            default(info);
        }
    }));
}

/// A note for each file given as a PATH that holds quotewire records (the
/// rule of `ingest`: a first non-blank line starting with `{"`): analyze reads
/// it as a text, which is seldom meant.
fn warn_records_given(paths: &[PathBuf]) {
    use std::io::Read;
    for path in paths.iter().filter(|p| p.is_file()) {
        let mut head = Vec::with_capacity(4096);
        let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
        if read.is_ok() && crate::ingest::looks_like_jsonl(&head) {
            eprintln!(
                "quotewire: warning: {} holds JSONL records, read here as a text; to store records use: quotewire ingest {}",
                path.display(),
                path.display()
            );
        }
    }
}

fn fail(msg: std::fmt::Arguments<'_>) -> ExitCode {
    eprintln!("quotewire: error: {msg}");
    ExitCode::FAILURE
}

/// The message for a failure while writing records.
fn write_error(output: Option<&Path>, e: &io::Error) -> String {
    match output {
        Some(p) => format!(
            "cannot write output file {}: {e}; nothing was written there (check free space and permissions)",
            p.display()
        ),
        None => format!("cannot write to standard output: {e}"),
    }
}

/// A progress bar on stderr, shown only on a terminal and once the run has
/// lasted [`PROGRESS_AFTER`].
struct Progress {
    bar: ProgressBar,
    enabled: bool,
    shown: bool,
    start: Instant,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} records written, {msg} [{elapsed}]")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            enabled,
            shown: false,
            start: Instant::now(),
        }
    }

    /// Show the bar once the run has lasted long enough.
    fn maybe_show(&mut self) {
        if self.enabled && !self.shown && self.start.elapsed() >= PROGRESS_AFTER {
            self.shown = true;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
    }

    /// Note how many documents were read so far.
    fn read(&mut self, docs: u64) {
        self.maybe_show();
        if self.shown {
            self.bar.set_message(format!("{docs} documents read"));
        }
    }

    /// Note how many records were written so far.
    fn written(&mut self, records: u64) {
        self.bar.set_position(records);
        self.maybe_show();
    }

    /// Print a line on stderr without tearing the bar.
    fn say(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_holds_the_reader_until_bytes_are_freed() {
        let budget = Arc::new(Budget::new(100));
        budget.take(60);
        budget.take(40); // exactly at the limit
        let b = Arc::clone(&budget);
        let reader = std::thread::spawn(move || {
            b.take(50); // must wait
            *b.used.lock().unwrap()
        });
        std::thread::sleep(Duration::from_millis(50));
        assert!(!reader.is_finished());
        budget.give(100);
        assert_eq!(reader.join().unwrap(), 50);
        // a document over the limit passes when nothing else is held
        let alone = Budget::new(10);
        alone.take(1000);
        assert_eq!(*alone.used.lock().unwrap(), 1000);
    }
}
