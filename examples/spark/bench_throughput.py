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
  spark   quotewire_spark.run(..., writer="arrow") on a SparkSession
          local[1], --jobs 1, `paths` mode, 1 partition: read, analyse, write
          both Parquet tables (the tasks write them with pyarrow); the
          session is started and warmed up before the rounds
  spark-jvm  the same with writer="spark" (rows through the JVM, cached
          DataFrame, Spark's Parquet writer, tables counted back); only with
          --spark-writer

and prints, per run, pages/s of wall time and pages per CPU-second (the
per-core figure: on a shared machine it moves far less with the load than
wall time), the medians, and the ratios to the CLI per round (drift
cancels within a round). CPU time: the CLI's from the kernel's accounting
of the finished child (getrusage); Python's, this process's own; Spark's,
the driver JVM and every process under it (Python daemon and workers,
reused across runs) from /proc, before and after the run: a worker that
exits during a run would take its last slice with it, so the script says
when one did. Needs the quotewire wheel, pyspark and pyarrow installed in
this interpreter; writes only under a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quotewire_spark  # noqa: E402


TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> dict:
    """CPU seconds (user + system) of `root` and every live process under it, by pid."""
    parent, cpu = {}, {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(d)] = int(fields[1])
        cpu[int(d)] = (int(fields[11]) + int(fields[12])) / TICK
    tree = {root}
    grew = True
    while grew:
        new = {p for p, pp in parent.items() if pp in tree and p not in tree}
        tree |= new
        grew = bool(new)
    return {p: cpu[p] for p in tree if p in cpu}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--warc", required=True)
    ap.add_argument("--bin", required=True, help="the quotewire binary")
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--spark-writer", action="store_true", help="also time the job with writer=\"spark\"")
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
        for w in ("arrow", "spark"):
            quotewire_spark.run(spark, copies[:1], str(tmp / "warmup"), mode="paths", partitions=1, jobs=1, writer=w)

        jvm = spark.sparkContext._gateway.proc.pid

        def children_cpu():
            r = resource.getrusage(resource.RUSAGE_CHILDREN)
            return r.ru_utime + r.ru_stime

        def self_cpu():
            r = resource.getrusage(resource.RUSAGE_SELF)
            return r.ru_utime + r.ru_stime

        def cli():
            before = children_cpu()
            subprocess.run([args.bin, "analyze", "--jobs", "1", "-q", "-o", "/dev/null", *copies], check=True)
            return children_cpu() - before

        def python():
            before = self_cpu()
            n = sum(1 for p in copies for _ in quotewire.analyze_many(quotewire.read_warc(p), jobs=1))
            assert n == pages, n
            return self_cpu() - before

        def spark_job(writer):
            def job():
                before = tree_cpu(jvm)
                n, _ = quotewire_spark.run(spark, copies, str(tmp / "out"), mode="paths", partitions=1, jobs=1,
                                           writer=writer)
                assert n == pages, n
                after = tree_cpu(jvm)
                gone = set(before) - set(after)
                if gone:
                    print(f"note: {len(gone)} process(es) under the JVM exited during the run; "
                          "their CPU time after the first reading is not counted")
                return sum(after.values()) - sum(v for p, v in before.items() if p in after)
            return job

        fns = {"cli": cli, "python": python, "spark": spark_job("arrow")}
        if args.spark_writer:
            fns["spark-jvm"] = spark_job("spark")
        runs = {k: [] for k in fns}  # pages/s of wall time
        cpus = {k: [] for k in fns}  # pages per CPU-second
        for r in range(args.rounds):
            line = []
            for name, fn in fns.items():
                t0 = time.perf_counter()
                cpu = fn()
                rate = pages / (time.perf_counter() - t0)
                runs[name].append(rate)
                cpus[name].append(pages / cpu)
                line.append(f"{name} {rate:.1f} ({pages / cpu:.1f}/cpu-s)")
            print(f"round {r + 1}: pages/s wall (per CPU-s) " + ", ".join(line) + "; ratios to cli wall (cpu) "
                  + ", ".join(f"{k} {runs[k][-1] / runs['cli'][-1]:.2f} ({cpus[k][-1] / cpus['cli'][-1]:.2f})"
                              for k in fns if k != "cli"), flush=True)
        spark.stop()
        for label, table in (("pages/s of wall time", runs), ("pages per CPU-second", cpus)):
            med = {k: statistics.median(v) for k, v in table.items()}
            print(f"median {label}: " + ", ".join(f"{k} {v:.1f}" for k, v in med.items()))
            print("  median ratio to cli per round: " + ", ".join(
                f"{k} {statistics.median(x / c for x, c in zip(table[k], table['cli'])):.2f}"
                for k in fns if k != "cli"))
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
