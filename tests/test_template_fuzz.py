"""Random template text, Jinja fragments included, through the real
`thidua check-template` and `thidua report` commands: never a traceback or the
unexpected-error message, always a documented exit code, the inputs untouched,
and each case bounded in processor time (a profiling timer: not wall-clock, the
machine's load does not count) and memory (peak RSS growth)."""
from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import os
import resource
import signal
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_template_security import template_with
from xlsrc.builder import write_workbook
from xlsrc.cli import main
from xlsrc.demo_data import demo_content

FRAGMENTS = ["{{", "}}", "{%", "%}", "{#", "#}", "{%p ", "{%tr ", "{{r ", " ", " ", "x", "summary", "units",
             "recipients", "u", "u.unit", "loop.index", "loop", "for", " in ", "endfor", "if", "endif", "else", "set",
             "=", "range(", ")", "(", ",", "|", "upper", "join", "center(", "length", "truncate", "*", "**", "~",
             "+", "-", "/", "%", "9", "10", "0", "99999", "'a'", '"b"', "[", "]", ".", "__class__", "lipsum", "chart",
             "tpl", "save", "\n", "&", "<", ">", "[[name]]", "[[start]]", "[[group]]", "not", "and", "or", "macro",
             "include", "\u00a0", "đ", "Ư"]
TEMPLATE_TEXT = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=30).map("".join)
PEAK_GROWTH_KB = 1_500_000  # a case may not make the process grow by more than ~1.5 GB
CASE_SECONDS = 120  # processor seconds


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _alarm(signum, frame):
    raise TimeoutError("a fuzz case ran longer than its bound")


def _run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    write_workbook(folder / "so.xlsx", demo_content())
    return folder


_cases = itertools.count()


@pytest.mark.long
@settings(max_examples=int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEMPLATE_TEXT, place=st.sampled_from(["body", "header", "title"]))
def test_random_template_text_through_the_real_commands(fuzz_dir, monkeypatch, text, place):
    monkeypatch.setenv("XDG_STATE_HOME", str(fuzz_dir / "state"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    n = next(_cases)
    try:
        template = template_with(fuzz_dir, place, text, kind="department", name=f"mau{n}.docx")
    except UnicodeEncodeError:  # a lone surrogate cannot even be written into a .docx
        return
    workbook = fuzz_dir / "so.xlsx"
    before = _digest(template), _digest(workbook)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, CASE_SECONDS)
    try:
        checked = _run(["check-template", str(template)])
        reported = _run(["report", str(workbook), "--template", str(template), "-o", str(fuzz_dir / f"bc{n}.docx")])
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    for (code, output), allowed in ((checked, {0, 1, 2}), (reported, {0, 2})):
        assert code in allowed, (text, code, output)
        assert "Traceback" not in output and "ngoài dự kiến" not in output, (text, output)
        assert "Error" not in output.replace("Lỗi", ""), (text, output)  # no English framework text
    assert (_digest(template), _digest(workbook)) == before
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < PEAK_GROWTH_KB
    # nothing unexpected was logged (the native reader may have opened the log: an empty file)
    assert [p for p in (fuzz_dir / "state").rglob("thidua.log*") if p.stat().st_size] == []
    (fuzz_dir / f"bc{n}.docx").unlink(missing_ok=True)
    template.unlink()


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_the_fuzz_harness_sees_an_unexpected_error(fuzz_dir, monkeypatch):
    """The assertions above can fail: an unexpected error shows up as such."""
    from xlsrc.report import render
    monkeypatch.setenv("XDG_STATE_HOME", str(fuzz_dir / "harness"))
    monkeypatch.setattr(render, "_checked", lambda tpl, name: 1 / 0)
    template = template_with(fuzz_dir, "body", "{{ summary }}", kind="department", name="harness.docx")
    code, output = _run(["check-template", str(template)])
    assert code == 2 and "ngoài dự kiến" in output
