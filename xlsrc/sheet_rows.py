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


def _cell(value: Any, style: str, width: float | None) -> tuple[str, int]:
    return _cell_tail(value, style), 1 if width is None else text_lines(value, width)


def rows_xml(first_row: int, rows: list[list[Any]], styles: list[int], widths: Sequence[float] = (),
             styled_blanks: Sequence[int] = ()) -> str:
    """The ``<row>`` elements of ``rows``."""
    return "".join(iter_rows_xml(first_row, rows, styles, widths, styled_blanks))


def iter_rows_xml(first_row: int, rows: list[list[Any]] | list[dict[str, Any]], styles: list[int],
                  widths: Sequence[float] = (), styled_blanks: Sequence[int] = (), batch: int = 2000,
                  keys: Sequence[str] | None = None) -> Iterator[str]:
    """The ``<row>`` elements of ``rows`` (with ``keys``: dicts, these keys
    their columns in order), ``batch`` rows a piece (a large master is never
    held as one string). A text or date recurs down a column (units, files,
    sheets, progress words): its XML and the lines it takes are made once
    per column."""
    width = len(keys) if keys is not None else max((len(r) for r in rows), default=0)
    blanks = {c for c in styled_blanks if c < width and c < len(styles) and styles[c]}
    s_attr = [f' s="{styles[c]}"' if c < len(styles) and styles[c] else "" for c in range(width)]
    opens = [f'<c r="{xl_col_to_name(c)}' for c in range(width)]
    blank_tail = [f'"{s_attr[c]}/>' if c in blanks else None for c in range(width)]
    col_widths = [widths[c] if c < len(widths) else None for c in range(width)]  # None: never sets the height
    # per column: a text, date … -> its XML after the reference and the lines it takes (numbers, which a dict
    # would take for True, are never kept)
    seen: list[dict[Any, tuple[str, int]]] = [{} for _ in range(width)]
    heights = [None] + [height_of(n) if widths else None for n in range(1, 65)]  # by the lines a row takes
    columns = list(zip(keys if keys is not None else range(width), opens, s_attr, blank_tail, seen, col_widths))
    parts = []
    append = parts.append
    for r, row in enumerate(rows, start=first_row):
        rs = str(r)
        cells = []
        add = cells.append
        most = 1
        get = row.get if keys is not None else row.__getitem__
        for key, open_, style, blank, cache, col_width in columns if keys is not None else columns[:len(row)]:
            v = get(key)
            if v is None:
                if blank is not None:
                    add(f"{open_}{rs}{blank}")
                continue
            kind = v.__class__
            if kind is float or kind is int:  # a number: nothing to cache, never wraps
                add(f'{open_}{rs}"{style}><v>{v!r}</v></c>' if kind is int or v - v == 0.0
                    else open_ + rs + _cell_tail(v, style))
                continue
            try:
                got = cache.get(v)
            except TypeError:  # unhashable: made each time
                got = _cell(v, style, col_width)
            if got is None:
                if v == "":
                    if blank is not None:
                        add(f"{open_}{rs}{blank}")
                    continue
                got = cache[v] = _cell(v, style, col_width)
            add(f"{open_}{rs}{got[0]}")
            if got[1] > most:
                most = got[1]
        if cells:
            height = (heights[most] if most < len(heights) else height_of(most)) if widths else None
            attrs = f' ht="{height}" customHeight="1"' if height else ""
            append(f'<row r="{rs}"{attrs}>{"".join(cells)}</row>')
            if len(parts) >= batch:
                yield "".join(parts)
                parts.clear()
    if parts:
        yield "".join(parts)


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
            raw = "".join(iter_rows_xml(p.first_row + start + lo, part, styles, p.widths, p.styled_blanks,
                                        batch=len(part) + 1, keys=p.keys or None)).encode("utf-8")
            return deflate([raw], ROWS_LEVEL) if len(window) >= MIN_ITEMS else raw
        yield from in_halves(made, len(window))
    yield ("</sheetData>" + tail).encode("utf-8")
