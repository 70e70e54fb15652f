//! The `quotewire` command. Thin: flags, then wiring of the library crates.

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// quotewire: news pages in, records of who said what out.
#[derive(Parser)]
#[command(name = "quotewire", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse news pages: one JSONL record per article (text, metadata, attributions).
    Analyze(AnalyzeArgs),
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Files or directories (walked recursively); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write records to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Do not clean: `text` is the input exactly as given, so offsets point into the original file.
    #[arg(long)]
    keep_text: bool,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze(a) => {
            let opts = quotewire::Options {
                keep_text: a.keep_text,
            };
            let mut w = match &a.output {
                Some(p) => quotewire_write::JsonlWriter::create(p)
                    .with_context(|| format!("cannot write {}", p.display()))?,
                None => quotewire_write::JsonlWriter::stdout(),
            };
            for input in quotewire_read::inputs(&a.paths) {
                match input {
                    Ok(input) => w.write(&quotewire::analyze(&input, opts))?,
                    Err(e) => eprintln!("quotewire: {e}"),
                }
            }
            w.finish()?;
        }
    }
    Ok(())
}
