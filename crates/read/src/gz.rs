//! Multi-member gzip (RFC 1952 §2.2: a gzip file is a series of members)
//! that survives a damaged member.
//!
//! `.warc.gz` files compress each WARC record as its own member (ISO 28500
//! Annex D), so a damaged member loses one record, not the rest of the file.
//! [`Members`] decodes member after member; when one fails it reports the
//! damage once, as an [`io::ErrorKind::InvalidData`] error naming the
//! compressed byte positions, then resumes at the next gzip member header
//! (`1f 8b 08`). A member cut off by the end of the file is a truncation,
//! reported as [`io::ErrorKind::UnexpectedEof`].
//!
//! Limits: the search for the next member starts where the decoder stopped;
//! a damaged member whose garbage the decoder read past the member's end
//! costs the members it overran. A header split across two buffer fills is
//! not seen (one more member lost).

use flate2::bufread::GzDecoder;
use std::io::{self, BufRead, Read};

/// The bytes that start a gzip member: ID1, ID2, CM = deflate (RFC 1952 §2.3.1).
const MEMBER_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// A [`BufRead`] that counts the bytes consumed from it. Holds no stream
/// while [`Members`] swaps it into its reused decoder.
pub(crate) struct Counting<R> {
    inner: Option<R>,
    pos: u64,
}

impl<R> Counting<R> {
    /// The empty placeholder swapped in while the real stream moves.
    fn placeholder() -> Counting<R> {
        Counting {
            inner: None,
            pos: 0,
        }
    }
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(inner) = &mut self.inner else {
            return Ok(0);
        };
        let n = inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match &mut self.inner {
            Some(inner) => inner.fill_buf(),
            None => Ok(&[]),
        }
    }

    fn consume(&mut self, amt: usize) {
        if let Some(inner) = &mut self.inner {
            inner.consume(amt);
            self.pos += amt as u64;
        }
    }
}

/// Decompressed bytes of every gzip member in turn (see the module docs).
///
/// One decoder serves every member: it is reset, not rebuilt, at each member
/// start, so its inflate state and 32 KiB window are allocated once per file
/// rather than once per record.
pub(crate) struct Members<R: BufRead> {
    /// The decoder; it owns the compressed stream, also between members.
    dec: GzDecoder<Counting<R>>,
    /// A member is being decoded (else the stream is between members).
    active: bool,
    /// Compressed offset where the current member started.
    member_start: u64,
}

impl<R: BufRead> Members<R> {
    /// Decode the gzip members of `inner`.
    pub(crate) fn new(inner: R) -> Members<R> {
        // Built on the placeholder (whose header read fails at once, reading
        // nothing), then reset onto the real stream: no byte is read yet.
        let mut dec = GzDecoder::new(Counting::placeholder());
        dec.reset(Counting {
            inner: Some(inner),
            pos: 0,
        });
        Members {
            dec,
            active: false,
            member_start: 0,
        }
    }

    /// Move to the next member header at or after the current position
    /// (never the header of the member that just failed). Returns its offset,
    /// or `None` at the end of the stream.
    fn scan(r: &mut Counting<R>, failed_start: u64) -> io::Result<Option<u64>> {
        if r.pos == failed_start {
            // The failed member consumed nothing: step past its header.
            if r.fill_buf()?.is_empty() {
                return Ok(None);
            }
            r.consume(1);
        }
        loop {
            let buf = r.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            if let Some(i) = buf
                .windows(MEMBER_MAGIC.len())
                .position(|w| w == MEMBER_MAGIC)
            {
                r.consume(i);
                return Ok(Some(r.pos));
            }
            // A header split across two buffer fills is missed: that costs
            // one more member, and happens once per buffer size at most.
            let n = buf.len().saturating_sub(MEMBER_MAGIC.len() - 1).max(1);
            r.consume(n);
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if self.active {
                match self.dec.read(buf) {
                    Ok(0) => {
                        // member finished: its trailer is consumed
                        self.active = false;
                        continue;
                    }
                    Ok(n) => return Ok(n),
                    Err(e) => {
                        self.active = false;
                        let r = self.dec.get_mut();
                        let failed_at = self.member_start;
                        let stopped_at = r.pos;
                        let next = Self::scan(r, failed_at)?;
                        return Err(match next {
                            None if e.kind() == io::ErrorKind::UnexpectedEof => e,
                            None => io::Error::new(
                                io::ErrorKind::InvalidData,
                                format!(
                                    "damaged gzip member (starting at compressed byte {failed_at}, failing near {stopped_at}: {e}); no intact member follows"
                                ),
                            ),
                            Some(p) => io::Error::new(
                                io::ErrorKind::InvalidData,
                                format!(
                                    "damaged gzip member (starting at compressed byte {failed_at}: {e}); decompression resumes at the next member, compressed byte {p}"
                                ),
                            ),
                        });
                    }
                }
            }
            let r = self.dec.get_mut();
            if r.fill_buf()?.is_empty() {
                return Ok(0);
            }
            self.member_start = r.pos;
            // Reset the decoder for a new member, keeping its allocations:
            // `reset` swaps the stream, so hand it back the real one.
            let stream = std::mem::replace(r, Counting::placeholder());
            self.dec.reset(stream);
            self.active = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// Read everything, collecting errors instead of stopping (as the WARC reader does).
    fn drain(mut m: impl Read) -> (Vec<u8>, Vec<io::Error>) {
        let mut out = Vec::new();
        let mut errs = Vec::new();
        let mut buf = [0u8; 7];
        for _ in 0..10_000 {
            match m.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => errs.push(e),
            }
        }
        (out, errs)
    }

    #[test]
    fn intact_members_concatenate() {
        let data = [gz(b"first "), gz(b"second "), gz(b"third")].concat();
        let (out, errs) = drain(Members::new(&data[..]));
        assert_eq!(out, b"first second third");
        assert!(errs.is_empty());
    }

    #[test]
    fn a_damaged_member_loses_only_itself() {
        let a = gz(&b"alpha ".repeat(50));
        let mut b = gz(&b"bravo ".repeat(50));
        let c = gz(b"charlie");
        b[10] = 0xff; // first deflate block header: reserved block type 3
        let data = [a, b, c].concat();
        let (out, errs) = drain(Members::new(&data[..]));
        assert!(out.starts_with(&b"alpha ".repeat(50)));
        assert!(out.ends_with(b"charlie"));
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].kind(), io::ErrorKind::InvalidData);
        assert!(errs[0].to_string().contains("resumes"), "{}", errs[0]);
    }

    #[test]
    fn a_bad_checksum_keeps_the_next_member() {
        let a = gz(b"one");
        let mut b = gz(b"two");
        let n = b.len();
        b[n - 8] ^= 0xff; // CRC32 of the second member
        let c = gz(b"three");
        let data = [a, b, c].concat();
        let (out, errs) = drain(Members::new(&data[..]));
        assert!(out.starts_with(b"one"));
        assert!(
            out.ends_with(b"three"),
            "{:?}",
            String::from_utf8_lossy(&out)
        );
        assert_eq!(errs.len(), 1);
    }

    #[test]
    fn a_cut_member_is_a_truncation() {
        let data = [gz(b"whole"), gz(&b"cut short ".repeat(100))].concat();
        let cut = &data[..data.len() - 20];
        let (out, errs) = drain(Members::new(cut));
        assert!(out.starts_with(b"wholecut short"));
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn trailing_garbage_is_reported_once() {
        let data = [gz(b"ok"), b"\0\0\0\0garbage".to_vec()].concat();
        let (out, errs) = drain(Members::new(&data[..]));
        assert_eq!(out, b"ok");
        assert_eq!(errs.len(), 1);
    }
}
