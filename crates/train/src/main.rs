//! `quotewire-train MODEL --shared DIR`: trains one of quotewire's learned
//! models from the shared corpora and writes its weights where the owning
//! crate compiles them in. A thin dispatcher: one module per model.
//!
//! Every model trains deterministically (fixed seed, sorted inputs): the same
//! data gives byte-identical weights.

mod attribution;
mod polnear;
mod score;
mod tagger;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Train quotewire's learned models (deterministic; writes the committed weights)")]
struct Cli {
    #[command(subcommand)]
    model: Model,
}

#[derive(Subcommand)]
enum Model {
    /// The part-of-speech tagger of crates/tag (PolNeAR CoreNLP silver).
    Tagger {
        /// The shared data directory (holds data/polnear).
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// Where the weights go.
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../tag/models"))]
        out: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = 5)]
        epochs: usize,
        /// Averaged weights below this magnitude are dropped.
        #[arg(long, default_value_t = 1.0)]
        prune: f32,
    },
    /// The attribution role tagger of crates/attribute (PolNeAR gold).
    Attribution {
        /// The shared data directory (holds data/polnear).
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// Where the weights go.
        #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../attribute/models"))]
        out: PathBuf,
        /// Passes over the training data.
        #[arg(long, default_value_t = 15)]
        epochs: usize,
        /// Averaged weights below this magnitude are dropped.
        #[arg(long, default_value_t = 1.0)]
        prune: f32,
        /// Also write the dev split's records (JSONL) here, for the scorer.
        #[arg(long)]
        dev_out: Option<PathBuf>,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().model {
        Model::Tagger {
            shared,
            out,
            epochs,
            prune,
        } => tagger::run(&shared, &out, epochs, prune),
        Model::Attribution {
            shared,
            out,
            epochs,
            prune,
            dev_out,
        } => attribution::run(&shared, &out, epochs, prune, dev_out.as_deref()),
    }
}
