#!/usr/bin/env python3
"""Unit tests of the bench helpers on tiny hand-made pages (no shared data needed).

    python3 -m unittest bench/test_bench.py
"""

import gzip
import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pack_warc  # noqa: E402
import records  # noqa: E402

PAGE_A = "<html><head><title>A</title></head><body><p>Caf\u00e9 opens.</p></body></html>".encode("utf-8")
PAGE_B = b"<html><body><p>Latin-1 \xe9t\xe9</p></body></html>"  # not UTF-8


def parse_warc(data: bytes):
    """Minimal WARC reader for the test: [(headers dict, block bytes)]."""
    out, pos = [], 0
    while pos < len(data):
        end = data.index(b"\r\n\r\n", pos)
        lines = data[pos:end].decode("utf-8").split("\r\n")
        assert lines[0] == "WARC/1.0", lines[0]
        headers = dict(line.split(": ", 1) for line in lines[1:])
        n = int(headers["Content-Length"])
        block = data[end + 4:end + 4 + n]
        assert data[end + 4 + n:end + 8 + n] == b"\r\n\r\n"
        out.append((headers, block))
        pos = end + 8 + n
    return out


class PackWarcTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = Path(self.tmp.name)
        self.html = root / "corpus" / "html"
        self.html.mkdir(parents=True)
        (self.html / "a1.html.gz").write_bytes(gzip.compress(PAGE_A))
        (self.html / "b2.html").write_bytes(PAGE_B)
        (self.html / "notes.md").write_text("not a page")
        (root / "corpus" / "gold.json").write_text(json.dumps({"a1": {"url": "https://example.org/a1"}}))
        self.out = root / "out" / "pages.warc.gz"

    def tearDown(self):
        self.tmp.cleanup()

    def test_records_and_members(self):
        m = pack_warc.pack([self.html], self.out)
        raw = self.out.read_bytes()
        # one gzip member per record: warcinfo + 2 responses
        self.assertEqual(raw.count(b"\x1f\x8b\x08"), 3)
        recs = parse_warc(gzip.decompress(raw))
        self.assertEqual([h["WARC-Type"] for h, _ in recs], ["warcinfo", "response", "response"])
        h, block = recs[1]
        self.assertEqual(h["WARC-Target-URI"], "https://example.org/a1")
        self.assertEqual(h["Content-Type"], "application/http; msgtype=response")
        self.assertTrue(block.startswith(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"))
        self.assertTrue(block.endswith(PAGE_A))
        self.assertEqual(h["WARC-Payload-Digest"], pack_warc.sha1_digest(PAGE_A))
        self.assertEqual(recs[2][0]["WARC-Target-URI"], "https://bench.invalid/corpus/b2")
        self.assertTrue(recs[2][1].endswith(PAGE_B))
        self.assertEqual(m["pages"], 2)
        self.assertEqual(m["payload_bytes"], len(PAGE_A) + len(PAGE_B))
        # b"\xe9" twice becomes U+FFFD (3 bytes each) in the anchors' UTF-8 measure
        self.assertEqual(m["utf8_bytes"], len(PAGE_A) + len(PAGE_B) + 4)
        self.assertEqual([r["id"] for r in m["records"]], ["a1", "b2"])

    def test_deterministic(self):
        pack_warc.pack([self.html], self.out)
        first = self.out.read_bytes()
        pack_warc.pack([self.html], self.out)
        self.assertEqual(first, self.out.read_bytes())


class RecordsTest(unittest.TestCase):
    def test_stem(self):
        self.assertEqual(records.stem("html/0123abcd.html.gz"), "0123abcd")
        self.assertEqual(records.stem("story.txt"), "story")
        self.assertEqual(records.stem("<urn:uuid:1>"), "<urn:uuid:1>")

    def test_to_extraction_with_map(self):
        recs = [{"id": "<urn:uuid:1>", "text": "Body one."}, {"id": "p2", "text": None}]
        out = records.to_extraction(recs, {"<urn:uuid:1>": "p1"})
        self.assertEqual(out, {"p1": {"articleBody": "Body one."}, "p2": {"articleBody": ""}})

    def test_read_records_skips_bad_lines(self):
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "r.jsonl"
            p.write_text('{"id": "a", "text": "x"}\nnot json\n\n[1]\n{"id": "b"}\n', encoding="utf-8")
            self.assertEqual([r["id"] for r in records.read_records(p)], ["a", "b"])


if __name__ == "__main__":
    unittest.main()
