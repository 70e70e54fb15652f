//! `quotewire analyze` end to end: the real binary on the seed, hand-made
//! files and directories, stdin, bad inputs, output files, and (when
//! `../shared` is present) the shared WARC samples.
//!
//! These tests check the command's contract (which records, in which order,
//! ids, offsets as code points, exit status, messages), not the quality of
//! extraction or attribution.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEED_ID: &str = "sputnik-2018-12-20-putin-trump";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> PathBuf {
    root().join("examples").join(format!("{SEED_ID}.txt"))
}

fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        // never a silent pass in CI: there the data must be present
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but ../shared is absent: this test needs the shared data"
        );
        eprintln!("skipping: ../shared is absent");
        None
    }
}

fn quotewire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotewire"))
        .args(args)
        .output()
        .expect("run quotewire")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn records(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is one JSON record"))
        .collect()
}

fn ids(recs: &[Value]) -> Vec<String> {
    recs.iter()
        .map(|r| r["id"].as_str().unwrap_or("").to_string())
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn seed_gives_one_clean_record() {
    let o = quotewire(&["analyze", p(&seed())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], SEED_ID);
    let text = recs[0]["text"].as_str().unwrap();
    assert!(!text.is_empty());
    assert!(!text.contains('\u{a0}'), "NBSP left in the text");
    // every field of the record schema is there
    for field in [
        "id",
        "url",
        "title",
        "text",
        "language",
        "published",
        "updated",
        "authors",
        "outlet",
        "dateline",
        "series",
        "tags",
        "related",
        "attributions",
        "entities",
        "timexes",
        "warnings",
    ] {
        assert!(recs[0].get(field).is_some(), "field {field} missing");
    }
    let err = stderr(&o);
    assert!(err.contains("1 document, 1 record"), "summary: {err}");
    assert!(err.contains("pages/s"), "summary: {err}");
}

#[test]
fn keep_text_is_the_file_exactly() {
    let o = quotewire(&["analyze", "--keep-text", p(&seed())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(recs.len(), 1);
    let file = std::fs::read_to_string(seed()).unwrap();
    assert_eq!(recs[0]["text"].as_str().unwrap(), file);
}

#[test]
fn stdin_dash_reads_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotewire"))
        .args(["analyze", "--keep-text", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let file = std::fs::read(seed()).unwrap();
    child.stdin.take().unwrap().write_all(&file).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(ids(&recs), ["stdin"]);
    assert_eq!(recs[0]["text"].as_str().unwrap().as_bytes(), &file[..]);
}

#[test]
fn directory_records_in_sorted_order_whatever_the_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("b-page.html"), "<html><head><title>B</title></head><body><p>The mayor said the bridge would open in May.</p></body></html>").unwrap();
    std::fs::write(
        d.join("a-page.html.gz"),
        gz(b"<!DOCTYPE html><html><body><article><p>\"We are ready,\" the minister said.</p></article></body></html>"),
    )
    .unwrap();
    std::fs::write(d.join("c-note.txt"), "A plain note. Nothing was said.\n").unwrap();
    std::fs::create_dir(d.join("d-sub")).unwrap();
    std::fs::write(d.join("d-sub").join("e-deep.txt"), "Deeper text.\n").unwrap();
    std::fs::write(d.join("notes.json"), "{}").unwrap();
    for jobs in ["1", "2", "4"] {
        let o = quotewire(&["analyze", "--jobs", jobs, p(d)]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            ids(&records(&o.stdout)),
            ["a-page", "b-page", "c-note", "e-deep"],
            "--jobs {jobs}"
        );
        assert!(stderr(&o).contains("1 skipped"), "{}", stderr(&o));
    }
}

#[test]
fn many_documents_keep_input_order() {
    // more documents than one chunk, so order must survive chunking
    let dir = tempfile::tempdir().unwrap();
    let n = 300;
    for i in 0..n {
        std::fs::write(
            dir.path().join(format!("doc-{i:04}.txt")),
            format!("Document {i}. “Fine,” she said.\n"),
        )
        .unwrap();
    }
    let o = quotewire(&["analyze", "--quiet", "--jobs", "2", p(dir.path())]);
    assert!(o.status.success());
    let want: Vec<String> = (0..n).map(|i| format!("doc-{i:04}")).collect();
    assert_eq!(ids(&records(&o.stdout)), want);
    assert!(stderr(&o).is_empty(), "--quiet: {}", stderr(&o));
}

#[test]
fn bad_inputs_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.html");
    std::fs::write(
        &garbage,
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\x02\0\xff\xfe",
    )
    .unwrap();
    let missing = dir.path().join("missing.txt");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Good text. “Yes,” he said.\n").unwrap();
    let o = quotewire(&["analyze", p(&garbage), p(&missing), p(&good), p(&seed())]);
    assert!(o.status.success(), "exit {:?}: {}", o.status, stderr(&o));
    assert_eq!(ids(&records(&o.stdout)), ["good", SEED_ID]);
    let err = stderr(&o);
    assert!(err.contains(p(&garbage)) && err.contains("binary"), "{err}");
    assert!(
        err.contains(p(&missing)) && err.contains("No such file"),
        "{err}"
    );
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn nothing_processed_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.html");
    let o = quotewire(&["analyze", p(&missing)]);
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("nope.html"));
}

#[test]
fn archive_cut_before_its_first_document_is_a_failure() {
    // the first 100 bytes of a gzip WARC: a warning, no document
    let mut warc = Vec::new();
    for i in 0..20 {
        warc.extend(warc_record(
            "response",
            &format!("<urn:uuid:c{i}>"),
            "http://news.example/a",
            &format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Page {i}: {}</p></body></html>",
                "the mayor said the bridge would open ".repeat(20)
            ),
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("t.warc.gz");
    std::fs::write(&f, &warc[..100]).unwrap();
    let o = quotewire(&["analyze", p(&f)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("warning") && err.contains("t.warc.gz"),
        "{err}"
    );
    assert!(err.contains("no document could be analysed"), "{err}");
    assert!(err.contains("after 0 complete record(s)"), "{err}");
    // a directory with nothing to read and nothing wrong stays a success
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = quotewire(&["analyze", p(&empty)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("no documents found"), "{}", stderr(&o));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("records.jsonl");
    std::fs::write(&out, "old\n").unwrap();
    let o = quotewire(&["analyze", p(&seed()), "-o", p(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let recs = records(std::fs::read_to_string(&out).unwrap().as_bytes());
    assert_eq!(ids(&recs), [SEED_ID]);
    // no temporary file left behind
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1);
    // a run that processes nothing leaves the earlier file as it was
    let o = quotewire(&["analyze", p(&dir.path().join("missing")), "-o", p(&out)]);
    assert!(!o.status.success());
    assert_eq!(
        ids(&records(std::fs::read_to_string(&out).unwrap().as_bytes())),
        [SEED_ID]
    );
}

#[test]
fn missing_output_directory_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-dir").join("records.jsonl");
    let o = quotewire(&["analyze", p(&seed()), "-o", p(&out)]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains(p(&out)), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(
        !err.contains(".quotewire-"),
        "internal temp path shown: {err}"
    );
    assert!(!out.exists());
}

#[test]
fn output_must_be_a_new_file_not_a_directory_or_an_input() {
    let dir = tempfile::tempdir().unwrap();
    // a directory: refused at once, before any input is read
    let o = quotewire(&["analyze", p(&seed()), "-o", p(dir.path())]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "-o needs a file path, not a directory: {}",
            p(dir.path())
        )),
        "{err}"
    );
    assert!(!err.contains("document"), "work was done first: {err}");
    // one of the inputs (given by another spelling): refused, input intact
    let input = dir.path().join("in.txt");
    std::fs::write(&input, "“Fine,” she said.\n").unwrap();
    let other = dir.path().join(".").join("in.txt");
    let o = quotewire(&["analyze", p(&input), "-o", p(&other)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is one of the inputs"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "“Fine,” she said.\n"
    );
    // a document file inside an input directory
    let o = quotewire(&["analyze", p(dir.path()), "-o", p(&input)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is one of the inputs"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn output_file_has_the_usual_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("records.jsonl");
    let o = quotewire(&["analyze", "-q", p(&seed()), "-o", p(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    // 0o666 less the umask (0o644 under the usual 022), not the temporary 0o600
    assert_eq!(mode & 0o600, 0o600, "{mode:o}");
    assert_ne!(mode, 0o600, "the temporary file's mode was kept");
}

#[test]
fn offsets_are_code_points() {
    // Non-ASCII before and inside every span: byte offsets would land elsewhere.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("unicode.txt");
    let text = "Zürich — Ärzte in São Paulo warnten am Montag.\n\n\
                “Wir sind bereit — jetzt,” sagte Müller am 3. März 2021.\n\n\
                „Das ist gut“, sagte Çelik. “We’re ready,” Putin said on Thursday.\n";
    std::fs::write(&f, text).unwrap();
    for args in [
        vec!["analyze", "--keep-text", p(&f)],
        vec!["analyze", p(&f)],
    ] {
        let o = quotewire(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let recs = records(&o.stdout);
        let rec = &recs[0];
        let chars: Vec<char> = rec["text"].as_str().unwrap().chars().collect();
        let slice = |s: &Value| -> String {
            let a = s[0].as_u64().unwrap() as usize;
            let b = s[1].as_u64().unwrap() as usize;
            assert!(
                a <= b && b <= chars.len(),
                "span {s} outside {} chars",
                chars.len()
            );
            chars[a..b].iter().collect()
        };
        let spans = |v: &Value| v.as_array().cloned().unwrap_or_default();
        for a in spans(&rec["attributions"]) {
            for key in ["content", "cue", "source"] {
                for s in spans(&a[key]) {
                    let t = slice(&s);
                    assert!(!t.is_empty(), "{key} {s} is empty");
                    assert_eq!(t.trim(), t, "{key} {s} has edge spaces: {t:?}");
                }
            }
            // a cue holds a word, not a slice shifted into punctuation
            for s in spans(&a["cue"]) {
                let t = slice(&s);
                assert!(t.chars().any(char::is_alphabetic), "cue {s} = {t:?}");
            }
        }
        for e in spans(&rec["entities"]) {
            for m in spans(&e["mentions"]) {
                assert!(!slice(&m).is_empty());
            }
        }
        for t in spans(&rec["timexes"]) {
            assert_eq!(slice(&t["span"]), t["text"].as_str().unwrap());
        }
        if let Some(s) = rec["dateline"].get("span").filter(|s| !s.is_null()) {
            assert!(!slice(s).is_empty());
        }
    }
}

#[test]
fn broken_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        std::fs::write(
            dir.path().join(format!("d{i:04}.txt")),
            format!(
                "Line {i} of a long enough document to fill a pipe buffer. {}\n",
                "Words. ".repeat(60)
            ),
        )
        .unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotewire"))
        .args(["analyze", "--jobs", "1", p(dir.path())])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 64`
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "exit {:?}", o.status);
    let err = stderr(&o);
    assert!(!err.contains("error"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn help_teaches_with_examples() {
    let o = quotewire(&["analyze", "--help"]);
    assert!(o.status.success());
    let help = String::from_utf8_lossy(&o.stdout);
    for want in [
        "Examples:",
        "--keep-text",
        "--jobs",
        "-o",
        ".warc.gz",
        "analyze -",
    ] {
        assert!(help.contains(want), "help lacks {want:?}");
    }
    // clap wraps long help lines: compare with white space folded
    let folded = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(folded.contains("at most 4 per core"), "{help}");
    assert!(help.contains("meant for text inputs") || help.contains("Meant for text inputs"));
    let o = quotewire(&["analyze"]);
    assert_eq!(o.status.code(), Some(2), "no PATH is a usage error");
    // the top-level help points somewhere useful
    let o = quotewire(&["--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    for want in [
        "Example:",
        "quotewire analyze",
        "The record",
        "analyze --help",
    ] {
        assert!(help.contains(want), "top-level help lacks {want:?}: {help}");
    }
}

#[test]
fn jobs_are_capped_at_four_per_core() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let o = quotewire(&["analyze", "--jobs", "100000", p(&seed())]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("capped"), "{err}");
    assert!(err.contains(&format!("on {} threads", 4 * cores)), "{err}");
}

#[test]
fn shared_warcs_give_one_record_per_html_response() {
    let Some(shared) = shared() else { return };
    let warc = shared.join("data/warc");
    let o = quotewire(&["analyze", p(&warc.join("wget-2024-blogs.warc.gz"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(recs.len(), 15);
    for r in &recs {
        assert!(
            r["id"].as_str().unwrap().starts_with("<urn:uuid:"),
            "{}",
            r["id"]
        );
        assert!(r["url"].as_str().unwrap().starts_with("http"));
    }
    let err = stderr(&o);
    assert!(err.contains("15 request records"), "{err}");

    let clipped = warc.join("cc-news-2016-houstonpress-clipped.warc.gz");
    let o = quotewire(&["analyze", p(&clipped)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(recs.len(), 1);
    let warnings = recs[0]["warnings"].to_string();
    assert!(warnings.contains("truncated"), "{warnings}");
    let err = stderr(&o);
    assert!(
        err.contains("warning") && err.contains("cc-news-2016-houstonpress-clipped.warc.gz"),
        "{err}"
    );
    assert!(err.contains("record 0"), "{err}");
    // the summary counts the record's warning, it does not say "0 warnings"
    assert!(
        err.contains("1 input warning, 1 record with warnings"),
        "{err}"
    );
}

#[test]
fn summary_counts_records_that_carry_warnings() {
    // a cut-off .gz page: one reader warning, and the record carries it
    let page = format!(
        "<html><body><article><p>{}</p></article></body></html>",
        "“We will build the bridge,” the mayor said on Monday. ".repeat(200)
    );
    let whole = gz(page.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cut.html.gz");
    std::fs::write(&f, &whole[..whole.len() / 2]).unwrap();
    let o = quotewire(&["analyze", p(&f)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(recs.len(), 1);
    assert!(
        recs[0]["warnings"].to_string().contains("truncated"),
        "{}",
        recs[0]["warnings"]
    );
    let err = stderr(&o);
    assert!(
        err.contains("1 input warning, 1 record with warnings"),
        "{err}"
    );
    // a clean run says so for both
    let clean = dir.path().join("clean.txt");
    std::fs::write(&clean, "The mayor said the bridge would open in May.\n").unwrap();
    let o = quotewire(&["analyze", p(&clean)]);
    assert!(
        stderr(&o).contains("0 input warnings, 0 records with warnings"),
        "{}",
        stderr(&o)
    );
}

/// One WARC record, gzip-compressed on its own (the usual `.warc.gz` layout).
fn warc_record(kind: &str, id: &str, uri: &str, block: &str) -> Vec<u8> {
    gz(format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {id}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
    .as_bytes())
}

#[test]
fn hand_made_warc_gives_one_record_per_html_response() {
    let page = "<html><head><title>Budget</title></head><body><article><p>“We will balance the budget,” the mayor said on Monday.</p></article></body></html>";
    let http = |ctype: &str, body: &str| {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
    };
    let warc = [
        warc_record("warcinfo", "<urn:uuid:w0>", "", "software: test"),
        warc_record(
            "request",
            "<urn:uuid:w1>",
            "http://news.example/budget",
            "GET /budget HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "<urn:uuid:w2>",
            "http://news.example/budget",
            &http("text/html; charset=utf-8", page),
        ),
        warc_record(
            "response",
            "<urn:uuid:w3>",
            "http://news.example/logo.png",
            &http("image/png", "PNG"),
        ),
    ]
    .concat();
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("crawl.warc.gz");
    std::fs::write(&f, warc).unwrap();
    let o = quotewire(&["analyze", "--jobs", "0", p(&f)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(ids(&recs), ["<urn:uuid:w2>"]);
    assert_eq!(recs[0]["url"], "http://news.example/budget");
    let err = stderr(&o);
    assert!(err.contains("3 skipped"), "{err}");
    assert!(err.contains("1 non-HTML response"), "{err}");
    // and the same archive from standard input
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotewire"))
        .args(["analyze", "-q", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&f).unwrap())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(ids(&records(&o.stdout)), ["<urn:uuid:w2>"]);
}
