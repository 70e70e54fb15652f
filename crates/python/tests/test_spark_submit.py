"""The cluster path: `spark-submit --master local[1]` runs of the job, the
wheel reaching the executors' Python in each of the three documented ways
(examples/spark/README.md, "Running it on a cluster"):

1. installed in the executors' Python (here: this test's virtualenv),
2. a packed virtualenv shipped with `--archives env.tar.gz#env` and
   `spark.pyspark.python=./env/bin/python` (venv-pack); this one runs on
   `--master local-cluster[1,1,1024]` (a master and a worker with a
   separate executor JVM whose working directory holds the unpacked
   archive, as on a cluster): in `local[1]` the executor runs in the
   driver's directory, where `./env` does not exist,
3. the wheel shipped with `--py-files`, the executors' Python a plain
   CPython without quotewire.

Each run's Parquet tables, read back, equal the CLI's records. The wheel
file comes from QUOTEWIRE_WHEEL (set by .ci/run); pyspark (its
spark-submit), pyarrow and venv-pack are installed in this interpreter. The
tests skip when any of these is missing, and fail instead when CI is set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, _missing

JOB = REPO / "examples" / "spark" / "quotewire_spark.py"


def need(module: str):
    try:
        return __import__(module)
    except ImportError:
        _missing(f"the Python module {module}")


@pytest.fixture(scope="module")
def wheel() -> Path:
    env = os.environ.get("QUOTEWIRE_WHEEL")
    path = Path(env) if env else None
    if path is None or not path.is_file():
        _missing("the quotewire wheel (QUOTEWIRE_WHEEL=dist/quotewire-*.whl)")
    return path


@pytest.fixture(scope="module")
def spark_submit() -> Path:
    need("pyspark")
    path = Path(sys.executable).parent / "spark-submit"
    if not path.is_file():
        found = shutil.which("spark-submit")
        if not found:
            _missing("spark-submit (pip install pyspark)")
        path = Path(found)
    return path


@pytest.fixture(scope="module")
def warcs(shared):
    found = sorted((shared / "data" / "warc").glob("*.warc.gz"))
    assert len(found) >= 3
    return found


@pytest.fixture(scope="module")
def expected(run_cli, warcs):
    recs = []
    for w in warcs:
        recs += run_cli.records(str(w))
    assert len(recs) > 20
    return sorted(recs, key=lambda r: r["id"])


def submit(spark_submit: Path, out: Path, warcs, *opts: str, env_python: str, job_args=(), cwd: Path,
           master: str = "local[1]"):
    """Run the job with spark-submit; the driver's Python is this one (it
    has pyspark), the executors' Python is `env_python`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYSPARK_")}
    env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    cmd = [str(spark_submit), "--master", master,
           "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.memory=1g",
           "--conf", f"spark.pyspark.python={env_python}",
           "--conf", f"spark.pyspark.driver.python={sys.executable}",
           *opts, str(JOB), "--out", str(out), *job_args, *map(str, warcs)]
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-4000:]
    # spark-submit copies the Python driver's stdout and stderr to its stdout
    assert "quotewire_spark: " in p.stdout + p.stderr, p.stdout[-2000:]
    return p


def check_tables(out: Path, expected):
    import json

    import pyarrow.parquet as pq

    arts = sorted(pq.read_table(out / "articles").to_pylist(), key=lambda r: r["id"])
    assert [a["id"] for a in arts] == [r["id"] for r in expected]
    for a, r in zip(arts, expected):
        assert {**json.loads(a["record"]), "text": a["text"]} == r, r["id"]
    atts = pq.read_table(out / "attributions").to_pylist()
    assert len(atts) == sum(len(r["attributions"]) for r in expected) > 0
    assert (out / "articles" / "_SUCCESS").exists() or list((out / "articles").glob("_SUCCESS*"))


def test_wheel_installed_on_the_executors(spark_submit, warcs, expected, tmp_path):
    need("pyarrow")
    out = tmp_path / "out"
    submit(spark_submit, out, warcs, env_python=sys.executable, cwd=tmp_path)
    check_tables(out, expected)


def test_packed_virtualenv_with_archives(spark_submit, wheel, warcs, expected, tmp_path):
    need("pyarrow")
    venv_pack = Path(sys.executable).parent / "venv-pack"
    if not venv_pack.is_file():
        _missing("venv-pack (pip install venv-pack)")
    env_dir = tmp_path / "qwenv"
    # --copies: no links to the interpreter outside the archive (Spark
    # refuses to unpack an entry that points outside its folder)
    subprocess.run([sys.executable, "-m", "venv", "--copies", str(env_dir)], check=True)
    # the wheel alone (no pyarrow): the job then writes with Spark's writer
    subprocess.run([str(env_dir / "bin" / "pip"), "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    archive = tmp_path / "qwenv.tar.gz"  # (Spark's .tar unpacking drops the executable bits)
    subprocess.run([str(venv_pack), "-p", str(env_dir), "-o", str(archive), "-q"],
                   check=True, capture_output=True)
    shutil.rmtree(env_dir)  # the executors use the unpacked archive, nothing else
    out = tmp_path / "out"
    submit(spark_submit, out, warcs, "--archives", f"{archive}#environment",
           env_python="./environment/bin/python", job_args=("--writer", "spark"), cwd=tmp_path,
           master="local-cluster[1,1,1024]")
    check_tables(out, expected)


def test_wheel_shipped_with_py_files(spark_submit, wheel, warcs, expected, tmp_path):
    need("pyarrow")
    # a CPython without quotewire: the base interpreter of this virtualenv
    base = Path(getattr(sys, "_base_executable", "") or "")
    if sys.prefix == sys.base_prefix or not base.is_file():
        _missing("a virtualenv for the tests (its base interpreter is the plain CPython)")
    probe = subprocess.run([str(base), "-c", "import quotewire"], capture_output=True)
    if probe.returncode == 0:
        pytest.skip(f"{base} has quotewire installed: it would not test --py-files")
    out = tmp_path / "out"
    submit(spark_submit, out, warcs, "--py-files", str(wheel),
           env_python=str(base), job_args=("--writer", "spark"), cwd=tmp_path)
    check_tables(out, expected)
