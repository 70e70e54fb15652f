//! quotewire's learning machinery: the one place every learned model of the
//! pipeline (POS tagger, attribution, coreference, NER, content finder) gets
//! its features hashed, its weights trained and stored, and its scores
//! decoded. It knows nothing of language: features are strings or numbers the
//! stage crates compute from a `Document`; this crate turns them into keys,
//! learns weights for them and reads them back.
//!
//! - [`Features`]: hashed feature keys (64-bit FNV-1a of a template id and a
//!   value), no allocation per feature.
//! - [`Perceptron`]: a multiclass averaged perceptron over sparse hashed
//!   features (Collins 2002; Freund & Schapire 1999), trained in memory and
//!   frozen into a [`Model`] for inference.
//! - [`Model`]: the frozen weights with a versioned, checksummed
//!   file format ([`Model::to_bytes`], [`Model::from_bytes`]).
//! - [`viterbi`]: first-order Viterbi decoding over per-position scores and a
//!   transition matrix (for BIO-style span taggers).
//! - [`Rng`]: SplitMix64, seeded, for deterministic shuffling.
//! - [`Prf`]: precision / recall / F1 counts.
//!
//! Everything is deterministic: the same data, order and seed give
//! byte-identical weights files.

mod features;
mod metrics;
mod model;
mod perceptron;
mod rng;
mod table;
mod viterbi;

pub use features::{Features, hash_str};
pub use metrics::Prf;
pub use model::{Model, ModelError};
pub use perceptron::Perceptron;
pub use rng::Rng;
pub use viterbi::viterbi;

/// Turns scores into probabilities in place (numerically stable softmax).
/// An empty slice is left as it is.
pub fn softmax(scores: &mut [f32]) {
    let Some(max) = scores.iter().copied().reduce(f32::max) else {
        return;
    };
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
        sum += *s;
    }
    if sum > 0.0 {
        for s in scores.iter_mut() {
            *s /= sum;
        }
    }
}

/// The logistic function, `1 / (1 + e^-x)`: a margin turned into a 0..1
/// confidence.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests;
