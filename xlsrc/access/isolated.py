"""The native reader run where its crash cannot take the command down.

python-calamine is native code: a file it cannot handle may abort the whole
process (a Rust panic that aborts, an allocation refused, SIGSEGV) before any
Python ``except`` sees it. Every command therefore reads a workbook's values
in a child process — a fork of this one on Linux (nothing to import or copy:
the child sees the file's bytes already in memory), a fresh process
elsewhere — that sends back the sheets' values, pickled. When the child dies
the command says so in Vietnamese and goes on (consolidation: with the other
files) or stops (a single-file command), never with a traceback or the
reader's English report, which goes to the log.

A process that is itself an isolated reader (consolidation's workers, the
child here) reads in place: ``run_isolated`` only forks from the main one.
"""
from __future__ import annotations

import os
import pickle
import sys
from typing import Callable, TypeVar

from ..halves import _reap

T = TypeVar("T")

INSIDE = False  # this process is an isolated reader: read in place
# False only in the test suite (tests/conftest.py), for the tests that are not about the reader's process: the work
# is then done here, after the same steps in the same order, its result or exception passed through pickle as a
# child's is (consolidation's pool of workers too). A fork from a test process that has run hundreds of tests costs
# 30-60 ms, ten times the work.
SEPARATE = True
# What a later step of the command does anyway and that needs no file (the import of its modules, say),
# done here while a reader child reads, on the other core: each called once, at the first read.
WHILE_READING: list[Callable[[], object]] = []


class ReaderCrashed(Exception):
    """The child reading the file died (signal, refused memory, lost pipe)."""


def become_reader(report_fd: int | None = None) -> None:
    """Set up a reading process: Ctrl+C is the parent's business (no traceback
    from readers), what native code prints goes to the log (or to
    ``report_fd``, which the parent copies into the log when anything was
    written), and its memory is capped so that a file that would exhaust
    the machine fails alone."""
    global INSIDE
    INSIDE = True
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # a native reader that aborts writes its own report: into the log, not onto the user's console
        if report_fd is None:
            from ..logfile import open_log_fd
            report_fd = open_log_fd()
        os.dup2(report_fd, 2)
        os.close(report_fd)
        import faulthandler
        if faulthandler.is_enabled():
            faulthandler.enable(file=2)  # fd 2: the log
    except Exception:  # never let the set-up stop the reading: the file is still read
        pass
    try:
        import resource
        from .limits import LIMITS
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = LIMITS.worker_memory if hard == resource.RLIM_INFINITY else min(LIMITS.worker_memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except Exception:  # no resource module (Windows) or not allowed
        pass


def _can_fork() -> bool:
    return sys.platform == "linux" and hasattr(os, "fork")  # macOS frameworks are not fork-safe


def run_isolated(work: Callable[..., T], *args, check: Callable[[], object] | None = None,
                 meanwhile: Callable[[], object] | None = None) -> T:
    """``work(*args)`` computed in a child process and its (picklable) result
    returned; ReaderCrashed when the child dies. An exception ``work`` raises
    is raised here. In a reading process already, computed in place.
    ``check()`` must pass before the result is used: it runs here while the
    forked child works (before the work elsewhere); when it raises, the child
    is killed, its work thrown away and the exception raised, even when the
    child died first. ``meanwhile()`` is called here next (what this process
    will need anyway, done on the other core), then WHILE_READING."""
    if INSIDE:
        _checked(check)
        return work(*args)
    if not SEPARATE:
        return _here_as_sent(work, args, check, meanwhile)
    if not _can_fork():
        _checked(check)
        return _in_spawned_process(work, *args, meanwhile=meanwhile)
    import tempfile
    report = tempfile.TemporaryFile()  # what the native reader prints; the log is written only when there is any
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to be had this way: a fresh one
        for fd in (read_end, write_end):
            os.close(fd)
        report.close()
        _checked(check)
        return _in_spawned_process(work, *args, meanwhile=meanwhile)
    if pid == 0:  # the child: read, send, leave without running the parent's exit handlers
        status = 3
        try:
            os.close(read_end)
            become_reader(os.dup(report.fileno()))
            try:
                message = (True, work(*args))
            except Exception as exc:  # said by the parent, as if raised there
                message = (False, exc)
            with os.fdopen(write_end, "wb") as out:  # sent as it is pickled: the parent unpickles meanwhile
                pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as src:
            _checked(check)  # raising: the child is killed below
            _call(meanwhile)
            _while_reading()
            try:
                message = pickle.load(src)  # as the child sends it
            except Exception as exc:  # nothing sent (the child died), or a message cut short
                message = exc
    except BaseException:  # a failed check, Ctrl+C: the child is not left reading behind
        import signal
        os.kill(pid, signal.SIGKILL)
        _reap(pid)
        report.close()
        raise
    code = _reap(pid)
    _to_log(report)
    if code != 0:
        raise ReaderCrashed(f"exit {code}")
    if isinstance(message, Exception):
        raise ReaderCrashed(type(message).__name__)
    ok, result = message
    if not ok:
        raise result
    return result


def _here_as_sent(work: Callable[..., T], args: tuple, check: Callable[[], object] | None,
                  meanwhile: Callable[[], object] | None) -> T:
    """What a forked child would give back, computed in this process (SEPARATE is False)."""
    _checked(check)
    try:
        message = (True, work(*args))
    except Exception as exc:
        message = (False, exc)
    _call(meanwhile)
    _while_reading()
    ok, result = pickle.loads(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    if not ok:
        raise result
    return result


def _checked(check: Callable[[], object] | None) -> None:
    if check is not None:
        check()


def _call(meanwhile: Callable[[], object] | None) -> None:
    """What the parent does while the child works: asked again later, where its errors are said."""
    if meanwhile is not None:
        try:
            meanwhile()
        except Exception:
            pass


def _while_reading() -> None:
    """WHILE_READING, each called once (its errors are said when the step itself runs)."""
    while WHILE_READING:
        _call(WHILE_READING.pop(0))


def _to_log(report) -> None:
    """What the child printed (a native reader's crash report), appended to the log; nothing when it printed nothing."""
    try:
        with report:
            report.seek(0)
            text = report.read(1024 * 1024)
        if text:
            from ..logfile import open_log_fd
            fd = open_log_fd()
            try:
                os.write(fd, text)
            finally:
                os.close(fd)
    except OSError:  # the log cannot be written: the message on the console says enough
        pass


def _in_spawned_process(work: Callable[..., T], *args, meanwhile: Callable[[], object] | None = None) -> T:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    try:
        with ProcessPoolExecutor(max_workers=1, initializer=become_reader) as pool:
            future = pool.submit(work, *args)
            _call(meanwhile)
            _while_reading()
            return future.result()
    except BrokenProcessPool as exc:
        raise ReaderCrashed(type(exc).__name__) from None
