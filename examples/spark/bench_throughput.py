#!/usr/bin/env python3
"""Throughput per core, side by side in one run: the Spark job in local mode,
Python `analyze_many`, and the `quotewire analyze` CLI, on the same WARC.

    python examples/spark/bench_throughput.py --warc PAGES.warc.gz --bin target/release/quotewire \
        [--copies 4] [--rounds 3]

PAGES.warc.gz is the throughput WARC of bench/ (bench/pack_warc.py over the
shared HTML pages). The input is that WARC listed `--copies` times (symlinks
in a temporary folder), so each timed run lasts long enough. Every round
times, one after the other on one core each:

  cli     quotewire analyze --jobs 1 -q -o /dev/null COPIES (whole process)
  python  sum(1 for _ in analyze_many(read_warc(p), jobs=1) for p in COPIES), in this process
  spark   quotewire_spark.run(...) on a SparkSession local[1], --jobs 1, `paths`
          mode, 1 partition: read, analyse, write both Parquet tables, count
          them back; the session is started and warmed up before the rounds

and prints pages/s per run (wall time), the median of each, and the ratios
to the CLI per round (machine drift cancels within a round). For CPU time
per page use whole-process accounting (/usr/bin/time, or a benchmark
harness that alternates the two commands); Spark's Python workers are
forked and reaped by its daemon, which /proc accounting of a process tree
does not follow reliably. Needs the quotewire wheel
and pyspark installed in this interpreter; writes only under a temporary
folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quotewire_spark  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--warc", required=True)
    ap.add_argument("--bin", required=True, help="the quotewire binary")
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    import quotewire
    from pyspark.sql import SparkSession

    tmp = Path(tempfile.mkdtemp(prefix="qw-spark-bench-"))
    try:
        copies = []
        for i in range(args.copies):
            link = tmp / f"copy{i}.warc.gz"
            link.symlink_to(Path(args.warc).resolve())
            copies.append(str(link))
        pages = sum(1 for p in copies for _ in quotewire.read_warc(p))
        print(f"input: {args.warc} x {args.copies} = {pages} HTML responses; quotewire {quotewire.__version__}")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = (SparkSession.builder.master("local[1]").appName("quotewire-bench")
                 .config("spark.ui.enabled", "false").config("spark.driver.memory", "2g").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        spark.sparkContext.addPyFile(str(Path(__file__).resolve().parent / "quotewire_spark.py"))
        quotewire_spark.run(spark, copies[:1], str(tmp / "warmup"), mode="paths", partitions=1, jobs=1)

        def cli():
            subprocess.run([args.bin, "analyze", "--jobs", "1", "-q", "-o", "/dev/null", *copies], check=True)

        def python():
            n = sum(1 for p in copies for _ in quotewire.analyze_many(quotewire.read_warc(p), jobs=1))
            assert n == pages, n

        def spark_job():
            n, _ = quotewire_spark.run(spark, copies, str(tmp / "out"), mode="paths", partitions=1, jobs=1)
            assert n == pages, n

        runs = {"cli": [], "python": [], "spark": []}
        fns = {"cli": cli, "python": python, "spark": spark_job}
        for r in range(args.rounds):
            line = []
            for name, fn in fns.items():
                t0 = time.perf_counter()
                fn()
                rate = pages / (time.perf_counter() - t0)
                runs[name].append(rate)
                line.append(f"{name} {rate:.1f}")
            print(f"round {r + 1}: pages/s " + ", ".join(line)
                  + f"; python/cli {runs['python'][-1] / runs['cli'][-1]:.2f}, spark/cli {runs['spark'][-1] / runs['cli'][-1]:.2f}")
        spark.stop()
        med = {k: statistics.median(v) for k, v in runs.items()}
        ratios_py = statistics.median(p / c for p, c in zip(runs["python"], runs["cli"]))
        ratios_sp = statistics.median(s / c for s, c in zip(runs["spark"], runs["cli"]))
        print(f"median pages/s on one core: cli {med['cli']:.1f}, python analyze_many {med['python']:.1f}, "
              f"spark local[1] {med['spark']:.1f}")
        print(f"median ratio per round: python/cli {ratios_py:.2f}, spark/cli {ratios_sp:.2f}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
