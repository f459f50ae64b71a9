"""The output is flushed to disk before it takes its final name: the real
command runs under strace and the system calls are read back (no mock)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="strace not installed")


def _trace(tmp_path, *args) -> list[str]:
    log = tmp_path / "strace.log"
    res = subprocess.run(["strace", "-f", "-e", "trace=openat,fsync,fdatasync,link,linkat,rename,renameat,renameat2",
                          "-o", str(log), sys.executable, "-m", "xlsrc", *args],
                         capture_output=True, text=True, cwd=tmp_path)
    if "ptrace" in res.stderr and not log.exists():
        pytest.skip("ptrace not allowed here")
    assert res.returncode == 0, res.stderr
    return log.read_text(encoding="utf-8", errors="replace").splitlines()


def _fsynced_before_publish(lines: list[str], target_name: str) -> bool:
    """An fsync of a descriptor opened on the temporary file, before the
    link/rename that gives the target its name."""
    publish = next(i for i, line in enumerate(lines)
                   if re.search(r"\b(link|linkat|rename|renameat2?)\(", line) and f'{target_name}"' in line)
    temp_fds = set()
    for line in lines[:publish]:
        m = re.search(r'openat\([^"]*"[^"]*/\.~[^"]*"[^)]*\)\s*=\s*(\d+)', line)
        if m:
            temp_fds.add(m.group(1))
        m = re.search(r"\b(?:fsync|fdatasync)\((\d+)\)\s*=\s*0", line)
        if m and m.group(1) in temp_fds:
            return True
    return False


def test_new_workbook_is_flushed_before_it_takes_its_name(tmp_path):
    lines = _trace(tmp_path, "new", "So.xlsx")
    assert _fsynced_before_publish(lines, "So.xlsx")


def test_forced_overwrite_is_flushed_before_it_replaces_the_old_file(tmp_path):
    (tmp_path / "So.xlsx").write_bytes(b"old")
    lines = _trace(tmp_path, "new", "So.xlsx", "--force")
    assert _fsynced_before_publish(lines, "So.xlsx")


def test_the_check_sees_a_missing_fsync():
    """The reader of the trace is not vacuous: without the fsync line it says no."""
    lines = ['10 openat(AT_FDCWD, "/t/.~So-1.xlsx", O_RDONLY|O_CLOEXEC) = 3',
             '10 fsync(3) = 0',
             '10 link("/t/.~So-1.xlsx", "/t/So.xlsx") = 0']
    assert _fsynced_before_publish(lines, "So.xlsx")
    assert not _fsynced_before_publish([lines[0], lines[2]], "So.xlsx")
