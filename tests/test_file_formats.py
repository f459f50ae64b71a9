"""File formats that provincial units really send, read as the sender meant:
Excel binary workbooks (.xlsb), Strict Open XML and other producers' .xlsx,
SpreadsheetML 2003, flat ODS, templates saved by mistake. Every file here is
real: written by Excel (committed under tests/data with its source), by a
library that writes the format, or part by part with zipfile where no
library writes that shape. Each is read back through ``thidua consolidate``."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlsrc import schema as S
from xlsrc.access import limits as L
from xlsrc.access.files import FileBook
from xlsrc.errors import FileTooLarge, FileUnusable

DATA = Path(__file__).parent / "data"
from .ooxml_parts import Bold, Err, Formula, Pct, xlsx
from .test_user_files import _run

HEADER = ["TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ"]


def consolidate(tmp_path: Path, *files: Path) -> tuple[list[dict], dict]:
    """The works in the master, and the --json report."""
    out = tmp_path / "TongHop.xlsx"
    code = _run(["consolidate", *files, "-o", out, "--json", "--jobs", "1", "--force"])
    assert code in (0, 1, 3), _run.stdout + _run.stderr  # 1: the data taken has errors
    report = json.loads(_run.stdout)
    ws = openpyxl.load_workbook(out)[S.WORKS.name]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)], report


def _by_name(works: list[dict]) -> dict[str, dict]:
    return {w["Tên công trình, phần việc"]: w for w in works}


# ---------------------------------------------------------------------------
# .xlsb — Excel binary workbook
def _xlsb_works(path: Path, rows) -> Path:
    """A real .xlsb written by pyxlsbwriter (its first row is bold)."""
    from pyxlsbwriter import XlsbWriter
    with XlsbWriter(str(path)) as w:
        w.add_sheet("Phụ lục")
        w.write_sheet([HEADER, *rows])
    return path


def test_an_xlsb_from_a_department_is_consolidated_with_its_dates_and_progress(tmp_path):
    f = _xlsb_works(tmp_path / "so_tai_chinh.xlsb", [
        [1, "Số hóa hồ sơ ngân sách", "Phòng Ngân sách", dt.date(2021, 3, 1), dt.date(2021, 12, 31), 60],
        [2, "Phần mềm quản lý tài sản công", "Văn phòng Sở", dt.datetime(2021, 4, 1), dt.datetime(2021, 9, 30), 100],
        [3, "Tập huấn luật ngân sách", "Phòng Tin học", dt.date(2021, 5, 10), dt.date(2021, 6, 30), 0.8],
    ])
    works, report = consolidate(tmp_path, f)
    assert report["files"][0]["status"] == "ok", report
    got = _by_name(works)
    assert got["Số hóa hồ sơ ngân sách"]["Ngày hoàn thành"] == dt.datetime(2021, 12, 31)
    assert got["Phần mềm quản lý tài sản công"]["Ngày khởi công"] == dt.datetime(2021, 4, 1)
    assert [got[n]["Tiến độ hoàn thành (%)"] for n in got] == [0.6, 1.0, 0.008]
    # 0.8 in a General cell among whole percents: kept as 0,8 % and said, never silently 80 %
    ambiguous = [x for x in report["findings"] if x["code"] == "PROGRESS_AMBIGUOUS"]
    assert [(Path(x["file"]).name, x["cell"]) for x in ambiguous] == [("so_tai_chinh.xlsb", "F4")]
    assert "0,8%" in ambiguous[0]["message"] and "80%" in ambiguous[0]["message"]


def _with_damaged_font_record(src: Path, out: Path) -> Path:
    """The same .xlsb whose first font record claims a name longer than the
    record (a damage the value reader never notices: it reads no fonts)."""
    import struct
    from xlsrc.access import xlsb
    with zipfile.ZipFile(src) as z_in, zipfile.ZipFile(out, "w") as z_out:
        for item in z_in.infolist():
            data = bytearray(z_in.read(item))
            if item.filename == "xl/styles.bin":
                pos = 0
                while True:
                    kind, p = xlsb._varint(data, pos, 2)
                    size, p = xlsb._varint(data, p, 4)
                    if kind == xlsb.FONT:
                        struct.pack_into("<I", data, p + 21, 0x7FFF)
                        break
                    pos = p + size
            z_out.writestr(item, bytes(data))
    return out


def test_when_the_formats_of_a_file_cannot_be_read_no_fraction_becomes_a_percentage_silently(tmp_path):
    """A column of 0.8, 0.5 and 1: read as 80 %, 50 %, 100 % (every number is ≤ 1),
    but each with a warning showing the other reading, since the cells' own
    formats are unknown. The same file undamaged reads the same, silently."""
    rows = [[1, "Số hóa hồ sơ", "Phòng Ngân sách", dt.date(2021, 3, 1), dt.date(2021, 12, 31), 0.8],
            [2, "Phần mềm tài sản công", "Văn phòng Sở", dt.date(2021, 4, 1), dt.date(2021, 9, 30), 0.5],
            [3, "Tập huấn luật ngân sách", "Phòng Tin học", dt.date(2021, 5, 10), dt.date(2021, 6, 30), 1]]
    good = _xlsb_works(tmp_path / "tot.xlsb", rows)
    bad = _with_damaged_font_record(good, tmp_path / "so_tai_chinh.xlsb")
    for f, warned in ((good, []), (bad, ["F2", "F3", "F4"])):
        works, report = consolidate(tmp_path, f)
        assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.8, 0.5, 1.0]
        said = [x for x in report["findings"] if x["code"] == "PROGRESS_AMBIGUOUS"]
        assert [x["cell"] for x in said] == warned
    assert said[0]["message"].startswith("Không đọc được định dạng số của tệp, nên ô ghi 0,8 có hai cách hiểu: "
                                         "hiểu là 80%, cũng có thể là 0,8%.")


def test_the_number_formats_of_an_xlsb_written_by_excel_are_read_per_cell():
    """ExcelDataReader's Test_git_issue_532.xlsb (saved by Excel): cells A3:C16
    carry the format 0.00 %; the reader says so for each cell."""
    book = FileBook(DATA / "xlsb" / "percent_formats.xlsb")
    assert book.kind == "xlsb" and book.has_percent_formats()
    info = book.cell_info("Sheet1")
    assert info.number_format(2, 0) == "0.00%" and info.is_percent(15, 2)
    assert not info.is_percent(0, 0) and book.read("Sheet1")[0] == [1.0, 2.0, 3.0]


def test_merged_cells_dates_and_hidden_sheets_of_excel_xlsb_files():
    base = FileBook(DATA / "xlsb" / "base.xlsb")  # python-calamine's test workbook, saved by Excel
    assert base.merged_ranges("Merged Cells") == [(0, 0, 1, 0), (0, 1, 1, 1)]
    assert base.cell_info("Sheet1").number_format(1, 5) == "yyyy\\-mm\\-dd"
    assert base.read("Sheet1")[1][5] == dt.date(2010, 10, 10)
    # calamine's date_1904.xlsb: the 1904 date system, dates not shifted by four years
    assert FileBook(DATA / "xlsb" / "date_1904.xlsb").read("Sheet1")[0][0] == dt.date(2021, 1, 1)


def test_a_chart_sheet_in_an_xlsb_costs_nothing(tmp_path):
    """calamine's any_sheets.xlsb (saved by Excel) has a chart sheet, which the
    .xlsb value reader cannot read: it is not a sheet of cells, so it is left
    out instead of making the whole file unreadable."""
    book = FileBook(DATA / "xlsb" / "any_sheets.xlsb")
    assert book.sheet_names() == ["Visible", "Hidden", "VeryHidden"]
    assert book.hidden_sheets() == {"Hidden", "VeryHidden"}
    assert book.read("Visible")[0] == [1.0, 2.0] and "contains 4 sheets" in book.read("Visible")[4][0]
    out = tmp_path / "TongHop.xlsx"
    assert _run(["consolidate", DATA / "xlsb" / "any_sheets.xlsb", "-o", out, "--json", "--jobs", "1"]) == 2
    [entry] = json.loads(_run.stdout)["files"]
    assert "Không tìm thấy bảng" in entry["message"] and "không đọc được" not in entry["message"], entry


def test_an_xlsb_with_a_password_is_said_and_opened_with_the_password():
    f = DATA / "xlsb" / "password.xlsb"  # encrypted by Excel (agile AES-128)
    with pytest.raises(FileUnusable, match="Tệp 'password.xlsb' được đặt mật khẩu.*--password"):
        FileBook(f)
    book = FileBook(f, password="password")
    assert book.kind == "xlsb" and book.read("Sheet1") == [["Password: password"]]


def test_an_xlsb_whose_sheet_reaches_too_far_is_refused_before_the_reader(tmp_path, monkeypatch):
    f = _xlsb_works(tmp_path / "rong.xlsb", [[i, f"Việc {i}"] + [None] * 3 + [50] for i in range(1, 40)])
    monkeypatch.setattr(L, "LIMITS", L.Limits(sheet_cells=200))
    with pytest.raises(FileTooLarge, match=r"quá lớn: trang \('xl/worksheets/sheet1.bin'\) trải tới dòng 40"):
        FileBook(f)


def test_long_texts_of_an_xlsb_are_binary_records_not_one_xml_text_run(tmp_path):
    """The 256 KB limit on a run of text between two XML tags means nothing in
    a binary part: 300 long descriptions (600 KB of UTF-16 in sharedStrings.bin
    without a '<' byte) are a normal file."""
    rows = [[i, f"Công trình {i:03d} " + "x" * 1000, "UBND xã", dt.date(2021, 3, 1), dt.date(2021, 12, 31), 50]
            for i in range(1, 301)]
    f = _xlsb_works(tmp_path / "mo_ta_dai.xlsb", rows)
    with zipfile.ZipFile(f) as z:
        assert z.getinfo("xl/sharedStrings.bin").file_size > L.LIMITS.text_run
    works, report = consolidate(tmp_path, f)
    assert report["files"][0]["status"] == "ok", report
    assert len(works) == 300 and works[-1]["Tên công trình, phần việc"].endswith("x" * 1000)


def test_a_damaged_xlsb_is_an_error_naming_the_file(tmp_path):
    whole = _xlsb_works(tmp_path / "goc.xlsb", [[1, "Việc", None, None, None, 50]]).read_bytes()
    f = tmp_path / "so_xay_dung.xlsb"
    f.write_bytes(whole[: len(whole) // 2])  # cut short, as a failed download leaves it
    with pytest.raises(FileUnusable, match="Tệp 'so_xay_dung.xlsb' bị hỏng"):
        FileBook(f)


# ---------------------------------------------------------------------------
# .xlsx written by other producers
def test_percent_formats_of_a_strict_open_xml_workbook_saved_by_excel_are_read():
    """Strict Open XML puts styles.xml under another namespace; a reader that
    assumes the transitional one takes every cell as General (0,2267 → 0,2267 %)."""
    book = FileBook(DATA / "strict" / "percent_strict.xlsx")
    info = book.cell_info("AH")
    assert book.read("AH")[15][3] == 0.2267
    assert info.number_format(15, 3) == "0.00%" and info.is_percent(15, 3)


PRODUCER_ROWS = [["ỦY BAN NHÂN DÂN XÃ CẨM BÌNH"], [], HEADER,
                 [1, "Nhà văn hóa thôn Trung Hòa", "Thôn Trung Hòa", dt.date(2021, 3, 1), dt.date(2021, 12, 31),
                  Pct(0.8)],
                 [2, "Đường bê tông liên thôn", "UBND xã", dt.date(2021, 4, 1), dt.date(2021, 9, 30), 60],
                 [3, "Kênh mương nội đồng", "HTX Cẩm Bình", dt.date(2021, 5, 10), dt.date(2021, 6, 30), Pct(1.0)]]


@pytest.mark.parametrize("shape", [
    dict(strict=True),                                         # Excel: Save as Strict Open XML Spreadsheet
    dict(strict=True, inline=True, dimension=False, absolute=True, date1904=True, percent_id=170,
         percent_code="0.00%"),                                # all of it at once
    dict(inline=True, dimension=False),                        # PhpSpreadsheet/ExcelJS/SheetJS-like exports
    dict(absolute=True),                                       # /xl/worksheets/sheet1.xml in the relationships
    dict(date1904=True),                                       # Mac Excel's 1904 date system
    dict(refs=False),                                          # rows and cells without r="…"
    dict(percent_id=164, percent_code="0.0%;[Red]-0.0%"),      # a custom percent code with a negative section
    dict(percent_id=165, percent_code='[$-42A]0%'),            # a locale prefix (Vietnamese, 042A)
], ids=["strict", "strict-everything", "inline-no-dimension", "absolute-paths", "date1904", "no-refs",
        "custom-percent", "locale-percent"])
def test_xlsx_from_other_producers_reaches_the_master_as_the_sender_meant(tmp_path, shape):
    f = xlsx(tmp_path / "xa_cam_binh.xlsx", PRODUCER_ROWS, **shape)
    works, report = consolidate(tmp_path, f)
    assert report["files"][0]["status"] == "ok", report
    assert [w["Tên công trình, phần việc"] for w in works] == [r[1] for r in PRODUCER_ROWS[3:]]
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.8, 0.6, 1.0]  # 0.8 formatted 0% is 80 %
    assert [w["Ngày khởi công"] for w in works] == [dt.datetime(2021, 3, 1), dt.datetime(2021, 4, 1),
                                                     dt.datetime(2021, 5, 10)]  # never shifted by 4 years
    assert [w["Ngày hoàn thành"] for w in works][0] == dt.datetime(2021, 12, 31)
    assert not [x for x in report["findings"] if x["code"] == "PROGRESS_AMBIGUOUS"]


@pytest.mark.parametrize("strict", [False, True], ids=["transitional", "strict"])
def test_a_bold_group_row_of_a_strict_workbook_is_a_group_not_a_work(tmp_path, strict):
    """A heading typed alone in a bold cell, no number, no dates: a group.
    openpyxl (the bold reader for .xlsx) cannot open Strict Open XML; the
    access layer reads the bold fonts of such a file itself."""
    rows = [HEADER, [None, Bold("Khối trường học")], *[r for r in PRODUCER_ROWS[3:]]]
    works, report = consolidate(tmp_path, xlsx(tmp_path / "so_giao_duc.xlsx", rows, strict=strict))
    assert [w["Tên công trình, phần việc"] for w in works] == [r[1] for r in PRODUCER_ROWS[3:]]
    assert [w["Nhóm"] for w in works] == ["Khối trường học"] * 3


@pytest.mark.parametrize("strict", [False, True], ids=["transitional", "strict"])
def test_a_strict_table_of_only_error_values_is_said_so(tmp_path, strict):
    rows = [HEADER] + [[i, Err("#REF!"), Err("#N/A"), Err("#REF!"), Err("#REF!"), Err("#DIV/0!")] for i in (1, 2)]
    f = xlsx(tmp_path / "so_xay_dung.xlsx", rows, strict=strict)
    out = tmp_path / "TongHop.xlsx"
    assert _run(["consolidate", f, "-o", out, "--json", "--jobs", "1"]) == 2
    [entry] = json.loads(_run.stdout)["files"]
    assert entry["status"] == "error" and "chỉ có giá trị lỗi (#REF!, #N/A …)" in entry["message"], entry


def test_shared_formulas_with_cached_values_are_read_as_their_values(tmp_path):
    rows = [HEADER + ["Khối lượng kế hoạch", "Đã làm"],
            [1, "Nhà văn hóa", "UBND xã", dt.date(2021, 3, 1), dt.date(2021, 12, 31),
             Formula("H2/G2", Pct(0.8), "0", "F2:F4"), 10, 8],
            [2, "Đường bê tông", "UBND xã", dt.date(2021, 4, 1), dt.date(2021, 9, 30), Formula("", Pct(0.5), "0"), 10, 5],
            [3, "Kênh mương", "HTX", dt.date(2021, 5, 10), dt.date(2021, 6, 30), Formula("", Pct(1.0), "0"), 4, 4]]
    works, report = consolidate(tmp_path, xlsx(tmp_path / "cong_thuc.xlsx", rows, inline=True, dimension=False))
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.8, 0.5, 1.0]
    assert works[1]["Thông tin thêm"] == "Khối lượng kế hoạch: 10\nĐã làm: 5"
    assert not [x for x in report["findings"] if x["code"] in ("FORMULA_NO_VALUE", "PROGRESS_AMBIGUOUS")]


# ---------------------------------------------------------------------------
# SpreadsheetML 2003 (Excel's "XML Spreadsheet 2003", saved as .xml)
def _cells(*values: str) -> str:
    return "".join(f'<Cell><Data ss:Type="String">{v}</Data></Cell>' for v in values)


XML2003_EXCEL = f"""<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Font ss:FontName="Times New Roman" ss:Size="13"/></Style>
  <Style ss:ID="s62"><Font ss:FontName="Times New Roman" ss:Bold="1"/></Style>
  <Style ss:ID="s63"><NumberFormat ss:Format="Short Date"/></Style>
  <Style ss:ID="s64"><NumberFormat ss:Format="Percent"/></Style>
  <Style ss:ID="s65" ss:Parent="s64"><Alignment ss:Horizontal="Center"/></Style>
 </Styles>
 <Worksheet ss:Name="Phụ lục">
  <Table ss:ExpandedColumnCount="6" ss:ExpandedRowCount="9" x:FullColumns="1" x:FullRows="1">
   <Column ss:Width="30"/><Column ss:Width="200"/><Column ss:Index="4" ss:Span="1" ss:StyleID="s63"/>
   <Row><Cell ss:MergeAcross="5" ss:StyleID="s62"><Data ss:Type="String">ỦY BAN NHÂN DÂN XÃ CẨM BÌNH</Data></Cell></Row>
   <Row ss:Span="1" ss:StyleID="s62"/>
   <Row>{_cells("TT", "Tên công trình", "Đơn vị thực hiện", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ")}</Row>
   <Row ss:StyleID="s62">{_cells("I", "Khối thôn xóm")}</Row>
   <Row><Cell><Data ss:Type="Number">1</Data></Cell>{_cells("Nhà văn hóa thôn Trung Hòa")}
    <Cell ss:MergeDown="1"><Data ss:Type="String">Thôn Trung Hòa</Data></Cell>
    <Cell ss:StyleID="s63"><Data ss:Type="DateTime">2021-03-01T00:00:00.000</Data></Cell>
    <Cell ss:StyleID="s63"><Data ss:Type="DateTime">2021-12-31T00:00:00.000</Data></Cell>
    <Cell ss:StyleID="s64"><Data ss:Type="Number">0.8</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">2</Data></Cell>{_cells("Sân thể thao thôn Trung Hòa")}
    <Cell ss:Index="4" ss:StyleID="s63"><Data ss:Type="DateTime">2021-04-01T00:00:00.000</Data></Cell>
    <Cell ss:Index="6" ss:StyleID="s65"><Data ss:Type="Number">0.5</Data></Cell></Row>
   <Row ss:Index="9"><Cell><Data ss:Type="Number">3</Data></Cell>{_cells("Kênh mương nội đồng", "HTX Cẩm Bình")}
    <Cell ss:Index="5" ss:StyleID="s63"><Data ss:Type="DateTime">2021-06-30T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="Number">60</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="Năm 2020">
  <Table>
   <Row>{_cells("TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ")}</Row>
   <Row><Cell><Data ss:Type="Number">1</Data></Cell>{_cells("Việc của năm trước")}
    <Cell><Data ss:Type="DateTime">2020-01-06T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="DateTime">2020-05-29T00:00:00.000</Data></Cell><Cell><Data ss:Type="Number">100</Data></Cell></Row>
  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>
"""


def test_an_excel_xml_spreadsheet_2003_saved_as_xml_is_read_as_the_sender_meant(tmp_path):
    """Skipped rows (ss:Index), rows spanned by one element (ss:Span), cells
    placed by ss:Index after a merged area, a unit merged down, percent
    styles (named and inherited), a bold group row and a hidden sheet with
    last year's table."""
    folder = tmp_path / "bao_cao"
    folder.mkdir()
    (folder / "xa_cam_binh.xml").write_text(XML2003_EXCEL, encoding="utf-8")
    (folder / "cau_hinh.xml").write_text('<?xml version="1.0"?><settings><a>1</a></settings>', encoding="utf-8")
    works, report = consolidate(tmp_path, folder)
    assert [Path(f["file"]).name for f in report["files"]] == ["xa_cam_binh.xml"]  # other XML files are left
    assert report["files"][0]["status"] == "ok", report
    assert [w["Tên công trình, phần việc"] for w in works] == [
        "Nhà văn hóa thôn Trung Hòa", "Sân thể thao thôn Trung Hòa", "Kênh mương nội đồng"]
    assert [w["Nguồn: dòng"] for w in works] == [6, 7, 9]  # rows 2–3 spanned by one <Row ss:Span="1">
    assert [w["Đơn vị thực hiện"] for w in works] == ["Thôn Trung Hòa", "Thôn Trung Hòa", "HTX Cẩm Bình"]
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.8, 0.5, 0.6]
    assert [w["Nhóm"] for w in works] == ["I. Khối thôn xóm"] * 3
    assert works[1]["Ngày khởi công"] == dt.datetime(2021, 4, 1) and works[2]["Ngày khởi công"] is None
    hidden = [x for x in report["findings"] if x["code"] == "SHEET_HIDDEN"]
    assert len(hidden) == 1 and "Năm 2020" in hidden[0]["message"]


def test_an_xml_file_that_is_no_spreadsheet_given_by_name_is_an_error_saying_what_to_do(tmp_path):
    f = tmp_path / "cau_hinh.xml"
    f.write_text('<?xml version="1.0"?><settings><a>1</a></settings>', encoding="utf-8")
    with pytest.raises(FileUnusable, match="không phải bảng tính XML 2003 của Excel.*lưu thành .xlsx"):
        FileBook(f)


# ---------------------------------------------------------------------------
# Flat ODS, templates saved by mistake, contents under another name
TABLE = [["UBND XÃ THẠCH LẠC"], [], HEADER,
         [1, "Đường giao thông thôn Yên Lạc", "Thôn Yên Lạc", dt.datetime(2025, 1, 5), dt.datetime(2025, 6, 30), 0.75],
         [2, "Kênh mương nội đồng", None, dt.datetime(2025, 2, 1), dt.datetime(2025, 9, 30), 0.4],
         [3, "Điện chiếu sáng", "Đoàn Thanh niên", dt.datetime(2025, 3, 1), dt.datetime(2025, 8, 31), 1]]
TABLE_MERGES = [(3, 2, 4, 2)]  # the unit typed once over the rows of its two works
TABLE_PERCENT = {(r, 5) for r in (3, 4, 5)}


def _soffice_convert(src: Path, filter_: str, out: Path) -> Path:
    import shutil
    import subprocess
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice không có trên máy này")
    folder = out.parent / "lo-out"
    subprocess.run([soffice, f"-env:UserInstallation=file://{out.parent}/lo", "--headless", "--convert-to",
                    filter_, "--outdir", str(folder), str(src)], check=True, capture_output=True, timeout=180)
    produced = next(folder.iterdir())
    produced.rename(out)
    return out


def _assert_table_in_master(works: list[dict]) -> None:
    assert [w["Tên công trình, phần việc"] for w in works] == [r[1] for r in TABLE[3:]]
    assert [w["Đơn vị thực hiện"] for w in works] == ["Thôn Yên Lạc", "Thôn Yên Lạc", "Đoàn Thanh niên"]
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.75, 0.4, 1.0]
    assert [w["Ngày hoàn thành"] for w in works] == [dt.datetime(2025, 6, 30), dt.datetime(2025, 9, 30),
                                                     dt.datetime(2025, 8, 31)]


@pytest.mark.parametrize("suffix, filter_", [
    (".fods", "fods"),                                          # LibreOffice: Flat XML ODF Spreadsheet
    (".ots", "ots"),                                            # LibreOffice: ODF spreadsheet template
    (".xltx", "xltx:Calc MS Excel 2007 XML Template"),          # an Excel template (.xltx)
])
def test_a_flat_ods_or_a_template_saved_by_mistake_is_read_as_a_workbook(tmp_path, suffix, filter_):
    from .shapes import write_table
    src = write_table(tmp_path / "nguon.xlsx", TABLE, merges=TABLE_MERGES, percent=TABLE_PERCENT)
    f = _soffice_convert(src, filter_, tmp_path / f"xa_thach_lac{suffix}")
    works, report = consolidate(tmp_path, f)
    assert report["files"][0]["status"] == "ok", report
    assert not report["findings"] or all(x["severity"] != "error" for x in report["findings"]), report["findings"]
    _assert_table_in_master(works)


@pytest.mark.parametrize("suffix", [".xltx", ".xltm"])
def test_our_workbook_saved_as_a_template_is_read_as_our_workbook(tmp_path, suffix):
    """A unit that picked 'Excel Template' (or 'Excel Macro-Enabled Template')
    in the Save As box sends the same package under a template's name."""
    from .fixtures_consolidate import template_file, work
    macro = suffix == ".xltm"
    src = template_file(tmp_path / f"so{'.xlsm' if macro else '.xlsx'}",
                        works=[work(1, "Xây cầu dân sinh", progress=0.6)])
    wb = openpyxl.load_workbook(src, keep_vba=macro)
    wb.template = True
    f = tmp_path / f"so_tu_phap{suffix}"
    wb.save(f)
    assert FileBook(f).kind == ("xlsm" if macro else "xlsx") and not FileBook(f).file_notes
    works, report = consolidate(tmp_path, f)
    assert report["files"][0]["status"] == "ok", report
    assert [(w["Tên công trình, phần việc"], w["Tiến độ hoàn thành (%)"]) for w in works] == [("Xây cầu dân sinh", 0.6)]


def test_compute_on_a_template_writes_a_workbook_excel_opens(tmp_path):
    """openpyxl keeps a template's content type when it saves; an .xlsx that
    declares itself a template is refused by Excel ("file format or file
    extension is not valid"). The copy is a plain workbook."""
    from .fixtures_consolidate import template_file, work
    wb = openpyxl.load_workbook(template_file(tmp_path / "so.xlsx", works=[work(1, "Xây cầu dân sinh")]))
    wb.template = True
    wb.save(tmp_path / "so.xltx")
    out = tmp_path / "DaTinh.xlsx"
    assert _run(["compute", tmp_path / "so.xltx", "-o", out]) == 0, _run.stderr
    with zipfile.ZipFile(out) as z:
        types = z.read("[Content_Types].xml").decode()
    assert "spreadsheetml.sheet.main+xml" in types and "template" not in types


@pytest.mark.parametrize("real, named", [("xls", ".xlsx"), ("xlsb", ".xlsx"), ("ods", ".xls"), ("xlsx", ".ods")])
def test_a_file_under_another_spreadsheet_name_is_read_as_what_it_is_with_a_note(tmp_path, real, named):
    from .shapes import write_table
    if real == "xlsb":
        src = _xlsb_works(tmp_path / "nguon.xlsb", [row + [None] * (6 - len(row)) for row in TABLE[2:]])
    else:
        src = write_table(tmp_path / f"nguon.{real}", TABLE, merges=TABLE_MERGES,
                          percent=TABLE_PERCENT if real != "ods" else ())
    f = tmp_path / f"xa_thach_lac{named}"
    f.write_bytes(src.read_bytes())
    book = FileBook(f)
    assert book.kind == real and book.file_notes[0].startswith(f"Tệp 'xa_thach_lac{named}': nội dung là .{real}")
    works, report = consolidate(tmp_path, f)
    assert report["files"][0]["status"] == "ok", report
    assert [w["Tên công trình, phần việc"] for w in works] == [r[1] for r in TABLE[3:]]


def _rezip(src: Path, out: Path, change) -> Path:
    with zipfile.ZipFile(src) as z_in, zipfile.ZipFile(out, "w") as z_out:
        for item in z_in.infolist():
            z_out.writestr(item, change(item.filename, z_in.read(item)))
    return out


@pytest.fixture(scope="module")
def xlsb_source(tmp_path_factory) -> Path:
    return _xlsb_works(tmp_path_factory.mktemp("xlsb") / "nguon.xlsb",
                       [[1, "Nhà văn hóa", "Thôn 1", dt.date(2021, 3, 1), dt.date(2021, 12, 31), 0.8],
                        [2, "Đường", "Thôn 2", dt.date(2021, 4, 1), dt.date(2021, 9, 30), 60]])


@pytest.mark.long
@given(part=st.sampled_from(["xl/styles.bin", "xl/worksheets/sheet1.bin", "xl/workbook.bin"]),
       edits=st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 255)), min_size=1, max_size=6),
       cut=st.one_of(st.none(), st.integers(0, 4000)))
@settings(max_examples=120, deadline=None, derandomize=True,  # each example opens a book (a reader process)
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_damaged_binary_part_never_ends_in_a_traceback(tmp_path, xlsb_source, part, edits, cut):
    """Random bytes changed in the binary parts that access/xlsb.py reads:
    the book opens or is refused with a Vietnamese message; the formats,
    bold cells and merged areas are read or given up, never a traceback."""
    def change(name, data):
        if name != part:
            return data
        data = bytearray(data)
        for pos, byte in edits:
            if data:
                data[pos % len(data)] = byte
        return bytes(data[:cut] if cut is not None else data)

    f = _rezip(xlsb_source, tmp_path / "hong.xlsb", change)
    try:
        book = FileBook(f)
    except (FileUnusable, FileTooLarge) as exc:
        assert "Tệp 'hong.xlsb'" in str(exc)
        return
    for sheet in book.sheet_names():
        book.cell_info(sheet)
        book.bold_cells(sheet)
        book.has_percent_formats()
        try:
            book.read(sheet)
            book.merged_ranges(sheet)
        except FileUnusable as exc:
            assert "Tệp 'hong.xlsb'" in str(exc)


# ---------------------------------------------------------------------------
# CSV from a Vietnamese Excel: ';' between fields, ',' in numbers
def test_a_semicolon_csv_whose_header_and_numbers_hold_commas_is_split_at_the_semicolons(tmp_path):
    """Excel on Vietnamese Windows writes 'CSV' with ';' and decimal commas.
    The template's own header 'Tên công trình, phần việc' and one decimal
    comma per row make the comma as regular as the semicolon; a sniffer that
    prefers ',' on a tie cut every line at the comma and found no table."""
    f = tmp_path / "xa_cam_binh.csv"
    f.write_bytes("\r\n".join([
        "TT;Tên công trình, phần việc;Đơn vị thực hiện;Ngày khởi công;Ngày hoàn thành;Tiến độ hoàn thành (%)",
        "1;Đường giao thông thôn Yên Lạc;Thôn Yên Lạc;05/01/2025;30/06/2025;75,5",
        "2;Kênh mương nội đồng;HTX Cẩm Bình;01/02/2025;30/09/2025;40,25",
        "3;Điện chiếu sáng;Đoàn Thanh niên;01/03/2025;31/08/2025;100,0", ""]).encode("utf-8-sig"))
    works, report = consolidate(tmp_path, f)
    assert report["files"][0]["status"] == "ok", report
    assert [w["Tên công trình, phần việc"] for w in works] == [
        "Đường giao thông thôn Yên Lạc", "Kênh mương nội đồng", "Điện chiếu sáng"]
    assert [w["Tiến độ hoàn thành (%)"] for w in works] == [0.755, 0.4025, 1.0]
    assert works[2]["Ngày hoàn thành"] == dt.datetime(2025, 8, 31)


@pytest.mark.parametrize("command", ["validate", "consolidate"])
def test_the_native_readers_own_report_never_reaches_the_console(tmp_path, command):
    """A file on which the native reader panics: the user sees one Vietnamese
    line naming the file; the reader's English report and backtrace go to the log."""
    import shutil
    import subprocess
    import sys
    f = tmp_path / "so_hong.xlsb"
    shutil.copy(Path(__file__).parent / "data" / "xlsb" / "hong_calamine_panic.xlsb", f)
    args = [str(f)] if command == "validate" else [str(f), "-o", str(tmp_path / "tong_hop.xlsx")]
    env = {**os.environ, "RUST_BACKTRACE": "1", "XDG_STATE_HOME": str(tmp_path / "state"),
           "LOCALAPPDATA": str(tmp_path / "state")}
    proc = subprocess.run([sys.executable, "-m", "xlsrc", command, *args], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 2
    assert "so_hong.xlsb" in proc.stderr + proc.stdout and "hỏng" in proc.stderr + proc.stdout
    for english in ("panicked", "thread '", "backtrace", "Traceback"):
        assert english not in proc.stderr and english not in proc.stdout
    assert "panicked" in (tmp_path / "state" / "thidua" / "thidua.log").read_text(encoding="utf-8")
