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
//!
//! A wrong `Content-Length` costs one record, not the rest of the file: a
//! block must be followed by the two CRLFs that close a record (ISO 28500
//! §5.1) and then the next record or the end of the file. When it is not,
//! or the file ends inside the declared block, the block's bytes are searched
//! for a record header line (`WARC/1.`); if one is found the record is
//! reported as damaged and skipped, and reading resumes at that header (the
//! bytes already read are put back in front of the stream). Blocks that are
//! skipped unread (other record types, over-size responses) are scanned the
//! same way while they stream past, keeping at most
//! [`crate::ReadOptions::max_doc_bytes`] bytes from the first header line.

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
/// What closes a record after its block (ISO 28500 §5.1: two CRLFs).
const RECORD_END: &[u8] = b"\r\n\r\n";
/// A record header line starts with this (WARC/1.0 and WARC/1.1); searched
/// for inside a block whose Content-Length proved wrong.
const HEADER_START: &[u8] = b"WARC/1.";
/// Bytes looked at after a block to check that the record ends there: the
/// separator, then the start of the next header.
const END_CHECK: usize = RECORD_END.len() + HEADER_START.len();

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

/// The stream with bytes put back in front of it: read from `pending`
/// first, then a stored error, then the buffered reader.
struct Src {
    r: BufReader<Counted<Box<dyn Read + Send>>>,
    /// Bytes already read from `r` and put back (`pending[at..]` unread).
    pending: Vec<u8>,
    at: usize,
    /// An error met while looking ahead, returned once `pending` is used up.
    err: Option<io::Error>,
}

impl Src {
    /// Uncompressed byte offset of the next unread byte.
    fn pos(&self) -> u64 {
        self.r.get_ref().n - self.r.buffer().len() as u64 - (self.pending.len() - self.at) as u64
    }

    /// Put `bytes` back: they are read next, before anything still unread.
    fn unread(&mut self, bytes: &[u8]) {
        let mut v = Vec::with_capacity(bytes.len() + self.pending.len() - self.at);
        v.extend_from_slice(bytes);
        v.extend_from_slice(&self.pending[self.at..]);
        self.pending = v;
        self.at = 0;
    }

    /// The next (up to) `n` bytes, without consuming them; fewer at the end
    /// of the stream or before a read error (kept for the next read).
    fn peek(&mut self, n: usize) -> &[u8] {
        if self.at > 0 {
            self.pending.drain(..self.at);
            self.at = 0;
        }
        while self.pending.len() < n && self.err.is_none() {
            match self.r.fill_buf() {
                Ok([]) => break,
                Ok(buf) => {
                    let k = buf.len().min(n - self.pending.len());
                    self.pending.extend_from_slice(&buf[..k]);
                    self.r.consume(k);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => self.err = Some(e),
            }
        }
        &self.pending[..self.pending.len().min(n)]
    }
}

impl Read for Src {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at < self.pending.len() || self.err.is_some() {
            let avail = self.fill_buf()?;
            let k = avail.len().min(buf.len());
            buf[..k].copy_from_slice(&avail[..k]);
            self.consume(k);
            return Ok(k);
        }
        self.r.read(buf)
    }
}

impl BufRead for Src {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.pending.len() {
            return Ok(&self.pending[self.at..]);
        }
        if let Some(e) = self.err.take() {
            return Err(e);
        }
        self.r.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if self.at < self.pending.len() {
            self.at = (self.at + amt).min(self.pending.len());
            if self.at == self.pending.len() {
                self.pending.clear();
                self.at = 0;
            }
        } else {
            self.r.consume(amt);
        }
    }
}

/// The records of one WARC file, as [`Item`]s.
pub(crate) struct WarcStream {
    r: Src,
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

/// What reading (or skipping) a block gave.
struct Block {
    /// Bytes there were (fewer than declared when the file ends early).
    got: u64,
    /// The read error that stopped it early, if any.
    err: Option<io::Error>,
    /// The first record header line found inside the block after its start:
    /// its stream offset and the bytes from it on, in case Content-Length
    /// proves wrong.
    header_inside: Option<(u64, Vec<u8>)>,
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
            r: Src {
                r: BufReader::with_capacity(
                    BUF_SIZE,
                    Counted {
                        inner: reader,
                        n: 0,
                    },
                ),
                pending: Vec::new(),
                at: 0,
                err: None,
            },
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
        self.r.pos()
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
                    // records complete before the one the error cut
                    let before = origin.record.unwrap_or(self.index);
                    out.push_back(damage(origin, before, e));
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
        let block_start = self.pos();
        if !header.kind.eq_ignore_ascii_case("response") {
            let block = self.skip(length);
            if self.resumed_after_bad_length(out, &origin, length, block_start, &block) {
                return Ok(true);
            }
            out.push_back(Item::Skipped {
                origin: origin.clone(),
                reason: SkipReason::RecordType(header.kind.to_ascii_lowercase()),
            });
            return self.check_complete(out, origin, length, block.got, block.err);
        }
        if length > self.cap {
            let block = self.skip(length);
            if self.resumed_after_bad_length(out, &origin, length, block_start, &block) {
                return Ok(true);
            }
            out.push_back(Item::Error(ReadError::TooLarge {
                origin: origin.clone(),
                size: length,
                limit: self.cap,
            }));
            return self.check_complete(out, origin, length, block.got, block.err);
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
        if err.is_none() && (truncated || !self.record_ends_here()) {
            // The block does not end where Content-Length says: look for
            // the next record header inside it.
            let read = Block {
                got,
                err: None,
                header_inside: next_header(&block)
                    .map(|p| (block_start + p as u64, block[p..].to_vec())),
            };
            if self.resumed_after_bad_length(out, &origin, length, block_start, &read) {
                return Ok(true);
            }
        }
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

    /// Skip `n` block bytes, noting the first record header line inside
    /// them and keeping the bytes from it on (at most the cap; none if more).
    fn skip(&mut self, n: u64) -> Block {
        let mut got = 0u64;
        // the last byte seen was a line feed (the block's start is not a candidate)
        let mut after_lf = false;
        let mut kept: Option<(u64, Vec<u8>)> = None;
        let mut overflow = false;
        // bytes of a possible header start split across two buffer fills
        let mut partial: Vec<u8> = Vec::new();
        while got < n {
            let at = self.pos();
            let buf = match self.r.fill_buf() {
                Ok([]) => break,
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Block {
                        got,
                        err: Some(e),
                        header_inside: None,
                    };
                }
            };
            let k = buf
                .len()
                .min(usize::try_from(n - got).unwrap_or(usize::MAX));
            let chunk = &buf[..k];
            match &mut kept {
                Some((_, v)) if !overflow => {
                    if v.len() as u64 + k as u64 > self.cap {
                        overflow = true;
                        v.clear();
                    } else {
                        v.extend_from_slice(chunk);
                    }
                }
                Some(_) => {}
                None => {
                    // a header start inside this chunk, at a line start
                    let mut found = None;
                    if !partial.is_empty() {
                        let need = HEADER_START.len() - partial.len();
                        let have = chunk.len().min(need);
                        partial.extend_from_slice(&chunk[..have]);
                        if !HEADER_START.starts_with(&partial) {
                            partial.clear();
                        } else if partial.len() == HEADER_START.len() {
                            found = Some(at - (HEADER_START.len() - need) as u64);
                        }
                    }
                    if found.is_none() {
                        let mut i = 0;
                        while i < chunk.len() {
                            let line_start = if i == 0 {
                                after_lf
                            } else {
                                chunk[i - 1] == b'\n'
                            };
                            if line_start && chunk[i] == HEADER_START[0] {
                                let rest = &chunk[i..];
                                if rest.starts_with(HEADER_START) {
                                    found = Some(at + i as u64);
                                    break;
                                }
                                if HEADER_START.starts_with(rest) {
                                    partial = rest.to_vec();
                                }
                            }
                            i += match chunk[i..].iter().position(|&b| b == b'\n') {
                                Some(j) => j + 1,
                                None => chunk.len() - i,
                            };
                        }
                    }
                    if let Some(p) = found {
                        let mut v = Vec::new();
                        if p < at {
                            v.extend_from_slice(&HEADER_START[..(at - p) as usize]);
                            v.extend_from_slice(chunk);
                        } else {
                            v.extend_from_slice(&chunk[(p - at) as usize..]);
                        }
                        kept = Some((p, v));
                        partial.clear();
                    }
                }
            }
            after_lf = chunk.last() == Some(&b'\n');
            got += k as u64;
            self.r.consume(k);
        }
        Block {
            got,
            err: None,
            header_inside: if overflow { None } else { kept },
        }
    }

    /// True when the stream after a block holds what closes a record: the
    /// two CRLFs of ISO 28500 §5.1 (or, from lax writers, up to four CR/LF
    /// bytes) followed by the next record header or the end of the file.
    fn record_ends_here(&mut self) -> bool {
        let next = self.r.peek(END_CHECK);
        if next.starts_with(RECORD_END) || next.is_empty() {
            return true;
        }
        let sep = next
            .iter()
            .take(RECORD_END.len())
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let rest = &next[sep..];
        rest.is_empty() || rest.starts_with(b"WARC/")
    }

    /// After a block of `length` declared bytes starting at `block_start`:
    /// if the record does not end there (or the file ended inside it) and a
    /// record header was found inside it, report the record as damaged, put
    /// the bytes from that header on back and return true: reading resumes
    /// there. Otherwise change nothing.
    fn resumed_after_bad_length(
        &mut self,
        out: &mut VecDeque<Item>,
        origin: &Origin,
        length: u64,
        block_start: u64,
        block: &Block,
    ) -> bool {
        let Some((at, bytes)) = &block.header_inside else {
            return false;
        };
        if block.err.is_some() || (block.got == length && self.record_ends_here()) {
            return false;
        }
        let at = *at;
        self.r.unread(bytes);
        let real = at.saturating_sub(block_start);
        out.push_back(Item::Error(ReadError::Format {
            origin: origin.clone(),
            message: format!(
                "the record's Content-Length ({length} bytes) is wrong: the next record header starts {real} bytes into the block, at byte {at}; this record is skipped, reading goes on there"
            ),
        }));
        true
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
                "the file ends early ({e}) after {records} complete record(s); everything before this point was read"
            ),
        }
    } else {
        Item::Error(ReadError::Format {
            origin,
            message: format!(
                "the file is damaged here ({e}); {records} complete record(s) before this point were read, the rest is skipped. Check the file (gzip -t) or re-download it."
            ),
        })
    }
}

/// Offset of the first line after the start of `block` that opens a record
/// header.
fn next_header(block: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = block[from..].iter().position(|&b| b == b'\n') {
        let p = from + i + 1;
        if block[p..].starts_with(HEADER_START) {
            return Some(p);
        }
        from = p;
    }
    None
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
