"""``thidua report`` as report.Report makes it: the template prepared and
the chart's process started while the book is read, the chart given its
totals as soon as the records are read (drawn while they are checked): the
same document, byte for byte, as one made at once, without a fork; a
template prepared for one report serves the next with that report's own
properties, and a template changed on disk is prepared anew."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sys
import zipfile

import pytest

from xlsrc import halves, jobs
from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.report import Report, default_template, make_report, render

DAY = dt.date(2026, 11, 25)


def _master(tmp_path, units=("Sở Y tế", "Sở Tư pháp", "Sở Y tế")):
    """A small master: works of several units (a consolidated report, with its chart)."""
    content = demo_content()
    content.rows["works"] = [{"order": 1, "name": f"Công trình của {u}", "kind": "Công trình", "start": "Năm 2021",
                              "planned_finish": "Năm 2022", "progress": 0.5 * i, "unit": u}
                             for i, u in enumerate(units)]
    return write_workbook(tmp_path / "m.xlsx", content)


def _parts(path) -> dict:
    """Every part's bytes (the zip's own clock aside: the parts carry the report's date only)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _key(template, vietnamese=True):
    return hashlib.sha256(template.read_bytes()).hexdigest(), vietnamese


@pytest.mark.skipif(sys.platform != "linux", reason="the chart is drawn in another process on Linux only")
def test_the_chart_starts_while_the_book_is_read_and_is_drawn_while_it_is_checked(tmp_path, monkeypatch, forks):
    book = _master(tmp_path)
    template = default_template("consolidated")
    monkeypatch.setattr(halves, "can_fork", lambda: True)  # CI's two cores, whatever threads run here
    monkeypatch.setattr(render, "_PREPARED", {})
    seen = {}
    real_validate = jobs.validate

    def validate(data):  # the records are checked: the chart is already drawn from their totals
        seen["chart"] = report.chart.pid if report.chart else None
        seen["given"] = report.chart is not None and report.chart.args is not None
        seen["prepared"] = _key(template) in render._PREPARED
        return real_validate(data)
    monkeypatch.setattr(jobs, "validate", validate)
    with Report(report_date=DAY) as report:
        def read(data):
            seen["forked before the records"] = len(forks)
            report.read(data)
        data, _ = jobs.run_validate(FileBook(book), write_back=False, read=read)
        early = report.make(data, tmp_path / "early.docx")
    # the chart's process forked after the reader's, while it read
    assert seen == {"forked before the records": 2, "chart": forks[1], "given": True, "prepared": True}
    assert len(forks) == 2  # the reader and the chart: no other
    monkeypatch.setattr(halves, "can_fork", lambda: False)  # Windows, macOS: all here, one after the other
    monkeypatch.setattr(render, "_PREPARED", {})
    at_once = make_report(data, tmp_path / "at_once.docx", report_date=DAY)
    assert _parts(early) == _parts(at_once)


@pytest.mark.skipif(sys.platform != "linux", reason="the chart is drawn in another process on Linux only")
def test_a_chart_never_asked_for_is_stopped(tmp_path, monkeypatch, forks):
    """Data with errors: no report is made, the chart's process does not wait on."""
    book = _master(tmp_path)
    monkeypatch.setattr(halves, "can_fork", lambda: True)
    with Report(report_date=DAY) as report:
        jobs.run_validate(FileBook(book), write_back=False, read=report.read)
        pid = report.chart.pid
        assert pid in forks  # drawing, or done and waiting to be asked
    with pytest.raises(ChildProcessError):  # stopped (when still drawing) and reaped: no process left behind
        os.waitpid(pid, os.WNOHANG)


def test_a_prepared_template_serves_the_next_report_with_its_own_properties(tmp_path, monkeypatch):
    book = _master(tmp_path)
    data, _ = jobs.run_validate(FileBook(book), write_back=False)
    monkeypatch.setattr(render, "_PREPARED", {})
    make_report(data, tmp_path / "first.docx", report_date=DAY)
    later_day = DAY + dt.timedelta(days=40)
    served = make_report(data, tmp_path / "second.docx", report_date=later_day)  # from the prepared template
    assert len(render._PREPARED) == 1
    monkeypatch.setattr(render, "_PREPARED", {})
    fresh = make_report(data, tmp_path / "fresh.docx", report_date=later_day)
    assert _parts(served) == _parts(fresh)
    assert b"2027-01-04T00:00:00Z" in _parts(served)["docProps/core.xml"]


def test_a_template_changed_on_disk_is_prepared_anew(tmp_path, monkeypatch):
    book = _master(tmp_path)
    data, _ = jobs.run_validate(FileBook(book), write_back=False)
    template = tmp_path / "mau.docx"
    shutil.copy(default_template("consolidated"), template)
    monkeypatch.setattr(render, "_PREPARED", {})
    first = make_report(data, tmp_path / "first.docx", template=template, report_date=DAY)
    assert "Kết quả tổng hợp mới" not in _parts(first)["word/document.xml"].decode("utf-8")
    with zipfile.ZipFile(default_template("consolidated")) as src, zipfile.ZipFile(template, "w") as dst:
        for info in src.infolist():  # the same path, a word added to the title
            data_ = src.read(info.filename)
            if info.filename == "word/document.xml":
                data_ = data_.replace("Kết quả tổng hợp:".encode(), "Kết quả tổng hợp mới:".encode(), 1)
            dst.writestr(info, data_)
    second = make_report(data, tmp_path / "second.docx", template=template, report_date=DAY)
    assert "Kết quả tổng hợp mới" in _parts(second)["word/document.xml"].decode("utf-8")
