"""A live Excel book through xlwings, behind the BookAccess interface.
Every method is a constant number of Excel calls, whatever the row count."""
from __future__ import annotations

from typing import Any

from . import Grid

FORMULA_PREFIXES = ("=", "+", "-", "@")


def _as_text_for_excel(value: Any) -> Any:
    """Excel would evaluate ``=...`` typed through the API; a leading apostrophe
    makes it stored as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _clean(value: Any) -> Any:
    if value == "" or value is None:
        return None
    return value


class XlwingsBook:
    def __init__(self, book):
        self.book = book
        self.name = book.name
        self._grids: dict[str, Grid] = {}

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def read(self, sheet: str) -> Grid:
        if sheet not in self._grids:
            ws = self.book.sheets[sheet]
            last = ws.used_range.last_cell
            values = ws.range((1, 1), (last.row, last.column)).options(ndim=2).value or []
            self._grids[sheet] = [[_clean(v) for v in row] for row in values]
        return self._grids[sheet]

    def write(self, sheet: str, row: int, col: int, block: Grid) -> None:
        if not block or not block[0]:
            return
        self._grids.pop(sheet, None)
        values = [[_as_text_for_excel(v) for v in r] for r in block]
        self._sheet(sheet).range((row, col)).value = values

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
        self.book.app.alert(message, title=title or "Thi đua - Khen thưởng")

    @property
    def fullname(self) -> str:
        return self.book.fullname
