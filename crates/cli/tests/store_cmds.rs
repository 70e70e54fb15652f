//! `quotewire ingest`, `export`, `search` and `serve` end to end on small
//! hand-made records: the command's contract (refusals, messages, exit
//! status, output files), not the quality of the analysis.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn quotewire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotewire"))
        .args(args)
        .output()
        .expect("run quotewire")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The text of the hand-made record.
const TEXT: &str = "“We will win,” Anna Berg said on Monday. She smiled.";

/// A hand-made record: one article with one direct quote by Anna Berg
/// (mentioned by name and by a pronoun), with the given spans.
fn record_with(id: &str, content: [usize; 2], mentions: &[[usize; 2]]) -> String {
    serde_json::json!({
        "id": id,
        "url": format!("https://example.org/{id}"),
        "title": "A test",
        "text": TEXT,
        "language": "en",
        "published": "2021-02-03",
        "updated": null,
        "authors": [],
        "outlet": "Example",
        "dateline": null,
        "series": null,
        "tags": [],
        "related": [],
        "attributions": [{
            "kind": "direct",
            "content": [content],
            "cue": [[25, 29]],
            "source": [[15, 24]],
            "speaker": {"name": "Anna Berg", "entity": "E1"},
        }],
        "entities": [{
            "id": "E1",
            "name": "Anna Berg",
            "type": "PERSON",
            "titles": [],
            "mentions": mentions,
        }],
        "timexes": [{"text": "Monday", "span": [33, 39], "value": "2021-02-01", "type": "DATE"}],
        "warnings": [],
    })
    .to_string()
}

fn record(id: &str) -> String {
    record_with(id, [1, 12], &[[15, 24], [41, 44]])
}

/// A database in `dir` holding one record.
fn db_with_one_record(dir: &Path) -> PathBuf {
    let jsonl = dir.join("records.jsonl");
    std::fs::write(&jsonl, record("a") + "\n").unwrap();
    let db = dir.join("quotewire.db");
    let o = quotewire(&["ingest", "-q", p(&jsonl), "--db", p(&db)]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

#[test]
fn export_never_writes_over_its_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_one_record(dir.path());
    let before = std::fs::read(&db).unwrap();
    let wal = PathBuf::from(format!("{}-wal", p(&db)));
    let shm = PathBuf::from(format!("{}-shm", p(&db)));
    let other_spelling = dir.path().join(".").join("quotewire.db");
    for out in [&db, &other_spelling, &wal, &shm] {
        let o = quotewire(&["export", "--db", p(&db), "-o", p(out)]);
        assert_eq!(o.status.code(), Some(1), "-o {}", p(out));
        assert!(stderr(&o).contains("is the database"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let o = quotewire(&["search", "--db", p(&db), "win"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn export_output_errors_are_those_of_analyze() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_one_record(dir.path());
    // a missing directory: named, with the mkdir -p hint, no temporary path
    let out = dir.path().join("no-such-dir").join("x.csv");
    let o = quotewire(&["export", "--db", p(&db), "-o", p(&out)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("does not exist") && err.contains("mkdir -p"),
        "{err}"
    );
    assert!(!err.contains(".quotewire-"), "temporary path shown: {err}");
    // a directory
    let o = quotewire(&["export", "--db", p(&db), "-o", p(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("-o needs a file path, not a directory"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn export_file_has_the_mode_of_analyze_output() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_one_record(dir.path());
    let out = dir.path().join("quotes.csv");
    let o = quotewire(&[
        "export",
        "-q",
        "--db",
        p(&db),
        "--format",
        "csv",
        "-o",
        p(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o600, 0o600, "{mode:o}");
    assert_ne!(mode, 0o600, "the temporary file's mode was kept");
}

#[test]
fn export_help_is_its_own() {
    let o = quotewire(&["export", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(!help.contains("for `analyze`: the full record"), "{help}");
    assert!(help.contains("Examples:"), "{help}");
}

/// Parquet is binary: refused on a terminal (run under `script`, which gives
/// the command a pseudo-terminal; skipped where `script` is missing).
#[test]
fn parquet_is_not_written_to_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_one_record(dir.path());
    let cmd = format!(
        "{} export --format parquet --db {}",
        env!("CARGO_BIN_EXE_quotewire"),
        p(&db)
    );
    let Ok(o) = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
    else {
        eprintln!("skipping: no `script` command");
        return;
    };
    let all = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{all}");
    assert!(all.contains("standard output is a terminal"), "{all}");
    assert!(!all.contains("PAR1"), "{all}");
    // to a pipe it is written
    let o = quotewire(&["export", "-q", "--format", "parquet", "--db", p(&db)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.starts_with(b"PAR1"));
}

#[test]
fn ingest_rejects_records_whose_spans_leave_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("records.jsonl");
    let lines = [
        record("good"),
        record_with("bad-content", [1, 99], &[[15, 24]]),
        record_with("bad-mention", [1, 12], &[[15, 24], [50, 53]]),
    ];
    std::fs::write(&jsonl, lines.join("\n") + "\n").unwrap();
    let db = dir.path().join("q.db");
    let o = quotewire(&["ingest", p(&jsonl), "--db", p(&db)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}: line 2:", p(&jsonl)))
            && err.contains("attributions[0].content[0]"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: line 3:", p(&jsonl))) && err.contains("entities[0].mentions[1]"),
        "{err}"
    );
    assert!(
        err.contains("1 record ") || err.contains("1 records "),
        "{err}"
    );
    assert!(err.contains("2 errors"), "{err}");
    let o = quotewire(&["export", "-q", "--db", p(&db), "--table", "articles"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("\"good\""), "{out}");
}

#[test]
fn records_are_recognised_by_content_whatever_the_name() {
    let dir = tempfile::tempdir().unwrap();
    // not named .jsonl, a blank first line, then a malformed record
    let out = dir.path().join("records.out");
    let lines = [
        String::new(),
        "{\"id\": \"broken\", ".to_string(),
        record("good"),
    ];
    std::fs::write(&out, lines.join("\n") + "\n").unwrap();
    let db = dir.path().join("q.db");
    let o = quotewire(&["ingest", p(&out), "--db", p(&db)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}: line 2: not a quotewire record", p(&out))),
        "{err}"
    );
    let o = quotewire(&["export", "-q", "--db", p(&db), "--table", "articles"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("\"good\""), "read as a news text: {out}");
}

#[test]
fn analyze_warns_when_given_records() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("records.out");
    std::fs::write(&out, record("a") + "\n").unwrap();
    let o = quotewire(&["analyze", p(&out)]);
    assert!(stderr(&o).contains("holds JSONL records"), "{}", stderr(&o));
}

#[test]
fn search_dates_must_be_real_dates() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_with_one_record(dir.path());
    for bad in ["2021-13", "2021-02-30", "2021-00-10", "21"] {
        let o = quotewire(&["search", "--db", p(&db), "--since", bad]);
        assert_eq!(o.status.code(), Some(2), "--since {bad}");
        assert!(stderr(&o).contains("is not a date"), "{}", stderr(&o));
    }
    let o = quotewire(&["search", "--db", p(&db), "--since", "2020-02-29"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn summaries_count_in_the_singular_and_errors_give_hints() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("records.jsonl");
    std::fs::write(&jsonl, record("a") + "\n").unwrap();
    let db = dir.path().join("quotewire.db");
    let missing = dir.path().join("missing.jsonl");
    let o = quotewire(&["ingest", p(&jsonl), p(&missing), "--db", p(&db)]);
    let err = stderr(&o);
    assert!(err.contains("1 record →"), "{err}");
    assert!(err.contains("1 quote written, 1 error;"), "{err}");
    assert!(err.contains("Check the path"), "{err}");
    let o = quotewire(&["export", "--db", p(&db), "--table", "articles"]);
    assert!(stderr(&o).contains("1 article exported"), "{}", stderr(&o));

    let nodb = dir.path().join("none.db");
    for cmd in ["export", "serve", "search"] {
        let o = quotewire(&[cmd, "--db", p(&nodb)]);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        assert!(
            stderr(&o).contains("create it with `quotewire ingest"),
            "{cmd}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn analyze_table_needs_a_table_format() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, "“Fine,” she said.\n").unwrap();
    let o = quotewire(&["analyze", p(&page), "--table", "articles"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--table articles applies to --format csv or parquet"));
    let o = quotewire(&[
        "analyze",
        "-q",
        p(&page),
        "--table",
        "articles",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn search_offset_gives_the_next_page() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("records.jsonl");
    // two articles (an identical text would be the same article)
    let other = record("b").replace("Monday", "Sunday");
    std::fs::write(&jsonl, format!("{}\n{other}\n", record("a"))).unwrap();
    let db = dir.path().join("quotewire.db");
    let o = quotewire(&["ingest", "-q", p(&jsonl), "--db", p(&db)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = |offset: &str| {
        let o = quotewire(&[
            "search",
            "--db",
            p(&db),
            "--limit",
            "1",
            "--offset",
            offset,
            "win",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let (first, second, past) = (page("0"), page("1"), page("2"));
    assert!(first.starts_with("1. Anna Berg"), "{first}");
    assert!(second.starts_with("2. Anna Berg"), "{second}");
    let url = |s: &str| s.lines().nth(2).unwrap_or("").trim().to_string();
    assert_ne!(url(&first), url(&second));
    assert!(past.is_empty(), "{past}");
    let o = quotewire(&["search", "--db", p(&db), "--offset", "10001", "win"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("offset"), "{}", stderr(&o));
}
