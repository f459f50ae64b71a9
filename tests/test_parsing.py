"""The tolerant parsers on their own: every date form with the interval it
covers and its precision, progress with remarks, document numbers, and
property tests that nothing a cell may hold makes them raise."""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from xlsrc.parsing import (DAY, MONTH, QUARTER, YEAR, DateValue, Progress, canonical_doc_number,
                           column_is_fraction, is_doc_number, is_error_literal, parse_date, parse_int,
                           parse_progress, split_lines)

D = dt.date

# (typed value, precision, start, end, display)
DATE_FORMS = [
    (dt.datetime(2021, 11, 18), DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    (dt.datetime(2021, 11, 18, 14, 30), DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    (D(2021, 11, 18), DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    (44518, DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),        # Excel serial
    (44518.0, DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    (44518.75, DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),     # serial with a time
    ("18/11/2021", DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    ("18-11-2021", DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    ("18.11.2021", DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    (" 18 / 11 / 2021 ", DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    ("2/2/2021", DAY, D(2021, 2, 2), D(2021, 2, 2), "02/02/2021"),
    ("24/3/2021", DAY, D(2021, 3, 24), D(2021, 3, 24), "24/3/2021"),
    ("2021-11-18", DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    ("ngày 18 tháng 11 năm 2021", DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    ("Ngày 05 tháng 01 năm 2021", DAY, D(2021, 1, 5), D(2021, 1, 5), "05/01/2021"),
    ("29/02/2024", DAY, D(2024, 2, 29), D(2024, 2, 29), "29/02/2024"),
    ("tháng 12/2021", MONTH, D(2021, 12, 1), D(2021, 12, 31), "Tháng 12/2021"),
    ("Tháng 12 năm 2021", MONTH, D(2021, 12, 1), D(2021, 12, 31), "Tháng 12/2021"),
    ("6/2021", MONTH, D(2021, 6, 1), D(2021, 6, 30), "Tháng 6/2021"),
    ("02/2024", MONTH, D(2024, 2, 1), D(2024, 2, 29), "Tháng 2/2024"),
    ("Quý II/2021", QUARTER, D(2021, 4, 1), D(2021, 6, 30), "Quý II/2021"),
    ("quý 4 năm 2021", QUARTER, D(2021, 10, 1), D(2021, 12, 31), "Quý IV/2021"),
    ("Quý I/2021", QUARTER, D(2021, 1, 1), D(2021, 3, 31), "Quý I/2021"),
    ("Năm 2021", YEAR, D(2021, 1, 1), D(2021, 12, 31), "Năm 2021"),
    ("2022", YEAR, D(2022, 1, 1), D(2022, 12, 31), "Năm 2022"),
    (2021, YEAR, D(2021, 1, 1), D(2021, 12, 31), "Năm 2021"),            # a year typed as a number
]


@pytest.mark.parametrize("value,precision,start,end,shown", DATE_FORMS, ids=[repr(c[0]) for c in DATE_FORMS])
def test_every_date_form(value, precision, start, end, shown):
    v = parse_date(value, 2021)
    assert v.ok and not v.empty
    assert (v.precision, v.start, v.end, v.display()) == (precision, start, end, shown)


@pytest.mark.parametrize("text,month,last_day", [("Tháng 4", 4, 30), ("tháng 2", 2, 28), ("Tháng 12", 12, 31),
                                                 ("THÁNG 7", 7, 31)])
def test_month_only_takes_the_given_year_and_covers_the_whole_month(text, month, last_day):
    v = parse_date(text, 2021)
    assert (v.precision, v.start, v.end, v.year_given) == (MONTH, D(2021, month, 1), D(2021, month, last_day), False)
    assert v.display() == f"Tháng {month}"  # no year shown that was not typed
    assert v.text == text


def test_month_only_without_a_known_year_is_not_guessed():
    v = parse_date("Tháng 4")
    assert not v.ok and v.text == "Tháng 4" and v.display() == "Tháng 4"


@pytest.mark.parametrize("year", [0, -1, 1800, 10_000, 20211, 99_999, 10 ** 30])
def test_month_only_with_an_impossible_year_is_unreadable_not_a_crash(year):
    """A typo in 'Năm báo cáo' (20211) once made parse_date raise ValueError."""
    v = parse_date("Tháng 4", year)
    assert not v.ok and v.text == "Tháng 4" and v.display() == "Tháng 4"
    assert parse_date("Tháng 4/2021", year).start == D(2021, 4, 1)  # a year typed in the cell still counts


def test_no_day_is_invented():
    """A date of month, quarter or year precision is an interval, never a day."""
    for text, precision in (("tháng 11/2021", MONTH), ("Quý IV/2021", QUARTER), ("Năm 2021", YEAR)):
        v = parse_date(text)
        assert v.precision == precision and v.start < v.end
        assert v.start.day == 1 and v.end.day == calendar.monthrange(v.end.year, v.end.month)[1]
        assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", v.display())  # never shown as dd/mm/yyyy


@pytest.mark.parametrize("text", ["31/02/2021", "29/02/2021", "Tháng 13", "Tháng 13/2021", "0/2021", "hôm qua",
                                  "Quý V/2021", "18/11", "12345678", "sau Tết", "Năm 1800", "32/1/2021",
                                  "#N/A", "dự kiến cuối năm"])
def test_unreadable_date_is_not_ok_and_keeps_its_text(text):
    v = parse_date(text, 2021)
    assert not v.ok and not v.empty
    assert (v.start, v.end, v.precision) == (None, None, None)
    assert v.text == text and v.display() == text


@pytest.mark.parametrize("value", [None, "", "   ", "\n"])
def test_empty_date(value):
    v = parse_date(value, 2021)
    assert v.empty and not v.ok and v.display() == ""


@pytest.mark.parametrize("value", [True, False, -5, 0, 0.5, float("nan"), float("inf"), -float("inf"), 10 ** 30,
                                   3_000_000])
def test_numbers_that_are_not_dates(value):
    v = parse_date(value)
    assert not v.ok and isinstance(v.display(), str)


# --------------------------------------------------------------------------
@pytest.mark.parametrize("value,fraction,expected,note", [
    ("95%", False, 95, ""),
    ("95 %", False, 95, ""),
    ("95,5%", False, 95.5, ""),
    ("100%", False, 100, ""),
    (95, False, 95, ""),
    (95.0, False, 95, ""),
    (0.95, True, 95, ""),
    (1, True, 100, ""),
    ("0,95", True, 95, ""),
    ("95% (dự kiến khởi công trong tháng 12/2021)", False, 95, "dự kiến khởi công trong tháng 12/2021"),
    ("95% (dự kiến khởi công trong tháng 12/2021)", True, 95, "dự kiến khởi công trong tháng 12/2021"),
    ("80% - chờ nghiệm thu", False, 80, "chờ nghiệm thu"),
    ("150%", False, 150, ""),     # kept; the validator says it is out of range
])
def test_progress_forms(value, fraction, expected, note):
    p = parse_progress(value, fraction=fraction)
    assert p.ok and p.value == expected and p.note == note


def test_free_text_progress_is_unknown_with_the_text_as_note():
    text = ("Sở Ngoại vụ đã có văn bản đề nghị UBND tỉnh cho phép lùi thời gian tổ chức lớp tiếng Lào "
            "nói trên sang năm 2022.")
    p = parse_progress(text)
    assert not p.ok and p.value is None and p.note == text and p.text == text
    assert parse_progress("Đang triển khai 50 học viên").value is None  # a number inside words is no percentage


def test_empty_and_error_progress():
    assert parse_progress(None) == Progress(None)
    assert parse_progress("  ") == Progress(None)
    p = parse_progress("#DIV/0!")
    assert p.value is None and p.note == ""
    assert is_error_literal("#N/A") and not is_error_literal("N/A")


def test_column_level_fraction_detection():
    assert column_is_fraction([0.95, 1.0, 0, "Sở Ngoại vụ đã có văn bản", None])
    assert column_is_fraction([1])                      # a 100% cell in a %-formatted column
    assert not column_is_fraction([95, 0.5])            # mixed: values are percents
    assert not column_is_fraction([95, 100])
    assert not column_is_fraction(["95%", None])        # no numbers at all
    assert not column_is_fraction([])
    assert not column_is_fraction([True, False])        # booleans are not numbers
    assert column_is_fraction([0.5, float("nan")])      # non-finite cells are ignored


# --------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["84/KH-SNgV", "244/2020/NQ-HĐND", "06/HĐTĐKT", "221/SNgV-VPTTr", "05-CT/TW",
                                  "180/BC-SNgV", "06/KH-UBND"])
def test_valid_document_numbers(text):
    assert is_doc_number(text)


@pytest.mark.parametrize("text", ["84/KHSNgV abc", "KH-SNgV", "số 84", "", "84", "84/", "/KH-SNgV"])
def test_invalid_document_numbers(text):
    assert not is_doc_number(text)


def test_document_number_canonical_form():
    assert canonical_doc_number("198/KH – SNgV") == "198/KH-SNgV"
    assert canonical_doc_number("Số: 84/KH-SNgV") == "84/KH-SNgV"
    assert canonical_doc_number(" 244 / 2020 / NQ-HĐND ") == "244/2020/NQ-HĐND"


def test_int_and_lines():
    assert [parse_int(v) for v in (3, 3.0, " 7 ", "7a", 2.5, True, None)] == [3, 3, 7, None, None, None, None]
    assert split_lines("- Như trên;\n- Ban Giám đốc Sở;\r\n\n- Lưu: VT, VP.") == [
        "Như trên;", "Ban Giám đốc Sở;", "Lưu: VT, VP."]


# --------------------------------------------------------------------------
# Property tests: whatever a cell holds, the parsers answer with their own types.
CELL_VALUES = st.one_of(
    st.text(), st.none(), st.booleans(),
    st.integers(), st.integers(min_value=-(10 ** 400), max_value=10 ** 400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(), st.dates(),
    st.from_regex(r"\s*(ngày|tháng|quý|năm|Tháng|Quý|Năm)?\s*[0-9IV]{0,6}\s*[/.\- ]?\s*[0-9]{0,5}\s*%?.*",
                  fullmatch=True),
)


@settings(max_examples=500, deadline=None)
@given(CELL_VALUES, st.one_of(st.none(), st.integers(min_value=1900, max_value=2200), st.integers()))
@example(10 ** 400, None)
@example("Tháng 4", 99_999)
@example("tháng 12", -3)
@example(-(10 ** 400), 2021)
@example(1e308, None)
@example(float("nan"), 2021)
@example("9" * 400, 2021)
@example("Tháng 2", 2024)
def test_parse_date_never_raises(value, year):
    v = parse_date(value, year)
    assert isinstance(v, DateValue)
    assert isinstance(v.text, str) and isinstance(v.display(), str)
    if v.ok:
        assert isinstance(v.start, dt.date) and isinstance(v.end, dt.date) and v.start <= v.end
        assert v.precision in (DAY, MONTH, QUARTER, YEAR)
        if v.precision == DAY:
            assert v.start == v.end
        else:
            assert v.start.day == 1  # an interval of whole months: no day invented
    else:
        assert v.start is None and v.end is None and v.precision is None


@settings(max_examples=500, deadline=None)
@given(CELL_VALUES, st.booleans())
@example(10 ** 400, False)
@example(-(10 ** 400), True)
@example(1e308, True)
@example("9" * 400 + "%", False)
@example("9" * 400, True)
@example(float("inf"), False)
def test_parse_progress_never_raises(value, fraction):
    p = parse_progress(value, fraction=fraction)
    assert isinstance(p, Progress)
    assert p.value is None or (isinstance(p.value, float) and math.isfinite(p.value))
    assert isinstance(p.note, str) and isinstance(p.text, str)
    assert p.ok == (p.value is not None)


@settings(max_examples=200, deadline=None)
@given(st.lists(CELL_VALUES, max_size=8))
@example([10 ** 400, 0.5])
def test_column_is_fraction_never_raises(values):
    assert isinstance(column_is_fraction(values), bool)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.floats(), st.integers()), st.one_of(st.none(), st.integers()))
def test_parse_date_plain_strategies(value, year):
    """The brief's strategies on their own: st.text(), st.floats() (nan, inf included), st.integers()."""
    v = parse_date(value, year)
    assert isinstance(v, DateValue) and isinstance(v.display(), str)
    assert v.ok == (v.start is not None)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.floats(), st.integers()), st.booleans())
def test_parse_progress_plain_strategies(value, fraction):
    p = parse_progress(value, fraction=fraction)
    assert isinstance(p, Progress) and isinstance(p.note, str)
    assert p.value is None or (isinstance(p.value, float) and math.isfinite(p.value))
