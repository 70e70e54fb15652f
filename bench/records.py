#!/usr/bin/env python3
"""Adapt quotewire JSONL records to the scorers' input formats.

    records.py extraction RECORDS.jsonl OUT.json [--manifest WARC.manifest.json]
        -> {id: {"articleBody": text}} for score_extraction.py

A record's id is its file stem (`quotewire analyze DIR`); with --manifest (written
by pack_warc.py) a WARC-Record-ID is mapped back to the page id it was packed from.
Records that are not JSON objects are skipped and counted on stderr.
The attribution and dates scorers read the records directly; they need no adapter.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def read_records(path: Path):
    """Yield every JSON object of a JSONL file; count and skip broken lines."""
    bad = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if isinstance(rec, dict):
                yield rec
            else:
                bad += 1
    if bad:
        print(f"records.py: {path}: skipped {bad} lines that are not JSON records", file=sys.stderr)


def stem(record_id: str) -> str:
    """A record id reduced to a file stem: no folders, no .gz/.html/.htm/.txt suffix."""
    name = record_id.replace("\\", "/").rsplit("/", 1)[-1]
    if name.endswith(".gz"):
        name = name[:-3]
    for ext in (".html", ".htm", ".txt"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return name


def to_extraction(records, id_map: dict[str, str] | None = None) -> dict:
    """{id: {"articleBody": text}} from records; `id_map` renames WARC record ids."""
    out = {}
    for rec in records:
        rid = str(rec.get("id") or "")
        key = id_map.get(rid, rid) if id_map else rid
        out[stem(key)] = {"articleBody": rec.get("text") or ""}
    return out


def manifest_ids(path: Path) -> dict[str, str]:
    """WARC-Record-ID -> page id, from a pack_warc.py manifest."""
    m = json.loads(path.read_text(encoding="utf-8"))
    return {r["record_id"]: r["id"] for r in m.get("records", [])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("format", choices=["extraction"])
    ap.add_argument("records", type=Path, help="quotewire JSONL output")
    ap.add_argument("out", type=Path, help="JSON file to write")
    ap.add_argument("--manifest", type=Path, help="pack_warc.py manifest mapping WARC record ids to page ids")
    a = ap.parse_args(argv)
    id_map = manifest_ids(a.manifest) if a.manifest else None
    preds = to_extraction(read_records(a.records), id_map)
    a.out.write_text(json.dumps(preds, ensure_ascii=False), encoding="utf-8")
    print(f"{a.out}: {len(preds)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
