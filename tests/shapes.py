"""One table of cells written as a real .xlsx (openpyxl), .xls (xlwt) or
.ods (odfpy), with merged areas and bold cells: the shapes department files
arrive in. Rows are lists of values (str, int, float, datetime or None);
merges are 0-based (r1, c1, r2, c2) whose top-left cell holds the value."""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FORMATS = ("xlsx", "xls", "ods")


def write_table(path: Path, rows: list[list], merges=(), bold=(), sheet: str = "Phụ lục", percent=(),
                font: str | None = None) -> Path:
    """``percent``: cells whose number format is "0%"; ``font``: the font
    name of every cell, e.g. '.VnTime' for TCVN3 text (.xlsx and .xls)."""
    kind = Path(path).suffix.lower().lstrip(".")
    if font and kind == "ods":
        raise ValueError("fonts are written in .xlsx and .xls only")
    {"xlsx": _xlsx, "xls": _xls, "ods": _ods}[kind](Path(path), rows, list(merges), set(bold), sheet, set(percent),
                                                    font)
    return Path(path)


def _xlsx(path, rows, merges, bold, sheet, percent, font=None):
    import openpyxl
    from openpyxl.styles import Font
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None:
                continue
            cell = ws.cell(r + 1, c + 1, v)
            if isinstance(v, str) and v.startswith("="):  # text typed as '=…, never a formula
                cell.data_type = "s"
            if isinstance(v, dt.datetime):
                cell.number_format = "dd/mm/yyyy"
            if (r, c) in percent:
                cell.number_format = "0%"
            if (r, c) in bold or font:
                cell.font = Font(bold=(r, c) in bold, name=font)
    for r1, c1, r2, c2 in merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)


def _xls(path, rows, merges, bold, sheet, percent, font=None):
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    face = f"font: name {font}" if font else ""
    date = xlwt.easyxf(face, num_format_str="dd/mm/yyyy")
    strong = xlwt.easyxf(f"font: bold on{', name ' + font if font else ''}")
    pct = xlwt.easyxf(face, num_format_str="0%")
    plain = xlwt.easyxf(face) if font else xlwt.Style.default_style
    starts = {(m[0], m[1]): m for m in merges}
    covered = {(r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            style = (date if isinstance(v, dt.datetime) else strong if (r, c) in bold else pct if (r, c) in percent
                     else plain)
            if (r, c) in starts:
                r1, c1, r2, c2 = starts[(r, c)]
                ws.write_merge(r1, r2, c1, c2, v, style)
            elif v is not None and (r, c) not in covered:
                ws.write(r, c, v, style)
    wb.save(str(path))


def _ods(path, rows, merges, bold, sheet, percent, font=None):
    if percent:
        raise ValueError("percent formats are written in .xlsx and .xls only")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TextProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P
    doc = OpenDocumentSpreadsheet()
    strong = Style(name="Dam", family="table-cell")
    strong.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(strong)
    starts = {(m[0], m[1]): m for m in merges}
    covered = {(r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    table = Table(name=sheet)
    width = max((len(r) for r in rows), default=0)
    for r, row in enumerate(rows):
        tr = TableRow()
        for c in range(width):
            v = row[c] if c < len(row) else None
            if (r, c) in covered and (r, c) not in starts:
                tr.addElement(CoveredTableCell())
                continue
            attrs = {}
            if (r, c) in starts:
                r1, c1, r2, c2 = starts[(r, c)]
                attrs = {"numberrowsspanned": r2 - r1 + 1, "numbercolumnsspanned": c2 - c1 + 1}
            if (r, c) in bold:
                attrs["stylename"] = strong
            if v is None:
                tc = TableCell(**attrs)
            elif isinstance(v, dt.datetime):
                tc = TableCell(valuetype="date", datevalue=v.strftime("%Y-%m-%d"), **attrs)
                tc.addElement(P(text=v.strftime("%d/%m/%Y")))
            elif isinstance(v, (int, float)):
                tc = TableCell(valuetype="float", value=v, **attrs)
                tc.addElement(P(text=str(v)))
            else:
                tc = TableCell(valuetype="string", **attrs)
                for line in str(v).split("\n"):
                    tc.addElement(P(text=line))
            tr.addElement(tc)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))


# -- the shapes that are not workbooks although they are named like one -------
# An HTML table saved as .xls/.xlsx (Excel's "Save as Web Page" and a web
# portal's "Excel export"), SpreadsheetML 2003 XML, CSV text named .xls/.xlsx.
# Each is written as real text from the same rows, merges, bold and percent
# cells; SHAPES says what each one can express.
@dataclass(frozen=True)
class Shape:
    name: str
    suffix: str                 # the name the file is sent under
    merges: bool = True         # merged areas (colspan/rowspan, MergeAcross/MergeDown)
    bold: bool = True
    percent: bool = True        # a number shown as a percentage by its own format
    font: bool = True           # a font can be named (legacy .VnTime / VNI-Times text)
    kind: str = ""              # what the reader must find the file to be
    sheet: str | None = None    # the sheet name the reader gives (None: the one written)
    legacy: bool = True         # can carry TCVN3/VNI bytes (not a Windows-1258 text)


SHAPES = {s.name: s for s in (
    Shape("xlsx", ".xlsx", kind="xlsx"),
    Shape("xls", ".xls", kind="xls"),
    Shape("ods", ".ods", percent=False, font=False, kind="ods"),
    Shape("html.xls", ".xls", kind="html", sheet="Bảng 1"),
    Shape("html.xlsx", ".xlsx", kind="html", sheet="Bảng 1"),
    Shape("portal.xls", ".xls", kind="html", sheet="Bảng 1"),
    Shape("portal-1258.xls", ".xls", font=False, kind="html", sheet="Bảng 1", legacy=False),
    Shape("xml2003.xls", ".xls", kind="xml2003"),
    Shape("csv-utf8.xls", ".xls", merges=False, bold=False, percent=False, font=False, kind="csv", sheet="Sheet1"),
    Shape("csv-bom.xlsx", ".xlsx", merges=False, bold=False, percent=False, font=False, kind="csv", sheet="Sheet1"),
    Shape("tsv-utf16.xls", ".xls", merges=False, bold=False, percent=False, font=False, kind="csv", sheet="Sheet1"),
    Shape("csv-1258.xls", ".xls", merges=False, bold=False, percent=False, font=False, kind="csv", sheet="Sheet1",
          legacy=False),
)}


def write_shape(folder: Path, shape: str, rows: list[list], merges=(), bold=(), sheet: str = "Phụ lục", percent=(),
                font: str | None = None, stem: str = "don_vi") -> Path:
    """The table written in one of SHAPES as a file in ``folder``. A shape
    that cannot express something it is given is refused (ValueError): the
    caller adapts its table to SHAPES[shape] first."""
    s = SHAPES[shape]
    if (merges and not s.merges) or (bold and not s.bold) or (percent and not s.percent) or (font and not s.font):
        raise ValueError(f"{shape} cannot express what it is given")
    path = Path(folder) / f"{stem}{s.suffix}"
    if s.kind in ("xlsx", "xls", "ods"):
        return write_table(path, rows, merges, bold, sheet, percent, font)
    merges, bold, percent = list(merges), set(bold), set(percent)
    if s.kind == "html":
        portal = shape.startswith("portal")
        encoding = "cp1258" if "1258" in shape else "utf-8"
        text = (_portal_html if portal else _excel_html)(rows, merges, bold, percent, font, encoding)
        path.write_bytes(vn_bytes(text, encoding))
    elif s.kind == "xml2003":
        path.write_bytes(_spreadsheetml(rows, merges, bold, sheet, percent, font).encode("utf-8"))
    else:
        sep, encoding = {"csv-utf8.xls": (",", "utf-8"), "csv-bom.xlsx": (";", "utf-8-sig"),
                         "tsv-utf16.xls": ("\t", "utf-16"),
                         "csv-1258.xls": ("\t", "cp1258")}[shape]
        out = io.StringIO()
        writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
        for row in rows:
            writer.writerow(["" if v is None else _shown(v, False, "," if sep == ";" else ".") for v in row])
        path.write_bytes(vn_bytes(out.getvalue(), encoding))
    return path


TONES = "\u0300\u0301\u0303\u0309\u0323"


def vn_bytes(text: str, encoding: str) -> bytes:
    """The text in ``encoding``; for Windows-1258, as Vietnamese Windows
    writes it: a base letter (â, ơ, đ …) and a combining tone mark."""
    if encoding != "cp1258":
        return text.encode(encoding)
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = "".join(m for m in d[1:] if m in TONES)
            base = unicodedata.normalize("NFC", d[0] + "".join(m for m in d[1:] if m not in TONES))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def _shown(v, percent: bool, decimal: str = ".") -> str:
    """A value as a sheet shows it (what CSV and HTML hold); ``decimal`` ','
    as Vietnamese Windows writes 0,8."""
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%Y")
    if percent:
        return f"{v * 100:g}%".replace(".", decimal)
    return str(v).replace(".", decimal) if isinstance(v, float) else str(v)


def _spans(rows, merges):
    starts = {(m[0], m[1]): m for m in merges}
    covered = {(r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    return starts, covered - set(starts)


def _serial(d: dt.datetime) -> int:
    return (d - dt.datetime(1899, 12, 30)).days


def _excel_html(rows, merges, bold, percent, font, encoding):
    """What Excel's 'Save as Web Page' writes: styles in classes, x:num with
    the shown text, bold and number formats from the class."""
    font_rule = f' font-family:"{font}";' if font else ""
    head = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\n'
            f'<head><meta http-equiv=Content-Type content="text/html; charset={encoding}">\n'
            '<meta name=ProgId content=Excel.Sheet><style>\n<!--\n'
            f'td {{mso-number-format:General;{font_rule} font-size:12.0pt;}}\n'
            '.xl65 {mso-number-format:"0%";}\n.xl66 {font-weight:700;}\n'
            '.xl67 {mso-number-format:"dd\\/mm\\/yyyy";}\n-->\n</style></head>\n'
            '<body link=blue vlink=purple>\n<table border=0 cellpadding=0 cellspacing=0 width=640>\n')
    starts, covered = _spans(rows, merges)
    out = [head]
    for r, row in enumerate(rows):
        out.append(" <tr height=20>\n")
        for c, v in enumerate(row):
            if (r, c) in covered:
                continue
            attrs = ""
            if (r, c) in starts:
                r1, c1, r2, c2 = starts[(r, c)]
                attrs += f" colspan={c2 - c1 + 1}" if c2 > c1 else ""
                attrs += f" rowspan={r2 - r1 + 1}" if r2 > r1 else ""
            if (r, c) in percent:
                attrs += f' class=xl65 x:num="{v}"'
            elif isinstance(v, dt.datetime):
                attrs += f' class=xl67 x:num="{_serial(v)}"'
            elif (r, c) in bold:
                attrs += " class=xl66"
            elif isinstance(v, (int, float)):
                attrs += f' x:num="{v}"'
            text = "" if v is None else _wrapped(html.escape(_shown(v, (r, c) in percent, ","), quote=False))
            out.append(f"  <td{attrs}>{text}</td>\n")
        out.append(" </tr>\n")
    width = max((len(r) for r in rows), default=0)  # Excel's hidden sizing row, in a conditional comment
    out.append(" <![if supportMisalignedColumns]>\n <tr height=0 style='display:none'>\n"
               + "  <td width=64 style='width:48pt'></td>\n" * width + " </tr>\n <![endif]>\n")
    out.append("</table>\n</body>\n</html>\n")
    return "".join(out)


def _wrapped(text: str) -> str:
    """Excel's web page breaks long lines of its source inside a cell's text
    (whitespace, not a line break: only <br> is one)."""
    text = text.replace("\n", "<br style='mso-data-placement:same-cell'>")
    cut = text.find(" ", 30)
    return text if cut < 0 else text[:cut] + "\r\n  " + text[cut + 1:]


def _portal_html(rows, merges, bold, percent, font, encoding):
    """A web portal's 'Excel export': a <table> with the rows up to the header
    in <thead> as <th>, merged cells as colspan/rowspan, bold as <b>, empty
    cells as &nbsp;, percentages as fractions with an inline
    mso-number-format, dates as text kept as text, the font inline."""
    header = next((r for r, row in enumerate(rows) if sum(v is not None for v in row) >= 4), 0)
    starts, covered = _spans(rows, merges)
    face = f"font-family:'{font}';" if font else ""
    out = ['<!DOCTYPE html>\n<html lang="vi">\n<head>\n'
           f'<meta charset="{"windows-1258" if encoding == "cp1258" else "utf-8"}">\n'
           '<title>Xuất Excel</title>\n</head>\n<body>\n'
           '<table border="1" cellspacing="0" style="border-collapse:collapse">\n<thead>\n']
    for r, row in enumerate(rows):
        if r == header + 1:
            out.append("</thead>\n<tbody>\n")
        cell = "th" if r <= header else "td"
        out.append("<tr>")
        for c, v in enumerate(row):
            if (r, c) in covered:
                continue
            attrs, style = "", face
            if (r, c) in starts:
                r1, c1, r2, c2 = starts[(r, c)]
                attrs += f' colspan="{c2 - c1 + 1}"' if c2 > c1 else ""
                attrs += f' rowspan="{r2 - r1 + 1}"' if r2 > r1 else ""
            if (r, c) in percent:
                style += "mso-number-format:Percent;"  # Excel's named format, the fraction with a decimal comma
                text = str(v).replace(".", ",")
            elif isinstance(v, dt.datetime):
                style += "mso-number-format:'\\@';"
                text = _shown(v, False)
            else:
                # a portal keeps short names on one line with a non-breaking space
                text = "&nbsp;" if v is None else html.escape(str(v), quote=False).replace(" ", "&nbsp;", 1) \
                    .replace("\n", "<br/>")
            if style:
                attrs += f' style="{style}"'
            if (r, c) in bold and cell == "td" and v is not None:
                text = f"<b>{text}</b>"
            elif isinstance(v, str) and cell == "td":  # a rich-text editor's paragraph
                text = f"<p>{text}</p>"
            out.append(f"<{cell}{attrs}>{text}</{cell}>")
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n<p><i>Dữ liệu xuất từ cổng thông tin</i></p>\n</body>\n</html>\n")
    return "".join(out)


def _spreadsheetml(rows, merges, bold, sheet, percent, font):
    """SpreadsheetML 2003 as Excel writes it: one style per look, merged
    cells as ss:MergeAcross/ss:MergeDown, the covered cells left out and the
    next cell placed by ss:Index."""
    styles: dict[tuple, str] = {}

    def style(is_bold, fmt):
        key = (is_bold, fmt)
        if key not in styles:
            styles[key] = f"s{62 + len(styles)}"
        return styles[key]

    starts, covered = _spans(rows, merges)
    body, last = [], -1
    for r, row in enumerate(rows):
        cells, skipped = [], False
        for c, v in enumerate(row):
            if (r, c) in covered:
                skipped = True
                continue
            attrs = f' ss:Index="{c + 1}"' if skipped else ""
            skipped = False
            if (r, c) in starts:
                r1, c1, r2, c2 = starts[(r, c)]
                attrs += f' ss:MergeAcross="{c2 - c1}"' if c2 > c1 else ""
                attrs += f' ss:MergeDown="{r2 - r1}"' if r2 > r1 else ""
            fmt = "Percent" if (r, c) in percent else "Short Date" if isinstance(v, dt.datetime) else None
            if (r, c) in bold or fmt:
                attrs += f' ss:StyleID="{style((r, c) in bold, fmt)}"'
            if v is None:
                if attrs:
                    cells.append(f"<Cell{attrs}/>")
                else:
                    skipped = True
                continue
            if isinstance(v, dt.datetime):
                data = f'<Data ss:Type="DateTime">{v.strftime("%Y-%m-%dT%H:%M:%S")}.000</Data>'
            elif isinstance(v, (int, float)):
                data = f'<Data ss:Type="Number">{v!r}</Data>'
            else:
                data = '<Data ss:Type="String">' + html.escape(str(v), quote=False).replace("\n", "&#10;") + "</Data>"
            cells.append(f"<Cell{attrs}>{data}</Cell>")
        if cells:  # as Excel writes it: ss:Index only after a row left out
            body.append(f'   <Row{f" ss:Index={chr(34)}{r + 1}{chr(34)}" if r != last + 1 else ""}>'
                        + "".join(cells) + "</Row>\n")
            last = r
    face = f' ss:FontName="{html.escape(font)}"' if font else ' ss:FontName="Times New Roman"'
    defs = [f' <Style ss:ID="Default" ss:Name="Normal"><Font{face} ss:Size="12"/></Style>\n']
    for (is_bold, fmt), sid in styles.items():
        defs.append(f' <Style ss:ID="{sid}">' + (f'<Font{face} ss:Bold="1"/>' if is_bold else "")
                    + (f'<NumberFormat ss:Format="{fmt}"/>' if fmt else "") + "</Style>\n")
    return ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"\n'
            ' xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"\n'
            ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">\n'
            "<Styles>\n" + "".join(defs) + "</Styles>\n"
            f' <Worksheet ss:Name="{html.escape(sheet)}">\n  <Table>\n' + "".join(body) + "  </Table>\n </Worksheet>\n"
            "</Workbook>\n")
