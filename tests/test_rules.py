"""Validation rules and completion, on workbooks edited with one mistake each."""
from __future__ import annotations

import datetime as dt

import pytest

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.completion import compute, work_status
from xlsrc.demo_data import demo_content
from xlsrc.records import read_workbook
from xlsrc.validation import ERROR, WARNING, validate


def _findings(tmp_path, edit):
    content = demo_content()
    edit(content)
    data = read_workbook(FileBook(write_workbook(tmp_path / "wb.xlsx", content)))
    return data, validate(data)


def _only(findings, code):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [f.line() for f in findings]
    return found[0]


def test_demo_has_no_errors_only_the_free_text_progress_warning(tmp_path):
    _, findings = _findings(tmp_path, lambda c: None)
    assert [(f.code, f.severity, f.cell) for f in findings] == [("PROGRESS_TEXT", WARNING, "H4")]


def _set(sheet, index, **values):
    return lambda c: c.rows[sheet][index].update(values)


CASES = [
    # (edit, code, severity, sheet, row, column header, cell)
    (_set("works", 0, name=None), "REQUIRED_EMPTY", ERROR, "Công trình", 2, "Tên công trình, phần việc", "B2"),
    (_set("works", 1, start="Tháng 14/2021"), "DATE_UNREADABLE", ERROR, "Công trình", 3, "Ngày khởi công", "E3"),
    (_set("works", 1, planned_finish="Tháng 2"), "FINISH_BEFORE_START", ERROR, "Công trình", 3, "Ngày hoàn thành",
     "F3"),
    (_set("works", 0, progress="150%"), "PROGRESS_OUT_OF_RANGE", ERROR, "Công trình", 2,
     "Tiến độ hoàn thành (%)", "H2"),
    (_set("works", 1, declared_status=S.STATUS_ONGOING), "PROGRESS_STATUS_MISMATCH", ERROR, "Công trình", 3,
     "Tình trạng (đơn vị ghi)", "I3"),
    (_set("works", 0, declared_status=S.STATUS_DONE), "PROGRESS_STATUS_MISMATCH", ERROR, "Công trình", 2,
     "Tình trạng (đơn vị ghi)", "I2"),
    (_set("awards", 1, form="Huy hiệu vàng tự đặt"), "AWARD_FORM_UNKNOWN", ERROR, "Khen thưởng", 3,
     "Hình thức, danh hiệu", "B3"),
    (_set("awards", 0, form="Chiến sĩ thi đua cơ sở"), "AWARD_RECIPIENT_KIND", ERROR, "Khen thưởng", 2,
     "Đối tượng", "C2"),
    (_set("awards", 1, form="Tập thể lao động xuất sắc"), "AWARD_RECIPIENT_KIND", ERROR, "Khen thưởng", 3,
     "Đối tượng", "C3"),
    (_set("awards", 0, recipient_kind="Hộ gia đình"), "RECIPIENT_KIND_UNKNOWN", ERROR, "Khen thưởng", 2,
     "Đối tượng", "C2"),
    (_set("plans", 4, number="84/KHSNgV abc"), "DOC_NUMBER_FORMAT", ERROR, "Kế hoạch", 6, "Số, ký hiệu", "C6"),
    (lambda c: c.rows["plans"].append(dict(c.rows["plans"][1], order=99)), "DUPLICATE_ROW", ERROR, "Kế hoạch", 13,
     "Số, ký hiệu", "C13"),
    (lambda c: c.info.update(signer_title=None), "REQUIRED_EMPTY", ERROR, "Thông tin", 17, "Chức vụ người ký",
     "B17"),
    (lambda c: c.info.update(signer_name=None), "SIGNER_NAME_EMPTY", WARNING, "Thông tin", 18, "Người ký", "B18"),
    (lambda c: c.info.update(basis="99/KH-UBND"), "DOC_NOT_LISTED", WARNING, "Thông tin", 11, "Văn bản căn cứ",
     "B11"),
    (_set("awards", 4, count=None, recipient=None), "RECIPIENT_NAME_EMPTY", WARNING, "Khen thưởng", 6,
     "Tên tập thể, cá nhân", "E6"),
]


@pytest.mark.parametrize("edit,code,severity,sheet,row,column,cell", CASES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule(tmp_path, edit, code, severity, sheet, row, column, cell):
    _, findings = _findings(tmp_path, edit)
    f = _only(findings, code)
    assert (f.severity, f.sheet, f.row, f.column, f.cell) == (severity, sheet, row, column, cell)
    assert f.file == "wb.xlsx"
    assert any(ch in f.message for ch in "ạảãáàăâêôơưđ"), f.message  # Vietnamese, with diacritics


def test_statuses_of_the_seed_works_as_of_the_report_date(tmp_path):
    data, _ = _findings(tmp_path, lambda c: None)
    totals = compute(data)
    assert totals.as_of == dt.date(2021, 11, 18)
    assert totals.statuses == [S.STATUS_ONGOING, S.STATUS_DONE, S.STATUS_POSTPONED]
    assert (totals.works, totals.done, round(totals.rate, 1), totals.mean_progress) == (3, 1, 33.3, 97.5)
    assert dict(totals.by_kind) == {"Công trình": 1, "Phần việc": 2}
    assert totals.by_unit["Sở Ngoại vụ"].works == 3 and totals.by_unit["Sở Ngoại vụ"].done == 1
    assert dict(totals.awards_by_kind) == {S.COLLECTIVE: 4, S.INDIVIDUAL: 14}
    group = next(g for g in totals.award_groups if g.field == "phong trào thi đua yêu nước giai đoạn 2015-2020")
    assert (group.form, group.collectives, group.individuals) == ("Giấy khen", 2, 7)


@pytest.mark.parametrize("edit,status", [
    (dict(start="01/01/2021", planned_finish="30/6/2021", progress=0.4), S.STATUS_LATE),
    (dict(start="Tháng 12/2021", planned_finish="Năm 2022", progress=None), S.STATUS_NOT_STARTED),
    (dict(start=None, planned_finish=None, progress=None), S.STATUS_UNKNOWN),
    (dict(start="Năm 2021", planned_finish="Năm 2022", progress=0.3, declared_status=S.STATUS_POSTPONED),
     S.STATUS_POSTPONED),
    (dict(start="Năm 2021", planned_finish="Năm 2021", progress=0.3, actual_finish="01/11/2021"), S.STATUS_DONE),
])
def test_other_statuses(tmp_path, edit, status):
    data, _ = _findings(tmp_path, lambda c: c.rows["works"][0].update(edit))
    assert work_status(data.works[0], dt.date(2021, 11, 18)) == status
