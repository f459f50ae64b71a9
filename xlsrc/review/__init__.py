"""Rà soát điều kiện: who qualifies for which title in a year, by the
standards of the Tiêu chuẩn sheet (Luật Thi đua, khen thưởng 06/2022/QH15,
Nghị định 152/2025/NĐ-CP), and why not."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import schema as S
from ..errors import ThiDuaError
from ..records import WorkbookData
from .facts import Facts
from .rules import KIND, NO_RESULT, UNKNOWN_RESULT, YES_RESULT, Engine
from .standards import read_standards

RESULT_LABEL = {YES_RESULT: S.RESULT_YES, NO_RESULT: S.RESULT_NO, UNKNOWN_RESULT: S.RESULT_UNKNOWN}


@dataclass
class Entry:
    recipient: str
    kind: str
    unit: str
    title: str
    result: str             # "đủ", "không đủ", "chưa đủ dữ liệu"
    reasons: list[str]
    basis: str
    position: str = ""
    summary: list[str] = field(default_factory=list)
    ident: str = ""         # one person or collective (two namesakes with codes stay apart)
    notes: list[str] = field(default_factory=list)  # what an answer assumes, said even when 'đủ'
    met: list[str] = field(default_factory=list)    # the conditions met: why a title is 'đủ'

    def as_json(self) -> dict:
        return {"recipient": self.recipient, "kind": self.kind, "unit": self.unit, "title": self.title,
                "result": self.result, "reasons": self.reasons, "met": self.met, "basis": self.basis,
                "notes": self.notes}


@dataclass
class Review:
    year: int
    titles: list[str]       # as the Tiêu chuẩn sheet writes them, in its order
    entries: list[Entry]


def review_year(data: WorkbookData, year: int | None) -> int:
    year = data.report_year if year is None else year  # 0 is a year typed wrong, never "the default"
    if year is None:
        raise ThiDuaError("Chưa biết năm cần rà soát: nhập 'Năm báo cáo' ở trang Thông tin hoặc dùng --year.")
    if not 2000 <= year <= 2100:
        raise ThiDuaError(f"Năm rà soát {year} nằm ngoài khoảng 2000–2100.")
    return year


def run_review(data: WorkbookData, year: int | None = None) -> Review:
    from ..template_sheets import REVIEW_SHEETS, require_sheets
    require_sheets(data, REVIEW_SHEETS, "rà soát điều kiện")
    year = review_year(data, year)
    standards = read_standards(data)
    facts = Facts(data)
    engine = Engine(facts, standards, year)
    entries = []
    people = facts.directory.people
    collectives = sorted(facts.directory.collectives.values(), key=lambda c: c.key)
    for st in standards:
        if KIND[st.rule] == S.INDIVIDUAL:
            for p in people:
                out = engine.person(st.rule, p)
                entries.append(Entry(p.name, S.INDIVIDUAL, p.unit, st.title, out.result, out.reasons(st.basis),
                                     st.basis, p.position, out.summary, f"cn:{p.record.row}",
                                     list(dict.fromkeys(out.notes)), out.met(st.basis)))
        else:
            for c in collectives:
                out = engine.collective(st.rule, c)
                entries.append(Entry(c.name, S.COLLECTIVE, c.name, st.title, out.result, out.reasons(st.basis),
                                     st.basis, "", out.summary, f"tt:{c.key}", met=out.met(st.basis)))
    return Review(year, [st.title for st in standards], entries)
