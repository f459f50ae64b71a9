""".xlsx packages in the shapes other producers write, part by part with
zipfile, where no library here writes that shape: Strict Open XML (Excel's
"Strict Open XML Spreadsheet"), inline strings and no <dimension> (web
portals' libraries: PhpSpreadsheet, ExcelJS, SheetJS), absolute part paths
in the relationships, shared formulas with cached values, the 1904 date
system, cells without an ``r`` reference, percent formats declared as a
custom code."""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

TRANSITIONAL = {"main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "rel": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
STRICT = {"main": "http://purl.oclc.org/ooxml/spreadsheetml/main",
          "r": "http://purl.oclc.org/ooxml/officeDocument/relationships",
          "rel": "http://purl.oclc.org/ooxml/officeDocument/relationships"}
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


class Pct(float):
    """A number stored in a cell whose own format is a percentage."""


class Bold(str):
    """Text in a bold cell."""


class Err(str):
    """An error value (#REF!, #N/A …) stored as Excel stores it (t="e")."""


class Formula:
    """A cell holding a formula and its cached value (``shared``: part of a shared formula)."""

    def __init__(self, text: str, value, shared: str | None = None, ref: str | None = None):
        self.text, self.value, self.shared, self.ref = text, value, shared, ref


def _col(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def _serial(d: dt.date, date1904: bool) -> float:
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    moment = d if isinstance(d, dt.datetime) else dt.datetime(d.year, d.month, d.day)
    return (moment - base).total_seconds() / 86400


def xlsx(path: Path, rows: list[list], sheet: str = "Phụ lục", *, strict: bool = False, inline: bool = False,
         dimension: bool = True, absolute: bool = False, date1904: bool = False, refs: bool = True,
         percent_code: str = "0%", percent_id: int = 9) -> Path:
    """A one-sheet workbook of ``rows``: text, numbers, dates (format
    dd/mm/yyyy), ``Pct`` (format ``percent_code``; id 9 is the built-in 0%,
    any other id declares the code in <numFmts>) and ``Formula`` cells."""
    ns = STRICT if strict else TRANSITIONAL
    strings: list[str] = []
    cells_xml = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            if v is None:
                continue
            ref = f' r="{_col(c)}{r}"' if refs else ""
            if isinstance(v, Formula):
                attrs = f' t="shared" si="{v.shared}"' + (f' ref="{v.ref}"' if v.ref else "") if v.shared else ""
                body = f"<f{attrs}>{escape(v.text)}</f>" if v.text else f"<f{attrs}/>"
                cells.append(f'<c{ref} s="{2 if isinstance(v.value, Pct) else 0}">{body}<v>{v.value!r}</v></c>')
            elif isinstance(v, Err):
                cells.append(f'<c{ref} t="e"><v>{escape(v)}</v></c>')
            elif isinstance(v, str):
                style = ' s="3"' if isinstance(v, Bold) else ""
                if inline:
                    cells.append(f'<c{ref}{style} t="inlineStr"><is><t>{escape(v)}</t></is></c>')
                else:
                    strings.append(v)
                    cells.append(f'<c{ref}{style} t="s"><v>{len(strings) - 1}</v></c>')
            elif isinstance(v, (dt.date, dt.datetime)):
                cells.append(f'<c{ref} s="1"><v>{_serial(v, date1904)!r}</v></c>')
            elif isinstance(v, Pct):
                cells.append(f'<c{ref} s="2"><v>{float(v)!r}</v></c>')
            else:
                cells.append(f"<c{ref}><v>{v!r}</v></c>")
        row_ref = f' r="{r}"' if refs else ""
        cells_xml.append(f"<row{row_ref}>{''.join(cells)}</row>")
    width = max((len(r) for r in rows), default=1)
    dim = f'<dimension ref="A1:{_col(width - 1)}{len(rows)}"/>' if dimension else ""
    sheet_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{ns["main"]}" '
                 f'xmlns:r="{ns["r"]}">{dim}<sheetData>{"".join(cells_xml)}</sheetData></worksheet>')
    custom = "" if percent_id < 164 else (f'<numFmts count="1"><numFmt numFmtId="{percent_id}" '
                                          f'formatCode="{escape(percent_code, {chr(34): "&quot;"})}"/></numFmts>')
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{ns["main"]}">{custom}'
              '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
              '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
              '</fill></fills><borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              f'<xf numFmtId="{percent_id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
              '</cellXfs></styleSheet>')
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{ns["main"]}" '
                f'xmlns:r="{ns["r"]}">{pr}<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets>'
                '</workbook>')
    prefix = "/xl/" if absolute else ""
    wb_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_RELS}">'
               f'<Relationship Id="rId1" Type="{ns["rel"]}/worksheet" Target="{prefix}worksheets/sheet1.xml"/>'
               f'<Relationship Id="rId2" Type="{ns["rel"]}/styles" Target="{prefix}styles.xml"/>'
               + (f'<Relationship Id="rId3" Type="{ns["rel"]}/sharedStrings" Target="{prefix}sharedStrings.xml"/>'
                  if strings else "") + "</Relationships>")
    sst = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{ns["main"]}" count="{len(strings)}" '
           f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    office = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" if strict else \
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    root_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_RELS}">'
                 f'<Relationship Id="rId1" Type="{office}" Target="xl/workbook.xml"/></Relationships>')
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.styles+xml"/>'
          + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.sharedStrings+xml"/>' if strings else "") + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if strings:
            z.writestr("xl/sharedStrings.xml", sst)
    return path
