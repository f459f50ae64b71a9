"""`thidua upgrade OLD`: carry a workbook made from an older template into
the current one. The VBA inside an existing ThiDua.xlsm never changes, and an
older workbook lacks the sheets newer buttons need (Cán bộ, Đánh giá…); this
writes a new workbook from the current template holding:

* the Thông tin values and the rows of every sheet of the template the old
  workbook has, as they were typed (``Record.raw``); its settings (Tiêu
  chuẩn, Mẫu in phôi, Lương cơ sở) when it has them, else the defaults;
* the user's own sheets, copied as they are; Danh sách đề nghị and Nguồn dữ
  liệu, which staff edit or which log a consolidation, as "… (cũ)";
* every other non-empty cell (a column the template does not know, a note
  under a table) on the sheet 'Dữ liệu chưa xếp', with its sheet, cell and
  column: the new workbook is read back and each value of the old one is
  looked for, so that nothing is lost.

Sheets the template or a button remakes (Hướng dẫn, Danh mục, Rà soát, Tổng
hợp, xlwings.conf) are not carried; formulas are carried as their values.
The old file is never changed."""
from __future__ import annotations

import datetime as dt
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema as S
from .access.files import FileBook
from .atomic import write_bytes_atomic
from .builder import LIST_SHEET, Content, build_workbook
from .errors import ThiDuaError
from .records import WorkbookData, read_workbook
from .vntext import nfc

REMADE = {S.GUIDE_SHEET, LIST_SHEET, S.CONF_SHEET, S.PATHS_SHEET, S.REVIEW_SHEET, S.SUMMARY_SHEET,
          S.STATISTICS_SHEET}   # the statistics button writes it anew
KEPT_AS_OLD = {S.SOURCES_SHEET, S.UNIT_PROPOSALS.name}   # a master's logs: the next consolidation writes them anew
OLD_SUFFIX = " (cũ)"
LEFTOVER_SHEET = "Dữ liệu chưa xếp"
LEFTOVER_HEADER = ["Trang (sổ cũ)", "Ô", "Cột", "Giá trị"]
# every sheet of the template's schema (the Danh sách đề nghị with its votes, the Hội đồng …)
CARRIED = S.RECORD_SHEETS + S.OPTIONAL_SHEETS


@dataclass
class Upgraded:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)        # template sheet -> rows carried
    kept: list[str] = field(default_factory=list)             # sheets copied as they were (their new names)
    defaults: list[str] = field(default_factory=list)         # template sheets the old workbook lacked
    leftovers: int = 0                                        # cells written to LEFTOVER_SHEET


def default_target(old: Path) -> Path:
    suffix = old.suffix.lower() if old.suffix.lower() in (".xlsx", ".xlsm") else ".xlsx"
    return old.with_name(f"{old.stem}_maumoi{suffix}")


def _key(value: Any):
    """A cell's value as compared between the old and the new workbook."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ("t", str(value))
    if isinstance(value, (int, float)):
        return ("n", round(float(value), 9))
    if isinstance(value, dt.datetime):
        return ("d", (value.date() if value.time() == dt.time() else value).isoformat())
    if isinstance(value, dt.date):
        return ("d", value.isoformat())
    text = nfc(str(value)).strip()
    return ("t", text) if text else None


def _cell(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell
    return xl_rowcol_to_cell(row, col)


def _trimmed(grid: list[list[Any]]) -> list[list[Any]]:
    rows = [list(r) for r in grid]
    while rows and all(_key(v) is None for v in rows[-1]):
        rows.pop()
    return rows


def _checked_cells(book: FileBook, data: WorkbookData, kept: dict[str, str]):
    """(sheet, row, col, column header, value) of every old cell that must reach the new workbook."""
    by_name = {name: key for key, name in data.sheet_names.items()}
    for sheet in book.sheet_names():
        if sheet in REMADE:
            continue
        key = by_name.get(sheet)
        if key is None and sheet not in kept:
            continue
        grid = book.read(sheet)
        first_row, columns, headers = 0, None, {}
        if key == "info":
            columns = {1}
        elif key is not None:
            loc = data.locations.get(key)
            if loc is None:
                continue
            first_row = loc.data_start
            headers = {c: loc.header_texts.get(k, k) for k, c in loc.columns.items()} | dict(loc.extra)
        for r in range(first_row, len(grid)):
            for c, value in enumerate(grid[r]):
                if (columns is None or c in columns) and _key(value) is not None:
                    yield sheet, r, c, headers.get(c, ""), value


def _leftovers(book: FileBook, data: WorkbookData, kept: dict[str, str], built: bytes, suffix: str) -> list[list]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"new{suffix}"
        path.write_bytes(built)
        new = FileBook(path)
        found = Counter(_key(v) for s in new.sheet_names() for row in new.read(s) for v in row)
    out = []
    for sheet, r, c, header, value in _checked_cells(book, data, kept):
        k = _key(value)
        if found[k] > 0:
            found[k] -= 1
        else:
            out.append([sheet, _cell(r, c), header, value])
    return out


def upgrade_workbook(old: Path, new: Path, force: bool = False) -> Upgraded:
    old, new = Path(old), Path(new)
    if new.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ThiDuaError(f"Tệp đích '{new.name}' phải có đuôi .xlsx hoặc .xlsm.")
    book = FileBook(old)
    data = read_workbook(book)
    if not data.sheet_names:
        from .validation import NOT_FROM_TEMPLATE
        raise ThiDuaError(NOT_FROM_TEMPLATE)
    result = Upgraded(new)
    content = Content(info=dict(data.info_raw))
    for spec in CARRIED:
        if spec.key in data.sheet_names:
            content.rows[spec.key] = [dict(r.raw) for r in data.records.get(spec.key, [])]
            result.rows[spec.name] = len(content.rows[spec.key])
        else:
            result.defaults.append(spec.name)
    if "info" not in data.sheet_names:
        result.defaults.insert(0, S.INFO.name)
    template_sheets = set(data.sheet_names.values())
    kept: dict[str, str] = {}  # old name -> new name
    for sheet in book.sheet_names():
        if sheet in template_sheets or sheet in REMADE:
            continue
        grid = _trimmed(book.read(sheet))
        if not grid or (sheet in KEPT_AS_OLD and len(grid) < 2):  # empty, or a header only
            continue
        name = (sheet + OLD_SUFFIX)[:31] if sheet in KEPT_AS_OLD else sheet
        kept[sheet] = name
        content.extra_sheets.append((name, grid))
    result.kept = list(kept.values())
    macro = new.suffix.lower() == ".xlsm"
    seed = str(new.resolve())
    built = build_workbook(content, macro=macro, project_seed=seed)
    leftovers = _leftovers(book, data, kept, built, new.suffix)
    if leftovers:
        content.extra_sheets.append((LEFTOVER_SHEET, [LEFTOVER_HEADER] + leftovers))
        built = build_workbook(content, macro=macro, project_seed=seed)
        result.leftovers = len(leftovers)
    write_bytes_atomic(new, built, force)
    return result
