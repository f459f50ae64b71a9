"""Two cores for one long loop: ``in_halves(work, n)`` runs ``work(0, mid)``
here and ``work(mid, n)`` in a forked copy of this process, which sees the
same data without copying it and sends back only its (pickled) result;
``later(work)`` runs ``work()`` in such a copy while this process goes on
(the report's chart while its annex is made); ``later(work, prepare)``
starts the copy before the work's arguments exist, so that it prepares
(imports matplotlib) while this process makes them (the totals).

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
from typing import Any, Callable, Generic, Iterator, TypeVar

T = TypeVar("T")
Prepare = Callable[[Callable[[], bool]], object]  # prepare(given): see later

MIN_ITEMS = 8_000  # below this a fork costs more than it gives
CHILD = False  # this process is a child forked by ``later``: it ends when its work is done


def can_fork() -> bool:
    """A fork is safe and useful: Linux (macOS frameworks are not fork-safe,
    Windows has none), one thread only, two cores or more for this process."""
    if sys.platform != "linux" or not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    return _cores() >= 2


def can_split() -> bool:
    """One piece of work is worth splitting in two halves, the second forked
    (in_halves, a large sheet of a copy): can_fork, and a core free now. A
    separate job started early (the report's chart) forks whenever it can."""
    return can_fork() and core_free(_cores())


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


LOADAVG = "/proc/loadavg"  # its fourth field: the processes running or ready to run now / all of them


def core_free(cores: int) -> bool:
    """Fewer processes run now than ``cores`` (this one counted): on a
    machine busy with other work a forked half only takes its share of a
    core from them, and costs more work (the fork, the copied pages, the
    result sent back) than it saves time. Unknown: free."""
    try:
        with open(LOADAVG) as fh:
            running = int(fh.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return running < cores


def in_halves(work: Callable[[int, int], T], n: int, min_items: int = MIN_ITEMS) -> list[T]:
    """``[work(0, mid), work(mid, n)]``, the second computed in a forked child
    when that is safe and a core is free (can_split), else here; ``[work(0, n)]``
    when ``n`` is small."""
    if n < min_items:
        return [work(0, n)]
    mid = n // 2
    if not can_split():  # the same halves, made here one after the other
        return [work(0, mid), work(mid, n)]
    with later(lambda: work(mid, n)) as second:
        return [work(0, mid), second()]


@contextmanager
def later(work: Callable[..., T], prepare: Prepare | None = None) -> Iterator[Later[T]]:
    """``work()`` started now in a forked child when that is safe, while this
    process goes on inside the ``with``; calling what it gives waits for the
    (pickled) result. With ``prepare`` the child runs ``prepare(given)``
    (an import) at once, then waits for the arguments this process sends
    with ``give(*args)`` as soon as it has them, and runs ``work(*args)``:
    what both need first is done at the same time (``prepare`` only saves
    time: the work does not depend on it, it is never run here). A
    preparation made of steps asks ``given()`` between them, true once the
    arguments have come (or this process has given up), so that it never
    holds the work up. Where a fork is
    not safe or fails, or the child fails, the work runs here when the
    result is first asked for. Leaving the ``with`` without asking (an
    error here, Ctrl+C) stops and reaps the child."""
    job = Later(work, prepare)
    try:
        yield job
    finally:
        job.stop()


class Later(Generic[T]):
    """Work started in a forked child (see ``later``)."""

    def __init__(self, work: Callable[..., T], prepare: Prepare | None = None):
        self.work, self.waits = work, prepare is not None
        self.args: tuple | None = None if self.waits else ()
        self.pid: int | None = None
        self.outcome: dict[str, Any] = {}
        if not can_fork():
            return
        result_pipe, args_pipe = os.pipe(), (os.pipe() if self.waits else ())
        try:
            pid = os.fork()
        except OSError:
            for fd in (*result_pipe, *args_pipe):
                os.close(fd)
            return
        if pid == 0:
            _child(work, prepare, result_pipe, args_pipe)
        self.pid = pid
        os.close(result_pipe[1])
        self.src = os.fdopen(result_pipe[0], "rb")
        if args_pipe:
            os.close(args_pipe[0])
            self.args_out = os.fdopen(args_pipe[1], "wb")

    def give(self, *args) -> None:
        """The arguments of the work (``later`` with ``prepare``), sent to the
        child: keep them small (a pipe takes 64 kB at once; more wait until
        the child is prepared)."""
        self.args = args
        if self.pid is not None and self.waits:
            try:
                with self.args_out as out:
                    out.write(pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL))
            except OSError:  # the child is gone: the work is done here when asked
                pass

    def __call__(self) -> T:
        if self.args is None:
            raise RuntimeError("later: the work's arguments were never given")
        outcome = self.outcome
        if "code" not in outcome and self.pid is not None:
            try:
                data = self.src.read()
            finally:
                self.src.close()
                outcome["code"] = _reap(self.pid)
            if outcome["code"] == 0 and data:
                try:
                    outcome["value"] = pickle.loads(data)
                except Exception:  # a truncated message: computed here instead
                    pass
        if "value" not in outcome:
            outcome["value"] = self.work(*self.args)
        return outcome["value"]

    def stop(self) -> None:
        """The child stopped and reaped when its result was never asked for."""
        if self.pid is not None and "code" not in self.outcome:
            self.src.close()
            if self.waits and not self.args_out.closed:
                self.args_out.close()
            os.kill(self.pid, signal.SIGKILL)
            self.outcome["code"] = _reap(self.pid)


def _child(work: Callable[..., T], prepare: Prepare | None, result_pipe, args_pipe) -> None:
    """The forked child: prepare, wait for the arguments, compute, send, and
    leave without running the parent's exit handlers."""
    global CHILD
    CHILD = True
    status = 1
    try:
        os.close(result_pipe[0])
        args: tuple = ()
        if prepare is not None:
            os.close(args_pipe[1])
            with os.fdopen(args_pipe[0], "rb") as src:
                prepare(lambda: _readable(src))
                args = pickle.loads(src.read())  # nothing sent (the parent failed before): no work
        data = pickle.dumps(work(*args), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(result_pipe[1], "wb") as out:
            out.write(data)
        status = 0
    except BaseException:  # the parent computes it itself
        pass
    finally:
        os._exit(status)


def _readable(src) -> bool:
    """Something has come on ``src``: the arguments, or its end (the parent gave up)."""
    import select
    return bool(select.select([src], [], [], 0)[0])


def _reap(pid: int) -> int:
    try:
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)
    except ChildProcessError:
        return -1
