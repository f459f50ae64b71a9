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
from openpyxl.utils import get_column_letter

from xlsrc import schema as S
from xlsrc.builder import GUIDE_MACRO_LINES, GUIDE_PLAIN_LINES, Content, write_workbook
from xlsrc.demo_data import demo_content

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
        assert ws.sheet_properties.pageSetUpPr.fitToPage and (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0)  # 1 is the default
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
def _pdf_pages(path, tmp_path) -> list[str]:
    out = tmp_path / path.stem
    out.mkdir()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{(tmp_path / 'lo').as_posix()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)], capture_output=True, timeout=300)
    pdf = out / (path.stem + ".pdf")
    assert pdf.exists(), path
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def _sheet_of(page: str) -> str:
    """The sheet name in the footer (left), next to 'Trang n/N' (right)."""
    footer = [line for line in page.splitlines() if re.search(r"Trang \d+/\d+\s*$", line)]
    assert footer, page[-300:]
    return re.sub(r"\s+Trang \d+/\d+\s*$", "", footer[-1]).strip()


# one page per sheet, two for the long paragraphs of Nội dung; derived from the schema so that a sheet
# added there is printed (and counted) too
DEMO_PAGES = {S.GUIDE_SHEET: 1, **{s.name: 1 for s in S.DATA_SHEETS}, S.NARRATIVE.name: 2,
              S.REVIEW_SHEET: 1, S.PROPOSAL_SHEET: 1, S.SOURCES_SHEET: 1}


@pytest.mark.skipif(not HAVE_PDF, reason="LibreOffice or pdftotext not installed")
@pytest.mark.parametrize("name", ["demo.xlsx", "demo.xlsm", "blank.xlsx", "blank.xlsm"])
def test_printed_pdf_one_page_wide(books, name, tmp_path):
    pages = _pdf_pages(books[name], tmp_path)
    sheets = [_sheet_of(p) for p in pages]
    counts = {s: sheets.count(s) for s in dict.fromkeys(sheets)}
    if name.startswith("demo"):
        assert counts == DEMO_PAGES  # and so 14 pages, where an unset page setup printed 32 for 8 sheets
        assert len(pages) == sum(DEMO_PAGES.values())
    else:
        assert all(n == 1 for n in counts.values()), counts
    text = "\n".join(pages)
    assert "ADD_WORKBOOK_TO_PYTHONPATH" not in text and "Đường dẫn" not in text  # xlwings.conf, _thidua_paths
    assert "Kiểm tra dữ liệu" in text or name.startswith("blank")
    for spec in S.RECORD_SHEETS:
        first = pages[sheets.index(spec.name)]
        flat = re.sub(r"\s+", " ", first)
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
