"""Shared helpers of the quotewire package tests.

The tests compare the package with the `quotewire` command: set
QUOTEWIRE_BIN to the binary (default: the newest of target/{fast,release,
debug}/quotewire in this repository). Tests over the shared benchmark data
use QUOTEWIRE_SHARED (default: ../shared beside the repository); they skip
when it is absent, and fail instead when the CI environment variable is set.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import List

import pytest

REPO = Path(__file__).resolve().parents[3]


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing and CI is set: these tests must run in CI")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def shared() -> Path:
    path = Path(os.environ.get("QUOTEWIRE_SHARED", REPO.parent / "shared"))
    if not (path / "data").is_dir():
        _missing(f"the shared benchmark data ({path})")
    return path


def cli_path() -> Path:
    env = os.environ.get("QUOTEWIRE_BIN")
    if env:
        return Path(env)
    built = [REPO / "target" / p / "quotewire" for p in ("fast", "release", "debug")]
    built = [p for p in built if p.is_file()]
    if not built:
        return Path("")
    return max(built, key=lambda p: p.stat().st_mtime)


@pytest.fixture(scope="session")
def cli() -> Path:
    path = cli_path()
    if not path.is_file():
        _missing("the quotewire binary (cargo build --profile fast -p quotewire-cli, or QUOTEWIRE_BIN)")
    return path


class Cli:
    """Runs `quotewire analyze` and parses its output."""

    def __init__(self, binary: Path):
        self.binary = binary

    def run(self, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.binary), "analyze", "--jobs", "1", *args],
                              input=stdin, capture_output=True, timeout=600)

    def records(self, *args: str, stdin: bytes | None = None) -> List[dict]:
        p = self.run("-q", *args, stdin=stdin)
        assert p.returncode == 0, p.stderr.decode()
        return [json.loads(line) for line in p.stdout.splitlines()]

    def messages(self, *args: str, stdin: bytes | None = None, kind: str = "error") -> List[str]:
        """The CLI's `quotewire: KIND: ...` lines on stderr, without that prefix."""
        p = self.run(*args, stdin=stdin)
        prefix = f"quotewire: {kind}: "
        return [ln[len(prefix):] for ln in p.stderr.decode().splitlines() if ln.startswith(prefix)]


@pytest.fixture(scope="session")
def run_cli(cli) -> Cli:
    return Cli(cli)


def file_id(name: str) -> str:
    """The CLI's id of a file: its name without .gz, then .html/.htm/.txt/..."""
    low = name.lower()
    if low.endswith(".gz"):
        name, low = name[:-3], low[:-3]
    for ext in (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text"):
        if low.endswith(ext):
            return name[: -len(ext)]
    return name
