"""quotewire: who said what in news pages.

Records are the JSON objects the `quotewire analyze` command writes, as
dicts (see the README, "The record"): article text and metadata,
attributions (direct / indirect / mixed quotations with cue, source, content
and the resolved speaker), entities and time expressions. Offsets are
Unicode code points into ``text``, end-exclusive: ``text[start:end]``.
"""

import datetime
import os
from typing import Any, BinaryIO, Dict, Iterable, Iterator, List, Literal, Optional, Union

__version__: str

DEFAULT_MAX_DOC_BYTES: int
"""Default ``max_doc_bytes``: 67108864 (64 MiB), the CLI's ``--max-doc-bytes``."""

DEFAULT_TIME_BUDGET: float
"""Default ``time_budget`` in seconds: 10.0, the CLI's ``--time-budget``."""

Record = Dict[str, Any]
"""One record: ``id``, ``url``, ``text``, ``title``, ``language``,
``published``, ``updated``, ``authors``, ``outlet``, ``dateline``,
``series``, ``tags``, ``related``, ``attributions``, ``entities``,
``timexes``, ``warnings``."""

WarcDocument = Dict[str, Any]
"""One document read from a WARC: ``id``, ``url``, ``content`` (bytes),
``format`` ("html" or "text"), ``charset``, ``warnings``, ``path``,
``record``, ``offset``, ``record_id``."""

class QuotewireError(Exception):
    """Base class of quotewire's errors; the message is the CLI's."""

class ReadError(QuotewireError):
    """Content or an archive record that could not be read."""

class AnalysisError(QuotewireError):
    """A document the pipeline failed on (a quotewire bug)."""

class QuotewireWarning(UserWarning):
    """A problem that did not stop reading (truncation, a damaged record)."""

def analyze(
    content: Union[str, bytes],
    *,
    url: Optional[str] = None,
    id: Optional[str] = None,
    published: Union[str, datetime.date, None] = None,
    keep_text: bool = False,
    articles_only: bool = False,
    max_doc_bytes: Optional[int] = None,
    time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
) -> Record:
    """Analyse one page (HTML, possibly gzip-compressed) or text.

    The record is the one `quotewire analyze -` writes for the same bytes on
    standard input (``id`` defaults to ``"stdin"``). ``url`` is the page's
    address, ``published`` ("YYYY-MM-DD" as `analyze --published` takes
    it, or a datetime.date) replaces the page's publication date and anchors
    relative time expressions, ``keep_text`` keeps ``text`` equal to the
    input. The GIL is released during the analysis.

    The crawl options are the CLI's: ``articles_only`` (``--articles-only``)
    skips attribution on pages whose ``page_type`` is known and is not
    ``article``; ``max_doc_bytes`` (``--max-doc-bytes``; None: 64 MiB) refuses
    a larger document with ReadError; ``time_budget`` (``--time-budget``,
    seconds; 0 or None: no limit) skips the stages left once spent, the
    record's ``warnings`` naming the stage.

    Raises ValueError (bad ``published``, ``max_doc_bytes`` or
    ``time_budget``; a WARC archive: use read_warc), TypeError (content
    neither str nor bytes), ReadError (binary, empty, damaged or over-size
    content), AnalysisError (a stage failed).
    """

class AnalyzeMany(Iterator[Record]):
    """Records of analyze_many, in input order."""

    def __iter__(self) -> "AnalyzeMany": ...
    def __next__(self) -> Record: ...

def analyze_many(
    iterable: Iterable[Union[str, bytes, WarcDocument, Dict[str, Any]]],
    *,
    jobs: Optional[int] = None,
    articles_only: bool = False,
    max_doc_bytes: Optional[int] = None,
    time_budget: Optional[float] = DEFAULT_TIME_BUDGET,
) -> AnalyzeMany:
    """Analyse many documents in parallel in Rust; yield records in order.

    Items are str / bytes content (as for analyze), dicts with ``content``
    and optional ``id``, ``url``, ``published``, ``keep_text``, or the dicts
    read_warc yields (analysed exactly as the CLI analyses those records).
    ``jobs``: worker threads (default and 0: all cores; at most 4 per core).
    ``articles_only``, ``max_doc_bytes``, ``time_budget``: as for analyze,
    applied to every item (an item over ``max_doc_bytes`` raises ReadError).
    Streaming, at most three chunks (<= 256 documents / 64 MiB each) held.
    A failing item raises its exception in its place; next() goes on.
    """

class WarcReader(Iterator[WarcDocument]):
    """Documents of read_warc, in archive order."""

    def __iter__(self) -> "WarcReader": ...
    def __next__(self) -> WarcDocument: ...

def read_warc(
    path_or_fileobj: Union[str, "os.PathLike[str]", BinaryIO],
    *,
    errors: Literal["warn", "raise"] = "warn",
    max_doc_bytes: Optional[int] = None,
) -> WarcReader:
    """Stream every HTML response of a WARC / WARC.gz (path or binary file).

    With a path, the documents are exactly those `quotewire analyze PATH`
    analyses. A path that cannot be opened raises OSError; a damaged record,
    or one over ``max_doc_bytes`` (``--max-doc-bytes``; None: 64 MiB; never
    held in memory), is a QuotewireWarning (reading goes on), or ReadError
    with ``errors="raise"``.
    """
