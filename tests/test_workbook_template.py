"""`thidua new`: the blank workbook must feel native in Excel; and the table
locator reads hand-made tables like the seed's annex."""
from __future__ import annotations

import io

import openpyxl
from openpyxl.utils import get_column_letter

from xlsrc import schema as S
from xlsrc.print_layout import frozen_columns
from xlsrc.builder import build_workbook
from xlsrc.tables import locate


def _book():
    return openpyxl.load_workbook(io.BytesIO(build_workbook()))


def test_sheets_tables_headers_and_frozen_panes():
    wb = _book()
    for name in (S.GUIDE_SHEET, S.INFO.name, S.PLANS.name, S.WORKS.name, S.AWARDS.name, S.NARRATIVE.name,
                 S.SUMMARY_SHEET, S.SOURCES_SHEET, S.CONF_SHEET):
        assert name in wb.sheetnames, name
    for spec in S.RECORD_SHEETS:
        ws = wb[spec.name]
        table = ws.tables[spec.table]
        assert [c.name for c in table.tableColumns] == spec.headers
        assert [c.value for c in ws[1]] == spec.headers
        assert ws.freeze_panes == f"{get_column_letter(frozen_columns(spec) + 1)}2"  # header, TT and the name
        assert ws.conditional_formatting, spec.name
    assert wb[S.INFO.name].freeze_panes == "B2"


def test_dropdowns_for_every_vocabulary_column():
    wb = _book()
    for spec in S.RECORD_SHEETS:
        ws = wb[spec.name]
        letters = {openpyxl.utils.get_column_letter(i + 1) for i, c in enumerate(spec.columns) if c.vocab}
        covered = {str(rng).split(":")[0].rstrip("0123456789") for dv in ws.data_validations.dataValidation
                   if dv.type == "list" for rng in dv.sqref.ranges}
        assert letters <= covered, (spec.name, letters - covered)


def test_date_and_percent_formats_on_columns_and_cells():
    import datetime as dt
    import re
    import zipfile

    from xlsrc.builder import Content
    row = {"name": "X", "start": dt.datetime(2021, 4, 1), "planned_finish": dt.datetime(2021, 12, 1),
           "progress": 0.5}
    data = build_workbook(Content(rows={"works": [row]}))
    ws = openpyxl.load_workbook(io.BytesIO(data))[S.WORKS.name]
    idx = {c.key: i for i, c in enumerate(S.WORKS.columns)}
    for key, fmt in (("start", "dd/mm/yyyy"), ("planned_finish", "dd/mm/yyyy"), ("progress", "0%")):
        assert ws.cell(2, idx[key] + 1).number_format == fmt
    # whole columns carry the format too, so rows typed later in Excel get it
    z = zipfile.ZipFile(io.BytesIO(data))
    names = openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    sheet_xml = z.read(f"xl/worksheets/sheet{names.index(S.WORKS.name) + 1}.xml").decode()
    styles = z.read("xl/styles.xml").decode()
    fmt_ids = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]+)"', styles))
    xfs = re.findall(r'<xf [^>]*?numFmtId="(\d+)"', styles.split("<cellXfs")[1])
    for key, fmt in (("start", "dd/mm/yyyy"), ("progress", "0%")):
        n = idx[key] + 1
        style = next(st for lo, hi, st in re.findall(r'<col min="(\d+)" max="(\d+)"[^>]*style="(\d+)"', sheet_xml)
                     if int(lo) <= n <= int(hi))
        num = xfs[int(style)]
        assert fmt_ids.get(num, {"9": "0%"}.get(num)) == fmt


def test_guide_explains_each_sheet():
    ws = _book()[S.GUIDE_SHEET]
    text = "\n".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
    for spec in S.DATA_SHEETS:
        assert spec.name in text and spec.description in text


def test_hostile_text_stays_text():
    from xlsrc.builder import Content
    data = build_workbook(Content(info={"summary": '=HYPERLINK("http://x","y")'}))
    ws = openpyxl.load_workbook(io.BytesIO(data))[S.INFO.name]
    cell = next(r[1] for r in ws.iter_rows(min_row=2) if r[0].value.startswith("Trích yếu"))
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"


def test_locate_a_hand_made_annex_like_the_seed():
    grid = [
        ["DANH SÁCH", None, None, None, None],
        ["công trình, phần việc chào mừng kỷ niệm 190 năm thành lập tỉnh", None, None, None, None],
        ["(Kèm theo báo cáo số 180/BC-SNgV ngày 18 tháng 11 năm 2021 của Sở Ngoại vụ)", None, None, None, None],
        [None, None, None, None, None],
        ["TT", "Tên công trình\n(phần việc)", "Thời gian thực hiện", None, "Tiến độ hoàn thành (%)"],
        [None, None, "Ngày khởi công", "Ngày hoàn thành", None],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1, "Khởi công xây dựng Dự án hệ thống thủy lợi", "Năm 2021", "Năm 2022", "95%"],
        [None, None, None, None, None],
        [2, "Ký kết thỏa thuận hợp tác", "Tháng 4", "Tháng 12", "100%"],
        [3, "Tổ chức lớp tiếng Lào", "Tháng 7", "Tháng 9", "Lùi sang năm 2022"],
        ["Tổng cộng", "3 công trình", None, None, None],
        [None, "KT. GIÁM ĐỐC", None, None, None],
        [None, "Ngô Thị Hoài Nam", None, None, None],
    ]
    loc = locate(S.WORKS, grid, "Phụ lục", "name")
    assert loc.header_row == 4 and loc.data_start == 6
    assert loc.columns == {"order": 0, "name": 1, "start": 2, "planned_finish": 3, "progress": 4}
    assert loc.rows == [7, 9, 10]
