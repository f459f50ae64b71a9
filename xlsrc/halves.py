"""Two cores for one long loop: ``in_halves(work, n)`` runs ``work(0, mid)``
here and ``work(mid, n)`` in a forked copy of this process, which sees the
same data without copying it and sends back only its (pickled) result.

Used for the last steps of a large consolidation, which run after the
reading workers are done: the master's rows as sheet XML, and the status of
each work for the Tổng hợp sheet. The result is the same as ``[work(0, n)]``
split in two; where a fork is not safe (Windows, macOS, threads running,
one core) or fails, both halves run here, one after the other."""
from __future__ import annotations

import os
import pickle
import sys
import threading
from typing import Callable, TypeVar

T = TypeVar("T")

MIN_ITEMS = 8_000  # below this a fork costs more than it gives


def can_fork() -> bool:
    """A fork is safe and useful: Linux (macOS frameworks are not fork-safe,
    Windows has none), one thread only, two cores or more for this process."""
    if sys.platform != "linux" or not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) >= 2


def in_halves(work: Callable[[int, int], T], n: int, min_items: int = MIN_ITEMS) -> list[T]:
    """``[work(0, mid), work(mid, n)]``, the second computed in a forked child
    when that is safe; ``[work(0, n)]`` when ``n`` is small."""
    if n < min_items or not can_fork():
        return [work(0, n)] if n < min_items else [work(0, n // 2), work(n // 2, n)]
    mid = n // 2
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [work(0, mid), work(mid, n)]
    if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps(work(mid, n), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        except BaseException:  # the parent computes this half itself
            pass
        finally:
            os._exit(status)
    os.close(write_end)
    src = os.fdopen(read_end, "rb")
    try:
        first = work(0, mid)
        data = src.read()
    finally:  # on any error here (Ctrl+C too) the pipe is closed first, so the child cannot wait on it
        src.close()
        code = _reap(pid)
    try:
        second = pickle.loads(data) if code == 0 and data else work(mid, n)
    except Exception:  # a truncated message: computed here instead
        second = work(mid, n)
    return [first, second]


def _reap(pid: int) -> int:
    try:
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)
    except ChildProcessError:
        return -1
