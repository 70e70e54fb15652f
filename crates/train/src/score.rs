//! A Rust port of the PolNeAR attribution scorer's main figures
//! (`../shared/bench/score_attribution.py`): content-lenient, content-strict
//! and content+source-lenient F1, by kind. Used by the training command to
//! print dev figures and by the gate tests; the Python scorer stays the
//! reference (figures agree to about ±0.003: `\w` is approximated by
//! alphanumeric-or-underscore).

use std::collections::BTreeSet;

use quotewire_doc::AttributionRecord;

use crate::attribution::GoldRoles;

/// Kinds, in the scorer's order: all, direct, mixed, indirect.
pub const KINDS: [&str; 4] = ["all", "direct", "mixed", "indirect"];
/// Metrics: content-lenient, content-strict, content+source-lenient.
pub const METRICS: [&str; 3] = [
    "content-lenient",
    "content-strict",
    "content+source-lenient",
];

/// Counts per metric and kind: (matched predictions, predictions, matched
/// gold, gold).
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// `[metric][kind] = [pred matched, pred total, gold matched, gold total]`.
    pub c: [[[u64; 4]; 4]; 3],
}

impl Counts {
    /// F1 of one metric and kind (indices into [`METRICS`] and [`KINDS`]).
    pub fn f1(&self, metric: usize, kind: usize) -> f64 {
        let [pm, pt, gm, gt] = self.c[metric][kind];
        let p = if pt == 0 { 0.0 } else { pm as f64 / pt as f64 };
        let r = if gt == 0 { 0.0 } else { gm as f64 / gt as f64 };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another document's counts.
    pub fn add(&mut self, o: &Counts) {
        for m in 0..3 {
            for k in 0..4 {
                for x in 0..4 {
                    self.c[m][k][x] += o.c[m][k][x];
                }
            }
        }
    }
}

struct Doc {
    /// `\w+` tokens as code-point ranges.
    toks: Vec<(usize, usize)>,
    quoted: Vec<bool>,
}

fn is_w(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Doc {
    fn new(text: &str) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if is_w(chars[i]) {
                let a = i;
                while i < chars.len() && is_w(chars[i]) {
                    i += 1;
                }
                toks.push((a, i));
            } else {
                i += 1;
            }
        }
        // quoted regions, paired within a line (as the scorer)
        let mut regions: Vec<(usize, usize)> = Vec::new();
        let mut start: Option<usize> = None;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let two = c == '\'' && chars.get(i + 1) == Some(&'\'');
            let len = if two { 2 } else { 1 };
            if c == '\n' {
                if let Some(s) = start.take() {
                    regions.push((s, i));
                }
            } else if "“„‟«".contains(c) || ((c == '"' || two) && start.is_none()) {
                start.get_or_insert(i);
            } else if ("”»".contains(c) || c == '"' || two)
                && let Some(s) = start.take()
            {
                regions.push((s, i + len));
            }
            i += len;
        }
        if let Some(s) = start {
            regions.push((s, chars.len()));
        }
        let quoted = toks
            .iter()
            .map(|&(s, e)| {
                let k = regions.partition_point(|r| r.0 <= s);
                k > 0 && regions[k - 1].0 <= s && e <= regions[k - 1].1
            })
            .collect();
        Doc { toks, quoted }
    }

    fn tokens(&self, spans: &[(usize, usize)]) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        for &(a, b) in spans {
            let mut i = self.toks.partition_point(|t| t.0 < a);
            while i < self.toks.len() && self.toks[i].1 <= b {
                out.insert(i);
                i += 1;
            }
        }
        out
    }

    fn kind(&self, content: &BTreeSet<usize>) -> usize {
        if content.is_empty() {
            return 3;
        }
        let q = content.iter().filter(|&&t| self.quoted[t]).count();
        let f = q as f64 / content.len() as f64;
        if f >= 0.8 {
            1
        } else if f > 0.0 {
            2
        } else {
            3
        }
    }
}

struct Att {
    content: BTreeSet<usize>,
    source: BTreeSet<usize>,
    kind: usize,
}

fn pairs(v: &[[usize; 2]]) -> Vec<(usize, usize)> {
    v.iter().map(|s| (s[0], s[1])).collect()
}

/// Scores one document's predicted attributions (code-point spans into
/// `text`) against its gold.
pub fn score_doc(text: &str, gold: &[GoldRoles], pred: &[AttributionRecord]) -> Counts {
    let d = Doc::new(text);
    let mk = |content: &[(usize, usize)], source: &[(usize, usize)]| {
        let content = d.tokens(content);
        Att {
            kind: d.kind(&content),
            source: d.tokens(source),
            content,
        }
    };
    let g: Vec<Att> = gold
        .iter()
        .map(|r| mk(&r[0], &r[2]))
        .filter(|a| !a.content.is_empty())
        .collect();
    let p: Vec<Att> = pred
        .iter()
        .map(|a| mk(&pairs(&a.content), &pairs(&a.source)))
        .collect();
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, ga) in g.iter().enumerate() {
        for (pi, pa) in p.iter().enumerate() {
            let inter = ga.content.intersection(&pa.content).count();
            if inter > 0 {
                let union = ga.content.len() + pa.content.len() - inter;
                cands.push((inter as f64 / union as f64, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut c = Counts::default();
    for m in 0..3 {
        for a in &p {
            c.c[m][0][1] += 1;
            c.c[m][a.kind][1] += 1;
        }
        for a in &g {
            c.c[m][0][3] += 1;
            c.c[m][a.kind][3] += 1;
        }
        let mut gu = vec![false; g.len()];
        let mut pu = vec![false; p.len()];
        for &(j, gi, pi) in &cands {
            let ok = match m {
                1 => j >= 1.0 - 1e-12,
                _ => j >= 0.5,
            };
            if !ok || gu[gi] || pu[pi] {
                continue;
            }
            gu[gi] = true;
            pu[pi] = true;
            if m == 2
                && !g[gi].source.is_empty()
                && g[gi].source.intersection(&p[pi].source).next().is_none()
            {
                continue;
            }
            c.c[m][0][0] += 1;
            c.c[m][p[pi].kind][0] += 1;
            c.c[m][0][2] += 1;
            c.c[m][g[gi].kind][2] += 1;
        }
    }
    c
}

/// The scorer's main table as text.
pub fn table(c: &Counts) -> String {
    let mut s = String::new();
    for (m, name) in METRICS.iter().enumerate() {
        for (k, kind) in KINDS.iter().enumerate() {
            s.push_str(&format!("{name:<24}{kind:<10}F1 {:.3}\n", c.f1(m, k)));
        }
    }
    s
}
