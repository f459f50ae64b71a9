"""``python tests/interrupt_at.py POINT ARGS…`` runs ``thidua ARGS…`` (the real
entry point, in this process) and, when the run reaches POINT, writes
"READY" to the file descriptor named by $READY_FD and waits there for a
signal: a test sends Ctrl+C (SIGINT) at a known point, not after a guessed
delay.

POINT is one of
  reading    after the first input file has been read (others still in the pool)
  writing    the master is complete in its temporary file, not yet under its name
  printing   the master is written, the summary is being printed
  ending     the command has finished; the process is ending (an atexit function)
  swallowed  as 'reading', but the step swallows the KeyboardInterrupt and goes on
"""
from __future__ import annotations

import atexit
import os
import signal
import sys


def _wait_for_signal() -> None:
    os.write(int(os.environ["READY_FD"]), b"READY\n")
    while True:
        signal.pause()  # the handler of SIGINT raises (or ends the process) from here


def _swallowing() -> None:
    try:
        _wait_for_signal()
    except BaseException:  # noqa: BLE001 - what a careless library does
        pass


def _after_first(original, wait):
    """consolidate._pool_round that calls ``wait`` once the first file is read."""
    def pool_round(paths, indexes, password, workers, on_result):
        seen = []

        def first_then_wait(i, result):
            on_result(i, result)
            if not seen:
                seen.append(i)
                wait()
        return original(paths, indexes, password, workers, first_then_wait)
    return pool_round


def main(point: str, args: list[str]) -> None:
    from xlsrc import atomic, cli, consolidate
    from xlsrc.consolidate import cli_view
    if point in ("reading", "swallowed"):
        consolidate._pool_round = _after_first(consolidate._pool_round,
                                               _wait_for_signal if point == "reading" else _swallowing)
    elif point == "writing":
        fsync = atomic._fsync

        def fsync_then_wait(path):
            fsync(path)
            _wait_for_signal()
        atomic._fsync = fsync_then_wait
    elif point == "printing":
        summary = cli_view.print_summary

        def print_then_wait(*a, **kw):
            summary(*a, **kw)
            _wait_for_signal()
        cli_view.print_summary = print_then_wait
    elif point == "ending":
        atexit.register(_wait_for_signal)
    else:
        raise SystemExit(f"unknown point {point}")
    sys.argv = ["thidua", *args]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
