"""Reading one unit's file: the schema sheets of a workbook made from our
template, or the works (and awards) table of a hand-made file wherever it
stands. Runs in worker processes: takes a path, returns plain data."""
from __future__ import annotations

import datetime as dt
import math
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from .. import schema as S
from ..access.files import FileBook
from ..access.zipstream import iter_matches
from ..errors import ThiDuaError
from ..parsing import DAY, MONTH, DateValue, Progress, column_is_fraction, is_error_literal
from ..records import WorkbookData, find_sheet, parse_value, read_info
from ..tables import locate
from ..vntext import nfc
from .units import facts_from_lines, proper_name

HAND_MADE_SPECS = (S.WORKS, S.AWARDS)
LABELS = {"works": "công trình, phần việc", "awards": "dòng khen thưởng", "plans": "văn bản kế hoạch",
          "narrative": "đoạn nội dung"}
TITLE = {"works": "công trình, phần việc", "awards": "khen thưởng", "plans": "kế hoạch", "narrative": "nội dung"}


def _plain(raw: Any) -> str:
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        return str(int(raw))
    return nfc(raw)


def master_value(col: S.Column, raw: Any, value: Any) -> Any:
    """The cell written into the master: typed where the parser was sure,
    the original text otherwise (never a formula; the builder writes text as text)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if col.kind == S.DATE:
        dv: DateValue = value
        if dv.ok and dv.precision == DAY:
            return dt.datetime(dv.start.year, dv.start.month, dv.start.day)
        if dv.ok and dv.precision == MONTH and not dv.year_given:  # "Tháng 4" + the report's year
            return f"Tháng {dv.start.month}/{dv.start.year}"
        if isinstance(raw, str):
            return nfc(raw)
        return dv.display() if dv.ok else _plain(raw)
    if col.kind == S.PROGRESS:
        p: Progress = value
        if p.ok and not p.note and 0 <= p.value <= 100:
            return round(p.value / 100.0, 10)
        if isinstance(raw, str):
            return nfc(raw)
        return f"{p.value:g}%" if p.ok else _plain(raw)
    if col.kind == S.INT:
        return value if value is not None else _plain(raw)
    if col.kind == S.LINES:
        return "\n".join(value) if value else None
    return value if value != "" else None


_VOCAB_CACHE: dict[tuple[str, str], str] = {}


def _choice(vocab: str, text: str) -> str:
    key = (vocab, text)
    if key not in _VOCAB_CACHE:
        term = S.vocabulary(vocab).lookup(text)
        _VOCAB_CACHE[key] = term.value if term else text
    return _VOCAB_CACHE[key]


def _convert(col: S.Column, raw: Any, year: int | None, fraction: bool) -> Any:
    """parse_value + master_value, with fast paths for plain text and real dates."""
    if raw is None:
        return None
    kind = col.kind
    if kind == S.TEXT and not col.vocab:
        v = _plain(raw) if not isinstance(raw, (dt.date, dt.datetime)) else raw.strftime("%d/%m/%Y")
        return v or None
    if kind == S.DATE and isinstance(raw, dt.date):
        return dt.datetime(raw.year, raw.month, raw.day)
    if kind in (S.CHOICE, S.TEXT) and col.vocab:
        text = _plain(raw)
        return _choice(col.vocab, text) if text else None
    return master_value(col, raw, parse_value(col, raw, year, fraction))


def table_rows(spec: S.SheetSpec, grid, loc, sheet: str, year: int | None) -> tuple[list[dict], int]:
    """Master rows of one located table, and how many rows held only error values."""
    cols = [(c, loc.columns[c.key]) for c in spec.columns
            if c.key in loc.columns and (not c.computed or c.key == "unit")]
    fraction = {c.key: column_is_fraction([grid[i][j] if j < len(grid[i]) else None for i in loc.rows])
                for c, j in cols if c.kind == S.PROGRESS}
    out, errors = [], 0
    for i in loc.rows:
        row = grid[i]
        n = len(row)
        raws = [(c, row[j] if j < n else None) for c, j in cols]
        filled = [v for c, v in raws if v is not None and not c.computed and (not isinstance(v, str) or v.strip())]
        if filled and all(is_error_literal(v) for v in filled):
            errors += 1
            continue
        rec = {c.key: _convert(c, v, year, fraction.get(c.key, False)) for c, v in raws}
        rec["source_sheet"] = sheet
        rec["source_row"] = i + 1
        out.append(rec)
    return out, errors


# --------------------------------------------------------------------------
_ERROR_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bt="e"|<c\b[^>]*?\bt="e"[^>]*?\br="([A-Z]+)(\d+)"')


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def error_cells(book: FileBook, sheet: str, grid) -> list[tuple[int, int]]:
    """0-based (row, col) of cells holding an error value (#REF!, #N/A …). The
    fast reader gives such cells as empty, so for .xlsx/.xlsm the sheet's XML
    is looked at; elsewhere error literals typed as text are found in the grid."""
    found = [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if is_error_literal(v)]
    if book.data[:4] != b"PK\x03\x04" or book.path.suffix.lower() == ".ods":
        return found
    try:
        import io
        with zipfile.ZipFile(io.BytesIO(book.data)) as z:
            part = _sheet_part(z, sheet)
            if part:
                for m in iter_matches(z, part, _ERROR_CELL):  # streamed: never the whole part
                    letters, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                    found.append((int(number) - 1, _col_index(letters)))
    except Exception:
        pass
    return found


def _sheet_part(z: zipfile.ZipFile, sheet: str) -> str | None:
    from defusedxml import ElementTree as ET  # the file comes from outside: no entities, no DTDs
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rid = None
    for s in wb.iterfind("m:sheets/m:sheet", ns):
        if s.get("name") == sheet:
            rid = s.get(f"{{{ns['r']}}}id")
    if rid is None:
        return None
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


# --------------------------------------------------------------------------
def _title_lines(grid, upto: int) -> list[str]:
    lines = []
    for row in grid[:max(0, upto)]:
        for v in row:
            if isinstance(v, str) and v.strip():
                lines.extend(x for x in v.splitlines() if x.strip())
    return lines


def _find_hand_made(book: FileBook, sheet: str, specs) -> list[tuple[S.SheetSpec, Any]]:
    """The works/awards tables of one sheet. When both specs match the same
    header row, the one mapping more columns wins; a table stops where the
    next one's header begins."""
    grid = book.read(sheet)
    found = []
    for spec in specs:
        loc = locate(spec, grid, sheet, spec.key_column)
        if loc is not None:
            found.append((spec, loc))
    if len(found) == 2:
        (s1, l1), (s2, l2) = found
        if l1.header_row == l2.header_row or abs(l1.header_row - l2.header_row) <= 1:
            found = [max(found, key=lambda f: (len(f[1].columns), f[0] is S.WORKS))]
        else:
            first, second = sorted(found, key=lambda f: f[1].header_row)
            first[1].rows = [r for r in first[1].rows if r < second[1].header_row]
            found = [first, second]
    return found


def extract_file(path: str, password: str | None = None) -> dict:
    """Everything the master needs from one file, as plain picklable data.
    Never raises: a problem is status 'error' with a Vietnamese message."""
    result: dict[str, Any] = {"file": path, "status": "error", "message": "", "sha256": "", "mtime": 0.0,
                              "rows": {}, "covered": [], "unit_info": "", "unit_text": "", "doc_date": None,
                              "info": {}, "kind": ""}
    try:
        result["mtime"] = os.stat(path).st_mtime
    except OSError:
        pass
    try:
        _extract(path, password, result)
    except ThiDuaError as exc:
        result["status"], result["message"] = "error", str(exc)
    except MemoryError:
        result["status"], result["message"] = "error", f"Tệp '{Path(path).name}' quá lớn, không đủ bộ nhớ để đọc."
    except Exception as exc:  # one bad file never stops the run
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
        result["status"] = "error"
        result["message"] = f"Không đọc được tệp '{Path(path).name}' ({type(exc).__name__}: {first})."
    if result["status"] == "error":
        result["rows"], result["covered"] = {}, []
    return result


def _extract(path: str, password: str | None, result: dict) -> None:
    name = Path(path).name
    book = FileBook(path, password=password)
    result["sha256"] = book.sha256
    names = book.sheet_names()
    rows: dict[str, list[dict]] = {}
    covered: list[str] = []
    error_only: list[str] = []
    notes: list[str] = [book.kind_note] if book.kind_note else []
    claimed: set[str] = set()
    year = None
    template = any(find_sheet(names, spec) for spec in S.DATA_SHEETS)
    if template:
        result["kind"] = "template"
        data = WorkbookData(source=name)
        info_sheet = find_sheet(names, S.INFO)
        if info_sheet:
            read_info(book.read(info_sheet), data)
            claimed.add(info_sheet)
        year = data.report_year
        info = data.info
        result["unit_info"] = nfc(info.get("unit_name")) or proper_name(info.get("issuing_body"))
        result["doc_date"] = data.report_date
        result["info"] = {k: nfc(info.get(k)) for k in ("parent_body", "place", "movement", "works_purpose")
                          if nfc(info.get(k))}
        for spec in S.RECORD_SHEETS:
            sheet = find_sheet(names, spec)
            if sheet is None:
                continue
            claimed.add(sheet)
            covered.append(spec.key)
            grid = book.read(sheet)
            loc = locate(spec, grid, sheet, spec.key_column)
            got, errors = table_rows(spec, grid, loc, sheet, year) if loc is not None else ([], 0)
            if not got and loc is not None and (errors or any(
                    r >= loc.data_start for r, _ in error_cells(book, sheet, grid))):
                error_only.append(f"'{sheet}'")
            rows[spec.key] = got
            if errors:
                notes.append(f"bỏ {errors} dòng chỉ có giá trị lỗi ở trang '{sheet}'")
    # hand-made tables, in any sheet not already read as a schema sheet
    wanted = [s for s in HAND_MADE_SPECS if s.key not in covered]
    lines: list[str] = []
    tables_found = 0
    if wanted:
        result["kind"] = result["kind"] or "hand-made"
        found_all = []
        for sheet in names:
            if sheet in claimed:
                continue
            for spec, loc in _find_hand_made(book, sheet, wanted):
                found_all.append((sheet, spec, loc))
                lines.extend(_title_lines(book.read(sheet), loc.header_row))
        facts = facts_from_lines(lines)
        if not template:
            result["unit_text"] = facts.get("annex_unit") or facts.get("heading_unit") or ""
            result["doc_date"] = facts.get("date")
            if facts.get("place"):
                result["info"]["place"] = facts["place"]
            year = facts.get("year")
        for sheet, spec, loc in found_all:
            tables_found += 1
            grid = book.read(sheet)
            got, errors = table_rows(spec, grid, loc, sheet, year)
            if not got:
                if errors or any(r >= loc.data_start for r, _ in error_cells(book, sheet, grid)):
                    error_only.append(f"'{sheet}'")
                continue
            if errors:
                notes.append(f"bỏ {errors} dòng chỉ có giá trị lỗi ở trang '{sheet}'")
            rows.setdefault(spec.key, []).extend(got)
            if spec.key not in covered:
                covered.append(spec.key)
        if not year and any(isinstance(v, str) and re.match(r"(?i)^th[áa]ng\s*\d{1,2}$", v)
                            for rs in rows.values() for r in rs for v in r.values()):
            notes.append("có ngày chỉ ghi tháng nhưng tệp không cho biết năm; giữ nguyên chữ")
    total = sum(len(v) for v in rows.values())
    if not template and total == 0:
        result["status"] = "error"
        if error_only:
            result["message"] = (f"Bảng {TITLE['works']} ở trang {', '.join(error_only)} chỉ có giá trị lỗi "
                                 f"(#REF!, #N/A …); không lấy được dòng nào. Hãy mở tệp gốc, dán giá trị "
                                 f"(Paste Values) rồi gửi lại.")
        elif tables_found:
            result["message"] = f"Tệp '{name}' có bảng công trình, phần việc nhưng không có dòng dữ liệu nào."
        elif any(error_cells(book, s, book.read(s)) for s in names):
            result["message"] = (f"Tệp '{name}' chỉ có giá trị lỗi (#REF!, #N/A …), không tìm thấy bảng "
                                 f"công trình, phần việc.")
        else:
            result["message"] = (f"Không tìm thấy bảng công trình, phần việc trong tệp '{name}' (cần dòng tiêu đề "
                                 f"có cột 'Tên công trình, phần việc' và một cột khác như 'TT', 'Ngày khởi công', "
                                 f"'Tiến độ hoàn thành (%)').")
        return
    if template and total == 0 and error_only:
        result["status"] = "error"
        result["message"] = (f"Trang {', '.join(error_only)} chỉ có giá trị lỗi (#REF!, #N/A …); "
                             f"không lấy được dòng nào.")
        return
    result["status"] = "ok"
    result["rows"] = rows
    result["covered"] = covered
    parts = [f"{len(rows[k])} {LABELS[k]}" for k in ("works", "awards", "plans", "narrative") if rows.get(k)]
    result["message"] = "; ".join(parts or ["không có dòng dữ liệu nào"]) + (
        "" if not notes else " (" + "; ".join(notes) + ")")
