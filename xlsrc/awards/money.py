"""Prize money: coefficient × lương cơ sở in force on the decision's date,
rounded up to the next 10.000 đồng (Điều 49 Nghị định số 152/2025/NĐ-CP).

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
    verified: str = ""   # verification status of the source (the Lương cơ sở sheet's column)
    row: int = 0         # its row on the sheet (0: a built-in default)


# Mức lương cơ sở (cán bộ, công chức, viên chức và lực lượng vũ trang). The
# amount used is the one in force on the decision's date (khoản 1 Điều 49
# Nghị định số 152/2025/NĐ-CP).
_HISTORIC = "Mức cũ, chỉ dùng cho quyết định ký trước ngày áp dụng mức sau."
_UNREAD = S.UNVERIFIED
DEFAULT_BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(dt.date(2019, 7, 1), 1_490_000, "Nghị định số 38/2019/NĐ-CP", _HISTORIC, _UNREAD),
    BaseSalary(dt.date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP", _HISTORIC, _UNREAD),
    BaseSalary(dt.date(2024, 7, 1), 2_340_000, "khoản 2 Điều 3 Nghị định số 73/2024/NĐ-CP",
               "Nghị định số 73/2024/NĐ-CP ngày 30 tháng 6 năm 2024 của Chính phủ; áp dụng đến khi có mức mới "
               "(01/7/2026).", _UNREAD),
    # Read only in secondary sources, which agree on the amount, the start, the decree's date and its article
    # (and point to vanban.chinhphu.vn, docid 218107); the original was not read here: the status says so.
    BaseSalary(dt.date(2026, 7, 1), 2_530_000, "khoản 2 Điều 3 Nghị định số 161/2026/NĐ-CP",
               "Nghị định số 161/2026/NĐ-CP ngày 15 tháng 5 năm 2026 của Chính phủ, có hiệu lực từ ngày 01/7/2026; "
               "mức, ngày và điều, khoản đọc ở nguồn thứ cấp. Đối chiếu văn bản gốc rồi ghi 'Đã đối chiếu văn bản "
               "gốc' ở cột Tình trạng đối chiếu. Khi Chính phủ điều chỉnh mức lương cơ sở, thêm một dòng.", _UNREAD),
)


@dataclass(frozen=True)
class Coefficient:
    form: str          # a value of the award_form vocabulary
    kind: str          # Tập thể / Cá nhân
    value: Decimal
    basis: str
    note: str = ""
    # a collective's prize as a multiple of the individual prize of the same form (after rounding),
    # where the decree writes "gấp hai lần mức tiền thưởng đối với cá nhân"
    times_individual: Decimal | None = None
    verified: str = ""


ND152 = "Nghị định số 152/2025/NĐ-CP"
# Round the prize up to the ten thousand đồng.
ROUNDING_BASIS = "khoản 2 Điều 49 " + ND152
_IN_FORCE = "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025, có hiệu lực từ ngày 01/7/2025."
ND152_START = dt.date(2025, 7, 1)
_TWICE = (" Tập thể: gấp hai lần mức tiền thưởng đối với cá nhân, tính từ mức cá nhân đã làm tròn (cột 'Tập thể: "
          "số lần mức cá nhân'); hệ số ở cột 'Hệ số tiền thưởng' chỉ để tham khảo.")
_GIAY_KHEN = " Giấy khen quy định tại các điểm a, b, c và điểm đ khoản 1 Điều 75 Luật Thi đua, khen thưởng."


def _c(form: str, kind: str, value: str, where: str, extra: str = "") -> Coefficient:
    twice = Decimal(2) if extra.startswith(_TWICE) else None
    return Coefficient(form, kind, Decimal(value), f"{where} {ND152}", _IN_FORCE + extra, twice, S.UNVERIFIED)


# Each coefficient read in the text of Nghị định số 152/2025/NĐ-CP, Chương VII
# Mục 2 "Mức tiền thưởng" (Điều 50 danh hiệu thi đua; Điều 54 Bằng khen, Giấy
# khen). Not prefilled: Huân chương (Điều 51, by hạng), Kỷ niệm chương
# (Điều 54, a ceiling "không quá"), Huy chương (Điều 55).
DEFAULT_COEFFICIENTS: tuple[Coefficient, ...] = (
    _c("Giấy khen", S.INDIVIDUAL, "0.3", "điểm e khoản 1 Điều 54", _GIAY_KHEN),
    _c("Giấy khen", S.COLLECTIVE, "0.6", "điểm c khoản 2 Điều 54", _TWICE + _GIAY_KHEN),
    _c("Lao động tiên tiến", S.INDIVIDUAL, "0.3", "điểm d khoản 1 Điều 50"),
    _c("Chiến sĩ tiên tiến", S.INDIVIDUAL, "0.3", "điểm d khoản 1 Điều 50"),
    _c("Chiến sĩ thi đua cơ sở", S.INDIVIDUAL, "1.0", "điểm c khoản 1 Điều 50"),
    _c("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", S.INDIVIDUAL, "3.0", "điểm b khoản 1 Điều 50"),
    _c("Chiến sĩ thi đua toàn quốc", S.INDIVIDUAL, "4.5", "điểm a khoản 1 Điều 50"),
    _c("Tập thể lao động tiên tiến", S.COLLECTIVE, "0.8", "điểm b khoản 2 Điều 50"),
    _c("Đơn vị tiên tiến", S.COLLECTIVE, "0.8", "điểm b khoản 2 Điều 50"),
    _c("Tập thể lao động xuất sắc", S.COLLECTIVE, "1.5", "điểm a khoản 2 Điều 50"),
    _c("Đơn vị quyết thắng", S.COLLECTIVE, "1.5", "điểm a khoản 2 Điều 50"),
    _c("Cờ thi đua cấp bộ, ban, ngành, tỉnh", S.COLLECTIVE, "8.0", "điểm e khoản 2 Điều 50"),
    _c("Cờ thi đua của Chính phủ", S.COLLECTIVE, "12.0", "điểm đ khoản 2 Điều 50"),
    _c("Bằng khen cấp bộ, ban, ngành, tỉnh", S.INDIVIDUAL, "1.5", "điểm b khoản 1 Điều 54"),
    _c("Bằng khen cấp bộ, ban, ngành, tỉnh", S.COLLECTIVE, "3.0", "điểm a khoản 2 Điều 54", _TWICE),
    _c("Bằng khen của Thủ tướng Chính phủ", S.INDIVIDUAL, "3.5", "điểm a khoản 1 Điều 54"),
    _c("Bằng khen của Thủ tướng Chính phủ", S.COLLECTIVE, "7.0", "điểm a khoản 2 Điều 54", _TWICE),
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


def prize_for(c: Coefficient, base: int, table=DEFAULT_COEFFICIENTS) -> int:
    """One recipient's prize: ``times_individual`` × the individual prize of the
    form (2 × 710.000 = 1.420.000 đ, not 0,6 × 2.340.000 rounded = 1.410.000 đ),
    else coefficient × base rounded up."""
    if c.times_individual:
        individual = coefficient_for(c.form, S.INDIVIDUAL, table)
        if individual is None:
            from ..errors import ThiDuaError
            raise ThiDuaError(f"'{c.form}' cho tập thể tính gấp {coefficient_text(c.times_individual)} lần mức cá nhân "
                              "(cột 'Tập thể: số lần mức cá nhân' ở trang Tiêu chuẩn) mà chưa có hệ số của cá nhân.")
        return round_up(c.times_individual * prize(individual.value, base))
    return prize(c.value, base)


def coefficient_text(value: Decimal) -> str:
    """``Decimal('0.15')`` → ``0,15``; ``Decimal('1.0')`` → ``1,0``."""
    text = format(value.normalize(), "f")
    if "." not in text:
        text += ".0"
    return text.replace(".", ",")
