"""Vote thresholds and the quorum, as data with their basis and status.

The workbook's Tiêu chuẩn sheet holds the threshold of each title (columns
'Tỷ lệ phiếu đồng ý', 'Căn cứ tỷ lệ phiếu'), filled from these defaults when
a workbook is made; the workbook's values win. A workbook made before these
columns existed uses the defaults, and says so. The texts of Nghị định
152/2025/NĐ-CP on voting could not be read here: every default says so."""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from .. import schema as S
from ..records import Record, WorkbookData
from ..vntext import fold, nfc, strip_marks

UNVERIFIED = ("Chưa đối chiếu được nguyên văn Nghị định 152/2025/NĐ-CP về tỷ lệ phiếu; hãy đối chiếu và sửa ô "
              "ngưỡng theo văn bản và Quy chế hoạt động của Hội đồng")
TOOL_DEFAULT = ("Mặc định của công cụ (quá bán), không phải quy định của Luật hay Nghị định; sửa theo Quy chế hoạt "
                "động của Hội đồng")

# form -> (share, basis); the base is the whole council ("tính trên tổng số thành viên Hội đồng")
DEFAULT_VOTE_RULES: dict[str, tuple[str, str]] = {
    "Chiến sĩ thi đua cơ sở": ("từ 70%", UNVERIFIED),
    "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh": ("từ 90%", UNVERIFIED),
    "Chiến sĩ thi đua toàn quốc": ("từ 90%", UNVERIFIED),
    "Lao động tiên tiến": ("trên 50%", TOOL_DEFAULT),
    "Tập thể lao động tiên tiến": ("trên 50%", TOOL_DEFAULT),
    "Tập thể lao động xuất sắc": ("trên 50%", TOOL_DEFAULT),
    "Bằng khen cấp bộ, ban, ngành, tỉnh": ("trên 50%", TOOL_DEFAULT),
    "Cờ thi đua cấp bộ, ban, ngành, tỉnh": ("trên 50%", TOOL_DEFAULT),
    "Giấy khen": ("trên 50%", TOOL_DEFAULT),
}
DEFAULT_QUORUM = "từ 2/3"
QUORUM_BASIS = ("Túc số theo Quy chế hoạt động của Hội đồng (mặc định của công cụ: từ 2/3 tổng số thành viên; "
                "không phải quy định của Luật hay Nghị định — ghi túc số của Quy chế ở cột 'Túc số' trang Phiên họp)")


@dataclass(frozen=True)
class Share:
    """'từ 70%' (at least), 'trên 50%' (more than), 'từ 2/3'."""
    value: Fraction
    strict: bool
    text: str

    def met(self, part: int, whole: int) -> bool:
        if whole <= 0:
            return False
        got = Fraction(part, whole)
        return got > self.value if self.strict else got >= self.value


_SHARE = re.compile(r"^(tren|hon|lon hon|>=|>|tu|it nhat|toi thieu)?\s*(\d+(?:[.,]\d+)?)\s*(%|/\s*(\d+))?$")


def parse_share(raw: object) -> Share | None:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        value = Fraction(str(raw)) if raw <= 1 else Fraction(str(raw)) / 100
        return Share(value, False, f"từ {float(value) * 100:g}%")
    text = nfc(raw).strip()
    key = " ".join(strip_marks(text.replace("≥", ">=")).lower().split())
    m = _SHARE.match(key)
    if not m:
        return None
    number = Fraction(m.group(2).replace(",", "."))
    if m.group(4):
        if int(m.group(4)) == 0:
            return None
        value = number / int(m.group(4))
    elif m.group(3) == "%" or number > 1:
        value = number / 100
    else:
        value = number
    if not 0 < value <= 1:
        return None
    return Share(value, m.group(1) in ("tren", "hon", "lon hon", ">"), text)


@dataclass(frozen=True)
class VoteRule:
    form: str
    share: Share | None   # None: the cell is there but unreadable or blank
    basis: str
    where: str            # "trang Tiêu chuẩn, dòng 5" or "mặc định của công cụ"
    raw: str = ""


def with_vote_thresholds(rows: list[dict]) -> list[dict]:
    """The Tiêu chuẩn rows of a new workbook with their vote threshold."""
    vocab = S.vocabulary("award_form")
    out, seen = [], set()
    for row in rows:
        term = vocab.lookup(row.get("title") or "")
        rule = DEFAULT_VOTE_RULES.get(term.value) if term else None
        if rule and term.value not in seen:
            seen.add(term.value)
            row = {**row, "vote_share": rule[0], "vote_basis": rule[1]}
        out.append(row)
    for form, (share, basis) in DEFAULT_VOTE_RULES.items():
        if form not in seen:
            out.append({"title": form, "rule": "Dòng dùng cho ngưỡng bỏ phiếu của Hội đồng.",
                        "basis": "Luật Thi đua, khen thưởng 06/2022/QH15", "vote_share": share, "vote_basis": basis})
    return out


def vote_rule(data: WorkbookData, form: str) -> VoteRule | None:
    """The threshold of ``form``: the first Tiêu chuẩn row of that form with a
    threshold; the default when the sheet has no threshold column at all."""
    loc = data.locations.get("standards")
    if loc is None or "vote_share" not in loc.columns:
        rule = DEFAULT_VOTE_RULES.get(form)
        return VoteRule(form, parse_share(rule[0]), rule[1], "mặc định của công cụ", rule[0]) if rule else None
    vocab = S.vocabulary("award_form")
    rows: list[Record] = [r for r in data.standards if (vocab.lookup(r.text("title")) or None) is not None
                          and vocab.lookup(r.text("title")).value == form]
    for rec in rows:
        raw = rec.raw.get("vote_share")
        if raw is not None and nfc(raw).strip():
            return VoteRule(form, parse_share(raw), rec.text("vote_basis"),
                            f"trang '{S.STANDARDS.name}', dòng {rec.row}", nfc(raw).strip())
    return None


def quorum_of(meeting: Record | None) -> tuple[Share | None, str, str]:
    """(share, as typed, basis) of a meeting's quorum; the tool's default when its cell is blank."""
    raw = meeting.raw.get("quorum") if meeting is not None else None
    if raw is None or not nfc(raw).strip():
        return parse_share(DEFAULT_QUORUM), DEFAULT_QUORUM, QUORUM_BASIS
    return parse_share(raw), nfc(raw).strip(), f"Quy chế hoạt động của Hội đồng (trang '{S.MEETINGS.name}', " \
                                                f"dòng {meeting.row})"


def percent_text(part: int, whole: int) -> str:
    if whole <= 0:
        return ""
    value = round(100 * part / whole, 2)
    return (f"{value:.2f}".rstrip("0").rstrip(".")).replace(".", ",") + "%"


__all__ = ["Share", "parse_share", "VoteRule", "vote_rule", "with_vote_thresholds", "quorum_of", "percent_text",
           "DEFAULT_VOTE_RULES", "fold"]
