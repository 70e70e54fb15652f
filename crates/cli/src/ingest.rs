//! `quotewire ingest`: records into the SQLite store, from JSONL written by
//! `analyze` or from any input `analyze` takes (analysed on the way).

use crate::run::plural;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quotewire::Options;
use quotewire_doc::Record;
use quotewire_read::{Input, Item};
use quotewire_store::{IngestStats, Outcome, Store};
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Records per transaction.
const BATCH: usize = 1000;
/// Documents analysed together when the input is not JSONL.
const CHUNK_DOCS: usize = 64;
/// A JSONL line longer than this is refused (a record holds one article).
const MAX_LINE: usize = 256 * 1024 * 1024;

/// Arguments of `quotewire ingest`.
#[derive(clap::Args)]
pub(crate) struct IngestArgs {
    /// JSONL files written by `quotewire analyze` (recognised by a .jsonl or .ndjson name, or
    /// by a first non-blank line starting with `{"`), or any input `analyze` takes (analysed
    /// first); `-` reads standard input (JSONL only).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The database file (created when missing).
    #[arg(long, value_name = "FILE", default_value = "quotewire.db")]
    db: PathBuf,
    /// Worker threads for analysing non-JSONL inputs [default: all cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// No summary, progress bar or notes on stderr (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
}

struct Ingest {
    store: Store,
    stats: IngestStats,
    errors: u64,
    batch: Vec<Record>,
    quiet: bool,
    bar: ProgressBar,
}

/// Run `quotewire ingest`.
pub(crate) fn ingest(args: IngestArgs) -> ExitCode {
    let start = Instant::now();
    let mut store = match Store::open(&args.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("quotewire: error: {e}");
            return ExitCode::FAILURE;
        }
    };
    // into a new database: query-only indexes are built once at the end
    if let Err(e) = store.begin_bulk() {
        eprintln!("quotewire: error: {e}");
        return ExitCode::FAILURE;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    if !args.quiet && io::stderr().is_terminal() {
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} records ingested [{elapsed}] {msg}")
        {
            bar.set_style(style);
        }
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(200));
    }
    let mut run = Ingest {
        store,
        stats: IngestStats::default(),
        errors: 0,
        batch: Vec::with_capacity(BATCH),
        quiet: args.quiet,
        bar,
    };
    let mut to_analyse = Vec::new();
    for path in &args.paths {
        match open_jsonl(path) {
            Ok(Some(reader)) => {
                if let Err(e) = run.jsonl(path, reader) {
                    return run.fatal(e);
                }
            }
            Ok(None) => to_analyse.push(path.clone()),
            Err(e) if e.kind() == io::ErrorKind::InvalidInput => {
                run.errors += 1;
                run.say(&format!("quotewire: error: {}: {e}", path.display()));
            }
            Err(e) => {
                run.errors += 1;
                run.say(&format!(
                    "quotewire: error: {}: cannot read: {e}. Check the path and its permissions.",
                    path.display()
                ));
            }
        }
    }
    if !to_analyse.is_empty()
        && let Err(e) = run.analyse(to_analyse, args.jobs)
    {
        return run.fatal(e);
    }
    if let Err(e) = run.commit() {
        return run.fatal(e);
    }
    run.bar.set_message("building indexes");
    if let Err(e) = run.store.finish_bulk() {
        return run.fatal(e);
    }
    run.bar.finish_and_clear();
    let s = run.stats;
    if !args.quiet {
        let secs = start.elapsed().as_secs_f64();
        let rate = |n: u64| if secs > 0.0 { n as f64 / secs } else { 0.0 };
        eprintln!(
            "quotewire: {} {} → {}: {} added, {} unchanged, {} replaced, {} {} ({} syndicated), {} {} written, {} {}; {secs:.2} s, {:.0} records/s, {:.0} quotes/s",
            s.records,
            plural(s.records, "record", "records"),
            args.db.display(),
            s.added,
            s.unchanged,
            s.replaced,
            s.duplicates,
            plural(s.duplicates, "duplicate", "duplicates"),
            s.syndicated,
            s.quotes,
            plural(s.quotes, "quote", "quotes"),
            run.errors,
            plural(run.errors, "error", "errors"),
            rate(s.records),
            rate(s.quotes),
        );
    }
    if s.records == 0 && run.errors > 0 {
        eprintln!("quotewire: error: nothing could be ingested; see the messages above");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `Some(reader)` when `path` holds JSONL records (by a .jsonl/.ndjson
/// name, or by content: [`looks_like_jsonl`]), `None` when it is something
/// to analyse.
fn open_jsonl(path: &Path) -> io::Result<Option<Box<dyn BufRead>>> {
    if path.as_os_str() == "-" {
        let mut r = BufReader::new(io::stdin());
        let head = r.fill_buf()?;
        if looks_like_jsonl(head) || head.iter().all(u8::is_ascii_whitespace) {
            return Ok(Some(Box::new(r)));
        }
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "standard input is not JSONL; ingest reads records there, so pipe pages through analyze: quotewire analyze - | quotewire ingest -",
        ));
    }
    if path.is_dir() {
        return Ok(None);
    }
    let name = path.to_string_lossy().to_lowercase();
    let by_name = name.ends_with(".jsonl") || name.ends_with(".ndjson");
    let file = File::open(path)?;
    let mut r = BufReader::with_capacity(1 << 20, file);
    if by_name || looks_like_jsonl(r.fill_buf()?) {
        return Ok(Some(Box::new(r)));
    }
    Ok(None)
}

/// Whether a file starting with `head` holds JSONL records: its first
/// non-blank line starts with `{"` (blanks allowed after the brace). No page
/// or news text starts so; a malformed record line then gets a line error
/// instead of the whole file being analysed as text.
pub(crate) fn looks_like_jsonl(head: &[u8]) -> bool {
    let mut rest = head.iter().skip_while(|b| b.is_ascii_whitespace());
    rest.next() == Some(&b'{') && rest.find(|b| !matches!(b, b' ' | b'\t')) == Some(&b'"')
}

impl Ingest {
    fn say(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    fn fatal(&self, e: quotewire_store::Error) -> ExitCode {
        self.bar.finish_and_clear();
        eprintln!("quotewire: error: {e}");
        eprintln!(
            "quotewire: note: batches committed before the error are kept; run the same command again to complete the ingest"
        );
        ExitCode::FAILURE
    }

    fn jsonl(&mut self, path: &Path, mut reader: Box<dyn BufRead>) -> quotewire_store::Result<()> {
        let mut line = Vec::new();
        let mut n = 0u64;
        loop {
            line.clear();
            let read = (&mut reader)
                .take(MAX_LINE as u64 + 1)
                .read_until(b'\n', &mut line);
            match read {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    self.errors += 1;
                    self.say(&format!(
                        "quotewire: error: {}: line {}: {e}",
                        path.display(),
                        n + 1
                    ));
                    break;
                }
            }
            n += 1;
            if line.len() > MAX_LINE {
                self.errors += 1;
                self.say(&format!(
                    "quotewire: error: {}: line {n}: longer than {MAX_LINE} bytes; stopping this file",
                    path.display()
                ));
                break;
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<Record>(&line) {
                Ok(rec) => match quotewire_store::check_spans(&rec) {
                    Ok(()) => self.push(rec)?,
                    Err(why) => {
                        self.errors += 1;
                        self.say(&format!(
                            "quotewire: error: {}: line {n}: record {:?}: {why}; skipped",
                            path.display(),
                            rec.id
                        ));
                    }
                },
                Err(e) => {
                    self.errors += 1;
                    self.say(&format!(
                        "quotewire: error: {}: line {n}: not a quotewire record ({e}); skipped",
                        path.display()
                    ));
                }
            }
        }
        Ok(())
    }

    fn analyse(&mut self, paths: Vec<PathBuf>, jobs: Option<usize>) -> quotewire_store::Result<()> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = jobs.filter(|&n| n > 0).unwrap_or(cores).min(4 * cores);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .stack_size(64 * 1024 * 1024)
            .build()
            .map_err(|e| quotewire_store::Error::Invalid(format!("cannot start threads: {e}")))?;
        let mut chunk: Vec<Input> = Vec::with_capacity(CHUNK_DOCS);
        for item in quotewire_read::inputs(&paths) {
            match item {
                Item::Doc(input) => {
                    chunk.push(input);
                    if chunk.len() >= CHUNK_DOCS {
                        self.analyse_chunk(&mut chunk, &pool)?;
                    }
                }
                Item::Skipped { .. } => {}
                Item::Warning { origin, message } => {
                    if !self.quiet {
                        self.say(&format!("quotewire: warning: {origin}: {message}"));
                    }
                }
                Item::Error(e) => {
                    self.errors += 1;
                    self.say(&format!("quotewire: error: {e}"));
                }
            }
        }
        self.analyse_chunk(&mut chunk, &pool)
    }

    fn analyse_chunk(
        &mut self,
        chunk: &mut Vec<Input>,
        pool: &rayon::ThreadPool,
    ) -> quotewire_store::Result<()> {
        let results: Vec<_> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| quotewire::try_analyze(input, Options::default()))
                .collect()
        });
        chunk.clear();
        for r in results {
            match r {
                Ok(rec) => self.push(rec)?,
                Err(e) => {
                    self.errors += 1;
                    self.say(&format!("quotewire: error: {e}"));
                }
            }
        }
        Ok(())
    }

    fn push(&mut self, rec: Record) -> quotewire_store::Result<()> {
        self.batch.push(rec);
        if self.batch.len() >= BATCH {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> quotewire_store::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let outcomes = self.store.ingest(&self.batch)?;
        for (rec, (outcome, quotes)) in self.batch.iter().zip(outcomes) {
            self.stats.add(outcome, quotes);
            if !self.quiet
                && let Outcome::Replaced { article } = outcome
            {
                self.say(&format!(
                    "quotewire: note: {}: a new version of the article replaced the stored one (article {article})",
                    rec.url.as_deref().unwrap_or(&rec.id)
                ));
            }
        }
        self.batch.clear();
        self.bar.set_position(self.stats.records);
        Ok(())
    }
}
