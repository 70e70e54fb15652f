//! The `quotewire` command. Thin: flags, then wiring of the library crates
//! (`quotewire-read` → `quotewire` → `quotewire-write`); the run loop is in
//! `run.rs`.

mod export;
mod ingest;
mod output;
mod run;
mod search;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// quotewire: news pages in, records of who said what out.
#[derive(Parser)]
#[command(name = "quotewire", version, about, long_about = None, after_help = MAIN_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse news pages: one JSONL record per article (text, metadata, attributions, entities, time expressions).
    #[command(after_help = ANALYZE_HELP)]
    Analyze(run::AnalyzeArgs),
    /// Store records in a SQLite database (from analyze's JSONL, or from pages analysed on the way).
    #[command(after_help = crate::serve::INGEST_HELP)]
    Ingest(ingest::IngestArgs),
    /// Search what was said, by words, speaker, entity, date, outlet and kind.
    #[command(after_help = crate::serve::SEARCH_HELP)]
    Search(search::SearchArgs),
    /// Export the stored quotes or articles as JSONL, CSV or Parquet.
    #[command(after_help = crate::serve::EXPORT_HELP)]
    Export(export::ExportArgs),
    /// Serve the HTTP API and the web page over a database.
    #[command(after_help = crate::serve::SERVE_HELP)]
    Serve(serve::ServeArgs),
}

const MAIN_HELP: &str = "\
Example:
  quotewire analyze page.html crawl.warc.gz -o records.jsonl

Each record holds the article text with its metadata (title, authors,
published date, dateline, ...), attributions (source, cue, content;
direct/indirect/mixed), entities and time expressions, with offsets in
Unicode code points: see the section \"The record\" in the README for every
field. All flags, input kinds and exit statuses: `quotewire analyze --help`.";

const ANALYZE_HELP: &str = "\
Examples:
  # the example article shipped with quotewire (flattened text with page chrome)
  quotewire analyze examples/sputnik-2018-12-20-putin-trump.txt

  # every HTML response in a web archive, records into a file (written atomically)
  quotewire analyze crawl.warc.gz -o records.jsonl

  # a directory, walked recursively in sorted order, on 4 threads
  quotewire analyze pages/ --jobs 4 -o records.jsonl

  # a page from standard input
  curl -s https://example.com/story.html | quotewire analyze -

  # offsets into the files exactly as given (no cleaning), first record only
  quotewire analyze --keep-text corpus/ | head -n 1

Inputs are recognised by content, not by name: HTML (also gzip-compressed),
WARC and WARC.gz (each HTTP response with an HTML payload is one document;
other records are skipped and counted), and plain or flattened text. In a
directory, only files named *.html, *.htm, *.xhtml, *.shtml, *.txt, *.text,
*.warc (each optionally .gz) are read, plus files without an extension whose
content is HTML or WARC; name any other file explicitly to have it read.

Output: one JSON object per line, in input order. Offsets are Unicode code
points into `text`, end-exclusive. `id` is the file name without .gz and
.html/.htm/.xhtml/.shtml/.txt/.text, or the WARC-Record-ID. A file named
.html without any markup is read as text; an HTML page named .warc as HTML.

A bad file or record is reported on stderr (file, record, byte position) and
skipped; the run goes on. A summary goes to stderr at the end (--quiet to
silence it). Exit status: 0 if anything was analysed, or if nothing was there
to analyse and nothing went wrong (e.g. a directory without documents); 1 if
no record was written and an error or warning was reported (every input
missing, damaged or cut off), or the output could not be written; 2 for a
usage error.";

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze(args) => run::analyze(args),
        Command::Ingest(args) => ingest::ingest(args),
        Command::Search(args) => search::search(args),
        Command::Export(args) => export::export(args),
        Command::Serve(args) => serve::serve(args),
    }
}
