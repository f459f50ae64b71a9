"""The reader: typed records from any workbook behind the access layer,
located and parsed by the schema."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import schema as S
from .access import BookAccess
from .parsing import (DateValue, canonical_doc_number, column_is_fraction, parse_date,
                      parse_int, parse_number, parse_progress, split_lines)
from .tables import TableLocation, locate
from .vntext import fold, nfc


@dataclass
class Record:
    spec: S.SheetSpec
    row: int                       # Excel row number, 1-based
    raw: dict[str, Any]
    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)

    def text(self, key: str) -> str:
        v = self.values.get(key)
        return v if isinstance(v, str) else ("" if v is None else nfc(v))


@dataclass
class WorkbookData:
    source: str
    info: dict[str, Any] = field(default_factory=dict)
    info_raw: dict[str, Any] = field(default_factory=dict)
    info_rows: dict[str, int] = field(default_factory=dict)
    records: dict[str, list[Record]] = field(default_factory=dict)
    locations: dict[str, TableLocation] = field(default_factory=dict)
    sheet_names: dict[str, str] = field(default_factory=dict)  # spec key -> actual sheet name
    extents: dict[str, int] = field(default_factory=dict)      # sheet name -> rows used when read
    missing: list[str] = field(default_factory=list)

    @property
    def report_date(self) -> dt.date | None:
        d = self.info.get("doc_date")
        return d.start if isinstance(d, DateValue) and d.ok and d.precision == "day" else None

    @property
    def report_year(self) -> int | None:
        y = self.info.get("report_year")
        if isinstance(y, int):
            return y
        d = self.info.get("doc_date")
        return d.start.year if isinstance(d, DateValue) and d.ok else None

    def __getattr__(self, name: str) -> list[Record]:
        if name in S.SHEETS_BY_KEY and name != "info":
            return self.__dict__.setdefault("records", {}).get(name, [])
        raise AttributeError(name)


def parse_value(column: S.Column, raw: Any, default_year: int | None = None, fraction: bool = False) -> Any:
    if column.kind == S.DATE:
        return parse_date(raw, default_year)
    if column.kind == S.PROGRESS:
        return parse_progress(raw, fraction=fraction)
    if column.kind == S.INT:
        return parse_int(raw)
    if column.kind == S.NUMBER:
        return parse_number(raw)
    if column.kind == S.LINES:
        return split_lines(raw)
    text = _text(raw)
    if column.kind == S.DOC_NUMBER:
        return canonical_doc_number(text)
    if column.kind == S.CHOICE or column.vocab:
        term = S.vocabulary(column.vocab).lookup(text)
        return term.value if term else text
    return text


def _text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.date):  # calamine gives a date for a date cell without a time
        return raw.strftime("%d/%m/%Y")
    return nfc(raw)


def find_sheet(names: list[str], spec: S.SheetSpec) -> str | None:
    wanted = fold(spec.name)
    for n in names:
        if fold(n) == wanted:
            return n
    return None


def read_info(grid, data: WorkbookData) -> None:
    for i, row in enumerate(grid):
        if not row or row[0] is None:
            continue
        label = str(row[0])
        for col in S.INFO.columns:
            if col.key not in data.info_raw and col.matches(label):
                raw = row[1] if len(row) > 1 else None
                data.info_raw[col.key] = raw
                data.info_rows[col.key] = i + 1
                break
    year = None
    for col in S.INFO.columns:  # dates need the year first
        if col.key in ("report_year",):
            year = parse_int(data.info_raw.get(col.key))
    doc_date = parse_date(data.info_raw.get("doc_date"))
    year = year or (doc_date.start.year if doc_date.ok else None)
    for col in S.INFO.columns:
        data.info[col.key] = parse_value(col, data.info_raw.get(col.key), year)


def read_records(spec: S.SheetSpec, grid, sheet: str, default_year: int | None,
                 loc: TableLocation | None = None) -> tuple[TableLocation | None, list[Record]]:
    loc = loc or locate(spec, grid, sheet, spec.key_column)
    if loc is None:
        return None, []
    fraction = {}
    for col in spec.columns:
        if col.kind == S.PROGRESS and col.key in loc.columns:
            c = loc.columns[col.key]
            fraction[col.key] = column_is_fraction([grid[i][c] if c < len(grid[i]) else None for i in loc.rows])
    records = []
    for i in loc.rows:
        row = grid[i]
        raw = {k: (row[c] if c < len(row) else None) for k, c in loc.columns.items()}
        values = {col.key: parse_value(col, raw.get(col.key), default_year, fraction.get(col.key, False))
                  for col in spec.columns}
        records.append(Record(spec, i + 1, raw, values))
    return loc, records


def read_workbook(book: BookAccess) -> WorkbookData:
    data = WorkbookData(source=book.name)
    names = book.sheet_names()
    info_sheet = find_sheet(names, S.INFO)
    if info_sheet:
        data.sheet_names["info"] = info_sheet
        grid = book.read(info_sheet)
        data.extents[info_sheet] = len(grid)
        read_info(grid, data)
    else:
        data.missing.append(S.INFO.name)
        for col in S.INFO.columns:
            data.info[col.key] = parse_value(col, None)
    year = data.report_year
    for spec in S.RECORD_SHEETS + S.REVIEW_INPUT_SHEETS + S.AWARD_DOC_SHEETS:
        sheet = find_sheet(names, spec)
        if sheet is None:
            if spec not in S.REVIEW_INPUT_SHEETS + S.AWARD_DOC_SHEETS:  # optional: older workbooks have no review sheets
                data.missing.append(spec.name)
            data.records[spec.key] = []
            continue
        data.sheet_names[spec.key] = sheet
        grid = book.read(sheet)
        data.extents[sheet] = len(grid)
        loc, recs = read_records(spec, grid, sheet, year)
        if loc is not None:
            data.locations[spec.key] = loc
        data.records[spec.key] = recs
    return data
