"""How units write the values of the lists: the award forms (the full
official name, the signer's title, abbreviations, 'sỹ' for 'sĩ', a leading
'Danh hiệu' or a year after it), each read as the form of Luật 06/2022/QH15
it names — a party committee's Bằng khen (not a form of the Law) stays
unknown; and a work's status in the words units use."""
from __future__ import annotations

import datetime as dt

import pytest

from xlsrc import schema as S
from xlsrc.builder import Content

BK, CSTD_CS, GK = "Bằng khen cấp bộ, ban, ngành, tỉnh", "Chiến sĩ thi đua cơ sở", "Giấy khen"


@pytest.mark.parametrize("typed, form", [
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", BK), ("Bằng khen Chủ tịch UBND tỉnh", BK), ("BK UBND tỉnh", BK),
    ("Bằng khen UBND thành phố Hà Nội", BK), ("Bằng khen của Bộ trưởng Bộ Tư pháp", BK),
    ("Bằng khen của Ban Tổ chức Trung ương", BK),
    ("Bằng khen Thủ tướng", "Bằng khen của Thủ tướng Chính phủ"), ("BKTTg", "Bằng khen của Thủ tướng Chính phủ"),
    ("Giấy khen Giám đốc Sở", GK), ("GK Chủ tịch UBND xã", GK), ("Giấy khen của Chủ tịch UBND huyện", GK),
    ("Chiến sỹ thi đua cơ sở", CSTD_CS), ("Danh hiệu “Chiến sĩ thi đua cơ sở”", CSTD_CS),
    ("Chiến sĩ thi đua cấp cơ sở", CSTD_CS), ("CSTĐ cấp tỉnh", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh"),
    ("Lao động tiên tiến năm 2025", "Lao động tiên tiến"), ("Tặng Bằng khen của Chủ tịch UBND tỉnh", BK),
    ("Cờ thi đua của UBND tỉnh", "Cờ thi đua cấp bộ, ban, ngành, tỉnh"),
    ("HCLĐ hạng Ba", "Huân chương Lao động"), ("Huân chương Lao động hạng Nhì", "Huân chương Lao động"),
    ("Kỷ niệm chương Vì sự nghiệp Tư pháp", "Kỷ niệm chương"),
    ("Tập thể LĐXS", "Tập thể lao động xuất sắc"), ("Tập thể LĐTT năm 2025", "Tập thể lao động tiên tiến"),
    ("Danh hiệu LĐTT", "Lao động tiên tiến"), ("CSTT", "Chiến sĩ tiên tiến"),
])
def test_a_form_as_units_write_it(typed, form):
    term = S.vocabulary("award_form").lookup(typed)
    assert term is not None and term.value == form


@pytest.mark.parametrize("typed", ["Bằng khen của Ban Thường vụ Tỉnh ủy", "Hoàn thành xuất sắc nhiệm vụ",
                                   "Giấy chứng nhận", "Khen"])
def test_what_is_not_a_form_of_the_law_stays_unknown(typed):
    assert S.vocabulary("award_form").lookup(typed) is None


def test_the_workbook_reads_the_official_name_and_says_what_it_cannot_read(read_back):
    from xlsrc.validation import validate
    row = {"recipient_kind": "Cá nhân", "recipient": "Lê Văn A", "decision_number": "1/QĐ-UBND",
           "decision_date": dt.datetime(2025, 12, 1), "field": "Công tác năm 2025"}
    data = read_back(Content(rows={"awards": [{**row, "form": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"},
                                              {**row, "form": "Bằng khen của Ban Thường vụ Tỉnh ủy"}]}))
    assert [r["form"] for r in data.records["awards"]] == [BK, "Bằng khen của Ban Thường vụ Tỉnh ủy"]
    unknown = [(f.row, f.severity) for f in validate(data) if f.code == "AWARD_FORM_UNKNOWN"]
    assert unknown == [(3, "error")]


@pytest.mark.parametrize("typed, status", [
    ("Đã nghiệm thu", "Hoàn thành"), ("Đã bàn giao", "Hoàn thành"), ("Đã đưa vào sử dụng", "Hoàn thành"),
    ("Hoàn thành và đưa vào sử dụng", "Hoàn thành"), ("Đã khánh thành", "Hoàn thành"),
    ("Đang thi công", "Đang thực hiện"), ("Đang hoàn thiện", "Đang thực hiện"),
    ("Đang tiếp tục thực hiện", "Đang thực hiện"), ("Chưa khởi công", "Chưa triển khai"),
    ("Tạm dừng", "Lùi thời gian"), ("Chậm so với kế hoạch", "Chậm tiến độ"),
    ("Chưa hoàn thành", None), ("Dự kiến hoàn thành tháng 12", None),   # not a status: never guessed
    ("HT", "Hoàn thành"), ("Đã HT", "Hoàn thành"), ("Hoàn thành vượt tiến độ", "Hoàn thành"),
    ("Hoàn thành trước thời hạn", "Hoàn thành"), ("Đang TH", "Đang thực hiện"), ("Chưa TH", "Chưa triển khai"),
    ("Đúng tiến độ", None),   # on time: done or under way, the words do not say
])
def test_a_works_status_as_units_write_it(typed, status):
    term = S.vocabulary("status").lookup(typed)
    assert (term.value if term else None) == status


@pytest.mark.parametrize("typed, reading", [
    ("Đã nghiệm thu, đưa vào sử dụng", (100.0, "Hoàn thành")), ("Đã bàn giao", (100.0, "Hoàn thành")),
    ("Đang hoàn thiện hồ sơ", (None, "Đang thực hiện")), ("Đang nghiệm thu", (None, "Đang thực hiện")),
    ("Tạm dừng do dịch bệnh", (None, "Lùi thời gian")),
    ("Đã nghiệm thu một phần", (None, "")), ("Chưa nghiệm thu", (None, "")),   # never 'done'
])
def test_a_progress_told_in_words(typed, reading):
    from xlsrc.parsing import status_in_words
    assert status_in_words(typed) == reading


@pytest.mark.parametrize("typed, value, status", [
    ("Đang thi công, đạt 70%", 70.0, "Đang thực hiện"),
    ("Đang triển khai, đạt khoảng 60% khối lượng", 60.0, "Đang thực hiện"),
    ("Cơ bản hoàn thành, đạt 95%", 95.0, ""),
    ("Đã hoàn thành, đạt 100%", 100.0, "Hoàn thành"),     # the words of done decide
    ("Dự kiến đạt 80%", None, ""), ("Phấn đấu đạt 90% kế hoạch", None, ""),   # a goal, not a progress
    ("Giải ngân được 45% vốn", None, ""), ("Đạt 50%, vượt 20%", None, ""),     # not the work's figure; two figures
])
def test_the_figure_reached_after_words_is_read_and_said(typed, value, status):
    from xlsrc.parsing import parse_progress
    got = parse_progress(typed)
    assert (got.value, got.status) == (value, status) and got.note == typed
    assert bool(got.interpreted) == (value is not None and value < 100)


@pytest.mark.parametrize("typed, start, end", [
    ("Cuối năm 2025", (2025, 10, 1), (2025, 12, 31)), ("Đầu năm 2025", (2025, 1, 1), (2025, 3, 31)),
    ("Giữa năm 2025", (2025, 6, 1), (2025, 7, 31)),
    ("6 tháng đầu năm 2025", (2025, 1, 1), (2025, 6, 30)), ("6 tháng cuối năm 2025", (2025, 7, 1), (2025, 12, 31)),
    ("Đầu tháng 5/2025", (2025, 5, 1), (2025, 5, 10)), ("Giữa tháng 5 năm 2025", (2025, 5, 11), (2025, 5, 20)),
    ("Cuối tháng 2/2024", (2024, 2, 21), (2024, 2, 29)),
])
def test_a_part_of_a_year_or_a_month_is_read_as_its_interval_and_said(typed, start, end):
    import datetime as dt
    from xlsrc.parsing import parse_date
    got = parse_date(typed)
    assert (got.start, got.end) == (dt.date(*start), dt.date(*end))
    assert got.qualified and got.note.startswith(f"Ô ghi '{typed}': đọc là ")


@pytest.mark.parametrize("typed", ["6 tháng giữa năm 2025", "Cuối tháng 13/2025", "Cuối năm"])
def test_what_names_no_interval_stays_unread(typed):
    from xlsrc.parsing import parse_date
    assert not parse_date(typed).ok
