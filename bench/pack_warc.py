#!/usr/bin/env python3
"""Pack HTML pages (*.html.gz / *.html) into ONE WARC.gz for throughput runs.

Every page becomes a WARC/1.0 `response` record (Content-Type
`application/http; msgtype=response`) whose block is an HTTP/1.1 200 response
(`Content-Type: text/html`, no charset: the pages carry their own) followed by
the page bytes exactly as stored, decompressed.  Each record is its own gzip
member, as in Common Crawl files, and a `warcinfo` record comes first.  The
record ids are deterministic (UUID5 of corpus and page id), so two runs give
the same file.  WARC-Target-URI is the page's URL from the corpus gold file
when it has one (ground-truth.json / gold.json beside the html/ folder),
otherwise a made-up `https://bench.invalid/<corpus>/<id>`.

A manifest (OUT + ".manifest.json") lists every record: WARC-Record-ID,
corpus, page id, URL, payload bytes, and the payload decoded as UTF-8 (with
replacement) re-encoded, which is how shared/bench/anchors.py counts bytes.

Write the output to a temporary folder, never into the repository (the pages
are third-party content).  Standard library only.

Usage:
    pack_warc.py --out /tmp/qw-bench/pages.warc.gz DIR [DIR ...]
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path

CRLF = b"\r\n"
# A fixed capture date keeps the file byte-identical between runs.
WARC_DATE = "2026-01-01T00:00:00Z"


def sha1_digest(data: bytes) -> str:
    """WARC digest form: `sha1:` + base32 of the SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    """One uncompressed WARC/1.0 record: header lines, blank line, block, two CRLFs."""
    head = [b"WARC/1.0"]
    for name, value in headers + [("Content-Length", str(len(block)))]:
        head.append(f"{name}: {value}".encode("utf-8"))
    return CRLF.join(head) + CRLF + CRLF + block + CRLF + CRLF


def http_response(payload: bytes) -> bytes:
    """An HTTP/1.1 200 response carrying `payload` as text/html."""
    head = (
        b"HTTP/1.1 200 OK\r\n"
        b"Content-Type: text/html\r\n"
        + f"Content-Length: {len(payload)}\r\n".encode("ascii")
        + b"\r\n"
    )
    return head + payload


def page_id(path: Path) -> str:
    """File name without .gz and .html/.htm (the id quotewire and the scorers use)."""
    name = path.name
    if name.endswith(".gz"):
        name = name[:-3]
    for ext in (".html", ".htm"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return name


def gold_urls(html_dir: Path) -> dict[str, str]:
    """Page URLs from the corpus gold file next to html/, when there is one."""
    for name in ("ground-truth.json", "gold.json"):
        gold = html_dir.parent / name
        if gold.is_file():
            try:
                data = json.loads(gold.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return {}
            return {k: v.get("url") for k, v in data.items() if isinstance(v, dict) and v.get("url")}
    return {}


def pages(dirs: list[Path]):
    """Yield (corpus, id, url, payload bytes) for every page in `dirs`, sorted by name."""
    for d in dirs:
        corpus = d.parent.name if d.name == "html" else d.name
        urls = gold_urls(d)
        files = sorted(p for p in d.iterdir() if p.name.endswith((".html.gz", ".htm.gz", ".html", ".htm")))
        for p in files:
            raw = p.read_bytes()
            if raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)
            pid = page_id(p)
            yield corpus, pid, urls.get(pid) or f"https://bench.invalid/{corpus}/{pid}", raw


def pack(dirs: list[Path], out: Path) -> dict:
    """Write the WARC.gz and its manifest; return the manifest."""
    out.parent.mkdir(parents=True, exist_ok=True)
    manifest = {"warc": str(out), "records": [], "payload_bytes": 0, "utf8_bytes": 0}
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "wb") as f:
        info = (
            "software: quotewire bench/pack_warc.py\r\n"
            "format: WARC File Format 1.0\r\n"
            "description: shared benchmark pages for throughput runs\r\n"
        ).encode("utf-8")
        f.write(gzip.compress(warc_record([
            ("WARC-Type", "warcinfo"),
            ("WARC-Date", WARC_DATE),
            ("WARC-Filename", out.name),
            ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'quotewire-bench:warcinfo')}>"),
            ("Content-Type", "application/warc-fields"),
        ], info), mtime=0))
        for corpus, pid, url, payload in pages(dirs):
            block = http_response(payload)
            rid = f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'quotewire-bench:{corpus}/{pid}')}>"
            f.write(gzip.compress(warc_record([
                ("WARC-Type", "response"),
                ("WARC-Date", WARC_DATE),
                ("WARC-Record-ID", rid),
                ("WARC-Target-URI", url),
                ("WARC-Payload-Digest", sha1_digest(payload)),
                ("WARC-Block-Digest", sha1_digest(block)),
                ("Content-Type", "application/http; msgtype=response"),
            ], block), mtime=0))
            utf8 = len(payload.decode("utf-8", errors="replace").encode("utf-8"))
            manifest["records"].append({"record_id": rid, "corpus": corpus, "id": pid, "url": url,
                                        "payload_bytes": len(payload), "utf8_bytes": utf8})
            manifest["payload_bytes"] += len(payload)
            manifest["utf8_bytes"] += utf8
    tmp.replace(out)
    manifest["pages"] = len(manifest["records"])
    manifest["warc_bytes"] = out.stat().st_size
    manifest["written"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    Path(str(out) + ".manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", type=Path, help="folders of *.html.gz / *.html pages")
    ap.add_argument("--out", required=True, type=Path, help="WARC.gz to write (use a temp folder)")
    a = ap.parse_args(argv)
    for d in a.dirs:
        if not d.is_dir():
            print(f"pack_warc.py: no such folder: {d}", file=sys.stderr)
            return 2
    m = pack(a.dirs, a.out)
    print(f"{a.out}: {m['pages']} response records, {m['payload_bytes'] / 1e6:.1f} MB of HTML, "
          f"{m['warc_bytes'] / 1e6:.1f} MB gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
