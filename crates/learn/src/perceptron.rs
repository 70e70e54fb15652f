//! The multiclass averaged perceptron, in training.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::Model;

/// A hasher for keys that are already well-mixed 64-bit hashes
/// ([`crate::Features`] keys): identity, so lookups cost no hashing.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    /// Sum of `w` over the instances before `ts`.
    total: f64,
    /// The instance count at the last change of `w`.
    ts: u64,
}

/// A multiclass averaged perceptron over sparse hashed features, as used for
/// tagging by Collins (2002) and popularised for POS tagging by Honnibal's
/// "A good part-of-speech tagger in about 200 lines of Python" (2013): one
/// weight per (feature key, class) actually updated, the final weights the
/// average over all training instances (lazy averaging, exact).
///
/// Training is deterministic: the same calls in the same order give the same
/// weights. Memory is proportional to the number of (feature, class) pairs
/// ever updated.
#[derive(Debug, Clone)]
pub struct Perceptron {
    classes: Vec<String>,
    weights: KeyMap<Vec<Entry>>,
    /// Instances seen (the averaging clock).
    t: u64,
}

impl Perceptron {
    /// A model with no weights over the given class labels (at most 65,535).
    pub fn new(classes: Vec<String>) -> Self {
        assert!(classes.len() < usize::from(u16::MAX), "too many classes");
        Perceptron {
            classes,
            weights: KeyMap::default(),
            t: 0,
        }
    }

    /// The class labels, index = class id.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Adds the current (not averaged) weights of `keys` into `out`
    /// (length = number of classes; overwritten).
    pub fn scores(&self, keys: &[u64], out: &mut [f32]) {
        out.fill(0.0);
        for k in keys {
            if let Some(row) = self.weights.get(k) {
                for e in row {
                    if let Some(o) = out.get_mut(usize::from(e.class)) {
                        *o += e.w;
                    }
                }
            }
        }
    }

    /// The best class under the current weights (ties to the lowest id).
    pub fn predict(&self, keys: &[u64], buf: &mut Vec<f32>) -> usize {
        buf.resize(self.classes.len(), 0.0);
        self.scores(keys, buf);
        argmax(buf)
    }

    /// Adds `delta` to the weight of every key for `class`.
    pub fn update(&mut self, keys: &[u64], class: usize, delta: f32) {
        let t = self.t;
        for &k in keys {
            let row = self.weights.entry(k).or_default();
            match row.iter_mut().find(|e| usize::from(e.class) == class) {
                Some(e) => {
                    e.total += (t - e.ts) as f64 * f64::from(e.w);
                    e.ts = t;
                    e.w += delta;
                }
                None => row.push(Entry {
                    class: class as u16,
                    w: delta,
                    total: 0.0,
                    ts: t,
                }),
            }
        }
    }

    /// Advances the averaging clock by one instance. Call once per training
    /// instance (after its updates, if any).
    pub fn tick(&mut self) {
        self.t += 1;
    }

    /// One online step: predicts `keys`, and when the guess is not `gold`
    /// moves weight from the guess to the gold; then ticks. Returns the guess.
    pub fn train_one(&mut self, keys: &[u64], gold: usize, buf: &mut Vec<f32>) -> usize {
        let guess = self.predict(keys, buf);
        if guess != gold {
            self.update(keys, gold, 1.0);
            self.update(keys, guess, -1.0);
        }
        self.tick();
        guess
    }

    /// The averaged weights, frozen for inference. Weights whose absolute
    /// value is below `prune` are dropped (0.0 keeps every non-zero weight).
    /// `meta` is stored in the model (e.g. the feature set's name and
    /// version, checked by the loader).
    pub fn freeze(&self, meta: &str, prune: f32) -> Model {
        let t = self.t.max(1);
        let mut keys: Vec<u64> = self.weights.keys().copied().collect();
        keys.sort_unstable();
        let mut rows = Vec::with_capacity(keys.len());
        for k in keys {
            let mut row: Vec<(u16, f32)> = self.weights[&k]
                .iter()
                .map(|e| {
                    let total = e.total + (t - e.ts) as f64 * f64::from(e.w);
                    (e.class, (total / t as f64) as f32)
                })
                .filter(|&(_, w)| w != 0.0 && w.abs() >= prune)
                .collect();
            row.sort_unstable_by_key(|&(c, _)| c);
            if !row.is_empty() {
                rows.push((k, row));
            }
        }
        Model::from_rows(self.classes.clone(), meta.to_string(), rows)
    }
}

/// Index of the largest score (ties to the lowest index; 0 when empty).
pub(crate) fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}
