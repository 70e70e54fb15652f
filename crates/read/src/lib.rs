//! Stage 1 of the pipeline: find the inputs and stream documents out of them.
//!
//! Paths are files, directories (walked recursively, in sorted order) or `-`
//! for standard input. Each file is recognised by its content (gzip magic,
//! `WARC/` header, `<html`-like markup) before its extension. Every document
//! comes out as an [`Input`]: raw bytes plus an id, a URL when known, and its
//! [`Format`]. Files are never loaded whole when they are archives: a WARC is
//! read record by record.
//!
//! STUB: WARC support and content sniffing are filled in by the read stage work.

#![deny(missing_docs)]

use std::io::Read;
use std::path::{Path, PathBuf};

/// What kind of document an [`Input`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An HTML page.
    Html,
    /// Plain or flattened text.
    Text,
}

/// Where an input came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file (`-` for stdin).
    pub path: PathBuf,
    /// The record's index in an archive (0-based), when the file is one.
    pub record: Option<u64>,
    /// The byte offset of the record in the (decompressed) archive, when known.
    pub offset: Option<u64>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(r) = self.record {
            write!(f, ", record {r}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " at byte {o}")?;
        }
        Ok(())
    }
}

/// One document to analyse.
#[derive(Debug, Clone)]
pub struct Input {
    /// File name without `.html`/`.htm`/`.txt`/`.gz`, or the WARC-Record-ID.
    pub id: String,
    /// WARC-Target-URI, when known.
    pub url: Option<String>,
    /// HTML or text.
    pub format: Format,
    /// The raw (decompressed, still undecoded) bytes.
    pub bytes: Vec<u8>,
    /// Charset declared outside the bytes (HTTP Content-Type), when known.
    pub charset: Option<String>,
    /// Where it came from.
    pub origin: Origin,
}

/// A failure to read one file or record. The batch goes on.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{origin}: cannot read: {source}")]
    Io {
        /// Where.
        origin: Origin,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The content is not something quotewire reads.
    #[error("{origin}: {message}")]
    Format {
        /// Where.
        origin: Origin,
        /// What is wrong and what to do.
        message: String,
    },
}

/// A stream of documents (or per-document errors) from a list of paths.
pub type Inputs = Box<dyn Iterator<Item = Result<Input, ReadError>> + Send>;

/// Stream every document under `paths` (files, directories, `-`), in order.
pub fn inputs(paths: &[PathBuf]) -> Inputs {
    let paths = paths.to_vec();
    Box::new(paths.into_iter().flat_map(|p| read_path(&p)))
}

fn read_path(path: &Path) -> Vec<Result<Input, ReadError>> {
    let origin = Origin {
        path: path.to_path_buf(),
        ..Origin::default()
    };
    let mut bytes = Vec::new();
    let res = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    if let Err(source) = res {
        return vec![Err(ReadError::Io { origin, source })];
    }
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".into());
    let id = file_id(&name);
    let format = if name.ends_with(".html") || name.ends_with(".htm") {
        Format::Html
    } else {
        Format::Text
    };
    vec![Ok(Input {
        id,
        url: None,
        format,
        bytes,
        charset: None,
        origin,
    })]
}

/// A file's id: its name without `.gz`, then without `.html`/`.htm`/`.txt`.
pub fn file_id(name: &str) -> String {
    let mut s = name.strip_suffix(".gz").unwrap_or(name);
    for ext in [".html", ".htm", ".txt"] {
        if let Some(x) = s.strip_suffix(ext) {
            s = x;
            break;
        }
    }
    s.to_string()
}
