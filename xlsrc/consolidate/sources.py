"""A finding on a row of a master points to where the row came from: the
unit's file, sheet and cell (the master's own cell is kept in the message),
so that the unit can correct its file and send it again."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..findings import Finding, cell_ref
from ..records import WorkbookData
from ..vntext import fold

MAX_FILES_OPENED = 50  # unit files opened to find the column of a finding


def _source_path(file: str, master: Path) -> Path | None:
    """The unit's file as the master logged it, else beside the master."""
    for candidate in (Path(file), master.parent / file, master.parent / Path(file).name):
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


class _Columns:
    """The column of a header in a unit's sheet (the row above the data), read once per file and sheet."""

    def __init__(self, master: Path):
        self.master, self.grids, self.opened = master, {}, 0

    def column(self, file: str, sheet: str, row: int, header: str, spec=None) -> int | None:
        key = (file, sheet)
        if key not in self.grids:
            self.grids[key] = self._read(file, sheet)
        grid = self.grids[key]
        if not grid or not header:
            return None
        wanted = fold(header)
        col = next((c for c in getattr(spec, "columns", ()) if c.header == header), None)
        above = grid[:max(min(row - 1, len(grid)), 0)]
        tests = [lambda v: fold(v) == wanted]  # the header as the master writes it, else as the unit wrote it
        if col is not None:
            tests.append(col.matches)
        for test in tests:
            for cells in above:  # the header is above the data: read from the top
                hits = [c for c, v in enumerate(cells) if isinstance(v, str) and test(v)]
                if hits:
                    return hits[0] + 1
        return None

    def _read(self, file: str, sheet: str):
        path = _source_path(file, self.master)
        if path is None or self.opened >= MAX_FILES_OPENED:
            return None
        self.opened += 1
        try:
            from ..access.files import FileBook
            book = FileBook(path)
            return book.read(sheet) if sheet in book.sheet_names() else None
        except Exception:  # the unit's file is gone or unreadable: its row still says where
            return None


def point_to_sources(data: WorkbookData, findings: list[Finding], master: Path) -> list[Finding]:
    """Findings on rows that carry their source (a master's rows): file,
    sheet and cell of the unit's file; the others as they are."""
    by_place = {}
    for key, records in data.records.items():
        sheet = data.sheet_names.get(key)
        for rec in records:
            if rec.text("source_file") and isinstance(rec["source_row"], int):
                by_place[(sheet, rec.row)] = rec
    if not by_place:
        return findings
    columns = _Columns(Path(master))
    out = []
    for f in findings:
        rec = by_place.get((f.sheet, f.row))
        if rec is None:
            out.append(f)
            continue
        file, sheet, row = rec.text("source_file"), rec.text("source_sheet") or f.sheet, rec["source_row"]
        col = columns.column(file, sheet, row, f.column, rec.spec)
        cell = cell_ref(row, col) if col else f"dòng {row}"
        out.append(replace(f, file=file, sheet=sheet, row=row, cell=cell,
                           message=f"{f.message} (ở sổ tổng hợp: {f.sheet}!{f.cell})"))
    return out


__all__ = ["point_to_sources"]
