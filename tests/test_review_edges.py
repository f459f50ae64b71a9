"""review/standards.py at its edges (mutation testing, issue 24): shares at
exactly their threshold ("trên 50%" is more than, "từ 70%" at least), every
way a share is typed, and how a Tiêu chuẩn row becomes a standard (blank
cells take the default and are named, unreadable ones are named, rows of the
other recipient kind or repeated titles are not rules)."""
from __future__ import annotations

import pytest

from xlsrc import schema as S
from xlsrc.records import Record, WorkbookData
from xlsrc.review.defaults import DEFAULT_STANDARDS
from xlsrc.review.standards import (Share, defaults_for, for_rule, make_standard, parse_share, read_standards,
                                    rule_of, standard_rows)

LDTT, CSTD_CS, TT_LDTT = "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến"


@pytest.mark.parametrize("share, part, whole, met", [
    (Share(50, True), 5, 10, False), (Share(50, True), 6, 10, True), (Share(50, True), 51, 100, True),
    (Share(70, False), 7, 10, True), (Share(70, False), 69, 100, False), (Share(70, False), 10, 10, True),
    (Share(100 * 2 / 3, False), 2, 3, True), (Share(0, True), 0, 5, False), (Share(0, False), 0, 5, True)])
def test_a_share_at_its_threshold(share, part, whole, met):
    assert share.met(part, whole) is met


def test_a_share_says_more_than_or_at_least():
    assert Share(50, True).text() == "trên 50%" and Share(70, False).text() == "từ 70%"
    assert Share(50.5, False).text() == "từ 50.5%"


@pytest.mark.parametrize("raw, share", [
    (0.5, Share(50, False)), (1, Share(100, False)), (50, Share(50, False)), (70.0, Share(70, False)),
    (1.5, Share(1.5, False)), ("trên 50%", Share(50, True)), ("Trên 50 %", Share(50, True)),
    ("hơn 50%", Share(50, True)), ("lớn hơn 50", Share(50, True)), ("> 50", Share(50, True)),
    ("từ 70%", Share(70, False)), ("ít nhất 70%", Share(70, False)), ("tối thiểu 70", Share(70, False)),
    (">= 70", Share(70, False)), ("≥70%", Share(70, False)), ("70", Share(70, False)),
    ("50,5%", Share(50.5, False)), ("abc", None), ("", None), (True, None), ("trên", None), ("50%%", None)])
def test_every_way_a_share_is_typed(raw, share):
    assert parse_share(raw) == share


def test_titles_name_their_rule_by_the_vocabulary():
    assert rule_of("Lao động tiên tiến") == LDTT
    assert rule_of("Chiến sĩ thi đua cấp tỉnh") == "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"
    assert rule_of("Giấy khen") is None and rule_of("không rõ") is None
    assert defaults_for(TT_LDTT)["member_share"] == "trên 50%"


def _raw(**cells):
    return lambda key: cells.get(key)


def test_a_blank_threshold_takes_the_default_and_is_named_on_a_sheet_row():
    st = make_standard(LDTT, "Lao động tiên tiến", "", 7, _raw(min_rating=""))  # an empty cell is blank too
    assert st.min_rating == "Hoàn thành tốt nhiệm vụ" and st.min_service_months == 10 and st.kind == S.INDIVIDUAL
    assert (st.discipline_basis, st.service_basis) == (defaults_for(LDTT)["discipline_basis"],
                                                       defaults_for(LDTT)["service_basis"])
    assert st.defaulted == ["min_rating", "discipline_from", "min_service_months", "max_leave_days",
                            "leave_counted"]
    assert st.basis == defaults_for(LDTT)["basis"] and st.unreadable == []
    assert st.years is None  # no default, nothing typed: not a threshold of this title
    builtin = make_standard(LDTT, "Lao động tiên tiến", "", 0, _raw())  # the built-in default: nothing to name
    assert builtin.defaulted == [] and builtin.values == st.values


def test_typed_thresholds_win_and_unreadable_ones_are_named_by_their_header():
    st = make_standard(CSTD_CS, "Chiến sĩ thi đua cơ sở", "Căn cứ riêng", 3,
                       _raw(min_initiatives="2", initiative_scope="Tỉnh", min_service_months="mười",
                            member_share="nhiều", discipline_basis="  Điều 5  "))
    assert (st.min_initiatives, st.initiative_scope, st.basis) == (2, "Tỉnh", "Căn cứ riêng")
    assert st.unreadable == ["Tỷ lệ thành viên đạt Lao động tiên tiến", "Thời gian công tác tối thiểu (tháng)"]
    assert st.discipline_basis == "Điều 5" and st.service_basis == ""
    with pytest.raises(AttributeError, match="not_a_threshold"):
        st.not_a_threshold  # noqa: B018


def test_a_choice_outside_its_vocabulary_is_unreadable():
    st = make_standard(LDTT, "Lao động tiên tiến", "", 4, _raw(min_rating="Rất tốt"))
    assert st.unreadable == ["Xếp loại tối thiểu"] and "min_rating" not in st.values


def _row(title, kind=None, row=5, **cells):
    raw = {"title": title, "recipient_kind": kind, **cells}
    return Record(S.STANDARDS, row, raw, {"recipient_kind": kind, "title": title, **cells})


def test_without_a_tieu_chuan_sheet_the_defaults_are_in_force():
    got = read_standards(WorkbookData("so.xlsx"))
    assert [s.rule for s in got] == [rule_of(d["title"]) for d in DEFAULT_STANDARDS]
    assert all(s.row == 0 and s.defaulted == [] for s in got)


def test_sheet_rows_other_kinds_repeats_and_unknown_titles():
    rows = [_row("Giấy khen"), _row("Lao động tiên tiến", S.COLLECTIVE, 6),     # another kind: a prize row only
            _row("Lao động tiên tiến", S.INDIVIDUAL, 7, min_service_months=6),
            _row("Lao động tiên tiến", None, 8, min_service_months=9),          # repeated title: the first wins
            _row("Tập thể lao động tiên tiến", "", 9, member_share="từ 60%")]
    data = WorkbookData("so.xlsx", records={"standards": rows}, locations={"standards": object()})
    got = read_standards(data)
    assert [(s.rule, s.row) for s in got] == [(LDTT, 7), (TT_LDTT, 9)]
    assert got[0].min_service_months == 6 and got[1].member_share == Share(60, False)
    assert [rule for _, rule in standard_rows(data)] == [None, LDTT, LDTT, LDTT, TT_LDTT]
    assert for_rule(rows[1], LDTT) is False and for_rule(rows[2], LDTT) and for_rule(rows[4], TT_LDTT)


def test_titles_and_bases_come_from_the_sheet_or_the_defaults():
    defaults = read_standards(WorkbookData("so.xlsx"))
    assert [s.title for s in defaults] == [d["title"] for d in DEFAULT_STANDARDS]
    assert [s.basis for s in defaults] == [d["basis"] for d in DEFAULT_STANDARDS]
    rows = [_row("Chiến sĩ thi đua cấp tỉnh", S.INDIVIDUAL, 4, basis="Quyết định 12/2025/QĐ-UBND"),
            _row("Lao động tiên tiến", S.INDIVIDUAL, 5)]
    rows[0].values["basis"] = "Quyết định 12/2025/QĐ-UBND"
    data = WorkbookData("so.xlsx", records={"standards": rows}, locations={"standards": object()})
    got = read_standards(data)
    assert [(s.title, s.basis) for s in got] == [("Chiến sĩ thi đua cấp tỉnh", "Quyết định 12/2025/QĐ-UBND"),
                                                 ("Lao động tiên tiến", defaults_for(LDTT)["basis"])]
