"""The statistics workbook: each form on its own sheet, laid out and printed
like the ministry's form; the Thống kê sheet (awards by year, form and kind,
prize money, shares of staff, a chart); and Chi tiết, the rows behind every
figure. Written atomically; never over an existing file without --force."""
from __future__ import annotations

import io
from pathlib import Path

import xlsxwriter

from .. import schema as S
from ..atomic import write_bytes_atomic
from .count import Statistics, Yearly
from .forms import DUE, TOTAL, Form

STATS_SHEET = S.STATISTICS_SHEET
TRACE_SHEET = "Chi tiết"
_BASE = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter", "text_wrap": True}


def form_sheet_name(form: Form) -> str:
    return "Biểu " + form.code.split("/")[0]


class _Fmt:
    def __init__(self, wb):
        f = wb.add_format
        self.text = f(_BASE)
        self.bold = f({**_BASE, "bold": True})
        self.center = f({**_BASE, "align": "center"})
        self.title = f({**_BASE, "bold": True, "font_size": 14, "align": "center"})
        self.italic = f({**_BASE, "italic": True, "align": "center"})
        self.note = f({**_BASE, "italic": True, "font_size": 10})
        self.head = f({**_BASE, "bold": True, "align": "center", "border": 1, "bg_color": "#DDEBF7"})
        self.code = f({**_BASE, "align": "center", "border": 1})
        self.cell = f({**_BASE, "border": 1})
        self.num = f({**_BASE, "border": 1, "num_format": "#,##0", "align": "center"})
        self.total = f({**_BASE, "border": 1, "bold": True, "num_format": "#,##0", "align": "center"})
        self.money = f({**_BASE, "border": 1, "num_format": "#,##0"})
        self.pct = f({**_BASE, "border": 1, "num_format": "0.0%", "align": "center"})
        self.indent = [f({**_BASE, "border": 1, "indent": n}) for n in range(3)]
        self.bold_cell = f({**_BASE, "border": 1, "bold": True})


def _header_cells(columns, depth: int) -> list[tuple[int, int, int, int, str]]:
    """The merged cells of a multi-level header, as (first row, first column,
    last row, last column, text) counted from the header's top-left: columns
    that share headings from the top share a cell; a column's last heading
    reaches down to the header's last row."""
    cells = []
    for level in range(depth):
        j = 0
        while j < len(columns):
            path = columns[j].headings
            if len(path) <= level:
                j += 1
                continue
            k = j
            while (k + 1 < len(columns) and len(columns[k + 1].headings) > level
                   and columns[k + 1].headings[:level + 1] == path[:level + 1]
                   and len(path) > level + 1 and len(columns[k + 1].headings) > level + 1):
                k += 1
            bottom = level if len(path) > level + 1 else depth - 1
            cells.append((level, j, bottom, k, path[level]))
            j = k + 1
    return cells


def _lines(text: str, width: float) -> int:
    return max(1, -(-len(text) * 11 // max(int(width * 10), 1)))


def _form_sheet(wb, fm: _Fmt, form: Form, st: Statistics) -> None:
    ws = wb.add_worksheet(form_sheet_name(form))
    lead = 3 if form.has_units else 2              # A (chỉ tiêu), B (mã số), C (đơn vị tính)
    ncols = lead + len(form.columns)
    last = ncols - 1
    width = max(6.5, min(18.0, 150 / len(form.columns)))
    label = 50 if len(form.columns) <= 8 else 42
    ws.set_column(0, 0, label)
    ws.set_column(1, 1, 6)
    if form.has_units:
        ws.set_column(2, 2, 11)
    ws.set_column(lead, last, width)
    half = max(lead, last // 2)
    ws.merge_range(0, 0, 0, half - 1, f"Biểu số: {form.code}", fm.bold)
    ws.merge_range(1, 0, 1, half - 1, f"Ban hành kèm theo {st.basis.layout.short} (chưa đối chiếu)", fm.note)
    ws.merge_range(2, 0, 2, half - 1, f"Ngày nhận báo cáo: {DUE} năm báo cáo", fm.note)
    ws.merge_range(0, half, 0, last, f"Đơn vị báo cáo: {st.unit}" if st.unit else "Đơn vị báo cáo:", fm.center)
    ws.merge_range(1, half, 1, last, "Đơn vị nhận báo cáo: cơ quan nhận theo chế độ báo cáo", fm.center)
    ws.merge_range(3, 0, 3, last, form.title, fm.title)
    ws.merge_range(4, 0, 4, last, f"Năm {st.year}", fm.italic)
    if not form.has_units:
        ws.merge_range(5, max(lead, last - 2), 5, last, f"Đơn vị tính: {form.unit_of_count}", fm.note)
    top = 6
    depth = max(len(c.headings) for c in form.columns)
    for j, text in enumerate(("Chỉ tiêu", "Mã số", "Đơn vị tính")[:lead]):
        ws.merge_range(top, j, top + depth - 1, j, text, fm.head) if depth > 1 else ws.write(top, j, text, fm.head)
    heights = [15.0] * depth
    for r0, c0, r1, c1, text in _header_cells(form.columns, depth):
        if (r0, c0) == (r1, c1):
            ws.write(top + r0, lead + c0, text, fm.head)
        else:
            ws.merge_range(top + r0, lead + c0, top + r1, lead + c1, text, fm.head)
        need = _lines(text, width * (c1 - c0 + 1)) * 15.0 / (r1 - r0 + 1)
        for r in range(r0, r1 + 1):
            heights[r] = max(heights[r], need)
    for r, h in enumerate(heights):
        ws.set_row(top + r, min(h, 160))
    numbers = top + depth
    for j, text in enumerate("ABC"[:lead]):
        ws.write(numbers, j, text, fm.head)
    for j, col in enumerate(form.columns, start=lead):
        ws.write(numbers, j, col.code if not col.total_of else f"{col.code}=({'+'.join(col.total_of)})"
                 if len(col.total_of) <= 4 else col.code, fm.head)
    r = numbers + 1
    for row in form.rows:
        if len(row.label) > label:
            ws.set_row(r, 15 * _lines(row.label, label))
        if not row.code:
            ws.write(r, 0, row.label, fm.bold_cell)
            for j in range(1, ncols):
                ws.write_blank(r, j, None, fm.cell)
            r += 1
            continue
        total = row.label == TOTAL
        ws.write(r, 0, row.label, fm.bold_cell if total else fm.indent[min(row.indent, 2)])
        ws.write(r, 1, row.code, fm.code)
        if form.has_units:
            ws.write(r, 2, row.unit, fm.code)
        for j, col in enumerate(form.columns, start=lead):
            value = st.value(form.code, row.code, col.code)
            ws.write_number(r, j, value, fm.total if total or col.total_of else fm.num)
        r += 1
    r += 1
    for note in [st.basis.status] + st.form_notes.get(form.code, st.notes):
        ws.merge_range(r, 0, r, last, note, fm.note)
        ws.set_row(r, 13.5 * _lines(note, label + 6 + 11 * (lead == 3) + width * len(form.columns)) + 3)
        r += 1
    r += 1
    ws.merge_range(r, 0, r, 1, "Người lập biểu\n(Ký, ghi rõ họ tên)", fm.italic)
    ws.merge_range(r, max(lead, last - 3), r, last, "Thủ trưởng đơn vị\n(Ký, đóng dấu, ghi rõ họ tên)", fm.italic)
    ws.set_row(r, 36)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 1)                           # a form is one page, as the ministry's
    ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
    ws.print_area(0, 0, r, last)
    ws.repeat_rows(top, numbers)


def yearly_blocks(yearly: Yearly) -> list[tuple[tuple[str, ...], list[list]]]:
    """The tables of the Thống kê sheet, as (header, rows): the same in the
    statistics workbook and in the workbook the button writes into."""
    kinds = ("Tập thể", "Cá nhân", "Chưa rõ")
    table: dict[tuple[int, str], dict[str, int]] = {}
    for y, form, kind, n in yearly.by_year:
        table.setdefault((y, form), {})[kind] = n
    blocks = [(("Năm", "Hình thức, danh hiệu") + kinds + ("Cộng",),
               [[y, form] + [k.get(x, 0) for x in kinds] + [sum(k.values())] for (y, form), k in sorted(table.items())])]
    years = sorted({y for y, _ in table})
    blocks.append((("Năm", "Số lượt khen", "Tập thể", "Cá nhân"),
                   [[y, sum(n for yy, _, _, n in yearly.by_year if yy == y)] +
                    [sum(n for yy, _, k, n in yearly.by_year if yy == y and k == kind) for kind in kinds[:2]]
                    for y in years]))
    blocks.append((("Năm", "Tiền thưởng theo quyết định của đơn vị (đồng)", "Quyết định chưa tính được"),
                   [[y, amount, "\n".join(missing)] for y, amount, missing in yearly.money]))
    blocks.append((("Năm", "Số cán bộ (căn cứ)", "Lao động tiên tiến", "Tỷ lệ", "Chiến sĩ thi đua cơ sở", "Tỷ lệ"),
                   [[y, f"{staff} ({basis})", ldtt, ldtt / staff if staff else None, cstd,
                     cstd / staff if staff else None] for y, staff, basis, ldtt, cstd in yearly.shares]))
    if yearly.by_unit:
        per: dict[tuple[int, str], dict[str, int]] = {}
        for y, u, kind, n in yearly.by_unit:
            per.setdefault((y, u), {})[kind] = n
        blocks.append((("Năm", "Đơn vị") + kinds + ("Cộng",),
                       [[y, u] + [k.get(x, 0) for x in kinds] + [sum(k.values())] for (y, u), k in sorted(per.items())]))
    return blocks


def yearly_grid(yearly: Yearly, unit: str = "") -> list[list]:
    """The Thống kê sheet as one grid of values (what the button writes)."""
    grid: list[list] = [[STATS_TITLE + (f" — {unit}" if unit else "")], []]
    for header, rows in yearly_blocks(yearly):
        grid += [list(header)] + rows + [[]]
    width = max(len(r) for r in grid)
    return [r + [None] * (width - len(r)) for r in grid]


STATS_TITLE = "THỐNG KÊ THI ĐUA, KHEN THƯỞNG QUA CÁC NĂM"


def _stats_sheet(wb, fm: _Fmt, yearly: Yearly, unit: str) -> None:
    ws = wb.add_worksheet(STATS_SHEET)
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 5, 16)
    ws.merge_range(0, 0, 0, 5, STATS_TITLE + (f" — {unit}" if unit else ""), fm.title)
    r = 2
    chart = None
    for n, (header, rows) in enumerate(yearly_blocks(yearly)):
        ws.write_row(r, 0, header, fm.head)
        ws.set_row(r, 32)
        first = r + 1
        for values in rows:
            r += 1
            for c, v in enumerate(values):
                if c == 0:
                    ws.write_number(r, c, v, fm.code)
                elif isinstance(v, float):
                    ws.write_number(r, c, v, fm.pct)
                elif isinstance(v, int):
                    ws.write_number(r, c, v, fm.money if v >= 100_000 else fm.num)
                else:
                    ws.write(r, c, v if v is not None else "", fm.cell)
        if n == 1 and rows:  # awards per year by kind: the chart
            chart = wb.add_chart({"type": "column", "subtype": "stacked"})
            for j, name in ((2, "Tập thể"), (3, "Cá nhân")):
                chart.add_series({"name": name, "categories": [STATS_SHEET, first, 0, r, 0],
                                  "values": [STATS_SHEET, first, j, r, j]})
            chart.set_title({"name": "Số lượt khen thưởng theo năm"})
            chart.set_legend({"position": "bottom"})
        r += 2
    if chart is not None:  # under the tables, inside the printed area
        ws.insert_chart(r, 0, chart, {"x_scale": 1.6, "y_scale": 1.0})
        r += 16
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, r, 5)


def _trace_sheet(wb, fm: _Fmt, st: Statistics) -> None:
    """Every counted row behind every figure of a form (totals excepted:
    they add up the rows and columns listed)."""
    ws = wb.add_worksheet(TRACE_SHEET)
    ws.write_row(0, 0, ("Biểu", "Mã số dòng", "Cột", "Trang", "Dòng", "Đơn vị", "Tên", "Hình thức", "Số lượng"),
                 fm.head)
    for c, w in enumerate((18, 8, 6, 14, 7, 24, 32, 32, 9)):
        ws.set_column(c, c, w)
    r = 1
    for form in st.basis.forms:
        cols = {x.code: x for x in form.columns}
        for (rc, cc), fig in st.figures[form.code].items():
            if cols[cc].total_of:
                continue
            for i in fig.items:
                ws.write_row(r, 0, (form.code, rc, cc, i.sheet, i.row, i.unit, i.name, i.form, i.weight), fm.text)
                r += 1
    ws.autofilter(0, 0, max(r - 1, 1), 8)
    ws.freeze_panes(1, 0)


def build_statistics(st: Statistics, yearly: Yearly) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    wb.set_properties({"title": f"Thống kê thi đua, khen thưởng năm {st.year}", "author": "thidua"})
    fm = _Fmt(wb)
    for form in st.basis.forms:
        _form_sheet(wb, fm, form, st)
    _stats_sheet(wb, fm, yearly, st.unit)
    _trace_sheet(wb, fm, st)
    wb.close()
    return buf.getvalue()


def write_statistics(path, st: Statistics, yearly: Yearly, force: bool = False) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        from ..errors import ThiDuaError
        raise ThiDuaError(f"Tên tệp '{path.name}' phải có đuôi .xlsx.")
    return write_bytes_atomic(path, build_statistics(st, yearly), force)
