"""Files that would exhaust memory or kill the process, and files that are
not what their extension says: built byte by byte, then read through the real
access layer and the real commands."""
from __future__ import annotations

import csv
import io
import os
import random
import string
import subprocess
import sys
from pathlib import Path

import pytest

from xlsrc.access import limits as L
from xlsrc.access.files import FileBook
from xlsrc.consolidate import consolidate
from xlsrc.errors import FileTooLarge, FileUnusable
from xlsrc.records import read_workbook

from .fixtures_consolidate import SEED_WORKS, hand_made_xlsx, template_file, info, work, D
from .shapes import vn_bytes
from .hostile_files import far_cell_xlsx, ods_bytes, ods_cell, sheet_xml, whitespace_part_xlsx, xlsx_bytes


def run_cli(*args, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "xlsrc", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=dict(os.environ, COLUMNS="100"))


# -- §3: files that exhaust memory or kill the process ------------------------
def test_far_cell_is_refused_before_the_reader_allocates_the_grid(tmp_path):
    f = tmp_path / "xa.xlsx"
    f.write_bytes(far_cell_xlsx())
    assert f.stat().st_size < 2000
    with pytest.raises(FileTooLarge, match="quá lớn.*1.048.576.*16.384"):
        FileBook(f)
    r = run_cli("validate", f)
    assert r.returncode == 2, r.stderr
    assert "quá lớn" in r.stderr and "Traceback" not in r.stderr + r.stdout


def test_far_cell_without_dimension_is_found_from_the_cell_references(tmp_path):
    f = tmp_path / "xa.xlsx"
    f.write_bytes(xlsx_bytes(sheet_xml([("A1", "a"), ("ZZ900000", "b")])))
    with pytest.raises(FileTooLarge, match="900.000"):
        FileBook(f)


def test_a_tall_dimension_and_wide_cells_together_are_refused(tmp_path):
    """The <dimension> says one column over every row, the cells reach column
    Z near the top: neither alone passes the limit, the area they span does
    (the count of cells is skipped only when it cannot matter)."""
    f = tmp_path / "cao_rong.xlsx"
    f.write_bytes(xlsx_bytes(sheet_xml([("A1", "a"), ("Z10", "b")], "A1:A1048576")))
    with pytest.raises(FileTooLarge, match="1.048.576 và cột 26"):
        FileBook(f)


@pytest.mark.parametrize("ref", ["AA400000", "Z390000", "XFD700"])
def test_cells_far_right_or_far_down_are_still_counted(tmp_path, ref):
    """A cell beyond column Z or row 99.999 makes the check count every
    cell: A1 and that cell span more than 10.000.000 cells."""
    f = tmp_path / "xa.xlsx"
    f.write_bytes(xlsx_bytes(sheet_xml([("A1", "a"), (ref, "b")])))
    with pytest.raises(FileTooLarge, match="quá lớn"):
        FileBook(f)


def test_a_far_cell_written_with_a_namespace_prefix_is_counted(tmp_path):
    """<x:row>, <x:c> (a prefix XML allows for the sheet's namespace): not the
    usual spelling, so every cell is placed and the far one counts."""
    sheet = sheet_xml([("A1", "a"), ("ZZ900000", "b")]).decode()
    sheet = sheet.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=").replace("</worksheet>", "</x:worksheet>")
    for tag in ("sheetData", "row", "c", "is", "t"):
        sheet = sheet.replace(f"<{tag}>", f"<x:{tag}>").replace(f"<{tag} ", f"<x:{tag} ").replace(
            f"</{tag}>", f"</x:{tag}>")
    f = tmp_path / "xa.xlsx"
    f.write_bytes(xlsx_bytes(sheet.encode()))
    with pytest.raises(FileTooLarge, match="900.000"):
        FileBook(f)


def test_whitespace_bomb_is_refused_by_ratio_without_unpacking(tmp_path):
    f = tmp_path / "trang.xlsx"
    f.write_bytes(whitespace_part_xlsx(300 * 1024 * 1024))
    with pytest.raises(FileTooLarge, match="quá lớn.*(tỷ lệ|200 MB)"):
        FileBook(f)


def test_a_long_incompressible_cell_is_refused(tmp_path):
    rnd = random.Random(7)
    text = "".join(rnd.choice(string.ascii_letters) for _ in range(L.LIMITS.text_run + 10))
    f = tmp_path / "o_dai.xlsx"
    f.write_bytes(xlsx_bytes(sheet_xml([("A1", text)])))
    with pytest.raises(FileTooLarge, match="đoạn chữ dài hơn 256 KB"):
        FileBook(f)


def test_limits_are_scanned_in_a_stream_on_real_sizes(tmp_path, monkeypatch):
    """A part whose header lies about its size is still measured as it is unpacked."""
    monkeypatch.setattr(L, "LIMITS", L.Limits(part_bytes=3 * L.MB, ratio=10**6))
    f = tmp_path / "lon.xlsx"
    f.write_bytes(whitespace_part_xlsx(4 * L.MB))
    with pytest.raises(FileTooLarge, match="phần 'xl/worksheets/sheet1.xml'"):
        FileBook(f)


def test_ods_repeated_value_cells_count_with_their_repeats(tmp_path):
    """6.000 rows × 16.000 copies of one value: 96 million cells (the native
    reader's own cap is 100 million) from a file of a few hundred bytes."""
    f = tmp_path / "lap.ods"
    f.write_bytes(ods_bytes(f'<table:table-row table:number-rows-repeated="6000">{ods_cell("x", 16000)}'
                            f'</table:table-row>'))
    with pytest.raises(FileTooLarge, match="dòng 6.000 và cột 16.000"):
        FileBook(f)


def test_ods_empty_repeated_area_to_the_sheet_end_is_fine(tmp_path):
    """LibreOffice writes the empty rest of a sheet as one repeated row of repeated empty cells."""
    f = tmp_path / "lo.ods"
    f.write_bytes(ods_bytes(f'<table:table-row>{ods_cell("Tên công trình")}{ods_cell("Tiến độ")}'
                            f'<table:table-cell table:number-columns-repeated="1022"/></table:table-row>'
                            f'<table:table-row table:number-rows-repeated="1048575">'
                            f'<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'))
    assert FileBook(f).read("Sheet1")[0][:2] == ["Tên công trình", "Tiến độ"]


def test_a_normal_workbook_passes_the_checks(tmp_path):
    f = template_file(tmp_path / "tot.xlsx", works=[work(1, "Xây cầu")])
    assert read_workbook(FileBook(f)).works


def _units(tmp_path, n):
    return [template_file(tmp_path / f"don_vi_{i:02d}.xlsx", info(unit=f"Đơn vị {i}", issuing=f"ĐƠN VỊ {i}"),
                          works=[work(1, f"Công trình {i}")]) for i in range(n)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_reader_that_aborts_costs_its_own_file_only(tmp_path, monkeypatch, jobs):
    """The limits are lifted so that the far cell reaches the native reader and
    really aborts it (SIGABRT): the worker dies, the pool breaks, and every
    other file is still read."""
    monkeypatch.setattr(L, "LIMITS", L.Limits(sheet_cells=10**13))
    good = _units(tmp_path, 5)
    bad = tmp_path / "don_vi_02_loi.xlsx"
    bad.write_bytes(far_cell_xlsx())
    result = consolidate([str(tmp_path)], jobs=jobs)
    status = {Path(f.file).name: f for f in result.files}
    assert status[bad.name].status == "error"
    assert "dừng đột ngột" in status[bad.name].message
    assert all(status[g.name].status == "ok" for g in good), [(f.file, f.message) for f in result.files]
    assert result.exit_code == 3


def test_consolidate_refuses_the_far_cell_file_alone(tmp_path):
    _units(tmp_path, 3)
    (tmp_path / "xa.xlsx").write_bytes(far_cell_xlsx())
    out = tmp_path / "out" 
    out.mkdir()
    r = run_cli("consolidate", tmp_path, "-o", out / "tong.xlsx", "--json", "--jobs", "2")
    assert r.returncode == 3, r.stderr
    import json
    files = {Path(f["file"]).name: f for f in json.loads(r.stdout)["files"]}
    assert files["xa.xlsx"]["status"] == "error" and "quá lớn" in files["xa.xlsx"]["message"]
    assert sum(f["status"] == "ok" for f in files.values()) == 3


# -- issue 8 §5: files that are not what their extension says ------------------
HEAD = ("TT", "Tên công trình, phần việc", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ hoàn thành (%)")
ROWS = [("1", "Xây dựng nhà văn hóa xã", "01/03/2021", "30/11/2021", "100"),
        ("2", "Sửa chữa đường liên thôn", "15/04/2021", "31/12/2021", "60")]


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letter (â, ơ, đ …) plus a combining tone mark."""
    return vn_bytes(text, "cp1258")


def _csv(sep=","):
    return "\n".join(sep.join(r) for r in [("SỞ NỘI VỤ",) + ("",) * 4, HEAD, *ROWS]) + "\n"


@pytest.mark.parametrize("encoding,label", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 có BOM"),
                                            ("cp1258", "Windows-1258"), ("utf-16", "UTF-16")])
def test_csv_named_xlsx_is_read_as_csv(tmp_path, encoding, label):
    f = tmp_path / "bao_cao.xlsx"
    f.write_bytes(cp1258(_csv(";")) if encoding == "cp1258" else _csv().encode(encoding))
    book = FileBook(f)
    assert book.kind == "csv"
    assert book.file_notes == [f"Tệp 'bao_cao.xlsx': nội dung là văn bản CSV, mã {label}; đọc theo dạng đó."]
    grid = book.read(book.sheet_names()[0])
    assert grid[2][1] == "Xây dựng nhà văn hóa xã"  # NFC even from cp1258's combining marks
    result = consolidate([str(f)])
    assert result.files[0].status == "ok", result.files[0].message
    assert [r["name"] for r in result.content.rows["works"]] == [r[1] for r in ROWS]
    assert "văn bản CSV" in result.files[0].message


HTML = """<html><head><meta charset="utf-8"><title>Báo cáo</title></head><body>
<p>SỞ NỘI VỤ</p>
<table border="1">
<tr><th rowspan="2">TT</th><th rowspan="2">Tên công trình, phần việc</th><th colspan="2">Thời gian thực hiện</th>
<th rowspan="2">Tiến độ hoàn thành (%)</th></tr>
<tr><th>Ngày khởi công</th><th>Ngày hoàn thành</th></tr>
<tr><td>1</td><td>Xây dựng nhà văn hóa xã &amp; sân</td><td>01/03/2021</td><td>30/11/2021</td><td>100</td></tr>
<tr><td>2</td><td>Sửa chữa đường<br>liên thôn</td><td>15/04/2021</td><td>31/12/2021</td><td>60</td></tr>
</table></body></html>"""


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_html_table_named_xls_is_read_as_a_sheet(tmp_path, suffix):
    f = tmp_path / f"web{suffix}"
    f.write_text(HTML, encoding="utf-8")
    book = FileBook(f)
    assert book.kind == "html" and "trang HTML" in book.file_notes[0]
    result = consolidate([str(f)])
    assert result.files[0].status == "ok", result.files[0].message
    assert [r["name"] for r in result.content.rows["works"]] == ["Xây dựng nhà văn hóa xã & sân",
                                                                 "Sửa chữa đường\nliên thôn"]


def test_html_entities_and_external_references_are_not_followed(tmp_path):
    f = tmp_path / "web.xls"
    f.write_text('<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><table>'
                 '<tr><td>&x;</td><td><img src="http://127.0.0.1:9/x.png">b</td></tr>'
                 '<tr><td>c</td><td>d</td></tr></table></body></html>', encoding="utf-8")
    grid = FileBook(f).read("Bảng 1")
    assert grid == [["&x;", "b"], ["c", "d"]]


XML2003 = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="Công trình">
  <Table>
   <Row><Cell><Data ss:Type="String">SỞ NỘI VỤ</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">TT</Data></Cell><Cell><Data ss:Type="String">Tên công trình, phần việc</Data></Cell>
    <Cell><Data ss:Type="String">Ngày khởi công</Data></Cell><Cell><Data ss:Type="String">Ngày hoàn thành</Data></Cell>
    <Cell><Data ss:Type="String">Tiến độ hoàn thành (%)</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="String">Xây dựng nhà văn hóa xã</Data></Cell>
    <Cell><Data ss:Type="DateTime">2021-03-01T00:00:00.000</Data></Cell><Cell><Data ss:Type="DateTime">2021-11-30T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="Number">100</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">2</Data></Cell><Cell><Data ss:Type="String">Sửa chữa đường liên thôn</Data></Cell>
    <Cell ss:Index="4"><Data ss:Type="DateTime">2021-12-31T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="Number">60</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>"""


def test_spreadsheetml_2003_named_xls_is_read_as_a_sheet(tmp_path):
    f = tmp_path / "xml.xls"
    f.write_text(XML2003, encoding="utf-8")
    book = FileBook(f)
    assert book.kind == "xml2003" and book.sheet_names() == ["Công trình"]
    grid = book.read("Công trình")
    assert grid[3][0] == 1 and grid[4][2] is None and str(grid[4][3]) == "2021-12-31 00:00:00"
    result = consolidate([str(f)])
    assert result.files[0].status == "ok", result.files[0].message
    assert len(result.content.rows["works"]) == 2


def test_spreadsheetml_with_an_entity_is_refused_not_expanded(tmp_path):
    f = tmp_path / "bom.xls"
    f.write_text(XML2003.replace('<?mso-application progid="Excel.Sheet"?>',
                                 '<?mso-application progid="Excel.Sheet"?><!DOCTYPE Workbook '
                                 '[<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>')
                 .replace("SỞ NỘI VỤ", "&b;"), encoding="utf-8")
    with pytest.raises(FileUnusable, match="thực thể"):
        FileBook(f)


def test_a_genuine_xlsx_named_xls_is_read_as_such_with_a_note(tmp_path):
    src = template_file(tmp_path / "that.xlsx", works=[work(1, "Xây cầu")])
    f = tmp_path / "doi_ten.xls"
    f.write_bytes(src.read_bytes())
    r = run_cli("validate", f)
    assert r.returncode in (0, 1), r.stderr
    assert "nội dung là .xlsx; đọc theo dạng đó" in r.stdout + r.stderr
    assert "hỏng" not in r.stdout + r.stderr


def test_plain_text_named_xlsx_is_still_refused(tmp_path):
    f = tmp_path / "ghi_chu.xlsx"
    f.write_text("Chỉ là một dòng ghi chú.\n", encoding="utf-8")
    with pytest.raises(FileUnusable, match="không phải bảng tính .xlsx thật"):
        FileBook(f)


# -- HTML / XML 2003 / CSV tables read as sheets: merges, bold, formats, fonts --
from xlsrc.legacy_encodings import encode_tcvn3  # noqa: E402

from .shapes import write_shape  # noqa: E402

TABLE = [["TT", "Tên công trình, phần việc", "Đơn vị thực hiện", "Ngày khởi công", "Tiến độ hoàn thành (%)"],
         [None, "Khối văn phòng Sở", None, None, None],
         [1, "Xây dựng nhà văn hóa xã", "Phòng Hành chính tư pháp", "01/03/2021", 0.8],
         [2, "Sửa chữa đường liên thôn", None, "15/04/2021", 60]]
UNIT_MERGE = (2, 2, 3, 2)  # the unit name typed once, merged down over both works
BOLD_HEADING = (1, 1)      # a heading without a label, bold alone on its row
PERCENT = (2, 4)           # 0.8 formatted 0%: Excel shows 80%


@pytest.mark.parametrize("shape", ["html.xls", "portal.xls", "xml2003.xls"])
def test_html_and_xml_tables_keep_merged_units_bold_headings_and_percent_formats(tmp_path, shape):
    f = write_shape(tmp_path, shape, TABLE, [UNIT_MERGE], {BOLD_HEADING}, percent={PERCENT})
    result = consolidate([str(f)], jobs=1)
    assert result.files[0].status == "ok", result.files[0].message
    works = result.content.rows["works"]
    assert [w["name"] for w in works] == ["Xây dựng nhà văn hóa xã", "Sửa chữa đường liên thôn"]
    assert [w["owner"] for w in works] == ["Phòng Hành chính tư pháp"] * 2
    assert [w["group"] for w in works] == ["Khối văn phòng Sở"] * 2
    assert [w["progress"] for w in works] == [0.8, 0.6]  # 80 %, not 0,8 %
    assert not [x for x in result.findings if x["cell"] in ("E3", "E4")]


def test_a_percent_formatted_fraction_in_a_web_page_is_not_read_as_under_one_percent(tmp_path):
    f = tmp_path / "cong.xls"
    f.write_text('<html><head><meta charset="utf-8"></head><body><table>'
                 '<tr><th>TT</th><th>Tên công trình, phần việc</th><th>Tiến độ hoàn thành (%)</th></tr>'
                 '<tr><td>1</td><td>Xây cầu</td><td style="mso-number-format:\'0%\'">0.8</td></tr>'
                 '<tr><td>2</td><td>Sửa đường</td><td class=xl65 x:num="0.35">35%</td></tr>'
                 '<tr><td>3</td><td>Lát vỉa hè</td><td style="mso-number-format:Percent">0,5</td></tr>'
                 '<tr><td>4</td><td>Trồng cây</td><td>60</td></tr>'
                 '</table></body></html>', encoding="utf-8")
    result = consolidate([str(f)], jobs=1)
    assert [w["progress"] for w in result.content.rows["works"]] == [0.8, 0.35, 0.5, 0.6]
    assert not [x for x in result.findings if x["cell"][0] == "C"]  # each cell's own format decided: nothing ambiguous


def test_a_table_merged_down_in_spreadsheetml_fills_every_row(tmp_path):
    f = write_shape(tmp_path, "xml2003.xls", TABLE, [UNIT_MERGE], {BOLD_HEADING})
    book = FileBook(f)
    assert book.merged_ranges("Phụ lục") == [UNIT_MERGE]
    assert [w["owner"] for w in consolidate([str(f)], jobs=1).content.rows["works"]] == ["Phòng Hành chính tư pháp"] * 2


@pytest.mark.parametrize("shape", ["html.xls", "portal.xls", "xml2003.xls", "csv-utf8.xls"])
def test_tcvn3_text_in_a_web_page_xml_or_csv_is_converted_with_a_warning(tmp_path, shape):
    rows = [[encode_tcvn3(v) if isinstance(v, str) else v for v in row] for row in TABLE if row[0] is not None]
    font = ".VnTime" if not shape.startswith("csv") else None
    f = write_shape(tmp_path, shape, rows, font=font)
    result = consolidate([str(f)], jobs=1)
    assert result.files[0].status == "ok", result.files[0].message
    works = result.content.rows["works"]
    assert [w["name"] for w in works] == ["Xây dựng nhà văn hóa xã", "Sửa chữa đường liên thôn"]
    warned = {x["cell"] for x in result.findings if x["code"] == "LEGACY_ENCODING"}
    assert {"B1", "B2", "B3", "C2"} <= warned


def test_a_word_that_reads_as_unicode_is_still_converted_under_a_vntime_font_in_spreadsheetml(tmp_path):
    """'dùng' is Unicode dùng and TCVN3 dựng: only the font can tell, and the XML names it."""
    rows = [list(TABLE[0]), [1, encode_tcvn3("Xây dựng"), None, "01/03/2021", 60]]
    f = write_shape(tmp_path, "xml2003.xls", rows, font=".VnTime")
    assert [w["name"] for w in consolidate([str(f)], jobs=1).content.rows["works"]] == ["Xây dựng"]


def test_a_fraction_typed_among_whole_numbers_in_a_csv_is_warned_not_read_silently(tmp_path):
    """In CSV every number is text: '0,8' among '60' is as ambiguous as in a sheet (issue 8 §1)."""
    rows = [TABLE[0], [1, "Xây cầu", "Phòng A", "01/03/2021", 0.8], [2, "Sửa đường", "Phòng A", "15/04/2021", 60]]
    f = write_shape(tmp_path, "csv-bom.xlsx", rows)
    assert "0,8" in f.read_text(encoding="utf-8-sig")
    result = consolidate([str(f)], jobs=1)
    [warning] = [x for x in result.findings if x["cell"] == "E2"]
    assert warning["code"] == "PROGRESS_AMBIGUOUS" and "80%" in warning["message"]
    fractions = [TABLE[0], [1, "Xây cầu", "Phòng A", "01/03/2021", 0.8], [2, "Sửa đường", "Phòng A", "15/04/2021", 0.6]]
    f = write_shape(tmp_path, "csv-utf8.xls", fractions)
    assert [w["progress"] for w in consolidate([str(f)], jobs=1).content.rows["works"]] == [0.8, 0.6]


def test_a_line_break_in_a_web_pages_source_is_a_space_and_nbsp_is_a_space(tmp_path):
    f = tmp_path / "web.xls"
    f.write_text('<html><body><table><tr><td>TT</td><td>Tên công trình, phần việc</td><td>Tiến độ hoàn thành (%)</td>'
                 '</tr><tr><td>1</td><td>Xây dựng nhà văn hóa\r\n  xã Thạch Hà</td><td>60</td></tr>'
                 '<tr><td>2</td><td>Sửa&nbsp;chữa<br>đường</td><td>&nbsp;</td></tr></table></body></html>',
                 encoding="utf-8")
    assert FileBook(f).read("Bảng 1")[1:] == [["1", "Xây dựng nhà văn hóa xã Thạch Hà", "60"],
                                              ["2", "Sửa chữa\nđường", None]]


def test_paragraphs_inside_a_web_page_cell_are_lines_not_glued_words(tmp_path):
    f = tmp_path / "web.xls"
    f.write_text('<table><tr><td>TT</td><td>Tên công trình, phần việc</td></tr><tr><td>1</td>'
                 '<td><p>Xây dựng</p><p>nhà văn hóa</p></td></tr><tr><td>2</td><td><div>Sửa chữa</div>'
                 '<div><span>đường</span> <b>liên thôn</b></div></td></tr></table>', encoding="utf-8")
    assert [r[1] for r in FileBook(f).read("Bảng 1")[1:]] == ["Xây dựng\nnhà văn hóa", "Sửa chữa\nđường liên thôn"]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_quotes_inside_a_csv_field_are_read_as_excel_writes_them(tmp_path, sep):
    # 'Khối "A"' is written with doubled quotes inside a quoted field (RFC 4180, as Excel does)
    rows = [TABLE[0][:3], [1, "Sửa nhà văn hóa", 'Khối "A"'], [2, "Lát vỉa hè", "Phòng B"]]
    f = tmp_path / "q.xls"
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    f.write_text(out.getvalue(), encoding="utf-16")
    grid = FileBook(f).read("Sheet1")
    assert grid[1][1:3] == ["Sửa nhà văn hóa", 'Khối "A"']


def _declare_size(package: bytes, part: str, size: int) -> bytes:
    """The package with ``part``'s unpacked size rewritten, in its local header
    and in the central directory, to ``size`` (a header that lies)."""
    import struct
    import zipfile
    info = zipfile.ZipFile(io.BytesIO(package)).getinfo(part)
    data = bytearray(package)
    struct.pack_into("<I", data, info.header_offset + 22, size)  # local header: uncompressed size
    name = part.encode()
    central = data.find(b"PK\x01\x02" + data[info.header_offset + 4:info.header_offset + 6])
    while central >= 0 and data[central + 46:central + 46 + len(name)] != name:
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, size)  # central directory: uncompressed size
    return bytes(data)


def test_a_small_part_whose_header_lies_is_never_passed(tmp_path, monkeypatch):
    """The quick path for small parts makes at most the declared size plus one
    byte: a part that unpacks to more than its header says is refused, and its
    real size is measured, never trusted."""
    monkeypatch.setattr(L, "LIMITS", L.Limits(part_bytes=300 * 1024, ratio=10**6))
    padded = SHEET_HEAD_FOR_TEST + b" " * (600 * 1024) + \
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
    f = tmp_path / "noi_doi.xlsx"
    f.write_bytes(_declare_size(xlsx_bytes(padded), "xl/worksheets/sheet1.xml", 2000))
    with pytest.raises((FileTooLarge, FileUnusable)):
        FileBook(f)


def test_small_parts_unpacked_by_the_quick_path_are_the_parts_themselves(tmp_path):
    import zipfile
    f = template_file(tmp_path / "mau.xlsx", works=[work(i, f"Công trình {i}") for i in range(1, 40)])
    z = zipfile.ZipFile(io.BytesIO(f.read_bytes()))
    kept: dict[str, bytes] = {}
    L.check_package(z, f.name, keep=kept)
    assert kept and all(kept[name] == z.read(name) for name in kept)
    assert L._unpack_small(z, z.getinfo("xl/workbook.xml")) == z.read("xl/workbook.xml")


SHEET_HEAD_FOR_TEST = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
                       b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
