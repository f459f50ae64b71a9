"""Fast bulk writing of record rows into a built .xlsx.

XlsxWriter lays out each sheet (table, formats, dropdowns, conditional
formatting) with its header only; the data rows are then spliced into the
sheet's ``<sheetData>`` as one XML string per sheet. Text is always an inline
string (``t="inlineStr"``), so a value such as ``=HYPERLINK(...)`` stays text
and is never a formula. This avoids one XlsxWriter call per cell, which
dominated the time to write a consolidated master of 60,000 rows."""
from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import Any, Iterator, Sequence
from xlsxwriter.utility import xl_col_to_name

from .print_layout import height_of, text_lines
from .zip_parts import Deflated, deflate, write_pieces

_EPOCH = dt.datetime(1899, 12, 30)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_CELL_TEXT = 32767


@dataclass
class PendingRows:
    """Rows waiting to be spliced into ``sheet`` (1-based sheet number)."""
    sheet_number: int
    table: str                   # Excel table name, whose range grows to cover the rows
    first_row: int               # 1-based Excel row of the first data row
    styles: Sequence[Any]        # XlsxWriter Format per column (xf_index known after close)
    rows: list[list[Any]] | list[dict[str, Any]]
    widths: Sequence[float] = ()  # column widths: rows whose text wraps get their height
    styled_blanks: Sequence[int] = ()  # columns whose empty cells are written with their style (grey)
    keys: Sequence[str] = ()     # when given, each row is a dict and these are its columns in order


def _number(value: Any) -> str | None:
    if isinstance(value, (dt.datetime, dt.date)):
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        delta = value - _EPOCH
        serial = delta.days + delta.seconds / 86400
        return str(delta.days) if not delta.seconds else repr(serial)
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return repr(value)
    return None


def _text(value: Any) -> str:
    text = value if isinstance(value, str) else str(value)
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        text = text[:MAX_CELL_TEXT]
    if "&" in text or "<" in text or ">" in text:  # (xml.sax.saxutils.escape, without importing urllib)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _cell_tail(value: Any, style: str) -> str:
    """A cell's XML after its reference: style, type and value."""
    if value.__class__ is not str:
        number = _number(value)
        if number is not None:
            return f'"{style}><v>{number}</v></c>'
    return f'"{style} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'


def rows_xml(first_row: int, rows: list[list[Any]], styles: list[int], widths: Sequence[float] = (),
             styled_blanks: Sequence[int] = ()) -> str:
    """The ``<row>`` elements of ``rows``."""
    return "".join(iter_rows_xml(first_row, rows, styles, widths, styled_blanks))


def iter_rows_xml(first_row: int, rows: list[list[Any]] | list[dict[str, Any]], styles: list[int],
                  widths: Sequence[float] = (), styled_blanks: Sequence[int] = (), batch: int = 2000,
                  keys: Sequence[str] | None = None) -> Iterator[str]:
    """The ``<row>`` elements of ``rows`` (with ``keys``: dicts, these keys
    their columns in order), ``batch`` rows a piece (see rows_utf8)."""
    for piece in rows_utf8(first_row, rows, styles, widths, styled_blanks, batch, keys):
        yield piece.decode("utf-8")


_ROW = b"\x00"  # where a cell's row number goes in its XML, made once a column and value (never in a cell's text)
_ABSENT = object()  # past the end of a row given as a list: no cell, not even a styled blank


@dataclass
class _Column:
    """One column of rows_utf8: each distinct value's cell XML (UTF-8, its
    row number left as _ROW) and the lines it takes, by the key _keys gives."""
    open_: str           # '<c r="B' + _ROW
    style: str           # ' s="5"' or ""
    width: float | None  # None: the lines are never counted
    xml: dict[Any, bytes]
    lines: dict[Any, int]
    most: int = 1        # the most lines a value made so far takes

    def cells(self, values: list, wraps: bool) -> tuple[list[bytes], list[int] | None]:
        """The cells of ``values``, and with ``wraps`` the lines each takes
        (None when no value of the column takes more than one line: the
        column does not make a row taller)."""
        xml = self.xml
        try:
            keys = _keys(values)
            if keys is values:  # each value its own key
                for v in set(values) - xml.keys():  # each new value made once
                    xml[v], self.lines[v] = self.made(v)
            else:
                fresh = dict(zip(keys, values))
                for k in fresh.keys() - xml.keys():
                    xml[k], self.lines[k] = self.made(fresh[k])
            return list(map(xml.__getitem__, keys)), \
                list(map(self.lines.__getitem__, keys)) if wraps and self.most > 1 else None
        except (TypeError, ValueError):  # an unhashable value: each cell made on its own
            made = [(xml[v], self.lines[v]) if v.__class__ in _NOT_NUMBERS and v in xml else self.made(v)
                    for v in values]
            return list(map(itemgetter(0), made)), list(map(itemgetter(1), made)) if wraps and self.most > 1 else None

    def made(self, v: Any) -> tuple[bytes, int]:
        lines = 1 if self.width is None else text_lines(v, self.width)
        self.most = max(self.most, lines)
        return (self.open_ + _cell_tail(v, self.style)).encode("utf-8"), lines


_NOT_NUMBERS = frozenset({str, type(None), dt.datetime, dt.date, object})  # equal only to their own kind


def _keys(values: list) -> list:
    """A key for each value, equal for values whose cells are the same: the
    value itself, unless numbers of several types are among them (1, 1.0
    and True are one key of a dict) or a float zero (0.0 and -0.0): then a
    number is keyed by its type and its text."""
    numbers = set(map(type, values)) - _NOT_NUMBERS
    if not numbers or numbers == {int} or (numbers == {float} and 0.0 not in values):
        return values
    return [v if v.__class__ in _NOT_NUMBERS else (v.__class__, repr(v)) for v in values]


def rows_utf8(first_row: int, rows: list[list[Any]] | list[dict[str, Any]], styles: list[int],
              widths: Sequence[float] = (), styled_blanks: Sequence[int] = (), batch: int = 2000,
              keys: Sequence[str] | None = None) -> Iterator[bytes]:
    """The ``<row>`` elements of ``rows`` in UTF-8 (with ``keys``: dicts,
    these keys their columns in order), ``batch`` rows a piece (a large
    master is never held as one string). The rows of a piece are made
    column by column: a text, date or number recurs down a column (units,
    files, sheets, progress), and its cell's XML and the lines it takes are
    made once a column; the row number is put into a row's cells at once."""
    width = len(keys) if keys is not None else max((len(r) for r in rows), default=0)
    blanks = {c for c in styled_blanks if c < width and c < len(styles) and styles[c]}
    columns = []
    for c in range(width):
        style = f' s="{styles[c]}"' if c < len(styles) and styles[c] else ""
        open_ = f'<c r="{xl_col_to_name(c)}{_ROW.decode()}'
        blank = f'{open_}"{style}/>'.encode() if c in blanks else b""  # an empty cell: nothing, or its grey
        column = _Column(open_, style, widths[c] if c < len(widths) else None,
                         {None: blank, "": blank, _ABSENT: b""}, {None: 1, "": 1, _ABSENT: 1})
        columns.append((keys[c] if keys is not None else c, column,
                        column.width is not None and not math.isinf(column.width)))  # a text may wrap
    attrs = [b""] + [b' ht="%b" customHeight="1"' % b"%r" % h if widths and (h := height_of(n)) else b""
                     for n in range(1, 65)]  # of a row by the lines it takes
    for start in range(0, len(rows), batch):
        part = rows[start:start + batch]
        cells, lines = [], []
        reach = min(map(len, part)) if keys is None else 0
        for key, column, wraps in columns:
            values = (list(map(dict.get, part, repeat(key))) if keys is not None else
                      list(map(itemgetter(key), part)) if key < reach else
                      [row[key] if key < len(row) else _ABSENT for row in part])
            if not column.xml[None] and values.count(None) == len(values):
                continue  # no cell in this column
            xml, n = column.cells(values, wraps)
            cells.append(xml)
            if n is not None:
                lines.append(n)
        pieces = []
        for r, body, most in zip(range(first_row + start, first_row + start + len(part)), map(b"".join, zip(*cells)),
                                 map(max, zip(*lines)) if lines else repeat(1)):
            if body:
                rs = b"%d" % r
                attr = attrs[most] if most < len(attrs) else b' ht="%b" customHeight="1"' % b"%r" % height_of(most)
                pieces.append(b'<row r="%b"%b>%b</row>' % (rs, attr, body.replace(_ROW, rs)))
        if pieces:
            yield b"".join(pieces)


def splice(xlsx: bytes, pending: list[PendingRows]) -> bytes:
    """Insert the pending rows into their sheets; every other zip member is
    copied unchanged, in the same order, so the result stays deterministic."""
    todo = {f"xl/worksheets/sheet{p.sheet_number}.xml": p for p in pending if p.rows}
    if not todo:
        return xlsx
    tables = {p.table: p for p in todo.values()}
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            p = todo.get(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            if p is not None:  # the rows are streamed into the part, a batch at a time
                zi._compresslevel = ROWS_LEVEL
                with dst.open(zi, "w", force_zip64=len(p.rows) > 200_000) as fh:
                    write_pieces(fh, _sheet_pieces(data.decode("utf-8"), p), ROWS_LEVEL)
                continue
            if info.filename.startswith("xl/tables/"):
                data = _grow_table(data.decode("utf-8"), tables).encode("utf-8")
            dst.writestr(zi, data, compresslevel=6)
    return out.getvalue()


def _last_cell(p: PendingRows) -> str:
    return f"{xl_col_to_name(len(p.styles) - 1)}{p.first_row + len(p.rows) - 1}"


def _grow_table(xml: str, tables: dict[str, PendingRows]) -> str:
    """The table was laid out over its header and one row (XlsxWriter checks
    every cell of a table range for overlaps); stretch it over the data."""
    m = re.search(r'\sname="([^"]+)"', xml)
    p = tables.get(m.group(1)) if m else None
    if p is None:
        return xml
    return re.sub(r'ref="A1:[A-Z]+\d+"', f'ref="A1:{_last_cell(p)}"', xml)


WINDOW = 40_000  # rows made at a time (two halves on two cores): a large master is never one string
ROWS_LEVEL = 1   # zlib level of a sheet part with rows spliced in: speed over a few percent of size


def _sheet_pieces(xml: str, p: PendingRows) -> Iterator[bytes | Deflated]:
    """The sheet part laid out by XlsxWriter with the rows inserted into its
    ``<sheetData>``, as UTF-8 pieces. A large sheet's rows are made a window
    at a time, each window in two halves on two cores where the system allows
    (see halves.py), each half already deflated (zip_parts.py); the bytes are
    the same either way."""
    from .halves import MIN_ITEMS, in_halves
    styles = [getattr(f, "xf_index", 0) or 0 for f in p.styles]
    xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{_last_cell(p)}"/>', xml, count=1)
    if "</sheetData>" in xml:
        head, tail = xml.split("</sheetData>", 1)
    else:
        head, tail = xml.split("<sheetData/>", 1)
        head += "<sheetData>"
    yield head.encode("utf-8")
    rows = p.rows
    for start in range(0, len(rows), WINDOW):
        window = rows[start:start + WINDOW]

        def made(lo: int, hi: int, start: int = start, window: list = window) -> bytes | Deflated:
            part = window[lo:hi]
            raw = b"".join(rows_utf8(p.first_row + start + lo, part, styles, p.widths, p.styled_blanks,
                                     batch=len(part) + 1, keys=p.keys or None))
            return deflate([raw], ROWS_LEVEL) if len(window) >= MIN_ITEMS else raw
        yield from in_halves(made, len(window))
    yield ("</sheetData>" + tail).encode("utf-8")
