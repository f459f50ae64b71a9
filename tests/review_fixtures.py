"""Builders for the review tests: real workbooks made by the project's own
builder, read back through the file access layer."""
from __future__ import annotations

import itertools

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.builder import Content, write_workbook
from xlsrc.records import read_workbook

HTXS, HTT, HT, KHT = S.VOCABULARIES["rating"].values
LDTT, CSTDCS, CSTD_TINH, BK = ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cấp tỉnh",
                               "Bằng khen của Chủ tịch UBND tỉnh")
TTLDTT, TTLDXS = "Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc"
UNIT = "Phòng Tổng hợp"
_n = itertools.count()


def person(name, unit=UNIT, code="", position="Chuyên viên", **extra):
    """A row of Cán bộ; ``extra``: other columns by key (hire_date …)."""
    return {"name": name, "staff_code": code, "department": unit, "position": position, **extra}


def rate(year, name, rating=HTT, movement="Có", discipline="", unit="", code="", **extra):
    """A row of Đánh giá; ``extra``: other columns by key (discipline_date, leave_days …)."""
    return {"year": year, "recipient_kind": S.INDIVIDUAL, "subject": name, "rating": rating, "movement": movement,
            "discipline": discipline, "department": unit, "staff_code": code, **extra}


def standards_with(**changes):
    """The default standards with some cells changed: {title: {column key: value}}."""
    from xlsrc.review.defaults import default_standard_rows
    rows = default_standard_rows()
    for row in rows:
        row.update(changes.get(row["title"], {}))
    return rows


def rate_unit(year, name=UNIT, rating=HTT, solidarity="Có"):
    return {"year": year, "recipient_kind": S.COLLECTIVE, "subject": name, "rating": rating, "solidarity": solidarity}


def idea(year, name, scope="Cơ sở", decision="10/QĐ-SNgV ngày 01/12/2025", title=None):
    return {"year": year, "name": name, "title": title or f"Sáng kiến {next(_n)}", "kind": "Sáng kiến",
            "scope": scope, "decision": decision}


def award(year, name, form=CSTDCS, award_type="Thường xuyên", unit=UNIT):
    return {"form": form, "recipient_kind": S.INDIVIDUAL, "recipient": name, "recipient_unit": unit,
            "field": "Thành tích năm công tác", "year": year, "award_type": award_type}


def workbook(folder, staff=(), ratings=(), initiatives=(), awards=(), standards=None, report_year=2025):
    rows = {"staff": list(staff), "ratings": list(ratings), "initiatives": list(initiatives), "awards": list(awards)}
    if standards is not None:
        rows["standards"] = standards
    path = folder / f"review_{next(_n)}.xlsx"
    write_workbook(path, Content(info={"report_year": report_year}, rows=rows))
    return path


def read(path):
    return read_workbook(FileBook(path))


def results(folder, year=None, **sheets):
    """{(recipient, title): Entry} of the review of a freshly built workbook."""
    from xlsrc.review import run_review
    review = run_review(read(workbook(folder, **sheets)), year)
    return {(e.recipient, e.title): e for e in review.entries}
