"""Warnings on the words a decision would print, said before it is written:
an authority that is a title only or typed in capitals, a Về việc whose verb
is not the form's (Tặng / Công nhận), and persons without Ông/Bà while others
have it (then nobody gets it)."""
from __future__ import annotations

from .. import schema as S
from ..errors import ThiDuaError
from ..parsing import canonical_doc_number
from ..findings import WARNING
from ..vntext import fold
from .decision import authority_head, salutation_for, staff_index, staff_of
from .wording import GRANT, RECOGNISE, authority_of, verb


def _verb_in(summary: str) -> str:
    """The first of 'tặng' / 'công nhận' the Về việc says, or ''."""
    f = f" {fold(summary)} "
    found = sorted((f.find(w), v) for w, v in ((" tang ", GRANT), (" cong nhan ", RECOGNISE)) if w in f)
    return found[0][1] if found else ""


def _unsaluted(awards, index) -> list:
    """The award rows of named persons without Ông/Bà when others of the decision have one."""
    people = [a for a in awards if a["recipient_kind"] != S.COLLECTIVE and a.text("recipient")
              and not (isinstance(a["count"], int) and a["count"] > 1)]
    try:
        missing = [a for a in people if not salutation_for(a, staff_of(a, index))]
    except ThiDuaError:
        return []  # two staff of one name: the decision command stops and says so
    return missing if len(missing) < len(people) else []


def check_decision_wording(out) -> None:
    data = out.data
    by_number: dict[str, list] = {}
    for award in data.records.get("awards", []):
        by_number.setdefault(canonical_doc_number(award.text("decision_number")), []).append(award)
    index = None
    for rec in data.records.get("decisions", []):
        number = rec.text("number")
        awards = by_number.get(canonical_doc_number(number), []) if number else []
        if not awards:
            continue
        _, problem = authority_of(rec.text("authority_title"), authority_head(data, rec),
                                  data.info.get("unit_name") or "")
        if problem:
            out.add(S.DECISIONS, rec, "authority_title", WARNING, "DECISION_AUTHORITY_FORM", problem)
        form = rec["form"]
        said = _verb_in(rec.text("summary"))
        if form and said and said != verb(form):
            what = ("danh hiệu thi đua: quyết định ghi “công nhận”" if verb(form) == RECOGNISE else
                    "hình thức khen thưởng: quyết định ghi “tặng”")
            out.add(S.DECISIONS, rec, "summary", WARNING, "DECISION_VERB",
                    f"'Về việc' ghi '{said.lower()}' nhưng '{form}' là {what} ở Điều 1 và danh sách kèm theo. Sửa "
                    "'Về việc' cho thống nhất.")
        index = index or staff_index(data)
        for award in _unsaluted(awards, index):
            out.add(S.AWARDS, award, "gender", WARNING, "DECISION_SALUTATION_MISSING",
                    f"Quyết định {number}: chưa biết giới tính của '{award.text('recipient')}' (không có ở trang "
                    f"'{S.STAFF.name}' và cột 'Giới tính' để trống), nên không ai được ghi Ông/Bà. Ghi Giới tính cho "
                    "người này.")
