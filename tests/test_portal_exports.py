"""Lists downloaded from a province's emulation portal ('phần mềm quản lý
thi đua, khen thưởng', Sở Nội vụ's reporting system): '.xls' files that are
HTML tables, SpreadsheetML 2003 or CSV, with a portal's own columns (Mã hồ
sơ, Trạng thái), filter tables, footers and text tricks. Each is written as
the portal writes it and read back through ``thidua consolidate``."""
from __future__ import annotations

import json
import datetime as dt
from pathlib import Path

import pytest

from xlsrc import schema as S

from .shapes import SHAPES, write_shape
from .test_table_shapes import _consolidate, _master
from .test_user_files import _run

PROPOSALS = [["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"],
             ["STT", "Mã hồ sơ", "Họ và tên", "Chức vụ, đơn vị", "Hình thức đề nghị", "Thành tích", "Trạng thái"],
             [1, "HS-2025-001", "Nguyễn Văn Cường", "Chủ tịch UBND xã", "Giấy khen", "Xuất sắc", "Đã duyệt"],
             [2, "HS-2025-002", "Lê Thị Dung", "Công chức Tư pháp", "Giấy khen", "Xuất sắc", "Chờ duyệt"],
             [3, "HS-2025-003", "Phan Văn Em", "Trưởng thôn", "Giấy khen", "Xuất sắc", "Trả lại"],
             [4, "HS-2025-004", "Hồ Thị Giang", "Kế toán", "Giấy khen", "Xuất sắc", "Không duyệt"],
             [5, "HS-2025-005", "Võ Văn Hải", "Văn thư", "Giấy khen", "Xuất sắc", "Đã bị trả lại (thiếu hồ sơ)"]]


@pytest.mark.parametrize("shape", ["portal.xls", "xml2003.xls", "csv-bom.xlsx", "csv-1258.xls"])
def test_a_proposal_the_portal_sent_back_or_refused_is_left_out_and_said(tmp_path, shape):
    """A pending proposal ('Chờ duyệt') is still the unit's proposal; one sent
    back ('Trả lại') or refused ('Không duyệt') is not, and is never counted
    silently: its rows are said at the status column."""
    entry, names, said = _left_out(tmp_path, shape, PROPOSALS, S.UNIT_PROPOSALS.name, "PROPOSAL_RETURNED")
    assert entry["status"] == "ok" and entry["proposals"] == 2, entry
    assert names == ["Nguyễn Văn Cường", "Lê Thị Dung"]
    assert (said["cell"], said["severity"]) == ("G5", "warning")
    assert said["message"] == ("Cột 'Trạng thái' ghi 'Trả lại', 'Không duyệt', 'Đã bị trả lại (thiếu hồ sơ)': 3 hồ sơ "
                               "đã bị trả lại hoặc không được duyệt nên không đưa vào danh sách đề nghị: dòng 5, 6, 7.")


def _left_out(tmp_path, shape: str, rows: list[list], sheet: str, code: str) -> tuple[dict, list[str], dict]:
    """The file's entry, the names of the master's ``sheet`` and the one finding of ``code``, once ``rows``, written
    in ``shape``, are consolidated."""
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, shape, rows, stem="xa_xuan_loc"))
    [entry] = result["files"]
    [said] = [f for f in result["findings"] if f["code"] == code]
    return entry, [r["Tên tập thể, cá nhân"] for r in _master(result["out"], sheet)], said


def test_a_list_whose_every_proposal_was_sent_back_says_so(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = PROPOSALS[:2] + [r[:-1] + ["Trả lại"] for r in PROPOSALS[2:]]
    f = write_shape(folder, "portal.xls", rows, stem="xa_xuan_loc")
    assert _run(["consolidate", f, "-o", tmp_path / "TongHop.xlsx", "--json", "--jobs", "1"]) == 2  # no file taken
    [entry] = json.loads(_run.stdout)["files"]
    assert entry["status"] == "error"
    assert entry["message"] == ("Tệp 'xa_xuan_loc.xls', trang 'Bảng 1': cột 'Trạng thái' ghi 'Trả lại': 5 hồ sơ đã bị "
                                "trả lại hoặc không được duyệt nên không đưa vào danh sách đề nghị: dòng 3, 4, 5, 6, 7. "
                                "Không còn đề nghị nào để tổng hợp.")


WORKS = ["STT", "Tên công trình, phần việc", "Đơn vị thực hiện", "Ngày bắt đầu", "Ngày kết thúc", "Tỷ lệ hoàn thành",
         "Trạng thái"]


@pytest.mark.parametrize("shape", ["xlsx", "portal.xls", "csv-utf8.xls"])
def test_a_status_column_headed_trang_thai_is_what_the_unit_typed_or_the_portals_own(tmp_path, shape):
    """'Trạng thái' is the name of the column the tool computes; in a unit's
    list (without 'Tình trạng (đơn vị ghi)') it is what the unit typed, read as
    the declared status; a portal's 'Đã duyệt / Chờ duyệt' there says where the
    registration stands, not the work: kept as it is (Thông tin thêm), never
    dropped."""
    D = dt.datetime
    typed = [WORKS, [1, "Nhà văn hóa thôn Trung", "UBND xã", D(2025, 3, 1), D(2025, 9, 30), "80%", "Đang thực hiện"],
             [2, "Tủ sách pháp luật", "Đoàn xã", D(2025, 2, 1), D(2025, 5, 31), "100%", "Hoàn thành"]]
    portal = [WORKS] + [r[:-1] + [s] for r, s in zip(typed[1:], ["Đã duyệt", "Chờ duyệt"])]
    got = {}
    for stem, rows in (("doan_xa", typed), ("cong_portal", portal)):
        folder = tmp_path / stem
        folder.mkdir()
        result = _consolidate(folder, write_shape(folder, shape, rows, stem=stem))
        assert [f["code"] for f in result["findings"]] == [], result["findings"]
        got[stem] = [(w[S.WORKS.column("declared_status").header], w[S.EXTRA.header])
                     for w in _master(result["out"], S.WORKS.name)]
    assert got == {"doan_xa": [(S.STATUS_ONGOING, None), (S.STATUS_DONE, None)],
                   "cong_portal": [(None, "Trạng thái: Đã duyệt"), (None, "Trạng thái: Chờ duyệt")]}


def _workbook_2003(sheets: dict[str, list[list]], percent_column: int) -> bytes:
    """SpreadsheetML 2003 as a portal writes one worksheet per unit: a bold
    header, dates as DateTime, the progress column styled 0%."""
    def cell(v, c):
        if isinstance(v, dt.datetime):
            return f'<Cell ss:StyleID="d"><Data ss:Type="DateTime">{v:%Y-%m-%dT%H:%M:%S}.000</Data></Cell>'
        if isinstance(v, (int, float)):
            style = ' ss:StyleID="p"' if c == percent_column else ""
            return f'<Cell{style}><Data ss:Type="Number">{v}</Data></Cell>'
        return f'<Cell ss:StyleID="b"><Data ss:Type="String">{v}</Data></Cell>'
    body = "".join(f'<Worksheet ss:Name="{name}"><Table>' + "".join(
        "<Row>" + "".join(cell(v, c) for c, v in enumerate(row)) + "</Row>" for row in rows) + "</Table></Worksheet>"
        for name, rows in sheets.items())
    return ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Styles><Style ss:ID="Default"/>'
            '<Style ss:ID="b"><Font ss:Bold="1"/></Style><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style>'
            '<Style ss:ID="p"><NumberFormat ss:Format="0%"/></Style></Styles>' + body + "</Workbook>").encode()


def test_the_formats_of_a_portal_workbook_of_many_worksheets_are_read_in_one_pass(tmp_path, monkeypatch):
    """One worksheet per commune: each sheet's 0% cells are percentages (0.6 is
    60 %), and the document is parsed for its formats once, not once per
    worksheet (a file of thousands of sheets took minutes)."""
    import defusedxml.ElementTree as DET
    parses = []
    real = DET.iterparse
    monkeypatch.setattr(DET, "iterparse", lambda *a, **k: parses.append(1) or real(*a, **k))
    header = ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ"]
    sheets = {f"Xã {n}": [header, [1, f"Nhà văn hóa xã {n}", dt.datetime(2025, 3, 1), dt.datetime(2025, 9, 30), 0.6]]
              for n in ("Xuân Lộc", "Thiên Lộc", "Gia Hanh", "Kim Song Trường")}
    f = tmp_path / "cong_trinh_cac_xa.xls"
    f.write_bytes(_workbook_2003(sheets, percent_column=4))
    from xlsrc.access.files import FileBook
    book = FileBook(f)
    assert [book.cell_info(name).is_percent(1, 4) for name in book.sheet_names()] == [True] * 4
    assert len(parses) == 1
    result = _consolidate(tmp_path, f)
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Nguồn: trang tính"], w[S.WORKS.column("progress").header]) for w in works] == [
        (name, 0.6) for name in sheets]
    assert [x["code"] for x in result["findings"]] == []


def test_worksheets_whose_long_names_begin_alike_are_all_read(tmp_path):
    """A sheet name holds 31 characters; a portal names each commune's sheet
    in full ('Danh sách công trình thi đua của UBND xã …'): cut to 31, the
    names are one, and each sheet was read over the one before."""
    header = ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ"]
    communes = ("Xuân Lộc", "Thiên Lộc", "Gia Hanh")
    sheets = {f"Danh sách công trình thi đua của UBND xã {n}": [
        header, [1, f"Nhà văn hóa xã {n}", dt.datetime(2025, 3, 1), dt.datetime(2025, 9, 30), 0.6]] for n in communes}
    f = tmp_path / "cong_trinh_cac_xa.xls"
    f.write_bytes(_workbook_2003(sheets, percent_column=4))
    result = _consolidate(tmp_path, f)
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Tên công trình, phần việc"], w["Nguồn: trang tính"]) for w in works] == [
        ("Nhà văn hóa xã Xuân Lộc", "Danh sách công trình thi đua củ"),
        ("Nhà văn hóa xã Thiên Lộc", "Danh sách công trình thi đu (2)"),
        ("Nhà văn hóa xã Gia Hanh", "Danh sách công trình thi đu (3)")]


# --------------------------------------------------------------------------
# A hostile or broken export is refused with the limits a package has
def _consolidated_page(folder: Path, name: str, page: str) -> dict:
    """A web page saved as a portal saves it (UTF-8, under ``name``), consolidated."""
    f = folder / name
    f.write_text(page, encoding="utf-8")
    return _consolidate(folder, f)


def _long_cell_file(folder: Path, shape: str, length: int) -> Path:
    rows = [["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành"],
            [1, "Nhà văn hóa " + "x" * length, dt.datetime(2025, 3, 1), dt.datetime(2025, 9, 30)]]
    return write_shape(folder, shape, rows, stem="dai")


@pytest.mark.parametrize("shape", ["portal.xls", "html.xls", "xml2003.xls"])
def test_a_cell_longer_than_a_text_run_is_refused_as_in_a_package(tmp_path, shape, monkeypatch):
    from xlsrc.access import limits as L
    from xlsrc.access.files import FileBook
    from xlsrc.errors import FileTooLarge
    monkeypatch.setattr(L, "LIMITS", L.Limits(text_run=4096))
    assert FileBook(_long_cell_file(tmp_path, shape, 4000)).sheet_names()  # at the limit: read
    with pytest.raises(FileTooLarge, match=r"^Tệp 'dai.xls' quá lớn: có một ô dài hơn 4 KB chữ \(một ô Excel chứa "
                                           r"tối đa 32.767 ký tự\)"):
        FileBook(_long_cell_file(tmp_path, shape, 4200))


def test_a_csv_field_over_the_readers_own_limit_is_said_too_large(tmp_path):
    """The csv module stops at a field of 128 K characters; that was a file
    'not readable, see the log' (an English error in the log)."""
    import csv
    f = _long_cell_file(tmp_path, "csv-utf8.xls", csv.field_size_limit() + 10)
    from xlsrc.access.files import FileBook
    from xlsrc.errors import FileTooLarge
    with pytest.raises(FileTooLarge, match=r"^Tệp 'dai.xls' quá lớn: có một ô dài hơn 128 KB chữ"):
        FileBook(f)


@pytest.mark.parametrize("kind", ["html", "xml2003"])
def test_a_file_of_more_tables_than_a_package_has_parts_is_refused(tmp_path, kind, monkeypatch):
    from xlsrc.access import limits as L
    from xlsrc.access.files import FileBook
    from xlsrc.errors import FileTooLarge
    monkeypatch.setattr(L, "LIMITS", L.Limits(parts=20))
    f = tmp_path / "nhieu_bang.xls"
    for count, refused in ((20, False), (21, True)):
        if kind == "html":
            f.write_text("<html><body>" + "<table><tr><td>Đơn vị</td><td>Xã</td></tr></table>" * count
                         + "</body></html>", encoding="utf-8")
        else:
            f.write_bytes(_workbook_2003({f"Xã {n}": [["Đơn vị", "Xã"]] for n in range(count)}, percent_column=9))
        if refused:
            with pytest.raises(FileTooLarge, match=r"^Tệp 'nhieu_bang.xls' quá lớn: có hơn 20 bảng\."):
                FileBook(f)
        else:
            assert len(FileBook(f).sheet_names()) == count


@pytest.mark.parametrize("shape", ["portal.xls", "xml2003.xls", "xlsx"])
@pytest.mark.parametrize("parent, number, date", [("Quyết định", "Số", "Ngày"),
                                                  ("Quyết định khen thưởng", "Số", "Ngày"),
                                                  ("Quyết định", "Số, ký hiệu", "Ngày ban hành")])
def test_the_date_under_a_merged_decision_header_is_the_decisions_date(tmp_path, shape, parent, number, date):
    """'Quyết định' merged over 'Số | Ngày', as a portal's list of awards
    heads them: the date is the decision's (it was 'Thông tin thêm', or lost
    its header: 'Cột E: 15/01/2025')."""
    D = dt.datetime
    rows = [["DANH SÁCH KHEN THƯỞNG NĂM 2025"], ["STT", "Họ và tên", "Hình thức khen thưởng", parent, None, "Lĩnh vực"],
            [None, None, None, number, date, None],
            [1, "Nguyễn Văn An", "Giấy khen", "12/QĐ-UBND", D(2025, 1, 15), "Cải cách hành chính"],
            [2, "Lê Thị Bình", "Giấy khen", "13/QĐ-UBND", D(2025, 2, 20), "Cải cách hành chính"]]
    merges = [(0, 0, 0, 5), (1, 3, 1, 4)] + [(1, c, 2, c) for c in (0, 1, 2, 5)]
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, shape, rows, merges=merges, stem="so_tu_phap"))
    got = [(a["Số quyết định"], a["Ngày quyết định"], a[S.EXTRA.header])
           for a in _master(result["out"], S.AWARDS.name)]
    assert got == [("12/QĐ-UBND", D(2025, 1, 15), None), ("13/QĐ-UBND", D(2025, 2, 20), None)]


@pytest.mark.parametrize("shape", ["portal.xls", "html.xls", "csv-utf8.xls", "csv-bom.xlsx", "tsv-utf16.xls"])
def test_text_a_portal_wrote_as_an_excel_formula_is_the_text_excel_shows(tmp_path, shape):
    """="000123", ="125/QĐ-UBND": a portal keeps leading zeros and slashes
    from Excel's conversion so; Excel shows the text inside the quotes. Read
    as typed, the decision number was '="125/QĐ-STP"' (DOC_NUMBER_FORMAT)."""
    rows = [["STT", "Mã hồ sơ", "Họ và tên", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "Lĩnh vực"],
            [1, '="000123"', "Nguyễn Văn An", "Giấy khen", '="125/QĐ-STP"', '="15/01/2025"', "Cải cách hành chính"],
            [2, '="00""12""4"', "Trần Thị Bình", "Giấy khen", '= "126/QĐ-STP"', "16/01/2025", '="Cải cách"']]
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, shape, rows, stem="so_tu_phap"))
    got = [(a["Số quyết định"], a["Ngày quyết định"], a["Lĩnh vực, phong trào"], a[S.EXTRA.header])
           for a in _master(result["out"], S.AWARDS.name)]
    assert got == [("125/QĐ-STP", dt.datetime(2025, 1, 15), "Cải cách hành chính", "Mã hồ sơ: 000123"),
                   ("126/QĐ-STP", dt.datetime(2025, 1, 16), "Cải cách", 'Mã hồ sơ: 00"12"4')]
    assert [f["code"] for f in result["findings"]] == ["KIND_FROM_NAME"]


@pytest.mark.parametrize("written, declared", [("utf-8", "windows-1258"), ("cp1258", "utf-8"), ("cp1258", None),
                                               ("utf-8", "iso-8859-1")])
def test_a_page_whose_declared_charset_is_not_its_own_is_read_in_its_own(tmp_path, written, declared):
    """A portal's page template declares one code page and its data another:
    UTF-8 text under 'windows-1258' was read as 'Giáº¥y khen', 'PhĂ²ng TÆ°
    phĂ¡p' (every byte is a letter there), silently."""
    from .shapes import vn_bytes
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    page = (f"<html><head>{meta}</head><body><table>"
            "<tr><th>TT</th><th>Tên tập thể, cá nhân</th><th>Hình thức khen thưởng</th><th>Lĩnh vực</th></tr>"
            "<tr><td>1</td><td>Phòng Tư pháp</td><td>Giấy khen</td><td>Phổ biến pháp luật</td></tr>"
            "</table></body></html>")
    f = tmp_path / "so_tu_phap.xls"
    f.write_bytes(vn_bytes(page, written))
    result = _consolidate(tmp_path, f)
    got = [(a["Tên tập thể, cá nhân"], a["Hình thức, danh hiệu"], a["Lĩnh vực, phong trào"])
           for a in _master(result["out"], S.AWARDS.name)]
    assert got == [("Phòng Tư pháp", "Giấy khen", "Phổ biến pháp luật")]


@pytest.mark.parametrize("written, declared", [("utf-8", "windows-1258"), ("cp1258", "UTF-8"), ("cp1258", None),
                                               ("cp1258", "windows-1258"), ("utf-8", None)])
def test_an_xml_2003_file_whose_declared_encoding_is_not_its_own_is_read_in_its_own(tmp_path, written, declared):
    """As a page is: UTF-8 under encoding="windows-1258" was read silently as
    'Giáº¥y khen'; Windows-1258 bytes under UTF-8 (or no declaration) were
    'bị hỏng … (not well-formed (invalid token) …)'."""
    from .shapes import vn_bytes
    rows = [["TT", "Tên tập thể, cá nhân", "Hình thức khen thưởng", "Lĩnh vực"],
            [1, "Phòng Tư pháp", "Giấy khen", "Phổ biến pháp luật"]]
    folder = tmp_path / "in"
    folder.mkdir()
    doc = write_shape(folder, "xml2003.xls", rows, sheet="Khen thưởng", stem="so_tu_phap").read_text(encoding="utf-8")
    assert doc.startswith('<?xml version="1.0"?>')
    head = f'<?xml version="1.0" encoding="{declared}"?>' if declared else '<?xml version="1.0"?>'
    f = folder / "so_tu_phap.xls"
    f.write_bytes(vn_bytes(head + doc[len('<?xml version="1.0"?>'):], written))
    result = _consolidate(tmp_path, f)
    got = [(a["Tên tập thể, cá nhân"], a["Hình thức, danh hiệu"], a["Lĩnh vực, phong trào"])
           for a in _master(result["out"], S.AWARDS.name)]
    assert got == [("Phòng Tư pháp", "Giấy khen", "Phổ biến pháp luật")]


def test_worksheet_names_a_portal_wrote_decomposed_are_the_units_names(tmp_path):
    """Vietnamese in NFD ('a' + U+0301), as some portals write it: the cells
    were made NFC, the worksheets' names were not, so the master's source
    sheet and each sheet's unit differed from the same names typed."""
    import unicodedata
    header = ["TT", "Tên công trình", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ"]
    sheets = {unicodedata.normalize("NFD", unit): [
        header, [1, f"Công trình của {unit}", dt.datetime(2025, 3, 1), dt.datetime(2025, 9, 30), 0.5]]
        for unit in ("Phòng Tư pháp", "Phòng Nội vụ")}
    f = tmp_path / "cac_phong.xls"
    f.write_bytes(_workbook_2003(sheets, percent_column=4))
    result = _consolidate(tmp_path, f)
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Nguồn: trang tính"], w["Đơn vị báo cáo"]) for w in works] == [
        ("Phòng Tư pháp", "Phòng Tư pháp"), ("Phòng Nội vụ", "Phòng Nội vụ")]


def test_an_xml_2003_file_cut_short_names_the_place_in_vietnamese(tmp_path):
    """A download broken off: the message said the parser's English ('no
    element found: line 3, column 0')."""
    import re
    folder = tmp_path / "in"
    folder.mkdir()
    f = write_shape(folder, "xml2003.xls", PROPOSALS, stem="xa_xuan_loc")
    whole = f.read_bytes()
    cut = whole[: whole.index(b"</Row>", len(whole) // 2)]
    f.write_bytes(cut)
    assert _run(["consolidate", f, "-o", tmp_path / "TongHop.xlsx", "--json", "--jobs", "1"]) == 2
    [entry] = json.loads(_run.stdout)["files"]
    m = re.fullmatch(r"Tệp 'xa_xuan_loc.xls' \(XML\) bị hỏng ở dòng (\d+), cột (\d+), không đọc được\. Hãy mở tệp "
                     r"bằng Excel, lưu lại thành \.xlsx rồi gửi lại \(hoặc tải lại từ nơi đã tải\)\.", entry["message"])
    assert m is not None, entry["message"]
    assert int(m.group(1)) == cut.count(b"\n") + 1


@pytest.mark.parametrize("shape", ["portal.xls", "xml2003.xls", "csv-bom.xlsx"])
@pytest.mark.parametrize("above, unit", [
    ([["DANH SÁCH KHEN THƯỞNG NĂM 2025 - SỞ TƯ PHÁP"]], "Sở Tư pháp"),
    ([["DANH SÁCH KHEN THƯỞNG NĂM 2025"], ["Đơn vị: UBND huyện Can Lộc"]], "UBND huyện Can Lộc"),
    ([["DANH SÁCH KHEN THƯỞNG NĂM 2025"], ["Đơn vị:", "UBND xã Xuân Lộc"], ["Năm:", 2025]], "UBND xã Xuân Lộc"),
])
def test_the_unit_a_portal_names_after_a_dash_or_a_label_is_the_files_unit(tmp_path, shape, above, unit):
    """A portal's export has no heading of the agency (NĐ 30): it names the
    unit after the title's dash or on a 'Đơn vị:' line (the filter it was
    exported by); the file's name was the unit."""
    rows = above + [["STT", "Họ và tên", "Hình thức khen thưởng", "Lĩnh vực"],
                    [1, "Nguyễn Văn An", "Giấy khen", "Cải cách hành chính"]]
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, shape, rows, stem="export_20250115"))
    assert [f["unit"] for f in result["files"]] == [unit]
    assert [a["Đơn vị báo cáo"] for a in _master(result["out"], S.AWARDS.name)] == [unit]


@pytest.mark.parametrize("above", [[["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG - ĐỢT 1"]], [["Đơn vị:", "Tất cả"]],
                                   [["KẾT QUẢ KHEN THƯỞNG 2021 - 2025"]]])
def test_a_dash_or_a_label_that_names_no_agency_names_no_unit(tmp_path, above):
    rows = above + [["STT", "Họ và tên", "Hình thức khen thưởng", "Lĩnh vực"],
                    [1, "Nguyễn Văn An", "Giấy khen", "Cải cách hành chính"]]
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, "portal.xls", rows, stem="export_20250115"))
    assert [f["unit"] for f in result["files"]] == ["export 20250115"]


@pytest.mark.parametrize("shape", ["portal.xls", "csv-utf8.xls", "tsv-utf16.xls"])
def test_dates_a_portal_writes_as_timestamps_are_their_days(tmp_path, shape):
    """'01/03/2025 00:00:00', '15/01/2025 08:30', '2/2/2025 8:15:00 SA': a
    portal's DateTime written as text; each was DATE_UNREADABLE (an ISO
    timestamp was read)."""
    rows = [["STT", "Tên công trình, phần việc", "Ngày bắt đầu", "Ngày kết thúc", "Tiến độ (%)"],
            [1, "Nhà văn hóa thôn 1", "01/03/2025 00:00:00", "30/09/2025 17:45", 80],
            [2, "Đường thôn 2", "2/4/2025 8:15:00 SA", "31/12/2025 00:00:00.000", 40]]
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, shape, rows, stem="xa_xuan_loc"))
    D = dt.datetime
    assert [(w["Ngày khởi công"], w["Ngày hoàn thành"]) for w in _master(result["out"], S.WORKS.name)] == [
        (D(2025, 3, 1), D(2025, 9, 30)), (D(2025, 4, 2), D(2025, 12, 31))]
    assert result["findings"] == []


@pytest.mark.parametrize("label", ["Đơn vị:", "Đơn vị", "Tên đơn vị:"])
def test_the_unit_of_a_portals_filter_table_above_the_list_is_the_files_unit(tmp_path, label):
    """A portal's page: a small table of the filter the list was exported by
    ('Đơn vị: | UBND huyện Can Lộc', 'Năm: | 2025'), then the list, the two
    inside a layout table; the file's name was the unit."""
    page = ("<html><head><meta charset='utf-8'></head><body><table width='100%'><tr><td>"
            f"<table><tr><td>{label}</td><td>UBND huyện Can Lộc</td></tr><tr><td>Năm:</td><td>2025</td></tr>"
            "<tr><td>Trạng thái:</td><td>Tất cả</td></tr></table></td></tr><tr><td>"
            "<table border=1><thead><tr><th colspan=4>DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG</th></tr>"
            "<tr><th>STT</th><th>Họ và tên</th><th>Hình thức đề nghị</th><th>Trạng thái</th></tr></thead><tbody>"
            "<tr><td>1</td><td>Nguyễn Văn Cường</td><td>Giấy khen</td><td>Chờ duyệt</td></tr>"
            "<tr><td colspan=4>Tổng số: 1 bản ghi</td></tr></tbody></table></td></tr></table></body></html>")
    result = _consolidated_page(tmp_path, "export_de_nghi.xls", page)
    assert [(x["unit"], x["proposals"]) for x in result["files"]] == [("UBND huyện Can Lộc", 1)]
    assert [(p["Tên tập thể, cá nhân"], p["Đơn vị đề nghị"])
            for p in _master(result["out"], S.UNIT_PROPOSALS.name)] == [("Nguyễn Văn Cường", "UBND huyện Can Lộc")]


@pytest.mark.parametrize("header, returned", [("Kết quả thẩm định", True), ("Tình trạng hồ sơ", True),
                                              ("Trạng thái xử lý", True), ("Tình trạng sức khỏe", False)])
def test_only_a_column_of_the_files_standing_sends_a_proposal_back(tmp_path, header, returned):
    rows = [["DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN NĂM 2025"], ["STT", "Họ và tên", "Hình thức đề nghị", header],
            [1, "Nguyễn Văn Cường", "Giấy khen", "Đạt"], [2, "Lê Thị Dung", "Giấy khen", "Không đạt"]]
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, "portal.xls", rows, stem="xa_xuan_loc"))
    names = [p["Tên tập thể, cá nhân"] for p in _master(result["out"], S.UNIT_PROPOSALS.name)]
    assert names == ["Nguyễn Văn Cường"] + ([] if returned else ["Lê Thị Dung"])
    assert [f["cell"] for f in result["findings"] if f["code"] == "PROPOSAL_RETURNED"] == (["D4"] if returned else [])


@pytest.mark.parametrize("shape", ["portal.xls", "xlsx", "xml2003.xls"])
@pytest.mark.parametrize("mark", ["Trang 1/2", "Trang 1 / 2", "Page 1 of 2"])
def test_a_page_mark_merged_across_a_paged_export_is_no_group(tmp_path, shape, mark):
    """A paged export repeats its header and leaves 'Trang 1/2' merged across
    the table: it was taken for a group heading, so every work after it was
    in the group 'Trang 1/2'."""
    header = ["STT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ (%)"]
    rows = [header, [1, "Nhà văn hóa thôn 1", "01/03/2025", "30/09/2025", 50],
            [mark, None, None, None, None], header, [2, "Đường thôn 2", "01/04/2025", "31/12/2025", 40]]
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, shape, rows, merges=[(2, 0, 2, 4)], stem="xa_xuan_loc"))
    works = _master(result["out"], S.WORKS.name)
    assert [(w["Tên công trình, phần việc"], w[S.GROUP.header]) for w in works] == [
        ("Nhà văn hóa thôn 1", None), ("Đường thôn 2", None)]
    assert result["findings"] == []


@pytest.mark.parametrize("titled", [True, False])
def test_a_proposals_file_of_one_sheet_per_commune_gives_each_proposal_its_commune(tmp_path, titled):
    """A district's export, one worksheet per commune (named by its title or
    by the sheet's name): every proposal was the first commune's, and the
    file stood for that commune alone."""
    header = ["STT", "Họ và tên", "Chức vụ", "Hình thức đề nghị", "Trạng thái"]
    communes = ("Xuân Lộc", "Thiên Lộc", "Gia Hanh")
    sheets = {f"UBND xã {c}": ([[f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG - UBND XÃ {c.upper()}"]] if titled else
                               [["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"]])
              + [header, [1, f"Nguyễn Văn {c}", "Chủ tịch", "Giấy khen", "Đã duyệt"]] for c in communes}
    f = tmp_path / "de_nghi_huyen_can_loc.xls"
    f.write_bytes(_workbook_2003(sheets, percent_column=9))
    result = _consolidate(tmp_path, f)
    assert [x["unit"] for x in result["files"]] == ["Nhiều đơn vị: " + ", ".join(f"UBND xã {c}" for c in communes)]
    assert [(p["Tên tập thể, cá nhân"], p["Đơn vị đề nghị"]) for p in _master(result["out"], S.UNIT_PROPOSALS.name)] \
        == [(f"Nguyễn Văn {c}", f"UBND xã {c}") for c in communes]


def test_a_lists_title_in_the_tables_caption_says_what_the_list_is(tmp_path):
    """<caption>DANH SÁCH ĐỀ NGHỊ …</caption>: the title of a portal's table
    was dropped, and a list of proposals was read as a list of awards
    granted (COLUMN_MISSING 'Lĩnh vực'), under the file's name as its unit."""
    page = ("<html><head><meta charset='utf-8'></head><body><table border='1'>"
            "<caption><b>DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025</b><br>UBND XÃ XUÂN LỘC</caption>"
            "<thead><tr><th>STT</th><th>Họ và tên</th><th>Chức vụ</th><th>Hình thức</th></tr></thead>"
            "<tbody><tr><td>1</td><td>Nguyễn Văn An</td><td>Chủ tịch UBND xã</td><td>Giấy khen</td></tr></tbody>"
            "</table></body></html>")
    result = _consolidated_page(tmp_path, "export.xls", page)
    assert [(x["unit"], x["rows"], x["proposals"]) for x in result["files"]] == [("UBND xã Xuân Lộc", 1, 1)]
    assert [(p["Tên tập thể, cá nhân"], p["Hình thức, danh hiệu đề nghị"], p["Nguồn: dòng"])
            for p in _master(result["out"], S.UNIT_PROPOSALS.name)] == [("Nguyễn Văn An", "Giấy khen", 3)]
    assert _master(result["out"], S.AWARDS.name) == []


def test_the_lines_of_a_page_above_its_table_are_its_title(tmp_path):
    """A portal's 'Xuất Excel' page: the agency and the title in <div>, <h3>,
    <p> above the <table> (Excel shows them as rows above it). They were
    dropped: a list of proposals was read as awards granted, under the file's
    name as its unit. The page's <title>, a script and the lines after the
    table are no title."""
    page = ("<html><head><meta charset='utf-8'><title>Xuất Excel - Hệ thống quản lý thi đua</title>"
            "<script>var x = 'DANH SÁCH KHEN THƯỞNG';</script></head><body>"
            "<div style='text-align:center'><b>UBND XÃ XUÂN LỘC</b></div>"
            "<h3>DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025</h3><p>(Kèm theo Tờ trình số 12/TTr-UBND<br/>"
            "ngày 10/01/2025)</p><table border='1'>"
            "<tr><th>STT</th><th>Họ và tên</th><th>Chức vụ</th><th>Hình thức</th></tr>"
            "<tr><td>1</td><td>Nguyễn Văn An</td><td>Chủ tịch UBND xã</td><td>Giấy khen</td></tr></table>"
            "<p>Người lập biểu</p></body></html>")
    f = tmp_path / "export.xls"
    f.write_text(page, encoding="utf-8")
    from xlsrc.access.files import FileBook
    assert [row[0] for row in FileBook(f).read("Bảng 1")[:5]] == [
        "UBND XÃ XUÂN LỘC", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025", "(Kèm theo Tờ trình số 12/TTr-UBND",
        "ngày 10/01/2025)", "STT"]
    result = _consolidate(tmp_path, f)
    assert [(x["unit"], x["rows"], x["proposals"]) for x in result["files"]] == [("UBND xã Xuân Lộc", 1, 1)]
    assert [(p["Tên tập thể, cá nhân"], p["Nguồn: dòng"]) for p in _master(result["out"], S.UNIT_PROPOSALS.name)] \
        == [("Nguyễn Văn An", 6)]


@pytest.mark.parametrize("fmt", ['"m\\/d\\/yyyy"', "Short Date", '"dd\\/mm\\/yyyy"'])
def test_a_date_cell_of_excels_web_page_is_the_day_it_stores_not_the_text_it_shows(tmp_path, fmt):
    """Excel-HTML (a portal's 'Excel' export, Excel's 'Save as Web Page')
    stores the day in x:num and shows it as the writing machine's language
    does: '3/1/2025' of an English Excel is 1 March, and was read as 3
    January, silently; '4/15/2025' was DATE_UNREADABLE."""
    def day(serial, shown):
        return f"<td class=xd x:num=\"{serial}\">{shown}</td>"
    page = ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"><style>'
            f'.xd {{mso-number-format:{fmt};}}</style></head><body><table>'
            "<tr><td>TT</td><td>Tên công trình</td><td>Ngày khởi công</td><td>Ngày hoàn thành</td></tr>"
            f"<tr><td x:num>1</td><td>Nhà văn hóa</td>{day(45717, '3/1/2025')}{day(45762, '4/15/2025')}</tr>"
            f"<tr><td x:num>2</td><td>Đường thôn</td>{day(45778, '5/1/2025')}{day('45838.5', '6/30/2025')}</tr>"
            "</table></body></html>")
    result = _consolidated_page(tmp_path, "cong_trinh.xls", page)
    D = dt.datetime
    assert [(w["Ngày khởi công"], w["Ngày hoàn thành"]) for w in _master(result["out"], S.WORKS.name)] == [
        (D(2025, 3, 1), D(2025, 4, 15)), (D(2025, 5, 1), D(2025, 6, 30))]
    assert result["findings"] == []


AWARDS = [["DANH SÁCH KHEN THƯỞNG NĂM 2025"],
          ["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định",
           "Trạng thái"],
          [1, "Nguyễn Văn An", "Chủ tịch UBND xã", "Giấy khen", "125/QĐ-UBND", "20/12/2025", "Đã duyệt"],
          [2, "Lê Thị Bình", "Công chức Tư pháp", "Giấy khen", "125/QĐ-UBND", "20/12/2025", "Chờ duyệt"],
          [3, "Trần Văn Cường", "Trưởng thôn", "Giấy khen", "125/QĐ-UBND", "20/12/2025", "Trả lại"],
          [4, "Hồ Thị Dung", "Kế toán", "Giấy khen", "125/QĐ-UBND", "20/12/2025", None],
          [5, "Võ Văn Em", "Văn thư", "Giấy khen", "125/QĐ-UBND", "20/12/2025", "Đang xử lý"],
          [6, "Phan Thị Giang", "Thủ quỹ", "Giấy khen", "125/QĐ-UBND", "20/12/2025", "Đã khen"],
          [7, "Đặng Văn Hùng", "Công an xã", "Giấy khen", "125/QĐ-UBND", "20/12/2025", "Không duyệt"],
          [8, "Bùi Thị Lan", "Văn hóa", "Giấy khen", "125/QĐ-UBND", "20/12/2025", "Từ chối"]]


@pytest.mark.parametrize("shape", ["portal.xls", "xml2003.xls", "csv-bom.xlsx"])
def test_an_award_the_portal_has_not_granted_is_no_award_and_is_said(tmp_path, shape):
    """A portal's list of awards with a status column: 'Chờ duyệt', 'Đang xử
    lý', 'Trả lại', 'Không duyệt', 'Từ chối' were counted as awards granted;
    they are left out, said at the status column with their rows; 'Đã
    duyệt', 'Đã khen' and an empty status count."""
    entry, names, said = _left_out(tmp_path, shape, AWARDS, S.AWARDS.name, "AWARD_NOT_GRANTED")
    assert entry["status"] == "ok" and entry["rows"] == 3, entry
    assert names == ["Nguyễn Văn An", "Hồ Thị Dung", "Phan Thị Giang"]
    assert (said["cell"], said["severity"], said["sheet"]) == ("G4", "warning", SHAPES[shape].sheet or "Phụ lục")
    assert said["message"] == (
        "Cột 'Trạng thái' ghi 'Chờ duyệt', 'Trả lại', 'Đang xử lý', 'Không duyệt', 'Từ chối': 5 dòng chưa được khen "
        "thưởng (đang chờ, đang xử lý, bị trả lại hoặc không được duyệt) nên không tính là khen thưởng: dòng 4, 5, 7, "
        "9, 10. Khi đã có quyết định khen thưởng, đề nghị đơn vị gửi lại danh sách.")


def test_a_list_of_awards_none_granted_yet_takes_no_row_and_says_so(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = AWARDS[:2] + [r[:-1] + ["Chờ duyệt"] for r in AWARDS[2:5]]
    f = write_shape(folder, "portal.xls", rows, stem="xa_xuan_loc")
    assert _run(["consolidate", f, "-o", tmp_path / "TongHop.xlsx", "--json", "--jobs", "1"]) == 2  # no file taken
    [entry] = json.loads(_run.stdout)["files"]
    assert entry["status"] == "error"
    assert entry["message"] == (
        "Tệp 'xa_xuan_loc.xls', trang 'Bảng 1': cột 'Trạng thái' ghi 'Chờ duyệt': 3 dòng chưa được khen thưởng (đang "
        "chờ, đang xử lý, bị trả lại hoặc không được duyệt) nên không tính là khen thưởng: dòng 3, 4, 5. Khi đã có "
        "quyết định khen thưởng, đề nghị đơn vị gửi lại danh sách. Không còn khen thưởng nào để tổng hợp.")


def _word_awards(path: Path, rows: list[list]) -> Path:
    """A commune's Word file: the NĐ 30 heading, then its list of awards with a status column, as a portal prints it."""
    from docx import Document
    doc = Document()
    head = doc.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "UBND TỈNH HÀ TĨNH\nUBND XÃ XUÂN LỘC"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 1).text = "Xuân Lộc, ngày 22 tháng 12 năm 2025"
    doc.add_paragraph(rows[0][0])
    table = doc.add_table(rows=0, cols=len(rows[1]))
    for row in rows[1:]:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = "" if value is None else str(value)
    doc.save(path)
    return path


def test_an_award_not_granted_in_a_word_list_is_no_award_either(tmp_path):
    """The same list in a Word file: the pending, returned and refused rows are left out and said at the status
    column of its table; a Word list where none is granted yet is an error for that file, saying why."""
    from xlsrc.consolidate.extract import extract_file
    got = extract_file(str(_word_awards(tmp_path / "xa_xuan_loc.docx", AWARDS)))
    assert got["status"] == "ok" and [r["recipient"] for r in got["rows"]["awards"]] == [
        "Nguyễn Văn An", "Hồ Thị Dung", "Phan Thị Giang"]
    [said] = [f for f in got["findings"] if f["code"] == "AWARD_NOT_GRANTED"]
    assert (said["sheet"], said["cell"], said["severity"]) == ("Bảng 2", "G3", "warning")
    assert "'Chờ duyệt', 'Trả lại', 'Đang xử lý', 'Không duyệt', 'Từ chối': 5 dòng chưa được khen" in said["message"]
    none = extract_file(str(_word_awards(tmp_path / "xa_xuan_loc_2.docx",
                                         AWARDS[:2] + [r[:-1] + ["Chờ duyệt"] for r in AWARDS[2:5]])))
    assert none["status"] == "error" and not none.get("rows")
    assert none["message"].startswith("Tệp 'xa_xuan_loc_2.docx', trang 'Bảng 2': cột 'Trạng thái' ghi 'Chờ duyệt': "
                                      "3 dòng chưa được khen thưởng")
    assert none["message"].endswith("Không còn khen thưởng nào để tổng hợp.")


@pytest.mark.parametrize("total, differs", [("Tổng cộng: 08 người", False), ("Tổng cộng: 03 người", False),
                                            ("Tổng cộng: 05 người", True)])
def test_a_total_row_may_count_the_awards_not_granted_too(tmp_path, total, differs):
    """The total under a portal's list counts every row it lists (8), or only
    the awards granted (3): either agrees with the list; another count is
    still an error (TOTAL_DIFFERS)."""
    folder = tmp_path / "in"
    folder.mkdir()
    result = _consolidate(tmp_path, write_shape(folder, "portal.xls", AWARDS + [[None, total]], stem="xa_xuan_loc"))
    codes = [f["code"] for f in result["findings"]]
    assert "AWARD_NOT_GRANTED" in codes and ("TOTAL_DIFFERS" in codes) == differs, codes
