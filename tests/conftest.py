"""Shared fixtures: the demo workbook, and a round trip through a real file.

Every test runs with the per-user folders (home, the log of
xlsrc/logfile.py, caches, settings) in a temporary folder of its own, so the
suite never writes into the user's home and no test sees what another one
left there. Under CI (``CI=true``) Hypothesis replays fixed cases, and a skipped test is a failure unless its
reason says why it cannot run on Linux at all (``impossible_on_linux``)."""
from __future__ import annotations

import os
import shutil
import sys

import pytest
from hypothesis import settings

from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.records import read_workbook

# Every variable through which the product or a tool it runs finds a per-user folder: Windows's own
# (set there only, as on a user's PC: elsewhere LOCALAPPDATA would hide XDG_STATE_HOME from the log) and the rest.
WINDOWS_FOLDERS = ("USERPROFILE", "LOCALAPPDATA", "APPDATA")
PER_USER_FOLDERS = ("HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME") + \
    (WINDOWS_FOLDERS if sys.platform == "win32" else ())
LINUX_IMPOSSIBLE = "không chạy được trên Linux: "


def impossible_on_linux(reason: str) -> str:
    """A skip reason that CI accepts: the test cannot run on Linux at all."""
    return LINUX_IMPOSSIBLE + reason


def under_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


# Property tests explore new random cases on a developer's machine (and keep what fails in .hypothesis/); CI
# replays the same derandomized cases every run, so a red CI always means a change, never the draw of the day.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if under_ci():
    settings.load_profile("ci")


def pytest_configure(config):
    """The package's bytecode written once, as pip writes it when it installs
    thidua: the commands the tests run in processes of their own (``python -m
    xlsrc …``, a button's process) then import it compiled, as on a user's PC,
    instead of compiling every module again in each of them where
    PYTHONDONTWRITEBYTECODE is set (as on CI machines): ≈ 0.2 s a process.
    Each pytest-xdist worker asks; the modules already compiled are skipped."""
    import compileall
    from pathlib import Path
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "xlsrc"), quiet=2)


def _malloc_trim():
    """glibc's malloc_trim, where the C library has it (Linux), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


@pytest.fixture(autouse=True)
def _memory_given_back():
    """After a test, the memory its large books and documents used is given
    back to the system: a test process that ran many tests holds hundreds of
    MB freed but kept by the C allocator, and every book it opens forks a
    reader process from it (access/isolated.py), at several times the cost
    of a fork from a small process (page tables copied, pages copied on
    write). A user's command is a fresh, small process; so are the tests'."""
    yield
    if _TRIM is not None:
        _TRIM(0)  # well under a millisecond when there is nothing to give back


# The tests about the reader's own process (a crash, a memory cap, a hostile file, the order of its steps):
# every other test reads its books in the test process (access/isolated.SEPARATE), as a forked child would give them
# back. The commands the tests run in processes of their own (``python -m xlsrc …``) fork their readers as always.
SEPARATE_READER_MODULES = {"test_reader_isolation", "test_consolidate_edges", "test_hostile_files",
                           "test_hostile_spans", "test_fuzz_workbooks", "test_file_formats", "test_one_grid",
                           "test_report_ahead"}


@pytest.fixture(autouse=True)
def _reader_in_this_process(request, monkeypatch):
    """Books read here unless the test is about the reader's process (SEPARATE_READER_MODULES,
    or marked ``separate_reader``)."""
    if request.module.__name__.rpartition(".")[2] not in SEPARATE_READER_MODULES \
            and request.node.get_closest_marker("separate_reader") is None:
        from xlsrc.access import isolated
        monkeypatch.setattr(isolated, "SEPARATE", False)


@pytest.fixture(autouse=True)
def _per_user_folders_in_tmp(tmp_path_factory, monkeypatch):
    """HOME, the XDG folders (and on Windows LOCALAPPDATA, APPDATA) point
    into a fresh temporary folder (not ``tmp_path``, which tests expect to
    find empty); elsewhere Windows's variables are not set at all."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in set(WINDOWS_FOLDERS) - set(PER_USER_FOLDERS):
        monkeypatch.delenv(name, raising=False)
    for name in PER_USER_FOLDERS[1:]:
        folder = home / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    yield home  # the native reader's log is opened where log_path() says, when a reader needs it (access/isolated)


@pytest.fixture()
def log_file(_per_user_folders_in_tmp):
    """Where this test's thidua.log is written (xlsrc.logfile.log_path)."""
    from xlsrc.logfile import log_path
    return log_path()


def pytest_collection_modifyitems(items):
    """The tests marked ``long`` (several seconds each) run first, in the
    random order pytest-randomly gave them (it reorders before this hook):
    the run then ends on short tests spread over both pytest-xdist workers
    (``--dist=worksteal`` in README's command: an idle worker takes half of
    the other's queue), instead of one worker finishing a long test alone
    while the other waits."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI a skip is a failure unless it says it cannot run on Linux at all:
    a missing tool or permission is a CI defect, not a reason to stay green."""
    outcome = yield
    report = outcome.get_result()
    if not (under_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if LINUX_IMPOSSIBLE not in reason or sys.platform != "linux":
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI (CI=true), which must run every test on Linux: {reason}"


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory):
    """A LibreOffice profile (-env:UserInstallation) for this test process:
    made once, shared by its conversions, never by two processes (xdist workers
    each get their own), so conversions can run in parallel."""
    return (tmp_path_factory.getbasetemp() / "lo-profile").as_uri()


def soffice_convert(src, to: str, outdir, profile: str, timeout: int = 300):
    """``soffice --headless --convert-to TO`` of ``src`` into ``outdir`` with ``profile``."""
    import subprocess
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    return subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
                           "--outdir", str(outdir), str(src)], capture_output=True, timeout=timeout)


@pytest.fixture(scope="session")
def demo_bytes(tmp_path_factory) -> bytes:
    """The demo workbook's bytes, built once per test process."""
    return write_workbook(tmp_path_factory.mktemp("demo") / "demo.xlsx", demo_content()).read_bytes()


@pytest.fixture()
def demo_book(tmp_path, demo_bytes):
    """The demo workbook (`thidua demo` content) written to tmp_path."""
    path = tmp_path / "demo.xlsx"
    path.write_bytes(demo_bytes)
    return path


@pytest.fixture()
def read_back(tmp_path):
    """Write a builder Content to a real .xlsx and read it back with the reader."""
    def _read(content, name: str = "wb.xlsx"):
        return read_workbook(FileBook(write_workbook(tmp_path / name, content, force=True)))
    return _read


@pytest.fixture()
def forks(monkeypatch):
    """The processes this one forked (their pids) while the test ran."""
    made = []
    real_fork = os.fork

    def counting_fork():
        pid = real_fork()
        if pid:
            made.append(pid)
        return pid
    monkeypatch.setattr(os, "fork", counting_fork)
    return made
