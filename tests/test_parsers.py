"""Tolerant reading of what people type: dates of every precision, progress
with remarks, text normalisation — read back from real workbooks."""
from __future__ import annotations

import datetime as dt
import unicodedata

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsrc import schema as S
from xlsrc.access.files import FileBook
from xlsrc.builder import write_workbook
from xlsrc.demo_data import demo_content
from xlsrc.parsing import (DAY, MONTH, QUARTER, YEAR, DateValue, Progress, canonical_doc_number,
                           column_is_fraction, is_doc_number, parse_date, parse_progress)
from xlsrc.records import read_workbook
from xlsrc.vntext import admin_date_long, admin_date_short, count_text, fold, nfc, percent_text

D = dt.date

DATE_CASES = [
    (dt.datetime(2021, 11, 18), DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    (44518, DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    ("18/11/2021", DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    ("18-11-2021", DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    ("ngày 18 tháng 11 năm 2021", DAY, D(2021, 11, 18), D(2021, 11, 18), "18/11/2021"),
    ("Tháng 4", MONTH, D(2021, 4, 1), D(2021, 4, 30), "Tháng 4"),
    ("tháng 12/2021", MONTH, D(2021, 12, 1), D(2021, 12, 31), "Tháng 12/2021"),
    ("6/2021", MONTH, D(2021, 6, 1), D(2021, 6, 30), "Tháng 6/2021"),
    ("Quý II/2021", QUARTER, D(2021, 4, 1), D(2021, 6, 30), "Quý II/2021"),
    ("Năm 2021", YEAR, D(2021, 1, 1), D(2021, 12, 31), "Năm 2021"),
    ("2/2/2021", DAY, D(2021, 2, 2), D(2021, 2, 2), "02/02/2021"),
]


def _book_with_dates(tmp_path, values):
    content = demo_content()
    template = content.rows["works"][0]
    content.rows["works"] = [dict(template, order=i + 1, name=f"Việc {i}", start=v, planned_finish="Năm 2022")
                             for i, v in enumerate(values)]
    return read_workbook(FileBook(write_workbook(tmp_path / "dates.xlsx", content)))


def test_every_date_form_read_back_from_a_real_workbook(tmp_path):
    data = _book_with_dates(tmp_path, [c[0] for c in DATE_CASES])
    got = [(w["start"].precision, w["start"].start, w["start"].end, w["start"].display()) for w in data.works]
    assert got == [c[1:] for c in DATE_CASES]


def test_month_without_year_takes_the_report_year_and_invents_no_day(tmp_path):
    content = demo_content()
    content.info["doc_date"] = dt.datetime(2023, 5, 2)
    content.info["report_year"] = None
    data = read_workbook(FileBook(write_workbook(tmp_path / "y.xlsx", content)))
    start = data.works[1]["start"]  # "Tháng 4"
    assert (start.start, start.end, start.precision, start.year_given) == (D(2023, 4, 1), D(2023, 4, 30), MONTH, False)
    assert parse_date("Tháng 4").ok is False  # no year known: not guessed


@pytest.mark.parametrize("text", ["31/02/2021", "Tháng 13", "hôm qua", "Quý V/2021", "18/11", "12345678"])
def test_unreadable_dates_keep_their_text(text):
    v = parse_date(text, 2021)
    assert not v.ok and v.text == text and v.display() == text


def test_progress_forms_from_a_real_workbook(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = S.WORKS.name
    ws.append(["TT", "Tên công trình, phần việc", "Ngày khởi công", "Tiến độ hoàn thành (%)"])
    for i, p in enumerate([0.95, 1, 0.5], start=1):
        ws.append([i, f"Việc {i}", "Năm 2021", p])
        ws.cell(i + 1, 4).number_format = "0%"
    ws.append([4, "Việc 4", "Năm 2021", "95% (dự kiến khởi công trong tháng 12/2021)"])
    ws.append([5, "Việc 5", "Năm 2021", "Đã có văn bản đề nghị lùi thời gian."])
    path = tmp_path / "p.xlsx"
    wb.save(path)
    works = read_workbook(FileBook(path)).works
    assert [w["progress"].value for w in works] == [95.0, 100.0, 50.0, 95.0, None]
    assert works[3]["progress"].note == "dự kiến khởi công trong tháng 12/2021"
    assert works[4]["progress"].note == "Đã có văn bản đề nghị lùi thời gian."


def test_progress_text_forms():
    assert parse_progress("95%").value == 95
    assert parse_progress(95).value == 95
    assert parse_progress(0.95, fraction=True).value == 95
    assert parse_progress("0,5").value == 0.5
    assert column_is_fraction([0.95, 1.0, "x", None]) and not column_is_fraction([95, 0.5])


def test_text_is_nfc_and_stripped(tmp_path):
    content = demo_content()
    nfd = unicodedata.normalize("NFD", "  Tổ chức lớp tiếng Lào  ")
    content.rows["works"][2]["name"] = nfd
    data = read_workbook(FileBook(write_workbook(tmp_path / "n.xlsx", content)))
    assert data.works[2]["name"] == "Tổ chức lớp tiếng Lào"
    assert unicodedata.is_normalized("NFC", data.works[2]["name"])
    assert fold(nfd) == "to chuc lop tieng lao"


def test_document_numbers():
    assert canonical_doc_number("198/KH – SNgV") == "198/KH-SNgV"
    for ok in ("84/KH-SNgV", "244/2020/NQ-HĐND", "06/HĐTĐKT", "221/SNgV-VPTTr", "05-CT/TW"):
        assert is_doc_number(ok), ok
    for bad in ("84/KHSNgV abc", "KH-SNgV", "số 84", ""):
        assert not is_doc_number(bad), bad


def test_administrative_dates_and_counts():
    assert admin_date_long(D(2021, 1, 5)) == "ngày 05 tháng 01 năm 2021"
    assert admin_date_long(D(2021, 11, 18)) == "ngày 18 tháng 11 năm 2021"
    assert admin_date_short(D(2021, 3, 24)) == "24/3/2021"
    assert admin_date_short(D(2021, 2, 2)) == "02/02/2021"
    assert [count_text(n) for n in (0, 3, 9, 10, 12)] == ["00", "03", "09", "10", "12"]
    assert percent_text(95) == "95%" and percent_text(100 / 3) == "33,3%" and percent_text(None) == ""
    assert nfc(None) == ""


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.floats(allow_nan=True, allow_infinity=True), st.integers(),
                 st.datetimes(min_value=dt.datetime(1900, 1, 1)), st.booleans(), st.none()),
       st.one_of(st.none(), st.integers(min_value=1900, max_value=2200)))
def test_date_parser_never_raises(value, year):
    v = parse_date(value, year)
    assert isinstance(v, DateValue)
    assert isinstance(v.display(), str)
    if v.ok:
        assert v.start <= v.end and v.precision in (DAY, MONTH, QUARTER, YEAR)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.booleans(),
                 st.none()), st.booleans())
def test_progress_parser_never_raises(value, fraction):
    p = parse_progress(value, fraction=fraction)
    assert isinstance(p, Progress)
    assert p.value is None or isinstance(p.value, float)
    assert isinstance(p.note, str)
