"""Rows spliced into built workbooks: values, types, table ranges, readers."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
from python_calamine import CalamineWorkbook

from xlsrc import schema as S
from xlsrc.builder import Content, build_workbook


def _works(n):
    return [{"order": i, "name": f"Công trình số {i} & <bảo trì> \"A\"", "start": dt.datetime(2021, 3, 5),
             "planned_finish": "Quý II/2021", "progress": 0.5, "note": "dòng 1\ndòng 2"} for i in range(1, n + 1)]


def test_values_keep_their_types_and_text_is_never_a_formula(tmp_path):
    rows = _works(2)
    rows[1]["name"] = '=HYPERLINK("http://x","y")'
    rows[1]["note"] = "@SUM(A1)\x07"
    path = tmp_path / "m.xlsx"
    path.write_bytes(build_workbook(Content(rows={"works": rows})))
    ws = openpyxl.load_workbook(path)[S.WORKS.name]
    assert ws["B2"].value == 'Công trình số 1 & <bảo trì> "A"'
    assert ws["B3"].value == '=HYPERLINK("http://x","y")' and ws["B3"].data_type == "s"
    assert ws["K3"].value == "@SUM(A1)"  # control character dropped, text kept
    assert ws["K2"].value == "dòng 1\ndòng 2"
    assert ws["E2"].value == dt.datetime(2021, 3, 5) and ws["E2"].number_format == "dd/mm/yyyy"
    assert ws["H2"].value == 0.5 and ws["H2"].number_format == "0%"
    assert ws["A3"].value == 2


def test_table_range_covers_every_row_and_calamine_reads_them(tmp_path):
    data = build_workbook(Content(rows={"works": _works(3000)}))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    last = S.WORKS.columns[-1]
    letter = openpyxl.utils.get_column_letter(len(S.WORKS.columns))
    assert wb[S.WORKS.name].tables[S.WORKS.table].ref == f"A1:{letter}3001", last
    grid = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(S.WORKS.name).to_python()
    assert len(grid) == 3001 and grid[3000][1].startswith("Công trình số 3000")


def test_build_is_deterministic():
    content = Content(rows={"works": _works(50)})
    a, b = build_workbook(content), build_workbook(content)
    assert a == b
    names = zipfile.ZipFile(io.BytesIO(a)).namelist()
    assert names[0] == "[Content_Types].xml"
