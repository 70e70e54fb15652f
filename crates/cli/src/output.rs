//! The `-o FILE` of `analyze` and `export`: checks before any work, and the
//! messages for a file that cannot be written.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

/// Refuse, before any work, an `-o` path that is a directory or that would
/// overwrite one of the inputs: a file given as a PATH, or a document file
/// met in a directory given as a PATH (same canonical path).
pub(crate) fn check_output(output: &Path, inputs: &[PathBuf]) -> Result<(), String> {
    if output.is_dir() {
        return Err(format!(
            "-o needs a file path, not a directory: {}",
            output.display()
        ));
    }
    let Some(out) = canonical_target(output) else {
        return Ok(()); // its directory is missing: output_error says so
    };
    for input in inputs {
        if input.as_os_str() == "-" {
            continue;
        }
        let Ok(inp) = input.canonicalize() else {
            continue;
        };
        let walked = inp.is_dir()
            && out.starts_with(&inp)
            && out
                .file_name()
                .is_some_and(|n| quotewire_read::is_document_name(&n.to_string_lossy()));
        if inp == out || walked {
            return Err(format!(
                "-o {} is one of the inputs ({}); writing there would replace it. Choose another -o path",
                output.display(),
                input.display()
            ));
        }
    }
    Ok(())
}

/// The canonical path `path` names, whether or not the file exists yet
/// (its directory must exist).
pub(crate) fn canonical_target(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(name))
}

/// The message for an output file that cannot be created.
pub(crate) fn output_error(path: &Path, e: &io::Error) -> String {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let hint = if !dir.is_dir() {
        format!(
            "the directory {} does not exist; create it (mkdir -p) or choose another -o path",
            dir.display()
        )
    } else {
        format!(
            "check that {} is writable, or choose another -o path",
            dir.display()
        )
    };
    // The writer's error names the OS error, not its temporary file.
    let why = e.raw_os_error().map_or_else(
        || {
            let msg = e.to_string();
            match msg.rfind(" at path ") {
                Some(i) => msg[..i].to_string(),
                None => msg,
            }
        },
        |c| io::Error::from_raw_os_error(c).to_string(),
    );
    format!("cannot write output file {}: {why}; {hint}", path.display())
}

/// Refuse an `-o` path that is the database being read, or one of its
/// SQLite side files (`-wal`, `-shm`, `-journal`), by canonical path: writing
/// there would destroy the database. Also refuses a directory, like
/// [`check_output`].
pub(crate) fn check_db_output(output: &Path, db: &Path) -> Result<(), String> {
    check_output(output, &[])?;
    let (Some(out), Ok(db_canon)) = (canonical_target(output), db.canonicalize()) else {
        return Ok(());
    };
    let side = |suffix: &str| {
        let mut s = db_canon.clone().into_os_string();
        s.push(suffix);
        PathBuf::from(s)
    };
    if ["", "-wal", "-shm", "-journal"]
        .iter()
        .any(|suffix| out == side(suffix))
    {
        return Err(format!(
            "-o {} is the database being exported ({}) or one of its files; writing there would destroy it. Choose another -o path",
            output.display(),
            db.display()
        ));
    }
    Ok(())
}

/// Refuse binary output (Parquet) to a terminal, as gzip and others do:
/// it would only garble the screen.
pub(crate) fn check_binary_to_terminal(binary: bool, output: Option<&Path>) -> Result<(), String> {
    if binary && output.is_none() && io::stdout().is_terminal() {
        return Err(
            "--format parquet is binary and standard output is a terminal; write it to a file with -o FILE, or redirect: > quotes.parquet"
                .to_string(),
        );
    }
    Ok(())
}

/// The message for a database that cannot be opened for reading: with the
/// hint to create it when the file is missing.
pub(crate) fn db_error(e: &dyn std::fmt::Display, db: &Path) -> String {
    if db.exists() {
        e.to_string()
    } else {
        format!("{e}; create it with `quotewire ingest PATH --db FILE`")
    }
}
