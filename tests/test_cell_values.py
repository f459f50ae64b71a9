"""Each cell read as its sender meant (issue 8 §1, §6; issue 10 §4): real
.xlsx/.xls/.ods files written by openpyxl, xlwt and odfpy, read back through
the reader (validate/compute) and the consolidator; every value that had to
be interpreted carries a finding naming file, sheet and cell."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.consolidate import consolidate
from xlsrc.consolidate.extract import extract_file
from xlsrc.records import read_workbook
from xlsrc.validation import validate

D = dt.date
HEADERS = ["TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ hoàn thành (%)"]
INFO = {"Ngày ban hành": "18/11/2021", "Năm báo cáo": 2021}


def own_book(path, works, info=INFO, formats=None, headers=HEADERS):
    """A workbook of our schema typed by hand; ``formats`` maps (row index, col) to a number format."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.INFO.name
    ws.append(list(S.INFO_HEADERS))
    for label, value in info.items():
        ws.append([label, value])
    ws = wb.create_sheet(S.WORKS.name)
    ws.append(headers)
    for i, row in enumerate(works):
        ws.append(row)
        for (ri, c), fmt in (formats or {}).items():
            if ri == i:
                ws.cell(i + 2, c + 1).number_format = fmt
    wb.save(path)
    return path


def hand_made(path, rows, formats=None, title="(Kèm theo báo cáo số 90/BC-STP ngày 18/11/2021 của Sở Tư pháp)"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ws.append([title])
    ws.append([])
    ws.append(HEADERS)  # row 3: data from row 4
    for i, row in enumerate(rows):
        ws.append(row)
        for (ri, c), fmt in (formats or {}).items():
            if ri == i:
                ws.cell(i + 4, c + 1).number_format = fmt
    wb.save(path)
    return path


def _findings(data):
    return [f for f in validate(data) if f.code not in ("REQUIRED_EMPTY", "SHEET_MISSING")]


def _by_code(findings, code):
    return [f for f in findings if f.code == code]


# --------------------------------------------------------------------------
# §1 The cell decides, not the column
def test_percent_formatted_fraction_among_plain_numbers_is_read_by_its_own_format(tmp_path):
    rows = [[1, "A", "Năm 2021", "Năm 2022", 0.8], [2, "B", "Năm 2021", "Năm 2022", 60],
            [3, "C", "Năm 2021", "Năm 2022", 100]]
    path = own_book(tmp_path / "own.xlsx", rows, formats={(0, 4): "0%"})
    data = read_workbook(FileBook(path))
    assert [w["progress"].value for w in data.works] == [80.0, 60.0, 100.0]
    assert not _by_code(_findings(data), "PROGRESS_AMBIGUOUS")  # the cell's format made it sure
    # the same file from a unit, consolidated
    unit = hand_made(tmp_path / "unit.xlsx", rows, formats={(0, 4): "0%"})
    result = extract_file(str(unit))
    assert result["status"] == "ok"
    assert [r["progress"] for r in result["rows"]["works"]] == [0.8, 0.6, 1.0]
    assert not [f for f in result["findings"] if f["code"] == "PROGRESS_AMBIGUOUS"]


def test_whether_a_book_may_hold_percentages_is_told_without_parsing_its_styles(tmp_path):
    """Every read asks it (a consolidation worker, of each file): the styles
    part is searched, and parsed only when a cell's format is asked for."""
    from xlsrc.access.cellinfo import XlsxPackage
    rows = [[1, "A", "Năm 2021", "Năm 2022", 0.8], [2, "B", "Năm 2021", "Năm 2022", 60]]
    package = XlsxPackage(own_book(tmp_path / "own.xlsx", rows, formats={(0, 4): "0%"}).read_bytes())
    assert package.has_percent() and package._styles is None
    assert package.cell_info(S.WORKS.name).is_percent(1, 4) and not package.cell_info(S.WORKS.name).is_percent(2, 4)
    assert not XlsxPackage(own_book(tmp_path / "plain.xlsx", rows).read_bytes()).has_percent()


def test_a_percent_sign_as_text_in_a_format_reads_as_no_format_at_all(tmp_path):
    """'0"%"' shows a % sign after the number, not the number times 100: the
    book may hold percentages (has_percent), its cells' formats say none is."""
    rows = [[1, "A", "Năm 2021", "Năm 2022", 0.8], [2, "B", "Năm 2021", "Năm 2022", 1]]
    quoted = own_book(tmp_path / "quoted.xlsx", rows, formats={(0, 4): '0"%"'})
    plain = own_book(tmp_path / "plain.xlsx", rows)
    assert FileBook(quoted).has_percent_formats()
    read = [(w["progress"].value, _findings(data)) for data in map(read_workbook, map(FileBook, (quoted, plain)))
            for w in data.works]
    assert read[:2] == read[2:] and [v for v, _ in read[:2]] == [80.0, 100.0]
    extracted = [extract_file(str(hand_made(tmp_path / f"{n}.xlsx", rows, formats=f)))
                 for n, f in (("q", {(0, 4): '0"%"'}), ("p", None))]
    got = [(e["rows"]["works"], [f["code"] for f in e["findings"]]) for e in extracted]
    assert got[0] == got[1]


def test_a_percent_cell_holding_80_is_8000_percent_an_error(tmp_path):
    rows = [[1, "A", "Năm 2021", "Năm 2022", 80], [2, "B", "Năm 2021", "Năm 2022", 0.5]]
    data = read_workbook(FileBook(own_book(tmp_path / "own.xlsx", rows, formats={(0, 4): "0.0%", (1, 4): "0%"})))
    assert [w["progress"].value for w in data.works] == [8000.0, 50.0]
    [f] = _by_code(_findings(data), "PROGRESS_OUT_OF_RANGE")
    assert f.cell == "E2"


def test_general_fractions_when_every_number_of_the_column_is_at_most_one(tmp_path):
    rows = [[1, "A", "Năm 2021", "Năm 2022", 0.8], [2, "B", "Năm 2021", "Năm 2022", 1],
            [3, "C", "Năm 2021", "Năm 2022", 0]]
    data = read_workbook(FileBook(own_book(tmp_path / "own.xlsx", rows)))
    assert [w["progress"].value for w in data.works] == [80.0, 100.0, 0.0]
    assert not _by_code(_findings(data), "PROGRESS_AMBIGUOUS")


def test_general_fraction_among_whole_numbers_is_kept_with_a_warning_naming_both_readings(tmp_path):
    rows = [[1, "A", "Năm 2021", "Năm 2022", 60], [2, "B", "Năm 2021", "Năm 2022", 0.8],
            [3, "C", "Năm 2021", "Năm 2022", 100]]
    path = own_book(tmp_path / "own.xlsx", rows)
    data = read_workbook(FileBook(path))
    assert [w["progress"].value for w in data.works] == [60.0, 0.8, 100.0]
    [f] = _by_code(_findings(data), "PROGRESS_AMBIGUOUS")
    assert (f.file, f.sheet, f.cell, f.severity) == ("own.xlsx", S.WORKS.name, "E3", "warning")
    assert "0,8%" in f.message and "80%" in f.message
    # consolidation: the same finding at the source cell, in --json
    unit = hand_made(tmp_path / "unit.xlsx", rows)
    result = consolidate([str(unit)])
    data = json.loads(json.dumps(result.as_json(), ensure_ascii=False))
    [f] = [f for f in data["findings"] if f["code"] == "PROGRESS_AMBIGUOUS"]
    assert (f["file"], f["sheet"], f["cell"]) == (str(unit), "Phụ lục", "E5")
    assert data["files"][0]["warnings"] >= 1


def test_percent_format_in_xls_written_by_xlwt(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Danh sách")
    for c, h in enumerate(HEADERS):
        ws.write(0, c, h)
    pct = xlwt.easyxf(num_format_str="0%")
    for r, (name, value, style) in enumerate((("A", 0.8, pct), ("B", 60, None), ("C", 0.5, None)), start=1):
        ws.write(r, 0, r)
        ws.write(r, 1, name)
        ws.write(r, 2, "Năm 2021")
        ws.write(r, 3, "Năm 2022")
        ws.write(r, 4, value, style) if style else ws.write(r, 4, value)
    path = tmp_path / "unit.xls"
    wb.save(str(path))
    result = extract_file(str(path))
    assert [r["progress"] for r in result["rows"]["works"]] == [0.8, 0.6, 0.005]
    [f] = [f for f in result["findings"] if f["code"] == "PROGRESS_AMBIGUOUS"]
    assert f["cell"] == "E4"


def test_percentage_cells_in_ods_written_by_odfpy(tmp_path):
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Danh sách")

    def row(values):
        tr = TableRow()
        for v in values:
            if isinstance(v, tuple):  # (value, "percentage")
                cell = TableCell(valuetype=v[1], value=v[0])
                cell.addElement(P(text=f"{v[0] * 100:g}%"))
            elif isinstance(v, (int, float)):
                cell = TableCell(valuetype="float", value=v)
                cell.addElement(P(text=str(v)))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=v))
            tr.addElement(cell)
        table.addElement(tr)

    row(HEADERS)
    row([1, "A", "Năm 2021", "Năm 2022", (0.8, "percentage")])
    row([2, "B", "Năm 2021", "Năm 2022", 60])
    doc.spreadsheet.addElement(table)
    path = tmp_path / "unit.ods"
    doc.save(str(path))
    result = extract_file(str(path))
    assert [r["progress"] for r in result["rows"]["works"]] == [0.8, 0.6]
    assert not [f for f in result["findings"] if f["code"] == "PROGRESS_AMBIGUOUS"]


# --------------------------------------------------------------------------
# Issue 10 §4: progress typed in words, thousands separators
def test_result_column_in_words(tmp_path):
    rows = [[1, "A", "Năm 2021", "Năm 2021", "Đã hoàn thành"], [2, "B", "Năm 2021", "Năm 2022", "Hoàn thành 100%"],
            [3, "C", "Năm 2021", "Năm 2022", "Đang thực hiện"], [4, "D", "Năm 2022", "Năm 2022", "Chưa triển khai"],
            [5, "E", "Năm 2021", "Năm 2021", "Lùi sang năm 2022"],
            [6, "F", "Năm 2021", "Năm 2021", "Đã khánh thành, đưa vào sử dụng"],
            [7, "G", "Năm 2021", "Năm 2021", "Chưa hoàn thành"]]
    data = read_workbook(FileBook(own_book(tmp_path / "own.xlsx", rows)))
    progress = [w["progress"] for w in data.works]
    assert [p.value for p in progress] == [100.0, 100.0, None, None, None, 100.0, None]
    assert [p.note for p in progress][:2] == ["Đã hoàn thành", "Hoàn thành 100%"]  # the text is kept
    assert [w["declared_status"] or None for w in data.works] == [
        S.STATUS_DONE, S.STATUS_DONE, S.STATUS_ONGOING, S.STATUS_NOT_STARTED, S.STATUS_POSTPONED, S.STATUS_DONE, None]
    from xlsrc.completion import compute
    totals = compute(data)
    assert totals.statuses[:2] == [S.STATUS_DONE, S.STATUS_DONE]  # never "Chậm tiến độ"
    assert totals.statuses[4] == S.STATUS_POSTPONED
    assert not any(f.code == "PROGRESS_STATUS_MISMATCH" for f in validate(data))


def test_a_status_typed_is_kept_beside_progress_in_words(tmp_path):
    """Progress in words gives the declared status only where none was typed."""
    headers = HEADERS + [S.WORKS.column("declared_status").header]
    rows = [[1, "A", "Năm 2021", "Năm 2022", "Đang thực hiện", S.STATUS_POSTPONED],
            [2, "B", "Năm 2021", "Năm 2022", "Đang thực hiện", None], [3, "C", "Năm 2021", "Năm 2022", "50%", None]]
    data = read_workbook(FileBook(own_book(tmp_path / "own.xlsx", rows, headers=headers)))
    assert [w["declared_status"] or None for w in data.works] == [S.STATUS_POSTPONED, S.STATUS_ONGOING, None]


@pytest.mark.parametrize("typed", ["1.000", "1,000", "12.500"])
def test_thousands_separators_are_not_one_percent(tmp_path, typed):
    data = read_workbook(FileBook(own_book(tmp_path / "own.xlsx", [[1, "A", "Năm 2021", "Năm 2022", typed]])))
    assert data.works[0]["progress"].value == float(typed.replace(".", "").replace(",", ""))
    [f] = _by_code(_findings(data), "PROGRESS_OUT_OF_RANGE")
    assert f.cell == "E2" and "hàng nghìn" in f.message


# --------------------------------------------------------------------------
# §6 and issue 10 §4: dates
def test_dates_people_type(tmp_path):
    rows = [[1, "A", "15.3.2021", "15/03/21", 10], [2, "B", "1/5/21", "30/12/21", 20],
            [3, "C", "31/02/2021", "15/03/85", 30], [4, "D", "44287", 4, 40],
            [5, "E", 44287, 12, 50], [6, "F", 100, 80000, 60]]
    path = own_book(tmp_path / "own.xlsx", rows)
    data = read_workbook(FileBook(path))
    works = data.works
    assert (works[0]["start"].start, works[0]["planned_finish"].start) == (D(2021, 3, 15), D(2021, 3, 15))
    assert (works[1]["start"].start, works[1]["planned_finish"].start) == (D(2021, 5, 1), D(2021, 12, 30))
    assert not works[2]["start"].ok  # 31/02 is an error, never 03/03
    assert not works[2]["planned_finish"].ok  # 2085 is more than 30 years from the report year
    assert works[3]["start"].start == D(2021, 4, 1) and works[3]["start"].precision == "day"
    assert (works[3]["planned_finish"].precision, works[3]["planned_finish"].start) == ("month", D(2021, 4, 1))
    assert works[4]["start"].start == D(2021, 4, 1)
    assert (works[4]["planned_finish"].start, works[4]["planned_finish"].end) == (D(2021, 12, 1), D(2021, 12, 31))
    assert not works[5]["start"].ok and not works[5]["planned_finish"].ok
    findings = _findings(data)
    unreadable = {f.cell for f in _by_code(findings, "DATE_UNREADABLE")}
    assert unreadable == {"C4", "D4", "C7", "D7"}
    interpreted = {f.cell: f for f in _by_code(findings, "DATE_INTERPRETED")}
    assert set(interpreted) == {"C5", "D5", "C6", "D6"}
    assert "tháng 4 năm 2021" in interpreted["D5"].message and "01/4/2021" in interpreted["C5"].message
    assert interpreted["C5"].file == "own.xlsx" and interpreted["C5"].sheet == S.WORKS.name


def test_a_small_number_in_a_date_formatted_cell_is_unreadable(tmp_path):
    rows = [[1, "A", 4, dt.datetime(2021, 12, 31), 10]]
    data = read_workbook(FileBook(own_book(tmp_path / "own.xlsx", rows, formats={(0, 2): "dd/mm/yyyy"})))
    assert not data.works[0]["start"].ok and data.works[0]["planned_finish"].ok
    [f] = _by_code(_findings(data), "DATE_UNREADABLE")
    assert f.cell == "C2" and "1990" in f.message


def test_months_as_numbers_in_a_consolidated_file(tmp_path):
    unit = hand_made(tmp_path / "unit.xlsx", [[1, "A", 4, 7, 50], [2, "B", 12, 44561, 60]])
    result = extract_file(str(unit))
    works = result["rows"]["works"]
    assert [w["start"] for w in works] == ["Tháng 4/2021", "Tháng 12/2021"]
    assert works[1]["planned_finish"] == dt.datetime(2021, 12, 31)
    codes = {(f["cell"], f["code"]) for f in result["findings"]}
    assert {("C4", "DATE_INTERPRETED"), ("D4", "DATE_INTERPRETED"), ("C5", "DATE_INTERPRETED"),
            ("D5", "DATE_INTERPRETED")} <= codes


# --------------------------------------------------------------------------
def test_month_only_report_date_is_an_error_and_never_printed_as_a_day(tmp_path):
    path = own_book(tmp_path / "own.xlsx", [[1, "A", "Năm 2021", "Năm 2022", 10]],
                    info={"Ngày ban hành": "Tháng 11/2021", "Năm báo cáo": 2021})
    data = read_workbook(FileBook(path))
    [f] = _by_code(validate(data), "REPORT_DATE_NO_DAY")
    assert f.severity == "error" and f.sheet == S.INFO.name and f.cell == "B2"
    assert data.report_date is None
    from xlsrc.report.context import header_context
    assert "ngày 01" not in header_context(data)["date_long"]


def test_formula_without_cached_value_is_named(tmp_path):
    rows = [[1, "A", "Năm 2021", "Năm 2022", "=40+10"], [2, "B", "Năm 2021", "Năm 2022", 60]]
    path = own_book(tmp_path / "own.xlsx", rows)  # openpyxl writes the formula, never its value
    data = read_workbook(FileBook(path))
    [f] = _by_code(validate(data), "FORMULA_NO_VALUE")
    assert (f.file, f.sheet, f.cell, f.severity) == ("own.xlsx", S.WORKS.name, "E2", "warning")
    assert f.column == "Tiến độ hoàn thành (%)"
    unit = hand_made(tmp_path / "unit.xlsx", rows)
    result = extract_file(str(unit))
    assert [(f["cell"], f["code"]) for f in result["findings"] if f["code"] == "FORMULA_NO_VALUE"] == [
        ("E4", "FORMULA_NO_VALUE")]


def test_a_formula_with_its_value_saved_is_not_reported(tmp_path):
    """The same formula as Excel or LibreOffice saves it, with its value."""
    import shutil
    import subprocess
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice không có trên máy này")
    src = own_book(tmp_path / "src.xlsx", [[1, "A", "Năm 2021", "Năm 2022", "=40+10"]])
    out = tmp_path / "out"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=180)
    data = read_workbook(FileBook(out / "src.xlsx"))
    assert data.works[0]["progress"].value == 50
    assert not _by_code(validate(data), "FORMULA_NO_VALUE")


# --------------------------------------------------------------------------
# The live Excel book: formats and fonts in bulk
SPREADSHEETML = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Font ss:FontName="Calibri"/><NumberFormat/></Style>
  <Style ss:ID="s62"><NumberFormat ss:Format="0%"/></Style>
  <Style ss:ID="s63"><Font ss:FontName=".VnTime"/></Style>
  <Style ss:ID="s64" ss:Parent="s63"><NumberFormat ss:Format="Percent"/></Style>
  <Style ss:ID="s65"><Font ss:FontName="VNI-Times"/></Style>
 </Styles>
 <Worksheet ss:Name="C&#244;ng tr&#236;nh">
  <Table ss:ExpandedColumnCount="5" ss:ExpandedRowCount="4">
   <Column ss:Index="5" ss:StyleID="s65"/>
   <Row><Cell ss:StyleID="s63"><Data ss:Type="String">T&#170;n c&#171;ng tr&#215;nh</Data></Cell>
    <Cell ss:MergeAcross="1"><Data ss:Type="String">x</Data></Cell><Cell ss:StyleID="s62"><Data ss:Type="Number">0.8</Data></Cell></Row>
   <Row ss:Index="3" ss:StyleID="s64"><Cell ss:Index="2"><Data ss:Type="Number">0.5</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>"""


def test_spreadsheetml_styles_as_excel_gives_them_in_one_call():
    from xlsrc.access.cellinfo import spreadsheetml_cell_info
    info = spreadsheetml_cell_info(SPREADSHEETML)
    assert info.font(0, 0) == ".VnTime" and not info.is_percent(0, 0)
    assert info.font(0, 1) == "Calibri" and info.is_percent(0, 3)  # D1: after a cell merged across B1:C1
    assert info.is_percent(2, 1) and info.font(2, 1) == ".VnTime"  # row style inherits its parent's font
    assert info.font(3, 4) == "VNI-Times" and info.number_format(3, 0) == "General"


def test_live_book_converts_legacy_text_in_bulk(tmp_path, monkeypatch):
    """Through xlwings' remote engine (the real Range API): a TCVN3 header is
    converted before the table is located, with a warning, and the number of
    Excel calls stays the same."""
    pytest.importorskip("xlwings")
    from tests.xlwings_payload import actions, open_caller, payload_from_file
    from xlsrc.access.excel import XlwingsBook
    from xlsrc.legacy_encodings import encode_tcvn3
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.INFO.name
    ws.append(list(S.INFO_HEADERS))
    ws.append(["Ngày ban hành", "18/11/2021"])
    ws = wb.create_sheet(S.WORKS.name)
    ws.append([encode_tcvn3(h) for h in HEADERS])
    ws.append([1, encode_tcvn3("Sửa chữa trường học"), "Năm 2021", "Năm 2022", "50%"])
    path = tmp_path / "live.xlsx"
    wb.save(path)
    monkeypatch.chdir(tmp_path)
    book = open_caller(payload_from_file(path))
    live = XlwingsBook(book)
    data = read_workbook(live)
    assert data.works[0]["name"] == "Sửa chữa trường học" and data.works[0]["progress"].value == 50
    legacy = [f for f in validate(data) if f.code == "LEGACY_ENCODING"]
    assert {f.cell for f in legacy} == {"B1", "C1", "D1", "E1", "B2"}
    assert all(a["func"] != "setValues" for a in actions(book))  # reading never writes


def test_report_refuses_a_report_date_without_a_day(tmp_path):
    """`thidua report` on a workbook whose Ngày ban hành is 'Tháng 11/2021':
    exit 1, the error named, no report written with an invented 'ngày 01'."""
    import subprocess

    from xlsrc.builder import write_workbook
    from xlsrc.demo_data import demo_content

    from .user_books import run_cli
    content = demo_content()
    content.info["doc_date"] = "Tháng 11/2021"
    src = write_workbook(tmp_path / "demo.xlsx", content)
    out = tmp_path / "BaoCao.docx"
    res = subprocess.CompletedProcess([], *run_cli(["report", src, "-o", out]))
    assert res.returncode == 1, res.stdout + res.stderr
    assert "REPORT_DATE_NO_DAY" in res.stdout + res.stderr or "chưa có ngày" in res.stdout + res.stderr
    assert not out.exists()


def test_compute_reads_values_as_validate_does(tmp_path):
    """`thidua compute` opens the book for writing a copy: it still reads each
    cell's cached value and own format, and converts legacy text."""
    from xlsrc.legacy_encodings import encode_tcvn3
    rows = [[1, encode_tcvn3("Sửa chữa trường học"), "Năm 2021", "Năm 2022", 0.8],
            [2, "B", "Năm 2021", "Năm 2022", "=40+20"], [3, "C", "Năm 2021", "Năm 2022", 100]]
    path = own_book(tmp_path / "own.xlsx", rows, formats={(0, 4): "0%"})
    for book in (FileBook(path), FileBook(path, writable=True)):
        data = read_workbook(book)
        assert [w["progress"].value for w in data.works] == [80.0, None, 100.0]  # never the text "=40+20"
        assert data.works[0]["name"] == "Sửa chữa trường học"
        assert {f.code for f in validate(data)} >= {"LEGACY_ENCODING", "FORMULA_NO_VALUE"}
    out = tmp_path / "copy.xlsx"
    from xlsrc import jobs
    book = FileBook(path, writable=True)
    jobs.run_compute(book)
    book.save(out)
    assert openpyxl.load_workbook(path)["Công trình"]["E3"].value == "=40+20"  # input untouched


def test_styles_read_by_column_are_those_of_a_full_scan(tmp_path):
    """A part whose cells are all written <c r="B12" …> has its styles read a
    column at a time, when first asked for: every cell's number format and
    font is the one a scan of every cell gives (columns past Z, empty cells, no style)."""
    import openpyxl
    from openpyxl.styles import Font
    from xlsrc.access import cellinfo
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 40):
        for c in (1, 2, 3, 27, 28):
            cell = ws.cell(r, c, value=r / 100 if c % 2 else f"x{r}")
            if (r + c) % 3 == 0:
                cell.number_format = "0.0%"
            if (r + c) % 5 == 0:
                cell.font = Font(name=".VnTime")
    f = tmp_path / "kieu.xlsx"
    wb.save(f)
    package = cellinfo.XlsxPackage(f.read_bytes())
    by_column = package.cell_info("Sheet")
    assert by_column.column_reader is not None
    full = cellinfo.CellInfo(formats=by_column.formats, fonts=by_column.fonts)
    for m in cellinfo._CELL.finditer(package.part("Sheet")):
        ref = cellinfo._ATTR_R.search(m.group(1))
        cellinfo._note_cell(full, int(ref.group(2)) - 1, cellinfo.col_index(ref.group(1)), m.group(1), m.group(2) or b"")
    cells = [(r, c) for r in range(42) for c in range(30)]
    assert [by_column.number_format(r, c) for r, c in cells] == [full.number_format(r, c) for r, c in cells]
    assert [by_column.font(r, c) for r, c in cells] == [full.font(r, c) for r, c in cells]
    assert sum(by_column.is_percent(r, c) for r, c in cells) > 20
    for c in range(30):  # the same cells told of a whole column at once (a fresh reader: every column unread)
        rows = list(range(42))
        assert package.cell_info("Sheet").percent_rows(c, rows) == {r for r in rows if full.is_percent(r, c)}


def test_percent_cells_of_a_column_are_those_its_styles_say():
    """A progress column's percentage cells are looked for by their styles
    alone: the same cells as every cell's style read, whatever the style's
    spelling (s="1" beside s="12", a leading zero, a space) or the other
    attributes around it."""
    from xlsrc.access import cellinfo
    cells = ['<c r="B1" s="1"/>', '<c r="B2" s="12"><v>1</v></c>', '<c r="B3" s="01" t="n"/>', '<c r="B4"/>',
             '<c r="B5" t="s" s="1"><v>0</v></c>', '<c r="B6" s="2 "/>', '<c r="B7" cm="1" s="21"/>',
             '<c r="B8" s="112"/>', '<c r="BB9" s="1"/>', '<c r="A10" s="1"/><c r="B10" s="3"/>', '<c r="B11" s="0"/>']
    xml = ("<sheetData>" + "".join(f'<row r="{n}">{c}</row>' for n, c in enumerate(cells, 1)) + "</sheetData>").encode()
    styles = cellinfo._column_styles(xml, 1)
    assert styles[(0, 1)] == 1 and styles[(2, 1)] == 1 and (3, 1) not in styles
    for chosen in ({1}, {2}, {1, 2}, {12, 112}, {0, 3}, {21}):
        assert cellinfo._styled_rows(xml, 1, chosen) == {r for (r, _), s in styles.items() if s in chosen}, chosen

    def fresh():  # a style of percentage (0) taken by the cells written without one, as in some writers' files
        return cellinfo.CellInfo(formats=["0%", "General", "0.0%"],
                                 column_reader=lambda c: cellinfo._column_styles(xml, c), styled_rows=lambda c, chosen: cellinfo._styled_rows(xml, c, chosen))
    full = fresh()
    assert full.number_format(0, 1) == "General" and full.is_percent(3, 1) and full.is_percent(5, 1)
    assert fresh().percent_rows(1, list(range(12))) == {r for r in range(12) if full.is_percent(r, 1)}


def test_percent_rows_take_the_column_style_of_a_cell_not_listed():
    """A cell without a style of its own takes its column's (an .xls or .ods column style)."""
    from xlsrc.access.cellinfo import CellInfo
    info = CellInfo(xf={(0, 1): 1, (2, 1): 0}, formats=["General", "0%", "0.0%"], columns={1: 2})
    assert info.percent_rows(1, [0, 1, 2, 3]) == {r for r in range(4) if info.is_percent(r, 1)} == {0, 1, 3}
    assert info.percent_rows(0, [0, 1]) == set() and info.percent_rows(1, []) == set()


def test_a_percent_format_on_cells_written_with_a_namespace_prefix_is_read(tmp_path):
    """<x:c r="B2" s="1"> (a prefix XML allows for the sheet's namespace): the
    style is found as for <c r="B2" s="1">, not taken for a General number."""
    import io
    import zipfile

    from xlsrc.access.cellinfo import XlsxPackage
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"], ws["B2"] = "a", 0.5
    ws["B2"].number_format = "0%"
    wb.save(tmp_path / "plain.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=").replace(
                    b"</worksheet>", b"</x:worksheet>")
                for tag in (b"sheetData", b"row", b"c", b"v", b"is", b"t"):
                    for a, b in ((b"<" + tag + b">", b"<x:" + tag + b">"), (b"<" + tag + b" ", b"<x:" + tag + b" "),
                                 (b"</" + tag + b">", b"</x:" + tag + b">")):
                        data = data.replace(a, b)
                assert b'<x:c r="B2"' in data
            zout.writestr(item, data)
    assert XlsxPackage(out.getvalue()).cell_info("S").is_percent(1, 1)


def test_a_percent_formatted_column_is_searched_while_the_book_is_read(tmp_path, monkeypatch):
    """The rows of a column whose own style is a percentage (the template's
    progress column) written with a percentage style are found while the
    reader child reads the values: asked later, they need no search of the
    part; a column of another style is searched when asked, as before."""
    from openpyxl.styles import Alignment
    from xlsrc.access import cellinfo
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.column_dimensions["C"].number_format = "0%"
    ws.column_dimensions["D"].alignment = Alignment(wrap_text=True)
    for r in range(1, 30):
        ws.cell(r, 1, f"Công trình {r}")
        ws.cell(r, 3, r / 100).number_format = "0%" if r % 3 else "General"
        ws.cell(r, 4, r / 100).number_format = "0.0%" if r % 2 else "General"
    f = tmp_path / "tien_do.xlsx"
    wb.save(f)
    book = FileBook(f)
    searched = []
    real = cellinfo._styled_rows
    monkeypatch.setattr(cellinfo, "_styled_rows", lambda *a: searched.append(a[1]) or real(*a))
    info = book.cell_info("Sheet")
    rows = list(range(30))
    assert info.percent_rows(2, rows) == {r - 1 for r in range(1, 30) if r % 3}
    assert searched == []  # found ahead
    assert info.percent_rows(3, rows) == {r - 1 for r in range(1, 30) if r % 2}
    assert searched == [3]
