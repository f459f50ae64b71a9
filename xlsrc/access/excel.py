"""A live Excel book through xlwings, behind the BookAccess interface.
Every method is a constant number of Excel calls, whatever the row count,
except the formats' SpreadsheetML, read in blocks of rows (one call per block,
so that 32-bit Excel never builds a whole master's text at once). Strings
are written so that they stay text (see _as_text_for_excel)."""
from __future__ import annotations

import re
from typing import Any

from ..findings import Finding
from . import Grid
from .cellinfo import GENERAL, CellInfo, spreadsheetml_cell_info
from .notes import convert_legacy_grid

FORMULA_PREFIXES = ("=", "+", "-", "@")
# Excel parses a string given through COM as if it were typed into a General
# cell. Besides digits, signs and separators, only these words can be part of
# a number, date or time it recognises (exponent, AM/PM, month and weekday
# names, currency, the vi-VN forms); any other word keeps a string text.
_MONTHS = "january february march april may june july august september october november december".split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_NUMERIC_WORDS = frozenset(["e", "a", "p", "am", "pm", "t", "sept", "đ", "vnd", "vnđ", "usd", "sa", "ch", "tháng",
                            "thg", "năm", "ngày", "thứ"] + _MONTHS + [m[:3] for m in _MONTHS]
                           + _WEEKDAYS + [d[:3] for d in _WEEKDAYS])
_NOT_TEXT_WORDS = frozenset({"TRUE", "FALSE", "ĐÚNG", "SAI"})
_LETTERS = re.compile(r"[^\W\d_]+")


def _as_text_for_excel(value: Any) -> Any:
    """A string goes to Excel with a leading apostrophe (the cell then stores
    the text itself, without the apostrophe) whenever Excel could read it as a
    formula, number, date, time, boolean or error: a formula, apostrophe or
    ``#`` start, TRUE/FALSE, or digits with no word that rules a number or date
    out ("00123", "12/2021", "95%", "1E5", "Mar 5"). Other text goes as it is;
    dates and numbers the reader already typed go as dates and numbers."""
    if not isinstance(value, str) or not value:
        return value
    word = value.strip()
    if (value.startswith(FORMULA_PREFIXES + ("'", "#")) or word.startswith(FORMULA_PREFIXES + ("#",))
            or word.upper() in _NOT_TEXT_WORDS):
        return "'" + value
    if any(ch.isdigit() for ch in value) and all(w.lower() in _NUMERIC_WORDS for w in _LETTERS.findall(value)):
        return "'" + value
    return value


def _clean(value: Any) -> Any:
    if value == "" or value is None:
        return None
    return value


class AlertFailed(Exception):
    """Excel did not show a message; ``message`` must reach the user another way."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class XlwingsBook:
    def __init__(self, book):
        self.book = book
        self.name = book.name
        self._grids: dict[str, Grid] = {}
        self._cell_infos: dict[str, CellInfo] = {}
        self._notes: dict[str, list[Finding]] = {}
        self._whole: dict[str, tuple[int, int]] = {}  # sheets written whole from A1: (rows, columns)
        self._last_rows: dict[str, int] = {}  # sheets read: the last row that holds anything
        self.stages: list[str] = []  # the status bar texts of this run, in order

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def read(self, sheet: str) -> Grid:
        if sheet not in self._grids:
            ws = self.book.sheets[sheet]
            last = ws.used_range.last_cell
            values = ws.range((1, 1), (last.row, last.column)).options(ndim=2).value or []
            grid = [[_clean(v) for v in row] for row in values]
            # fonts are needed only for legacy text: asked (one call) when some text is not ASCII
            needs_fonts = any(isinstance(v, str) and not v.isascii() for row in grid for v in row)
            info = self.cell_info(sheet) if needs_fonts else None
            self._notes[sheet] = convert_legacy_grid(grid, info if info and info.fonts else None, self.name, sheet)
            self._grids[sheet] = grid
            self._last_rows[sheet] = _last_row(grid)
        return self._grids[sheet]

    def notes(self, sheet: str) -> list[Finding]:
        """Legacy-encoded text converted while the sheet was read."""
        self.read(sheet)
        return list(self._notes.get(sheet, []))

    def has_percent_formats(self) -> bool:
        return True

    def cell_info(self, sheet: str) -> CellInfo:
        """Number formats and fonts of the sheet's used range in bulk: one
        ``Range.Value(11)`` call per block of rows (SpreadsheetML, Windows
        Excel; see spreadsheetml_blocks); where that is
        not available, one number-format and one font call per column (a
        column of mixed formats is then taken as General). Never per cell."""
        if sheet not in self._cell_infos:
            self._cell_infos[sheet] = _excel_cell_info(self.book.sheets[sheet])
        return self._cell_infos[sheet]

    def write(self, sheet: str, row: int, col: int, block: Grid) -> None:
        if not block or not block[0]:
            return
        self._grids.pop(sheet, None)
        values = [[_as_text_for_excel(v) for v in r] for r in block]
        self._sheet(sheet).range((row, col)).value = values
        if (row, col) == (1, 1):  # Rà soát, Danh sách đề nghị, Thống kê, Tổng hợp…: its print follows (fit_prints)
            self._whole[sheet] = (len(block), max(map(len, block)))

    def fit_prints(self) -> None:
        """Each sheet this run wrote whole from A1 prints what was written,
        as a copy made from the command line does (print_layout.fit_written_sheet):
        its print area (the workbook's covered only the rows it was made with:
        Rà soát printed its first cell), and in Windows Excel its pages
        wide, across first, the header row and names repeated (fit_print).
        A few calls a sheet, whatever its rows. Excel without a printer
        refuses page settings: the sheet then keeps its own (logged)."""
        from ..logfile import log_exception
        held = bool(self._whole or self._last_rows) and _print_communication(self.book, False)
        try:
            for sheet, (rows, cols) in self._whole.items():
                try:
                    ws = self.book.sheets[sheet]
                    fit_print(ws, rows, cols, _windows_page_setup(ws))
                except Exception:  # noqa: BLE001 - the sheet is written; its print settings only are not
                    log_exception(f"thiết lập in trang '{sheet}'")
            for sheet, last in self._last_rows.items():
                if sheet not in self._whole:
                    try:
                        print_rows(self.book.sheets[sheet], last)
                    except Exception:  # noqa: BLE001 - as above
                        log_exception(f"vùng in trang '{sheet}'")
        finally:
            if held:
                _print_communication(self.book, True)

    def _sheet(self, name: str):
        try:
            return self.book.sheets[name]
        except Exception:
            return self.book.sheets.add(name, after=self.book.sheets[-1])

    def clear(self, sheet: str, row: int, col: int, nrows: int, ncols: int) -> None:
        if nrows <= 0 or ncols <= 0:
            return
        self._grids.pop(sheet, None)
        ws = self.book.sheets[sheet]
        ws.range((row, col), (row + nrows - 1, col + ncols - 1)).clear_contents()

    def select(self, sheet: str, row: int, col: int) -> None:
        ws = self.book.sheets[sheet]
        ws.activate()
        ws.range((row, col)).select()

    def selection(self) -> tuple[str, int]:
        """The active sheet's name and the row of the selected cell (one call each)."""
        rng = self.book.app.selection
        return rng.sheet.name, rng.row

    def alert(self, message: str, title: str = "") -> None:
        try:
            self.book.app.alert(message, title=title or "Thi đua - Khen thưởng")
        except Exception as exc:  # Excel busy (a dialog open, a cell being edited): COM refuses the call
            raise AlertFailed(message) from exc

    def status(self, text: str) -> None:
        """Say on Excel's status bar which stage is running (VBA set the first
        text before RunPython and resets it afterwards). Never fails the job:
        an engine without a status bar keeps only ``stages``."""
        self.stages.append(text)
        try:
            self.book.app.status_bar = text
        except Exception:  # noqa: BLE001 - feedback only
            pass

    @property
    def fullname(self) -> str:
        """The workbook's path on this PC; for a workbook in OneDrive or
        SharePoint, the path of its synchronised copy (see local_folder.py)."""
        from ..errors import ThiDuaError
        from ..local_folder import CONFIG_KEYS, cloud_message, local_fullname
        try:
            name = self.book.fullname  # xlwings maps a web address itself on Windows and macOS
        except Exception as exc:  # noqa: BLE001 - xlwings' English XlwingsError
            raise ThiDuaError(cloud_message(self._address())) from exc
        return local_fullname(name, {k: self._config(k) for k in CONFIG_KEYS} if "://" in name else None)

    def _address(self) -> str:
        """Excel's own FullName (the web address of a OneDrive workbook), else the book's name."""
        try:
            return str(self.book.api.FullName)
        except Exception:  # noqa: BLE001 - an engine without COM
            return self.book.name

    def _config(self, key: str) -> str | None:
        """A value of the xlwings.conf sheet (key in column A, value in B), read in one call."""
        if "xlwings.conf" not in self.sheet_names():
            return None
        for row in self.read("xlwings.conf"):
            if row and isinstance(row[0], str) and row[0].strip().upper() == key and len(row) > 1:
                return str(row[1]) if row[1] else None
        return None


# Rows per Range.Value(11) call: the SpreadsheetML text of a whole 40,000-row
# master is hundreds of MB inside Excel (UTF-16), too much for 32-bit Excel;
# 5,000 rows of 30 columns stay around 30 MB. The calls grow with the blocks.
XML_BLOCK_ROWS = 5_000


def _excel_cell_info(ws, block_rows: int = XML_BLOCK_ROWS) -> CellInfo:
    try:
        last = ws.used_range.last_cell
        nrows, ncols = last.row, last.column
    except Exception:
        return CellInfo()
    try:
        info = spreadsheetml_blocks(ws, nrows, ncols, block_rows)
        if info is not None:
            return info
    except Exception:
        pass
    info = CellInfo(formats=[GENERAL], fonts=[""])
    for c in range(1, ncols + 1):
        column = ws.range((1, c), (nrows, c))
        try:
            fmt = column.number_format
        except Exception:
            fmt = None
        try:
            font = column.font.name
        except Exception:
            font = None
        if isinstance(fmt, str) or isinstance(font, str):
            info.columns[c - 1] = info.style_index(fmt if isinstance(fmt, str) else GENERAL,
                                                   font if isinstance(font, str) else "")
    return info


def spreadsheetml_blocks(ws, nrows: int, ncols: int, block_rows: int = XML_BLOCK_ROWS) -> CellInfo | None:
    """Formats and fonts of rows 1..nrows read with ``Range.Value(11)`` a
    block of ``block_rows`` rows at a time (one call per block; None where
    Excel gives no SpreadsheetML, e.g. on macOS). Only cells whose style
    differs from their column's are kept, so a uniformly formatted master
    costs little memory whatever its length."""
    info: CellInfo | None = None
    for top in range(1, nrows + 1, block_rows):
        bottom = min(nrows, top + block_rows - 1)
        xml = ws.range((top, 1), (bottom, ncols)).api.Value(11)  # xlRangeValueXMLSpreadsheet
        if not (isinstance(xml, str) and "<" in xml):
            return None
        part = spreadsheetml_cell_info(xml)
        del xml
        if info is None:
            info = CellInfo(formats=[], fonts=[])
            info.default = info.style_index(part.formats[part.default], part.fonts[part.default])
            info.columns = {c: info.style_index(part.formats[i], part.fonts[i]) for c, i in part.columns.items()}
        remap = [info.style_index(fmt, font) for fmt, font in zip(part.formats, part.fonts)]
        for (r, c), i in part.xf.items():
            style = remap[i]
            if style != info.columns.get(c, info.default):
                info.xf[(r + top - 1, c)] = style
    return info


XL_PORTRAIT, XL_OVER_THEN_DOWN = 1, 2  # Excel's XlPageOrientation.xlPortrait, XlOrder.xlOverThenDown


def _print_communication(book, on: bool) -> bool:
    """Windows Excel (2010 and later) sends each page setting to the
    printer's driver at once, slowly, unless told to hold them: held
    (False) before a sheet's settings, sent together (True) after. Whether
    it could be told (not on macOS, nor the remote engine)."""
    try:
        book.app.api.PrintCommunication = on
        return True
    except Exception:  # noqa: BLE001 - an engine or an Excel without it
        return False


def _windows_page_setup(ws):
    """The sheet's PageSetup COM object in Windows Excel; None elsewhere
    (macOS, the remote engine), where the print area alone is set."""
    setup = ws.page_setup
    return setup.api if type(setup.impl).__module__.endswith("_xlwindows") else None


def _last_row(grid: Grid) -> int:
    """The number of the last row of ``grid`` that holds anything (0: none)."""
    return next((n for n in range(len(grid), 0, -1) if any(v not in (None, "") for v in grid[n - 1])), 0)


_AREA = re.compile(r"\$A\$1:\$([A-Z]{1,3})\$(\d+)")


def print_rows(ws, last: int) -> None:
    """A sheet the workbook set to print its columns A… of the rows it was
    made with (Công trình, Khen thưởng…) prints its rows down to ``last``,
    the last that holds anything now: rows typed in Excel since are never
    left off the paper (one call, two when the area grows). An area that
    already reaches them, or not from A1 (the user's, R1C1 references), is
    left as it is."""
    found = _AREA.fullmatch(ws.page_setup.print_area or "")
    if found and int(found.group(2)) < last:
        ws.page_setup.print_area = f"$A$1:${found.group(1)}${last}"


def fit_print(ws, rows: int, cols: int, setup=None) -> None:
    """The print of sheet ``ws`` (xlwings) written from A1 to ``rows`` ×
    ``cols``: its print area; with ``setup`` (the PageSetup COM object),
    as print_layout.fit_written_sheet lays out a copy: pages wide by the
    columns' widths (one call a column), across first, the header row and
    the names repeated."""
    from ..findings import column_letters
    from ..print_layout import page_fit
    ws.page_setup.print_area = f"$A$1:${column_letters(cols)}${rows}"
    if setup is None:
        return
    across, repeat = page_fit([ws.range((1, c)).column_width or 0 for c in range(1, cols + 1)],
                              setup.Orientation != XL_PORTRAIT)
    setup.Zoom = False  # fitted to pages
    setup.FitToPagesWide, setup.FitToPagesTall = across, False
    setup.Order = XL_OVER_THEN_DOWN
    setup.PrintTitleRows = "$1:$1"
    setup.PrintTitleColumns = f"$A:${column_letters(repeat)}" if across > 1 and repeat else ""

