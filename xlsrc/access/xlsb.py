"""What the value reader does not give for an Excel binary workbook (.xlsb):
each cell's number format, font and boldness, the merged areas, and the
used area of each sheet for the size check.

An .xlsb is a zip package like an .xlsx, but its parts are binary records
([MS-XLSB] 2.1.4): a record type (1–2 bytes, 7 bits each) and a size (1–4
bytes, 7 bits each), then the payload. Only a handful of records matter here:

- ``xl/workbook.bin``: BrtBundleSh (156) — sheet name and relationship id;
- ``xl/styles.bin``: BrtFmt (44) — number format codes; BrtFont (43) — font
  weight and name; BrtXF (47) inside BrtBeginCellXFs (617) … BrtEndCellXFs
  (618) — the cell styles;
- a sheet part: BrtRowHdr (0) — the row of the cells that follow; cell
  records 1–11 and 13 — column and style index; BrtMergeCell (176).

One pass over each part, never per cell calls. A part that cannot be
parsed raises ``XlsbError``; the caller then says the formats could not be
read rather than taking every cell as General in silence."""
from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass, field
from typing import Iterator

from .cellinfo import BUILTIN_FORMATS, GENERAL, CellInfo

ROW_HDR, MERGE_CELL, BUNDLE_SH = 0, 176, 156
FONT, FMT, XF, BEGIN_CELL_XFS, END_CELL_XFS = 43, 44, 47, 617, 618
CELL_RECORDS = frozenset(range(1, 12)) | {13}  # BrtCellBlank … BrtFmlaError, BrtCellRString
MAX_ROWS, MAX_COLS = 1_048_576, 16_384


class XlsbError(ValueError):
    """A binary part that does not follow [MS-XLSB]."""


def _varint(data: bytes, pos: int, most: int) -> tuple[int, int]:
    value = shift = 0
    for _ in range(most):
        if pos >= len(data):
            raise XlsbError("record cut short")
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, pos
    if most == 2:  # a record type is at most two bytes; the second may not continue
        raise XlsbError("record type too long")
    return value, pos


def records(data: bytes, pos: int = 0) -> Iterator[tuple[int, bytes]]:
    """Every (type, payload) of a binary part."""
    end = len(data)
    while pos < end:
        kind, pos = _varint(data, pos, 2)
        size, pos = _varint(data, pos, 4)
        if pos + size > end:
            raise XlsbError("record runs past the end of the part")
        yield kind, data[pos:pos + size]
        pos += size


def split_records(data: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """The complete records at the start of ``data`` and where the first
    incomplete one starts (for a part read in chunks)."""
    out, pos, end = [], 0, len(data)
    while pos < end:
        try:
            kind, p = _varint(data, pos, 2)
            size, p = _varint(data, p, 4)
        except XlsbError:
            break
        if p + size > end:
            break
        out.append((kind, data[p:p + size]))
        pos = p + size
    return out, pos


def _wide_string(payload: bytes, pos: int) -> tuple[str, int]:
    """XLWideString: a 4-byte count of UTF-16 code units, then the units."""
    if pos + 4 > len(payload):
        raise XlsbError("string cut short")
    (count,) = struct.unpack_from("<I", payload, pos)
    pos += 4
    if count > 32767 or pos + 2 * count > len(payload):
        if count == 0xFFFFFFFF:  # XLNullableWideString: null
            return "", pos
        raise XlsbError("string longer than its record")
    return payload[pos:pos + 2 * count].decode("utf-16-le", errors="replace"), pos + 2 * count


@dataclass
class Styles:
    formats: list[str] = field(default_factory=list)   # cell style -> number format code
    fonts: list[str] = field(default_factory=list)     # cell style -> font name
    bold: list[bool] = field(default_factory=list)     # cell style -> bold font


def parse_styles(data: bytes) -> Styles:
    custom: dict[int, str] = {}
    fonts: list[tuple[str, bool]] = []
    xfs: list[tuple[int, int]] = []
    in_cell_xfs = False
    for kind, p in records(data):
        if kind == FMT:
            (ifmt,) = struct.unpack_from("<H", p, 0)
            custom[ifmt] = _wide_string(p, 2)[0]
        elif kind == FONT:
            if len(p) < 21:
                raise XlsbError("font record too short")
            (weight,) = struct.unpack_from("<H", p, 4)
            fonts.append((_wide_string(p, 21)[0], weight >= 600))
        elif kind == BEGIN_CELL_XFS:
            in_cell_xfs = True
        elif kind == END_CELL_XFS:
            in_cell_xfs = False
        elif kind == XF and in_cell_xfs:
            if len(p) < 6:
                raise XlsbError("style record too short")
            _parent, ifmt, ifont = struct.unpack_from("<HHH", p, 0)
            xfs.append((ifmt, ifont))
    styles = Styles()
    for ifmt, ifont in xfs:
        styles.formats.append(custom.get(ifmt) or BUILTIN_FORMATS.get(ifmt, GENERAL))
        name, bold = fonts[ifont] if 0 <= ifont < len(fonts) else ("", False)
        styles.fonts.append(name)
        styles.bold.append(bold)
    return styles


@dataclass
class SheetShape:
    info: CellInfo
    bold: set[tuple[int, int]]
    merges: list[tuple[int, int, int, int]]


def parse_sheet(data: bytes, styles: Styles) -> SheetShape:
    """Style of every cell (0-based row, column), bold cells holding a value, merged areas."""
    info = CellInfo(formats=styles.formats or [GENERAL], fonts=styles.fonts or [""])
    bold, merges = set(), []
    row = 0
    bold_styles = {i for i, b in enumerate(styles.bold) if b}
    for kind, p in records(data):
        if kind in CELL_RECORDS:
            if len(p) < 8:
                raise XlsbError("cell record too short")
            col, style = struct.unpack_from("<II", p, 0)
            style &= 0xFFFFFF
            if style:
                info.xf[(row, col)] = style
                if style in bold_styles and kind != 1:  # BrtCellBlank: an empty cell is never a heading
                    bold.add((row, col))
        elif kind == ROW_HDR:
            if len(p) < 4:
                raise XlsbError("row record too short")
            (row,) = struct.unpack_from("<I", p, 0)
        elif kind == MERGE_CELL and len(p) >= 16:
            r1, r2, c1, c2 = struct.unpack_from("<IIII", p, 0)
            merges.append((r1, c1, r2, c2))
    return SheetShape(info, bold, merges)


def sheet_parts(z: zipfile.ZipFile, read=None) -> dict[str, str]:
    """Sheet name -> part name, from xl/workbook.bin and its relationships."""
    from defusedxml import ElementTree as ET  # the file comes from outside: no entities, no DTDs
    read = read or z.read
    rels = {rel.get("Id"): rel.get("Target", "") for rel in ET.fromstring(read("xl/_rels/workbook.bin.rels"))}
    parts = {}
    for kind, p in records(read("xl/workbook.bin")):
        if kind == BUNDLE_SH and len(p) >= 12:
            rid, pos = _wide_string(p, 8)
            name = _wide_string(p, pos)[0]
            target = rels.get(rid, "")
            if target:
                parts[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


class Extent:
    """The used area of a sheet part read in chunks: the last row header and
    the last column of any cell (what the value reader will allocate)."""

    def __init__(self):
        self.carry = b""
        self.rows = self.cols = 0

    def feed(self, chunk: bytes) -> None:
        window = self.carry + chunk
        found, cut = split_records(window)
        for kind, p in found:
            if kind == ROW_HDR and len(p) >= 4:
                self.rows = max(self.rows, struct.unpack_from("<I", p, 0)[0] + 1)
            elif kind in CELL_RECORDS and len(p) >= 4:
                self.cols = max(self.cols, struct.unpack_from("<I", p, 0)[0] + 1)
        self.carry = window[cut:]


def is_xlsb(names) -> bool:
    return "xl/workbook.bin" in names


_LEGACY_FONT = re.compile(r"(?i)^(?:\.vn|vni)")


def legacy_fonts(styles: Styles) -> bool:
    return any(_LEGACY_FONT.match(f) for f in styles.fonts)


class XlsbPackage:
    """An .xlsb package opened once per book: styles, sheet parts and each
    sheet's shape, read on first use. ``read`` gives a part's bytes."""

    def __init__(self, read):
        self.read = read
        self._styles: Styles | None = None
        self._parts: dict[str, str] | None = None
        self._shapes: dict[str, SheetShape] = {}

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            try:
                data = self.read("xl/styles.bin")
            except KeyError:  # no styles part: every cell General
                self._styles = Styles()
            else:
                self._styles = parse_styles(data)
        return self._styles

    def shape(self, sheet: str) -> SheetShape:
        if sheet not in self._shapes:
            if self._parts is None:
                self._parts = sheet_parts(None, self.read)
            part = self._parts.get(sheet)
            if part is None:
                raise XlsbError(f"no part for sheet {sheet!r}")
            self._shapes[sheet] = parse_sheet(self.read(part), self.styles)
        return self._shapes[sheet]
