"""Entry points for the buttons and the ribbon (VBA `RunPython`). Each works
on `xw.Book.caller()` through the same jobs as the command line; any error
becomes a Vietnamese Excel alert with the log file's path."""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import xlwings as xw

from . import jobs
from . import schema as S
from .access.excel import XlwingsBook
from .atomic import unique_path
from .errors import ThiDuaError
from .logfile import log_exception, unexpected_message

TITLE = "Thi đua - Khen thưởng"
REPORT_FOLDER = "BaoCao"


def _macro(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        book = None
        try:
            book = XlwingsBook(xw.Book.caller())
            return func(book, *args, **kwargs)
        except ThiDuaError as exc:
            _alert(book, str(exc))
        except Exception:
            _alert(book, unexpected_message(log_exception(f"macro {func.__name__}")))
    return wrapper


def _alert(book, message: str) -> None:
    try:
        if book is not None:
            book.alert(message, TITLE)
    except Exception:
        log_exception("alert")


def _select_first(book: XlwingsBook, findings) -> None:
    first = jobs.first_error(findings)
    if first is None:
        return
    col = "".join(ch for ch in first.cell if ch.isalpha())
    from openpyxl.utils import column_index_from_string
    book.select(first.sheet, first.row, column_index_from_string(col) if col else 1)


@_macro
def validate(book: XlwingsBook):
    """Nút 'Kiểm tra dữ liệu'."""
    _, findings = jobs.run_validate(book)
    _select_first(book, findings)
    book.alert(jobs.summary_text(findings) + (" Xem cột 'Kiểm tra' của các dòng được tô màu."
                                              if findings else ""), TITLE)


@_macro
def compute(book: XlwingsBook):
    """Nút 'Tính tiến độ'."""
    _, findings, totals = jobs.run_compute(book)
    _select_first(book, findings)
    from .vntext import percent_text
    book.alert(f"Đã tính trạng thái {totals.works} công trình, phần việc: hoàn thành {totals.done} "
               f"({percent_text(totals.rate) or '0%'}). Xem trang '{S.SUMMARY_SHEET}'. "
               + jobs.summary_text(findings), TITLE)


def report_folder(book: XlwingsBook) -> Path:
    """BaoCao next to the workbook, created here (VBA's MkDir fails on Vietnamese paths)."""
    folder = Path(book.fullname).resolve().parent / REPORT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@_macro
def make_report_folder(book: XlwingsBook):
    """Nút 'Mở thư mục báo cáo', khi thư mục BaoCao chưa có."""
    report_folder(book)


def report_path(book: XlwingsBook, data) -> Path:
    """BaoCao/<số ký hiệu>_<ngày>.docx next to the workbook, never an existing file."""
    folder = report_folder(book)
    stem = f"{jobs.report_file_stem(data)}_{dt.date.today():%Y-%m-%d}"
    return unique_path(folder, stem, ".docx")


@_macro
def report(book: XlwingsBook):
    """Nút 'Tạo báo cáo'."""
    from .report import make_report
    data, findings = jobs.run_validate(book)
    if jobs.has_errors(findings):
        _select_first(book, findings)
        book.alert(jobs.summary_text(findings) + " Chưa lập báo cáo: hãy sửa các lỗi (cột 'Kiểm tra') rồi bấm lại.",
                   TITLE)
        return
    path = make_report(data, report_path(book, data))
    book.alert(f"Đã lập báo cáo: {path}", TITLE)


def _master_block(spec: S.SheetSpec, rows: list[dict]) -> list[list]:
    return [[row.get(c.key) for c in spec.columns] for row in rows]


@_macro
def consolidate(book: XlwingsBook):
    """Nút 'Tổng hợp từ các đơn vị': the VBA file dialog writes the chosen
    paths into the hidden sheet _thidua_paths (A2 down)."""
    from .consolidate import consolidate as run
    grid = book.read(S.PATHS_SHEET) if S.PATHS_SHEET in book.sheet_names() else []
    paths = [str(r[0]).strip() for r in grid[1:] if r and r[0]]
    if not paths:
        raise ThiDuaError("Chưa chọn tệp hoặc thư mục nào để tổng hợp.")
    result = run(paths, exclude=[book.fullname])
    for spec in S.RECORD_SHEETS:
        sheet_grid = book.read(spec.name) if spec.name in book.sheet_names() else []
        if len(sheet_grid) > 1:
            book.clear(spec.name, 2, 1, len(sheet_grid) - 1, len(spec.columns))
        block = _master_block(spec, result.content.rows.get(spec.key, []))
        if block:
            book.write(spec.name, 2, 1, block)
    log_grid = book.read(S.SOURCES_SHEET) if S.SOURCES_SHEET in book.sheet_names() else []
    if len(log_grid) > 1:
        book.clear(S.SOURCES_SHEET, 2, 1, len(log_grid) - 1, len(S.SOURCES_COLUMNS))
    log = [[row.get(c.key) for c in S.SOURCES_COLUMNS] for row in result.content.sources]
    book.write(S.SOURCES_SHEET, 1, 1, [[c.header for c in S.SOURCES_COLUMNS]] + log)
    statuses = [f.status for f in result.files]
    book.alert(f"Đã tổng hợp {len(result.files)} tệp: {statuses.count('ok')} đạt, "
               f"{statuses.count('duplicate')} trùng, {statuses.count('error')} lỗi; "
               f"{result.total_rows} công trình, phần việc. Xem trang '{S.SOURCES_SHEET}'.", TITLE)


# ------------------------------------------------------------ issue 12
def selected_decision(data, sheet: str, row: int) -> str:
    """The decision number of the selected row: a row of Quyết định, or an
    award of Khen thưởng that points to one; the only decision when there is one."""
    for key, column in (("decisions", "number"), ("awards", "decision_number")):
        if data.sheet_names.get(key) == sheet:
            rec = next((r for r in data.records.get(key, []) if r.row == row), None)
            if rec is not None and rec.text(column):
                return rec.text(column)
    decisions = data.records.get("decisions", [])
    if len(decisions) == 1 and decisions[0].text("number"):
        return decisions[0].text("number")
    raise ThiDuaError(f"Chọn một dòng quyết định ở trang '{S.DECISIONS.name}' (hoặc một dòng khen thưởng có số "
                      "quyết định) rồi bấm lại.")


def _decision_inputs(book: XlwingsBook):
    from .awards import blocking
    data, findings = jobs.run_validate(book)
    errors = blocking(data, findings)
    if errors:
        _select_first(book, errors)
        raise ThiDuaError(f"Có {len(errors)} lỗi ở các trang dùng để lập quyết định (xem cột 'Kiểm tra'); "
                          "sửa rồi bấm lại.")
    sheet, row = book.selection()
    return data, selected_decision(data, sheet, row)


def _output(book: XlwingsBook, stem: str, suffix: str = ".docx") -> Path:
    folder = Path(book.fullname).resolve().parent / REPORT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return unique_path(folder, f"{stem}_{dt.date.today():%Y-%m-%d}", suffix)


@_macro
def decision(book: XlwingsBook):
    """Nút 'Lập quyết định': the decision on the selected row, with its annex."""
    from .awards import decision_file_stem, make_decision
    data, number = _decision_inputs(book)
    path = make_decision(data, number, _output(book, decision_file_stem(number)))
    book.alert(f"Đã lập Quyết định {number}: {path}", TITLE)


@_macro
def certificates(book: XlwingsBook, phoi: bool = False):
    """Nút 'In giấy khen': one page per recipient of the decision on the selected
    row (``phoi=True``: only the fields, at the Mẫu in phôi positions)."""
    _print_certificates(book, phoi)


@_macro
def certificates_phoi(book: XlwingsBook):
    """Nút 'In trên phôi': the certificates of the decision on the selected row,
    only the variable fields, each at its position on the Mẫu in phôi sheet."""
    _print_certificates(book, phoi=True)


@_macro
def calibrate(book: XlwingsBook):
    """Nút 'Lưới căn chỉnh phôi': a millimetre grid with the box of every field
    of the Mẫu in phôi sheet, as a PDF in BaoCao, to hold against a blank phôi."""
    from .awards.calibrate import write_calibration
    from .awards.certificates import layout
    data, findings = jobs.run_validate(book)
    sheet = data.sheet_names.get("print_layout", S.PRINT_LAYOUT.name)
    errors = [f for f in findings if f.severity == "error" and f.sheet == sheet]
    if errors:
        _select_first(book, errors)
        raise ThiDuaError(f"Có {len(errors)} lỗi ở trang '{sheet}' (xem cột 'Kiểm tra'); sửa rồi bấm lại.")
    path = write_calibration(layout(data), _output(book, "HieuChinhPhoi", ".pdf"))
    book.alert(f"Đã ghi lưới căn chỉnh phôi: {path}. In ở tỷ lệ 100% (Actual size, không chọn Fit to page), khổ A4 "
               f"ngang; đặt lên tờ phôi trắng, đọc toạ độ từng trường rồi sửa trang '{sheet}'.", TITLE)


def _print_certificates(book: XlwingsBook, phoi: bool) -> None:
    from .awards import decision_file_stem, make_certificates
    data, number = _decision_inputs(book)
    stem = decision_file_stem(number, "GiayKhen" + ("_Phoi" if phoi else ""))
    result = make_certificates(data, number, _output(book, stem), phoi=phoi)
    skipped = (f" Bỏ qua {len(result.skipped)} dòng chỉ ghi số lượng, không có tên." if result.skipped else "")
    how = " trên phôi (chỉ các trường; in ở tỷ lệ 100%, khổ A4 ngang)" if phoi else ""
    book.alert(f"Đã in {result.printed} giấy khen{how}: {result.path}.{skipped}", TITLE)


@_macro
def review(book: XlwingsBook):
    """Nút 'Rà soát điều kiện': who qualifies for which title in the report
    year; writes the Rà soát and Danh sách đề nghị sheets."""
    from .review.sheets import run_and_write, summary_text
    data, findings = jobs.run_validate(book)
    result = run_and_write(book, data)
    book.select(S.REVIEW_SHEET, 1, 1)
    book.alert(summary_text(result) + f" Xem trang '{S.REVIEW_SHEET}' và '{S.PROPOSAL_SHEET}'. "
               + jobs.summary_text(findings), TITLE)


@_macro
def dossier(book: XlwingsBook):
    """Nút 'Lập hồ sơ đề nghị': the dossier of the latest meeting's year into
    BaoCao/HoSoDeNghi_<năm>_<ngày>; errors on the sheets it reads stop it."""
    from .dossier import blocking, make_dossier, plan_year
    data, findings = jobs.run_validate(book)
    errors = blocking(data, findings)
    if errors:
        _select_first(book, errors)
        raise ThiDuaError(f"Có {len(errors)} lỗi ở các trang dùng để lập hồ sơ (xem cột 'Kiểm tra'); sửa rồi bấm lại.")
    year = plan_year(data, None)
    d, written = make_dossier(data, _output(book, f"HoSoDeNghi_{year}", ""), year)
    lacking = sum(1 for p in d.proposals if any(not i.ok for i in p.checklist))
    book.alert(f"Đã lập hồ sơ đề nghị khen thưởng năm {year}: {len(written)} tệp trong {written[0].path.parent}. "
               f"{len(d.upward)} đề nghị gửi cấp trên, {len(d.own)} đơn vị quyết định; {lacking} đề nghị còn thiếu "
               "(xem tệp DanhMucHoSo).", TITLE)


@_macro
def register(book: XlwingsBook):
    """Nút 'Vào sổ vàng': the named recipients of the decision on the selected
    row get the next register numbers, written below the last row of Sổ vàng."""
    from .awards.register import entries, write_entries
    data, number = _decision_inputs(book)
    rows = entries(data, number, dt.date.today())
    write_entries(book, data, rows)
    book.select(data.sheet_names["register"], 1, 1)
    book.alert(f"Đã vào sổ vàng {len(rows)} tập thể, cá nhân của Quyết định {rows[0]['decision_number']}: số "
               f"{rows[0]['number']}–{rows[-1]['number']}. Lưu sổ để giữ các số này.", TITLE)
