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
) -> Record:
    """Analyse one page (HTML, possibly gzip-compressed) or text.

    The record is the one `quotewire analyze -` writes for the same bytes on
    standard input (``id`` defaults to ``"stdin"``). ``url`` is the page's
    address, ``published`` ("YYYY-MM-DD" as `analyze --published` takes
    it, or a datetime.date) replaces the page's publication date and anchors
    relative time expressions, ``keep_text`` keeps ``text`` equal to the
    input. The GIL is released during the analysis.

    Raises ValueError (bad ``published``; a WARC archive: use read_warc),
    TypeError (content neither str nor bytes), ReadError (binary, empty or
    damaged content), AnalysisError (a stage failed).
    """

class AnalyzeMany(Iterator[Record]):
    """Records of analyze_many, in input order."""

    def __iter__(self) -> "AnalyzeMany": ...
    def __next__(self) -> Record: ...

def analyze_many(
    iterable: Iterable[Union[str, bytes, WarcDocument, Dict[str, Any]]],
    *,
    jobs: Optional[int] = None,
) -> AnalyzeMany:
    """Analyse many documents in parallel in Rust; yield records in order.

    Items are str / bytes content (as for analyze), dicts with ``content``
    and optional ``id``, ``url``, ``published``, ``keep_text``, or the dicts
    read_warc yields (analysed exactly as the CLI analyses those records).
    ``jobs``: worker threads (default and 0: all cores; at most 4 per core).
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
) -> WarcReader:
    """Stream every HTML response of a WARC / WARC.gz (path or binary file).

    With a path, the documents are exactly those `quotewire analyze PATH`
    analyses. A path that cannot be opened raises OSError; a damaged record
    is a QuotewireWarning (reading goes on), or ReadError with
    ``errors="raise"``.
    """
