"""The jobs behind every button and command — validate, compute, report —
written once against the workbook-access layer. Each reads a sheet in one
call and writes each result column in one call, whatever the row count."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Callable

from . import schema as S
from .access import BookAccess
from .completion import Totals, compute
from .bulk import bulk_objects
from .records import WorkbookData, read_workbook
from .validation import ERROR, SEVERITY_VN, Finding, has_errors, summary_text, validate
from .vntext import percent_text, who

INFO_CHECK_COL = len(S.INFO_HEADERS)  # column D of Thông tin


def _messages_by_row(findings: list[Finding], sheet: str) -> dict[int, str]:
    rows: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.sheet == sheet:
            rows[f.row].append(f)
    out = {}
    for row, items in rows.items():
        items.sort(key=lambda f: f.severity != ERROR)
        out[row] = "\n".join(f"{SEVERITY_VN[f.severity]} ({f.column}): {f.message}" for f in items)
    return out


def _column_block(book: BookAccess, data: WorkbookData, sheet: str, first_row: int, col: int,
                  by_row: dict[int, object]) -> None:
    """Write one column from first_row down, covering every earlier value
    (the sheet's extent when it was read), in one call."""
    last = max([data.extents.get(sheet, 0), first_row - 1] + list(by_row))
    if last < first_row:
        return
    book.write(sheet, first_row, col, [[by_row.get(r)] for r in range(first_row, last + 1)])


def write_findings(book: BookAccess, data: WorkbookData, findings: list[Finding]) -> None:
    """Each row's messages into its 'Kiểm tra' column (colours come from the
    conditional formatting set up when the workbook was built)."""
    if "info" in data.sheet_names:
        sheet = data.sheet_names["info"]
        _column_block(book, data, sheet, 2, INFO_CHECK_COL, _messages_by_row(findings, sheet))
    for spec in S.RECORD_SHEETS + S.OPTIONAL_SHEETS:
        loc = data.locations.get(spec.key)
        if loc is None:
            continue
        col = loc.excel_col("check")
        if col is None:
            continue
        sheet = data.sheet_names[spec.key]
        _column_block(book, data, sheet, loc.data_start + 1, col, _messages_by_row(findings, sheet))


def write_statuses(book: BookAccess, data: WorkbookData, totals: Totals) -> None:
    loc = data.locations.get("works")
    if loc is None or loc.excel_col("status") is None:
        return
    by_row = {rec.row: status for rec, status in zip(data.works, totals.statuses)}
    _column_block(book, data, data.sheet_names["works"], loc.data_start + 1, loc.excel_col("status"), by_row)


UNIT_BLOCK = "Theo đơn vị"   # heads the block the builder makes an Excel table


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def summary_rows(data: WorkbookData, totals: Totals) -> list[list[object]]:
    """The Tổng hợp sheet: numbers as numbers (rates in % to one decimal),
    the date as a date. The blocks of fixed size come first, so that the
    per-unit block (an Excel table in a built workbook) always starts on the same row."""
    blank = ["", "", "", "", ""]
    as_of = dt.datetime(totals.as_of.year, totals.as_of.month, totals.as_of.day)
    rows: list[list[object]] = [["Chỉ tiêu", "Giá trị", "", "", ""]]
    rows.append(["Ngày tính", as_of, "", "", ""])
    rows.append(["Số công trình, phần việc, nhiệm vụ đăng ký", totals.works, "", "", ""])
    rows.append(["Đã hoàn thành", totals.done, "", "", ""])
    rows.append(["Tỷ lệ hoàn thành (%)", _rate(totals.rate), "", "", ""])
    rows.append(["Tiến độ bình quân (%)", _rate(totals.mean_progress), "", "", ""])
    rows.append(blank)
    rows.append(["Theo trạng thái", "Số lượng", "", "", ""])
    rows += [[s, totals.by_status.get(s, 0), "", "", ""] for s in S.VOCABULARIES["status"].values]
    rows.append(blank)
    rows.append([UNIT_BLOCK, "Số công trình", "Hoàn thành", "Tỷ lệ (%)", "Khen thưởng"])
    rows += [[u.unit, u.works, u.done, _rate(u.rate), u.awards] for u in totals.by_unit.values()]
    rows.append(blank)
    rows.append(["Theo loại", "Số lượng", "", "", ""])
    rows += [[k, n, "", "", ""] for k, n in sorted(totals.by_kind.items())]
    rows.append(blank)
    rows.append(["Khen thưởng (hình thức)", S.COLLECTIVE, S.INDIVIDUAL, "", ""])
    forms = sorted({form for form, _ in totals.awards})
    rows += [[f, totals.awards.get((f, S.COLLECTIVE), 0), totals.awards.get((f, S.INDIVIDUAL), 0), "", ""]
             for f in forms]
    collectives, individuals = totals.awards_by_kind.get(S.COLLECTIVE, 0), totals.awards_by_kind.get(S.INDIVIDUAL, 0)
    rows.append(["Cộng khen thưởng", collectives, individuals, who(collectives, individuals) or "Chưa có khen thưởng", ""])
    return rows


def write_summary(book: BookAccess, data: WorkbookData, totals: Totals) -> None:
    rows = summary_rows(data, totals)
    previous = book.read(S.SUMMARY_SHEET) if S.SUMMARY_SHEET in book.sheet_names() else []
    if len(previous) > len(rows):
        width = max(len(r) for r in previous)
        book.clear(S.SUMMARY_SHEET, 1, 1, len(previous), max(width, 5))
    book.write(S.SUMMARY_SHEET, 1, 1, rows)


def run_validate(book: BookAccess, write_back: bool = True,
                 read: Callable[[WorkbookData], object] | None = None) -> tuple[WorkbookData, list[Finding]]:
    """The book read and checked; ``read(data)`` is called once the records
    are read, before they are checked (report.Report.read starts the chart)."""
    with bulk_objects():  # the cells written: a list for each row, kept
        data = read_workbook(book)
        if read is not None:
            read(data)
        findings = validate(data)
        if write_back:
            write_findings(book, data, findings)
        return data, findings


def run_compute(book: BookAccess) -> tuple[WorkbookData, list[Finding], Totals]:
    with bulk_objects():  # the statuses and the cells written: a list for each row, kept
        data, findings = run_validate(book)
        totals = compute(data)
        write_statuses(book, data, totals)
        write_summary(book, data, totals)
        return data, findings, totals


def first_error(findings: list[Finding]) -> Finding | None:
    errors = [f for f in findings if f.severity == ERROR] or findings
    return errors[0] if errors else None


def report_file_stem(data: WorkbookData) -> str:
    from .atomic import fit_stem
    number = (data.info.get("doc_number") or "").replace("/", "-").strip("-") or "BaoCao"
    return fit_stem(f"BaoCao_{number}")


def parse_report_date(text: str):
    """``--date 25/11/2026``: a whole day in a plausible year, else a
    Vietnamese error; a bare number (45000, an Excel serial) is never read as a date."""
    from .errors import ThiDuaError
    from .parsing import parse_date
    example = "nhập dạng dd/mm/yyyy, ví dụ 25/11/2026"
    if text.strip().isdigit():
        raise ThiDuaError(f"Ngày '{text}' chỉ là một con số (số ngày kiểu Excel?), không được hiểu thành ngày; {example}.")
    value = parse_date(text)
    if not (value.ok and value.precision == "day"):
        raise ThiDuaError(f"Ngày '{text}' không đọc được; {example}.")
    check_year(value.start.year, f"Ngày '{text}'")
    return value.start


def check_year(year: int, what: str) -> int:
    """A year of this work (``--year``, a typed date), else a Vietnamese error."""
    from .errors import ThiDuaError
    from .parsing import PLAUSIBLE_YEARS
    low, high = PLAUSIBLE_YEARS
    if not low <= year <= high:
        raise ThiDuaError(f"{what}: năm {year} không hợp lý (chỉ nhận năm từ {low} đến {high}); nhập năm đủ bốn "
                          "chữ số, ví dụ 2025.")
    return year


__all__ = ["run_validate", "run_compute", "write_findings", "summary_rows", "has_errors", "summary_text",
           "first_error", "report_file_stem", "parse_report_date", "check_year"]
