"""One table of cells written as a real .xlsx (openpyxl), .xls (xlwt) or
.ods (odfpy), with merged areas and bold cells: the shapes department files
arrive in. Rows are lists of values (str, int, float, datetime or None);
merges are 0-based (r1, c1, r2, c2) whose top-left cell holds the value."""
from __future__ import annotations

import datetime as dt
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
