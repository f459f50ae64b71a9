"""The completion chart drawn with its fonts read from their bytes (the
chart's forked child does so: FreeType's reads through a file object cost a
sixth of the drawing): the same PNG, byte for byte, and matplotlib left as
it was found."""
from __future__ import annotations

import datetime as dt
import os
import sys

import pytest

from xlsrc import halves
from xlsrc.completion import Totals, UnitTotals
from xlsrc.report import _chart_png, chart


def _totals(units: int) -> Totals:
    """Units with marks, long names cut with '…', rates from 0 to 100 %."""
    names = [f"Ủy ban nhân dân xã Đắk Nhau số {i} của tỉnh Đồng Nai mới" if i % 3 == 0 else f"Sở Y tế {i}"
             for i in range(units)]
    return Totals(dt.date(2026, 11, 25),
                  by_unit={n: UnitTotals(n, 7 + i % 5, (i * 3) % (8 + i % 5)) for i, n in enumerate(names)})


def _font_file_names() -> list:
    from matplotlib import font_manager
    return [font_manager.get_font(font_manager.findfont("DejaVu Serif")).fname]


@pytest.mark.parametrize("units", [1, 60])
def test_the_chart_with_fonts_read_from_their_bytes_is_the_same_png(units):
    totals = _totals(units)
    from_files = chart.completion_chart(totals)
    assert chart.completion_chart(totals, from_bytes=True) == from_files


def test_fonts_are_read_from_their_bytes_inside_only():
    assert all(isinstance(n, str) and os.path.isfile(n) for n in _font_file_names())  # opened from the file
    with chart.fonts_from_bytes():
        assert not any(isinstance(n, (str, bytes, os.PathLike)) for n in _font_file_names())  # from bytes
    assert all(isinstance(n, str) and os.path.isfile(n) for n in _font_file_names())  # the PDF backend needs it


def test_the_chart_child_reads_its_fonts_from_their_bytes(monkeypatch):
    """``later``'s forked child (halves.CHILD) draws with fonts_from_bytes;
    this process, which goes on, never does."""
    opened = []
    real = chart._FontsFromBytes.FT2Font

    def seen(self, filename, *args, **kwargs):
        opened.append(filename)
        return real(self, filename, *args, **kwargs)
    monkeypatch.setattr(chart._FontsFromBytes, "FT2Font", seen)
    totals = _totals(3)
    here = _chart_png(totals)
    assert opened == []
    monkeypatch.setattr(halves, "CHILD", True)
    assert _chart_png(totals) == here and opened


@pytest.mark.skipif(sys.platform != "linux", reason="the chart is drawn in another process on Linux only")
def test_the_chart_child_starts_before_the_totals_are_computed(tmp_path, monkeypatch, forks):
    """It imports matplotlib while this process computes the totals, then
    gets the totals by unit: the report is the same as drawn here."""
    import zipfile

    import xlsrc.report as report
    from xlsrc.access.files import FileBook
    from xlsrc.builder import write_workbook
    from xlsrc.demo_data import demo_content
    from xlsrc.records import read_workbook
    content = demo_content()
    content.rows["works"] = [{"order": 1, "name": f"Công trình của {u}", "kind": "Công trình", "start": "Năm 2021",
                              "planned_finish": "Năm 2022", "progress": 0.5 * i, "unit": u}
                             for i, u in enumerate(("Sở Y tế", "Sở Tư pháp", "Sở Y tế"))]
    data = read_workbook(FileBook(write_workbook(tmp_path / "m.xlsx", content)))
    forks.clear()  # the reader's
    started = []
    real_compute = report.compute

    def compute(*args, **kwargs):
        started.append(len(forks))
        return real_compute(*args, **kwargs)
    monkeypatch.setattr(report, "compute", compute)
    monkeypatch.setattr(halves, "can_fork", lambda: True)  # CI's two cores, whatever threads run here
    two = report.make_report(data, tmp_path / "two.docx", report_date=dt.date(2026, 11, 25))
    assert started == [1]
    monkeypatch.setattr(halves, "can_fork", lambda: False)
    one = report.make_report(data, tmp_path / "one.docx", report_date=dt.date(2026, 11, 25))

    def parts(path):
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}
    assert parts(two) == parts(one) and len(forks) == 1


@pytest.mark.parametrize("units", [1, 60])
def test_the_units_names_are_not_measured_again_to_place_the_y_axis_title_it_has_not(units, monkeypatch):
    """The y axis has no title: it is placed, so that the units' names are
    not measured again to move it clear of them (in the layout and in the
    drawing); the PNG is the one drawn with the title placed by matplotlib."""
    from matplotlib.axis import Axis, YAxis
    totals = _totals(units)
    measured = []
    siblings = YAxis._get_tick_boxes_siblings
    monkeypatch.setattr(YAxis, "_get_tick_boxes_siblings",
                        lambda self, renderer: measured.append(1) or siblings(self, renderer))
    png = chart.completion_chart(totals)
    assert measured == []
    monkeypatch.setattr(Axis, "set_label_coords", lambda self, x, y, transform=None: None)  # placed by matplotlib
    assert chart.completion_chart(totals) == png and measured


@pytest.fixture
def made_ahead():
    """chart._AHEAD as the chart's child leaves it: emptied afterwards."""
    yield chart._AHEAD
    chart._AHEAD.clear()


@pytest.mark.long
@pytest.mark.parametrize("units", [41, 60, 300])
def test_a_tall_chart_is_drawn_on_the_figure_made_ahead_the_same_png(units, made_ahead):
    """prepare (the chart's child, while it waits for the totals) makes the
    empty figure of a chart of more than 40 units and up to TICKS_AHEAD y
    ticks; the chart drawn on it is the PNG drawn from nothing, byte for
    byte, with fewer units than ticks made (41, 60) or more (300)."""
    totals = _totals(units)
    fresh = chart.completion_chart(totals, from_bytes=True)
    chart.prepare()
    assert len(made_ahead) == 1 and len(made_ahead[0][1].yaxis.majorTicks) >= chart.TICKS_AHEAD
    assert chart.completion_chart(totals, from_bytes=True) == fresh
    assert made_ahead == []  # used: a figure is drawn on once


def test_a_short_chart_is_not_drawn_on_the_tall_figure_made_ahead(made_ahead):
    totals = _totals(12)
    fresh = chart.completion_chart(totals)
    chart.prepare()
    assert chart.completion_chart(totals) == fresh and len(made_ahead) == 1  # kept for a tall one


@pytest.mark.long
def test_the_ticks_are_made_ahead_only_until_the_totals_come(made_ahead):
    """given() true: the totals have come, the chart is drawn at once (what
    is left to make is made as it would have been)."""
    asked = []
    chart.prepare(lambda: asked.append(1) or len(asked) > 3)
    ticks = len(made_ahead[0][1].yaxis.majorTicks)
    assert 1 < ticks < chart.TICKS_AHEAD
    made_ahead.clear()
    chart.prepare(lambda: True)  # the totals came while matplotlib was imported: no figure made
    assert made_ahead == []
    totals = _totals(100)
    chart.prepare(lambda: asked.append(1) or len(asked) > 5)
    assert chart.completion_chart(totals) == chart.completion_chart(totals)
