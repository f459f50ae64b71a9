"""Findings on the command line, readable however many there are: a few are
printed one a line; many are grouped by code, with their count and the first
five cells, and the whole list goes to a text file next to the output, whose
path is printed. Numbers are written the Vietnamese way (60.000; 41,2%)."""
from __future__ import annotations

import time
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .atomic import fit_stem, unique_path, write_bytes_atomic
from .validation import ERROR, SEVERITY_VN, Finding, summary_text

ONE_A_LINE = 20      # up to this many findings are printed one a line
CELLS_SHOWN = 5      # cells shown for each code when grouped


def vn_number(n: int | float) -> str:
    """60000 → '60.000'; 41.25 → '41,25' (dot between thousands, decimal comma)."""
    if isinstance(n, float) and not n.is_integer():
        whole, _, frac = f"{n:.10g}".partition(".")
        return f"{vn_number(int(whole))},{frac}" if frac else vn_number(int(whole))
    return f"{int(n):,}".replace(",", ".")


def as_finding(f) -> Finding:
    """A Finding, from itself or from its --json form (with "file")."""
    if isinstance(f, Finding):
        return f
    return Finding(f["sheet"], f["row"], f["column"], f["cell"], f["severity"], f["code"], f["message"],
                   f.get("file", ""))


def _where(f: Finding, with_file: bool) -> str:
    place = f"{f.sheet}!{f.cell}"
    return f"{Path(f.file).name} › {place}" if with_file and f.file else place


def grouped_lines(findings: list[Finding]) -> list[tuple[str, str]]:
    """(severity, line) a code: errors first, then warnings, each code with its count and first cells."""
    groups: OrderedDict[tuple[str, str], list[Finding]] = OrderedDict()
    for f in sorted(findings, key=lambda f: f.severity != ERROR):
        groups.setdefault((f.severity, f.code), []).append(f)
    with_file = len({f.file for f in findings}) > 1
    out = []
    for (severity, code), items in groups.items():
        cells = ", ".join(_where(f, with_file) for f in items[:CELLS_SHOWN])
        more = f" và {vn_number(len(items) - CELLS_SHOWN)} chỗ khác" if len(items) > CELLS_SHOWN else ""
        out.append((severity, f"{SEVERITY_VN[severity]} [{code}] {vn_number(len(items))} lần: {cells}{more}. "
                              f"Ví dụ ở {_where(items[0], with_file)}: {items[0].message}"))
    return out


def findings_file(next_to: Path, findings: list[Finding]) -> Path:
    """The whole list, one finding a line, in a new text file next to ``next_to``."""
    path = unique_path(next_to.parent, f"{fit_stem(next_to.stem)}_kiem-tra", ".txt")
    text = "\n".join(f.line() for f in findings) + "\n" + summary_line(findings) + "\n"
    return write_bytes_atomic(path, text.encode("utf-8"))


def summary_line(findings: list[Finding]) -> str:
    if not findings:
        return summary_text(findings)
    errors = sum(f.severity == ERROR for f in findings)
    return f"Có {vn_number(errors)} lỗi và {vn_number(len(findings) - errors)} cảnh báo."


def print_findings(findings: Iterable, out, err, next_to: Path | None = None) -> Path | None:
    """Print findings (one a line when few, grouped by code when many) and,
    when grouped, write the whole list next to ``next_to``; returns that file."""
    items = [as_finding(f) for f in findings]
    written = None
    if len(items) <= ONE_A_LINE:
        for f in items:
            (err if f.severity == ERROR else out).print(f.line(), markup=False)
    else:
        for severity, line in grouped_lines(items):
            (err if severity == ERROR else out).print(line, markup=False)
        if next_to is not None:
            written = findings_file(next_to, items)
            out.print(f"Danh sách đầy đủ {vn_number(len(items))} thông báo: {written}", markup=False)
    out.print(summary_line(items), markup=False)
    return written


@contextmanager
def slow_progress(console, description: str, after: float = 1.0) -> Iterator[None]:
    """A spinner on stderr, shown only when the work takes longer than
    ``after`` seconds and stderr is a terminal."""
    import threading
    if not console.is_terminal:
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    bar = Progress(SpinnerColumn(), TextColumn(description), TimeElapsedColumn(), console=console, transient=True)
    started = threading.Event()

    def start():
        bar.add_task(description, total=None)
        bar.start()
        started.set()
    timer = threading.Timer(after, start)
    timer.daemon = True
    t0 = time.perf_counter()
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        if started.is_set() or time.perf_counter() - t0 > after:
            started.wait(0.5)
            bar.stop()
