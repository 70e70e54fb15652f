//! Stage 1 of the pipeline: find the inputs and stream documents out of them.
//!
//! Paths are files, directories (walked recursively, entries in sorted
//! order) or `-` for standard input. Each file is recognised by its content
//! before its name: gzip (decompressed, then looked at again), WARC (every
//! `response` record with an HTML payload is a document; other records are
//! skipped and counted), HTML, or plain / flattened text. Binary files are
//! reported and skipped.
//!
//! [`inputs`] returns a [`Reader`], an iterator of [`Item`]s: documents
//! ([`Input`]: raw bytes plus id, URL, [`Format`], declared charset and
//! [`Origin`]), and, in stream order, what was skipped and why, warnings
//! (a truncated file) and errors (a missing file, a damaged record). Nothing
//! stops the stream: one bad file or record is reported and the next one is
//! read. [`Tally`] counts the items for a run summary.
//!
//! Memory stays bounded: a WARC is read record by record from a buffered
//! (and, for `.warc.gz`, multi-member gzip) stream and never loaded whole;
//! a single document larger than [`ReadOptions::max_doc_bytes`] is skipped
//! with [`ReadError::TooLarge`].
//!
//! ```
//! use quotewire_read::{inputs, Item};
//! let dir = std::env::temp_dir().join(format!("qw-read-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "“We are ready,” Putin said.").unwrap();
//! let ids: Vec<String> = inputs(&[dir.clone()])
//!     .filter_map(|item| match item {
//!         Item::Doc(input) => Some(input.id),
//!         _ => None,
//!     })
//!     .collect();
//! assert_eq!(ids, ["a"]);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

#![deny(missing_docs)]

mod gz;
mod http;
mod sniff;
mod warc;

use sniff::{Kind, SNIFF_LEN, has_markup, sniff};
use std::collections::{BTreeMap, VecDeque};
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};
use warc::WarcStream;

/// Extensions of files read when a directory is walked (after a `.gz`
/// suffix is removed). Files without an extension are read only when their
/// content is HTML or WARC (not `LICENSE`, `Makefile`); other files are
/// skipped and counted.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "shtml", "txt", "text", "warc"];

/// Read buffer over a compressed file.
const GZ_BUF_SIZE: usize = 256 * 1024;

/// Extensions removed from a file name to make its id (after `.gz`; any
/// letter case): those of [`DOCUMENT_EXTENSIONS`] that name one document.
const ID_EXTENSIONS: &[&str] = &[".html", ".htm", ".xhtml", ".shtml", ".txt", ".text"];

/// Extensions that say a file is HTML; such a file is read as HTML if it
/// holds any markup at all (else as text, see [`sniff::has_markup`]).
const HTML_EXTENSIONS: &[&str] = &[".html", ".htm", ".xhtml", ".shtml"];

/// Default for [`ReadOptions::max_doc_bytes`]: 64 MiB, far above any news
/// page (the largest page of the shared article-extraction set is < 2 MB).
pub const DEFAULT_MAX_DOC_BYTES: u64 = 64 * 1024 * 1024;

/// What kind of document an [`Input`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An HTML page.
    Html,
    /// Plain or flattened text.
    Text,
}

/// Where an input came from, for messages: file, record, byte position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file (`-` for stdin).
    pub path: PathBuf,
    /// The record's 0-based index in an archive, when the file is one.
    pub record: Option<u64>,
    /// Byte offset of the record (or of the damage) in the uncompressed
    /// archive stream, when known.
    pub offset: Option<u64>,
    /// The record's WARC-Record-ID, when known.
    pub record_id: Option<String>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.as_os_str() == "-" {
            write!(f, "<stdin>")?;
        } else {
            write!(f, "{}", self.path.display())?;
        }
        if let Some(r) = self.record {
            write!(f, ", record {r}")?;
        }
        if let Some(id) = &self.record_id {
            write!(f, " {id}")?;
        }
        if let Some(o) = self.offset {
            write!(f, " at uncompressed byte {o}")?;
        }
        Ok(())
    }
}

/// One document to analyse.
#[derive(Debug, Clone)]
pub struct Input {
    /// File name without `.gz` then `.html`/`.htm`/`.xhtml`/`.shtml`/`.txt`/`.text`
    /// (`stdin` for `-`),
    /// or the WARC-Record-ID exactly as given (e.g. `<urn:uuid:…>`).
    pub id: String,
    /// WARC-Target-URI (without angle brackets), when known.
    pub url: Option<String>,
    /// HTML or text.
    pub format: Format,
    /// The raw bytes: decompressed, HTTP codings removed, not yet decoded to text.
    pub bytes: Vec<u8>,
    /// Charset declared outside the bytes (HTTP Content-Type), when known.
    pub charset: Option<String>,
    /// Where it came from.
    pub origin: Origin,
    /// Problems with this input that its record should mention (e.g. truncation).
    pub warnings: Vec<String>,
}

/// Why an item was skipped without being an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A WARC record that is not a `response` (`request`, `metadata`, `warcinfo`, ...).
    RecordType(String),
    /// A response whose payload is not HTML (the media type, or "no Content-Type").
    NotHtml(String),
    /// A response with a status outside 2xx (redirects, errors); 0 when unreadable.
    HttpStatus(u16),
    /// A response with a content coding quotewire does not decode (e.g. `br`).
    ContentEncoding(String),
    /// A `response` record that holds no HTTP message (e.g. `dns:` lookups).
    NotHttp,
    /// A file met while walking a directory whose name says it is not a document.
    OtherFile,
    /// An empty file.
    Empty,
}

impl SkipReason {
    /// The group this reason is counted under in a summary: a plural noun
    /// phrase ending in its noun ("request records", "non-HTML responses").
    pub fn key(&self) -> String {
        match self {
            SkipReason::RecordType(t) if t.is_empty() => "untyped records".into(),
            SkipReason::RecordType(t) => format!("{t} records"),
            SkipReason::NotHtml(_) => "non-HTML responses".into(),
            SkipReason::HttpStatus(_) => "non-2xx responses".into(),
            SkipReason::ContentEncoding(_) => "undecodable responses".into(),
            SkipReason::NotHttp => "non-HTTP responses".into(),
            SkipReason::OtherFile => "non-document files".into(),
            SkipReason::Empty => "empty files".into(),
        }
    }
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::RecordType(t) => write!(f, "a WARC {t} record, not a response"),
            SkipReason::NotHtml(m) => write!(f, "the payload is not HTML ({m})"),
            SkipReason::HttpStatus(s) => write!(f, "HTTP status {s}, not a page"),
            SkipReason::ContentEncoding(c) => {
                write!(f, "Content-Encoding {c} is not supported")
            }
            SkipReason::NotHttp => write!(f, "the response holds no HTTP message"),
            SkipReason::OtherFile => write!(
                f,
                "not a document by its name in a directory walk (name the file explicitly to have it read)"
            ),
            SkipReason::Empty => write!(f, "the file is empty"),
        }
    }
}

/// A failure to read one file or record. The stream goes on after it.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file or directory could not be opened or read.
    #[error("{origin}: cannot read: {source}. Check the path and its permissions.")]
    Io {
        /// Where.
        origin: Origin,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The content is not something quotewire reads, or is damaged.
    #[error("{origin}: {message}")]
    Format {
        /// Where.
        origin: Origin,
        /// What is wrong and what to do.
        message: String,
    },
    /// One document is larger than [`ReadOptions::max_doc_bytes`].
    #[error(
        "{origin}: the document is at least {size} bytes, over the limit of {limit} bytes for one document; skipped (a news page is far smaller; `quotewire analyze --max-doc-bytes` raises the limit)"
    )]
    TooLarge {
        /// Where.
        origin: Origin,
        /// Its size in bytes: as declared (WARC), or as far as read (the
        /// limit plus one), so a lower bound.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

impl ReadError {
    /// Where the error happened.
    pub fn origin(&self) -> &Origin {
        match self {
            ReadError::Io { origin, .. }
            | ReadError::Format { origin, .. }
            | ReadError::TooLarge { origin, .. } => origin,
        }
    }
}

/// One step of the input stream.
#[derive(Debug)]
pub enum Item {
    /// A document to analyse.
    Doc(Input),
    /// Something passed over on purpose (counted, not an error).
    Skipped {
        /// Where.
        origin: Origin,
        /// Why.
        reason: SkipReason,
    },
    /// A problem that did not stop reading (e.g. a truncated file).
    Warning {
        /// Where.
        origin: Origin,
        /// What, and what was done about it.
        message: String,
    },
    /// A file or record that could not be read; the stream goes on.
    Error(ReadError),
}

/// Counts of the items of a stream, for a run summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Documents yielded.
    pub docs: u64,
    /// Skipped items by [`SkipReason::key`].
    pub skipped: BTreeMap<String, u64>,
    /// Warnings.
    pub warnings: u64,
    /// Errors.
    pub errors: u64,
}

impl Tally {
    /// Count one item.
    pub fn add(&mut self, item: &Item) {
        match item {
            Item::Doc(_) => self.docs += 1,
            Item::Skipped { reason, .. } => *self.skipped.entry(reason.key()).or_default() += 1,
            Item::Warning { .. } => self.warnings += 1,
            Item::Error(_) => self.errors += 1,
        }
    }

    /// All skipped items.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }
}

/// Reading limits.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Largest single document (file, or WARC record block) kept, in bytes.
    pub max_doc_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// Stream every document under `paths` (files, directories, `-`), in order.
pub fn inputs(paths: &[PathBuf]) -> Reader {
    inputs_with(paths, ReadOptions::default())
}

/// [`inputs`] with explicit limits.
pub fn inputs_with(paths: &[PathBuf], opts: ReadOptions) -> Reader {
    Reader {
        stack: paths
            .iter()
            .rev()
            .map(|p| Task {
                path: p.clone(),
                walked: false,
            })
            .collect(),
        current: None,
        ready: VecDeque::new(),
        opts,
        stdin_used: false,
    }
}

/// Read one already opened stream named `name` (a file name, used for the
/// id and to tell `.warc` / `.txt` / `.gz` apart as for a path): bytes in
/// memory, a socket, a pipe. Recognised by content like any input; the
/// same items and limits as [`inputs_with`].
///
/// ```
/// use quotewire_read::{read_stream, Item, ReadOptions};
/// let bytes: &[u8] = b"Plain words, he said.";
/// let items: Vec<Item> = read_stream("note.txt", Box::new(bytes), ReadOptions::default()).collect();
/// assert!(matches!(&items[0], Item::Doc(d) if d.id == "note"));
/// ```
pub fn read_stream(name: &str, reader: Box<dyn Read + Send>, opts: ReadOptions) -> Reader {
    let mut r = inputs_with(&[], opts);
    let origin = Origin {
        path: PathBuf::from(name),
        ..Origin::default()
    };
    r.open_stream(reader, origin, name, false);
    r
}

/// A path still to read; `walked` when it was found in a directory.
struct Task {
    path: PathBuf,
    walked: bool,
}

/// The stream of [`Item`]s over a list of paths (see [`inputs`]).
///
/// Lazy: a file is opened only when the items before it have been taken, and
/// a WARC is read one record per step.
pub struct Reader {
    /// Paths still to visit, the next one last.
    stack: Vec<Task>,
    /// The archive being read, if any.
    current: Option<WarcStream>,
    /// Items produced but not yet taken.
    ready: VecDeque<Item>,
    opts: ReadOptions,
    stdin_used: bool,
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if let Some(w) = &mut self.current {
                if !w.next_record(&mut self.ready) {
                    self.current = None;
                }
                continue;
            }
            let task = self.stack.pop()?;
            self.visit(task);
        }
    }
}

impl Reader {
    fn visit(&mut self, task: Task) {
        let path = task.path;
        let origin = Origin {
            path: path.clone(),
            ..Origin::default()
        };
        if path.as_os_str() == "-" && !task.walked {
            if self.stdin_used {
                self.ready.push_back(Item::Error(ReadError::Format {
                    origin,
                    message: "standard input was already read; give `-` only once".into(),
                }));
                return;
            }
            self.stdin_used = true;
            self.open_stream(Box::new(io::stdin()), origin, "stdin", false);
            return;
        }
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(source) => {
                self.ready
                    .push_back(Item::Error(ReadError::Io { origin, source }));
                return;
            }
        };
        if meta.is_dir() {
            if task.walked && is_symlink(&path) {
                // Symlinked directories are not followed (no cycles).
                self.ready.push_back(Item::Skipped {
                    origin,
                    reason: SkipReason::OtherFile,
                });
                return;
            }
            self.walk(&path, origin);
            return;
        }
        let name = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if task.walked && !is_document_name(&name) {
            self.ready.push_back(Item::Skipped {
                origin,
                reason: SkipReason::OtherFile,
            });
            return;
        }
        match std::fs::File::open(&path) {
            Ok(f) => {
                let markup_only = task.walked && !has_extension(&name);
                self.open_stream(Box::new(f), origin, &name, markup_only);
            }
            Err(source) => self
                .ready
                .push_back(Item::Error(ReadError::Io { origin, source })),
        }
    }

    /// Queue a directory's entries, sorted by name, before the remaining paths.
    fn walk(&mut self, dir: &Path, origin: Origin) {
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(source) => {
                self.ready
                    .push_back(Item::Error(ReadError::Io { origin, source }));
                return;
            }
        };
        let mut paths = Vec::new();
        for e in entries {
            match e {
                Ok(e) => paths.push(e.path()),
                Err(source) => self.ready.push_back(Item::Error(ReadError::Io {
                    origin: origin.clone(),
                    source,
                })),
            }
        }
        paths.sort();
        self.stack.extend(
            paths
                .into_iter()
                .rev()
                .map(|path| Task { path, walked: true }),
        );
    }

    /// Recognise an opened stream by content and queue what it holds.
    ///
    /// With `markup_only` (a file without extension met in a directory walk)
    /// only HTML and WARC content is read; text and binary files such as
    /// `LICENSE` or `Makefile` are skipped as not documents.
    fn open_stream(
        &mut self,
        reader: Box<dyn Read + Send>,
        origin: Origin,
        name: &str,
        markup_only: bool,
    ) {
        let (kind, markup, reader) = match peek(reader) {
            Ok(x) => x,
            Err(source) => {
                self.ready
                    .push_back(Item::Error(ReadError::Io { origin, source }));
                return;
            }
        };
        let (kind, markup, reader, gz) = if kind == Kind::Gzip {
            let dec: Box<dyn Read + Send> = Box::new(gz::Members::new(
                io::BufReader::with_capacity(GZ_BUF_SIZE, reader),
            ));
            match peek(dec) {
                Ok((Kind::Gzip, ..)) => {
                    self.ready.push_back(Item::Error(ReadError::Format {
                        origin,
                        message: "gzip inside gzip is not supported; decompress the file once (gunzip) and try again".into(),
                    }));
                    return;
                }
                Ok((k, m, r)) => (k, m, r, true),
                Err(e) => {
                    self.ready.push_back(Item::Error(ReadError::Format {
                        origin,
                        message: format!(
                            "the gzip data is damaged ({e}); check it with `gzip -t` or re-download it"
                        ),
                    }));
                    return;
                }
            }
        } else {
            (kind, markup, reader, false)
        };
        let lower = name.to_ascii_lowercase();
        let base = lower.strip_suffix(".gz").unwrap_or(&lower);
        if markup_only && !matches!(kind, Kind::Html | Kind::Warc) {
            self.ready.push_back(Item::Skipped {
                origin,
                reason: SkipReason::OtherFile,
            });
            return;
        }
        match kind {
            Kind::Warc => {
                self.current = Some(WarcStream::new(
                    reader,
                    origin.path,
                    self.opts.max_doc_bytes,
                ));
            }
            // content first: an HTML page named .warc is read as the page
            _ if base.ends_with(".warc") && kind != Kind::Html => {
                self.ready.push_back(Item::Error(ReadError::Format {
                    origin,
                    message: "named like a WARC file but does not start with a WARC record header (\"WARC/1.0\"); skipped".into(),
                }));
            }
            Kind::Empty => self.ready.push_back(Item::Skipped {
                origin,
                reason: SkipReason::Empty,
            }),
            Kind::Binary | Kind::Gzip => {
                self.ready.push_back(Item::Error(ReadError::Format {
                    origin,
                    message: format!(
                        "binary content, not a document{}; quotewire reads HTML, WARC and text files (optionally gzip-compressed). Skipped.",
                        if gz { " (inside gzip)" } else { "" }
                    ),
                }));
            }
            Kind::Html | Kind::Text => {
                let html_name = HTML_EXTENSIONS.iter().any(|e| base.ends_with(e));
                let format = if kind == Kind::Html || (html_name && markup) {
                    Format::Html
                } else {
                    Format::Text
                };
                let id = if origin.path.as_os_str() == "-" {
                    "stdin".to_string()
                } else {
                    file_id(name)
                };
                self.read_whole(reader, origin, id, format);
            }
        }
    }

    /// Read a one-document file, up to the size limit.
    fn read_whole(
        &mut self,
        reader: Box<dyn Read + Send>,
        origin: Origin,
        id: String,
        format: Format,
    ) {
        let limit = self.opts.max_doc_bytes;
        let mut bytes = Vec::new();
        let res = reader.take(limit + 1).read_to_end(&mut bytes);
        if bytes.len() as u64 > limit {
            self.ready.push_back(Item::Error(ReadError::TooLarge {
                origin,
                size: bytes.len() as u64,
                limit,
            }));
            return;
        }
        // read_to_end grows by doubling: give the slack back
        bytes.shrink_to_fit();
        let mut warnings = Vec::new();
        if let Err(e) = res {
            if bytes.is_empty() {
                self.ready
                    .push_back(Item::Error(ReadError::Io { origin, source: e }));
                return;
            }
            warnings.push(format!(
                "truncated input: reading stopped after {} bytes ({e}); analysed what was there",
                bytes.len()
            ));
        }
        self.ready.push_back(Item::Doc(Input {
            id,
            url: None,
            format,
            bytes,
            charset: None,
            origin: origin.clone(),
            warnings: warnings.clone(),
        }));
        for message in warnings {
            self.ready.push_back(Item::Warning {
                origin: origin.clone(),
                message,
            });
        }
    }
}

/// Read the first bytes of a stream, classify them (kind, and whether they
/// hold any markup tag), and give back a reader that still yields every byte.
///
/// A read error after some bytes (a cut-off or damaged gzip stream) is kept
/// for later: the returned reader yields the bytes, then the error once, then
/// whatever the stream gives after it.
fn peek(reader: Box<dyn Read + Send>) -> io::Result<(Kind, bool, Box<dyn Read + Send>)> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    let mut reader = reader;
    match (&mut reader).take(SNIFF_LEN as u64).read_to_end(&mut head) {
        Ok(_) => {}
        Err(e) if head.is_empty() => return Err(e),
        Err(e) => {
            let (kind, markup) = (sniff(&head), has_markup(&head));
            let rest = ErrorOnce {
                error: Some(e),
                rest: reader,
            };
            return Ok((kind, markup, Box::new(Cursor::new(head).chain(rest))));
        }
    }
    let (kind, markup) = (sniff(&head), has_markup(&head));
    Ok((kind, markup, Box::new(Cursor::new(head).chain(reader))))
}

/// A reader that returns a stored error once, then reads on from `rest`
/// (which may resume after the damage, see `gz::Members`).
struct ErrorOnce {
    error: Option<io::Error>,
    rest: Box<dyn Read + Send>,
}

impl Read for ErrorOnce {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.error.take() {
            Some(e) => Err(e),
            None => self.rest.read(buf),
        }
    }
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .map(|m| m.file_type().is_symlink())
        .unwrap_or(false)
}

/// True when a file found in a directory walk should be read: a known
/// document extension (see [`DOCUMENT_EXTENSIONS`], optionally followed by
/// `.gz`), or no extension at all; never hidden files.
pub fn is_document_name(name: &str) -> bool {
    if name.starts_with('.') {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    match base.rsplit_once('.') {
        None => true,
        Some((_, ext)) => DOCUMENT_EXTENSIONS.contains(&ext),
    }
}

/// True when the name (without a leading dot, and without `.gz`) has an extension.
fn has_extension(name: &str) -> bool {
    let base = name.strip_suffix(".gz").unwrap_or(name);
    base.trim_start_matches('.').contains('.')
}

/// A file's id: its name without `.gz`, then without one of
/// `.html`/`.htm`/`.xhtml`/`.shtml`/`.txt`/`.text` (any letter case).
pub fn file_id(name: &str) -> String {
    let mut s = strip_suffix_ignore_case(name, ".gz").unwrap_or(name);
    for ext in ID_EXTENSIONS {
        if let Some(x) = strip_suffix_ignore_case(s, ext) {
            s = x;
            break;
        }
    }
    s.to_string()
}

/// `s` without the ASCII `suffix`, compared without letter case.
fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let (head, tail) = (s.get(..cut)?, s.get(cut..)?);
    tail.eq_ignore_ascii_case(suffix).then_some(head)
}

#[cfg(test)]
mod tests;
