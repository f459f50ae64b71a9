"""Fuzz (issue 10, "Done when", workbook side): Hypothesis writes random
workbooks — schema sheets with random cells, hand-made tables, CSV/HTML
named .xlsx/.xls, random bytes — and runs the real commands on each, in a
child process whose memory is capped. Every run must end with a Vietnamese
result: no traceback, no unexpected-error message, exit code 0, 1, 2 or 3,
the input unchanged, within a bounded processor time."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlsrc import cli, schema as S  # noqa: F401  (loaded once, before the children are forked)
from xlsrc import consolidate, report  # noqa: F401

MEMORY_CAP = 2 * 1024 ** 3  # address space of each command run
CPU_CAP = 60                # processor seconds per command run (not wall-clock: the machine's load does not count)

HEADERS = [c.header for c in S.WORKS.columns] + [c.header for c in S.AWARDS.columns] + \
          [c.header for c in S.PLANS.columns] + list(S.INFO_HEADERS)
SHEET_NAMES = [s.name for s in S.DATA_SHEETS] + ["Phụ lục", "Sheet1", "[/i]", "Tổng hợp"]

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["Tháng 4 [/i]", "[bold]x", "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "Hoàn thành 100%",
                     "1.000", "1,5", "Quý II/2021", "18/11/2021", "ngày 05 tháng 01 năm 2021", "#REF!", "#N/A",
                     "[[name]]", "{{ 7*7 }}", "{% for x in y %}", "Tổng cộng", "KT. GIÁM ĐỐC", "\u0301a", "\x01"]),
    st.sampled_from(HEADERS),
)
values = st.one_of(
    st.none(), texts,
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 12, 31)),
    st.booleans(),
)
grids = st.lists(st.lists(values, max_size=8), max_size=14)


def _clean_text(v):
    if isinstance(v, str):  # characters Excel itself cannot store are not "random workbooks"
        return "".join(ch for ch in v if ch in "\t\n\r" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF
                                                           and ord(ch) not in (0xFFFE, 0xFFFF)))
    return v


def write_xlsx(path: Path, sheets: list[tuple[str, list[list]]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    used = set()
    for name, grid in sheets:
        name = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Trang"
        name = name if name not in used else f"S{len(used)}"
        used.add(name)
        ws = wb.create_sheet(name)
        for r, row in enumerate(grid, start=1):
            for c, v in enumerate(row, start=1):
                cell = ws.cell(r, c)
                cell.value = _clean_text(v)
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    cell.data_type = "s"
    wb.save(path)


def _as_text(grid, sep):
    return "\n".join(sep.join("" if v is None else str(_clean_text(v)).replace(sep, " ").replace("\n", " ")
                              for v in row) for row in grid)


files = st.one_of(
    st.tuples(st.just("xlsx"), st.lists(st.tuples(st.sampled_from(SHEET_NAMES), grids), min_size=1, max_size=4)),
    st.tuples(st.just("csv"), grids),
    st.tuples(st.just("html"), grids),
    st.tuples(st.just("bytes"), st.binary(max_size=2000)),
)


def make_file(folder: Path, spec) -> Path:
    kind, payload = spec
    if kind == "xlsx":
        path = folder / "don_vi.xlsx"
        write_xlsx(path, payload)
    elif kind == "csv":
        path = folder / "don_vi.xlsx"
        path.write_bytes(_as_text(payload, ",").encode("utf-8"))
    elif kind == "html":
        path = folder / "don_vi.xls"
        rows = "".join("<tr>" + "".join(f"<td>{'' if v is None else _clean_text(v)}</td>" for v in row) + "</tr>"
                       for row in payload)
        path.write_text(f"<html><body><table>{rows}</table></body></html>", encoding="utf-8")
    else:
        path = folder / "don_vi.xlsx"
        path.write_bytes(payload)
    return path


def run_capped(*args, cwd):
    """``thidua ARGS`` — the real entry point — in a forked child with its
    memory and processor time capped (a run over either is killed by the
    system: a signal, not an exit code the test accepts) and its output captured."""
    out_path = Path(cwd) / ".fuzz-output.txt"
    pid = os.fork()
    if pid == 0:  # child
        code = 99
        try:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
            resource.setrlimit(resource.RLIMIT_CPU, (CPU_CAP, CPU_CAP))  # a forked child starts at zero
            os.environ["XDG_STATE_HOME"] = str(cwd)
            fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            from xlsrc import cli
            cli.out.file, cli.err.file = sys.stdout, sys.stderr = (os.fdopen(1, "w", closefd=False),
                                                                   os.fdopen(2, "w", closefd=False))
            try:
                cli.main([str(a) for a in args])
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 98
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)  # over its processor time: -SIGXCPU / -SIGKILL, refused below
    return subprocess.CompletedProcess(args, code, out_path.read_text(errors="replace"), "")


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.long
@settings(max_examples=int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "12")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=files)
def test_random_workbooks_through_the_real_commands(spec):
    with tempfile.TemporaryDirectory() as tmp:  # (not tmp_path: one folder per example)
        folder = Path(tmp)
        src = make_file(folder, spec)
        (folder / "ra").mkdir()
        before = digest(src)
        runs = [("validate", src), ("compute", src, "-o", folder / "ra" / "tinh.xlsx"),
                ("consolidate", src, "-o", folder / "ra" / "tong.xlsx", "--jobs", "2"),
                ("report", src, "-o", folder / "ra" / "bc.docx")]
        for args in runs:
            r = run_capped(*args, cwd=folder)
            text = r.stdout + r.stderr
            assert r.returncode in (0, 1, 2, 3), (args, r.returncode, text[-2000:])
            assert "Traceback" not in text, (args, text[-3000:])
            assert "lỗi ngoài dự kiến" not in text, (args, text[-2000:], (folder / "thidua" / "thidua.log").read_text()
                                                     if (folder / "thidua" / "thidua.log").exists() else "")
            assert digest(src) == before, args
