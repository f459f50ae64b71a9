"""parsing.py at its edges (mutation testing, issue 24): every date form
with the interval, precision and warning it gives, the limits of the years
and serial numbers it accepts, progress in each form and column context,
document numbers, and the small readers (int, decimal, lines, error
literals). Each row pins one boundary or one branch."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xlsrc.parsing import (DAY, MONTH, QUARTER, YEAR, DateValue, canonical_doc_number, column_is_fraction,
                           is_doc_number, is_draft_doc_number, is_error_literal, is_number, number_text,
                           parse_date, parse_int, parse_number, parse_progress, split_lines, split_number_date,
                           status_in_words)

D = dt.date
NOTE, NO_NOTE = True, False

# text, start, end, precision, year given, qualified, a note (warning) given
DATE_TEXTS = [
    ("18/11/2021", D(2021, 11, 18), D(2021, 11, 18), DAY, True, False, NO_NOTE),
    ("ngày 18 tháng 11 năm 2021", D(2021, 11, 18), D(2021, 11, 18), DAY, True, False, NO_NOTE),
    ("18 - 11 - 2021", D(2021, 11, 18), D(2021, 11, 18), DAY, True, False, NO_NOTE),
    ("18.11.2021", D(2021, 11, 18), D(2021, 11, 18), DAY, True, False, NO_NOTE),
    ("01/01/1900", D(1900, 1, 1), D(1900, 1, 1), DAY, True, False, NO_NOTE),
    ("31/12/2200", D(2200, 12, 31), D(2200, 12, 31), DAY, True, False, NO_NOTE),
    ("01/01/2201", None, None, None, True, False, NO_NOTE),
    ("31/12/1899", None, None, None, True, False, NO_NOTE),
    ("31/02/2021", None, None, None, True, False, NO_NOTE),
    ("32/1/2021", None, None, None, True, False, NO_NOTE),
    ("15/03/21", D(2021, 3, 15), D(2021, 3, 15), DAY, True, False, NO_NOTE),
    ("15/03/51", D(2051, 3, 15), D(2051, 3, 15), DAY, True, False, NO_NOTE),   # 30 years from 2021: read
    ("15/03/52", None, None, None, True, False, NOTE),                         # 31 years: say so
    ("44287", D(2021, 4, 1), D(2021, 4, 1), DAY, True, False, NOTE),           # an Excel serial typed as text
    ("32873", None, None, None, True, False, NO_NOTE),                         # 31/12/1989: not a serial
    ("32874", D(1990, 1, 1), D(1990, 1, 1), DAY, True, False, NOTE),
    ("2021-11-18", D(2021, 11, 18), D(2021, 11, 18), DAY, True, False, NO_NOTE),
    ("2021-11-18T10:00", D(2021, 11, 18), D(2021, 11, 18), DAY, True, False, NO_NOTE),
    ("2021-02-30", None, None, None, True, False, NO_NOTE),
    ("Tháng 12/2021", D(2021, 12, 1), D(2021, 12, 31), MONTH, True, False, NO_NOTE),
    ("Tháng 2/2024", D(2024, 2, 1), D(2024, 2, 29), MONTH, True, False, NO_NOTE),
    ("T3/2021", D(2021, 3, 1), D(2021, 3, 31), MONTH, True, False, NO_NOTE),
    ("6/2021", D(2021, 6, 1), D(2021, 6, 30), MONTH, True, False, NO_NOTE),
    ("tháng 12 năm 2021", D(2021, 12, 1), D(2021, 12, 31), MONTH, True, False, NO_NOTE),
    ("13/2021", None, None, None, True, False, NO_NOTE),
    ("0/2021", None, None, None, True, False, NO_NOTE),
    ("Tháng 1/1899", None, None, None, True, False, NO_NOTE),
    ("Tháng 4", D(2021, 4, 1), D(2021, 4, 30), MONTH, False, False, NO_NOTE),  # the report's year
    ("Tháng 12", D(2021, 12, 1), D(2021, 12, 31), MONTH, False, False, NO_NOTE),
    ("Tháng 13", None, None, None, True, False, NO_NOTE),
    ("Tháng 0", None, None, None, True, False, NO_NOTE),
    ("Quý I/2021", D(2021, 1, 1), D(2021, 3, 31), QUARTER, True, False, NO_NOTE),
    ("Quý II/2021", D(2021, 4, 1), D(2021, 6, 30), QUARTER, True, False, NO_NOTE),
    ("Quý III/2021", D(2021, 7, 1), D(2021, 9, 30), QUARTER, True, False, NO_NOTE),
    ("quý 4 năm 2021", D(2021, 10, 1), D(2021, 12, 31), QUARTER, True, False, NO_NOTE),
    ("Quý 2/1899", None, None, None, True, False, NO_NOTE),
    ("Quý 1/2201", None, None, None, True, False, NO_NOTE),
    ("Năm 2021", D(2021, 1, 1), D(2021, 12, 31), YEAR, True, False, NO_NOTE),
    ("2021", D(2021, 1, 1), D(2021, 12, 31), YEAR, True, False, NO_NOTE),
    ("Năm 2200", D(2200, 1, 1), D(2200, 12, 31), YEAR, True, False, NO_NOTE),
    ("1899", None, None, None, True, False, NO_NOTE),
    ("2201", None, None, None, True, False, NO_NOTE),
    ("Dự kiến tháng 12/2025", D(2025, 12, 1), D(2025, 12, 31), MONTH, True, True, NOTE),
    ("30/9/2025 (dự kiến)", D(2025, 9, 30), D(2025, 9, 30), DAY, True, True, NOTE),
    ("Từ 01/3/2025", D(2025, 3, 1), D(2025, 3, 1), DAY, True, True, NOTE),
    ("trước ngày 15/3/2025", D(2025, 3, 15), D(2025, 3, 15), DAY, True, True, NOTE),
    ("Dự kiến sau Tết", None, None, None, True, False, NO_NOTE),
    ("sau Tết", None, None, None, True, False, NO_NOTE),
]


@pytest.mark.parametrize("text, start, end, precision, year_given, qualified, noted", DATE_TEXTS,
                         ids=[c[0] for c in DATE_TEXTS])
def test_date_text(text, start, end, precision, year_given, qualified, noted):
    d = parse_date(text, 2021)
    assert (d.start, d.end, d.precision) == (start, end, precision)
    assert (d.year_given, d.qualified, bool(d.note)) == (year_given, qualified, noted)
    assert d.text == text and d.ok is (start is not None) and d.empty is False


# number, start, end, precision, note given
DATE_NUMBERS = [
    (1, D(2021, 1, 1), D(2021, 1, 31), MONTH, NOTE),         # a month number: the report year, said
    (12, D(2021, 12, 1), D(2021, 12, 31), MONTH, NOTE),
    (12.0, D(2021, 12, 1), D(2021, 12, 31), MONTH, NOTE),
    (0, None, None, None, NOTE),
    (13, None, None, None, NOTE),
    (1.5, None, None, None, NOTE),
    (1899, None, None, None, NOTE),
    (1900, D(1900, 1, 1), D(1900, 12, 31), YEAR, NO_NOTE),   # a year number
    (2200, D(2200, 1, 1), D(2200, 12, 31), YEAR, NO_NOTE),
    (2021.5, None, None, None, NOTE),
    (2201, None, None, None, NOTE),
    (32873, None, None, None, NOTE),                           # the serial of 31/12/1989
    (32874, D(1990, 1, 1), D(1990, 1, 1), DAY, NOTE),          # 01/01/1990
    (44287.75, D(2021, 4, 1), D(2021, 4, 1), DAY, NOTE),      # a time of day is dropped
    (73415, D(2100, 12, 31), D(2100, 12, 31), DAY, NOTE),     # 31/12/2100
    (73415.99, D(2100, 12, 31), D(2100, 12, 31), DAY, NOTE),
    (73416, None, None, None, NOTE),
    (1e14, None, None, None, NOTE),
    (1e15, None, None, None, NO_NOTE),
    (float("nan"), None, None, None, NO_NOTE),
    (float("inf"), None, None, None, NO_NOTE),
    (True, None, None, None, NO_NOTE),
]


@pytest.mark.parametrize("value, start, end, precision, noted", DATE_NUMBERS, ids=[repr(c[0]) for c in DATE_NUMBERS])
def test_date_number(value, start, end, precision, noted):
    d = parse_date(value, 2021)
    assert (d.start, d.end, d.precision, bool(d.note)) == (start, end, precision, noted)


def test_date_cells_of_a_date_type():
    assert parse_date(dt.datetime(2021, 3, 4, 17, 30)) == DateValue(D(2021, 3, 4), D(2021, 3, 4), DAY, "04/3/2021")
    assert parse_date(D(1990, 1, 1)).start == D(1990, 1, 1)
    assert parse_date(D(2100, 12, 31)).start == D(2100, 12, 31)
    for early in (D(1989, 12, 31), D(1900, 1, 4), D(2101, 1, 1)):  # a small number shown as a date
        d = parse_date(early)
        assert d.start is None and "không phải ngày trong khoảng 1990–2100" in d.note
    assert "chứa số 4 (hiện 04/01/1900)" in parse_date(D(1900, 1, 4)).note  # Excel's serial, as the cell holds it
    assert "chứa số 61 (hiện 01/3/1900)" in parse_date(D(1900, 3, 1)).note


def test_empty_cells_are_empty_not_unreadable():
    for v in (None, "", "   "):
        d = parse_date(v)
        assert d.empty and not d.ok and d.note == ""


def test_a_month_or_month_number_needs_a_usable_report_year():
    for year in (None, 1899, 2201, "2021"):
        assert parse_date("Tháng 4", year).start is None
        d = parse_date(4, year)
        assert d.start is None and d.note == "Số 4 có thể là tháng 4 nhưng không biết năm báo cáo."
    assert parse_date("Tháng 4", 1900).start == D(1900, 4, 1)
    assert parse_date("Tháng 4", 2200).start == D(2200, 4, 1)
    assert parse_date(4, 1900).start == D(1900, 4, 1) and parse_date(4, 2200).end == D(2200, 4, 30)


def test_a_two_digit_year_is_read_near_the_report_year():
    assert parse_date("15/03/21", 2051).start == D(2021, 3, 15)      # 30 years before
    assert parse_date("15/03/20", 2051).start is None                # 31 years before
    note = parse_date("15/03/20", 2051).note
    assert note == "Năm '20' viết hai chữ số nhưng 2020 cách năm báo cáo 2051 quá 30 năm; hãy ghi đủ bốn chữ số."
    assert parse_date("31/02/21", 2021).start is None and parse_date("31/02/21", 2021).note == ""


@pytest.mark.parametrize("value, shown", [
    (D(2021, 11, 18), "18/11/2021"), ("Tháng 4", "Tháng 4"), ("Tháng 4/2021", "Tháng 4/2021"),
    ("Quý I/2021", "Quý I/2021"), ("Quý 2/2021", "Quý II/2021"), ("quý 3 năm 2021", "Quý III/2021"),
    ("Quý IV/2021", "Quý IV/2021"), ("2021", "Năm 2021"), ("sau Tết", "sau Tết"), ("15/03/21", "15/3/2021")])
def test_a_date_is_shown_with_its_own_precision(value, shown):
    assert parse_date(value, 2021).display() == shown


def test_the_notes_say_how_a_number_was_read():
    assert parse_date(44287).note == "Số 44287 được hiểu là số ngày của Excel: ngày 01/4/2021."
    assert parse_date(5, 2021).note == "Số 5 trong cột ngày được hiểu là tháng 5 năm 2021 (năm báo cáo)."
    assert parse_date(2.5).note == "Số 2,5 không phải ngày: số ngày của Excel phải ứng với năm 1990–2100."
    assert parse_date("Dự kiến tháng 12/2025").note == "Ô ghi 'Dự kiến tháng 12/2025': đọc ngày là Tháng 12/2025."


# -- progress ----------------------------------------------------------------------------------------
# text, value, note, status, interpreted (a warning)
PROGRESS_TEXTS = [
    ("95%", 95.0, "", "", False), ("95", 95.0, "", "", False), ("95 %", 95.0, "", "", False),
    ("0,8", 0.8, "", "", False), ("-5%", -5.0, "", "", False),
    ("95% (dự kiến tháng 12)", 95.0, "dự kiến tháng 12", "", False),
    ("95% - còn hạng mục", 95.0, "còn hạng mục", "", False), ("95%; chờ nghiệm thu", 95.0, "chờ nghiệm thu", "", False),
    ("80-90%", None, "80-90%", "", False),                      # a range is not 80% with a note
    ("1.000", 1000.0, "", "", True), ("12.345.678", 12345678.0, "", "", True),  # thousands: said
    ("Đạt 80%", 80.0, "Đạt 80%", "", True), ("Ước đạt 80%", 80.0, "Ước đạt 80%", "", True),
    ("Hoàn thành 80%", 80.0, "Hoàn thành 80%", "", True), ("80/100", 80.0, "80/100", "", True),
    ("100/100", 100.0, "100/100", "", True),
    ("Đạt 100%", 100.0, "Đạt 100%", "Hoàn thành", False), ("Hoàn thành 100%", 100.0, "Hoàn thành 100%", "Hoàn thành", False),
    ("Đã hoàn thành", 100.0, "Đã hoàn thành", "Hoàn thành", False),
    ("Đã khánh thành", 100.0, "Đã khánh thành", "Hoàn thành", False),
    ("Đang thực hiện", None, "Đang thực hiện", "Đang thực hiện", False),
    ("Đang thi công", None, "Đang thi công", "Đang thực hiện", False),
    ("Chưa triển khai", None, "Chưa triển khai", "Chưa triển khai", False),
    ("Lùi sang năm 2022", None, "Lùi sang năm 2022", "Lùi thời gian", False),
    ("chưa hoàn thành", None, "chưa hoàn thành", "", False), ("Cơ bản hoàn thành", None, "Cơ bản hoàn thành", "", False),
    ("Hoàn thành giai đoạn 1", None, "Hoàn thành giai đoạn 1", "", False),
    ("đạt 50% kế hoạch", None, "đạt 50% kế hoạch", "", False),
    ("#N/A", None, "", "", False), ("abc", None, "abc", "", False), ("1e400", None, "1e400", "", False),
]


@pytest.mark.parametrize("text, value, note, status, interpreted", PROGRESS_TEXTS, ids=[c[0] for c in PROGRESS_TEXTS])
def test_progress_text(text, value, note, status, interpreted):
    p = parse_progress(text)
    assert (p.value, p.note, p.status, bool(p.interpreted)) == (value, note, status, interpreted)
    assert p.ok is (value is not None)


# value, column context, value read, interpreted
PROGRESS_NUMBERS = [
    (0.8, {}, 0.8, False), (95, {}, 95.0, False), (1e16, {}, 1e16, False),
    (0.8, {"fraction": True}, 80.0, False), (1, {"fraction": True}, 100.0, False), (0, {"fraction": True}, 0.0, False),
    (0.8, {"percent": True}, 80.0, False), (1.5, {"percent": True}, 150.0, False),
    (0.8, {"mixed": True}, 0.8, True), (1, {"mixed": True}, 1.0, True), (0, {"mixed": True}, 0.0, False),
    (1.01, {"mixed": True}, 1.01, False),
    (0.5, {"unknown": True}, 0.5, True), (0.5, {"unknown": True, "fraction": True}, 50.0, True),
    (1, {"unknown": True}, 1.0, True), (0, {"unknown": True}, 0.0, False), (2, {"unknown": True}, 2.0, False),
    ("0,8", {"mixed": True}, 0.8, True), ("0,8", {"fraction": True}, 80.0, False), ("60", {"fraction": True}, 60.0, False),
    ("80%", {"mixed": True}, 80.0, False), ("0,5%", {"fraction": True}, 0.5, False),
]


@pytest.mark.parametrize("value, context, read, interpreted", PROGRESS_NUMBERS,
                         ids=[f"{c[0]!r}-{'-'.join(c[1])}" for c in PROGRESS_NUMBERS])
def test_progress_number_in_its_column(value, context, read, interpreted):
    p = parse_progress(value, **context)
    assert (p.value, bool(p.interpreted)) == (read, interpreted)


def test_progress_that_is_not_a_number():
    for v in (True, float("inf"), float("nan"), 10 ** 400):
        p = parse_progress(v)
        assert p.value is None and p.text == str(v)
    assert parse_progress(1.7e308, percent=True).value is None  # beyond float range once made a percentage
    for v in (None, "", "  "):
        assert parse_progress(v).value is None and parse_progress(v).text == ""


def test_the_warnings_give_both_readings():
    assert parse_progress(0.8, mixed=True).interpreted == (
        "Ô ghi 0,8 (định dạng General) giữa các tỷ lệ lớn hơn 1: hiểu là 0,8%, cũng có thể là 80%. "
        "Hãy ghi rõ, ví dụ '80%'.")
    assert parse_progress(0.5, unknown=True, fraction=True).interpreted == (
        "Không đọc được định dạng số của tệp, nên ô ghi 0,5 có hai cách hiểu: hiểu là 50%, cũng có thể là 0,5%. "
        "Hãy ghi rõ, ví dụ '80%'.")
    assert parse_progress("1.000").interpreted == "'1.000' có dấu phân cách hàng nghìn: đọc là 1000."
    assert parse_progress("Đạt 80,5%").interpreted == "Ô ghi 'Đạt 80,5%': đọc tiến độ là 80,5%."


def test_status_in_words():
    assert status_in_words("Hoàn thành 100%") == (100.0, "Hoàn thành")
    assert status_in_words("Hoàn thành 80%") == (None, "")
    assert status_in_words("khánh thành") == (100.0, "Hoàn thành")
    assert status_in_words("đưa vào sử dụng") == (100.0, "Hoàn thành")
    assert status_in_words("xyz") == (None, "")
    assert status_in_words("chưa xong") == (None, "")
    assert status_in_words("Đã giãn tiến độ") == (None, "Lùi thời gian")
    # colloquial words of a hand-made 'Kết quả' column: 'Xong' alone is done, 'Đang làm' under way
    assert status_in_words("Xong") == status_in_words("xong.") == (100.0, "Hoàn thành")
    assert status_in_words("Sẽ xong trong tháng 12") == status_in_words("Sắp xong") == (None, "")
    assert status_in_words("Đang làm") == (None, "Đang thực hiện")


def test_a_share_of_the_work_is_read_with_a_warning_and_a_share_of_money_is_not():
    """'50% khối lượng' says how much of the work is done: read as 50% with a warning (before, it was kept as
    words with a warning that it held no percentage); '50% kinh phí' is money, and two figures are not one."""
    got = parse_progress("50% khối lượng")
    assert (got.value, got.interpreted) == (50.0, "Ô ghi '50% khối lượng': đọc tiến độ là 50%.")
    assert parse_progress("Đạt 90,5% khối lượng công việc").value == 90.5
    for text in ("50% kinh phí", "50% khối lượng, dự kiến đạt 80% tháng 12"):
        assert parse_progress(text).value is None and parse_progress(text).note == text


# -- numbers typed as text, columns of fractions ----------------------------------------------------
def test_number_text():
    assert [number_text(x) for x in ["60", " 0,8 ", "0.25", "1.000", "abc", 5, "1.5.6", "-3", ""]] == \
        [60.0, 0.8, 0.25, None, None, None, None, None, None]


def test_is_number():
    assert [is_number(x) for x in [1, 1.5, 0, True, float("nan"), float("inf"), "1", 10 ** 400, None]] == \
        [True, True, True, False, False, False, False, False, False]


@pytest.mark.parametrize("values, fraction", [
    ([], False), ([None, "x"], False), ([0.5, 1, None, "x"], True), ([0, 0.5], True), ([0.5, 1.01], False),
    ([True, 0.5], True), ([True], False), ([-0.1, 0.5], False), ([float("nan"), 0.3], True), ([2], False)])
def test_a_column_of_fractions(values, fraction):
    assert column_is_fraction(values) is fraction


# -- document numbers -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, canonical", [
    ("198/KH – SNgV", "198/KH-SNgV"), ("Số: 45/QĐ-SNgV", "45/QĐ-SNgV"), ("số 12 / BC - UBND", "12/BC-UBND"),
    ("05‑CT/TW", "05-CT/TW"), ("7/KH—UBND", "7/KH-UBND"), ("Sổ tay", "Sổ tay")])
def test_canonical_doc_number(text, canonical):
    assert canonical_doc_number(text) == canonical


@pytest.mark.parametrize("text, ok", [
    ("84/KH-SNgV", True), ("244/2020/NQ-HĐND", True), ("06/HĐTĐKT", True), ("05-CT/TW", True),
    ("12345/QĐ-UBND", True), ("123456/QĐ-UBND", False), ("abc", False), ("/BC-X", False), ("12/2020", False),
    ("45/QĐ-", False), ("45/1QĐ", False)])
def test_is_doc_number(text, ok):
    assert is_doc_number(text) is ok


@pytest.mark.parametrize("text, number, day", [
    ("Số 45/QĐ-SNgV ngày 05/01/2025", "45/QĐ-SNgV", D(2025, 1, 5)),
    ("45/QĐ-SNgV, 05/01/2025", "45/QĐ-SNgV", D(2025, 1, 5)),
    ("45/QĐ-SNgV; ký ngày 05/01/2025", "45/QĐ-SNgV", D(2025, 1, 5)),
    ("45/QĐ-SNgV ký ngày 05/01/2025", "45/QĐ-SNgV", D(2025, 1, 5)),
    ("45/QĐ-SNgV ngày Tháng 1/2025", None, None), ("abc ngày 05/01/2025", None, None),
    ("45/QĐ-SNgV ngày sau Tết", None, None), (5, None, None), ("45/QĐ-SNgV", None, None)])
def test_a_number_with_its_date_in_one_cell(text, number, day):
    got = split_number_date(text)
    assert (got[0], got[1].start) == (number, day) if number else got is None


def test_a_draft_number():
    assert [is_draft_doc_number(x) for x in ["/BC-BTĐKT", "/2021/QĐ-UBND", "45/BC-X", "/", "/21/QĐ"]] == \
        [True, True, False, False, False]


# -- small readers ---------------------------------------------------------------------------------
def test_parse_int():
    assert [parse_int(x) for x in [True, False, 5, 0, 5.0, 5.5, float("inf"), float("nan"), " 12 ", "123456789",
                                   "1234567890", "x", "-3", None, "0"]] == \
        [None, None, 5, 0, 5, None, None, None, 12, 123456789, None, None, None, None, 0]


def test_parse_number():
    assert [parse_number(x) for x in [True, 5, 1.5, float("nan"), float("inf"), "1,5", "1.5", "12", " -3 ",
                                      "1,123456", "1,1234567", "123456789", "1234567890", "x", "1,", ""]] == \
        [None, Decimal("5"), Decimal("1.5"), None, None, Decimal("1.5"), Decimal("1.5"), Decimal("12"),
         Decimal("-3"), Decimal("1.123456"), None, Decimal("123456789"), None, None, None, None]


def test_split_lines():
    assert split_lines("- Như trên;\r\n\n• Lưu: VT\n+ a\n– b\n  \nc\r-\n") == ["Như trên;", "Lưu: VT", "a", "b", "c"]
    assert split_lines("") == []


def test_error_literals():
    assert [is_error_literal(x) for x in [" #N/A ", "#ref!", "#VALUE!", "#DIV/0!", "#x", 5, None, "#SPILL!"]] == \
        [True, True, True, True, False, False, False, True]


def test_a_month_number_keeps_its_text_and_says_the_year_was_not_typed():
    d = parse_date(4, 2021)
    assert (d.text, d.year_given, d.display()) == ("4", False, "Tháng 4")
    unknown = parse_date(4, None)
    assert (unknown.text, unknown.start, unknown.display()) == ("4", None, "4")


def test_the_ambiguity_warnings_give_both_readings_to_six_decimals():
    assert "hiểu là 0,5%, cũng có thể là 50%" in parse_progress(0.5, unknown=True).interpreted
    assert "hiểu là 0,123457%, cũng có thể là 12,3457%" in parse_progress(0.1234567, unknown=True).interpreted
    assert "hiểu là 12,3457%, cũng có thể là 0,123457%" in \
        parse_progress(0.1234567, unknown=True, fraction=True).interpreted


def test_a_number_over_1_typed_in_a_column_of_fractions_is_a_percent():
    assert parse_progress("1,5", fraction=True).value == 1.5
    assert parse_progress("1", fraction=True).value == 100.0


def test_a_dash_glued_to_the_text_goes_alone():
    assert split_lines("-Như trên\n•Lưu VT") == ["Như trên", "Lưu VT"]


@pytest.mark.parametrize("text, value, status", [
    ("Đang thi công (70%)", 70.0, "Đang thực hiện"),
    ("Đang triển khai (khoảng 45,5%)", 45.5, "Đang thực hiện"),
    ("Đạt tỷ lệ 85%", 85.0, ""),
    ("Ước đạt tỉ lệ 60%", 60.0, ""),
    ("70% KL", 70.0, ""),
])
def test_a_figure_reached_said_in_other_words_is_read_with_a_warning(text, value, status):
    """A work under way with its figure in brackets, 'đạt tỷ lệ …', '… % KL' (khối lượng): the share done,
    read with a warning naming the cell's text (before, kept as words with a warning that it held no %)."""
    got = parse_progress(text)
    assert (got.value, got.status, got.note) == (value, status, text)
    shown = f"{value:g}".replace(".", ",")
    assert got.interpreted == f"Ô ghi '{text}': đọc tiến độ là {shown}%."


@pytest.mark.parametrize("text", ["Dự kiến hoàn thành (80%)", "Lùi sang 2026 (30%)", "Đang làm (50%), dự kiến 90%",
                                  "Hoàn thành (30%)"])
def test_a_figure_in_brackets_that_is_not_the_share_done_is_not_read(text):
    """A goal, a work put off, two figures, or brackets after words that do not say the work is under way:
    kept as words; the warning says the cell holds a % it did not read (not that it holds none)."""
    from xlsrc import schema as S
    from xlsrc.validation import value_findings
    got = parse_progress(text)
    assert got.value is None and got.note == text
    [(severity, code, message)] = value_findings(S.WORKS.column("progress"), got)
    assert (severity, code) == ("warning", "PROGRESS_TEXT") and "có số % nhưng không rõ" in message
    assert "không có tỷ lệ %" in value_findings(S.WORKS.column("progress"), parse_progress("Đang thi công"))[0][2]


@pytest.mark.parametrize("typed", ["QĐ số 123/QĐ-SNNMT ngày 15/12/2025", "123/QĐ-SNNMT (15/12/2025)",
                                   "123/QĐ-SNNMT (ngày 15/12/2025)", "123/QĐ-SNNMT\n15/12/2025",
                                   "Quyết định số 123/QĐ-SNNMT, ngày 15/12/2025", "QĐ 123/QĐ-SNNMT; 15/12/2025"])
def test_a_decision_cited_with_its_date_as_units_type_it_is_split(typed):
    """'QĐ số …', the date in brackets or on a line of its own (Alt+Enter): the number and the day, not an
    error on the number."""
    from xlsrc.parsing import split_number_date
    number, date = split_number_date(typed)
    assert (number, date.start) == ("123/QĐ-SNNMT", dt.date(2025, 12, 15))


def test_a_decision_named_before_its_number_is_the_number_alone_and_nothing_else_is_cut():
    assert [canonical_doc_number(t) for t in ("QĐ số 12/QĐ-UBND", "Quyết định 12/QĐ-UBND", "số:12/QĐ-UBND")] == \
        ["12/QĐ-UBND"] * 3
    assert [canonical_doc_number(t) for t in ("Quyết định số", "Số", "Sở Y tế", "QĐ-UBND")] == \
        ["Quyết định số", "Số", "Sở Y tế", "QĐ-UBND"]
    from xlsrc.parsing import split_number_date
    assert split_number_date("45/QĐ-SNgV (dự thảo)") is None and split_number_date("45/QĐ-SNgV") is None


@pytest.mark.parametrize("typed, start, end, precision, given", [
    ("Quý IV", dt.date(2025, 10, 1), dt.date(2025, 12, 31), QUARTER, False),
    ("cả năm", dt.date(2025, 1, 1), dt.date(2025, 12, 31), YEAR, False),
    ("Cả năm 2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), YEAR, True),
    ("6 tháng cuối năm", dt.date(2025, 7, 1), dt.date(2025, 12, 31), YEAR, False),
    ("Đầu năm", dt.date(2025, 1, 1), dt.date(2025, 3, 31), QUARTER, False)])
def test_a_period_typed_without_its_year_takes_the_reports(typed, start, end, precision, given):
    """'Quý IV', 'Cả năm', '6 tháng cuối năm' as 'Tháng 4' already did: the report's year, said not typed
    (year_given); without a report year they cannot be read."""
    got = parse_date(typed, 2025)
    assert (got.start, got.end, got.precision, got.year_given) == (start, end, precision, given)
    assert parse_date(typed).ok == given
    assert got.display() == {"Quý IV": "Quý IV", "Đầu năm": "Quý I"}.get(typed, got.display())
