"""`thidua demo` run once in a real process and shared by the tests that
only read what it wrote (a demo costs ≈ 3 s of processor time). A test that
changes a file copies it first; nothing writes into the shared folder."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest


class DemoRun(NamedTuple):
    folder: Path
    returncode: int
    stdout: str
    stderr: str


_done: list[DemoRun] = []  # one run per test process, whichever module asks first


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> DemoRun:
    if not _done:
        folder = tmp_path_factory.mktemp("demo_run") / "demo"
        got = subprocess.run([sys.executable, "-m", "xlsrc", "demo", str(folder)], capture_output=True, text=True,
                             encoding="utf-8")
        _done.append(DemoRun(folder, got.returncode, got.stdout, got.stderr))
    return _done[0]
