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

and prints, per run, pages per second of wall time and pages per CPU-second
(user + system time of every process involved: the CLI, or the JVM and its
Python workers, from /proc), the median of each, and the ratios to the CLI
per round (machine drift cancels within a round). The CPU figure is the
per-core cost, which the wall figure only matches on an idle machine. Needs the quotewire wheel
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

TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu() -> float:
    """CPU seconds (user + system) of this process and all its descendants,
    living or reaped: the JVM Spark starts and its Python workers, the CLI
    subprocess, this interpreter's threads. Read from /proc (Linux)."""
    procs = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                st = f.read()
        except OSError:
            continue
        fields = st[st.rindex(")") + 2:].split()
        # fields[1] = ppid; utime, stime, cutime, cstime are fields 14-17 of stat
        procs[int(d)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))
    children = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [os.getpid()]
    while todo:
        pid = todo.pop()
        total += procs.get(pid, (0, 0))[1]
        todo += children.get(pid, [])
    return total / TICK
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
        cpu_runs = {"cli": [], "python": [], "spark": []}
        fns = {"cli": cli, "python": python, "spark": spark_job}
        for r in range(args.rounds):
            line = []
            for name, fn in fns.items():
                t0, c0 = time.perf_counter(), tree_cpu()
                fn()
                wall, cpu = time.perf_counter() - t0, tree_cpu() - c0
                runs[name].append(pages / wall)
                cpu_runs[name].append(pages / cpu)
                line.append(f"{name} {pages / wall:.1f} ({pages / cpu:.1f} per CPU-s)")
            print(f"round {r + 1}: pages/s " + ", ".join(line))
        spark.stop()
        for label, table in (("wall", runs), ("CPU", cpu_runs)):
            med = {k: statistics.median(v) for k, v in table.items()}
            ratio_py = statistics.median(p / c for p, c in zip(table["python"], table["cli"]))
            ratio_sp = statistics.median(s / c for s, c in zip(table["spark"], table["cli"]))
            unit = "pages/s on one core" if label == "wall" else "pages per CPU-second (all processes)"
            print(f"{label}: median {unit}: cli {med['cli']:.1f}, python analyze_many {med['python']:.1f}, "
                  f"spark local[1] {med['spark']:.1f}; median ratio per round: python/cli {ratio_py:.2f}, "
                  f"spark/cli {ratio_sp:.2f}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
