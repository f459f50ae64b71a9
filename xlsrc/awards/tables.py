"""The prize tables as the workbook holds them: the coefficients on Tiêu
chuẩn and the dated lương cơ sở; the built-in defaults only when the
workbook has no such sheet at all (an older workbook)."""
from __future__ import annotations

from decimal import Decimal

from .. import schema as S
from ..parsing import DateValue
from ..records import WorkbookData
from .money import DEFAULT_BASE_SALARIES, DEFAULT_COEFFICIENTS, BaseSalary, Coefficient


def coefficients(data: WorkbookData) -> tuple[Coefficient, ...]:
    if "standards" not in data.sheet_names:
        return DEFAULT_COEFFICIENTS
    vocab = S.vocabulary("award_form")
    out = []
    for rec in data.records.get("standards", []):
        value = rec["prize_coefficient"]
        term = vocab.lookup(rec.text("title"))
        if isinstance(value, Decimal) and term and rec["recipient_kind"] in S.BOTH:
            times = rec["prize_times_individual"]
            out.append(Coefficient(term.value, rec["recipient_kind"], value,
                                   rec.text("prize_basis") or rec.text("basis"), rec.text("prize_note"),
                                   times if isinstance(times, Decimal) and times > 0 else None, rec.text("verified")))
    return tuple(out)


def base_salaries(data: WorkbookData) -> tuple[BaseSalary, ...]:
    if "base_salary" not in data.sheet_names:
        return DEFAULT_BASE_SALARIES
    out = []
    for rec in data.records.get("base_salary", []):
        start: DateValue = rec["start"]
        if start.ok and start.precision == "day" and isinstance(rec["amount"], int):
            out.append(BaseSalary(start.start, rec["amount"], rec.text("basis"), rec.text("note"),
                                  rec.text("verified"), rec.row))
    return tuple(out)
