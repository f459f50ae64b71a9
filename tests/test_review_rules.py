"""Each rule of the review on both sides of every condition, on real
workbooks built by the builder and read back from the file."""
from __future__ import annotations

import pytest

from .review_fixtures import (BK, CSTD_TINH, CSTDCS, HT, HTT, HTXS, KHT, LDTT, TTLDTT, TTLDXS, UNIT, award, idea,
                              person, rate, rate_unit, results, standards_with)

Y = 2025
YES, NO, UNKNOWN = "đủ", "không đủ", "chưa đủ dữ liệu"
A = "Nguyễn Văn A"


def _one(tmp_path, title, who=A, **sheets):
    sheets.setdefault("staff", [person(A)])
    return results(tmp_path, **sheets)[(who, title)]


# -- Lao động tiên tiến (Luật khoản 1 Điều 24; NĐ 152 khoản 4 Điều 4) ----------
@pytest.mark.parametrize("rating,movement,discipline,expected,words", [
    (HTT, "Có", "", YES, []),
    (HTXS, "Có", "", YES, []),
    (HT, "Có", "", NO, ["'Hoàn thành nhiệm vụ', chưa đạt 'Hoàn thành tốt nhiệm vụ'"]),
    (KHT, "Có", "", NO, ["Không hoàn thành nhiệm vụ"]),
    (HTT, "Không", "", NO, ["Không tham gia phong trào thi đua năm 2025"]),
    (HTT, "Có", "Khiển trách", NO, ["Bị kỷ luật Khiển trách năm 2025"]),
    (HTT, "Có", "Đang xem xét", NO, ["Đang bị xem xét kỷ luật"]),
    (HTT, "Có", "Không", YES, []),
    (HTT, "", "", UNKNOWN, ["Chưa ghi 'Tham gia phong trào thi đua' năm 2025"]),
])
def test_labour(tmp_path, rating, movement, discipline, expected, words):
    e = _one(tmp_path, LDTT, ratings=[rate(Y, A, rating, movement, discipline)])
    assert e.result == expected, e.reasons
    for w in words:
        assert any(w in r for r in e.reasons), e.reasons
    assert all("Điều 24" in r for r in e.reasons)
    assert (e.reasons == []) == (expected == YES)


def test_labour_lists_every_failed_reason(tmp_path):
    e = _one(tmp_path, LDTT, ratings=[rate(Y, A, HT, "Không", "Cảnh cáo")])
    assert e.result == NO
    assert len(e.reasons) == 3
    assert [r.split(" ")[0] for r in e.reasons] == ["Xếp", "Không", "Bị"]


def test_labour_without_rating_is_missing_data_never_no(tmp_path):
    e = _one(tmp_path, LDTT, ratings=[rate(Y - 1, A, HTXS)])
    assert e.result == UNKNOWN
    assert e.reasons == ["Chưa có xếp loại năm 2025 của Nguyễn Văn A (trang Đánh giá) "
                         "(điểm a, điểm b khoản 1 Điều 24 Luật Thi đua, khen thưởng 06/2022/QH15; "
                         "khoản 4 Điều 4 Nghị định 152/2025/NĐ-CP)"]


# -- Chiến sĩ thi đua cơ sở (Luật Điều 23) --------------------------------------
@pytest.mark.parametrize("rating,ideas,discipline,expected,word", [
    (HTXS, [], "", YES, None),
    (HTT, [idea(Y, A)], "", YES, None),
    (HTT, [idea(Y, A, scope="Tỉnh")], "", YES, None),
    (HTT, [], "", NO, "không có 01 sáng kiến"),
    (HTT, [idea(Y - 1, A)], "", NO, "không có 01 sáng kiến"),       # recognised the year before
    (HTT, [idea(Y, A, decision="")], "", UNKNOWN, "quyết định công nhận"),  # not yet recognised
    (HTXS, [], "Khiển trách", NO, "Không đạt Lao động tiên tiến"),
    (HT, [idea(Y, A)], "", NO, "Không đạt Lao động tiên tiến"),
])
def test_emulation_base(tmp_path, rating, ideas, discipline, expected, word):
    e = _one(tmp_path, CSTDCS, ratings=[rate(Y, A, rating, discipline=discipline)], initiatives=ideas)
    assert e.result == expected, e.reasons
    if word:
        assert any(word in r and "Điều 23" in r for r in e.reasons), e.reasons


def test_emulation_base_without_rating(tmp_path):
    e = _one(tmp_path, CSTDCS, initiatives=[idea(Y, A)])
    assert e.result == UNKNOWN
    assert any("Chưa rõ đạt Lao động tiên tiến năm 2025" in r for r in e.reasons)


def test_emulation_base_summary_names_the_initiative(tmp_path):
    e = _one(tmp_path, CSTDCS, ratings=[rate(Y, A, HTT)], initiatives=[idea(Y, A, title="Số hoá hồ sơ")])
    assert e.result == YES
    assert any("Số hoá hồ sơ" in s and "10/QĐ-SNgV" in s for s in e.summary)


# -- Chiến sĩ thi đua cấp tỉnh (Luật Điều 22; NĐ 152 khoản 3 Điều 4) -------------
def _province(tmp_path, awards, ideas=None, ratings=None):
    ratings = ratings if ratings is not None else [rate(Y, A, HTXS)]
    ideas = ideas if ideas is not None else [idea(Y - 1, A, scope="Tỉnh")]
    return _one(tmp_path, CSTD_TINH, ratings=ratings, initiatives=ideas, awards=awards)


def test_province_three_years(tmp_path):
    e = _province(tmp_path, [award(Y - 2, A), award(Y - 1, A)])
    assert e.result == YES, e.reasons
    assert "Chiến sĩ thi đua cơ sở năm 2023" in e.summary


@pytest.mark.parametrize("award_type", ["Theo đợt hoặc chuyên đề", "chuyên đề", "Đột xuất"])
def test_province_chain_broken_by_thematic_award(tmp_path, award_type):
    e = _province(tmp_path, [award(Y - 2, A), award(Y - 1, A, award_type=award_type)])
    assert e.result == NO
    assert len(e.reasons) == 1
    assert "năm 2024" in e.reasons[0] and "không tính vào số năm liên tục" in e.reasons[0]
    assert "khoản 3 Điều 4 Nghị định 152/2025/NĐ-CP" in e.reasons[0]  # đột xuất, chuyên đề


def test_province_year_under_review_from_history(tmp_path):
    e = _province(tmp_path, [award(Y - 2, A), award(Y - 1, A), award(Y, A)], ratings=[])
    assert e.result == YES, e.reasons


def test_province_year_under_review_fails(tmp_path):
    e = _province(tmp_path, [award(Y - 2, A), award(Y - 1, A)], ratings=[rate(Y, A, HTT)])
    assert e.result == NO
    assert any("Không đạt Chiến sĩ thi đua cơ sở năm 2025" in r for r in e.reasons)


def test_province_missing_year_in_history_is_missing_data(tmp_path):
    e = _province(tmp_path, [award(Y - 1, A)])  # nothing at all recorded for 2023
    assert e.result == UNKNOWN
    assert any("chưa có dòng nào của năm 2023" in r for r in e.reasons)


def test_province_year_without_the_title_fails(tmp_path):
    e = _province(tmp_path, [award(Y - 2, A, form="Lao động tiên tiến"), award(Y - 1, A)])
    assert e.result == NO
    assert any("Không có danh hiệu Chiến sĩ thi đua cơ sở năm 2023" in r for r in e.reasons)


@pytest.mark.parametrize("ideas,expected", [
    ([idea(Y, A, scope="Cơ sở")], NO),
    ([idea(Y - 3, A, scope="Tỉnh")], NO),                  # before the three years
    ([idea(Y - 2, A, scope="Toàn quốc")], YES),
    ([idea(Y, A, scope="Tỉnh", decision="")], UNKNOWN),
])
def test_province_initiative_scope_and_years(tmp_path, ideas, expected):
    e = _province(tmp_path, [award(Y - 2, A), award(Y - 1, A)], ideas=ideas)
    assert e.result == expected, e.reasons


# -- Bằng khen của Chủ tịch UBND tỉnh, điểm d (Luật Điều 74 k1 điểm d) -----------
@pytest.mark.parametrize("ratings,ideas,expected,word", [
    ([rate(Y - 1, A, HTXS), rate(Y, A, HTXS)], [idea(Y - 1, A), idea(Y, A)], YES, None),
    ([rate(Y - 1, A, HTT), rate(Y, A, HTXS)], [idea(Y - 1, A), idea(Y, A)], NO, "năm 2024 là 'Hoàn thành tốt"),
    ([rate(Y - 1, A, HTXS), rate(Y, A, HTT)], [idea(Y - 1, A), idea(Y, A)], NO, "năm 2025 là 'Hoàn thành tốt"),
    ([rate(Y - 1, A, HTXS), rate(Y, A, HTXS)], [idea(Y, A)], NO, "Chưa có 02 sáng kiến"),
    ([rate(Y - 1, A, HTXS), rate(Y, A, HTXS)], [idea(Y - 2, A), idea(Y, A)], NO, "Chưa có 02 sáng kiến"),
    ([rate(Y, A, HTXS)], [idea(Y - 1, A), idea(Y, A)], UNKNOWN, "xếp loại năm 2024"),
    ([rate(Y - 1, A, HTXS), rate(Y, A, HTXS)], [idea(Y, A), idea(Y, A, decision="")], UNKNOWN, "quyết định"),
])
def test_merit_certificate(tmp_path, ratings, ideas, expected, word):
    history = [award(Y - 1, A, form="Lao động tiên tiến")]  # 2024 on Khen thưởng, not Chiến sĩ thi đua cơ sở
    e = _one(tmp_path, BK, ratings=ratings, initiatives=ideas, awards=history)
    assert e.result == expected, e.reasons
    if word:
        assert any(word in r and "điểm d khoản 1 Điều 74" in r for r in e.reasons), e.reasons


def test_merit_certificate_by_two_consecutive_base_emulation_titles(tmp_path):
    """Điểm d khoản 1 Điều 74 Luật 06/2022/QH15: 02 lần liên tục Chiến sĩ thi đua
    cơ sở (without 'Hoàn thành xuất sắc nhiệm vụ') also qualifies, with 02 initiatives."""
    ratings = [rate(Y - 1, A, HTT), rate(Y, A, HTT)]
    ideas = [idea(Y - 1, A), idea(Y, A)]
    e = _one(tmp_path, BK, ratings=ratings, initiatives=ideas, awards=[award(Y - 1, A)])
    assert e.result == YES, e.reasons
    e = _one(tmp_path, BK, ratings=ratings, initiatives=ideas)  # Khen thưởng says nothing of 2024
    assert e.result == UNKNOWN
    assert len(e.reasons) == 1 and "Chiến sĩ thi đua cơ sở 02 lần liên tục" in e.reasons[0]
    assert "năm 2024" in e.reasons[0] and "không đạt 'Hoàn thành xuất sắc nhiệm vụ' 02 năm liên tục" in e.reasons[0]
    e = _one(tmp_path, BK, ratings=ratings, initiatives=ideas, awards=[award(Y - 1, A, form="Lao động tiên tiến")])
    assert e.result == NO
    assert any("Không đạt 'Hoàn thành xuất sắc nhiệm vụ' 02 năm liên tục" in r and
               "không đạt Chiến sĩ thi đua cơ sở 02 lần liên tục" in r for r in e.reasons), e.reasons


# -- Tập thể lao động tiên tiến (Luật Điều 28) ----------------------------------
NAMES = ["Nguyễn Văn A", "Trần Thị B", "Lê Văn C", "Phạm Thị D"]


def _collective(tmp_path, title, member_ratings, unit_rating=HTT, solidarity="Có", ideas=(), staff=None, **sheets):
    staff = staff if staff is not None else [person(n) for n in NAMES[:len(member_ratings)]]
    ratings = [rate(Y, n, *r) if isinstance(r, tuple) else rate(Y, n, r)
               for n, r in zip(NAMES, member_ratings) if r is not None]
    if unit_rating:
        ratings.append(rate_unit(Y, rating=unit_rating, solidarity=solidarity))
    return results(tmp_path, staff=staff, ratings=ratings, initiatives=list(ideas), **sheets)[(UNIT, title)]


@pytest.mark.parametrize("members,unit_rating,solidarity,expected,word", [
    ([HTT, HTT, HT], HTT, "Có", YES, None),                     # 2/3 > 50%
    ([HTT, HTT, HT, HT], HTT, "Có", NO, "Chỉ 2/4"),              # exactly 50%: not "trên 50%"
    ([HTT, HTT, HT], HT, "Có", NO, "Tập thể xếp loại năm 2025 là 'Hoàn thành nhiệm vụ'"),
    ([HTT, HTT, HT], HTT, "Không", NO, "Nội bộ không đoàn kết"),
    ([HTT, HTT, HT], HTT, "", UNKNOWN, "Nội bộ đoàn kết"),
    # Điều 28 has no clause on members' discipline: a member's Cảnh cáo only fails his own LĐTT (issue 19 A5)
    ([HTT, HTT, (HT, "Có", "Cảnh cáo")], HTT, "Có", YES, None),
    ([HTT, HTT, (HTT, "Có", "Khiển trách")], HTT, "Có", YES, None),
    ([HTT, HTT, None], HTT, "Có", YES, None),                        # 2/3 already more than half
    ([HTT, None, None], HTT, "Có", UNKNOWN, "Lê Văn C"),              # members not rated yet decide it
    ([HTT, HTT, HT], None, "", UNKNOWN, "Chưa có xếp loại tập thể năm 2025"),
])
def test_collective_advanced(tmp_path, members, unit_rating, solidarity, expected, word):
    e = _collective(tmp_path, TTLDTT, members, unit_rating, solidarity)
    assert e.result == expected, e.reasons
    if word:
        assert any(word in r and "Điều 28" in r for r in e.reasons), e.reasons


def test_collective_member_discipline_is_a_local_rule_off_by_default(tmp_path):
    """Issue 19 A5: no member clause unless the province sets one on Tiêu chuẩn, and then it says it is local."""
    members = [HTT, HTT, HTT, (HTT, "Có", "Cảnh cáo")]
    assert _collective(tmp_path, TTLDTT, members).result == YES
    local = standards_with(**{TTLDTT: {"discipline_from": "Cảnh cáo", "discipline_basis": "Quy định riêng của địa phương (Quyết định của UBND tỉnh)"}})
    e = _collective(tmp_path, TTLDTT, members, standards=local)
    assert e.result == NO
    assert any("Phạm Thị D" in r and "Quy định riêng của địa phương" in r for r in e.reasons), e.reasons
    pending = _collective(tmp_path, TTLDTT, [HTT, HTT, HTT, (HTT, "Có", "Đang xem xét")], standards=local)
    assert pending.result == UNKNOWN
    assert any("đang bị xem xét kỷ luật: Phạm Thị D" in r for r in pending.reasons)


def test_collective_without_members(tmp_path):
    e = _collective(tmp_path, TTLDTT, [], staff=[person("Ai Đó", unit="Phòng khác")])
    assert e.result == UNKNOWN
    assert any("Không có cán bộ nào thuộc" in r for r in e.reasons), e.reasons


# -- Tập thể lao động xuất sắc (Luật Điều 27) -----------------------------------
@pytest.mark.parametrize("members,unit_rating,ideas,expected,word", [
    ([HTXS, HTT, HTT, HT], HTXS, [], YES, None),                 # 3/4 = 75% ≥ 70%, A is CSTĐCS
    ([HTXS, HTT, HT, HT], HTXS, [], NO, "Chỉ 2/4"),
    ([HTXS, HTT, HTT, KHT], HTXS, [], NO, "dưới 'Hoàn thành nhiệm vụ': Phạm Thị D"),
    ([HTT, HTT, HTT, HT], HTXS, [], NO, "Không có đủ 01 thành viên đạt Chiến sĩ thi đua cơ sở"),
    ([HTT, HTT, HTT, HT], HTXS, [idea(Y, "Lê Văn C")], YES, None),
    ([HTXS, HTT, HTT, HT], HTT, [], NO, "chưa đạt 'Hoàn thành xuất sắc nhiệm vụ'"),
    ([HTXS, HTT, HTT, None], HTXS, [], UNKNOWN, "Phạm Thị D"),
])
def test_collective_excellent(tmp_path, members, unit_rating, ideas, expected, word):
    e = _collective(tmp_path, TTLDXS, members, unit_rating, ideas=ideas)
    assert e.result == expected, e.reasons
    if word:
        assert any(word in r and "Điều 27" in r for r in e.reasons), e.reasons


def test_collective_excellent_every_failure_listed(tmp_path):
    e = _collective(tmp_path, TTLDXS, [HTT, HT, HT, KHT], unit_rating=HTT, solidarity="Không")
    assert e.result == NO
    joined = "\n".join(e.reasons)
    for word in ("chưa đạt 'Hoàn thành xuất sắc", "Nội bộ không đoàn kết", "Chỉ 1/4",
                 "dưới 'Hoàn thành nhiệm vụ'", "Chiến sĩ thi đua cơ sở"):
        assert word in joined, joined
