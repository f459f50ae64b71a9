"""Validation of the review sheets: names that match no one across sheets,
years outside 2000–2100, two ratings for one person in one year, the same
name twice in one unit without a code, a sáng kiến without its decision,
and thresholds of Tiêu chuẩn that are blank or unreadable."""
from __future__ import annotations

from .. import schema as S
from ..vntext import nfc
from .people import AMBIGUOUS, UNKNOWN_CODE, Directory, name_key
from .service import hire_span
from .standards import THRESHOLDS, for_rule, make_standard, rule_of

YEAR_MIN, YEAR_MAX = 2000, 2100
ERROR, WARNING = "error", "warning"


def _years(out, spec: S.SheetSpec, records) -> None:
    for rec in records:
        year = rec["year"]
        if isinstance(year, int) and not YEAR_MIN <= year <= YEAR_MAX:
            out.add(spec, rec, "year", ERROR, "YEAR_OUT_OF_RANGE",
                    f"Năm {year} nằm ngoài khoảng {YEAR_MIN}–{YEAR_MAX}.")


def _staff(out, directory: Directory) -> None:
    codes: dict[str, int] = {}
    first_of: dict[tuple[str, str], int] = {}
    for p in directory.people:
        rec = p.record
        hired = rec.raw.get("hire_date")
        if nfc(hired) and hire_span(hired) is None:
            out.add(S.STAFF, rec, "hire_date", WARNING, "HIRE_DATE_UNREADABLE",
                    f"Không đọc được Ngày tuyển dụng '{nfc(hired)}' (ghi dd/mm/yyyy, mm/yyyy hoặc năm); khi rà soát, "
                    "thời gian công tác của người này là 'Chưa đủ dữ liệu'.")
        if p.code:
            key = name_key(p.code)
            if key in codes:
                out.add(S.STAFF, rec, "staff_code", ERROR, "STAFF_CODE_DUPLICATE",
                        f"Mã cán bộ '{p.code}' trùng với dòng {codes[key]}.")
            else:
                codes[key] = rec.row
        elif p.duplicate:
            first = first_of.setdefault((p.key, p.unit_key), rec.row)
            if first != rec.row:
                out.add(S.STAFF, rec, "name", ERROR, "STAFF_SAME_NAME",
                        f"'{p.name}' trùng họ tên với dòng {first} trong cùng đơn vị '{p.unit}'; "
                        "nhập Mã cán bộ cho cả hai người để phân biệt.")


def _who(out, spec, rec, match, name_col: str, what: str, severity: str = ERROR) -> None:
    if match.person is not None:
        return
    name = rec.text(name_col)
    if match.problem == UNKNOWN_CODE:
        out.add(spec, rec, "staff_code", severity, "PERSON_UNKNOWN",
                f"Mã cán bộ '{rec.text('staff_code')}' không có ở trang Cán bộ.")
    elif match.problem == AMBIGUOUS:
        out.add(spec, rec, name_col, severity, "PERSON_AMBIGUOUS",
                f"Có nhiều cán bộ tên '{name}'{what}; ghi Mã cán bộ hoặc Đơn vị để biết là ai.")
    else:
        out.add(spec, rec, name_col, severity, "PERSON_UNKNOWN",
                f"'{name}'{what} không có ở trang Cán bộ (so theo Mã cán bộ, hoặc họ tên và Đơn vị).")


def _ratings(out, data, directory: Directory) -> None:
    seen: dict[tuple, int] = {}
    units = {c.key for c in directory.collectives.values() if c.members}
    for rec in data.ratings:
        subject = rec.text("subject")
        if not subject:
            continue
        if rec["recipient_kind"] == S.COLLECTIVE:
            who = ("tt", name_key(subject))
            if name_key(subject) not in units and directory.people:
                out.add(S.RATINGS, rec, "subject", WARNING, "COLLECTIVE_UNKNOWN",
                        f"Tập thể '{subject}' không có cán bộ nào ở trang Cán bộ (cột Đơn vị); không xét được "
                        "tỷ lệ thành viên.")
        else:
            match = directory.find(rec.raw.get("subject"), rec.raw.get("staff_code"), rec.raw.get("department"))
            _who(out, S.RATINGS, rec, match, "subject", "")
            who = ("cn", id(match.person)) if match.person else None
        if who is None or not isinstance(rec["year"], int):
            continue
        first = seen.setdefault(who + (rec["year"],), rec.row)
        if first != rec.row:
            out.add(S.RATINGS, rec, "year", ERROR, "RATING_DUPLICATE",
                    f"'{subject}' đã có đánh giá năm {rec['year']} ở dòng {first}; mỗi năm chỉ một dòng.")


def _initiatives(out, data, directory: Directory) -> None:
    for rec in data.initiatives:
        if rec.text("name"):
            match = directory.find(rec.raw.get("name"), rec.raw.get("staff_code"), rec.raw.get("department"))
            _who(out, S.INITIATIVES, rec, match, "name", "")
        if rec.text("title") and not rec.text("decision"):
            out.add(S.INITIATIVES, rec, "decision", WARNING, "INITIATIVE_NO_DECISION",
                    "Chưa ghi số và ngày quyết định công nhận; khi rà soát, sáng kiến này chưa được tính là "
                    "đã công nhận (kết quả có thể là 'Chưa đủ dữ liệu').")


def _awards(out, data, directory: Directory) -> None:
    if not directory.people:
        return
    for rec in data.awards:
        if rec["recipient_kind"] != S.INDIVIDUAL or not rec.text("recipient") or not isinstance(rec["year"], int):
            continue
        match = directory.find(rec.raw.get("recipient"), rec.raw.get("staff_code"), rec.raw.get("recipient_unit"),
                               loose_unit=True)
        _who(out, S.AWARDS, rec, match, "recipient", " (khen thưởng có ghi Năm)", WARNING)


def _standards(out, data) -> None:
    for rec in data.standards:
        rule = rule_of(rec.raw.get("title"))
        if rule is None or not for_rule(rec, rule):
            continue
        st = make_standard(rule, rec.text("title"), rec.text("basis"), rec.row, rec.raw.get)
        for key in st.defaulted:
            out.add(S.STANDARDS, rec, key, WARNING, "STANDARD_DEFAULT",
                    f"Ô '{S.STANDARDS.column(key).header}' để trống: dùng ngưỡng mặc định theo "
                    f"{st.basis}.")
        for key in THRESHOLDS:
            if S.STANDARDS.column(key).header in st.unreadable:
                out.add(S.STANDARDS, rec, key, ERROR, "STANDARD_UNREADABLE",
                        f"Không đọc được ngưỡng '{rec.text(key)}'; mọi kết quả của '{st.title}' sẽ là "
                        "'Chưa đủ dữ liệu' cho tới khi sửa.")


def check_review_sheets(out) -> None:
    data = out.data
    if not (data.staff or data.ratings or data.initiatives or data.standards):
        return
    directory = Directory(data.staff)
    _staff(out, directory)
    for spec, records in ((S.RATINGS, data.ratings), (S.INITIATIVES, data.initiatives), (S.AWARDS, data.awards)):
        _years(out, spec, records)
    _ratings(out, data, directory)
    _initiatives(out, data, directory)
    _awards(out, data, directory)
    _standards(out, data)
