"""From votes to decisions: the proposals the council passed that the unit
grants itself become rows of Khen thưởng and one new row of Quyết định per
title or form, ready for `thidua decision`. The decision's number and date
are the officer's (--so, --date): nothing is numbered or dated by guess."""
from __future__ import annotations

import datetime as dt

from .. import schema as S
from ..awards.decision import TITLES
from ..errors import ThiDuaError
from ..parsing import canonical_doc_number
from ..records import WorkbookData
from ..review.facts import award_year
from ..vntext import admin_date_short, fold, nfc


def _already(data: WorkbookData, p, year: int) -> bool:
    return any(a["form"] == p.form and award_year(a) == year and fold(a.text("recipient")) == fold(p.subject)
               for a in data.awards)


def decisions_from_votes(data: WorkbookData, numbers: list[str], day: dt.date, year: int | None = None):
    """(Quyết định rows, Khen thưởng rows, skipped proposals) for the passed proposals the unit decides."""
    from . import plan
    d, _ = plan(data, year)
    todo = [p for p in d.own if not _already(data, p, d.year)]
    skipped = [p for p in d.own if p not in todo]
    if not todo:
        raise ThiDuaError(f"Không có đề nghị nào năm {d.year} được Hội đồng thông qua thuộc thẩm quyền của đơn vị mà "
                          f"chưa có ở trang '{S.AWARDS.name}'.")
    forms = list(dict.fromkeys(p.form for p in todo))
    if len(numbers) != len(forms):
        raise ThiDuaError(f"Cần {len(forms)} số quyết định (mỗi danh hiệu, hình thức một quyết định: "
                          f"{'; '.join(forms)}), đã cho {len(numbers)}: ghi --so cho từng quyết định theo thứ tự này.")
    known = {canonical_doc_number(r.text("number")) for r in data.decisions}
    for n in numbers:
        if canonical_doc_number(n) in known:
            raise ThiDuaError(f"Quyết định {n} đã có ở trang '{S.DECISIONS.name}'.")
    info = data.info
    unit = nfc(info.get("unit_name")) or nfc(info.get("issuing_body"))
    when = dt.datetime(day.year, day.month, day.day)
    decisions, awards = [], []
    for number, form in zip(numbers, forms):
        ps = [p for p in todo if p.form == form]
        meeting = ps[0].meeting
        verb = f"công nhận danh hiệu “{form}”" if form in TITLES else f"tặng {form}"
        decisions.append({
            "order": len(data.decisions) + len(decisions) + 1, "number": number, "date": when,
            "summary": f"Về việc {verb} năm {d.year}", "form": form, "award_type": "Thường xuyên",
            "reason": f"trong thực hiện nhiệm vụ năm {d.year}" if form not in TITLES else "",
            "proposal": f"Hội đồng Thi đua – Khen thưởng {unit} tại phiên họp ngày "
                        f"{admin_date_short(meeting.date)}" if meeting and meeting.date else "",
            "signer_name": nfc(info.get("signer_name")), "signer_title": nfc(info.get("signer_title")),
            "signing_authority": info.get("signing_authority") or "",
        })
        for p in ps:
            awards.append({"form": form, "recipient_kind": p.kind or S.INDIVIDUAL, "recipient": p.subject,
                           "recipient_unit": ", ".join(x for x in (p.position, p.unit) if x and x != p.subject),
                           "field": f"thực hiện nhiệm vụ năm {d.year}", "period": str(d.year), "year": d.year,
                           "award_type": "Thường xuyên", "decision_number": number, "decision_date": when,
                           "staff_code": p.person.code if p.person else p.record.text("staff_code")})
    return decisions, awards, skipped
