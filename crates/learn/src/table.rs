//! The lookup tables behind [`crate::Model`]: feature key → weights per class.
//!
//! Scoring a decision looks up every one of its feature keys in a table of
//! hundreds of thousands, so the cost is memory latency, not arithmetic. Two
//! layouts:
//!
//! * [`Dense`], for models with at most [`DENSE_CLASSES`] classes (the
//!   attribution role tagger, the name-run classifier): open addressing over
//!   32-byte rows holding a key fingerprint and the weight of every class,
//!   so a hit costs one cache line.
//! * [`Sparse`], for the others (the POS tagger, ~50 classes, most rows
//!   with a few non-zero weights): open-addressing slots pointing into one
//!   array of `(class, weight)` entries.
//!
//! Both give the same scores bit for bit: the weights of the keys are added
//! class by class in the order of the keys, and a class a row lacks adds
//! `+0.0`, which changes no sum that starts at `+0.0`.

/// Largest number of classes a [`Dense`] table serves.
pub(crate) const DENSE_CLASSES: usize = 7;
/// Keys looked up together: their first probes are all loaded before any
/// is used, so the cache misses of a large table overlap.
const CHUNK: usize = 64;

/// One dense row: the high 32 bits of the feature key (0 = empty slot) and
/// the weight of every class (0.0 where the model has none).
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
pub(crate) struct Row {
    fp: u32,
    w: [f32; DENSE_CLASSES],
}

const EMPTY_ROW: Row = Row {
    fp: 0,
    w: [0.0; DENSE_CLASSES],
};

/// Open addressing over dense rows. The home slot of a key is its low bits,
/// and a row is recognised by the key's high 32 bits: a stored key is
/// matched on at least 52 of its 64 bits (the table has at least 2^20 slots
/// only for 2^19 keys and more), and construction refuses a table where a
/// stored key would find another key's row first. A key never seen in
/// training can, with probability about 2^-32 per probe, pick up a stored
/// key's weights: the same kind of collision the hashing trick already
/// accepts between feature strings.
#[derive(Debug, Clone)]
pub(crate) struct Dense {
    rows: Vec<Row>,
    /// The stored keys, sorted (for writing the weights file).
    keys: Vec<u64>,
}

/// Open addressing over `(key, start, len)` slots into `entries`.
#[derive(Debug, Clone)]
pub(crate) struct Sparse {
    slots: Vec<(u64, u32, u32)>,
    entries: Vec<(u16, f32)>,
}

/// A model's table, in the layout its class count calls for.
#[derive(Debug, Clone)]
pub(crate) enum Table {
    Dense(Dense),
    Sparse(Sparse),
}

fn capacity(n: usize) -> usize {
    (n * 2).next_power_of_two().max(16)
}

impl Sparse {
    /// An empty table sized for `n_rows` keys and about `n_entries` weights.
    pub(crate) fn with_capacity(n_rows: usize, n_entries: usize) -> Sparse {
        Sparse {
            slots: vec![(0, 0, 0); capacity(n_rows)],
            entries: Vec::with_capacity(n_entries),
        }
    }

    /// Adds a key (non-zero, not already present) with its row.
    pub(crate) fn insert(&mut self, key: u64, row: impl IntoIterator<Item = (u16, f32)>) {
        let start = self.entries.len() as u32;
        self.entries.extend(row);
        let len = self.entries.len() as u32 - start;
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        while self.slots[i].0 != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = (key, start, len);
    }

    fn row(&self, key: u64) -> &[(u16, f32)] {
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let (k, start, len) = self.slots[i];
            if k == key {
                return &self.entries[start as usize..(start + len) as usize];
            }
            if k == 0 {
                return &[];
            }
            i = (i + 1) & mask;
        }
    }

    /// Every stored key with its row, in key order.
    fn rows_sorted(&self) -> Vec<(u64, &[(u16, f32)])> {
        let mut rows: Vec<(u64, &[(u16, f32)])> = self
            .slots
            .iter()
            .filter(|s| s.0 != 0)
            .map(|&(k, start, len)| (k, &self.entries[start as usize..(start + len) as usize]))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    fn scores(&self, keys: &[u64], out: &mut [f32]) {
        let mask = self.slots.len() - 1;
        let mut first = [(0u64, 0u32, 0u32); CHUNK];
        let mut rows: [&[(u16, f32)]; CHUNK] = [&[]; CHUNK];
        for chunk in keys.chunks(CHUNK) {
            for (f, &k) in first.iter_mut().zip(chunk) {
                *f = self.slots[(k as usize) & mask];
            }
            // find every row, touching its first entry, before adding any:
            // the entry loads overlap too
            let mut touch = 0u16;
            for ((r, &(fk, start, len)), &k) in rows.iter_mut().zip(&first).zip(chunk) {
                *r = if fk == k {
                    &self.entries[start as usize..(start + len) as usize]
                } else if fk == 0 {
                    &[]
                } else {
                    self.row(k)
                };
                if let Some(e) = r.first() {
                    touch ^= e.0;
                }
            }
            std::hint::black_box(touch);
            for row in &rows[..chunk.len()] {
                for &(c, w) in *row {
                    if let Some(o) = out.get_mut(usize::from(c)) {
                        *o += w;
                    }
                }
            }
        }
    }
}

impl Dense {
    /// An empty table sized for `n_rows` keys.
    pub(crate) fn with_capacity(n_rows: usize) -> Dense {
        Dense {
            rows: vec![EMPTY_ROW; capacity(n_rows)],
            keys: Vec::with_capacity(n_rows),
        }
    }

    /// The table of `rows` (keys distinct), inserted bucket by bucket of
    /// home slots (a counting sort on the slot's top 10 bits); `None` when
    /// [`Dense::insert_row`] refuses one of them.
    fn from_rows(rows: &[(u64, Row)]) -> Option<Dense> {
        let mut d = Dense::with_capacity(rows.len());
        let mask = d.rows.len() - 1;
        let shift = mask.count_ones().saturating_sub(10);
        let bucket = |k: u64| ((k as usize) & mask) >> shift;
        let mut start = vec![0usize; (mask >> shift) + 2];
        for &(k, _) in rows {
            start[bucket(k) + 1] += 1;
        }
        for b in 1..start.len() {
            start[b] += start[b - 1];
        }
        let mut order = vec![0u32; rows.len()];
        for (i, &(k, _)) in rows.iter().enumerate() {
            let b = bucket(k);
            order[start[b]] = i as u32;
            start[b] += 1;
        }
        for &i in &order {
            let (k, r) = rows[i as usize];
            if !d.insert_row(k, r) {
                return None;
            }
        }
        // the stored keys in key order (the rows come sorted from the
        // weights file and from training: usually nothing to do)
        d.keys.clear();
        d.keys.extend(rows.iter().map(|&(k, _)| k));
        if !d.keys.is_sorted() {
            d.keys.sort_unstable();
        }
        Some(d)
    }

    /// Adds a key (not already present) with its row; `false` when the key
    /// cannot be told apart from a stored one (same high 32 bits in its probe
    /// chain, high bits all zero) or the table is full: the caller builds a
    /// [`Sparse`] table instead. (A class id past [`DENSE_CLASSES`] is
    /// refused by the caller, [`Table::build`].)
    fn insert_row(&mut self, key: u64, r: Row) -> bool {
        let fp = (key >> 32) as u32;
        if fp == 0 || self.keys.len() >= self.rows.len() / 2 {
            return false;
        }
        let mask = self.rows.len() - 1;
        let mut i = (key as usize) & mask;
        while self.rows[i].fp != 0 {
            if self.rows[i].fp == fp {
                return false;
            }
            i = (i + 1) & mask;
        }
        self.rows[i] = r;
        self.keys.push(key);
        true
    }

    fn find(&self, key: u64) -> Option<&Row> {
        let mask = self.rows.len() - 1;
        let fp = (key >> 32) as u32;
        let mut i = (key as usize) & mask;
        loop {
            let r = &self.rows[i];
            if r.fp == fp {
                return Some(r);
            }
            if r.fp == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    fn scores(&self, keys: &[u64], out: &mut [f32]) {
        let mask = self.rows.len() - 1;
        let n = out.len().min(DENSE_CLASSES);
        let mut first = [0u32; CHUNK];
        for chunk in keys.chunks(CHUNK) {
            for (f, &k) in first.iter_mut().zip(chunk) {
                *f = self.rows[(k as usize) & mask].fp;
            }
            for (&fp0, &k) in first.iter().zip(chunk) {
                let fp = (k >> 32) as u32;
                let row = if fp0 == fp {
                    &self.rows[(k as usize) & mask]
                } else if fp0 == 0 {
                    continue;
                } else {
                    match self.find(k) {
                        Some(r) => r,
                        None => continue,
                    }
                };
                for (o, &w) in out[..n].iter_mut().zip(&row.w) {
                    *o += w;
                }
            }
        }
    }
}

impl Table {
    /// The table of a model with `n_classes` classes whose rows `fill`
    /// produces (in key order) by calling its argument once per row; that
    /// callback returns `false` to ask `fill` to stop early. Dense when the
    /// classes fit a row and the keys allow it, else sparse: `fill` runs
    /// once, or twice when the dense attempt gives up.
    pub(crate) fn build<E>(
        n_classes: usize,
        n_rows: usize,
        n_entries: usize,
        mut fill: impl FnMut(&mut dyn FnMut(u64, &[(u16, f32)]) -> bool) -> Result<(), E>,
    ) -> Result<Table, E> {
        if n_classes <= DENSE_CLASSES {
            // the rows are gathered first, then inserted in the order of
            // their home slots' high bits: consecutive inserts touch nearby
            // rows of the table instead of one random cache line (and page)
            // each, which made loading a large model cost as much as
            // scoring a hundred pages (same table: a linear-probing table's
            // lookups do not depend on the insertion order)
            let mut rows: Vec<(u64, Row)> = Vec::with_capacity(n_rows);
            let mut ok = true;
            fill(&mut |k, row| {
                let mut r = Row {
                    fp: (k >> 32) as u32,
                    w: [0.0; DENSE_CLASSES],
                };
                for &(c, w) in row {
                    match r.w.get_mut(usize::from(c)) {
                        Some(x) => *x = w,
                        None => ok = false,
                    }
                }
                rows.push((k, r));
                ok
            })?;
            if ok && let Some(d) = Dense::from_rows(&rows) {
                return Ok(Table::Dense(d));
            }
        }
        let mut s = Sparse::with_capacity(n_rows, n_entries);
        fill(&mut |k, row| {
            s.insert(k, row.iter().copied());
            true
        })?;
        Ok(Table::Sparse(s))
    }

    /// Sums the weights of `keys` per class into `out` (overwritten; its
    /// length is the number of classes).
    pub(crate) fn scores(&self, keys: &[u64], out: &mut [f32]) {
        out.fill(0.0);
        match self {
            Table::Dense(d) => d.scores(keys, out),
            Table::Sparse(s) => s.scores(keys, out),
        }
    }

    /// Every stored key with its non-zero weights `(class, weight)` in class
    /// order, keys in increasing order (what the weights file holds).
    pub(crate) fn rows_sorted(&self) -> Vec<(u64, Vec<(u16, f32)>)> {
        match self {
            Table::Sparse(s) => s
                .rows_sorted()
                .into_iter()
                .map(|(k, r)| (k, r.to_vec()))
                .collect(),
            Table::Dense(d) => d
                .keys
                .iter()
                .map(|&k| {
                    let row = d.find(k).map(|r| r.w).unwrap_or_default();
                    let entries = row
                        .iter()
                        .enumerate()
                        .filter(|(_, w)| **w != 0.0)
                        .map(|(c, &w)| (c as u16, w))
                        .collect();
                    (k, entries)
                })
                .collect(),
        }
    }
}
