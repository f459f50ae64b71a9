"""A finding: one thing to tell the user about one cell — a validation
error, or a value that had to be interpreted (a warning naming both
readings). Made by the validator, the reader and the access layer alike."""
from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"
SEVERITY_VN = {ERROR: "Lỗi", WARNING: "Cảnh báo"}


@dataclass(frozen=True)
class Finding:
    sheet: str
    row: int
    column: str      # header text
    cell: str        # e.g. "E5"
    severity: str
    code: str
    message: str
    file: str = ""

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "cell": self.cell,
                "severity": self.severity, "code": self.code, "message": self.message}

    def line(self) -> str:
        where = f"{self.file} › " if self.file else ""
        return f"{SEVERITY_VN[self.severity]} [{self.code}] {where}{self.sheet}!{self.cell} ({self.column}): {self.message}"


def listed(items, most: int = 10, sep: str = ", ") -> str:
    """The first ``most`` items joined, '…' when there are more (the rows a
    finding or a note names)."""
    items = [str(x) for x in items]
    return sep.join(items[:most]) + (" …" if len(items) > most else "")


def column_letters(col: int) -> str:
    """Excel letters of a 1-based column: 1 → ``A``, 28 → ``AB``."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """Excel reference of a 1-based (row, col): ``E5``."""
    return f"{column_letters(col)}{row}"
