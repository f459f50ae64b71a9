"""Vietnamese text: NFC, folding for matching, and the administrative way of
writing dates, counts and percentages (Nghị định 30/2020/NĐ-CP)."""
from __future__ import annotations

import datetime as dt
import re
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xlsrc.vntext import (_MARKS, admin_date_long, admin_date_short, admin_day_month, bare_name, count_text, fold,
                          folding_to, nfc, percent_text, strip_marks, upper_vn)

D = dt.date


def test_admin_date_long():
    assert admin_date_long(D(2021, 1, 5)) == "ngày 05 tháng 01 năm 2021"
    assert admin_date_long(D(2021, 11, 18)) == "ngày 18 tháng 11 năm 2021"
    assert admin_date_long(D(2021, 2, 28)) == "ngày 28 tháng 02 năm 2021"
    assert admin_date_long(D(2021, 3, 1)) == "ngày 01 tháng 3 năm 2021"
    assert admin_date_long(dt.datetime(2020, 7, 1, 9, 0)) == "ngày 01 tháng 7 năm 2020"


@pytest.mark.parametrize("month", range(1, 13))
def test_months_1_2_take_a_leading_zero_3_to_12_do_not(month):
    _, m = admin_day_month(9, month)
    assert m == (f"0{month}" if month <= 2 else str(month))
    assert admin_date_short(D(2021, month, 9)) == f"09/{m}/2021"


def test_admin_date_short():
    assert admin_date_short(D(2021, 3, 24)) == "24/3/2021"
    assert admin_date_short(D(2021, 2, 2)) == "02/02/2021"
    assert admin_date_short(D(2021, 12, 8)) == "08/12/2021"
    assert admin_date_short(D(2021, 1, 11)) == "11/01/2021"


def test_count_text():
    assert count_text(3) == "03"
    assert count_text(12) == "12"
    assert [count_text(n) for n in (0, 1, 9, 10, 100)] == ["00", "01", "09", "10", "100"]
    assert count_text(None) == ""
    assert count_text(2.0) == "02"


def test_percent_text():
    assert percent_text(95) == "95%"
    assert percent_text(100.0) == "100%"
    assert percent_text(0) == "0%"
    assert percent_text(100 / 3) == "33,3%"      # Vietnamese decimal comma
    assert percent_text(97.5) == "97,5%"
    assert percent_text(99.96) == "100%"
    assert percent_text(None) == ""


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_percent_text_of_a_non_number_is_empty(value):
    assert percent_text(value) == ""


def test_nfc_normalises_and_strips():
    nfd = unicodedata.normalize("NFD", "  Hà Tĩnh\t")
    assert nfd != "Hà Tĩnh" and not unicodedata.is_normalized("NFC", nfd)
    assert nfc(nfd) == "Hà Tĩnh" and unicodedata.is_normalized("NFC", nfc(nfd))
    assert nfc("\u00a0Sở Ngoại vụ\u00a0") == "Sở Ngoại vụ"   # non-breaking spaces from the web
    assert nfc(None) == "" and nfc(12) == "12"


def test_fold_matches_headers_however_typed():
    assert fold("Tên công trình\n(phần việc)") == fold("ten cong trinh phan viec") == "ten cong trinh phan viec"
    assert fold(unicodedata.normalize("NFD", "TIẾN ĐỘ HOÀN THÀNH (%)")) == "tien do hoan thanh %"
    assert fold("Đơn vị  báo-cáo") == "don vi bao cao"
    assert fold(None) == "" and fold("  ") == ""


def test_strip_marks_and_upper():
    assert strip_marks("Quý II Đường Ươm ỹ") == "Quy II Duong Uom y"
    assert strip_marks("abc") == "abc"
    assert upper_vn(unicodedata.normalize("NFD", "sở ngoại vụ")) == "SỞ NGOẠI VỤ"


def test_folding_to_holds_every_character_that_folds_to_its_letter():
    """Every character of Unicode an NFC text can hold, looked at: one that
    fold turns into an ASCII letter or digit turns into one only, and is in
    that letter's class; no other folds to one (the table finder's quick
    look, tables._Texts, relies on it to leave most texts unfolded)."""
    classes = {ch: re.compile(folding_to(ch)) for ch in string.ascii_lowercase + string.digits}
    for code, base in _MARKS.items():  # a letter with diacritics: to one letter, or to nothing
        assert len(base or "") <= 1
        if base and base.isalnum():
            assert classes[base.lower()].fullmatch(chr(code)), hex(code)
    for ch in string.ascii_letters + string.digits:
        assert classes[ch.lower()].fullmatch(ch)
    others = "".join(ch for ch in map(chr, range(0x80, 0x110000)) if not 0xD800 <= ord(ch) < 0xE000
                     and ord(ch) not in _MARKS and unicodedata.is_normalized("NFC", ch))
    assert strip_marks(others) == others and not re.search("[0-9a-z]", others.lower())
    assert classes["d"].fullmatch("đ") and classes["a"].fullmatch("Ậ") and not classes["a"].fullmatch("ă\u0301")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_is_ascii_and_idempotent(text):
    key = fold(text)
    assert fold(key) == key
    assert key == key.strip() and "  " not in key
    assert re.fullmatch(r"[0-9a-zA-Z% ]*", key)
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize("typed, bare, honorific", [
    ("Ông Nguyễn Văn A", "Nguyễn Văn A", "Ông"), ("Bà  Trần Thị B", "Trần Thị B", "Bà"),
    ("Đồng chí Lê Văn C", "Lê Văn C", "Đồng chí"), ("Đ/c Phạm D", "Phạm D", "Đ/c"),
    ("ông nguyễn văn a", "nguyễn văn a", "ông"), ("Bà Triệu Thị Mai", "Triệu Thị Mai", "Bà"),  # Triệu: a family name
    ("Ông Ông Thị Hoa", "Ông Thị Hoa", "Ông"),
    # names of their own that begin with the same letters
    ("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", ""), ("BÀ RỊA - VŨNG TÀU", "BÀ RỊA - VŨNG TÀU", ""),
    ("Bà Điểm Hóc Môn", "Bà Điểm Hóc Môn", ""), ("Bà mẹ Việt Nam anh hùng Nguyễn Thị E", "Bà mẹ Việt Nam anh hùng "
                                                "Nguyễn Thị E", ""), ("Bà con thôn Đông", "Bà con thôn Đông", ""),
    ("Ông Thị Hoa", "Ông Thị Hoa", ""), ("Bàng Văn A", "Bàng Văn A", ""), ("Đồng Chí Thanh", "Đồng Chí Thanh", ""),
    ("Ông Hùng", "Ông Hùng", "")])
def test_bare_name_drops_an_honorific_and_nothing_else(typed, bare, honorific):
    assert bare_name(typed) == (bare, honorific)
