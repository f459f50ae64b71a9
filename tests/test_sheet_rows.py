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


# The rows' XML as the splicer wrote it before rows were read from their dicts (1.0 and True kept apart from 1,
# an empty text and None alike, grey blanks, a wrapped text's height, the same text once per column), row by row
ROWS_XML = (
    '<row r="7" ht="33.5" customHeight="1"><c r="A7" s="3"><v>1</v></c><c r="B7" s="4" t="inlineStr"><is><t xml:space="preserve">Sửa &lt;cầu&gt; &amp; đường</t></is></c><c r="C7"><v>44260</v></c><c r="D7" s="5"><v>0.5</v></c><c r="E7" s="6" t="inlineStr"><is><t xml:space="preserve">True</t></is></c></row>',
    '<row r="8" ht="65.0" customHeight="1"><c r="A8" s="3"><v>2.0</v></c><c r="B8" s="4" t="inlineStr"><is><t xml:space="preserve">Sửa &lt;cầu&gt; &amp; đường</t></is></c><c r="C8"><v>44260.5</v></c><c r="D8" s="5" t="inlineStr"><is><t xml:space="preserve">inf</t></is></c><c r="E8" s="6"><v>1</v></c><c r="F8" t="inlineStr"><is><t xml:space="preserve">aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c><c r="G8" t="inlineStr"><is><t xml:space="preserve">[\'x\']</t></is></c></row>',
    '<row r="9" ht="33.5" customHeight="1"><c r="A9" s="3"/><c r="D9" s="5"><v>1.0</v></c><c r="E9" s="6" t="inlineStr"><is><t xml:space="preserve">dòng 1\ndòng 2</t></is></c></row>',
    '<row r="10"><c r="A10" s="3"/><c r="E10" s="6"/></row>',
)


def test_rows_as_lists_or_as_dicts_make_the_same_xml():
    from xlsrc.sheet_rows import iter_rows_xml
    rows = [[1, "Sửa <cầu> & đường", dt.datetime(2021, 3, 5), 0.5, True, None, ""],
            [2.0, "Sửa <cầu> & đường", dt.datetime(2021, 3, 5, 12), float("inf"), 1, "a" * 40, ["x"]],
            [None, "", None, 1.0, "dòng 1\ndòng 2", None, None],
            [None] * 7]
    keys = list("abcdefg")
    dicts = [{k: v for k, v in zip(keys, row) if v is not None} for row in rows]
    layout = dict(styles=[3, 4, 0, 5, 6], widths=[5, 10, 10, 8, 8, 10, 8], styled_blanks=[0, 2, 4], batch=2)
    assert list(iter_rows_xml(7, rows, **layout)) == ["".join(ROWS_XML[:2]), "".join(ROWS_XML[2:])]  # 2 a piece
    assert list(iter_rows_xml(7, dicts, keys=keys, **layout)) == ["".join(ROWS_XML[:2]), "".join(ROWS_XML[2:])]


def test_equal_numbers_of_another_type_or_sign_keep_their_own_cells_down_a_column():
    """Rows are made column by column, each distinct value once: 0.0 and
    -0.0, 1, 1.0 and True are equal keys of a dict but not the same cell."""
    from xlsrc.sheet_rows import rows_xml
    floats = [[0.0], [-0.0], [0.5], [0.0], [-0.0]]
    written = ["0.0", "-0.0", "0.5", "0.0", "-0.0"]
    assert rows_xml(1, floats, styles=[]) == "".join(f'<row r="{r}"><c r="A{r}"><v>{v}</v></c></row>'
                                                     for r, v in enumerate(written, 1))
    mixed = [[1], [1.0], [True], ["1"], [float("nan")], [1], [False], [0], [None]]
    cell = {"n": '<c r="A{r}"><v>{v}</v></c>',
            "s": '<c r="A{r}" t="inlineStr"><is><t xml:space="preserve">{v}</t></is></c>'}
    want = [("n", "1"), ("n", "1.0"), ("s", "True"), ("s", "1"), ("s", "nan"), ("n", "1"), ("s", "False"), ("n", "0")]
    assert rows_xml(1, mixed, styles=[]) == "".join(f'<row r="{r}">{cell[k].format(r=r, v=v)}</row>'
                                                    for r, (k, v) in enumerate(want, 1))
