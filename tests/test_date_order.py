"""Dates typed as text in a column that writes them month first
('12/25/2025': a portal's export, a machine with an English locale): the
column decides the order of its ambiguous cells ('3/1/2025'), said once;
a column of both orders never reads an ambiguous cell day first silently.
Real files, read through read_workbook and ``thidua consolidate``."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.records import read_workbook
from xlsrc.validation import validate

from .shapes import SHAPES, write_shape
from .test_table_shapes import _consolidate, _master

D = dt.datetime
HEADER = ["STT", "Tên công trình, phần việc", "Ngày bắt đầu", "Ngày kết thúc", "Tiến độ (%)"]


def _works(starts: list, finish="31/12/2025") -> list[list]:
    return [HEADER] + [[n, f"Công trình {n}", start, finish, 50] for n, start in enumerate(starts, start=1)]


def _dates(result) -> list:
    return [w["Ngày khởi công"] for w in _master(result["out"], S.WORKS.name)]


def _consolidated(tmp_path, shape: str, rows: list[list]) -> dict:
    folder = tmp_path / "in"
    folder.mkdir()
    return _consolidate(tmp_path, write_shape(folder, shape, rows, stem="xa_xuan_loc"))


@pytest.mark.parametrize("shape", ["xlsx", "xls", "ods", "portal.xls", "xml2003.xls", "csv-utf8.xls"])
def test_a_column_of_month_first_dates_is_read_month_first_and_said_once(tmp_path, shape):
    """'12/25/2025' and '11/30/2025' can only be month first: '3/1/2025' in
    their column is 1 March, not 3 January (it was read day first, silently,
    and '12/25/2025' was an error)."""
    result = _consolidated(tmp_path, shape, _works(["3/1/2025", "12/25/2025", "11/30/2025", "5/5/2025"]))
    assert _dates(result) == [D(2025, 3, 1), D(2025, 12, 25), D(2025, 11, 30), D(2025, 5, 5)]
    [said] = result["findings"]
    assert (said["code"], said["severity"], said["cell"], said["file"].endswith("xa_xuan_loc" + SHAPES[shape].suffix)) == (
        "DATE_MONTH_FIRST", "warning", "C3", True)
    assert said["message"] == ("Cột 'Ngày khởi công' ghi ngày kiểu tháng/ngày/năm (ví dụ ô C3 '12/25/2025'); đã đọc "
                               "các ngày của cột theo thứ tự đó: 3 ô (C2, C3, C4). Hãy kiểm tra; nên ghi ngày dạng "
                               "dd/mm/yyyy.")


def test_a_column_of_both_orders_reads_no_ambiguous_date(tmp_path):
    """'25/12/2025' is day first, '12/25/2025' month first: '3/1/2025' in
    that column may be either, and is an error at its cell, never 3 January."""
    result = _consolidated(tmp_path, "csv-utf8.xls", _works(["25/12/2025", "3/1/2025", "12/25/2025", "7/7/2025"]))
    assert _dates(result) == [D(2025, 12, 25), "3/1/2025", "12/25/2025", D(2025, 7, 7)]
    got = {(f["cell"], f["code"], f["severity"]) for f in result["findings"]}
    assert got == {("C3", "DATE_UNREADABLE", "error"), ("C4", "DATE_UNREADABLE", "error")}
    [ambiguous] = [f for f in result["findings"] if f["cell"] == "C3"]
    assert "có thể là ngày 03/01/2025 hoặc 01/03/2025" in ambiguous["message"]


def test_a_column_that_tells_no_order_stays_day_first_silently(tmp_path):
    result = _consolidated(tmp_path, "portal.xls", _works(["3/1/2025", "5/2/2025", "25/12/2025"]))
    assert _dates(result) == [D(2025, 1, 3), D(2025, 2, 5), D(2025, 12, 25)]
    assert result["findings"] == []


def test_each_column_decides_its_own_order(tmp_path):
    """The start column month first does not turn the finish column, day first, around."""
    rows = [HEADER, [1, "Việc 1", "12/25/2025", "3/1/2026", 50], [2, "Việc 2", "2/1/2025", "28/2/2026", 50]]
    result = _consolidated(tmp_path, "xlsx", rows)
    got = [(w["Ngày khởi công"], w["Ngày hoàn thành"]) for w in _master(result["out"], S.WORKS.name)]
    assert got == [(D(2025, 12, 25), D(2026, 1, 3)), (D(2025, 2, 1), D(2026, 2, 28))]
    assert [(f["code"], f["cell"]) for f in result["findings"]] == [("DATE_MONTH_FIRST", "C2")]


def test_a_workbook_of_the_template_reads_its_month_first_column_and_says_it(tmp_path):
    """read_workbook (the Excel button, validate): text dates month first,
    a real date cell as it is."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.INFO.name
    ws.append(list(S.INFO_HEADERS))
    ws.append(["Năm báo cáo", 2025])
    ws = wb.create_sheet(S.WORKS.name)
    ws.append(["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ hoàn thành (%)"])
    for row in ([1, "Việc 1", "3/1/2025", "12/31/2025", "50%"], [2, "Việc 2", "11/30/2025", "12/31/2025", "50%"],
                [3, "Việc 3", D(2025, 2, 4), "12/31/2025", "50%"]):
        ws.append(row)
    ws["C4"].number_format = "dd/mm/yyyy"
    wb.save(tmp_path / "so.xlsx")
    data = read_workbook(FileBook(tmp_path / "so.xlsx"))
    assert [w["start"].start for w in data.works] == [dt.date(2025, 3, 1), dt.date(2025, 11, 30), dt.date(2025, 2, 4)]
    said = [f for f in validate(data) if f.code.startswith("DATE")]
    assert [(f.code, f.cell, f.file) for f in said] == [("DATE_MONTH_FIRST", "C3", "so.xlsx"),
                                                          ("DATE_MONTH_FIRST", "D2", "so.xlsx")]
    assert said[0].message.startswith("Cột 'Ngày khởi công' ghi ngày kiểu tháng/ngày/năm (ví dụ ô C3 '11/30/2025')")
