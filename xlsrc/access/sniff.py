"""What a file really is, from its content rather than its name, and the
readers for the files that are not workbooks although they are named like
one: an HTML table saved as .xls, SpreadsheetML 2003 XML, CSV text.

HTML is parsed with the standard library's ``html.parser`` (no network, no
DTD, only HTML's own character references); XML with defusedxml (no
entities, no DTD). Each table becomes an ordinary sheet (a grid of values)
with what a workbook's sheet also tells: merged areas (colspan/rowspan,
ss:MergeAcross/ss:MergeDown), bold cells (<th>, <b>, font-weight, ss:Bold),
and each cell's number format and font (mso-number-format and font-family in
HTML, ss:Style in XML), so the same table locator and the same per-cell rules
(a percent-formatted 0.8 is 80 %; text under a .VnTime font is TCVN3) read
it as any sheet."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import FileTooLarge, FileUnusable
from ..findings import column_letters
from ..vntext import nfc
from . import limits
from .cellinfo import GENERAL, NAMED_FORMATS, CellInfo, is_date_format, is_percent_format
from .limits import _n, too_large

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

# kinds read by calamine, and the foreign kinds read here
XLSX, XLSM, XLS, ODS, XLSB = "xlsx", "xlsm", "xls", "ods", "xlsb"
HTML, XML2003, CSV, FODS = "html", "xml2003", "csv", "fods"
BINARY_KINDS = (XLSX, XLSM, XLS, ODS, XLSB)
DESCRIPTION = {XLSX: ".xlsx", XLSM: ".xlsm", XLS: ".xls (Excel 97-2003)", ODS: ".ods",
               XLSB: ".xlsb (sổ nhị phân của Excel)",
               HTML: "trang HTML có bảng (lưu từ web hoặc 'Save as Web Page')",
               XML2003: "bảng tính XML 2003 (SpreadsheetML)", CSV: "văn bản CSV",
               FODS: "bảng tính ODS dạng XML phẳng (.fods)"}

_SS_NS = "urn:schemas-microsoft-com:office:spreadsheet"


@dataclass
class ForeignSheet:
    """One table of an HTML/XML/CSV file: its values, merged areas (0-based
    r1, c1, r2, c2), bold cells and per-cell number formats and fonts."""
    grid: list[list]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    bold: set[tuple[int, int]] = field(default_factory=set)
    info: CellInfo = field(default_factory=CellInfo)
    hidden: bool = False  # a SpreadsheetML worksheet the sender hid


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
        if "xl/workbook.bin" in names:  # Excel binary workbook: the same package, binary parts
            return XLSB
        if "xl/workbook.xml" in names or any(n.startswith("xl/workbook") for n in names):
            return XLSM if "xl/vbaProject.bin" in names else XLSX
        if "content.xml" in names and "mimetype" in names:
            return ODS
        return None
    head = _head_text(data)
    if head.startswith("<?xml") or head.startswith("<workbook"):
        if _SS_NS in head or "progid=\"excel.sheet\"" in head:
            return XML2003
        if _FLAT_ODS.search(data[:16384]):
            return FODS
        if "<html" in head:
            return HTML
        return None
    if re.search(r"<(html|table|!doctype html)\b", head):
        return HTML
    if data.startswith(_UTF16_BOMS):  # Excel's "Unicode Text": tab-separated UTF-16
        return CSV if _looks_like_csv(data) else None
    if b"\x00" in data[:4096]:
        return None
    return CSV if _looks_like_csv(data) else None


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# LibreOffice's "Flat XML ODF Spreadsheet": one XML document instead of a zip
_FLAT_ODS = re.compile(rb"<office:document\b[^>]*office:mimetype=\"application/vnd\.oasis\.opendocument\.spreadsheet")
_INDENT = re.compile(rb">\n[ \t]*<")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_MANIFEST = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
             b'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
             b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
             b'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')


def package_flat_ods(data: bytes) -> bytes:
    """A flat ODS document (.fods) as the .ods package it stands for: the
    document becomes content.xml (its styles and fonts are in it), so the
    same reader, the same size checks and the same per-cell formats apply.
    The indentation LibreOffice writes between elements (a line break and
    spaces) is dropped: the value reader takes it for cell text."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), _ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", _MANIFEST)
        z.writestr("content.xml", _INDENT.sub(b"><", data))
    return buf.getvalue()


def _decode_text(data: bytes) -> tuple[str, str]:
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 có BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "Windows-1258"


def _looks_like_csv(data: bytes) -> bool:
    return _separator(_decode_text(data[:65536])[0]) is not None


def _separator(text: str) -> str | None:
    """The separator every line has, from the first lines on (or after up to
    five title lines without one: 'SỞ Y TẾ' typed above the table); None for
    text that is not a table."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:25]
    for skip in range(0, 6):
        body = lines[skip:skip + 20]
        if len(body) < 2 or any(len(ln) > 200 for ln in lines[:skip]):
            return None
        for sep in (",", ";", "\t"):
            if all(ln.count(sep) >= 1 for ln in body):
                return sep
        if any(sep in lines[skip] for sep in (",", ";", "\t")):
            return None  # a line of the table without a common separator: not CSV
    return None


def _check_grid(name: str, rows: int, cols: int, before: int = 0) -> None:
    """Refuse a table of ``rows`` × ``cols`` (with ``before`` cells of the
    file's earlier tables) over the limit; called before the cells are made."""
    if before + rows * cols > limits.LIMITS.sheet_cells:
        what = f"bảng có {_n(rows)} dòng và {_n(cols)} cột"
        raise too_large(name, what + (f" (cùng các bảng trước đó: hơn {_n(limits.LIMITS.sheet_cells)} ô)"
                                      if before else ""))


def _check_text(name: str, size: int) -> None:
    """Refuse a cell of more than LIMITS.text_run characters, as a package's
    run of text is (an Excel cell holds 32,767 at most)."""
    if size > limits.LIMITS.text_run:
        raise too_large(name, f"có một ô dài hơn {limits.LIMITS.text_run // 1024} KB chữ "
                              "(một ô Excel chứa tối đa 32.767 ký tự)")


def _check_tables(name: str, count: int) -> None:
    """Refuse a file of more tables (HTML) or worksheets (XML) than a package may have parts."""
    if count > limits.LIMITS.parts:
        raise too_large(name, f"có hơn {_n(limits.LIMITS.parts)} bảng")


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


# ="0123": a formula whose value is the text between its quotes ('""' a quote), what a portal writes in CSV and
# HTML so that Excel keeps leading zeros and slashes ('="000123"', '="125/QĐ-UBND"') and shows the text alone
_TEXT_FORMULA = re.compile(r'=\s*"((?:[^"]|"")*)"')


def _shown_cell(text: str):
    """A CSV or HTML cell as Excel shows it: ="…" is the text inside."""
    value = _cell(text)
    if value is not None and value[0] == "=" and (m := _TEXT_FORMULA.fullmatch(value)):
        return _cell(m.group(1).replace('""', '"'))
    return value


# -- CSV --------------------------------------------------------------------
def _delimiter(sample: str) -> str:
    """The separator that splits the lines into the same number of fields
    most often, then into the most fields — never a decimal comma: a
    Vietnamese Excel writes ';' between fields and '0,8' for numbers, and a
    header such as 'Tên công trình, phần việc' holds a comma too (csv.Sniffer
    then picks ',', which it prefers on a tie, and cuts every number in two)."""
    lines = [ln for ln in sample.splitlines()[:-1] or sample.splitlines() if ln.strip()][:50]
    best, best_score = ",", (0.0, 0)
    for sep in (";", "\t", ","):
        widths = [len(row) for row in csv.reader(lines, delimiter=sep, quotechar='"')]
        split = [w for w in widths if w > 1]  # title lines above the table ('SỞ Y TẾ') have one field
        if not split:
            continue
        mode = max(set(split), key=lambda w: (split.count(w), w))
        score = (split.count(mode) / len(widths), mode)
        if mode >= 2 and score > best_score:
            best, best_score = sep, score
    return best


def read_csv(data: bytes, name: str) -> tuple[dict[str, list[list]], str]:
    text, encoding = _decode_text(data)
    delimiter = _delimiter(text[:65536])
    # only the separator is guessed: quotes are Excel's (RFC 4180, '""' inside a quoted field), which
    # the sniffer sometimes misses and would leave 'x"y""z"' for x"y"z
    rows = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"', doublequote=True)
    try:
        grid = [[_shown_cell(v) for v in row] for row in rows]
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own limit on one field
            raise too_large(name, f"có một ô dài hơn {csv.field_size_limit() // 1024} KB chữ "
                                  "(một ô Excel chứa tối đa 32.767 ký tự)") from None
        raise
    return {"Sheet1": ForeignSheet(_square(name, grid))}, encoding


# -- HTML -------------------------------------------------------------------
_BOLD_TAGS = ("b", "strong")
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_BLOCK_TAGS = frozenset("p div li ul ol h1 h2 h3 h4 h5 h6 blockquote".split())  # a line of their own in a cell
_HIDDEN_TAGS = frozenset(("title", "script", "noscript", "template"))
LOOSE_LINES, LOOSE_TEXT = 6, 1000  # the lines above a table kept as its title rows, the characters of each read
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _declarations(style: str | None) -> dict[str, str]:
    """'mso-number-format:"0%"; font-weight:700' -> {name: value}, the value
    unquoted and unescaped (CSS's ``\\/`` is ``/``)."""
    out = {}
    for part in (style or "").split(";"):
        name, sep, value = part.partition(":")
        if sep:
            value = re.sub(r"\\(.)", r"\1", value.strip()).strip("\"'")
            out[name.strip().lower()] = value
    return out


def _style_rules(css: str) -> dict[str, dict[str, str]]:
    """The rules of a <style> block by selector: 'td', 'th', '.xl65', 'td.xl65'."""
    rules: dict[str, dict[str, str]] = {}
    css = re.sub(r"/\*.*?\*/|<!--|-->", " ", css, flags=re.S)
    for selectors, body in _RULE.findall(css):
        decls = _declarations(body)
        for sel in selectors.split(","):
            sel = sel.strip().lower()
            if sel:
                rules.setdefault(sel, {}).update(decls)
    return rules


def _is_bold(decls: dict[str, str]) -> bool | None:
    weight = decls.get("font-weight", "").lower()
    if not weight:
        return None
    return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)


def _number_format(value: str) -> str:
    """mso-number-format: a code ('0%', 'dd/mm/yyyy') or a named format ('Percent', 'Short Date')."""
    return NAMED_FORMATS.get(value, value)


def _font_family(value: str) -> str:
    return value.split(",")[0].strip().strip("\"'") if value else ""


class _Tables(HTMLParser):
    """Every <table> as a grid; colspan/rowspan leave the covered cells empty,
    like merged cells in a sheet, and are kept as merged areas. Bold (<th>,
    <b>, <strong>, font-weight), the number format (mso-number-format) and
    the font (<font face>, font-family) of each cell come from the cell, its
    inner tags and the <style> rules of its tag and class."""

    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.tables: list[ForeignSheet] = []
        self.cells = 0  # rows x columns of the tables read so far: one limit for the whole file
        self._stack: list[dict] = []  # open tables (nested tables become their own)
        self._rules: dict[str, dict[str, str]] = {}
        self._in_style = False
        self._css: list[str] = []
        self._hidden = 0  # depth in <title>, <script>: text no one sees
        self._loose: list[str] = []  # lines of text outside any table, before the next one
        self._line: list[str] = []

    def _look(self, tag: str, a: dict) -> dict[str, str]:
        """The declarations that apply to a tag: tag rule, class rules, inline style."""
        decls = dict(self._rules.get(tag, {}))
        for cls in (a.get("class") or "").split():
            decls.update(self._rules.get("." + cls.lower(), {}))
            decls.update(self._rules.get(f"{tag}.{cls.lower()}", {}))
        decls.update(_declarations(a.get("style")))
        return decls

    def _end_loose_line(self) -> None:
        line = _cell("".join(self._line))
        self._line = []
        if line is not None and any(ch.isalnum() for ch in line):  # never a stray ']>', '***'
            self._loose = self._loose[-(LOOSE_LINES - 1):] + [" ".join(line.split())]

    def _title_rows(self) -> list[list]:
        """The lines of text above a table and outside any (a page's heading
        '<h3>DANH SÁCH ĐỀ NGHỊ …</h3>', 'UBND XÃ …' in a <div>), its rows above
        it as Excel shows them: the last LOOSE_LINES of them."""
        self._end_loose_line()
        rows, self._loose = [[line] for line in self._loose], []
        return rows

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "style":
            self._in_style = True
            return
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
            return
        if tag == "table":
            _check_tables(self.name, len(self.tables) + len(self._stack) + 1)
            above = [] if self._stack else self._title_rows()
            # cover: first column -> (first row, last row, width) of a cell's rowspan below its row
            self._stack.append({"sheet": ForeignSheet(above), "row": None, "cell": None, "cover": {},
                                "width": 1 if above else 0, "rows": len(above)})
        elif not self._stack:
            if tag in _BLOCK_TAGS or tag == "br":
                self._end_loose_line()
            return
        t = self._stack[-1] if self._stack else None
        if tag == "caption" and t is not None:  # the table's title: a row of its own above it, as Excel shows it
            self.handle_starttag("tr", [])
            self.handle_starttag("td", attrs)
        elif tag == "tr" and t is not None:
            self._end_row(t)
            t["row"] = []
        elif tag in ("td", "th") and t is not None:
            if t["row"] is None:
                t["row"] = []
            self._end_cell(t)
            decls = self._look(tag, a)
            bold = _is_bold(decls)
            t["cell"] = {"text": [], "colspan": _span(a.get("colspan")), "rowspan": _span(a.get("rowspan")),
                         "bold": tag == "th" if bold is None else bold, "inner_bold": 0, "bold_text": False,
                         "format": _number_format(decls.get("mso-number-format", "")), "size": 0,
                         "font": _font_family(decls.get("font-family", "")),
                         "num": a.get("x:num")}
        elif t is not None and t["cell"] is not None:
            cell = t["cell"]
            if tag == "br":
                cell["text"].append("\n")
                return
            if tag in _BLOCK_TAGS:
                _line_break(cell)
            decls = self._look(tag, a)
            if tag in _BOLD_TAGS or _is_bold(decls):
                cell["inner_bold"] += 1
            face = a.get("face") if tag == "font" else None
            face = face or _font_family(decls.get("font-family", ""))
            if face:
                cell["font"] = _font_family(face)

    def handle_startendtag(self, tag, attrs):
        if tag not in _BOLD_TAGS:  # an empty <b/> opens no bold level
            super().handle_startendtag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
            self._rules = _style_rules("".join(self._css))
            return
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
            return
        if not self._stack:
            if tag in _BLOCK_TAGS:
                self._end_loose_line()
            return
        t = self._stack[-1]
        if tag in ("td", "th"):
            self._end_cell(t)
        elif tag in ("tr", "caption"):
            self._end_row(t)
        elif tag == "table":
            self._end_row(t)
            done = self._stack.pop()
            self.cells += max(len(done["sheet"].grid), done["rows"]) * done["width"]
            self.tables.append(done["sheet"])
        elif tag in _BOLD_TAGS and t["cell"] is not None and t["cell"]["inner_bold"] > 0:
            t["cell"]["inner_bold"] -= 1
        elif tag in _BLOCK_TAGS and t["cell"] is not None:
            _line_break(t["cell"])

    def handle_data(self, data):
        if self._in_style:
            self._css.append(data)
        elif self._hidden:
            return
        elif not self._stack:
            if sum(map(len, self._line)) < LOOSE_TEXT:  # a title's line; the rest of a long text is no title
                self._line.append(data.replace("\xa0", " "))
        elif self._stack[-1]["cell"] is not None:
            cell = self._stack[-1]["cell"]
            # HTML whitespace, a line break of the source included, is a space (only <br> breaks a
            # line); &nbsp; is a space too
            cell["text"].append(_HTML_SPACE.sub(" ", data.replace("\xa0", " ")))
            cell["size"] += len(data)
            _check_text(self.name, cell["size"])
            if cell["inner_bold"] and data.strip():
                cell["bold_text"] = True

    def _end_cell(self, t):
        cell = t["cell"]
        if cell is None:
            return
        t["cell"] = None
        row = t["row"]
        sheet: ForeignSheet = t["sheet"]
        r = len(sheet.grid)
        self._fill_spans(t, r, row)
        col = len(row)
        t["width"] = max(t["width"], col + cell["colspan"])  # rows x columns checked before any cell is made
        t["rows"] = max(t["rows"], r + cell["rowspan"])
        _check_grid(self.name, t["rows"], t["width"], self.cells)
        text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", re.sub(r"[ \t\r\f\v]+", " ", "".join(cell["text"])))
        value = _shown_cell(text)
        fmt, font = cell["format"], cell["font"]
        if is_percent_format(fmt) and value is not None:
            value = _percent_number(cell["num"], value)
        elif cell["num"] is not None and value is not None and is_date_format(fmt):
            value = _serial_date(cell["num"], value)
        row.append(value)
        if fmt or font:
            sheet.info.xf[(r, col)] = sheet.info.style_index(fmt or GENERAL, font)
        if (cell["bold"] or cell["bold_text"]) and value is not None:
            sheet.bold.add((r, col))
        row.extend([None] * (cell["colspan"] - 1))
        if cell["colspan"] > 1 or cell["rowspan"] > 1:
            sheet.merges.append((r, col, r + cell["rowspan"] - 1, col + cell["colspan"] - 1))
        if cell["rowspan"] > 1:  # the area below is kept as one rectangle, never cell by cell
            t["cover"][col] = (r + 1, r + cell["rowspan"] - 1, cell["colspan"])

    @staticmethod
    def _fill_spans(t, r, row):
        """Cells of the rows above that span down into row ``r`` at its current end stay empty."""
        while (cover := t["cover"].get(len(row))) is not None and cover[0] <= r <= cover[1]:
            row.extend([None] * cover[2])

    def _end_row(self, t):
        self._end_cell(t)
        if t["row"] is not None:
            _check_grid(self.name, len(t["sheet"].grid) + 1, max(t["width"], 1), self.cells)
            self._fill_spans(t, len(t["sheet"].grid), t["row"])
            t["sheet"].grid.append(t["row"])
            t["row"] = None


def _line_break(cell: dict) -> None:
    """<p>Xây dựng</p><p>nhà văn hóa</p> in one cell: two lines, never 'Xây dựngnhà văn hóa'."""
    text = "".join(cell["text"]).rstrip(" ")
    if text and not text.endswith("\n"):
        cell["text"].append("\n")


_DECIMAL_COMMA = re.compile(r"^-?\d+,\d{1,2}$")  # '0,8', '0,85' (never '1,000': thousands)


def _percent_number(num: str | None, text: str):
    """A percent-formatted cell's value: the number Excel stored (x:num) or
    the cell's own number ('0.8', or '0,8' as Vietnamese Windows writes it,
    shown as 80 %); text such as '80%' stays text."""
    for candidate in (num, text):
        plain = str(candidate).strip()
        if _DECIMAL_COMMA.match(plain):
            plain = plain.replace(",", ".")
        try:
            f = float(plain)
        except (TypeError, ValueError):
            continue
        if f == f and abs(f) != float("inf"):
            return f
    return text


def _serial_date(num: str, text: str):
    """A date-formatted cell's value: the day Excel stored (x:num, a serial of
    the 1900 system), whatever the cell shows ('3/1/2025' of an English Excel
    is 1 March); the shown text when x:num is no day."""
    import datetime as dt
    try:
        serial = float(num)
    except (TypeError, ValueError):
        return text
    if not 1 <= serial < 2958466:  # 01/01/1900 … 31/12/9999
        return text
    return dt.datetime(1899, 12, 30) + dt.timedelta(days=serial)


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 16384))
    except (TypeError, ValueError):
        return 1


def _html_text(data: bytes) -> str:
    """A page's text: by its byte-order mark; then UTF-8 when the bytes are
    valid UTF-8, whatever the page declares (a portal's template says
    windows-1258 over UTF-8 text; Vietnamese in an 8-bit code page is never
    valid UTF-8: its marks are lone high bytes); then the declared charset;
    then as _decode_text guesses."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", data[:4096])
    enc = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return data.decode(enc)
    except (LookupError, UnicodeDecodeError):
        return _decode_text(data)[0]


def read_html(data: bytes, name: str) -> dict[str, ForeignSheet]:
    parser = _Tables(name)
    parser.feed(_html_text(data))
    parser.close()
    for t in parser.tables:
        _square(name, t.grid)
    return {f"Bảng {i}": t for i, t in enumerate((t for t in parser.tables if t.grid), start=1)}


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


def _bold_styles(root, ns: str) -> set[str]:
    """The ss:ID of every style whose font is bold (ss:Parent followed)."""
    raw = {}
    for st in root.iter(ns + "Style"):
        font = st.find(ns + "Font")
        bold = font.get(ns + "Bold") if font is not None else None
        raw[st.get(ns + "ID")] = (st.get(ns + "Parent"), None if bold is None else bold in ("1", "true"))

    def bold(sid, depth=0):
        parent, b = raw.get(sid, (None, None))
        return b if b is not None or not parent or depth > 10 else bold(parent, depth + 1)
    return {sid for sid in raw if bold(sid)}


_XML_ENCODING = re.compile(rb"""^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*["'])([A-Za-z0-9_.\-]+)(["'])""")


def _xml_in_utf8(data: bytes) -> bytes:
    """An XML document's bytes with a declaration that tells their code, as
    HTML is read (_html_text): bytes that are valid UTF-8 are UTF-8 whatever
    the declaration says (a portal's template declares windows-1258 over
    UTF-8 text); bytes that are not, under a UTF-8 declaration or none, are
    Windows-1258 (_decode_text), given to the parser as UTF-8."""
    if data.startswith(_UTF16_BOMS):
        return data
    m = _XML_ENCODING.match(data[:1024])
    says_utf8 = not m or m.group(2).decode("ascii").lower().replace("_", "-") in ("utf-8", "utf8")
    try:
        data.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    if utf8 == says_utf8:  # as declared (a legacy declaration over legacy bytes: the parser decodes it)
        return data
    if not utf8:
        data = _decode_text(data)[0].encode("utf-8")
    return _XML_ENCODING.sub(rb"\g<1>UTF-8\g<3>", data, count=1) if m else data


def read_xml2003(data: bytes, name: str) -> dict[str, ForeignSheet]:
    from defusedxml import ElementTree as ET
    from defusedxml.common import DefusedXmlException
    ns = "{" + _SS_NS + "}"
    data = _xml_in_utf8(data)
    try:
        root = ET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise FileUnusable(f"Tệp '{name}' (XML) khai báo DTD hoặc thực thể (entity); công cụ không đọc "
                           f"những tệp như vậy vì lý do an toàn. Hãy lưu lại thành .xlsx rồi gửi lại.") from None
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))  # the parser's own words are English: its place only
        raise FileUnusable(f"Tệp '{name}' (XML) bị hỏng ở dòng {line}, cột {column + 1}, không đọc được. Hãy mở tệp "
                           "bằng Excel, lưu lại thành .xlsx rồi gửi lại (hoặc tải lại từ nơi đã tải).") from None
    from .cellinfo import spreadsheetml_cell_infos
    bold_styles = _bold_styles(root, ns)
    try:
        infos = spreadsheetml_cell_infos(data)[1]  # every worksheet's formats in one pass
    except Exception:  # the values are still read; every cell is taken as General
        infos = []
    sheets: dict[str, ForeignSheet] = {}
    before = 0  # cells of the worksheets read so far: one limit for the whole file
    for i, ws in enumerate(root.iter(ns + "Worksheet"), start=1):
        _check_tables(name, i)
        title = nfc(ws.get(ns + "Name")) or f"Sheet{i}"  # a portal may write its names decomposed (NFD)
        grid: list[list] = []
        merges, bold = [], set()
        table = ws.find(ns + "Table")
        r = rows = width = 0
        for row in (table.iter(ns + "Row") if table is not None else ()):
            r = _xml2003_index(row.get(ns + "Index"), r, name, title, f"dòng {r + 1}")
            rows = max(rows, r)
            _check_grid(name, rows, max(width, 1), before)
            while len(grid) < r:
                grid.append([])
            cells = grid[r - 1]
            for cell in row.iter(ns + "Cell"):
                c = _xml2003_index(cell.get(ns + "Index"), len(cells), name, title,
                                   f"ô {column_letters(len(cells) + 1)}{r}")
                across, down = (_span_count(cell.get(ns + "MergeAcross")), _span_count(cell.get(ns + "MergeDown")))
                width, rows = max(width, c + across), max(rows, r + down)
                _check_grid(name, rows, width, before)  # before the cells are made
                cells.extend([None] * (c - 1 - len(cells)))
                d = cell.find(ns + "Data")
                text = "".join(d.itertext()) if d is not None else ""
                _check_text(name, len(text))
                value = _typed(d.get(ns + "Type"), text) if d is not None else None
                cells.append(value)
                if (cell.get(ns + "StyleID") or row.get(ns + "StyleID")) in bold_styles and value is not None:
                    bold.add((r - 1, c - 1))
                cells.extend([None] * across)
                if across or down:
                    merges.append((r - 1, c - 1, r - 1 + down, c - 1 + across))
            r += _span_count(row.get(ns + "Span"))  # ss:Span: as many more rows like this one
            rows = max(rows, r)
        before += rows * width
        info = infos[i - 1] if i <= len(infos) else CellInfo()
        sheets[_unique_title(title, sheets)] = ForeignSheet(_square(name, grid), merges, bold, info, _xml2003_hidden(ws))
    return sheets


_X_NS = "{urn:schemas-microsoft-com:office:excel}"


def _unique_title(title: str, taken) -> str:
    """A worksheet's name as a sheet can bear it (31 characters), never one
    already taken: two long names alike in their first 31 characters ('Danh
    sách công trình thi đua của UBND xã …') or the same name twice, as a
    portal may write them, are two sheets, not one read over the other."""
    short, n = title[:31], 2
    while short in taken:
        suffix = f" ({n})"
        short, n = title[:31 - len(suffix)] + suffix, n + 1
    return short


def _xml2003_hidden(ws) -> bool:
    """<x:WorksheetOptions><x:Visible>SheetHidden</x:Visible> (or SheetVeryHidden)."""
    visible = ws.find(f"{_X_NS}WorksheetOptions/{_X_NS}Visible")
    return visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden")


def _xml2003_index(value: str | None, previous: int, name: str, sheet: str, where: str) -> int:
    """ss:Index of a row or cell: a whole number after the previous one (Excel
    itself refuses a file where it is not); absent, the next position."""
    if value is None:
        return previous + 1
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or int(text) <= previous:
        what = "không phải số nguyên dương" if not (text.isascii() and text.isdigit()) or int(text) == 0 else \
            f"không lớn hơn vị trí trước đó ({previous})"
        raise FileUnusable(f"Tệp '{name}' (XML 2003), trang '{sheet}', {where}: ss:Index=\"{value[:30]}\" "
                           f"{what}. Excel cũng không mở được tệp như vậy; hãy lưu lại từ bảng tính gốc "
                           "thành .xlsx rồi gửi lại.")
    return int(text)


def _span_count(value: str | None) -> int:
    value = (value or "").strip()
    return min(int(value), 16384) if value.isascii() and value.isdigit() else 0


def read_foreign(kind: str, data: bytes, name: str) -> tuple[dict[str, ForeignSheet], str]:
    """The sheets of an HTML/XML/CSV file and a note on what it was."""
    if kind == CSV:
        sheets, encoding = read_csv(data, name)
        return sheets, f"{DESCRIPTION[CSV]}, mã {encoding}"
    if kind == HTML:
        return read_html(data, name), DESCRIPTION[HTML]
    return read_xml2003(data, name), DESCRIPTION[XML2003]


__all__ = ["sniff", "read_foreign", "ForeignSheet", "BINARY_KINDS", "DESCRIPTION", "FileTooLarge"]
