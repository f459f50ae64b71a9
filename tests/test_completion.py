"""Where each work stands as of the report date, and the report's totals,
on the demo workbook (the seed annex) and edits of it."""
from __future__ import annotations

import datetime as dt

import pytest

from xlsrc import schema as S
from xlsrc.completion import compute, postponed_in_text, work_status
from xlsrc.demo_data import demo_content

REPORT_DATE = dt.date(2021, 11, 18)
PTTD = "phong trào thi đua yêu nước giai đoạn 2015-2020"
CCHC = "công tác Cải cách hành chính giai đoạn 2011-2020"


@pytest.fixture()
def demo_data(read_back):
    return read_back(demo_content())


def test_seed_works_as_of_the_report_date(demo_data):
    assert [work_status(w, REPORT_DATE) for w in demo_data.works] == [
        S.STATUS_ONGOING, S.STATUS_DONE, S.STATUS_POSTPONED]


def test_totals_of_the_demo(demo_data):
    t = compute(demo_data)
    assert t.as_of == REPORT_DATE  # the report's Ngày ban hành
    assert t.statuses == [S.STATUS_ONGOING, S.STATUS_DONE, S.STATUS_POSTPONED]
    assert (t.works, t.done) == (3, 1)
    assert t.rate == pytest.approx(100 / 3)
    assert t.mean_progress == pytest.approx(97.5)  # (95 + 100) / 2: the free-text work has no figure
    assert dict(t.by_kind) == {"Công trình": 1, "Phần việc": 2}
    assert dict(t.by_status) == {S.STATUS_ONGOING: 1, S.STATUS_DONE: 1, S.STATUS_POSTPONED: 1}
    unit = t.by_unit["Sở Ngoại vụ"]
    assert (unit.works, unit.done, unit.collectives, unit.individuals, unit.awards) == (3, 1, 4, 14, 18)
    assert unit.rate == pytest.approx(100 / 3)
    assert list(t.by_unit) == ["Sở Ngoại vụ"]


def test_award_totals_of_the_demo(demo_data):
    t = compute(demo_data)
    assert dict(t.awards_by_kind) == {S.COLLECTIVE: 4, S.INDIVIDUAL: 14}
    assert dict(t.awards) == {("Giấy khen", S.COLLECTIVE): 4, ("Giấy khen", S.INDIVIDUAL): 13,
                              ("Chứng nhận điển hình tiên tiến", S.INDIVIDUAL): 1}
    groups = {(g.form, g.field): (g.collectives, g.individuals, g.period) for g in t.award_groups}
    assert groups[("Giấy khen", PTTD)] == (2, 7, "2015-2020")
    assert groups[("Giấy khen", CCHC)] == (2, 6, "2011-2020")
    assert groups[("Chứng nhận điển hình tiên tiến", "phong trào thi đua yêu nước")] == (0, 1, "2015-2020")
    assert len(t.award_groups) == 3


def test_as_of_another_day(demo_data):
    t = compute(demo_data, as_of=dt.date(2021, 3, 1))
    # work 3 (Tháng 7 – Tháng 9) is postponed whatever the date; work 2 is 100%
    assert t.statuses == [S.STATUS_ONGOING, S.STATUS_DONE, S.STATUS_POSTPONED]
    t = compute(demo_data, as_of=dt.date(2023, 1, 15))
    assert t.statuses == [S.STATUS_LATE, S.STATUS_DONE, S.STATUS_POSTPONED]  # "Năm 2022" is over, 95%


STATUS_CASES = [
    ("late-day", dict(start="01/01/2021", planned_finish="30/6/2021", progress=0.4), S.STATUS_LATE),
    ("late-month", dict(start="Tháng 4", planned_finish="Tháng 10", progress=0.5), S.STATUS_LATE),
    ("finish-month-not-over", dict(start="Tháng 4", planned_finish="Tháng 11", progress=0.5), S.STATUS_ONGOING),
    ("late-no-progress", dict(start="Quý I/2021", planned_finish="Quý III/2021", progress=None), S.STATUS_LATE),
    ("not-started-future", dict(start="Tháng 12/2021", planned_finish="Năm 2022", progress=None),
     S.STATUS_NOT_STARTED),
    ("not-started-future-0", dict(start="01/12/2021", planned_finish="Năm 2022", progress=0), S.STATUS_NOT_STARTED),
    ("not-started-no-dates-0", dict(start=None, planned_finish=None, progress=0), S.STATUS_NOT_STARTED),
    ("start-month-begun", dict(start="Tháng 11", planned_finish="Năm 2022", progress=None), S.STATUS_ONGOING),
    ("unknown", dict(start=None, planned_finish=None, progress=None), S.STATUS_UNKNOWN),
    ("unknown-unreadable", dict(start="sau Tết", planned_finish="khi có kinh phí", progress="chưa có số liệu"),
     S.STATUS_UNKNOWN),
    ("postponed-declared", dict(progress=0.3, declared_status=S.STATUS_POSTPONED), S.STATUS_POSTPONED),
    ("postponed-declared-alias", dict(progress=0.3, declared_status="Tạm hoãn"), S.STATUS_POSTPONED),
    ("postponed-in-note", dict(progress=0.3, note="Đề nghị lùi thời gian sang năm 2022"), S.STATUS_POSTPONED),
    ("done-by-actual-finish", dict(planned_finish="Năm 2021", progress=0.3, actual_finish="01/11/2021"),
     S.STATUS_DONE),
    ("actual-finish-after-as-of", dict(planned_finish="Năm 2022", progress=0.3, actual_finish="01/12/2021"),
     S.STATUS_ONGOING),
    ("done-declared-no-figure", dict(progress=None, declared_status=S.STATUS_DONE), S.STATUS_DONE),
    ("done-100-past-finish", dict(start="Tháng 1", planned_finish="Tháng 3", progress=1), S.STATUS_DONE),
]


@pytest.mark.parametrize("edit,status", [c[1:] for c in STATUS_CASES], ids=[c[0] for c in STATUS_CASES])
def test_status(read_back, edit, status):
    content = demo_content()
    content.rows["works"][0].update(edit)
    data = read_back(content)
    assert work_status(data.works[0], REPORT_DATE) == status
    assert compute(data).statuses[0] == status


def test_totals_by_unit_in_a_consolidated_book(read_back):
    content = demo_content()
    works = content.rows["works"]
    works[0]["unit"] = "Sở Tư pháp"
    works[1]["unit"] = "Sở Ngoại vụ"
    works[2]["unit"] = "Sở Tư pháp"
    content.rows["awards"][0]["unit"] = "Sở Tư pháp"
    t = compute(read_back(content))
    tp, nv = t.by_unit["Sở Tư pháp"], t.by_unit["Sở Ngoại vụ"]
    assert (tp.works, tp.done, tp.collectives, tp.individuals) == (2, 0, 2, 0)
    assert (nv.works, nv.done, nv.collectives, nv.individuals) == (1, 1, 2, 14)
    assert tp.rate == 0 and nv.rate == 100


def test_empty_book_totals(read_back):
    content = demo_content()
    content.rows["works"] = []
    content.rows["awards"] = []
    t = compute(read_back(content))
    assert (t.works, t.done, t.rate, t.mean_progress) == (0, 0, None, None)
    assert not t.awards_by_kind and t.award_groups == [] and t.statuses == []


def test_progress_out_of_range_is_clamped_in_the_mean(read_back):
    content = demo_content()
    content.rows["works"][0]["progress"] = "150%"
    content.rows["works"][1]["progress"] = "100%"
    assert compute(read_back(content)).mean_progress == pytest.approx(100)


def test_postponed_words():
    assert postponed_in_text("đề nghị UBND tỉnh cho phép lùi thời gian tổ chức lớp tiếng Lào sang năm 2022")
    assert postponed_in_text("TẠM HOÃN do dịch Covid-19")
    assert not postponed_in_text("dự kiến khởi công trong tháng 12/2021")
    assert not postponed_in_text("")
