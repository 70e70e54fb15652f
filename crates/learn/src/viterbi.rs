//! First-order Viterbi decoding.

/// The best label sequence under per-position scores and transition scores.
///
/// `emissions` holds `n * k` scores, row-major (position `i`, label `y` at
/// `i * k + y`); `transitions` holds `(k + 1) * k` scores: row `p` for the
/// previous label `p` (row `k` is the start), column `y` for the next label.
/// `allowed(prev, next)` may forbid a transition (e.g. `I` after `O` in a BIO
/// scheme; `prev` is `None` at the start). Returns one label per position;
/// empty when `n` is 0. O(n * k^2) time, O(n * k) memory.
pub fn viterbi(
    emissions: &[f32],
    k: usize,
    transitions: &[f32],
    allowed: impl Fn(Option<usize>, usize) -> bool,
) -> Vec<usize> {
    if k == 0 || emissions.is_empty() {
        return Vec::new();
    }
    let n = emissions.len() / k;
    let mut score = vec![f32::NEG_INFINITY; n * k];
    let mut back = vec![0u32; n * k];
    for y in 0..k {
        if allowed(None, y) {
            score[y] = emissions[y] + transitions.get(k * k + y).copied().unwrap_or(0.0);
        }
    }
    for i in 1..n {
        for y in 0..k {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..k {
                let prev = score[(i - 1) * k + p];
                if prev == f32::NEG_INFINITY || !allowed(Some(p), y) {
                    continue;
                }
                let s = prev + transitions.get(p * k + y).copied().unwrap_or(0.0);
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            score[i * k + y] = best + emissions[i * k + y];
            back[i * k + y] = arg as u32;
        }
    }
    let last = &score[(n - 1) * k..];
    let mut y = 0;
    for (i, &s) in last.iter().enumerate() {
        if s > last[y] {
            y = i;
        }
    }
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = y;
        y = back[i * k + y] as usize;
    }
    out
}
