"""Test and benchmark helper: a worksheet that answers ``Range.Value(11)``
the way Windows Excel does — the SpreadsheetML 2003 text of the range
(styles, columns, rows, cells with their data), built for the range asked —
and counts those calls. Excel itself is not available here; everything else
(parsing, merging of blocks) is the production code."""
from __future__ import annotations

from types import SimpleNamespace

HEADER = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
          '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"'
          ' xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n')
# the styles of a master: dates, percents, text columns, and a legacy font here and there
STYLES = {"Default": ("General", "Times New Roman"), "s62": ("Short Date", None), "s63": ("0%", None),
          "s64": ("@", None), "s65": (None, ".VnTime"), "s66": ("0.0%", "VNI-Times")}


def _style_xml() -> str:
    out = []
    for sid, (fmt, font) in STYLES.items():
        name = ' ss:Name="Normal"' if sid == "Default" else ""
        font_xml = f'<Font ss:FontName="{font}"/>' if font else ""
        fmt_xml = f'<NumberFormat ss:Format="{fmt}"/>' if fmt and fmt != "General" else "<NumberFormat/>"
        out.append(f'<Style ss:ID="{sid}"{name}>{font_xml}{fmt_xml}</Style>')
    return " <Styles>\n  " + "\n  ".join(out) + "\n </Styles>\n"


class MasterSheet:
    """``nrows`` × ``ncols`` cells; column c (1-based) styled by ``column_style(c)``,
    and every ``odd_every``-th row's cells in column 3 with an odd style."""

    def __init__(self, nrows: int, ncols: int = 18, odd_every: int = 997):
        self.nrows, self.ncols, self.odd_every = nrows, ncols, odd_every
        self.xml_calls: list[tuple[int, int, int]] = []  # (first row, last row, characters)
        last = SimpleNamespace(row=nrows, column=ncols)
        self.used_range = SimpleNamespace(last_cell=last)

    @staticmethod
    def column_style(c: int) -> str:
        return ("s62", "s63", "s64", None)[c % 4]

    def cell_style(self, r: int, c: int) -> str | None:
        if c == 3 and r % self.odd_every == 0:
            return "s66" if r % 2 else "s65"
        return None

    def range(self, first, last):
        sheet = self

        class _Api:
            def Value(self, kind):  # noqa: N802 - the COM name
                assert kind == 11
                xml = sheet.spreadsheetml(first[0], last[0], last[1])
                sheet.xml_calls.append((first[0], last[0], len(xml)))
                return xml

        return SimpleNamespace(api=_Api())

    def spreadsheetml(self, top: int, bottom: int, ncols: int) -> str:
        parts = [HEADER, _style_xml(), ' <Worksheet ss:Name="Công trình">\n',
                 f'  <Table ss:ExpandedColumnCount="{ncols}" ss:ExpandedRowCount="{bottom - top + 1}">\n']
        for c in range(1, ncols + 1):
            style = self.column_style(c)
            parts.append(f'   <Column ss:Index="{c}" ss:StyleID="{style}"/>\n' if style else
                         f'   <Column ss:Index="{c}"/>\n')
        for r in range(top, bottom + 1):
            cells = []
            for c in range(1, ncols + 1):
                style = self.cell_style(r, c) or self.column_style(c)
                attr = f' ss:StyleID="{style}"' if style else ""
                data = ('<Data ss:Type="DateTime">2021-03-05T00:00:00.000</Data>' if style == "s62" else
                        f'<Data ss:Type="Number">0.{r % 100}</Data>' if style in ("s63", "s66") else
                        f'<Data ss:Type="String">Công trình số {r}, cột {c}</Data>')
                cells.append(f"<Cell{attr}>{data}</Cell>")
            parts.append("   <Row>" + "".join(cells) + "</Row>\n")
        parts.append("  </Table>\n </Worksheet>\n</Workbook>")
        return "".join(parts)
