"""completion.py's totals on records made in memory (fast enough for
mutation testing, issue 24): which unit and kind a work counts under, the
mean progress with out-of-range values clamped, two parts joined as one
table, and which awards a report counts (year, decision date, count)."""
from __future__ import annotations

import datetime as dt

import pytest

from xlsrc import schema as S
from xlsrc.completion import (Totals, UnitTotals, add_awards, award_count, compute, decided_after, work_status,
                              join_works_totals, reported_awards, works_totals)
from xlsrc.parsing import parse_date, parse_progress
from xlsrc.records import Record, WorkbookData

AS_OF = dt.date(2021, 11, 18)


def work(progress=None, finish="Năm 2022", kind=None, unit=None, owner=None) -> Record:
    values = {"start": parse_date("Tháng 1/2021", 2021), "planned_finish": parse_date(finish, 2021),
              "actual_finish": parse_date(None), "progress": parse_progress(progress), "declared_status": None,
              "note": None, "kind": kind, "unit": unit, "owner": owner}
    return Record(S.WORKS, 10, {}, values)


def award(kind=S.INDIVIDUAL, form="Giấy khen", count=None, year=2021, decided=None, unit=None, field="",
          period="") -> Record:
    values = {"recipient_kind": kind, "form": form, "count": count, "year": year,
              "decision_date": parse_date(decided, 2021), "unit": unit, "field": field, "period": period}
    return Record(S.AWARDS, 10, {}, values)


def book(works=(), awards=(), unit_name="Sở Ngoại vụ", doc_date="18/11/2021", report_year=None) -> WorkbookData:
    info = {"unit_name": unit_name, "doc_date": parse_date(doc_date, 2021)}
    if report_year is not None:
        info["report_year"] = report_year
    return WorkbookData("so.xlsx", info=info, records={"works": list(works), "awards": list(awards)})


def test_a_work_counts_under_its_unit_then_its_owner_then_the_book_then_unknown():
    works = [work(unit="Sở A"), work(unit="Sở A", owner="Phòng B"), work(owner="Phòng B"), work()]
    t = works_totals(works, AS_OF, "Sở Ngoại vụ")
    assert {u: x.works for u, x in t.by_unit.items()} == {"Sở A": 2, "Phòng B": 1, "Sở Ngoại vụ": 1}
    t = works_totals([work()], AS_OF)
    assert list(t.by_unit) == ["Chưa rõ đơn vị"]


def test_kinds_statuses_and_the_done_count():
    works = [work(100, kind="Công trình"), work(50, kind="Phần việc"), work(30, finish="Tháng 3/2021"), work(None)]
    t = works_totals(works, AS_OF, "Sở A")
    assert t.statuses == [S.STATUS_DONE, S.STATUS_ONGOING, S.STATUS_LATE, S.STATUS_ONGOING]
    assert dict(t.by_kind) == {"Công trình": 1, "Phần việc": 1, "Chưa phân loại": 2}
    assert (t.works, t.done) == (4, 1)
    assert t.rate == 25.0
    assert (t.by_unit["Sở A"].works, t.by_unit["Sở A"].done) == (4, 1)
    assert t.by_unit["Sở A"].rate == 25.0


def test_the_mean_progress_clamps_to_0_100_and_skips_works_without_a_figure():
    t = works_totals([work(150), work(-20), work(40), work(None), work("đang làm")], AS_OF)
    assert t.progresses == [100.0, 0.0, 40.0]
    assert t.mean_progress == pytest.approx(140 / 3)
    assert works_totals([work(None)], AS_OF).mean_progress is None


def test_no_works_no_rate():
    t = works_totals([], AS_OF)
    assert (t.works, t.done, t.rate, t.mean_progress) == (0, 0, None, None)
    assert UnitTotals("Sở A").rate is None and Totals(AS_OF).rate is None


def test_two_parts_joined_are_the_whole_table():
    works = [work(100, unit="Sở A"), work(20, unit="Sở B", kind="Công trình"), work(None, unit="Sở A"),
             work(70, unit="Sở B", finish="Tháng 3/2021"), work(100, unit="Sở B")]
    whole = works_totals(works, AS_OF)
    joined = join_works_totals([works_totals(works[:2], AS_OF), works_totals(works[2:], AS_OF)])
    assert joined.as_of == whole.as_of
    assert (joined.statuses, joined.works, joined.done) == (whole.statuses, whole.works, whole.done)
    assert (joined.by_status, joined.by_kind, joined.progresses) == (whole.by_status, whole.by_kind,
                                                                    whole.progresses)
    assert joined.mean_progress == pytest.approx(whole.mean_progress)
    assert {u: (x.works, x.done) for u, x in joined.by_unit.items()} == \
        {u: (x.works, x.done) for u, x in whole.by_unit.items()} == {"Sở A": (2, 1), "Sở B": (3, 1)}
    empty = join_works_totals([works_totals([], AS_OF)])
    assert empty.mean_progress is None and empty.works == 0


@pytest.mark.parametrize("count, n", [(None, 1), (0, 1), (-3, 1), (1, 1), (4, 4), ("4", 1), (2.5, 1)])
def test_a_row_counts_its_number_of_recipients_or_one(count, n):
    assert award_count(award(count=count)) == n


@pytest.mark.parametrize("decided, after", [("17/11/2021", False), ("18/11/2021", False), ("19/11/2021", True),
                                            (None, False), ("sau Tết", False)])
def test_a_decision_dated_after_the_report_day_is_left_out(decided, after):
    assert decided_after(award(decided=decided), AS_OF) is after


@pytest.mark.parametrize("year, counted", [(2021, True), (None, True), (2020, False), (2022, False)])
def test_the_report_counts_awards_of_its_year_or_without_a_year(year, counted):
    data = book(awards=[award(year=year)])
    assert (reported_awards(data) != []) is counted


def test_without_a_report_year_every_award_counts():
    data = book(awards=[award(year=2019), award(year=2022)], doc_date=None)
    assert len(reported_awards(data)) == 2


def test_awards_are_counted_by_form_kind_group_and_unit():
    data = book(awards=[
        award(S.COLLECTIVE, "Bằng khen", count=2, unit="Sở A", field="CCHC", period="2021"),
        award(S.INDIVIDUAL, "Bằng khen", count=3, unit="Sở A", field="CCHC", period="2021"),
        award(S.INDIVIDUAL, "Giấy khen", field="CCHC", period="2021"),
        award(S.INDIVIDUAL, "Giấy khen", count=5, decided="19/11/2021"),   # decided after the report: out
        award(S.INDIVIDUAL, "Giấy khen", count=7, year=2020),              # an earlier year: history
        award("Khác", "Giấy khen", count=2),                               # neither kind: counted, not split
    ])
    t = Totals(AS_OF)
    add_awards(t, data)
    assert dict(t.awards) == {("Bằng khen", S.COLLECTIVE): 2, ("Bằng khen", S.INDIVIDUAL): 3,
                              ("Giấy khen", S.INDIVIDUAL): 1, ("Giấy khen", "Khác"): 2}
    assert dict(t.awards_by_kind) == {S.COLLECTIVE: 2, S.INDIVIDUAL: 4, "Khác": 2}
    groups = {(g.form, g.field, g.period): (g.collectives, g.individuals) for g in t.award_groups}
    assert groups == {("Bằng khen", "CCHC", "2021"): (2, 3), ("Giấy khen", "CCHC", "2021"): (0, 1),
                      ("Giấy khen", "", ""): (0, 0)}
    units = {u: (x.collectives, x.individuals, x.awards) for u, x in t.by_unit.items()}
    assert units == {"Sở A": (2, 3, 5), "Sở Ngoại vụ": (0, 1, 1)}


def test_awards_without_a_unit_in_a_book_without_a_name_go_to_unknown():
    data = book(awards=[award(S.COLLECTIVE)], unit_name="")
    t = Totals(AS_OF)
    add_awards(t, data)
    assert {u: x.collectives for u, x in t.by_unit.items()} == {"Chưa rõ đơn vị": 1}


def test_compute_is_as_of_the_report_date_or_the_day_given():
    data = book(works=[work(50, finish="19/11/2021")], awards=[award(decided="19/11/2021")])
    t = compute(data)
    assert t.as_of == AS_OF and t.statuses == [S.STATUS_ONGOING] and sum(t.awards.values()) == 0
    t = compute(data, as_of=dt.date(2021, 11, 20))
    assert t.statuses == [S.STATUS_LATE] and sum(t.awards.values()) == 1
    assert list(t.by_unit) == ["Sở Ngoại vụ"]


def test_postponement_said_in_the_progress_cell_or_the_note():
    assert work_status(work("30% (đề nghị lùi thời gian sang năm 2022)"), AS_OF) == S.STATUS_POSTPONED
    postponed = work(30)
    postponed.values["note"] = "Tạm hoãn do dịch bệnh"
    assert work_status(postponed, AS_OF) == S.STATUS_POSTPONED
    assert work_status(work("30% (đang làm)"), AS_OF) == S.STATUS_ONGOING


def test_a_work_not_yet_started_but_with_1_percent_is_under_way():
    future = work(1)
    future.values["start"] = parse_date("01/12/2021")
    assert work_status(future, AS_OF) == S.STATUS_ONGOING
    future.values["progress"] = parse_progress(0)
    assert work_status(future, AS_OF) == S.STATUS_NOT_STARTED


def test_a_negative_progress_without_dates_is_unknown_not_not_started():
    odd = work(-5, finish=None)
    odd.values["start"] = parse_date(None)
    assert work_status(odd, AS_OF) == S.STATUS_UNKNOWN


def test_an_award_row_without_a_decision_date_column_is_not_decided_after():
    assert decided_after(Record(S.AWARDS, 4, {}, {}), AS_OF) is False


def test_joined_unit_totals_keep_their_unit_names():
    joined = join_works_totals([works_totals([work(unit="Sở A")], AS_OF), works_totals([work(unit="Sở B")], AS_OF)])
    assert [(name, u.unit) for name, u in joined.by_unit.items()] == [("Sở A", "Sở A"), ("Sở B", "Sở B")]


def test_works_of_a_book_without_a_name_count_under_unknown_and_units_keep_their_names():
    t = compute(book(works=[work(), work(unit="Sở A")], unit_name=""))
    assert [(name, u.unit) for name, u in t.by_unit.items()] == [("Chưa rõ đơn vị", "Chưa rõ đơn vị"),
                                                                ("Sở A", "Sở A")]


def test_award_groups_differ_by_field_and_by_period():
    data = book(awards=[award(field="CCHC", period="2021"), award(field="Chuyển đổi số", period="2021"),
                        award(field="CCHC", period="2020-2021"), award(field="CCHC", period="2021")])
    t = Totals(AS_OF)
    add_awards(t, data)
    assert [(g.field, g.period, g.individuals) for g in t.award_groups] == [
        ("CCHC", "2021", 2), ("Chuyển đổi số", "2021", 1), ("CCHC", "2020-2021", 1)]


def test_collective_awards_of_one_group_add_up_and_award_units_keep_their_names():
    data = book(awards=[award(S.COLLECTIVE, count=2, unit="Sở A"), award(S.COLLECTIVE, count=3, unit="Sở A")])
    t = Totals(AS_OF)
    add_awards(t, data)
    assert [(g.collectives, g.individuals) for g in t.award_groups] == [(5, 0)]
    assert [(name, u.unit, u.collectives) for name, u in t.by_unit.items()] == [("Sở A", "Sở A", 5)]


def test_the_totals_of_a_table_read_a_column_at_a_time_are_those_of_its_records(tmp_path):
    """works_totals takes a table's values a column at a time from the
    reader's rows: the statuses, units, kinds and progress are those of
    the same records holding their own dicts, walked one at a time."""
    import openpyxl

    from xlsrc.access.files import FileBook
    from xlsrc.records import read_workbook, table_of
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.INFO.name
    ws.append(["Ngày ban hành", "18/11/2021"])
    ws = wb.create_sheet(S.WORKS.name)
    ws.append(["TT", "Tên công trình, phần việc", "Loại", "Ngày khởi công", "Ngày hoàn thành", "Tiến độ hoàn thành (%)",
               "Tình trạng", "Ghi chú", "Đơn vị báo cáo", "Đơn vị thực hiện"])
    units = ["Sở A", None, 7, "  ", "Sở B"]
    for n in range(1, 61):
        ws.append([n, f"Công trình số {n}", ["Công trình", None, "Phần việc"][n % 3], f"{n % 12 + 1}/03/2021",
                   ["Tháng 3/2021", "Năm 2022", None, "30/11/2021"][n % 4], [100, 40, None, "đang làm", 0, 1.5][n % 6],
                   ["Hoàn thành", None, None, "Lùi thời gian"][n % 4] if n % 5 else None,
                   "tạm hoãn" if n % 7 == 0 else None, units[n % 5], "Phòng C" if n % 2 else None])
    f = tmp_path / "so.xlsx"
    wb.save(f)
    works = read_workbook(FileBook(f)).works
    assert len(works) == 60 and table_of(works) is not None
    got = works_totals(works, AS_OF, "Sở Ngoại vụ")
    own = [Record(S.WORKS, rec.row, dict(rec.raw), dict(rec.values)) for rec in works]  # dicts made: not the table's
    assert table_of(works) is None
    assert got == works_totals(own, AS_OF, "Sở Ngoại vụ")
    assert got.statuses == [work_status(rec, AS_OF) for rec in own]
    assert len(set(got.statuses)) >= 4 and len(got.by_unit) == 5
