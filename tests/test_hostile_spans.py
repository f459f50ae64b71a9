"""Spans and repeats that claim millions of cells in a few bytes (issue 22,
point 3): every reader that expands them (HTML tables saved as .xls,
SpreadsheetML 2003, ODS) checks rows × columns before it makes a cell, and a
SpreadsheetML position that is not a whole number is said in words (point 11)."""
from __future__ import annotations

import re
import tracemalloc

import pytest

from xlsrc.access.files import FileBook
from xlsrc.errors import FileTooLarge, FileUnusable

from .hostile_files import ods_bytes, ods_cell
from .test_hostile_files import run_cli

SS = ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
      'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Styles><Style ss:ID="s1"><Font ss:Bold="1"/>'
      '</Style></Styles><Worksheet ss:Name="T"><Table>{}</Table></Worksheet></Workbook>')


def _cell(text="x", **attrs):
    given = "".join(f' ss:{k}="{v}"' for k, v in attrs.items())
    return f'<Cell{given}><Data ss:Type="String">{text}</Data></Cell>'


def _html(body: str) -> bytes:
    return f"<html><body>{body}</body></html>".encode()


def _peak_mb(read) -> float:
    tracemalloc.start()
    try:
        read()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak / 1024 / 1024


@pytest.mark.parametrize("body, said", [
    ('<table><tr><td rowspan="99999" colspan="99999">x</td></tr></table>', "16.384 dòng và 16.384 cột"),
    ('<table><tr>' + '<td rowspan="16384" colspan="600">x</td>' * 30 + '</tr></table>', "16.384 dòng và 1.200 cột"),
    ('<table><tr><td colspan=16384>a</td></tr>' + '<tr><td>b</td></tr>' * 1000 + '</table>', "611 dòng"),
    ('<table><tr><td rowspan="3000" colspan="3000">x</td></tr></table>' * 20, "cùng các bảng trước đó"),
    ("<table><tr><td rowspan='9000'>a</td><td colspan='9000'>b</td></tr></table>", "9.000 dòng và 9.001 cột"),
])
def test_html_spans_are_counted_before_they_are_expanded(tmp_path, body, said):
    f = tmp_path / "bang.xls"
    f.write_bytes(_html(body))
    with pytest.raises(FileTooLarge, match=said):
        FileBook(f)


def test_a_large_span_within_the_limit_costs_no_memory_per_covered_cell(tmp_path):
    """2.000 × 2.000 covered cells are kept as one rectangle, never as four million entries."""
    f = tmp_path / "gop.xls"
    f.write_bytes(_html('<table><tr><td rowspan="2000" colspan="2000">Tên</td><td>B</td></tr>'
                        '<tr><td>c</td></tr></table>'))
    grid = []
    assert _peak_mb(lambda: grid.extend(FileBook(f).read("Bảng 1"))) < 40
    assert grid[0][0] == "Tên" and grid[0][2000] == "B" and grid[1][2000] == "c"


def test_html_spans_still_place_cells_where_the_table_shows_them(tmp_path):
    f = tmp_path / "nho.xls"
    f.write_bytes(_html('<table><tr><td rowspan="2">A</td><td colspan="2">B</td></tr><tr><td>c</td><td>d</td></tr>'
                        '<tr><td>e</td><td>f</td><td>g</td></tr></table>'))
    book = FileBook(f)
    assert book.read("Bảng 1") == [["A", "B", None], [None, "c", "d"], ["e", "f", "g"]]
    assert book.merged_ranges("Bảng 1") == [(0, 0, 1, 0), (0, 1, 0, 2)]


@pytest.mark.long
@pytest.mark.parametrize("rows, said", [
    (f'<Row>{_cell(MergeAcross=16000, MergeDown=16000)}</Row>', "16.001 dòng và 16.001 cột"),
    (f'<Row>{_cell(MergeAcross=16000)}</Row><Row ss:Index="1000000">{_cell()}</Row>',
     "1.000.000 dòng và 16.001 cột"),
    (f'<Row ss:Index="1000000">{_cell()}</Row><Row>{_cell(Index=16000)}</Row>',
     "1.000.001 dòng và 16.000 cột"),
    (f'<Row ss:Span="16000">{_cell(MergeAcross=5000)}</Row><Row>{_cell()}</Row>', "dòng và 5.001 cột"),
])
def test_spreadsheetml_merges_and_positions_are_counted_before_they_are_expanded(tmp_path, rows, said):
    f = tmp_path / "bang.xml"
    f.write_text(SS.format(rows), encoding="utf-8")
    with pytest.raises(FileTooLarge, match=said):
        FileBook(f)


def test_spreadsheetml_sheets_of_one_file_share_the_limit(tmp_path):
    sheet = f'<Worksheet ss:Name="T{{}}"><Table><Row>{_cell(MergeAcross=2999, MergeDown=2999)}' \
            '</Row></Table></Worksheet>'
    xml = SS.format("").replace('<Worksheet ss:Name="T"><Table></Table></Worksheet>',
                                "".join(sheet.format(i) for i in range(3)))
    f = tmp_path / "ba.xml"
    f.write_text(xml, encoding="utf-8")
    with pytest.raises(FileTooLarge, match="cùng các bảng trước đó"):
        FileBook(f)


def test_spreadsheetml_column_span_does_not_expand_past_the_sheet(tmp_path):
    f = tmp_path / "cot.xml"
    f.write_text(SS.format(f'<Column ss:Span="999999999" ss:StyleID="s1"/><Row>{_cell("a")}</Row>'), encoding="utf-8")
    book = FileBook(f)
    assert _peak_mb(lambda: book.read("T")) < 40
    assert book.read("T") == [["a"]]


@pytest.mark.parametrize("where, index, said", [
    ("row", "abc", "dòng 1: ss:Index=\"abc\" không phải số nguyên dương"),
    ("cell", "-3", "ô A1: ss:Index=\"-3\" không phải số nguyên dương"),
    ("cell", "0", "không phải số nguyên dương"),
    ("cell", "2.5", "không phải số nguyên dương"),
    ("cell", "²", "không phải số nguyên dương"),
    ("row", "", "không phải số nguyên dương"),
    ("back", "1", "ô C1: ss:Index=\"1\" không lớn hơn vị trí trước đó (2)"),
])
def test_a_spreadsheetml_position_that_is_not_a_whole_number_is_named(tmp_path, where, index, said):
    rows = {"row": f'<Row ss:Index="{index}">{_cell()}</Row>',
            "cell": f'<Row>{_cell(Index=index)}</Row>',
            "back": f'<Row>{_cell("a")}{_cell("b")}{_cell("c", Index=index)}</Row>'}[where]
    f = tmp_path / "vitri.xml"
    f.write_text(SS.format(rows), encoding="utf-8")
    with pytest.raises(FileUnusable, match=re.escape("'vitri.xml' (XML 2003), trang 'T', ")) as err:
        FileBook(f)
    assert said in str(err.value)


def test_the_command_names_a_bad_spreadsheetml_position_without_a_traceback(tmp_path):
    f = tmp_path / "vitri.xml"
    f.write_text(SS.format(f'<Row ss:Index="x1">{_cell()}</Row>'), encoding="utf-8")
    r = run_cli("validate", f)
    assert r.returncode != 0 and "ss:Index=\"x1\" không phải số nguyên dương" in r.stderr + r.stdout
    assert "Traceback" not in r.stderr and "ngoài dự kiến" not in r.stderr


def _ods_variant(rows: str, prefix: str = "table") -> bytes:
    data = ods_bytes(rows)
    if prefix == "table":
        return data
    import io
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            part = zin.read(item.filename)
            if item.filename == "content.xml":
                part = part.replace(b"table:", prefix.encode() + b":").replace(
                    b"xmlns:" + prefix.encode() + b":", b"xmlns:" + prefix.encode() + b"=")
            zout.writestr(item, part)
    return out.getvalue()


@pytest.mark.parametrize("rows, prefix", [
    ("<table:table-row table:number-rows-repeated='6000'>"
     "<table:table-cell table:number-columns-repeated='16000' office:value-type='string'><text:p>x</text:p>"
     "</table:table-cell></table:table-row>", "table"),
    ('<table:table-row table:number-rows-repeated = "6000">'
     '<table:table-cell table:number-columns-repeated =\n"16000" office:value-type ="string"><text:p>x</text:p>'
     '</table:table-cell></table:table-row>', "table"),
    (f'<table:table-row table:number-rows-repeated="6000">{ods_cell("x", 16000)}</table:table-row>', "t"),
])
def test_ods_repeats_are_read_as_an_xml_parser_reads_them(tmp_path, rows, prefix):
    """Quotes, spaces and namespace prefixes an XML parser accepts: the size
    check reads them too (else the native reader expands 96 million cells)."""
    f = tmp_path / "lap.ods"
    f.write_bytes(_ods_variant(rows, prefix))
    with pytest.raises(FileTooLarge, match="dòng 6.000 và cột 16.000"):
        FileBook(f)


def test_ods_styled_repeats_are_not_expanded_past_a_budget(tmp_path):
    from xlsrc.access import cellinfo
    f = tmp_path / "pt.ods"
    cell = ("<table:table-cell table:style-name='ce1' table:number-columns-repeated='1024' "
            "office:value-type='percentage' office:value='0.5'/>")
    f.write_bytes(ods_bytes(f'<table:table-row table:number-rows-repeated="3000">{cell}</table:table-row>'))
    with pytest.raises(ValueError, match="định dạng riêng"):
        cellinfo.ods_cell_info(f.read_bytes(), "Sheet1")
    assert FileBook(f).cell_info("Sheet1").unknown  # the values are read; their formats are said unknown


# -- encrypted files asking for too many password-hashing rounds (issue 22, point 13) ---------------
@pytest.mark.parametrize("rounds", ["999999", "500001"])
def test_an_encrypted_file_asking_too_many_key_rounds_is_refused_before_hashing(tmp_path, rounds):
    from xlsrc.access import limits as L

    from .fixtures_consolidate import encrypt, info, template_file, work
    plain = template_file(tmp_path / "ro.xlsx", info(), works=[work(1, "Xây cầu")])
    locked = encrypt(plain, tmp_path / "khoa.xlsx", "mk")
    data = locked.read_bytes()
    assert data.count(b'spinCount="100000"') == 1
    locked.write_bytes(data.replace(b'spinCount="100000"', b'spinCount="%s"' % rounds.encode()[:6].ljust(6, b"0")))
    asked = int(rounds[:6].ljust(6, "0"))
    with pytest.raises(FileUnusable, match=f"đòi {L._n(asked)} vòng băm mật khẩu"):
        FileBook(locked, password="mk")
    r = run_cli("consolidate", locked, "--password", "mk", "-o", tmp_path / "th.xlsx")  # the command says it too
    assert r.returncode == 2 and "vòng băm mật khẩu" in r.stdout + r.stderr and "Traceback" not in r.stderr, r.stderr


def test_an_encrypted_file_with_the_usual_rounds_opens(tmp_path):
    from .fixtures_consolidate import encrypt, info, template_file, work
    plain = template_file(tmp_path / "ro.xlsx", info(), works=[work(1, "Xây cầu")])
    locked = encrypt(plain, tmp_path / "khoa.xlsx", "mk")
    assert "Công trình" in FileBook(locked, password="mk").sheet_names()
