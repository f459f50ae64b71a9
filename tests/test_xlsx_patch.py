"""The copy written part by part (access/xlsx_patch.py) holds what
openpyxl's load, write and save gave: the same sheets, cell values, formats,
row heights and print settings, on a real consolidated master after
`compute` and on a small book written cell by cell, read back with openpyxl,
python-calamine and LibreOffice."""
from __future__ import annotations

import datetime as dt
import shutil
import zipfile

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tests.conftest import soffice_convert
from tests.job_outputs import MASTER
from xlsrc import jobs
from xlsrc.access import files
from xlsrc.access.files import FileBook


def _effective(ws, r: int, c: int):
    """The formatting Excel shows at a cell: its own style, or its column's
    where the cell has none (openpyxl makes such cells; the patch leaves them out)."""
    cell = ws._cells.get((r, c))
    if cell is not None and cell.has_style:
        return cell
    return next((d for d in ws.column_dimensions.values() if (d.min or 0) <= c <= (d.max or 0) and d.has_style), cell)


def _look(obj):
    if obj is None:  # no cell: the default format
        obj = openpyxl.Workbook().active["A1"]
    return (obj.number_format, obj.font.name, obj.font.b, obj.font.sz, obj.fill.fgColor.rgb, obj.alignment.wrap_text,
            obj.alignment.vertical, obj.alignment.horizontal)


def _view(path):
    """Every sheet's values, formatting, row heights and print settings."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = set(ws._cells)
        out[ws.title] = {
            "values": {k: ws._cells[k].value for k in cells if ws._cells[k].value not in (None, "")},
            "formats": {k: _look(_effective(ws, *k)) for k in cells},
            "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height},
            "print": (ws.print_area, ws.print_title_rows, ws.print_title_cols, ws.page_setup.fitToWidth,
                      ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage
                      if ws.sheet_properties.pageSetUpPr else None),
            "merged": sorted(map(str, ws.merged_cells.ranges)),
        }
    return wb.sheetnames, out


def _formats_alike(a: dict, b: dict, wa, wb) -> None:
    """Formats compared on the cells of both copies (a cell openpyxl made in an
    empty formatted column shows the column's format in the patched copy)."""
    for sheet in a:
        for key in set(a[sheet]["formats"]) | set(b[sheet]["formats"]):
            assert _look(_effective(wa[sheet], *key)) == _look(_effective(wb[sheet], *key)), (sheet, key)


def _both(monkeypatch, tmp_path, source, run):
    """The copy written each way: patched (checked to be) and with openpyxl."""
    made = {}
    for patched in (True, False):
        monkeypatch.setattr(files, "PATCH", patched)
        book = FileBook(source, writable=True)
        run(book)
        made[patched] = tmp_path / f"copy_{patched}.xlsx"
        book.save(made[patched])
        assert (book._wb is None) == patched  # the patched copy never opened openpyxl
    return made[True], made[False]


def _assert_same(patched, reference):
    names_p, view_p = _view(patched)
    names_r, view_r = _view(reference)
    assert names_p == names_r
    for sheet in names_r:
        for what in ("values", "heights", "print", "merged"):
            assert view_p[sheet][what] == view_r[sheet][what], (sheet, what)
    _formats_alike(view_p, view_r, openpyxl.load_workbook(patched), openpyxl.load_workbook(reference))


@pytest.mark.long
def test_compute_copy_of_a_master_is_the_openpyxl_copy(monkeypatch, tmp_path):
    patched, reference = _both(monkeypatch, tmp_path, MASTER, jobs.run_compute)
    _assert_same(patched, reference)
    # the columns compute writes are in the copy: statuses, checks, the Tổng hợp sheet with its date
    wb = openpyxl.load_workbook(patched)
    book = FileBook(MASTER)
    data, findings, totals = jobs.run_compute(book)
    loc = data.locations["works"]
    ws = wb[data.sheet_names["works"]]
    status_col = loc.excel_col("status")
    assert [ws.cell(w.row, status_col).value for w in data.works] == totals.statuses
    check_col = loc.excel_col("check")
    assert {ws.cell(w.row, check_col).value for w in data.works} - {None}  # some work has a finding
    summary = wb["Tổng hợp"]
    assert summary["B2"].value == dt.datetime(totals.as_of.year, totals.as_of.month, totals.as_of.day)
    assert summary["B2"].number_format == "dd/mm/yyyy"
    assert summary["B3"].value == totals.works


def _small_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 30
    from openpyxl.styles import Font
    ws.column_dimensions["C"].font = Font(name="Times New Roman", sz=13)
    ws.append(["TT", "Tên", "Ghi chú"])
    ws.append([1, "Một", "cũ"])
    ws.append([2, "Hai", None])
    ws["A3"].number_format = "0.00"
    wb.create_sheet("Khác").append(["không ghi"])
    wb.save(path)
    return path


WRITTEN = [["=HYPERLINK(\"x\")", "a < b & c > d \"q\"", True],
           [3.25, dt.date(2026, 11, 25), None],
           [" dài " * 20 + "\nhai dòng", 7, "+84 912"]]


def _write_small(book):
    book.write("Danh sách", 2, 2, WRITTEN[:2])
    book.write("Danh sách", 6, 1, WRITTEN[2:])   # rows the file does not have
    book.write("Danh sách", 2, 1, [[None]])      # a value emptied


def test_written_values_of_every_kind(monkeypatch, tmp_path):
    patched, reference = _both(monkeypatch, tmp_path, _small_book(tmp_path / "small.xlsx"), _write_small)
    _assert_same(patched, reference)
    ws = openpyxl.load_workbook(patched)["Danh sách"]
    assert ws["B2"].value == '=HYPERLINK("x")' and ws["B2"].data_type == "s"  # text, never a formula
    assert ws["C3"].value == dt.datetime(2026, 11, 25) and ws["C3"].number_format == "dd/mm/yyyy"
    assert ws["D2"].value is True and ws["B3"].value == 3.25 and ws["A2"].value is None
    assert ws["A6"].alignment.wrap_text and ws.row_dimensions[6].height > 30
    values = CalamineWorkbook.from_path(str(patched)).get_sheet_by_name("Danh sách").to_python()
    assert values[5][:3] == [WRITTEN[2][0], 7, "+84 912"]


NAMED = "R&D 'x' \"y\" <z> &lt;"  # every character XML escapes in a sheet's name, and a typed entity


def test_a_sheet_named_with_what_xml_escapes_gets_its_print_names(monkeypatch, tmp_path):
    """The sheet written is found among the workbook's sheets by its name as
    workbook.xml escapes it (xlsx_patch._unescaped): its print area and
    titles are set on it, as openpyxl sets them."""
    wb = openpyxl.Workbook()
    wb.active.title = "Khác & <cũ>"
    ws = wb.create_sheet(NAMED)
    ws.append(["TT", "Tên"])
    ws.append([1, "Một"])
    wb.save(tmp_path / "named.xlsx")
    patched, reference = _both(monkeypatch, tmp_path, tmp_path / "named.xlsx",
                               lambda book: book.write(NAMED, 2, 3, [["mới"]]))
    _assert_same(patched, reference)
    assert openpyxl.load_workbook(patched)[NAMED].print_area == "'R&D ''x'' \"y\" <z> &lt;'!$A$1:$C$2"


def test_a_sheet_with_formulas_is_copied_with_openpyxl(monkeypatch, tmp_path):
    source = _small_book(tmp_path / "f.xlsx")
    wb = openpyxl.load_workbook(source)
    wb["Danh sách"]["E1"] = "=1+1"
    wb.save(source)
    book = FileBook(source, writable=True)
    _write_small(book)
    book.save(tmp_path / "out.xlsx")
    assert book._wb is not None  # the patch declined: openpyxl wrote the copy
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["Danh sách"]["E1"].value == "=1+1"


def test_a_control_character_is_left_to_openpyxl(tmp_path):
    book = FileBook(_small_book(tmp_path / "c.xlsx"), writable=True)
    book.write("Danh sách", 2, 2, [["a\x01b"]])
    with pytest.raises(Exception):  # openpyxl refuses it as before (IllegalCharacterError)
        book.save(tmp_path / "out.xlsx")
    assert book._wb is not None


def test_the_patched_copy_opens_in_libreoffice_with_its_values(tmp_path, lo_profile):
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice không có trên máy này")
    book = FileBook(_small_book(tmp_path / "lo.xlsx"), writable=True)
    _write_small(book)
    book.save(tmp_path / "patched.xlsx")
    assert book._wb is None
    out = tmp_path / "lo"
    soffice_convert(tmp_path / "patched.xlsx", "ods", out, lo_profile)
    values = CalamineWorkbook.from_path(str(out / "patched.ods")).get_sheet_by_name("Danh sách").to_python()
    assert values[1][1:4] == ['=HYPERLINK("x")', 'a < b & c > d "q"', True]
    assert values[2][1:3] == [3.25, dt.date(2026, 11, 25)] or values[2][1:3] == [3.25, dt.datetime(2026, 11, 25)]
    assert values[5][0] == WRITTEN[2][0]
    with zipfile.ZipFile(tmp_path / "patched.xlsx") as z:
        assert z.testzip() is None


def test_the_extent_of_a_copy_leaves_out_empty_texts_and_rows_at_its_edges():
    from xlsrc.access.xlsx_patch import _extent
    assert _extent([["TT", "Tên", None], [1, "", ""], [None, None], ["", None]]) == (2, 2)
    assert _extent([[None], [None, None, "x"], []]) == (2, 3)
    assert _extent([]) == (0, 0) and _extent([[None, ""]]) == (0, 0)


@pytest.mark.parametrize("prefixed", [False, True])
def test_a_sheet_with_prefixed_elements_is_left_to_openpyxl_a_text_with_a_colon_is_not(tmp_path, prefixed):
    from xlsrc.access.xlsx_patch import NotPatchable, write_patched

    def xml_of(xml: bytes) -> bytes:
        xml = xml.replace(b"</row>", b'<c r="B1" t="inlineStr"><is><t>Ghi ch\xc3\xba:c d</t></is></c></row>',
                          1)  # ':c ' in a text
        if prefixed:
            xml = xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=").replace(b"</worksheet>",
                                                                                    b"</x:worksheet>")
        return xml
    _one_sheet_book(tmp_path / "s.xlsx", xml_of)
    with zipfile.ZipFile(tmp_path / "s.xlsx") as z:
        write = lambda: write_patched(z, z.read, {"S": {1: {3: "x"}}}, {"S": [[1, "Ghi chú:c d"]]},  # noqa: E731
                                      tmp_path / "copy.xlsx")
        if prefixed:
            with pytest.raises(NotPatchable):
                write()
        else:
            write()
            assert CalamineWorkbook.from_path(str(tmp_path / "copy.xlsx")).get_sheet_by_name("S").to_python() == \
                [[1.0, "Ghi chú:c d", "x"]]


def _one_sheet_book(path, xml_of) -> None:
    """A workbook of one sheet 'S' (A1 = 1) whose part is ``xml_of`` its own."""
    wb = openpyxl.Workbook()
    wb.active.title = "S"
    wb.active["A1"] = 1
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = xml_of(parts["xl/worksheets/sheet1.xml"])
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.mark.parametrize("xml_of", [
    lambda xml: b'<?xml version="1.0" encoding="windows-1258"?>\n' + xml,  # its cells written as UTF-8: never
    lambda xml: xml.replace(b"</worksheet>", b"<!-- \xc3( -->\n</worksheet>"),  # after the rows
    lambda xml: xml.replace(b'<row r="1">', b'<row r="1">\n<!-- \xc3( -->'),  # in a row taken apart
], ids=["another encoding declared", "not UTF-8 after the rows", "not UTF-8 in a row"])
def test_a_sheet_part_not_in_utf8_is_left_to_openpyxl(tmp_path, xml_of):
    from xlsrc.access.xlsx_patch import NotPatchable, write_patched
    _one_sheet_book(tmp_path / "s.xlsx", xml_of)
    with zipfile.ZipFile(tmp_path / "s.xlsx") as z:
        with pytest.raises(NotPatchable):
            write_patched(z, z.read, {"S": {1: {2: "x"}}}, {"S": [[1]]}, tmp_path / "copy.xlsx")
