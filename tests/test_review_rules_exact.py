"""review/rules.py answer by answer (mutation testing, issue 24): every
branch of every title on a few real workbooks built by the builder and read
back once per module, each answer checked whole (result, every reason with
its basis, the achievements summary and the notes), so that a changed
threshold, a changed word or a dropped condition is seen."""
from __future__ import annotations

import pytest

from xlsrc.review import run_review
from xlsrc.review.defaults import DEFAULT_STANDARDS

from .review_fixtures import (BK, CSTD_TINH, CSTDCS, HT, HTT, HTXS, KHT, LDTT, TTLDTT, TTLDXS, award, idea,
                              person, rate, rate_unit, read, standards_with, workbook)

Y = 2025
YES, NO, UNKNOWN = "đủ", "không đủ", "chưa đủ dữ liệu"
BASIS = {d["title"]: d["basis"] for d in DEFAULT_STANDARDS}
DEC = "10/QĐ-SNgV ngày 01/12/2025"
OLD = "01/01/2010"  # a hire date long before the year: time in service is never the question here
INDIVIDUALS = "Văn phòng"


def _staff(*names, unit=INDIVIDUALS):
    return [person(n, unit=unit, hire_date=OLD) for n in names]


def _main():
    """Year 2025, default standards; Khen thưởng holds rows of 2023 and 2024 only."""
    staff, ratings, ideas, awards = [], [], [], []

    def add(name, rows=(), inits=(), prizes=(), unit=INDIVIDUALS):
        staff.extend(_staff(name, unit=unit))
        ratings.extend(rows)
        ideas.extend(inits)
        awards.extend(prizes)

    # eligible for every individual title
    add("Lê Thị Đủ", [rate(Y - 1, "Lê Thị Đủ", HTXS), rate(Y, "Lê Thị Đủ", HTXS)],
        [idea(Y - 1, "Lê Thị Đủ", "Tỉnh", title="Số hoá hồ sơ"), idea(Y, "Lê Thị Đủ", "Tỉnh", title="Một cửa")],
        [award(Y - 2, "Lê Thị Đủ"), award(Y - 1, "Lê Thị Đủ")])
    # one condition failed and one unknown
    add("Trần Văn Hai", [rate(Y, "Trần Văn Hai", HT, movement="")])
    # two rating rows of 2025 that disagree
    add("Phạm Xung Đột", [rate(Y, "Phạm Xung Đột", HTT), rate(Y, "Phạm Xung Đột", HTXS)])
    add("Đỗ Lạ", [rate(Y, "Đỗ Lạ", "Loại B")])
    add("Vũ Chờ", [rate(Y, "Vũ Chờ", HTT, discipline="Đang xem xét")])
    add("Hồ Khiển", [rate(Y, "Hồ Khiển", HTT, discipline="Khiển trách")])
    add("Đinh Chưa Rõ", [rate(Y - 1, "Đinh Chưa Rõ", HTT, discipline="Cảnh cáo", discipline_date="20/11/2024"),
                         rate(Y, "Đinh Chưa Rõ", HTT)])
    add("Mai Phê Bình", [rate(Y, "Mai Phê Bình", HTT, discipline="Phê bình")])
    add("Tô Không Phong Trào", [rate(Y, "Tô Không Phong Trào", HTT, movement="Không")])
    # Chiến sĩ thi đua cơ sở
    add("Cao Xuất Sắc", [rate(Y, "Cao Xuất Sắc", HTXS)])
    add("Lý Sáng Kiến", [rate(Y, "Lý Sáng Kiến", HTT)],
        [idea(Y, "Lý Sáng Kiến", title="Sổ tay", decision=DEC) | {"kind": ""}])
    add("Ông Đề Tài", [rate(Y, "Ông Đề Tài", HTT)],
        [idea(Y, "Ông Đề Tài", title="Chuyển đổi số") | {"kind": "Đề tài khoa học"}])
    add("Kim Tốt", [rate(Y, "Kim Tốt", HTT)], [idea(Y - 1, "Kim Tốt", title="Năm trước")])
    add("Bùi Chờ Quyết Định", [rate(Y, "Bùi Chờ Quyết Định", HTT)],
        [idea(Y, "Bùi Chờ Quyết Định", title="Chưa duyệt", decision="")])
    add("Tạ Phạm Vi", [rate(Y, "Tạ Phạm Vi", HTT)], [idea(Y, "Tạ Phạm Vi", "Huyện", title="Phạm vi lạ")])
    add("Ngô Chưa Xếp", [], [idea(Y, "Ngô Chưa Xếp", title="Có rồi")])
    add("Lương Trống", [])
    add("Quách Hai Điều", [], [idea(Y, "Quách Hai Điều", title="Chờ", decision="")])
    add("Hà Chỉ Hoàn Thành", [rate(Y, "Hà Chỉ Hoàn Thành", HT)], [idea(Y, "Hà Chỉ Hoàn Thành", title="Vô ích")])
    # Chiến sĩ thi đua cấp tỉnh: the chain
    add("Châu Chuyên Đề", [rate(Y, "Châu Chuyên Đề", HTXS)], [idea(Y, "Châu Chuyên Đề", "Toàn quốc", title="Lớn")],
        [award(Y - 2, "Châu Chuyên Đề"), award(Y - 1, "Châu Chuyên Đề", award_type="Theo đợt hoặc chuyên đề"),
         award(Y - 1, "Châu Chuyên Đề", award_type="Đột xuất")])
    add("Lâm Thiếu Năm", [rate(Y, "Lâm Thiếu Năm", HTT, movement="")],
        [idea(Y, "Lâm Thiếu Năm", "Cơ sở", title="Nhỏ")],
        [award(Y - 2, "Lâm Thiếu Năm", form="Lao động tiên tiến"), award(Y - 1, "Lâm Thiếu Năm")])
    add("Tăng Hỏng Năm Nay", [rate(Y, "Tăng Hỏng Năm Nay", HTT)],
        [idea(Y - 1, "Tăng Hỏng Năm Nay", "Tỉnh", title="Tỉnh cũ", decision="")],
        [award(Y - 2, "Tăng Hỏng Năm Nay"), award(Y - 1, "Tăng Hỏng Năm Nay")])
    # Bằng khen: the two ways
    add("Doãn Hai Lần", [rate(Y - 1, "Doãn Hai Lần", HTT), rate(Y, "Doãn Hai Lần", HTT)],
        [idea(Y - 1, "Doãn Hai Lần", title="Thứ nhất"), idea(Y, "Doãn Hai Lần", title="Thứ hai")],
        [award(Y - 1, "Doãn Hai Lần")])
    add("Giang Trượt Cả Hai", [rate(Y - 1, "Giang Trượt Cả Hai", HTT), rate(Y, "Giang Trượt Cả Hai", HTXS)],
        [idea(Y, "Giang Trượt Cả Hai", title="Một mình")],
        [award(Y - 1, "Giang Trượt Cả Hai", form="Lao động tiên tiến")])
    add("Thân Nửa Vời", [rate(Y, "Thân Nửa Vời", HTT)],
        [idea(Y - 1, "Thân Nửa Vời", title="A"), idea(Y, "Thân Nửa Vời", title="B", decision="")])
    add("Yên Chưa Biết", [rate(Y - 1, "Yên Chưa Biết", HTXS)],
        [idea(Y - 1, "Yên Chưa Biết", title="Cũ"), idea(Y, "Yên Chưa Biết", title="Mới")],
        [award(Y - 1, "Yên Chưa Biết")])
    # two namesakes of one unit without a code
    staff.extend(_staff("Trùng Tên"))
    add("Trùng Tên", [rate(Y, "Trùng Tên", HTT)])
    # collectives
    for unit, members, unit_row in [
            ("Phòng Một", [HTT, HTT, HT], rate_unit(Y, "Phòng Một", HTT)),
            ("Phòng Nửa", [HTT, HTT, HT, HT], rate_unit(Y, "Phòng Nửa", HTT, solidarity="Không")),
            ("Phòng Thiếu", [HTT, None, None], rate_unit(Y, "Phòng Thiếu", HT, solidarity="")),
            ("Phòng Lạ", [HTXS, HTXS], rate_unit(Y, "Phòng Lạ", "Loại B")),
            ("Phòng Chưa Xếp", [HTT, HTT], None),
            ("Phòng Bảy", [None] * 7, rate_unit(Y, "Phòng Bảy", HTXS)),
            ("Phòng Năm", [HTXS, HTXS, HTXS, HTXS, HTXS, None, None, None, None, None],
             rate_unit(Y, "Phòng Năm", HTXS)),
            ("Phòng Sáu", [HT] + [None] * 6, rate_unit(Y, "Phòng Sáu", HTXS)),
            ("Phòng Xuất Sắc", [HTXS, HTT, HTT, HT], rate_unit(Y, "Phòng Xuất Sắc", HTXS)),
            ("Phòng Yếu", [HTXS, HTT, HTT, KHT], rate_unit(Y, "Phòng Yếu", HTXS)),
            ("Phòng Không Chiến Sĩ", [HTT, HTT, HTT, HTT], rate_unit(Y, "Phòng Không Chiến Sĩ", HTXS)),
            ("Phòng Chờ Chiến Sĩ", [HTT, HTT, HTT, HTT], rate_unit(Y, "Phòng Chờ Chiến Sĩ", HTXS))]:
        names = [f"{unit} {i + 1}" for i in range(len(members))]
        staff.extend(_staff(*names, unit=unit))
        ratings.extend(rate(Y, n, r) for n, r in zip(names, members) if r is not None)
        if unit_row:
            ratings.append(unit_row)
    ideas.append(idea(Y, "Phòng Chờ Chiến Sĩ 1", title="Đang chờ", decision=""))
    ratings.append(rate_unit(Y, "Ban Không Người", HTT))
    # two disciplines in one year: both said
    add("Kha Hai Án", [rate(Y - 1, "Kha Hai Án", HTT, discipline="Cảnh cáo", discipline_date="20/11/2024",
                            discipline_months=12), rate(Y, "Kha Hai Án", HTT, discipline="Khiển trách")])
    add("Lưu Hai Lần", [rate(Y - 2, "Lưu Hai Lần", HTT, discipline="Khiển trách", discipline_date="01/12/2023"),
                        rate(Y - 1, "Lưu Hai Lần", HTT, discipline="Cảnh cáo", discipline_date="02/12/2024"),
                        rate(Y, "Lưu Hai Lần", HTT)])
    add("Phan Hai Lỗi", [rate(Y, "Phan Hai Lỗi", HT, movement="Không")])
    # initiatives: two not yet recognised; one of too narrow a scope before one that counts
    add("Hứa Hai Chờ", [rate(Y, "Hứa Hai Chờ", HTT)],
        [idea(Y - 1, "Hứa Hai Chờ", title="Chờ một", decision=""), idea(Y, "Hứa Hai Chờ", title="Chờ hai", decision="")])
    add("Sớm Một Năm", [rate(Y, "Sớm Một Năm", HTT)], [idea(Y + 1, "Sớm Một Năm", title="Năm sau")])
    add("Đàm Rộng Hẹp", [rate(Y, "Đàm Rộng Hẹp", HTXS)],
        [idea(Y - 1, "Đàm Rộng Hẹp", "Cơ sở", title="Hẹp"), idea(Y, "Đàm Rộng Hẹp", "Tỉnh", title="Rộng")],
        [award(Y - 2, "Đàm Rộng Hẹp"), award(Y - 1, "Đàm Rộng Hẹp")])
    return dict(staff=staff, ratings=ratings, initiatives=ideas, awards=awards)


def _custom():
    """Thresholds changed on Tiêu chuẩn: discipline from Cảnh cáo, no initiative needed, one-year chains,
    a local rule on members' discipline, 'từ 50%' of members, two Chiến sĩ thi đua cơ sở in a collective."""
    rules = standards_with(**{
        LDTT: {"discipline_from": "Cảnh cáo"},
        CSTDCS: {"min_initiatives": 0},
        CSTD_TINH: {"years": 0, "min_initiatives": 2},
        BK: {"years": 1, "min_initiatives": 1},
        TTLDTT: {"discipline_from": "Cảnh cáo", "member_share": "từ 50%"},
        TTLDXS: {"min_emulation_members": 2}})
    staff = _staff("Khiển Nhẹ", "Cảnh Nặng", "Không Sáng Kiến", "Một Năm")
    ratings = [rate(Y, "Khiển Nhẹ", HTT, discipline="Khiển trách"), rate(Y, "Cảnh Nặng", HTT, discipline="Cảnh cáo"),
               rate(Y, "Không Sáng Kiến", HTT), rate(Y, "Một Năm", HTXS)]
    ideas = [idea(Y, "Một Năm", "Tỉnh", title="Tỉnh một")]
    for unit, members in [("Phòng Kỷ Luật", [(HTT, ""), (HTT, "Cảnh cáo"), (HTT, "Cách chức")]),
                          ("Phòng Khiển Trách", [(HTT, ""), (HTT, "Khiển trách")]),
                          ("Phòng Chờ Kỷ Luật", [(HTT, ""), (HTT, "Đang xem xét"), None, (HTT, "Phê bình")]),
                          ("Phòng Nửa Đủ", [(HTT, ""), (HT, "")]),
                          ("Phòng Hai Chiến Sĩ", [(HTXS, ""), (HTXS, ""), (HTT, "")]),
                          ("Phòng Một Chiến Sĩ", [(HTXS, ""), (HT, "")]),
                          ("Phòng Chưa Ghi", [(HTT, ""), None])]:
        names = [f"{unit} {i + 1}" for i in range(len(members))]
        staff += _staff(*names, unit=unit)
        ratings += [rate(Y, n, m[0], discipline=m[1]) for n, m in zip(names, members) if m is not None]
        ratings.append(rate_unit(Y, unit, HTXS))
    return dict(staff=staff, ratings=ratings, initiatives=ideas, standards=rules)


def _sparse():
    """Tiêu chuẩn without a Lao động tiên tiến row (Chiến sĩ thi đua cơ sở still builds on its defaults) and
    with a threshold that cannot be read for one individual and one collective title."""
    rules = [r for r in standards_with(**{BK: {"min_rating": "Rất tốt", "years": "hai"},
                                     TTLDXS: {"member_share": "nhiều", "min_emulation_members": "một"}})
             if r["title"] in (CSTDCS, BK, TTLDXS)]
    staff = _staff("Hoàn Thành", "Tốt Lắm")
    ratings = [rate(Y, "Hoàn Thành", HT), rate(Y, "Tốt Lắm", HTT, discipline="Khiển trách"),
               rate_unit(Y, INDIVIDUALS, HTXS)]
    ideas = [idea(Y, "Hoàn Thành", title="Một"), idea(Y, "Tốt Lắm", title="Hai")]
    return dict(staff=staff, ratings=ratings, initiatives=ideas, standards=rules)


BOOKS = {"main": _main, "custom": _custom, "sparse": _sparse}


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    """review(book, year) → {(recipient, title): Entry}. Each workbook is built and read once per module; the
    review itself runs in every test, so that each test exercises the rules it checks."""
    data = {}

    def get(book="main", year=Y):
        if book not in data:
            data[book] = read(workbook(tmp_path_factory.mktemp(book), **BOOKS[book]()))
        return {(e.recipient, e.title): e for e in run_review(data[book], year).entries}
    return get


def _is(e, result, reasons=(), summary=(), notes=()):
    """The whole answer: each reason is written without the title's basis, which every one must cite."""
    cite = f" ({BASIS[e.title]})"
    assert (e.result, e.reasons, e.summary, e.notes) == (result, [r + cite for r in reasons], list(summary),
                                                        list(notes))


NOW = "tính cả năm 2025 nếu được công nhận Chiến sĩ thi đua cơ sở năm 2025"
PENDING_SUMMARY = f"Đủ tiêu chuẩn Chiến sĩ thi đua cơ sở năm 2025 ({NOW})"
PENDING_NOTE = f"Năm 2025 chưa được công nhận Chiến sĩ thi đua cơ sở: {NOW}"
UNREAD = ("Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP (điều kiện không bị kỷ luật trong thời "
          "gian xét; điều, khoản chưa đối chiếu được văn bản gốc)")
LOCAL = "Quy định riêng của địa phương (không có trong Luật); để trống là không áp dụng"
NONE_2023 = "Không có danh hiệu Chiến sĩ thi đua cơ sở năm 2023 (trang Khen thưởng)"
NONE_2024 = "Không có danh hiệu Chiến sĩ thi đua cơ sở năm 2024 (trang Khen thưởng)"
NO_IDEA_2025 = ("Năm 2025 không 'Hoàn thành xuất sắc nhiệm vụ' (xếp loại 'Hoàn thành tốt nhiệm vụ') và không có 01 "
                "sáng kiến, đề tài phạm vi từ Cơ sở trở lên được công nhận trong năm")
NO_PROVINCE_IDEA = "Không có 01 sáng kiến, đề tài phạm vi từ Tỉnh trở lên được công nhận trong 2023–2025"
TWO_IDEAS = "Chưa có 02 sáng kiến, đề tài được công nhận trong 2024–2025"
CONFLICT = ("Có 02 dòng đánh giá năm 2025 của Phạm Xung Đột khác nhau (trang Đánh giá, dòng 5, 6): giữ một dòng đúng "
            "rồi rà soát lại")
NEED = "(cần 'Hoàn thành xuất sắc nhiệm vụ' hoặc sáng kiến được công nhận)"


def _idea(title, scope="Cơ sở", kind="Sáng kiến"):
    return f"{kind} '{title}' ({DEC}, phạm vi {scope})"


# -- Lao động tiên tiến and the conditions every individual title shares -------------------------------------
@pytest.mark.parametrize("who,result,reasons,summary", [
    ("Lê Thị Đủ", YES, [], [f"Năm 2025: {HTXS}"]),
    ("Trần Văn Hai", NO, [f"Xếp loại năm 2025 là '{HT}', chưa đạt '{HTT}'",
                          "Chưa rõ: chưa ghi 'Tham gia phong trào thi đua' năm 2025 (trang Đánh giá, dòng 4)"], []),
    ("Phạm Xung Đột", UNKNOWN, [CONFLICT], []),
    ("Đỗ Lạ", UNKNOWN, ["Xếp loại năm 2025 'Loại B' không đọc được (trang Đánh giá, dòng 7)"], []),
    ("Vũ Chờ", NO, ["Đang bị xem xét kỷ luật (năm 2025, trang Đánh giá, dòng 8)"], [f"Năm 2025: {HTT}"]),
    ("Hồ Khiển", NO, ["Bị kỷ luật Khiển trách năm 2025 (trang Đánh giá, dòng 9)"], [f"Năm 2025: {HTT}"]),
    ("Đinh Chưa Rõ", UNKNOWN, ["Chưa rõ kỷ luật Cảnh cáo (quyết định ngày 20/11/2024; trang Đánh giá, dòng 10) còn "
                               "hiệu lực trong năm 2025 không: ghi 'Kỷ luật đến ngày' hoặc 'Thời hạn kỷ luật (tháng)' "
                               "ở trang Đánh giá"], [f"Năm 2025: {HTT}"]),
    ("Mai Phê Bình", UNKNOWN, ["Kỷ luật năm 2025 'Phê bình' không đọc được (trang Đánh giá, dòng 12)"],
     [f"Năm 2025: {HTT}"]),
    ("Tô Không Phong Trào", NO, ["Không tham gia phong trào thi đua năm 2025"], [f"Năm 2025: {HTT}"]),
    ("Kha Hai Án", NO, ["Bị kỷ luật Cảnh cáo (quyết định ngày 20/11/2024, đến ngày 19/11/2025; trang Đánh giá, dòng "
                        "77), còn hiệu lực trong năm 2025; Khiển trách năm 2025 (trang Đánh giá, dòng 78)"],
     [f"Năm 2025: {HTT}"]),
    ("Lưu Hai Lần", UNKNOWN, ["Chưa rõ kỷ luật Khiển trách (quyết định ngày 01/12/2023; trang Đánh giá, dòng 79); Cảnh "
                              "cáo (quyết định ngày 02/12/2024; trang Đánh giá, dòng 80) còn hiệu lực trong năm 2025 "
                              "không: ghi 'Kỷ luật đến ngày' hoặc 'Thời hạn kỷ luật (tháng)' ở trang Đánh giá"],
     [f"Năm 2025: {HTT}"]),
    ("Ngô Chưa Xếp", UNKNOWN, ["Chưa có xếp loại năm 2025 của Ngô Chưa Xếp (trang Đánh giá)"], []),
    ("Trùng Tên", UNKNOWN, ["Có hai cán bộ cùng họ tên 'Trùng Tên' trong đơn vị 'Văn phòng' mà không có Mã cán bộ; "
                            "không xác định được dữ liệu của từng người"], []),
])
def test_labour(review, who, result, reasons, summary):
    _is(review()[(who, LDTT)], result, reasons, summary)


def test_the_discipline_threshold_is_the_level_typed(review):
    """'Kỷ luật từ' Cảnh cáo: a Khiển trách no longer counts, a Cảnh cáo or anything heavier does."""
    got = review("custom")
    _is(got[("Khiển Nhẹ", LDTT)], YES, [], [f"Năm 2025: {HTT}"])
    _is(got[("Cảnh Nặng", LDTT)], NO, ["Bị kỷ luật Cảnh cáo năm 2025 (trang Đánh giá, dòng 3)"], [f"Năm 2025: {HTT}"])
    _is(got[("Phòng Kỷ Luật 3", LDTT)], NO, ["Bị kỷ luật Cách chức năm 2025 (trang Đánh giá, dòng 8)"],
        [f"Năm 2025: {HTT}"])


def test_a_title_whose_row_was_removed_still_serves_the_title_built_on_it(review):
    """No Lao động tiên tiến row on Tiêu chuẩn: Chiến sĩ thi đua cơ sở judges it by its default thresholds."""
    got = review("sparse")
    assert not any(title == LDTT for _, title in got)
    _is(got[("Hoàn Thành", CSTDCS)], NO, [f"Không đạt Lao động tiên tiến năm 2025: Xếp loại năm 2025 là '{HT}', "
                                          f"chưa đạt '{HTT}'"], [_idea("Một")])
    _is(got[("Tốt Lắm", CSTDCS)], NO, ["Không đạt Lao động tiên tiến năm 2025: Bị kỷ luật Khiển trách năm 2025 "
                                       "(trang Đánh giá, dòng 3)"], [_idea("Hai")])


def test_an_unreadable_threshold_leaves_its_title_unanswered(review):
    got = review("sparse")
    for who in ("Hoàn Thành", "Tốt Lắm"):
        _is(got[(who, BK)], UNKNOWN, ["Ngưỡng Xếp loại tối thiểu, Số năm liên tục của 'Bằng khen của Chủ tịch UBND "
                                      "tỉnh' ở trang Tiêu chuẩn không đọc được"])
    _is(got[(INDIVIDUALS, TTLDXS)], UNKNOWN, ["Ngưỡng Tỷ lệ thành viên đạt Lao động tiên tiến, Số thành viên đạt Chiến "
                                              "sĩ thi đua cơ sở của 'Tập thể lao động xuất sắc' ở trang Tiêu chuẩn "
                                              "không đọc được"])


# -- Chiến sĩ thi đua cơ sở ---------------------------------------------------------------------------------
@pytest.mark.parametrize("who,result,reasons,summary", [
    ("Lê Thị Đủ", YES, [], [_idea("Một cửa", "Tỉnh"), f"Năm 2025: {HTXS}"]),
    ("Cao Xuất Sắc", YES, [], [f"Năm 2025: {HTXS}"]),
    ("Lý Sáng Kiến", YES, [], [_idea("Sổ tay")]),                   # no Loại: a Sáng kiến
    ("Ông Đề Tài", YES, [], [_idea("Chuyển đổi số", kind="Đề tài khoa học")]),
    ("Kim Tốt", NO, [NO_IDEA_2025], []),                             # recognised the year before
    ("Sớm Một Năm", NO, [NO_IDEA_2025], []),                         # recognised the year after
    ("Bùi Chờ Quyết Định", UNKNOWN, [f"Chưa rõ quyết định công nhận hoặc phạm vi của sáng kiến năm 2025 của Bùi Chờ "
                                     f"Quyết Định {NEED}"], []),
    ("Tạ Phạm Vi", UNKNOWN, [f"Chưa rõ quyết định công nhận hoặc phạm vi của sáng kiến năm 2025 của Tạ Phạm Vi {NEED}"],
     []),
    ("Ngô Chưa Xếp", UNKNOWN, ["Chưa rõ đạt Lao động tiên tiến năm 2025: chưa có xếp loại năm 2025 của Ngô Chưa Xếp "
                               "(trang Đánh giá)"], [_idea("Có rồi")]),
    ("Lương Trống", UNKNOWN, ["Chưa rõ đạt Lao động tiên tiến năm 2025: chưa có xếp loại năm 2025 của Lương Trống "
                              "(trang Đánh giá)", f"Chưa rõ xếp loại năm 2025 của Lương Trống {NEED}"], []),
    ("Quách Hai Điều", UNKNOWN, ["Chưa rõ đạt Lao động tiên tiến năm 2025: chưa có xếp loại năm 2025 của Quách Hai Điều "
                                 "(trang Đánh giá)", "Chưa rõ xếp loại năm 2025 và quyết định công nhận hoặc phạm vi của "
                                 f"sáng kiến năm 2025 của Quách Hai Điều {NEED}"], []),
    ("Hà Chỉ Hoàn Thành", NO, [f"Không đạt Lao động tiên tiến năm 2025: Xếp loại năm 2025 là '{HT}', chưa đạt '{HTT}'"],
     [_idea("Vô ích")]),
    ("Trần Văn Hai", NO, [f"Không đạt Lao động tiên tiến năm 2025: Xếp loại năm 2025 là '{HT}', chưa đạt '{HTT}'",
                          NO_IDEA_2025.replace(f"(xếp loại '{HTT}')", f"(xếp loại '{HT}')")], []),
    ("Phan Hai Lỗi", NO, [f"Không đạt Lao động tiên tiến năm 2025: Xếp loại năm 2025 là '{HT}', chưa đạt '{HTT}'; "
                          "Không tham gia phong trào thi đua năm 2025",
                          NO_IDEA_2025.replace(f"(xếp loại '{HTT}')", f"(xếp loại '{HT}')")], []),
    ("Phạm Xung Đột", UNKNOWN, ["Chưa rõ đạt Lao động tiên tiến năm 2025: có 02 dòng đánh giá năm 2025 của Phạm Xung "
                                "Đột khác nhau (trang Đánh giá, dòng 5, 6): giữ một dòng đúng rồi rà soát lại",
                                f"Chưa rõ xếp loại năm 2025 của Phạm Xung Đột {NEED}"], []),
])
def test_emulation_base(review, who, result, reasons, summary):
    _is(review()[(who, CSTDCS)], result, reasons, summary)


def test_no_initiative_needed_when_the_threshold_is_zero(review):
    """'Số sáng kiến tối thiểu' 0 is a threshold as typed, not the default 1."""
    _is(review("custom")[("Không Sáng Kiến", CSTDCS)], YES)


# -- Chiến sĩ thi đua cấp tỉnh: the chain of years ----------------------------------------------------------
@pytest.mark.parametrize("who,result,reasons,summary,notes", [
    ("Lê Thị Đủ", YES, [], ["Chiến sĩ thi đua cơ sở năm 2023", "Chiến sĩ thi đua cơ sở năm 2024", PENDING_SUMMARY,
                            _idea("Số hoá hồ sơ", "Tỉnh"), _idea("Một cửa", "Tỉnh")], [PENDING_NOTE]),
    ("Châu Chuyên Đề", NO, ["Chiến sĩ thi đua cơ sở năm 2024 được khen theo đợt hoặc chuyên đề, đột xuất, không tính "
                            "vào số năm liên tục"],
     ["Chiến sĩ thi đua cơ sở năm 2023", PENDING_SUMMARY, _idea("Lớn", "Toàn quốc")], [PENDING_NOTE]),
    ("Lâm Thiếu Năm", NO, [NONE_2023, NO_PROVINCE_IDEA,
                           "Chưa rõ: chưa rõ đạt Chiến sĩ thi đua cơ sở năm 2025: chưa rõ đạt Lao động tiên tiến năm "
                           "2025: chưa ghi 'Tham gia phong trào thi đua' năm 2025 (trang Đánh giá, dòng 22)"],
     ["Chiến sĩ thi đua cơ sở năm 2024"], []),
    ("Tăng Hỏng Năm Nay", NO, [f"Không đạt Chiến sĩ thi đua cơ sở năm 2025: {NO_IDEA_2025}",
                               "Chưa rõ: chưa rõ quyết định công nhận hoặc phạm vi của sáng kiến 2023–2025 của Tăng "
                               "Hỏng Năm Nay"], ["Chiến sĩ thi đua cơ sở năm 2023", "Chiến sĩ thi đua cơ sở năm 2024"], []),
    ("Vũ Chờ", NO, [NONE_2023, NONE_2024,
                    "Không đạt Chiến sĩ thi đua cơ sở năm 2025: Không đạt Lao động tiên tiến năm 2025: Đang bị xem xét "
                    f"kỷ luật (năm 2025, trang Đánh giá, dòng 8); {NO_IDEA_2025}",
                    f"Đang bị xem xét kỷ luật (năm 2025, trang Đánh giá, dòng 8) [căn cứ {UNREAD}]", NO_PROVINCE_IDEA],
     [], []),
    ("Đinh Chưa Rõ", NO, [NONE_2023, NONE_2024, f"Không đạt Chiến sĩ thi đua cơ sở năm 2025: {NO_IDEA_2025}",
                          "Bị kỷ luật Cảnh cáo (quyết định ngày 20/11/2024; trang Đánh giá, dòng 10), còn hiệu lực "
                          f"trong năm 2024 [căn cứ {UNREAD}]", NO_PROVINCE_IDEA,
                          "Chưa rõ: chưa rõ kỷ luật Cảnh cáo (quyết định ngày 20/11/2024; trang Đánh giá, dòng 10) còn "
                          "hiệu lực trong năm 2025 không: ghi 'Kỷ luật đến ngày' hoặc 'Thời hạn kỷ luật (tháng)' ở trang "
                          "Đánh giá"], [], []),
    ("Mai Phê Bình", NO, [NONE_2023, NONE_2024, f"Không đạt Chiến sĩ thi đua cơ sở năm 2025: {NO_IDEA_2025}",
                          NO_PROVINCE_IDEA,
                          "Chưa rõ: kỷ luật năm 2025 'Phê bình' không đọc được (trang Đánh giá, dòng 12)"], [], []),
    ("Cao Xuất Sắc", NO, [NONE_2023, NONE_2024, NO_PROVINCE_IDEA], [PENDING_SUMMARY], [PENDING_NOTE]),
    ("Đàm Rộng Hẹp", YES, [], ["Chiến sĩ thi đua cơ sở năm 2023", "Chiến sĩ thi đua cơ sở năm 2024", PENDING_SUMMARY,
                               _idea("Rộng", "Tỉnh")], [PENDING_NOTE]),             # 'Hẹp' is of Cơ sở only
    ("Tạ Phạm Vi", NO, [NONE_2023, NONE_2024,
                        "Chưa rõ: chưa rõ đạt Chiến sĩ thi đua cơ sở năm 2025: chưa rõ quyết định công nhận hoặc phạm "
                        f"vi của sáng kiến năm 2025 của Tạ Phạm Vi {NEED}",
                        "Chưa rõ: chưa rõ quyết định công nhận hoặc phạm vi của sáng kiến 2023–2025 của Tạ Phạm Vi"],
     [], []),
])
def test_emulation_province(review, who, result, reasons, summary, notes):
    _is(review()[(who, CSTD_TINH)], result, reasons, summary, notes)


def test_a_year_khen_thuong_says_nothing_of_is_unknown(review):
    """Reviewed for 2026: Khen thưởng has rows of 2023 and 2024 only, so 2025 cannot be told."""
    e = review("main", 2026)[("Lê Thị Đủ", CSTD_TINH)]
    _is(e, UNKNOWN, ["Trang Khen thưởng chưa có dòng nào của năm 2025 để biết có đạt Chiến sĩ thi đua cơ sở",
                     "Chưa rõ đạt Chiến sĩ thi đua cơ sở năm 2026: chưa rõ đạt Lao động tiên tiến năm 2026: chưa có xếp "
                     "loại năm 2026 của Lê Thị Đủ (trang Đánh giá); chưa rõ xếp loại năm 2026 của Lê Thị Đủ "
                     + NEED],
        ["Chiến sĩ thi đua cơ sở năm 2024", _idea("Số hoá hồ sơ", "Tỉnh"), _idea("Một cửa", "Tỉnh")])


@pytest.mark.parametrize("who,result,reasons,summary,notes", [
    ("Một Năm", NO, ["Không có 02 sáng kiến, đề tài phạm vi từ Tỉnh trở lên được công nhận trong năm 2025"],
     [PENDING_SUMMARY], [PENDING_NOTE]),
    ("Khiển Nhẹ", NO, [f"Bị kỷ luật Khiển trách năm 2025 (trang Đánh giá, dòng 2) [căn cứ {UNREAD}]",
                       "Không có 02 sáng kiến, đề tài phạm vi từ Tỉnh trở lên được công nhận trong năm 2025"],
     [PENDING_SUMMARY], [PENDING_NOTE]),
])
def test_a_chain_of_zero_years_is_one_year(review, who, result, reasons, summary, notes):
    """'Số năm liên tục' 0 is read as one year: the year under review alone; two initiatives asked."""
    _is(review("custom")[(who, CSTD_TINH)], result, reasons, summary, notes)


# -- Bằng khen: 'Hoàn thành xuất sắc nhiệm vụ' OR Chiến sĩ thi đua cơ sở, each for the years -------------------
XS2 = f"'{HTXS}' 02 năm liên tục"
CS2 = "Chiến sĩ thi đua cơ sở 02 lần liên tục"


@pytest.mark.parametrize("who,result,reasons,summary,notes", [
    ("Lê Thị Đủ", YES, [], [f"Năm 2024: {HTXS}", f"Năm 2025: {HTXS}", _idea("Số hoá hồ sơ", "Tỉnh"),
                            _idea("Một cửa", "Tỉnh")], []),
    ("Doãn Hai Lần", YES, [], ["Chiến sĩ thi đua cơ sở năm 2024", PENDING_SUMMARY, _idea("Thứ nhất"), _idea("Thứ hai")],
     [PENDING_NOTE]),
    ("Giang Trượt Cả Hai", NO, [f"Không đạt {XS2} (Xếp loại năm 2024 là '{HTT}', chưa đạt '{HTXS}') và không đạt {CS2} "
                                f"({NONE_2024})", TWO_IDEAS], [], []),
    ("Kim Tốt", NO, [f"Không đạt {XS2} (Xếp loại năm 2025 là '{HTT}', chưa đạt '{HTXS}') và không đạt {CS2} "
                     f"({NONE_2024}; Không đạt Chiến sĩ thi đua cơ sở năm 2025: {NO_IDEA_2025})", TWO_IDEAS], [], []),
    ("Cao Xuất Sắc", NO, [TWO_IDEAS, f"Chưa rõ: chưa rõ có đạt {XS2} (chưa có xếp loại năm 2024 của Cao Xuất Sắc (trang "
                                     f"Đánh giá)); không đạt {CS2} ({NONE_2024})"], [], []),
    ("Lâm Thiếu Năm", NO, [TWO_IDEAS, f"Chưa rõ: chưa rõ có đạt {CS2} (chưa rõ đạt Chiến sĩ thi đua cơ sở năm 2025: "
                                      "chưa rõ đạt Lao động tiên tiến năm 2025: chưa ghi 'Tham gia phong trào thi đua' "
                                      f"năm 2025 (trang Đánh giá, dòng 22)); không đạt {XS2} (Xếp loại năm 2025 là "
                                      f"'{HTT}', chưa đạt '{HTXS}')"], [], []),
    ("Yên Chưa Biết", UNKNOWN, [f"Chưa rõ có đạt {XS2} (chưa có xếp loại năm 2025 của Yên Chưa Biết (trang Đánh giá)) "
                                f"hoặc {CS2} (chưa rõ đạt Chiến sĩ thi đua cơ sở năm 2025: chưa rõ đạt Lao động tiên "
                                "tiến năm 2025: chưa có xếp loại năm 2025 của Yên Chưa Biết (trang Đánh giá))"],
     [_idea("Cũ"), _idea("Mới")], []),
    ("Phạm Xung Đột", NO, [TWO_IDEAS, f"Chưa rõ: chưa rõ có đạt {XS2} (chưa có xếp loại năm 2024 của Phạm Xung Đột "
                                      f"(trang Đánh giá); {CONFLICT[0].lower()}{CONFLICT[1:]}); không đạt {CS2} "
                                      f"({NONE_2024})", f"Chưa rõ: {CONFLICT[0].lower()}{CONFLICT[1:]}"], [], []),
    ("Bùi Chờ Quyết Định", NO, [f"Không đạt {XS2} (Xếp loại năm 2025 là '{HTT}', chưa đạt '{HTXS}') và không đạt "
                                f"{CS2} ({NONE_2024})", TWO_IDEAS], [], []),     # one unsure of two: surely short
    ("Hứa Hai Chờ", NO, [f"Không đạt {XS2} (Xếp loại năm 2025 là '{HTT}', chưa đạt '{HTXS}') và không đạt {CS2} "
                         f"({NONE_2024})",
                         "Chưa rõ: chưa rõ quyết định công nhận hoặc phạm vi của sáng kiến 2024–2025 của Hứa Hai Chờ"],
     [], []),                                                                    # two unsure of two: may be enough
    ("Thân Nửa Vời", NO, [f"Không đạt {XS2} (Xếp loại năm 2025 là '{HTT}', chưa đạt '{HTXS}') và không đạt {CS2} "
                          f"({NONE_2024})",
                          "Chưa rõ: chưa rõ quyết định công nhận hoặc phạm vi của sáng kiến 2024–2025 của Thân Nửa Vời"],
     [], []),
])
def test_merit_certificate(review, who, result, reasons, summary, notes):
    _is(review()[(who, BK)], result, reasons, summary, notes)


def test_merit_certificate_over_one_year(review):
    """'Số năm liên tục' 1 and one initiative: the year under review alone."""
    got = review("custom")
    _is(got[("Một Năm", BK)], YES, [], [f"Năm 2025: {HTXS}", _idea("Tỉnh một", "Tỉnh")])
    _is(got[("Không Sáng Kiến", BK)], NO, ["Chưa có 01 sáng kiến, đề tài được công nhận trong năm 2025"],
        [PENDING_SUMMARY], [PENDING_NOTE])
    _is(got[("Phòng Một Chiến Sĩ 2", BK)], NO, [
        f"Không đạt '{HTXS}' 01 năm liên tục (Xếp loại năm 2025 là '{HT}', chưa đạt '{HTXS}') và không đạt Chiến sĩ thi "
        "đua cơ sở 01 lần liên tục (Không đạt Chiến sĩ thi đua cơ sở năm 2025: Không đạt Lao động tiên tiến năm 2025: "
        f"Xếp loại năm 2025 là '{HT}', chưa đạt '{HTT}')",
        "Chưa có 01 sáng kiến, đề tài được công nhận trong năm 2025"])


# -- the collectives ------------------------------------------------------------------------------------------
def _members(unit, *numbers):
    return ", ".join(f"{unit} {n}" for n in numbers)


@pytest.mark.parametrize("unit,result,reasons,summary", [
    ("Phòng Một", YES, [], [f"Năm 2025: tập thể {HTT}", "02 trên tổng số 03 cá nhân đạt danh hiệu Lao động tiên tiến"]),
    ("Phòng Nửa", NO, ["Nội bộ không đoàn kết năm 2025", "Chỉ 2/4 thành viên đạt Lao động tiên tiến, cần trên 50%"],
     [f"Năm 2025: tập thể {HTT}"]),
    ("Phòng Thiếu", NO, [f"Tập thể xếp loại năm 2025 là '{HT}', chưa đạt '{HTT}'",
                         "Chưa rõ: chưa ghi 'Nội bộ đoàn kết' năm 2025 của 'Phòng Thiếu' (trang Đánh giá, dòng 41)",
                         "Chưa rõ: chưa rõ đạt Lao động tiên tiến (cần trên 50%, chắc chắn 1/3): "
                         + _members("Phòng Thiếu", 2, 3)], []),
    ("Phòng Lạ", UNKNOWN, ["Xếp loại tập thể năm 2025 'Loại B' không đọc được (trang Đánh giá, dòng 44)"],
     ["02 trên tổng số 02 cá nhân đạt danh hiệu Lao động tiên tiến"]),
    ("Phòng Chưa Xếp", UNKNOWN, ["Chưa có xếp loại tập thể năm 2025 của 'Phòng Chưa Xếp' (trang Đánh giá, Đối tượng: "
                                 "Tập thể)"], ["02 trên tổng số 02 cá nhân đạt danh hiệu Lao động tiên tiến"]),
    ("Phòng Năm", UNKNOWN, ["Chưa rõ đạt Lao động tiên tiến (cần trên 50%, chắc chắn 5/10): "
                            + _members("Phòng Năm", 6, 7, 8, 9, 10)], [f"Năm 2025: tập thể {HTXS}"]),
    ("Phòng Sáu", UNKNOWN, ["Chưa rõ đạt Lao động tiên tiến (cần trên 50%, chắc chắn 0/7): "
                            + _members("Phòng Sáu", 2, 3, 4, 5, 6) + " và 1 người khác"], [f"Năm 2025: tập thể {HTXS}"]),
    ("Phòng Bảy", UNKNOWN, ["Chưa rõ đạt Lao động tiên tiến (cần trên 50%, chắc chắn 0/7): "
                            + _members("Phòng Bảy", 1, 2, 3, 4, 5) + " và 2 người khác"], [f"Năm 2025: tập thể {HTXS}"]),
    ("Ban Không Người", UNKNOWN, ["Không có cán bộ nào thuộc 'Ban Không Người' ở trang Cán bộ (cột Đơn vị)"],
     [f"Năm 2025: tập thể {HTT}"]),
])
def test_collective_advanced(review, unit, result, reasons, summary):
    _is(review()[(unit, TTLDTT)], result, reasons, summary)


@pytest.mark.parametrize("unit,result,reasons,summary", [
    ("Phòng Xuất Sắc", YES, [], [f"Năm 2025: tập thể {HTXS}", "03 trên tổng số 04 cá nhân đạt danh hiệu Lao động tiên "
                                 "tiến", "01 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở"]),
    ("Phòng Yếu", NO, [f"Có thành viên xếp loại năm 2025 dưới '{HT}': Phòng Yếu 4"],
     [f"Năm 2025: tập thể {HTXS}", "03 trên tổng số 04 cá nhân đạt danh hiệu Lao động tiên tiến",
      "01 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở"]),
    ("Phòng Một", NO, [f"Tập thể xếp loại năm 2025 là '{HTT}', chưa đạt '{HTXS}'",
                       "Chỉ 2/3 thành viên đạt Lao động tiên tiến, cần từ 70%",
                       "Không có đủ 01 thành viên đạt Chiến sĩ thi đua cơ sở năm 2025"], []),
    ("Phòng Không Chiến Sĩ", NO, ["Không có đủ 01 thành viên đạt Chiến sĩ thi đua cơ sở năm 2025"],
     [f"Năm 2025: tập thể {HTXS}", "04 trên tổng số 04 cá nhân đạt danh hiệu Lao động tiên tiến"]),
    ("Phòng Chờ Chiến Sĩ", UNKNOWN, ["Chưa rõ đạt Chiến sĩ thi đua cơ sở: Phòng Chờ Chiến Sĩ 1"],
     [f"Năm 2025: tập thể {HTXS}", "04 trên tổng số 04 cá nhân đạt danh hiệu Lao động tiên tiến"]),
    ("Phòng Năm", UNKNOWN, ["Chưa rõ đạt Lao động tiên tiến (cần từ 70%, chắc chắn 5/10): "
                            + _members("Phòng Năm", 6, 7, 8, 9, 10),
                            "Chưa có xếp loại năm 2025 của: " + _members("Phòng Năm", 6, 7, 8, 9, 10)],
     [f"Năm 2025: tập thể {HTXS}", "05 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở"]),
    ("Phòng Bảy", UNKNOWN, ["Chưa rõ đạt Lao động tiên tiến (cần từ 70%, chắc chắn 0/7): "
                            + _members("Phòng Bảy", 1, 2, 3, 4, 5) + " và 2 người khác",
                            "Chưa có xếp loại năm 2025 của: " + _members("Phòng Bảy", 1, 2, 3, 4, 5) + " và 2 người khác",
                            "Chưa rõ đạt Chiến sĩ thi đua cơ sở: " + _members("Phòng Bảy", 1, 2, 3, 4, 5)
                            + " và 2 người khác"], [f"Năm 2025: tập thể {HTXS}"]),
    ("Ban Không Người", NO, [f"Tập thể xếp loại năm 2025 là '{HTT}', chưa đạt '{HTXS}'",
                             "Chưa rõ: không có cán bộ nào thuộc 'Ban Không Người' ở trang Cán bộ (cột Đơn vị)"], []),
])
def test_collective_excellent(review, unit, result, reasons, summary):
    _is(review()[(unit, TTLDXS)], result, reasons, summary)


@pytest.mark.parametrize("unit,result,reasons,summary", [
    ("Phòng Kỷ Luật", NO, ["Có thành viên bị kỷ luật từ Cảnh cáo trở lên năm 2025: "
                           f"{_members('Phòng Kỷ Luật', 2, 3)} [{LOCAL}]",
                           "Chỉ 1/3 thành viên đạt Lao động tiên tiến, cần từ 50%"], [f"Năm 2025: tập thể {HTXS}"]),
    ("Phòng Khiển Trách", YES, [], [f"Năm 2025: tập thể {HTXS}",
                                    "02 trên tổng số 02 cá nhân đạt danh hiệu Lao động tiên tiến"]),
    ("Phòng Chờ Kỷ Luật", UNKNOWN, ["Thành viên đang bị xem xét kỷ luật: Phòng Chờ Kỷ Luật 2",
                                    "Chưa có dữ liệu kỷ luật năm 2025 của: " + _members("Phòng Chờ Kỷ Luật", 3, 4),
                                    "Chưa rõ đạt Lao động tiên tiến (cần từ 50%, chắc chắn 1/4): "
                                    + _members("Phòng Chờ Kỷ Luật", 3, 4)], [f"Năm 2025: tập thể {HTXS}"]),
    ("Phòng Chưa Ghi", UNKNOWN, ["Chưa có dữ liệu kỷ luật năm 2025 của: Phòng Chưa Ghi 2"],
     [f"Năm 2025: tập thể {HTXS}", "01 trên tổng số 02 cá nhân đạt danh hiệu Lao động tiên tiến"]),
    ("Phòng Nửa Đủ", YES, [], [f"Năm 2025: tập thể {HTXS}",                  # exactly 50%: 'từ 50%' is at least
                               "01 trên tổng số 02 cá nhân đạt danh hiệu Lao động tiên tiến"]),
])
def test_a_local_rule_on_members_discipline_and_an_at_least_share(review, unit, result, reasons, summary):
    _is(review("custom")[(unit, TTLDTT)], result, reasons, summary)


@pytest.mark.parametrize("unit,result,reasons,summary", [
    ("Phòng Khiển Trách", YES, [], [f"Năm 2025: tập thể {HTXS}", "02 trên tổng số 02 cá nhân đạt danh hiệu Lao động "
                                    "tiên tiến", "02 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở"]),
    ("Phòng Nửa Đủ", NO, ["Chỉ 1/2 thành viên đạt Lao động tiên tiến, cần từ 70%",
                          "Không có đủ 02 thành viên đạt Chiến sĩ thi đua cơ sở năm 2025"], [f"Năm 2025: tập thể {HTXS}"]),
])
def test_two_base_emulation_titles_asked_of_a_collective(review, unit, result, reasons, summary):
    """'Số thành viên Chiến sĩ thi đua cơ sở' 2: two is enough, one is not."""
    _is(review("custom")[(unit, TTLDXS)], result, reasons, summary)
