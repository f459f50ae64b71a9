"""The workbook prints: every visible sheet A4 landscape (the guide portrait),
one page wide, header row repeated, page number and sheet name in the
footer; technical columns grouped, collapsed and outside the print area;
xlwings.conf hidden; row heights for wrapped text; panes frozen on TT and
the name. Checked in the file (openpyxl) and on paper (LibreOffice → PDF,
text of each page with pdftotext)."""
from __future__ import annotations

import re
import shutil
import subprocess

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from xlsrc import print_layout as P

from xlsrc import schema as S
from xlsrc.builder import GUIDE_MACRO_LINES, GUIDE_PLAIN_LINES, Content, write_workbook
from xlsrc.demo_data import demo_content

from .test_report_look import _pdf_pages

HAVE_PDF = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


def _master_content() -> Content:
    content = demo_content()
    for rows in content.rows.values():
        for row in rows:
            row.update(unit="Sở Ngoại vụ", source_file="so-ngoai-vu.xlsx", source_sheet="Công trình", source_row=5)
    content.sources = [{"file": "so-ngoai-vu.xlsx", "sha256": "ab" * 32, "unit": "Sở Ngoại vụ", "status": "ok",
                        "rows": 3, "message": ""}]
    return content


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    return {
        "demo.xlsx": write_workbook(folder / "demo.xlsx", demo_content()),
        "demo.xlsm": write_workbook(folder / "demo-macro.xlsm", demo_content(), interpreter="python"),
        "blank.xlsx": write_workbook(folder / "blank.xlsx"),
        "blank.xlsm": write_workbook(folder / "blank-macro.xlsm", interpreter="python"),
        "master.xlsx": write_workbook(folder / "master.xlsx", _master_content()),
    }


def _area(ws) -> tuple[int, int]:
    """(last column, last row) of the print area, 1-based."""
    ref = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
    m = re.search(r"\$([A-Z]+)\$(\d+)$", ref.split("!")[-1])
    return column_index_from_string(m.group(1)), int(m.group(2))


def _scale(ws, across: int) -> float:
    """The print scale the fit gives, estimated as the layout estimates it."""
    last_col, _ = _area(ws)
    widths = [ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, last_col + 1)]
    widths = [w for c, w in enumerate(widths, start=1) if not ws.column_dimensions[get_column_letter(c)].hidden]
    repeated = ws.print_title_cols.split(":")[-1].strip("$") if ws.print_title_cols else ""
    rep = widths[:column_index_from_string(repeated)] if repeated else []
    page = P.PRINTABLE_MM[ws.page_setup.orientation != "portrait"]
    return min(1.0, across * page / (P._mm(widths) + (across - 1) * P._mm(rep)))


def _printed_headers(ws, spec: S.SheetSpec) -> list[str]:
    """Headers of the columns inside the print area that are not hidden."""
    ref = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
    last = re.search(r"\$([A-Z]+)\$\d+$", ref.split("!")[-1]).group(1)
    out = []
    for i, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(i)
        if len(letter) > len(last) or (len(letter) == len(last) and letter > last):
            break
        if not ws.column_dimensions[letter].hidden:
            out.append(col.header)
    return out


@pytest.mark.parametrize("name", ["demo.xlsx", "demo.xlsm", "blank.xlsx", "master.xlsx"])
def test_every_visible_sheet_has_a_page_setup(books, name):
    wb = openpyxl.load_workbook(books[name])
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert {ws.title for ws in visible} >= {S.GUIDE_SHEET} | {s.name for s in S.DATA_SHEETS}
    for ws in visible:
        setup = ws.page_setup
        assert setup.paperSize == 9, ws.title  # A4
        assert setup.orientation == ("portrait" if ws.title == S.GUIDE_SHEET else "landscape"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToHeight == 0
        across = setup.fitToWidth or 1  # 1 is the default
        assert _scale(ws, across) >= P.READABLE_SCALE - 0.05, (ws.title, across, _scale(ws, across))
        if across > 1:  # the identifying columns repeat on each page across
            assert ws.print_title_cols and ws.print_title_cols.startswith("$A:"), ws.title
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
        assert ws.oddFooter.left.text == "&A"  # the sheet name
        assert ws.page_margins.left >= 0.5 and ws.page_margins.bottom >= 0.5
        assert ws.print_area
        if ws.title != S.GUIDE_SHEET:
            assert ws.print_title_rows == "$1:$1", ws.title


@pytest.mark.parametrize("spec", S.RECORD_SHEETS, ids=[s.key for s in S.RECORD_SHEETS])
def test_technical_columns_grouped_collapsed_and_not_printed(books, spec):
    unit_wb = openpyxl.load_workbook(books["demo.xlsx"])
    master_wb = openpyxl.load_workbook(books["master.xlsx"])
    for wb, master in ((unit_wb, False), (master_wb, True)):
        ws = wb[spec.name]
        for i, col in enumerate(spec.columns, start=1):
            dim = ws.column_dimensions[get_column_letter(i)]
            technical = col.key in S.ORIGIN_KEYS + (S.EXTRA.key,) and not (master and col.key == "unit")
            assert bool(dim.hidden) == technical and (dim.outline_level == 1) == technical, (col.header, master)
        printed = _printed_headers(ws, spec)
        assert not any(h.startswith("Nguồn") for h in printed) and S.CHECK.header not in printed
        assert S.EXTRA.header not in printed
        assert ("Đơn vị báo cáo" in printed) == master
        key = spec.column(spec.key_column).header
        assert key in printed and printed[0] == spec.columns[0].header


def test_xlwings_conf_hidden_and_guide_without_buttons_in_xlsx(books):
    for name in ("demo.xlsx", "demo.xlsm"):
        wb = openpyxl.load_workbook(books[name])
        assert wb[S.CONF_SHEET].sheet_state == "hidden"
        guide = " ".join(str(c.value) for row in wb[S.GUIDE_SHEET].iter_rows() for c in row if c.value)
        macro = name.endswith(".xlsm")
        assert ("nút" in guide.replace("nút bấm, tạo sổ .xlsm", "")) == macro
        assert all((line in guide) == macro for line in GUIDE_MACRO_LINES)
        assert all((line in guide) != macro for line in GUIDE_PLAIN_LINES)
        assert (S.CONF_SHEET in guide) == macro
        assert wb[S.GUIDE_SHEET].row_dimensions[1].height >= 24  # the 16 pt title is not cut
        assert ("ribbon" in guide) == macro
        review = str(wb[S.REVIEW_SHEET]["A1"].value)
        assert ("Bấm" in review) == macro and ("thidua review" in review) != macro


def test_row_heights_for_wrapped_text_and_frozen_names(books):
    wb = openpyxl.load_workbook(books["demo.xlsx"])
    works = wb[S.WORKS.name]
    # row 4: the third work, whose progress is a 400-character explanation in a narrow column
    assert works.row_dimensions[4].height > 10 * 15
    assert works.row_dimensions[4].customHeight
    narrative = wb[S.NARRATIVE.name]
    assert all(narrative.row_dimensions[r].height >= 3 * 15 for r in range(2, 8))
    assert works.freeze_panes == "C2"  # header row, TT and the name stay in view
    status = get_column_letter(S.WORKS.columns.index(S.WORKS.column("status")) + 1)
    name = get_column_letter(S.WORKS.columns.index(S.WORKS.column("name")) + 1)
    assert works[f"{status}2"].fill.fgColor.rgb.endswith("EDEDED")  # computed: grey
    assert works[f"{name}2"].fill.fgColor.rgb in (None, "00000000")


# ---------------------------------------------------------------- on paper
@pytest.fixture(scope="module")
def printed(books, reviewed, tmp_path_factory):
    """The pages of the books that print (not the master) and of the review copy,
    printed by one LibreOffice run (a start costs more than a file), by file name."""
    if not HAVE_PDF:
        pytest.skip("LibreOffice or pdftotext not installed")
    paths = [books[name] for name in ("demo.xlsx", "demo.xlsm", "blank.xlsx", "blank.xlsm")] + [reviewed]
    assert len({p.stem for p in paths}) == len(paths)  # one folder for the PDFs
    return _pdf_pages(paths, tmp_path_factory.mktemp("printed"))


def _sheet_of(page: str) -> str:
    """The sheet name in the footer (left), next to 'Trang n/N' (right)."""
    footer = [line for line in page.splitlines() if re.search(r"Trang \d+/\d+\s*$", line)]
    assert footer, page[-300:]
    return re.sub(r"\s+Trang \d+/\d+\s*$", "", footer[-1]).strip()


def _across(path) -> dict[str, int]:
    """Pages across of every visible sheet, as its page setup asks."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: ws.page_setup.fitToWidth or 1 for ws in wb.worksheets if ws.sheet_state == "visible"
            and any(c.value is not None for row in ws.iter_rows() for c in row)}  # an empty sheet prints nothing


# pages across as the page setup asks (a wide sheet over two or three, key columns repeated), one page
# long, two for the long paragraphs of Nội dung; derived from the file so that a sheet added is counted too
DEMO_LONG = {S.NARRATIVE.name: 2}


@pytest.mark.skipif(not HAVE_PDF, reason="LibreOffice or pdftotext not installed")
@pytest.mark.parametrize("name", ["demo.xlsx", "demo.xlsm", "blank.xlsx", "blank.xlsm"])
def test_printed_pdf_readable_and_only_the_rows_that_hold_data(books, printed, name):
    pages = printed[books[name].stem]
    sheets = [_sheet_of(p) for p in pages]
    counts = {s: sheets.count(s) for s in dict.fromkeys(sheets)}
    across = _across(books[name])
    long = DEMO_LONG if name.startswith("demo") else {}
    # Tiêu chuẩn (a row per title, long legal bases since the dossier's vote and verification columns) runs
    # over two pages long: between one and two times its pages across, never a page of empty rows
    tall = {S.STANDARDS.name}
    assert across[S.STANDARDS.name] <= counts.pop(S.STANDARDS.name) <= 2 * across.pop(S.STANDARDS.name)
    assert counts == {s: n * long.get(s, 1) for s, n in across.items() if s not in tall}, counts
    text = "\n".join(pages)
    assert "ADD_WORKBOOK_TO_PYTHONPATH" not in text and "Đường dẫn" not in text  # xlwings.conf, _thidua_paths
    assert "Kiểm tra dữ liệu" in text or name.startswith("blank")
    for spec in S.RECORD_SHEETS:
        flat = re.sub(r"\s+", " ", " ".join(p for p, s in zip(pages, sheets) if s == spec.name))
        for col in spec.columns:  # every printed header on the sheet's first page: one page wide
            words = col.header.split()[0]
            if col.key in S.ORIGIN_KEYS + (S.EXTRA.key,) or col is S.CHECK:
                assert col.header not in flat
            else:
                assert words in flat, (spec.name, col.header)
    if name.startswith("demo"):
        assert "Trích yếu" in pages[sheets.index(S.INFO.name)]
        # a wrapped cell shows all of its text, to the last words
        assert "sang năm 2022." in re.sub(r"\s+", " ", pages[sheets.index(S.WORKS.name)])


# -- issue 22, point 16: the rows that hold data, a readable scale, heights for wrapped text ----------
@pytest.mark.parametrize("name", ["demo.xlsx", "blank.xlsx", "master.xlsx"])
def test_the_print_area_holds_the_rows_with_data_not_the_formatted_range(books, name):
    wb = openpyxl.load_workbook(books[name])
    for spec in S.RECORD_SHEETS + S.REVIEW_INPUT_SHEETS + S.AWARD_DOC_SHEETS:
        ws = wb[spec.name]
        filled = max((c.row for row in ws.iter_rows(min_row=2) for c in row if c.value is not None), default=1)
        assert _area(ws)[1] == max(filled, 2), (spec.name, ws.print_area, filled)


def test_every_row_of_the_guide_has_the_height_of_its_text(books):
    for name in ("demo.xlsx", "demo.xlsm"):
        ws = openpyxl.load_workbook(books[name])[S.GUIDE_SHEET]
        widths = [ws.column_dimensions[x].width for x in "AB"]
        for r in range(2, ws.max_row + 1):
            lines = max(P.text_lines(ws.cell(r, c).value, widths[c - 1] - 0.71) for c in (1, 2))
            if lines > 1:
                assert (ws.row_dimensions[r].height or 0) >= min(lines * P.LINE_PT, P.MAX_ROW_PT), (name, r, ws.cell(r, 1).value)


@pytest.fixture(scope="module")
def reviewed(books, tmp_path_factory):
    from xlsrc import cli
    out = tmp_path_factory.mktemp("rv") / "rasoat.xlsx"
    with pytest.raises(SystemExit) as done:
        cli.main(["review", str(books["demo.xlsx"]), "-o", str(out)])
    assert done.value.code == 0 and out.exists()
    return out


def test_a_review_copy_prints_its_review_rows_readably(reviewed):
    wb = openpyxl.load_workbook(reviewed)
    for sheet in (S.REVIEW_SHEET, S.PROPOSAL_SHEET):
        ws = wb[sheet]
        last_col, last_row = _area(ws)
        assert last_row == ws.max_row and last_col == max(c.column for row in ws.iter_rows() for c in row
                                                          if c.value is not None), (sheet, ws.print_area)
        assert last_col < 20  # never the 35 formatted columns
        assert _scale(ws, ws.page_setup.fitToWidth or 1) >= P.READABLE_SCALE - 0.05
        widths = [next((d.width for d in ws.column_dimensions.values() if (d.min or 0) <= c <= (d.max or 0)), 13)
                  for c in range(1, last_col + 1)]
        for r in range(2, last_row + 1):
            lines = max(P.text_lines(ws.cell(r, c).value, widths[c - 1]) for c in range(1, last_col + 1))
            if lines > 1:
                assert ws.row_dimensions[r].height >= min(lines * P.LINE_PT, P.MAX_ROW_PT), (sheet, r)
                assert ws.cell(r, last_col).font.name == "Times New Roman"  # the column's font, as measured


@pytest.mark.skipif(not HAVE_PDF, reason="LibreOffice or pdftotext not installed")
def test_a_review_copy_on_paper_shows_every_proposal_in_full(reviewed, printed):
    pages = printed[reviewed.stem]
    sheets = [_sheet_of(p) for p in pages]
    proposal = [p for p, s in zip(pages, sheets) if s == S.PROPOSAL_SHEET]
    # the review's six columns and the council's vote columns: at most two pages across, at a readable size
    assert 1 <= len(proposal) <= 2
    ws = openpyxl.load_workbook(reviewed)[S.PROPOSAL_SHEET]
    flat = re.sub(r"\s+", " ", " ".join(proposal))
    for r in range(2, ws.max_row + 1):
        achievements = str(ws.cell(r, 6).value)
        words = achievements.split()  # wrapped, to its last word (the next column's text may come between lines)
        start = flat.index(" ".join(words[:3]))
        assert flat.find(words[-1], start + len(" ".join(words[:-1])) - 1) > start, achievements
    assert sheets.count(S.REVIEW_SHEET) < 20


def test_wrapped_rows_give_each_rows_height_and_its_wrapping_cells():
    """Each row's height is that of its tallest text, measured with a margin
    (0.9 of the column); a cell wraps where its text takes two lines in the
    column's own width. Texts recur down the columns, rows differ in length,
    a hidden column (infinite width) never wraps."""
    w = 10.0
    cap = P.CHARS_PER_WIDTH * w
    fits_only_without_margin = "x" * int(cap * 0.95)     # two lines with the margin, one without
    long = "y" * int(cap * 2.5)                           # three lines either way
    rows = [["short", long, None], [fits_only_without_margin, 3.5], [None, "a\nb", long, long],
            ["short", "short"], [long, long, long]]
    got = list(P.wrapped_rows(rows, [w, w, float("inf")], first_row=2))
    assert got == [(2, P.height_of(3), [2]), (3, P.height_of(2), []), (4, P.height_of(2), [2]),
                   (6, P.height_of(3), [1, 2])]


@pytest.fixture(scope="module")
def reviewed_both_ways(books, reviewed, tmp_path_factory):
    """The review copy made part by part (``reviewed``) and the same copy made by openpyxl."""
    from xlsrc import cli
    from xlsrc.access import files
    out = tmp_path_factory.mktemp("rv-openpyxl") / "rasoat.xlsx"
    files.PATCH = False
    try:
        with pytest.raises(SystemExit) as done:
            cli.main(["review", str(books["demo.xlsx"]), "-o", str(out)])
    finally:
        files.PATCH = True
    assert done.value.code == 0
    return {"part by part": reviewed, "openpyxl": out}


@pytest.mark.parametrize("way", ["part by part", "openpyxl"])
def test_a_sheet_over_pages_wide_prints_each_rows_pages_one_after_the_other(reviewed_both_ways, way):
    """The Rà soát sheet (names, the long reasons, then a column a title) prints two pages wide: the page with
    the titles' results of the first people follows the page with their reasons, not the reasons of everyone."""
    ws = openpyxl.load_workbook(reviewed_both_ways[way])[S.REVIEW_SHEET]
    assert ws.page_setup.fitToWidth > 1
    assert ws.page_setup.pageOrder == P.ACROSS_FIRST


@pytest.mark.skipif(not HAVE_PDF, reason="LibreOffice or pdftotext not installed")
def test_on_paper_the_results_of_a_row_follow_its_reasons(reviewed, printed):
    pages = printed[reviewed.stem]
    review = [p for p in pages if _sheet_of(p) == S.REVIEW_SHEET]
    ws = openpyxl.load_workbook(reviewed)[S.REVIEW_SHEET]
    first, title = ws.cell(2, 1).value, ws.cell(1, 7).value
    assert first in review[0] and "Lý do" in review[0]
    assert first in review[1] and title.split()[0] in review[1]


def test_a_workbook_sheet_over_pages_wide_prints_across_first(books):
    wb = openpyxl.load_workbook(books["demo.xlsx"])
    wide = [ws for ws in wb.worksheets if (ws.page_setup.fitToWidth or 1) > 1]
    assert wide, "a sheet of the demo prints over pages wide"
    assert {ws.page_setup.pageOrder for ws in wide} == {P.ACROSS_FIRST}


def test_a_review_copy_keeps_the_height_of_its_header_row_both_ways(books, reviewed_both_ways):
    """The titles' headers wrap over two lines in a row the builder made 48 pt high: a copy made part by part
    kept that row's cells and lost its height (the results' first row then stood on the headers' second line)."""
    built = openpyxl.load_workbook(books["demo.xlsx"])[S.REVIEW_SHEET].row_dimensions[1].height
    assert built and built >= 2 * P.LINE_PT
    for way, path in reviewed_both_ways.items():
        assert openpyxl.load_workbook(path)[S.REVIEW_SHEET].row_dimensions[1].height == built, way


# -- in Excel (Windows): what the macro sets through the PageSetup COM object, on an emulation of it ----------
class _PageSetupCOM:
    """Excel's PageSetup as COM shows it: the properties set are kept; without a printer every set fails."""

    def __init__(self, orientation: int = 2, printer: bool = True):
        self.__dict__.update(Orientation=orientation, _printer=printer, _set={})

    def __setattr__(self, name, value):
        if not self._printer:
            raise RuntimeError("Unable to set the FitToPagesWide property of the PageSetup class")
        self._set[name] = value


class _Sheet:
    """An xlwings sheet of the widths given: its print area, its columns' widths (the calls counted)."""

    def __init__(self, widths):
        self.widths, self.calls = widths, 0
        self.page_setup = type("PageSetup", (), {"print_area": None})()

    def range(self, cell):
        self.calls += 1
        return type("Range", (), {"column_width": self.widths[cell[1] - 1]})()


REVIEW_WIDTHS = [28.7, 16.7, 13, 13, 13, 70.7] + [16.7] + [13] * 5  # the Rà soát of the demo, as the workbook has it


@pytest.mark.parametrize("rows", [14, 60_000])
def test_excel_fits_a_written_sheets_print_as_a_copy_does_with_calls_that_do_not_grow_with_rows(rows):
    from xlsrc.access.excel import XL_OVER_THEN_DOWN, fit_print
    ws, setup = _Sheet(REVIEW_WIDTHS), _PageSetupCOM()
    fit_print(ws, rows, len(REVIEW_WIDTHS), setup)
    assert ws.page_setup.print_area == f"$A$1:$L${rows}"
    across, repeat = P.page_fit(REVIEW_WIDTHS, True)
    assert (across, repeat) == (2, 1)
    assert setup._set == {"Zoom": False, "FitToPagesWide": 2, "FitToPagesTall": False, "Order": XL_OVER_THEN_DOWN,
                          "PrintTitleRows": "$1:$1", "PrintTitleColumns": "$A:$A"}
    assert ws.calls == len(REVIEW_WIDTHS)  # one a column, whatever the rows
    narrow, setup = _Sheet([10, 20, 12]), _PageSetupCOM(orientation=1)  # portrait, one page wide
    fit_print(narrow, rows, 3, setup)
    assert setup._set["FitToPagesWide"] == 1 and setup._set["PrintTitleColumns"] == ""
    fit_print(narrow, rows, 3, None)  # macOS, the remote engine: the print area alone
    assert narrow.page_setup.print_area == f"$A$1:$C${rows}"


def test_excel_without_a_printer_keeps_the_sheet_written_and_the_job_done(monkeypatch, log_file):
    """Excel refuses page settings when no printer is installed: the settings are logged, the other
    sheets still fitted, nothing raised (the data is written; the job's message follows)."""
    from xlsrc.access import excel
    sheets = {"Rà soát": _Sheet(REVIEW_WIDTHS), "Danh sách đề nghị": _Sheet([6, 24, 20, 20, 30, 60])}
    setups = {"Rà soát": _PageSetupCOM(printer=False), "Danh sách đề nghị": _PageSetupCOM()}
    monkeypatch.setattr(excel, "_windows_page_setup", lambda ws: next(setups[n] for n, s in sheets.items() if s is ws))
    book = excel.XlwingsBook.__new__(excel.XlwingsBook)
    told = []  # Excel told to hold the settings, then to send them (PrintCommunication)
    app = type("App", (), {"api": type("Api", (), {"__setattr__": lambda self, name, on: told.append((name, on))})()})
    book.book = type("Book", (), {"sheets": sheets, "app": app})()
    book._whole, book._last_rows = {"Rà soát": (14, 12), "Danh sách đề nghị": (17, 6)}, {}
    book.fit_prints()
    assert sheets["Rà soát"].page_setup.print_area == "$A$1:$L$14" and setups["Rà soát"]._set == {}
    assert sheets["Danh sách đề nghị"].page_setup.print_area == "$A$1:$F$17"
    assert setups["Danh sách đề nghị"]._set["Order"] == excel.XL_OVER_THEN_DOWN
    assert "thiết lập in trang 'Rà soát'" in log_file.read_text(encoding="utf-8")
    assert told == [("PrintCommunication", False), ("PrintCommunication", True)]


@pytest.mark.parametrize("area,last,after", [
    ("$A$1:$L$4", 10, "$A$1:$L$10"),    # rows typed in Excel since the book was made
    ("$A$1:$L$4", 3, "$A$1:$L$4"),      # rows deleted: the area left as it is (it still holds every row)
    ("$B$2:$L$4", 10, "$B$2:$L$4"),     # set by the user elsewhere than A1
    ("R1C1:R4C12", 10, "R1C1:R4C12"),   # Excel with R1C1 references
    (None, 10, None)])                  # no print area: Excel prints the used range
def test_excel_print_rows_grow_to_the_last_row_with_data_only_from_a1(area, last, after):
    from xlsrc.access.excel import _last_row, print_rows
    ws = _Sheet([])
    ws.page_setup.print_area = area
    print_rows(ws, last)
    assert ws.page_setup.print_area == after
    assert _last_row([["TT"], [1, "A"], [None, ""], [None]]) == 2 and _last_row([[None]]) == 0
