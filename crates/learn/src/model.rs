//! Frozen weights: inference and the weights file format.

use std::io::Read;

use crate::perceptron::argmax;
use crate::table::Table;

/// What can go wrong reading a weights file. Every message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes do not start with the quotewire model magic.
    #[error(
        "not a quotewire model file (bad magic); rebuild the weights with the training command"
    )]
    BadMagic,
    /// A format version this build cannot read.
    #[error(
        "model format version {0} is not supported (this build reads versions 1 and 2); retrain the model"
    )]
    Version(u32),
    /// The body does not inflate, is cut short, or fails its checksum.
    #[error("model file is corrupt ({0}); restore it from the repository or retrain it")]
    Corrupt(&'static str),
    /// The model was trained for another feature set than the caller's.
    #[error(
        "model was trained with features '{found}' but this code computes '{expected}'; retrain it"
    )]
    Features {
        /// The caller's feature set name.
        expected: String,
        /// The one stored in the model.
        found: String,
    },
}

const MAGIC: &[u8; 4] = b"QWLM";
/// The version [`Model::to_bytes`] writes: 2, the body stored as it is.
/// Version 1 (the body deflated) is still read. The body is mostly random
/// 64-bit keys and weights, which deflate shrinks by a quarter only, while
/// inflating it cost more CPU at start-up than the rest of loading.
const VERSION: u32 = 2;
/// The first format: the same body, deflated.
const VERSION_DEFLATED: u32 = 1;

/// A frozen linear model over hashed features: for each feature key, the
/// weight of each class. Lookups go through an open-addressing table laid out
/// for the model's class count (see [`crate::table`]): for models of up to 7
/// classes one cache line per feature holds every class's weight, otherwise
/// a slot points into a list of `(class, weight)`. Built by
/// [`crate::Perceptron::freeze`] or read with [`Model::from_bytes`].
#[derive(Debug, Clone)]
pub struct Model {
    classes: Vec<String>,
    meta: String,
    table: Table,
    n_features: usize,
}

impl Model {
    pub(crate) fn from_rows(
        classes: Vec<String>,
        meta: String,
        rows: Vec<(u64, Vec<(u16, f32)>)>,
    ) -> Self {
        let n_entries = rows.iter().map(|r| r.1.len()).sum();
        let table = Table::build(classes.len(), rows.len(), n_entries, |add| {
            for (k, row) in &rows {
                if !add(*k, row) {
                    break;
                }
            }
            Ok::<(), std::convert::Infallible>(())
        });
        let table = match table {
            Ok(t) => t,
            Err(never) => match never {},
        };
        Model {
            classes,
            meta,
            table,
            n_features: rows.len(),
        }
    }

    /// The class labels, index = class id.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// The class id of a label, if the model has it.
    pub fn class_id(&self, label: &str) -> Option<usize> {
        self.classes.iter().position(|c| c == label)
    }

    /// The free-text metadata stored at training (feature set name/version).
    pub fn meta(&self) -> &str {
        &self.meta
    }

    /// Number of feature keys with at least one weight.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Fails unless the model's metadata equals `expected`: call it at load
    /// time so a model trained on another feature function is a clear error.
    pub fn check_meta(&self, expected: &str) -> Result<(), ModelError> {
        if self.meta == expected {
            Ok(())
        } else {
            Err(ModelError::Features {
                expected: expected.to_string(),
                found: self.meta.clone(),
            })
        }
    }

    /// Sums the weights of `keys` per class into `out` (its length is the
    /// number of classes; overwritten).
    ///
    /// The first probe of every key is loaded before any is used, so the
    /// cache misses of a large table overlap instead of queueing (same
    /// result as scoring key by key).
    pub fn scores(&self, keys: &[u64], out: &mut [f32]) {
        self.table.scores(keys, out);
    }

    /// The best class for `keys` (ties to the lowest id); `buf` is scratch.
    pub fn predict(&self, keys: &[u64], buf: &mut Vec<f32>) -> usize {
        buf.resize(self.classes.len(), 0.0);
        self.scores(keys, buf);
        argmax(buf)
    }

    /// The weights file: magic, version (2), then the body (metadata,
    /// classes, rows sorted by key) ending in an FNV-1a checksum of the body.
    /// Deterministic: the same model gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        put_str(&mut body, &self.meta);
        body.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for c in &self.classes {
            put_str(&mut body, c);
        }
        let rows = self.table.rows_sorted();
        body.extend_from_slice(&(rows.len() as u64).to_le_bytes());
        for (k, row) in rows {
            body.extend_from_slice(&k.to_le_bytes());
            body.extend_from_slice(&(row.len() as u16).to_le_bytes());
            for (c, w) in row {
                body.extend_from_slice(&c.to_le_bytes());
                body.extend_from_slice(&w.to_le_bytes());
            }
        }
        let sum = crate::features::hash_bytes(&body);
        body.extend_from_slice(&sum.to_le_bytes());
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Reads a weights file written by [`Model::to_bytes`]. Errors: bad magic,
    /// unknown version, corrupt or truncated body (never panics).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < 8 || &bytes[..4] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = u32::from_le_bytes(bytes[4..8].try_into().map_err(|_| ModelError::BadMagic)?);
        let body: std::borrow::Cow<[u8]> = match version {
            VERSION => std::borrow::Cow::Borrowed(&bytes[8..]),
            VERSION_DEFLATED => {
                let mut body = Vec::new();
                flate2::read::DeflateDecoder::new(&bytes[8..])
                    .read_to_end(&mut body)
                    .map_err(|_| ModelError::Corrupt("does not inflate"))?;
                std::borrow::Cow::Owned(body)
            }
            _ => return Err(ModelError::Version(version)),
        };
        if body.len() < 8 {
            return Err(ModelError::Corrupt("too short"));
        }
        let (content, sum) = body.split_at(body.len() - 8);
        let sum = u64::from_le_bytes(
            sum.try_into()
                .map_err(|_| ModelError::Corrupt("too short"))?,
        );
        if crate::features::hash_bytes(content) != sum {
            return Err(ModelError::Corrupt("checksum mismatch"));
        }
        let mut r = Reader { b: content, at: 0 };
        let meta = r.string()?;
        let n_classes = r.u32()? as usize;
        let mut classes = Vec::with_capacity(n_classes.min(65_536));
        for _ in 0..n_classes {
            classes.push(r.string()?);
        }
        let n_rows = r.u64()? as usize;
        // each row takes at least 10 bytes: a larger count is corrupt
        if n_rows > content.len() / 10 + 1 {
            return Err(ModelError::Corrupt("row count past the end"));
        }
        // built in place (no allocation per row): same table as from_rows
        let rows_at = r.at;
        let n_entries = (content.len() - rows_at) / 6;
        let table = Table::build(n_classes, n_rows, n_entries, |add| {
            r.at = rows_at;
            let mut row = Vec::new();
            for _ in 0..n_rows {
                let k = r.u64()?;
                if k == 0 {
                    return Err(ModelError::Corrupt("zero feature key"));
                }
                let len = r.u16()? as usize;
                row.clear();
                for _ in 0..len {
                    let c = r.u16()?;
                    if usize::from(c) >= n_classes {
                        return Err(ModelError::Corrupt("class id out of range"));
                    }
                    let w = f32::from_bits(r.u32()?);
                    row.push((c, w));
                }
                if !add(k, &row) {
                    return Ok(());
                }
            }
            if r.at != content.len() {
                return Err(ModelError::Corrupt("trailing bytes"));
            }
            Ok(())
        })?;
        Ok(Model {
            classes,
            meta,
            table,
            n_features: n_rows,
        })
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(ModelError::Corrupt("length overflow"))?;
        let s = self
            .b
            .get(self.at..end)
            .ok_or(ModelError::Corrupt("truncated"))?;
        self.at = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or([0; 2]),
        ))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or([0; 8]),
        ))
    }
    fn string(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| ModelError::Corrupt("label is not UTF-8"))
    }
}
