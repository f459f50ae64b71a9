"""How the workbook looks on screen and on paper, derived from the schema:
A4 landscape fitted to one page wide, the header row repeated, page number
and sheet name in the footer; technical columns grouped, collapsed and
outside the print area; panes frozen on the header and the identifying
columns; row heights for wrapped text (LibreOffice does not grow rows by
itself).

Every sheet the builder makes goes through :func:`setup_page`, so a sheet
added to the schema prints like the others without further code."""
from __future__ import annotations

import math
from typing import Any, Sequence

from . import schema as S

PAPER_A4 = 9
# inches (the unit of the .xlsx page setup): left 15 mm, right 10 mm, top 15 mm, bottom 19 mm
MARGINS = {"left": 0.6, "right": 0.4, "top": 0.6, "bottom": 0.75}
FOOTER = '&L&"Times New Roman"&9&A&R&"Times New Roman"&9Trang &P/&N'
FROZEN_WIDTH_MAX = 70           # frozen columns never wider than this (characters), else only up to TT
LINE_PT = 15.75                 # one line of 12 pt Times New Roman
CHARS_PER_WIDTH = 1.3           # 12 pt Times New Roman characters per unit of Excel column width (measured: ~1.4)


def setup_page(ws, last_col: int, last_row: int, title_rows: int = 1, landscape: bool = True) -> None:
    """A4, fitted to one page wide (as many pages long as needed), columns
    A..``last_col`` of rows 1..``last_row`` printed (empty rows at the end
    are not printed), the first ``title_rows`` rows repeated on each page.
    Whole-column print areas ($A:$H) would be simpler, but openpyxl drops them."""
    ws.set_paper(PAPER_A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(**MARGINS)
    ws.set_footer(FOOTER, {"margin": 0.3})
    ws.print_area(0, 0, last_row, last_col)
    if title_rows:
        ws.repeat_rows(0, title_rows - 1)


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
    """Points for a row of ``lines`` lines; ``None`` when one line is enough."""
    return round(lines * LINE_PT + 2, 2) if lines > 1 else None


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float | None:
    """Points for a row whose text wraps; ``None`` when one line is enough."""
    return height_of(max((text_lines(v, w) for v, w in zip(values, widths)), default=1))


def setup_remaining(wb, last_row: int) -> None:
    """Every visible sheet the builder laid out without a page setup of its
    own (sheets added later, such as Rà soát) prints the same way: its
    columns, header row repeated."""
    for ws in wb.worksheets():
        if ws.hidden or ws.print_area_range:
            continue
        last_col = max([ws.dim_colmax or 0] + list(ws.col_info))
        setup_page(ws, last_col, max(last_row, ws.dim_rowmax or 0))
