"""Rows added below the last row of a record sheet, in that sheet's own
column order (whatever order a user's sheet has), in one write."""
from __future__ import annotations

from . import schema as S
from .access import BookAccess
from .errors import ThiDuaError
from .records import WorkbookData


def append_rows(book: BookAccess, data: WorkbookData, spec: S.SheetSpec, rows: list[dict]) -> None:
    loc = data.locations.get(spec.key)
    sheet = data.sheet_names.get(spec.key)
    if loc is None or sheet is None:
        raise ThiDuaError(f"Sổ chưa có trang '{spec.name}' (sổ tạo bằng phiên bản cũ): tạo sổ mới bằng 'thidua new' "
                          "và chép dữ liệu sang, hoặc thêm trang có các cột của trang này.")
    first = min(loc.columns.values())
    width = max(loc.columns.values()) - first + 1
    block = []
    for row in rows:
        line = [None] * width
        for key, col in loc.columns.items():
            value = row.get(key)
            line[col - first] = "\n".join(value) if isinstance(value, (list, tuple)) else value
        block.append(line)
    start = max([loc.data_start] + [r.row for r in data.records.get(spec.key, [])]) + 1
    book.write(sheet, start, first + 1, block)
