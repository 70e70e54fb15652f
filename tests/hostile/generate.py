#!/usr/bin/env python3
"""Write the small hostile inputs of tests/hostile/cases/ (deterministic).

Run from anywhere: python3 tests/hostile/generate.py
The expected outcome of each file is in tests/hostile/expected.tsv; the large
cases (10 MB line, gzip bomb, deep nesting, a million quotation marks) are
generated at test time by crates/cli/tests/hostile.rs, never committed.
Every text here is written for this suite (no corpus excerpts).
"""
import gzip
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

PROSE = (
    "The mayor said on Monday that the bridge would reopen in May. "
    "\u201cWe are ready,\u201d she told reporters at the town hall.\n\n"
    "Engineers from the city council inspected the repairs, according to a statement.\n"
)


def page(body, head="", lang_meta=""):
    return (
        "<!DOCTYPE html><html><head>" + head + lang_meta + "<title>Bridge to reopen</title></head>"
        "<body><article><h1>Bridge to reopen</h1>" + body + "</article></body></html>"
    )


def paras(text):
    return "".join("<p>" + p + "</p>" for p in text.split("\n\n") if p.strip())


def warc_record(rtype, uri, block, rid, length=None, extra=""):
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {rtype}\r\n"
        f"WARC-Record-ID: <urn:uuid:{rid}>\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "WARC-Date: 2020-01-02T03:04:05Z\r\n"
        + extra
    )
    if length != "missing":
        head += f"Content-Length: {len(block) if length is None else length}\r\n"
    return head.encode() + b"\r\n" + block + b"\r\n\r\n"


def http(body, headers=""):
    return ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + headers + "\r\n").encode() + body


def uuid(n):
    return f"00000000-0000-4000-8000-{n:012d}"


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    cases = {}
    good_html = page(paras(PROSE)).encode()
    cases["good.html"] = good_html
    # gzip cut in the middle of the stream
    gz = gzip.compress(page(paras(PROSE * 40)).encode(), mtime=0)
    cases["truncated.html.gz"] = gz[: len(gz) // 2]
    # gzip with garbage after a valid member
    cases["trailing-garbage.html.gz"] = gzip.compress(good_html, mtime=0) + b"\x00\x01garbage"
    # not gzip at all but named .gz
    cases["not-gzip.html.gz"] = b"\x1f\x8b\x08\x00 this is not deflate data at all"
    # WARC: Content-Length too large, too small, missing; a record cut off
    r1 = warc_record("response", "https://example.com/a", http(good_html), uuid(1))
    r2 = warc_record("response", "https://example.com/b", http(good_html), uuid(2))
    cases["warc-length-too-large.warc"] = warc_record(
        "response", "https://example.com/x", http(good_html), uuid(3), length=len(http(good_html)) + 5000
    ) + r2
    cases["warc-length-too-small.warc"] = warc_record(
        "response", "https://example.com/x", http(good_html), uuid(4), length=40
    ) + r2
    cases["warc-length-missing.warc"] = warc_record(
        "response", "https://example.com/x", http(good_html), uuid(5), length="missing"
    ) + r2
    cases["warc-length-not-a-number.warc"] = warc_record(
        "response", "https://example.com/x", http(good_html), uuid(6), length="12abc"
    ) + r2
    cases["warc-cut-off.warc"] = r1 + r2[: len(r2) // 2]
    # chunked and compressed HTTP payloads
    body = good_html
    chunked = b""
    for i in range(0, len(body), 100):
        part = body[i : i + 100]
        chunked += f"{len(part):x}\r\n".encode() + part + b"\r\n"
    chunked += b"0\r\n\r\n"
    cases["http-chunked.warc"] = warc_record(
        "response", "https://example.com/c", http(chunked, "Transfer-Encoding: chunked\r\n"), uuid(7)
    )
    cases["http-gzip.warc"] = warc_record(
        "response", "https://example.com/g", http(gzip.compress(body, mtime=0), "Content-Encoding: gzip\r\n"), uuid(8)
    )
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw_deflate = co.compress(body) + co.flush()
    cases["http-deflate.warc"] = warc_record(
        "response", "https://example.com/d", http(raw_deflate, "Content-Encoding: deflate\r\n"), uuid(9)
    )
    cases["http-chunked-broken.warc"] = warc_record(
        "response", "https://example.com/cb", http(b"zz\r\n" + body, "Transfer-Encoding: chunked\r\n"), uuid(10)
    )
    cases["http-gzip-broken.warc"] = warc_record(
        "response", "https://example.com/gb", http(b"\x1f\x8b\x08\x00broken" + body, "Content-Encoding: gzip\r\n"), uuid(11)
    )
    cases["http-brotli.warc"] = warc_record(
        "response", "https://example.com/br", http(b"\x0b\x02\x80hello", "Content-Encoding: br\r\n"), uuid(12)
    )
    cases["warc.warc.gz"] = gzip.compress(r1, mtime=0) + gzip.compress(r2, mtime=0)
    # mislabelled charsets
    fr = "Le maire a d\u00e9clar\u00e9 lundi que le pont rouvrirait en mai. \u00ab Nous sommes pr\u00eats \u00bb, a-t-elle dit aux journalistes."
    ru = "\u041c\u044d\u0440 \u0437\u0430\u044f\u0432\u0438\u043b\u0430 \u0432 \u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a, \u0447\u0442\u043e \u043c\u043e\u0441\u0442 \u043e\u0442\u043a\u0440\u043e\u044e\u0442 \u0432 \u043c\u0430\u0435."
    ja = "\u5e02\u9577\u306f\u6708\u66dc\u65e5\u3001\u6a4b\u304c\u4e94\u6708\u306b\u518d\u958b\u3055\u308c\u308b\u3068\u8ff0\u3079\u305f\u3002"
    meta_utf8 = '<meta charset="utf-8">'
    cases["cp1252-declared-utf8.html"] = page("<p>" + fr * 3 + "</p>", head=meta_utf8).encode("cp1252")
    cases["koi8r-declared-utf8.html"] = page("<p>" + ru * 3 + "</p>", head=meta_utf8).encode("koi8_r")
    cases["sjis-declared-utf8.html"] = page("<p>" + ja * 5 + "</p>", head=meta_utf8).encode("shift_jis")
    cases["utf8-declared-cp1252.html"] = page("<p>" + fr * 3 + "</p>", head='<meta charset="windows-1252">').encode("utf-8")
    cases["meta-charset-lies-koi8r.html"] = page("<p>" + fr * 3 + "</p>", head='<meta charset="koi8-r">').encode("utf-8")
    cases["utf16le-bom.txt"] = b"\xff\xfe" + PROSE.encode("utf-16-le")
    cases["utf16be-bom.html"] = b"\xfe\xff" + page(paras(PROSE)).encode("utf-16-be")
    cases["utf8-bom.txt"] = b"\xef\xbb\xbf" + PROSE.encode()
    # invalid UTF-8 in text
    cases["invalid-utf8.txt"] = PROSE.encode().replace(b"bridge", b"br\xffidge", 1) + b"\xc3\x28 end\n"
    cases["cp1252.txt"] = (fr + "\n").encode("cp1252")
    # NUL bytes
    cases["nul-bytes.txt"] = PROSE.encode().replace(b" ", b"\x00", 5)
    cases["nul-bytes.html"] = good_html.replace(b"<p>", b"<p>\x00\x00", 2)
    cases["binary-junk.html"] = bytes((i * 7919 + 13) % 256 for i in range(4096))
    # empty and whitespace-only
    cases["empty.txt"] = b""
    cases["whitespace-only.txt"] = b" \n\t\r\n   \n\n"
    cases["empty.html"] = b""
    # HTML without a body, without anything
    cases["no-body.html"] = b"<!DOCTYPE html><html><head><title>Only a title</title></head></html>"
    cases["only-doctype.html"] = b"<!DOCTYPE html>"
    cases["unclosed-tags.html"] = b"<html><body><div><p>" + ("The mayor said the bridge would reopen. " * 20).encode() + b"<div><span><b><i>"
    # a bogus Content-Language
    cases["content-language-utf8.html"] = page(
        paras(PROSE), lang_meta='<meta http-equiv="Content-Language" content="UTF-8">'
    ).encode()
    cases["lang-attribute-garbage.html"] = page(paras(PROSE)).replace("<html>", '<html lang="!!!">').encode()
    # dates in odd digits and odd places
    cases["odd-digit-date.txt"] = ("2018-12-20T10:30+\u0966\u096b:\u0966\u0966\n\n" + PROSE).encode()
    cases["according-to-first.txt"] = b", according to officials, the bridge will reopen.\n"
    cases["no-sentence-end.txt"] = ('Smith said "a b c" and ' * 400).encode()
    for name, data in sorted(cases.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"wrote {len(cases)} files to {OUT}")


if __name__ == "__main__":
    main()
