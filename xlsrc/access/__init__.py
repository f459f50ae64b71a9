"""The workbook-access layer: the one interface through which every job
reads and writes a workbook, whether a file (command line) or a live Excel
book (xlwings). Each method is one bulk operation."""
from __future__ import annotations

from typing import Any, Protocol

Grid = list[list[Any]]


class BookAccess(Protocol):
    name: str  # file name, for messages

    def sheet_names(self) -> list[str]: ...

    def read(self, sheet: str) -> Grid:
        """The sheet's values from A1 to the last used cell, in one call.
        Empty cells are ``None``; dates are ``datetime``."""

    def cell_info(self, sheet: str):
        """Number format and font of every cell, formulas saved without a
        value (access/cellinfo.py: CellInfo), read in bulk once per sheet."""

    def notes(self, sheet: str) -> list:
        """Findings made while the sheet was read (access/notes.py): text in a
        legacy encoding converted to Unicode (read() gives the Unicode text),
        formula cells without a value."""

    def write(self, sheet: str, row: int, col: int, block: Grid) -> None:
        """Write a rectangular block whose top-left cell is (row, col), 1-based."""

    def clear(self, sheet: str, row: int, col: int, nrows: int, ncols: int) -> None:
        """Empty a block of cells."""

    def select(self, sheet: str, row: int, col: int) -> None: ...

    def alert(self, message: str, title: str = "") -> None: ...


def open_file(path, password: str | None = None, writable: bool = False):
    from .files import FileBook
    return FileBook(path, password=password, writable=writable)
