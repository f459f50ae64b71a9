"""The quick way of writing a row of the copy (xlsx_patch._SheetPatch._spliced:
the changed cells replaced or inserted in the row's text, found by the
pattern of the row's shape in the part's bytes) gives the very XML of the
slow way (_rebuilt: the row taken apart into its cells and put together
again), on rows of every shape; rows it cannot do are left to the slow way,
which refuses the ones it cannot do either (NotPatchable)."""
from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest

from tests.job_outputs import MASTER
from xlsrc import jobs
from xlsrc.access import xlsx_patch as X
from xlsrc.access.files import FileBook

STYLES = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="4">'
          '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment wrapText="1"/></xf>'
          '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
          '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0"><alignment wrapText="1"/></xf>'
          '</cellXfs></styleSheet>')
LONG = "một nội dung dài phải xuống dòng trong cột hẹp"  # wraps in column B (width 12)


def _t(text: str) -> str:
    return f'<is><t xml:space="preserve">{text}</t></is>'


# row -> (the row's attributes, its cells' XML, what is written, whether the quick way does it, its values)
ROWS: dict[int, tuple[str, str, dict, bool, list]] = {
    1: (' spans="1:2" ht="48" customHeight="1"', f'<c r="A1" t="inlineStr">{_t("TT")}</c><c r="B1" s="2" t="s"><v>0</v></c>', {4: "Kiểm tra"}, True,
        ["TT", "Tên", None, "Kiểm tra"]),
    2: ("", f'<c r="A2" s="2"><v>1</v></c><c r="B2" s="2" t="inlineStr">{_t("ngắn")}</c><c r="C2" s="1"><v>3</v></c>',
        {4: "Hoàn thành", 3: None}, True, [1, "ngắn", None, "Hoàn thành"]),
    3: ("", f'<c r="A3" s="2"><v>2</v></c><c r="C3" s="1" t="inlineStr">{_t("c")}</c>', {2: "chen", 1: 5}, True,
        [5, "chen", "c"]),
    4: ("", f'<c r="C4" s="1"><v>1</v></c><c r="A4" s="2"><v>3</v></c>', {2: "y"}, False, [3, "y", 1]),
    5: ("", f'<c r="A5" s="2"><v>4</v></c><c r="B5" t="inlineStr">{_t("b")}</c>', {4: "d"}, False,
        [4, "b", None, "d"]),
    6: ("", f'<c r="A6" s="2"><v>5</v></c><c r="B6" t="inlineStr">{_t("b")}</c>', {2: "z"}, True, [5, "z"]),
    7: ("", f'<c r="A7" s="2"><v>6</v></c><c r="B7" s="2" t="inlineStr">{_t(LONG)}</c>', {4: "d"}, True,
        [6, LONG, None, "d"]),
    8: ("", f'<c r="A8" s="2"><v>7</v></c><c r="B8" s="2"><v>1</v></c>', {2: LONG}, True, [7, LONG]),
    9: ("", f'<c r="A9" s="2"><v>8</v></c><c r="B9" s="2" t="inlineStr"><is><r><rPr><color rgb="FFFF0000"/></rPr>'
            f'<t>đỏ</t></r></is></c><c r="C9" s="1" t="s"><v>1</v></c>', {1: dt.date(2026, 1, 2)}, True,
        [dt.datetime(2026, 1, 2), "đỏ", "chung"]),
    10: (' spans="1:4" ht="30" customHeight="1"', f'<c r="A10" s="2"><v>9</v></c>', {4: 1.5}, True,
         [9, None, None, 1.5]),
    11: ("", '<c s="2"><v>1</v></c>', {4: "x"}, False, [1]),
    12: ("", '<c r="A12" s="2"><v>1</v></c><c r="B13" s="2"><v>2</v></c>', {4: "x"}, False, [1, 2]),
    13: ("", '<c r="A13" s="2"><v>1</v></c>\n  <c r="B13" s="2"><v>2</v></c>', {4: "w"}, False, [1, 2, None, "w"]),
    14: ("", "", {2: "mới"}, False, [None, "mới"]),  # an empty row (<row r="14"/>)
    16: ("", '<c r="A16" s="2"><v>1</v></c><c r="B16" s="0"><v>2</v></c><c r="D16" s="1"/>', {4: None}, False,
         [1, 2]),
    17: ("", '<c r="A17" s="2"><v>1</v></c><c r="B17" s="2"><v>2</v></c><c r="D17" s="1"/>', {4: None}, True,
         [1, 2]),
    18: ("", f'<c r="A18" s="2"><v>1</v></c><c r="B18" s="2" t="inlineStr">{_t("ngắn")}</c><c r="C18" s="1"><v>3'
             '</v></c>', {4: "Hoàn thành", 3: None}, True, [1, "ngắn", None, "Hoàn thành"]),
    19: ("", '<c r="A19" s="2"><v>1</v></c><c r="A19" s="2"><v>2</v></c>', {2: "x"}, False, [2, "x"]),
    20: ("", '<c r="A20" s="2"><v>1</v></c><c r="B20"\ts="3"><v>2</v></c>', {2: "tab"}, True, [1, "tab"]),
    21: ("", '<c r="A21" s="2"><v>1</v></c><c r="AA21" s="2"><v>2</v></c><c r="B21" s="2"><v>3</v></c>', {2: "q"},
         False, [1, "q"]),
    22: ("", '<c r="A22" s="2"><v>1</v></c><c r="B22" s="2"><v>2</v></c>', {}, True, [1, 2]),
    23: ("", '<c r="A23" s="2"><v>1</v></c><c r="C23" s="1" t="inlineStr"><is><t>a&lt;c r="B23"</t></is></c>',
         {2: "<&>", 5: 0}, True, [1, "<&>", 'a<c r="B23"', None, 0]),
    25: ("", '<c r="A26" s="2"><v>1</v></c><c r="B26" s="2"><v>2</v></c>', {2: "x"}, False, [1, 2]),
    29: ("", '<c r="A29" s="2"><v>1</v></c><c r="B29" s="2"><v>2</v></c>', {2: "sau khoảng trống"}, True,
         [1, "sau khoảng trống"]),  # after rows the sheet does not have (27, 28)
}
NEW_ROW = 15  # a row the sheet does not have, written
ROWS_OF_NO_SHEET = {NEW_ROW: {1: 10, 3: "mới"}, 24: {2: "cuối"}, 26: {2: "cuối"}}


def _sheet(between: str = "") -> str:
    """The sheet of ROWS, ``between`` its rows (a sheet written pretty has a new line and spaces)."""
    rows = between.join(f'<row r="{r}"{attrs}>{body}</row>' if body else f'<row r="{r}"{attrs}/>'
                        for r, (attrs, body, *_) in ROWS.items())
    return ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D23"/>'
            '<cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="12" style="2" '
            'customWidth="1"/><col min="3" max="3" width="30" style="1" customWidth="1"/></cols>'
            f'<sheetData>{rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/></worksheet>')


def _patch(sheet: str | None = None) -> X._SheetPatch:
    grid = [[None] * 5 for _ in range(max(ROWS))]
    edits: X.Edits = dict(ROWS_OF_NO_SHEET)
    for r, (_, _, written, _, values) in ROWS.items():
        grid[r - 1][:len(values)] = values
        edits[r] = written
    return X._SheetPatch(X.SheetPart((sheet or _sheet()).encode()), grid, edits, X.Styles(STYLES))


def _way(way, *args) -> str:
    try:
        return way(*args)
    except X.NotPatchable:
        return "NotPatchable"


def test_each_row_the_quick_way_is_the_slow_way():
    patch = _patch()
    shown = patch.xml
    assert patch.wrapping and patch.column_styles  # rows that wrap, columns with a style: both kinds of restyling
    refused = set()
    for r, attrs, body, whole in X._rows(shown, *patch.rows):
        patch._spliced(shown, shown.index(whole), r)  # a shape's first row is taken apart: its pattern made after
        quick, end = patch._spliced(shown, shown.index(whole), r)
        assert (quick is not None) == ROWS[r][3], r
        slow = _way(patch._rebuilt, r, attrs.decode(), body.decode())
        if quick is not None:
            assert quick.decode() == slow and shown[end - len(whole):end] == whole, r
        if slow == "NotPatchable":
            refused.add(r)
    assert refused == {11, 12, 25}  # a cell without its reference first, cells of another row


def _sheet_and_styles(spliced: bool, monkeypatch, sheet: str | None = None) -> tuple[str, str]:
    """The whole new sheet part (every row of _sheet but the refused ones) and the styles, one way or the other."""
    shown = sheet or _sheet()
    for r in (11, 12, 25):
        shown = re.sub(rf'<row r="{r}">.*?</row>', "", shown)
    if not spliced:
        monkeypatch.setattr(X._SheetPatch, "_spliced", lambda self, xml, at, r: (None, at))
    patch = _patch(shown)
    for r in (11, 12, 25):
        del patch.edits[r]
    first = b"".join(patch.pieces())  # the first row of each shape taken apart, its pattern made for the next
    again = b"".join(patch.pieces())
    assert again == first
    return again.decode(), patch.styles.result()


@pytest.mark.parametrize("between", ["", "\n  "])
def test_the_sheet_the_quick_way_is_the_sheet_the_slow_way(monkeypatch, between):
    """Rows one after the other and rows after a gap (14, 16: the number of
    the next row is not the one foreseen), new rows placed between and
    after them; the space between rows is left out either way."""
    quick = _sheet_and_styles(True, monkeypatch, _sheet(between))
    slow = _sheet_and_styles(False, monkeypatch, _sheet(between))
    assert quick == slow
    assert "</row><row r=\"15\">" in quick[0] and "</row><row r=\"24\">" in quick[0]  # the new rows
    assert 'r="B8" s="4"' in quick[0] and '<c r="B6" t="inlineStr" s="2">' in quick[0]  # wrapped; its column's style
    # the header row keeps the height made for its wrapped headers, a row below gets the height of its text
    assert '<row r="1" ht="48" customHeight="1">' in quick[0] and '<row r="10">' in quick[0]


def test_the_copy_of_a_master_after_compute_is_the_same_either_way(monkeypatch, tmp_path):
    """Every part of the copy compute writes of a consolidated master, byte for byte."""
    made = []
    for spliced in (True, False):
        if not spliced:
            monkeypatch.setattr(X._SheetPatch, "_spliced", lambda self, xml, at, r: (None, at))
        book = FileBook(MASTER, writable=True)
        jobs.run_compute(book)
        made.append(tmp_path / f"copy_{spliced}.xlsx")
        book.save(made[-1])
        assert book._wb is None  # written part by part
    with zipfile.ZipFile(made[0]) as quick, zipfile.ZipFile(made[1]) as slow:
        assert quick.namelist() == slow.namelist()
        for name in slow.namelist():
            assert quick.read(name) == slow.read(name), name


@pytest.mark.parametrize("rows", [b'<row r="1"/>\n<row r="2" spans="1:2"><c r="A2"><v>1</v></c></row>x',
                                  b'<row r="1"/><x/><row r="2"/>', b'<rows r="1"/>', b'<row r="1"><c r="A1"/>',
                                  b'<row spans="1:1"/>', b'<row r="1"'])
def test_rows_of_a_sheet_not_as_they_should_be_are_refused(rows):
    with pytest.raises(X.NotPatchable):
        list(X._rows(rows, 0, len(rows)))


def test_a_row_not_closed_before_the_end_of_the_rows_is_refused_the_quick_way_too():
    """The second row (of the first one's shape: matched by its pattern) is closed only after </sheetData>."""
    cell = '<c r="A{0}" t="inlineStr"><is><t>{0}</t></is>'
    sheet = (f'<worksheet><sheetData><row r="1">{cell.format(1)}</c></row><row r="2">{cell.format(2)}</sheetData>'
             '<x></c></row></x><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
             '</worksheet>')
    patch = X._SheetPatch(X.SheetPart(sheet.encode()), [["1"], ["2"]], {1: {2: "x"}, 2: {2: "y"}}, X.Styles(STYLES))
    with pytest.raises(X.NotPatchable):
        b"".join(patch.pieces())


def test_rows_of_a_sheet_are_found_with_their_numbers_and_cells():
    rows = b'<row r="1"/>\n <row r="2" spans="1:2"><c r="A2"><v>1</v></c></row><row r="3" />'
    assert list(X._rows(rows, 0, len(rows))) == [
        (1, b' r="1"', b"", b'<row r="1"/>'),
        (2, b' r="2" spans="1:2"', b'<c r="A2"><v>1</v></c>', b'<row r="2" spans="1:2"><c r="A2"><v>1</v></c></row>'),
        (3, b' r="3" ', b"", b'<row r="3" />')]


def test_the_columns_and_extent_of_a_written_sheet_are_those_of_its_rows():
    """_columns and _extent_of (the sheet read down its columns) give the
    values and the last row and column holding one, as its rows do."""
    import random
    rnd = random.Random(7)
    for _ in range(200):
        grid = [[rnd.choice([None, "", "x", 0, 1.5]) for _ in range(rnd.randrange(5))] for _ in range(rnd.randrange(6))]
        edits = {rnd.randrange(1, 8): {rnd.randrange(1, 6): rnd.choice([None, "", "y", 2])} for _ in range(3)}
        rows = [list(row) for row in grid] + [[] for _ in range(max([len(grid), *edits]) - len(grid))]
        for r, cells in edits.items():
            for c, v in cells.items():
                rows[r - 1] += [None] * (c - len(rows[r - 1]))
                rows[r - 1][c - 1] = v
        columns = X._columns(grid, edits)
        assert all(len(column) == len(rows) for column in columns)
        assert [[column[r] for column in columns] for r in range(len(rows))] == \
            [row + [None] * (len(columns) - len(row)) for row in rows]
        held = [(r, c) for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1) if v not in (None, "")]
        assert X._extent_of(columns) == (max((r for r, _ in held), default=0), max((c for _, c in held), default=0))


@pytest.mark.parametrize("before, after, landscape", [("", '<pageSetup orientation="portrait"/>', False),
                                                      ("", '<pageSetup paperSize="9"/>', True), ("", "", True),
                                                      ('<pageSetup orientation="portrait"/>', "", False)])
def test_the_orientation_of_a_sheet_is_found_after_its_rows_or_anywhere(before, after, landscape):
    assert X._landscape(f"<worksheet>{before}", f"{after}</worksheet>") is landscape



def test_a_sheet_whose_rows_are_out_of_order_is_refused_and_the_copy_made_whole(tmp_path):
    """Rows 1, 2, 5, 3, 4 (no Excel writes them so, other programs may): spliced in
    order, row 3 written would be placed before row 5 and again where it stands.
    Refused the quick way; the copy is made by openpyxl, each row once."""
    import openpyxl
    sheet = _sheet()
    for r in (11, 12, 25):  # rows refused for other reasons
        sheet = re.sub(rf'<row r="{r}">.*?</row>', "", sheet)
    moved = re.sub(r'(<row r="3">.*?</row><row r="4">.*?</row>)(<row r="5">.*?</row>)', r"\2\1", sheet)
    assert re.findall(r'<row r="(\d+)"', moved)[:5] == ["1", "2", "5", "3", "4"]
    patch = _patch(sheet)
    for r in (11, 12, 25):
        del patch.edits[r]
    assert b"".join(patch.pieces())  # in order: patched
    patch = _patch(moved)
    for r in (11, 12, 25):
        del patch.edits[r]
    with pytest.raises(X.NotPatchable):
        b"".join(patch.pieces())
    src = tmp_path / "lon_xon.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Trang"
    for r in range(1, 7):
        wb.active.append([r, f"dòng {r}"])
    wb.save(src)
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = re.sub(r'(<row r="3".*?</row><row r="4".*?</row>)(<row r="5".*?</row>)',
                                               r"\2\1", xml).encode()
    with zipfile.ZipFile(src, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    book = FileBook(src, writable=True)
    book.write("Trang", 3, 3, [["ghi"]])
    book.save(tmp_path / "ban_sao.xlsx")
    with zipfile.ZipFile(tmp_path / "ban_sao.xlsx") as z:
        written = [n for n in z.namelist() if n.startswith("xl/worksheets/")][0]
        numbers = [int(n) for n in re.findall(r'<row r="(\d+)"', z.read(written).decode())]
    assert numbers == sorted(set(numbers)) == [1, 2, 3, 4, 5, 6]   # each row once
    got = [r for r in openpyxl.load_workbook(tmp_path / "ban_sao.xlsx")["Trang"].iter_rows(values_only=True)]
    assert [r[0] for r in got] == [1, 2, 3, 4, 5, 6] and got[2] == (3, "dòng 3", "ghi")
