"""Issue 11 §5: large runs stay readable — findings grouped by code with
counts and the first five cells, the whole list in a file next to the
output, numbers written the Vietnamese way."""
from __future__ import annotations

import contextlib
import io
import subprocess

from xlsrc.builder import Content, write_workbook
from xlsrc.findings import Finding
from xlsrc.findings_view import print_findings, vn_number
from xlsrc.vntext import percent_text

from .fixtures_consolidate import info
from .user_books import run_cli


def test_numbers_the_vietnamese_way():
    assert [vn_number(n) for n in (0, 999, 1000, 60000, 1234567)] == ["0", "999", "1.000", "60.000", "1.234.567"]
    assert vn_number(41.25) == "41,25" and percent_text(41.2) == "41,2%"


class _Console:
    def __init__(self):
        self.lines = []

    def print(self, text, **kw):
        self.lines.append(text)


def test_few_findings_one_a_line_many_grouped_with_the_whole_list_in_a_file(tmp_path):
    few = [Finding("Công trình", 2, "Ngày khởi công", "E2", "error", "REQUIRED_EMPTY", "Chưa nhập.", "a.xlsx")]
    out, err = _Console(), _Console()
    assert print_findings(few, out, err, tmp_path / "out.docx") is None
    assert err.lines == [few[0].line()] and out.lines == ["Có 1 lỗi và 0 cảnh báo."]

    many = [Finding("Công trình", r, "Ngày khởi công", f"E{r}", "error", "REQUIRED_EMPTY", "Chưa nhập.", "a.xlsx")
            for r in range(2, 5802)]
    many += [Finding("Công trình", r, "Tiến độ", f"H{r}", "warning", "PROGRESS_TEXT", "Ghi bằng lời.", "a.xlsx")
             for r in range(2, 9)]
    out, err = _Console(), _Console()
    written = print_findings(many, out, err, tmp_path / "BaoCao.docx")
    assert err.lines == ["Lỗi [REQUIRED_EMPTY] 5.800 lần: Công trình!E2, Công trình!E3, Công trình!E4, "
                         "Công trình!E5, Công trình!E6 và 5.795 chỗ khác. Ví dụ ở Công trình!E2: Chưa nhập."]
    assert out.lines[0] == ("Cảnh báo [PROGRESS_TEXT] 7 lần: Công trình!H2, Công trình!H3, Công trình!H4, "
                            "Công trình!H5, Công trình!H6 và 2 chỗ khác. Ví dụ ở Công trình!H2: Ghi bằng lời.")
    assert written == tmp_path / "BaoCao_kiem-tra.txt"
    assert out.lines[1] == f"Danh sách đầy đủ 5.807 thông báo: {written}"
    assert out.lines[2] == "Có 5.800 lỗi và 7 cảnh báo."
    text = written.read_text(encoding="utf-8").splitlines()
    assert len(text) == 5808 and text[0] == many[0].line() and text[-1] == "Có 5.800 lỗi và 7 cảnh báo."
    # a second run never overwrites the first list
    again = print_findings(many, _Console(), _Console(), tmp_path / "BaoCao.docx")
    assert again == tmp_path / "BaoCao_kiem-tra (2).txt"


def test_validate_on_a_large_workbook_prints_a_few_lines(tmp_path):
    works = [{"order": i, "name": f"Công trình {i}", "kind": "Công trình"} for i in range(1, 301)]
    book = write_workbook(tmp_path / "So.xlsx", Content(info=info(), rows={"works": works}))
    res = subprocess.CompletedProcess([], *run_cli(["validate", book]))  # in this process: the lines are the point
    assert res.returncode == 1
    lines = (res.stdout + res.stderr).splitlines()
    assert len(lines) <= 6, lines
    assert any(line.startswith("Lỗi [REQUIRED_EMPTY] 600 lần: ") for line in lines)
    listed = tmp_path / "So_kiem-tra.txt"
    assert f"Danh sách đầy đủ 600 thông báo: {listed}" in res.stdout
    assert len(listed.read_text(encoding="utf-8").splitlines()) == 601


class _ManualTimer:
    """threading.Timer whose time is up only when the test says so."""
    made: list = []

    def __init__(self, interval, function):
        self.interval, self.function, self.daemon, self.cancelled = interval, function, False, False
        _ManualTimer.made.append(self)

    def start(self):
        pass

    def cancel(self):
        self.cancelled = True

    def time_is_up(self):
        self.function()


def test_progress_shows_only_when_the_work_takes_longer_than_a_second(monkeypatch):
    import threading
    from rich.console import Console
    from xlsrc.findings_view import slow_progress
    monkeypatch.setattr(threading, "Timer", _ManualTimer)
    _ManualTimer.made.clear()
    quick, slow = io.StringIO(), io.StringIO()
    with slow_progress(Console(file=quick, force_terminal=True), "Đang lập báo cáo"):
        pass  # done before its second is up
    with slow_progress(Console(file=slow, force_terminal=True), "Đang lập báo cáo"):
        _ManualTimer.made[-1].time_is_up()  # still working when the second is up
    assert [t.interval for t in _ManualTimer.made] == [1.0, 1.0]
    assert all(t.cancelled for t in _ManualTimer.made)  # no spinner starts after the work
    assert quick.getvalue() == "" and "Đang lập báo cáo" in slow.getvalue()
    plain = io.StringIO()  # not a terminal (a pipe, a log): never a progress line, no timer at all
    with slow_progress(Console(file=plain), "Đang lập báo cáo"):
        pass
    assert plain.getvalue() == "" and len(_ManualTimer.made) == 2
