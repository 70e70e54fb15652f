//! Evaluation counts.

/// True positives, false positives and false negatives, with precision,
/// recall and F1 derived from them (0 where undefined).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Prf {
    /// Predicted and in the gold.
    pub tp: u64,
    /// Predicted, not in the gold.
    pub fp: u64,
    /// In the gold, not predicted.
    pub fn_: u64,
}

impl Prf {
    /// Adds another set of counts.
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// tp / (tp + fp).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}
