"""What the fast value reader does not give: each cell's number format and
font name, and formula cells saved without a value.

API (used by the reader, the validator and the consolidator)::

    info = book.cell_info(sheet)          # FileBook or XlwingsBook; cached per sheet
    info.number_format(r, c)              # 0-based, same indexes as book.read(sheet); "General" by default
    info.is_percent(r, c)                 # the cell's own format shows a percentage
    info.percent_rows(c, rows)            # the same for many cells of a column
    info.font(r, c)                       # font name ("" when unknown)
    info.formulas_without_value           # [(r, c), …]: "=A1+1" written by a script, never calculated

Every reader here is one pass over one part, never per cell calls:
.xlsx/.xlsm — ``xl/styles.xml`` plus the ``s`` attribute of each ``<c>`` of
the sheet part; .xls — xlrd with ``formatting_info``; .ods — ``content.xml``
(cell styles, ``office:value-type="percentage"``). A reader that fails gives
an empty CellInfo (every cell General, no font): the values are still read.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from ..findings import column_letters

GENERAL = "General"
# ECMA-376 Part 1, 18.8.30: the built-in formats a reader must know.
BUILTIN_FORMATS = {0: GENERAL, 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
                   11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm",
                   17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
                   22: "m/d/yy h:mm", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 49: "@"}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


@lru_cache(maxsize=1024)  # asked for each number cell of a progress column; a book has few formats
def is_percent_format(code: str | None) -> bool:
    """Whether a number format shows the value times 100 with a % sign
    (a % inside quotes or escaped is literal text)."""
    return bool(code) and "%" in _QUOTED.sub("", code)


_DAY_OR_YEAR = re.compile(r"(?<![a-z])(?:d+|y+)(?![a-z])")


def is_date_format(code: str | None) -> bool:
    """'dd/mm/yyyy', 'd-mmm-yy', 'Short Date' (as NAMED_FORMATS spells it),
    'Long Date': a day or a year in the code outside quoted text (never a
    word: 'Yes/No')."""
    return bool(code) and (code == "Long Date" or bool(_DAY_OR_YEAR.search(_QUOTED.sub("", code).lower())))


@dataclass
class CellInfo:
    xf: dict[tuple[int, int], int] = field(default_factory=dict)   # cell -> style index
    formats: list[str] = field(default_factory=list)              # style index -> number format code
    fonts: list[str] = field(default_factory=list)                # style index -> font name
    default: int = 0                                              # style of a cell not listed
    formulas_without_value: list[tuple[int, int]] = field(default_factory=list)
    columns: dict[int, int] = field(default_factory=dict)         # column -> style of its unlisted cells
    unknown: bool = False  # the file's formats could not be read: a number ≤ 1 may be a fraction or not
    # column -> {(r, c): style} of its cells, read when a cell of the column is first asked about
    column_reader: Callable[[int], dict[tuple[int, int], int]] | None = field(default=None, repr=False)
    # (column, styles) -> the rows of its cells written with one of those styles, in a part read by column
    styled_rows: Callable[[int, set[int]], set[int]] | None = field(default=None, repr=False)
    read_columns: set[int] = field(default_factory=set, repr=False)

    def _style(self, r: int, c: int) -> int:
        i = self.xf.get((r, c))
        if i is None and self.column_reader is not None and c not in self.read_columns:
            self.read_columns.add(c)
            self.xf.update(self.column_reader(c))
            i = self.xf.get((r, c))
        return i if i is not None else self.columns.get(c, self.default)

    def style_index(self, number_format: str, font: str) -> int:
        """The index of a (number format, font) style, added when new."""
        for i, pair in enumerate(zip(self.formats, self.fonts)):
            if pair == (number_format, font):
                return i
        self.formats.append(number_format)
        self.fonts.append(font)
        return len(self.formats) - 1

    def number_format(self, r: int, c: int) -> str:
        i = self._style(r, c)
        return self.formats[i] if 0 <= i < len(self.formats) else GENERAL

    def is_percent(self, r: int, c: int) -> bool:
        return is_percent_format(self.number_format(r, c))

    def percent_rows(self, c: int, rows: list[int]) -> set[int]:
        """The rows (of ``rows``) whose cell in column ``c`` shows a percentage:
        is_percent of each, the styles looked at once."""
        percent = {i for i, code in enumerate(self.formats) if is_percent_format(code)}
        if not percent or not rows:
            return set()
        other = self.columns.get(c, self.default)
        if self.styled_rows is not None and c not in self.read_columns and other not in percent:
            return self.styled_rows(c, percent).intersection(rows)  # a cell of no percentage style is not one
        self._style(rows[0], c)  # the column's styles read, if they are read by column
        xf = self.xf
        return {r for r in rows if xf.get((r, c), other) in percent}

    def font(self, r: int, c: int) -> str:
        i = self._style(r, c)
        return self.fonts[i] if 0 <= i < len(self.fonts) else ""


EMPTY = CellInfo()

# --------------------------------------------------------------------------
# .xlsx / .xlsm
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTR_R = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_ATTR_S = re.compile(rb'\bs="(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
# a formula element closed, then no value (or an empty one), then the cell ends
_FORMULA_NO_VALUE = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_PERCENT_HINT = re.compile(rb'numFmtId="(?:9|10)"|formatCode="[^"]*%')
LEGACY_FONT = re.compile(rb'(?i)(?:val|name|font-family|style:name)="[\'"]?(?:\.vn|vni)')


def names_legacy_font(xml: bytes) -> bool:
    """Whether a styles or content part names a TCVN3 (.VnTime …) or VNI
    font (LEGACY_FONT). The case-insensitive pattern tries every byte: it
    is searched only in a part that holds '.vn' or 'vni' in some case
    (most hold neither), which two C-level finds in the lowered part tell."""
    low = xml.lower()
    return (b".vn" in low or b"vni" in low) and LEGACY_FONT.search(xml) is not None


_ERROR_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?\bt="e"|<c\b[^>]*?\bt="e"[^>]*?\br="([A-Z]+)(\d+)"')


def col_index(letters: bytes | str) -> int:
    n = 0
    for ch in letters.encode() if isinstance(letters, str) else letters:
        n = n * 26 + ch - 64
    return n - 1


def namespace(root) -> str:
    """'{uri}' of a part's root element: the transitional SpreadsheetML
    namespace, or the Strict one that Excel's 'Strict Open XML Spreadsheet'
    writes (http://purl.oclc.org/ooxml/spreadsheetml/main)."""
    tag = root.tag
    return tag[:tag.index("}") + 1] if tag.startswith("{") else ""


def parsed_part(z, part: str, parsed: dict | None = None):
    """The root element of a package part (``z``: anything with ``read``),
    parsed with defusedxml (the file comes from outside: no entities, no
    DTDs). ``parsed`` keeps the parts parsed: the workbook and its
    relationships, which the size check (limits) and the per-cell readers
    both look at, are parsed once; a part of the same bytes as one parsed
    lately, in this file or another (_SAME_PARTS), takes its tree. A part
    that cannot be read or parsed raises, and is not kept."""
    if parsed is not None and part in parsed:
        return parsed[part]
    data = z.read(part)
    root = _SAME_PARTS.get(data) if len(data) <= SAME_PART_BYTES else None
    if root is None:
        from defusedxml import ElementTree as ET
        root = ET.fromstring(data)
        if len(data) <= SAME_PART_BYTES:
            if len(_SAME_PARTS) >= SAME_PARTS:
                del _SAME_PARTS[next(iter(_SAME_PARTS))]  # the oldest
            _SAME_PARTS[data] = root
    if parsed is not None:
        parsed[part] = root
    return root


# Parts parsed lately, by their bytes (never changed once parsed): the files of one consolidation are mostly made
# from one template, whose relationships (and often workbook part) are the same bytes in every file.
SAME_PARTS, SAME_PART_BYTES = 16, 64 * 1024
_SAME_PARTS: dict[bytes, object] = {}


def sheet_parts(z: zipfile.ZipFile, parsed: dict | None = None) -> dict[str, str]:
    """Sheet name -> its part, from xl/workbook.xml and its relationships
    (``parsed``: see parsed_part)."""
    wb = parsed_part(z, "xl/workbook.xml", parsed)
    rels = {rel.get("Id"): rel.get("Target", "") for rel in parsed_part(z, "xl/_rels/workbook.xml.rels", parsed)}
    parts = {}
    m = namespace(wb)  # transitional, or Strict (ISO/IEC 29500 Strict: purl.oclc.org)
    for s in wb.iter(m + "sheet"):
        target = rels.get(next((v for k, v in s.attrib.items() if k.endswith("}id")), None))
        if target:
            parts[s.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


def _xlsx_styles(z: zipfile.ZipFile) -> tuple[list[str], list[str]]:
    from defusedxml import ElementTree as ET
    try:
        root = ET.fromstring(z.read("xl/styles.xml"))
    except KeyError:
        return [GENERAL], [""]
    m = namespace(root)
    custom = {int(n.get("numFmtId", "0")): n.get("formatCode", "") for n in root.iter(m + "numFmt")}
    font_names = []
    fonts = root.find(m + "fonts")
    for font in (fonts if fonts is not None else []):
        name = font.find(m + "name")
        font_names.append(name.get("val", "") if name is not None else "")
    formats, fonts_by_xf = [], []
    xfs = root.find(m + "cellXfs")
    for xf in (xfs if xfs is not None else []):
        nid = int(xf.get("numFmtId", "0") or 0)
        formats.append(custom.get(nid) or BUILTIN_FORMATS.get(nid, GENERAL))
        fid = int(xf.get("fontId", "0") or 0)
        fonts_by_xf.append(font_names[fid] if 0 <= fid < len(font_names) else "")
    return formats or [GENERAL], fonts_by_xf or [font_names[0] if font_names else ""]


_STRICT = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_HAS_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b")


def _xlsx_bold_styles(z) -> set[int]:
    """The cell styles (cellXfs indexes) whose font is bold."""
    from defusedxml import ElementTree as ET
    root = ET.fromstring(z.read("xl/styles.xml"))
    m = namespace(root)
    fonts = root.find(m + "fonts")
    bold_fonts = {i for i, font in enumerate(fonts if fonts is not None else [])
                  if (b := font.find(m + "b")) is not None and b.get("val", "1") not in ("0", "false")}
    xfs = root.find(m + "cellXfs")
    return {i for i, xf in enumerate(xfs if xfs is not None else []) if int(xf.get("fontId", "0") or 0) in bold_fonts}


class _Parts:
    """The parts of an opened package; a part the size check already
    unpacked (see limits.check_package) is not unpacked again. ``check``:
    called with a part's name before it is read (FileBook checks a part
    that waits, see limits.PackageScan)."""

    def __init__(self, package: zipfile.ZipFile, unpacked: dict[str, bytes],
                 check: Callable[[str], None] | None = None):
        self.package, self.unpacked, self.check = package, unpacked, check

    def read(self, name: str) -> bytes:
        if self.check is not None:
            self.check(name)
        got = self.unpacked.get(name)
        return got if got is not None else self.package.read(name)


class XlsxPackage:
    """An .xlsx/.xlsm package opened once per book: the sheet parts by name
    and the styles, each read on first use. ``plain``: the sheet parts whose
    rows and cells the size check found all written <c r="B12" …>, with no
    prefix (see limits.check_package), which need no search for others;
    ``parsed``: the parts the size check parsed (see parsed_part)."""

    def __init__(self, data: bytes, package: "zipfile.ZipFile | None" = None, unpacked: dict[str, bytes] | None = None,
                 plain: set[str] | frozenset[str] = frozenset(), check: Callable[[str], None] | None = None,
                 parsed: dict | None = None):
        self.zip = _Parts(package or zipfile.ZipFile(io.BytesIO(data)), unpacked if unpacked is not None else {}, check)
        self.plain = plain
        self.parsed = parsed if parsed is not None else {}  # parts parsed already (see parsed_part)
        self._parts: dict[str, str] | None = None
        self._styles: tuple[list[str], list[str]] | None = None
        self._last: tuple[str, bytes] = ("", b"")  # the sheet part read last: asked again for its formulas
        self._formulas: dict[str, bool] = {}  # sheet part -> whether a formula element may be in it
        self._styled: dict[tuple, set[int]] = {}  # (sheet part, column, styles) -> styled_rows

    def _sheet_parts(self) -> dict[str, str]:
        if self._parts is None:
            self._parts = sheet_parts(self.zip, self.parsed)
        return self._parts

    def _name(self, sheet: str) -> str | None:
        return self._sheet_parts().get(sheet)

    def sheet_names(self) -> list[str]:
        return list(self._sheet_parts())

    def part(self, sheet: str) -> bytes:
        name = self._name(sheet)
        if name and self._last[0] != name:
            self._last = (name, self.zip.read(name))
        return self._last[1] if name else b""

    def _has_formula(self, sheet: str) -> bool:
        """Whether a formula element may be in the sheet's part (cheap test before a full scan), searched once."""
        name = self._name(sheet)
        if name not in self._formulas:
            self._formulas[name] = _has_formula(self.part(sheet))
        return self._formulas[name]

    @property
    def styles(self) -> tuple[list[str], list[str]]:
        if self._styles is None:
            self._styles = _xlsx_styles(self.zip)
        return self._styles

    @property
    def strict(self) -> bool:
        """Saved as Strict Open XML (ISO/IEC 29500 Strict), which openpyxl cannot open."""
        return _STRICT in self.zip.read("xl/workbook.xml")[:4096]

    def bold_cells(self, sheet: str) -> set[tuple[int, int]]:
        """Cells (0-based) that hold a value and whose font is bold."""
        bold = _xlsx_bold_styles(self.zip)
        found = set()
        for m in _CELL.finditer(self.part(sheet)) if bold else ():
            attrs, inner = m.group(1), m.group(2) or b""
            s, ref = _ATTR_S.search(attrs), _ATTR_R.search(attrs)
            if s is not None and ref is not None and int(s.group(1)) in bold and _HAS_VALUE.search(inner):
                found.add((int(ref.group(2)) - 1, col_index(ref.group(1))))
        return found

    def has_percent(self) -> bool:
        """Whether a cell may be percent-formatted: the styles part names a
        built-in percentage (9, 10) or a format code with a % sign. True
        means: ask cell_info, whose formats tell which cells are (a cell
        asked about, when any: the styles are parsed only then)."""
        try:
            raw = self.zip.read("xl/styles.xml")
        except KeyError:
            return False
        return _PERCENT_HINT.search(raw) is not None

    def legacy_fonts(self) -> bool:
        try:
            return names_legacy_font(self.zip.read("xl/styles.xml"))
        except KeyError:
            return False

    def formulas_without_value(self, sheet: str) -> bool:
        """Cheap test (C-level searches over the part) before a full scan."""
        if not self._has_formula(sheet):
            return False
        return bool(_FORMULA_NO_VALUE.search(self.part(sheet)))

    def error_cells(self, sheet: str) -> list[tuple[int, int]]:
        """0-based (row, col) of the sheet's cells saved as an error value (t="e": #REF!, #N/A …)."""
        return [(int(m.group(2) or m.group(4)) - 1, col_index(m.group(1) or m.group(3)))
                for m in _ERROR_CELL.finditer(self.part(sheet))]

    def _by_column(self, sheet: str, xml: bytes) -> bool:
        """Every cell of the part written <c r="B12" …>, and no formula: a
        column's styles can be read with one C-level search over the part."""
        return (self._name(sheet) in self.plain or not any(p.search(xml) for p in _UNUSUAL_CELL)) \
            and not self._has_formula(sheet)

    def styled_rows(self, sheet: str, c: int, styles: set[int]) -> set[int]:
        """_styled_rows of the sheet's part (read by column), each column and styles searched once."""
        key = (self._name(sheet), c, frozenset(styles))
        if key not in self._styled:
            self._styled[key] = _styled_rows(self.part(sheet), c, styles)
        return self._styled[key]

    def percent_ahead(self, sheet: str) -> None:
        """The rows written with a percentage style in each column whose own
        style (``<col style>``) is one — the template's progress column —
        searched now (FileBook: while the reader child reads), so that
        reading the column's progress later finds them (CellInfo.percent_rows)."""
        percent = {i for i, code in enumerate(self.styles[0]) if is_percent_format(code)}
        xml = self.part(sheet)
        if not percent or not self._by_column(sheet, xml):
            return
        columns = set()
        for attrs in _COL.findall(xml, 0, max(xml.find(b"<sheetData"), 0)):
            low, high, style = (_COL_ATTRS[k].search(attrs) for k in ("min", "max", "style"))
            if low and high and style and int(style[1]) in percent and int(high[1]) - int(low[1]) < MAX_AHEAD:
                columns.update(range(int(low[1]) - 1, int(high[1])))
        for c in sorted(columns)[:MAX_AHEAD]:
            self.styled_rows(sheet, c, percent)

    def cell_info(self, sheet: str) -> CellInfo:
        xml = self.part(sheet)
        formats, fonts = self.styles
        if self._by_column(sheet, xml):
            # a column's styles are read when first asked for (a progress column's formats, say)
            return CellInfo(formats=formats, fonts=fonts, column_reader=lambda c: _column_styles(xml, c),
                            styled_rows=lambda c, styles: self.styled_rows(sheet, c, styles))
        info = CellInfo(formats=formats, fonts=fonts)
        for m in _CELL.finditer(xml):
            attrs, inner = m.group(1), m.group(2) or b""
            ref = _ATTR_R.search(attrs)
            if ref is None:  # a writer that leaves out cell references: place cells by their order
                return _cell_info_by_order(xml, CellInfo(formats=formats, fonts=fonts))
            _note_cell(info, int(ref.group(2)) - 1, col_index(ref.group(1)), attrs, inner)
        return info


MAX_AHEAD = 4  # columns of a sheet whose percentage rows are searched ahead (percent_ahead)
_COL = re.compile(rb"<col\b([^>]*)>")
_COL_ATTRS = {k: re.compile(rb"\b" + k.encode() + rb'="([0-9]{1,5})"') for k in ("min", "max", "style")}


_FORMULA_TAGS = (re.compile(rb"<f[\s/>]"), re.compile(rb":f[\s/>]"))  # each starts with its literal: C-speed search


def _has_formula(xml: bytes) -> bool:
    """Whether a formula element (<f>, <x:f …>) may be in the part (cheap test before a full scan)."""
    return any(tag.search(xml) for tag in _FORMULA_TAGS)


# a cell written otherwise than <c r="B12" …> (another spelling, no address, a prefix); each pattern starts
# with its literal: C-speed search
_UNUSUAL_CELL = (re.compile(rb'<c(?:[>/]|\s(?!r="[A-Z]{1,3}[0-9]{1,7}"[\s/>]))'), re.compile(rb':c[\s/>]'))


def _column_styles(xml: bytes, c: int) -> dict[tuple[int, int], int]:
    """The style of each cell of column ``c`` (0-based) that has one, in a
    part whose cells are all written <c r="B12" …>."""
    pattern = re.compile(_cell_of_column(c) + rb'(?:[^>]*?\ss="([0-9]+))?')
    return {(int(r) - 1, c): int(s) for r, s in pattern.findall(xml) if s}


def _styled_rows(xml: bytes, c: int, styles: set[int]) -> set[int]:
    """The rows (0-based) of the cells of column ``c`` written with one of
    ``styles`` (the style _column_styles reads), in a part whose cells are all
    written <c r="B12" …>."""
    style = b"|".join(b"%d" % s for s in sorted(styles))
    pattern = re.compile(_cell_of_column(c) + rb'[^>]*?\ss="0*(?:' + style + rb')(?![0-9])')
    return {int(r) - 1 for r in pattern.findall(xml)}


def _cell_of_column(c: int) -> bytes:
    """A pattern of the start of a cell of column ``c`` written <c r="B12" …>, its row number a group."""
    return rb'<c r="' + column_letters(c + 1).encode() + rb'([0-9]{1,7})"'


def _note_cell(info: CellInfo, r: int, c: int, attrs: bytes, inner: bytes) -> None:
    """A cell's style index, and whether it is a formula saved without a value."""
    s = _ATTR_S.search(attrs)
    if s is not None:
        info.xf[(r, c)] = int(s.group(1))
    if inner and _FORMULA.search(inner) and not _VALUE.search(inner):
        info.formulas_without_value.append((r, c))


_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_ROW_R = re.compile(rb'\br="(\d+)"')


def _cell_info_by_order(xml: bytes, info: CellInfo) -> CellInfo:
    """Cell styles of a sheet part whose rows or cells carry no ``r``
    reference (allowed by ECMA-376: a cell follows the one before it, a row
    the row before it), as the value reader places them."""
    r = -1
    for row in _ROW.finditer(xml):
        got = _ROW_R.search(row.group(1))
        r = int(got.group(1)) - 1 if got else r + 1
        c = -1
        for m in _CELL.finditer(row.group(2) or b""):
            attrs, inner = m.group(1), m.group(2) or b""
            ref = _ATTR_R.search(attrs)
            c = col_index(ref.group(1)) if ref else c + 1
            _note_cell(info, r, c, attrs, inner)
    return info


# --------------------------------------------------------------------------
# .xls
def xls_book(data: bytes):
    import xlrd
    return xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)


def xls_cell_info(book, sheet: str) -> CellInfo:
    ws = book.sheet_by_name(sheet)
    formats = []
    fonts = []
    for xf in book.xf_list:
        fmt = book.format_map.get(xf.format_key)
        code = fmt.format_str if fmt is not None else BUILTIN_FORMATS.get(xf.format_key, GENERAL)
        formats.append(code or GENERAL)
        font = book.font_list[xf.font_index] if 0 <= xf.font_index < len(book.font_list) else None
        fonts.append(font.name if font is not None else "")
    info = CellInfo(formats=formats, fonts=fonts, default=15 if len(formats) > 15 else 0)
    for r in range(ws.nrows):
        for c in range(ws.row_len(r)):
            info.xf[(r, c)] = ws.cell_xf_index(r, c)
    return info


def xls_legacy_fonts(data: bytes) -> bool:
    return any(p in data for p in (b".Vn", b".\x00V\x00n\x00", b"VNI-", b"V\x00N\x00I\x00-\x00",
                                   b".VN", b".\x00V\x00N\x00"))


# --------------------------------------------------------------------------
# .ods
_O = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
      "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
      "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
      "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"}


def _q(prefix: str, name: str) -> str:
    return "{%s}%s" % (_O[prefix], name)


MAX_STYLED_CELLS = 2_000_000  # cells of an ODS sheet with their own percent format or font, repeats counted


def ods_cell_info(data: bytes, sheet: str) -> CellInfo:
    """Percent cells (``office:value-type="percentage"``) and fonts of the cell
    styles; repeated rows and columns are expanded up to what was filled."""
    from defusedxml import ElementTree as ET
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = ET.fromstring(z.read("content.xml"))
    faces = {f.get(_q("style", "name")): (f.get(_q("svg", "font-family")) or f.get(_q("style", "name")) or "").strip("'\"")
             for f in root.iter(_q("style", "font-face"))}
    style_font: dict[str, str] = {}
    for st in root.iter(_q("style", "style")):
        tp = st.find(_q("style", "text-properties"))
        if tp is not None:
            name = tp.get(_q("style", "font-name"))
            style_font[st.get(_q("style", "name"))] = faces.get(name, name) if name else (tp.get(_q("fo", "font-family")) or "")
    info = CellInfo(formats=[GENERAL], fonts=[""])
    for table in root.iter(_q("table", "table")):
        if table.get(_q("table", "name")) != sheet:
            continue
        col_styles: list[str] = []
        for col in table.iter(_q("table", "table-column")):
            n = int(col.get(_q("table", "number-columns-repeated"), "1"))
            col_styles.extend([col.get(_q("table", "default-cell-style-name"), "")] * min(n, 1024))
        r = 0
        for row in table.iter(_q("table", "table-row")):
            nrows = int(row.get(_q("table", "number-rows-repeated"), "1"))
            cells = [e for e in row if e.tag in (_q("table", "table-cell"), _q("table", "covered-table-cell"))]
            c = 0
            for e in cells:
                n = int(e.get(_q("table", "number-columns-repeated"), "1"))
                filled = len(e) or e.get(_q("office", "value-type"))
                style = e.get(_q("table", "style-name")) or (col_styles[c] if c < len(col_styles) else "")
                font = style_font.get(style, "")
                percent = e.get(_q("office", "value-type")) == "percentage"
                if filled and (font or percent):
                    idx = info.style_index("0%" if percent else GENERAL, font)
                    if len(info.xf) + n * nrows > MAX_STYLED_CELLS:  # counted before the repeats are expanded
                        raise ValueError(f"hơn {MAX_STYLED_CELLS} ô có định dạng riêng")  # formats: unknown
                    for k in range(n):
                        for rr in range(nrows):
                            info.xf[(r + rr, c + k)] = idx
                c += n
            r += nrows
    return info


def ods_legacy_fonts(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return any(names_legacy_font(z.read(p)) for p in ("content.xml", "styles.xml") if p in z.namelist())
    except Exception:
        return False


# --------------------------------------------------------------------------
# SpreadsheetML 2003 (what Excel's Range.Value(11) gives for a live range)
_SS = "urn:schemas-microsoft-com:office:spreadsheet"
NAMED_FORMATS = {"Percent": "0%", "General": GENERAL, "General Number": GENERAL, "Fixed": "0.00",
                  "Standard": "#,##0.00", "Short Date": "d/m/yyyy", "Medium Date": "d-mmm-yy",
                  "General Date": "d/m/yyyy h:mm", "Scientific": "0.00E+00"}


MAX_COLUMNS = 16_384  # columns of an Excel sheet


def spreadsheetml_cell_info(xml: str | bytes, sheet: str | None = None) -> CellInfo:
    """Number formats and fonts of the cells of one worksheet of a
    SpreadsheetML 2003 document (see spreadsheetml_cell_infos): the first one
    named ``sheet``, the first one otherwise (also when no sheet has that
    name)."""
    names, infos, blank = spreadsheetml_cell_infos(xml)
    return infos[names.index(sheet)] if sheet in names else infos[0] if infos else blank


def _with_default(info: CellInfo, resolve) -> CellInfo:
    if not info.formats:
        info.default = info.style_index(*resolve("Default"))
    return info


def spreadsheetml_cell_infos(xml: str | bytes) -> tuple[list[str | None], list[CellInfo], CellInfo]:
    """The worksheets' names and the number formats and fonts of their cells,
    in the document's order, read in one pass: a file of many worksheets is
    parsed once, never once per sheet (styles inherit from ``ss:Parent``;
    rows, columns and cells may carry a style; ``ss:Index`` and
    ``ss:MergeAcross`` place cells). The text is parsed as a stream, each row
    dropped once read, so memory stays near the size of the text itself.
    The third: a sheet without cells (the document's default style alone)."""
    from defusedxml.ElementTree import iterparse
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    a = lambda name: f"{{{_SS}}}{name}"  # noqa: E731
    style_tag, ws_tag, col_tag, row_tag, cell_tag = (a(n) for n in ("Style", "Worksheet", "Column", "Row", "Cell"))
    raw: dict[str, tuple[str | None, str | None, str | None]] = {}

    def resolve(sid: str | None, depth: int = 0) -> tuple[str, str]:
        parent, fmt, font = raw.get(sid or "Default", (None, None, None))
        if (fmt is None or font is None) and parent and depth < 10:
            pfmt, pfont = resolve(parent, depth + 1)
            fmt, font = fmt if fmt is not None else pfmt, font if font is not None else pfont
        if (fmt is None or font is None) and sid not in (None, "Default") and depth < 10:
            dfmt, dfont = resolve("Default", 10)
            fmt, font = fmt if fmt is not None else dfmt, font if font is not None else dfont
        return NAMED_FORMATS.get(fmt or "", fmt or GENERAL), font or ""

    names: list[str | None] = []
    infos: list[CellInfo] = []
    info = CellInfo(formats=[], fonts=[])
    ids: dict[str | None, int] = {}

    def index(sid: str | None) -> int:
        _with_default(info, resolve)
        if sid not in ids:
            ids[sid] = info.style_index(*resolve(sid))
        return ids[sid]

    reading, r, c, row_style = False, 0, 0, None
    for event, el in iterparse(io.BytesIO(data), events=("start", "end")):
        tag = el.tag
        if tag == ws_tag:
            if event == "start":
                info, ids, reading, r, c = CellInfo(formats=[], fonts=[]), {}, True, 0, 0
                names.append(el.get(a("Name")))
                infos.append(info)
            else:
                reading = False
                el.clear()
        elif event == "end" and tag == style_tag:
            nf, font = el.find(a("NumberFormat")), el.find(a("Font"))
            raw[el.get(a("ID"))] = (el.get(a("Parent")), nf.get(a("Format")) if nf is not None else None,
                                    font.get(a("FontName")) if font is not None else None)
        elif not reading:
            continue
        elif event == "start" and tag == col_tag:
            c = int(el.get(a("Index"), c + 1)) - 1
            span = int(el.get(a("Span"), "0"))
            if el.get(a("StyleID")):
                for k in range(c, min(c + span + 1, MAX_COLUMNS)):  # a sheet has 16.384 columns, whatever Span says
                    info.columns[k] = index(el.get(a("StyleID")))
            c += span + 1
        elif tag == row_tag:
            if event == "start":
                r = int(el.get(a("Index"), r + 1)) - 1
                row_style, c = el.get(a("StyleID")), 0
            else:
                r += int(el.get(a("Span"), "0")) + 1
                el.clear()
        elif event == "start" and tag == cell_tag:
            c = int(el.get(a("Index"), c + 1)) - 1
            sid = el.get(a("StyleID")) or row_style
            if sid:
                info.xf[(r, c)] = index(sid)
            c += int(el.get(a("MergeAcross"), "0")) + 1
    for each in infos:
        _with_default(each, resolve)
    return names, infos, _with_default(CellInfo(formats=[], fonts=[]), resolve)
