"""Prize money and Vietnamese numbers in words."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xlsrc.awards.money import (DEFAULT_BASE_SALARIES, DEFAULT_COEFFICIENTS, base_salary_on, coefficient_for,
                                coefficient_text, prize)
from xlsrc.awards.numwords import money_figures, money_words, number_words

# Known readings, as written in Vietnamese financial documents.
KNOWN = [
    (0, "không"), (1, "một"), (4, "bốn"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"),
    (15, "mười lăm"), (20, "hai mươi"), (21, "hai mươi mốt"), (25, "hai mươi lăm"), (31, "ba mươi mốt"),
    (55, "năm mươi lăm"), (100, "một trăm"), (101, "một trăm linh một"), (105, "một trăm linh năm"),
    (110, "một trăm mười"), (111, "một trăm mười một"), (115, "một trăm mười lăm"), (121, "một trăm hai mươi mốt"),
    (1000, "một nghìn"), (1001, "một nghìn không trăm linh một"), (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"), (1015, "một nghìn không trăm mười lăm"),
    (1995, "một nghìn chín trăm chín mươi lăm"), (15_000, "mười lăm nghìn"),
    (105_000, "một trăm linh năm nghìn"), (351_000, "ba trăm năm mươi mốt nghìn"),
    (360_000, "ba trăm sáu mươi nghìn"), (1_000_000, "một triệu"),
    (1_000_001, "một triệu không trăm linh một"), (1_490_000, "một triệu bốn trăm chín mươi nghìn"),
    (2_005_000, "hai triệu không trăm linh năm nghìn"), (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
    (5_940_000, "năm triệu chín trăm bốn mươi nghìn"), (21_000_000, "hai mươi mốt triệu"),
    (1_000_000_000, "một tỷ"), (1_500_000_000, "một tỷ năm trăm triệu"),
    (1_000_000_005, "một tỷ không trăm linh năm"), (1_000_000_000_000, "một nghìn tỷ"),
    (25_015_000_000, "hai mươi lăm tỷ không trăm mười lăm triệu"),
]


@pytest.mark.parametrize("n,words", KNOWN, ids=[str(n) for n, _ in KNOWN])
def test_number_words_table(n, words):
    assert number_words(n) == words


def test_money_words_and_figures():
    assert money_words(5_940_000) == "Năm triệu chín trăm bốn mươi nghìn đồng"
    assert money_figures(5_940_000) == "5.940.000"
    assert money_figures(360_000) == "360.000"


def test_number_words_refuses_non_integers():
    with pytest.raises(TypeError):
        number_words(1.5)


@pytest.mark.parametrize("day,amount", [
    (dt.date(2019, 7, 1), 1_490_000), (dt.date(2023, 6, 30), 1_490_000), (dt.date(2023, 7, 1), 1_800_000),
    (dt.date(2024, 6, 30), 1_800_000), (dt.date(2024, 7, 1), 2_340_000), (dt.date(2025, 12, 15), 2_340_000),
    (dt.date(2026, 6, 30), 2_340_000), (dt.date(2026, 7, 1), 2_530_000), (dt.date(2026, 11, 23), 2_530_000)])
def test_base_salary_in_force_on_the_decision_date(day, amount):
    assert base_salary_on(day).amount == amount


def test_no_base_salary_before_the_table():
    assert base_salary_on(dt.date(2019, 6, 30)) is None
    assert [b.basis for b in DEFAULT_BASE_SALARIES] == [
        "Nghị định số 38/2019/NĐ-CP", "Nghị định số 24/2023/NĐ-CP", "khoản 2 Điều 3 Nghị định số 73/2024/NĐ-CP",
        "khoản 2 Điều 3 Nghị định số 161/2026/NĐ-CP"]


def test_the_2026_base_salary_is_dated_with_its_decree():
    """Nghị định số 161/2026/NĐ-CP ngày 15/5/2026, khoản 2 Điều 3: 2.530.000 đồng/tháng từ 01/7/2026."""
    latest = DEFAULT_BASE_SALARIES[-1]
    assert (latest.start, latest.amount) == (dt.date(2026, 7, 1), 2_530_000)
    assert "ngày 15 tháng 5 năm 2026" in latest.note
    # no row was read in the decree's own text here: each says so in its status (issue 19 A9)
    assert all(b.verified == "Chưa đối chiếu được văn bản gốc" for b in DEFAULT_BASE_SALARIES)
    assert "nguồn thứ cấp" in latest.note


@pytest.mark.parametrize("coef,base,amount", [
    ("0.15", 2_340_000, 360_000),    # 351.000 rounded up
    ("0.3", 2_340_000, 710_000),     # 702.000
    ("0.15", 1_490_000, 230_000),    # 223.500
    ("0.3", 1_800_000, 540_000),     # exact, not raised
    ("1.0", 2_340_000, 2_340_000),
    ("0.8", 2_340_000, 1_880_000),   # 1.872.000
    ("1.5", 2_340_000, 3_510_000),
    ("3.0", 2_340_000, 7_020_000),
])
def test_prize_rounds_up_to_ten_thousand(coef, base, amount):
    assert prize(Decimal(coef), base) == amount


# Nghị định số 152/2025/NĐ-CP, Chương VII Mục 2 "Mức tiền thưởng", read in its text.
DECREE = [
    ("Giấy khen", "Cá nhân", "0.3", "điểm e khoản 1 Điều 54"),
    ("Giấy khen", "Tập thể", "0.6", "điểm c khoản 2 Điều 54"),
    ("Lao động tiên tiến", "Cá nhân", "0.3", "điểm d khoản 1 Điều 50"),
    ("Chiến sĩ thi đua cơ sở", "Cá nhân", "1.0", "điểm c khoản 1 Điều 50"),
    ("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", "Cá nhân", "3.0", "điểm b khoản 1 Điều 50"),
    ("Chiến sĩ thi đua toàn quốc", "Cá nhân", "4.5", "điểm a khoản 1 Điều 50"),
    ("Tập thể lao động tiên tiến", "Tập thể", "0.8", "điểm b khoản 2 Điều 50"),
    ("Tập thể lao động xuất sắc", "Tập thể", "1.5", "điểm a khoản 2 Điều 50"),
    ("Cờ thi đua cấp bộ, ban, ngành, tỉnh", "Tập thể", "8.0", "điểm e khoản 2 Điều 50"),
    ("Cờ thi đua của Chính phủ", "Tập thể", "12.0", "điểm đ khoản 2 Điều 50"),
    ("Bằng khen cấp bộ, ban, ngành, tỉnh", "Cá nhân", "1.5", "điểm b khoản 1 Điều 54"),
    ("Bằng khen cấp bộ, ban, ngành, tỉnh", "Tập thể", "3.0", "điểm a khoản 2 Điều 54"),
    ("Bằng khen của Thủ tướng Chính phủ", "Cá nhân", "3.5", "điểm a khoản 1 Điều 54"),
    ("Bằng khen của Thủ tướng Chính phủ", "Tập thể", "7.0", "điểm a khoản 2 Điều 54"),
]


@pytest.mark.parametrize("form,kind,value,where", DECREE, ids=[f"{f}-{k}" for f, k, _, _ in DECREE])
def test_default_coefficients_are_the_decrees_with_the_article(form, kind, value, where):
    c = coefficient_for(form, kind)
    assert c.value == Decimal(value)
    assert c.basis == f"{where} Nghị định số 152/2025/NĐ-CP"


def test_default_coefficients_carry_their_basis():
    assert all(c.basis.endswith("Nghị định số 152/2025/NĐ-CP") and "Điều 5" in c.basis for c in DEFAULT_COEFFICIENTS)
    assert not any("98/2023" in c.basis or "91/2017" in c.basis for c in DEFAULT_COEFFICIENTS)  # repealed texts
    assert not any("CHƯA XÁC NHẬN" in c.note or ".vn" in c.note for c in DEFAULT_COEFFICIENTS)  # all read in the text
    # a collective's coefficient is twice the individual's where the decree says "gấp hai lần"
    for form in ("Giấy khen", "Bằng khen cấp bộ, ban, ngành, tỉnh", "Bằng khen của Thủ tướng Chính phủ"):
        assert coefficient_for(form, "Tập thể").value == 2 * coefficient_for(form, "Cá nhân").value
    assert coefficient_text(Decimal("0.15")) == "0,15" and coefficient_text(Decimal("1.0")) == "1,0"


def test_giay_khen_money_on_the_2026_base_salary():
    base = base_salary_on(dt.date(2026, 7, 1)).amount
    assert prize(coefficient_for("Giấy khen", "Cá nhân").value, base) == 760_000    # 759.000 rounded up
    assert prize(coefficient_for("Giấy khen", "Tập thể").value, base) == 1_520_000  # 1.518.000 rounded up


def test_a_new_workbook_carries_the_coefficients_on_tieu_chuan(tmp_path):
    import openpyxl

    from xlsrc import schema as S
    from xlsrc.builder import write_workbook
    ws = openpyxl.load_workbook(write_workbook(tmp_path / "moi.xlsx"))[S.STANDARDS.name]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    table = {(r[0], r[1]): dict(zip(header, r)) for r in rows[1:]}
    assert table[("Giấy khen", "Cá nhân")]["Hệ số tiền thưởng"] == 0.3
    assert table[("Giấy khen", "Tập thể")]["Hệ số tiền thưởng"] == 0.6
    assert table[("Lao động tiên tiến", "Cá nhân")]["Hệ số tiền thưởng"] == 0.3  # on the review's own row
    assert table[("Tập thể lao động xuất sắc", "Tập thể")]["Căn cứ tiền thưởng"] == \
        "điểm a khoản 2 Điều 50 Nghị định số 152/2025/NĐ-CP"
    assert table[("Giấy khen", "Cá nhân")]["Căn cứ tiền thưởng"] == "điểm e khoản 1 Điều 54 Nghị định số 152/2025/NĐ-CP"
    assert "ngày 14 tháng 6 năm 2025" in table[("Giấy khen", "Cá nhân")]["Ghi chú tiền thưởng"]
    assert not any("98/2023" in str(v) for r in table.values() for v in r.values())
    salary = list(openpyxl.load_workbook(tmp_path / "moi.xlsx")[S.BASE_SALARY.name].iter_rows(values_only=True))
    assert [(r[0].date(), r[1], r[2]) for r in salary[1:]] == [
        (dt.date(2019, 7, 1), 1_490_000, "Nghị định số 38/2019/NĐ-CP"),
        (dt.date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP"),
        (dt.date(2024, 7, 1), 2_340_000, "khoản 2 Điều 3 Nghị định số 73/2024/NĐ-CP"),
        (dt.date(2026, 7, 1), 2_530_000, "khoản 2 Điều 3 Nghị định số 161/2026/NĐ-CP")]
