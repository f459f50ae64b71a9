"""The rules the suite itself keeps (issue 24): no test writes into the
user's home or sees another test's log, and under CI a skip is a failure
unless the test cannot run on Linux at all."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PER_USER_FOLDERS, SEPARATE_READER_MODULES, WINDOWS_FOLDERS, impossible_on_linux


def test_every_per_user_folder_and_the_log_are_in_this_tests_tmp_folder(_per_user_folders_in_tmp, log_file):
    home = _per_user_folders_in_tmp
    for name in PER_USER_FOLDERS:
        assert Path(os.environ[name]).is_relative_to(home), name
    assert Path.home() == home
    if sys.platform != "win32":  # as on a Linux user's machine: the log goes to XDG_STATE_HOME
        assert not any(name in os.environ for name in WINDOWS_FOLDERS)
    assert log_file.is_relative_to(home) and not log_file.exists()
    from xlsrc.logfile import log_exception
    try:
        raise ValueError("thử")
    except ValueError:
        assert log_exception("kiểm thử") == log_file
    assert "ValueError: thử" in log_file.read_text(encoding="utf-8")


def test_the_native_readers_report_goes_to_this_tests_log(_per_user_folders_in_tmp):
    """The reader's child copies what native code printed into the log (xlsrc/access/isolated.py) through
    open_log_fd, which opens the log of this test's home."""
    from xlsrc.logfile import open_log_fd
    fd = open_log_fd()
    try:
        opened = Path(os.readlink(f"/proc/self/fd/{fd}")) if sys.platform == "linux" else None
    finally:
        os.close(fd)
    if opened is not None:
        assert opened.is_relative_to(_per_user_folders_in_tmp)


SKIPPING = '''
import pytest
from conftest import impossible_on_linux

def test_needs_a_tool():
    pytest.skip("a tool is not installed")

@pytest.mark.skipif(True, reason=impossible_on_linux("needs Excel on Windows"))
def test_needs_windows():
    pass

def test_runs():
    pass
'''


def _run_skipping(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_skipping.py").write_text(SKIPPING, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER")}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
                           "-p", "no:xdist", "-rA", str(tmp_path)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)


def test_under_ci_a_skip_fails_unless_it_cannot_run_on_linux(tmp_path):
    r = _run_skipping(tmp_path, "true")
    assert r.returncode == 1, r.stdout
    assert "1 failed, 1 passed, 1 skipped" in r.stdout, r.stdout
    assert "Skipped under CI (CI=true), which must run every test on Linux: Skipped: a tool is not installed" in r.stdout


@pytest.mark.long
def test_outside_ci_skips_stay_skips(tmp_path):
    r = _run_skipping(tmp_path, None)
    assert r.returncode == 0 and "1 passed, 2 skipped" in r.stdout, r.stdout


def test_the_reason_ci_accepts_says_linux():
    assert impossible_on_linux("needs Excel") == "không chạy được trên Linux: needs Excel"


def test_under_ci_property_tests_replay_fixed_cases():
    """A red CI must mean a change: under CI=true Hypothesis is derandomized; elsewhere it explores."""
    probe = ("import sys; sys.path.insert(0, '.'); import tests.conftest; from hypothesis import settings; "
             "print(settings.default.derandomize, settings.default.database)")
    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    ci = subprocess.run([sys.executable, "-c", probe], cwd=root, env={**env, "CI": "true"},
                        capture_output=True, text=True, check=True).stdout.split()
    local = subprocess.run([sys.executable, "-c", probe], cwd=root, env=env,
                           capture_output=True, text=True, check=True).stdout.split()
    assert ci == ["True", "None"]
    assert local[0] == "False"


def test_the_tests_about_the_readers_process_are_named_as_they_are():
    """A test file renamed would silently read its books in the test process: every name is a file of tests/."""
    here = Path(__file__).parent
    assert sorted(m for m in SEPARATE_READER_MODULES if not (here / f"{m}.py").is_file()) == []
