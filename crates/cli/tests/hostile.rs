//! The hostile-input suite: every file of `tests/hostile/cases/` (written by
//! `tests/hostile/generate.py`) through the real binary, checked against
//! `tests/hostile/expected.tsv`; then the large cases, generated here at test
//! time (a 10 MB single line, a gzip bomb, 100,000-deep nesting, a million
//! quotation marks); then all of them in one run, which must go on to the end.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases_dir() -> PathBuf {
    root().join("tests/hostile/cases")
}

fn quotewire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotewire"))
        .args(args)
        .output()
        .expect("run quotewire")
}

fn records(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is one JSON record"))
        .collect()
}

/// Every span of a record lies inside its text (code points, start <= end).
fn spans_inside(rec: &Value) {
    let n = rec["text"].as_str().unwrap_or("").chars().count() as u64;
    let check = |s: &Value| {
        let (a, b) = (s[0].as_u64().unwrap(), s[1].as_u64().unwrap());
        assert!(a <= b && b <= n, "span {s} outside a text of {n} chars");
    };
    for a in rec["attributions"].as_array().into_iter().flatten() {
        for k in ["content", "cue", "source"] {
            a[k].as_array().into_iter().flatten().for_each(check);
        }
    }
    for e in rec["entities"].as_array().into_iter().flatten() {
        e["mentions"]
            .as_array()
            .into_iter()
            .flatten()
            .for_each(check);
    }
    for t in rec["timexes"].as_array().into_iter().flatten() {
        check(&t["span"]);
    }
}

fn unescape(s: &str) -> String {
    s.replace("\\r", "\r")
        .replace("\\n", "\n")
        .replace("\\t", "\t")
}

#[test]
fn every_hostile_file_gives_its_expected_outcome() {
    let table = std::fs::read_to_string(root().join("tests/hostile/expected.tsv")).unwrap();
    let mut listed = Vec::new();
    let mut failures = Vec::new();
    for line in table.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "expected.tsv: 4 columns in {line:?}");
        let (file, exit, nrec, checks) = (cols[0], cols[1], cols[2], cols[3]);
        listed.push(file.to_string());
        let path = cases_dir().join(file);
        let out = quotewire(&["analyze", "--jobs", "1", path.to_str().unwrap()]);
        let recs = records(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut fail = |why: String| failures.push(format!("{file}: {why}\nstderr: {stderr}"));
        if out.status.code() != exit.parse().ok() {
            fail(format!("exit {:?}, expected {exit}", out.status.code()));
        }
        if recs.len().to_string() != nrec {
            fail(format!("{} records, expected {nrec}", recs.len()));
        }
        recs.iter().for_each(spans_inside);
        let text = recs
            .first()
            .and_then(|r| r["text"].as_str())
            .unwrap_or("")
            .to_string();
        let warnings: Vec<String> = recs
            .iter()
            .flat_map(|r| r["warnings"].as_array().cloned().unwrap_or_default())
            .filter_map(|w| w.as_str().map(String::from))
            .collect();
        for check in checks.split(';').filter(|c| !c.is_empty()) {
            let (k, v) = check.split_once(':').unwrap_or((check, ""));
            let v = unescape(v);
            let ok = match k {
                "text" => text.contains(&v),
                "notext" => !text.contains(&v),
                "warning" => warnings.iter().any(|w| w.contains(&v)),
                "stderr" => stderr.contains(&v),
                "lang" => recs.iter().all(|r| r["language"].is_null()),
                "nofffd" => recs
                    .iter()
                    .all(|r| !r["text"].as_str().unwrap_or("").contains('\u{fffd}')),
                "empty" => text.is_empty(),
                _ => panic!("expected.tsv: unknown check {check:?}"),
            };
            if !ok {
                fail(format!(
                    "check {check:?} failed; text starts {:?}, warnings {warnings:?}",
                    text.chars().take(80).collect::<String>()
                ));
            }
        }
    }
    // every case file has an expected outcome
    let mut files: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    listed.sort();
    assert_eq!(
        files, listed,
        "tests/hostile/cases and expected.tsv disagree"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The large cases, written to `dir`: `(file name, what must hold)`.
fn large_cases(dir: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let mut write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        paths.push(p);
    };
    // a 10 MB single line of words, no sentence end
    let words = [
        "the",
        "mayor",
        "said",
        "bridge",
        "would",
        "reopen",
        "council",
        "according",
        "to",
    ];
    let mut line = String::with_capacity(10 << 20);
    let mut i = 0usize;
    while line.len() < 10 << 20 {
        line.push_str(words[(i * 7 + i / 3) % words.len()]);
        line.push(' ');
        i += 1;
    }
    write("line-10mb.txt", line.as_bytes());
    // a million quotation marks, straight and curly
    write("quotes-1m.txt", "\"“”".repeat(1_000_000 / 3).as_bytes());
    // 100,000-deep nesting
    let mut nest = String::from("<html><body>");
    nest.push_str(&"<div>".repeat(100_000));
    nest.push_str(
        "<p>The mayor said the bridge would reopen in May, according to the council.</p>",
    );
    nest.push_str(&"</div>".repeat(100_000));
    write("nesting-100k.html", nest.as_bytes());
    // a gzip bomb: 200 MB of zeros in about 200 KB
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..200 {
        gz.write_all(&zeros).unwrap();
    }
    write("bomb.txt.gz", &gz.finish().unwrap());
    paths
}

#[test]
fn large_hostile_inputs_are_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let paths = large_cases(dir.path());
    let arg = |i: usize| paths[i].to_str().unwrap().to_string();
    // 10 MB line: a record (in full, or cut short by the time budget with a warning)
    let out = quotewire(&["analyze", "--jobs", "1", "--time-budget", "3", &arg(0)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["text"].as_str().unwrap().len() >= 10 << 20);
    spans_inside(&recs[0]);
    // the same with a budget of about nothing: the record still comes, with
    // its text and a warning naming the stage the budget ran out in
    let out = quotewire(&[
        "analyze",
        "--jobs",
        "1",
        "--time-budget",
        "0.000001",
        &arg(0),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 1);
    assert!(recs[0]["text"].as_str().unwrap().len() >= 10 << 20);
    spans_inside(&recs[0]);
    let warnings = recs[0]["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| {
            let w = w.as_str().unwrap();
            w.contains("time budget") && w.contains("stage") && w.contains("not run")
        }),
        "{warnings:?}"
    );
    // a million quotation marks
    let out = quotewire(&["analyze", "--jobs", "1", "--time-budget", "3", &arg(1)]);
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 1);
    spans_inside(&recs[0]);
    // deep nesting: the paragraph is found
    let out = quotewire(&["analyze", "--jobs", "1", &arg(2)]);
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out.stdout);
    assert!(
        recs[0]["text"]
            .as_str()
            .unwrap()
            .contains("The mayor said the bridge")
    );
    // the bomb stops at the document limit with a clear error
    let out = quotewire(&["analyze", "--jobs", "1", "--max-doc-bytes", "16M", &arg(3)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("over the limit of 16777216 bytes"),
        "{stderr}"
    );
}

#[test]
fn a_run_over_every_hostile_input_goes_on_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(cases_dir()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    // a good page named to come last
    std::fs::copy(
        cases_dir().join("good.html"),
        dir.path().join("zz-last.html"),
    )
    .unwrap();
    let out = quotewire(&["analyze", "--jobs", "2", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let recs = records(&out.stdout);
    assert_eq!(recs.last().unwrap()["id"], "zz-last", "{stderr}");
    recs.iter().for_each(spans_inside);
    // the same records as file by file (one document never changes another's)
    let alone =
        records(&quotewire(&["analyze", cases_dir().join("good.html").to_str().unwrap()]).stdout);
    let mut last = recs.last().unwrap().clone();
    last["id"] = alone[0]["id"].clone();
    assert_eq!(last, alone[0]);
}
