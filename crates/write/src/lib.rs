//! Stage 6 of the pipeline: write records out.
//!
//! [`JsonlWriter`] writes one JSON object per line (the record of
//! `../shared/docs/record-schema.md`) to stdout or to a file. A file is
//! written atomically: records go to a temporary file in the same directory,
//! renamed over the target only by [`JsonlWriter::finish`]; a run that fails
//! midway leaves any earlier file untouched. A target that exists and is not
//! a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written
//! directly: renaming over it would replace the device or pipe with a file.

#![deny(missing_docs)]

use quotewire_doc::Record;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A sink of records as JSON Lines.
pub struct JsonlWriter {
    out: BufWriter<Box<dyn Write + Send>>,
    target: Option<(tempfile::TempPath, PathBuf)>,
    /// A device or pipe written in place (see [`is_special`]).
    direct: Option<PathBuf>,
    written: u64,
}

/// Whether `path` exists and is neither a regular file nor a directory: a
/// character device such as `/dev/null`, a named pipe, a socket. Such a
/// target is opened and written in place, never replaced by a rename.
pub fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

impl JsonlWriter {
    /// Write to standard output.
    pub fn stdout() -> JsonlWriter {
        JsonlWriter {
            out: BufWriter::new(Box::new(io::stdout())),
            target: None,
            direct: None,
            written: 0,
        }
    }

    /// Write to `path` atomically (temporary file beside it, renamed on
    /// [`finish`](Self::finish)); a device or pipe ([`is_special`]) is
    /// written in place.
    ///
    /// Errors: the directory does not exist or is not writable. The error's
    /// message names the OS error only, never the internal temporary file
    /// (callers name `path`).
    pub fn create(path: &Path) -> io::Result<JsonlWriter> {
        if is_special(path) {
            let file = std::fs::OpenOptions::new().write(true).open(path)?;
            return Ok(JsonlWriter {
                out: BufWriter::new(Box::new(file)),
                target: None,
                direct: Some(path.to_path_buf()),
                written: 0,
            });
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".quotewire-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(without_temp_path)?;
        let (file, tmp_path) = tmp.into_parts();
        Ok(JsonlWriter {
            out: BufWriter::new(Box::new(file)),
            target: Some((tmp_path, path.to_path_buf())),
            direct: None,
            written: 0,
        })
    }

    /// Like [`stdout`](Self::stdout) (`path` `None`) or [`create`](Self::create),
    /// with the JSONL passing through `wrap` on its way out: e.g. a converter
    /// to another table format (`quotewire_export::RecordsToTable`). The
    /// wrapper's `flush` is called once, by [`finish`](Self::finish).
    ///
    /// Errors: as [`create`](Self::create), or the wrapper's own.
    pub fn create_through(
        path: Option<&Path>,
        wrap: impl FnOnce(Box<dyn Write + Send>) -> io::Result<Box<dyn Write + Send>>,
    ) -> io::Result<JsonlWriter> {
        let mut w = match path {
            Some(p) => JsonlWriter::create(p)?,
            None => JsonlWriter::stdout(),
        };
        let inner = std::mem::replace(w.out.get_mut(), Box::new(io::sink()));
        w.out = BufWriter::new(wrap(inner)?);
        Ok(w)
    }

    /// Append one record as one line.
    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, record)?;
        self.out.write_all(b"\n")?;
        self.written += 1;
        Ok(())
    }

    /// Append one record already encoded by [`encode`] (one line, with its `\n`).
    ///
    /// Lets callers serialise records in parallel and write them in order.
    pub fn write_encoded(&mut self, line: &[u8]) -> io::Result<()> {
        self.out.write_all(line)?;
        self.written += 1;
        Ok(())
    }

    /// The file being written (its final name), or `None` for stdout.
    pub fn target(&self) -> Option<&Path> {
        self.target
            .as_ref()
            .map(|(_, p)| p.as_path())
            .or(self.direct.as_deref())
    }

    /// Records written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flush, and for a file move it into place.
    ///
    /// The file gets the usual mode of a new file (`0o666` less the umask,
    /// typically `0o644`), or the mode of the file it replaces, not the
    /// `0o600` of a temporary file (Unix only).
    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()?;
        if let Some((tmp, target)) = self.target.take() {
            #[cfg(unix)]
            set_final_mode(&tmp, &target)?;
            tmp.persist(&target).map_err(|e| e.error)?;
        }
        Ok(())
    }
}

/// The temporary file's error without its `at path ".quotewire-….tmp"`
/// suffix (tempfile adds it), keeping the kind.
fn without_temp_path(e: io::Error) -> io::Error {
    let msg = e.to_string();
    match msg.rfind(" at path ") {
        Some(i) => io::Error::new(e.kind(), msg[..i].to_string()),
        None => e,
    }
}

/// Give a temporary file, about to be renamed over `target`, the mode a new
/// file gets (`0o666` less the umask), or the mode of the file it replaces,
/// instead of the `0o600` of a temporary file. Does nothing off Unix.
///
/// For writers other than [`JsonlWriter`] that also write atomically.
pub fn give_final_mode(tmp: &Path, target: &Path) -> io::Result<()> {
    #[cfg(unix)]
    return set_final_mode(tmp, target);
    #[cfg(not(unix))]
    {
        let _ = (tmp, target);
        Ok(())
    }
}

/// Mode bits of a new file before the umask (POSIX `creat`).
#[cfg(unix)]
const NEW_FILE_MODE: u32 = 0o666;
/// Umask assumed when the process's cannot be read (the usual default).
#[cfg(unix)]
const DEFAULT_UMASK: u32 = 0o022;

/// Give the temporary file the mode the target should end up with.
#[cfg(unix)]
fn set_final_mode(tmp: &Path, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match std::fs::metadata(target) {
        Ok(m) if m.is_file() => m.permissions().mode() & 0o7777,
        _ => NEW_FILE_MODE & !umask(),
    };
    std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(mode))
}

/// The process umask, from `/proc/self/status` (Linux ≥ 4.7); reading it
/// any other way (`umask(2)`) would change it. [`DEFAULT_UMASK`] otherwise.
#[cfg(unix)]
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        })
        .unwrap_or(DEFAULT_UMASK)
}

/// One record as one JSON line, newline included, for [`JsonlWriter::write_encoded`].
///
/// Errors only if serialisation fails (it does not for [`Record`]'s types).
pub fn encode(record: &Record) -> io::Result<Vec<u8>> {
    let mut line = serde_json::to_vec(record)?;
    line.push(b'\n');
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_appears_only_on_finish() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let mut w = JsonlWriter::create(&path).unwrap();
        w.write(&Record {
            id: "a".into(),
            ..Record::default()
        })
        .unwrap();
        assert!(!path.exists());
        w.finish().unwrap();
        let s = std::fs::read_to_string(&path).unwrap();
        assert_eq!(s.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(s.lines().next().unwrap()).unwrap();
        assert_eq!(v["id"], "a");
    }

    #[test]
    fn encoded_lines_and_missing_directory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o.jsonl");
        let mut w = JsonlWriter::create(&path).unwrap();
        assert_eq!(w.target(), Some(path.as_path()));
        for id in ["a", "b"] {
            let line = encode(&Record {
                id: id.into(),
                ..Record::default()
            })
            .unwrap();
            assert!(line.ends_with(b"}\n"));
            w.write_encoded(&line).unwrap();
        }
        assert_eq!(w.written(), 2);
        w.finish().unwrap();
        let ids: Vec<String> = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
            .collect();
        assert_eq!(ids, ["\"a\"", "\"b\""]);
        let e = JsonlWriter::create(&dir.path().join("no/such/dir/o.jsonl"))
            .err()
            .expect("a missing directory is an error");
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(!e.to_string().contains(".quotewire-"), "{e}");
        assert_eq!(JsonlWriter::stdout().target(), None);
    }

    #[cfg(unix)]
    #[test]
    fn finished_file_has_the_usual_mode_not_the_temporary_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.jsonl");
        JsonlWriter::create(&path).unwrap().finish().unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask());
        // a replaced file keeps its mode
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        JsonlWriter::create(&path).unwrap().finish().unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    /// Regression: `-o /dev/null` as root renamed the temporary file over
    /// the device, turning /dev/null into a regular file that every later
    /// reader of /dev/null saw the output of.
    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dev = Path::new("/dev/null");
        assert!(is_special(dev));
        let mut w = JsonlWriter::create(dev).unwrap();
        w.write_encoded(b"{}\n").unwrap();
        assert_eq!(w.target(), Some(dev));
        w.finish().unwrap();
        let ty = std::fs::metadata(dev).unwrap().file_type();
        assert!(ty.is_char_device(), "/dev/null is still a device");
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_special(dir.path()));
        assert!(!is_special(&dir.path().join("absent.jsonl")));
    }
}
