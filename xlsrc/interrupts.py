"""Ctrl+C ends a command with "Đã dừng." and exit code 130 wherever it comes:
while files are read, while the output is written, while the results are
printed, and while the process ends.

``watch()`` replaces Python's SIGINT handler by one that remembers the signal
and raises KeyboardInterrupt as usual, so that a step which swallows the
exception (a library catching everything) cannot turn the signal into a
normal end. ``leaving()`` is called once the exit code is known: from then
on a Ctrl+C writes the message and ends the process with 130 at once."""
from __future__ import annotations

import os
import signal
import sys

EXIT_CODE = 130
_seen: list[bool] = []


def _on_sigint(signum, frame):
    _seen.append(True)
    raise KeyboardInterrupt


def _at_the_end(signum, frame):
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed or broken stream: the code still matters
            pass
    try:
        os.write(2, "Đã dừng.\n".encode(getattr(sys.stderr, "encoding", None) or "utf-8", "replace"))
    except (OSError, LookupError):
        pass
    os._exit(EXIT_CODE)


def _install(handler):
    try:
        return signal.signal(signal.SIGINT, handler)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no signals here
        return None


def watch():
    """Start a command: remember every Ctrl+C from now on. Returns the
    handler that was installed before (for ``restore``)."""
    _seen.clear()
    return _install(_on_sigint)


def interrupted() -> bool:
    """A Ctrl+C came since ``watch()``, even if the exception was swallowed."""
    return bool(_seen)


def leaving() -> None:
    """The exit code is decided: a Ctrl+C from now on still ends with 130."""
    _install(_at_the_end)


def restore(previous) -> None:
    if previous is not None:
        _install(previous)
