"""The crawl options of the package (articles_only, max_doc_bytes,
time_budget) against the CLI's --articles-only, --max-doc-bytes and
--time-budget: same records, same messages."""

from __future__ import annotations

import re
import warnings

import pytest

import quotewire
from conftest import REPO, file_id

SEED = REPO / "examples" / "sputnik-2018-12-20-putin-trump.txt"
# the elapsed time in a time-budget warning differs from run to run
ELAPSED = re.compile(r"\(\d+(\.\d+)? s in all\)")


def masked(records):
    """Records with the elapsed seconds of time-budget warnings masked."""
    return [{**r, "warnings": [ELAPSED.sub("(_ s in all)", w) for w in r["warnings"]]} for r in records]


def quiet_read(path, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", quotewire.QuotewireWarning)
        return list(quotewire.read_warc(path, **kw))


def test_defaults_are_the_clis():
    assert quotewire.DEFAULT_MAX_DOC_BYTES == 64 * 1024 * 1024
    assert quotewire.DEFAULT_TIME_BUDGET == 10.0
    text = SEED.read_bytes()
    default = quotewire.analyze(text)
    explicit = quotewire.analyze(text, articles_only=False, max_doc_bytes=quotewire.DEFAULT_MAX_DOC_BYTES,
                                 time_budget=quotewire.DEFAULT_TIME_BUDGET)
    assert default == explicit
    # no limit (0 or None) gives the same record for a page far within the budget
    assert quotewire.analyze(text, time_budget=0) == default
    assert quotewire.analyze(text, time_budget=None) == default


def test_articles_only_equals_cli(run_cli, shared):
    folder = shared / "data" / "article-extraction" / "html"
    expected = run_cli.records("--articles-only", str(folder))
    docs = quiet_read(folder)
    got = list(quotewire.analyze_many(docs, jobs=2, articles_only=True))
    assert got == expected
    others = [i for i, r in enumerate(got) if r.get("page_type") not in (None, "article")]
    assert others, "the shared pages include listings and forums"
    assert all(got[i]["attributions"] == [] for i in others)
    # without the option those pages do get attributions: the option did something
    full = list(quotewire.analyze_many([docs[i] for i in others], jobs=2))
    assert sum(len(r["attributions"]) for r in full) > 0
    assert [r["text"] for r in full] == [got[i]["text"] for i in others]
    # analyze takes it too
    page = docs[others[0]]
    assert quotewire.analyze(page["content"], id=page["id"], url=page["url"], articles_only=True)["attributions"] == []


def test_time_budget_equals_cli(run_cli):
    [expected] = run_cli.records("--time-budget", "0.000000001", str(SEED))
    got = quotewire.analyze(SEED.read_bytes(), id=file_id(SEED.name), time_budget=1e-9)
    assert masked([got]) == masked([expected])
    assert got["attributions"] == [] and "time budget" in got["warnings"][-1]
    assert "not run: segment, tag, attribute, resolve" in got["warnings"][-1]
    [many] = list(quotewire.analyze_many([{"content": SEED.read_bytes(), "id": file_id(SEED.name)}],
                                         time_budget=1e-9))
    assert masked([many]) == masked([expected])
    [unlimited] = run_cli.records("--time-budget", "0", str(SEED))
    assert quotewire.analyze(SEED.read_bytes(), id=file_id(SEED.name), time_budget=0) == unlimited
    assert unlimited["attributions"]


def test_max_doc_bytes_on_a_warc_equals_cli(run_cli, shared):
    path = shared / "data" / "warc" / "cc-main-2020-34-excerpt.warc.gz"
    sizes = sorted(len(d["content"]) for d in quiet_read(path))
    limit = sizes[len(sizes) // 2]  # about half the records are over it (the declared size counts)
    expected = run_cli.records("--max-doc-bytes", str(limit), str(path))
    cli_errors = run_cli.messages("--max-doc-bytes", str(limit), str(path))
    assert 0 < len(expected) < len(sizes)
    assert cli_errors and all("over the limit" in m for m in cli_errors)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", quotewire.QuotewireWarning)
        docs = list(quotewire.read_warc(path, max_doc_bytes=limit))
    assert [str(w.message) for w in caught if "over the limit" in str(w.message)] == cli_errors
    assert list(quotewire.analyze_many(docs, jobs=1)) == expected
    with pytest.raises(quotewire.ReadError, match="over the limit"):
        list(quotewire.read_warc(path, max_doc_bytes=limit, errors="raise"))


def test_max_doc_bytes_on_content_equals_cli(run_cli):
    data = SEED.read_bytes()
    cli_msg = run_cli.messages("--max-doc-bytes", "1K", "-", stdin=data)[0]
    with pytest.raises(quotewire.ReadError) as e:
        quotewire.analyze(data, max_doc_bytes=1024)
    assert str(e.value) == cli_msg
    assert "over the limit of 1024 bytes" in cli_msg
    assert quotewire.analyze(data, max_doc_bytes=len(data))["text"]
    # in analyze_many the over-size item raises in its place, the others go on
    it = quotewire.analyze_many([b"short text, he said.", data, b"another short text."], max_doc_bytes=1024)
    assert next(it)["text"]
    with pytest.raises(quotewire.ReadError, match="over the limit of 1024 bytes"):
        next(it)
    assert next(it)["text"]
    # a read_warc dict over the limit is refused too, naming the record
    doc = {"content": data, "id": "<urn:uuid:x>", "format": "text", "path": "a.warc", "record": 3, "offset": 10}
    with pytest.raises(quotewire.ReadError, match=r"a\.warc.*over the limit of 1024 bytes"):
        list(quotewire.analyze_many([doc], max_doc_bytes=1024))


@pytest.mark.parametrize("kw", [{"max_doc_bytes": 0}, {"max_doc_bytes": -5}, {"time_budget": -1.0},
                                {"time_budget": float("nan")}, {"time_budget": float("inf")}])
def test_bad_limits_are_value_errors(kw):
    name = next(iter(kw))
    with pytest.raises(ValueError, match=name):
        quotewire.analyze("text", **kw)
    with pytest.raises(ValueError, match=name):
        quotewire.analyze_many(["text"], **kw)
    if name == "max_doc_bytes":
        with pytest.raises(ValueError, match=name):
            quotewire.read_warc(SEED, **kw)
