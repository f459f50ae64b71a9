"""Validation of the council sheets: a name under 'Vắng mặt' that is not a
member, a quorum that cannot be read, a council without its chairman, votes
that a council of this size cannot cast, and two meetings of one year when
a proposal does not say which."""
from __future__ import annotations

from .. import schema as S
from .votes import parse_share

ERROR, WARNING = "error", "warning"


def check_council(out) -> None:
    data = out.data
    if "council" not in data.sheet_names and "meetings" not in data.sheet_names:
        return
    from ..dossier.model import CHAIR, _members, unknown_absentees
    members = _members(data)
    if data.meetings and members and not any(m.role == CHAIR for m in members):
        out.add(S.COUNCIL, data.council[0], "role", WARNING, "COUNCIL_NO_CHAIR",
                "Hội đồng chưa có thành viên nào là 'Chủ tịch Hội đồng'; biên bản cần ghi người chủ trì.")
    for rec in data.meetings:
        for name in unknown_absentees(rec, members):
            out.add(S.MEETINGS, rec, "absent", WARNING, "MEETING_ABSENT_UNKNOWN",
                    f"'{name}' ghi vắng mặt nhưng không có ở trang '{S.COUNCIL.name}'.")
        raw = rec.raw.get("quorum")
        if raw not in (None, "") and parse_share(raw) is None:
            out.add(S.MEETINGS, rec, "quorum", ERROR, "QUORUM_UNREADABLE",
                    f"Túc số '{rec.text('quorum')}' không đọc được; ghi dạng 'từ 2/3' hoặc 'trên 50%'.")
    size = len(members)
    for rec in data.proposals:
        votes, total = rec["votes_for"], rec["votes_total"]
        if isinstance(votes, int) and size and votes > size:
            out.add(S.PROPOSALS, rec, "votes_for", ERROR, "VOTES_OVER_COUNCIL",
                    f"{votes} phiếu đồng ý nhiều hơn số thành viên Hội đồng ({size}).")
        elif isinstance(votes, int) and isinstance(total, int) and votes > total:
            out.add(S.PROPOSALS, rec, "votes_for", ERROR, "VOTES_OVER_TOTAL",
                    f"{votes} phiếu đồng ý nhiều hơn tổng số phiếu ({total}).")
