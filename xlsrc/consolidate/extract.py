"""Reading one unit's file: the schema sheets of a workbook made from our
template, or the works (and awards) table of a hand-made file wherever it
stands. Runs in worker processes: takes a path, returns plain data."""
from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
import zipfile
from collections import Counter
from functools import lru_cache
from itertools import compress, repeat
from operator import is_, itemgetter
from pathlib import Path
from typing import Any, Callable

from .. import schema as S
from ..access.files import FileBook
from ..errors import ThiDuaError
from ..findings import Finding, cell_ref, listed
from ..parsing import DAY, DMY, MONTH, YEAR, DateValue, Progress, date_order, is_error_literal
from ..records import (NUMBER_DATES, Record, TableRows, WorkbookData, cell_info_getter, date_from_number,
                       find_sheet, parse_value, progress_options, read_info)
from ..tables import (GROUP_SEPARATOR, HEADER_WINDOW, locate, section_above, sequenced, title_above,
                      tuple_getter)
from ..validation import ERROR, WARNING, row_signature, validate_records
from ..vntext import admin_date_short, bare_name, fold, nfc
from ..proposals.extract import (RETURNED, kinds_from_form_and_name, left_out_by_status, split_name_and_position,
                                 strip_honorifics)
from ..proposals.word import WORD_SUFFIXES
from .units import agency_head, facts_from_lines, proper_name

normalize = unicodedata.normalize

HAND_MADE_SPECS = (S.WORKS, S.AWARDS)
MANY_UNITS = "Nhiều đơn vị: "  # a file with one sheet per unit, in Nguồn dữ liệu
LABELS = {"works": "công trình, phần việc", "awards": "dòng khen thưởng", "plans": "văn bản kế hoạch",
          "narrative": "đoạn nội dung", "unit_proposals": "đề nghị khen thưởng"}
TITLE = {"works": "công trình, phần việc", "awards": "khen thưởng", "plans": "kế hoạch", "narrative": "nội dung",
         "unit_proposals": "đề nghị khen thưởng"}


def _plain(raw: Any) -> str:
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        return str(int(raw))
    return nfc(raw)


# "tháng 4", "quý IV" (not "tháng 4/2021"), "cả năm" (not "năm 2021")
_MONTH_ALONE = re.compile(r"(?i)\b(?:th[áa]ng|qu[ýy])\s*(?:\d{1,2}|iv|iii|ii|i)\b(?!\s*[/.\-]\s*\d)")
_YEAR_ALONE = re.compile(r"(?i)\bn[ăa]m\b(?!\s*\d)")


def _with_year(text: str, year: int) -> str:
    """``text`` with ``year`` after the month or quarter it names, else after its 'năm'."""
    got, n = _MONTH_ALONE.subn(lambda m: f"{m.group(0)}/{year}", text, count=1)
    return got if n else _YEAR_ALONE.sub(lambda m: f"{m.group(0)} {year}", text, count=1)


def master_value(col: S.Column, raw: Any, value: Any) -> Any:
    """The cell written into the master: typed where the parser was sure,
    the original text otherwise (never a formula; the builder writes text as text)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if col.kind == S.DATE:
        dv: DateValue = value
        if dv.ok and dv.precision == DAY and not dv.qualified:  # "30/9/2025 (dự kiến)" stays as typed
            return dt.datetime(dv.start.year, dv.start.month, dv.start.day)
        if dv.ok and dv.precision == MONTH and not dv.year_given and not dv.qualified:  # "Tháng 4"
            return f"Tháng {dv.start.month}/{dv.start.year}"
        if dv.ok and not dv.year_given and isinstance(raw, str):  # the report's year written in: the master's
            # year may be another ("Tháng 4 (dự kiến)" → "Tháng 4/2021 (dự kiến)", "Quý IV" → "Quý IV/2021",
            # "6 tháng cuối năm" → "6 tháng cuối năm 2021")
            return _with_year(nfc(raw), dv.start.year)
        if isinstance(raw, str):
            return nfc(raw)
        return dv.display() if dv.ok else (dv.text or _plain(raw))
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


def _line_text(v: Any) -> str:
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime("%d/%m/%Y")
    return " ".join(_plain(v).split()) if not isinstance(v, str) else nfc(v).strip()


def _joined(*parts: Any, sep: str = "\n") -> str | None:
    got = [nfc(p).strip() for p in parts if p is not None and nfc(p).strip()]
    return sep.join(got) or None


_REPEATED = (S.TEXT, S.DATE, S.PROGRESS, S.CHOICE, S.INT, S.NUMBER, S.DOC_NUMBER)  # not LINES: a list
# The cells already read in this process, by column, report year and how the column's progress is read: a
# date, a progress, a choice recurs down a table and across the files a worker reads, and is read once.
_READ: dict[tuple, dict[tuple, tuple[Any, Any]]] = {}
_READ_MAX = 20_000  # distinct cells remembered for one column before it starts afresh


def _read_cell(c: S.Column, v: Any, year: int | None, option, i: int, plain: bool, whole: bool,
               order: str = DMY) -> tuple[Any, Any]:
    """(value, master cell) of one non-empty cell of column ``c`` at 0-based
    row ``i`` (``order``: how a date column writes its dates)."""
    if plain and v.__class__ is str:  # plain text: itself, NFC, trimmed
        value = normalize("NFC", v).strip()
        return value, value or None
    if whole and v.__class__ is float and v.is_integer():  # a row number: 1.0 is 1
        return int(v), int(v)
    value = parse_value(c, v, year, order=order) if option is None else parse_value(c, v, year, **option(i))
    return value, master_value(c, v, value)


def _read_column(c: S.Column, cells: list, rows: list[int], year: int | None, option, repeated: bool,
                 empty: Any) -> tuple[list, list]:
    """The values and the master cells of one column's ``cells`` (at the
    0-based ``rows``); an empty cell is ``empty``. A column whose cells
    recur reads each distinct cell once (in this process: see _READ)."""
    plain, whole = c.kind == S.TEXT and not c.vocab, c.kind == S.INT and not c.vocab
    classes = set(map(type, cells))
    if plain and classes <= _TEXT_OR_NONE:  # plain text: itself, NFC, trimmed
        values = [empty if v is None else nfc(v) for v in cells]
        return values, [None if v is None else value or None for v, value in zip(cells, values)]
    if whole and classes <= _FLOAT_OR_NONE and all(map(float.is_integer, filter(None, cells))):  # 1.0 is 1
        values = [empty if v is None else int(v) for v in cells]
        return values, [None if v is None else value for v, value in zip(cells, values)]
    blank = (empty, None)
    order = date_order(cells) if c.kind == S.DATE else DMY  # '12/25/2025' down the column: month first
    if not repeated or plain:  # names, row numbers, lists, free text: each their own
        pairs = [blank if v is None else _read_cell(c, v, year, option, i, plain, whole, order)
                 for v, i in zip(cells, rows)]
    else:
        how = order if option is None else (option.fraction, option.mixed, option.unknown)
        seen = _READ.get((c, year, how))
        if seen is None or len(seen) > _READ_MAX:
            seen = _READ[(c, year, how)] = {}
        # a text or a date is its own key, a number is keyed with its class (1, 1.0 and True are one key of a dict,
        # not one cell), a cell of a percentage format with True
        keys = cells if classes <= _OWN_KEYS else [v if v.__class__ in _OWN_KEYS else (v.__class__, v) for v in cells]
        percent = option.percent if option is not None else ()
        if percent:
            keys = [(k, True) if k is not None and i in percent else k for k, i in zip(keys, rows)]
        seen[None] = blank  # an empty cell (what it reads as is the column's and the year's: the memory's)
        pairs = list(map(seen.get, keys))
        for n in compress(range(len(keys)), map(is_, pairs, repeat(None))):  # cells not read before: each key's
            k = keys[n]                                                        # first is read, the others take it
            pairs[n] = seen.get(k) or seen.setdefault(k, _read_cell(c, cells[n], year, option, rows[n], plain, whole,
                                                                   order))
    return list(map(itemgetter(0), pairs)), list(map(itemgetter(1), pairs))


_TEXT_OR_NONE = frozenset({str, type(None)})
_FLOAT_OR_NONE = frozenset({float, type(None)})
_OWN_KEYS = _TEXT_OR_NONE | {dt.datetime, dt.date, dt.time}  # a cell of these equals no cell of another class


@lru_cache(maxsize=None)
def _empty_of(c: S.Column, year: int | None) -> Any:
    """What an empty cell of ``c`` reads as (read once a process)."""
    return parse_value(c, None, year)


def table_rows(spec: S.SheetSpec, grid, loc, sheet: str, year: int | None, cell_info=None
               ) -> tuple[list[dict], int, list[Record]]:
    """Master rows of one located table, the same rows as records (parsed
    once, for the validator), and how many rows held only error values.
    ``cell_info`` (a getter of the sheet's CellInfo) lets each progress cell's
    own format decide. The group heading a row stood under goes to 'Nhóm';
    cells of columns the schema does not know go to 'Thông tin thêm' as
    'Header: value' lines. The cells are read column by column, and the
    records share the table's columns (records.TableRows: the validator
    checks them a column at a time, no record makes its dicts unless asked)."""
    cols = [(c, loc.columns[c.key]) for c in spec.columns
            if c.key in loc.columns and (not c.computed or c.key == "unit")]
    typed = [c for c in spec.columns if not c.computed]
    options = {c.key: progress_options(grid, loc.rows, j, cell_info) for c, j in cols if c.kind == S.PROGRESS}
    mapped = set(loc.columns.values()) | set(loc.by_kind.values())
    width = max((len(grid[i]) for i in loc.rows), default=0)
    unmapped = [j for j in range(width) if j not in mapped]  # columns the schema does not know
    empty = {c.key: _empty_of(c, year) for c in typed}  # what an empty cell reads as
    # the typed columns a row may fill: its mapped ones, and what the reader adds (Nhóm, Thông tin thêm)
    read = [c for c in typed if c.key in loc.columns or c.key in ("group", "extra")]
    keys = [c.key for c in read]
    col_keys = [c.key for c, _ in cols]
    at = [j for _, j in cols]
    rows = list(map(grid.__getitem__, loc.rows))
    take, last = tuple_getter(at), max(at, default=-1)  # the mapped cells of a row in one C-level pass
    cells = list(map(take, rows)) if min(map(len, rows), default=0) > last else [
        take(row) if len(row) > last else tuple(row[j] if j < len(row) else None for j in at) for row in rows]
    dropped = _error_rows(cells, [n for n, (c, _) in enumerate(cols) if not c.computed], loc.hashed)
    kept = loc.rows
    if dropped:
        kept, rows, cells = ([x for n, x in enumerate(xs) if n not in dropped] for xs in (loc.rows, rows, cells))
    count = len(kept)
    raw = {k: list(column) for k, column in zip(col_keys, zip(*cells))} if cells else {k: [] for k in col_keys}
    if unmapped:
        extra = loc.extra
        lines = [[f"{extra.get(j) or 'Cột ' + xl_col(j)}: {_line_text(row[j])}" for j in unmapped
                  if j < len(row) and row[j] is not None and (not isinstance(row[j], str) or row[j].strip())]
                 for row in rows]
        if any(lines):
            raw["extra"] = [_joined(v, *got) if got else v for v, got in zip(raw.get("extra") or repeat(None), lines)]
    if loc.groups:
        groups = loc.groups
        raw["group"] = [_joined(heading, v, sep=GROUP_SEPARATOR) if (heading := groups.get(i)) else v
                        for i, v in zip(kept, raw.get("group") or repeat(None))]
    value_columns = {k: [v] * count for k, v in empty.items()}  # every typed column: empty unless the table has it
    master_columns = []
    for c in read:
        k = c.key
        value_columns[k], masters = _read_column(c, raw.get(k) or [None] * count, kept, year, options.get(k),
                                                 c.kind in _REPEATED and k not in (spec.key_column, "order"), empty[k])
        master_columns.append(masters)
    added: dict[int, dict[str, Any]] = {}  # cells a row's master row takes besides its columns'
    if spec is S.WORKS:  # "Đang thực hiện" typed as progress: the declared status, when none is typed
        status = value_columns["declared_status"]
        for n, (progress, typed_status) in enumerate(zip(value_columns["progress"],
                                                         raw.get("declared_status") or repeat(None))):
            if progress.status and not typed_status:
                status[n] = added.setdefault(n, {})["declared_status"] = progress.status
    numbers = [(k, d) for k, d in NUMBER_DATES if k in raw and d in value_columns]  # "Số 45/QĐ-SYT ngày 05/01/2025"
    for n in range(count) if numbers else ():
        values = {d: value_columns[d][n] for _, d in numbers}
        dated = date_from_number({k: raw[k][n] for k, _ in numbers}, values)  # the date is kept in its column
        if dated:
            value_columns[dated][n] = got = values[dated]
            added.setdefault(n, {})[dated] = master_value(spec.column(dated), got.text, got)
    table = _ReadRows(count, raw, value_columns)
    table.added = [k for k in ("extra", "group") if k in raw and k not in col_keys]
    excel_rows = [i + 1 for i in kept]
    # each record at its place in the table, its raw, values, signature and cols made when asked (the arguments
    # by position: no keywords to sort out per row)
    records = list(map(Record, repeat(spec), excel_rows, *[repeat(None)] * 4, repeat(table), range(count)))
    units = [[_plain(u) or None for u in raw["unit"]]] if "unit" in col_keys else []
    out_keys = keys + ["unit"] * len(units) + ["source_sheet", "source_row"]
    # the table's own columns only: 60,000 rows stay small
    out = list(map(dict, map(zip, repeat(out_keys), zip(*master_columns, *units, repeat(sheet), excel_rows))))
    for n, cells_added in added.items():
        out[n].update(cells_added)
    if loc.by_kind:
        out, records = rows_by_kind(spec, grid, loc, out, records)
    if spec is S.WORKS and "note" in loc.columns and "declared_status" not in loc.columns:
        status_from_notes(out, records)
    kind = S.KIND_FROM_CONTEXT.get(spec.key)
    if kind is not None and kind not in loc.columns and not loc.by_kind:
        kinds_from_groups(kind, loc, out, records)
    return out, len(loc.rows) - count, records


class _ReadRows(TableRows):
    """A table's rows as table_rows read them: a record's cells as typed
    hold what the reader ``added`` (Thông tin thêm, Nhóm) only where the row has it."""
    added: list[str] = []

    def raw(self, at: int) -> dict[str, Any]:
        got = super().raw(at)
        for k in self.added:
            if got[k] is None:
                del got[k]
        return got


def _error_rows(cells: list[tuple], typed: list[int], hashed: set[str] | None = None) -> set[int]:
    """The rows (places in ``cells``) whose ``typed`` cells hold error values only
    (#REF!, #N/A …): looked for only when the table holds an error value.
    ``hashed``: the texts with a '#' among the cells, or more (the locator's,
    TableLocation.hashed); else they are looked for here."""
    if hashed is None:
        try:
            hashed = {v for v in set().union(*cells) if isinstance(v, str) and "#" in v}
        except TypeError:  # an unhashable cell: every row looked at
            return {n for n, row in enumerate(cells) if _only_errors(row, len(row), typed)}
    suspect = set(filter(is_error_literal, hashed))
    return {n for n, row in enumerate(cells) if not suspect.isdisjoint(row) and _only_errors(row, len(row), typed)} \
        if suspect else set()


def name_kind(name: object) -> str | None:
    """The recipient kind a name says: 'Ông Nguyễn Văn A', 'Bà …', 'Đồng chí …'
    is a person; 'Phòng Tổ chức', 'Trường THCS …', 'Tập thể …' (an agency's
    name) is a collective; anything else says nothing."""
    if not isinstance(name, str) or not name.strip():
        return None
    if bare_name(name)[1]:
        return S.INDIVIDUAL
    key = fold(name)
    return S.COLLECTIVE if key.startswith("tap the ") or agency_head(key) or \
        " ".join(nfc(name).lower().split()).startswith(_COMMUNITY) else None


# the first words of a community's or a group's name, or of a part of an agency or a place's people (with their
# marks: 'Tổ …' is a team, 'Tô …' a surname; none begins a person's name)
_COMMUNITY = tuple(w + " " for w in (
    "thôn", "xóm", "ấp", "bản", "buôn", "làng", "khu phố", "tổ dân phố", "khu dân cư", "tổ", "chi đoàn", "chi hội",
    "chi bộ", "câu lạc bộ", "clb", "đội", "nhóm", "hộ gia đình", "gia đình", "lớp", "hợp tác xã", "htx",
    "khoa", "trạm", "đồn", "hạt", "tòa án", "toà án", "xã", "phường", "thị trấn", "nhân dân", "khối", "cụm",
    "công đoàn", "chi nhánh", "nhà văn hóa", "nhà văn hoá", "thư viện", "bảo tàng", "xí nghiệp", "nhà máy",
    "ủy ban", "uỷ ban", "lực lượng", "phân hiệu", "điểm trường"))


# the words of a group heading that name a kind, by the column the kind fills (schema.KIND_FROM_CONTEXT)
_HEADING_WORDS = {"recipient_kind": ((S.COLLECTIVE, " tap the "), (S.INDIVIDUAL, " ca nhan ")),
                  "kind": tuple((t.value, f" {fold(t.value)} ") for t in S.VOCABULARIES["work_kind"].terms)}


@lru_cache(maxsize=4096)
def heading_kind(heading: str, key: str = "recipient_kind") -> str | None:
    """The kind a group heading names, when it names exactly one (the
    innermost heading that does): the recipient kind ('I. TẬP THỂ', 'II.
    Khen thưởng cá nhân') or, ``key`` 'kind', a work's kind ('I. CÔNG
    TRÌNH', 'II. PHẦN VIỆC'; 'Công trình, phần việc …' names none). Asked
    for each row under a heading: each heading is read once."""
    for part in reversed(heading.split(GROUP_SEPARATOR)):
        padded = f" {fold(part)} "
        said = {kind for kind, word in _HEADING_WORDS[key] if word in padded}
        if len(said) == 1:
            return said.pop()
    return None


def kinds_from_groups(kind_key: str, loc, out: list[dict], records: list[Record]) -> None:
    """A list of awards in sections 'I. TẬP THỂ' / 'II. CÁ NHÂN' without a
    'Đối tượng' column, or of works in sections 'I. CÔNG TRÌNH' / 'II. PHẦN
    VIỆC' without a 'Loại' column: each row takes the kind its section names
    (warned once a section, by kind_findings)."""
    for rec, record in zip(out, records):
        kind = heading_kind(loc.groups.get(record.row - 1, ""), kind_key) or _name_kind(record, kind_key)
        if kind and not record[kind_key]:  # a record's dicts made only where a kind is put in
            record.values[kind_key] = rec[kind_key] = kind


def sheet_kinds(spec: S.SheetSpec, loc, sheet: str, out: list[dict], records: list[Record]) -> list[Finding]:
    """A table without a kind column on a sheet named for one kind ('Công
    trình' and 'Phần việc' sheets, 'Tập thể' and 'Cá nhân' sheets): its rows
    that no section gave a kind take the sheet's, said once (KIND_FROM_SHEET)."""
    key = S.KIND_FROM_CONTEXT.get(spec.key)
    kind = heading_kind(sheet, key) if key is not None and key not in loc.columns and not loc.by_kind else None
    if kind is None:
        return []
    rows = []
    for rec, record in zip(out, records):
        if not record[key]:
            record.values[key] = rec[key] = kind
            rows.append(record.row)
    col = spec.column(key)
    return [Finding(sheet, rows[0], col.header, cell_ref(rows[0], loc.excel_col(spec.key_column) or 1), WARNING,
                    "KIND_FROM_SHEET", f"Bảng không có cột '{col.header}': {len(rows)} dòng (dòng {listed(rows)}) ở "
                    f"trang '{sheet}' được hiểu là {kind.lower()} theo tên trang.")] if rows else []


def award_kinds(spec: S.SheetSpec, loc, sheet: str, out: list[dict], records: list[Record]) -> list[Finding]:
    """A list of awards without a 'Đối tượng' column (nor counts by kind):
    the rows its sections and names ('Ông …', an agency's) left without a
    kind take the one their form admits ('Chiến sĩ thi đua cơ sở': a
    person) or a person's name says ('Nguyễn Thị Hoa'), each way said once
    (KIND_FROM_NAME), as in a decision's annex."""
    if spec is not S.AWARDS or "recipient_kind" in loc.columns or loc.by_kind:
        return []
    return kinds_from_form_and_name(out, records, loc, sheet)


def join_unit_columns(spec: S.SheetSpec, grid, loc) -> None:
    """'Chức vụ | Đơn vị công tác' in two columns of a list of awards: one
    'Chức vụ, đơn vị' cell, 'Trưởng khoa, Bệnh viện tỉnh' (not the unit kept
    aside in 'Thông tin thêm'), each row's parts in the order of the columns."""
    col = spec.column("recipient_unit") if spec is S.AWARDS else None
    c = loc.columns.get("recipient_unit") if col is not None else None
    more = [d for d, head in loc.extra.items() if col is not None and col.matches(head)] if c is not None else []
    if not more:
        return
    order = sorted([c] + more)
    for i in loc.rows:
        row = grid[i]
        parts = [" ".join(_line_text(row[j]).split()) for j in order if j < len(row) and row[j] is not None]
        if c < len(row):
            row[c] = ", ".join(p for p in parts if p) or None
        for d in more:
            if d < len(row):
                row[d] = None
    for d in more:
        loc.extra.pop(d)


def second_form_column(spec: S.SheetSpec, grid, loc) -> tuple[int, dict[int, Any], str] | None:
    """'Danh hiệu thi đua | Hình thức khen thưởng', two columns of forms in a
    list of awards ('Lao động tiên tiến' and 'Giấy khen' for one teacher):
    the second column (its index), the forms it gives the rows that fill
    both (0-based row: cell), each to be a second award (second_forms), and
    its header; a row that fills only the second takes its form from it.
    The column is taken out of 'Thông tin thêm'. None when the table has one
    form column."""
    col = spec.column("form") if spec is S.AWARDS else None
    c = loc.columns.get("form") if col is not None else None
    d = next((j for j, head in sorted(loc.extra.items()) if col.matches(head)), None) if c is not None else None
    if d is None:
        return None
    both = {}
    for i in loc.rows:
        row = grid[i]
        second = row[d] if d < len(row) and _holds_data([[row[d]]]) else None
        if second is None:
            continue
        if c < len(row) and _holds_data([[row[c]]]):
            both[i] = second
        elif c < len(row):
            row[c] = second
        row[d] = None
    return d, both, loc.extra.pop(d)


def second_forms(spec: S.SheetSpec, loc, sheet: str, out: list[dict], records: list[Record], column: int,
                 both: dict[int, Any], header: str) -> tuple[list[dict], list[Record], list[Finding]]:
    """Each row that filled both form columns followed by its second award,
    the same row with the second column's form (said once, FORMS_IN_TWO_COLUMNS)."""
    if not both:
        return out, records, []
    col = spec.column("form")
    rows, recs, split = [], [], []
    for rec, record in zip(out, records):
        rows.append(rec)
        recs.append(record)
        raw = both.get(record.row - 1)
        if raw is None:
            continue
        value = parse_value(col, raw)
        recs.append(Record(spec, record.row, {**record.raw, "form": raw}, {**record.values, "form": value},
                           cols={"form": column}))
        rows.append({**rec, "form": master_value(col, raw, value)})
        split.append(record.row)
    first = loc.header_texts.get("form") or col.header
    return rows, recs, [Finding(sheet, split[0], col.header, cell_ref(split[0], column + 1), WARNING,
                                "FORMS_IN_TWO_COLUMNS", f"Bảng có hai cột hình thức ('{first}', '{header}'): {len(split)} "
                                f"dòng ghi cả hai được tính là hai khen thưởng (dòng {listed(split)}).")] if split else []


def names_first(spec: S.SheetSpec, loc) -> None:
    """'Họ và tên, chức vụ, đơn vị' over a list of awards with no column of
    its own for the names: the names' column (the header names them first),
    not the units' (the name and the position are then split,
    split_name_and_position)."""
    if spec is not S.AWARDS or "recipient" in loc.columns or "recipient_unit" not in loc.columns:
        return
    head = fold(loc.header_texts.get("recipient_unit", ""))
    col = spec.column("recipient")
    if any(head.startswith(fold(name) + " ") for name in (col.header,) + col.aliases):
        loc.columns["recipient"] = loc.columns.pop("recipient_unit")
        loc.header_texts["recipient"] = loc.header_texts.pop("recipient_unit")


def before_award_rows(spec: S.SheetSpec, grid, loc):
    """What a unit's own list of awards is made ready with before its rows
    are read (Excel and Word alike): its position and unit columns joined,
    its second form column taken aside, its 'Họ và tên, chức vụ, đơn vị'
    column read as the names. Returns the second form column's reading, for
    after_award_rows."""
    join_unit_columns(spec, grid, loc)
    second = second_form_column(spec, grid, loc)
    names_first(spec, loc)
    return second


# what a portal's status column says of an award not (yet) granted, folded: pending ('Chờ duyệt', 'Đang xử lý',
# 'Chưa duyệt', 'Đã gửi', 'Mới tạo'), or sent back or refused (proposals.extract.RETURNED)
_NOT_GRANTED = re.compile(r"^(?:cho|dang|chua)\b|^(?:da |bi )?(?:gui|nop|tiep nhan)\b|^(?:moi tao|ban nhap|nhap)$")


def without_ungranted(grid, loc, sheet: str, out: list[dict], records: list[Record]
                      ) -> tuple[list[dict], list[Record], list[Finding]]:
    """The rows of a list of awards whose status column says the award is
    not granted ('Chờ duyệt', 'Đang xử lý', 'Trả lại', 'Không duyệt', 'Từ
    chối') are no award: left out, said once a table with their statuses
    and rows (AWARD_NOT_GRANTED); 'Đã duyệt', 'Đã khen', 'Đã ban hành' or
    an empty status count."""
    kept, kept_records, said, c = left_out_by_status(
        grid, out, records, loc, lambda status: _NOT_GRANTED.match(status) or RETURNED.match(status))
    if not said:
        return out, records, []
    got = sorted(r for rs in said.values() for r in rs)
    values = ", ".join(f"'{v}'" for v in said)
    return kept, kept_records, [Finding(
        sheet, got[0], loc.extra[c], cell_ref(got[0], c + 1), WARNING, "AWARD_NOT_GRANTED",
        f"Cột '{loc.extra[c]}' ghi {values}: {len(got)} dòng chưa được khen thưởng (đang chờ, đang xử lý, bị trả lại "
        f"hoặc không được duyệt) nên không tính là khen thưởng: dòng {listed(got)}. Khi đã có quyết định khen "
        f"thưởng, đề nghị đơn vị gửi lại danh sách.")]


def after_award_rows(spec: S.SheetSpec, loc, sheet: str, out: list[dict], records: list[Record], second
                     ) -> tuple[list[dict], list[Record], list[Finding]]:
    """The rows of a unit's own list of awards once read: the position cut
    from a name, a row of two forms made two awards, the honorifics
    dropped; with what had to be said (NAME_WITH_POSITION,
    FORMS_IN_TWO_COLUMNS)."""
    if spec is not S.AWARDS:
        return out, records, []
    said = split_name_and_position(out, records, loc, sheet, spec, "recipient_unit")
    if second:  # 'Danh hiệu thi đua | Hình thức khen thưởng': a row filling both is two awards
        out, records, more = second_forms(spec, loc, sheet, out, records, *second)
        said += more
    strip_honorifics(out, records)  # 'Ông Nguyễn Văn A' is Nguyễn Văn A, as a decision's annex names him
    return out, records, said


def _name_kind(record: Record, kind_key: str) -> str | None:
    """The recipient kind the record's name says (name_kind); a work's name says none."""
    return name_kind(record.raw.get("recipient")) if kind_key == "recipient_kind" else None


def _note_status(rec: Record) -> str | None:
    """The status a work's note says when the whole note is one ('Hoàn thành',
    'Đang thực hiện') and the table has no status column."""
    note = rec.raw.get("note")
    if not isinstance(note, str) or len(note) > 40:
        return None
    term = S.vocabulary("status").lookup(note)
    return term.value if term is not None else None


def status_from_notes(out: list[dict], records: list[Record]) -> None:
    """'Hoàn thành' typed in Ghi chú of a table without a status column is the
    declared status (warned by note_status_findings)."""
    for rec, record in zip(out, records):
        if not record.values.get("declared_status"):
            status = _note_status(record)
            if status:
                record.values["declared_status"] = rec["declared_status"] = status


def rows_by_kind(spec: S.SheetSpec, grid, loc, out: list[dict], records: list[Record]
                 ) -> tuple[list[dict], list[Record]]:
    """'Giấy khen | 2 | 5' under 'Hình thức | Tập thể | Cá nhân': one row per
    filled count, with its kind and the count as typed (the summary then
    counts what the sender counted). A count of 0 or an empty cell gives no
    row; a count that is not a number is kept as typed (the validator says
    so at its own cell)."""
    counts = S.COUNTS_BY_KIND[spec.key]
    count_col = spec.column(counts.count)
    rows, recs = [], []
    for rec, record in zip(out, records):
        row = grid[record.row - 1]
        for kind, c in loc.by_kind.items():
            raw = row[c] if c < len(row) else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            n = parse_value(count_col, raw)
            if n == 0:
                continue
            got = {**record.raw, counts.kind: kind, counts.count: raw}
            values = {**record.values, counts.kind: kind, counts.count: n}
            recs.append(Record(spec, record.row, got, values, cols={counts.kind: c, counts.count: c}))
            rows.append({**rec, counts.kind: kind, counts.count: master_value(count_col, raw, n)})
    return rows, recs


def _only_errors(row, n: int, columns: list[int]) -> bool:
    """Every filled cell of ``columns`` holds an error value (#REF!, #N/A …), and one at least."""
    seen = False
    for j in columns:
        if j < n:
            v = row[j]
            if v is None or (v.__class__ is str and not v.strip()):
                continue
            if not is_error_literal(v):
                return False
            seen = True
    return seen


def xl_col(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    return cell_ref(1, index + 1)[:-1]


# --------------------------------------------------------------------------
def error_cells(book: FileBook, sheet: str, grid) -> list[tuple[int, int]]:
    """0-based (row, col) of the cells of one sheet holding an error value
    (#REF!, #N/A …): error literals typed as text, found in the grid, and
    for .xlsx/.xlsm the cells the fast reader gives as empty, found in the
    sheet's XML (FileBook.error_cells, the parts the book already opened)."""
    found = [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if is_error_literal(v)]
    return found + book.error_cells(sheet)


# --------------------------------------------------------------------------
def _title_lines(grid, upto: int) -> list[str]:
    lines = []
    for row in grid[:max(0, upto)]:
        for v in row:
            if isinstance(v, str) and v.strip():
                lines.extend(x for x in v.splitlines() if x.strip())
    return lines


CRITERIA_ROWS = 10  # a web page's table above its list that may say whose list it is


def _criteria_lines(book: FileBook, names: list[str], read: set[str]) -> list[str]:
    """The lines of a web page's small tables above the first one read as a
    list: a portal's filter ('Đơn vị:' | 'UBND huyện Can Lộc') or the
    agency's heading in a table of its own, which a workbook has above its
    table (its title lines)."""
    if book.kind != "html" or not read:
        return []
    first = min((names.index(s) for s in read if s in names), default=0)
    return [line for sheet in names[:first] if len(grid := book.read(sheet)) <= CRITERIA_ROWS
            for line in _title_lines(grid, len(grid))]


def _find_hand_made(book: FileBook, sheet: str, specs) -> list[tuple[S.SheetSpec, Any, list]]:
    """The works/awards tables of one sheet, each with the grid it was read
    from. When both specs match the same header row, the one mapping more
    columns wins; a table stops where the next one's header begins, and the
    rows below the last table found are searched again (works, then a
    second list of works under a header of its own: never left out)."""
    grid = book.read(sheet)
    pristine = [list(r) for r in grid]  # as read: finding a table fills merged cells, adds columns
    merges, bold = sheet_merges(book, sheet), _BoldCells(book, sheet)
    tables = [(spec, loc, grid) for spec, loc in _tables_from(grid, sheet, specs, merges, bold, 0)]
    while tables:
        end = max(max(loc.rows, default=loc.data_start) for _, loc, _ in tables) + 1
        if not _holds_data(pristine[end:]):
            break
        below = [[] for _ in range(end)] + [list(r) for r in pristine[end:]]  # the rows above: not its title
        more = [(spec, loc, below) for spec, loc in _tables_from(below, sheet, specs, merges, bold, end) if loc.rows]
        if not more:
            break
        tables += more
    titles = [title_above(g, loc) for _, loc, g in tables]  # '1. CÁC CÔNG TRÌNH', '2. CÁC PHẦN VIỆC' over each
    for (_, loc, _), title, in_sequence in zip(tables, titles, sequenced(titles)):
        section_above(loc, title, in_sequence)
    return tables


def _template_sheets(names: list[str]) -> dict[str, str]:
    """The sheets read as the template's, by key: its Thông tin sheet, and
    each sheet named as a template's sheet (Kế hoạch, Công trình, Khen
    thưởng, Nội dung). Every template has a Thông tin sheet: a file without
    one whose sheets are so named is a unit's own ('Công trình' then 'Phần
    việc'), read as hand-made tables (the unit from their titles, their
    sections and the kinds their sheets name), every sheet searched."""
    info = find_sheet(names, S.INFO)
    if info is None:
        return {}
    return {S.INFO.key: info} | {spec.key: sheet for spec in S.RECORD_SHEETS
                                 if (sheet := find_sheet(names, spec)) is not None}


# the sheets every workbook made from the template has, whatever its version (its Thông tin sheet aside)
_TEMPLATE_NAMES = frozenset(fold(n) for n in [s.name for s in S.DATA_SHEETS if s is not S.INFO] + [
    S.GUIDE_SHEET, "Danh mục", S.SOURCES_SHEET, S.SUMMARY_SHEET, S.PATHS_SHEET])


def made_from_template(names: list[str]) -> bool:
    """Whether a file without a Thông tin sheet is a workbook made from the
    template all the same (the sheet deleted): four of the template's sheet
    names at least ('Hướng dẫn', 'Kế hoạch', 'Công trình', 'Danh mục' …), not
    a unit's file with a 'Công trình' and a 'Thành tích' sheet."""
    return sum(fold(n) in _TEMPLATE_NAMES for n in names) >= 4


def _sheets_without_info(book: FileBook, names: list[str], template: bool) -> tuple[dict[str, str], list[str]]:
    """A file without a Thông tin sheet: its sheets named as the template's
    'Kế hoạch' and 'Nội dung' (no hand-made table is read as plans or a
    narrative) whose table has the template's header; in a workbook made
    from the template (its other sheets are there: the Thông tin sheet was
    deleted) its 'Công trình' and 'Khen thưởng' sheets too (a unit's own
    'Công trình' sheet, or its list of works on a sheet named 'Kế hoạch', is
    searched as hand-made tables are). Returns them by key, and the sheets
    so named that hold data and no such table."""
    made, unread = {}, []
    for spec in S.RECORD_SHEETS:
        sheet = find_sheet(names, spec)
        if sheet is None or (spec in HAND_MADE_SPECS and not template):
            continue
        grid = book.read(sheet)
        if not template and any(_has_table(s, grid, sheet) for s in HAND_MADE_SPECS):
            continue  # a unit's list of works named 'Kế hoạch', 'Nội dung': searched as hand-made tables are
        if locate(spec, grid, sheet, spec.key_column, merges=sheet_merges(book, sheet)) is not None:
            made[spec.key] = sheet
        elif _holds_data(grid):
            unread.append(sheet)
    return made, unread


def _has_table(spec: S.SheetSpec, grid, sheet: str) -> bool:
    """Whether a table of ``spec`` with rows stands on the sheet (located in a copy: locating fills merged cells)."""
    loc = locate(spec, [list(r) for r in grid], sheet, spec.key_column)
    return loc is not None and bool(loc.rows)


def without_info_findings(template: bool, made: dict[str, str], unread: list[str], names: list[str]) -> list[Finding]:
    """What a file without a Thông tin sheet is told: the sheets read as the
    template's, by their header alone (INFO_SHEET_MISSING), and each sheet
    named as the template's that holds data no header lets read (SHEET_NOT_READ)."""
    out = []
    if template or made:
        read = listed([f"'{sheet}'" for sheet in made.values()]) if made else "nào"
        lead = (f"Tệp có các trang của sổ thidua nhưng không có trang '{S.INFO.name}' (đã bị xoá hay đổi tên?)"
                if template else f"Tệp không có trang '{S.INFO.name}' của sổ thidua")
        out.append(Finding(next(iter(made.values()), names[0] if names else ""), 1, "", "A1", WARNING,
                           "INFO_SHEET_MISSING", f"{lead}: trang {read} được đọc theo dòng tiêu đề cột của mẫu; đơn vị "
                           f"và năm báo cáo lấy theo tiêu đề bảng nếu có, không thì đơn vị theo tên tệp và năm không rõ "
                           f"(ngày chỉ ghi tháng giữ nguyên chữ). Hãy kiểm tra đơn vị ở trang '{S.SOURCES_SHEET}', hoặc "
                           f"đề nghị đơn vị gửi lại sổ có trang '{S.INFO.name}'."))
    for sheet in unread:
        spec = next(s for s in S.RECORD_SHEETS if fold(s.name) == fold(sheet))
        heads = ", ".join(f"'{c.header}'" for c in spec.columns if c.required)
        out.append(Finding(sheet, 1, "", "A1", ERROR, "SHEET_NOT_READ",
                           f"Trang '{sheet}' mang tên trang {TITLE[spec.key]} của sổ thidua và có dữ liệu, nhưng không "
                           f"có dòng tiêu đề cột của mẫu (cần các cột {heads}): trang này không được tổng hợp. Hãy đề "
                           f"nghị đơn vị chép dữ liệu vào sổ mẫu (thidua new) rồi gửi lại."))
    return out


def _holds_data(rows) -> bool:
    """Whether a cell of ``rows`` holds something (not only spaces)."""
    return any(v is not None and (v.__class__ is not str or v.strip()) for row in rows for v in row)


def _tables_from(grid, sheet: str, specs, merges, bold, start: int) -> list[tuple[S.SheetSpec, Any]]:
    """The tables of ``specs`` whose header is the first found from row ``start``."""
    found = []
    for spec in specs:
        loc = locate(spec, grid, sheet, spec.key_column, merges=merges, bold=bold, start=start)
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


_UNIT_HEADS = ("don vi", "ten don vi", "co quan, don vi", "co quan don vi", "dia phuong", "xa, phuong")
_COUNT_HEADS = re.compile(r"^(?:so(?: luong)? (?:cong trinh|phan viec)|tong so|so luong|da hoan thanh|dang thuc hien)\b")


def _counts_by_unit(book: FileBook, sheets: list[str], counted: Callable[[list, int], bool]
                    ) -> tuple[str, int, list[str]] | None:
    """A table that counts by unit instead of listing ('Đơn vị | Số công
    trình | Đã hoàn thành …', 'Đơn vị | Bằng khen UBND tỉnh | Giấy khen …'):
    (sheet, its header's row, its heads) of the first header row that names
    the units and that ``counted`` (of the grid and the row) says counts."""
    for sheet in sheets:
        grid = book.read(sheet)
        for i, row in enumerate(grid[:HEADER_WINDOW]):
            heads = [" ".join(v.split()) for v in row if isinstance(v, str) and v.strip()]
            if any(fold(h) in _UNIT_HEADS for h in heads) and counted(grid, i):
                return sheet, i + 1, heads
    return None


def _counts_works(grid, i: int) -> bool:
    """Row i has a head that counts works ('Số công trình', 'Tổng số', 'Đã hoàn thành')."""
    return any(isinstance(v, str) and _COUNT_HEADS.match(fold(v)) for v in grid[i])


def _counts_awards(grid, i: int) -> bool:
    """Row i (or the row under a merged 'Hình thức khen thưởng') heads two
    columns or more by a form of award, and a number other than 0 or 1
    stands under one of them: each cell counts that form (an 'x' or a 1
    marks a row's form, tables.read_mark_columns)."""
    forms = S.vocabulary("award_form")
    columns = {c for r in grid[i:i + 2] for c, v in enumerate(r) if isinstance(v, str) and forms.lookup(v)}
    return len(columns) >= 2 and any(
        c < len(r) and r[c].__class__ in (int, float) and r[c] not in (0, 1) for r in grid[i + 1:i + 60]
        for c in columns)


def _decision_annexes(book: FileBook, sheets: list[str]) -> dict[str, tuple]:
    """The sheets that are a decision's annex ('Kèm theo Quyết định số …' above
    a list of names), each with what decision_annex.sheet_annex found."""
    out = {}
    for sheet in sheets:
        grid = book.read(sheet)
        if any(v.__class__ is str and "theo" in v.lower() for row in grid[:HEADER_WINDOW] for v in row):
            from .decision_annex import sheet_annex
            found = sheet_annex(grid, sheet, sheet_merges(book, sheet), _BoldCells(book, sheet))
            if found is not None:
                out[sheet] = found
    return out


def sheet_units(book: FileBook, found) -> dict[str, str]:
    """The unit each sheet with a table names: in its own title lines (a
    heading 'PHÒNG TƯ PHÁP', 'Kèm theo … của …', '… CỦA PHÒNG GD&ĐT'), else in
    the sheet's name when that is an agency's ('Phòng Tư pháp')."""
    out = {}
    for sheet, _, loc in found:
        if sheet in out:
            continue
        facts = facts_from_lines(_title_lines(book.read(sheet), loc.header_row))
        unit = facts.get("annex_unit") or facts.get("heading_unit") or facts.get("title_unit")
        if not unit and len(sheet.split()) >= 2 and agency_head(fold(sheet)):
            unit = proper_name(sheet)
        if unit:
            out[sheet] = unit
    return out


def _leave_hidden(found, hidden: set[str], path: str) -> tuple[list, list[dict]]:
    """Tables on sheets the sender hid (often last year's annex) are left out
    when a shown sheet has a table of the same kind, else read; either way a
    warning names the sheet."""
    shown = {spec.key for sheet, spec, _ in found if sheet not in hidden}
    kept, notes = [], []
    for sheet, spec, loc in found:
        if sheet in hidden:
            left_out = spec.key in shown
            what = TITLE.get(spec.key, spec.name.lower())
            message = (f"Trang '{sheet}' đang bị ẩn: bảng {what} ở trang này không được tổng hợp (bảng ở trang "
                       f"đang hiện được dùng). Nếu cần, hiện trang rồi gửi lại." if left_out else
                       f"Bảng {what} nằm ở trang '{sheet}' đang bị ẩn; vẫn được tổng hợp vì tệp không có bảng nào "
                       f"như vậy ở trang đang hiện. Hãy kiểm tra.")
            notes.append({**Finding(sheet, loc.header_row + 1, "", cell_ref(loc.header_row + 1, 1), WARNING,
                                    "SHEET_HIDDEN", message).as_dict(), "file": path})
            if left_out:
                continue
        kept.append((sheet, spec, loc))
    return kept, notes


def _read_notes(book: FileBook, sheets: set[str]) -> list[Finding]:
    """Legacy-encoded text converted, formulas without a value, in the sheets read."""
    return [f for sheet in book.sheet_names() if sheet in sheets for f in book.notes(sheet)]


def extract_file(path: str, password: str | None = None) -> dict:
    """Everything the master needs from one file, as plain picklable data.
    Never raises: a problem is status 'error' with a Vietnamese message."""
    result: dict[str, Any] = {"file": path, "status": "error", "message": "", "sha256": "", "mtime": 0.0,
                              "rows": {}, "covered": [], "unit_info": "", "unit_text": "", "doc_date": None,
                              "info": {}, "kind": ""}
    try:
        result["mtime"] = os.stat(path).st_mtime
    except (OSError, ValueError):  # ValueError: a NUL in the name; the reading below says what is wrong
        pass
    try:
        if Path(path).suffix.lower() in WORD_SUFFIXES:
            from .word import from_word
            from_word(path, result)
        else:
            _extract(path, password, result)
    except ThiDuaError as exc:
        result["status"], result["message"] = "error", str(exc)
    except MemoryError:
        result["status"], result["message"] = "error", f"Tệp '{Path(path).name}' quá lớn, không đủ bộ nhớ để đọc."
    except Exception as exc:  # one bad file never stops the run
        from ..access.files import _short
        from ..logfile import log_exception
        log = log_exception(f"consolidate: {path}")
        result["status"] = "error"
        result["message"] = (f"Không đọc được tệp '{Path(path).name}' ({_short(exc)}); chi tiết trong tệp nhật ký "
                             f"{log}.")
    if result["status"] == "error":
        result["rows"], result["covered"] = {}, []
    return result


# the rows a portal's status column left out, by their finding: what no longer is there once every row is
_LEFT_OUT = {"PROPOSAL_RETURNED": "đề nghị", "AWARD_NOT_GRANTED": "khen thưởng"}


def all_left_out(name: str, findings: list[dict]) -> str | None:
    """What to say of file ``name`` that gave no row because a status column
    left every one out (its first such finding), or None when none did."""
    said = next((f for f in findings if f["code"] in _LEFT_OUT), None)
    if said is None:
        return None
    text = said["message"]
    return (f"Tệp '{name}', trang '{said['sheet']}': {text[0].lower()}{text[1:]} "
            f"Không còn {_LEFT_OUT[said['code']]} nào để tổng hợp.")


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
    tables: list[tuple] = []   # (spec, location, sheet, records) of every table read, for the validator
    read_sheets: set[str] = set()   # hand-made tables read
    year = None
    made = _template_sheets(names)
    template = bool(made) or made_from_template(names)  # a unit's 'Thành tích' sheet does not make it the template
    if not made:  # no Thông tin sheet: its sheets named and headed as the template's are still read, and said
        made, unread = _sheets_without_info(book, names, template)
        result["notes"] = [f.as_dict() | {"file": path} for f in without_info_findings(template, made, unread, names)]
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
        sheet = made.get(spec.key)
        if sheet is None:
            continue
        claimed.add(sheet)
        covered.append(spec.key)
        grid = book.read(sheet)
        loc = locate(spec, grid, sheet, spec.key_column, merges=sheet_merges(book, sheet))
        got, errors, recs = table_rows(spec, grid, loc, sheet, year, cell_info_getter(book, sheet)) \
            if loc is not None else ([], 0, [])
        if loc is not None:
            tables.append((spec, loc, sheet, recs))
        if not got and loc is not None and (errors or any(
                r >= loc.data_start for r, _ in error_cells(book, sheet, grid))):
            error_only.append(f"'{sheet}'")
        rows[spec.key] = got
        if errors:
            notes.append(f"bỏ {errors} dòng chỉ có giá trị lỗi ở trang '{sheet}'")
    # lists of proposals: the Danh sách đề nghị sheet, or a hand-made list that says 'đề nghị'
    from ..proposals.extract import from_book, unit_facts
    proposal_lines: list[str] = []
    for sheet, loc, got, recs, said in from_book(book, names, claimed, year, template):
        claimed.add(sheet)
        proposal_lines += _title_lines(book.read(sheet), loc.header_row)
        tables.append((S.UNIT_PROPOSALS, loc, sheet, recs))
        rows.setdefault("unit_proposals", []).extend(got)
        result.setdefault("notes", []).extend(f.as_dict() | {"file": path} for f in said)
        if "unit_proposals" not in covered:
            covered.append("unit_proposals")
    if template:
        result["unit_facts"] = unit_facts(book, names)
    # hand-made tables, in any sheet not already read as a schema sheet
    wanted = [s for s in HAND_MADE_SPECS if s.key not in covered]
    lines: list[str] = []
    hidden_notes: list[dict] = []
    tables_found = 0
    annexes: dict[str, tuple] = {}   # the sheets that are a decision's annex
    if wanted:
        result["kind"] = result["kind"] or "hand-made"
        annexes = _decision_annexes(book, [n for n in names if n not in claimed]) if S.AWARDS in wanted else {}
        found_all, grids = [], {}   # grids: each table's grid, by id(location)
        sectioned: dict[str, dict] = {}   # the sheets whose list of awards names its forms in section rows
        for sheet in names:
            if sheet in claimed:
                continue
            found = ([(S.AWARDS, annexes[sheet][1], annexes[sheet][2])] if sheet in annexes else
                     _find_hand_made(book, sheet, wanted))
            if not found and S.AWARDS in wanted:
                from .decision_annex import sheet_by_sections
                got = sheet_by_sections(book.read(sheet), sheet, sheet_merges(book, sheet), _BoldCells(book, sheet))
                if got is not None:
                    found, sectioned[sheet] = [(S.AWARDS, got[0], got[1])], got[2]
            for spec, loc, grid in found:
                if spec is S.AWARDS and _counts_awards(grid, loc.header_row):  # counts by unit and form, no names
                    notes.append(f"bảng ở trang '{sheet}' là bảng số lượng khen thưởng theo đơn vị, không phải danh "
                                 f"sách tập thể, cá nhân được khen: không tổng hợp")
                    continue
                found_all.append((sheet, spec, loc))
                grids[id(loc)] = grid
        found_all, hidden_notes = _leave_hidden(found_all, book.hidden_sheets(), path)
        for sheet, spec, loc in found_all:
            lines.extend(_title_lines(grids[id(loc)], loc.header_row))
        facts = facts_from_lines(_criteria_lines(book, names, claimed | {s for s, _, _ in found_all})
                                 + lines + proposal_lines)
        # the lists of proposals read above are tables of their sheets too: one sheet per commune, each its unit
        units = sheet_units(book, sorted([(sheet, spec, loc) for spec, loc, sheet, _ in tables
                                          if spec is S.UNIT_PROPOSALS] + found_all,
                                         key=lambda t: names.index(t[0]) if t[0] in names else len(names)))
        if not template:
            named = list(dict.fromkeys(units.values()))  # the units the sheets name, in sheet order
            if len(named) > 1:
                for r in rows.get("unit_proposals", ()):
                    r["unit"] = r.get("unit") or units.get(r["source_sheet"])
            # several: the file stands for all of them (each row keeps its own), never for the last one read,
            # so that another file of one of them cannot replace this file's rows
            result["unit_text"] = MANY_UNITS + ", ".join(named) if len(named) > 1 else (
                facts.get("annex_unit") or facts.get("heading_unit") or facts.get("title_unit") or
                (named[0] if named else ""))
            result["doc_date"] = facts.get("date")
            if facts.get("place"):
                result["info"]["place"] = facts["place"]
            year = facts.get("year")
        for sheet, spec, loc in found_all:
            tables_found += 1
            read_sheets.add(sheet)
            grid = grids[id(loc)]
            if sheet in annexes:  # who a decision granted what: the form, number, date and signer from its title
                from .decision_annex import read_annex
                title, filled = annexes[sheet][0], annexes[sheet][3]
                got, recs, said = read_annex(grid, loc, sheet, year, title, filled)
                errors = 0
                result.setdefault("notes", []).extend(f.as_dict() | {"file": path} for f in said)
            else:
                second = before_award_rows(spec, grid, loc)
                got, errors, recs = table_rows(spec, grid, loc, sheet, year, cell_info_getter(book, sheet))
                got, recs, said = after_award_rows(spec, loc, sheet, got, recs, second)
                listed_recs = recs  # every row of the list, which its total row may count
                if spec is S.AWARDS:  # a portal's list: 'Chờ duyệt', 'Trả lại' are no award
                    got, recs, more = without_ungranted(grid, loc, sheet, got, recs)
                    said += more
                result.setdefault("notes", []).extend(f.as_dict() | {"file": path} for f in said)
                if sheet in sectioned:  # 'I. BẰNG KHEN …', 'II. GIẤY KHEN …': each row the form of its section
                    from .decision_annex import section_form_findings
                    result.setdefault("notes", []).extend(
                        f.as_dict() | {"file": path} for f in section_form_findings(loc, sheet, recs, sectioned[sheet]))
                result.setdefault("notes", []).extend(f.as_dict() | {"file": path} for f in (
                    sheet_kinds(spec, loc, sheet, got, recs) + award_kinds(spec, loc, sheet, got, recs)))
                if spec is S.AWARDS:  # 'Tổng cộng: 15 cá nhân, 3 tập thể' under the list: counted alike?
                    from .decision_annex import total_row_findings
                    differs = total_row_findings(grid, loc, sheet, recs)  # the awards kept, or every row listed
                    if differs and listed_recs is not recs and not total_row_findings(grid, loc, sheet, listed_recs):
                        differs = []
                    result["notes"] += [f.as_dict() | {"file": path} for f in differs]
            tables.append((spec, loc, sheet, recs))
            if not got:
                if errors or any(r >= loc.data_start for r, _ in error_cells(book, sheet, grid)):
                    error_only.append(f"'{sheet}'")
                continue
            if errors:
                notes.append(f"bỏ {errors} dòng chỉ có giá trị lỗi ở trang '{sheet}'")
            if len(set(units.values())) > 1 and sheet in units:  # one sheet per unit: each row its sheet's unit
                for r in got:
                    r["unit"] = r.get("unit") or units[sheet]
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
        elif left_out := all_left_out(name, result.get("notes", [])):
            result["message"] = left_out
        elif tables_found:
            result["message"] = f"Tệp '{name}' có bảng công trình, phần việc nhưng không có dòng dữ liệu nào."
        elif any(error_cells(book, s, book.read(s)) for s in names):
            result["message"] = (f"Tệp '{name}' chỉ có giá trị lỗi (#REF!, #N/A …), không tìm thấy bảng "
                                 f"công trình, phần việc.")
        elif (counted := _counts_by_unit(book, names, _counts_awards)) is not None:
            sheet, row, heads = counted
            result["message"] = (f"Tệp '{name}' chỉ có bảng số lượng khen thưởng theo đơn vị (trang '{sheet}', dòng "
                                 f"{row}: {', '.join(repr(h) for h in heads)}): mỗi ô là một số lượng, không phải "
                                 f"danh sách tập thể, cá nhân được khen, nên không tổng hợp được. Hãy đề nghị đơn vị "
                                 f"gửi danh sách khen thưởng (mỗi tập thể, cá nhân một dòng: tên, hình thức, số và "
                                 f"ngày quyết định) hoặc quyết định khen thưởng kèm danh sách; nếu chỉ báo số lượng "
                                 f"thì mỗi đơn vị một tệp, bảng 'Hình thức khen thưởng | Tập thể | Cá nhân'.")
        elif (counted := _counts_by_unit(book, names, _counts_works)) is not None:
            sheet, row, heads = counted
            result["message"] = (f"Tệp '{name}' chỉ có bảng số lượng theo đơn vị (trang '{sheet}', dòng {row}: "
                                 f"{', '.join(repr(h) for h in heads)}), không có danh sách từng công trình, phần "
                                 f"việc; sổ tổng hợp cần mỗi công trình một dòng (tên, ngày khởi công, ngày hoàn "
                                 f"thành, tiến độ). Hãy đề nghị đơn vị gửi danh sách.")
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
    if error_only:  # the file is taken for its other tables: the one lost is still said
        notes.append(f"trang {', '.join(error_only)} chỉ có giá trị lỗi (#REF!, #N/A …), không lấy được dòng nào")
    decisions = [title.number for title, *_ in annexes.values()]
    if decisions and all(sheet in annexes for sheet, spec, _ in found_all if spec is S.AWARDS):
        # a unit's decision among its others: it replaces only the same decision sent again (master._parts)
        result["parts"] = {"awards": f"awards|{decisions[0] or result['sha256']}"}
    result["status"] = "ok"
    result["rows"] = rows
    result["findings"] = [f.as_dict() | {"file": path} for f in _read_notes(book, claimed | read_sheets)] + \
        check_tables(path, tables) + hidden_notes + result.pop("notes", [])
    result["errors"] = sum(f["severity"] == ERROR for f in result["findings"])
    result["warnings"] = len(result["findings"]) - result["errors"]
    result["covered"] = covered
    parts = [f"{len(rows[k])} {LABELS[k]}" for k in ("works", "awards", "plans", "narrative", "unit_proposals")
             if rows.get(k)]
    result["message"] = "; ".join(parts or ["không có dòng dữ liệu nào"]) + (
        "" if not notes else " (" + "; ".join(notes) + ")")


# --------------------------------------------------------------------------
def check_tables(path: str, tables) -> list[dict]:
    """The validator's findings on the rows of each table read, naming the
    source file, sheet and cell. A required column missing from a table is
    said once for the table, not once a row."""
    out: list[dict] = []
    seen: dict[tuple, tuple[str, int]] = {}  # a row of an earlier sheet, by signature (a copied sheet)
    kinds = Counter(spec.key for spec, *_ in tables)
    source = Path(path).name
    for spec, loc, sheet, records in tables:
        if kinds[spec.key] > 1:  # two tables of one kind: is one a copy of the other?
            out += _copied_rows(path, spec, loc, sheet, records, seen)
        data = WorkbookData(source=source, records={spec.key: records},
                            locations={spec.key: loc}, sheet_names={spec.key: sheet})
        kind = S.KIND_FROM_CONTEXT.get(spec.key)
        filled = {kind} | set(S.FILLED_BY_READER.get(spec.key, ()))
        missing = [c for c in spec.columns if c.required and c.key not in loc.columns
                   and not (c.key == kind and loc.by_kind) and c.key not in loc.not_in_source
                   and not (c.key in filled and all(r[c.key] for r in records))]
        unsaid = [c for c in missing if c.key in UNSAID_OK.get(spec.key, ())]
        missing = [c for c in missing if c not in unsaid]
        absent = {c.header for c in missing + unsaid} | {spec.column(k).header for k in loc.not_in_source}
        out += [{**f.as_dict(), "file": path} for f in unsaid_findings(loc, sheet, records, unsaid)]
        lacking = records if any(c.key != kind for c in missing) else [r for r in records if not r[kind]]
        if missing and lacking:
            first = lacking[0].row
            heads = ", ".join(f"'{c.header}'" for c in missing)
            out.append({**Finding(sheet, loc.header_row + 1, missing[0].header, cell_ref(loc.header_row + 1, 1), ERROR,
                                  "COLUMN_MISSING", f"Bảng không có cột {heads} (bắt buộc); {len(lacking)} dòng "
                                  f"từ dòng {first} thiếu thông tin này.").as_dict(), "file": path})
        said, unread = period_findings(spec, loc, sheet, records) if loc.periods else ([], set())
        read_as = {(f.row, f.cell) for f in said}
        told: set[tuple] = set()  # what a period cell's two dates say alike, said once for the cell
        for f in validate_records(data, (spec,)):
            if f.code == "REQUIRED_EMPTY" and f.column in absent or (f.row, f.cell) in unread:
                continue
            if (f.row, f.cell) in read_as:
                if (f.row, f.cell, f.code, f.message) in told:
                    continue
                told.add((f.row, f.cell, f.code, f.message))
            out.append({**f.as_dict(), "file": path})
        out += [{**f.as_dict(), "file": path} for f in said]
        if spec is S.WORKS and "note" in loc.columns and "declared_status" not in loc.columns:
            out += [{**f.as_dict(), "file": path} for f in note_status_findings(loc, sheet, records)]
        for key, marks in loc.marks.items():
            col = spec.column(key)
            heads = ", ".join(f"'{loc.extra.get(c, xl_col(c))}'" for c in sorted(marks))
            out.append({**Finding(sheet, loc.header_row + 1, col.header, cell_ref(loc.header_row + 1, min(marks) + 1),
                                  WARNING, "STATUS_FROM_MARKS", f"Bảng không có cột '{col.header}': {MARKED_NOUN[col.key]} "
                                  f"đọc từ ô đánh dấu (x) ở các cột {heads}.").as_dict(), "file": path})
        if kind and kind not in loc.columns and not loc.by_kind:
            out += [{**f.as_dict(), "file": path} for f in kind_findings(spec, loc, sheet, records, kind)]
    return out


MARKED_NOUN = {"declared_status": "tình trạng", "recipient_kind": "đối tượng", "form": "hình thức", "kind": "loại"}   # what the marks (x) tell
# required columns a unit's own table may lack and still be read: its rows are whole without them (a list of awards
# says who was granted what; the achievement, which the decision may not name, is added in the master if need be)
UNSAID_OK = {"awards": ("field",)}


def unsaid_findings(loc, sheet: str, records, columns: list[S.Column]) -> list[Finding]:
    """One warning for each column of UNSAID_OK the table lacks, naming it and its rows (COLUMN_UNSAID)."""
    if not records:
        return []
    rows = list(dict.fromkeys(r.row for r in records))  # a row of two awards once
    return [Finding(sheet, loc.header_row + 1, c.header, cell_ref(loc.header_row + 1, 1), WARNING, "COLUMN_UNSAID",
                    f"Bảng không có cột '{c.header}': {len(rows)} dòng (dòng {listed(rows)}) để trống cột này trong "
                    f"sổ tổng hợp; hãy bổ sung ở sổ tổng hợp nếu cần.") for c in columns]


def kind_findings(spec: S.SheetSpec, loc, sheet: str, records, kind_key: str | None = None) -> list[Finding]:
    """One warning a section whose heading gave its rows their kind."""
    col = spec.column(kind_key or S.KIND_FROM_CONTEXT[spec.key])
    rows: dict[str, list[int]] = {}
    named: dict[str, list[int]] = {}
    for rec in records:
        heading = loc.groups.get(rec.row - 1, "")
        if heading and heading_kind(heading, col.key) and rec[col.key] == heading_kind(heading, col.key):
            rows.setdefault(heading, []).append(rec.row)
        elif rec[col.key] and rec[col.key] == _name_kind(rec, col.key):
            named.setdefault(rec[col.key], []).append(rec.row)
    said = {S.INDIVIDUAL: "cá nhân (tên có Ông, Bà, Đồng chí)", S.COLLECTIVE: "tập thể (tên một cơ quan, đơn vị)"}
    recipient_col = loc.excel_col("recipient") or 1
    conflicts = [Finding(sheet, rec.row, col.header, cell_ref(rec.row, recipient_col), WARNING, "KIND_CONFLICT",
                         f"Tên '{rec.raw.get('recipient')}' cho thấy {said[by_name_kind]}, nhưng dòng nằm dưới dòng "
                         f"nhóm '{heading}' nên được hiểu là {heading_kind(heading, col.key).lower()}; hãy kiểm tra và sửa "
                         f"trong tệp gốc.")
                 for rec in records
                 if (heading := loc.groups.get(rec.row - 1, "")) and heading_kind(heading, col.key)
                 and rec[col.key] == heading_kind(heading, col.key)
                 and (by_name_kind := _name_kind(rec, col.key)) not in (None, heading_kind(heading, col.key))]
    by_name = [Finding(sheet, got[0], col.header, cell_ref(got[0], recipient_col), WARNING,
                       "KIND_FROM_NAME", f"Bảng không có cột '{col.header}': {len(got)} dòng được hiểu là "
                       f"{said[kind]}: dòng {', '.join(map(str, got[:10]))}{' …' if len(got) > 10 else ''}.")
               for kind, got in named.items()]
    return conflicts + by_name + [Finding(sheet, got[0], col.header, cell_ref(got[0], loc.excel_col(spec.key_column) or 1), WARNING,
                    "KIND_FROM_GROUP", f"Bảng không có cột '{col.header}': {len(got)} dòng dưới dòng nhóm "
                    f"'{heading}' (dòng {got[0]}{'–' + str(got[-1]) if len(got) > 1 else ''}) được hiểu là {heading_kind(heading, col.key).lower()}.")
            for heading, got in rows.items()]


def note_status_findings(loc, sheet: str, records) -> list[Finding]:
    note, status = S.WORKS.column("note"), S.WORKS.column("declared_status")
    return [Finding(sheet, rec.row, note.header, cell_ref(rec.row, loc.excel_col("note")), WARNING, "STATUS_FROM_NOTE",
                    f"Bảng không có cột '{status.header}'; cột '{note.header}' ghi '{nfc(rec.raw['note'])}': hiểu là "
                    f"tình trạng '{rec.values['declared_status']}'. Hãy kiểm tra.")
            for rec in records if _note_status(rec) and rec.values.get("declared_status") == _note_status(rec)
            and not (rec.values.get("progress") and rec.values["progress"].status)]


def _period_shown(dv) -> str:
    if dv.ok and not dv.year_given:  # 'Tháng 10/2025 (năm báo cáo)', 'Năm 2025 (năm báo cáo)'
        return f"{dv.display()}{'' if dv.precision == YEAR else f'/{dv.start.year}'} (năm báo cáo)"
    return dv.display()


def period_findings(spec: S.SheetSpec, loc, sheet: str, records) -> tuple[list[Finding], set[tuple[int, str]]]:
    """A warning for each cell of a period column that was split into the
    start and the finish, showing the reading; an error for each that could
    not be read (said once, in place of the date columns' own findings,
    whose cells are returned). A table with a column of its own for one end
    takes only the other from the period column."""
    from ..date_ranges import FROM, RANGE, SINGLE, UNTIL, day_months
    span = S.SPANS[spec.key]
    start_col, finish_col = spec.column(span.start), spec.column(span.finish)
    free = [k for k in (span.start, span.finish) if k in loc.sources]
    gives = {span.start: (RANGE, SINGLE, FROM), span.finish: (RANGE, SINGLE, UNTIL)}
    out, unread = [], set()
    for rec in records:
        got = loc.periods.get(rec.row - 1)
        if got is None:
            continue
        text, reading = got
        shown = nfc(text) if isinstance(text, str) else _line_text(text)
        cell = cell_ref(rec.row, loc.excel_col(free[0]))
        start, finish = rec[span.start], rec[span.finish]
        if not reading.ok or any(reading.how in gives[k] and not rec[k].ok for k in free):
            unread.add((rec.row, cell))
            why = f" ({reading.why})" if reading.why else ""
            out.append(Finding(sheet, rec.row, spec.column(free[0]).header, cell, ERROR, "DATE_UNREADABLE",
                               f"Không đọc được thời gian thực hiện '{shown}'{why}. Ghi như '01/3/2021 - 30/9/2021', "
                               f"'Tháng 3 - tháng 9/2021', 'Quý II - Quý IV/2021' hoặc tách hai cột "
                               f"'{start_col.header}', '{finish_col.header}'."))
            continue
        if len(free) == 1:
            k = free[0]
            if reading.how not in gives[k]:
                continue  # the end this column gives is not there: the validator says it is empty
            said = f"{spec.column(k).header} {_period_shown(rec[k])} (cột '{spec.column(k).header}' không có riêng)"
        elif reading.how == RANGE:
            said = f"{start_col.header} {_period_shown(start)}, {finish_col.header} {_period_shown(finish)}"
        elif reading.how == SINGLE:
            said = (f"thực hiện trong {_period_shown(start)}: {start_col.header} từ {admin_date_short(start.start)}, "
                    f"{finish_col.header} đến {admin_date_short(finish.end)}" if start.precision != "day" else
                    f"{start_col.header} và {finish_col.header} cùng là {_period_shown(start)}")
            said += " (nếu đó chỉ là hạn hoàn thành, hãy ghi cả ngày bắt đầu)"
        elif reading.how == FROM:
            said = f"{start_col.header} {_period_shown(start)}; chưa ghi {finish_col.header.lower()}"
        else:
            said = f"{finish_col.header} {_period_shown(finish)}; chưa ghi {start_col.header.lower()}"
        if loc.period_month_first and isinstance(text, str) and day_months(nfc(text)):
            said += (f" (cột này ghi ngày theo kiểu tháng/ngày/năm, như ô '{loc.period_month_first}': ngày và "
                     f"tháng đọc theo kiểu đó)")
        out.append(Finding(sheet, rec.row, spec.column(free[0]).header, cell, WARNING, "DATE_INTERPRETED",
                           f"Ô ghi '{shown}' (một cột thời gian): đọc là {said}. Hãy kiểm tra."))
    return out, unread


def _copied_rows(path: str, spec: S.SheetSpec, loc, sheet: str, records, seen: dict) -> list[dict]:
    """Rows that repeat, as typed, a row of another sheet of the same file
    ('Phụ lục (2)', a copy of the annex): errors, so nothing is counted twice
    without a word. Repeats within one table are the validator's."""
    out, here = [], {}
    column = loc.excel_col(spec.key_column) or 1
    for rec in records:
        signature = (spec.key,) + row_signature(rec)
        first = seen.get(signature)
        if first is not None and first[0] != sheet:
            out.append({**Finding(sheet, rec.row, spec.column(spec.key_column).header, cell_ref(rec.row, column),
                                  ERROR, "DUPLICATE_ROW", f"Dòng trùng hoàn toàn với dòng {first[1]} ở trang "
                                  f"'{first[0]}' (trang chép lại?); bị tính hai lần nếu không xoá.").as_dict(),
                        "file": path})
        here.setdefault(signature, (sheet, rec.row))
    for signature, where in here.items():
        seen.setdefault(signature, where)
    return out


def sheet_merges(book: FileBook, sheet: str) -> list[tuple[int, int, int, int]]:
    """Merged areas of a sheet, 0-based (r1, c1, r2, c2): from the reader for
    .xlsx/.xls, from content.xml for .ods (which the reader does not give)."""
    merges = book.merged_ranges(sheet)
    if merges or _kind(book) != "ods":
        return merges
    try:
        return _ods_shape(book.data, sheet)[0]
    except Exception:  # a damaged content.xml: the values are still read, unmerged
        return []


def _kind(book: FileBook) -> str:
    kind = getattr(book, "_kind", None)
    return kind() if callable(kind) else book.path.suffix.lower().lstrip(".")


_ODS_T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_S = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_ODS_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"


def _ods_shape(data: bytes, sheet: str) -> tuple[list[tuple[int, int, int, int]], set[tuple[int, int]]]:
    """Merged areas and bold cells of one .ods sheet, from content.xml (in
    one pass; repeated rows and cells counted, never expanded)."""
    import io
    from defusedxml import ElementTree as ET  # no entities, no DTDs
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if z.getinfo("content.xml").file_size > 200 * 2**20:
            return [], set()
        root = ET.fromstring(z.read("content.xml"))
    t, st, fo = "{%s}" % _ODS_T, "{%s}" % _ODS_S, "{%s}" % _ODS_FO
    bold_styles = {s.get(st + "name") for s in root.iter(st + "style")
                   if any(p.get(fo + "font-weight") in ("bold", "700", "800", "900")
                          for p in s.iter(st + "text-properties"))}
    merges, bold = [], set()
    for table in root.iter(t + "table"):
        if table.get(t + "name") != sheet:
            continue
        r = 0
        for row in table.iter(t + "table-row"):
            c = 0
            for cell in row:
                if cell.tag not in (t + "table-cell", t + "covered-table-cell"):
                    continue
                rows_span = int(cell.get(t + "number-rows-spanned", "1"))
                cols_span = int(cell.get(t + "number-columns-spanned", "1"))
                if rows_span > 1 or cols_span > 1:
                    merges.append((r, c, r + rows_span - 1, c + cols_span - 1))
                if cell.get(t + "style-name") in bold_styles and r < 100_000:
                    bold.add((r, c))
                c += int(cell.get(t + "number-columns-repeated", "1"))
            r += int(row.get(t + "number-rows-repeated", "1"))
        break
    return merges, bold


class _BoldCells:
    """bold(row, col) of a sheet, read from the file only when the locator
    asks (a lone cell that may be a group heading): .xlsx through openpyxl,
    .xls through xlrd, .ods from content.xml."""

    def __init__(self, book: FileBook, sheet: str):
        self.book, self.sheet, self.test = book, sheet, None

    def __call__(self, row: int, col: int) -> bool:
        if self.test is None:
            try:
                self.test = self._reader()
            except Exception:  # no formatting to be had: no bold heading
                self.test = lambda r, c: False
        try:
            return bool(self.test(row, col))
        except Exception:
            return False

    def _reader(self):
        import io
        known = self.book.bold_cells(self.sheet)  # the access layer knows: HTML, XML 2003, .xlsb, Strict .xlsx
        if known is not None:
            return lambda r, c: (r, c) in known
        kind, data = _kind(self.book), self.book.data
        if kind == "xlsx":
            import openpyxl
            from ..logfile import library_warnings
            with library_warnings(f"openpyxl, '{self.book.name}'"):
                wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
                bold = {(cell.row - 1, cell.column - 1) for row in wb[self.sheet].iter_rows()  # one pass
                        for cell in row if cell.value is not None and cell.font is not None and cell.font.b}
            wb.close()
            return lambda r, c: (r, c) in bold
        if kind == "xls":
            from ..access import cellinfo
            book = getattr(self.book, "_xlrd", None) or cellinfo.xls_book(data)
            ws = book.sheet_by_name(self.sheet)
            return lambda r, c: book.font_list[book.xf_list[ws.cell_xf_index(r, c)].font_index].bold
        if kind == "ods":
            bold = _ods_shape(data, self.sheet)[1]
            return lambda r, c: (r, c) in bold
        return lambda r, c: False  # no formatting known
