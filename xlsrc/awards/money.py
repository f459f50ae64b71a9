"""Prize money: coefficient × lương cơ sở in force on the decision's date,
rounded up to the next 10.000 đồng.

The coefficients and the dated lương cơ sở are DATA with their source: the
defaults below prefill the workbook (sheets 'Tiêu chuẩn' and 'Lương cơ sở'),
where staff update them when a new decree changes them; the workbook's
values win over these defaults."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .. import schema as S

ROUND_TO = 10_000  # round up to the next ten thousand đồng


@dataclass(frozen=True)
class BaseSalary:
    start: dt.date
    amount: int
    basis: str
    note: str = ""


# Mức lương cơ sở (cán bộ, công chức, viên chức và lực lượng vũ trang).
DEFAULT_BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(dt.date(2019, 7, 1), 1_490_000, "Nghị định số 38/2019/NĐ-CP"),
    BaseSalary(dt.date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP"),
    BaseSalary(dt.date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP",
               "Chưa xác nhận được mức mới nào sau 01/7/2024; khi Chính phủ điều chỉnh, thêm một dòng."),
)


@dataclass(frozen=True)
class Coefficient:
    form: str          # a value of the award_form vocabulary
    kind: str          # Tập thể / Cá nhân
    value: Decimal
    basis: str
    note: str = ""


_ND152 = "Nghị định số 152/2025/NĐ-CP"
_DANH_HIEU = ("Xác nhận theo Nghị định số 152/2025/NĐ-CP (bài 'Mức tiền thưởng danh hiệu Chiến sĩ thi đua cơ sở', "
              "dantri.com.vn, 03/12/2025); chưa đối chiếu được số điều trong nguyên văn Nghị định.")
_BANG_KHEN = ("Khoản 1 Điều 54 Nghị định số 152/2025/NĐ-CP quy định mức cá nhân (giadinh.suckhoedoisong.vn, "
              "11/8/2025).")
_UNCONFIRMED = ("CHƯA XÁC NHẬN được hệ số này trong nguyên văn Nghị định số 152/2025/NĐ-CP; đây là mức của nghị định "
                "hướng dẫn trước đó (đã hết hiệu lực). Đề nghị kiểm tra lại và sửa ở đây nếu khác.")
_DOUBLE = ("CHƯA XÁC NHẬN: tính bằng hai lần mức cá nhân theo nguyên tắc tập thể được thưởng gấp hai lần cá nhân "
           "(như Huân chương, Điều 51 Nghị định số 152/2025/NĐ-CP). Đề nghị kiểm tra lại.")

DEFAULT_COEFFICIENTS: tuple[Coefficient, ...] = (
    Coefficient("Giấy khen", S.INDIVIDUAL, Decimal("0.15"), "Điều 54 " + _ND152, _UNCONFIRMED),
    Coefficient("Giấy khen", S.COLLECTIVE, Decimal("0.3"), "Điều 54 " + _ND152, _UNCONFIRMED),
    Coefficient("Lao động tiên tiến", S.INDIVIDUAL, Decimal("0.3"), _ND152, _DANH_HIEU),
    Coefficient("Chiến sĩ thi đua cơ sở", S.INDIVIDUAL, Decimal("1.0"), _ND152, _DANH_HIEU),
    Coefficient("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", S.INDIVIDUAL, Decimal("3.0"), _ND152, _DANH_HIEU),
    Coefficient("Chiến sĩ thi đua toàn quốc", S.INDIVIDUAL, Decimal("4.5"), _ND152, _DANH_HIEU),
    Coefficient("Tập thể lao động tiên tiến", S.COLLECTIVE, Decimal("0.8"), _ND152, _DANH_HIEU),
    Coefficient("Tập thể lao động xuất sắc", S.COLLECTIVE, Decimal("1.5"), _ND152, _DANH_HIEU),
    Coefficient("Cờ thi đua của Chính phủ", S.COLLECTIVE, Decimal("12.0"), _ND152, _DANH_HIEU),
    Coefficient("Bằng khen cấp bộ, ban, ngành, tỉnh", S.INDIVIDUAL, Decimal("1.5"), "khoản 1 Điều 54 " + _ND152,
                _BANG_KHEN + " Mức 1,0 là của nghị định hướng dẫn trước đó (đã hết hiệu lực)."),
    Coefficient("Bằng khen cấp bộ, ban, ngành, tỉnh", S.COLLECTIVE, Decimal("3.0"), "Điều 54 " + _ND152, _DOUBLE),
    Coefficient("Bằng khen của Thủ tướng Chính phủ", S.INDIVIDUAL, Decimal("3.5"), "khoản 1 Điều 54 " + _ND152,
                _BANG_KHEN),
    Coefficient("Bằng khen của Thủ tướng Chính phủ", S.COLLECTIVE, Decimal("7.0"), "Điều 54 " + _ND152, _DOUBLE),
)


def base_salary_on(day: dt.date, table=DEFAULT_BASE_SALARIES) -> BaseSalary | None:
    """The lương cơ sở in force on ``day``: the latest row starting on or before it."""
    in_force = [b for b in table if b.start <= day]
    return max(in_force, key=lambda b: b.start) if in_force else None


def round_up(amount: Decimal, step: int = ROUND_TO) -> int:
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING)) * step


def prize(coefficient: Decimal, base: int) -> int:
    """``0,15 × 2.340.000 = 351.000`` → ``360.000``."""
    return round_up(Decimal(coefficient) * base)


def coefficient_for(form: str, kind: str, table=DEFAULT_COEFFICIENTS) -> Coefficient | None:
    for c in table:
        if c.form == form and c.kind == kind:
            return c
    return None


def coefficient_text(value: Decimal) -> str:
    """``Decimal('0.15')`` → ``0,15``; ``Decimal('1.0')`` → ``1,0``."""
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return text.replace(".", ",")
