#!/usr/bin/env python3
"""Throughput under faults: the shared pages with 1% hostile records mixed in.

Packs every shared HTML page into a clean WARC.gz (bench/pack_warc.py), then
writes a faulty copy with one hostile record after every 98 clean ones (1 %),
cycling through the kinds below (all generated here, no corpus text), runs
`quotewire analyze --jobs J` on both (best of --runs), and prints clean
pages per second for each, their ratio, and whether every clean record of
the faulty run is byte-identical to the clean run's.

Hostile kinds: binary junk served as text/html; a gzip Content-Encoding
that is not gzip; a chunked body cut short; Shift-JIS bytes labelled UTF-8;
100,000-deep nesting; 20,000 quotation marks; a 200 KB quote-dense page
without a sentence end; a record whose Content-Length is too large; a
record whose Content-Length is missing; a gzip member cut in half.

Usage: bench/faults.py [--shared ../shared] [--bin target/release/quotewire]
                       [--work /tmp/qw-bench] [--runs 3] [--jobs 1]
Exit status 1 when a clean record differs or goes missing. Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pack_warc  # noqa: E402

EVERY = 100  # one hostile record per EVERY records: 1 %


def hostile_payloads():
    """(kind, HTTP block, how to write the WARC record) for each hostile kind."""
    junk = bytes((i * 7919 + 13) % 256 for i in range(8192))
    page = lambda body: (  # noqa: E731
        "<html><head><title>t</title></head><body><article>" + body + "</article></body></html>"
    )
    def http(payload: bytes, headers: str = "Content-Type: text/html\r\n") -> bytes:
        return b"HTTP/1.1 200 OK\r\n" + headers.encode() + b"\r\n" + payload
    sjis = page("<p>" + "市長は月曜日、橋が五月に再開されると述べた。" * 50 + "</p>")
    sjis = sjis.replace("<head>", '<head><meta charset="utf-8">').encode("shift_jis")
    return [
        ("binary", http(junk), None),
        ("bad-gzip", http(b"\x1f\x8b\x08\x00 not deflate" * 20, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n"), None),
        ("cut-chunked", http(b"400\r\n" + b"x" * 100, "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"), None),
        ("sjis-as-utf8", http(sjis), None),
        ("deep-nesting", http(page("<div>" * 100_000 + "<p>The mayor said it.</p>" + "</div>" * 100_000).encode()), None),
        ("quote-marks", http(page("<p>" + "\u201c\u201d\"" * 7000 + "</p>").encode()), None),
        ("no-sentence-end", http(page("<p>" + 'Smith said "a b c" and ' * 9000 + "</p>").encode()), None),
        ("length-too-large", http(page("<p>The mayor said the bridge would reopen.</p>").encode()), "long"),
        ("length-missing", http(page("<p>The mayor said the bridge would reopen.</p>").encode()), "missing"),
        ("cut-member", http(page("<p>The mayor said the bridge would reopen.</p>" * 50).encode()), "cut"),
    ]


def hostile_record(n: int, kind: str, block: bytes, how: str | None) -> bytes:
    rid = f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"
    head = [b"WARC/1.0", b"WARC-Type: response", f"WARC-Record-ID: {rid}".encode(),
            f"WARC-Target-URI: https://hostile.invalid/{kind}/{n}".encode(),
            b"Content-Type: application/http; msgtype=response"]
    if how != "missing":
        length = len(block) + (100_000 if how == "long" else 0)
        head.append(f"Content-Length: {length}".encode())
    raw = b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"
    member = gzip.compress(raw, mtime=0)
    return member[: len(member) // 2] if how == "cut" else member


def gzip_members(path: Path) -> list[bytes]:
    """Split a multi-member gzip file into its members (each record is one)."""
    data = path.read_bytes()
    out, pos = [], 0
    import zlib
    while pos < len(data):
        d = zlib.decompressobj(wbits=31)
        d.decompress(data[pos:])
        used = len(data) - pos - len(d.unused_data)
        out.append(data[pos:pos + used])
        pos += used
    return out


def run(binary: str, warc: Path, out: Path, jobs: int, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        with open(out, "wb") as f:
            subprocess.run([binary, "analyze", "-q", "--jobs", str(jobs), str(warc)], stdout=f,
                           stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - t)
    return best


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=root / ".." / "shared")
    ap.add_argument("--bin", default=str(root / "target" / "release" / "quotewire"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/qw-bench"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    dirs = [a.shared / "data" / c / "html" for c in ("article-extraction", "dates")]
    dirs = [d for d in dirs if d.is_dir()]
    if not dirs:
        print(f"faults: no shared pages under {a.shared}/data", file=sys.stderr)
        return 2
    clean = a.work / "faults-clean.warc.gz"
    manifest = pack_warc.pack(dirs, clean)
    members = gzip_members(clean)
    kinds = hostile_payloads()
    faulty = a.work / "faults-hostile.warc.gz"
    n_hostile = 0
    with open(faulty, "wb") as f:
        for i, m in enumerate(members):
            f.write(m)
            if i % (EVERY - 2) == EVERY - 3:
                kind, block, how = kinds[n_hostile % len(kinds)]
                f.write(hostile_record(n_hostile, kind, block, how))
                n_hostile += 1
    pages = manifest["pages"]
    t_clean = run(a.bin, clean, a.work / "faults-clean.jsonl", a.jobs, a.runs)
    t_faulty = run(a.bin, faulty, a.work / "faults-hostile.jsonl", a.jobs, a.runs)
    def records(p: Path) -> dict[str, str]:
        out = {}
        for line in p.read_text(encoding="utf-8").splitlines():
            out[json.loads(line)["id"]] = line
        return out
    rc, rf = records(a.work / "faults-clean.jsonl"), records(a.work / "faults-hostile.jsonl")
    missing = [k for k in rc if k not in rf]
    differ = [k for k in rc if k in rf and rf[k] != rc[k]]
    hostile_out = len([k for k in rf if "hostile" in k or k not in rc])
    print(f"clean WARC: {pages} pages; faulty WARC: the same plus {n_hostile} hostile records "
          f"({100 * n_hostile / (pages + n_hostile):.1f} %), --jobs {a.jobs}, best of {a.runs}")
    print("| run | seconds | clean pages/s |")
    print("|---|---:|---:|")
    print(f"| clean | {t_clean:.2f} | {pages / t_clean:.1f} |")
    print(f"| with hostile records | {t_faulty:.2f} | {pages / t_faulty:.1f} |")
    print(f"ratio (faulty / clean pages/s): {t_clean / t_faulty:.3f}")
    print(f"clean records: {len(rc)}; missing in the faulty run: {len(missing)}; different: {len(differ)}; "
          f"records of hostile inputs written: {hostile_out}")
    for k in (missing + differ)[:5]:
        print(f"  differs or missing: {k}")
    return 1 if missing or differ else 0


if __name__ == "__main__":
    sys.exit(main())
