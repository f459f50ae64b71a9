"""A copy of an .xlsx package with some cells rewritten, made part by part:
every part is copied as it is except the sheets written to, their styles
and the workbook's print names. A written sheet is read row by row in the
part's own UTF-8 bytes and only the rows that change are rewritten (their
changed cells spliced into the row's bytes, or the row rebuilt: the same
XML, tests/test_xlsx_patch_rows.py); the rest of its XML is kept as the file
had it (formatting, validation, tables, comments, charts). A large sheet's
rows are made in two halves on two cores (_SheetPatch.sheet_data), with the
same bytes (tests/test_xlsx_patch_halves.py).

The copy holds what openpyxl's load, write and save give (FileBook's other
path, kept for every other case), checked by tests/test_xlsx_patch.py:
- a written text is an inline string (no shared string added), a number a
  number, a date a serial number formatted dd/mm/yyyy on the cell's style;
- print_layout.fit_written_sheet's layout: rows whose text wraps get their
  height and wrapping cells wrap; a cell written without a style takes its
  column's; print area, title rows and columns, fit to pages wide.
  One difference: openpyxl also gives every empty cell of a formatted
  column that column's format as a cell of its own; here such cells stay
  absent, which Excel and LibreOffice show with the column's format anyway.

A package it cannot rewrite this way (formulas on a written sheet, cells
without references, a 1904 date system, text XML cannot hold, a sheet part
not in UTF-8, a new sheet…) raises NotPatchable and the caller writes the copy with openpyxl."""
from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from bisect import bisect_right
from functools import lru_cache
from itertools import repeat, zip_longest
from typing import Any, Callable, Generator, Iterator, Sequence

from .. import halves
from ..findings import column_letters
from ..print_layout import ACROSS_FIRST, page_fit, wrapped_columns
from ..zip_parts import Deflated, deflate, write_pieces
from .cellinfo import col_index, sheet_parts

Edits = dict[int, dict[int, Any]]   # row -> column -> value, 1-based
DATE_FORMAT = "dd/mm/yyyy"
DEFAULT_WIDTH = 8.43
MAX_SHAPES = 1000  # shapes of row (cells present, what changes) spliced; rows of further shapes are rebuilt
ROWS_PER_PIECE = 2000  # rows of a written sheet compressed at a time
SPLIT_BYTES = 8_000_000  # rows of a sheet part over this are made in two halves on two cores (about 10,000 rows)
LEVEL = 3  # deflate: a third of the time of the usual 6 on a large sheet, for a quarter more bytes


class NotPatchable(Exception):
    """The copy cannot be made by rewriting parts: openpyxl makes it."""


# a cell to its first end tag (written as possessive loops over characters other than '<': quick, no backtracking)
_CELL_HEAD = r"[^>]*+"  # a cell's attributes after its reference (and the '/' of an empty one)
_CELL_END = r"(?:(?<=/)>|>[^<]*+(?:<(?!/c>)[^<]*+)*+</c>)"  # a cell after its attributes
_CELL_REST = _CELL_HEAD + _CELL_END  # a cell after its reference
_CELL = re.compile(rf'(<c r="([A-Z]{{1,3}})(\d+)"{_CELL_REST})')  # the reference first
# the sheet part is handled as the file holds it, UTF-8 bytes (never decoded whole, never encoded again)
_AFTER_ROW_NAME = frozenset(b" \t\r\n/>")  # what may follow "<row" (the end of its name)
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_ROW_HEAD = r'<row(?P<a>[^>]*?\br="(?P<n>[1-9]\d*)"[^>]*+)(?<!/)>'  # a row's start tag, not an empty row's
_NEXT_ROW = re.compile(rb'[ \t\r\n]*+(<row)(?=[ \t\r\n/>])[^>]*?\br="(\d+)"')  # where it starts, its number
_STYLE = re.compile(r'\ss="(\d+)"')
_LETTERS = re.compile(rb'<c r="([A-Z]{1,3})\d')  # each cell's column
_UNSTYLED_CELL = re.compile(r'<c r="([A-Z]{1,3})\d+"(?![^>]*\ss="[1-9])')  # without a style (none, or s="0")
_ROW_SIZE = re.compile(r'\s(?:ht|customHeight|spans)="[^"]*"')
_ROW_SIZE_BYTES = re.compile(_ROW_SIZE.pattern.encode())
_SPANS, _SPANS_BYTES = re.compile(r'\sspans="[^"]*"'), re.compile(rb'\sspans="[^"]*"')
_FORMULA = re.compile(rb"<f[\s/>]")
_PREFIXED = re.compile(rb"<[\w\x80-\xff]+:(?:worksheet|row|c)\b")
_PREFIXED_NAME = re.compile(rb":(?:worksheet|row|c)\b")  # what _PREFIXED holds, searched first (C-speed: its literal)
_ENCODING = re.compile(rb'(?:\xef\xbb\xbf)?<\?xml[^>]*?\bencoding=["\']([^"\']*)')
_COL = re.compile(r"<col\b([^>]*)/?>")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.datetime(1899, 12, 30)


def _attr(attrs: str, name: str) -> str | None:
    m = re.search(rf'\b{name}="([^"]*)"', attrs)
    return m.group(1) if m else None


def _set_attrs(tag: str, **values: str) -> str:
    """An element's start tag (``<x a="1">`` or ``<x/>``) with attributes set."""
    end = "/>" if tag.endswith("/>") else ">"
    body = tag[:-len(end)]
    for name, value in values.items():
        body, n = re.subn(rf'(\s{name}=")[^"]*(")', rf"\g<1>{value}\g<2>", body)
        if not n:
            body += f' {name}="{value}"'
    return body + end


def _escape(text: str) -> str:
    if _ILLEGAL.search(text):
        raise NotPatchable("a character XML cannot hold")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


class Styles:
    """xl/styles.xml: whether each cell style wraps, and new styles derived
    from one (a date format, wrapping) appended to cellXfs."""

    def __init__(self, xml: str):
        self.xml = xml
        found = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", xml, re.S)
        if found is None:
            raise NotPatchable("no cellXfs")
        self.xfs = re.findall(r"<xf\b[^>]*?(?:/>|>.*?</xf>)", found.group(1), re.S)
        self.added: list[str] = []
        self.derived: dict[tuple[int, str], int] = {}
        self.date_format_id: int | None = None
        self._wraps: dict[int, bool] = {}

    def wraps(self, s: int) -> bool:
        if s not in self._wraps:
            self._wraps[s] = re.search(r'\bwrapText="(?:1|true)"', self.xf(s)) is not None
        return self._wraps[s]

    def state(self) -> tuple:
        """What deriving styles changes (see restore)."""
        return self.xml, tuple(self.added), dict(self.derived), self.date_format_id

    def restore(self, state: tuple) -> None:
        """The styles as another process derived them from these (``state``: its own)."""
        xml, added, self.derived, self.date_format_id = state
        self.xml, self.added, self._wraps = xml, list(added), {}

    def xf(self, s: int) -> str:
        return (self.xfs + self.added)[s] if 0 <= s < len(self.xfs) + len(self.added) else self.xfs[0]

    def _derive(self, s: int, how: str, make: Callable[[str], str]) -> int:
        key = (s, how)
        if key not in self.derived:
            self.added.append(make(self.xf(s)))
            self.derived[key] = len(self.xfs) + len(self.added) - 1
        return self.derived[key]

    def dated(self, s: int) -> int:
        """``s`` with the number format dd/mm/yyyy."""
        if self.date_format_id is None:
            self.date_format_id = self._number_format_id(DATE_FORMAT)
        start = re.match(r"<xf\b[^>]*?/?>", self.xf(s)).group(0)
        return self._derive(s, "date", lambda xf: xf.replace(start, _set_attrs(
            start, numFmtId=str(self.date_format_id), applyNumberFormat="1"), 1))

    def wrapped(self, s: int) -> int:
        """``s`` wrapping its text, aligned to the top."""
        def make(xf: str) -> str:
            start = re.match(r"<xf\b[^>]*?/?>", xf).group(0)
            xf = xf.replace(start, _set_attrs(start, applyAlignment="1"), 1)
            align = re.search(r"<alignment\b[^>]*?/?>", xf)
            if align:
                return xf.replace(align.group(0), _set_attrs(align.group(0), wrapText="1", vertical="top"), 1)
            head = re.match(r"<xf\b[^>]*?/?>", xf).group(0)
            if head.endswith("/>"):
                return head[:-2] + '><alignment vertical="top" wrapText="1"/></xf>'
            return xf.replace(head, head + '<alignment vertical="top" wrapText="1"/>', 1)
        return self._derive(s, "wrap", make)

    def _number_format_id(self, code: str) -> int:
        formats = dict((c, int(i)) for i, c in re.findall(r'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"',
                                                          self.xml))
        if code in formats:
            return formats[code]
        new = max([163, *formats.values()]) + 1
        entry = f'<numFmt numFmtId="{new}" formatCode="{code}"/>'
        block = re.search(r"<numFmts\b[^>]*?(/>|>)", self.xml)
        if block is None:
            head = re.search(r"<styleSheet\b[^>]*>", self.xml).group(0)
            self.xml = self.xml.replace(head, head + f'<numFmts count="1">{entry}</numFmts>', 1)
        elif block.group(1) == "/>":
            self.xml = self.xml.replace(block.group(0), f'<numFmts count="1">{entry}</numFmts>', 1)
        else:
            end = self.xml.index("</numFmts>")
            self.xml = self.xml[:end] + entry + self.xml[end:]
            start = block.group(0)
            self.xml = self.xml.replace(start, _set_attrs(start, count=str(len(formats) + 1)), 1)
        return new

    def result(self) -> str:
        if not self.added:
            return self.xml
        head = re.search(r"<cellXfs\b[^>]*>", self.xml).group(0)
        xml = self.xml.replace(head, _set_attrs(head, count=str(len(self.xfs) + len(self.added))), 1)
        end = xml.index("</cellXfs>")
        return xml[:end] + "".join(self.added) + xml[end:]


def _cell_tail(value: Any, style: int, styles: Styles) -> tuple[str, int]:
    """A written cell as openpyxl writes it (text never becomes a formula):
    its XML after ``<c r="B12"``, and its style."""
    kind, inner = "", ""
    if value is None or value == "":
        inner = ""
    elif isinstance(value, bool):
        kind, inner = ' t="b"', f"<v>{int(value)}</v>"
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise NotPatchable("a number Excel cannot hold")
        inner = f"<v>{value!r}</v>"
    elif isinstance(value, str):
        kind, inner = ' t="inlineStr"', f'<is><t xml:space="preserve">{_escape(value)}</t></is>'
    elif isinstance(value, (dt.date, dt.datetime)):
        moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        if moment.tzinfo is not None or moment < dt.datetime(1900, 3, 1):
            raise NotPatchable("a date before 1 March 1900")
        serial = (moment - _EPOCH).total_seconds() / 86400
        inner = f"<v>{int(serial) if serial == int(serial) else serial!r}</v>"
        style = styles.dated(style)
    else:
        raise NotPatchable(f"a value of type {type(value).__name__}")
    s = f' s="{style}"' if style else ""
    if not inner:
        return f'{s}/>', style
    return f'{s}{kind}>{inner}</c>', style


def _rows(xml: bytes, start: int, end: int) -> Iterator[tuple[int, bytes, bytes, bytes]]:
    """Each row of ``xml[start:end]`` (the inside of <sheetData>): its number, attributes, cells (to the
    first </row>) and whole XML, found with a few string searches (quicker than a pattern on many rows)."""
    at = start
    while True:
        head = xml.find(b"<row", at, end)
        if head < 0:
            break
        if head > at and xml[at:head].strip() or head + 4 >= end or xml[head + 4] not in _AFTER_ROW_NAME:
            raise NotPatchable("something between rows")
        close = xml.find(b">", head, end)
        if close < 0:
            raise NotPatchable("a row not closed")
        if xml[close - 1] == 47:  # '/'
            attrs, inner, at = xml[head + 4:close - 1], b"", close + 1
        else:
            finish = xml.find(b"</row>", close, end)
            if finish < 0:
                raise NotPatchable("a row not closed")
            attrs, inner, at = xml[head + 4:close], xml[close + 1:finish], finish + 6
        number = _ROW_NUMBER.search(attrs)
        if number is None:
            raise NotPatchable("a row without its number")
        yield int(number.group(1)), attrs, inner, xml[head:at]
    if xml[at:end].strip():
        raise NotPatchable("something after the rows")


def _cells_in(body: str) -> int:
    """<c> elements in a row's XML (no other element of a row starts so: <color> is told apart)."""
    return body.count("<c ") + body.count("<c>") + body.count("<c/>")


@lru_cache(maxsize=None)
def _column(ref_letters: str) -> int:
    return col_index(ref_letters) + 1


def _style_of(cell: str) -> int:
    head = cell[:cell.index(">")]
    at = head.find(' s="') + 4  # as _STYLE finds it, in a few string operations
    digits = head[at:head.find('"', at)] if at > 3 else ""
    if digits.isdecimal():
        return int(digits)
    s = _STYLE.search(head)
    return int(s.group(1)) if s else 0


_letters_of = lru_cache(maxsize=None)(column_letters)


class SheetLayout:
    """What the written sheet's layout needs: its columns' widths and styles."""

    def __init__(self, xml: str):
        self.widths: dict[int, float] = {}
        self.styles: dict[int, int] = {}
        cols = re.search(r"<cols>(.*?)</cols>", xml, re.S)
        for attrs in _COL.findall(cols.group(1) if cols else ""):
            low, high = int(_attr(attrs, "min") or 0), int(_attr(attrs, "max") or 0)
            width, style = float(_attr(attrs, "width") or 0), int(_attr(attrs, "style") or 0)
            for c in range(low, min(high, 16384) + 1):
                self.widths[c], self.styles[c] = width, style

    def width(self, c: int) -> float:
        return self.widths.get(c) or DEFAULT_WIDTH


def _columns(grid: list[list], edits: Edits) -> list[Sequence]:
    """The sheet's columns as they will be: the grid's values with the written ones, each as long as the sheet
    (a written column made in one pass over the rows' edits, none for each cell)."""
    height = max(len(grid), max(edits, default=0))
    written = set().union(*edits.values())
    width = max(max(map(len, grid), default=0), max(written, default=0))
    pad = (None,) * (height - len(grid))
    columns: list[Sequence] = [column + pad for column in zip_longest(*grid)]
    columns += [pad + (None,) * len(grid) for _ in range(width - len(columns))]
    if written:
        row_edits = list(map(edits.get, range(1, height + 1), repeat(_NOTHING)))
        for c in written:
            columns[c - 1] = list(map(dict.get, row_edits, repeat(c), columns[c - 1]))
    return columns


_NOTHING: dict = {}  # the edits of a row without any
_UNKNOWN = object()  # not made yet (None: the cell as it is)


def _extent(rows: list[list]) -> tuple[int, int]:
    """The last row and column (1-based) of ``rows`` that hold a value."""
    return _extent_of([list(column) for column in zip_longest(*rows)])


def _extent_of(columns: list[Sequence]) -> tuple[int, int]:
    """The last row and column (1-based) of ``columns`` (all as long) that hold a value."""
    last_col = next((c for c in range(len(columns), 0, -1)
                     if columns[c - 1].count(None) + columns[c - 1].count("") < len(columns[c - 1])), 0)
    last_row = 0
    for column in columns[:last_col]:
        last_row = next((i + 1 for i in range(len(column) - 1, last_row - 1, -1)
                         if column[i] is not None and column[i] != ""), last_row)
    return last_row, last_col


class _Shape:
    """Rows of one shape: their cells' columns (letters, in order) and what
    is written or restyled in them. ``pattern`` matches such a row whole,
    from ``<row`` to ``</row>``, only when each cell is well formed, of the
    row (group ``n``: its number; ``a``: the row's attributes) and styled
    where it has to be (a cell kept in a column with a style). ``steps``
    are the changes, in order: (column, the group replaced, the group of the
    replaced cell's attributes or 0, the start of the written cell's
    reference ``<c r="J``), the group replaced being a cell found or the
    empty place of a cell inserted; for a wrapping cell kept the group
    replaced is its attributes and there is no reference. A row of no
    such shape is taken apart (_SheetPatch._rebuilt)."""

    def __init__(self, pattern: re.Pattern | None, steps: list[tuple[int, int, int, bytes | None]]):
        self.pattern, self.steps = pattern, steps

    @classmethod
    def of(cls, letters: tuple[bytes, ...], edited: tuple[int, ...], wrapping: tuple[int, ...], styled: bool,
           column_styles: dict[int, int]) -> _Shape:
        names = [x.decode() for x in letters]
        cols = [_column(x) for x in names]
        if any(a >= b for a, b in zip(cols, cols[1:])) or not (cols or edited):  # out of order, or twice; no cell
            return cls(None, [])
        changed = sorted(set(edited) | set(wrapping).intersection(cols))  # a wrapping column has its cell
        parts, steps = [_ROW_HEAD], []
        for x, c in zip(names, cols):
            while changed and changed[0] < c:  # a written cell inserted before this one
                parts.append(f"(?P<g{len(steps)}>)")
                steps.append((changed.pop(0), True))
            must_style = styled and c in column_styles and c not in edited
            ref = f'<c r="{x}(?P=n)"' + (r'(?=[^>]*?\ss="[1-9])' if must_style else "")
            if not changed or changed[0] != c:
                parts.append(ref + _CELL_REST)
                continue
            i, written = len(steps), c in edited
            steps.append((changed.pop(0), written))
            parts.append(f"(?P<g{i}>{ref}(?P<h{i}>{_CELL_HEAD}){_CELL_END})" if written else  # the cell
                         f"{ref}(?P<g{i}>{_CELL_HEAD}){_CELL_END}")  # a wrapping cell kept: its attributes
        for c in changed:
            parts.append(f"(?P<g{len(steps)}>)")
            steps.append((c, True))
        pattern = re.compile("".join(parts + ["</row>"]).encode())
        groups = pattern.groupindex
        return cls(pattern, [(c, groups[f"g{i}"], groups.get(f"h{i}", 0),
                              f'<c r="{_letters_of(c)}'.encode() if written else None)
                             for i, (c, written) in enumerate(steps)])


class SheetPart:
    """What the copy needs of a sheet part that the file alone tells: its
    bytes (UTF-8, as the file holds them, never decoded whole; no formula,
    no prefixed element), where its rows are, the XML before and after
    them, its columns and orientation. FileBook makes them while the reader
    child reads (``prepared``), so that the copy does not wait for them."""

    def __init__(self, xml: bytes):
        declared = _ENCODING.match(xml)
        if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
            raise NotPatchable("a sheet not in UTF-8")
        if _FORMULA.search(xml) or _PREFIXED_NAME.search(xml) and _PREFIXED.search(xml):
            raise NotPatchable("formulas or prefixed elements")
        start, end = xml.find(b"<sheetData>"), xml.rfind(b"</sheetData>")  # a 50 MB part in a blink
        if start < 0 or end < start:
            empty = re.search(rb"<sheetData\s*/>", xml)
            if empty is None:
                raise NotPatchable("no sheetData")
            start, end, rows, after = empty.start(), empty.start(), empty.start(), empty.end()
        else:
            rows, after = start + len(b"<sheetData>"), end + len(b"</sheetData>")
        self.xml, self.head, self.tail, self.rows = xml, xml[:start].decode(), xml[after:].decode(), (rows, end)
        self.layout, self.landscape = SheetLayout(self.head), _landscape(self.head, self.tail)


def prepared(package: zipfile.ZipFile, unpacked: dict[str, bytes]) -> dict[str, SheetPart]:
    """The SheetPart of each worksheet part of ``package`` that a copy can
    rewrite (one it cannot is found again when a copy is made), of those
    already ``unpacked`` (by the size check): no part is kept in memory
    longer than it was."""
    parts = {}
    for name in sheet_parts(package).values():
        if name.startswith("xl/worksheets/") and name in unpacked:
            try:
                parts[name] = SheetPart(unpacked[name])
            except (NotPatchable, UnicodeDecodeError):
                pass
    return parts


class _SheetPatch:
    """A written sheet: its part (SheetPart), what is written to it, and the new part in pieces."""

    def __init__(self, part: SheetPart, grid: list[list], edits: Edits, styles: Styles):
        self.xml, self.head, self.tail, self.rows, self.layout = part.xml, part.head, part.tail, part.rows, part.layout
        self.edits, self.styles = edits, styles
        columns = _columns(grid, edits)
        self.last_row, self.last_col = _extent_of(columns)
        widths = [self.layout.width(c) for c in range(1, self.last_col + 1)]
        self.heights, self.wrapping = wrapped_columns((column[1:self.last_row] for column in columns), widths,
                                                      first_row=2)
        self.across, self.repeat = page_fit(widths, part.landscape) if self.last_row else (1, 0)
        self.column_styles = {c: s for c, s in self.layout.styles.items() if s and c <= self.last_col}
        self._styled = bool(self.column_styles)
        self.written: dict[tuple[str | None, int], tuple[str, int]] = {}  # (text, style) -> _cell_tail
        self._shapes: dict[tuple, _Shape] = {}  # (cells' letters, what changes) -> _Shape
        self._seen: set[tuple] = set()  # the shapes of a row seen once
        self._last_shape: dict[tuple, _Shape] = {}  # what changes -> the shape last matched
        self._tails: dict[tuple, bytes | None] = {}  # see _written_tail
        self._wrapped: dict[bytes, bytes | None] = {}  # see _wrapped_head
        self._height_attrs = {h: f' ht="{h}" customHeight="1"'.encode() for h in set(self.heights.values())}
        self.rows_written = sorted(edits)  # in order (_made places those the sheet does not have)

    def _needs_styles(self, r: int) -> bool:
        return self._styled and 2 <= r <= self.last_row

    def _row_attrs(self, r: int, attrs: str) -> str:
        """The row's attributes without its size, with its height if its text wraps; the header
        row (1, whose height the layout leaves: print_layout.wrapped_columns) keeps its height."""
        if "ht=" in attrs or "spans=" in attrs:  # ht, customHeight, spans
            attrs = (_ROW_SIZE if r > 1 else _SPANS).sub("", attrs)
        return attrs + self._height_attrs[self.heights[r]].decode() if r in self.heights else attrs

    def _written(self, value: Any, style: int) -> tuple[str, int]:
        """A cell written over one of ``style`` (0: none): its XML after its reference, and its style."""
        if value.__class__ is str or value is None:  # statuses, findings: each made once
            return self.written.get((value, style)) or self.written.setdefault(
                (value, style), _cell_tail(value, style, self.styles))
        return _cell_tail(value, style, self.styles)

    def _written_cell(self, r: int, c: int, value: Any, old: str | None) -> tuple[str, int]:
        """The cell written at row ``r``, column ``c`` over ``old`` (its XML, or None), and its style."""
        tail, style = self._written(value, _style_of(old) if old else 0)
        return f'<c r="{_letters_of(c)}{r}"{tail}', style

    def _rebuilt(self, r: int, attrs: str, body: str) -> str:
        """The row taken apart into its cells and put together again (any row)."""
        found = _CELL.findall(body)
        if len(found) != _cells_in(body) or {number for _, _, number in found} - {str(r)}:
            raise NotPatchable("a cell without its reference first")
        cells = {_column(col): cell for cell, col, _ in found}
        unstyled = set(self._unstyled_in_column(body)) if self._needs_styles(r) else set()
        for c, value in self.edits.get(r, {}).items():
            cells[c], style = self._written_cell(r, c, value, cells.get(c))
            (unstyled.add if style == 0 else unstyled.discard)(c)
        for c in unstyled.intersection(self.column_styles) if self._needs_styles(r) else ():
            cells[c] = self._restyled(cells[c], self.column_styles[c])  # written without a style: its column's
        for c in self.wrapping.get(r, ()):
            cell = cells.get(c)
            if cell is not None and not self.styles.wraps(style := _style_of(cell)):
                cells[c] = self._restyled(cell, self.styles.wrapped(style))
        attrs = self._row_attrs(r, attrs)
        if not cells:
            return f"<row{attrs}/>"
        return f"<row{attrs}>{''.join(map(cells.__getitem__, sorted(cells)))}</row>"

    def _spliced(self, xml: bytes, at: int, r: int) -> tuple[bytes | None, int]:
        """The row that starts at ``at`` (number ``r``) with only its changed
        cells replaced or inserted in its text: what _rebuilt gives (or the
        row as it is, when nothing in it changes), without taking the row
        apart; and where the row ends. None (and ``at``) when the row is not
        of a shape this can do (see _Shape)."""
        edits = self.edits.get(r)
        wrapping, styled = self.wrapping.get(r, ()), self._styled and 2 <= r <= self.last_row  # _needs_styles
        context = (tuple(edits) if edits else (), wrapping, styled)
        shape, rows_end = self._last_shape.get(context), self.rows[1]  # rows mostly repeat the shape of the one before
        found = shape.pattern.match(xml, at, rows_end) if shape else None
        if found is None:
            shape = self._shape_at(xml, at, context)
            found = shape.pattern.match(xml, at, rows_end) if shape and shape.pattern else None
            if found is None:
                return None, at
            self._last_shape[context] = shape
        number, end, height = found["n"], found.end(), self.heights.get(r)
        if int(number) != r:
            return None, at
        if edits is None and height is None:
            return xml[at:end], end
        attrs = found["a"]
        if b"ht=" in attrs or b"spans=" in attrs:  # ht, customHeight, spans (the header row keeps its height)
            attrs = (_ROW_SIZE_BYTES if r > 1 else _SPANS_BYTES).sub(b"", attrs)
        pieces = [b"<row", attrs, self._height_attrs[height]] if height else [b"<row", attrs]
        at, tails, wrapped = found.end("a"), self._tails, self._wrapped
        for c, group, head, ref in shape.steps:  # each made once, then found in tails or wrapped
            if ref is None:  # a wrapping cell kept: its attributes
                old = found[group]
                cell = wrapped.get(old, _UNKNOWN)
                if cell is _UNKNOWN:
                    cell = self._wrapped_head(old)
                if cell is not None:
                    start, stop = found.span(group)
                    pieces += (xml[at:start], cell)
                    at = stop
                continue
            value, old = edits[c], found[head] if head else None
            key = (c, value, old, wrapping, styled)
            cell = tails.get(key, _UNKNOWN) if value.__class__ is str or value is None else _UNKNOWN
            if cell is _UNKNOWN:
                cell = self._written_tail(key)
            if cell is not None:
                start, stop = found.span(group)
                pieces += (xml[at:start], ref, number, cell)
                at = stop
        pieces.append(xml[at:end])
        return b"".join(pieces), end

    def _shape_at(self, xml: bytes, at: int, context: tuple) -> _Shape | None:
        """The shape of the row at ``at`` (its cells' letters) with the changes of ``context``."""
        close = xml.find(b">", at, self.rows[1])
        finish = xml.find(b"</row>", close, self.rows[1]) if close > 0 else -1
        if finish < 0:
            return None
        key = (tuple(_LETTERS.findall(xml, close, finish)), context)
        shape = self._shapes.get(key)
        if shape is None:
            if len(self._shapes) >= MAX_SHAPES or key not in self._seen:  # a shape's first row: taken apart
                self._seen.add(key)  # (quicker than making a pattern for a row of its own, as a small sheet has)
                return None
            shape = self._shapes[key] = _Shape.of(key[0], *context, self.column_styles)
        return shape

    def _written_tail(self, key: tuple[int, Any, bytes | None, tuple[int, ...], bool]) -> bytes | None:
        """A written cell from the end of its reference's row number, as
        _rebuilt makes it (in its column's style if written without one,
        wrapping if its text wraps), for ``key``: its column, its value, the
        attributes of the cell it replaces (None: no cell), the row's
        wrapping columns and whether it needs column styles; None when that
        is the cell as it is. A text (or nothing) written is made once."""
        c, value, head, wrapping, styled = key
        old = None if head is None else head.decode() + ">"
        tail, style = self._written(value, _style_of(old) if old else 0)
        if style == 0 and styled and c in self.column_styles:
            tail = self._restyled(tail, self.column_styles[c])
        if c in wrapping and not self.styles.wraps(style := _style_of(tail)):
            tail = self._restyled(tail, self.styles.wrapped(style))
        made = None if old == tail else ('"' + tail).encode()
        if value.__class__ is str or value is None:
            self._tails[key] = made
        return made

    def _wrapped_head(self, head: bytes) -> bytes | None:
        """The attributes of a cell kept in a column where its row's text
        wraps: in a style that wraps; None when its own does."""
        if head not in self._wrapped:
            old = head.decode() + ">"
            style = _style_of(old)
            self._wrapped[head] = (None if self.styles.wraps(style) else
                                   self._restyled(old, self.styles.wrapped(style))[:-1].encode())
        return self._wrapped[head]

    @staticmethod
    def _restyled(cell: str, style: int) -> str:
        head_end = cell.index(">") + (0 if cell[cell.index(">") - 1] != "/" else -1)
        head = cell[:head_end]
        if _STYLE.search(head):
            head = _STYLE.sub(f' s="{style}"', head, count=1)
        else:
            head += f' s="{style}"'
        return head + cell[head_end:]

    def _changes(self, r: int, body: str) -> bool:
        return (r in self.edits or r in self.heights or
                (self._needs_styles(r) and bool(self._unstyled_in_column(body))))

    def _unstyled_in_column(self, body: str) -> list[int]:
        """The columns with a style where the row has a cell without one."""
        return [c for col in _UNSTYLED_CELL.findall(body) if (c := _column(col)) in self.column_styles]

    def sheet_data(self) -> Iterator[bytes | Deflated]:
        """The rows of <sheetData> as they will be (see _made). Rows over
        SPLIT_BYTES are made in two halves on two cores where a fork is safe
        (halves.py): the second half, from a row's end near the middle,
        spliced and deflated in a forked child while this process makes the
        first; where they are not (no fork, no core free now), deflated on a
        thread while they are made (_deflated_meanwhile). The child starts
        from what the one pass would have reached
        there (the row before, the rows written passed), checked when the
        first half is done; the styles the rows derive (Styles) are those of
        the half that derived any. When both did, or the child fails, the
        second half is made here. The bytes are those of the one pass."""
        start, end = self.rows
        middle = self._middle() if end - start > SPLIT_BYTES and halves.can_split() else None
        if middle is None and end - start > SPLIT_BYTES:  # one process: the rows deflated on a thread meanwhile
            yield _deflated_meanwhile(self._made(start, end, 0, 0), LEVEL)
            return
        if middle is None:
            yield from self._made(start, end, 0, 0)
            return
        first = self._made(start, middle[0], 0, 0)
        yield next(first)  # its first rows made before the fork: the child finds the patterns of their shapes made
        before = self.styles.state()
        with halves.later(lambda: self._deflated(*middle)) as second:
            reached = yield from first
            if reached == middle:
                mine = self.styles.state()
                piece, theirs = second()  # theirs: None when made here
                if theirs is None or theirs == before or mine == before:
                    if theirs is not None and mine == before:
                        self.styles.restore(theirs)
                    yield piece
                    return
        yield from self._made(reached[0], end, *reached[1:])

    def _middle(self) -> tuple[int, int, int] | None:
        """Where the second half starts (after the first row to end past the
        middle) and what the one pass has reached there (_made's state): the
        number of that row and how many of the rows written it has passed."""
        xml, (start, end) = self.xml, self.rows
        close = xml.find(b"</row>", (start + end) // 2, end)
        head = xml.rfind(b"<row", start, close) if close > 0 else -1
        number = _ROW_NUMBER.search(xml, head, xml.find(b">", head)) if head >= 0 else None
        if number is None:
            return None
        r = int(number[1])
        return close + len(b"</row>"), r, bisect_right(self.rows_written, r)

    def _deflated(self, at: int, r: int, i: int) -> tuple[Deflated, tuple | None]:
        """The rows from ``at`` on, deflated (a forked child's half), and the
        styles then (None when made in this process: they are its own)."""
        piece = deflate(self._made(at, self.rows[1], r, i), LEVEL)
        return piece, (self.styles.state() if halves.CHILD else None)

    def _made(self, at: int, limit: int, r: int, i: int) -> Generator[bytes, None, tuple[int, int, int]]:
        """The rows from ``at`` (after row ``r``, the first ``i`` rows written
        passed) up to ``limit``, in pieces of ROWS_PER_PIECE rows: each
        spliced where its shape allows (_spliced), else taken apart (_rows,
        _rebuilt); rows written that the sheet does not have placed in
        order, the last ones at the end of the rows. Gives back where it
        stopped, the row before and the rows written passed."""
        xml, end, pending = self.xml, self.rows[1], self.rows_written
        batch: list[bytes] = []
        add = batch.append
        while at < limit:
            row, stop = self._spliced(xml, at, r + 1)  # rows mostly follow one another
            if row is not None:
                r += 1
            else:
                found = _NEXT_ROW.match(xml, at, end)
                if found is None:
                    break
                number, begin = int(found[2]), found.start(1)
                if number <= r:  # Excel never writes rows so: the rows written would be placed twice
                    raise NotPatchable("rows out of order")
                while i < len(pending) and pending[i] < number:
                    add(self._rebuilt(pending[i], f' r="{pending[i]}"', "").encode())
                    i += 1
                if (number, begin) != (r + 1, at):  # not the row foreseen: tried as the row it is
                    row, stop = self._spliced(xml, begin, number)
                r, at = number, begin
                if row is None:
                    r, attrs, inner, row = next(_rows(xml, at, end))
                    stop = at + len(row)
                    body = inner.decode()
                    if self._changes(r, body):
                        row = self._rebuilt(r, attrs.decode(), body).encode()
            if i < len(pending) and pending[i] == r:
                i += 1
            add(row)
            at = stop
            if len(batch) >= ROWS_PER_PIECE:
                yield b"".join(batch)
                batch.clear()
        if limit == end:
            if xml[at:end].strip():
                raise NotPatchable("something between or after the rows")
            batch += (self._rebuilt(r, f' r="{r}"', "").encode() for r in pending[i:])
        yield b"".join(batch)
        return at, r, i

    def pieces(self) -> Iterator[bytes | Deflated]:
        """The new part in pieces (never a second copy of a large sheet)."""
        head, tail = self.head, self.tail
        if self.last_row:
            head = self._fit_to_page(self._dimension(head))
            tail = self._page_setup(tail)
        yield (head + "<sheetData>").encode()
        yield from self.sheet_data()
        yield ("</sheetData>" + tail).encode()

    def _dimension(self, head: str) -> str:
        edited = [c for cells in self.edits.values() for c in cells]
        last_col = max([self.last_col, *edited]) if edited else self.last_col
        last_row = max([self.last_row, *self.edits]) if self.edits else self.last_row
        found = re.search(r'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"', head)
        if found is None:
            return head
        old_col = col_index(found.group(3) or found.group(1)) + 1
        old_row = int(found.group(4) or found.group(2))
        ref = f"A1:{column_letters(max(old_col, last_col))}{max(old_row, last_row)}"
        return head.replace(found.group(0), f'<dimension ref="{ref}"', 1)

    def _fit_to_page(self, head: str) -> str:
        pr = re.search(r"<pageSetUpPr\b[^>]*?/?>", head)
        if pr:
            return head.replace(pr.group(0), _set_attrs(pr.group(0), fitToPage="1"), 1)
        sheet_pr = re.search(r"<sheetPr\b[^>]*?(/?)>", head)
        if sheet_pr is None:
            start = re.search(r"<worksheet\b[^>]*>", head).group(0)
            return head.replace(start, start + '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>', 1)
        if sheet_pr.group(1):
            return head.replace(sheet_pr.group(0), sheet_pr.group(0)[:-2] +
                                '><pageSetUpPr fitToPage="1"/></sheetPr>', 1)
        end = head.index("</sheetPr>")
        return head[:end] + '<pageSetUpPr fitToPage="1"/>' + head[end:]

    def _page_setup(self, tail: str) -> str:
        setup = re.search(r"<pageSetup\b[^>]*?/?>", tail)
        if setup is None:  # it follows the margins
            margins = re.search(r"<pageMargins\b[^>]*?/>", tail)
            if margins is None:
                raise NotPatchable("no page setup")
            order = f' pageOrder="{ACROSS_FIRST}"' if self.across > 1 else ""
            return tail.replace(margins.group(0), margins.group(0) +
                                f'<pageSetup fitToWidth="{self.across}" fitToHeight="0"{order}/>', 1)
        order = {"pageOrder": ACROSS_FIRST} if self.across > 1 else {}
        return tail.replace(setup.group(0), _set_attrs(setup.group(0), fitToWidth=str(self.across),
                                                       fitToHeight="0", **order), 1)


def _deflated_meanwhile(pieces: Iterator[bytes], level: int) -> Deflated:
    """``pieces`` deflated as one (zip_parts.deflate) on another thread while
    this one makes them: zlib lets go of the interpreter while it
    compresses, so the two run on two cores, with no process forked and no
    memory copied. What the thread raises is raised here, once the pieces
    are made."""
    import queue
    import threading
    made: queue.SimpleQueue = queue.SimpleQueue()  # unbounded: a thread that stopped never blocks this one
    done: list = []

    def work() -> None:
        try:
            done.append(deflate(iter(made.get, None), level))
        except BaseException as exc:  # said where the pieces are made
            done.append(exc)
    worker = threading.Thread(target=work, name="deflate", daemon=True)
    worker.start()
    try:
        for piece in pieces:
            made.put(piece)
    finally:
        made.put(None)
        worker.join()
    if isinstance(done[0], BaseException):
        raise done[0]
    return done[0]


def _landscape(head: str, tail: str) -> bool:
    """Whether a sheet prints across (no portrait page setup), its XML before and after its rows given."""
    pattern = re.compile(r"<pageSetup\b[^>]*?/?>")
    setup = pattern.search(tail) or pattern.search(head)  # it follows the rows
    return (_attr(setup.group(0), "orientation") if setup else None) != "portrait"


def _unescaped(text: str) -> str:
    """An attribute's text as xml.sax.saxutils.unescape gives it with &quot; and &apos;
    (which imports urllib.request, email and ssl: ≈ 15 ms of a copy)."""
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _print_names(workbook: str, sheet: str, patch: _SheetPatch) -> str:
    """workbook.xml with the sheet's print area and print titles as openpyxl writes them."""
    names = re.findall(r'<sheet\b[^>]*?\bname="([^"]*)"', workbook)
    index = [_unescaped(n) for n in names].index(sheet)
    q = _escape(_quoted(sheet)).replace('"', "&quot;")

    def existing(name: str) -> re.Match | None:
        return re.search(rf'<definedName\b(?=[^>]*\bname="{name}")(?=[^>]*\blocalSheetId="{index}")[^>]*>'
                         rf'(.*?)</definedName>', workbook, re.S)
    titles = existing("_xlnm.Print_Titles")
    cols = re.search(r"\$([A-Z]+):\$([A-Z]+)(?![$\d])", titles.group(1)) if titles else None
    cols_text = f"${cols.group(1)}:${cols.group(2)}" if cols else None
    if patch.across > 1 and patch.repeat:
        cols_text = f"$A:${column_letters(patch.repeat)}"
    title_text = ",".join(f"{q}!{part}" for part in ([cols_text] if cols_text else []) + ["$1:$1"])
    area_text = f"{q}!$A$1:${column_letters(patch.last_col)}${patch.last_row}"
    for name, text in (("_xlnm.Print_Area", area_text), ("_xlnm.Print_Titles", title_text)):
        element = f'<definedName name="{name}" localSheetId="{index}">{text}</definedName>'
        found = existing(name)
        if found:
            workbook = workbook.replace(found.group(0), element, 1)
        elif "</definedNames>" in workbook:
            workbook = workbook.replace("</definedNames>", element + "</definedNames>", 1)
        elif "<definedNames/>" in workbook:
            workbook = workbook.replace("<definedNames/>", f"<definedNames>{element}</definedNames>", 1)
        elif re.search(r"<(?:externalReferences|functionGroups|definedNames)\b", workbook):
            raise NotPatchable("no place for print names")
        else:
            workbook = workbook.replace("</sheets>", f"</sheets><definedNames>{element}</definedNames>", 1)
    return workbook


def write_patched(package: zipfile.ZipFile, read: Callable[[str], bytes], edits: dict[str, Edits],
                  grids: dict[str, list[list]], out, parts: dict[str, SheetPart] | None = None) -> None:
    """Write the copy of ``package`` to ``out`` (a path or file) with the
    ``edits`` of each sheet (whose values, as read, are ``grids``); ``parts``:
    the SheetPart of sheet parts already made (``prepared``)."""
    try:
        _write_patched(package, read, edits, grids, out, parts or {})
    except UnicodeDecodeError:  # a part said to be UTF-8 that is not
        raise NotPatchable("text not in UTF-8") from None


def _write_patched(package: zipfile.ZipFile, read: Callable[[str], bytes], edits: dict[str, Edits],
                   grids: dict[str, list[list]], out, prepared_parts: dict[str, SheetPart]) -> None:
    parts = sheet_parts(package)
    workbook = read("xl/workbook.xml").decode("utf-8")
    if re.search(r'\bdate1904="(?:1|true)"', workbook):
        raise NotPatchable("1904 date system")
    if b"template.main" in read("[Content_Types].xml"):
        raise NotPatchable("a template")
    try:
        styles = Styles(read("xl/styles.xml").decode("utf-8"))
    except KeyError:
        raise NotPatchable("no styles part") from None
    patches: dict[str, _SheetPatch] = {}
    for sheet, sheet_edits in edits.items():
        name = parts.get(sheet)
        if name is None or not name.startswith("xl/worksheets/"):
            raise NotPatchable("not a worksheet of the package")
        part = prepared_parts.get(name) or SheetPart(read(name))
        patch = _SheetPatch(part, grids[sheet], sheet_edits, styles)
        patches[name] = patch
        if patch.last_row:
            workbook = _print_names(workbook, sheet, patch)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as z:
        for info in package.infolist():
            name = info.filename
            if name in patches:
                with z.open(name, "w") as fh:
                    write_pieces(fh, patches.pop(name).pieces(), LEVEL)
            elif name not in ("xl/workbook.xml", "xl/styles.xml"):
                z.writestr(name, read(name))
        z.writestr("xl/workbook.xml", workbook)  # after the sheets, whose rows may add styles
        z.writestr("xl/styles.xml", styles.result())
