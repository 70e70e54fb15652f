//! A streaming WARC reader (ISO 28500:2017, WARC/1.0 and 1.1).
//!
//! Records are read one at a time from any [`Read`] (a gzip decoder for
//! `.warc.gz`, whose one-member-per-record layout is just a multi-member gzip
//! stream): the header block line by line with a length cap, then exactly
//! `Content-Length` block bytes. Blocks of records that are not wanted are
//! skipped without being kept, so memory stays bounded by the largest
//! `response` record admitted (see [`crate::ReadOptions::max_doc_bytes`]).
//!
//! Damage is reported, never fatal: a line that is not a record header makes
//! the reader scan forward to the next `WARC/` line; a file that ends inside
//! a record yields the part it holds with a warning (the behaviour
//! Resiliparse's FastWARC tests with a clipped Common Crawl file).

use crate::http::{Outcome, parse_response};
use crate::{Format, Input, Item, Origin, ReadError, SkipReason};
use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

/// Longest WARC header line kept.
const MAX_LINE: u64 = 64 * 1024;
/// Longest WARC header block (all lines) before the record is abandoned.
const MAX_HEADER: usize = 1024 * 1024;
/// Damaged regions in one file after which reading it stops.
const MAX_DAMAGE: u32 = 1000;
/// Buffer size of the reader over the (decompressed) stream.
const BUF_SIZE: usize = 256 * 1024;

/// Counts the bytes pulled out of the inner reader.
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n += k as u64;
        Ok(k)
    }
}

/// The records of one WARC file, as [`Item`]s.
pub(crate) struct WarcStream {
    r: BufReader<Counted<Box<dyn Read + Send>>>,
    path: PathBuf,
    /// Records started so far (the next record's 0-based index).
    index: u64,
    done: bool,
    cap: u64,
    /// After damage: skip lines quietly until the next record header.
    resyncing: bool,
    /// Damaged regions met so far (reading stops past [`MAX_DAMAGE`]).
    damage: u32,
    /// The record being read: index, id, start offset (for messages).
    record: Option<(u64, Option<String>, u64)>,
}

/// One parsed WARC header block.
#[derive(Debug, Default)]
struct Header {
    kind: String,
    id: Option<String>,
    target: Option<String>,
    length: Option<u64>,
}

impl WarcStream {
    /// Read records from `reader` (already decompressed); `path` names the
    /// file in messages; `cap` is the largest response block kept.
    pub(crate) fn new(reader: Box<dyn Read + Send>, path: PathBuf, cap: u64) -> WarcStream {
        WarcStream {
            r: BufReader::with_capacity(
                BUF_SIZE,
                Counted {
                    inner: reader,
                    n: 0,
                },
            ),
            path,
            index: 0,
            done: false,
            cap,
            resyncing: false,
            damage: 0,
            record: None,
        }
    }

    /// Uncompressed byte offset of the next unread byte.
    fn pos(&self) -> u64 {
        self.r.get_ref().n - self.r.buffer().len() as u64
    }

    fn origin(&self, offset: u64, record: Option<u64>, id: Option<&str>) -> Origin {
        Origin {
            path: self.path.clone(),
            record,
            offset: Some(offset),
            record_id: id.map(str::to_string),
        }
    }

    /// Read one line of at most [`MAX_LINE`] bytes (with its `\n`) into `buf`.
    fn line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        buf.clear();
        (&mut self.r).take(MAX_LINE).read_until(b'\n', buf)
    }

    /// Read the next record and push what it gives to `out`.
    /// Returns false once the stream is finished.
    pub(crate) fn next_record(&mut self, out: &mut VecDeque<Item>) -> bool {
        if self.done {
            return false;
        }
        self.record = None;
        match self.step(out) {
            Ok(more) => {
                if !more {
                    self.done = true;
                }
            }
            Err(e) => {
                let at = self.pos();
                let origin = match self.record.take() {
                    Some((index, id, start)) => self.origin(start, Some(index), id.as_deref()),
                    None => self.origin(at, None, None),
                };
                let resumable = e.kind() == io::ErrorKind::InvalidData && self.damage < MAX_DAMAGE;
                if resumable {
                    // A damaged gzip member: the decoder resumes at the next one.
                    self.damage += 1;
                    self.resyncing = true;
                    out.push_back(Item::Error(ReadError::Format {
                        origin,
                        message: format!(
                            "{e}; the records in the damaged part are lost, reading goes on at the next record"
                        ),
                    }));
                } else {
                    self.done = true;
                    out.push_back(damage(origin, self.index, e));
                }
            }
        }
        !self.done
    }

    fn step(&mut self, out: &mut VecDeque<Item>) -> io::Result<bool> {
        let mut line = Vec::new();
        // 1. the version line, after any blank separator lines
        let start = loop {
            let at = self.pos();
            if self.line(&mut line)? == 0 {
                return Ok(false);
            }
            if line.starts_with(b"WARC/") {
                break at;
            }
            if self.resyncing || line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            // Not a record header: scan to the next one.
            let skipped_from = at;
            let found = loop {
                let here = self.pos();
                if self.line(&mut line)? == 0 {
                    break None;
                }
                if line.starts_with(b"WARC/") {
                    break Some(here);
                }
            };
            let origin = self.origin(skipped_from, None, None);
            let resume = match found {
                Some(p) => format!("resumed at the next record header, byte {p}"),
                None => "no record header follows; the rest of the file is skipped".to_string(),
            };
            out.push_back(Item::Error(ReadError::Format {
                origin,
                message: format!(
                    "expected a WARC record header (a line starting with \"WARC/\") after record {}; {resume}. The file may be damaged or not a WARC.",
                    self.index
                ),
            }));
            match found {
                Some(p) => break p,
                None => return Ok(false),
            }
        };
        self.resyncing = false;
        let index = self.index;
        self.index += 1;
        self.record = Some((index, None, start));

        // 2. the header fields
        let mut header = Header::default();
        let mut size = 0usize;
        loop {
            let n = self.line(&mut line)?;
            if n == 0 {
                let origin = self.origin(start, Some(index), header.id.as_deref());
                out.push_back(Item::Warning {
                    origin,
                    message: "the file ends inside this record's header; nothing more to read (the file was probably cut short)".into(),
                });
                return Ok(false);
            }
            size += n;
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if size > MAX_HEADER {
                let origin = self.origin(start, Some(index), header.id.as_deref());
                out.push_back(Item::Error(ReadError::Format {
                    origin,
                    message: format!(
                        "the record header is longer than {MAX_HEADER} bytes; the file is damaged, reading stops here"
                    ),
                }));
                return Ok(false);
            }
            if let Some((name, value)) = text.split_once(':') {
                header.field(name.trim(), value.trim());
            }
        }
        self.record = Some((index, header.id.clone(), start));
        let origin = self.origin(start, Some(index), header.id.as_deref());
        let Some(length) = header.length else {
            out.push_back(Item::Error(ReadError::Format {
                origin,
                message: "the record has no valid Content-Length, so its end is unknown; skipped, reading goes on at the next record header".into(),
            }));
            return Ok(true);
        };

        // 3. the block
        if !header.kind.eq_ignore_ascii_case("response") {
            let (got, err) = self.skip(length);
            out.push_back(Item::Skipped {
                origin: origin.clone(),
                reason: SkipReason::RecordType(header.kind.to_ascii_lowercase()),
            });
            return self.check_complete(out, origin, length, got, err);
        }
        if length > self.cap {
            let (got, err) = self.skip(length);
            out.push_back(Item::Error(ReadError::TooLarge {
                origin: origin.clone(),
                size: length,
                limit: self.cap,
            }));
            return self.check_complete(out, origin, length, got, err);
        }
        // Sized from Content-Length (at most `cap`, checked above) so the
        // block is read without regrowing; a short read only leaves it unused.
        let mut block = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
        let err = (&mut self.r).take(length).read_to_end(&mut block).err();
        if let Some(e) = err
            .as_ref()
            .filter(|e| e.kind() != io::ErrorKind::UnexpectedEof)
        {
            // Damaged, not merely cut short: what decoded is not trusted.
            return Err(io::Error::new(e.kind(), e.to_string()));
        }
        let got = block.len() as u64;
        let truncated = got < length;
        match parse_response(block, self.cap) {
            Ok(Outcome::Html(page)) => {
                let mut warnings = page.notes;
                if truncated {
                    warnings.push(truncation_note(length, got));
                }
                let id = header
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("{}#{index}", self.path.display()));
                let url = header
                    .target
                    .as_deref()
                    .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string());
                out.push_back(Item::Doc(Input {
                    id,
                    url,
                    format: Format::Html,
                    bytes: page.bytes,
                    charset: page.charset,
                    origin: origin.clone(),
                    warnings: warnings.clone(),
                }));
                for message in warnings {
                    out.push_back(Item::Warning {
                        origin: origin.clone(),
                        message,
                    });
                }
            }
            Ok(Outcome::Skip(reason)) => {
                out.push_back(Item::Skipped {
                    origin: origin.clone(),
                    reason,
                });
                if truncated {
                    out.push_back(Item::Warning {
                        origin,
                        message: truncation_note(length, got),
                    });
                }
            }
            Err(msg) => {
                let message = if truncated {
                    format!("{msg}: {}", truncation_note(length, got))
                } else {
                    format!("{msg}; the response is skipped")
                };
                out.push_back(Item::Error(ReadError::Format { origin, message }));
            }
        }
        Ok(!truncated && err.is_none())
    }

    /// Skip `n` block bytes; how many were there, and the error that stopped early.
    fn skip(&mut self, n: u64) -> (u64, Option<io::Error>) {
        match io::copy(&mut (&mut self.r).take(n), &mut io::sink()) {
            Ok(k) => (k, None),
            Err(e) => (0, Some(e)),
        }
    }

    fn check_complete(
        &mut self,
        out: &mut VecDeque<Item>,
        origin: Origin,
        length: u64,
        got: u64,
        err: Option<io::Error>,
    ) -> io::Result<bool> {
        if let Some(e) = err {
            return Err(e);
        }
        if got < length {
            out.push_back(Item::Warning {
                origin,
                message: truncation_note(length, got),
            });
            return Ok(false);
        }
        Ok(true)
    }
}

/// A read error in the middle of the stream: a cut-off gzip stream is a
/// truncation (warning); anything else is damage (error). Reading stops.
fn damage(origin: Origin, records: u64, e: io::Error) -> Item {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        Item::Warning {
            origin,
            message: format!(
                "the file ends early ({e}) after {records} record(s); everything before this point was read"
            ),
        }
    } else {
        Item::Error(ReadError::Format {
            origin,
            message: format!(
                "the file is damaged here ({e}); {records} record(s) before this point were read, the rest is skipped. Check the file (gzip -t) or re-download it."
            ),
        })
    }
}

fn truncation_note(length: u64, got: u64) -> String {
    format!(
        "truncated input: the record declares {length} bytes but the file ends after {got}; analysed what was there"
    )
}

impl Header {
    fn field(&mut self, name: &str, value: &str) {
        if name.eq_ignore_ascii_case("WARC-Type") {
            self.kind = value.to_string();
        } else if name.eq_ignore_ascii_case("WARC-Record-ID") {
            self.id = Some(value.to_string());
        } else if name.eq_ignore_ascii_case("WARC-Target-URI") {
            self.target = Some(value.to_string());
        } else if name.eq_ignore_ascii_case("Content-Length") {
            self.length = value.parse().ok();
        }
    }
}
