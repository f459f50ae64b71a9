"""Plausible ranges of the money and counts a decision is made from, as data
(issue 22 §5): outside them a value is kept with a warning at its cell; a
negative or zero amount is an error; two rows of Lương cơ sở with the same
start date and different amounts are an error (which one is in force?).

The ranges are not legal numbers; they catch typing slips (a coefficient of
1.000 meant as 1,0, a salary typed in thousands) and are edited here."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import schema as S
from ..findings import ERROR, WARNING
from .numwords import money_figures


@dataclass(frozen=True)
class Bound:
    low: Decimal
    high: Decimal
    unit: str
    why: str


BASE_SALARY = Bound(Decimal(1_000_000), Decimal(20_000_000), "đồng",
                    "mức lương cơ sở từ năm 2019 đến nay nằm trong khoảng 1,49–2,53 triệu đồng")
COEFFICIENT = Bound(Decimal(0), Decimal(30), "lần mức lương cơ sở",
                    "hệ số tiền thưởng cao nhất của các danh hiệu, hình thức là vài chục lần mức lương cơ sở")
TIMES_INDIVIDUAL = Bound(Decimal(1), Decimal(5), "lần mức cá nhân", "văn bản ghi 'gấp hai lần'")
COUNT = Bound(Decimal(1), Decimal(100_000), "", "một dòng khen thưởng của một đơn vị")
MAX_TOTAL = 10 ** 15  # beyond this no decision's total is written in words ("một triệu tỷ đồng")


def _shown(value: Decimal, bound: Bound) -> str:
    if bound is BASE_SALARY:
        return f"{money_figures(int(value))} đồng"
    return f"{value:f}".replace(".", ",")


def _range(out, spec, rec, key: str, value, bound: Bound, positive: bool) -> None:
    if value is None or isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return
    value = Decimal(value)
    header = spec.column(key).header
    if value < 0 or (positive and value == 0):
        out.add(spec, rec, key, ERROR, "AMOUNT_NOT_POSITIVE",
                f"'{header}' là {_shown(value, bound)}: phải lớn hơn 0.")
    elif not bound.low <= value <= bound.high:
        out.add(spec, rec, key, WARNING, "AMOUNT_IMPLAUSIBLE",
                f"'{header}' là {_shown(value, bound)}, ngoài khoảng thường gặp {_shown(bound.low, bound)}–"
                f"{_shown(bound.high, bound)} ({bound.why}). Kiểm tra lại.")


def check_amounts(out) -> None:
    data = out.data
    starts: dict = {}
    for rec in data.records.get("base_salary", []):
        _range(out, S.BASE_SALARY, rec, "amount", rec["amount"], BASE_SALARY, True)
        start, amount = rec["start"], rec["amount"]
        if getattr(start, "ok", False) and isinstance(amount, int):
            first = starts.setdefault(start.start, rec)
            if first is not rec and first["amount"] != amount:
                out.add(S.BASE_SALARY, rec, "start", ERROR, "BASE_SALARY_CONFLICT",
                        f"Dòng {first.row} cũng áp dụng từ ngày {start.start:%d/%m/%Y} nhưng với mức "
                        f"{money_figures(first['amount'])} đồng, dòng này {money_figures(amount)} đồng: giữ một dòng.")
    for rec in data.records.get("standards", []):
        _range(out, S.STANDARDS, rec, "prize_coefficient", rec["prize_coefficient"], COEFFICIENT, False)
        _range(out, S.STANDARDS, rec, "prize_times_individual", rec["prize_times_individual"], TIMES_INDIVIDUAL,
               True)
    for rec in data.records.get("awards", []):
        count = rec["count"]
        if isinstance(count, int) and count > COUNT.high:
            _range(out, S.AWARDS, rec, "count", count, COUNT, True)


def guard(decision, salaries) -> None:
    """What no decision may print, whoever calls: a base salary that is not
    positive or is contradicted by another row of the same start date, a
    negative coefficient, a total too large to be written in words."""
    from ..errors import ThiDuaError
    base = decision.base
    rivals = sorted({b.amount for b in salaries if b.start == base.start})
    if len(rivals) > 1:
        raise ThiDuaError(f"Trang '{S.BASE_SALARY.name}' có {len(rivals)} mức lương cơ sở cùng áp dụng từ ngày "
                          f"{base.start:%d/%m/%Y} ({', '.join(money_figures(a) for a in rivals)} đồng): giữ một dòng.")
    if base.amount <= 0:
        raise ThiDuaError(f"Mức lương cơ sở {base.amount} đồng (trang '{S.BASE_SALARY.name}') phải lớn hơn 0.")
    for c in decision.used.values():
        if c.value < 0 or (c.times_individual is not None and c.times_individual <= 0):
            raise ThiDuaError(f"Hệ số tiền thưởng của '{c.form}' ({c.kind.lower()}) ở trang Tiêu chuẩn là số âm.")
    if decision.total >= MAX_TOTAL:
        raise ThiDuaError(f"Tổng tiền thưởng của quyết định {decision.number} quá lớn ({decision.total:.3e} đồng): "
                          "kiểm tra hệ số và mức lương cơ sở.")
