"""What each button does, on the open workbook (``XlwingsBook``), through the
same jobs as the command line. Called by the entry points of xlsrc.macros,
which catch every error; the status bar says which stage is running."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import jobs
from . import schema as S
from .access.cellinfo import col_index
from .access.excel import XlwingsBook
from .atomic import unique_path
from .errors import ThiDuaError
from .logfile import log_exception
from .macros import TITLE

REPORT_FOLDER = "BaoCao"
READING = "Đang đọc và kiểm tra dữ liệu của sổ…"


def _select_first(book: XlwingsBook, findings) -> None:
    """Select the cell of the first error; a cell that cannot be selected (a
    hidden sheet, a protected one) is logged and the summary still shown."""
    first = jobs.first_error(findings)
    if first is None:
        return
    col = "".join(ch for ch in first.cell if ch.isalpha()).upper()
    _select(book, first.sheet, first.row, col_index(col) + 1 if col else 1)


def _select(book: XlwingsBook, sheet: str, row: int, col: int) -> None:
    try:
        book.select(sheet, row, col)
    except Exception:  # noqa: BLE001 - selecting is a convenience, the message is what matters
        log_exception(f"chọn ô dòng {row}, cột {col} của trang '{sheet}'")


def _validated(book: XlwingsBook):
    book.status(READING)
    return jobs.run_validate(book)


def validate(book: XlwingsBook):
    """Nút 'Kiểm tra dữ liệu'."""
    _, findings = _validated(book)
    _select_first(book, findings)
    book.alert(jobs.summary_text(findings) + (" Xem cột 'Kiểm tra' của các dòng được tô màu."
                                              if findings else ""), TITLE)


def compute(book: XlwingsBook):
    """Nút 'Tính tiến độ'."""
    book.status("Đang tính tiến độ và trạng thái các công trình…")
    _, findings, totals = jobs.run_compute(book)
    _select_first(book, findings)
    from .vntext import percent_text
    book.alert(f"Đã tính trạng thái {totals.works} công trình, phần việc: hoàn thành {totals.done} "
               f"({percent_text(totals.rate) or '0%'}). Xem trang '{S.SUMMARY_SHEET}'. "
               + jobs.summary_text(findings), TITLE)


def report_folder(book: XlwingsBook) -> Path:
    """BaoCao next to the workbook on this PC (a workbook in OneDrive or
    SharePoint has a web address: its local copy's folder), created here
    (VBA's MkDir fails on Vietnamese paths)."""
    from .local_folder import make_folder
    return make_folder(Path(book.fullname).resolve().parent / REPORT_FOLDER)


def open_report_folder(book: XlwingsBook):
    """Nút 'Mở thư mục báo cáo' when VBA cannot open it itself (not created
    yet, or the workbook's path is a web address): created and opened here."""
    from .local_folder import open_folder
    open_folder(report_folder(book))


def _output(book: XlwingsBook, stem: str, suffix: str = ".docx") -> Path:
    """BaoCao/<stem>_<ngày><suffix> next to the workbook, never an existing file."""
    return unique_path(report_folder(book), f"{stem}_{dt.date.today():%Y-%m-%d}", suffix)


def report_path(book: XlwingsBook, data) -> Path:
    return _output(book, jobs.report_file_stem(data))


def report(book: XlwingsBook):
    """Nút 'Tạo báo cáo'."""
    data, findings = _validated(book)
    from .job_sheets import for_job
    errors, findings = for_job(data, findings, "report")  # an error on Đánh giá does not stop the report
    if errors:
        _select_first(book, errors)
        book.alert(jobs.summary_text(findings) + " Chưa lập báo cáo: hãy sửa các lỗi ở các trang báo cáo dùng "
                   "(cột 'Kiểm tra') rồi bấm lại.", TITLE)
        return
    book.status("Đang lập báo cáo Word…")
    from .report import make_report, section_findings
    missing = " ".join(f"Lưu ý: {f.message}" for f in section_findings(data))  # a section the title announces
    path = make_report(data, report_path(book, data))
    book.alert(f"Đã lập báo cáo: {path}" + (f" {missing}" if missing else ""), TITLE)


def _master_block(spec: S.SheetSpec, rows: list[dict]) -> list[list]:
    return [[row.get(c.key) for c in spec.columns] for row in rows]


def consolidate(book: XlwingsBook):
    """Nút 'Tổng hợp từ các đơn vị': the VBA file dialog writes the chosen
    paths into the hidden sheet _thidua_paths (A2 down)."""
    from .consolidate import consolidate as run
    grid = book.read(S.PATHS_SHEET) if S.PATHS_SHEET in book.sheet_names() else []
    paths = [str(r[0]).strip() for r in grid[1:] if r and r[0]]
    if not paths:
        raise ThiDuaError("Chưa chọn tệp hoặc thư mục nào để tổng hợp.")
    book.status(f"Đang đọc tệp của các đơn vị ({len(paths)} tệp hoặc thư mục đã chọn)…")
    try:
        own = [book.fullname]  # never consolidated into itself when its folder is chosen
    except ThiDuaError:
        own = []  # a workbook in OneDrive without a copy on this PC: no file here to leave out
    result = run(paths, exclude=own)
    book.status("Đang ghi dữ liệu tổng hợp vào sổ…")
    for spec in S.RECORD_SHEETS:
        sheet_grid = book.read(spec.name) if spec.name in book.sheet_names() else []
        if len(sheet_grid) > 1:
            book.clear(spec.name, 2, 1, len(sheet_grid) - 1, len(spec.columns))
        block = _master_block(spec, result.content.rows.get(spec.key, []))
        if block:
            book.write(spec.name, 2, 1, block)
    proposals = result.content.rows.get(S.UNIT_PROPOSALS.key) or []
    if proposals or S.UNIT_PROPOSALS.name in book.sheet_names():  # the units' proposals: one list for the Hội đồng
        old = book.read(S.UNIT_PROPOSALS.name) if S.UNIT_PROPOSALS.name in book.sheet_names() else []
        if len(old) > 1:
            book.clear(S.UNIT_PROPOSALS.name, 2, 1, len(old) - 1, max(len(S.UNIT_PROPOSALS.columns), len(old[0])))
        book.write(S.UNIT_PROPOSALS.name, 1, 1,
                   [S.UNIT_PROPOSALS.headers] + _master_block(S.UNIT_PROPOSALS, proposals))
    log_grid = book.read(S.SOURCES_SHEET) if S.SOURCES_SHEET in book.sheet_names() else []
    if len(log_grid) > 1:
        book.clear(S.SOURCES_SHEET, 2, 1, len(log_grid) - 1, len(S.SOURCES_COLUMNS))
    log = [[row.get(c.key) for c in S.SOURCES_COLUMNS] for row in result.content.sources]
    book.write(S.SOURCES_SHEET, 1, 1, [[c.header for c in S.SOURCES_COLUMNS]] + log)
    statuses = [f.status for f in result.files]
    book.alert(f"Đã tổng hợp {len(result.files)} tệp: {statuses.count('ok')} đạt, "
               f"{statuses.count('duplicate')} trùng, {statuses.count('error')} lỗi; "
               f"{result.total_rows} công trình, phần việc"
               + (f"; {len(proposals)} đề nghị khen thưởng (trang '{S.UNIT_PROPOSALS.name}')" if proposals else "")
               + f". Xem trang '{S.SOURCES_SHEET}'.", TITLE)


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


def _decision_inputs(book: XlwingsBook, job: str = "decision"):
    from .awards import blocking
    data, findings = _validated(book)
    errors = blocking(data, findings, job)
    if errors:
        _select_first(book, errors)
        raise ThiDuaError(f"Có {len(errors)} lỗi ở các trang dùng để lập quyết định (xem cột 'Kiểm tra'); "
                          "sửa rồi bấm lại.")
    sheet, row = book.selection()
    return data, selected_decision(data, sheet, row)


def decision(book: XlwingsBook):
    """Nút 'Lập quyết định': the decision on the selected row, with its annex."""
    from .awards import decision_file_stem, make_decision
    data, number = _decision_inputs(book)
    book.status(f"Đang lập Quyết định {number}…")
    path = make_decision(data, number, _output(book, decision_file_stem(number)))
    book.alert(f"Đã lập Quyết định {number}: {path}", TITLE)


def certificates(book: XlwingsBook, phoi: bool = False):
    """Nút 'In giấy khen': one page per recipient of the decision on the selected
    row (``phoi=True``: only the fields, at the Mẫu in phôi positions)."""
    _print_certificates(book, phoi)


def certificates_phoi(book: XlwingsBook):
    """Nút 'In trên phôi': the certificates of the decision on the selected row,
    only the variable fields, each at its position on the Mẫu in phôi sheet."""
    _print_certificates(book, phoi=True)


def calibrate(book: XlwingsBook):
    """Nút 'Lưới căn chỉnh phôi': a millimetre grid with the box of every field
    of the Mẫu in phôi sheet, as a PDF in BaoCao, to hold against a blank phôi."""
    from .awards.calibrate import write_calibration
    from .awards.certificates import layout
    from .job_sheets import for_job
    data, findings = _validated(book)
    sheet = data.sheet_names.get("print_layout", S.PRINT_LAYOUT.name)
    errors = for_job(data, findings, "calibrate")[0]
    if errors:
        _select_first(book, errors)
        raise ThiDuaError(f"Có {len(errors)} lỗi ở trang '{sheet}' (xem cột 'Kiểm tra'); sửa rồi bấm lại.")
    path = write_calibration(layout(data), _output(book, "HieuChinhPhoi", ".pdf"))
    book.alert(f"Đã ghi lưới căn chỉnh phôi: {path}. In ở tỷ lệ 100% (Actual size, không chọn Fit to page), khổ A4 "
               f"ngang; đặt lên tờ phôi trắng, đọc toạ độ từng trường rồi sửa trang '{sheet}'.", TITLE)


def _print_certificates(book: XlwingsBook, phoi: bool) -> None:
    from .awards import decision_file_stem, make_certificates
    data, number = _decision_inputs(book, "certificates")
    stem = decision_file_stem(number, "GiayKhen" + ("_Phoi" if phoi else ""))
    book.status(f"Đang in giấy khen của Quyết định {number}…")
    result = make_certificates(data, number, _output(book, stem), phoi=phoi)
    skipped = (f" Bỏ qua {len(result.skipped)} dòng chỉ ghi số lượng, không có tên." if result.skipped else "")
    how = " trên phôi (chỉ các trường; in ở tỷ lệ 100%, khổ A4 ngang)" if phoi else ""
    book.alert(f"Đã in {result.printed} giấy khen{how}: {result.path}.{skipped}", TITLE)


def review(book: XlwingsBook):
    """Nút 'Rà soát điều kiện': who qualifies for which title in the report
    year; writes the Rà soát and Danh sách đề nghị sheets."""
    from .review.sheets import run_and_write, summary_text
    data, findings = _validated(book)
    result = run_and_write(book, data)
    book.status("Đang ghi kết quả rà soát…")
    _select(book, S.REVIEW_SHEET, 1, 1)
    book.alert(summary_text(result) + f" Xem trang '{S.REVIEW_SHEET}' và '{S.PROPOSAL_SHEET}'. "
               + jobs.summary_text(findings), TITLE)


def statistics(book: XlwingsBook):
    """Nút 'Thống kê': the ministry's statistical forms for the report year,
    as a workbook in BaoCao, and the Thống kê sheet of this workbook (every
    year it holds; per unit in a master)."""
    from .statistics import make_statistics
    from .statistics.count import yearly
    from .statistics.sheets import STATS_SHEET, yearly_grid
    data, findings = _validated(book)
    sheets = {data.sheet_names.get(k) for k in ("awards", "plans")}
    errors = [f for f in findings if f.severity == "error" and f.sheet in sheets]
    if errors:
        _select_first(book, errors)
        raise ThiDuaError(f"Có {len(errors)} lỗi ở trang Khen thưởng hoặc Kế hoạch (xem cột 'Kiểm tra'); sửa rồi "
                          "bấm lại.")
    year = data.report_year
    if not year:
        raise ThiDuaError("Chưa có năm thống kê: ghi 'Ngày ban hành' ở trang Thông tin.")
    book.status(f"Đang lập biểu thống kê năm {year}…")
    path, st = make_statistics(data, year, _output(book, f"ThongKe_{year}", ".xlsx"))
    unit = data.info.get("unit_name") if isinstance(data.info.get("unit_name"), str) else ""
    grid = yearly_grid(yearly(data), unit or "")
    if STATS_SHEET in book.sheet_names():
        old = book.read(STATS_SHEET)
        if old:
            book.clear(STATS_SHEET, 1, 1, len(old), max(len(r) for r in old))
    book.write(STATS_SHEET, 1, 1, grid)
    notes = (" Lưu ý: " + " ".join(st.notes)) if st.notes else ""
    book.alert(f"Đã lập biểu thống kê năm {year}: {path}. Trang '{STATS_SHEET}' đã được cập nhật.{notes}", TITLE)


def dossier(book: XlwingsBook):
    """Nút 'Lập hồ sơ đề nghị': the dossier of the latest meeting's year into
    BaoCao/HoSoDeNghi_<năm>_<ngày>; errors on the sheets it reads stop it."""
    from .dossier import blocking, make_dossier, plan_year
    data, findings = _validated(book)
    errors = blocking(data, findings)
    if errors:
        _select_first(book, errors)
        raise ThiDuaError(f"Có {len(errors)} lỗi ở các trang dùng để lập hồ sơ (xem cột 'Kiểm tra'); sửa rồi bấm lại.")
    year = plan_year(data, None)
    book.status(f"Đang lập hồ sơ đề nghị khen thưởng năm {year}…")
    d, written = make_dossier(data, _output(book, f"HoSoDeNghi_{year}", ""), year)
    lacking = sum(1 for p in d.proposals if any(not i.ok for i in p.checklist))
    book.alert(f"Đã lập hồ sơ đề nghị khen thưởng năm {year}: {len(written)} tệp trong {written[0].path.parent}. "
               f"{len(d.upward)} đề nghị gửi cấp trên, {len(d.own)} đơn vị quyết định; {lacking} đề nghị còn thiếu "
               "(xem tệp DanhMucHoSo).", TITLE)


def register(book: XlwingsBook):
    """Nút 'Vào sổ vàng': the named recipients of the decision on the selected
    row get the next register numbers, written below the last row of Sổ vàng."""
    from .awards.register import entries, write_entries
    data, number = _decision_inputs(book)
    book.status(f"Đang vào sổ vàng Quyết định {number}…")
    rows = entries(data, number, dt.date.today())
    write_entries(book, data, rows)
    _select(book, data.sheet_names["register"], 1, 1)
    book.alert(f"Đã vào sổ vàng {len(rows)} tập thể, cá nhân của Quyết định {rows[0]['decision_number']}: số "
               f"{rows[0]['number']}–{rows[-1]['number']}. Lưu sổ để giữ các số này.", TITLE)


PROMOTE_CELLS = (2, 3)   # _thidua_paths!C2 (numbers) and C3 (signing date), typed by the VBA dialog


def promote(book: XlwingsBook):
    """Nút 'Chuyển sang quyết định': the proposals the Hội đồng passed that the
    unit grants itself go to Khen thưởng, with one new Quyết định row per title
    or form; the numbers and the signing date come from the dialog (VBA writes
    them into the hidden sheet _thidua_paths, column C)."""
    import re
    from .dossier import blocking
    from .dossier.promote import decisions_from_votes
    from .sheet_append import append_rows
    grid = book.read(S.PATHS_SHEET) if S.PATHS_SHEET in book.sheet_names() else []
    # as Excel gives them back (the apostrophe the VBA typed before each is its text prefix, not its value)
    cell = [str(grid[r - 1][2]).lstrip("'") if len(grid) >= r and len(grid[r - 1]) > 2 and grid[r - 1][2] is not None
            else None for r in PROMOTE_CELLS]
    numbers = [n.strip() for n in re.split(r"[;\n]", str(cell[0] or "")) if n.strip()]
    if not numbers or not cell[1]:
        raise ThiDuaError("Chưa có số quyết định hoặc ngày ký: bấm lại nút và ghi đủ hai ô của hộp thoại.")
    data, findings = _validated(book)
    errors = blocking(data, findings)
    if errors:
        _select_first(book, errors)
        raise ThiDuaError(f"Có {len(errors)} lỗi ở các trang dùng để chuyển đề nghị (xem cột 'Kiểm tra'); sửa rồi "
                          "bấm lại.")
    book.status("Đang chuyển các đề nghị đã được thông qua sang quyết định…")
    decisions, awards, skipped = decisions_from_votes(data, numbers, jobs.parse_report_date(str(cell[1]).strip()))
    append_rows(book, data, S.DECISIONS, decisions)
    append_rows(book, data, S.AWARDS, awards)
    said = "; ".join(f"{d['number']} — {d['form']}" for d in decisions)
    book.alert(f"Đã thêm {len(decisions)} quyết định ({said}) và {len(awards)} dòng khen thưởng. Chọn dòng quyết định ở "
               f"trang '{S.DECISIONS.name}' rồi bấm 'Lập quyết định'."
               + (f" Bỏ qua {len(skipped)} đề nghị đã có ở trang '{S.AWARDS.name}'." if skipped else ""), TITLE)
