"""How the workbook looks on screen and on paper, derived from the schema:
A4 landscape fitted to one page wide, the header row repeated, page number
and sheet name in the footer; technical columns grouped, collapsed and
outside the print area; panes frozen on the header and the identifying
columns; row heights for wrapped text (LibreOffice does not grow rows by
itself).

Every sheet the builder makes goes through :func:`setup_page`, so a sheet
added to the schema prints like the others without further code."""
from __future__ import annotations

import copy
import math
from itertools import compress, count, repeat, zip_longest
from typing import Any, Iterable, Iterator, Sequence

from . import schema as S

PAPER_A4 = 9
# inches (the unit of the .xlsx page setup): left 15 mm, right 10 mm, top 15 mm, bottom 19 mm
MARGINS = {"left": 0.6, "right": 0.4, "top": 0.6, "bottom": 0.75}
FOOTER = '&L&"Times New Roman"&9&A&R&"Times New Roman"&9Trang &P/&N'
FROZEN_WIDTH_MAX = 70           # frozen columns never wider than this (characters), else only up to TT
LINE_PT = 15.75                 # one line of 12 pt Times New Roman
MAX_ROW_PT = 409.5              # Excel's tallest row (a taller one is refused by Excel's own row height setting)
CHARS_PER_WIDTH = 1.3           # 12 pt Times New Roman characters per unit of Excel column width (measured: ~1.4)


PRINTABLE_MM = {True: 297 - 25.4, False: 210 - 25.4}  # A4 width inside the margins: landscape, portrait
MM_PER_WIDTH = 1.9              # one unit of Excel column width, in mm (7 px at 96 dpi, plus padding)
# a sheet over pages wide prints a block of rows across, then the next block: the page with a row's
# results follows the page with its name, instead of coming after every row's first page
ACROSS_FIRST = "overThenDown"
READABLE_SCALE = 0.7            # a sheet printed smaller than this is split over pages wide, key columns repeated
REPEAT_SHARE = 0.35             # repeated key columns take at most this share of a page's width


def _mm(widths: Sequence[float]) -> float:
    return sum(w * MM_PER_WIDTH + 1.3 for w in widths if math.isfinite(w))


def pages_wide(widths: Sequence[float], repeated: Sequence[float] = (), landscape: bool = True) -> int:
    """Pages across for a readable print: 1 when the columns fit at READABLE_SCALE
    or more; else as many as keep that scale, the ``repeated`` columns on each."""
    page, total, rep = PRINTABLE_MM[landscape], _mm(widths), _mm(repeated)
    pages = 1
    while (total + (pages - 1) * rep) / (pages * page) > 1 / READABLE_SCALE and pages < 8:
        pages += 1
    return pages


def repeated_columns(widths: Sequence[float], wanted: int, landscape: bool = True) -> int:
    """How many of the first ``wanted`` columns repeat on each page: never more than REPEAT_SHARE of it."""
    while wanted and _mm(widths[:wanted]) * READABLE_SCALE > REPEAT_SHARE * PRINTABLE_MM[landscape]:
        wanted -= 1
    return wanted


def setup_page(ws, last_col: int, last_row: int, title_rows: int = 1, landscape: bool = True,
               widths: Sequence[float] = (), key_columns: int = 0) -> None:
    """A4, columns A..``last_col`` of rows 1..``last_row`` printed (the rows
    that hold data), the first ``title_rows`` rows repeated on each page.
    Fitted to one page wide when that stays readable (``widths`` given: at
    READABLE_SCALE or more); else over as many pages wide as keep it
    readable, the first ``key_columns`` (TT, name) repeated on each page.
    Whole-column print areas ($A:$H) would be simpler, but openpyxl drops them."""
    ws.set_paper(PAPER_A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    shown = list(widths[:last_col + 1])
    repeat = repeated_columns(shown, key_columns, landscape) if shown else 0
    across = pages_wide(shown, shown[:repeat], landscape) if shown else 1
    ws.fit_to_pages(across, 0)
    if across > 1:  # a row's pages one after the other (ACROSS_FIRST)
        ws.print_across()
    ws.set_margins(**MARGINS)
    ws.set_footer(FOOTER, {"margin": 0.3})
    ws.print_area(0, 0, max(last_row, title_rows), last_col)
    if title_rows:
        ws.repeat_rows(0, title_rows - 1)
    if across > 1 and repeat:
        ws.repeat_columns(0, repeat - 1)


CONSOLIDATION_ONLY = S.ORIGIN_KEYS + (S.EXTRA.key,)


def grouped(col: S.Column, master: bool) -> bool:
    """Technical and consolidation-only columns (Nguồn: …, Thông tin thêm: the
    other columns of a unit's own table) are grouped and collapsed; so is Đơn
    vị báo cáo in a unit's own workbook, where it is always empty."""
    return col.key in CONSOLIDATION_ONLY and not (master and col.key == "unit")


def printed_columns(spec: S.SheetSpec, master: bool) -> int:
    """The last column (0-based) of the print area: the data columns, and in a
    master also Đơn vị báo cáo; never the technical ones nor Kiểm tra."""
    return max(i for i, col in enumerate(spec.columns) if not grouped(col, master) and col.key != S.CHECK.key)


def column_options(spec: S.SheetSpec, master: bool) -> list[dict[str, Any]]:
    """XlsxWriter set_column options: grouped columns at outline level 1,
    hidden, and the column after a group marked collapsed (Excel's + button)."""
    opts: list[dict[str, Any]] = []
    for i, col in enumerate(spec.columns):
        if grouped(col, master):
            opts.append({"level": 1, "hidden": True})
        elif i and opts[-1].get("level"):
            opts.append({"collapsed": True})
        else:
            opts.append({})
    return opts


def frozen_columns(spec: S.SheetSpec) -> int:
    """Columns kept in view: TT through the column that names the row (the
    sheet's key column), unless that is too wide for a screen; then TT and
    the columns before it."""
    keys = [c.key for c in spec.columns]
    if spec.key_column in keys:
        n = keys.index(spec.key_column) + 1
        if sum(c.width for c in spec.columns[:n]) <= FROZEN_WIDTH_MAX:
            return n
    return keys.index(S.ORDER.key) + 1 if S.ORDER.key in keys else 0


def _lines(text: str, width: float) -> int:
    if not math.isfinite(width):  # a column without a set width (found by the workbook fuzz test)
        return text.count("\n") + 1
    cap = max(1, int(width * CHARS_PER_WIDTH))
    if "\n" not in text:
        return max(1, -(-len(text) // cap))
    return sum(max(1, math.ceil(len(part) / cap)) for part in text.split("\n"))


def text_lines(value: Any, width: float) -> int:
    """Lines a cell's value takes in a column of ``width`` (1 unless it is
    text that wraps; a hidden column, of infinite width, never wraps)."""
    if math.isinf(width) or not isinstance(value, str):
        return 1
    if len(value) > width * CHARS_PER_WIDTH or "\n" in value:
        return _lines(value, width)
    return 1


def height_of(lines: int) -> float | None:
    """Points for a row of ``lines`` lines, at most Excel's tallest row;
    ``None`` when one line is enough."""
    return min(round(lines * LINE_PT + 2, 2), MAX_ROW_PT) if lines > 1 else None


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float | None:
    """Points for a row whose text wraps; ``None`` when one line is enough."""
    lines = 1
    for v, w in zip(values, widths):
        if isinstance(v, str) and (len(v) > w * CHARS_PER_WIDTH or "\n" in v):  # text_lines' own test, inlined
            lines = max(lines, text_lines(v, w))
    return height_of(lines)


def setup_remaining(wb) -> None:
    """Every visible sheet the builder laid out without a page setup of its
    own (sheets added later, such as Rà soát) prints the same way: the
    columns and rows that hold something (not its formatted columns), header
    row repeated."""
    for ws in wb.worksheets():
        if ws.hidden or ws.print_area_range:
            continue
        last_col = ws.dim_colmax or 0
        widths = [((getattr(ws.col_info.get(c), "width", None) or 64) - 5) / 7 for c in range(last_col + 1)]  # px
        setup_page(ws, last_col, ws.dim_rowmax or 1, widths=widths, key_columns=1)


def wrapped_rows(rows: Iterable[Sequence[Any]], widths: Sequence[float], first_row: int
                 ) -> Iterator[tuple[int, float, list[int]]]:
    """For each row (numbered from ``first_row``) whose text wraps in columns
    of ``widths``: its number, its height in points and the columns (1-based)
    whose text takes more than one line. Shared by the two writers of a copy
    (fit_written_sheet, access/xlsx_patch.py, which gives the columns: wrapped_columns)."""
    heights, wrapping = wrapped_columns(zip_longest(*rows), widths, first_row)
    for r, height in heights.items():
        yield r, height, list(wrapping.get(r, ()))


def wrapped_columns(columns: Iterable[Sequence[Any]], widths: Sequence[float], first_row: int
                    ) -> tuple[dict[int, float], dict[int, tuple[int, ...]]]:
    """wrapped_rows of the rows whose ``columns`` (all as long) are given, as
    two maps: row number to height; row number to its columns whose text
    takes more than one line (only rows that have some). Read column by
    column, each distinct text measured once (a unit, a status recur down a
    sheet), then each distinct height and set of wrapping columns made once:
    a row's is looked up in passes over all rows at once (a bit for each
    wrapping column), none of them a Python loop over the rows."""
    room = [w * 0.9 for w in widths]  # a margin: digits and brackets are wider than the average letter
    wide = [w * CHARS_PER_WIDTH for w in room]
    lines: list[list[int]] = []  # each wrapping column's lines per row
    bits: list[list[int]] = []  # each column with text over one line in its own width: its bit where a row's is
    wraps: list[int] = []  # those columns (1-based)
    for c, column in zip(range(len(widths)), columns):
        texts = [v for v in set(column) if isinstance(v, str) and (len(v) > wide[c] or "\n" in v)]  # others: one line
        if texts:
            took = {v: text_lines(v, room[c]) for v in texts}
            lines.append(list(map(took.get, column, repeat(1))))
            over = dict.fromkeys((v for v in texts if text_lines(v, widths[c]) > 1), 1 << len(wraps))
            if over:  # over one line in the column's own width
                bits.append(list(map(over.get, column, repeat(0))))
                wraps.append(c + 1)
    most = list(map(max, *lines)) if len(lines) > 1 else lines[0] if lines else []  # each row's lines
    points = {n: height_of(n) for n in set(most) if n > 1}
    heights = list(map(points.get, most))
    masks = list(map(sum, zip(*bits))) if len(bits) > 1 else bits[0] if bits else []  # each row's wrapping columns
    cols = {m: tuple(compress(wraps, (m >> i & 1 for i in range(len(wraps))))) for m in set(masks) if m}
    return (dict(compress(zip(count(first_row), heights), heights)),
            dict(compress(zip(count(first_row), map(cols.get, masks)), masks)))


def page_fit(widths: Sequence[float], landscape: bool) -> tuple[int, int]:
    """Pages across a written sheet prints on, and its columns repeated on each."""
    repeat = repeated_columns(widths, 1, landscape)
    return pages_wide(widths, widths[:repeat], landscape), repeat


def fit_written_sheet(ws) -> None:
    """An openpyxl sheet the tool has just written (Rà soát, Danh sách đề
    nghị in a copy): its print area covers the columns and rows that hold
    data, rows whose text wraps get their height, and the page fits one
    page wide while readable."""
    from openpyxl.utils import get_column_letter
    last_row = last_col = 0
    for row in ws.iter_rows():
        for cell in row:
            if cell.value not in (None, ""):
                last_row, last_col = max(last_row, cell.row), max(last_col, cell.column)
    if not last_row:
        return
    dims = {}
    for dim in list(ws.column_dimensions.values()):  # openpyxl keeps B:AI as one entry, under 'B'
        for c in range(dim.min or 0, min(dim.max or 0, last_col) + 1):
            dims[c] = dim
    widths = [(dims[c].width if c in dims else 0) or 8.43 for c in range(1, last_col + 1)]
    for c in range(1, last_col + 1):  # cells written without a style take their column's (font, format)
        column = dims.get(c)
        if column is not None and column.has_style:
            for r in range(2, last_row + 1):
                cell = ws.cell(r, c)
                if not cell.has_style:
                    cell._style = copy.copy(column._style)
    values = ([ws.cell(r, c).value for c in range(1, last_col + 1)] for r in range(2, last_row + 1))
    for r, height, wrapping in wrapped_rows(values, widths, first_row=2):
        ws.row_dimensions[r].height = height
        for c in wrapping:
            cell = ws.cell(r, c)
            if not cell.alignment.wrap_text:
                cell.alignment = cell.alignment.copy(wrap_text=True, vertical="top")
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
    ws.print_title_rows = "1:1"
    across, repeat = page_fit(widths, ws.page_setup.orientation != "portrait")
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = across, 0
    if across > 1:
        ws.page_setup.pageOrder = ACROSS_FIRST
    if across > 1 and repeat:
        ws.print_title_cols = f"A:{get_column_letter(repeat)}"
