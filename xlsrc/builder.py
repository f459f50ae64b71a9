"""Builds workbooks from the schema with XlsxWriter: the blank template
(`thidua new`), the demo book and the consolidated master. Real Excel tables,
dropdowns for every vocabulary, date and % formats, conditional formatting,
a Hướng dẫn sheet; `.xlsm` adds the VBA project and the ribbon."""
from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from . import print_layout as P
from . import schema as S
from .atomic import write_bytes_atomic
from .sheet_rows import PendingRows, splice

LIST_SHEET = "Danh mục"
VALIDATION_ROWS = 2000          # dropdowns and formats reach this far below the header
FIXED_CREATED = dt.datetime(2021, 1, 1)
GREY = "#EDEDED"                # computed columns

MACRO_BUTTONS = (  # (VBA macro, caption) — the same actions as the ribbon
    ("ThiDuaValidate", "Kiểm tra dữ liệu"),
    ("ThiDuaCompute", "Tính tiến độ"),
    ("ThiDuaReport", "Tạo báo cáo"),
    ("ThiDuaConsolidate", "Tổng hợp từ các đơn vị"),
    ("ThiDuaOpenReports", "Mở thư mục báo cáo"),
    ("ThiDuaReview", "Rà soát điều kiện"),
    ("ThiDuaDossier", "Lập hồ sơ đề nghị"),
    ("ThiDuaPromote", "Chuyển sang quyết định"),
    ("ThiDuaDecision", "Lập quyết định"),
    ("ThiDuaRegister", "Vào sổ vàng"),
    ("ThiDuaCertificates", "In giấy khen"),
    ("ThiDuaCertificatesPhoi", "In trên phôi"),
    ("ThiDuaCalibrate", "Lưới căn chỉnh phôi"),
    ("ThiDuaStatistics", "Thống kê"),
)

GUIDE_TITLE = "Sổ theo dõi thi đua - khen thưởng"
GUIDE_MACRO_LINES = (  # .xlsm: the ribbon and the buttons on this sheet
    "Cách dùng: nhập dữ liệu vào các trang dưới đây, rồi bấm các nút trên thẻ 'Thi đua - Khen thưởng' "
    "của thanh ribbon (hoặc các nút bên phải trang này).",
    "• Kiểm tra dữ liệu: ghi thông báo vào cột 'Kiểm tra' của từng dòng, chọn ô lỗi đầu tiên.",
    "• Tính tiến độ: tính 'Trạng thái' của từng công trình theo ngày báo cáo và lập trang 'Tổng hợp'.",
    "• Tạo báo cáo: lập báo cáo Word theo thể thức Nghị định 30/2020/NĐ-CP, lưu trong thư mục BaoCao "
    "cạnh tệp này.",
    "• Tổng hợp từ các đơn vị: chọn các tệp hoặc thư mục báo cáo của đơn vị; dữ liệu được gộp vào sổ này, "
    "nhật ký ở trang 'Nguồn dữ liệu'.",
)
GUIDE_PLAIN_LINES = (  # .xlsx: no macros, so no buttons; the same work from the command line
    "Cách dùng: nhập dữ liệu vào các trang dưới đây, rồi dùng lệnh 'thidua' (tệp .xlsx này không có macro; "
    "muốn có nút bấm, tạo sổ .xlsm bằng lệnh 'thidua new ThiDua.xlsm').",
    "• Kiểm tra dữ liệu: thidua validate TỆP — in các lỗi, cảnh báo theo ô.",
    "• Tính tiến độ: thidua compute TỆP -o BẢN_SAO.xlsx — ghi 'Trạng thái', cột 'Kiểm tra' và trang "
    "'Tổng hợp' vào bản sao.",
    "• Tạo báo cáo: thidua report TỆP — lập báo cáo Word theo thể thức Nghị định 30/2020/NĐ-CP.",
    "• Tổng hợp từ các đơn vị: thidua consolidate THƯ_MỤC -o TỔNG_HỢP.xlsx.",
)
GUIDE_LINES = (
    "",
    "• Rà soát điều kiện: xét ai đủ tiêu chuẩn danh hiệu nào trong năm báo cáo, từ các trang 'Cán bộ', "
    "'Đánh giá', 'Sáng kiến', 'Khen thưởng' theo ngưỡng ở trang 'Tiêu chuẩn' (sửa được); ghi trang 'Rà soát' "
    "(Đủ / Không đủ / Chưa đủ dữ liệu và lý do) và trang 'Danh sách đề nghị'.",
    "• Lập hồ sơ đề nghị: ghi thành viên ở trang 'Hội đồng', phiên họp ở trang 'Phiên họp', số phiếu của từng "
    "đề nghị ở trang 'Danh sách đề nghị' và nội dung báo cáo thành tích ở trang 'Thành tích', rồi bấm; tờ trình, "
    "danh sách, biên bản, báo cáo thành tích, phiếu bầu và danh mục hồ sơ được lưu trong thư mục BaoCao.",
    "",
    "• Lập quyết định: chọn một dòng ở trang 'Quyết định' (hoặc một dòng khen thưởng có số quyết định) rồi bấm; "
    "quyết định kèm danh sách và tiền thưởng được lưu trong thư mục BaoCao.",
    "• Vào sổ vàng: chọn dòng của quyết định đã ban hành rồi bấm; mỗi tập thể, cá nhân có tên được cấp số sổ vàng "
    "tiếp theo ở trang 'Sổ vàng' (không cấp lại); giấy khen in số này.",
    "• In giấy khen: mỗi tập thể, cá nhân của quyết định đang chọn một trang A4 ngang.",
    "• In trên phôi: như In giấy khen nhưng chỉ in các trường, ở vị trí ghi trong trang 'Mẫu in phôi', lên phôi "
    "giấy khen in sẵn. Lưới căn chỉnh phôi: in lưới milimét với khung các trường (in ở tỷ lệ 100%), đặt lên tờ phôi "
    "để đọc toạ độ rồi sửa trang 'Mẫu in phôi'.",
    "",
    "Ngày có thể nhập dd/mm/yyyy, 'Tháng 4', 'Tháng 12/2021', 'Quý II/2021', 'Năm 2021'. "
    "Tiến độ nhập 95% hoặc 95; có thể ghi thêm lời giải thích: 95% (dự kiến ...).",
    "Cột nền xám (Trạng thái, Kiểm tra) do công cụ ghi, không cần nhập. Các cột kỹ thuật (Nguồn: …; ở sổ của "
    "đơn vị cả Đơn vị báo cáo) được gộp nhóm, ẩn và không in; bấm dấu + phía trên tiêu đề cột để xem.",
    "",
)

@dataclass
class Content:
    """What goes into a built workbook: the Thông tin fields, the rows of each
    record sheet (dicts keyed by column key) and the consolidation log."""
    info: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    summary: list[list[Any]] = field(default_factory=list)
    # sheets copied as they are (name, rows of values), after Nguồn dữ liệu: `thidua upgrade` keeps a user's own sheets
    extra_sheets: list[tuple[str, list[list[Any]]]] = field(default_factory=list)

    @property
    def is_master(self) -> bool:
        """A consolidated master: it has a consolidation log or rows from units."""
        return bool(self.sources) or any(r.get("unit") for rows in self.rows.values() for r in rows)


class _Formats:
    def __init__(self, wb):
        f = wb.add_format
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top", "text_wrap": True}
        self.text = f(base)
        self.date = f({**base, "num_format": "dd/mm/yyyy", "align": "center"})
        self.percent = f({**base, "num_format": "0%", "align": "center"})
        self.int = f({**base, "num_format": "0", "align": "center"})
        self.money = f({**base, "num_format": "#,##0", "align": "right"})
        self.number = f({**base, "num_format": "0.0#", "align": "center"})
        self.header = f({**base, "bold": True, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"})
        self.title = f({"font_name": "Times New Roman", "font_size": 16, "bold": True, "font_color": "#1F4E79"})
        self.bold = f({**base, "bold": True})
        self.error = f({"bg_color": "#F8CBAD"})
        self.warning = f({"bg_color": "#FFF2CC"})
        self.status = {
            S.STATUS_DONE: f({"bg_color": "#C6EFCE", "font_color": "#006100"}),
            S.STATUS_ONGOING: f({"bg_color": "#DDEBF7", "font_color": "#1F4E79"}),
            S.STATUS_LATE: f({"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True}),
            S.STATUS_POSTPONED: f({"bg_color": "#FCE4D6", "font_color": "#833C0B"}),
            S.STATUS_NOT_STARTED: f({"bg_color": "#EDEDED"}),
            S.STATUS_UNKNOWN: f({"bg_color": "#EDEDED", "italic": True}),
        }

        self._wb, self._base, self._grey = wb, base, {}

    def computed(self, fmt):
        """The same format on a grey ground: a column the tool writes, not staff."""
        if id(fmt) not in self._grey:
            props = {**self._base, "bg_color": GREY, "font_color": "#404040"}
            if fmt is not self.text:
                props.update({"num_format": fmt.num_format, "align": "center"})
            self._grey[id(fmt)] = self._wb.add_format(props)
        return self._grey[id(fmt)]

    def for_cells(self, col: S.Column):
        """The format of the cells of a record: grey in a computed column."""
        fmt = self.for_column(col)
        return self.computed(fmt) if col.computed else fmt

    def for_column(self, col: S.Column):
        if col.grouped:
            return self.money
        return {S.DATE: self.date, S.PROGRESS: self.percent, S.INT: self.int, S.NUMBER: self.number}.get(
            col.kind, self.text)


def _write_value(ws, r: int, c: int, value: Any, fmt) -> None:
    """Text always as text (never a formula), dates as dates, numbers as numbers."""
    if value is None or value == "":
        return  # the column format already applies to empty cells
    if isinstance(value, bool):
        ws.write_string(r, c, str(value), fmt)
    elif isinstance(value, (dt.datetime, dt.date)):
        d = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        ws.write_datetime(r, c, d, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, fmt)
    elif isinstance(value, (list, tuple)):
        ws.write_string(r, c, "\n".join(str(v) for v in value), fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


def _write_lists(wb, fm: _Formats) -> dict[str, str]:
    ws = wb.add_worksheet(LIST_SHEET)
    refs = {}
    for c, (key, vocab) in enumerate(S.VOCABULARIES.items()):
        ws.write_string(0, c, key, fm.bold)
        for r, value in enumerate(vocab.values, start=1):
            ws.write_string(r, c, value)
        col = xl_col_to_name(c)
        refs[key] = f"='{LIST_SHEET}'!${col}$2:${col}${len(vocab.values) + 1}"
        ws.set_column(c, c, 34)
    ws.hide()
    return refs


def _add_dropdown(ws, r1: int, c: int, r2: int, col: S.Column, refs: dict[str, str]) -> None:
    ws.data_validation(r1, c, r2, c, {
        "validate": "list", "source": refs[col.vocab], "error_type": "warning",
        "error_title": "Giá trị ngoài danh mục",
        "error_message": f"'{col.header}' nên chọn trong danh sách. Bấm Yes để giữ giá trị đã nhập.",
        "input_title": col.header[:32], "input_message": (col.help or "Chọn trong danh sách.")[:255],
    })


def _record_sheet(wb, fm: _Formats, refs, spec: S.SheetSpec, rows: list[dict[str, Any]], master: bool = False):
    """Lay out a record sheet; its rows are returned for sheet_rows.splice."""
    ws = wb.add_worksheet(spec.name)
    cols = spec.columns
    options = P.column_options(spec, master)
    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width, fm.for_column(col), options[c])
    last = max(1, len(rows))
    ws.add_table(0, 0, 1, len(cols) - 1, {  # stretched to `last` by sheet_rows.splice
        "name": spec.table, "style": "Table Style Light 9", "autofilter": True,
        "columns": [{"header": col.header, "header_format": fm.header} for col in cols],
    })
    ws.freeze_panes(1, P.frozen_columns(spec))
    ws.set_row(0, 36)
    P.setup_page(ws, P.printed_columns(spec, master), last, widths=[col.width for col in cols],
                 key_columns=P.frozen_columns(spec))  # the rows that hold data (Excel's table grows below)
    bottom = max(VALIDATION_ROWS, last + 1)
    for c, col in enumerate(cols):
        if col.vocab:
            _add_dropdown(ws, 1, c, bottom, col, refs)
        if col.help:
            ws.write_comment(0, c, col.help, {"author": "thidua", "x_scale": 2})
    check_col = xl_col_to_name(len(cols) - 1)
    ws.conditional_format(1, 0, bottom, len(cols) - 1, {
        "type": "formula", "criteria": f'=LEFT(${check_col}2,3)="Lỗi"', "format": fm.error})
    ws.conditional_format(1, 0, bottom, len(cols) - 1, {
        "type": "formula", "criteria": f'=LEFT(${check_col}2,8)="Cảnh báo"', "format": fm.warning})
    if any(col.key == "status" for col in cols):
        sc = next(i for i, col in enumerate(cols) if col.key == "status")
        for status, fmt in fm.status.items():
            ws.conditional_format(1, sc, bottom, sc, {
                "type": "cell", "criteria": "==", "value": f'"{status}"', "format": fmt})
    if not rows:  # the table's empty first row shows which columns are computed; Excel copies it down
        for c, col in enumerate(cols):
            if col.computed:
                ws.write_blank(1, c, None, fm.for_cells(col))
    keys = [col.key for col in cols]
    widths = [float("inf") if o.get("hidden") else col.width for col, o in zip(cols, options)]
    grey = [c for c, col in enumerate(cols) if col.computed and not options[c].get("hidden")]
    return ws, spec.table, [fm.for_cells(col) for col in cols], rows, widths, grey, keys


def _fit_rows(ws, first_row: int, rows: list[list[Any]], widths: list[float]) -> None:
    """Row heights for wrapped text written cell by cell (Thông tin, Hướng dẫn)."""
    for r, values in enumerate(rows, start=first_row):
        height = P.row_height(values, widths)
        if height:
            ws.set_row(r, height)


def _info_sheet(wb, fm: _Formats, refs, info: dict[str, Any]) -> None:
    ws = wb.add_worksheet(S.INFO.name)
    ws.set_column(0, 0, 34, fm.bold)
    ws.set_column(1, 1, 70, fm.text)
    ws.set_column(2, 2, 60, fm.text)
    n = len(S.INFO.columns)
    ws.add_table(0, 0, n, 3, {"name": S.INFO.table, "style": "Table Style Light 9", "autofilter": False,
                              "columns": [{"header": h, "header_format": fm.header} for h in S.INFO_HEADERS]})
    ws.set_column(3, 3, 50, fm.text)
    lines = []
    for r, col in enumerate(S.INFO.columns, start=1):
        label = col.header + (" *" if col.required else "")
        ws.write_string(r, 0, label, fm.bold)
        _write_value(ws, r, 1, info.get(col.key), fm.for_column(col))
        ws.write_string(r, 2, col.help, fm.text)
        if col.vocab:
            _add_dropdown(ws, r, 1, r, col, refs)
        ws.write_blank(r, 3, None, fm.computed(fm.text))
        lines.append([label, info.get(col.key), col.help])
    _fit_rows(ws, 1, lines, [34, 70, 60])
    ws.set_row(0, 20)
    ws.freeze_panes(1, 1)
    P.setup_page(ws, 2, n)
    ws.conditional_format(1, 0, n, 3, {"type": "formula", "criteria": '=LEFT($D2,3)="Lỗi"', "format": fm.error})
    ws.conditional_format(1, 0, n, 3, {"type": "formula", "criteria": '=LEFT($D2,8)="Cảnh báo"',
                                       "format": fm.warning})


def _guide_sheet(wb, fm: _Formats, macro: bool) -> None:
    ws = wb.add_worksheet(S.GUIDE_SHEET)
    ws.set_column(0, 0, 26, fm.bold)
    ws.set_column(1, 1, 90, fm.text)
    ws.merge_range(0, 0, 0, 1, GUIDE_TITLE, fm.title)
    ws.set_row(0, 27)  # the 16 pt title is not cut
    r = 1
    lines = ("",) + (GUIDE_MACRO_LINES if macro else GUIDE_PLAIN_LINES) + GUIDE_LINES
    _fit_rows(ws, 1, [["", line] for line in lines], [26, 90])
    for line in lines:
        ws.write_string(r, 1, line, fm.text)
        r += 1
    ws.write_string(r, 0, "Trang tính", fm.header)
    ws.write_string(r, 1, "Nội dung", fm.header)
    r += 1
    for spec in S.DATA_SHEETS:
        ws.write_string(r, 0, spec.name, fm.bold)
        required = ", ".join(c.header for c in spec.columns if c.required)
        text = f"{spec.description} Bắt buộc: {required}."
        ws.write_string(r, 1, text, fm.text)
        _fit_rows(ws, r, [[spec.name, text]], [26, 90])
        r += 1
    helpers = [(S.REVIEW_SHEET, "Kết quả rà soát điều kiện: mỗi dòng một cá nhân hoặc tập thể, mỗi cột một "
                "danh hiệu (Đủ / Không đủ / Chưa đủ dữ liệu); vì sao đủ hay chưa đủ (điều kiện đã đạt, điều còn thiếu, "
                "căn cứ) ở cột 'Lý do, căn cứ'. Do nút 'Rà soát điều kiện' lập."),
               (S.SUMMARY_SHEET, "Số liệu tổng hợp do nút 'Tính tiến độ' lập."),
               (S.SOURCES_SHEET, "Nhật ký tổng hợp: tệp, mã SHA-256, đơn vị, trạng thái, số dòng.")]
    if macro:
        helpers.append((S.CONF_SHEET, "Cấu hình xlwings (trang ẩn): đường dẫn Python (Interpreter_Win, "
                                      "Interpreter_Mac)."))
    else:  # no buttons in a workbook without macros: the same work from the command line
        helpers = [(name, text.replace("nút 'Rà soát điều kiện'", "lệnh 'thidua review'")
                    .replace("nút 'Tính tiến độ'", "lệnh 'thidua compute'")) for name, text in helpers]
    for name, text in helpers:
        ws.write_string(r, 0, name, fm.bold)
        ws.write_string(r, 1, text, fm.text)
        _fit_rows(ws, r, [[name, text]], [26, 90])
        r += 1
    if macro:
        ws.set_column(3, 3, 28)
        for i, (macro_name, caption) in enumerate(MACRO_BUTTONS):
            ws.insert_button(2 + i * 2, 3, {"macro": macro_name, "caption": caption,
                                            "width": 190, "height": 30})
    P.setup_page(ws, 1, r, title_rows=0, landscape=False)  # the buttons (column D) are not printed
    ws.activate()


def _summary_sheet(wb, fm: _Formats, summary: list[list[Any]]) -> None:
    """Tổng hợp: numbers as numbers, dates as dates, each formatted; the
    per-unit block an Excel table (TongHopDonVi) that a power user can chart."""
    from .jobs import UNIT_BLOCK
    ws = wb.add_worksheet(S.SUMMARY_SHEET)
    ws.set_column(0, 0, 40, fm.text)
    ws.set_column(1, 6, 16, fm.text)
    number = wb.add_format({"font_name": "Times New Roman", "font_size": 12, "valign": "top", "num_format": "#,##0"})
    rate = wb.add_format({"font_name": "Times New Roman", "font_size": 12, "valign": "top", "num_format": "0.0"})
    heads = {r for r, row in enumerate(summary) if r == 0 or (len(row) > 1 and isinstance(row[1], str) and row[1])}
    for r, row in enumerate(summary):
        for c, v in enumerate(row):
            fmt = (fm.header if r in heads else fm.date if isinstance(v, (dt.date, dt.datetime))
                   else rate if isinstance(v, float) else number if isinstance(v, int) else fm.text)
            _write_value(ws, r, c, v, fmt)
    top = next((r for r, row in enumerate(summary) if row and row[0] == UNIT_BLOCK), None)
    if top is not None:
        last = top
        while last + 1 < len(summary) and summary[last + 1] and summary[last + 1][0] not in ("", None):
            last += 1
        if last > top:
            ws.add_table(top, 0, last, 4, {"name": "TongHopDonVi", "style": "Table Style Light 9",
                                           "autofilter": False, "header_row": True,
                                           "columns": [{"header": str(h), "header_format": fm.header}
                                                       for h in summary[top][:5]]})
    ws.freeze_panes(1, 1)
    P.setup_page(ws, max([6] + [len(row) - 1 for row in summary]), max(1, len(summary)))


def _sources_sheet(wb, fm: _Formats, sources: list[dict[str, Any]]) -> None:
    ws = wb.add_worksheet(S.SOURCES_SHEET)
    cols = S.SOURCES_COLUMNS
    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width, fm.for_column(col))
    ws.add_table(0, 0, max(1, len(sources)), len(cols) - 1, {
        "name": "NguonDuLieu", "style": "Table Style Light 9",
        "columns": [{"header": col.header, "header_format": fm.header} for col in cols]})
    for r, row in enumerate(sources, start=1):
        for c, col in enumerate(cols):
            _write_value(ws, r, c, row.get(col.key), fm.for_column(col))
    _fit_rows(ws, 1, [[row.get(col.key) for col in cols] for row in sources], [col.width for col in cols])
    ws.freeze_panes(1, 1)
    P.setup_page(ws, len(cols) - 1, max(1, len(sources)), widths=[col.width for col in cols], key_columns=1)


# What a workbook that is not made for one PC holds (the demo, a template for
# others): the environment CaiDat.cmd makes, spelled with its variable, so no
# folder name of the machine that built it travels; the VBA (PythonReady)
# resolves it on each PC. TEMP DIR likewise (xlwings writes its log there).
PORTABLE_INTERPRETER_WIN = r"%LOCALAPPDATA%\thidua\venv\Scripts\pythonw.exe"
PORTABLE_TEMP_DIR = "%TEMP%"


def conf_rows(interpreter: str | None = None) -> list[tuple[str, str]]:
    """The xlwings.conf sheet: ``interpreter`` only for a workbook made for
    this PC (``thidua new``); otherwise the portable values."""
    return [("Interpreter_Win", interpreter or PORTABLE_INTERPRETER_WIN), ("Interpreter_Mac", interpreter or ""),
            ("ADD_WORKBOOK_TO_PYTHONPATH", "FALSE"), ("Show Console", "FALSE"), ("TEMP DIR", PORTABLE_TEMP_DIR)]


def _conf_sheet(wb, interpreter: str | None) -> None:
    ws = wb.add_worksheet(S.CONF_SHEET)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 70)
    for r, (k, v) in enumerate(conf_rows(interpreter)):
        ws.write_string(r, 0, k)
        if v:
            ws.write_string(r, 1, v)
    ws.hide()  # xlwings reads it hidden too; the local Python path is never printed


def _plain_sheet(wb, fm: _Formats, name: str, grid: list[list[Any]]) -> None:
    """A sheet of values as they were: text as text, numbers and dates as such."""
    ws = wb.add_worksheet(name)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            _write_value(ws, r, c, value, fm.date if isinstance(value, (dt.date, dt.datetime)) else None)


def default_interpreter() -> str:
    """The Python that runs this command; on Windows its pythonw.exe, which
    runs the macros without flashing a console window."""
    exe = Path(sys.executable)
    if sys.platform == "win32" and (exe.parent / "pythonw.exe").exists():
        return str(exe.parent / "pythonw.exe")
    return str(exe)


def _paths_sheet(wb) -> None:
    ws = wb.add_worksheet(S.PATHS_SHEET)
    ws.write_string(0, 0, "Đường dẫn")
    ws.hide()


def _review_input_rows(content: Content, spec: S.SheetSpec) -> list[dict[str, Any]]:
    """The rows of a review sheet; a new workbook's Tiêu chuẩn holds the
    default standards, which staff may then edit."""
    rows = content.rows.get(spec.key)
    if rows is None and spec is S.STANDARDS:
        from .awards.defaults import with_prize_coefficients
        from .review.defaults import default_standard_rows
        from .council.votes import with_vote_thresholds
        return with_vote_thresholds(with_prize_coefficients(default_standard_rows()))
    return rows or []


def _award_doc_rows(content: Content, spec: S.SheetSpec) -> list[dict[str, Any]]:
    """Quyết định, Mẫu in phôi, Lương cơ sở; a new workbook gets the default
    phôi layout and the dated lương cơ sở, which staff may then edit."""
    rows = content.rows.get(spec.key)
    if rows is None:
        from .awards.defaults import default_rows
        return default_rows(spec.key)
    return rows


COUNCIL_INPUT_SHEETS = (S.COUNCIL, S.MEETINGS, S.ACHIEVEMENTS)  # Danh sách đề nghị and Sổ vàng are placed apart

REVIEW_COLOURS = {S.RESULT_YES: {"bg_color": "#C6EFCE", "font_color": "#006100"},
                  S.RESULT_NO: {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
                  S.RESULT_UNKNOWN: {"bg_color": "#FFEB9C", "font_color": "#9C5700"}}
REVIEW_RESULT_COLUMNS = 30  # title columns the colour rules cover (B.. on the Rà soát sheet)


def _review_output_sheets(wb, fm: _Formats, refs, rows: list[dict[str, Any]], macro: bool = True) -> None:
    """Rà soát (filled by the review button; colours by conditional
    formatting over the result cells) and Danh sách đề nghị."""
    ws = wb.add_worksheet(S.REVIEW_SHEET)
    ws.set_column(0, 0, 28, fm.text)
    ws.set_column(1, REVIEW_RESULT_COLUMNS + 4, 16, fm.text)
    ws.set_column(5, 5, 70, fm.text)  # Lý do (xlsrc.review.sheets.REASONS_COLUMN)
    ws.set_row(0, 48)
    ws.conditional_format(0, 0, 0, REVIEW_RESULT_COLUMNS + 4, {  # the header the review writes, styled
        "type": "formula", "criteria": "=LEN(A1)>0",
        "format": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})})
    ws.freeze_panes(1, 1)
    P.setup_page(ws, 0, 1)  # its instruction until the review writes it (then access.files fits the print)
    ws.write_string(0, 0, "Bấm 'Rà soát điều kiện' để lập trang này." if macro else
                    "Chạy lệnh 'thidua review' để lập trang này.", fm.header)
    for result, style in REVIEW_COLOURS.items():
        ws.conditional_format(1, 1, VALIDATION_ROWS * 5, REVIEW_RESULT_COLUMNS + 4, {
            "type": "cell", "criteria": "==", "value": f'"{result}"', "format": wb.add_format(style)})
    _proposal_sheet(wb, fm, refs, rows)


def _proposal_sheet(wb, fm: _Formats, refs, rows: list[dict[str, Any]]) -> None:
    """Danh sách đề nghị: a plain range (the review rewrites it, keeping the
    votes typed in it), with the dropdowns and formats of its columns."""
    ws = wb.add_worksheet(S.PROPOSAL_SHEET)
    cols = S.PROPOSALS.columns
    P.setup_page(ws, len(cols) - 1, max(1, len(rows)), widths=[col.width for col in cols], key_columns=2)
    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width, fm.for_column(col))
        ws.write_string(0, c, col.header, fm.header)
        if col.vocab:
            _add_dropdown(ws, 1, c, VALIDATION_ROWS, col, refs)
        if col.help:
            ws.write_comment(0, c, col.help, {"author": "thidua", "x_scale": 2})
    for r, row in enumerate(rows, start=1):
        for c, col in enumerate(cols):
            _write_value(ws, r, c, row.get(col.key), fm.for_cells(col))
    check_col = xl_col_to_name(len(cols) - 1)
    for prefix, fmt in (("Lỗi", fm.error), ("Cảnh báo", fm.warning)):
        ws.conditional_format(1, 0, VALIDATION_ROWS, len(cols) - 1, {
            "type": "formula", "criteria": f'=LEFT(${check_col}2,{len(prefix)})="{prefix}"', "format": fmt})
    ws.set_row(0, 36)
    ws.freeze_panes(1, 2)


def sheet_order() -> list[str]:
    later = S.AWARD_DOC_SHEETS + S.COUNCIL_SHEETS
    return ([S.GUIDE_SHEET] + [s.name for s in S.DATA_SHEETS if s not in later] +
            [S.REVIEW_SHEET, S.PROPOSAL_SHEET, S.UNIT_PROPOSALS.name] + [s.name for s in COUNCIL_INPUT_SHEETS] +
            [s.name for s in S.AWARD_DOC_SHEETS] + [S.REGISTER.name] +
            [S.SUMMARY_SHEET, S.SOURCES_SHEET, LIST_SHEET, S.CONF_SHEET, S.PATHS_SHEET])


def build_workbook(content: Content | None = None, macro: bool = False, interpreter: str | None = None,
                   project_seed: str = "ThiDua.xlsm", quickstart: bytes | None = None) -> bytes:
    """The workbook's bytes; ``interpreter`` is written into xlwings.conf only
    for a workbook made for this PC (see conf_rows); ``project_seed`` (the target path, for
    ``write_workbook``) gives the VBA project its own reproducible ID;
    ``quickstart``: the xlwings quickstart workbook the VBA project is made
    from (default: the installed xlwings')."""
    content = content or Content()
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                   "strings_to_urls": False, "strings_to_numbers": False})
    wb.set_properties({"title": "Sổ theo dõi thi đua - khen thưởng", "author": "thidua",
                       "created": FIXED_CREATED})
    fm = _Formats(wb)
    _guide_sheet(wb, fm, macro)
    refs = _write_lists(wb, fm)  # created early so dropdown references resolve; moved to the end below
    _info_sheet(wb, fm, refs, content.info)
    pending = [_record_sheet(wb, fm, refs, spec, content.rows.get(spec.key, []),
                             content.is_master) for spec in S.RECORD_SHEETS]
    pending += [_record_sheet(wb, fm, refs, spec, _review_input_rows(content, spec))
                for spec in S.REVIEW_INPUT_SHEETS]
    pending += [_record_sheet(wb, fm, refs, spec, _award_doc_rows(content, spec)) for spec in S.AWARD_DOC_SHEETS]
    pending += [_record_sheet(wb, fm, refs, spec, content.rows.get(spec.key, []))
                for spec in COUNCIL_INPUT_SHEETS + (S.REGISTER,)]
    if content.rows.get(S.UNIT_PROPOSALS.key):  # a master: the units' proposals, with their sources and checks
        pending.append(_record_sheet(wb, fm, refs, S.UNIT_PROPOSALS, content.rows[S.UNIT_PROPOSALS.key], True))
    _review_output_sheets(wb, fm, refs, content.rows.get("proposals", []), macro)
    _summary_sheet(wb, fm, content.summary)
    _sources_sheet(wb, fm, content.sources)
    _conf_sheet(wb, interpreter)
    _paths_sheet(wb)
    for name, grid in content.extra_sheets:
        _plain_sheet(wb, fm, name, grid)
    P.setup_remaining(wb)
    order = sheet_order()
    after_sources = order.index(S.SOURCES_SHEET) + 0.5  # extra sheets, in the order given (the sort is stable)
    wb.worksheets_objs.sort(key=lambda ws: order.index(ws.name) if ws.name in order else after_sources)
    for i, ws in enumerate(wb.worksheets_objs):
        ws.index = i
    wb.worksheets()[0].activate()
    if macro:
        from .xlsm import build_vba_project, read_module_source
        from .xlsm.vba_project import project_id_for
        codenames = [f"Sheet{i + 1}" for i in range(len(wb.worksheets_objs))]
        wb.set_vba_name("ThisWorkbook")
        for ws, name in zip(wb.worksheets_objs, codenames):
            ws.set_vba_name(name)
        vba = build_vba_project(read_module_source(), codenames, project_id_for(project_seed), quickstart)
        wb.add_vba_project(io.BytesIO(vba), is_stream=True)
    wb.close()
    data = splice(buf.getvalue(), [PendingRows(wb.worksheets_objs.index(ws) + 1, table, 2, styles, rows, widths, grey,
                                               keys) for ws, table, styles, rows, widths, grey, keys in pending])
    if macro:
        from .xlsm import add_ribbon, read_ribbon_xml
        data = add_ribbon(data, read_ribbon_xml())
    return data


def write_workbook(path, content: Content | None = None, force: bool = False,
                   interpreter: str | None = None) -> Path:
    path = Path(path)
    macro = path.suffix.lower() == ".xlsm"
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        from .errors import ThiDuaError
        raise ThiDuaError(f"Tên tệp '{path.name}' phải có đuôi .xlsx hoặc .xlsm.")
    return write_bytes_atomic(path, build_workbook(content, macro=macro, interpreter=interpreter,
                                                   project_seed=str(path.resolve())), force)
