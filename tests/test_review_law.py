"""Issue 19 A (the law) and issue 22 §4 on workbooks built by the builder and
read back: discipline judged by the dates it was in force, for every
individual title; a second rating row of the same year; time in service and
leave; the year under review in the Chiến sĩ thi đua cấp tỉnh chain."""
from __future__ import annotations

import datetime as dt

import pytest

from xlsrc.review import run_review
from xlsrc.review.sheets import proposal_grid, review_grid

from .review_fixtures import (BK, CSTD_TINH, CSTDCS, HTT, HTXS, KHT, LDTT, award, idea, person, rate, read, results,
                              workbook)

Y = 2025
A = "Nguyễn Văn A"
YES, NO, UNKNOWN = "đủ", "không đủ", "chưa đủ dữ liệu"
INDIVIDUAL_TITLES = (LDTT, CSTDCS, CSTD_TINH, BK)


def _eligible_for_everything(year=Y, **row):
    """A person who meets all four individual titles in ``year``: HTXS two years,
    Chiến sĩ thi đua cơ sở the two years before, initiatives of the province."""
    return dict(staff=[person(A)],
                ratings=[rate(year - 1, A, HTXS), rate(year, A, HTXS, **row)],
                initiatives=[idea(year - 1, A, scope="Tỉnh"), idea(year, A, scope="Tỉnh")],
                awards=[award(year - 2, A), award(year - 1, A)])


def test_the_baseline_is_eligible_for_every_individual_title(tmp_path):
    got = results(tmp_path, **_eligible_for_everything())
    assert {t: got[(A, t)].result for t in INDIVIDUAL_TITLES} == dict.fromkeys(INDIVIDUAL_TITLES, YES)


# -- A1: discipline ---------------------------------------------------------------------------------------
def test_a_warning_in_a_counted_year_fails_the_bang_khen_too(tmp_path):
    sheets = _eligible_for_everything()
    sheets["ratings"][0] = rate(Y - 1, A, HTXS, discipline="Cảnh cáo")
    got = results(tmp_path, **sheets)
    bk = got[(A, BK)]
    assert bk.result == NO, bk.reasons
    assert any("Cảnh cáo năm 2024" in r for r in bk.reasons), bk.reasons
    assert got[(A, CSTD_TINH)].result == NO  # the chain's years are judged too


@pytest.mark.parametrize("extra,expected", [
    ({"discipline_months": 12}, NO),                                  # 20/11/2025 + 12 months: in force in 2026
    ({"discipline_end": "30/06/2026"}, NO),
    ({"discipline_end": "31/12/2025"}, YES),                          # ended before 2026
    ({}, UNKNOWN),                                                    # term unknown: cannot say
])
def test_a_discipline_of_late_2025_is_seen_in_2026_while_in_force(tmp_path, extra, expected):
    ratings = [rate(2025, A, HTT, discipline="Cảnh cáo", discipline_date="20/11/2025", **extra),
               rate(2026, A, HTXS)]
    got = results(tmp_path, staff=[person(A)], ratings=ratings, year=2026)
    e = got[(A, LDTT)]
    assert e.result == expected, e.reasons
    if expected == NO:
        assert any("quyết định ngày 20/11/2025" in r and "còn hiệu lực trong năm 2026" in r for r in e.reasons)
    if expected == UNKNOWN:
        assert any("Thời hạn kỷ luật (tháng)" in r for r in e.reasons), e.reasons


def test_a_dated_discipline_recorded_on_the_next_years_row_reaches_back(tmp_path):
    """Decided 15/11/2025 but typed on the 2026 row: 2025 is judged by the date."""
    ratings = [rate(2025, A, HTXS), rate(2026, A, HTT, discipline="Khiển trách", discipline_date="15/11/2025",
                                         discipline_months=6)]
    e = results(tmp_path, staff=[person(A)], ratings=ratings, year=2025)[(A, LDTT)]
    assert e.result == NO, e.reasons


# -- issue 22 §4: a second rating row of the same year ----------------------------------------------------
@pytest.mark.parametrize("second", [dict(discipline="Cảnh cáo"), dict(rating=KHT)])
def test_a_conflicting_second_row_of_the_year_never_gives_eligible(tmp_path, second):
    sheets = _eligible_for_everything()
    sheets["ratings"].append(rate(Y, A, **{"rating": HTXS, **second}))
    path = workbook(tmp_path, **sheets)
    review = run_review(read(path))
    got = {e.title: e for e in review.entries if e.recipient == A}
    assert all(got[t].result != YES for t in INDIVIDUAL_TITLES), {t: got[t].result for t in INDIVIDUAL_TITLES}
    assert any("dòng" in r and "khác nhau" in r for r in got[LDTT].reasons) or got[LDTT].result == NO
    assert [row for row in proposal_grid(review)[1:] if row[1] == A] == []


def test_an_identical_second_row_changes_nothing(tmp_path):
    sheets = _eligible_for_everything()
    sheets["ratings"].append(rate(Y, A, HTXS))
    got = results(tmp_path, **sheets)
    assert got[(A, LDTT)].result == YES


# -- A2: time in service and leave ------------------------------------------------------------------------
@pytest.mark.parametrize("hired,expected", [
    ("01/06/2025", NO),                 # 7 months before the year's end
    ("15/03/2025", NO),                 # 9 months and a half
    ("01/03/2025", YES),                # 10 months
    (dt.datetime(2019, 9, 2), YES),     # a date cell
    ("1988", YES),                      # an old hand, year only
    ("2025", UNKNOWN),                  # recruited some time in the year
])
def test_a_new_recruit_under_ten_months_is_not_eligible(tmp_path, hired, expected):
    got = results(tmp_path, staff=[person(A, hire_date=hired)], ratings=[rate(Y, A, HTXS)],
                  initiatives=[idea(Y, A)])
    assert got[(A, LDTT)].result == expected, got[(A, LDTT)].reasons
    assert got[(A, CSTDCS)].result == expected  # built on Lao động tiên tiến
    if expected == NO:
        assert any("Mới tuyển dụng" in r and "10 tháng" in r for r in got[(A, LDTT)].reasons)


@pytest.mark.parametrize("days,reason,expected", [
    (120, "Thai sản", YES),             # maternity leave counts as time at work
    (45, "Ốm đau", NO),                 # 40 working days or more
    (39, "Việc riêng", YES),
    (45, "", UNKNOWN),                  # why? unknown
])
def test_long_absences_and_maternity_leave(tmp_path, days, reason, expected):
    row = rate(Y, A, HTT, leave_days=days, leave_reason=reason)
    e = results(tmp_path, staff=[person(A, hire_date="01/01/2010")], ratings=[row])[(A, LDTT)]
    assert e.result == expected, e.reasons
    if expected == NO:
        assert any("Nghỉ 45 ngày" in r and "từ 40 ngày" in r for r in e.reasons), e.reasons


def test_the_thresholds_of_service_and_leave_are_data(tmp_path):
    from .review_fixtures import standards_with
    relaxed = standards_with(**{LDTT: {"min_service_months": 6, "max_leave_days": 60}})
    got = results(tmp_path, staff=[person(A, hire_date="01/06/2025")],
                  ratings=[rate(Y, A, HTT, leave_days=45, leave_reason="Ốm đau")], standards=relaxed)
    assert got[(A, LDTT)].result == YES, got[(A, LDTT)].reasons


# -- A7: the year under review in the chain -----------------------------------------------------------------
def test_the_year_under_review_is_counted_only_if_granted_and_says_so(tmp_path):
    path = workbook(tmp_path, **_eligible_for_everything())
    review = run_review(read(path))
    e = next(e for e in review.entries if e.recipient == A and e.title == CSTD_TINH)
    assert e.result == YES
    assert any("tính cả năm 2025 nếu được công nhận" in n for n in e.notes), e.notes
    grid = review_grid(review)
    row = next(r for r in grid[1:] if r[0] == A)
    assert "tính cả năm 2025 nếu được công nhận" in row[grid[0].index("Lý do, căn cứ")]
    proposal = next(r for r in proposal_grid(review)[1:] if r[1] == A and r[4] == CSTD_TINH)
    assert "tính cả năm 2025 nếu được công nhận" in proposal[5]


def test_the_review_command_prints_what_an_eligible_answer_assumes(tmp_path):
    import subprocess

    from .user_books import run_cli
    path = workbook(tmp_path, **_eligible_for_everything())
    run = subprocess.CompletedProcess([], *run_cli(["review", path]))
    assert run.returncode == 0, run.stderr
    assert "Lưu ý: Năm 2025 chưa được công nhận Chiến sĩ thi đua cơ sở: tính cả năm 2025 nếu được công nhận" in run.stdout


def test_an_unreadable_hire_date_is_a_warning_at_its_cell(tmp_path):
    from xlsrc.validation import validate
    path = workbook(tmp_path, staff=[person(A, hire_date="mùa thu 2025")], ratings=[rate(Y, A, HTXS)])
    found = [f for f in validate(read(path)) if f.code == "HIRE_DATE_UNREADABLE"]
    assert len(found) == 1 and found[0].sheet == "Cán bộ" and found[0].column == "Ngày tuyển dụng"
    assert results(tmp_path, staff=[person(A, hire_date="mùa thu 2025")],
                   ratings=[rate(Y, A, HTXS)])[(A, LDTT)].result == UNKNOWN
