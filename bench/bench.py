#!/usr/bin/env python3
"""quotewire benchmarks: run the release binary on ../shared and print the scorers' tables.

Subcommands (each prints the shared scorer's own table, then a one-line summary):

  extraction   main-text F1 on data/article-extraction (121 HTML pages), score_extraction.py;
               trafilatura / resiliparse rows are added when their cached outputs exist
  flattened    main-text F1 on data/flattened/*.txt (the same pages as text dumps with chrome)
  attribution  PolNeAR dev with --keep-text, score_attribution.py (+ textacy, when cached)
  dates        published-date accuracy on data/dates (667 pages), score_dates.py (+ htmldate)
  seed         the seed example against data/seed/expected.json, check_record.py
  cases        data/cases, check_record.py --cases, with a passed/failed table per case
  wcxb         main text and metadata on data/wcxb (1,358 dev pages, 711 articles), score_wcxb.py:
               articles alone, then every page type; trafilatura's row beside it when its cached
               output exists (run once with the anchors venv present; cached under WORK/anchors)
  anchors      run trafilatura, resiliparse, htmldate and textacy (shared/bench/anchors.py)
               and cache their outputs and timings under WORK/anchors (reused afterwards)
  throughput   pack every shared HTML page into ONE WARC.gz (bench/pack_warc.py, in WORK),
               time `quotewire analyze --jobs 1` and `--jobs N` on it (best of --runs),
               time --keep-text attribution on PolNeAR, optionally the cargo bench harness,
               and print one side-by-side table with the anchors
  all          everything above, in that order, ending with the side-by-side table
  entities     NER, coreference, canonical names, anaphora on GUM news dev (data/entities/dev,
               --keep-text), score_entities.py
  speakers     attribution speakers on the same records, score_speakers.py
  timex        TempEval-3 train (data/timex/train) with --published set to each document's DCT,
               score_timex.py (extent, value, TIMEX3 type)

Paths (flag, else environment variable, else default):
  --shared DIR   QUOTEWIRE_SHARED   ../shared relative to the repository root
  --bin FILE     QUOTEWIRE_BIN      target/release/quotewire
  --work DIR     QUOTEWIRE_BENCH    /tmp/qw-bench (scratch: WARC, records, anchor cache)
  --venv DIR     QUOTEWIRE_ANCHORS  /tmp/quotewire-anchors (made by shared/bench/setup_anchors.sh)

Build first: cargo build --release -p quotewire-cli
Standard library only (the anchors run in their own virtualenv).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
import pack_warc  # noqa: E402
import records  # noqa: E402

SEED = REPO / "examples" / "sputnik-2018-12-20-putin-trump.txt"
# Corpora of HTML pages packed into the throughput WARC, in order; --quick keeps the first.
WARC_CORPORA = ("article-extraction", "dates")
# Anchor runs: cache name -> anchors.py arguments (paths relative to the shared folder).
ANCHOR_RUNS = {
    "extract-trafilatura-article": ["extract", "--backend", "trafilatura", "--html", "data/article-extraction/html"],
    "extract-resiliparse-article": ["extract", "--backend", "resiliparse", "--html", "data/article-extraction/html"],
    "extract-trafilatura-dates": ["extract", "--backend", "trafilatura", "--html", "data/dates/html"],
    "extract-resiliparse-dates": ["extract", "--backend", "resiliparse", "--html", "data/dates/html"],
    "dates-htmldate-dates": ["dates", "--html", "data/dates/html"],
    "attribution-textacy-polnear": ["attribution", "--text", "data/polnear/dev/text"],
}
# Which anchor runs --quick needs (the dates-page extraction timings are only for the full WARC).
QUICK_ANCHORS = ("extract-trafilatura-article", "extract-resiliparse-article", "dates-htmldate-dates",
                 "attribution-textacy-polnear")


class Tee(io.TextIOBase):
    """Write to the real stdout and keep a copy (for --report)."""

    def __init__(self, out):
        self.out, self.buf = out, io.StringIO()

    def write(self, s):
        self.buf.write(s)
        return self.out.write(s)

    def flush(self):
        self.out.flush()


def write_report(text: str, path: Path) -> None:
    """The run's Markdown output as a report: check_record.py PASS lines dropped (FAILs kept)."""
    text = "\n".join(line for line in text.splitlines() if not line.startswith("PASS"))
    # The summary and the side-by-side table go first, after the preamble.
    head, *sections = text.split("\n## ")
    first = [x for x in sections if x.startswith(("Summary", "Side by side"))]
    rest = [x for x in sections if x not in first]
    text = "\n\n## ".join(x.rstrip() for x in [head] + sorted(first, reverse=True) + rest)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text.rstrip() + "\n", encoding="utf-8")
    tmp.replace(path)


class BenchError(Exception):
    """A setup problem the user must fix (missing data, binary or venv); printed without a traceback."""


# ---------------------------------------------------------------- context


class Ctx:
    """Paths, options and the figures gathered so far (for the closing table)."""

    def __init__(self, a: argparse.Namespace):
        self.shared = Path(a.shared or os.environ.get("QUOTEWIRE_SHARED") or REPO.parent / "shared").resolve()
        self.bin = Path(a.bin or os.environ.get("QUOTEWIRE_BIN") or REPO / "target/release/quotewire")
        self.work = Path(a.work or os.environ.get("QUOTEWIRE_BENCH") or Path(tempfile.gettempdir()) / "qw-bench")
        self.venv = Path(a.venv or os.environ.get("QUOTEWIRE_ANCHORS") or "/tmp/quotewire-anchors")
        self.quick = a.quick
        self.runs = a.runs or (1 if a.quick else 3)
        self.jobs = a.jobs or os.cpu_count() or 1
        self.cargo_bench = a.cargo_bench
        self.fresh_anchors = a.fresh_anchors
        self.no_anchors = a.no_anchors
        self.figures: dict = {}
        self._has_jobs = None

    # -- checks
    def need_shared(self, *rel: str) -> None:
        if not self.shared.is_dir():
            raise BenchError(f"shared data not found at {self.shared}: "
                             "give --shared DIR or set QUOTEWIRE_SHARED")
        for r in rel:
            if not (self.shared / r).exists():
                raise BenchError(f"missing {self.shared / r} (is --shared the right folder?)")

    def need_bin(self) -> None:
        if not self.bin.is_file() or not os.access(self.bin, os.X_OK):
            raise BenchError(f"no quotewire binary at {self.bin}: "
                             "build first: cargo build --release -p quotewire-cli (or give --bin / QUOTEWIRE_BIN)")

    def has_jobs(self) -> bool:
        """Whether this binary's `analyze` takes --jobs."""
        if self._has_jobs is None:
            p = subprocess.run([str(self.bin), "analyze", "--help"], capture_output=True, text=True)
            self._has_jobs = "--jobs" in p.stdout
        return self._has_jobs

    def scorer(self, name: str) -> list[str]:
        return [sys.executable, str(self.shared / "bench" / name)]

    def out(self, name: str) -> Path:
        self.work.mkdir(parents=True, exist_ok=True)
        return self.work / name


def run(cmd: list[str], quiet: bool = False, check: bool = False) -> subprocess.CompletedProcess:
    """Run a command, capture its output, print stdout unless quiet; stderr is shown on failure."""
    p = subprocess.run(cmd, capture_output=True, text=True)
    if not quiet and p.stdout:  # a code block, so that the whole output reads as Markdown
        print("```\n" + p.stdout + ("" if p.stdout.endswith("\n") else "\n") + "```", flush=True)
    if p.returncode != 0 and (check or not p.stdout):
        print(f"[{' '.join(map(str, cmd[:3]))} ... exited {p.returncode}] {p.stderr.strip()[-800:]}", file=sys.stderr)
        if check:
            raise BenchError(f"command failed: {' '.join(map(str, cmd))}")
    return p


def analyze(ctx: Ctx, paths: list, out: Path, *, keep_text: bool = False, jobs: int | None = None) -> float:
    """`quotewire analyze [--keep-text] [--jobs N] -o OUT PATH...`; returns wall seconds."""
    ctx.need_bin()
    cmd = [str(ctx.bin), "analyze", "-o", str(out)]
    if keep_text:
        cmd.append("--keep-text")
    if jobs and ctx.has_jobs():
        cmd += ["--jobs", str(jobs)]
    cmd += [str(p) for p in paths]
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sec = time.perf_counter() - t
    if p.returncode != 0 or not out.exists():
        raise BenchError(f"quotewire failed (exit {p.returncode}): {' '.join(cmd[:6])} ...\n{p.stderr.strip()[-1500:]}")
    return sec


def count_lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def header(title: str) -> None:
    print(f"\n## {title}\n", flush=True)


# ---------------------------------------------------------------- quality


def extraction_table(ctx: Ctx, gold: Path, preds: dict[str, Path], key: str) -> None:
    """Score several prediction files in one score_extraction.py table; keep the F1s."""
    files = []
    tmp = ctx.out(f"{key}-preds")
    tmp.mkdir(exist_ok=True)
    for name, path in preds.items():
        if path.exists():
            dst = tmp / f"{name}.json"  # the scorer names each row after the file stem
            shutil.copyfile(path, dst)
            files.append(dst)
    args = ctx.scorer("score_extraction.py") + ["--gold", str(gold)]
    for f in files:
        args += ["--pred", str(f)]
    run(args)
    js = json.loads(run(args + ["--json"], quiet=True).stdout or "{}")
    for name, m in js.items():
        ctx.figures.setdefault(key, {})[name] = m


def cmd_extraction(ctx: Ctx) -> None:
    header("Extraction: data/article-extraction (121 pages), score_extraction.py")
    ctx.need_shared("data/article-extraction/html", "bench/score_extraction.py")
    recs = ctx.out("extraction.jsonl")
    sec = analyze(ctx, [ctx.shared / "data/article-extraction/html"], recs, jobs=ctx.jobs)
    pred = ctx.out("extraction-quotewire.json")
    pred.write_text(json.dumps(records.to_extraction(records.read_records(recs)), ensure_ascii=False))
    anchors = ctx.work / "anchors"
    extraction_table(ctx, ctx.shared / "data/article-extraction/ground-truth.json", {
        "quotewire": pred,
        "trafilatura": anchors / "extract-trafilatura-article.json",
        "resiliparse": anchors / "extract-resiliparse-article.json",
    }, "extraction")
    print(f"(quotewire: {count_lines(recs)} records in {sec:.2f} s wall)")


def cmd_flattened(ctx: Ctx) -> None:
    header("Flattened text: data/flattened/*.txt (121 text dumps with chrome), score_extraction.py")
    ctx.need_shared("data/flattened/ground-truth.json")
    txts = sorted((ctx.shared / "data/flattened").glob("*.txt"))
    recs = ctx.out("flattened.jsonl")
    analyze(ctx, txts, recs, jobs=ctx.jobs)
    pred = ctx.out("flattened-quotewire.json")
    pred.write_text(json.dumps(records.to_extraction(records.read_records(recs)), ensure_ascii=False))
    extraction_table(ctx, ctx.shared / "data/flattened/ground-truth.json", {"quotewire": pred}, "flattened")


def attribution_scores(ctx: Ctx, pred: Path, label: str) -> dict:
    """Print score_attribution.py's table for one prediction file; return its JSON."""
    js = ctx.out(f"attribution-{label}.scores.json")
    print(f"\n### {label}\n")
    run(ctx.scorer("score_attribution.py") + ["--gold", str(ctx.shared / "data/polnear/dev"),
                                               "--pred", str(pred), "--json", str(js)])
    return json.loads(js.read_text()) if js.exists() else {}


def attribution_summary(scores: dict) -> dict:
    """The two issue figures: direct content+source-lenient F1, all-kinds content-lenient F1."""
    def f1(metric, kind):
        try:
            return scores["metrics"][metric][kind]["f1"]
        except (KeyError, TypeError):
            return None
    return {"direct_cs_f1": f1("content+source-lenient", "direct"), "all_c_f1": f1("content-lenient", "all")}


def cmd_attribution(ctx: Ctx) -> None:
    header("Attribution: PolNeAR dev (--keep-text), score_attribution.py")
    ctx.need_shared("data/polnear/dev/text", "bench/score_attribution.py")
    recs = ctx.out("attribution.jsonl")
    analyze(ctx, [ctx.shared / "data/polnear/dev/text"], recs, keep_text=True, jobs=ctx.jobs)
    fig = ctx.figures.setdefault("attribution", {})
    fig["quotewire"] = attribution_summary(attribution_scores(ctx, recs, "quotewire"))
    textacy = ctx.work / "anchors/attribution-textacy-polnear.jsonl"
    if textacy.exists():
        fig["textacy"] = attribution_summary(attribution_scores(ctx, textacy, "textacy"))
    for k, v in fig.items():
        print(f"{k}: direct content+source-lenient F1 {fmt(v['direct_cs_f1'], 3)}, "
              f"all kinds content-lenient F1 {fmt(v['all_c_f1'], 3)}")


def cmd_dates(ctx: Ctx) -> None:
    header("Dates: data/dates (667 pages), score_dates.py")
    ctx.need_shared("data/dates/html", "data/dates/gold.json", "bench/score_dates.py")
    recs = ctx.out("dates.jsonl")
    analyze(ctx, [ctx.shared / "data/dates/html"], recs, jobs=ctx.jobs)
    fig = ctx.figures.setdefault("dates", {})
    preds = {"quotewire": recs, "htmldate": ctx.work / "anchors/dates-htmldate-dates.json"}
    for name, pred in preds.items():
        if not pred.exists():
            continue
        print(f"\n### {name}\n")
        args = ctx.scorer("score_dates.py") + ["--gold", str(ctx.shared / "data/dates/gold.json"), "--pred", str(pred)]
        run(args)
        js = json.loads(run(args + ["--json"], quiet=True).stdout or "{}")
        fig[name] = js
        print(f"{name}: published-day accuracy {fmt(date_acc(js), 3)}")


def date_acc(js: dict):
    """Published-day accuracy out of score_dates.py --json."""
    try:
        return js["fields"]["published"]["accuracy"]
    except (KeyError, TypeError):
        return None


def check_summary(path: Path) -> dict:
    """{case: (passed, total)} over non-stretch expectations of a check_record.py --json file."""
    out = {}
    if not path.exists():
        return out
    for case, results in json.loads(path.read_text()).items():
        core = [r for r in results if not r["stretch"]]
        out[case] = (sum(1 for r in core if r["ok"]), len(core))
    return out


def cmd_seed(ctx: Ctx) -> None:
    header("Seed: examples/sputnik-2018-12-20-putin-trump.txt vs data/seed/expected.json, check_record.py")
    ctx.need_shared("data/seed/expected.json", "bench/check_record.py")
    if not SEED.exists():
        raise BenchError(f"missing {SEED}")
    recs = ctx.out("seed.jsonl")
    analyze(ctx, [SEED], recs)
    js = ctx.out("seed.check.json")
    run(ctx.scorer("check_record.py") + [str(recs), "--expected", str(ctx.shared / "data/seed/expected.json"),
                                         "--json", str(js)])
    passed, total = check_summary(js).get("record", (0, 0))
    ctx.figures["seed"] = {"passed": passed, "total": total}
    print(f"seed: {passed}/{total} expectations pass")


def cmd_cases(ctx: Ctx) -> None:
    header("Cases: data/cases, check_record.py --cases")
    ctx.need_shared("data/cases", "bench/check_record.py")
    ctx.need_bin()
    js = ctx.out("cases.check.json")
    run(ctx.scorer("check_record.py") + ["--cases", str(ctx.shared / "data/cases"),
                                         "--cmd", f"{ctx.bin} analyze {{input}}", "--json", str(js)])
    per = check_summary(js)
    print("\n| case | passed | failed |\n|---|---|---|")
    for case, (p, t) in per.items():
        print(f"| {case} | {p} | {t - p} |")
    p, t = sum(v[0] for v in per.values()), sum(v[1] for v in per.values())
    print(f"| **all** | {p} | {t - p} |")
    ctx.figures["cases"] = {"passed": p, "total": t, "per_case": per}


# ---------------------------------------------------------------- wcxb

# WCXB anchor runs: cache name -> anchors.py arguments (one pass: 1,358 pages take trafilatura minutes).
WCXB_ANCHORS = {
    "extract-trafilatura-wcxb": ["extract", "--backend", "trafilatura", "--html", "data/wcxb/html", "--passes", "1"],
}


def wcxb_anchors(ctx: Ctx) -> dict[str, Path]:
    """Cached WCXB anchor outputs by tool; runs a missing one when the anchors venv exists."""
    adir = ctx.work / "anchors"
    py = ctx.venv / "bin/python"
    out = {}
    for name, args in WCXB_ANCHORS.items():
        dst = adir / f"{name}.json"
        if (ctx.fresh_anchors or not dst.exists()) and not ctx.no_anchors and not ctx.quick and py.exists():
            adir.mkdir(parents=True, exist_ok=True)
            args = [str(ctx.shared / a) if a.startswith("data/") else a for a in args]
            print(f"running {name} (once; cached in {adir}) ...", flush=True)
            p = run([str(py), str(ctx.shared / "bench/anchors.py")] + args + ["--out", str(dst)], quiet=True)
            if p.returncode == 0:
                (adir / f"{name}.timing.json").write_text(p.stdout)
        if dst.exists():
            out[name.split("-")[1]] = dst
    return out


def wcxb_scores(ctx: Ctx, pred: Path, only_article: bool, show: bool = True) -> dict:
    """score_wcxb.py on one prediction file (articles alone or every type); prints its table."""
    gold = ctx.shared / "data/wcxb"
    args = ctx.scorer("score_wcxb.py") + ["--gold", str(gold), "--pred", str(pred)]
    if only_article:
        args += ["--only-type", "article"]
    if show:
        run(args)
    return json.loads(run(args + ["--json"], quiet=True).stdout or "{}")


def cmd_wcxb(ctx: Ctx) -> None:
    header("WCXB dev: data/wcxb (1,358 pages, 711 articles), score_wcxb.py")
    ctx.need_shared("data/wcxb/html", "data/wcxb/ground-truth.json", "bench/score_wcxb.py")
    recs = ctx.out("wcxb.jsonl")
    sec = analyze(ctx, [ctx.shared / "data/wcxb/html"], recs, jobs=ctx.jobs)
    print(f"(quotewire: {count_lines(recs)} records in {sec:.2f} s wall, --jobs {ctx.jobs})")
    preds = {"quotewire": recs, **wcxb_anchors(ctx)}
    fig = ctx.figures.setdefault("wcxb", {})
    for name, pred in preds.items():
        print(f"\n### {name}: articles\n")
        art = wcxb_scores(ctx, pred, True)
        print(f"\n### {name}: every page type\n")
        every = wcxb_scores(ctx, pred, False)
        fig[name] = {"article": art, "all": every}
    print("\n| tool | articles F1 | P | R | with% | without% | all types F1 | title | author | false author "
          "| day | false date |\n|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, v in fig.items():
        a, e = v["article"], v["all"]
        print(f"| {name} | {wcxb_cell(a, 'f1')} | {wcxb_cell(a, 'precision')} | {wcxb_cell(a, 'recall')} | "
              f"{wcxb_cell(a, 'with_rate', 100, 1)} | {wcxb_cell(a, 'without_rate', 100, 1)} | {wcxb_cell(e, 'f1')} | "
              f"{wcxb_cell(a, 'title_acc')} | {wcxb_cell(a, 'author_acc')} | {wcxb_cell(a, 'false_author')} | "
              f"{wcxb_cell(a, 'date_acc')} | {wcxb_cell(a, 'date_false')} |")
    print("\n(trafilatura's row is `extract(html)`: main text only, so its metadata cells are not its figures)")


def wcxb_cell(js: dict, key: str, scale: float = 1.0, nd: int = 3) -> str:
    """One figure out of score_wcxb.py --json, searched at the top level and one level down."""
    if not isinstance(js, dict):
        return "n/a"
    v = js.get(key)
    if v is None:
        for sub in js.values():
            if isinstance(sub, dict) and isinstance(sub.get(key), (int, float)):
                v = sub[key]
                break
    return fmt(v * scale if isinstance(v, (int, float)) else None, nd)


# ---------------------------------------------------------------- anchors


def anchor_names(ctx: Ctx):
    return QUICK_ANCHORS if ctx.quick else tuple(ANCHOR_RUNS)


def anchor_timing(ctx: Ctx, name: str) -> dict | None:
    p = ctx.work / "anchors" / f"{name}.timing.json"
    try:
        return json.loads(p.read_text().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return None


def cmd_anchors(ctx: Ctx, from_all: bool = False) -> None:
    header("Anchors: shared/bench/anchors.py (timings: tool calls only, input pre-loaded, median of 3)")
    if ctx.no_anchors:
        print("(skipped: --no-anchors)")
        return
    ctx.need_shared("bench/anchors.py")
    py = ctx.venv / "bin/python"
    todo = [n for n in anchor_names(ctx) if ctx.fresh_anchors or anchor_timing(ctx, n) is None]
    if todo and ctx.quick and from_all:
        print(f"(--quick: not running missing anchors {', '.join(todo)}; run `bench/run.sh anchors` once)")
        todo = []
    if todo and not py.exists():
        print(f"(no anchor virtualenv at {ctx.venv}: run `bash {ctx.shared}/bench/setup_anchors.sh {ctx.venv}`; "
              "anchor rows will be missing)")
        todo = []
    adir = ctx.work / "anchors"
    adir.mkdir(parents=True, exist_ok=True)
    for name in todo:
        args = list(ANCHOR_RUNS[name])
        for i, a in enumerate(args):
            if a.startswith("data/"):
                args[i] = str(ctx.shared / a)
        ext = ".jsonl" if name.startswith("attribution") else ".json"
        print(f"running {name} ...", flush=True)
        meta = {"started": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "load_before": load()}
        p = run([str(py), str(ctx.shared / "bench/anchors.py")] + args + ["--out", str(adir / (name + ext))],
                quiet=True)
        meta["load_after"] = load()
        (adir / f"{name}.err").write_text(p.stderr)
        if p.returncode == 0:
            (adir / f"{name}.timing.json").write_text(p.stdout)
            (adir / f"{name}.meta.json").write_text(json.dumps(meta))
    print("| anchor run | tool | docs | MB | s | docs/s | MB/s | run at | load before, after |\n"
          "|---|---|---|---|---|---|---|---|---|")
    for name in anchor_names(ctx):
        t = anchor_timing(ctx, name)
        try:
            meta = json.loads((adir / f"{name}.meta.json").read_text())
        except (OSError, ValueError):
            meta = {}
        if t:
            print(f"| {name} | {t['tool']} | {t['docs']} | {t['bytes'] / 1e6:.1f} | {t['seconds']} | "
                  f"{t['docs_per_s']} | {t['mb_per_s']} | {meta.get('started', '?')} | "
                  f"{meta.get('load_before', '?')}; {meta.get('load_after', '?')} |")
        else:
            print(f"| {name} | (not run) | | | | | | | |")


# ---------------------------------------------------------------- throughput


def best_of(ctx: Ctx, fn, runs: int) -> float:
    return min(fn() for _ in range(runs))


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def cargo_bench(ctx: Ctx) -> dict | None:
    """Run crates/quotewire/benches/pipeline.rs; return its BENCH_JSON line."""
    env = dict(os.environ, QUOTEWIRE_SHARED=str(ctx.shared), QW_BENCH_PASSES=str(ctx.runs),
               QW_BENCH_JOBS=str(ctx.jobs))
    if ctx.quick:
        env["QW_BENCH_CORPORA"] = "article-extraction"
    print("cargo bench -p quotewire --bench pipeline ...", flush=True)
    p = subprocess.run(["cargo", "bench", "-p", "quotewire", "--bench", "pipeline"], cwd=REPO, env=env,
                       capture_output=True, text=True)
    lines = [line for line in p.stdout.splitlines() if not line.startswith("BENCH_JSON ")]
    if lines:
        print("```\n" + "\n".join(lines) + "\n```")
    for line in p.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line[len("BENCH_JSON "):])
    errors = [line for line in p.stderr.splitlines() if line.startswith("error")]
    print(f"(cargo bench gave no figures, exit {p.returncode}: "
          f"{'; '.join(errors[:5]) if errors else p.stderr.strip()[-600:]})")
    return None


def interleaved(ctx: Ctx) -> dict | None:
    """quotewire and trafilatura timed alternately on the 121 article pages, so both see the same load."""
    py = ctx.venv / "bin/python"
    if ctx.no_anchors or not py.exists():
        return None
    html = ctx.shared / "data/article-extraction/html"
    warc = ctx.out("pages-quick.warc.gz")
    pages = pack_warc.pack([html], warc)["pages"]
    recs, tout = ctx.out("interleaved.jsonl"), ctx.out("interleaved-trafilatura.json")
    qbest = tbest = float("inf")
    print(f"interleaving quotewire and trafilatura on {pages} pages, {ctx.runs} round(s) ...", flush=True)
    for _ in range(ctx.runs):
        qbest = min(qbest, analyze(ctx, [warc], recs, jobs=1))
        p = run([str(py), str(ctx.shared / "bench/anchors.py"), "extract", "--backend", "trafilatura",
                 "--html", str(html), "--out", str(tout), "--passes", "1"], quiet=True)
        try:
            tbest = min(tbest, json.loads(p.stdout.strip().splitlines()[-1])["seconds"])
        except (ValueError, IndexError, KeyError):
            return None
    return {"pages": pages, "qw": pages / qbest, "traf": pages / tbest, "qw_s": qbest, "traf_s": tbest}


def cmd_throughput(ctx: Ctx) -> None:
    corpora = WARC_CORPORA[:1] if ctx.quick else WARC_CORPORA
    header(f"Throughput: {' + '.join(corpora)} pages packed into one WARC.gz, best of {ctx.runs}")
    ctx.need_shared(*(f"data/{c}/html" for c in corpora), "data/polnear/dev/text")
    ctx.need_bin()
    warc = ctx.out("pages-quick.warc.gz" if ctx.quick else "pages.warc.gz")
    m = pack_warc.pack([ctx.shared / "data" / c / "html" for c in corpora], warc)
    pages, mb = m["pages"], m["utf8_bytes"] / 1e6
    print(f"{warc}: {pages} pages, {m['payload_bytes'] / 1e6:.1f} MB HTML ({mb:.1f} MB as UTF-8, "
          f"the anchors' measure), {m['warc_bytes'] / 1e6:.1f} MB gzipped")
    if not ctx.has_jobs():
        print("(this binary has no --jobs flag: every run uses its default)")
    print(f"load average before: {load()}")
    recs = ctx.out("warc.jsonl")
    t1 = best_of(ctx, lambda: analyze(ctx, [warc], recs, jobs=1), ctx.runs)
    n_recs = count_lines(recs)
    # Extraction F1 of the WARC run (WARC record ids mapped back to page ids) checks the WARC reader.
    gold = ctx.shared / "data/article-extraction/ground-truth.json"
    wpred = ctx.out("warc-extraction.json")
    wpred.write_text(json.dumps(records.to_extraction(records.read_records(recs), records.manifest_ids(
        Path(str(warc) + ".manifest.json"))), ensure_ascii=False))
    js = json.loads(run(ctx.scorer("score_extraction.py") + ["--gold", str(gold), "--pred", str(wpred), "--json"],
                        quiet=True).stdout or "{}")
    warc_f1 = next(iter(js.values()), {}).get("f1")
    tn = best_of(ctx, lambda: analyze(ctx, [warc], recs, jobs=ctx.jobs), ctx.runs)
    # Attribution speed on PolNeAR text (comparable with textacy's KB/s).
    ptexts = sorted((ctx.shared / "data/polnear/dev/text").glob("*.txt"))
    pbytes = sum(len(p.read_bytes()) for p in ptexts) / 1e6
    precs = ctx.out("polnear-speed.jsonl")
    tp = best_of(ctx, lambda: analyze(ctx, [ctx.shared / "data/polnear/dev/text"], precs, keep_text=True, jobs=1),
                 ctx.runs)
    print(f"load average after: {load()}")
    cb = cargo_bench(ctx) if ctx.cargo_bench else None
    inter = interleaved(ctx)

    fig = ctx.figures
    ext_f1 = fig.get("extraction", {}).get("quotewire", {}).get("f1", warc_f1)
    rows = []  # tool, task, input, docs, docs/s per core, MB/s per core, quality

    def row(tool, task, inp, docs, sec, mbytes, quality, cores=1):
        rows.append((tool, task, inp, docs, docs / sec / cores if sec else None,
                     mbytes / sec / cores if sec else None, quality))

    ver = subprocess.run([str(ctx.bin), "--version"], capture_output=True, text=True).stdout.strip() or "quotewire"
    inp = f"WARC, {pages} pages"
    row(f"{ver} analyze --jobs 1 (wall)", "extract+attribute+resolve", inp, pages, t1, mb,
        f"extraction F1 {fmt(ext_f1, 3)}")
    row(f"{ver} analyze --jobs {ctx.jobs} (wall, per core)", "extract+attribute+resolve", inp, pages, tn, mb,
        f"{pages / tn:.0f} pages/s in all", cores=ctx.jobs)
    if cb:
        row(f"{ver} analyze() pre-loaded, 1 thread (cargo bench)", "extract+attribute+resolve",
            f"{cb['docs']} pages in memory", cb["docs"], cb["seconds_1"], cb["bytes"] / 1e6, "")
        if cb.get("seconds_n"):
            row(f"{ver} analyze() pre-loaded, {cb['threads']} threads (per core)", "extract+attribute+resolve",
                f"{cb['docs']} pages in memory", cb["docs"], cb["seconds_n"], cb["bytes"] / 1e6, "",
                cores=cb["threads"])
    traf = None
    for backend in ("trafilatura", "resiliparse"):
        ts = [anchor_timing(ctx, f"extract-{backend}-{'article' if c == 'article-extraction' else c}") for c in corpora]
        if all(ts):
            docs, sec, by = sum(t["docs"] for t in ts), sum(t["seconds"] for t in ts), sum(t["bytes"] for t in ts)
            q = fig.get("extraction", {}).get(backend, {}).get("f1")
            cached = ctx.work / "anchors" / f"extract-{backend}-article.json"
            if q is None and cached.exists():  # throughput run alone: score the cached output quietly
                js = json.loads(run(ctx.scorer("score_extraction.py") + ["--gold", str(gold), "--pred", str(cached),
                                                                         "--json"], quiet=True).stdout or "{}")
                q = next(iter(js.values()), {}).get("f1")
            row(ts[0]["tool"], "extract (main text only)", f"same {docs} pages in memory", docs, sec, by / 1e6,
                f"extraction F1 {fmt(q, 3)}")
            if backend == "trafilatura":
                traf = docs / sec
    ht = anchor_timing(ctx, "dates-htmldate-dates")
    qd = fig.get("dates", {})
    if qd.get("quotewire"):
        rows.append((f"{ver} analyze (speed: see the WARC rows)", "published date", "data/dates/html, 667 pages",
                     667, None, None,
                     f"day accuracy {fmt(date_acc(qd['quotewire']), 3)}"))
    if ht:
        row(ht["tool"], "published date", f"{ht['docs']} pages in memory", ht["docs"], ht["seconds"],
            ht["bytes"] / 1e6, f"day accuracy {fmt(date_acc(qd.get('htmldate')), 3)}")
    qa = fig.get("attribution", {})

    def att_q(name):
        v = qa.get(name)
        return (f"direct c+s F1 {fmt(v['direct_cs_f1'], 3)}, all c F1 {fmt(v['all_c_f1'], 3)}" if v else "")

    row(f"{ver} analyze --keep-text --jobs 1 (wall)", "attribution (PolNeAR dev)", f"{len(ptexts)} texts",
        len(ptexts), tp, pbytes, att_q("quotewire"))
    tt = anchor_timing(ctx, "attribution-textacy-polnear")
    if tt:
        row(tt["tool"], "attribution (PolNeAR dev)", f"{tt['docs']} texts in memory", tt["docs"], tt["seconds"],
            tt["bytes"] / 1e6, att_q("textacy"))

    header("Side by side (per core: single-thread figures, or all-core figures divided by the cores)")
    print(f"machine: {machine()}; load average during the quotewire runs: {load()}")
    busy = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if busy > 0.75 * (os.cpu_count() or 1):
        print(f"\n**The machine was shared with other jobs** (1-minute load average {busy:.1f} on "
              f"{os.cpu_count()} cores): speed figures here are lower bounds, and the anchors were timed "
              "under their own load (see the anchors table for when).")
    print()
    print("| tool | task | input | docs | docs/s per core | MB/s per core | quality |")
    print("|---|---|---|---|---|---|---|")
    for tool, task, inp_, docs, dps, mbs, q in rows:
        print(f"| {tool} | {task} | {inp_} | {docs} | {fmt(dps, 1)} | {fmt(mbs, 3 if mbs and mbs < 0.1 else 2)} | {q} |")
    if traf:
        print(f"\nextraction speed ratio quotewire/trafilatura (pages/s, one core): "
              f"analyze --jobs 1 wall {pages / t1 / traf:.2f}x"
              + (f"; analyze() pre-loaded {cb['docs'] / cb['seconds_1'] / traf:.2f}x" if cb else ""))
    if inter:
        print(f"\nsame load, interleaved (quotewire run, trafilatura run, x{ctx.runs}, best of each) on the "
              f"{inter['pages']} article-extraction pages: quotewire analyze --jobs 1 (wall, WARC) "
              f"{inter['qw']:.1f} pages/s, trafilatura (extract calls only) {inter['traf']:.1f} pages/s: "
              f"**ratio {inter['qw'] / inter['traf']:.2f}x**")
    print(f"quotewire records from the WARC: {n_recs} of {pages} pages; extraction F1 of the WARC run "
          f"(121 scored pages) {fmt(warc_f1, 3)}")
    fig["throughput"] = {"pages": pages, "mb": mb, "t1": t1, "tn": tn, "jobs": ctx.jobs, "records": n_recs,
                         "warc_f1": warc_f1, "polnear_s": tp, "cargo_bench": cb, "interleaved": inter, "rows": rows}


# ---------------------------------------------------------------- all


def fmt(x, nd: int) -> str:
    return "n/a" if x is None else f"{x:.{nd}f}"


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}"


def cmd_all(ctx: Ctx) -> None:
    print(f"# quotewire benchmarks\n\nMeasured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
          f"{' (--quick: one run per timing, fewer pages)' if ctx.quick else ''} with:\n")
    print("    cargo build --release -p quotewire-cli")
    print(f"    bench/all.sh {' '.join(sys.argv[2:] if sys.argv[1:2] == ['all'] else sys.argv[1:])}\n".rstrip() + "\n")
    git = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    ctx.need_bin()
    ver = subprocess.run([str(ctx.bin), "--version"], capture_output=True, text=True).stdout.strip()
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"- commit: {git.stdout.strip() or '?'}{' with uncommitted changes' if dirty else ''}; "
          f"binary: {ver} ({rustc or 'rustc ?'}); Python {platform.python_version()}")
    print(f"- machine: {machine()}; load average at the start (1, 5, 15 min): {load()}")
    print(f"- data: {ctx.shared}; scratch: {ctx.work}; anchors venv: {ctx.venv}")
    print("- how each figure is measured: bench/README.md; anchor versions are in the anchors table")
    ctx.need_shared()
    cmd_anchors(ctx, from_all=True)
    failed = []
    for step in (cmd_extraction, cmd_flattened, cmd_attribution, cmd_dates, cmd_seed, cmd_cases, cmd_throughput):
        try:
            step(ctx)
        except BenchError as e:  # one failing step does not hide the others' figures
            print(f"!! {step.__name__[4:]}: {e}")
            failed.append(step.__name__[4:])
    header("Summary against the targets of issue 2")
    f = ctx.figures
    a = f.get("attribution", {}).get("quotewire", {})
    s, c, t = f.get("seed", {}), f.get("cases", {}), f.get("throughput") or {}
    cb = t.get("cargo_bench") or {}
    rows = [
        ("seed: check_record.py expectations", s.get("passed"), s.get("total"), ">= 70 of 93",
         s.get("passed") is not None and s["passed"] >= 70),
        ("cases: expectations passed", c.get("passed"), c.get("total"), ">= half",
         c.get("total") and 2 * c["passed"] >= c["total"]),
        ("main-text F1, 121 HTML pages", f.get("extraction", {}).get("quotewire", {}).get("f1"), None, ">= 0.95",
         None),
        ("main-text F1, 121 flattened texts", f.get("flattened", {}).get("quotewire", {}).get("f1"), None, "-", None),
        ("PolNeAR dev: direct, content+source-lenient F1", a.get("direct_cs_f1"), None, ">= 0.80", None),
        ("PolNeAR dev: all kinds, content-lenient F1", a.get("all_c_f1"), None, ">= 0.50", None),
        ("dates dev: published-day accuracy", date_acc(f.get("dates", {}).get("quotewire")), None, ">= 0.85", None),
        ("pages/s on one core, analyze --jobs 1 (wall, WARC)", t["pages"] / t["t1"] if t else None, None, ">= 200",
         None),
        ("speed ratio quotewire/trafilatura, one core, interleaved runs",
         t["interleaved"]["qw"] / t["interleaved"]["traf"] if t.get("interleaved") else None, None, "-", None),
        ("pages/s on one core, analyze() pre-loaded (cargo bench)",
         cb["docs"] / cb["seconds_1"] if cb else None, None, ">= 200", None),
    ]
    print("| figure | value | target | met |\n|---|---|---|---|")
    for name, v, total, target, met in rows:
        if total is not None:
            val = f"{v}/{total}"
        elif isinstance(v, float) and v > 10:
            val = f"{v:.1f}"
        else:
            val = fmt(v, 3)
        if met is None and v is not None and target.startswith(">= "):
            met = v >= float(target[3:])
            if not met and float(val) >= float(target[3:]):  # 0.7996 is not 0.80: show why
                val = fmt(v, 4)
        print(f"| {name} | {val} | {target} | {'-' if met is None or target == '-' else 'yes' if met else 'no'} |")
    (ctx.work / "results.json").write_text(json.dumps(f, indent=1, default=str))
    print(f"\n(all figures as JSON: {ctx.work / 'results.json'})")
    if failed:
        raise BenchError(f"steps failed: {', '.join(failed)}")


# ---------------------------------------------------------------- entities, speakers, time expressions (issue 7)


def entity_records(ctx: Ctx) -> Path:
    """GUM news dev through `analyze --keep-text --jobs 1`, once per run (entities and speakers share it)."""
    ctx.need_shared("data/entities/dev/gold.jsonl")
    recs = ctx.out("entities.jsonl")
    if "entity_records" not in ctx.figures:
        analyze(ctx, sorted((ctx.shared / "data/entities/dev").glob("*.txt")), recs, keep_text=True, jobs=1)
        ctx.figures["entity_records"] = str(recs)
    return recs


def cmd_entities(ctx: Ctx) -> None:
    header("Entities and coreference: GUM news dev (--keep-text), score_entities.py")
    ctx.need_shared("bench/score_entities.py")
    recs = entity_records(ctx)
    js = ctx.out("entities.scores.json")
    run(ctx.scorer("score_entities.py") + ["--gold", str(ctx.shared / "data/entities/dev"),
                                            "--pred", str(recs), "--json", str(js)])
    ctx.figures["entities"] = json.loads(js.read_text()) if js.exists() else {}


def cmd_speakers(ctx: Ctx) -> None:
    header("Speakers: GUM news dev (--keep-text), score_speakers.py")
    ctx.need_shared("bench/score_speakers.py")
    recs = entity_records(ctx)
    js = ctx.out("speakers.scores.json")
    run(ctx.scorer("score_speakers.py") + ["--gold", str(ctx.shared / "data/entities/dev"),
                                            "--pred", str(recs), "--json", str(js)])
    ctx.figures["speakers"] = json.loads(js.read_text()) if js.exists() else {}


def cmd_timex(ctx: Ctx) -> None:
    """TempEval-3 train: each document analysed with `--published` set to its DCT (grouped by DCT)."""
    header("Time expressions: TempEval-3 train (--keep-text --published DCT), score_timex.py")
    gold = ctx.shared / "data/timex/train"
    ctx.need_shared("data/timex/train/gold.jsonl", "bench/score_timex.py")
    ctx.need_bin()
    by_dct: dict[str, list[Path]] = {}
    for line in (gold / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            by_dct.setdefault(g["dct"], []).append(gold / f"{g['id']}.txt")
    recs = ctx.out("timex.jsonl")
    with open(recs, "w", encoding="utf-8") as out:
        for dct, paths in sorted(by_dct.items()):
            cmd = [str(ctx.bin), "analyze", "--keep-text", "-q", "--jobs", "1", "--published", dct]
            p = subprocess.run(cmd + [str(x) for x in paths], capture_output=True, text=True)
            if p.returncode != 0:
                raise BenchError(f"quotewire failed (exit {p.returncode}) on DCT {dct}: {p.stderr.strip()[-800:]}")
            out.write(p.stdout)
    js = ctx.out("timex.scores.json")
    run(ctx.scorer("score_timex.py") + ["--gold", str(gold), "--pred", str(recs), "--json", str(js)])
    ctx.figures["timex"] = json.loads(js.read_text()) if js.exists() else {}


COMMANDS = {
    "extraction": cmd_extraction, "flattened": cmd_flattened, "attribution": cmd_attribution, "dates": cmd_dates,
    "seed": cmd_seed, "cases": cmd_cases, "wcxb": cmd_wcxb, "anchors": cmd_anchors, "throughput": cmd_throughput, "all": cmd_all,
    "entities": cmd_entities, "speakers": cmd_speakers, "timex": cmd_timex,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench/run.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=list(COMMANDS))
    ap.add_argument("--shared", help="the shared data folder (default ../shared from the repo root)")
    ap.add_argument("--bin", help="the quotewire binary (default target/release/quotewire)")
    ap.add_argument("--work", help="scratch folder (default /tmp/qw-bench)")
    ap.add_argument("--venv", help="anchors virtualenv (default /tmp/quotewire-anchors)")
    ap.add_argument("--quick", action="store_true",
                    help="one run per timing, WARC of the 121 extraction pages only, no cargo bench, "
                         "anchors only from the cache")
    ap.add_argument("--runs", type=int, help="timed runs per figure, best kept (default 3, --quick 1)")
    ap.add_argument("--jobs", type=int, help="jobs for the all-cores runs (default: every core)")
    ap.add_argument("--cargo-bench", action=argparse.BooleanOptionalAction, default=None,
                    help="also run the cargo bench harness in throughput (default: on, off with --quick)")
    ap.add_argument("--fresh-anchors", action="store_true", help="re-run the anchors even when cached")
    ap.add_argument("--no-anchors", action="store_true", help="never run the anchors (cached rows still show)")
    ap.add_argument("--report", type=Path, metavar="FILE",
                    help="also write the output as a Markdown report (e.g. BENCHMARKS.md; PASS lines dropped)")
    a = ap.parse_args(argv)
    if a.cargo_bench is None:
        a.cargo_bench = not a.quick
    ctx = Ctx(a)
    tee = None
    if a.report:
        tee = sys.stdout = Tee(sys.stdout)
    status = 0
    try:
        COMMANDS[a.command](ctx)
    except BenchError as e:
        print(f"bench: {e}", file=sys.stderr)
        status = 2
    if tee:
        sys.stdout = tee.out
        write_report(tee.buf.getvalue(), a.report)
        print(f"report written to {a.report}")
    return status


if __name__ == "__main__":
    sys.exit(main())
