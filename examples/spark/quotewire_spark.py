#!/usr/bin/env python3
"""quotewire over WARC files with PySpark: Parquet tables of articles and attributions.

    spark-submit quotewire_spark.py --out OUT_DIR [options] WARC [WARC ...]

Each WARC (local path, or any path Spark / Hadoop reads: hdfs://, s3a://,
file://; globs and directories work in the default `binary` mode) is read on
an executor, every HTML response record analysed by the quotewire wheel
(`quotewire.read_warc` then `quotewire.analyze_many`, parallel in Rust, the
record the `quotewire analyze` CLI writes), and two tables are written:

  OUT_DIR/articles      one row per record: id, url, published, title, text, ...
                        and `record`, the rest of the record as JSON (entities,
                        timexes, spans, ...; all but `text`)
  OUT_DIR/attributions  one row per attribution: article_id, url, published,
                        index, kind, speaker, speaker_entity, cue, source,
                        content (texts), their spans, confidence

Input modes (`--input-mode`):
  binary  (default) `SparkContext.binaryFiles`: Spark's Hadoop file systems
          and globs; each WARC is one task and is held in memory whole while
          it is read (fine for CC-NEWS files of ~1 GB with executor memory to
          match).
  paths   the listed paths are spread over `--partitions` tasks and each
          task streams its files record by record (bounded memory). Local
          paths (or file://) are opened directly; other schemes need `fsspec`
          (with its backend, e.g. s3fs) on the executors.

`--paths-from FILE` reads WARC paths, one per line (Common Crawl's
warc.paths lists; lines starting with # are skipped), in addition to those
given as arguments.

Writers (`--writer`):
  arrow   (default) each task writes its rows of both tables itself, as
          Arrow record batches into Parquet (pyarrow on the executors);
          output paths: local, file://, s3://, gs://, hdfs:// (pyarrow), or
          any fsspec scheme with its backend (s3a:// with s3fs, ...).
  spark   rows go through the JVM to Spark's Parquet writer (no pyarrow;
          any Hadoop output path; slower per core).

`--articles-only`, `--max-doc-bytes`, `--time-budget`: the CLI's options of
the same names (attribution on articles only; largest record analysed;
time budget per document).

See README.md beside this file for spark-submit on a cluster.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

# Joins the parts of a discontinuous content span in the `content` column.
CONTENT_JOIN = " … "
# Columns of `attributions` that come from the article, not the attribution.
ARTICLE_KEYS = ("article_id", "url", "published", "index")


def spans_text(text: str, spans: List[List[int]], join: str = " ") -> str:
    """The text of code-point spans ``[[start, end], ...]`` joined by ``join``."""
    return join.join(text[s:e] for s, e in spans)


def article_row(rec: Dict[str, Any], warc_path: str) -> Dict[str, Any]:
    """The `articles` row of one record."""
    dateline = rec.get("dateline") or {}
    return {
        "id": rec["id"],
        "url": rec.get("url"),
        "warc_path": warc_path,
        "title": rec.get("title"),
        "language": rec.get("language"),
        "published": rec.get("published"),
        "updated": rec.get("updated"),
        "authors": list(rec.get("authors") or []),
        "outlet": rec.get("outlet"),
        "dateline_place": dateline.get("place"),
        "dateline_source": dateline.get("source"),
        "series": rec.get("series"),
        "tags": list(rec.get("tags") or []),
        "text": rec["text"],
        "attribution_count": len(rec.get("attributions") or []),
        "entity_count": len(rec.get("entities") or []),
        "warnings": list(rec.get("warnings") or []),
        # the rest of the record; `text` is its own column, not stored twice
        "record": json.dumps({k: v for k, v in rec.items() if k != "text"},
                             ensure_ascii=False, separators=(",", ":")),
    }


def attribution_rows(rec: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The `attributions` rows of one record, in record order."""
    text = rec["text"]
    entities = {e["id"]: e for e in rec.get("entities") or []}
    rows = []
    for i, a in enumerate(rec.get("attributions") or []):
        speaker = a.get("speaker") or {}
        entity = entities.get(speaker.get("entity")) if speaker.get("entity") is not None else None
        rows.append({
            "article_id": rec["id"],
            "url": rec.get("url"),
            "published": rec.get("published"),
            "index": i,
            "kind": a["kind"],
            "speaker": speaker.get("name"),
            "speaker_entity": speaker.get("entity"),
            "speaker_type": entity["type"] if entity else None,
            "cue": spans_text(text, a.get("cue") or []),
            "source": spans_text(text, a.get("source") or []),
            "content": spans_text(text, a.get("content") or [], CONTENT_JOIN),
            "cue_spans": [list(s) for s in a.get("cue") or []],
            "source_spans": [list(s) for s in a.get("source") or []],
            "content_spans": [list(s) for s in a.get("content") or []],
            "confidence": float(a["confidence"]) if a.get("confidence") is not None else None,
        })
    return rows


def unpack_dir(wheel: str) -> str:
    """Where a wheel shipped with --py-files is unpacked: the temporary
    directory named after the wheel and the first 16 hex digits of the
    SHA-256 of its bytes, so that a rebuilt wheel of the same version never
    loads the module unpacked from the previous one."""
    import hashlib
    import tempfile

    with open(wheel, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    name = os.path.basename(wheel)[:-4]
    return os.path.join(tempfile.gettempdir(), f"quotewire-wheel-{name}-{digest}")


def ensure_quotewire():
    """Import quotewire on an executor.

    When the wheel is installed there (pip, or a packed environment shipped
    with --archives), that is all. When the wheel was shipped with
    --py-files (or --files), it sits on sys.path as a zip, from which Python
    cannot load the compiled module: it is unpacked once into a temporary
    directory named after the wheel and a hash of its bytes (a rebuilt
    wheel of the same version gets its own), which is put on sys.path.
    """
    try:
        import quotewire

        return quotewire
    except ImportError:
        pass
    import glob
    import tempfile
    import zipfile

    wheels = [p for p in sys.path if os.path.basename(p).startswith("quotewire-") and p.endswith(".whl")]
    try:
        from pyspark import SparkFiles

        wheels += sorted(glob.glob(os.path.join(SparkFiles.getRootDirectory(), "quotewire-*.whl")))
    except Exception:  # not inside a Spark task
        pass
    if not wheels:
        raise ImportError(
            "quotewire is not installed on this executor: pip install the wheel there, ship a packed "
            "environment with --archives, or pass the wheel with --py-files (examples/spark/README.md)")
    wheel = wheels[0]
    target = unpack_dir(wheel)
    if not os.path.isdir(target):
        tmp = tempfile.mkdtemp(dir=tempfile.gettempdir())
        with zipfile.ZipFile(wheel) as z:
            z.extractall(tmp)
        try:
            os.rename(tmp, target)
        except OSError:  # another worker of this node unpacked it first
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    sys.path.insert(0, target)
    import quotewire

    return quotewire


def analysis_options(articles_only: bool = False, max_doc_bytes: Optional[int] = None,
                     time_budget: Optional[float] = 10.0) -> Dict[str, Any]:
    """The crawl options of the job, as keyword arguments of
    `quotewire.analyze_many`: the CLI's `--articles-only`, `--max-doc-bytes`
    (None: 64 MiB; also passed to `read_warc`, so an over-size record is
    never held in memory) and `--time-budget` (seconds; 0: no limit)."""
    return {"articles_only": articles_only, "max_doc_bytes": max_doc_bytes, "time_budget": time_budget}


def rows_of_warc(docs: Iterable[Dict[str, Any]], warc_path: str, jobs: Optional[int],
                 options: Optional[Dict[str, Any]] = None) -> Iterator[Tuple[Dict, List[Dict]]]:
    """(article row, attribution rows) for every document of one WARC.

    `options` are keyword arguments of `analyze_many` (`analysis_options`).
    A document quotewire fails on is reported on stderr and skipped, as the
    CLI does; the partition goes on.
    """
    quotewire = ensure_quotewire()

    records = quotewire.analyze_many(docs, jobs=jobs, **(options or {}))
    while True:
        try:
            rec = next(records)
        except StopIteration:
            return
        except quotewire.QuotewireError as e:
            print(f"quotewire: error: {e}", file=sys.stderr)
            continue
        yield article_row(rec, warc_path), attribution_rows(rec)


def open_path(path: str):
    """A path for `quotewire.read_warc`: local as is, others through fsspec."""
    if "://" not in path:
        return path
    if path.startswith("file://"):
        return path[len("file://"):]
    import fsspec  # only needed for remote paths in `paths` mode

    return fsspec.open(path, "rb").open()


def partition_from_paths(paths: Iterable[str], jobs: Optional[int],
                         options: Optional[Dict[str, Any]] = None) -> Iterator[Tuple[Dict, List[Dict]]]:
    """`paths` mode: stream each WARC of the partition record by record."""
    quotewire = ensure_quotewire()
    max_doc_bytes = (options or {}).get("max_doc_bytes")

    for path in paths:
        src = open_path(path)
        try:
            yield from rows_of_warc(quotewire.read_warc(src, max_doc_bytes=max_doc_bytes), path, jobs, options)
        finally:
            if hasattr(src, "close"):
                src.close()


def partition_from_bytes(files: Iterable[Tuple[str, bytes]], jobs: Optional[int],
                         options: Optional[Dict[str, Any]] = None) -> Iterator[Tuple[Dict, List[Dict]]]:
    """`binary` mode: each (path, content) pair from `binaryFiles`."""
    quotewire = ensure_quotewire()
    max_doc_bytes = (options or {}).get("max_doc_bytes")

    for path, content in files:
        buf = io.BytesIO(content)
        buf.name = path  # names the file in ids of non-WARC inputs and in messages
        yield from rows_of_warc(quotewire.read_warc(buf, max_doc_bytes=max_doc_bytes), path, jobs, options)


def schemas():
    """Spark schemas of the two tables."""
    from pyspark.sql import types as T

    spans = T.ArrayType(T.ArrayType(T.IntegerType()))
    strings = T.ArrayType(T.StringType())
    articles = T.StructType([
        T.StructField("id", T.StringType(), False),
        T.StructField("url", T.StringType()),
        T.StructField("warc_path", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("language", T.StringType()),
        T.StructField("published", T.StringType()),
        T.StructField("updated", T.StringType()),
        T.StructField("authors", strings),
        T.StructField("outlet", T.StringType()),
        T.StructField("dateline_place", T.StringType()),
        T.StructField("dateline_source", T.StringType()),
        T.StructField("series", T.StringType()),
        T.StructField("tags", strings),
        T.StructField("text", T.StringType(), False),
        T.StructField("attribution_count", T.IntegerType(), False),
        T.StructField("entity_count", T.IntegerType(), False),
        T.StructField("warnings", strings),
        T.StructField("record", T.StringType(), False),
    ])
    attributions = T.StructType([
        T.StructField("article_id", T.StringType(), False),
        T.StructField("url", T.StringType()),
        T.StructField("published", T.StringType()),
        T.StructField("index", T.IntegerType(), False),
        T.StructField("kind", T.StringType(), False),
        T.StructField("speaker", T.StringType()),
        T.StructField("speaker_entity", T.StringType()),
        T.StructField("speaker_type", T.StringType()),
        T.StructField("cue", T.StringType()),
        T.StructField("source", T.StringType()),
        T.StructField("content", T.StringType()),
        T.StructField("cue_spans", spans),
        T.StructField("source_spans", spans),
        T.StructField("content_spans", spans),
        T.StructField("confidence", T.DoubleType()),
    ])
    return articles, attributions


def arrow_type(t):
    """The Arrow type of a Spark SQL type of the two schemas."""
    import pyarrow as pa
    from pyspark.sql import types as T

    if isinstance(t, T.StringType):
        return pa.string()
    if isinstance(t, T.IntegerType):
        return pa.int32()
    if isinstance(t, T.DoubleType):
        return pa.float64()
    if isinstance(t, T.ArrayType):
        return pa.list_(arrow_type(t.elementType))
    raise TypeError(f"no Arrow type for {t}")


def arrow_schema(schema):
    """The Arrow schema of a Spark `StructType` (same names, types, nullability)."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, arrow_type(f.dataType), f.nullable) for f in schema.fields])


def output_fs(out: str):
    """(pyarrow FileSystem, path) for an output directory: local paths and
    the schemes pyarrow knows (file://, s3://, gs://, hdfs://), others
    (s3a://, abfs://, ...) through fsspec and its backend."""
    from pyarrow import fs as pafs

    if "://" not in out:
        return pafs.LocalFileSystem(), os.path.abspath(out)
    try:
        return pafs.FileSystem.from_uri(out)
    except Exception:  # a scheme pyarrow does not know: fsspec
        import fsspec

        f, path = fsspec.core.url_to_fs(out)
        return pafs.PyFileSystem(pafs.FSSpecHandler(f)), path


# Articles per Arrow record batch written (one row group each, at most).
ARROW_BATCH_ROWS = 1024
TABLES = ("articles", "attributions")


def write_partition(index: int, pairs: Iterable[Tuple[Dict, List[Dict]]], out: str) -> Iterator[Tuple[int, int]]:
    """`arrow` writer: write one task's rows as OUT/articles/part-INDEX.parquet
    and OUT/attributions/part-INDEX.parquet with pyarrow; yield (articles,
    attributions) written.

    Rows go to Parquet in batches of `ARROW_BATCH_ROWS` articles (memory
    stays bounded), into a file under `_temporary/` renamed to its final
    name once complete: a retried or speculative attempt of the same task
    writes the same final name, so a table never holds a task twice.
    """
    import uuid

    import pyarrow as pa
    import pyarrow.parquet as pq

    articles_schema, attributions_schema = (arrow_schema(t) for t in schemas())
    fs, base = output_fs(out)
    attempt = uuid.uuid4().hex
    targets = {t: (f"{base}/{t}/_temporary/part-{index:05d}-{attempt}.parquet",
                   f"{base}/{t}/part-{index:05d}.snappy.parquet") for t in TABLES}
    writers = {t: pq.ParquetWriter(targets[t][0], sch, filesystem=fs, compression="snappy")
               for t, sch in zip(TABLES, (articles_schema, attributions_schema))}
    names = {t: sch.names for t, sch in zip(TABLES, (articles_schema, attributions_schema))}
    counts = {t: 0 for t in TABLES}
    cols = {t: {k: [] for k in names[t]} for t in TABLES}

    def flush():
        for t, sch in zip(TABLES, (articles_schema, attributions_schema)):
            n = len(cols[t][names[t][0]])
            if n:
                writers[t].write_batch(pa.RecordBatch.from_pydict(cols[t], schema=sch))
                counts[t] += n
                cols[t] = {k: [] for k in names[t]}

    try:
        pending = 0
        for art, atts in pairs:
            for k, col in cols["articles"].items():
                col.append(art[k])
            for row in atts:
                for k, col in cols["attributions"].items():
                    col.append(row[k])
            pending += 1
            if pending >= ARROW_BATCH_ROWS:
                flush()
                pending = 0
        flush()
    finally:
        for w in writers.values():
            w.close()
    for tmp, final in targets.values():
        fs.move(tmp, final)
    yield counts["articles"], counts["attributions"]


def run(spark, paths: List[str], out: str, *, mode: str = "binary", partitions: Optional[int] = None,
        jobs: Optional[int] = None, mode_overwrite: bool = True, writer: str = "arrow",
        articles_only: bool = False, max_doc_bytes: Optional[int] = None,
        time_budget: Optional[float] = 10.0) -> Tuple[int, int]:
    """Analyse `paths` and write OUT/articles and OUT/attributions; return their row counts.

    `articles_only`, `max_doc_bytes`, `time_budget`: the CLI's crawl
    options (`analysis_options`). Python converts every record once, and
    both tables come from that one pass:

    * `writer="arrow"` (default): each task writes its rows of both tables
      itself, as Arrow record batches into Parquet files (pyarrow, needed on
      the executors), and returns its counts; the JVM only hands out the
      paths (`write_partition`).
    * `writer="spark"`: rows go to the JVM (pickled), into one DataFrame
      with the attributions nested, cached, written without that column as
      `articles` and exploded into `attributions` by Spark's writer (no
      pyarrow needed; slower per core: BENCHMARKS.md).
    """
    sc = spark.sparkContext
    if not paths:
        raise SystemExit("quotewire_spark: no WARC paths given")
    options = analysis_options(articles_only, max_doc_bytes, time_budget)
    if mode == "binary":
        source = sc.binaryFiles(",".join(paths), minPartitions=partitions or sc.defaultParallelism)
        rows = lambda it: partition_from_bytes(it, jobs, options)  # noqa: E731
    elif mode == "paths":
        n = partitions or min(len(paths), sc.defaultParallelism)
        source = sc.parallelize(paths, n)
        rows = lambda it: partition_from_paths(it, jobs, options)  # noqa: E731
    else:
        raise SystemExit(f"quotewire_spark: --input-mode must be binary or paths, not {mode!r}")
    if writer == "arrow":
        return run_arrow(source, rows, out, mode_overwrite)
    if writer == "spark":
        return run_spark_writer(spark, source.mapPartitions(rows), out, mode_overwrite)
    raise SystemExit(f"quotewire_spark: --writer must be arrow or spark, not {writer!r}")


def run_arrow(source, rows, out: str, overwrite: bool) -> Tuple[int, int]:
    """The `arrow` writer, on the driver: prepare OUT/articles and
    OUT/attributions (emptied when `overwrite`, else they must not exist),
    run the tasks, drop `_temporary/`, write `_SUCCESS` markers."""
    from pyarrow import fs as pafs

    fs, base = output_fs(out)
    for t in TABLES:
        info = fs.get_file_info(f"{base}/{t}")
        if info.type != pafs.FileType.NotFound:
            if not overwrite:
                raise SystemExit(f"quotewire_spark: {out}/{t} already exists")
            fs.delete_dir(f"{base}/{t}")
        fs.create_dir(f"{base}/{t}/_temporary", recursive=True)
    counts = source.mapPartitionsWithIndex(lambda i, it: write_partition(i, rows(it), out)).collect()
    for t in TABLES:
        fs.delete_dir(f"{base}/{t}/_temporary")
        with fs.open_output_stream(f"{base}/{t}/_SUCCESS"):
            pass
    return sum(c[0] for c in counts), sum(c[1] for c in counts)


def run_spark_writer(spark, pairs, out: str, overwrite: bool) -> Tuple[int, int]:
    """The `spark` writer: the rows through the JVM, Spark's Parquet writer."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    articles_schema, attributions_schema = schemas()
    names_a = articles_schema.fieldNames()
    per_article = [f for f in attributions_schema.fields if f.name not in ARTICLE_KEYS]
    names_b = [f.name for f in per_article]
    nested = T.StructType([*articles_schema.fields,
                           T.StructField("attributions", T.ArrayType(T.StructType(per_article)), False)])

    def to_tuple(pair):
        art, atts = pair
        return (*(art[k] for k in names_a), [tuple(r[k] for k in names_b) for r in atts])

    df = spark.createDataFrame(pairs.map(to_tuple), nested, verifySchema=False)
    df = df.persist(StorageLevel.MEMORY_AND_DISK)
    base = out.rstrip("/")
    write_mode = "overwrite" if overwrite else "errorifexists"
    df.drop("attributions").write.mode(write_mode).parquet(f"{base}/articles")
    exploded = df.select(F.col("id").alias("article_id"), "url", "published",
                         F.posexplode("attributions").alias("index", "a"))
    exploded.select(*(F.col(c) if c in ARTICLE_KEYS else F.col(f"a.{c}").alias(c)
                      for c in attributions_schema.fieldNames())
                    ).write.mode(write_mode).parquet(f"{base}/attributions")
    df.unpersist()
    return (spark.read.parquet(f"{base}/articles").count(),
            spark.read.parquet(f"{base}/attributions").count())


def read_path_list(path: str) -> List[str]:
    """WARC paths from a file, one per line (blank lines and # comments skipped)."""
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("warcs", nargs="*", metavar="WARC", help="WARC / WARC.gz paths (local or Hadoop FS)")
    ap.add_argument("--out", required=True, help="output directory (Parquet tables articles/ and attributions/)")
    ap.add_argument("--paths-from", metavar="FILE", help="file listing more WARC paths, one per line")
    ap.add_argument("--input-mode", choices=("binary", "paths"), default="binary")
    ap.add_argument("--partitions", type=int, help="tasks (default: Spark's default parallelism)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="quotewire threads per task (default 1: one task per core; 0: all cores)")
    ap.add_argument("--writer", choices=("arrow", "spark"), default="arrow",
                    help="arrow (default): tasks write Parquet with pyarrow; spark: Spark's writer (no pyarrow)")
    ap.add_argument("--articles-only", action="store_true",
                    help="attribution for articles only (the CLI's --articles-only)")
    ap.add_argument("--max-doc-bytes", type=int, metavar="BYTES",
                    help="largest WARC record analysed, in bytes (the CLI's --max-doc-bytes; default 64 MiB)")
    ap.add_argument("--time-budget", type=float, default=10.0, metavar="SECS",
                    help="time budget per document in seconds, 0: no limit (the CLI's --time-budget; default 10)")
    ap.add_argument("--master", help="Spark master when not run by spark-submit, e.g. local[2]")
    args = ap.parse_args(argv)
    paths = list(args.warcs)
    if args.paths_from:
        paths += read_path_list(args.paths_from)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("quotewire")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # local workers run this interpreter (the one with the wheel installed)
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    try:
        n_articles, n_attributions = run(spark, paths, args.out, mode=args.input_mode,
                                         partitions=args.partitions, jobs=args.jobs, writer=args.writer,
                                         articles_only=args.articles_only, max_doc_bytes=args.max_doc_bytes,
                                         time_budget=args.time_budget)
    finally:
        spark.stop()
    print(f"quotewire_spark: {n_articles} articles, {n_attributions} attributions -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
