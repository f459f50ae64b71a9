"""The Danh sách đề nghị sheet across review runs: the review rewrites the
columns it computes (name, position, unit, title, summary, kind); what staff
typed after it (votes, meeting date, award type, notes) stays with its row,
matched by name and title, and a row the review no longer gives but that
carries typed votes is kept below, so no vote is ever lost."""
from __future__ import annotations

from .. import schema as S
from ..vntext import fold, nfc

COMPUTED = ("order", "subject", "position", "department", "form", "summary", "recipient_kind", "authority")
TYPED = tuple(c.key for c in S.PROPOSALS.columns if not c.computed and c.key not in COMPUTED)
_FORMS = S.vocabulary("award_form")


def _columns(header: list) -> dict[str, int]:
    out = {}
    for i, text in enumerate(header):
        if text is None:
            continue
        for col in S.PROPOSALS.columns:
            if col.key not in out and col.matches(str(text)):
                out[col.key] = i
                break
    return out


def _key(subject: object, form: object) -> tuple[str, str]:
    term = _FORMS.lookup(nfc(form))
    return fold(subject), term.value if term else fold(form)


def merge_typed(old: list[list], new: list[list]) -> list[list]:
    """``new`` (header and rows in PROPOSAL_HEADERS order) with the typed
    columns of ``old`` carried over."""
    if not old or not new:
        return new
    cols = _columns(list(old[0]))
    if "subject" not in cols or "form" not in cols:
        return new
    index = {c.key: i for i, c in enumerate(S.PROPOSALS.columns)}
    typed: dict[tuple[str, str], tuple[dict, dict]] = {}
    for row in old[1:]:
        cells = {k: (row[i] if i < len(row) else None) for k, i in cols.items()}
        if not nfc(cells.get("subject")).strip():
            continue
        values = {k: cells.get(k) for k in TYPED}
        if any(v not in (None, "") for v in values.values()):
            typed.setdefault(_key(cells.get("subject"), cells.get("form")), (values, cells))
    out = [list(new[0])]
    for row in new[1:]:
        row = list(row) + [None] * (len(new[0]) - len(row))
        found = typed.pop(_key(row[index["subject"]], row[index["form"]]), None)
        if found:
            for k, v in found[0].items():
                row[index[k]] = v
        out.append(row)
    for values, cells in typed.values():  # typed votes of a row the review no longer gives
        row = [None] * len(new[0])
        for k in COMPUTED:
            row[index[k]] = cells.get(k)
        for k, v in values.items():
            row[index[k]] = v
        row[index["authority"]] = authority_text(cells.get("form"))
        row[index["order"]] = len(out)
        out.append(row)
    return out


def authority_text(title: str) -> str:
    """'Đơn vị quyết định (khoản 1 Điều 80 …)' or 'Đề nghị Chủ tịch Ủy ban nhân dân tỉnh (Điều 79 …)'."""
    from ..awards.authority import COMMUNE, UNIT, grantor
    term = _FORMS.lookup(nfc(title))
    granted = grantor(term.value) if term else None
    if granted is None:
        return ""
    if granted.level in (UNIT, COMMUNE):
        return f"Đơn vị quyết định ({granted.basis})"
    return f"Đề nghị {granted.who} ({granted.basis})"


def own_first(title: str) -> int:
    """0 for a title the unit grants itself, 1 for one it proposes upward (the list is split so)."""
    return 0 if authority_text(title).startswith("Đơn vị") else 1
