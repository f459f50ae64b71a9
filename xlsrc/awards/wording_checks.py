"""Warnings on the words a decision would print, said before it is written:
an authority that is a title only or typed in capitals, a Về việc whose verb
is not the form's (Tặng / Công nhận), and persons without Ông/Bà while others
have it (then nobody gets it)."""
from __future__ import annotations

from .. import schema as S
from ..errors import ThiDuaError
from ..validation import WARNING
from ..vntext import fold
from .decision import authority_head, awards_of, build, unsaluted
from .wording import GRANT, RECOGNISE, authority_of, verb


def _verb_in(summary: str) -> str:
    """The first of 'tặng' / 'công nhận' the Về việc says, or ''."""
    f = f" {fold(summary)} "
    found = sorted((f.find(w), v) for w, v in ((" tang ", GRANT), (" cong nhan ", RECOGNISE)) if w in f)
    return found[0][1] if found else ""


def check_decision_wording(out) -> None:
    data = out.data
    for rec in data.records.get("decisions", []):
        number = rec.text("number")
        if not number or not awards_of(data, number):
            continue
        _, problem = authority_of(rec.text("authority_title"), authority_head(data, rec),
                                  data.info.get("unit_name") or "")
        if problem:
            out.add(S.DECISIONS, rec, "authority_title", WARNING, "DECISION_AUTHORITY_FORM", problem)
        form = rec["form"]
        said = _verb_in(rec.text("summary"))
        if form and said and said != verb(form):
            out.add(S.DECISIONS, rec, "summary", WARNING, "DECISION_VERB",
                    f"'Về việc' ghi '{said.lower()}' nhưng '{form}' là "
                    f"{'danh hiệu thi đua: quyết định ghi “công nhận”' if verb(form) == RECOGNISE else 'hình thức khen thưởng: quyết định ghi “tặng”'}"
                    f" ở Điều 1 và danh sách kèm theo. Sửa 'Về việc' cho thống nhất.")
        try:
            decision = build(data, number)
        except ThiDuaError:
            continue  # the decision command says why it cannot be made
        for r in unsaluted(decision):
            out.add(S.AWARDS, r.record, "gender", WARNING, "DECISION_SALUTATION_MISSING",
                    f"Quyết định {number}: chưa biết giới tính của '{r.name}' (không có ở trang '{S.STAFF.name}' và "
                    "cột 'Giới tính' để trống), nên không ai được ghi Ông/Bà. Ghi Giới tính cho người này.")
