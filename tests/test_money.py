"""awards/money.py at its boundaries (mutation testing, issue 24): the lương
cơ sở in force on the day it starts, rounding up exactly at a multiple of
10.000 đồng, a collective's prize as twice the rounded individual one, and
the coefficient written the Vietnamese way."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xlsrc import schema as S
from xlsrc.awards.money import (BaseSalary, Coefficient, base_salary_on, coefficient_for, coefficient_text, prize,
                                prize_for, round_up)
from xlsrc.errors import ThiDuaError

TABLE = (BaseSalary(dt.date(2024, 7, 1), 2_340_000, "b"), BaseSalary(dt.date(2019, 7, 1), 1_490_000, "a"),
         BaseSalary(dt.date(2026, 7, 1), 2_530_000, "c"))  # not in order: the latest start wins, not the last row


@pytest.mark.parametrize("day, amount", [
    (dt.date(2019, 6, 30), None), (dt.date(2019, 7, 1), 1_490_000), (dt.date(2024, 6, 30), 1_490_000),
    (dt.date(2024, 7, 1), 2_340_000), (dt.date(2026, 6, 30), 2_340_000), (dt.date(2026, 7, 1), 2_530_000),
    (dt.date(2030, 1, 1), 2_530_000)])
def test_the_base_salary_in_force_from_its_first_day(day, amount):
    got = base_salary_on(day, TABLE)
    assert (got.amount if got else None) == amount


@pytest.mark.parametrize("amount, rounded", [
    (Decimal(0), 0), (Decimal(1), 10_000), (Decimal(9_999), 10_000), (Decimal(10_000), 10_000),
    (Decimal(10_001), 20_000), (Decimal("351000"), 360_000), (Decimal("700000.01"), 710_000)])
def test_rounding_up_to_ten_thousand(amount, rounded):
    assert round_up(amount) == rounded


def test_rounding_to_another_step():
    assert round_up(Decimal(101), 100) == 200 and round_up(Decimal(100), 100) == 100


def test_prize_is_coefficient_times_base_rounded_up():
    assert prize(Decimal("0.15"), 2_340_000) == 360_000
    assert prize(Decimal("0.3"), 2_340_000) == 710_000        # 702.000
    assert prize(Decimal("1.0"), 2_340_000) == 2_340_000      # already a multiple
    assert prize("1.5", 1_800_000) == 2_700_000               # a coefficient given as text


def test_a_coefficient_matches_form_and_kind_both():
    table = (Coefficient("Giấy khen", S.INDIVIDUAL, Decimal("0.3"), "x"),
             Coefficient("Giấy khen", S.COLLECTIVE, Decimal("0.6"), "y"),
             Coefficient("Bằng khen", S.INDIVIDUAL, Decimal("1.5"), "z"))
    assert coefficient_for("Giấy khen", S.COLLECTIVE, table).basis == "y"
    assert coefficient_for("Bằng khen", S.INDIVIDUAL, table).basis == "z"
    assert coefficient_for("Bằng khen", S.COLLECTIVE, table) is None
    assert coefficient_for("Huân chương", S.INDIVIDUAL, table) is None


def test_a_collective_prize_is_twice_the_rounded_individual_prize():
    individual = Coefficient("Giấy khen", S.INDIVIDUAL, Decimal("0.3"), "x")
    collective = Coefficient("Giấy khen", S.COLLECTIVE, Decimal("0.6"), "y", times_individual=Decimal(2))
    table = (individual, collective)
    assert prize_for(individual, 2_340_000, table) == 710_000
    assert prize_for(collective, 2_340_000, table) == 1_420_000   # 2 × 710.000, not 0,6 × 2.340.000 → 1.410.000
    half = Coefficient("Giấy khen", S.COLLECTIVE, Decimal("0.6"), "y", times_individual=Decimal("1.5"))
    assert prize_for(half, 2_340_000, table) == 1_070_000          # 1,5 × 710.000 = 1.065.000, rounded up
    plain = Coefficient("Giấy khen", S.COLLECTIVE, Decimal("0.6"), "y")
    assert prize_for(plain, 2_340_000, table) == 1_410_000


def test_twice_the_individual_without_an_individual_coefficient_is_an_error():
    collective = Coefficient("Giấy khen", S.COLLECTIVE, Decimal("0.6"), "y", times_individual=Decimal(2))
    with pytest.raises(ThiDuaError) as err:
        prize_for(collective, 2_340_000, (collective,))
    assert str(err.value) == ("'Giấy khen' cho tập thể tính gấp 2,0 lần mức cá nhân (cột 'Tập thể: số lần mức cá "
                              "nhân' ở trang Tiêu chuẩn) mà chưa có hệ số của cá nhân.")


@pytest.mark.parametrize("value, text", [
    (Decimal("0.15"), "0,15"), (Decimal("1.0"), "1,0"), (Decimal("1"), "1,0"), (Decimal("10"), "10,0"),
    (Decimal("2.50"), "2,5"), (Decimal("12.0"), "12,0"), (Decimal("0.3"), "0,3")])
def test_a_coefficient_is_written_with_a_decimal_comma(value, text):
    assert coefficient_text(value) == text


def test_a_coefficient_row_of_the_decree():
    """_c builds the defaults (at import); called here so that its own logic is checked."""
    from xlsrc.awards.money import _IN_FORCE, _TWICE, ND152, _c
    plain = _c("Giấy khen", S.INDIVIDUAL, "0.3", "điểm e khoản 1 Điều 54")
    assert plain == Coefficient("Giấy khen", S.INDIVIDUAL, Decimal("0.3"), f"điểm e khoản 1 Điều 54 {ND152}",
                                _IN_FORCE, None, S.UNVERIFIED)
    twice = _c("Giấy khen", S.COLLECTIVE, "0.6", "điểm c khoản 2 Điều 54", _TWICE + " thêm")
    assert twice.times_individual == Decimal(2) and twice.note == _IN_FORCE + _TWICE + " thêm"
    assert _c("X", S.COLLECTIVE, "1", "w", " " + _TWICE).times_individual is None  # only a note that starts so
