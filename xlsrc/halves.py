"""Two cores for one long loop: ``in_halves(work, n)`` runs ``work(0, mid)``
here and ``work(mid, n)`` in a forked copy of this process, which sees the
same data without copying it and sends back only its (pickled) result;
``later(work)`` runs ``work()`` in such a copy while this process goes on
(the report's chart while its annex is made).

Used for the last steps of a large consolidation, which run after the
reading workers are done: the master's rows as sheet XML, and the status of
each work for the Tổng hợp sheet. The result is the same as ``[work(0, n)]``
split in two; where a fork is not safe (Windows, macOS, threads running,
one core) or fails, both halves run here, one after the other."""
from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator, TypeVar

T = TypeVar("T")

MIN_ITEMS = 8_000  # below this a fork costs more than it gives
CHILD = False  # this process is a child forked by ``later``: it ends when its work is done


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
    if n < min_items:
        return [work(0, n)]
    mid = n // 2
    with later(lambda: work(mid, n)) as second:
        return [work(0, mid), second()]


@contextmanager
def later(work: Callable[[], T]) -> Iterator[Callable[[], T]]:
    """``work()`` started now in a forked child when that is safe, while this
    process goes on inside the ``with``; the function it gives waits for the
    (pickled) result. Where a fork is not safe or fails, or the child fails,
    ``work()`` runs here when the result is first asked for. Leaving the
    ``with`` without asking (an error here, Ctrl+C) stops and reaps the child."""
    outcome: dict[str, Any] = {}

    def result() -> T:
        if "code" not in outcome and "pid" in outcome:
            try:
                data = src.read()
            finally:
                src.close()
                outcome["code"] = _reap(outcome["pid"])
            if outcome["code"] == 0 and data:
                try:
                    outcome["value"] = pickle.loads(data)
                except Exception:  # a truncated message: computed here instead
                    pass
        if "value" not in outcome:
            outcome["value"] = work()
        return outcome["value"]
    if not can_fork():
        yield result
        return
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        yield result
        return
    if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
        global CHILD
        CHILD = True
        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        except BaseException:  # the parent computes it itself
            pass
        finally:
            os._exit(status)
    os.close(write_end)
    src = os.fdopen(read_end, "rb")
    outcome["pid"] = pid
    try:
        yield result
    finally:
        if "code" not in outcome:  # not asked for (an error here, Ctrl+C, nothing needed it): stopped
            src.close()
            os.kill(pid, signal.SIGKILL)
            outcome["code"] = _reap(pid)


def _reap(pid: int) -> int:
    try:
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)
    except ChildProcessError:
        return -1
