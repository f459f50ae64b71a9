"""The sổ vàng: the unit's register of awards, one number per recipient,
continuous across decisions, given when a decision is issued and never
reused. It is kept in the workbook (sheet Sổ vàng); certificates print a
register number only from it (or from a number typed in Khen thưởng's 'Số
sổ vàng', a paper register kept before), never an invented one."""
from __future__ import annotations

import datetime as dt

from .. import schema as S
from ..access import BookAccess
from ..errors import ThiDuaError
from ..parsing import canonical_doc_number
from ..records import Record, WorkbookData
from ..vntext import bare_name, fold


def _key(number: str, kind: str, name: str) -> tuple[str, str, str]:
    return canonical_doc_number(number), kind or S.INDIVIDUAL, fold(bare_name(name)[0])


def numbers(data: WorkbookData) -> dict[tuple[str, str, str], int]:
    out = {}
    for rec in data.register:
        if isinstance(rec["number"], int):
            out.setdefault(_key(rec.text("decision_number"), rec["recipient_kind"], rec.text("recipient")), rec["number"])
    return out


def register_of(data: WorkbookData, number: str, award: Record) -> str:
    """The register number of one award of decision ``number``: from Sổ vàng,
    else typed in Khen thưởng, else '' (nothing is invented)."""
    found = numbers(data).get(_key(number, award["recipient_kind"], award.text("recipient")))
    return str(found) if found is not None else award.text("register")


def _named(data: WorkbookData, number: str) -> list[Record]:
    from .decision import awards_of
    rows = awards_of(data, number)
    return sorted((a for a in rows if a.text("recipient") and not (isinstance(a["count"], int) and a["count"] > 1)),
                  key=lambda a: (a["recipient_kind"] != S.COLLECTIVE, a.row))


def entries(data: WorkbookData, number: str, today: dt.date) -> list[dict]:
    """The Sổ vàng rows that issuing decision ``number`` adds, numbered after the highest number given so far."""
    from .decision import find_decision
    rec = find_decision(data, number)
    number = rec.text("number")
    if any(canonical_doc_number(r.text("decision_number")) == canonical_doc_number(number) for r in data.register):
        raise ThiDuaError(f"Quyết định {number} đã vào sổ vàng (trang '{S.REGISTER.name}'); số đã cấp không cấp lại.")
    date = rec["date"]
    if not (getattr(date, "ok", False) and date.precision == "day"):
        raise ThiDuaError(f"Quyết định {number} chưa có ngày ký đầy đủ: chỉ vào sổ vàng quyết định đã ban hành.")
    awards = _named(data, number)
    if not awards:
        raise ThiDuaError(f"Quyết định {number} chưa có tập thể, cá nhân nào có tên ở trang '{S.AWARDS.name}'.")
    last = max((r["number"] for r in data.register if isinstance(r["number"], int)), default=0)
    when = dt.datetime(today.year, today.month, today.day)
    return [{"number": last + i, "decision_number": number,
             "decision_date": dt.datetime(date.start.year, date.start.month, date.start.day),
             "form": a["form"] or rec["form"], "recipient_kind": a["recipient_kind"] or S.INDIVIDUAL,
             "recipient": a.text("recipient"), "recipient_unit": a.text("recipient_unit"), "entered": when}
            for i, a in enumerate(awards, start=1)]


def write_entries(book: BookAccess, data: WorkbookData, rows: list[dict]) -> None:
    """The new rows below the last row of Sổ vàng."""
    from ..sheet_append import append_rows
    append_rows(book, data, S.REGISTER, rows)


def check_register(out) -> None:
    """A number given twice, a gap left by a deleted row."""
    from ..findings import ERROR, WARNING
    seen: dict[int, int] = {}
    for rec in out.data.register:
        n = rec["number"]
        if not isinstance(n, int):
            continue
        if n in seen:
            out.add(S.REGISTER, rec, "number", ERROR, "REGISTER_DUPLICATE",
                    f"Số sổ vàng {n} đã cấp ở dòng {seen[n]}; mỗi số chỉ cấp một lần.")
        else:
            seen[n] = rec.row
    given = sorted(seen)
    for a, b in zip(given, given[1:]):
        if b > a + 1:
            rec = next(r for r in out.data.register if r["number"] == b)
            out.add(S.REGISTER, rec, "number", WARNING, "REGISTER_GAP",
                    f"Sổ vàng thiếu số {a + 1}–{b - 1}: một dòng đã bị xoá? Số đã cấp không cấp lại.")
