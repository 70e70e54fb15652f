//! Hashed features.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a of a string: the stable hash every feature key is built
/// from (stable across platforms, Rust versions and runs).
pub fn hash_str(s: &str) -> u64 {
    fnv(FNV_OFFSET, s.as_bytes())
}

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// A final avalanche (from SplitMix64) so that keys built from similar
/// strings spread over the table; never returns 0 (0 marks an empty slot).
fn finish(h: u64) -> u64 {
    let mut z = h;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    if z == 0 { 1 } else { z }
}

/// The hashed features of one decision (a token, a candidate span, a
/// mention pair): a list of 64-bit keys, reused between decisions with
/// [`Features::clear`] so that extracting features allocates nothing once
/// the buffer has grown.
///
/// A key is the hash of a template id (a small number naming the feature
/// template, e.g. 3 = "word at i-1") and a value (the word). Templates keep
/// "word=the" at i-1 and at i+1 apart.
#[derive(Debug, Default, Clone)]
pub struct Features {
    keys: Vec<u64>,
}

impl Features {
    /// An empty feature list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Removes every key, keeping the allocation.
    pub fn clear(&mut self) {
        self.keys.clear();
    }

    /// Adds template `template` with string value `value`.
    pub fn add(&mut self, template: u32, value: &str) {
        let h = fnv(
            FNV_OFFSET ^ u64::from(template).wrapping_mul(FNV_PRIME),
            value.as_bytes(),
        );
        self.keys.push(finish(h));
    }

    /// Adds template `template` with a value made of two parts (e.g. the
    /// previous tag and the current word), without building a string.
    pub fn add2(&mut self, template: u32, a: &str, b: &str) {
        let mut h = fnv(
            FNV_OFFSET ^ u64::from(template).wrapping_mul(FNV_PRIME),
            a.as_bytes(),
        );
        h = fnv(h ^ 0xff, b.as_bytes());
        self.keys.push(finish(h));
    }

    /// Adds template `template` with an integer value (a bucketed distance, a
    /// class id, a boolean).
    pub fn add_int(&mut self, template: u32, value: i64) {
        let h = fnv(
            FNV_OFFSET ^ u64::from(template).wrapping_mul(FNV_PRIME),
            &value.to_le_bytes(),
        );
        self.keys.push(finish(h ^ 0x5555));
    }

    /// Adds a key computed elsewhere (it is re-mixed, so any u64 will do).
    pub fn add_key(&mut self, key: u64) {
        self.keys.push(finish(key));
    }

    /// The keys added so far, in order.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no key was added.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// FNV-1a over bytes (the weights file checksum).
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    fnv(FNV_OFFSET, b)
}
