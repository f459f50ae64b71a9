"""The reader: typed records from any workbook behind the access layer,
located and parsed by the schema."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import compress, islice, repeat, zip_longest
from operator import and_, attrgetter, is_, is_not, not_
from typing import Any, Callable, Sequence

from . import schema as S
from .access import BookAccess
from .bulk import bulk_objects
from .findings import Finding
from .parsing import (DMY, DateValue, Progress, canonical_doc_number, date_order, is_number, number_text, parse_date,
                      parse_int, parse_number, parse_progress, split_lines, split_number_date)
from .tables import TableLocation, locate
from .vntext import fold, nfc


class Record:
    """One row of a table: ``raw``, its cells as typed, and ``values``, as
    read, each a dict by column key. A record the reader made keeps its
    place among its table's rows (``table``, ``at``) and makes these dicts
    when first asked for: most rows of a large table are only checked,
    column by column (see table_of), and read by ``rec[key]``."""
    __slots__ = ("spec", "row", "signature", "cols", "_raw", "_values", "_table", "_at")
    __hash__ = None  # type: ignore[assignment]  # compared by content, as its dicts are

    def __init__(self, spec: S.SheetSpec, row: int, raw: dict[str, Any] | None, values: dict[str, Any] | None,
                 signature: tuple | None = None, cols: dict[str, int] | None = None,
                 table: "TableRows | None" = None, at: int = 0):
        self.spec = spec
        self.row = row                # Excel row number, 1-based
        self._raw, self._values = raw, values
        self.signature = signature   # validation.row_signature, made once
        self.cols = cols  # key -> 0-based source column, where it is not the table's column for the key (a count
        # typed under 'Cá nhân')
        self._table, self._at = table, at

    @property
    def raw(self) -> dict[str, Any]:
        if self._raw is None:
            self._raw = self._table.raw(self._at)
        return self._raw

    @property
    def values(self) -> dict[str, Any]:
        if self._values is None:
            self._values = self._table.values(self._at)
        return self._values

    def __getitem__(self, key: str) -> Any:
        if self._values is None:  # read from the table's column, no dict made
            column = self._table.value_columns.get(key)
            return None if column is None else column[self._at]
        return self._values.get(key)

    def text(self, key: str) -> str:
        v = self[key]
        return v if v.__class__ is str else as_text(v)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Record:
            return NotImplemented
        return (self.spec, self.row, self.raw, self.values) == (other.spec, other.row, other.raw, other.values)

    def __repr__(self) -> str:
        return f"Record(spec={self.spec!r}, row={self.row!r}, raw={self.raw!r}, values={self.values!r})"

    def __reduce__(self):
        return Record, (self.spec, self.row, self.raw, self.values, self.signature, self.cols)


class TableRows:
    """A table's rows as the reader made them, shared by its records, a
    column at a time: the cells as typed (``raw_columns``) and the parsed
    values (``value_columns``), each by key. ``asked`` is set once a
    record's dicts are made: a caller may change them, so the columns are
    no longer the records' (see table_of)."""

    def __init__(self, size: int, raw_columns: dict[str, tuple], value_columns: dict[str, list]):
        self.size, self.raw_columns, self.value_columns = size, raw_columns, value_columns
        self.asked = False

    def raw(self, at: int) -> dict[str, Any]:
        self.asked = True
        return {k: column[at] for k, column in self.raw_columns.items()}

    def values(self, at: int) -> dict[str, Any]:
        self.asked = True
        return {k: column[at] for k, column in self.value_columns.items()}


def table_of(records: list[Record]) -> TableRows | None:
    """The rows the reader made these records of, when they are all of them,
    in order, and no record's dicts were made yet: then their cells and
    values can be taken a column at a time (``raw_columns``, ``value_columns``)."""
    table = records[0]._table if records else None
    if table is None or table.asked or len(records) != table.size \
            or set(map(attrgetter("_table"), records)) != {table} \
            or list(map(attrgetter("_at"), records)) != list(range(len(records))):
        return None
    return table


class Columns:
    """The cells as typed and the values of records, a column at a time:
    the reader's columns while they are still the records' (table_of),
    else read from each record."""

    def __init__(self, records: list[Record]):
        self.records = records
        self.table = table_of(records)

    def cells(self, key: str) -> Sequence:
        if self.table is not None:
            return self.table.raw_columns.get(key) or [None] * len(self.records)
        return [rec.raw.get(key) for rec in self.records]

    def values(self, key: str) -> Sequence:
        if self.table is not None:
            return self.table.value_columns.get(key) or [None] * len(self.records)
        return [rec[key] for rec in self.records]


def value_columns(records, keys: tuple[str, ...]) -> list[Sequence]:
    """The values of ``keys`` of each record (a list, or any iterable of
    records, walked once), a column per key (Columns)."""
    columns = Columns(records if isinstance(records, list) else list(records))
    return [columns.values(k) for k in keys]


def as_text(v: Any) -> str:
    """A parsed value as text (Record.text): "" for nothing."""
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
    read_findings: list[Finding] = field(default_factory=list)  # made while reading: legacy text, formulas

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


def parse_value(column: S.Column, raw: Any, default_year: int | None = None, fraction: bool = False,
                order: str = DMY, **progress: bool) -> Any:
    """One cell read by its column's kind; ``progress`` are the cell's
    keyword arguments of parse_progress (see progress_options); ``order``:
    how a date column writes its dates (parsing.date_order)."""
    if column.kind == S.DATE:
        return parse_date(raw, default_year, order)
    if column.kind == S.PROGRESS:
        return parse_progress(raw, fraction=fraction, **progress)
    if column.kind == S.INT:
        return parse_int(raw)
    if column.kind == S.NUMBER:
        return parse_number(raw)
    if column.kind == S.LINES:
        return split_lines(raw)
    text = _text(raw)
    if column.kind == S.DOC_NUMBER:
        split = split_number_date(text)  # "Số 45/QĐ-SNgV ngày 05/01/2025": its date goes to the date column
        return split[0] if split else canonical_doc_number(text)
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


def progress_options(grid, rows: list[int], c: int, cell_info=None, cells: Sequence | None = None):
    """How each cell of progress column ``c`` is read — the cell decides, not
    the column: a function of the 0-based row giving parse_progress's
    ``percent`` (the cell's own format is a percentage), ``fraction`` (every
    General number of the column is ≤ 1) and ``mixed`` (some are > 1).
    ``cell_info`` is a zero-argument callable giving the sheet's CellInfo,
    asked only when the column holds numbers; ``cells``: the column's cells
    in ``rows``, if taken already. Each distinct cell is looked at once, the
    rows in C-level passes."""
    if cells is None:
        cells = [row[c] if c < len(row) else None for row in map(grid.__getitem__, rows)]
    distinct = set(cells)
    numeric = {v for v in distinct if is_number(v)}
    if any(v.__class__ is bool for v in distinct):  # a number equal to a bool (1.0, True) may stand behind it
        numeric.update(filter(is_number, cells))
    as_text = {v: n for v in distinct if v.__class__ is str for n in [number_text(v)] if n is not None}
    # a number cell: a value of numeric, not a bool (True == 1)
    numbers = list(map(and_, map(numeric.__contains__, cells), map(is_not, map(type, cells), repeat(bool)))) \
        if numeric else []
    number_rows = list(compress(rows, numbers))
    info = cell_info() if number_rows and cell_info is not None else None
    percent = info.percent_rows(c, number_rows) if info is not None else set()
    general = set(compress(cells, map(and_, numbers, map(not_, map(percent.__contains__, rows))) if percent
                           else numbers))
    general.update(as_text.values())  # each distinct number looked at once
    return ProgressReading(percent, bool(general) and all(0 <= v <= 1 for v in general), any(v > 1 for v in general),
                           info is not None and info.unknown)


@dataclass(frozen=True)
class ProgressReading:
    """How the cells of one progress column are read (see progress_options):
    called with a 0-based row, parse_progress's keyword arguments for that cell."""
    percent: set[int]   # rows whose own number format is a percentage
    fraction: bool      # every General number of the column is ≤ 1
    mixed: bool         # some General number is > 1
    unknown: bool = False  # the file's formats could not be read: every number ≤ 1 is said

    def __call__(self, i: int) -> dict[str, bool]:
        if self.unknown:
            return {"percent": False, "fraction": self.fraction, "mixed": self.mixed, "unknown": True}
        return {"percent": i in self.percent, "fraction": self.fraction, "mixed": self.mixed}

    @property
    def general(self) -> dict[str, bool]:
        """The options of a cell whose own format is not a percentage."""
        return self(-1)  # no row is -1


# a number column whose cell may also give the date of its date column
NUMBER_DATES = (("decision_number", "decision_date"), ("number", "date"))


def date_from_number(raw: dict, values: dict) -> str | None:
    """An empty date taken from its number cell ("Số 45/QĐ-SNgV ngày
    05/01/2025"); the key of the date filled, if any. The validator says so."""
    for number_key, date_key in NUMBER_DATES:
        if number_key in raw and date_key in values:
            date = values.get(date_key)
            if date is not None and not (isinstance(date, DateValue) and date.empty):
                continue  # the date column is filled: the number cell is not read again
            split = split_number_date(raw[number_key])
            if split:
                values[date_key] = split[1]
                return date_key
    return None


def read_records(spec: S.SheetSpec, grid, sheet: str, default_year: int | None,
                 loc: TableLocation | None = None, cell_info=None) -> tuple[TableLocation | None, list[Record]]:
    """The records of one sheet; ``cell_info`` as in progress_options."""
    loc = loc or locate(spec, grid, sheet, spec.key_column)
    if loc is None:
        return None, []
    under, loc.under = loc.under, None
    raw_keys = list(loc.columns)
    empty = (None,) * len(loc.rows)
    if under is not None and len(loc.rows) == len(grid) - loc.data_start:  # every row under the header: the
        columns, sets = under  # columns data_rows made, and their sets
        cells_of = {k: columns[c] if c < len(columns) else empty for k, c in loc.columns.items()}
        sets_of = {k: sets[c] for k, c in loc.columns.items() if c < len(sets)}
    else:
        cells_of = dict(zip(raw_keys, _cells(list(map(grid.__getitem__, loc.rows)), list(loc.columns.values()))))
        sets_of = {}
    options = {col.key: progress_options(grid, loc.rows, loc.columns[col.key], cell_info, cells_of[col.key])
               for col in spec.columns if col.kind == S.PROGRESS and col.key in loc.columns}
    value_columns = [_column_values(col, cells_of.get(col.key, empty), loc.rows, options.get(col.key), default_year,
                                    sets_of.get(col.key)) for col in spec.columns]
    value_keys = [col.key for col in spec.columns]
    if spec is S.WORKS:  # a progress cell reading "Đang thực hiện", "Chưa triển khai", "Lùi sang …" or "Đã hoàn
        # thành" gives the declared status when none was typed
        at = value_keys.index("declared_status")
        value_columns[at] = [p.status if isinstance(p, Progress) and p.status and not typed else v for p, typed, v in
                             zip(value_columns[value_keys.index("progress")], cells_of.get("declared_status", empty),
                                 value_columns[at])]
    by_key = dict(zip(value_keys, value_columns))
    if any(n in raw_keys and d in value_keys for n, d in NUMBER_DATES):  # a number cell may give a date
        _dates_from_numbers(cells_of, by_key)
    table = TableRows(len(loc.rows), cells_of, by_key)
    records = [Record(spec, i + 1, None, None, None, None, table, n)  # by position: made for every row
               for n, i in enumerate(loc.rows)]
    return loc, records


def _dates_from_numbers(raw_columns: dict[str, tuple], value_columns: dict[str, list]) -> None:
    """date_from_number for each row whose number cell holds a date, in the
    parsed columns."""
    numbers = [raw_columns[n] for n, _ in NUMBER_DATES if n in raw_columns]
    for n, cells in enumerate(zip(*numbers)):
        if any(map(split_number_date, cells)):
            values = {k: column[n] for k, column in value_columns.items()}
            filled = date_from_number({k: column[n] for k, column in raw_columns.items()}, values)
            if filled:
                value_columns[filled][n] = values[filled]


def _cells(rows: list, columns: list[int]) -> list[tuple]:
    """The cells of ``rows`` in each of ``columns`` (None past a row's
    end), a tuple per column: the rows' columns made in one C-level pass,
    as far as the last one asked for."""
    if not rows:
        return [() for _ in columns]
    made = list(islice(zip_longest(*rows), max(columns, default=-1) + 1))
    return [made[c] if c < len(made) else (None,) * len(rows) for c in columns]


def _column_values(col: S.Column, cells: list, rows: list[int], option, default_year: int | None,
                   distinct: set | None = None) -> list:
    """The parsed values of one column's cells (``rows``: their 0-based
    indexes; ``option`` as progress_options gives; ``distinct``: the set of
    the cells, if made). Each distinct cell is
    parsed once (units, dates, progress, choices recur down a table): the
    parsed values are immutable, shared by the records; a list of lines is
    parsed for each cell."""
    if col.kind == S.LINES:
        return [parse_value(col, v, default_year) for v in cells]
    if option is not None:
        kw = option.general
    else:  # a date column: the order its dates typed as text are written in ('12/25/2025': month first)
        kw = {"order": date_order(distinct or cells)} if col.kind == S.DATE else {}
    out = once_each(_parser(col, default_year, kw), cells, distinct=distinct)
    if option is not None and option.percent and not option.unknown:  # cells formatted as a percentage
        shown = once_each(_parser(col, default_year, option(next(iter(option.percent)))), cells)
        out = list(map(tuple.__getitem__, zip(out, shown), map(option.percent.__contains__, rows)))  # [general, as %]
    return out


def distinct_keys(cells: list, distinct: set | None = None) -> list:
    """A key for each cell, equal for equal cells of one type: the cell
    itself, unless numbers of different types are among them (1, 1.0 and
    True are equal but not read alike: each is keyed with its type).
    ``distinct``: the set of the cells, if made: without a number in it,
    the cells need no look."""
    if distinct is not None and NUMBER_TYPES.isdisjoint(map(type, distinct)) or \
            len(NUMBER_TYPES.intersection(map(type, cells))) < 2:
        return cells
    return [v if v is None or v.__class__ is str else (v.__class__, v) for v in cells]


def once_each(f: Callable[[Any], Any], cells: list, keys: list | None = None, distinct: set | None = None) -> list:
    """``f`` of each cell, called once for each distinct cell (``keys`` as
    distinct_keys gives; ``distinct``: the set of the cells, if made): cells
    recur down a table (units, dates, statuses), and what ``f`` makes of the
    first is shared by the others."""
    try:  # each key's first cell (a set keeps the first of equal items)
        if distinct is None:
            distinct = set(cells) if keys is None or keys is cells else None
        keys = distinct_keys(cells, distinct) if keys is None else keys
        done = ({v: f(v) for v in distinct} if keys is cells else
                {k: f(v) for k, v in dict(zip(reversed(keys), reversed(cells))).items()})
    except TypeError:  # an unhashable cell: each is looked at
        return list(map(f, cells))
    if len(done) == 1:  # one value down the column (an empty one): no cell looked up
        return [*done.values()] * len(keys)
    if keys is cells and all(map(is_, done, done.values())):  # each cell read as itself (a text as typed)
        return list(cells)
    return list(map(done.__getitem__, keys))


def _parser(col: S.Column, default_year: int | None, kw: dict[str, bool]) -> Callable[[Any], Any]:
    """parse_value for the cells of one column, its kind looked at once."""
    if col.kind == S.TEXT and not col.vocab:
        return _text
    if col.kind in (S.INT, S.NUMBER):
        return parse_int if col.kind == S.INT else parse_number
    return partial(parse_value, col, default_year=default_year, **kw)


NUMBER_TYPES = frozenset({int, float, bool})  # equal across types (1 == 1.0 == True)


def cell_info_getter(book: BookAccess, sheet: str):
    """A lazy getter of the sheet's CellInfo, when the book can give one: it
    gives None when no cell may be percent-formatted (which the book's styles
    tell: read only when a progress column holds numbers)."""
    getter = getattr(book, "cell_info", None)
    if getter is None:
        return None
    percent = getattr(book, "has_percent_formats", lambda: True)
    return lambda: getter(sheet) if percent() else None


def _sheet_findings(book: BookAccess, sheet: str, loc: TableLocation | None, spec: S.SheetSpec) -> list[Finding]:
    """The access layer's findings for a sheet, with the column header filled in."""
    notes = getattr(book, "notes", None)
    if notes is None:
        return []
    headers = {c: spec.column(k).header for k, c in loc.columns.items()} if loc is not None else {}
    out = []
    for f in notes(sheet):
        col = _col_of(f.cell)
        out.append(replace(f, column=headers.get(col, f.column)) if col in headers else f)
    return out


def _col_of(cell: str) -> int:
    n = 0
    for ch in cell:
        if not ch.isalpha():
            break
        n = n * 26 + ord(ch.upper()) - 64
    return n - 1


def read_workbook(book: BookAccess) -> WorkbookData:
    with bulk_objects():
        return _read_workbook(book)


def _read_workbook(book: BookAccess) -> WorkbookData:
    data = WorkbookData(source=book.name)
    names = book.sheet_names()
    info_sheet = find_sheet(names, S.INFO)
    if info_sheet:
        data.sheet_names["info"] = info_sheet
        grid = book.read(info_sheet)
        data.extents[info_sheet] = len(grid)
        read_info(grid, data)
        data.read_findings += _sheet_findings(book, info_sheet, None, S.INFO)
    else:
        data.missing.append(S.INFO.name)
        for col in S.INFO.columns:
            data.info[col.key] = parse_value(col, None)
    year = data.report_year
    for spec in S.RECORD_SHEETS + S.OPTIONAL_SHEETS:
        sheet = find_sheet(names, spec)
        if sheet is None:
            if spec not in S.OPTIONAL_SHEETS:  # optional: older workbooks have no review sheets
                data.missing.append(spec.name)
            data.records[spec.key] = []
            continue
        data.sheet_names[spec.key] = sheet
        grid = book.read(sheet)
        data.extents[sheet] = len(grid)
        loc, recs = read_records(spec, grid, sheet, year, cell_info=cell_info_getter(book, sheet))
        data.read_findings += _sheet_findings(book, sheet, loc, spec)
        if loc is not None:
            data.locations[spec.key] = loc
        data.records[spec.key] = recs
    return data
