//! `quotewire export`: the store's articles or quotes as JSONL, CSV or Parquet;
//! and the `--format` of `analyze` (records converted to rows on the way out).

use crate::output::{check_binary_to_terminal, check_db_output, output_error};
use quotewire_export::{Format, RecordsToTable, Table, TableWriter};
use quotewire_store::Store;
use quotewire_write::JsonlWriter;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Output formats of `export` and `analyze`.
#[derive(Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FormatArg {
    /// One JSON object per line: `export` writes one row per quote or article as JSON;
    /// `analyze` writes its full records (--table does not apply).
    #[default]
    Jsonl,
    /// Comma-separated values with a header row, one row per quote or article.
    Csv,
    /// Apache Parquet (snappy), one row per quote or article.
    Parquet,
}

/// Which table to write.
#[derive(Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum TableArg {
    /// One row per attribution, with its article's fields.
    #[default]
    Quotes,
    /// One row per article.
    Articles,
}

impl FormatArg {
    fn format(self) -> Format {
        match self {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
            FormatArg::Parquet => Format::Parquet,
        }
    }
}

impl TableArg {
    /// The flag value.
    pub(crate) fn name(self) -> &'static str {
        match self {
            TableArg::Quotes => "quotes",
            TableArg::Articles => "articles",
        }
    }

    fn table(self) -> Table {
        match self {
            TableArg::Quotes => Table::Quotes,
            TableArg::Articles => Table::Articles,
        }
    }
}

/// Arguments of `quotewire export`.
#[derive(clap::Args)]
pub(crate) struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: FormatArg,
    /// Which table.
    #[arg(long, value_enum, default_value = "quotes")]
    table: TableArg,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The database file.
    #[arg(long, value_name = "FILE", default_value = "quotewire.db")]
    db: PathBuf,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// Run `quotewire export`.
pub(crate) fn export(args: ExportArgs) -> ExitCode {
    let checked = match &args.output {
        Some(p) => check_db_output(p, &args.db),
        None => Ok(()),
    }
    .and_then(|()| {
        check_binary_to_terminal(args.format == FormatArg::Parquet, args.output.as_deref())
    });
    if let Err(msg) = checked {
        eprintln!("quotewire: error: {msg}");
        return ExitCode::FAILURE;
    }
    let store = match Store::open_readonly(&args.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "quotewire: error: {}",
                crate::output::db_error(&e, &args.db)
            );
            return ExitCode::FAILURE;
        }
    };
    let result = (|| -> Result<u64, String> {
        let target = match &args.output {
            Some(p) => Target::file(p)?,
            None => Target::Stdout,
        };
        let mut w = TableWriter::new(target.writer()?, args.format.format(), args.table.table())
            .map_err(|e| e.to_string())?;
        let n = match args.table {
            TableArg::Quotes => store.quotes(|r| w.quote(&r)),
            TableArg::Articles => store.articles(|r| w.article(&r)),
        }
        .map_err(|e| e.to_string())?;
        let mut out = w.finish().map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        drop(out);
        target.persist()?;
        Ok(n)
    })();
    match result {
        Ok(n) => {
            if !args.quiet {
                eprintln!(
                    "quotewire: {n} {} exported from {}",
                    match args.table {
                        TableArg::Quotes => crate::run::plural(n, "quote", "quotes"),
                        TableArg::Articles => crate::run::plural(n, "article", "articles"),
                    },
                    args.db.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(msg) if msg.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("quotewire: error: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Where export writes: stdout, or a temporary file renamed over FILE at the end.
enum Target {
    Stdout,
    File(tempfile::NamedTempFile, PathBuf),
    /// A device or pipe (`/dev/null`), written in place, never renamed over.
    Direct(PathBuf),
}

impl Target {
    fn file(path: &Path) -> Result<Target, String> {
        if quotewire_write::is_special(path) {
            return Ok(Target::Direct(path.to_path_buf()));
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".quotewire-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| output_error(path, &e))?;
        Ok(Target::File(tmp, path.to_path_buf()))
    }

    fn writer(&self) -> Result<Box<dyn Write + Send>, String> {
        match self {
            Target::Stdout => Ok(Box::new(io::stdout())),
            Target::File(tmp, path) => tmp
                .reopen()
                .map(|f| Box::new(f) as Box<dyn Write + Send>)
                .map_err(|e| format!("cannot write output file {}: {e}", path.display())),
            Target::Direct(path) => std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map(|f| Box::new(f) as Box<dyn Write + Send>)
                .map_err(|e| format!("cannot write output file {}: {e}", path.display())),
        }
    }

    fn persist(self) -> Result<(), String> {
        if let Target::File(tmp, path) = self {
            quotewire_write::give_final_mode(tmp.path(), &path)
                .map_err(|e| output_error(&path, &e))?;
            tmp.persist(&path)
                .map_err(|e| format!("cannot write output file {}: {}", path.display(), e.error))?;
        }
        Ok(())
    }
}

/// The record writer of `analyze` for `--format` and `--table`: JSONL as
/// before, or rows converted on the way out.
pub(crate) fn analyze_writer(
    output: Option<&Path>,
    format: FormatArg,
    table: TableArg,
) -> io::Result<JsonlWriter> {
    if format == FormatArg::Jsonl {
        return match output {
            Some(p) => JsonlWriter::create(p),
            None => Ok(JsonlWriter::stdout()),
        };
    }
    JsonlWriter::create_through(output, |out| {
        Ok(Box::new(RecordsToTable::new(
            out,
            format.format(),
            table.table(),
        )?))
    })
}
