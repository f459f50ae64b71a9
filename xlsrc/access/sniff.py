"""What a file really is, from its content rather than its name, and the
readers for the files that are not workbooks although they are named like
one: an HTML table saved as .xls, SpreadsheetML 2003 XML, CSV text.

HTML is parsed with the standard library's ``html.parser`` (no network, no
DTD, only HTML's own character references); XML with defusedxml (no
entities, no DTD). Each table becomes an ordinary sheet (a grid of values),
so the same table locator reads it as any sheet."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from html.parser import HTMLParser

from ..errors import FileTooLarge, FileUnusable
from ..vntext import nfc
from . import limits
from .limits import _n, too_large

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# kinds read by calamine, and the foreign kinds read here
XLSX, XLSM, XLS, ODS = "xlsx", "xlsm", "xls", "ods"
HTML, XML2003, CSV = "html", "xml2003", "csv"
BINARY_KINDS = (XLSX, XLSM, XLS, ODS)
DESCRIPTION = {XLSX: ".xlsx", XLSM: ".xlsm", XLS: ".xls (Excel 97-2003)", ODS: ".ods",
               HTML: "trang HTML có bảng (lưu từ web hoặc 'Save as Web Page')",
               XML2003: "bảng tính XML 2003 (SpreadsheetML)", CSV: "văn bản CSV"}

_SS_NS = "urn:schemas-microsoft-com:office:spreadsheet"


def _head_text(data: bytes) -> str:
    head = data[:4096]
    for enc in ("utf-8-sig", "utf-16") if not head.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-16",):
        try:
            return head.decode(enc, errors="ignore").lstrip().lower()
        except UnicodeError:
            continue
    return ""


def sniff(data: bytes, package: zipfile.ZipFile | None = None) -> str | None:
    """The kind of content, or None when it is no spreadsheet at all
    (``package``: the zip already opened from ``data``)."""
    if data.startswith(OLE_MAGIC):
        return XLS
    if data.startswith(ZIP_MAGIC):
        try:
            names = set((package or zipfile.ZipFile(io.BytesIO(data))).namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "xl/workbook.xml" in names or any(n.startswith("xl/workbook") for n in names):
            return XLSM if "xl/vbaProject.bin" in names else XLSX
        if "content.xml" in names and "mimetype" in names:
            return ODS
        return None
    head = _head_text(data)
    if head.startswith("<?xml") or head.startswith("<workbook"):
        if _SS_NS in head or "progid=\"excel.sheet\"" in head:
            return XML2003
        if "<html" in head:
            return HTML
        return None
    if re.search(r"<(html|table|!doctype html)\b", head):
        return HTML
    if b"\x00" in data[:4096]:
        return None
    return CSV if _looks_like_csv(data) else None


def _decode_text(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 có BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "Windows-1258"


def _looks_like_csv(data: bytes) -> bool:
    text = _decode_text(data[:65536])[0]
    lines = [ln for ln in text.splitlines() if ln.strip()][:20]
    if len(lines) < 2:
        return False
    for sep in (",", ";", "\t"):
        counts = [ln.count(sep) for ln in lines]
        if min(counts) >= 1 and sum(c >= 1 for c in counts) == len(counts):
            return True
    return False


def _check_grid(name: str, rows: int, cols: int) -> None:
    if rows * cols > limits.LIMITS.sheet_cells:
        raise too_large(name, f"bảng có {_n(rows)} dòng và {_n(cols)} cột")


def _square(name: str, grid: list[list]) -> list[list]:
    width = max((len(r) for r in grid), default=0)
    _check_grid(name, len(grid), width)
    for r in grid:
        r.extend([None] * (width - len(r)))
    while grid and all(v is None for v in grid[-1]):
        grid.pop()
    return grid


def _cell(text: str):
    text = nfc(text.strip())
    return text or None


# -- CSV --------------------------------------------------------------------
def read_csv(data: bytes, name: str) -> tuple[dict[str, list[list]], str]:
    text, encoding = _decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:65536], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    grid = [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    return {"Sheet1": _square(name, grid)}, encoding


# -- HTML -------------------------------------------------------------------
class _Tables(HTMLParser):
    """Every <table> as a grid; colspan/rowspan leave the covered cells empty,
    like merged cells in a sheet."""

    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.tables: list[list[list]] = []
        self._stack: list[dict] = []  # open tables (nested tables become their own)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._stack.append({"grid": [], "row": None, "cell": None, "spans": {}})
        elif not self._stack:
            return
        t = self._stack[-1] if self._stack else None
        if tag == "tr" and t is not None:
            self._end_row(t)
            t["row"] = []
        elif tag in ("td", "th") and t is not None:
            if t["row"] is None:
                t["row"] = []
            self._end_cell(t)
            t["cell"] = {"text": [], "colspan": _span(a.get("colspan")), "rowspan": _span(a.get("rowspan"))}
        elif tag == "br" and t is not None and t["cell"] is not None:
            t["cell"]["text"].append("\n")

    def handle_endtag(self, tag):
        if not self._stack:
            return
        t = self._stack[-1]
        if tag in ("td", "th"):
            self._end_cell(t)
        elif tag == "tr":
            self._end_row(t)
        elif tag == "table":
            self._end_row(t)
            self.tables.append(self._stack.pop()["grid"])

    def handle_data(self, data):
        if self._stack and self._stack[-1]["cell"] is not None:
            self._stack[-1]["cell"]["text"].append(data)

    def _end_cell(self, t):
        cell = t["cell"]
        if cell is None:
            return
        t["cell"] = None
        row = t["row"]
        r = len(t["grid"])
        self._fill_spans(t, r, row)
        text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", re.sub(r"[ \t\r\f\v]+", " ", "".join(cell["text"])))
        row.append(_cell(text))
        col = len(row) - 1
        row.extend([None] * (cell["colspan"] - 1))
        for dr in range(1, cell["rowspan"]):
            for dc in range(cell["colspan"]):
                t["spans"][(r + dr, col + dc)] = True
        _check_grid(self.name, r + cell["rowspan"], len(row))

    @staticmethod
    def _fill_spans(t, r, row):
        while t["spans"].pop((r, len(row)), False):
            row.append(None)

    def _end_row(self, t):
        self._end_cell(t)
        if t["row"] is not None:
            self._fill_spans(t, len(t["grid"]), t["row"])
            t["grid"].append(t["row"])
            t["row"] = None


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 16384))
    except (TypeError, ValueError):
        return 1


def _html_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", data[:4096])
    enc = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return data.decode(enc)
    except (LookupError, UnicodeDecodeError):
        return _decode_text(data)[0]


def read_html(data: bytes, name: str) -> dict[str, list[list]]:
    parser = _Tables(name)
    parser.feed(_html_text(data))
    parser.close()
    tables = [_square(name, g) for g in parser.tables]
    return {f"Bảng {i}": g for i, g in enumerate((g for g in tables if g), start=1)}


# -- SpreadsheetML 2003 -------------------------------------------------------
def _typed(kind: str | None, text: str):
    import datetime as dt
    if text is None:
        return None
    if kind == "Number":
        try:
            f = float(text)
            return int(f) if f.is_integer() and abs(f) < 2**53 else f
        except ValueError:
            return _cell(text)
    if kind == "DateTime":
        try:
            return dt.datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return _cell(text)
    if kind == "Boolean":
        return text.strip() in ("1", "true")
    return _cell(text)


def read_xml2003(data: bytes, name: str) -> dict[str, list[list]]:
    from defusedxml import ElementTree as ET
    from defusedxml.common import DefusedXmlException
    ns = "{" + _SS_NS + "}"
    try:
        root = ET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise FileUnusable(f"Tệp '{name}' (XML) khai báo DTD hoặc thực thể (entity); công cụ không đọc "
                           f"những tệp như vậy vì lý do an toàn. Hãy lưu lại thành .xlsx rồi gửi lại.") from None
    except ET.ParseError as exc:
        raise FileUnusable(f"Tệp '{name}' (XML) bị hỏng, không đọc được ({exc}).") from None
    sheets: dict[str, list[list]] = {}
    for i, ws in enumerate(root.iter(ns + "Worksheet"), start=1):
        title = ws.get(ns + "Name") or f"Sheet{i}"
        grid: list[list] = []
        table = ws.find(ns + "Table")
        for row in (table.iter(ns + "Row") if table is not None else ()):
            r = int(row.get(ns + "Index") or len(grid) + 1)
            _check_grid(name, r, 1)
            while len(grid) < r:
                grid.append([])
            cells = grid[r - 1]
            for cell in row.iter(ns + "Cell"):
                c = int(cell.get(ns + "Index") or len(cells) + 1)
                _check_grid(name, r, c)
                cells.extend([None] * (c - 1 - len(cells)))
                d = cell.find(ns + "Data")
                value = _typed(d.get(ns + "Type"), "".join(d.itertext())) if d is not None else None
                cells.append(value)
                merge = cell.get(ns + "MergeAcross") or ""
                if merge.isdigit():
                    cells.extend([None] * min(int(merge), 16384))
        sheets[title[:31]] = _square(name, grid)
    return sheets


def read_foreign(kind: str, data: bytes, name: str) -> tuple[dict[str, list[list]], str]:
    """The sheets of an HTML/XML/CSV file and a note on what it was."""
    if kind == CSV:
        sheets, encoding = read_csv(data, name)
        return sheets, f"{DESCRIPTION[CSV]}, mã {encoding}"
    if kind == HTML:
        return read_html(data, name), DESCRIPTION[HTML]
    return read_xml2003(data, name), DESCRIPTION[XML2003]


__all__ = ["sniff", "read_foreign", "BINARY_KINDS", "DESCRIPTION", "FileTooLarge"]
