"""The workbook `thidua new` writes, opened with openpyxl: sheets, real Excel
tables with the schema headers, frozen headers, dropdowns for every
vocabulary, date and % formats, conditional formatting, the guide; text
that looks like a formula stays text."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.builder import LIST_SHEET, VALIDATION_ROWS, Content, build_workbook, write_workbook
from xlsrc.cli import main
from xlsrc.demo_data import demo_content
from xlsrc.errors import OutputExists, ThiDuaError
from xlsrc.records import read_workbook
from xlsrc.validation import validate

HOSTILE = ['=HYPERLINK("x")', '=1+1', "+84 912 345 678", "-5 ngày", "@SUM(A1)", "=cmd|' /C calc'!A0"]


@pytest.fixture(scope="module")
def new_book(tmp_path_factory):
    """What `thidua new` writes."""
    path = tmp_path_factory.mktemp("new") / "so-moi.xlsx"
    with pytest.raises(SystemExit) as exit_:
        main(["new", str(path)])
    assert exit_.value.code == 0
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def demo_wb(tmp_path_factory):
    path = write_workbook(tmp_path_factory.mktemp("demo") / "demo.xlsx", demo_content())
    return openpyxl.load_workbook(path)


def _column_format(ws, index: int) -> str | None:
    """The number format of a whole column (1-based), from its <col> style."""
    for dim in ws.column_dimensions.values():
        if dim.min and dim.min <= index <= dim.max:
            return dim.number_format
    return None


def _list_values(wb, formula: str) -> list[str]:
    sheet, ref = formula.lstrip("=").rsplit("!", 1)
    ws = wb[sheet.strip("'")]
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    return [ws.cell(r, min_col).value for r in range(min_row, max_row + 1)]


def test_sheets_in_order(new_book):
    assert new_book.sheetnames == [S.GUIDE_SHEET, "Thông tin", "Kế hoạch", "Công trình", "Khen thưởng", "Nội dung",
                                   "Cán bộ", "Đánh giá", "Sáng kiến", "Tiêu chuẩn", "Rà soát", "Danh sách đề nghị",
                                   "Hội đồng", "Phiên họp", "Thành tích",
                                   "Quyết định", "Mẫu in phôi", "Lương cơ sở", "Sổ vàng",
                                   S.SUMMARY_SHEET, S.SOURCES_SHEET, LIST_SHEET, S.CONF_SHEET, S.PATHS_SHEET]
    hidden = [ws.title for ws in new_book.worksheets if ws.sheet_state != "visible"]
    assert hidden == [LIST_SHEET, S.CONF_SHEET, S.PATHS_SHEET]
    assert new_book.active.title == S.GUIDE_SHEET


@pytest.mark.parametrize("spec", S.RECORD_SHEETS, ids=[s.key for s in S.RECORD_SHEETS])
def test_record_sheet_is_a_real_table_with_the_schema_headers(new_book, spec):
    ws = new_book[spec.name]
    assert list(ws.tables) == [spec.table]
    table = ws.tables[spec.table]
    min_col, min_row, max_col, _ = range_boundaries(table.ref)
    assert (min_col, min_row, max_col) == (1, 1, len(spec.columns))
    assert [c.name for c in table.tableColumns] == spec.headers
    assert [ws.cell(1, c).value for c in range(1, len(spec.columns) + 1)] == spec.headers
    frozen = {"plans": "D2", "works": "C2", "awards": "C2", "narrative": "C2"}  # header, TT and the name
    assert ws.freeze_panes == frozen[spec.key]


def test_info_sheet_is_a_form_of_every_field(new_book):
    ws = new_book[S.INFO.name]
    assert list(ws.tables) == [S.INFO.table]
    assert [c.name for c in ws.tables[S.INFO.table].tableColumns] == list(S.INFO_HEADERS)
    assert ws.freeze_panes == "B2"
    labels = [ws.cell(r, 1).value for r in range(2, 2 + len(S.INFO.columns))]
    assert labels == [c.header + (" *" if c.required else "") for c in S.INFO.columns]
    helps = [ws.cell(r, 3).value for r in range(2, 2 + len(S.INFO.columns))]
    assert all(helps)


@pytest.mark.parametrize("spec", S.RECORD_SHEETS, ids=[s.key for s in S.RECORD_SHEETS])
def test_dropdown_for_every_vocabulary_column(new_book, spec):
    ws = new_book[spec.name]
    by_col = {}
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list"
        for rng in dv.sqref.ranges:
            by_col[rng.min_col] = (rng.min_row, rng.max_row, dv.formula1)
    vocab_cols = {i: c for i, c in enumerate(spec.columns, start=1) if c.vocab}
    assert set(by_col) == set(vocab_cols)
    for i, col in vocab_cols.items():
        first, last, formula = by_col[i]
        assert (first, last) == (2, VALIDATION_ROWS + 1)
        assert _list_values(new_book, formula) == S.vocabulary(col.vocab).values


def test_info_dropdowns(new_book):
    ws = new_book[S.INFO.name]
    found = {str(dv.sqref): _list_values(new_book, dv.formula1) for dv in ws.data_validations.dataValidation}
    expected = {f"B{r}": S.vocabulary(c.vocab).values for r, c in enumerate(S.INFO.columns, start=2) if c.vocab}
    assert found == expected and expected


@pytest.mark.parametrize("spec", S.RECORD_SHEETS, ids=[s.key for s in S.RECORD_SHEETS])
def test_date_and_percent_column_formats(new_book, spec):
    ws = new_book[spec.name]
    for i, col in enumerate(spec.columns, start=1):
        fmt = _column_format(ws, i)
        if col.kind == S.DATE:
            assert fmt == "dd/mm/yyyy", col.header
        elif col.kind == S.PROGRESS:
            assert fmt == "0%", col.header
        else:
            assert fmt not in ("dd/mm/yyyy", "0%"), col.header


def test_data_cells_carry_the_formats(demo_wb):
    works = demo_wb[S.WORKS.name]
    start = get_column_letter(S.WORKS.columns.index(S.WORKS.column("start")) + 1)
    progress = get_column_letter(S.WORKS.columns.index(S.WORKS.column("progress")) + 1)
    assert works[f"{start}2"].number_format == "dd/mm/yyyy" and works[f"{start}2"].value == "Năm 2021"
    assert works[f"{progress}3"].number_format == "0%" and works[f"{progress}3"].value == 1.0
    plans = demo_wb[S.PLANS.name]
    assert plans["D2"].value == dt.datetime(2021, 11, 12) and plans["D2"].number_format == "dd/mm/yyyy"
    info = demo_wb[S.INFO.name]
    row = 2 + [c.key for c in S.INFO.columns].index("doc_date")
    assert info.cell(row, 2).value == dt.datetime(2021, 11, 18) and info.cell(row, 2).number_format == "dd/mm/yyyy"
    assert demo_wb[S.WORKS.name].tables[S.WORKS.table].ref == f"A1:{get_column_letter(len(S.WORKS.columns))}4"


@pytest.mark.parametrize("spec", S.DATA_SHEETS, ids=[s.key for s in S.DATA_SHEETS])
def test_conditional_formatting(new_book, spec):
    ws = new_book[spec.name]
    rules = [(str(cf.sqref), r.type, r.formula) for cf in ws.conditional_formatting for r in cf.rules]
    check = get_column_letter(len(S.INFO_HEADERS) if spec is S.INFO else len(spec.columns))
    formulas = [f for _, t, f in rules if t == "expression"]
    assert [f'LEFT(${check}2,3)="Lỗi"'] in formulas and [f'LEFT(${check}2,8)="Cảnh báo"'] in formulas
    if spec is S.WORKS:
        status_col = get_column_letter(S.WORKS.columns.index(S.WORKS.column("status")) + 1)
        highlighted = {f[0].strip('"') for ref, t, f in rules if t == "cellIs" and ref.startswith(status_col)}
        assert highlighted == set(S.VOCABULARIES["status"].values)


def test_guide_explains_each_sheet(new_book):
    rows = [r for r in new_book[S.GUIDE_SHEET].iter_rows(values_only=True)]
    explained = {r[0]: r[1] for r in rows if r[0] and len(r) > 1 and r[1]}
    for spec in S.DATA_SHEETS:
        assert spec.description in explained[spec.name]
        for col in spec.columns:
            if col.required:
                assert col.header in explained[spec.name]
    for name in (S.SUMMARY_SHEET, S.SOURCES_SHEET):
        assert explained.get(name)
    text = " ".join(str(v) for r in rows for v in r if v)
    for hint in ("dd/mm/yyyy", "Tháng 4", "Quý II/2021", "Năm 2021", "95%"):
        assert hint in text


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    content = demo_content()
    for i, text in enumerate(HOSTILE):
        content.rows["narrative"][i]["text"] = text
    content.rows["works"][0]["name"] = HOSTILE[0]
    content.info["summary"] = HOSTILE[0]
    path = write_workbook(tmp_path / "hostile.xlsx", content)
    wb = openpyxl.load_workbook(path)
    text_col = S.NARRATIVE.columns.index(S.NARRATIVE.column("text")) + 1
    cells = [wb[S.NARRATIVE.name].cell(r, text_col) for r in range(2, 2 + len(HOSTILE))]
    assert [(c.value, c.data_type) for c in cells] == [(t, "s") for t in HOSTILE]
    assert (wb[S.WORKS.name]["B2"].value, wb[S.WORKS.name]["B2"].data_type) == (HOSTILE[0], "s")
    summary_row = 2 + [c.key for c in S.INFO.columns].index("summary")
    cell = wb[S.INFO.name].cell(summary_row, 2)
    assert (cell.value, cell.data_type) == (HOSTILE[0], "s")
    data = read_workbook(FileBook(path))  # and the reader gets the text back
    assert data.works[0]["name"] == HOSTILE[0]
    assert [n["text"] for n in data.narrative[:len(HOSTILE)]] == HOSTILE


def test_blank_template_reads_back_empty(tmp_path):
    path = write_workbook(tmp_path / "blank.xlsx")
    data = read_workbook(FileBook(path))
    assert data.missing == []
    assert all(data.records[s.key] == [] for s in S.RECORD_SHEETS)
    findings = validate(data)
    assert {f.code for f in findings} == {"REQUIRED_EMPTY", "SIGNER_NAME_EMPTY"}
    assert {f.column for f in findings if f.code == "REQUIRED_EMPTY"} == {
        c.header for c in S.INFO.columns if c.required}


def test_build_is_deterministic():
    assert build_workbook(demo_content()) == build_workbook(demo_content())
    assert build_workbook(Content()) == build_workbook()


def test_build_does_not_depend_on_the_clock():
    """Byte-identical on another day too: every zip entry and the document
    properties carry fixed dates, none taken from the clock."""
    import io
    import zipfile
    data = build_workbook(demo_content())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2021-01-01T00:00:00Z") == 2  # created and modified


def test_macro_build_is_deterministic():
    assert build_workbook(demo_content(), macro=True, interpreter="python") == \
        build_workbook(demo_content(), macro=True, interpreter="python")


def test_write_refuses_to_overwrite_and_wrong_suffix(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx")
    with pytest.raises(OutputExists):
        write_workbook(path)
    write_workbook(path, demo_content(), force=True)
    assert len(read_workbook(FileBook(path)).works) == 3
    with pytest.raises(ThiDuaError) as err:
        write_workbook(tmp_path / "a.xls")
    assert "a.xls" in str(err.value) and ".xlsx" in str(err.value)
